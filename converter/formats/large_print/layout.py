"""Lay out the whole master as an A4 large print PDF (UKAAF G003) with reportlab.

Every block of the document model in order: headings larger than the body and bold,
paragraphs that may continue on the next page, lists with their labels, tables row by
row (or set out as "heading: value" when too wide), pictures with alt text, and each
chapter's notes at its end. Left aligned, no hyphenation, no italics, every font embedded;
each piece is tagged for PDF/UA through converter/formats/pdfua.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Frame, PageBreak, PageTemplate

from converter.formats.large_print.flowables import ListItem, Picture, TableBlock, TableRow
from converter.formats.pdfdraw import (
    GlyphFallback,
    StreamingDocTemplate,
    TaggedParagraph,
    addresses,
    numbered_canvas,
    wide_tokens_broken,
)
from converter.formats.pdfua import Group, Metadata, Tagger
from converter.formats.source_images import image_data
from converter.formats.textparts import (
    ListEntry,
    ListNode,
    code_pieces,
    code_ranges,
    group_blocks,
    heading_levels,
    link_segments,
    note_numbers,
    note_words,
)
from converter.model import (
    Block,
    Chapter,
    Document,
    Heading,
    Image,
    Link,
    Quote,
    Table,
    cell_lines,
    flat_cell,
)
from converter.model import ListItem as ModelItem


@dataclass
class PrintSettings:
    font: str
    body_pt: float
    title_pt: float
    heading_pt: list[float]  # levels 2..6
    line_spacing: float
    colour: str
    background: str
    max_columns: int
    page_width: float
    page_height: float
    margin: float
    code_font: str = ""  # computer code's fixed-width face; "" sets code in `font`

    @classmethod
    def from_toml(cls, values: dict[str, Any], font: str, code_font: str = "") -> PrintSettings:
        text, page = values["text"], values["page"]
        return cls(font=font, body_pt=text["body_pt"], title_pt=text["title_pt"],
                   heading_pt=[text["heading_pt"], text["subheading_pt"],
                               *[text["minor_heading_pt"]] * 3],
                   line_spacing=text["line_spacing"],
                   colour=text["colour"], background=text["background"],
                   max_columns=values["tables"]["max_columns"],
                   page_width=page["width_mm"] * mm, page_height=page["height_mm"] * mm,
                   margin=page["margin_mm"] * mm, code_font=code_font)


# Where inline code begins and ends in text on its way to markup (private-use characters;
# one in a master's own text is printed as a character no font has, see `_unmarked`).
CODE_OPEN, CODE_CLOSE = "\ue0f0", "\ue0f1"


def _unmarked(text: str) -> str:
    return text.replace(CODE_OPEN, "\ufffd").replace(CODE_CLOSE, "\ufffd")


class StoryMaker:
    """Turns the document into tagged flowables, in reading order, a block at a time."""

    def __init__(self, document: Document, settings: PrintSettings, tagger: Tagger,
                 publisher: str, glyphs: GlyphFallback) -> None:
        self.document, self.settings, self.tagger = document, settings, tagger
        self.glyphs = glyphs
        self.publisher = publisher
        self.notes = note_numbers(document)
        self.styles = self._styles()
        self.keys = itertools.count(1)
        self.story: list[Flowable] = []  # made for the current block, not yet handed out
        self.frame_width = settings.page_width - 2 * settings.margin
        self.pictures_missing = 0
        self.tables_linearised = 0

    def _styles(self) -> dict[str, ParagraphStyle]:
        s = self.settings
        # splitLongWords only breaks a word wider than a whole line (a long web address),
        # which would otherwise run off the page; other words are never split or hyphenated.
        body = ParagraphStyle(
            "body", fontName=s.font, fontSize=s.body_pt, leading=s.body_pt * s.line_spacing,
            alignment=TA_LEFT, textColor=HexColor(s.colour), spaceAfter=s.body_pt * 0.75,
            splitLongWords=1, hyphenationLang="", allowWidows=0, allowOrphans=0)
        styles = {"P": body,
                  "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
                  "TH": ParagraphStyle("TH", parent=body, spaceAfter=0, fontName=f"{s.font}-Bold"),
                  "H1": ParagraphStyle("H1", parent=body, fontName=f"{s.font}-Bold",
                                       fontSize=s.title_pt, leading=s.title_pt * 1.25,
                                       spaceAfter=s.body_pt, keepWithNext=1)}
        for level, size in enumerate(s.heading_pt, start=2):
            styles[f"H{level}"] = ParagraphStyle(
                f"H{level}", parent=body, fontName=f"{s.font}-Bold", fontSize=size,
                leading=size * 1.3, spaceBefore=s.body_pt, spaceAfter=s.body_pt * 0.6,
                keepWithNext=1)
        return styles

    def para(self, markup: str, tag: str = "P", plain: str = "", style: str = "",
             parents: tuple[Group, ...] = (), **kwargs: Any) -> TaggedParagraph:
        bold = tag.startswith("H") or (style or tag) == "TH"
        markup = self.glyphs.markup(markup, bold=bold)
        return TaggedParagraph(markup, self.styles[style or tag], tag=tag, tagger=self.tagger,
                               plain=plain, parents=parents, splittable=not tag.startswith("H"),
                               **kwargs)

    def group(self, kind: str, *attributes: tuple[str, str]) -> Group:
        return Group(kind, f"{kind}{next(self.keys)}", tuple(attributes))

    def flowables(self) -> Iterator[Flowable]:
        """Every flowable, made as reportlab asks for them: a whole document's paragraphs
        at once would grow memory with its length."""
        title = self.document.title
        self.story.append(self.para(escape(title), "H1", plain=title))
        self.story.append(self.para(f"Large print edition of {escape(title)}"))
        if self.publisher:
            self.story.append(self.para(f"Published by {escape(self.publisher)}"))
        self.story.append(PageBreak())
        yield from self._hand_out()
        for chapter in self.document.chapters:
            yield from self.chapter(chapter)

    def _hand_out(self) -> list[Flowable]:
        made, self.story = self.story, []
        return made

    def chapter(self, chapter: Chapter) -> Iterator[Flowable]:
        levels = heading_levels(chapter, chapter_level=2)
        if not chapter.blocks or not isinstance(chapter.blocks[0], Heading):
            self.heading(chapter.title, 2)
        index_of = {id(block): index for index, block in enumerate(chapter.blocks)}
        for item in group_blocks(chapter.blocks):
            if isinstance(item, Heading):
                self.heading(item.text, levels.get(index_of[id(item)], 3))
            elif isinstance(item, ListNode):
                self.list(item, (), 0)
            elif isinstance(item, Table):
                self.table(item)
            elif isinstance(item, Image):
                self.picture(item)
            else:
                self.paragraph(item)
            yield from self._hand_out()
        self.chapter_notes(chapter, min(max(levels.values(), default=2) + 1, 6))
        yield from self._hand_out()

    def heading(self, text: str, level: int) -> None:
        self.story.append(self.para(escape(text), f"H{level}", plain=text))

    def fits(self, width: float, code: bool = False):
        """Whether a word fits a line `width` points wide in the body text (measured in the
        wider code face when the text holds code)."""
        s = self.settings
        font = s.code_font if code and s.code_font else s.font
        return lambda word: stringWidth(word.strip(CODE_OPEN + CODE_CLOSE), font,
                                        s.body_pt) <= width

    def inline(self, block: Block, width: float) -> str:
        """Escaped text for lines `width` points wide; a link's address follows its text,
        as print cannot be clicked; note references as "(note 3)" at full size. An address
        too wide for a line breaks only after "/", "." and the like (pdfdraw.address_lines).
        Computer code is set in the code face at the body size (UKAAF: one size of text)."""
        links: tuple[Link, ...] = getattr(block, "links", ())
        ranges = code_ranges(block.text, getattr(block, "code_spans", ()))
        out, offset = [], 0
        for piece, url in link_segments(block.text, links):
            out += [CODE_OPEN + _unmarked(part) + CODE_CLOSE if code else _unmarked(part)
                    for part, code in code_pieces(piece, offset, ranges)]
            offset += len(piece)
            address = url.removeprefix("mailto:") if url else ""
            if address and address.lower() not in piece.lower():
                out.append(f" ({address})")
        out.append(note_words(block, self.notes))
        return self._code_faced("<br/>".join(
            wide_tokens_broken(line, self.fits(width, bool(ranges)))
            for line in "".join(out).split("\n")))

    def _code_faced(self, markup: str) -> str:
        """Markup with the code marks as the code face (none set: the marks go)."""
        face = self.settings.code_font
        return markup.replace(CODE_OPEN, f'<font face="{face}">' if face else "").replace(
            CODE_CLOSE, "</font>" if face else "")

    @staticmethod
    def links(text: str, links: tuple[Link, ...] = ()) -> tuple[tuple[str, str], ...]:
        """What can be clicked in a paragraph: its links and the addresses in its text."""
        found = {url: f"Link: {piece}" for piece, url in link_segments(text, links) if url}
        for url, description in addresses(text):
            found.setdefault(url, description)
        return tuple(found.items())

    def code_block(self, lines: tuple[str, ...]) -> None:
        """A code block line by line in the code face, each line a paragraph whose words
        wrap under a hanging indent, so a wrapped line is not read as a new one; an
        indent in the master is kept (no-break spaces), a blank line is a gap."""
        s = self.settings
        hang = s.body_pt * 2
        self.styles.setdefault("code", ParagraphStyle(
            "code", parent=self.styles["P"], leftIndent=hang, firstLineIndent=-hang,
            spaceAfter=0))
        gap = 0.0
        for line in lines:
            if not line.strip():
                gap = s.body_pt * 0.75
                continue
            text = CODE_OPEN + "\u00a0" * (len(line) - len(line.lstrip(" "))) + \
                _unmarked(line.strip()) + CODE_CLOSE
            flowable = self.para(self._code_faced(wide_tokens_broken(
                text, self.fits(self.frame_width - hang, True))), style="code")
            flowable.spaceBefore, gap = gap, 0.0
            self.story.append(flowable)
        if lines:
            self.story[-1].spaceAfter = s.body_pt * 0.75

    def paragraph(self, block: Block) -> None:
        code_lines: tuple[str, ...] = getattr(block, "code_lines", ())
        if code_lines:
            self.code_block(code_lines)
            return
        parents = (self.group("BlockQuote"),) if isinstance(block, Quote) else ()
        style = "P"
        if parents:  # a quotation is set in from the left, not in italics
            style = "quote"
            self.styles.setdefault("quote", ParagraphStyle(
                "quote", parent=self.styles["P"], leftIndent=self.settings.body_pt * 1.5))
        indent = self.styles[style].leftIndent
        flowable = self.para(self.inline(block, self.frame_width - indent), style=style,
                             parents=parents,
                             links=self.links(block.text, getattr(block, "links", ())))
        if block.text.rstrip().endswith(":"):
            flowable.keepWithNext = 1  # 'The protected characteristics are:' opens its list
        self.story.append(flowable)

    def list(self, node: ListNode, parents: tuple[Group, ...], depth: int) -> None:
        s = self.settings
        numbering = "Decimal" if node.ordered else "Disc"
        group = self.group("L", ("O", "List"), ("ListNumbering", numbering))
        label_width = s.body_pt * (2.2 if node.ordered else 1.4)
        for number, entry in enumerate(node.entries, start=1):
            item = self.group("LI")
            inner = (*parents, group, item)
            label_text = f"{number}." if node.ordered else "\u2022"
            label = self.para(label_text, "Lbl", style="cell", parents=inner)
            body_parents = (*inner, self.group("LBody"))
            width = self.frame_width - depth * s.body_pt * 1.5 - label_width
            body = self.para(self.inline(entry.item, width), parents=body_parents, style="cell",
                             links=self.links(entry.item.text, entry.item.links))
            flowable = ListItem(label, body, depth * s.body_pt * 1.5, label_width)
            flowable.spaceAfter = s.body_pt * 0.4
            # the first item goes with the second: no introduction and lone '• age' at a foot
            flowable.keepWithNext = int(number == 1 and len(node.entries) > 1)
            self.story.append(flowable)
            for child in entry.children:
                self.list(child, body_parents, depth + 1)
        self.story[-1].spaceAfter = s.body_pt * 0.75

    def table(self, table: Table) -> None:
        columns = max((len(row) for row in table.rows), default=0)
        if not any(cell.strip() for row in table.rows for cell in row):
            return  # an empty table has nothing to read
        if columns > self.settings.max_columns or not table.header_rows:
            # Too wide for the page, or no header row to say what the columns mean.
            self.linear_table(table)
            return
        group = self.group("Table")
        widths = self.column_widths(table, columns)
        rows = []
        for index, row in enumerate(table.rows):
            header = index < table.header_rows
            tr = self.group("TR")
            kind = "TH" if header else "TD"
            attributes = (("O", "Table"), ("Scope", "Column")) if header else ()
            padding = 2 * self.settings.body_pt * 0.4  # as column_widths allows
            # A line break in a cell is a new line in the cell; a word too wide for the
            # column (a web address) breaks only after '/', '.' and the like.
            cells = [self.para("<br/>".join(wide_tokens_broken(line, self.fits(width - padding))
                                            for line in cell_lines(cell)),
                               kind, style=kind if header else "cell",
                               parents=(group, tr), attributes=attributes,
                               links=self.links(flat_cell(cell)))
                     for cell, width in zip((*row, *[""] * (columns - len(row))), widths,
                                            strict=True)]
            rows.append(TableRow(cells, widths, self.settings.body_pt * 0.4, header))
        # A row taller than most of a page cannot be printed whole: set the table out as text.
        frame_height = self.settings.page_height - 3 * self.settings.margin
        if any(row.wrap(self.frame_width, frame_height)[1] > frame_height * 0.8 for row in rows):
            self.linear_table(table)
            return
        block = TableBlock(rows, table.header_rows)
        block.spaceAfter = self.settings.body_pt
        self.story.append(block)

    def column_widths(self, table: Table, columns: int) -> list[float]:
        """Each column at least as wide as its longest word, the rest shared out by how
        much text each column has, so short columns do not squeeze long ones."""
        s = self.settings
        padding = 2 * s.body_pt * 0.4

        def width(text: str, bold: bool) -> float:
            return stringWidth(text, f"{s.font}-Bold" if bold else s.font, s.body_pt)

        least = [padding] * columns
        natural = [padding] * columns
        for index, row in enumerate(table.rows):
            bold = index < table.header_rows
            for column, cell in enumerate(row[:columns]):
                longest = max((width(word, bold) for word in cell.split()), default=0)
                least[column] = max(least[column], longest + padding)
                natural[column] = max([natural[column], *(width(line, bold) + padding
                                                          for line in cell_lines(cell))])
        spare = self.frame_width - sum(least)
        if spare <= 0:  # words wider than the page: share the width out evenly
            return [self.frame_width / columns] * columns
        extra = [max(n - m, 0.0) for n, m in zip(natural, least, strict=True)]
        total = sum(extra) or 1.0
        return [m + spare * e / total if sum(extra) else m + spare / columns
                for m, e in zip(least, extra, strict=True)]

    def linear_table(self, table: Table) -> None:
        """A table too wide for the page, as a list: each row's cells with their headings."""
        self.tables_linearised += 1
        headers = table.rows[0] if table.header_rows else ()
        node = ListNode(ordered=False)
        for row in table.rows[table.header_rows:]:
            cells = [f"{flat_cell(headers[i])}: {flat_cell(cell)}"
                     if i < len(headers) and headers[i] else flat_cell(cell)
                     for i, cell in enumerate(row)]
            node.entries.append(ListEntry(ModelItem(text="; ".join(cells))))
        self.list(node, (), 0)

    def picture(self, image: Image) -> None:
        data = image_data(self.document, image)
        if data is not None and data[0] != "image/svg+xml":
            try:
                self.story.append(Picture(data[1], image.alt.strip(), self.tagger,
                                          self.settings.page_height / 3))
                self.story[-1].spaceAfter = self.settings.body_pt
                return
            except Exception:  # an unreadable picture must not stop the build
                pass
        self.pictures_missing += 1
        if image.alt.strip():
            self.story.append(self.para(f"Picture: {escape(image.alt.strip(), quote=False)}"))

    def chapter_notes(self, chapter: Chapter, level: int) -> None:
        if not chapter.notes:
            return
        self.heading("Notes", level)
        for note in chapter.notes:
            self.story.append(self.para(
                f"Note {self.notes[note.id]}: "
                + wide_tokens_broken(note.text, self.fits(self.frame_width)),
                links=self.links(note.text)))


