"""Lay out an Easy Read script as an A4 PDF with reportlab: picture left, text right.

Sizes, fonts and colours come from styles/easy-read.toml. Rows never split across pages,
words are never hyphenated or broken, and every font is embedded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import pikepdf
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph

from converter.config import Style
from converter.formats.easy_read.contact_page import CONTACT_HEADING
from converter.formats.easy_read.lists import is_lead_in
from converter.formats.easy_read.pictures import Picture
from converter.formats.pdfdraw import (
    TaggedParagraph,
    address_lines,
    addresses,
    numbered_canvas,
)
from converter.formats.pdfdraw import register_fonts as shared_register_fonts
from converter.formats.pdfua import Tagger, add_structure
from converter.language.contacts import ADDRESS, contact_spans

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
    file: str = ""  # the PDF the slot is in (an Easy Read in parts has several)


@dataclass
class LayoutRow:
    slot: SlotRecord
    text: str  # with **bold**
    picture: Picture | None


@dataclass
class LayoutSubheading:
    """A heading inside a section ('Principle 1'): no picture, kept with the row after it."""

    text: str


@dataclass
class LayoutSection:
    heading: str
    rows: list[LayoutRow | LayoutSubheading]
    new_page: bool = False  # the word bank and contact page start on a page of their own
    # The contact page: on one page when its rows can be (Story.one_page).
    one_page: bool = False


@dataclass
class LayoutInput:
    title: str
    organisation: str
    language: str
    cover: LayoutRow
    sections: list[LayoutSection]
    attribution: str = ""
    version: str = ""  # the document's own month and year (cover_date.py), not the build's
    draft_band: str = ""  # shown on every page until a person approves the script
    part: str = ""  # 'Part 1 of 3' when the Easy Read is split into parts
    # An Easy Read in parts: each part's section headings, and which part this is (from 1).
    # Every part lists them all after its cover, so a resident sent one part alone knows
    # what the others cover and what to ask for.
    parts: list[list[str]] = field(default_factory=list)
    part_number: int = 0


def register_fonts(style: Style) -> str:
    return shared_register_fonts(style, style.settings("easy-read")["fonts"], "Easy Read")


LONG = re.compile(r"[^\s*]{12,}")  # a token that may be wider than the line (a file hash)


def markup(text: str, fits=None) -> str:
    """Script text to reportlab paragraph markup: escape, then **bold** to <b>. A web or
    email address too wide for the line (`fits(text)` is False) is broken at '/' or '.'
    onto lines of its own, so it never runs off the page; so is any other token too wide
    for the line (a file name, a long number). Words that fit are never broken. A phone number
    or postcode is never split across lines ("0345 303" / "6760" is hard to read and dial)."""
    text = unbroken(text)
    out, last = [], 0
    for match in ADDRESS.finditer(text):
        out.append(_broken(text[last:match.start()], fits, LONG))
        out.append(_broken(match.group(0), fits, re.compile(r".+", re.S)))
        last = match.end()
    out.append(_broken(text[last:], fits, LONG))
    # A line break is kept: an address is set on lines, like an envelope.
    return BOLD.sub(r"<b>\1</b>", "".join(out)).replace("\n", "<br/>")


def unbroken(text: str) -> str:
    """Spaces inside phone numbers and postcodes made non-breaking."""
    for span in contact_spans(text):
        if span.kind in ("phone", "postcode"):
            text = text[:span.start] + span.text.replace(" ", "\u00a0") + text[span.end:]
    return text


def _broken(text: str, fits, pieces: re.Pattern) -> str:
    """`text` escaped, each match of `pieces` too wide for the line on lines of its own."""
    if fits is None:
        return escape(text, quote=False)
    out, last = [], 0
    for match in pieces.finditer(text):
        token = match.group(0)
        if fits(token):
            continue
        out.append(escape(text[last:match.start()], quote=False))
        out.append("<br/>" + "<br/>".join(escape(part, quote=False)
                                          for part in address_lines(token, fits)))
        last = match.end()
    out.append(escape(text[last:], quote=False))
    return "".join(out)


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


class SubheadingParagraph(TaggedParagraph):
    """A sub-heading with its space above inside its own height, so it is kept at the top of
    a page too (reportlab drops spaceBefore there): a sub-heading at the very top of several
    pages ('Principle 2', 'Principle 9') would read to checkers as a running header
    (PDF/UA 7.8, Matterhorn 18: outloud's PAG-001 looks at the top 12% of the page)."""

    PAD_MM = 9

    def wrap(self, available_width: float, available_height: float):
        width, height = super().wrap(available_width, available_height)
        return width, height + self.PAD_MM * mm  # the text is drawn at the bottom


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
    draw_label(canvas, row, x, y, size, placeholder)


def draw_label(canvas, row: LayoutRow, x: float, y: float, size: float,
               placeholder: ParagraphStyle) -> None:
    """The designer's label, kept inside its slot: smaller type until it fits."""
    # An OpenMoji suggestion ('try OpenMoji 1F469') is for the designer: it is in
    # image-slots.csv, never printed where a resident reads.
    text = f"Picture: {escape(', '.join(row.slot.keywords) or 'to choose')}"
    inner = size - 16
    # The slot id (the designer's file name) is in image-slots.csv with the page and
    # position, and in the figure's alt text; the label keeps to readable 16pt words.
    for points in range(int(placeholder.fontSize), 7, -1):
        style = ParagraphStyle("label", parent=placeholder, fontSize=points,
                               leading=points * 1.2, splitLongWords=1)
        label = Paragraph(text, style)
        _, height = label.wrap(inner, inner)
        if height <= inner:
            break
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


@dataclass
class TextStyles:
    body: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    placeholder: ParagraphStyle
    band: ParagraphStyle
    subheading: ParagraphStyle


def text_styles(style: Style) -> TextStyles:
    """Paragraph styles from easy-read.toml: 18pt body, 26pt headings, 1.5 line spacing."""
    text = style.settings("easy-read")["text"]
    font = register_fonts(style)
    body = ParagraphStyle(
        "body", fontName=font, fontSize=text["body_pt"],
        leading=text["body_pt"] * text["line_spacing"], alignment=TA_LEFT,
        textColor=HexColor(text["colour"]), splitLongWords=0, hyphenationLang="",
        allowWidows=0, allowOrphans=0)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=f"{font}-Bold", fontSize=text["heading_pt"],
        leading=text["heading_pt"] * 1.3, spaceAfter=6 * mm, keepWithNext=1)
    title = ParagraphStyle("title", parent=heading, fontSize=text["title_pt"],
                           leading=text["title_pt"] * 1.25, spaceAfter=8 * mm)
    placeholder = ParagraphStyle(
        "placeholder", parent=body, fontSize=text["placeholder_pt"],
        leading=text["placeholder_pt"] * 1.25, textColor=HexColor(text["placeholder_colour"]))
    band = ParagraphStyle("band", parent=body, fontName=f"{font}-Bold",
                          fontSize=text["page_number_pt"], textColor=HexColor("#FFFFFF"))
    # A sub-heading: bold, smaller than a section heading, left aligned in the text column
    # beside the pictures (DH/GOV.UK Easy Read: clear, left-aligned headings).
    pictures, size = style.settings("easy-read")["pictures"], \
        style.typed("easy-read").text.subheading_pt
    subheading = ParagraphStyle(
        "subheading", parent=heading, fontSize=size, leading=size * 1.3, spaceBefore=0,
        spaceAfter=4 * mm,
        leftIndent=(pictures["slot_mm"] + pictures["gap_mm"]) * mm)
    return TextStyles(body, heading, title, placeholder, band, subheading)


