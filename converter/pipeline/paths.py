"""The one gate for every path read back from output/.

Manifest entries, journal moves and deletes, and the files `fetch` hands out are all named
by text that was read from disk, so they are treated as hostile: each must be a plain
relative path that stays inside the document's folder, and no folder or file on the way may
be a symbolic link (a link would let a write or a delete land outside output/).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from converter.errors import InputError


class UnsafePathError(InputError):
    """A path read back from output/ leaves the document's folder or passes a link. Exit 2."""


def printable(text: object, limit: int = 120) -> str:
    """Text safe to print on one terminal line: control characters become '?'."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 3] + "..."


def check_relative(relative: object, what: str) -> PurePosixPath:
    """The stored path as a clean relative path, or UnsafePathError naming it."""
    if not isinstance(relative, str) or not relative:
        raise UnsafePathError(f"{what}: {printable(relative)!s} is not a file path; refused.")
    pure = PurePosixPath(relative)
    if (pure.is_absolute() or "\\" in relative or "\x00" in relative or ":" in pure.parts[0]
            or any(part in ("..", ".", "") for part in relative.split("/"))):
        raise UnsafePathError(f"{what}: '{printable(relative)}' points outside the document's "
                              "folder; refused and left alone.")
    return pure


def no_link(path: Path, what: str) -> None:
    """Refuse `path` if it is a symbolic link (or a junction on Windows)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode) or (hasattr(path, "is_junction") and path.is_junction()):
        raise UnsafePathError(f"{what}: {printable(path)} is a symbolic link; refused "
                              "(links are never followed in the output folder). Remove it.")


def confined(root: Path, relative: object, what: str) -> Path:
    """root / relative, refused unless it stays in root with no link on the way.

    `root` is the document's folder: it must not be a link itself. Parts that do not exist
    yet are fine (a build creates them); a part that exists must be a real folder or file.
    """
    pure = check_relative(relative, what)
    no_link(root, what)
    path = root
    for part in pure.parts:
        path = path / part
        no_link(path, what)
    return path


def scan_for_links(root: Path, what: str) -> None:
    """Refuse if anything under root (root included) is a symbolic link."""
    no_link(root, what)
    if not root.is_dir():
        return
    for folder, folders, files in os.walk(root, followlinks=False):
        for name in [*folders, *files]:
            no_link(Path(folder) / name, what)
