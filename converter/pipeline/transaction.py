"""Atomic commit of a build: staged files and the new manifest land together or not at all.

A build writes new files under `<doc>/.staging/`. To commit it writes `.transaction.json`
(the commit point: the moves, the deletions and the new manifest), then moves files into
place, deletes files no longer listed, writes manifest.json and removes the journal.
If the process dies before the commit point, the staging folder is thrown away and the last
good outputs and manifest are untouched; if it dies after, the next command to touch the
folder rolls the journal forward. Either way the manifest ends true.

Only journals this converter wrote are replayed: each carries an HMAC-SHA256 made with a
random per-output-folder key (`output/.converter-key`, mode 600) and bound to its document's
id. A journal without a valid MAC (planted, copied from another output folder, edited) is
refused and left alone, and even a valid one is checked path by path through the gate
(`paths.confined`) before anything is moved or deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from converter.pipeline.locks import commit_lock, try_build_lock, write_atomic
from converter.pipeline.manifest import MANIFEST, ManifestError, check_manifest, dump_manifest
from converter.pipeline.paths import UnsafePathError, confined, no_link, printable

JOURNAL = ".transaction.json"
STAGING = ".staging"
KEY = ".converter-key"
MAX_JOURNAL_BYTES = 64 * 1024 * 1024


def staging_dir(doc_dir: Path) -> Path:
    return doc_dir / STAGING


def commit(doc_dir: Path, moves: list[tuple[str, str]], deletes: list[str],
           manifest: dict[str, Any]) -> None:
    """moves: (staged path relative to doc_dir, final path relative to doc_dir)."""
    journal: dict[str, Any] = {"moves": moves, "deletes": deletes, "manifest": manifest}
    journal["mac"] = _mac(_key(doc_dir.parent, create=True), doc_dir.name, journal)
    with commit_lock(doc_dir):
        _check(doc_dir, journal)
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
    no_link(doc_dir, "output folder")
    if journal_path.exists() or journal_path.is_symlink():
        with commit_lock(doc_dir):
            if journal_path.exists() or journal_path.is_symlink():
                # write_atomic never leaves a torn journal, so one that does not verify was
                # not written by this converter for this folder: refuse it, touch nothing.
                journal = _trusted(doc_dir, journal_path)
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


def _key(output_dir: Path, create: bool = False) -> bytes | None:
    """The output folder's journal key (made on first use), or None when there is none."""
    path = output_dir / KEY
    no_link(path, "journal key")
    if create and not path.exists():
        # Written whole under a private name, then linked into place: a concurrent build
        # never reads a half-written key, and the first key made wins.
        temporary = output_dir / f"{KEY}.{os.getpid()}.tmp"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(temporary, flags, 0o600)
        try:
            os.write(handle, secrets.token_hex(32).encode("ascii"))
            os.fsync(handle)
        finally:
            os.close(handle)
        try:
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            temporary.unlink()
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        return None
    return key if len(key) == 64 else None


def _mac(key: bytes | None, doc_id: str, journal: dict[str, Any]) -> str:
    if key is None:
        raise UnsafePathError("the output folder's journal key is missing or damaged.")
    body = {name: journal.get(name) for name in ("moves", "deletes", "manifest")}
    message = json.dumps([doc_id, body], sort_keys=True, ensure_ascii=True).encode("ascii")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _trusted(doc_dir: Path, journal_path: Path) -> dict[str, Any]:
    """The journal, if this converter wrote it for this folder and every path is confined."""
    refusal = (f"{printable(journal_path)} was not written by this converter for this "
               "folder; it was refused and left alone. Check it, then delete it to go on.")
    no_link(journal_path, "journal")
    try:
        if journal_path.stat().st_size > MAX_JOURNAL_BYTES:
            raise ValueError("too large")
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
        stored = journal["mac"]
        expected = _mac(_key(doc_dir.parent), doc_dir.name, journal)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnsafePathError):
        raise UnsafePathError(refusal) from None
    if not isinstance(stored, str) or not hmac.compare_digest(stored, expected):
        raise UnsafePathError(refusal)
    _check(doc_dir, journal)
    return journal


def _check(doc_dir: Path, journal: dict[str, Any]) -> None:
    """Every move and delete stays in the folder with no link on the way; else refuse all."""
    where = f"{printable(doc_dir / JOURNAL)}"
    try:
        moves, deletes = list(journal["moves"]), list(journal["deletes"])
        check_manifest(journal["manifest"], doc_dir.name, where)
        pairs = [(str(staged), str(final)) for staged, final in moves]
    except (KeyError, TypeError, ValueError, ManifestError):
        raise UnsafePathError(f"{where} is damaged; it was refused and left alone.") from None
    for staged, final in pairs:
        if not staged.startswith(f"{STAGING}/") or final.startswith(f"{STAGING}/"):
            raise UnsafePathError(f"{where}: a move from '{printable(staged)}' to "
                                  f"'{printable(final)}' is not a staged file; refused.")
        confined(doc_dir, staged, where)
        confined(doc_dir, final, where)
    for relative in deletes:
        confined(doc_dir, relative, where)
        if str(relative).startswith(".") or "/" not in str(relative):
            raise UnsafePathError(f"{where}: deleting '{printable(relative)}' is not an "
                                  "output file; refused.")


def _apply(doc_dir: Path, journal: dict[str, Any]) -> None:
    for staged, final in journal["moves"]:
        source, target = doc_dir / staged, doc_dir / final
        if source.exists():
            confined(doc_dir, final, "journal")  # re-checked just before each write
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for relative in journal["deletes"]:
        path = confined(doc_dir, relative, "journal")
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        _remove_empty_parents(doc_dir, path.parent)
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
