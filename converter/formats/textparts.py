"""Pieces the text editions (web edition, large print) share: what their outputs depend on,
nested lists from flat list items, document-wide note numbers, links placed in their
paragraph's text, heading levels without gaps, and who publishes the document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.config import Style
from converter.formats.base import document_inputs_sha256
from converter.formats.source_images import pictures_sha256
from converter.language.contacts import contact_link, contact_spans
from converter.model import (
    Block,
    Chapter,
    CodeSpan,
    Document,
    Heading,
    Link,
    ListItem,
    Table,
)

# Link text that says nothing out of context (WCAG 2.2 2.4.4 Link Purpose): a person
# should reword it in the master.
VAGUE_LINK_TEXT = {"here", "click here", "click", "this", "this link", "link", "more",
                   "read more", "find out more", "more information", "this page", "website"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


class TextEdition:
    """The part of a text edition's format that only differs by its style files and a few
    facts of the document: what its output depends on, and no staleness of its own."""

    style_files: tuple[str, ...] = ()

    def document_facts(self, document: Document) -> dict[str, Any]:
        """Facts of the document besides its title, language, chapters and pictures."""
        return {}

    def inputs_sha256(self, document: Document, style: Style, source_dir: Path) -> str:
        return document_inputs_sha256(document, style, self.style_files,
                                      language=document.language,
                                      pictures=pictures_sha256(document),
                                      **self.document_facts(document))

    def status_notes(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        return []


@dataclass
class ListEntry:
    item: ListItem
    children: list[ListNode] = field(default_factory=list)


@dataclass
class ListNode:
    """A list: its items in order, each with the lists nested under it."""

    ordered: bool
    entries: list[ListEntry] = field(default_factory=list)


def group_blocks(blocks: Iterable[Block]) -> Iterator[Block | ListNode]:
    """The blocks in order, with each run of list items turned into one nested ListNode."""
    run: list[ListItem] = []
    for block in blocks:
        if isinstance(block, ListItem):
            run.append(block)
            continue
        if run:
            yield nest_list(run)
            run = []
        yield block
    if run:
        yield nest_list(run)


def nest_list(items: list[ListItem]) -> ListNode:
    """Nest flat list items by level; a jump of several levels nests one level deeper."""
    root = ListNode(ordered=items[0].ordered)
    stack: list[tuple[int, ListNode]] = [(items[0].level, root)]
    for item in items:
        while len(stack) > 1 and item.level < stack[-1][0]:
            stack.pop()
        level, node = stack[-1]
        if item.level > level and node.entries:
            child = ListNode(ordered=item.ordered)
            node.entries[-1].children.append(child)
            stack.append((item.level, child))
            node = child
        node.entries.append(ListEntry(item))
    return root


def note_numbers(document: Document) -> dict[str, int]:
    """Note id -> its number, counting 1, 2, 3... through the document in reading order."""
    numbers: dict[str, int] = {}
    for chapter in document.chapters:
        for note in chapter.notes:
            numbers.setdefault(note.id, len(numbers) + 1)
    return numbers


def note_refs(block: Block, numbers: dict[str, int]) -> list[int]:
    """The document-wide numbers of the notes a block refers to, in order."""
    return [numbers[ref] for ref in getattr(block, "note_refs", ()) if ref in numbers]


def note_words(block: Block, numbers: dict[str, int]) -> str:
    """' (note 3)' for each note a block refers to: how large print and braille point to a
    note in words, at full size, where the master has a superscript number."""
    return "".join(f" (note {number})" for number in note_refs(block, numbers))


def table_size(table: Table) -> str:
    """'5 rows and 3 columns': the rows under the header, as a reader counts them (the
    audio and braille announce a table with this, so both give the same count)."""
    rows, columns = len(table.body_rows), table.columns
    return (f"{rows} row{'s' if rows != 1 else ''} and "
            f"{columns} column{'s' if columns != 1 else ''}")


def link_segments(text: str, links: Iterable[Link]) -> list[tuple[str, str | None]]:
    """Split text into (piece, url-or-None), each link on the words where the reader found
    it (`Link.start`), else on the first words like it after the link before. Links with
    an unsafe or in-document target (Word bookmarks) stay plain text."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for link in links:
        if not safe_url(link.url) or not link.text:
            continue
        start = link.start
        if start < cursor or text[start:start + len(link.text)] != link.text:
            start = text.find(link.text, cursor)
        if start < 0:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], None))
        pieces.append((link.text, link.url))
        cursor = start + len(link.text)
    if cursor < len(text) or not pieces:
        pieces.append((text[cursor:], None))
    return pieces


