"""Easy Read: table rows drafted as whole sentences that say what the master says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from converter.config import Style
from converter.formats.easy_read.draft import Drafter
from converter.formats.easy_read.tables import row_stem
from converter.language.numbers import date_format_plain
from converter.language.sentences import split_sentences
from converter.readers import read_document

APPENDIX = CORPUS / "policy-text-open" / "OpenDataServices-Appendix1.md"


def _script(tmp_path: Path, markdown: str):
    source = tmp_path / "checklist.md"
    source.write_text(markdown, encoding="utf-8")
    return Drafter(Style(ROOT / "styles"), read_document(source)).script()


def _sentences(script) -> list[str]:
    return [s.text for row in script.rows() for s in split_sentences(row.plain_text)]


def test_the_introduction_gives_the_verb():
    assert row_stem("When using datasets, we will describe the source, making sure we "
                    "include:") == ("We include", "include")
    assert row_stem("When preparing data for publication, we will check:") == \
        ("We will check", "check")
    assert row_stem("When publishing data, we will always ensure documentation is provided "
                    "by checking:") == ("We check", "check")
    assert row_stem("When preparing data for publication, we will:") == ("", "")
    assert row_stem("After publishing, we will remove the dataset if:") == ("", "")
    assert row_stem("The table below shows our staff:") == ("", "")
    assert row_stem("In this scheme we are:") == ("", "")


ATTRIBUTION = (
    "# Policy\n\n## Attribution checklist\n\nWhen using datasets published by other "
    "organisations, we will describe the source, making sure we include:\n\n"
    "| **Attribution** | **Comment** |\n|---|---|\n"
    "| Name of the dataset utilised | eg: Adult Learning Centres |\n"
    "| Source URL | eg:[http://www.manchester.gov.uk](http://www.manchester.gov.uk/x) |\n"
    "| Date retrieved | in DD/MM/YYYY format |\n"
    "| Notes on usage | Any changes we’ve made to the original dataset |\n")


def test_attribution_rows_complete_the_introduction(tmp_path):
    script = _script(tmp_path, ATTRIBUTION)
    sentences = _sentences(script)
    assert sentences[1:] == [
        "We include the name of the dataset used.", "An example is Adult Learning Centres.",
        "We include the Source URL.", "An example is http://www.manchester.gov.uk.",
        "We include the date retrieved, with the day first, like 25/07/2024.",
        "We include notes on usage.", "These are any changes we’ve made to the original dataset."]
    text = " ".join(sentences).lower()  # every word of the body rows is kept (a safe swap:
    master = re.sub(r"\]\(.*?\)|\*\*|eg:?", " ", ATTRIBUTION.split("|---|---|")[1]).lower()
    master = master.replace("utilised", "used")  # styles/words/easy-read-swaps.tsv)
    for word in re.findall(r"[\w’/.:]+\w", master):
        if word not in ("dd/mm/yyyy", "format"):  # in words: test_a_date_format_is_said_in_words
            assert word in text, f"{word} is lost"
    assert not any(row.writer for row in list(script.rows())[1:])
    rows = [row.plain_text for row in script.rows()]
    assert "We include the name of the dataset used. An example is Adult Learning " \
        "Centres." in rows, "an example shares the row (and picture) of its thing"
    assert len(rows) == 6


def test_a_date_format_is_said_in_words():
    """Easy Read never prints 'DD/MM/YYYY': the parts in the master's order, in words (as
    audio says them), with an example date in the master's own shape."""
    assert date_format_plain("We include the date retrieved, in DD/MM/YYYY format.") == \
        "We include the date retrieved, with the day first, like 25/07/2024."
    assert date_format_plain("Use YYYY-MM-DD.") == "Use the year first, like 2024-07-25."
    assert date_format_plain("in the format mm/yy") == \
        "with the month first, like 07/24"
    assert date_format_plain("Sizes in mm/m stay.") == "Sizes in mm/m stay."


@pytest.mark.skipif(not APPENDIX.is_file(), reason="the corpus is not present")
def test_the_appendix_date_format_is_in_words_in_the_easy_read():
    document = read_document(APPENDIX)
    script = Drafter(Style(ROOT / "styles"), document).script()
    texts = [row.plain_text for row in script.rows()]
    assert "We include the date retrieved, with the day first, like 25/07/2024." in texts
    assert not any(re.search(r"\bDD/MM\b", text, re.I) for text in texts)


