"""Plain-text reader: paragraphs split at blank lines.

Plain text has no markup, so short one-line paragraphs without closing punctuation are read
as headings, and lines starting with "-", "*", "•" or "1." as list items.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from converter.errors import InputError
from converter.model import Block, Heading, ListItem, Paragraph, ReadResult
from converter.readers.encoding import decode_text, looks_binary, strip_controls

BULLET = re.compile(r"^(\s*)([-*•–]|\d+[.)])\s+(.*)$")
MAX_HEADING_WORDS = 12


def read_text(path: Path) -> ReadResult:
    text, warnings = decode_source(path)
    return dataclasses.replace(parse_text(text), warnings=warnings)


def decode_source(path: Path) -> tuple[str, tuple[str, ...]]:
    """The text of a text or Markdown file without control characters, and what a person
    should know about how it was decoded."""
    data = path.read_bytes()
    text, encoding = decode_text(data)
    if "utf-16" not in encoding and looks_binary(data, text):
        raise InputError(f"{path.name} is not text: it holds binary data. Is it the right file?")
    text, controls = strip_controls(text)
    warnings = []
    if "no byte-order mark" in encoding:
        warnings.append(f"read as {encoding}; save it as UTF-8 to be sure")
    if controls:
        warnings.append(f"{controls} control character(s) left out")
    return text, tuple(warnings)


def parse_text(text: str) -> ReadResult:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    paragraph: list[str] = []
    start_line = 1

    def flush() -> None:
        if not paragraph:
            return
        joined = " ".join(" ".join(paragraph).split())
        if _looks_like_heading(paragraph, joined):
            blocks.append(Heading(level=1, text=joined, line=start_line))
        elif joined:
            blocks.append(Paragraph(text=joined, line=start_line))
        paragraph.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            flush()
            continue
        bullet = BULLET.match(raw)
        if bullet:
            flush()
            indent = len(bullet.group(1).expandtabs(4)) // 2
            ordered = bullet.group(2)[0].isdigit()
            blocks.append(ListItem(text=" ".join(bullet.group(3).split()), level=min(indent, 8),
                                   ordered=ordered, line=number))
            continue
        if not paragraph:
            start_line = number
        paragraph.append(raw.strip())
    flush()
    return ReadResult(blocks=tuple(blocks))


def _looks_like_heading(lines: list[str], joined: str) -> bool:
    return (
        len(lines) == 1
        and 0 < len(joined.split()) <= MAX_HEADING_WORDS
        and joined[-1] not in ".,;:!?)\"'”"
        and not joined[0].islower()
    )
