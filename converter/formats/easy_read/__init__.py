"""Easy Read format: an A4 PDF, picture left and text right, with image slots."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from converter import __version__
from converter.config import Style
from converter.formats.base import BuildContext, FormatResult, OutputFile, resident, staff
from converter.formats.easy_read.contact_page import CONTACT_HEADING
from converter.formats.easy_read.cover_date import cover_date, cover_text
from converter.formats.easy_read.script import (
    Fits,
    Row,
    Script,
    bold_first_uses,
    defines,
    is_explained,
    means,
    render_script,
)
from converter.formats.easy_read.script_file import LeftOut
from converter.hashing import sha256_file, sha256_json
from converter.model import Document

CSV_FIELDS = ["id", "page", "x_mm", "y_mm", "width_mm", "height_mm", "keywords", "alt",
              "filled_with", "file"]
BOLD = re.compile(r"\*\*(.+?)\*\*")
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
            "date": list(document.date),  # the cover's date
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
        """Why a person must still review this Easy Read before residents get it."""
        from converter.formats.easy_read.review import review_reasons
        from converter.formats.easy_read.script_file import load_script, script_path

        path = script_path(document, source_dir)
        return review_reasons(load_script(path) if path.is_file() else None, document)

    def build(self, context: BuildContext) -> FormatResult:
        from converter.formats.easy_read.layout import render_pdf
        from converter.formats.easy_read.review import DRAFT_BAND, review_reasons

        document, style = context.document, context.style
        script, used, warnings, stats, left_out = self._script(context)
        reasons = review_reasons(script if used.startswith("edited") else None, document)
        context.progress(f"{document.id}: easy-read uses the {used}"
                         + ("" if not reasons else " (DRAFT: not approved)"))
        when, date_source = cover_date(document)
        context.progress(f"{document.id}: easy-read cover date {cover_text(when)}, from "
                         f"{date_source}" if when else
                         f"{document.id}: easy-read cover has no date: {date_source}")
        parts = split_parts(script, style)
        numbers = {chapter.id: index for index, chapter in enumerate(document.chapters, 1)}
        several = len(parts) > 1
        # Every part's contents page lists the sections of all the parts.
        headings = [[section.heading for section in each.sections] for each in parts]
        slots, files, part_facts = [], [], []
        for number, part in enumerate(parts, start=1):
            name = f"{document.id}-easy-read-part-{number}.pdf" if several else \
                f"{document.id}-easy-read.pdf"
            layout, part_slots = self._layout_input(part, document, style, context.source_dir,
                                                    number if several else 0)
            layout.version = cover_text(when)
            layout.part = f"Part {number} of {len(parts)}" if several else ""
            layout.parts = headings if several else []
            layout.part_number = number
            layout.draft_band = DRAFT_BAND if reasons else ""
            pdf_path = context.stage(name)
            pages = render_pdf(layout, style, pdf_path)
            for slot in part_slots:
                slot.file = name
            slots.extend(part_slots)
            files.append(OutputFile(name, "easy-read-pdf", pdf_path, extra={} if not several
                                    else {"part": {"number": number, "of": len(parts),
                                                   "sections": headings[number - 1],
                                                   "chapters": sorted({
                                                       numbers[section.chapter]
                                                       for section in part.sections
                                                       if section.chapter in numbers})}}))
            part_facts.append({"file": name, "pages": pages, "sections": headings[number - 1]})
        if not CONTACT_HEADING.match(layout.sections[-1].heading):
            warnings.append("no contact page: the master gives no contact details of its own "
                            "(no 'Contact us' section). Add one to the master")
        if not layout.organisation:
            warnings.append("no publisher: the cover has no 'From' line. Name the organisation "
                            "in converter.toml [organisation] name, or set the Word "
                            "document's Company property")
        context.progress(f"{document.id}: easy-read sentences: {stats['sentences_master']} in "
                         f"the master, {stats['sentences_drafted']} in the Easy Read")
        warnings.extend(self._summary(script, part_facts, style, stats, left_out))
        csv_path = context.stage("image-slots.csv")
        csv_path.write_text(_slots_csv(slots), encoding="utf-8")
        filled = sum(1 for slot in slots if not slot.filled_with.startswith("placeholder"))
        facts = {
            "script": used,
            "review": {"approved": not reasons, "reasons": reasons},
            "publisher": layout.organisation,
            "cover_date": {"date": when.isoformat() if when else "", "from": date_source},
            "pages": sum(part["pages"] for part in part_facts),
            "parts": part_facts,
            "rows": len(script.rows()),
            "rows_for_writer": [row.id for row in script.for_writer()],
            "rows_left_out": left_out.ids,
            "sentences": stats,
            "slots_filled": filled,
            "slots_empty": len(slots) - filled,
            "slots": [_slot_dict(slot) for slot in slots],
        }
        return FormatResult(
            files=[*files,
                   OutputFile("image-slots.csv", "image-slots", csv_path),
                   OutputFile("easy-read-script.md", "easy-read-script",
                              context.stage("easy-read-script.md"))],
            facts=facts, warnings=warnings,
        )

    def _script(self, context: BuildContext
                ) -> tuple[Script, str, list[str], dict[str, int], LeftOut]:
        """The edited script beside the source, else an automatic draft; with the sentence
        counts before and after and the rows left out. The script's copy is staged as it is
        made; the Script returned holds only the rows a resident sees."""
        from converter.formats.easy_read.draft import Drafter, master_sentences
        from converter.formats.easy_read.script_file import load_script, script_path, write_script

        document, style = context.document, context.style
        path = script_path(document, context.source_dir)
        copy = context.stage("easy-read-script.md")
        if path.is_file():
            script = load_script(path)
            warnings = self.status_notes(document, style, context.source_dir)
            stats = {"sentences_master": sum(master_sentences(c) for c in document.chapters),
                     "sentences_drafted": _count_sentences(script)}
            copy.write_text(render_script(script), encoding="utf-8")
            return script, f"edited script {path.name}", warnings, stats, LeftOut.of(script)
        drafter = Drafter(style, document)
        script = drafter.blank()
        left_out = write_script(copy, script, drafter.sections(script.word_bank))
        return (script, "automatic draft (run 'converter easy-read draft' to edit it)", [],
                {key: value for key, value in drafter.stats.items()
                 if key.startswith("sent") or key == "lists_left_out"}, left_out)

    def _summary(self, script: Script, parts: list[dict], style: Style, stats: dict,
                 left_out: LeftOut) -> list[str]:
        """What a person must know: sentences before and after, rows for a writer, what was
        left out, words without an explanation, parts and the page limit."""
        messages = []
        writer = script.for_writer()
        if writer:
            messages.append(f"{len(writer)} row(s) are marked for a writer in the script "
                            f"(too long to split safely, computer code, or pointing to a "
                            f"table): {_ids(writer)}")
        if left_out.ids:
            by_section = [f"{heading} ({count})" for heading, count in left_out.by_section]
            lists = stats.get("lists_left_out") or []
            named = f" Lists left out whole: {'; '.join(lists)}." if lists else ""
            whole = left_out.whole  # even one row a chapter is more than one PDF holds
            if whole:
                named = (f" {len(whole)} section(s) left out whole (their headings too): "
                         + (f"{whole[0]} to {whole[-1]}." if len(whole) > 2 else
                            f"{'; '.join(whole)}.")) + named
            limits = style.settings("easy-read")["limits"]
            advice = (  # 'auto' already tried parts: the master is longer than all of them
                "restore them there and set [limits] overflow = \"parts\" in easy-read.toml "
                "to split the Easy Read into parts instead, or split the master"
                if limits["overflow"] == "trim" else
                f"the master is too long even for {limits['max_parts']} parts: split it into "
                "several documents, or choose the rows to keep in the script")
            messages.append(
                f"{len(left_out.ids)} row(s) were left out to fit the page limit, from: "
                f"{'; '.join(by_section)}.{named} They are in the script as 'left out' "
                f"notes: {advice}")
        if len(parts) > 1:
            messages.append(
                f"the master is too long for one Easy Read of "
                f"{style.settings('easy-read')['limits']['max_pages']} pages, so it is split "
                f"into {len(parts)} parts"
                + (" (with the rows above left out): " if left_out.ids else
                   " with nothing left out: ")
                + "; ".join(f"{part['file']} ({part['pages']} pages: "
                            f"{part['sections'][0]} to {part['sections'][-1]})"
                            for part in parts)
                + ". To send one shorter document instead, trim rows in the script")
        limit = style.settings("easy-read")["limits"]["max_pages"]
        for part in parts:
            if part["pages"] > limit:
                messages.append(f"{part['file']} has {part['pages']} pages (over {limit}): "
                                "trim rows in the script or split the master into parts")
        missing = sorted(word for word, text in script.word_bank.items()
                         if not is_explained(text))
        if missing:
            messages.append(f"{len(missing)} hard word(s) have no explanation and are left out "
                            f"of the word bank: {', '.join(missing[:8])}")
        return messages

    def _layout_input(self, script: Script, document: Document, style: Style, source_dir: Path,
                      part: int = 0):
        from dataclasses import replace

        from converter.formats.easy_read.contact_page import page_rows
        from converter.formats.easy_read.layout import LayoutInput, LayoutSection, LayoutSubheading
        from converter.formats.easy_read.script_file import images_dir

        slots = SlotFiller(style, images_dir(document, source_dir))
        settings = style.settings("converter")["organisation"]
        cover = slots.row(Row("cover", ["plan", "document"], "", f"Cover of {script.title}"))
        # A section whose rows were all left out is left out with its heading.
        kept = [replace(section, rows=shown_rows(section)) for section in script.sections
                if shown_rows(section)]
        body, contact_heading, contacts = page_rows(kept, document, settings["other_formats"])
        sections = [LayoutSection(section.heading, [
            LayoutSubheading(row.text) if row.subheading else slots.row(row)
            for row in section.rows]) for section in body]
        explained = sorted((word, text) for word, text in script.word_bank.items()
                           if is_explained(text))  # a word with no explanation is not banked
        if explained:
            prefix = f"hard-words-part-{part}" if part else "hard-words"
            rows = [slots.row(Row(f"{prefix}-{index}", [word], means(word, text)))
                    for index, (word, text) in enumerate(explained, start=1)]
            sections.append(LayoutSection("Hard words", rows, new_page=True))
        if contacts:  # none of the publisher's own: no page rather than another body's
            sections.append(LayoutSection(contact_heading, [slots.row(row) for row in contacts],
                                          new_page=True, one_page=True))
        attribution = style.settings("easy-read")["pictures"]["attribution"] \
            if slots.used_library else ""
        return LayoutInput(title=script.title or document.title,
                           organisation=document.publisher(settings.get("name", "")),
                           language=document.language, cover=cover, sections=sections,
                           attribution=attribution), slots.records


def shown_rows(section) -> list[Row]:
    """The section's rows a resident sees: not the left-out ones, nor a sub-heading with no
    row after it (a person deleted its rows) or on the contact page (a page of its own)."""
    rows = [row for row in section.rows if not row.left_out]
    contact = CONTACT_HEADING.match(section.heading)
    return [row for index, row in enumerate(rows) if not row.subheading or (
        not contact and any(not after.subheading for after in rows[index + 1:]))]


def glued(rows: list[Row]) -> list[list[int]]:
    """Row indexes in the groups a part is never cut inside: a sub-heading (or several)
    with the row after it."""
    groups: list[list[int]] = []
    pending: list[int] = []
    for index, row in enumerate(rows):
        pending.append(index)
        if not row.subheading:
            groups.append(pending)
            pending = []
    return [*groups, pending] if pending else groups


def split_parts(script: Script, style: Style) -> list[Script]:
    """The script as one part, or as several that each fit the page limit (budget.py):
    each part keeps its sections' chapter notes and the hard words its rows use."""
    from dataclasses import replace

    from converter.formats.easy_read.budget import plan_parts
    from converter.formats.easy_read.draft import script_cost
    from converter.formats.easy_read.measure import Measure, Pager
    from converter.language.lexicon import Lexicon

    budget = float(style.typed("easy-read").limits.max_content_rows)
    measure = Measure.of(style)
    kept = [[row for row in section.rows if not row.left_out] for section in script.sections]
    groups = [glued(rows) for rows in kept]
    # A group's cost: its sub-headings and row; the first also carries the section heading.
    costs = [[sum(script_cost(rows[m], measure) for m in group)
              + (measure.section_heading(section.heading) if not number else 0.0)
              for number, group in enumerate(section_groups)]
             for rows, section_groups, section in zip(kept, groups, script.sections,
                                                      strict=True)]
    pager = Pager(measure)  # one PDF when the rows laid out fit, page feet counted
    for section_costs in costs:
        for cost in section_costs:
            pager.row(cost)
    if pager.extent() <= budget:
        return [script]
    parts = []
    explains = Lexicon.from_style(style).explains  # hashes the word lists: once, not a part
    for plan in plan_parts(costs, budget):
        sections = []
        for s_index, members in plan:
            section = script.sections[s_index]
            continued = members[0] > 0
            rows = [kept[s_index][m] for g in members for m in groups[s_index][g]]
            sections.append(replace(section, rows=rows,
                                    heading=section.heading + (" (continued)" if continued
                                                               else "")))
        parts.append(standalone(replace(script, sections=sections), explains))
    return parts


