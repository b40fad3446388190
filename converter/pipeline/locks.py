"""File locks so two builds of one document never interleave, and readers see whole builds.

Each document has two locks: a build lock, held by a build from start to end, and a commit
lock, held exclusively only while finished files are moved into place and shared by `fetch`
while it copies, so a fetch during a build gets the last complete version.

The lock files live in `output/.locks/` (`<id>.build.lock`, `<id>.commit.lock`), not in the
document's folder, so that folder holds only what the manifest lists. They stay after the
lock is released: removing a lock file while another process waits on it would let a third
process lock a new file of the same name, and two builds would run at once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from converter.pipeline.paths import no_link

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _open_lock_file(path: Path):
    """Open (creating) a lock file without following a link planted in its place."""
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o644)
    except OSError as error:
        if path.is_symlink():
            no_link(path, "lock file")
        raise error
    return os.fdopen(descriptor, "a+")


@contextlib.contextmanager
def file_lock(path: Path, shared: bool = False,
              on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    no_link(path.parent, "lock folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = _open_lock_file(path)
    try:
        if fcntl is not None:
            mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
            try:
                fcntl.flock(handle, mode | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait:
                    on_wait()
                fcntl.flock(handle, mode)
        else:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        yield
    finally:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


LOCKS = ".locks"


def lock_path(doc_dir: Path, kind: str) -> Path:
    """The lock file of one document: beside its folder, in output/.locks/."""
    return doc_dir.parent / LOCKS / f"{doc_dir.name}.{kind}.lock"


def remove_old_lock_files(doc_dir: Path) -> None:
    """Versions before output/.locks/ kept their lock files in the document's folder; the
    build that holds the new lock removes them (a link there is removed, never followed)."""
    for name in (".build.lock", ".commit.lock"):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            (doc_dir / name).unlink()


@contextlib.contextmanager
def try_build_lock(doc_dir: Path) -> Iterator[bool]:
    """Take the build lock if no build holds it; yield whether it was taken."""
    path = lock_path(doc_dir, "build")
    no_link(path.parent, "lock folder")
    path.parent.mkdir(exist_ok=True)
    if fcntl is None:  # pragma: no cover - Windows: assume a build may be running
        yield False
        return
    with _open_lock_file(path) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_lock(doc_dir: Path, on_wait: Callable[[], None] | None = None):
    return file_lock(lock_path(doc_dir, "build"), on_wait=on_wait)


def commit_lock(doc_dir: Path, shared: bool = False):
    return file_lock(lock_path(doc_dir, "commit"), shared=shared)


def catalogue_lock(output_dir: Path):
    return file_lock(output_dir / LOCKS / "catalogue.lock")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()  # a leftover (or a planted link) is removed, never written through
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW
        with os.fdopen(os.open(temporary, flags, 0o644), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
