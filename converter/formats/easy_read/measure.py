"""How much of a page each Easy Read row takes, measured as layout.py sets it.

The page budget (budget.py, easy-read.toml [limits] max_content_rows) counts in picture
rows: one row is a picture slot with the gap under it, and a page holds a whole number of
them. Text is wrapped with the layout's own font, size and column width (reportlab's
stringWidth), so a long sentence beside a 5 cm picture costs the lines it really takes.
Section headings and sub-headings cost their own height. `Pager` lays the rows out page
by page as platypus does (nothing split, a heading kept with the row after it), so the room
a page leaves empty at its foot is counted too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit

from converter.config import Style


@dataclass(frozen=True)
class Measure:
    """Heights in picture rows, from styles/easy-read.toml and layout.text_styles."""

    unit: float  # a picture slot and the gap under it, in points
    capacity: float  # one page's frame, plus the gap its last row needs no room for, in rows
    slot: float
    gap: float
    row_width: float  # the text column beside a picture
    body: tuple[str, float, float]  # font, size, leading
    heading: tuple[str, float, float, float]  # font, size, leading, space after
    subheading: tuple[str, float, float, float, float]  # ... and the space above (its pad)
    text_width: float
    sub_width: float

    @classmethod
    def of(cls, style: Style) -> Measure:
        return _measure(str(style.root), style.files_sha256("easy-read.toml"))

    @property
    def rows_per_page(self) -> int:
        return max(1, int(self.capacity + 1e-9))

    def lines(self, text: str, font: str, size: float, width: float) -> int:
        # The layout never breaks a word; simpleSplit wraps at spaces as Paragraph does.
        return max(1, len(simpleSplit(" ".join(text.replace("**", "").split()), font, size,
                                      width)))

    def row(self, text: str) -> float:
        font, size, leading = self.body
        height = max(self.slot, self.lines(text, font, size, self.row_width) * leading)
        return (height + self.gap) / self.unit

    def section_heading(self, text: str) -> float:
        font, size, leading, after = self.heading
        return (self.lines(text, font, size, self.text_width) * leading + after) / self.unit

    def sub_heading(self, text: str) -> float:
        font, size, leading, after, pad = self.subheading
        return (self.lines(text, font, size, self.sub_width) * leading + pad + after) / self.unit


@lru_cache(maxsize=8)
def _measure(root: str, _digest: str) -> Measure:
    """Measured once for each style folder and content of its easy-read.toml."""
    from converter.formats.easy_read.layout import SubheadingParagraph, text_styles

    style = Style(Path(root))
    settings = style.settings("easy-read")
    page, pictures = settings["page"], settings["pictures"]
    styles = text_styles(style)  # registers the fonts, as the layout does
    text_width = (page["width_mm"] - 2 * page["margin_mm"]) * mm
    frame = (page["height_mm"] - 2 * page["margin_mm"] - 8) * mm  # 8 mm footer: layout.py
    slot, gap = pictures["slot_mm"] * mm, pictures["row_gap_mm"] * mm
    body, heading, sub = styles.body, styles.heading, styles.subheading
    return Measure(
        unit=slot + gap, capacity=(frame + gap) / (slot + gap), slot=slot, gap=gap,
        row_width=text_width - slot - pictures["gap_mm"] * mm - 2,
        body=(body.fontName, body.fontSize, body.leading),
        heading=(heading.fontName, heading.fontSize, heading.leading, heading.spaceAfter),
        subheading=(sub.fontName, sub.fontSize, sub.leading, sub.spaceAfter,
                    SubheadingParagraph.PAD_MM * mm),
        text_width=text_width - 2, sub_width=text_width - sub.leftIndent - 2)


class Pager:
    """Rows laid out page after page: how many picture rows' room they take. A full page
    counts `rows_per_page` whatever it holds (a tall row leaves its foot empty); the last
    page counts what it holds. Headings wait for the row they are kept with."""

    def __init__(self, measure: Measure) -> None:
        self.capacity, self.per_page = measure.capacity, measure.rows_per_page
        self.pages, self.used, self.waiting = 0, 0.0, 0.0

    def heading(self, cost: float) -> None:
        self.waiting += cost

    def row(self, cost: float) -> None:
        size = self.waiting + cost
        self.waiting = 0.0
        if self.used and self.used + size > self.capacity:
            self.pages += 1
            self.used = 0.0
        self.used += size

    def extent(self) -> float:
        return self.pages * self.per_page + self.used + self.waiting
