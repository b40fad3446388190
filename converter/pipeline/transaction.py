"""Atomic commit of a build: staged files and the new manifest land together or not at all.

A build writes new files under `<doc>/.staging/`. To commit it writes `.transaction.json`
(the commit point: the moves, the deletions and the new manifest), then moves files into
place, deletes files no longer listed, writes manifest.json and removes the journal.
If the process dies before the commit point, the staging folder is thrown away and the last
good outputs and manifest are untouched; if it dies after, the next command to touch the
folder rolls the journal forward. Either way the manifest ends true.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from converter.pipeline.locks import commit_lock, try_build_lock, write_atomic
from converter.pipeline.manifest import MANIFEST, dump_manifest

JOURNAL = ".transaction.json"
STAGING = ".staging"


def staging_dir(doc_dir: Path) -> Path:
    return doc_dir / STAGING


def commit(doc_dir: Path, moves: list[tuple[str, str]], deletes: list[str],
           manifest: dict[str, Any]) -> None:
    """moves: (staged path relative to doc_dir, final path relative to doc_dir)."""
    journal = {"moves": moves, "deletes": deletes, "manifest": manifest}
    with commit_lock(doc_dir):
        write_atomic(doc_dir / JOURNAL, json.dumps(journal).encode("utf-8"))
        _apply(doc_dir, journal)


def recover(doc_dir: Path, holding_build_lock: bool = False) -> str | None:
    """Finish or discard an interrupted build. Returns what was done, for messages.

    A pending journal is rolled forward under the commit lock (a live build holds that lock
    while it commits, so this waits for it). A staging folder is discarded only when no
    build is running: it may be a live build's work in progress.
    """
    if not doc_dir.is_dir():
        return None
    journal_path = doc_dir / JOURNAL
    done = None
    if journal_path.exists():
        with commit_lock(doc_dir):
            if journal_path.exists():
                try:
                    journal = json.loads(journal_path.read_text(encoding="utf-8"))
                except ValueError:
                    journal_path.unlink()  # torn before the commit point: never applied
                    journal = None
                if journal:
                    _apply(doc_dir, journal)
                    done = "completed an interrupted build"
    staging = staging_dir(doc_dir)
    if staging.exists():
        if holding_build_lock:
            shutil.rmtree(staging, ignore_errors=True)
            return done or "discarded an unfinished build"
        with try_build_lock(doc_dir) as idle:
            if idle and staging.exists() and not (doc_dir / JOURNAL).exists():
                shutil.rmtree(staging, ignore_errors=True)
                done = done or "discarded an unfinished build"
    return done


def _apply(doc_dir: Path, journal: dict[str, Any]) -> None:
    for staged, final in journal["moves"]:
        source, target = doc_dir / staged, doc_dir / final
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for relative in journal["deletes"]:
        with contextlib.suppress(FileNotFoundError):
            (doc_dir / relative).unlink()
        _remove_empty_parents(doc_dir, (doc_dir / relative).parent)
    write_atomic(doc_dir / MANIFEST, dump_manifest(journal["manifest"]))
    (doc_dir / JOURNAL).unlink()
    shutil.rmtree(staging_dir(doc_dir), ignore_errors=True)


def _remove_empty_parents(root: Path, folder: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