def standalone(part: Script, fits: Fits | None = None) -> Script:
    """A part a resident may be sent alone: every hard word its rows use is bold where the
    part first uses it (even when an earlier part bolded it) and explained in its own word
    bank; words only other parts use are not banked, and a word the part's own glossary
    row explains where it first uses it ('Discrimination means ...', 'Protected
    characteristic means ...') is not banked again."""
    from dataclasses import replace

    explained = {word: text for word, text in part.word_bank.items() if is_explained(text)}
    rows, first = bold_first_uses([row for section in part.sections for row in section.rows
                                   if not row.subheading], explained, fits)  # none in headings
    used = {key for key, index in first.items() if not defines(rows[index], key)}
    bolded = iter(rows)
    sections = [replace(section, rows=[row if row.subheading else next(bolded)
                                       for row in section.rows]) for section in part.sections]
    return replace(part, sections=sections,
                   word_bank={word: text for word, text in explained.items() if word in used})


class SlotFiller:
    """Fills each row's picture slot: a designer's image, else a library picture whose
    meaning fits, else an empty slot labelled for the designer (no generic fallback)."""

    def __init__(self, style: Style, designer: Path) -> None:
        from converter.formats.easy_read.pictures import PictureLibrary, Variety

        self.library = PictureLibrary.load(style)
        self.designer = designer
        self.records: list = []
        self.used_library = False
        self.variety = Variety()

    def row(self, row: Row):
        from converter.formats.easy_read.layout import LayoutRow, SlotRecord
        from converter.formats.easy_read.pictures import designer_image

        # The slot shows (and variety compares) only the words that may mean its picture.
        keywords = self.library.slot_words(row.keywords or label_words(row.plain_text),
                                           row.plain_text)
        picture = designer_image(self.designer, row.id) if self.designer.is_dir() else None
        filled = f"designer image {picture.path.name}" if picture else ""
        avoid = self.variety.avoid(keywords)
        if picture is None:
            picture = self.library.match(keywords, avoid, row.plain_text)
            if picture:
                self.used_library = True
                filled = f"library {picture.path.name}"
                self.variety.used(picture.name, keywords)
        if picture is None:
            suggestion = self.library.suggestion(keywords, avoid, row.plain_text)
            filled = f"placeholder: try {suggestion}" if suggestion else "placeholder"
        alt = row.alt or (picture.alt if picture and picture.alt else "") or \
            f"Picture about {', '.join(keywords) or 'this row'}"
        slot = SlotRecord(row.id, keywords, alt, filled)
        self.records.append(slot)
        return LayoutRow(slot, row.text, picture)


def label_words(text: str) -> list[str]:
    """Words for an empty slot's label when a row has no keywords (a writer removed them):
    the row's longest content words, so the designer knows what to draw."""
    from converter.formats.easy_read.draft import STOPWORDS
    from converter.language.sentences import words

    found = []
    for word in words(text):
        lower = word.lower()
        if lower.isalpha() and len(lower) > 3 and lower not in STOPWORDS and lower not in found:
            found.append(lower)
    return sorted(found, key=len, reverse=True)[:3]


def _ids(rows: list[Row]) -> str:
    shown = ", ".join(row.id for row in rows[:10])
    return shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def _count_sentences(script: Script) -> int:
    from converter.language.sentences import split_sentences

    return sum(len(split_sentences(row.plain_text)) for row in script.rows())


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
