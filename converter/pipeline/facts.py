"""Add measured facts to a built format without rebuilding it (e.g. `audio verify`'s word
error rates), through the same journaled commit as a build, under the build lock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from converter.errors import InputError
from converter.pipeline.locks import build_lock
from converter.pipeline.manifest import load_manifest, validate_manifest
from converter.pipeline.transaction import commit


def update_facts(doc_dir: Path, format_name: str,
                 change: Callable[[dict[str, Any]], None]) -> None:
    """Apply `change` to the format's facts and commit the manifest (no files move)."""
    with build_lock(doc_dir):
        manifest = load_manifest(doc_dir)
        if not manifest or format_name not in manifest.get("formats", {}):
            raise InputError(f"{doc_dir.name} has no {format_name} output; build it first.")
        change(manifest["formats"][format_name]["facts"])
        validate_manifest(manifest)
        commit(doc_dir, [], [], manifest)
