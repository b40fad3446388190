"""Schemas of the text editions' style files: styles/html.toml and styles/large-print.toml."""

from __future__ import annotations

from dataclasses import dataclass

from converter.settings.schema import Invalid, hex_colour, nonempty, number, register, style_file
from converter.settings.styles import Fonts, Page


@dataclass(frozen=True, kw_only=True)
class WebText:
    body_px: float = number(16, 48)  # at least 16px
    measure_ch: float = number(30, 80)  # WCAG 2.2 1.4.8: lines of at most 80 characters


@dataclass(frozen=True, kw_only=True)
class WebPages:
    one_page_up_to_words: int = number(1, 100_000_000)


@dataclass(frozen=True, kw_only=True)
class WebSettings:
    text: WebText
    fonts: Fonts
    pages: WebPages


@dataclass(frozen=True, kw_only=True)
class LargePrintFonts:
    family: str = nonempty()
    regular: str = style_file()
    bold: str = style_file()
    fallback_family: str = ""
    fallback_regular: str = style_file(default="")
    fallback_bold: str = style_file(default="")
    code_family: str = ""  # computer code; "" sets it in the body font
    code_regular: str = style_file(default="")
    code_bold: str = style_file(default="")


@dataclass(frozen=True, kw_only=True)
class LargePrintText:
    body_pt: float = number(16, 72)  # UKAAF G003: large print is 16pt or more
    title_pt: float = number(16, 120)
    heading_pt: float = number(16, 96)  # level 2 headings
    subheading_pt: float = number(16, 96)  # level 3
    minor_heading_pt: float = number(16, 96)  # levels 4 to 6
    line_spacing: float = number(1.2, 3.0)
    colour: str = hex_colour()
    background: str = hex_colour()

    def __post_init__(self) -> None:
        # UKAAF: headings larger than the body text.
        for name in ("title_pt", "heading_pt", "subheading_pt", "minor_heading_pt"):
            if getattr(self, name) <= self.body_pt:
                raise Invalid("text", name, getattr(self, name),
                              f"a size larger than body_pt ({self.body_pt:g})")


@dataclass(frozen=True, kw_only=True)
class LargePrintTables:
    max_columns: int = number(1, 20)


@dataclass(frozen=True, kw_only=True)
class LargePrintSettings:
    page: Page
    fonts: LargePrintFonts
    text: LargePrintText
    tables: LargePrintTables


register("html", WebSettings)
register("large-print", LargePrintSettings)
