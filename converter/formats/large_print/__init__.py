"""Large print format: the whole master as an A4 PDF to the UKAAF large print guidance
(G003), tagged PDF/UA-1. Settings in styles/large-print.toml."""

from __future__ import annotations

from typing import Any

from converter.config import Style
from converter.formats.base import BuildContext, FormatResult, OutputFile, resident
from converter.formats.pdfdraw import register_fonts
from converter.formats.textparts import TextEdition, publisher
from converter.model import Document

STYLE_FILES = ("large-print.toml", "converter.toml", "fonts")


def load_settings(style: Style) -> dict[str, Any]:
    """styles/large-print.toml, validated by its schema (converter/settings/editions.py):
    body text 16pt at least (UKAAF), headings larger than the body."""
    return style.settings("large-print")


def blocks_of_capitals(document: Document) -> list[str]:
    """Texts of four words or more in capitals only. They are printed as the master has
    them (changing case could break acronyms), and the build says so."""
    found = []
    for chapter in document.chapters:
        for block in chapter.blocks:
            text = block.text
            letters = [ch for ch in text if ch.isalpha()]
            if len(text.split()) >= 4 and letters and all(ch.isupper() for ch in letters):
                found.append(text)
    return found


class LargePrintFormat(TextEdition):
    name = "large-print"
    description = "Large print PDF (UKAAF, tagged PDF/UA-1)"
    label = "Large print"
    roles = {
        "large-print-pdf": resident(
            "large print PDF",
            "Open the PDF with any PDF reader, or print it on A4 paper: the text is large "
            "and clear, and a screen reader can read it too."),
    }

    style_files = STYLE_FILES

    def document_facts(self, document: Document) -> dict[str, Any]:
        return {"author": document.author}

    def build(self, context: BuildContext) -> FormatResult:
        from converter.formats.large_print.layout import PrintSettings, render_pdf

        document, style = context.document, context.style
        values = load_settings(style)
        font = register_fonts(style, values["fonts"], "large print")
        fallback = register_fonts(style, values["fonts"], "large print fallback", "fallback_") \
            if values["fonts"].get("fallback_family") else ""
        code_font = register_fonts(style, values["fonts"], "large print code", "code_") \
            if values["fonts"].get("code_family") else ""
        settings = PrintSettings.from_toml(values, font, code_font)
        pdf_path = context.stage(f"{document.id}-large-print.pdf")
        pages, maker = render_pdf(document, settings, publisher(style), pdf_path, fallback)
        warnings = []
        if maker.glyphs.missing:
            sample = "".join(sorted(maker.glyphs.missing)[:10])
            warnings.append(f"{len(maker.glyphs.missing)} character(s) are in no large print "
                            f"font and print as '[?]' ({sample}); a person should check them")
        if maker.pictures_missing:
            warnings.append(f"{maker.pictures_missing} picture(s) could not be printed in large "
                            "print; their alt text is printed instead")
        if maker.tables_linearised:
            warnings.append(f"{maker.tables_linearised} table(s) had more than "
                            f"{settings.max_columns} columns or no header row and are set "
                            "out row by row (mark a header row in the master)")
        capitals = blocks_of_capitals(document)
        if capitals:
            warnings.append(f"{len(capitals)} heading(s) or paragraph(s) are written in capitals "
                            f"in the master (for example '{capitals[0][:40]}'); large print "
                            "guidance advises against blocks of capitals: change them in the master")
        facts = {"pages": pages, "body_pt": settings.body_pt, "words": document.word_count,
                 "tables_set_out_row_by_row": maker.tables_linearised}
        return FormatResult(files=[OutputFile(pdf_path.name, "large-print-pdf", pdf_path)],
                            facts=facts, warnings=warnings)


FORMAT = LargePrintFormat()
