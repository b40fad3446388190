"""The seam between the orchestrator and the formats.

A format takes a `Document` and a `Style` and writes files into a staging folder. It never
parses sources, and the orchestrator never knows a format's internals: it only hashes
inputs, moves files into place and records them in the manifest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from converter.config import Style
from converter.hashing import sha256_file
from converter.model import Document


@dataclass(frozen=True)
class OutputFile:
    """One file of a format. `path` is relative to the format folder.

    `staged` is the new file in the staging folder, or None when the file from the last
    build is kept as it is (an unchanged chapter). `unit` groups files that are rebuilt
    together (one chapter's audio); `extra` is recorded in the manifest entry.
    """

    path: str
    role: str
    staged: Path | None = None
    unit: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class FormatResult:
    files: list[OutputFile]
    facts: dict[str, Any] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Requirement:
    """Read access to a format this one `requires`, built before it in the same build.

    `files` maps a path relative to that format's folder to the file on disk: the staged
    file when it was rebuilt now, else the committed one. Never write to them.
    """

    facts: dict[str, Any]
    files: dict[str, Path]


@dataclass
class BuildContext:
    document: Document
    style: Style
    staging: Path
    current: Path
    previous: dict[str, Any] | None
    source_dir: Path
    jobs: int = 1
    force: bool = False
    progress: Callable[[str], None] = lambda message: None
    required: dict[str, Requirement] = field(default_factory=dict)

    def reusable(self, unit: str, unit_sha256: str) -> list[OutputFile] | None:
        """The previous build's files for `unit`, if its inputs are unchanged and every file
        is still on disk with the recorded hash; else None (rebuild it)."""
        if self.force or not self.previous:
            return None
        if self.previous.get("units", {}).get(unit) != unit_sha256:
            return None
        kept = []
        for entry in self.previous.get("files", []):
            if entry.get("unit") != unit:
                continue
            relative = entry["path"].split("/", 1)[1]
            path = self.current / relative
            if not path.is_file() or sha256_file(path) != entry["sha256"]:
                return None
            extra = {k: v for k, v in entry.items()
                     if k not in ("path", "sha256", "bytes", "role", "unit")}
            kept.append(OutputFile(path=relative, role=entry["role"], unit=unit, extra=extra))
        return kept or None

    def stage(self, relative: str) -> Path:
        path = self.staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


class Format(Protocol):
    name: str
    description: str
    # Formats whose files and facts this one reads (the EPUB reads the audio). Optional: the
    # orchestrator builds them first in the same build and passes `BuildContext.required`.
    requires: tuple[str, ...]

    def inputs_sha256(self, document: Document, style: Style, source_dir: Path) -> str:
        """Hash of everything the output depends on; equal hash means nothing to rebuild."""

    def build(self, context: BuildContext) -> FormatResult: ...

    def status_notes(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        """Extra staleness a format knows of (an Easy Read script drafted from old text)."""