@dataclass
class Story:
    """Builds the flowables: cover, sections, credits."""

    data: LayoutInput
    styles: TextStyles
    tagger: Tagger
    settings: dict[str, Any]
    page_height: float
    text_width: float
    frame_height: float  # the body frame's height: what one page holds

    def para(self, text: str, style: ParagraphStyle, tag: str) -> TaggedParagraph:
        def fits(piece: str) -> bool:
            return pdfmetrics.stringWidth(piece, style.fontName, style.fontSize) <= \
                self.text_width - 2
        return TaggedParagraph(markup(text, fits), style, tag=tag, tagger=self.tagger,
                               plain=text.replace("**", ""))

    def subheading(self, text: str) -> SubheadingParagraph:
        style = self.styles.subheading

        def fits(piece: str) -> bool:
            return pdfmetrics.stringWidth(piece, style.fontName, style.fontSize) <= \
                self.text_width - style.leftIndent - 2
        return SubheadingParagraph(markup(text, fits), style, tag="H3", tagger=self.tagger,
                                   plain=text.replace("**", ""))

    def row(self, row: LayoutRow, size_mm: float | None = None) -> Flowable:
        pictures = self.settings["pictures"]
        size = (size_mm or pictures["slot_mm"]) * mm
        gap = pictures["gap_mm"] * mm
        paragraph = self.row_paragraph(row.text, self.text_width - size - gap)
        flowable = PictureRow(row, paragraph, size, gap, self.styles.placeholder,
                              self.page_height, self.tagger)
        flowable.spaceAfter = pictures["row_gap_mm"] * mm
        if is_lead_in(row.text.replace("**", "")):
            flowable.keepWithNext = 1  # '..., we will do these things.' opens its list's page
        return flowable

    def row_paragraph(self, text: str, width: float) -> TaggedParagraph:
        body = self.styles.body

        def fits(piece: str) -> bool:
            return pdfmetrics.stringWidth(piece, body.fontName, body.fontSize) <= width - 2
        return TaggedParagraph(markup(text, fits), body, tag="P", tagger=self.tagger,
                               plain=text.replace("**", ""))

    def cover(self) -> list[Flowable]:
        data, styles = self.data, self.styles
        story: list[Flowable] = [
            self.para(data.title, styles.title, "H1"),
            self.para("Easy Read version", styles.heading, "P"),
        ]
        if data.part:
            story.append(self.para(data.part, styles.heading, "P"))
        story.append(self.row(data.cover, self.settings["pictures"]["cover_slot_mm"]))
        if data.version:
            story.append(self.para(data.version, styles.body, "P"))
        if data.organisation:  # no publisher known: no "From" line rather than a guess
            story.append(self.para(f"From {data.organisation}", styles.body, "P"))
        return [*story, PageBreak()]

    def contents(self) -> list[Flowable]:
        """The page after the cover of a part: what every part covers, this one marked."""
        data, body = self.data, self.styles.body
        if len(data.parts) < 2:
            return []
        story: list[Flowable] = [
            self.para("What is in each part", self.styles.heading, "H2"),
            self.para(f"This document is in {len(data.parts)} parts. "
                      f"This is part {data.part_number}.", body, "P")]
        # One heading a line: headings have commas and 'and' of their own.
        indented = ParagraphStyle("contents", parent=body, leftIndent=10 * mm)
        for number, headings in enumerate(data.parts, start=1):
            here = " (this part)" if number == data.part_number else ""
            paragraph = self.para(f"**Part {number}{here}** is about:", body, "P")
            paragraph.spaceBefore = 4 * mm
            paragraph.keepWithNext = 1
            story.append(paragraph)
            story.extend(self.para(heading, indented, "P") for heading in headings)
        if not CONTACT_HEADING.match(data.sections[-1].heading):
            return [*story, PageBreak()]  # no contact page to point to
        closing = self.para("To get another part, contact us. How to contact us is at the "
                            "end of this part.", body, "P")
        closing.spaceBefore = 8 * mm
        return [*story, closing, PageBreak()]

    def flowables(self) -> list[Flowable]:
        story = self.cover() + self.contents()
        for section in self.data.sections:
            if section.new_page and not isinstance(story[-1], PageBreak):
                story.append(PageBreak())
            if section.one_page and section is self.data.sections[-1]:
                story.extend(self.one_page(section))
                return story
            story.append(self.para(section.heading, self.styles.heading, "H2"))
            story.extend(self.subheading(row.text) if isinstance(row, LayoutSubheading)
                         else self.row(row) for row in section.rows)
        return story + self.credits()

    def credits(self) -> list[Flowable]:
        if not self.data.attribution:
            return []
        # Credits are not content: set apart at the smaller (still 16pt) label size.
        return [self.para(self.data.attribution, self.styles.placeholder, "P")]

    def one_page(self, section: LayoutSection) -> list[Flowable]:
        """The contact page, with the credits under it, on as few pages as its rows allow
        (one, whenever they fit with pictures no smaller than `contact_min_slot_mm`), and
        on those pages the pictures as big as they can be (DH Easy Read guidance: one idea
        a row with its picture, pictures as big as possible; the 18pt text never shrinks).
        Each page after the first is headed '<heading> (continued)'."""
        pictures = self.settings["pictures"]
        largest = int(pictures["slot_mm"])
        smallest = int(min(pictures.get("contact_min_slot_mm", largest), largest))
        fewest = len(self.pages(section, smallest))
        for size in range(largest, smallest - 1, -1):
            pages = self.pages(section, size)
            if len(pages) <= fewest:
                return [flowable for number, page in enumerate(pages)
                        for flowable in ([PageBreak()] if number else []) + page]
        raise AssertionError("unreachable: the smallest size always gives the fewest pages")

    def pages(self, section: LayoutSection, size_mm: float) -> list[list[Flowable]]:
        """The section's rows (then the credits) at this picture size, a page at a time:
        as many whole rows as each page holds, under the heading or its continuation."""
        def heading(text: str) -> list[Flowable]:
            return [self.para(text, self.styles.heading, "H2")]

        pages = [heading(section.heading)]
        used = stacked_height(pages[-1], self.text_width)
        for flowable in [*(self.row(row, size_mm) for row in section.rows), *self.credits()]:
            # Stacked as platypus stacks them: the space after the one above, then this one.
            more = pages[-1][-1].getSpaceAfter() + flowable.getSpaceBefore() + \
                flowable.wrap(self.text_width, self.frame_height)[1]
            if len(pages[-1]) > 1 and used + more > self.frame_height:
                pages.append(heading(f"{section.heading} (continued)"))
                used = stacked_height([*pages[-1], flowable], self.text_width)
            else:
                used += more
            pages[-1].append(flowable)
        return pages


