"""Distinct document ids for distinct sources.

A document's id is the slug of its file name, as long as no other source owns that folder
of output/. When `housing/policy.md` already owns `output/policy/`, `transport/policy.md`
gets `policy-<8 hex of its folder's path>`, so neither replaces the other and each keeps the
same id on every build. A source whose recorded file no longer exists but has the same name
is taken to have moved and keeps the id.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from converter.errors import InputError
from converter.model import Document
from converter.pipeline.manifest import ManifestError, load_manifest
from converter.pipeline.paths import printable


def assign_id(output_dir: Path, document: Document) -> Document:
    """The document with the id it is (or will be) stored under in output_dir."""
    source = Path(document.source)
    digest = hashlib.sha256(str(source.parent).encode("utf-8", "surrogatepass")).hexdigest()
    base = document.id
    owner = ""
    for candidate in (base, f"{base}-{digest[:8]}"):
        owner = _owner(output_dir / candidate)
        if not owner or _same_source(Path(owner), source):
            return dataclasses.replace(document, id=candidate)
    raise InputError(f"{printable(source)} and {printable(owner)} would both be stored as "
                     f"'{base}'; rename one of the files.")


def _owner(doc_dir: Path) -> str:
    """The source recorded for a document folder ('' when free or its manifest is damaged:
    the build sets a damaged manifest aside)."""
    try:
        manifest = load_manifest(doc_dir)
    except ManifestError:
        return ""
    return manifest["document"]["source"] if manifest else ""


def _same_source(owner: Path, source: Path) -> bool:
    if owner.name != source.name:
        return False
    if not owner.is_absolute():  # written before sources were recorded in full
        return True
    return owner == source or not owner.exists()
