"""reportlab pieces the PDF formats share (Easy Read, large print): embedded fonts without
italics, paragraphs drawn inside tagged marked content, and "Page X of Y" as an artifact."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Paragraph

from converter.config import Style
from converter.errors import ConverterError
from converter.formats.pdfua import Attributes, Group, Tagger
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
            key = f"h-{id(self)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(self.plain, key, level=int(self.tag[1]) - 1)


def numbered_canvas(font: str, size: float, colour: str, tagger: Tagger,
                    label: Callable[[int, int], str] = lambda n, total: f"Page {n} of {total}",
                    y: float = 10 * mm):
    """A canvas class that writes the page label on every page once the count is known."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                with tagger.artifact(self):  # page furniture, not content
                    self.setFont(font, size)
                    self.setFillColor(HexColor(colour))
                    self.drawCentredString(self._pagesize[0] / 2, y,
                                           label(self._pageNumber, total))
                super().showPage()
            super().save()

    return NumberedCanvas


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