def stacked_height(flowables: list[Flowable], width: float) -> float:
    """The height the flowables take stacked from the top of a frame: each one's height,
    the space after each but the last and before each but the first (as platypus adds)."""
    total = 0.0
    for index, flowable in enumerate(flowables):
        total += flowable.wrap(width, 10_000)[1]
        if index:
            total += flowable.getSpaceBefore()
        if index < len(flowables) - 1:
            total += flowable.getSpaceAfter()
    return total


def page_decorator(data: LayoutInput, style: Style, styles: TextStyles, tagger: Tagger):
    """Draws what every page has: the background and, until approval, the DRAFT band.
    The band is text on every page (so it is in the text layer), tagged as real content (a P,
    the first thing read) on page 1 and as a running-header artifact on the others: a person
    using a screen reader hears that the copy is a draft at the start, as a sighted reader
    sees it, without hearing it again on every page (PDF/UA 7.8, Matterhorn 18)."""
    settings = style.settings("easy-read")
    width, height = settings["page"]["width_mm"] * mm, settings["page"]["height_mm"] * mm
    margin = settings["page"]["margin_mm"] * mm

    def decorate(canvas, _doc) -> None:
        with tagger.artifact(canvas):
            canvas.saveState()
            canvas.setFillColor(HexColor(settings["text"]["background"]))
            canvas.rect(0, 0, width, height, stroke=0, fill=1)
            canvas.restoreState()
        if not data.draft_band:
            return
        band_height = 13 * mm  # inside the top margin, clear of the content frame
        top = height - 3 * mm
        with tagger.artifact(canvas):
            canvas.saveState()
            canvas.setFillColor(HexColor("#000000"))  # white on black: 21:1 contrast
            canvas.rect(0, top - band_height, width, band_height, stroke=0, fill=1)
            canvas.restoreState()
        label = Paragraph(escape(data.draft_band), styles.band)
        _, label_height = label.wrap(width - 2 * margin, band_height)
        first = canvas.getPageNumber() == 1
        with (tagger.content(canvas, "P", text=data.draft_band) if first
              else tagger.artifact(canvas)):
            label.drawOn(canvas, margin, top - band_height + (band_height - label_height) / 2)

    return decorate


