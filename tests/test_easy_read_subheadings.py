"""Sub-headings: a heading inside a master chapter ('### Principle 1') is a '### ' line in the
Easy Read script and a bold H3 in the text column of the PDF, kept with the row after it,
counted by the page budget and left out with its rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import CORPUS, styles_with

from converter.formats.easy_read import split_parts
from converter.formats.easy_read.draft import Drafter
from converter.formats.easy_read.script import Row, Script, Section, parse_script, render_script
from converter.readers import read_document

POLICY = CORPUS / "policy-text-open" / "OpenDataServices-OpenDataPolicy.md"
PRINCIPLES = [f"Principle {n}" for n in range(1, 15)]
MM = 72 / 25.4


def _draft(tmp_path: Path, markdown: str, style) -> Script:
    source = tmp_path / "plan.md"
    source.write_text(markdown, encoding="utf-8")
    return Drafter(style, read_document(source)).script()


def _walk(element, found: list) -> None:
    if isinstance(element, pikepdf.Dictionary) and "/S" in element:
        found.append(element)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            _walk(kid, found)


def test_script_round_trip_with_sub_headings():
    text = "\n".join([
        "---", "title: Plan", "---", "", "## Our principles",
        "<!-- chapter: our-principles sha256: abc123 -->", "",
        "[picture p-1: principle] We have 2 principles.",
        "### Principle 1",
        "[picture p-2: privacy] We respect privacy.",
        "<!-- left out: ### Principle 2 -->",
        "<!-- left out: [picture p-3: data] Our data is complete. -->", ""])
    script = parse_script(text)
    rows = script.sections[0].rows
    assert [(r.subheading, r.left_out, r.text) for r in rows] == [
        (False, False, "We have 2 principles."), (True, False, "Principle 1"),
        (False, False, "We respect privacy."), (True, True, "Principle 2"),
        (False, True, "Our data is complete.")]
    assert [r.id for r in script.rows()] == ["p-1", "p-2"], "a sub-heading is not a row"
    assert [r.id for r in script.left_out()] == ["p-3"]
    again = parse_script(render_script(script))
    assert again == script
    assert "### Principle 1" in render_script(script)
    assert "<!-- left out: ### Principle 2 -->" in render_script(script)
    # Staff edit or delete a sub-heading like any line; an edit after approval shows.
    before = script.sections[0].content_sha256()
    edited = parse_script(text.replace("### Principle 1", "### Principle one"))
    assert edited.sections[0].rows[1].text == "Principle one"
    assert edited.sections[0].content_sha256() != before
    deleted = parse_script(text.replace("### Principle 1\n", ""))
    assert [r.id for r in deleted.rows()] == ["p-1", "p-2"]
    # An old script, with no sub-headings, loads as before.
    old = parse_script(text.replace("### Principle 1\n", "").replace(
        "<!-- left out: ### Principle 2 -->\n", ""))
    assert [(r.id, r.left_out) for r in old.sections[0].rows] == [
        ("p-1", False), ("p-2", False), ("p-3", True)]


def test_a_sub_heading_before_any_section_is_a_clear_error():
    with pytest.raises(ValueError, match="sub-heading comes before"):
        parse_script("---\ntitle: Plan\n---\n### Principle 1\n")


@pytest.mark.skipif(not POLICY.is_file(), reason="the corpus is not present")
def test_open_data_policy_draft_numbers_its_principles(style):
    script = Drafter(style, read_document(POLICY)).script()
    principles = next(s for s in script.sections if s.heading == "Our open data principles")
    subheadings = [row for row in principles.rows if row.subheading]
    assert [row.text for row in subheadings] == PRINCIPLES
    assert all(not row.id and not row.keywords and not row.writer and "**" not in row.text
               for section in script.sections for row in section.rows if row.subheading)
    # Slot ids count picture rows only: a designer's files keep their rows.
    after = principles.rows[principles.rows.index(subheadings[0]) + 1]
    assert after.id == "our-open-data-principles-7" and not after.subheading
    every = [row.text for section in script.sections for row in section.rows if row.subheading]
    assert "Contents" not in every, "a contents list's heading is not a sub-heading"
    assert not any(text.lower() in {s.heading.lower() for s in script.sections}
                   for text in every), "no sub-heading repeats its chapter's title"
    overview = next(s for s in script.sections if s.heading == "Overview")
    assert [r.text for r in overview.rows if r.subheading][:2] == [
        "Who should read this document?", "Other policies"]


def test_sub_headings_are_skipped_when_they_head_nothing(tmp_path, style):
    script = _draft(tmp_path, "# Plan\n\n## Rules\n\n### Rules\n\nWe publish data.\n\n"
                    "### Contents\n\n[Rules](#rules)\n\n### Empty\n\n### Kept\n\n"
                    "#### Nested\n\nYou can ask us.\n", style)
    rows = script.sections[0].rows
    assert [(r.subheading, r.text) for r in rows] == [
        (False, "We publish data."), (True, "Kept"), (True, "Nested"),
        (False, "You can ask us.")]


def test_trimmed_build_leaves_out_a_sub_heading_with_its_rows(tmp_path):
    style = styles_with(tmp_path, max_content_rows=3, overflow="trim")
    script = _draft(tmp_path, "# Plan\n\n## Rules\n\nWe must publish data every year.\n\n"
                    "### Background\n\nThe history is long and varied.\n\n"
                    "### Complaints\n\nYou can complain within 10 days.\n", style)
    rows = script.sections[0].rows
    assert [(r.subheading, r.left_out, r.text) for r in rows] == [
        (False, False, "We must publish data every year."),
        (True, True, "Background"),
        (False, True, "The history is long and varied."),
        (True, False, "Complaints"),
        (False, False, "You can complain within 10 days.")]
    assert "<!-- left out: ### Background -->" in render_script(script)


def test_a_part_never_ends_on_a_sub_heading(tmp_path):
    rows = []
    for number in range(1, 13):
        rows.append(Row("", [], f"Principle {number}", subheading=True))
        rows.append(Row(f"p-{number}", ["data"], f"Principle {number} says we share data."))
    script = Script("Plan", sections=[Section("Principles", chapter="p", rows=rows)])
    parts = split_parts(script, styles_with(tmp_path, max_content_rows=5))
    assert len(parts) > 2
    for part in parts:
        last = part.sections[-1].rows[-1]
        assert not last.subheading
    shown = [row.text for part in parts for section in part.sections for row in section.rows]
    assert shown == [row.text for row in rows], "nothing lost or moved"


def test_a_sub_heading_is_never_the_last_thing_on_a_page(tmp_path, style):
    from converter.formats.easy_read.layout import (
        LayoutInput,
        LayoutRow,
        LayoutSection,
        LayoutSubheading,
        SlotRecord,
        render_pdf,
    )

    def row(name: str) -> LayoutRow:
        return LayoutRow(SlotRecord(name, ["data"], "", "placeholder"), f"Row {name}.", None)

    cover = LayoutRow(SlotRecord("cover", ["plan"], "", "placeholder"), "", None)
    # 1 to 5 rows before each sub-heading: some sub-headings fall at the foot of a page.
    items: list = []
    for run in range(1, 6):
        items += [row(f"r{run}-{n}") for n in range(run)]
        items += [LayoutSubheading(f"Heading {run}"), row(f"after-{run}")]
    data = LayoutInput("Test", "", "en-GB", cover, [LayoutSection("Part", items)])
    target = tmp_path / "t.pdf"
    render_pdf(data, style, target)
    following = {item.text: items[index + 1] for index, item in enumerate(items)
                 if isinstance(item, LayoutSubheading)}
    with pdfplumber.open(target) as pdf:
        found = {}
        for number, page in enumerate(pdf.pages, start=1):
            lines: dict[float, list] = {}  # the 24pt sub-heading lines by their top
            for char in page.chars:
                if abs(char["size"] - 24) < 0.5:
                    lines.setdefault(round(char["top"]), []).append(char)
            for top, chars in lines.items():
                found["".join(c["text"] for c in chars).strip()] = (number, top)
    assert set(found) == set(following)
    for text, (page, top) in found.items():
        after = following[text].slot
        assert after.page == page, f"'{text}' is on page {page}, its row on {after.page}"
        assert after.y_mm * MM > top, "and its row is below it"
        # Drawn in the text column, beside where the pictures are, not at the margin.
    with pdfplumber.open(target) as pdf:
        xs = [c["x0"] for page in pdf.pages for c in page.chars if abs(c["size"] - 24) < 0.5]
    slot = following["Heading 1"].slot
    assert min(xs) >= (slot.x_mm + slot.width_mm) * MM


@pytest.mark.skipif(not POLICY.is_file(), reason="the corpus is not present")
def test_open_data_policy_pdf_tags_principles_as_h3(tmp_path, cli):
    source = tmp_path / POLICY.name
    shutil.copy(POLICY, source)
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "easy-read", "-q")
    assert result.returncode == 0, result.stderr
    found = []
    pdfs = sorted((tmp_path / "out" / "opendataservices-opendatapolicy" / "easy-read")
                  .glob("*.pdf"))
    assert pdfs
    for pdf_path in pdfs:
        with pikepdf.open(pdf_path) as pdf:
            elements: list = []
            _walk(pdf.Root.StructTreeRoot.K, elements)
            found += [str(e.T) for e in elements if str(e.S) == "/H3"]
            assert len(pdf.pages) <= 24
    assert [text for text in found if text.startswith("Principle")] == PRINCIPLES


def test_a_list_lead_in_is_never_the_last_row_on_a_page(tmp_path, style):
    """'When we hold public meetings, we will do these things.' alone at the foot of a page
    left its 'We will ...' rows to read as unconditional on the next."""
    from converter.formats.easy_read.layout import (
        LayoutInput,
        LayoutRow,
        LayoutSection,
        SlotRecord,
        render_pdf,
    )

    def row(name: str, text: str) -> LayoutRow:
        return LayoutRow(SlotRecord(name, ["data"], "", "placeholder"), text, None)

    cover = LayoutRow(SlotRecord("cover", ["plan"], "", "placeholder"), "", None)
    items: list = []
    for run in range(1, 6):  # 1 to 5 rows before each lead-in: some fall at a page's foot
        items += [row(f"r{run}-{n}", f"Row {run} {n}.") for n in range(run)]
        items += [row(f"lead-{run}", "When we meet, we will do these things."),
                  row(f"after-{run}", f"We will send papers {run}.")]
    data = LayoutInput("Test", "", "en-GB", cover, [LayoutSection("Part", items)])
    render_pdf(data, style, tmp_path / "t.pdf")
    for run in range(1, 6):
        lead = next(item.slot for item in items if item.slot.id == f"lead-{run}")
        after = next(item.slot for item in items if item.slot.id == f"after-{run}")
        assert lead.page == after.page, f"lead-in {run} on page {lead.page}, its row on " \
            f"{after.page}"
