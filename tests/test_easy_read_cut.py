"""What a resident sees when the master is long, and around each row: a faithful cut (lists
the master counts kept whole, rights, duties, deadlines and contacts before background), an
Easy Read split into parts rather than more than half left out, pictures that do not repeat
or mislead, one form of each banked word, and the document's own date on the cover."""

from __future__ import annotations

import csv
import os
import re
from datetime import datetime

import pdfplumber
import pytest
from conftest import SAMPLE, load_manifest, styles_with

from converter.formats.easy_read import split_parts
from converter.formats.easy_read.budget import counted_phrase, even_cuts, plan_parts
from converter.formats.easy_read.cover_date import cover_date
from converter.formats.easy_read.draft import Drafter, script_cost
from converter.formats.easy_read.measure import Measure
from converter.formats.easy_read.pictures import RECENT_ROWS, PictureLibrary, Variety, same_topic
from converter.readers import read_document

OBJECTIVES = tuple(f"Objective {n}: {text}" for n, text in enumerate((
    "Make public transport", "Give residents information", "Build a workforce",
    "Close our pay gaps", "Make our region safer for women"), start=1))
CHARACTERISTICS = ("age", "disability", "gender reassignment", "marriage", "pregnancy",
                   "race", "religion", "sex.", "sexual orientation")



# -- the cut --------------------------------------------------------------------------------


def test_counted_phrase():
    assert counted_phrase("the Board has agreed 5 equality objectives for 2024-28.", 5) == \
        "5 equality objectives"
    assert counted_phrase("the Board has agreed 5 equality objectives.", 4) == ""
    assert counted_phrase("We employ 1,240 people.", 240) == ""


def test_trim_keeps_counted_lists_whole_and_what_residents_must_know(tmp_path, capsys):
    """The sample cut to one 24-page PDF: before this change it kept 2 of the '5 equality
    objectives', none of the complaint rights and 0 of 9 protected characteristics."""
    style = styles_with(tmp_path, overflow="trim")
    drafter = Drafter(style, read_document(SAMPLE))
    script = drafter.script()
    rows = [row for section in script.sections for row in section.rows]
    objectives = [row for row in rows if row.plain_text.startswith(OBJECTIVES)]
    assert len(objectives) == 5
    assert len({row.left_out for row in objectives}) == 1, "all 5 objectives, or none"
    actions = [row for row in rows if row.id.startswith("our-equality-objectives-")
               and re.match(r"(Make 40|Fit audio|Train all|Publish every|Test our|Double|"
                            r"Guarantee|Reduce|Publish our|Improve lighting|Launch)",
                            row.plain_text)]
    assert len(actions) == 11 and len({row.left_out for row in actions}) == 1
    listed = [row for row in rows if re.match(
        r"The protected characteristics are (?:also )?", row.plain_text)]
    named = " ".join(row.plain_text for row in listed)
    assert all(name in named for name in (
        "age", "disability", "gender reassignment", "marriage and civil partnership",
        "pregnancy and maternity", "race", "religion or belief", "sex", "sexual orientation"))
    assert len({row.left_out for row in listed}) == 1, "all 9, or none"
    if listed[0].left_out:  # named in the summary
        assert any("The protected characteristics are" in name
                   for name in drafter.stats["lists_left_out"])
    assert not objectives[0].left_out
    complaint = [row for row in rows if "complain" in row.plain_text.lower()
                 and row.id.startswith("how-we-will")]
    assert all(not row.left_out for row in complaint), "complaint rights and time limits kept"
    assert any("within 3 working days" in row.plain_text for row in complaint)
    kept = drafter.stats["sentences_drafted"]
    assert kept <= 70 and script.left_out()
    with capsys.disabled():
        print(f"\n  trimmed sample: {drafter.stats['sentences_master']} sentences in the "
              f"master, {kept} kept; objectives {sum(not r.left_out for r in objectives)}/5, "
              f"actions {sum(not r.left_out for r in actions)}/11, protected "
              f"characteristics {9 * all(not r.left_out for r in listed)}/9, complaint rows "
              f"{sum(not r.left_out for r in complaint)}/{len(complaint)}")


