"""Braille format: Unified English Braille grade 2 as a BRF file (and a PEF file).

Every text is translated by liblouis (`en-ueb-g2.ctb` by default) and then laid out in
pages of 40 cells by 25 lines: a title page and a contents page (numbered p1, p2, ...),
then the chapters, each from a new page, with braille page numbers. Lists and tables are
linearised (a table row becomes one entry, each cell after its column heading). The file
holds only braille ASCII, CR LF line ends and form feeds between pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from converter import __version__
from converter.config import Style
from converter.errors import ConverterError
from converter.formats.base import BuildContext, FormatResult, OutputFile, resident
from converter.formats.braille import addresses, layout, louis
from converter.formats.braille.layout import Line
from converter.formats.textparts import link_segments, note_numbers, note_words, table_size
from converter.hashing import sha256_json
from converter.model import Document, Heading, Image, ListItem, Quote, Table, flat_cell

STYLE_FILES = ("braille.toml", "converter.toml")
BRAILLE_ASCII = re.compile(r"[\x20-\x5f]*")  # North American braille ASCII: 64 cells
TN_OPEN, TN_CLOSE = "@.<", "@.>"  # UEB transcriber's note indicators (dots 4-46-126, 4-46-345)


class BrailleFormat:
    name = "braille"
    description = "Braille (UEB grade 2, BRF)"
    label = "Braille"
    roles = {
        "braille-brf": resident("braille file for a display or embosser (BRF)",
                               "The .brf file is in UEB grade 2 braille: open it on a braille "
                               "display or note-taker, or emboss it."),
        "braille-pef": resident("braille file for an embosser (PEF)",
                                "The .pef file is the same braille for embossers that read PEF."),
    }

    def settings(self, style: Style) -> dict[str, Any]:
        """styles/braille.toml, checked by its schema (converter/settings/braille.py)."""
        typed = style.typed("braille")
        return {"cells": typed.page.cells_per_line, "lines": typed.page.lines_per_page,
                "new_page": typed.page.chapter_on_new_page, "table": typed.translation.table,
                "tables": f"{typed.translation.display_table},{typed.translation.table}",
                "pef": typed.files.pef,
                # Contact details in uncontracted braille (formats/braille/addresses.py).
                "address_tables": "" if typed.translation.addresses == "contracted" else
                f"{typed.translation.display_table},{typed.translation.uncontracted_table}"}

    def inputs_sha256(self, document: Document, style: Style, source_dir: Path) -> str:
        return sha256_json({
            "converter": __version__,
            "document": [document.title, document.language, document.author],
            "chapters": [(chapter.id, chapter.sha256) for chapter in document.chapters],
            "style": style.files_sha256(*STYLE_FILES),
            "liblouis": louis.version(),
            "year": date.today().year,  # the title page says when it was transcribed
        })

    def status_notes(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        return []

    def build(self, context: BuildContext) -> FormatResult:
        document, style = context.document, context.style
        settings = self.settings(style)
        organisation = document.publisher(style.settings("converter")["organisation"]["name"])
        width, height = settings["cells"], settings["lines"]

        # The body is translated, laid out and written a batch of blocks at a time, so
        # memory does not grow with the document; the title and contents pages, which need
        # the body's page numbers, are made last and put in front.
        body_brf = context.stage(f".{document.id}.body.brf")
        first_page: dict[str, int] = {}
        missing: set[str] = set()
        body_pages = 0
        paginator = layout.Paginator(height)
        with open(body_brf, "w", encoding="ascii", newline="") as spill:
            def write(pages: list[layout.Page]) -> None:
                nonlocal body_pages
                for page in pages:
                    body_pages += 1
                    for anchor in page.anchors:
                        first_page.setdefault(anchor, body_pages)
                numbered = layout.number_pages(pages, height, width, start=body_pages
                                               - len(pages) + 1)
                _check(numbered, width, height)
                if numbered:
                    spill.write(("\f" if spill.tell() else "") + layout.to_brf(numbered))

            texts = _Texts()
            for items in _body(document, texts, settings["new_page"]):  # batch by batch
                missing |= texts.translate(settings["tables"], settings["address_tables"])
                write(paginator.feed([line for item in items for line in item(width)]))
                texts.clear()
            write(paginator.finish())

        texts = _Texts()
        code = _code_name(settings["table"])
        title_page = _title_page(document, organisation, code, texts)
        contents_heading = texts.add("Contents")
        chapter_titles = [texts.add(chapter.title) for chapter in document.chapters]
        missing |= texts.translate(settings["tables"], settings["address_tables"])
        warnings = [_missing_warning(missing, settings["tables"])] if missing else []
        contents = [Line(text, keep_with_next=True)
                    for text in layout.centre(texts[contents_heading], width)]
        contents.append(Line())
        contents += layout.contents_lines(
            [(texts[key], first_page.get(chapter.id, 1))
             for key, chapter in zip(chapter_titles, document.chapters, strict=True)], width)
        contents_pages = layout.paginate(contents, height)
        prelim = layout.paginate([line for item in title_page for line in item(width)],
                                 height) + contents_pages
        prelim_pages = layout.number_pages(prelim, height, width, prefix="P")
        _check(prelim_pages, width, height)

        brf = context.stage(f"{document.id}.brf")
        with open(brf, "w", encoding="ascii", newline="") as handle:
            handle.write(layout.to_brf(prelim_pages))
            with open(body_brf, encoding="ascii", newline="") as body:
                if prelim_pages and body_pages:
                    handle.write("\f")
                while chunk := body.read(1 << 20):
                    handle.write(chunk)
        body_brf.unlink()
        files = [OutputFile(brf.name, "braille-brf", brf)]
        if settings["pef"]:
            from converter.formats.braille.pef import write_pef

            pef = context.stage(f"{document.id}.pef")
            write_pef(pef, brf_pages(brf), document, width, height)
            files.append(OutputFile(pef.name, "braille-pef", pef))
        facts = {
            "code": code,
            "tables": settings["tables"], "liblouis": louis.version(),
            "cells_per_line": width, "lines_per_page": height,
            "preliminary_pages": len(prelim), "braille_pages": body_pages,
            "chapters": [{"id": chapter.id, "title": chapter.title,
                          "braille_page": first_page.get(chapter.id, 1)}
                         for chapter in document.chapters],
        }
        return FormatResult(files=files, facts=facts, warnings=warnings)


def _fold(braille: str) -> str:
    """Braille ASCII has one code for each cell: the lower-case half (0x60-0x7F) writes the
    same cells as 0x40-0x5F, and BRF files use the upper half."""
    return "".join(chr(ord(ch) - 32) if 0x60 <= ord(ch) <= 0x7F else ch for ch in braille)


# Print characters translated in one liblouis call: large enough that the call's start-up
# is nothing, small enough that a batch's texts, braille and lines stay a few MB.
BATCH_CHARACTERS = 256 * 1024


def _missing_warning(missing: set[str], tables: str) -> str:
    shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in sorted(missing))
    return (f"braille: no UEB braille for {shown} in {tables}; left out "
            "(a transcriber should check these places).")


def brf_pages(brf: Path) -> Iterator[list[str]]:
    """The pages of a BRF file, one at a time (its lines without CR LF)."""
    page: list[str] = []
    with open(brf, encoding="ascii", newline="") as handle:
        for line in handle:  # lines end in CR LF; a form feed starts the next page
            if line.startswith("\f"):
                yield page
                page, line = [], line[1:]
            page.append(line.removesuffix("\r\n"))
    if page:
        yield page


class _Texts:
    """Print texts translated to braille in one liblouis call (a batch of the document)."""

    def __init__(self) -> None:
        self.print: list[str] = []
        self.braille: list[str] = []
        self.size = 0

    def add(self, text: str) -> int:
        self.print.append(" ".join(unicodedata.normalize("NFC", text).split()))
        self.size += len(self.print[-1])
        return len(self.print) - 1

    def __getitem__(self, key: int) -> str:
        return self.braille[key]

    def clear(self) -> None:
        self.print, self.braille, self.size = [], [], 0

    def translate(self, tables: str, uncontracted: str = "") -> set[str]:
        """Translate the texts added (contact details with the `uncontracted` tables, when
        given); returns the characters the tables cannot write, which are left out (the
        caller warns once for the document)."""
        missing = louis.undefined_characters("".join(self.print), tables)
        if missing:
            self.print = ["".join(ch for ch in text if ch not in missing) for text in self.print]
        lines = [text or " " for text in self.print]
        self.braille = [_fold(line) for line in (
            addresses.forward(lines, tables, uncontracted) if uncontracted
            else louis.forward(lines, tables))] if lines else []
        return missing


def _text_with_links(block) -> str:
    """Link text with its address after it, so the braille reader has the address too."""
    out = []
    for piece, url in link_segments(block.text, getattr(block, "links", ())):
        out.append(piece)
        address = (url or "").removeprefix("mailto:")
        if url and url.startswith(("http://", "https://", "mailto:")) \
                and address not in block.text:
            out.append(f" ({address})")
    return "".join(out)


def _body(document: Document, texts: _Texts, new_page: bool) -> Iterator[list]:
    """The items so far, after each block (the caller may translate and lay them out,
    then clear `texts`); each item is a function of the line width returning its lines."""
    items: list = []
    numbers = note_numbers(document)

    def heading(key: int, level: int, anchor: str = "", page_break: bool = False) -> None:
        def lines(width: int) -> list[Line]:
            braille = texts[key]
            if level <= 1:  # centred, a blank line before and after
                rows = layout.centre(braille, width)
                out = [Line(), *(Line(r, keep_with_next=True) for r in rows),
                       Line(keep_with_next=True)]
            else:  # cell-5 (level 2) and cell-7 headings, a blank line before
                indent = 4 if level == 2 else 6
                out = [Line(), *(Line(r, keep_with_next=True)
                                 for r in layout.wrap(braille, width, indent, indent))]
            out[0].page_break = page_break
            first = next(line for line in out if line.text)
            first.anchor = anchor
            return out
        items.append(lines)

    def text(key: int, first: int, runover: int, blank_around: bool = False,
             prefix: str = "", suffix: str = "") -> None:
        def lines(width: int) -> list[Line]:
            rows = layout.wrap(prefix + texts[key] + suffix, width, first, runover)
            out = [Line(r) for r in rows]
            return [Line(), *out, Line()] if blank_around else out
        items.append(lines)

    for number, chapter in enumerate(document.chapters, start=1):
        blocks = list(chapter.blocks)
        top = chapter.level or 1
        if not blocks or not isinstance(blocks[0], Heading):
            heading(texts.add(chapter.title), 1, chapter.id, new_page and number > 1)
        ordered_count: dict[int, int] = {}
        for index, block in enumerate(blocks):
            if not isinstance(block, ListItem):
                ordered_count.clear()
            if isinstance(block, Heading):
                level = 1 if index == 0 else max(2, block.level - top + 1)
                heading(texts.add(block.text), level, chapter.id if index == 0 else "",
                        new_page and number > 1 and index == 0)
            elif isinstance(block, ListItem):
                for deeper in [k for k in ordered_count if k > block.level]:
                    del ordered_count[deeper]
                if block.ordered:
                    ordered_count[block.level] = ordered_count.get(block.level, 0) + 1
                    marker = f"{ordered_count[block.level]}. "
                else:
                    marker = "\u2022 "  # UEB bullet
                indent = 2 * block.level
                text(texts.add(marker + _text_with_links(block) + note_words(block, numbers)),
                     indent, indent + 2)
            elif isinstance(block, Table):
                _table(block, texts, text)
            elif isinstance(block, Image):
                if block.alt:
                    text(texts.add(f"Picture: {block.alt}"), 2, 0, prefix=TN_OPEN,
                         suffix=TN_CLOSE)
            elif isinstance(block, Quote):
                text(texts.add(f"\u201c{_text_with_links(block)}\u201d"), 4, 4,
                     blank_around=True)
            elif block.text.strip():
                text(texts.add(_text_with_links(block) + note_words(block, numbers)), 2, 0)
            if texts.size >= BATCH_CHARACTERS:
                yield items
                items = []
        if chapter.notes:
            heading(texts.add("Notes"), 2)
            for note in chapter.notes:  # numbered as the "(note 1)" in the text says
                text(texts.add(f"Note {numbers[note.id]}: {note.text}"), 0, 2)
    yield items


def _table(block: Table, texts: _Texts, text) -> None:
    """A table linearised: a line saying its size, then each row as one entry with every
    cell after its column heading (BANA's linear table format)."""
    header = _flat_row(block.rows[0]) if block.header_rows else None
    text(texts.add(f"Table with {table_size(block)}:"), 2, 0)
    for row in map(_flat_row, block.body_rows):
        cells = []
        for index, cell in enumerate(row):
            label = header[index] if header and index < len(header) else ""
            if cell.strip():
                cells.append(f"{label}: {cell}" if label and label != cell else cell)
        if cells:
            text(texts.add("; ".join(cells)), 0, 2)


def _flat_row(row: tuple[str, ...]) -> tuple[str, ...]:
    """Cells as one run of words each: a line break in a cell is a comma in a linear entry."""
    return tuple(flat_cell(cell) for cell in row)


def _code_name(table: str) -> str:
    """What the title page calls the braille code, from the liblouis table's name."""
    grades = {"en-ueb-g1.ctb": "Unified English Braille, grade 1",
              "en-ueb-g2.ctb": "Unified English Braille, grade 2"}
    return grades.get(table, f"braille (liblouis table {table})")


def _title_page(document: Document, organisation: str, code: str, texts: _Texts) -> list:
    """Title, publisher, and what this braille is (BANA title page, simplified)."""
    entries = [(texts.add(document.title), True)]
    if organisation:
        entries.append((texts.add(f"Published by {organisation}"), False))
    entries += [
        (texts.add(f"Transcribed into {code} by converter {__version__} in "
                   f"{date.today().year}."), False),
        (texts.add("Braille pages with p before the number are preliminary pages."), False),
    ]

    def item_for(key: int, title: bool):
        def lines(width: int) -> list[Line]:
            rows = layout.centre(texts[key], width)
            return [Line(r) for r in rows] + [Line(), Line()] if title else [
                *(Line(r) for r in rows), Line()]
        return lines

    return [lambda width: [Line(), Line()], *(item_for(k, t) for k, t in entries)]


def _check(pages: list[list[str]], width: int, height: int) -> None:
    """The layout's promises, checked before anything is written."""
    for number, page in enumerate(pages, start=1):
        if len(page) > height:
            raise ConverterError(f"braille page {number} has {len(page)} lines (max {height}).")
        for line in page:
            if len(line) > width or not BRAILLE_ASCII.fullmatch(line):
                raise ConverterError(f"braille page {number} has a line that is too long or "
                                     f"not braille ASCII: {line!r}")


FORMAT = BrailleFormat()
