"""reportlab pieces the PDF formats share (Easy Read, large print): embedded fonts without
italics, paragraphs drawn inside tagged marked content, and "Page X of Y" as an artifact."""

from __future__ import annotations

import itertools
import os
import re
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from html import escape
from pathlib import Path
from typing import IO, Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFBase85Encode,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
    PDFTrailer,
    PDFZCompress,
)
from reportlab.pdfbase.pdfdoc import (
    format as pdf_format,
)
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph

from converter.config import Style
from converter.errors import ConverterError
from converter.formats.pdfua import Attributes, Group, Metadata, StructureWriter, Tagger
from converter.language.contacts import ADDRESS, contact_link

_keys = itertools.count(1)


def register_fonts(style: Style, fonts: dict[str, str], what: str = "PDF",
                   prefix: str = "") -> str:
    """Register the regular and bold faces named in a style file's [fonts] (or its
    `<prefix>family`, `<prefix>regular`, `<prefix>bold`); return the family. Italic maps
    to the upright faces: our PDFs use no italics (UKAAF, Easy Read)."""
    family = fonts[f"{prefix}family"]
    bold = f"{family}-Bold"
    if family not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(TTFont(family, str(style.path(fonts[f"{prefix}regular"]))))
            pdfmetrics.registerFont(TTFont(bold, str(style.path(fonts[f"{prefix}bold"]))))
        except Exception as error:  # reportlab raises TTFError and plain errors alike
            raise ConverterError(f"Cannot load the {what} font: {error}") from None
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, family)
        addMapping(family, 1, 1, bold)
    return family


class TaggedParagraph(Paragraph):
    """A paragraph drawn inside marked content; headings also become bookmarks.

    `parents` are the structure groups it sits in (a list item's body, a table row). A
    splittable paragraph may break across pages; its parts stay one structure element.
    Drawn a second time (a repeated table header), it is an artifact.
    """

    def __init__(self, text: str, style: ParagraphStyle | None = None, bulletText=None,
                 frags=None, *, tag: str = "P", tagger: Tagger | None = None, plain: str = "",
                 parents: tuple[Group, ...] = (), splittable: bool = False,
                 attributes: Attributes = (), links: tuple[tuple[str, str], ...] = (),
                 **kwargs: Any) -> None:
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kwargs)
        self.tag, self.tagger, self.plain = tag, tagger, plain
        self.parents, self.splittable, self.attributes = parents, splittable, attributes
        self.links = links  # (address, description): clickable over the whole paragraph
        self.key = f"p{next(_keys)}"
        self.drawn = False

    def split(self, available_width: float, available_height: float):
        if not self.splittable:
            return []  # a part-paragraph of a heading or an Easy Read row would lose its tag
        parts = super().split(available_width, available_height)
        for part in parts:
            part.tag, part.tagger, part.plain = self.tag, self.tagger, self.plain
            part.parents, part.splittable, part.key = self.parents, True, self.key
            part.attributes, part.links = self.attributes, self.links
            part.drawn = False
        return parts

    def draw(self) -> None:
        if self.drawn or self.tagger is None:
            with Tagger.artifact(self.canv):
                super().draw()
            return
        self.drawn = True
        with self.tagger.content(self.canv, self.tag, text=self.plain, parents=self.parents,
                                 key=self.key, attributes=self.attributes):
            super().draw()
        for url, description in self.links:
            self.tagger.link(self.canv, url, description, (0, 0, self.width, self.height))
        if self.tag.startswith("H") and self.plain:
            key = f"h-{self.key}"  # not id(): made lazily, a freed paragraph's id recurs
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(self.plain, key, level=int(self.tag[1]) - 1)


