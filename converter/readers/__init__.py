"""Readers: turn a source file into one `Document`, whatever its format."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from lxml import etree

from converter.chapters import split_chapters
from converter.errors import InputError
from converter.hashing import sha256_file
from converter.model import Document, Heading, ReadResult
from converter.readers.title import guess_title
from converter.slug import slugify

MAX_SOURCE_BYTES = 100 * 1024 * 1024
# Text, not file size, is what a build's memory follows (Easy Read and large print hold
# about 19 MB per MB of text; README "Performance"): 20 MB of text, some 3.4 million words,
# keeps a whole build near 500 MB. The longest policy in the test corpus has 15,000 words.
MAX_TEXT_CHARS = 20 * 1024 * 1024
DOCX_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text"}
SUPPORTED = "Word (.docx), Markdown (.md) or plain text (.txt)"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Files people pick by mistake for a master, by their first bytes: what to do instead.
OTHER_FORMATS = ((b"%PDF", "a PDF"), (b"{\\rtf", "an RTF document"), (b"\x89PNG", "a PNG picture"),
                 (b"\xff\xd8\xff", "a JPEG picture"), (b"GIF8", "a GIF picture"))
DEFAULT_LANGUAGE = "en-GB"
READ_ERRORS = (ValueError, LookupError, UnicodeError, RecursionError, EOFError,
               zipfile.BadZipFile, zipfile.LargeZipFile, etree.LxmlError)


def read_document(path: Path, split_level: int | None = None) -> Document:
    """Read a source file into a Document, or raise InputError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"No such file: {path}")
    if not path.is_file():
        raise InputError(f"{path} is not a file.")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path.name} is empty.")
    if size > MAX_SOURCE_BYTES:
        raise InputError(f"{path.name} is {size // 2**20} MB; the limit is "
                         f"{MAX_SOURCE_BYTES // 2**20} MB.")
    with open(path, "rb") as handle:
        head = handle.read(8)
    try:
        result = _read_by_kind(path, head)
    except InputError:
        raise
    except READ_ERRORS as error:
        # A reader met a value it cannot use: say so about the input, in one line.
        if os.environ.get("CONVERTER_DEBUG"):
            raise
        detail = " ".join(str(error).split())[:120]
        raise InputError(f"{path.name} could not be read ({type(error).__name__}: {detail}); "
                         "it may be damaged: open it and save it again.") from None
    return build_document(result, path, sha256_file(path), split_level)


def _read_by_kind(path: Path, head: bytes) -> ReadResult:
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        if _is_encrypted_ole(path):
            raise InputError(
                f"{path.name} is password-protected. Open it in Word, remove the password "
                "(File > Info > Protect Document > Encrypt with Password, clear it) and save a copy."
            )
        raise InputError(
            f"{path.name} is an old binary Word (.doc) file. Open it in Word and "
            "Save As 'Word Document (.docx)', then convert that."
        )
    for magic, kind in OTHER_FORMATS:
        if head.startswith(magic):
            raise InputError(f"{path.name} is {kind}; converter reads {SUPPORTED}. Use the "
                             "master in one of those (Word: File > Save As > Word Document).")
    if suffix in DOCX_SUFFIXES or (head.startswith(ZIP_MAGIC) and suffix not in TEXT_SUFFIXES
                                   | MARKDOWN_SUFFIXES):
        if not head.startswith(ZIP_MAGIC):
            raise InputError(f"{path.name} is not a Word document (it is not a zip package).")
        from converter.readers.docx import read_docx

        return read_docx(path)
    if suffix in MARKDOWN_SUFFIXES:
        from converter.readers.markdown import read_markdown

        return read_markdown(path)
    if suffix in TEXT_SUFFIXES:
        from converter.readers.text import read_text

        return read_text(path)
    if suffix == ".doc":
        raise InputError(f"{path.name} is not a readable Word file; save it as .docx.")
    raise InputError(f"{path.name}: unsupported file type '{suffix or 'none'}'. Use {SUPPORTED}.")


def _is_encrypted_ole(path: Path) -> bool:
    # Encrypted .docx files are OLE containers with an "EncryptionInfo" stream (MS-OFFCRYPTO).
    marker = "EncryptionInfo".encode("utf-16-le")
    with open(path, "rb") as handle:
        return marker in handle.read(4 * 1024 * 1024)


def build_document(result: ReadResult, path: Path, digest: str,
                   split_level: int | None = None) -> Document:
    if not any(block.text.strip() for block in result.blocks) and not any(
        note.text.strip() for note in result.notes
    ):
        raise InputError(f"{path.name} has no text to convert.")
    bare = "" if result.notes or any(block.text.strip() and not isinstance(block, Heading)
                                     for block in result.blocks) else \
        "it has headings but no text under them: every edition holds only the headings"
    characters = sum(len(block.text) for block in result.blocks)
    characters += sum(len(note.text) for note in result.notes)
    if characters > MAX_TEXT_CHARS:
        raise InputError(
            f"{path.name} holds {characters / 2**20:.1f} MB of text; the limit is "
            f"{MAX_TEXT_CHARS // 2**20} MB (about 3.4 million words), which keeps a build's "
            "memory bounded. Split the master into smaller documents.")
    title, chapters = split_chapters(result, split_level)
    title, guessed = clean_title(title), ""
    if not title:
        title, guessed = guess_title(result.blocks, path)
        title = clean_title(title) or "Untitled"
    from converter.language.placeholders import placeholder_warning, placeholders

    unfilled = placeholder_warning(placeholders(
        [title] + [block.text for block in result.blocks] + [note.text for note in result.notes]))
    return Document(
        id=slugify(path.stem),
        title=title,
        language=_language(result.language),
        source=str(path.resolve()),  # absolute: read back from any working folder
        source_sha256=digest,
        chapters=tuple(chapters),
        author=result.author,
        organisation=result.organisation,
        date=result.date,
        modified=result.modified,
        warnings=result.warnings + tuple(filter(None, (guessed, unfilled, bare))),
        directives=result.directives,
    )


MAX_TITLE = 300


def clean_title(text: str) -> str:
    """A title fit for PDFs, tags and web pages: no control characters, one line, bounded."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text or "")
    title = " ".join(printable.split())
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def _language(value: str) -> str:
    value = (value or "").strip().replace("_", "-")
    if not value:
        return DEFAULT_LANGUAGE
    parts = value.split("-")
    return "-".join([parts[0].lower(), *(part.upper() for part in parts[1:])])
