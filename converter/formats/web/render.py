"""The web edition's HTML: every block of the document model, in order, as semantic HTML.

Headings h1 (title) > h2 (chapters) > h3.. without gaps, nested ul/ol, tables with a
caption and header cells, block quotes, figures with their alt text, footnotes as linked
notes at the end of each chapter, and links with their own text. No scripts.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from converter.formats.textparts import (
    ListNode,
    code_pieces,
    code_ranges,
    contact_segments,
    group_blocks,
    heading_levels,
    link_segments,
)
from converter.model import (
    Block,
    Chapter,
    CodeSpan,
    Document,
    Heading,
    Image,
    Link,
    Paragraph,
    Quote,
    Table,
    cell_lines,
)

ImageLookup = Callable[[Image], "tuple[str, bytes] | None"]


@dataclass
class PageParts:
    """What one chapter (or the whole document) needs besides its blocks."""

    notes: dict[str, int]  # note id -> number
    images: ImageLookup
    note_href: Callable[[int], str] = lambda number: f"#note_{number}"
    referenced: set[int] = field(default_factory=set)  # notes whose first reference is out
    tables: int = 0
    figures: int = 0


def inline(text: str, links: tuple[Link, ...] = (), code: tuple[CodeSpan, ...] = ()) -> str:
    """Escaped text with its links and inline code (<code>); line breaks kept."""
    out = []
    ranges = code_ranges(text, code)
    offset = 0
    for piece, url in link_segments(text, links):
        html = []
        for words, is_code in code_pieces(piece, offset, ranges):
            if is_code:  # code is never made a link of its own ('example.com' in a command)
                html.append(f"<code>{escape(words)}</code>")
                continue
            # Text that is not already a link: its phone numbers and addresses become links.
            for part, target in [(words, url)] if url else contact_segments(words):
                escaped = escape(part).replace("\n", "<br>")
                html.append(f'<a href="{escape(target)}">{escaped}</a>' if target and not url
                            else escaped)
        joined = "".join(html)
        out.append(f'<a href="{escape(url)}">{joined}</a>' if url else joined)
        offset += len(piece)
    return "".join(out)


def note_refs(block: Block, parts: PageParts) -> str:
    refs = []
    for ref in getattr(block, "note_refs", ()):
        number = parts.notes.get(ref)
        if number is not None:
            # The link says what it is; the number alone would be a meaningless link.
            anchor = "" if number in parts.referenced else f' id="ref_{number}"'
            parts.referenced.add(number)
            refs.append(f'<sup><a class="noteref"{anchor} href="{parts.note_href(number)}">'
                        f'<span class="visually-hidden">Note </span>{number}</a></sup>')
    return "".join(refs)


def chapter_html(chapter: Chapter, parts: PageParts, top: int = 2) -> str:
    """A chapter as a section; its heading at level `top` (1 on a page of its own)."""
    levels = heading_levels(chapter, chapter_level=top)
    out = [f'<section class="chapter" id="{escape(chapter.id)}" '
           f'aria-labelledby="h_{escape(chapter.id)}">']
    if not chapter.blocks or not isinstance(chapter.blocks[0], Heading):
        out.append(f'<h{top} id="h_{escape(chapter.id)}">{escape(chapter.title)}</h{top}>')
    index_of = {id(block): index for index, block in enumerate(chapter.blocks)}
    items = list(group_blocks(chapter.blocks))
    skip = -1
    heading, under_heading = chapter.title, 0  # the heading a table stands under
    for position, item in enumerate(items):
        if position == skip:
            continue
        following = items[position + 1] if position + 1 < len(items) else None
        if isinstance(item, Heading):
            heading, under_heading = item.text, 0
        if isinstance(item, Table):
            # No caption in the master: the table is named by its heading ("Our
            # workforce"), not "Table 1", which says nothing out of context.
            under_heading += 1
            name = heading if under_heading == 1 else f"{heading}, table {under_heading}"
            out.append(table_html(item, escape(name), parts))
        elif is_caption(item) and isinstance(following, Table):
            # "Table 2: Staff by grade" just before a table is that table's caption.
            out.append(table_html(following, inline(item.text, item.links, item.code_spans),
                                  parts))
            skip = position + 1
        elif isinstance(item, Heading):
            index = index_of[id(item)]
            level = levels.get(index, top + 1)
            anchor = f' id="h_{escape(chapter.id)}"' if index == 0 else ""
            out.append(f"<h{level}{anchor}>{escape(item.text)}</h{level}>")
        else:
            out.append(block_html(item, parts))
    out.append(notes_html(chapter, parts, top))
    out.append("</section>")
    return "\n".join(part for part in out if part)


def is_caption(item: Block | ListNode) -> bool:
    return (isinstance(item, Paragraph) and not item.note_refs and len(item.text) < 200
            and item.text.lower().startswith("table "))


def block_html(item: Block | ListNode, parts: PageParts) -> str:
    if isinstance(item, ListNode):
        return list_html(item, parts)
    if isinstance(item, Quote):
        return f"<blockquote><p>{inline(item.text, item.links, item.code_spans)}</p></blockquote>"
    if isinstance(item, Image):
        return figure_html(item, parts)
    if isinstance(item, Paragraph) and item.code_lines:
        # A code block keeps its lines and spaces: what is typed must be seen as written.
        return f"<pre><code>{escape(chr(10).join(item.code_lines))}</code></pre>"
    if isinstance(item, Paragraph):
        return f"<p>{inline(item.text, item.links, item.code_spans)}{note_refs(item, parts)}</p>"
    text = getattr(item, "text", "")
    return f"<p>{escape(text)}</p>" if text else ""


def list_html(node: ListNode, parts: PageParts) -> str:
    tag = "ol" if node.ordered else "ul"
    items = []
    for entry in node.entries:
        nested = "".join(list_html(child, parts) for child in entry.children)
        item = entry.item
        items.append(f"<li>{inline(item.text, item.links, item.code_spans)}"
                     f"{note_refs(entry.item, parts)}{nested}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>"


def table_html(table: Table, caption: str, parts: PageParts) -> str:
    parts.tables += 1
    number = parts.tables
    caption = caption or f"Table {number}"
    head = table.rows[:table.header_rows]
    body = table.rows[table.header_rows:]
    rows = []
    if head:
        rows.append("<thead>" + "".join(
            "<tr>" + "".join(f'<th scope="col">{cell_html(cell)}</th>' for cell in row) + "</tr>"
            for row in head) + "</thead>")
    rows.append("<tbody>" + "".join(
        "<tr>" + "".join(f"<td>{cell_html(cell)}</td>" for cell in row) + "</tr>"
        for row in body) + "</tbody>")
    # A wide table scrolls inside its own focusable region, so the page still reflows.
    return (f'<div class="table-wrap" role="region" aria-labelledby="table_{number}" '
            f'tabindex="0"><table><caption id="table_{number}">{caption}</caption>'
            f'{"".join(rows)}</table></div>')


def cell_html(cell: str) -> str:
    """A cell's text, its line breaks as <br>."""
    return "<br>".join(escape(line) for line in cell_lines(cell))


