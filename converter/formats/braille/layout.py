"""Braille page layout: lines of braille ASCII cells, pages with braille page numbers.

Text is translated first and wrapped afterwards, at the spaces of the braille, so a braille
word is never split (only a word longer than a whole line is, with UEB's line continuation
indicator). Formats follow BANA's Braille Formats (2016), which UKAAF's guidance agrees
with: paragraphs in 3-1 (first line from cell 3, runovers from cell 1), list items in 1-3
and deeper levels two cells further in, centred main headings with a blank line before and
after, cell-5 and cell-7 headings below them, never a heading as a page's last line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CONTINUATION = '"'  # dot 5: UEB line continuation indicator, for a word longer than a line
GUIDE_DOT = '"'  # dot 5: guide dots lead from a contents entry to its page number
# Cells that begin a two-cell sign (capital, numeric, typeform and symbol prefixes): a word
# is never divided just after one.
PREFIX_CELLS = set(",#.@^_;\"")
DIGIT_LETTERS = dict(zip("1234567890", "ABCDEFGHIJ", strict=True))


def braille_number(number: int, prefix: str = "") -> str:
    """A page number in braille ASCII: numeric indicator (#) and the letters a-j."""
    return prefix + "#" + "".join(DIGIT_LETTERS[d] for d in str(number))


@dataclass
class Line:
    text: str = ""  # braille ASCII with its indent; "" is a blank line
    keep_with_next: bool = False  # a heading line: never the last line of a page
    page_break: bool = False  # start a new page before this line
    anchor: str = ""  # a contents entry points here


@dataclass
class Page:
    lines: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


def wrap(braille: str, width: int, first: int = 0, runover: int = 0) -> list[str]:
    """Wrap translated braille at its spaces; `first` and `runover` are indents in cells."""
    lines: list[str] = []
    current = ""  # the words of the line being filled, without its indent

    def indent() -> int:
        return first if not lines else runover

    for word in braille.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width - indent():
            current = candidate
            continue
        if current:
            lines.append(" " * indent() + current)
            current = ""
        while len(word) > width - indent():  # longer than a line: divided, as UEB says
            cut = _division(word, width - indent() - 1)
            lines.append(" " * indent() + word[:cut] + CONTINUATION)
            word = word[cut:]
        current = word
    if current:
        lines.append(" " * indent() + current)
    return lines


def _division(word: str, room: int) -> int:
    """Where to divide a word longer than a line: after a slash (_/), hyphen or full stop
    (4) when one fits, else at the room left, never inside a two-cell sign."""
    best = max((i + len(sign) for sign in ("_/", "-", "4")
                for i in range(room) if word.startswith(sign, i) and i + len(sign) <= room),
               default=0)
    if best > room // 2:
        return best
    cut = room
    while cut > 1 and word[cut - 1] in PREFIX_CELLS:
        cut -= 1
    return cut


def centre(braille: str, width: int) -> list[str]:
    """Centred heading: at least three blank cells each side (BANA Braille Formats)."""
    return [" " * ((width - len(line)) // 2) + line for line in wrap(braille, width - 6)]


def paginate(lines: list[Line], lines_per_page: int) -> list[Page]:
    """Fill pages of `lines_per_page - 1` lines (the last holds the page number)."""
    paginator = Paginator(lines_per_page)
    return paginator.feed(lines) + paginator.finish()


class Paginator:
    """`paginate` a piece at a time: `feed` returns the pages it finished, `finish` the
    rest, so a long document is laid out without holding all its lines or pages."""

    def __init__(self, lines_per_page: int) -> None:
        self.body = lines_per_page - 1
        self.page = Page()
        # A run of heading lines at the end of a piece waits for the line after it.
        self.waiting: list[Line] = []

    def feed(self, lines: list[Line]) -> list[Page]:
        lines = self.waiting + list(lines)
        cut = len(lines)
        while cut and lines[cut - 1].keep_with_next:
            cut -= 1
        self.waiting = lines[cut:]
        return self._place(lines[:cut])

    def finish(self) -> list[Page]:
        done = self._place(self.waiting)
        self.waiting = []
        return done + self._close(Page())

    def _close(self, new: Page) -> list[Page]:
        """Start page `new`; the one it follows is finished (without trailing blanks)."""
        page, self.page = self.page, new
        while page.lines and not page.lines[-1]:
            page.lines.pop()
        return [page] if page.lines else []

    def _place(self, lines: list[Line]) -> list[Page]:
        done: list[Page] = []
        body = self.body
        index = 0
        while index < len(lines):
            line = lines[index]
            if line.page_break and self.page.lines:
                done += self._close(Page())
            if not line.text:  # never at the top of a page, never two in a row
                page = self.page
                if page.lines and page.lines[-1] and len(page.lines) < body:
                    page.lines.append("")
                index += 1
                continue
            # A heading (its lines marked keep_with_next) needs the next line on the same page.
            group = 1
            while index + group - 1 < len(lines) and lines[index + group - 1].keep_with_next:
                group += 1
            need = min(group, body)
            if len(self.page.lines) + need > body:
                done += self._close(Page())
            if line.anchor:
                self.page.anchors.append(line.anchor)
            self.page.lines.append(line.text)
            index += 1
        return done


def number_pages(pages: list[Page], lines_per_page: int, width: int, prefix: str = "",
                 start: int = 1) -> list[list[str]]:
    """Each page padded to full length, its braille page number at the right of the last
    line (BANA Braille Formats: at the right margin)."""
    numbered = []
    for offset, page in enumerate(pages):
        number = braille_number(start + offset, prefix)
        lines = page.lines + [""] * (lines_per_page - 1 - len(page.lines))
        numbered.append([*lines, number.rjust(width)])
    return numbered


def contents_lines(entries: list[tuple[str, int]], width: int) -> list[Line]:
    """Contents entries from cell 1 (runovers from cell 3), guide dots to the page number."""
    out: list[Line] = []
    for braille, page in entries:
        number = braille_number(page)
        lines = wrap(braille, width - len(number) - 4, 0, 2)
        last = lines[-1]
        dots = width - len(last) - len(number) - 2
        lines[-1] = f"{last} {GUIDE_DOT * dots} {number}"
        out.extend(Line(text) for text in lines)
    return out


def to_brf(pages: list[list[str]]) -> str:
    """CR LF after every line; a form feed between pages."""
    return "\f".join("".join(line.rstrip() + "\r\n" for line in page) for page in pages)