MASTER = """# Bins

## Collections

We collect your bins every week. Our crews started in 1998. The depot has 40 lorries.
The lorries are painted green. Crews wear orange jackets. The depot is on Mill Road.
Our fleet was renewed in 2019. If we miss your bin, you can report it within 2 working days.

## Our 3 promises

We have made 3 promises:

- We will be on time.
- We will be polite.
- We will tidy up.

The promises were written with residents.
"""


def test_rights_and_time_limits_rank_above_background(tmp_path):
    source = tmp_path / "bins.md"
    source.write_text(MASTER, encoding="utf-8")
    # 6 rows and 2 section headings (a third of a row each) need 7; 3 rows and 2 headings 4.
    for budget, promised in ((7, True), (4, False)):
        style = styles_with(tmp_path / str(budget), max_content_rows=budget, overflow="trim")
        drafter = Drafter(style, read_document(source))
        script = drafter.script()
        kept = [row.plain_text for row in script.rows()]
        assert kept[0].startswith("We collect your bins"), "each chapter keeps its opening"
        assert any("within 2 working days" in text for text in kept), budget
        assert not any("painted green" in text for text in kept)
        # The 3 promises fit 7 rows' room; in 4 they are left out whole, and named.
        promises = [row for row in script.sections[1].rows
                    if row.plain_text.startswith("We will")]
        assert len(promises) == 3 and {not row.left_out for row in promises} == {promised}
        assert drafter.stats["lists_left_out"] == \
            ([] if promised else ["the 3 promises in 'Our 3 promises'"])


def test_lists_left_out_whole_are_named_in_the_build_summary(tmp_path, cli):
    style = styles_with(tmp_path, max_content_rows=3, overflow="trim")
    source = tmp_path / "bins.md"
    source.write_text(MASTER, encoding="utf-8")
    result = cli("build", source, "--formats", "easy-read", "--output", tmp_path / "out",
                 env={"CONVERTER_STYLES": str(style.root)})
    assert result.returncode == 0, result.stderr
    assert "Lists left out whole: the 3 promises in 'Our 3 promises'" in result.stderr
    assert "overflow = \"parts\"" in result.stderr
    script = (tmp_path / "out/bins/easy-read/easy-read-script.md").read_text("utf-8")
    assert "<!-- left out: [picture our-3-promises-" in script


def long_master(chapters: int) -> str:
    """A master of many chapters of long sentences (more than 15 words, no safe split: a
    row of 8 or more lines beside its picture), like the bench's synthetic documents."""
    lines = ["# Long Plan", ""]
    for number in range(1, chapters + 1):
        lines += [f"## {number}. Topic number {number}", "",
                  f"The committee that looks after topic number {number} met in the old "
                  "town hall on a wet Tuesday morning, and the members talked for a long "
                  "time about the history of the building and the people who once worked "
                  "there.", "",
                  "Several residents who came along said that the long meeting was "
                  "interesting, although the room was cold and the chairs were hard and "
                  "old.", "", "The notes are online.", ""]
    return "\n".join(lines)


def test_a_trimmed_build_is_one_pdf_within_max_pages(tmp_path, cli):
    """Before rows were measured as the layout sets them (headings and long rows too), and
    while every chapter kept its opening even past the budget, this master came out as 2
    parts of more than max_pages between them."""
    style = styles_with(tmp_path, overflow="trim")
    source = tmp_path / "long.md"
    source.write_text(long_master(70), encoding="utf-8")
    result = cli("build", source, "--formats", "easy-read", "--output", tmp_path / "out",
                 env={"CONVERTER_STYLES": str(style.root)})
    assert result.returncode == 0, result.stderr
    facts = load_manifest(tmp_path / "out/long")["formats"]["easy-read"]["facts"]
    limits = style.typed("easy-read").limits
    assert len(facts["parts"]) == 1, facts["parts"]
    assert facts["parts"][0]["pages"] <= limits.max_pages
    assert facts["rows_left_out"] and "left out whole (their headings too)" in result.stderr
    with pdfplumber.open(tmp_path / "out/long/easy-read" / facts["parts"][0]["file"]) as pdf:
        assert len(pdf.pages) == facts["parts"][0]["pages"]
        text = "\n".join(page.extract_text() for page in pdf.pages)
    shown = [int(n) for n in re.findall(r"(?m)^(\d+)\. Topic number \1$", text)]
    assert shown == list(range(1, len(shown) + 1)) and 10 < len(shown) < 70, \
        "the chapters kept run on from the first; the rest are left out whole, headings too"
    assert f"{70 - len(shown)} section(s) left out whole" in result.stderr


