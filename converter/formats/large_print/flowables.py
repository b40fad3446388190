"""reportlab flowables for large print that tag what they draw: a list item (label and
body), a table row (header and data cells, borders as artifacts) and a picture."""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from converter.formats.pdfdraw import TaggedParagraph
from converter.formats.pdfua import Tagger


class ListItem(Flowable):
    """A list label ("•", "3.") and its text beside it; long text continues on the next
    page without the label."""

    def __init__(self, label: TaggedParagraph | None, body: TaggedParagraph, indent: float,
                 label_width: float) -> None:
        super().__init__()
        self.label, self.body = label, body
        self.indent, self.label_width = indent, label_width
        self.label_height = self.body_height = 0.0

    def _body_width(self, available_width: float) -> float:
        return available_width - self.indent - self.label_width

    def wrap(self, available_width: float, available_height: float):
        _, self.body_height = self.body.wrap(self._body_width(available_width), available_height)
        if self.label is not None:
            _, self.label_height = self.label.wrap(self.label_width, available_height)
        self.width, self.height = available_width, max(self.body_height, self.label_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float):
        parts = self.body.split(self._body_width(available_width), available_height)
        if len(parts) < 2:
            return []
        first = ListItem(self.label, parts[0], self.indent, self.label_width)
        rest = ListItem(None, parts[1], self.indent, self.label_width)
        first.spaceAfter, rest.spaceAfter = 0, self.spaceAfter
        return [first, rest]

    def draw(self) -> None:
        if self.label is not None:  # reading order: the label, then the text
            self.label.drawOn(self.canv, self.indent, self.height - self.label_height)
        self.body.drawOn(self.canv, self.indent + self.label_width,
                         self.height - self.body_height)


class TableRow(Flowable):
    """One table row: cells side by side with borders. A row never splits; a table
    breaks between rows."""

    def __init__(self, cells: list[TaggedParagraph], widths: list[float], padding: float,
                 header: bool) -> None:
        super().__init__()
        self.cells, self.widths, self.padding, self.header = cells, widths, padding, header
        self.heights: list[float] = []

    def wrap(self, available_width: float, available_height: float):
        self.heights = [cell.wrap(width - 2 * self.padding, available_height)[1]
                        for cell, width in zip(self.cells, self.widths, strict=True)]
        self.width = sum(self.widths)
        self.height = max(self.heights, default=0) + 2 * self.padding
        return self.width, self.height

    def split(self, available_width: float, available_height: float):
        return []

    def draw(self) -> None:
        canvas = self.canv
        with Tagger.artifact(canvas):  # borders and shading are decoration
            canvas.saveState()
            canvas.setLineWidth(1.2)
            x = 0.0
            for width in self.widths:
                if self.header:
                    canvas.setFillColor(HexColor("#E8E8E8"))  # 17:1 with black text
                canvas.rect(x, 0, width, self.height, stroke=1, fill=1 if self.header else 0)
                x += width
            canvas.restoreState()
        x = 0.0
        for cell, width, height in zip(self.cells, self.widths, self.heights, strict=True):
            cell.drawOn(canvas, x + self.padding, self.height - self.padding - height)
            x += width


class Picture(Flowable):
    """A picture from the master, scaled to fit, tagged as a Figure with its alt text
    (a picture with no alt text in the master is decoration: an artifact)."""

    def __init__(self, data: bytes, alt: str, tagger: Tagger, max_height: float) -> None:
        super().__init__()
        self.reader = ImageReader(io.BytesIO(data))  # raises for data it cannot read
        self.alt, self.tagger, self.max_height = alt, tagger, max_height
        self.image_width, self.image_height = self.reader.getSize()

    def wrap(self, available_width: float, available_height: float):
        scale = min(available_width / self.image_width, self.max_height / self.image_height, 1.0)
        self.width, self.height = self.image_width * scale, self.image_height * scale
        return self.width, self.height

    def draw(self) -> None:
        def paint() -> None:
            self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")

        if self.alt:
            with self.tagger.content(self.canv, "Figure", alt=self.alt):
                paint()
        else:
            with Tagger.artifact(self.canv):
                paint()


class TableBlock(Flowable):
    """A table's rows. Over a page break it splits between rows and repeats its header
    rows at the top of the next page (UKAAF); the repeat is an artifact, as the header
    cells are already in the structure tree."""

    def __init__(self, rows: list[TableRow], header_count: int) -> None:
        super().__init__()
        self.rows, self.header_count = rows, header_count

    def wrap(self, available_width: float, available_height: float):
        heights = [row.wrap(available_width, available_height)[1] for row in self.rows]
        self.width = max((row.width for row in self.rows), default=0)
        self.height = sum(heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float):
        used, fit = 0.0, 0
        for row in self.rows:
            used += row.wrap(available_width, available_height)[1]
            if used > available_height:
                break
            fit += 1
        if fit <= self.header_count or fit >= len(self.rows):
            return []  # not even one body row fits here: start the table on the next page
        header = self.rows[:self.header_count]
        first = TableBlock(self.rows[:fit], self.header_count)
        rest = TableBlock([*header, *self.rows[fit:]], self.header_count)
        first.spaceAfter, rest.spaceAfter = 0, self.spaceAfter
        return [first, rest]

    def draw(self) -> None:
        y = self.height
        for row in self.rows:
            y -= row.height
            row.drawOn(self.canv, 0, y)