class StreamingDocTemplate(BaseDocTemplate):
    """A document template that takes its flowables from an iterator as it lays them out,
    so a long document's paragraphs are made a few at a time, never held all at once.

    reportlab's build works on the front of a list; before each flowable the list is
    topped up (`filterFlowables` is its hook for that). Its only look-ahead is a chain of
    keepWithNext flowables (a heading and what follows), so the list always reaches past
    the end of such a chain: the layout, and the bytes of the PDF, are the same as with the
    whole list made up front.
    """

    AHEAD = 16  # flowables made ahead of the one being laid out

    _source: Iterator[Flowable] | None = None
    _story: list[Flowable] | None = None

    def build_from(self, flowables: Iterable[Flowable], canvasmaker: type) -> None:
        self._source, self._story = iter(flowables), []
        self._top_up(self._story)
        self.build(self._story, canvasmaker=canvasmaker)

    def filterFlowables(self, flowables: list[Flowable]) -> None:  # noqa: N802 - reportlab's
        if flowables is self._story:  # not reportlab's own list of page-start actions
            self._top_up(flowables)

    def _top_up(self, flowables: list[Flowable]) -> None:
        while self._source is not None and (len(flowables) < self.AHEAD
                                            or self._chain_end(flowables) > len(flowables) - 2):
            following = next(self._source, None)
            if following is None:
                self._source = None
                return
            flowables.append(following)

    @staticmethod
    def _chain_end(flowables: list[Flowable]) -> int:
        """Index of the first flowable not kept with the next: the end of the chain that
        reportlab keeps together. At least one more must follow it, or the list would run
        empty before the source does."""
        return next((index for index, flowable in enumerate(flowables)
                     if not flowable.getKeepWithNext()), len(flowables))


def numbered_canvas(font: str, size: float, colour: str, tagger: Tagger,
                    label: Callable[[int, int], str] = lambda n, total: f"Page {n} of {total}",
                    y: float = 10 * mm, structure: Metadata | None = None):
    """A canvas class that writes the page label on every page once the count is known;
    with `structure`, it writes the tagger's structure tree and the PDF/UA metadata too
    (else pdfua.add_structure does, after saving).

    Memory stays flat however long the document: each finished page's drawing goes to a
    temporary file beside the PDF (reportlab would hold every page until it saves), the
    labels are added as each page is written, and the PDF is written object by object
    instead of being made whole in memory first.
    """

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # Closed once the PDF is written; unnamed, so nothing is left if the build dies.
            self._spill = tempfile.TemporaryFile(  # noqa: SIM115
                dir=Path(self._filename).parent)
            self._streams: list[_SpilledStream] = []
            self._annotations: dict[int, list[str]] = {}  # page index -> its links' names

        def _keep(self, data: bytes) -> tuple[int, int]:
            self._spill.seek(0, os.SEEK_END)
            offset = self._spill.tell()
            self._spill.write(data)
            return offset, len(data)

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            drawing = "\n".join([*self._psCommandsBeforePage, self._preamble, *self._code])
            self._code = []
            after = self._psCommandsAfterPage
            super().showPage()  # the page, with its resources and links, minus its drawing
            index = len(self._streams)
            page = self._doc.Pages.pages[index]
            # as reportlab's Flate filter encodes it
            stream = _SpilledStream(self._spill, *self._keep(drawing.encode("utf-8")),
                                    "\n".join(after), page.compression)
            page.stream, page.Contents = None, stream
            if structure is not None:  # ISO 14289-1 7.18.3: tab order follows structure
                page.StructParents, page.Tabs = index, PDFName("S")
                page.__NoDefault__ = _TAGGED_PAGE_KEYS
                if page.Annots:
                    self._annotations[index] = [ref.name for ref in page.Annots]
            # The page's dictionary is complete: written now, it waits in the spill file
            # rather than as a reportlab object of some 3 KB.
            name = page.__InternalName__
            written = _Spilled(self._spill, *self._keep(pdf_format(page, self._doc, toplevel=1)))
            written.__InternalName__ = name
            self._doc.Pages.pages[index] = self._doc.idToObject[name] = written
            self._streams.append(stream)

        def save(self) -> None:
            total = len(self._streams)
            for number, stream in enumerate(self._streams, start=1):
                self._code = []
                with tagger.artifact(self):  # page furniture, not content
                    self.setFont(font, size)
                    self.setFillColor(HexColor(colour))
                    self.drawCentredString(self._pagesize[0] / 2, y, label(number, total))
                stream.footer = "\n".join(self._code)
            self._code = []
            try:
                _write_pdf(self, tagger, structure, self._annotations)
            finally:
                self._spill.close()

    return NumberedCanvas


_TAGGED_PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


class _Spilled(PDFObject):
    """An object already formatted, kept in the spill file until its place in the PDF."""

    __RefOnly__ = 1

    def __init__(self, file: IO[bytes], offset: int, length: int) -> None:
        self.file, self.offset, self.length = file, offset, length

    def format(self, document: PDFDocument) -> bytes:
        self.file.seek(self.offset)
        return self.file.read(self.length)