def render_pdf(document: Document, settings: PrintSettings, publisher: str,
               target: Path, fallback_font: str = "") -> tuple[int, StoryMaker]:
    """Write the PDF; return its page count and the story maker (for its counts)."""
    s = settings
    tagger = Tagger()
    maker = StoryMaker(document, s, tagger, publisher, GlyphFallback(s.font, fallback_font))
    footer = s.margin / 2 + s.body_pt  # room for the page number at body size
    subject = f"Large print edition of {document.title}"
    doc = StreamingDocTemplate(
        str(target), pagesize=(s.page_width, s.page_height), leftMargin=s.margin,
        rightMargin=s.margin, topMargin=s.margin, bottomMargin=s.margin + footer,
        title=document.title, author=publisher or document.author, subject=subject,
        creator="converter", lang=document.language, displayDocTitle=True,
        initialFontName=s.font, keywords="Large print")
    frame = Frame(s.margin, s.margin + footer, s.page_width - 2 * s.margin,
                  s.page_height - 2 * s.margin - footer, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)

    def background(canvas, _doc) -> None:
        with tagger.artifact(canvas):
            canvas.saveState()
            canvas.setFillColor(HexColor(s.background))
            canvas.rect(0, 0, s.page_width, s.page_height, stroke=0, fill=1)
            canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=background)])
    # UKAAF: page numbers at the body size. The canvas writes the structure tree as it
    # writes the PDF, so a long document's tree is never held whole.
    doc.build_from(maker.flowables(), canvasmaker=numbered_canvas(
        s.font, s.body_pt, s.colour, tagger, y=s.margin / 2 + 2 * mm,
        structure=Metadata(document.title, document.language,
                           author=publisher or document.author, subject=subject)))
    return doc.page, maker
