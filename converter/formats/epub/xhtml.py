"""A chapter as an XHTML content document, each text fragment with the id the audio's
timings use ("b3" is block 3, "title" a chapter title with no heading block, "notes" and
"n1"... the chapter's notes), so the Media Overlay can point at it. A note reference is a
link to its note in words, "(note 3)", marked epub:type="noteref" (EPUB 3 Structural
Semantics), so a reading system can show the note where it is referred to."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from converter.formats.textparts import code_pieces, code_ranges, link_segments, note_numbers
from converter.model import Chapter, Document, Heading, Image, ListItem, Quote, Table, cell_lines

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
NSMAP = {None: XHTML, "epub": OPS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def element(parent, tag: str, text: str | None = None, **attributes: str):
    node = etree.SubElement(parent, f"{{{XHTML}}}{tag}",
                            {k.rstrip("_"): v for k, v in attributes.items()})
    if text is not None:
        node.text = text
    return node


def page(title: str, language: str, css: str):
    """An empty XHTML page: (root, body)."""
    root = etree.Element(f"{{{XHTML}}}html", nsmap=NSMAP)
    root.set("lang", language)
    root.set(XML_LANG, language)
    head = element(root, "head")
    element(head, "meta", charset="utf-8")
    element(head, "title", title)
    element(head, "link", rel="stylesheet", type="text/css", href=css)
    return root, element(root, "body")


def serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8",
                          doctype="<!DOCTYPE html>", pretty_print=True)


def _inline(node, text: str, links, code=()) -> None:
    """Text with its web and email links as links, in order (addresses are never fetched),
    and its inline code in <code>."""
    node.text = ""
    last = None
    ranges = code_ranges(text, code)
    offset = 0
    for piece, url in link_segments(text, links or ()):
        parent = node
        if url and url.startswith(("http://", "https://", "mailto:")):
            last = parent = element(node, "a", "", href=url)
        for words, is_code in code_pieces(piece, offset, ranges):
            if is_code:
                code_node = element(parent, "code", words)
                if parent is node:
                    last = code_node
            elif parent is not node:
                children = list(parent)
                if children:
                    children[-1].tail = (children[-1].tail or "") + words
                else:
                    parent.text += words
            elif last is None:
                node.text += words
            else:
                last.tail = (last.tail or "") + words
        offset += len(piece)


@dataclass(frozen=True)
class NoteTarget:
    """Where a note is: its number through the document, and its chapter's page and id."""

    number: int
    page: str  # "02-our-legal-duties.xhtml"
    fragment: str  # "n1"


def note_targets(document: Document, pages: dict[str, str]) -> dict[str, NoteTarget]:
    """Note id -> where it is; `pages` is chapter id -> the chapter's page name."""
    numbers = note_numbers(document)
    return {note.id: NoteTarget(numbers[note.id], pages[chapter.id], f"n{index}")
            for chapter in document.chapters
            for index, note in enumerate(chapter.notes, start=1)}


def _noterefs(node, block, targets: dict[str, NoteTarget], local: set[str]) -> None:
    """' (note 3)' after the text for each note the block refers to, "note 3" a link."""
    for ref in getattr(block, "note_refs", ()):
        target = targets.get(ref)
        if target is None:
            continue
        children = list(node)
        if children:
            children[-1].tail = (children[-1].tail or "") + " ("
        else:
            node.text = (node.text or "") + " ("
        href = f"#{target.fragment}" if ref in local else f"{target.page}#{target.fragment}"
        link = element(node, "a", f"note {target.number}", href=href, role="doc-noteref")
        link.set(f"{{{OPS}}}type", "noteref")
        link.tail = ")"