def test_row_costs_are_the_heights_the_layout_gives(style):
    """measure.py against layout.py: a row's cost is its real height with the gap under it."""
    from reportlab.lib.units import mm

    from converter.formats.easy_read.layout import Story, text_styles
    from converter.formats.pdfua import Tagger

    settings = style.settings("easy-read")
    page = settings["page"]
    width = (page["width_mm"] - 2 * page["margin_mm"]) * mm
    story = Story(None, text_styles(style), Tagger(), settings, page["height_mm"] * mm, width,
                  800)
    measure = Measure.of(style)
    sentence = "Several residents said that the long meeting was interesting and useful. "
    column = width - (settings["pictures"]["slot_mm"] + settings["pictures"]["gap_mm"]) * mm
    for repeat in (1, 2, 4, 6, 9):  # 1 line to 14 lines beside the picture
        paragraph = story.row_paragraph(sentence * repeat, column)
        height = max(measure.slot, paragraph.wrap(column, 10_000)[1]) + measure.gap
        assert measure.row(sentence * repeat) == pytest.approx(height / measure.unit), repeat
    heading = story.subheading("Principle 1")
    assert measure.sub_heading("Principle 1") == pytest.approx(
        (heading.wrap(width, 10_000)[1] + heading.style.spaceAfter) / measure.unit)


# -- parts ----------------------------------------------------------------------------------


