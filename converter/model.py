"""One document model that every reader produces and every format consumes.

Readers (docx, markdown, text) turn a source into a `Document`; formats never parse
sources. Classes are immutable so a format cannot change what another format sees.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal


@dataclass(frozen=True)
class Link:
    """A link on some words of a block. `start` is where `text` begins in the block's text
    (the reader knows; -1 when it does not): the same words may occur twice in a paragraph,
    and only one of them is the link."""

    text: str
    url: str
    start: int = -1

    def shifted(self, by: int) -> Link:
        """The link after `by` characters are put before its block's text."""
        return Link(self.text, self.url, self.start + by) if self.start >= 0 else self

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "url": self.url}
        if self.start >= 0:
            data["start"] = self.start
        return data


@dataclass(frozen=True)
class CodeSpan:
    """Computer code written inside a line of prose (Markdown `backticks`, a Word run in a
    code style or a monospace font). `start` is where `text` begins in the block's text, as
    for `Link`; -1 when the reader does not know."""

    text: str
    start: int = -1

    def shifted(self, by: int) -> CodeSpan:
        return CodeSpan(self.text, self.start + by) if self.start >= 0 else self

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start}


def squeezed_offset(before: str) -> int:
    """Where text that follows `before` begins once the whole text's white space is squeezed
    (" ".join(text.split()), as readers do), when that text starts with a non-space."""
    squeezed = len(" ".join(before.split()))
    return squeezed + 1 if squeezed and before[-1].isspace() else squeezed


@dataclass(frozen=True)
class Block:
    """Base for blocks. `line` is the 1-based source line for Markdown and text sources."""

    kind: ClassVar[str] = "block"
    # Every subclass has `text`: a field, or a property for tables and images.

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if "text" not in self.__dict__:
            data["text"] = self.text  # type: ignore[attr-defined]
        for name, value in self.__dict__.items():
            if value in (None, (), "") and name not in ("text",):
                continue
            if name in ("links", "code_spans"):
                value = [span.to_dict() for span in value]
            elif name == "rows":
                value = [list(row) for row in value]
            elif isinstance(value, tuple):
                value = list(value)
            data[name] = value
        return data


@dataclass(frozen=True)
class Heading(Block):
    kind: ClassVar[str] = "heading"
    level: int
    text: str
    line: int | None = None


@dataclass(frozen=True)
class Paragraph(Block):
    kind: ClassVar[str] = "paragraph"
    text: str
    links: tuple[Link, ...] = ()
    note_refs: tuple[str, ...] = ()
    line: int | None = None
    # A block of computer code as its lines (a Markdown fence); `text` is the same words on
    # one line. () for prose, so a document without code hashes as before.
    code_lines: tuple[str, ...] = ()
    # Inline code in the text (`git commit --amend`); () when there is none, as above.
    code_spans: tuple[CodeSpan, ...] = ()


@dataclass(frozen=True)
class ListItem(Block):
    """One list item. `level` is 0 for the outer list; `ordered` is numbered vs bulleted."""

    kind: ClassVar[str] = "list_item"
    text: str
    level: int = 0
    ordered: bool = False
    links: tuple[Link, ...] = ()
    note_refs: tuple[str, ...] = ()
    line: int | None = None
    code_spans: tuple[CodeSpan, ...] = ()  # as in Paragraph


@dataclass(frozen=True)
class Quote(Block):
    kind: ClassVar[str] = "quote"
    text: str
    links: tuple[Link, ...] = ()
    line: int | None = None
    code_spans: tuple[CodeSpan, ...] = ()  # as in Paragraph


# A line break inside a table cell ('Monday to Friday<br>9am to 5pm'): the one place the
# model keeps one. Everywhere else a reader's line breaks are spaces.
CELL_BREAK = "\n"


def cell_text(text: str) -> str:
    """A cell's text as the model keeps it: spaces collapsed within each line, empty lines
    dropped, lines joined by CELL_BREAK."""
    lines = (" ".join(line.split()) for line in text.split(CELL_BREAK))
    return CELL_BREAK.join(line for line in lines if line)


def cell_lines(cell: str) -> list[str]:
    """The lines of a cell, for a format that can set them on lines (web, large print)."""
    return cell.split(CELL_BREAK) if cell else []