def chapter_xhtml(chapter: Chapter, language: str, spoken: set[str],
                  notes: dict[str, NoteTarget] | None = None) -> tuple[bytes, list[str]]:
    """The chapter page and, in reading order, the ids of its text fragments. Only the
    fragments in `spoken` (those the audio has timings for) are in that order; a note
    always has its id, as references link to it. `notes` says where each note is."""
    targets = notes or {}
    local = {note.id for note in chapter.notes}
    root, body = page(chapter.title, language, "../css/book.css")
    section = element(body, "section", role="doc-chapter")
    section.set(f"{{{OPS}}}type", "chapter")
    order: list[str] = []

    def fragment_id(node, fragment: str) -> None:
        if fragment in spoken:
            node.set("id", fragment)
            order.append(fragment)

    blocks = list(chapter.blocks)
    top = chapter.level or 1
    if not blocks or not isinstance(blocks[0], Heading):
        fragment_id(element(section, "h1", chapter.title), "title")
    lists: list = []  # open lists, one per level: (level, list element, last item)
    for index, block in enumerate(blocks):
        fragment = f"b{index}"
        if not isinstance(block, ListItem):
            lists.clear()
        if isinstance(block, Heading):
            level = 1 if index == 0 else min(6, max(2, block.level - top + 1))
            fragment_id(element(section, f"h{level}", block.text), fragment)
        elif isinstance(block, ListItem):
            while lists and lists[-1][0] > block.level:
                lists.pop()
            if not lists or lists[-1][0] < block.level:
                parent = lists[-1][2] if lists else section
                tag = "ol" if block.ordered else "ul"
                lists.append([block.level, element(parent, tag), None])
            item = element(lists[-1][1], "li")
            _inline(item, block.text, block.links, block.code_spans)
            _noterefs(item, block, targets, local)
            lists[-1][2] = item
            fragment_id(item, fragment)
        elif isinstance(block, Table):
            fragment_id(_table(section, block), fragment)
        elif isinstance(block, Image):
            if block.alt:
                # The document model keeps a picture's description, not the picture itself.
                node = element(section, "p", f"Picture: {block.alt}", class_="picture")
                fragment_id(node, fragment)
        elif isinstance(block, Quote):
            quote = element(section, "blockquote")
            _inline(element(quote, "p"), block.text, block.links, block.code_spans)
            fragment_id(quote, fragment)
        elif getattr(block, "code_lines", ()):
            # A code block keeps its lines and spaces, as the web edition does.
            node = element(element(section, "pre"), "code", "\n".join(block.code_lines))
            fragment_id(node.getparent(), fragment)
        elif block.text.strip():
            node = element(section, "p")
            _inline(node, block.text, getattr(block, "links", ()),
                    getattr(block, "code_spans", ()))
            _noterefs(node, block, targets, local)
            fragment_id(node, fragment)
    if chapter.notes:
        notes = element(section, "section", class_="notes")
        notes.set(f"{{{OPS}}}type", "endnotes")
        fragment_id(element(notes, "h2", "Notes"), "notes")
        listing = element(notes, "ol")
        first = targets[chapter.notes[0].id].number if chapter.notes[0].id in targets else 1
        if first > 1:  # numbered through the document, as the references say
            listing.set("start", str(first))
        for number, note in enumerate(chapter.notes, start=1):
            item = element(listing, "li", note.text, id=f"n{number}")
            item.set(f"{{{OPS}}}type", note.kind)  # "footnote" or "endnote", as in the master
            fragment_id(item, f"n{number}")
    return serialise(root), order


def _table(parent, block: Table):
    table = element(parent, "table")
    rows = list(block.rows)
    if block.header_rows:
        head = element(table, "thead")
        for row in rows[:block.header_rows]:
            tr = element(head, "tr")
            for cell in row:
                _cell(tr, "th", cell, scope="col")
        rows = rows[block.header_rows:]
    body = element(table, "tbody")
    for row in rows:
        tr = element(body, "tr")
        for cell in row:
            _cell(tr, "td", cell)
    return table


def _cell(row, tag: str, cell: str, **attributes: str) -> None:
    """A cell, its line breaks as <br/>."""
    lines = cell_lines(cell)
    node = element(row, tag, lines[0] if lines else "", **attributes)
    for line in lines[1:]:
        element(node, "br").tail = line
