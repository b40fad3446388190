"""Easy Read format: an A4 PDF, picture left and text right, with image slots."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from converter import __version__
from converter.config import Style
from converter.formats.base import BuildContext, FormatResult, OutputFile, resident, staff
from converter.formats.easy_read.script import MISSING_EXPLANATION, Row, Script, render_script
from converter.hashing import sha256_file, sha256_json
from converter.model import Document

CSV_FIELDS = ["id", "page", "x_mm", "y_mm", "width_mm", "height_mm", "keywords", "alt",
              "filled_with"]
STYLE_FILES = ("easy-read.toml", "converter.toml", "plain-english.toml", "fonts", "words",
               "pictures")


class EasyReadFormat:
    name = "easy-read"
    description = "Easy Read PDF with picture slots"
    label = "Easy Read"
    roles = {
        "easy-read-pdf": resident("Easy Read PDF", "Open the PDF with any PDF reader, or "
                                  "print it: each page has pictures on the left and short "
                                  "sentences on the right."),
        "image-slots": staff("picture slot list (CSV) for designers"),
        "easy-read-script": staff("Easy Read script the PDF was made from"),
    }

    def inputs_sha256(self, document: Document, style: Style, source_dir: Path) -> str:
        from converter.formats.easy_read.script_file import images_dir, script_path

        script = script_path(document, source_dir)
        images = images_dir(document, source_dir)
        image_hashes = sorted(
            (path.name, sha256_file(path)) for path in images.iterdir() if path.is_file()
        ) if images.is_dir() else []
        return sha256_json({
            "converter": __version__,
            "title": document.title,
            "language": document.language,
            "chapters": [chapter.sha256 for chapter in document.chapters],
            "script": sha256_file(script) if script.is_file() else None,
            "images": image_hashes,
            "style": style.files_sha256(*STYLE_FILES),
        })

    def status_notes(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        from converter.formats.easy_read.script_file import load_script, script_path, stale_sections

        path = script_path(document, source_dir)
        if not path.is_file():
            return []
        notes = stale_sections(load_script(path), document)
        if notes:
            notes.append(f"run 'converter easy-read draft --update' to redraft them in {path.name}")
        return notes

    def review_reasons(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        """Why a person must still review this Easy Read before residents get it: an edited
        script whose master text changed under a section."""
        return self.status_notes(document, style, source_dir)

    def build(self, context: BuildContext) -> FormatResult:
        from converter.formats.easy_read.draft import Drafter
        from converter.formats.easy_read.layout import render_pdf
        from converter.formats.easy_read.script_file import load_script, script_path

        document, style = context.document, context.style
        warnings: list[str] = []
        path = script_path(document, context.source_dir)
        if path.is_file():
            script = load_script(path)
            used = f"edited script {path.name}"
            warnings.extend(self.status_notes(document, style, context.source_dir))
        else:
            script = Drafter(style, document).script()
            used = "automatic draft (run 'converter easy-read draft' to edit it)"
        context.progress(f"{document.id}: easy-read uses the {used}")

        layout, slots = self._layout_input(script, document, style, context.source_dir)
        pdf_path = context.stage(f"{document.id}-easy-read.pdf")
        pages = render_pdf(layout, style, pdf_path)
        limits = style.settings("easy-read")["limits"]
        if pages > limits["max_pages"]:
            warnings.append(f"the Easy Read PDF has {pages} pages (over {limits['max_pages']}); "
                            "consider shortening the script or splitting the document")
        missing = [word for word, text in script.word_bank.items()
                   if not text or text == MISSING_EXPLANATION]
        if missing:
            warnings.append(f"{len(missing)} hard word(s) need an explanation in the script: "
                            f"{', '.join(sorted(missing)[:8])}")

        csv_path = context.stage("image-slots.csv")
        csv_path.write_text(_slots_csv(slots), encoding="utf-8")
        script_copy = context.stage("easy-read-script.md")
        script_copy.write_text(render_script(script), encoding="utf-8")
        filled = sum(1 for slot in slots if not slot.filled_with.startswith("placeholder"))
        facts = {
            "script": used,
            "pages": pages,
            "rows": len(script.rows()),
            "slots_filled": filled,
            "slots_empty": len(slots) - filled,
            "slots": [_slot_dict(slot) for slot in slots],
        }
        return FormatResult(
            files=[OutputFile(pdf_path.name, "easy-read-pdf", pdf_path),
                   OutputFile("image-slots.csv", "image-slots", csv_path),
                   OutputFile("easy-read-script.md", "easy-read-script", script_copy)],
            facts=facts, warnings=warnings,
        )

    def _layout_input(self, script: Script, document: Document, style: Style, source_dir: Path):
        from converter.formats.easy_read.layout import (
            LayoutInput,
            LayoutRow,
            LayoutSection,
            SlotRecord,
        )
        from converter.formats.easy_read.pictures import PictureLibrary, designer_image
        from converter.formats.easy_read.script_file import images_dir
        from converter.language.contacts import find_contacts

        library = PictureLibrary.load(style)
        designer = images_dir(document, source_dir)
        slots: list[SlotRecord] = []
        used_library = False

        def layout_row(row: Row) -> LayoutRow:
            nonlocal used_library
            picture = designer_image(designer, row.id) if designer.is_dir() else None
            filled = f"designer image {picture.path.name}" if picture else ""
            if picture is None:
                picture = library.match(row.keywords)
                if picture:
                    used_library = True
                    filled = f"library {picture.path.name}"
            alt = row.alt or (picture.alt if picture and picture.alt else "") or \
                f"Picture about {', '.join(row.keywords) or 'this row'}"
            slot = SlotRecord(row.id, row.keywords, alt, filled or "placeholder")
            slots.append(slot)
            return LayoutRow(slot, row.text, picture)

        settings = style.settings("converter")["organisation"]
        cover = layout_row(Row("cover", ["plan", "document"], "", f"Cover of {script.title}"))
        sections = [LayoutSection(section.heading, [layout_row(row) for row in section.rows])
                    for section in script.sections]
        if script.word_bank:
            rows = []
            for index, (word, text) in enumerate(sorted(script.word_bank.items()), start=1):
                explanation = text if text and text != MISSING_EXPLANATION else \
                    "We will add what this word means."
                rows.append(layout_row(Row(f"hard-words-{index}", [word, "information"],
                                           f"**{word}** means: {explanation}")))
            sections.append(LayoutSection("Hard words", rows, new_page=True))
        sections.append(LayoutSection("Contact us", [
            layout_row(row) for row in _contact_rows(find_contacts(document),
                                                     settings["other_formats"])], new_page=True))
        attribution = style.settings("easy-read")["pictures"]["attribution"] if used_library else ""
        return LayoutInput(title=script.title or document.title,
                           organisation=settings["name"], language=document.language,
                           cover=cover, sections=sections, attribution=attribution), slots


def _contact_rows(contacts, other_formats: str) -> list[Row]:
    rows = []
    for index, phone in enumerate(contacts.phones[:2], start=1):
        rows.append(Row(f"contact-phone-{index}", ["phone"], f"Phone us on {phone}."))
    for index, email in enumerate(contacts.emails[:2], start=1):
        rows.append(Row(f"contact-email-{index}", ["email"], f"Email us at {email}."))
    for index, web in enumerate(contacts.web[:1], start=1):
        rows.append(Row(f"contact-web-{index}", ["website"], f"Visit our website: {web}"))
    for index, address in enumerate(contacts.addresses[:1], start=1):
        rows.append(Row(f"contact-address-{index}", ["letter"], f"Write to us at {address}."))
    rows.append(Row("contact-formats", ["read", "formats"], other_formats))
    return rows


def _slot_dict(slot) -> dict:
    return {name: (", ".join(slot.keywords) if name == "keywords" else getattr(slot, name))
            for name in CSV_FIELDS}


def _slots_csv(slots) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for slot in slots:
        writer.writerow(_slot_dict(slot))
    return buffer.getvalue()


FORMAT = EasyReadFormat()