class _SpilledStream(_Spilled):
    """A page's content stream: its drawing, kept in the spill file, then the page label
    (known once the pages are counted), joined as reportlab joins them."""

    def __init__(self, file: IO[bytes], offset: int, length: int, after: str,
                 compression: int) -> None:
        super().__init__(file, offset, length)
        self.after, self.compression, self.footer = after, compression, ""

    def format(self, document: PDFDocument) -> bytes:
        drawing = super().format(document).decode("utf-8")
        content = "\n".join([drawing, self.footer, " ", *([self.after] if self.after else [])])
        filters = None
        if self.compression:
            filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
        return PDFStream(content=content + "\n", filters=filters).format(document)


class _StreamedFile(PDFFile):
    """reportlab's output collector, writing to a file as it goes instead of a list."""

    def __init__(self, handle: IO[bytes], version: tuple) -> None:
        super().__init__(version)  # adds the header to self.strings
        handle.write(b"".join(self.strings))
        self.strings = []
        self.write = handle.write


def _write_pdf(canvas: pdfcanvas.Canvas, tagger: Tagger, structure: Metadata | None,
               annotations: dict[int, list[str]]) -> None:
    """reportlab's PDFDocument.GetPDFData and format (reportlab 4), writing each object to
    the file once it is made rather than joining the whole PDF in memory; with
    `structure`, the structure tree is written too (pdfua.StructureWriter)."""
    doc = canvas._doc
    for delayed in doc.delayedFonts:  # font subsets, now that every glyph is known
        delayed.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    catalog, info = doc.Reference(doc.Catalog), doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    doc.encrypt.prepare(doc)
    encryption = doc.encrypt.info()
    encrypt = doc.Reference(encryption) if encryption else None
    pages = len(doc.Pages.pages)
    links = _mark_links(doc, tagger, pages, annotations) if structure else []
    catalog_number = doc.idToObjectNumberAndVersion[catalog.name][0]
    offsets = array("q")  # each object's place in the file, by number

    with open(canvas._filename, "wb") as handle:
        out = _StreamedFile(handle, doc._pdfVersion)

        def place(number: int, data: bytes) -> None:
            if len(offsets) < number:
                offsets.extend([0] * (number - len(offsets)))
            offsets[number - 1] = out.add(data)

        def drain() -> None:
            """Every object reportlab has numbered and not yet written, in order (more may
            be numbered while formatting); the catalog waits for the structure tree."""
            doc.__accum__ = out
            while len(offsets) < doc.objectcounter:
                number = len(offsets) + 1
                name = doc.numberToId.get(number)
                if name is None or number == catalog_number:
                    offsets.append(0)  # the structure tree's or the catalog's: written later
                    continue
                place(number, PDFIndirectObject(name, doc.idToObject[name]).format(doc))
            del doc.__accum__

        drain()
        if structure is not None:
            _write_structure(doc, tagger, structure, pages, links, place)
            drain()
        place(catalog_number, PDFIndirectObject(catalog.name, doc.Catalog).format(doc))
        drain()  # what the catalog numbered (metadata, viewer preferences)
        if 0 in offsets:
            raise ValueError("an object of the PDF was numbered but not written")
        start = out.add(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n")
        for at in range(0, len(offsets), 4096):
            out.add("".join(f"{offset:010d} 00000 n \n" for offset in offsets[at:at + 4096]))
        out.add(PDFTrailer(startxref=start, Size=len(offsets) + 1, Root=catalog, Info=info,
                           Encrypt=encrypt, ID=doc.ID()).format(doc))


def _mark_links(doc: PDFDocument, tagger: Tagger, pages: int,
                on_page: dict[int, list[str]]) -> list[list[str]]:
    """Give each link annotation its description, its key in the ParentTree (after the
    pages' keys) and the print flag, matched by address to the element drawn over it;
    return the annotations' names for each element with links."""
    names, key = [], pages
    for element in tagger.elements:
        if not element.links:
            continue
        annotations = [doc.idToObject[name] for name in on_page.get(element.page - 1, ())]
        found = []
        for url, description in element.links:
            annotation = next(a for a in annotations if a["A"]["URI"].s == url
                              and "StructParent" not in a)
            annotation["Contents"] = PDFString(description)
            annotation["StructParent"] = key
            annotation["F"] = 4  # print
            found.append(annotation.__InternalName__)
            key += 1
        names.append(found)
    return names


def _write_structure(doc: PDFDocument, tagger: Tagger, structure: Metadata, pages: int,
                     links: list[list[str]], place: Callable[[int, bytes], None]) -> None:
    """The structure tree after reportlab's objects; the catalog then points to it."""
    number_of = doc.idToObjectNumberAndVersion

    def number() -> int:
        doc.objectcounter += 1  # reportlab numbers anything later after these
        return doc.objectcounter

    def emit(number: int, body: str) -> None:
        place(number, f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))

    writer = StructureWriter(
        tagger, structure.language, pages, number, emit,
        page_number=lambda index: number_of[f"Page{index + 1}"][0],
        string=lambda text: PDFString(text).format(doc).decode("latin-1"))
    root = writer.write([[(number_of[name][0], description) for name, (_, description)
                          in zip(names, element.links, strict=True)]
                         for names, element in zip(
                             links, (e for e in tagger.elements if e.links), strict=True)])
    number_of["StructTreeRoot"] = (root, 0)
    doc.Catalog.StructTreeRoot = PDFObjectReference("StructTreeRoot")
    doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    doc.Catalog.Metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        content=structure.xmp())


