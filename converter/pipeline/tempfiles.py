"""Temporary files of a build live in one folder that is removed however the build ends.

During a build, `tempfile` (and every engine or ffmpeg process it starts, through TMPDIR)
writes under one `converter-build-*` folder. It is removed when the build ends, and on
SIGTERM too: the handler removes it and the unfinished staging work, then exits with 143.
That is the same state a kill -9 leaves (the journal rolls a committed build forward), minus
the temporary files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def temporary_root(on_terminate: Callable[[], None] = lambda: None) -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="converter-build-"))
    saved_dir, saved_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = str(root)
    os.environ["TMPDIR"] = str(root)
    in_main = threading.current_thread() is threading.main_thread()
    saved_handler = None

    def terminate(signum, frame) -> None:  # noqa: ARG001 - signal handler signature
        _remove_while_threads_run(root)
        with contextlib.suppress(Exception):
            on_terminate()
        os._exit(128 + signal.SIGTERM)

    if in_main:
        saved_handler = signal.signal(signal.SIGTERM, terminate)
    try:
        yield root
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, saved_handler)
        tempfile.tempdir = saved_dir
        if saved_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_env
        shutil.rmtree(root, ignore_errors=True)


def _remove_while_threads_run(root: Path) -> None:
    """Remove `root` although worker threads and engines may still be writing into it.

    A file created while rmtree walks the folder would survive it, so the folder is first
    renamed away: after that no thread or child process can reach it by its old path."""
    doomed = root.with_name(root.name + ".removing")
    try:
        os.rename(root, doomed)
    except OSError:
        doomed = root
    for _ in range(3):
        shutil.rmtree(doomed, ignore_errors=True)
        if not doomed.exists():
            return
