"""The bytes of a document's pictures, for the web edition and large print to embed.

Pictures inside a Word package are read from the package by their part name; a Markdown
picture is read only when it is a file beside the source (never above it). Nothing is
fetched from the network: an external picture is described by its alt text instead.
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from pathlib import Path, PurePosixPath

from converter.model import Document, Image

MIME_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".gif": "image/gif", ".webp": "image/webp", ".svg": "image/svg+xml"}
MAX_IMAGE_BYTES = 10 * 2**20  # a picture bigger than this is described, not embedded
WORD_SUFFIXES = (".docx", ".docm")


def image_data(document: Document, image: Image) -> tuple[str, bytes] | None:
    """(MIME type, bytes) of a picture, or None when it cannot be embedded."""
    if image.external or not image.target or "://" in image.target:
        return None
    mime = MIME_TYPES.get(PurePosixPath(image.target).suffix.lower())
    if mime is None:
        return None
    source = Path(document.source)
    try:
        if source.suffix.lower() in WORD_SUFFIXES:
            data = _from_package(source, image.target)
        else:
            data = _beside(source, image.target)
    except (OSError, zipfile.BadZipFile, KeyError):
        return None
    return (mime, data) if data else None


def _from_package(source: Path, target: str) -> bytes | None:
    # The reader gives part names ("word/media/image1.png"); a relationship target as
    # written is relative to word/.
    with zipfile.ZipFile(source) as package:
        names = set(package.namelist())
        name = target.lstrip("/")
        if name not in names:
            name = posixpath.normpath(posixpath.join("word", target))
        info = package.getinfo(name)
        if info.file_size > MAX_IMAGE_BYTES:
            return None
        return package.read(info)


def _beside(source: Path, target: str) -> bytes | None:
    folder = source.resolve().parent
    path = (folder / target).resolve()
    if folder not in path.parents or not path.is_file():
        return None
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return None
    return path.read_bytes()


def images_of(document: Document) -> list[Image]:
    return [block for chapter in document.chapters for block in chapter.blocks
            if isinstance(block, Image)]


def pictures_sha256(document: Document) -> list[str | None]:
    """A hash of each picture's bytes, so a replaced picture makes its editions stale."""
    hashes: list[str | None] = []
    for image in images_of(document):
        data = image_data(document, image)
        hashes.append(hashlib.sha256(data[1]).hexdigest() if data else None)
    return hashes