def flat_cell(cell: str) -> str:
    """A cell read as one run of words (speech, Easy Read, braille, the language layer).
    At a line break: a full stop before a numbered step ('1. Review it<br>2. Remove it') or
    a capitalised line that is a sentence, after a line of more than SHORT_LINE words ('If
    yes, describe it<br>If no, seek advice'; not 'Release as: A (.odf)<br>B (.csv)'); a
    space after punctuation or before a line that goes on in lower case ('Housing<br>
    repairs'); else a comma, the pause a listener hears between short lines ('Monday to
    Friday<br>9am to 5pm', an address)."""
    # imported here: the language layer imports the model
    from converter.language.clauses import is_clause, is_instruction

    out, previous = "", ""
    for line in cell_lines(cell):
        if not out:
            out = line
        elif out[-1] in ",.;:!?" or line[:1].islower():
            out += " " + line
        elif STEP.match(line) or (line[:1].isupper() and len(previous.split()) > SHORT_LINE
                                  and (is_clause(line) or is_instruction(line))):
            out += ". " + line
        else:
            out += ", " + line
        previous = line
    return out


SHORT_LINE = 4  # words: a label, a time, an address line; a longer line is a sentence
STEP = re.compile(r"\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Table(Block):
    """A table. A cell may hold CELL_BREAK: `cell_lines` sets it on lines, `flat_cell` reads
    it as one run of words; never pass a cell on raw where it is read or spoken."""

    kind: ClassVar[str] = "table"
    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 0
    line: int | None = None
    note_refs: tuple[str, ...] = ()  # footnotes its cells refer to

    @property
    def text(self) -> str:
        return "\n".join(" | ".join(flat_cell(cell) for cell in row) for row in self.rows)

    @property
    def body_rows(self) -> tuple[tuple[str, ...], ...]:
        """The rows under the header rows: what a reader counts as the table's rows."""
        return self.rows[self.header_rows:]

    @property
    def columns(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass(frozen=True)
class Image(Block):
    """A picture. `target` is the part name inside the package or an external address
    (never fetched)."""

    kind: ClassVar[str] = "image"
    alt: str
    target: str = ""
    external: bool = False
    line: int | None = None

    @property
    def text(self) -> str:
        return self.alt


@dataclass(frozen=True)
class Note:
    """A footnote or endnote, kept apart from the body and referenced by id."""

    id: str
    kind: Literal["footnote", "endnote"]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Chapter:
    """A chapter: its heading block (if any) comes first in `blocks`."""

    id: str
    title: str
    level: int
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()

    @cached_property
    def sha256(self) -> str:
        """Content hash of what the chapter says; stable across runs and machines."""
        payload = {
            "title": self.title,
            "blocks": [block.to_dict() for block in self.blocks],
            "notes": [note.to_dict() for note in self.notes],
        }
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(data).hexdigest()

    @property
    def word_count(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "sha256": self.sha256,
            "blocks": [block.to_dict() for block in self.blocks],
            "notes": [note.to_dict() for note in self.notes],
        }


@dataclass(frozen=True)
class Directive:
    """An instruction to the converter written in the source, not part of its text: in
    Markdown, a comment such as `<!-- converter: off words-to-avoid -->` (text is what is
    inside the comment). `line` is the 1-based source line."""

    line: int
    text: str


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    language: str
    source: str
    source_sha256: str
    chapters: tuple[Chapter, ...]
    author: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)
    directives: tuple[Directive, ...] = ()
    organisation: str = ""  # the publisher the source names (Word: the Company property)
    date: tuple[str, str] = ()  # the source's own date: (ISO date, where it came from)
    # When the source says it was last changed (Word: the core "modified" property), UTC
    # "YYYY-MM-DDThh:mm:ssZ"; "" when it does not say (Markdown, text).
    modified: str = ""

    def publisher(self, configured: str = "") -> str:
        """Who publishes this document, for covers, announcements and tags: the organisation
        in the styles the user points at, else the source's own, else "" (never a guess)."""
        return " ".join(configured.split()) or self.organisation

    @property
    def word_count(self) -> int:
        return sum(chapter.word_count for chapter in self.chapters)

    def chapter(self, chapter_id: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "author": self.author,
            "organisation": self.organisation,
            "source": self.source,
            "source_sha256": self.source_sha256,
            "words": self.word_count,
            "warnings": list(self.warnings),
            "chapters": [chapter.to_dict() for chapter in self.chapters],
        }


@dataclass(frozen=True)
class ReadResult:
    """What a reader returns before chapters are split: a flat block list plus facts."""

    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    title: str = ""
    language: str = ""
    author: str = ""
    warnings: tuple[str, ...] = ()
    directives: tuple[Directive, ...] = ()
    organisation: str = ""
    date: tuple[str, str] = ()  # (ISO date, where it came from), as in Document
    modified: str = ""  # as in Document


def dated(value: str, source: str) -> tuple[str, str]:
    """('2024-03-14', source) from a W3CDTF date such as '2024-03-14T09:00:00Z'; () if none."""
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match or not 1 <= int(match.group(2)) <= 12 or match.group(1) < "1980":
        return ()  # missing, or a tool's zero date
    return (match.group(0).strip(), source)