def render_pdf(data: LayoutInput, style: Style, target: Path) -> int:
    """Write the PDF; return the page count. Slot records are filled in with positions."""
    settings = style.settings("easy-read")
    page, text = settings["page"], settings["text"]
    width, height = page["width_mm"] * mm, page["height_mm"] * mm
    margin, footer = page["margin_mm"] * mm, 8 * mm
    styles, tagger = text_styles(style), Tagger()
    frame_height = height - 2 * margin - footer
    story = Story(data, styles, tagger, settings, height, width - 2 * margin,
                  frame_height).flowables()
    subject = f"Easy Read version of {data.title}"
    if data.draft_band:
        subject = f"DRAFT, not approved: {subject}"
    document = BaseDocTemplate(
        str(target), pagesize=(width, height), leftMargin=margin, rightMargin=margin,
        topMargin=margin, bottomMargin=margin + footer, title=data.title,
        author=data.organisation, subject=subject, creator="converter", lang=data.language,
        displayDocTitle=True, initialFontName=styles.body.fontName,
        keywords="Easy Read, DRAFT" if data.draft_band else "Easy Read",
    )
    frame = Frame(margin, margin + footer, width - 2 * margin, frame_height,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate(
        id="page", frames=[frame], onPage=page_decorator(data, style, styles, tagger))])
    document.build(story, canvasmaker=numbered_canvas(
        styles.body.fontName, text["page_number_pt"], text["colour"], tagger))
    add_structure(target, tagger, data.title, data.language, author=data.organisation,
                  subject=subject)
    with pikepdf.open(target, allow_overwriting_input=True) as pdf:  # say "draft" in the info too
        pdf.docinfo["/Keywords"] = "Easy Read, DRAFT" if data.draft_band else "Easy Read"
        pdf.save(target, deterministic_id=True)  # same bytes on every build
    return document.page
