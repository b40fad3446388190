"""Lay out an Easy Read script as an A4 PDF with reportlab: picture left, text right.

Sizes, fonts and colours come from styles/easy-read.toml. Rows never split across pages,
words are never hyphenated or broken, and every font is embedded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph

from converter.config import Style
from converter.formats.easy_read.pictures import Picture
from converter.formats.pdfdraw import TaggedParagraph, addresses, numbered_canvas
from converter.formats.pdfdraw import register_fonts as shared_register_fonts
from converter.formats.pdfua import Tagger, add_structure

BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class SlotRecord:
    id: str
    keywords: list[str]
    alt: str
    filled_with: str
    page: int = 0
    x_mm: float = 0.0
    y_mm: float = 0.0  # from the top of the page
    width_mm: float = 0.0
    height_mm: float = 0.0


@dataclass
class LayoutRow:
    slot: SlotRecord
    text: str  # with **bold**
    picture: Picture | None


@dataclass
class LayoutSection:
    heading: str
    rows: list[LayoutRow]
    new_page: bool = False  # the word bank and contact page start on a page of their own


@dataclass
class LayoutInput:
    title: str
    organisation: str
    language: str
    cover: LayoutRow
    sections: list[LayoutSection]
    attribution: str = ""
    version: str = field(default_factory=lambda: date.today().strftime("%B %Y"))


def register_fonts(style: Style) -> str:
    return shared_register_fonts(style, style.settings("easy-read")["fonts"], "Easy Read")


def markup(text: str) -> str:
    """Script text to reportlab paragraph markup: escape, then **bold** to <b>."""
    return BOLD.sub(r"<b>\1</b>", escape(text, quote=False))


class PictureRow(Flowable):
    """One Easy Read row: a square picture slot, then one or two sentences beside it."""

    def __init__(self, row: LayoutRow, paragraph: Paragraph, slot_pt: float, gap_pt: float,
                 placeholder: ParagraphStyle, page_height: float, tagger: Tagger) -> None:
        super().__init__()
        self.row, self.paragraph, self.tagger = row, paragraph, tagger
        self.slot_pt, self.gap_pt = slot_pt, gap_pt
        self.placeholder = placeholder
        self.page_height = page_height
        self.text_height = 0.0

    def wrap(self, available_width: float, available_height: float):
        self.width = available_width
        _, self.text_height = self.paragraph.wrap(available_width - self.slot_pt - self.gap_pt,
                                                  available_height)
        self.height = max(self.slot_pt, self.text_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float):
        return []  # a row never splits across pages

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        slot_y = top - self.slot_pt
        # Reading order in each row: the picture, then its sentence.
        with self.tagger.content(canvas, "Figure", alt=figure_alt(self.row)):
            draw_slot(canvas, self.row, 0, slot_y, self.slot_pt, self.placeholder)
        x_abs, y_abs = canvas.absolutePosition(0, slot_y)
        slot = self.row.slot
        slot.page = canvas.getPageNumber()
        slot.x_mm = round(x_abs / mm, 1)
        slot.y_mm = round((self.page_height - y_abs - self.slot_pt) / mm, 1)
        slot.width_mm = slot.height_mm = round(self.slot_pt / mm, 1)
        text_y = top - self.text_height
        if self.text_height < self.slot_pt:
            text_y = top - (self.slot_pt + self.text_height) / 2  # centred beside the picture
        text_x = self.slot_pt + self.gap_pt
        self.paragraph.drawOn(canvas, text_x, text_y)
        # An email or web address in the row can be followed from the screen.
        for url, description in addresses(self.row.text):
            self.tagger.link(canvas, url, description,
                             (text_x, text_y, self.width, text_y + self.text_height))


def figure_alt(row: LayoutRow) -> str:
    """Alt text for a slot; an empty slot says which picture belongs there."""
    if row.picture is None:
        topic = ", ".join(row.slot.keywords) or "this row"
        return f"Space for a picture about {topic} (slot {row.slot.id})"
    return row.slot.alt


def draw_slot(canvas, row: LayoutRow, x: float, y: float, size: float,
              placeholder: ParagraphStyle) -> None:
    picture = row.picture
    if picture is not None:
        try:
            _draw_picture(canvas, picture.path, x, y, size)
            return
        except Exception:  # a broken designer file must not stop the build
            row.slot.filled_with = f"placeholder (could not draw {picture.path.name})"
    canvas.saveState()
    canvas.setStrokeColor(HexColor("#000000"))
    canvas.setLineWidth(1.5)
    canvas.setDash(6, 4)
    canvas.rect(x + 2, y + 2, size - 4, size - 4)
    canvas.restoreState()
    label = Paragraph(
        f"Picture: {escape(', '.join(row.slot.keywords) or 'to choose')}<br/>"
        f"{escape(row.slot.id)}", placeholder)
    _, height = label.wrap(size - 16, size - 16)
    label.drawOn(canvas, x + 8, y + max(8, (size - height) / 2))


def _draw_picture(canvas, path: Path, x: float, y: float, size: float) -> None:
    pad = size * 0.06
    box = size - 2 * pad
    if path.suffix.lower() == ".svg":
        from reportlab.graphics import renderPDF, shapes
        from svglib.svglib import svg2rlg

        # renderPDF starts each drawing in Helvetica; point it at our embedded font so no
        # non-embedded base font is left referenced in the PDF.
        shapes.STATE_DEFAULTS["fontName"] = canvas._fontname

        drawing = svg2rlg(str(path))
        if drawing is None or not drawing.width or not drawing.height:
            raise ValueError("empty SVG")
        scale = min(box / drawing.width, box / drawing.height)
        drawing.scale(scale, scale)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        renderPDF.draw(drawing, canvas, x + pad + (box - drawing.width) / 2,
                       y + pad + (box - drawing.height) / 2)
    else:
        canvas.drawImage(ImageReader(str(path)), x + pad, y + pad, box, box,
                         preserveAspectRatio=True, anchor="c", mask="auto")


def render_pdf(data: LayoutInput, style: Style, target: Path) -> int:
    """Write the PDF; return the page count. Slot records are filled in with positions."""
    settings = style.settings("easy-read")
    text, page, pictures = settings["text"], settings["page"], settings["pictures"]
    font = register_fonts(style)
    colour = HexColor(text["colour"])
    body = ParagraphStyle(
        "body", fontName=font, fontSize=text["body_pt"],
        leading=text["body_pt"] * text["line_spacing"], alignment=TA_LEFT, textColor=colour,
        splitLongWords=0, hyphenationLang="", allowWidows=0, allowOrphans=0)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=f"{font}-Bold", fontSize=text["heading_pt"],
        leading=text["heading_pt"] * 1.3, spaceAfter=6 * mm, keepWithNext=1)
    title = ParagraphStyle("title", parent=heading, fontSize=text["title_pt"],
                           leading=text["title_pt"] * 1.25, spaceAfter=8 * mm)
    placeholder = ParagraphStyle(
        "placeholder", parent=body, fontSize=text["placeholder_pt"],
        leading=text["placeholder_pt"] * 1.25, textColor=HexColor(text["placeholder_colour"]))

    width, height = page["width_mm"] * mm, page["height_mm"] * mm
    margin = page["margin_mm"] * mm
    slot, gap = pictures["slot_mm"] * mm, pictures["gap_mm"] * mm
    row_gap = pictures["row_gap_mm"] * mm

    tagger = Tagger()

    def para(text: str, style: ParagraphStyle, tag: str) -> TaggedParagraph:
        return TaggedParagraph(markup(text), style, tag=tag, tagger=tagger,
                               plain=text.replace("**", ""))

    def row_flowable(row: LayoutRow, size: float = slot) -> Flowable:
        flowable = PictureRow(row, para(row.text, body, "P"), size, gap, placeholder, height,
                              tagger)
        flowable.spaceAfter = row_gap
        return flowable

    story: list[Flowable] = [
        para(data.title, title, "H1"),
        para(f"Easy Read version of {data.title}", heading, "P"),
        row_flowable(data.cover, pictures["cover_slot_mm"] * mm),
        para(data.version, body, "P"),
        para(f"From {data.organisation}", body, "P"),
        PageBreak(),
    ]
    for section in data.sections:
        if section.new_page and not isinstance(story[-1], PageBreak):
            story.append(PageBreak())
        story.append(para(section.heading, heading, "H2"))
        story.extend(row_flowable(row) for row in section.rows)
    if data.attribution:
        # Credits are not content: set apart at the smaller (still 16pt) label size.
        story.append(para(data.attribution, placeholder, "P"))

    document = BaseDocTemplate(
        str(target), pagesize=(width, height), leftMargin=margin, rightMargin=margin,
        topMargin=margin, bottomMargin=margin + 8 * mm, title=data.title,
        author=data.organisation, subject=f"Easy Read version of {data.title}",
        creator="converter", lang=data.language, displayDocTitle=True, initialFontName=font,
        keywords="Easy Read",
    )
    frame = Frame(margin, margin + 8 * mm, width - 2 * margin, height - 2 * margin - 8 * mm,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def background(canvas, _doc) -> None:
        with tagger.artifact(canvas):
            canvas.saveState()
            canvas.setFillColor(HexColor(text["background"]))
            canvas.rect(0, 0, width, height, stroke=0, fill=1)
            canvas.restoreState()

    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=background)])
    document.build(story, canvasmaker=numbered_canvas(font, text["page_number_pt"],
                                                       text["colour"], tagger))
    add_structure(target, tagger, data.title, data.language, author=data.organisation,
                  subject=f"Easy Read version of {data.title}")
    return document.page
