"""The one way every command gets a document: read the source, split its chapters (and,
with the language layer, annotate it once), so every format sees the same reading."""

from __future__ import annotations

from pathlib import Path

from converter.config import Style
from converter.model import Document
from converter.readers import read_document


def load_document(source: Path, style: Style, split_level: int | None = None) -> Document:
    """The document of `source`. `split_level` is --split-level (None: converter.toml's)."""
    return read_document(Path(source), style.split_level(split_level))