def figure_html(image: Image, parts: PageParts) -> str:
    parts.figures += 1
    data = parts.images(image)
    alt = image.alt.strip()
    if data is None:
        why = "it is stored outside this document" if image.external else \
            "it could not be included"
        described = escape(alt) if alt else "no description was given"
        return (f'<figure class="missing"><p><strong>Picture:</strong> {described} '
                f"({why}).</p></figure>")
    mime, raw = data
    source = f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"
    # An empty alt marks a picture as decoration; the build warns so a person can check.
    return f'<figure><img src="{source}" alt="{escape(alt)}"></figure>'


def notes_html(chapter: Chapter, parts: PageParts, top: int = 2) -> str:
    if not chapter.notes:
        return ""
    items = []
    for note in chapter.notes:
        number = parts.notes[note.id]
        back = (f' <a href="#ref_{number}" class="backref">Back to the text'
                f'<span class="visually-hidden"> of note {number}</span></a>'
                if number in parts.referenced else "")
        items.append(f'<li id="note_{number}" value="{number}">{escape(note.text)}{back}</li>')
    return (f'<aside class="notes" aria-labelledby="notes_{escape(chapter.id)}">'
            f'<h{top + 1} id="notes_{escape(chapter.id)}">Notes</h{top + 1}>'
            f'<ol>{"".join(items)}</ol></aside>')


def contents_html(document: Document, href: Callable[[Chapter], str]) -> str:
    items = "".join(f'<li><a href="{escape(href(chapter))}">{escape(chapter.title)}</a></li>'
                    for chapter in document.chapters)
    return (f'<nav class="contents" aria-labelledby="_contents">'
            f'<h2 id="_contents">Contents</h2><ol>{items}</ol></nav>')


def page_html(*, language: str, title: str, css: str, header: str, main: str,
              nav: str = "", footer: str = "", skip_to: str = "the text") -> str:
    """A whole page: skip link, header, optional navigation, main content and footer."""
    return f"""<!DOCTYPE html>
<html lang="{escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
{css}
</style>
</head>
<body>
<a class="skip-link" href="#_main">Skip to {escape(skip_to)}</a>
<div class="page">
<header>
{header}
</header>
{nav}
<main id="_main">
{main}
</main>
<footer>
{footer}
</footer>
</div>
</body>
</html>
"""