def code_ranges(text: str, spans: Iterable[CodeSpan]) -> list[tuple[int, int]]:
    """(start, end) of each piece of inline code in `text`, in order and apart: where the
    reader found it (`CodeSpan.start`), else the first words like it after the one before."""
    ranges: list[tuple[int, int]] = []
    cursor = 0
    for span in spans:
        start = span.start
        if start < cursor or text[start:start + len(span.text)] != span.text:
            start = text.find(span.text, cursor)
        if start < 0 or not span.text:
            continue
        ranges.append((start, start + len(span.text)))
        cursor = start + len(span.text)
    return ranges


def code_pieces(piece: str, offset: int, ranges: list[tuple[int, int]]
                ) -> list[tuple[str, bool]]:
    """`piece` (which starts `offset` characters into its block's text) as (part, is code)
    in order: how a writer wraps inline code in its own markup."""
    out: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in ranges:
        start, end = max(start - offset, cursor), min(end - offset, len(piece))
        if start >= end:
            continue
        if start > cursor:
            out.append((piece[cursor:start], False))
        out.append((piece[start:end], True))
        cursor = end
    if cursor < len(piece) or not out:
        out.append((piece[cursor:], False))
    return out


def contact_segments(text: str) -> list[tuple[str, str | None]]:
    """Split plain text into (piece, url-or-None) so each phone number, email and web
    address is a link (tel:, mailto:, https:): a reader on a phone taps to call or write.
    A number dialled through Relay UK stays plain text (see `contact_link`)."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for span in contact_spans(text):
        target = contact_link(span.kind, span.text, text[:span.start])
        if target is None or span.start < cursor:
            continue
        if span.start > cursor:
            pieces.append((text[cursor:span.start], None))
        pieces.append((span.text, target))
        cursor = span.end
    if cursor < len(text) or not pieces:
        pieces.append((text[cursor:], None))
    return pieces


def safe_url(url: str) -> bool:
    return url.lower().startswith(SAFE_SCHEMES)


def vague_links(document: Document) -> list[str]:
    """Link texts a reader cannot understand out of context."""
    found = []
    for chapter in document.chapters:
        for block in chapter.blocks:
            for link in getattr(block, "links", ()):
                if link.text.strip(" .:").lower() in VAGUE_LINK_TEXT:
                    found.append(link.text)
    return found


def heading_levels(chapter: Chapter, chapter_level: int = 2, deepest: int = 6) -> dict[int, int]:
    """Block index -> output level for each heading in a chapter: the chapter heading at
    `chapter_level`, deeper headings one level at most below the one before (no gaps)."""
    levels: dict[int, int] = {}
    base = chapter.level or 1
    previous = chapter_level
    for index, block in enumerate(chapter.blocks):
        if not isinstance(block, Heading):
            continue
        if index == 0:  # a chapter's own heading comes first in its blocks
            levels[index] = chapter_level
            continue
        wanted = chapter_level + max(1, block.level - base)
        level = max(chapter_level + 1, min(wanted, previous + 1, deepest))
        levels[index] = previous = level
    return levels


def publisher(style: Style) -> str:
    """The organisation named in converter.toml, or '' when none is set."""
    organisation = style.settings("converter").get("organisation", {})
    return str(organisation.get("name", "") or "").strip()
