"""styles.xml: style names, inheritance, outline levels, list numbering and language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from converter.readers.docx.names import w, wval


@dataclass(frozen=True)
class StyleInfo:
    id: str
    name: str
    based_on: str | None
    outline_level: int | None  # 0-based as in Word; 9 means body text
    num_id: str | None
    num_level: int | None


class Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, StyleInfo] = {}
        self.default_paragraph_style: str | None = None
        self.language = ""
        if root is None:
            return
        for style in root.iter(w("style")):
            if style.get(w("type"), "paragraph") != "paragraph":
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
                outline_level=int(outline) if outline and outline.isdigit() else None,
                num_id=wval(num_pr, "numId"),
                num_level=int(ilvl) if ilvl and ilvl.isdigit() else None,
            )
            if style.get(w("default")) in ("1", "true"):
                self.default_paragraph_style = style_id
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
        if defaults is not None:
            self.language = defaults.get(w("val"), "")

    def chain(self, style_id: str | None):
        """The style and its ancestors, nearest first (cycles cut)."""
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            info = self.by_id[style_id]
            yield info
            style_id = info.based_on

    def name(self, style_id: str | None) -> str:
        if style_id and style_id in self.by_id:
            return self.by_id[style_id].name
        return style_id or ""

    def heading_level(self, style_id: str | None) -> int | None:
        """1-based heading level from the style name or an inherited outline level.

        Names are checked before ids because built-in style names are stored in English
        even when Word localises the id (German 'berschrift1' is named 'heading 1').
        """
        for info in self.chain(style_id):
            match = re.fullmatch(r"heading\s*(\d)", info.name.strip().lower())
            if match:
                return int(match.group(1))
            if info.outline_level is not None and info.outline_level < 9:
                return info.outline_level + 1
        return None

    def is_title(self, style_id: str | None) -> bool:
        return any(info.name.strip().lower() == "title" for info in self.chain(style_id))

    def is_subtitle(self, style_id: str | None) -> bool:
        return any(info.name.strip().lower() == "subtitle" for info in self.chain(style_id))

    def is_quote(self, style_id: str | None) -> bool:
        names = {"quote", "intense quote", "block text", "blockquote", "block quote"}
        return any(info.name.strip().lower() in names for info in self.chain(style_id))

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        for info in self.chain(style_id):
            if info.num_id is not None:
                return info.num_id, info.num_level or 0
        return None
