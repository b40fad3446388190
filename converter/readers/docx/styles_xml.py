"""styles.xml: style names, inheritance, outline levels, list numbering and language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from converter.readers.docx.names import decimal, w, wval


@dataclass(frozen=True)
class StyleInfo:
    id: str
    name: str
    based_on: str | None
    outline_level: int | None  # 0-based as in Word; 9 means body text
    num_id: str | None
    num_level: int | None


# A style whose name says it is for computer code ("HTML Code", "Source Code", pandoc's
# "Verbatim Char", "HTML Preformatted") or whose text is set in a fixed-width font.
CODE_STYLE_NAME = re.compile(r"\b(?:code|verbatim|preformatted|typewriter|keyboard)\b", re.I)
MONOSPACE_FONTS = {"courier", "courier new", "consolas", "lucida console", "lucida sans typewriter",
                   "menlo", "monaco", "andale mono", "dejavu sans mono", "liberation mono",
                   "source code pro", "cascadia code", "cascadia mono", "fira code", "fira mono",
                   "roboto mono", "ubuntu mono", "noto mono", "noto sans mono", "inconsolata",
                   "jetbrains mono", "ibm plex mono", "pt mono", "droid sans mono", "sf mono"}


def monospace(rpr) -> bool:
    """Whether run properties (w:rPr) set the text in a fixed-width font."""
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    return fonts is not None and any(
        (fonts.get(w(key)) or "").strip().lower() in MONOSPACE_FONTS for key in ("ascii", "hAnsi"))


class Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, StyleInfo] = {}
        self.default_paragraph_style: str | None = None
        self.language = ""
        self._memo: dict[str, Resolved] = {}
        # Paragraph and character styles whose text is computer code, by id (see `is_code`).
        self.code_styles: set[str] = set()
        if root is None:
            return
        own: dict[str, tuple[bool, str | None]] = {}  # id -> (code by itself, based on)
        for style in root.iter(w("style")):
            kind = style.get(w("type"), "paragraph")
            if kind in ("paragraph", "character"):
                name = wval(style, "name") or ""
                own[style.get(w("styleId"), "")] = (
                    bool(CODE_STYLE_NAME.search(name)) or monospace(style.find(w("rPr"))),
                    wval(style, "basedOn"))
            if kind != "paragraph":
                continue
            style_id = style.get(w("styleId"), "")
            ppr = style.find(w("pPr"))
            num_pr = ppr.find(w("numPr")) if ppr is not None else None
            outline = wval(ppr, "outlineLvl")
            ilvl = wval(num_pr, "ilvl")
            self.by_id[style_id] = StyleInfo(
                id=style_id,
                name=wval(style, "name") or style_id,
                based_on=wval(style, "basedOn"),
                outline_level=decimal(outline, "outlineLvl", 9),
                num_id=wval(num_pr, "numId"),
                num_level=None if ilvl is None else min(decimal(ilvl, "ilvl", 99) or 0, 8),
            )
            if style.get(w("default")) in ("1", "true"):
                self.default_paragraph_style = style_id
        for style_id in own:
            current: str | None = style_id
            for _ in range(MAX_BASED_ON):  # a chain of basedOn; a loop stops here
                if current not in own:
                    break
                if own[current][0]:
                    self.code_styles.add(style_id)
                    break
                current = own[current][1]
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
        if defaults is not None:
            self.language = defaults.get(w("val"), "")

    def name(self, style_id: str | None) -> str:
        if style_id and style_id in self.by_id:
            return self.by_id[style_id].name
        return style_id or ""

    def resolved(self, style_id: str | None) -> Resolved:
        """What a style inherits, computed once per style: each style is resolved from its
        parent's memo, so a 20,000-deep chain costs 20,000 steps, not 20,000 squared."""
        if not style_id or style_id not in self.by_id:
            return EMPTY
        if style_id in self._memo:
            return self._memo[style_id]
        path: list[str] = []
        seen: set[str] = set()
        current: str | None = style_id
        while (current and current in self.by_id and current not in seen
               and current not in self._memo):
            seen.add(current)
            path.append(current)
            current = self.by_id[current].based_on
        inherited = self._memo.get(current, EMPTY) if current else EMPTY
        for sid in reversed(path):
            inherited = _combine(self.by_id[sid], inherited)
            self._memo[sid] = inherited
        return self._memo[style_id]

    def heading_level(self, style_id: str | None) -> int | None:
        """1-based heading level from the style name or an inherited outline level.

        Names are checked before ids because built-in style names are stored in English
        even when Word localises the id (German 'berschrift1' is named 'heading 1').
        """
        return self.resolved(style_id).heading_level

    def is_title(self, style_id: str | None) -> bool:
        return self.resolved(style_id).title

    def is_subtitle(self, style_id: str | None) -> bool:
        return self.resolved(style_id).subtitle

    def is_code(self, style_id: str | None) -> bool:
        """Whether a paragraph or character style is for computer code."""
        return bool(style_id) and style_id in self.code_styles

    def is_quote(self, style_id: str | None) -> bool:
        return self.resolved(style_id).quote

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        return self.resolved(style_id).numbering


MAX_BASED_ON = 64  # styles followed up a basedOn chain when asking whether one is code
QUOTE_NAMES = {"quote", "intense quote", "block text", "blockquote", "block quote"}


@dataclass(frozen=True)
class Resolved:
    heading_level: int | None = None
    title: bool = False
    subtitle: bool = False
    quote: bool = False
    numbering: tuple[str, int] | None = None


EMPTY = Resolved()


def _combine(info: StyleInfo, parent: Resolved) -> Resolved:
    """A style's own settings over what it inherits (the nearest setting wins)."""
    name = info.name.strip().lower()
    match = re.fullmatch(r"heading\s*(\d)", name)
    if match:
        level: int | None = int(match.group(1))
    elif info.outline_level is not None and info.outline_level < 9:
        level = info.outline_level + 1
    else:
        level = parent.heading_level
    numbering = ((info.num_id, info.num_level or 0) if info.num_id is not None
                 else parent.numbering)
    return Resolved(heading_level=level, title=name == "title" or parent.title,
                    subtitle=name == "subtitle" or parent.subtitle,
                    quote=name in QUOTE_NAMES or parent.quote, numbering=numbering)
