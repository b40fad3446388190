"""Symbols, date formats, file names, note markers and glued abbreviations: what the audio
says for them (written -> spoken), and the language-layer pieces Easy Read shares."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import STYLES

from converter.formats.audio.normalise import Lexicon, Normaliser
from converter.formats.audio.speech import chapter_segments, separate_inline_items, transcript
from converter.formats.easy_read.draft import without_brackets
from converter.language.latin import default_table
from converter.language.numbers import comparison_words, note_markers, without_note_markers
from converter.model import Chapter, Table
from converter.readers.markdown import parse_markdown

APPENDIX = Path(__file__).resolve().parents[2] / "shared/corpus/policy-text-open/" \
    "OpenDataServices-Appendix1.md"


@pytest.fixture(scope="module")
def normalise() -> Normaliser:
    return Normaliser(Lexicon.load(STYLES / "lexicon.pls"))


@pytest.mark.parametrize(("written", "spoken"), [
    # A date format is its parts in order, never "D D per millimetre slash Y Y Y Y".
    ("Date retrieved in DD/MM/YYYY format", "Date retrieved in day, month, year format"),
    ("Give the month as MM/YYYY.", "Give the month as month, year."),
    ("Use YYYY-MM-DD dates", "Use year, month, day dates"),
    ("in dd/mm/yy form", "in day, month, two-digit year form"),
    ("mm/dd/yyyy in America", "month, day, year in America"),
    # "mm" is millimetres only after a number.
    ("a 5mm gap", "a five-millimetre gap"),
    ("3 mm/s", "three millimetres per second"),
    ("A wind of 4 m/s.", "A wind of four metres per second."),
    ("12kg/kg", "twelve kilograms per kilogram"),
    ("size/mm and x/m", "size slash mm and x slash m"),
    ("cost/kg", "cost per kilogram"),
    # Comparison signs before a number.
    ("Are counts small enough (< 5) to allow", "Are counts small enough (less than five) to allow"),
    ("aged >= 18", "aged at least eighteen"),
    ("≤ 3 days", "at most three days"),
    ("≥18", "at least eighteen"),
    ("<=10 and >20%", "at most ten and more than twenty per cent"),
    ("a <b> tag", "a <b> tag"),
    # A Latin abbreviation glued to what follows by a colon keeps a word break.
    ("eg:http://www.manchester.gov.uk", "For example: w w w dot manchester dot gov dot U K"),
    ("Comment: eg:Adult Learning Centres", "Comment: for example Adult Learning Centres"),
    ("(eg: 1/1/1900)", "(for example the first of January nineteen hundred)"),
    # A note marker glued to a word is not a number in the sentence.
    ("contains personal information[7] about individuals",
     "contains personal information about individuals"),
    ("personal information¹² about", "personal information about"),
    ("see reference [7] below", "see reference [seven] below"),
    # File names part by part.
    ("for example volunteers_statistics.csv rather than volunteersstats(1)-EDITED.csv",
     "for example volunteers underscore statistics dot C S V rather than volunteersstats "
     "one dash EDITED dot C S V"),
    ("Open Document Format (.odf)", "Open Document Format (dot O D F)"),
    ("'location-dataset-format-main.csv'", "'location dash dataset dash format dash main dot "
                                           "C S V'"),
    ("Version 1.5 of the plan", "Version one point five of the plan"),
    # Numbers glued to letters, codes, addresses and numbers in parts.
    ("pick 27d7b3c Dw", "pick two seven D seven B three C Dw"),
    ("a 4G network in 3D", "a four G network in three D"),
    ("the 2FA code in section 2b", "the two F A code in section two B"),
    ("from 172.16.0.0/12 to 10.0.0.0/8.", "from one seven two dot one six dot zero dot zero "
     "slash twelve to one zero dot zero dot zero dot zero slash eight."),
    ("at 192.168.1.1.", "at one nine two dot one six eight dot one dot one."),
    ("section 2.3.1 says", "section two point three point one says"),
    ("for the related dataset(s) and child(ren)",
     "for the related dataset or datasets and child or children"),
    # A word in capitals is a word; an acronym is spelled, also one the dictionary lists.
    ("NOTE: this is STRONG", "NOTE: this is STRONG"),
    ("OECD, HTML, WMCA and NASA", "O E C D, H T M L, W M C A and NASA"),
    ("5g of salt in a 2L bottle", "five grams of salt in a two-litre bottle"),
])
def test_spoken_forms(normalise, written, spoken):
    assert normalise(written) == spoken


def test_inline_numbered_points_end_with_a_full_stop():
    cell = ("1. Review the dataset against the checklist 2. Remove it if appropriate "
            "3. Let the notifier know")
    assert separate_inline_items(cell) == (
        "1. Review the dataset against the checklist. 2. Remove it if appropriate. "
        "3. Let the notifier know")
    assert separate_inline_items("We met 2. Then 4. Later") == "We met 2. Then 4. Later"
    table = Table(rows=(("Action",), (cell,)), header_rows=1)
    said = transcript(chapter_segments(
        Chapter(id="c", title="C", level=1, blocks=(table,)), 1, Normaliser(),
        {"pauses": {"after_heading_ms": 1, "between_paragraphs_ms": 1,
                    "between_table_cells_ms": 1, "between_list_items_ms": 1},
         "speech": {}}))
    assert "checklist. two. Remove" in said and "checklist two" not in said


def test_language_layer_pieces():
    assert comparison_words("(< 5)") == "(less than 5)"
    assert comparison_words("x > y") == "x > y"
    assert note_markers("information[7] and text¹") == [(11, 14, "7"), (23, 24, "1")]
    assert note_markers("[7] at the start and see [8]") == []
    assert without_note_markers("information[7] about") == "information about"
    easy = default_table().replace("eg:http://www.x.gov.uk", "easy_read")
    assert easy == "For example: http://www.x.gov.uk"


def test_easy_read_does_not_glue_a_note_marker():
    text = "open data contains personal information[7] about individuals"
    assert without_brackets(text) == "open data contains personal information about individuals"
    assert without_brackets("a [licence-type] licence") == "a [licence-type] licence"
    assert without_brackets("the [Equality Act] applies") == "the Equality Act applies"


def test_markdown_footnotes_become_notes():
    result = parse_markdown("# T\n\nThe Act applies[^1] to all.\n\n| A | B |\n|---|---|\n"
                            "| x[^long] | y |\n\nAn [^unknown] stays.\n\n"
                            "[^1]: The *Equality Act* 2010.\n[^long]: A longer note\n"
                            "    that runs on.\n")
    assert [(n.id, n.text) for n in result.notes] == [
        ("footnote-1", "The Equality Act 2010."), ("footnote-long", "A longer note that runs on.")]
    paragraph, table, other = result.blocks[1:]
    assert paragraph.text == "The Act applies to all." and paragraph.note_refs == ("footnote-1",)
    assert table.rows[1] == ("x", "y") and table.note_refs == ("footnote-long",)
    assert other.text == "An [^unknown] stays."  # no such note: kept as written
    assert not result.warnings


def test_markdown_warns_of_a_note_marker_with_no_note():
    result = parse_markdown("Text.\n\nIt holds information[7] about you, see [8].\n\n"
                            "```\ncode[9]\n```\n\nA link[2].\n\n[2]: https://example.org\n")
    assert len(result.warnings) == 1
    assert "'[7]' on line 3" in result.warnings[0] and "[^7]" in result.warnings[0]
    assert "[9]" not in result.warnings[0] and "[2]" not in result.warnings[0]


@pytest.mark.skipif(not APPENDIX.is_file(), reason="shared corpus not present")
def test_appendix_one_reads_cleanly(normalise):
    result = parse_markdown(APPENDIX.read_text(encoding="utf-8"))
    cells = [cell for block in result.blocks if isinstance(block, Table)
             for row in block.rows for cell in row]
    said = " ".join(normalise(cell) for cell in cells)
    for wrong in ("per millimetre", "for examplew", "information seven", "(five)",
                  "D D", "Y Y Y Y"):
        assert wrong not in said
    assert "in day, month, year format" in said and "(less than five)" in said
