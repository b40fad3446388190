"""Schema of styles/braille.toml (the braille format)."""

from __future__ import annotations

from dataclasses import dataclass

from converter.settings.schema import number, pattern, register


def liblouis_table() -> str:
    return pattern(r"[\w.-]+", "a liblouis file name such as en-ueb-g2.ctb")


@dataclass(frozen=True, kw_only=True)
class Translation:
    table: str = liblouis_table()
    display_table: str = liblouis_table()


@dataclass(frozen=True, kw_only=True)
class BraillePage:
    # Braille lines of 20-50 cells and pages of 10-40 lines cover every paper size in use
    # (40 x 25 is the standard page: UKAAF, BANA).
    cells_per_line: int = number(20, 50)
    lines_per_page: int = number(10, 40)
    chapter_on_new_page: bool = True


@dataclass(frozen=True, kw_only=True)
class BrailleFiles:
    pef: bool = True


@dataclass(frozen=True, kw_only=True)
class BrailleSettings:
    translation: Translation
    page: BraillePage
    files: BrailleFiles = BrailleFiles()


register("braille", BrailleSettings)
