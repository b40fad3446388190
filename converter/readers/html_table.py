"""Simple HTML tables inside Markdown (`<table>` with rows of th/td cells) as `Table` blocks.

Markdown masters use raw HTML where a pipe table cannot hold a list in a cell. Only what
maps onto a `Table` is read: rows of th/td cells whose content is text, inline b/i/em/
strong/a/span/code, `<br>`, paragraphs and ul/ol lists. Anything else (a nested table, a
cell spanning rows or columns, a caption, an image, text outside the cells) returns None,
and the caller keeps its "left out" warning rather than guess.

The stdlib `html.parser` is used: it never fetches anything and knows no external entities
(no XXE); character references (`&amp;`) become text. The master's size is already capped
by `decode_source`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from converter.model import CELL_BREAK, Table, cell_text

TABLE_START = re.compile(r"^\s*<table[\s>]", re.I)
# Tags read as they are (their text is kept; the emphasis itself is not in a `Table`).
INLINE = frozenset(["b", "strong", "i", "em", "u", "a", "span", "code", "small", "sub", "sup", "abbr"])
SKIPPED = frozenset(["thead", "tbody", "tfoot", "colgroup", "col"])
ITEM_JOIN = "; "  # bullet items inside a cell: 'for: Local authorities; Wards; ...'


class Unreadable(Exception):
    """The HTML is not a simple table."""


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, ...]] = []
        self.header_rows = 0
        self.depth = 0  # open <table> elements: more than one is a nested table
        self.closed = False
        self.row: list[str] | None = None
        self.row_is_header = True
        self.cell: list[str] | None = None
        self.lists: list[list[int]] = []  # open lists in the cell: [ordered?, item count]

    # -- structure ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.closed:
            raise Unreadable("content after </table>")
        if tag == "table":
            if self.depth:
                raise Unreadable("a nested table")
            self.depth = 1
        elif not self.depth:
            raise Unreadable(f"<{tag}> outside a table")
        elif tag in SKIPPED:
            pass
        elif tag == "tr":
            self._end_row()
            self.row, self.row_is_header = [], True
        elif tag in ("td", "th"):
            if any(name in ("rowspan", "colspan") and (value or "1").strip() != "1"
                   for name, value in attrs):
                raise Unreadable("a cell spanning rows or columns")
            if self.row is None:
                self.row, self.row_is_header = [], True  # <tr> left out
            self._end_cell()
            self.cell, self.lists = [], []
            self.row_is_header = self.row_is_header and tag == "th"
        elif self.cell is None:
            raise Unreadable(f"<{tag}> outside a cell")
        elif tag == "br":
            self.cell.append(CELL_BREAK)  # a line break in the cell, kept in the model
        elif tag == "p":
            self.cell.append(" ")
        elif tag in ("ul", "ol"):
            self._list_lead()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            if not self.lists:
                self.lists.append([False, 0])  # a stray <li>: a bullet
            ordered, count = self.lists[-1]
            self.lists[-1][1] = count + 1
            if ordered:
                self.cell.append(f" {count + 1}. ")
            elif count:
                self.cell.append(ITEM_JOIN)
            else:
                self.cell.append(" ")
        elif tag not in INLINE:
            raise Unreadable(f"<{tag}> in a cell")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # '<br/>'

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._end_row()
            self.depth, self.closed = 0, True
        elif tag == "tr":
            self._end_row()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            if self.cell is not None:
                self.cell.append(" ")
        elif tag in ("p", "li") and self.cell is not None:
            self.cell.append(" " if tag == "p" else "")

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif data.strip():
            raise Unreadable("text outside the cells")

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        raise Unreadable("a declaration")

    def handle_pi(self, data: str) -> None:
        raise Unreadable("a processing instruction")

    def unknown_decl(self, data: str) -> None:
        raise Unreadable("a declaration")

    # -- helpers -----------------------------------------------------------------------

    def _list_lead(self) -> None:
        """A bullet list after words that introduce it ('for:') or not ('for')."""
        if self.cell is None:
            return
        text = "".join(self.cell).rstrip()  # a '<br>' before the list too: it is set inline
        if text and not self.lists:
            self.cell[:] = [text] if text.endswith((":", ".", "!", "?")) else [text, ":"]

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append(cell_text("".join(self.cell)))
        self.cell, self.lists = None, []

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None and any(self.row):
            if self.row_is_header and len(self.rows) == self.header_rows:
                self.header_rows += 1
            self.rows.append(tuple(self.row))
        self.row = None


def read_table(html: str, line: int | None = None) -> Table | None:
    """The table an HTML block holds, or None when it is not a simple table."""
    found = parse_table(html, line)
    return found if isinstance(found, Table) else None


def parse_table(html: str, line: int | None = None) -> Table | str:
    """The table an HTML block holds, or why it is not read ('' when it is no table)."""
    if not TABLE_START.match(html):
        return ""
    parser = _TableParser()
    try:
        parser.feed(html)
        parser.close()
    except Unreadable as error:
        return str(error)
    if not parser.closed:
        return "no </table>"
    if not parser.rows:
        return "an empty table"
    width = max(len(row) for row in parser.rows)
    if any(len(row) != width for row in parser.rows[parser.header_rows:]):
        return "rows of different lengths"  # cells would sit under the wrong heading
    return Table(rows=tuple(parser.rows), header_rows=parser.header_rows, line=line)