def test_even_cuts():
    assert even_cuts([1, 1, 1, 1], 10) == [0, 4]
    assert even_cuts([5, 5, 5, 5], 10) == [0, 2, 4]
    assert even_cuts([8, 3, 3, 8], 11) == [0, 1, 3, 4] or even_cuts([8, 3, 3, 8], 11) == \
        [0, 2, 4]
    assert even_cuts([30, 2], 10) == [0, 1, 2], "a piece over the budget stands alone"
    cuts = even_cuts([6, 6, 6, 2, 2, 2], 12)
    sizes = [sum([6, 6, 6, 2, 2, 2][a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    assert len(sizes) == 2 and max(sizes) == 12


def test_plan_parts_splits_a_section_longer_than_a_part():
    plan = plan_parts([[1.0] * 3, [1.0] * 10, [1.0] * 2], 6)
    assert all(sum(len(rows) for _, rows in part) <= 6 for part in plan)
    flat = [(s, r) for part in plan for s, rows in part for r in rows]
    assert flat == [(s, r) for s, n in enumerate([3, 10, 2]) for r in range(n)], "in order"


def test_sample_is_split_into_parts_with_nothing_left_out(style, capsys):
    drafter = Drafter(style, read_document(SAMPLE))
    script = drafter.script()
    assert not script.left_out(), "auto: parts rather than leave out more than half"
    parts = split_parts(script, style)
    budget = style.typed("easy-read").limits.max_content_rows
    assert 2 <= len(parts) <= style.typed("easy-read").limits.max_parts
    ids = [row.id for part in parts for section in part.sections for row in section.rows
           if not row.subheading]
    assert ids == [row.id for row in script.rows()], "every row once, in order"
    measure = Measure.of(style)
    for part in parts:  # sub-headings count too
        assert sum(script_cost(row, measure) for section in part.sections
                   for row in section.rows) <= budget
        bolded = {m.lower() for s in part.sections for r in s.rows
                  for m in re.findall(r"\*\*(.+?)\*\*", r.text)}
        assert set(part.word_bank) <= {w for b in bolded for w in (b, b.rstrip("s"))}
    with capsys.disabled():
        print(f"\n  sample in parts: {drafter.stats['sentences_master']} sentences in the "
              f"master, {drafter.stats['sentences_drafted']} in the Easy Read, "
              f"{len(parts)} parts")


def test_sample_build_in_parts(sample_build):
    facts = load_manifest(sample_build)["formats"]["easy-read"]["facts"]
    assert len(facts["parts"]) >= 2 and not facts["rows_left_out"]
    folder = sample_build / "easy-read"
    for number, part in enumerate(facts["parts"], start=1):
        assert part["file"].endswith(f"-easy-read-part-{number}.pdf")
        assert part["pages"] <= 24
        with pdfplumber.open(folder / part["file"]) as pdf:
            cover = pdf.pages[0].extract_text()
            assert f"Part {number} of {len(facts['parts'])}" in cover
            assert "March 2024" in cover, "the document's own date, not the build's"
            last = pdf.pages[-1].extract_text() + pdf.pages[-2].extract_text()
            assert "0345 303 6760" in last, "every part has the contact page"
    assert facts["cover_date"] == {"date": "2024-03-14",
                                   "from": "the Word document's modified date"}


# -- pictures and words ---------------------------------------------------------------------


def test_pictures_do_not_repeat_unless_the_topic_does(sample_build):
    rows = list(csv.DictReader((sample_build / "easy-read/image-slots.csv")
                               .read_text("utf-8").splitlines()))
    for file in {row["file"] for row in rows}:
        seq = [row for row in rows if row["file"] == file and row["id"] != "cover"]
        for index, row in enumerate(seq):
            assert row["keywords"].strip(), f"{row['id']}: a slot says what to draw"
            if not row["filled_with"].startswith("library"):
                continue
            for before in seq[max(0, index - RECENT_ROWS):index]:
                if before["filled_with"] == row["filled_with"]:
                    assert same_topic(before["keywords"].split(", "),
                                      row["keywords"].split(", ")), (before["id"], row["id"])
    tram = next(row for row in rows if row["keywords"].startswith("tram"))
    assert "bus" not in tram["filled_with"] and "Tram" in tram["alt"]


def test_variety_and_no_bus_for_a_tram(style):
    library = PictureLibrary.load(style)
    variety = Variety()
    first = library.match(["scheme", "everyone", "lives"], variety.avoid(["scheme"]))
    variety.used(first.name, ["scheme", "everyone", "lives"])
    second = library.match(["scheme", "explains", "legal"],
                           variety.avoid(["scheme", "explains", "legal"]))
    assert second is None or second.name != first.name
    # The same topic may keep its picture: the 9 protected characteristics.
    variety = Variety()
    keywords = ["protected", "characteristics", "age"]
    same = library.match(keywords)
    variety.used(same.name, keywords)
    again = library.match(["protected", "characteristics", "sex"],
                          variety.avoid(["protected", "characteristics", "sex"]))
    assert again is not None and again.name == same.name
    tram = library.match(["tram", "stops", "march"])
    assert tram is not None and "bus" not in tram.path.name


def test_rows_of_names_still_get_keywords(style, tmp_path):
    source = tmp_path / "board.md"
    source.write_text("# Board\n\n## Who we are\n\nOur Mayor chairs the Combined Authority "
                      "Board.\n", encoding="utf-8")
    script = Drafter(style, read_document(source)).script()
    assert script.rows()[0].keywords, "a row of names still says what to draw"


# -- the cover date -------------------------------------------------------------------------


def test_cover_date_comes_from_the_document(tmp_path):
    document = read_document(SAMPLE)
    when, source = cover_date(document)
    assert when.isoformat() == "2024-03-14" and "Word document's modified date" in source
    agreed = tmp_path / "agreed.md"
    agreed.write_text("# Parks\n\n## About\n\nThe cabinet approved this plan on 3 June 2021. "
                      "It runs until 31 March 2030.\n", encoding="utf-8")
    when, source = cover_date(read_document(agreed))
    assert when.isoformat() == "2021-06-03" and "the master's text" in source
    undated = tmp_path / "undated.md"
    undated.write_text("# Parks\n\n## About\n\nWe look after 12 parks.\n", encoding="utf-8")
    stamp = datetime(2022, 9, 15, 12).timestamp()
    os.utime(undated, (stamp, stamp))
    when, source = cover_date(read_document(undated))
    assert when is None and "gives none" in source, "a checkout's file date is not the policy's"


@pytest.mark.parametrize("value", ["", "1601-01-01T00:00:00Z", "not a date"])
def test_no_date_from_empty_or_zero_word_dates(value):
    from converter.model import dated

    assert dated(value, "x") == ()


def test_opening_hours_in_brackets_are_kept():
    from converter.formats.easy_read.draft import without_brackets

    assert without_brackets("Phone us on 0345 303 6760 (Monday to Friday, 9am to 5pm).") == \
        "Phone us on 0345 303 6760, Monday to Friday, 9am to 5pm."
    # Every aside keeps its words now: one that is an instruction follows as a sentence.
    assert without_brackets("We will act (see annex 2).") == "We will act. See annex 2."
