"""A chapter as an XHTML content document, each text fragment with the id the audio's
timings use ("b3" is block 3, "title" a chapter title with no heading block, "notes" and
"n1"... the chapter's notes), so the Media Overlay can point at it."""

from __future__ import annotations

from lxml import etree

from converter.formats.textparts import link_segments
from converter.model import Chapter, Heading, Image, ListItem, Quote, Table

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


def _inline(node, text: str, links) -> None:
    """Text with its web and email links as links, in order (addresses are never fetched)."""
    node.text = ""
    last = None
    for piece, url in link_segments(text, links or ()):
        if url and url.startswith(("http://", "https://", "mailto:")):
            last = element(node, "a", piece, href=url)
        elif last is None:
            node.text += piece
        else:
            last.tail = (last.tail or "") + piece


def chapter_xhtml(chapter: Chapter, language: str, spoken: set[str]) -> tuple[bytes, list[str]]:
    """The chapter page and, in reading order, the ids of its text fragments. Only the
    fragments in `spoken` (those the audio has timings for) get an id."""
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
            _inline(item, block.text, block.links)
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
            _inline(element(quote, "p"), block.text, block.links)
            fragment_id(quote, fragment)
        elif block.text.strip():
            node = element(section, "p")
            _inline(node, block.text, getattr(block, "links", ()))
            fragment_id(node, fragment)
    if chapter.notes:
        notes = element(section, "section", class_="notes")
        notes.set(f"{{{OPS}}}type", "endnotes")
        fragment_id(element(notes, "h2", "Notes"), "notes")
        listing = element(notes, "ol")
        for number, note in enumerate(chapter.notes, start=1):
            fragment_id(element(listing, "li", note.text), f"n{number}")
    return serialise(root), order


def _table(parent, block: Table):
    table = element(parent, "table")
    rows = list(block.rows)
    if block.header_rows:
        head = element(table, "thead")
        for row in rows[:block.header_rows]:
            tr = element(head, "tr")
            for cell in row:
                element(tr, "th", cell, scope="col")
        rows = rows[block.header_rows:]
    body = element(table, "tbody")
    for row in rows:
        tr = element(body, "tr")
        for cell in row:
            element(tr, "td", cell)
    return table