def test_checking_rows_and_rows_that_stay_as_they_are(tmp_path):
    sentences = _sentences(_script(tmp_path, (
        "# Policy\n\n## Release\n\nWhen publishing data, we will always ensure documentation "
        "is provided by checking:\n\n| Consideration | Action |\n|---|---|\n"
        "| Is there a guide to using the data? | If no, provide a guide |\n"
        "| Column headers are used once and not repeated | if not, rename the columns |\n"
        "| For aggregated datasets, check that aggregations are logged. | Ensure these are "
        "described |\n"
        "| That time formats are common standards (eg: financial quarters, calendar months) | "
        "If there is a bespoke format, then describe it |\n"
        "| The overall file size | If over [maximum size], then check contents |\n")))
    assert sentences[1:] == [
        "Is there a guide to using the data?", "If the answer is no, provide a guide.",
        "We check that column headers are used once and not repeated.",
        "If the answer is no, rename the columns.",
        "For aggregated datasets, check that aggregations are logged.",
        "Make sure these are described.",
        "We check that time formats are common standards.",
        "Examples are financial quarters and calendar months.",
        "If there is a bespoke format, describe it.",
        "We check the overall file size.",
        "If over [maximum size], check contents."]  # a placeholder keeps its brackets


def test_a_table_away_from_its_introduction_and_long_rows(tmp_path):
    script = _script(tmp_path, (
        "# Policy\n\n## Codes\n\nWe include:\n\nSomething else comes first.\n\n"
        "| Item | Comment |\n|---|---|\n| Name of the dataset | Adult Learning Centres |\n"
        "| Codes | Describe authoritative sources such as Ordnance Survey, Office for National "
        "Statistics and the NHS in the data release document |\n"))
    rows = list(script.rows())
    texts = [row.plain_text for row in rows]
    assert "For name of the dataset, the comment is Adult Learning Centres." in texts
    long = next(row for row in rows if "Ordnance Survey" in row.plain_text)
    assert long.writer.endswith("not split safely"), "a long row is marked for a writer"


def test_html_table_cell_list_is_one_sentence(tmp_path):
    sentences = _sentences(_script(tmp_path, (
        "# Policy\n\n## Codes\n\nWhen preparing data for publication, we will:\n\n<table>\n"
        "<tr><th><b>Consideration</b></th><th><b>Action</b></th></tr>\n"
        "<tr><td>Provide codes and names for geographic areas</td><td>Describe this in the "
        "data release document for:<br><ul><li>Local authorities</li><li>Wards</li><li>"
        "Clinical Commissioning Groups</li></td></tr>\n</table>\n")))
    assert sentences == [
        "When preparing data for publication, we will do these things.",
        "Provide codes and names for geographic areas.",
        "Describe this in the data release document for local authorities, wards and "
        "Clinical Commissioning Groups."]


@pytest.mark.skipif(not APPENDIX.is_file(), reason="the corpus is not present")
def test_appendix_easy_read_carries_the_html_table_rows():
    document = read_document(APPENDIX)
    assert not [w for w in document.warnings if "HTML block" in w]
    script = Drafter(Style(ROOT / "styles"), document).script()
    section = next(s for s in script.sections if "principle 5" in s.heading)
    texts = [row.plain_text for row in section.rows]
    assert texts[0] == "When preparing data for publication, we will do these things."
    assert "Provide codes and names for geographic areas." in texts
    assert any("local authorities, wards and Clinical Commissioning Groups" in t for t in texts)
    assert any(t.startswith("Make sure that a lookup and/or explanation is provided") for t in texts)
    schedule = next(s for s in script.sections if "principle 10" in s.heading)
    text = " ".join(row.plain_text for row in schedule.rows)
    assert "Quarterly updates" in text and "document reasons in the data release document" in text


def test_a_condition_row_is_said_as_a_condition():
    """'... we will remove or republish the dataset if:' + 'We discover that X | 1. Review
    it': the first cell on its own read as if X had happened."""
    from converter.formats.easy_read.tables import condition_row
    from converter.model import CELL_BREAK

    intro = "After publishing open data, we will remove or republish the dataset if:"
    assert condition_row(intro, ["We discover that the data names a person",
                                 f"1. Review the dataset{CELL_BREAK}2. Remove it"]) == [
        "If we discover that the data names a person, we will do these things.",
        "Review the dataset", "Remove it"]
    assert condition_row("We will check:", ["We discover a gap", "Fix it"]) == []


def test_a_label_the_sub_heading_already_names_is_not_repeated(tmp_path):
    # OpenDataServices-OpenDataPolicy.md: '### Principle 12' over 'Principle: | We will use
    # our own open data.' The heading says it is a principle; 'Best practice:' is new.
    script = _script(tmp_path, "# Open data\n\n## Our principles\n\n### Principle 12\n\n"
                     "|  |  |\n|---|---|\n| Principle: | **We will use our own open data**. |\n"
                     "| Best practice: | We will use our own datasets in our work. |\n\n"
                     "### Other labels\n\n|  |  |\n|---|---|\n"
                     "| Principle: | We will take down inaccurate open data. |\n")
    sentences = _sentences(script)
    assert "We will use our own open data." in sentences
    assert "Best practice: we will use our own datasets in our work." in sentences
    # Under a heading that does not name it, the label stays.
    assert "Principle: we will take down inaccurate open data." in sentences
