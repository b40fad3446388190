"""Easy Read: drafting rules, the editable script, staleness, and the PDF itself."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import ROOT, SAMPLE, load_manifest

from converter.config import Style
from converter.formats.easy_read.clauses import reading_length, split_whole
from converter.formats.easy_read.contact_page import is_address_row
from converter.formats.easy_read.draft import Drafter
from converter.formats.easy_read.pictures import singular
from converter.formats.easy_read.script import bank_forms, parse_script, render_script
from converter.formats.easy_read.script_file import stale_sections, update_script
from converter.formats.pdfdraw import BREAK_AFTER
from converter.language.sentences import split_sentences, words
from converter.readers import read_document

MM = 72 / 25.4


# -- drafting ------------------------------------------------------------------------------


def test_splitting_makes_only_whole_sentences():
    sentence = ("We will publish the report every year, and we will ask residents what they "
                "think of it because their views shape our work.")
    split = split_whole(sentence, 15)
    assert not split.whole and len(split.pieces) > 1
    assert all(len(words(piece)) <= 15 for piece in split.pieces)
    assert split.pieces[0] == "We will publish the report every year."
    assert split.pieces[1] == ("We will ask residents what they think of it because their "
                               "views shape our work.")
    relative = split_whole("The Equality and Inclusion Steering Group, which is chaired by our "
                           "Chief Executive, will check progress every 3 months.", 15)
    assert relative.pieces == [
        "The Equality and Inclusion Steering Group will check progress every 3 months.",
        "The Equality and Inclusion Steering Group is chaired by our Chief Executive."]
    # No safe split: kept whole, never cut into "...is treated." / "With dignity and ...".
    whole = split_whole("We want a positive working environment where everyone is treated with "
                        "dignity and respect and provide services that meet the needs of all.", 15)
    assert whole.whole and len(whole.pieces) == 1


def test_draft_rules(tmp_path):
    source = tmp_path / "p.md"
    source.write_text(
        "# Plan\n\n## Help\n\nThe Northvale Combined Authority (NCA) will help three groups "
        "(see annex). The NCA will commence work in order to help, e.g. with forms.\n",
        encoding="utf-8")
    style = Style(ROOT / "styles")
    script = Drafter(style, read_document(source)).script()
    text = " ".join(row.plain_text for row in script.rows())
    assert "(" not in text, "no brackets"
    assert "3 groups" in text, "numbers as digits"
    assert "NCA" not in text and "Northvale Combined Authority" in text, "acronyms spelled out"
    assert "for example" in text and "e.g." not in text
    assert "in order to" not in text


def test_hard_words_are_bold_and_banked(style):
    document = read_document(SAMPLE)
    script = Drafter(style, document).script()
    assert script.word_bank
    bolded = {m.lower() for row in script.rows() for m in re.findall(r"\*\*(.+?)\*\*", row.text)}
    banked_forms = {form for word in bolded for form in bank_forms(word)}
    assert set(script.word_bank) <= banked_forms, "every banked word is in bold in the script"
    # One form of a word: 'residents' in the text is explained once, under 'resident'.
    assert not {word for word in script.word_bank if singular(word) != word
                and singular(word) in script.word_bank}
    assert "resident" in script.word_bank and "residents" not in script.word_bank
    assert script.word_bank.get("discrimination", "").startswith("treating someone unfairly")
    for row in script.rows():
        longest = max(reading_length(s.text) for s in split_sentences(row.plain_text))
        assert longest <= 15 or row.writer or is_address_row(row.plain_text), \
            f"a long sentence must be marked: {row.text}"
    assert all(text and text != "[explain this word]" for text in script.word_bank.values())


def test_script_round_trip(style):
    script = Drafter(style, read_document(SAMPLE)).script()
    again = parse_script(render_script(script))
    assert [r.id for r in again.rows()] == [r.id for r in script.rows()]
    assert [r.text for r in again.rows()] == [r.text for r in script.rows()]
    assert again.word_bank == script.word_bank
    assert [s.chapter_sha256 for s in again.sections] == [s.chapter_sha256 for s in script.sections]


def test_update_keeps_edits_and_redrafts_only_stale_sections(tmp_path, style, cli):
    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\n## Parks\n\nWe clean the park.\n\n## Lights\n\nWe fix lights.\n",
                      encoding="utf-8")
    assert cli("easy-read", "draft", source).returncode == 0
    script_path = tmp_path / "plan.easyread.md"
    edited = script_path.read_text("utf-8").replace("We clean the park.",
                                                    "We keep the park clean and safe.")
    script_path.write_text(edited, encoding="utf-8")
    refused = cli("easy-read", "draft", source)
    assert refused.returncode == 2 and "--update" in refused.stderr
    assert script_path.read_text("utf-8") == edited, "never overwritten without asking"

    source.write_text("# Plan\n\n## Parks\n\nWe clean the park.\n\n## Lights\n\nWe fix street "
                      "lights.\n", encoding="utf-8")
    status = cli("status", source, "--output", tmp_path / "out", "--formats", "easy-read")
    assert "section 'Lights' is stale" in status.stdout
    built = cli("build", source, "--output", tmp_path / "out", "--formats", "easy-read")
    assert built.returncode == 0 and "stale" in built.stderr
    assert "edited script plan.easyread.md" in built.stderr

    updated = cli("easy-read", "draft", source, "--update")
    assert updated.returncode == 0, updated.stderr
    text = script_path.read_text("utf-8")
    assert "We keep the park clean and safe." in text, "the fresh section keeps its edit"
    assert "street lights" in text, "the stale section was redrafted"
    assert not stale_sections(parse_script(text), read_document(source))


def test_update_script_unit(style):
    document = read_document(SAMPLE)
    fresh = Drafter(style, document).script()
    edited = parse_script(render_script(fresh))
    edited.sections[0].rows[0].text = "Staff wrote this row."
    edited.sections[1].chapter_sha256 = "0" * 64  # pretend chapter 2 changed
    merged, messages = update_script(edited, fresh, document)
    assert merged.sections[0].rows[0].text == "Staff wrote this row."
    assert merged.sections[1].rows[0].text == fresh.sections[1].rows[0].text
    assert fresh.sections[1].heading in messages[0]


def test_designer_image_fills_its_slot(tmp_path, cli):
    from PIL import Image

    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\n## One\n\nWe clean the park every day.\n", encoding="utf-8")
    images = tmp_path / "plan.images"
    images.mkdir()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(images / "one-1.png")
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "easy-read")
    assert result.returncode == 0, result.stderr
    slots_csv = (tmp_path / "out/plan/easy-read/image-slots.csv").read_text("utf-8")
    rows = list(csv.DictReader(slots_csv.splitlines()))
    slot = next(row for row in rows if row["id"] == "one-1")
    assert slot["filled_with"] == "designer image one-1.png"


# -- the PDF ---------------------------------------------------------------------------------


def check_easy_read_pdf(folder: Path) -> dict:
    """Check an Easy Read output folder (one PDF, or one a part) against the Easy Read rules;
    return facts."""
    pdf_paths = sorted(folder.glob("*.pdf"))
    assert pdf_paths
    slots = list(csv.DictReader((folder / "image-slots.csv").read_text("utf-8").splitlines()))
    script = parse_script((folder / "easy-read-script.md").read_text("utf-8"))
    facts: dict = {"pages": 0, "text": "", "slots": slots, "files": [p.name for p in pdf_paths]}
    for pdf_path in pdf_paths:
        part = check_one_pdf(pdf_path, [s for s in slots if s["file"] == pdf_path.name])
        assert part["pages"] <= 24, pdf_path.name
        facts["pages"] += part["pages"]
        facts["text"] += part["text"]
        facts["author"] = part["author"]
    for row in script.rows():  # short sentences, or the row is marked for a writer
        longest = max(reading_length(s.text) for s in split_sentences(row.plain_text))
        assert longest <= 15 or row.writer or is_address_row(row.plain_text), row.text
    row_ids = {row.id for row in script.rows()}
    assert row_ids == {s["id"] for s in slots if s["id"] in row_ids}, "every row has a slot"
    assert len([s for s in slots if s["id"] in row_ids]) == len(row_ids), "and only one"
    bank = [s for s in slots if s["id"].startswith("hard-words")]
    assert {s["keywords"] for s in bank} == set(script.word_bank)
    assert len([s for s in slots if s["id"] == "cover"]) == len(pdf_paths)
    return facts


def check_one_pdf(pdf_path: Path, slots: list[dict]) -> dict:
    facts: dict = {}
    with pdfplumber.open(pdf_path) as pdf:
        pages = len(pdf.pages)
        chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
        big = sum(c["size"] >= 15.9 for c in chars) / len(chars)
        assert big >= 0.95, f"only {big:.0%} of characters are 16pt or more"
        fonts = {c["fontname"] for c in chars}
        assert not any(re.search("italic|oblique", f, re.I) for f in fonts), fonts
        # Every line of body text (18pt) sits beside a picture slot on its left; the cover
        # and, in a part, the page listing what each part covers are exempt.
        for number, page in enumerate(pdf.pages, start=1):
            if number == 2 and "What is in each part" in (page.extract_text() or ""):
                continue
            page_slots = [s for s in slots if int(s["page"]) == number]
            lines: dict[float, list] = {}
            for char in page.chars:
                if abs(char["size"] - 18) < 0.5 and char["text"].strip():
                    lines.setdefault(round(char["top"]), []).append(char)
            for top, line in lines.items():
                text = "".join(c["text"] for c in line)
                if number == 1:
                    continue  # the cover page
                x = min(c["x0"] for c in line)
                # A long sentence kept whole may run below its picture, never past the next.
                above = [s for s in page_slots if float(s["y_mm"]) * MM - 2 <= top]
                row_slot = max(above, key=lambda s: float(s["y_mm"]), default=None)
                assert row_slot is not None, f"page {number}: no picture for '{text[:40]}'"
                assert float(row_slot["x_mm"]) * MM + float(row_slot["width_mm"]) * MM \
                    <= x + 1, f"page {number}: text overlaps the picture: '{text[:40]}'"
        all_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert not re.search(r"try\s+OpenMoji", all_text, re.I), "designer hints stay in the CSV"
    # No word is split across lines: no line ends in a hyphen that joins a word (a web
    # address may break after its own '-', like large print's: pdfdraw.address_lines).
    for match in re.finditer(r"(\S*)[a-z]-\n[a-z]", all_text):
        assert "/" in match.group(1) or "." in match.group(1), match.group(0)
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo["/Title"])
        facts["author"] = str(pdf.docinfo.get("/Author", ""))
        for page in pdf.pages:
            for _, font in page.Resources.get("/Font", {}).items():
                descendant = font.get("/DescendantFonts", [font])[0]
                descriptor = descendant.get("/FontDescriptor")
                assert descriptor is not None and "/FontFile2" in descriptor, font.BaseFont
    return {**facts, "pages": pages, "text": all_text}


def test_sample_easy_read_pdf(sample_build):
    folder = sample_build / "easy-read"
    facts = check_easy_read_pdf(folder)
    text = facts["text"]
    assert re.search(r"^Easy Read version\s*$", text, re.M), "not the title twice"
    assert "From Northvale Combined Authority" in text, "the sample names its own publisher"
    assert facts["author"] == "Northvale Combined Authority"
    assert "0345 303 6760" in text and "equality@northvale-ca.gov.uk" in text
    assert "NV1 4QT" in text
    assert re.search(r"Page 1 of \d+", text)
    manifest = load_manifest(sample_build)
    listed = manifest["formats"]["easy-read"]["facts"]["slots"]
    assert [s["id"] for s in listed] == [s["id"] for s in facts["slots"]]
    per_section = {}
    for slot in listed:
        per_section[slot["id"].rsplit("-", 1)[0]] = per_section.get(slot["id"].rsplit("-", 1)[0],
                                                                    0) + 1
    assert min(per_section[c["id"]] for c in manifest["document"]["chapters"]) >= 2, \
        "every chapter keeps some rows when the draft is trimmed"
    filled = manifest["formats"]["easy-read"]["facts"]["slots_filled"]
    assert filled > len(listed) / 2, "the starter pictures fill most slots"


def test_real_policies_easy_read(corpus, tmp_path, cli):
    sources = sorted((corpus / "policy-text-open").glob("*.md"))
    sources = [s for s in sources if "README" not in s.name]
    assert sources
    for source in sources:
        copy = tmp_path / source.name
        shutil.copy(source, copy)
        result = cli("build", copy, "--output", tmp_path / "out", "--formats", "easy-read", "-q")
        assert result.returncode == 0, result.stderr
    for folder in (tmp_path / "out").iterdir():
        if folder.is_dir() and not folder.name.startswith("."):  # not .locks
            check_easy_read_pdf(folder / "easy-read")


def test_pdf_fonts_with_pdffonts(sample_build):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    import subprocess

    pdf = next((sample_build / "easy-read").glob("*.pdf"))
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = listing.strip().splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), listing
    assert "Helvetica" not in listing


def test_labels_stay_in_their_slot_and_long_addresses_stay_on_the_page(tmp_path, style):
    from converter.formats.easy_read.layout import (
        LayoutInput,
        LayoutRow,
        LayoutSection,
        SlotRecord,
        render_pdf,
    )

    url = ("https://github.com/dwp/dataworks-open-source-policy/blob/master/"
           "infrastructure_source_code_with_a_very_long_name.md")
    slot = SlotRecord("a-very-long-slot-identifier-for-a-section-1",
                      ["accountability", "infrastructure", "representatives"], "", "placeholder")
    row = LayoutRow(slot, f"Read the policy at {url} today.", None)
    cover = LayoutRow(SlotRecord("cover", ["plan"], "", "placeholder"), "", None)
    data = LayoutInput("Test", "", "en-GB", cover, [LayoutSection("Part", [row])])
    target = tmp_path / "t.pdf"
    render_pdf(data, style, target)
    with pdfplumber.open(target) as pdf:
        page = pdf.pages[1]
        width = float(page.width)
        chars = [c for c in page.chars if c["text"].strip()]
        assert all(c["x1"] <= width - 17 * MM for c in chars), "nothing runs into the margin"
        box = (slot.x_mm * MM, slot.y_mm * MM, (slot.x_mm + slot.width_mm) * MM,
               (slot.y_mm + slot.height_mm) * MM)
        label = [c for c in chars if c["x0"] < box[2] and box[1] <= c["top"] <= box[3]]
        assert label, "the empty slot is labelled"
        assert all(box[0] <= c["x0"] and c["x1"] <= box[2] and c["bottom"] <= box[3]
                   for c in label), "the label stays inside its slot"
        text = page.extract_text()
    lines = [line for line in text.splitlines() if "github" in line or "infrastructure_" in line]
    assert len(lines) >= 2, "the address is broken over lines"
    assert all(line.rstrip()[-1] in BREAK_AFTER for line in lines[:-1] if "github" in line)