# Where a token too wide for a line (a long web address) may break: after one of these, as
# addresses are broken in print, never inside a word of it ("htt / ps"); no hyphen is added,
# as one would read as part of the address (UKAAF G003: no hyphenation).
BREAK_AFTER = "/.@_-?&=#+"
_BREAK_PIECES = re.compile(f"[^{re.escape(BREAK_AFTER)}]+[{re.escape(BREAK_AFTER)}]*"
                           f"|[{re.escape(BREAK_AFTER)}]+")


def address_lines(address: str, fits: Callable[[str], bool]) -> list[str]:
    """Greedy lines of an address (or any token too wide for the line), each ending after
    one of BREAK_AFTER where possible; only a piece wider than a whole line is cut."""
    lines, current = [], ""
    for piece in _BREAK_PIECES.findall(address):
        if current and not fits(current + piece):
            lines.append(current)
            current = ""
        while not fits(piece) and len(piece) > 1:  # one piece wider than the line
            cut = next((n for n in range(len(piece), 0, -1) if fits(piece[:n])), 1)
            lines.append(current + piece[:cut])
            current, piece = "", piece[cut:]
        current += piece
    return [*lines, current] if current else lines


def wide_tokens_broken(text: str, fits: Callable[[str], bool]) -> str:
    """Plain `text` as escaped paragraph markup in which each word too wide for a line
    ("(https://confluence.example.org/display/open-source-policy)") is broken onto lines
    by `address_lines`: its first line goes where it fits, the rest below it."""
    out, last = [], 0
    for match in re.finditer(r"\S+", text):
        token = match.group(0)
        if fits(token):
            continue
        out.append(escape(text[last:match.start()], quote=False))
        out.append("<br/>".join(escape(line, quote=False)
                                for line in address_lines(token, fits)))
        last = match.end()
    out.append(escape(text[last:], quote=False))
    return "".join(out)


def addresses(text: str) -> list[tuple[str, str]]:
    """(link target, description) for each email and web address in a row."""
    found = []
    for match in ADDRESS.finditer(text.replace("**", "")):
        value = match.group(0)
        email = "@" in value and not value.lower().startswith(("http", "www"))
        target = contact_link("email" if email else "web", value)
        if target:
            found.append((target, f"{'Email' if email else 'Website'} {value}"))
    return found


class GlyphFallback:
    """Characters the main font lacks (Cyrillic, Greek, symbols in Atkinson Hyperlegible)
    are set in a fallback font; characters neither has are shown as "[?]" and counted, so
    no glyph is ever drawn as an empty box (.notdef) and the build can say what is missing."""

    MISSING = "[?]"

    def __init__(self, main: str, fallback: str) -> None:
        self.main, self.fallback = main, fallback
        self.main_chars = _characters(main)
        self.fallback_chars = _characters(fallback) if fallback else set()
        self.missing: set[str] = set()

    def markup(self, markup: str, bold: bool = False) -> str:
        """Reportlab markup (escaped, with simple tags) with fallback runs wrapped."""
        face = f"{self.fallback}-Bold" if bold else self.fallback
        out: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                out.append(f'<font face="{face}">{"".join(run)}</font>')
                run.clear()

        for char in markup:
            code = ord(char)
            if code < 128 or code in self.main_chars:
                flush()
                out.append(char)
            elif code in self.fallback_chars:
                run.append(char)
            else:
                flush()
                self.missing.add(char)
                out.append(self.MISSING)
        flush()
        return "".join(out)


def _characters(font: str) -> set[int]:
    return set(pdfmetrics.getFont(font).face.charToGlyph)
