"""Schema of styles/braille.toml (the braille format's settings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from converter.settings.schema import Invalid, number, register

TABLE_NAME = re.compile(r"[A-Za-z0-9_.-]+")


@dataclass(frozen=True, kw_only=True)
class BrailleTranslation:
    table: str = "en-ueb-g2.ctb"  # UEB grade 2: the UK adopted Unified English Braille
    display_table: str = "en-us-brf.dis"  # North American braille ASCII, as BRF uses
    # Email and web addresses, phone numbers and postcodes: "uncontracted" (with
    # `uncontracted_table`) so a reader can type them letter for letter, or "contracted"
    # like the text around them (UEB 2013 rule 10.12 allows either for embedded addresses).
    addresses: Literal["uncontracted", "contracted"] = "uncontracted"
    uncontracted_table: str = "en-ueb-g1.ctb"

    def __post_init__(self) -> None:
        for key in ("table", "display_table", "uncontracted_table"):
            value = getattr(self, key)
            if not TABLE_NAME.fullmatch(value):
                raise Invalid("translation", key, value,
                              "a liblouis table file name such as en-ueb-g2.ctb")


@dataclass(frozen=True, kw_only=True)
class BraillePage:
    # 40 cells x 25 lines is the standard page (UKAAF, BANA); 20-50 cells and 10-40 lines
    # cover every braille paper and display in use.
    cells_per_line: int = number(20, 50, default=40)
    lines_per_page: int = number(10, 40, default=25)
    chapter_on_new_page: bool = True


@dataclass(frozen=True, kw_only=True)
class BrailleFiles:
    pef: bool = True


@dataclass(frozen=True, kw_only=True)
class BrailleSettings:
    translation: BrailleTranslation = BrailleTranslation()
    page: BraillePage = BraillePage()
    files: BrailleFiles = BrailleFiles()


register("braille", BrailleSettings)
