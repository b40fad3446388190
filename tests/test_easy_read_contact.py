"""The Easy Read "contact us" page gives the publisher's own contact details only: every one
from the master's contact section (phone with hours, Relay UK, email, postal address on
lines, website), each a whole sentence of 15 words at most; never an address the master
gives as an example, a credit or a link to a document. A part that carries the master's
contact chapter has that chapter as its contact page, not a second one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLE, STYLES

from converter.config import Style
from converter.formats.easy_read import EasyReadFormat, split_parts
from converter.formats.easy_read.contact_page import (
    CONTACT_HEADING,
    MAX_WORDS,
    contact_rows,
    own_contact_texts,
)
from converter.formats.easy_read.draft import Drafter
from converter.language.sentences import split_sentences
from converter.pipeline.load import read_document

APPENDIX = CORPUS / "policy-text-open" / "OpenDataServices-Appendix1.md"


def layouts(source: Path, tmp_path: Path):
    style = Style(STYLES)
    document = read_document(source, 1)
    parts = split_parts(Drafter(style, document).script(), style)
    return document, [EasyReadFormat()._layout_input(part, document, style, tmp_path, number)[0]
                      for number, part in enumerate(parts, start=1)]


def test_every_part_of_the_sample_has_one_full_contact_page(tmp_path):
    _, parts = layouts(SAMPLE, tmp_path)
    assert len(parts) > 1
    for number, layout in enumerate(parts, start=1):
        pages = [s for s in layout.sections if CONTACT_HEADING.match(s.heading)]
        assert len(pages) == 1, (number, "one contact page, not the chapter and a page")
        page = layout.sections[-1]
        assert page is pages[0] and page.new_page
        texts = [row.text for row in page.rows]
        shown = "\n".join(texts)
        assert ("Phone us on 0345 303 6760. Our phone lines are open Monday to Friday, 9am to 5pm."
                in texts)
        assert "Relay UK" in shown and "Dial 18001 then 0345 303 6760." in shown
        assert "Email us at equality@northvale-ca.gov.uk." in texts
        assert "Our website is www.northvale-ca.gov.uk/equality." in texts
        assert ("Write to us at:\nEquality and Inclusion Team\nNorthvale Combined Authority\n"
                "16 Summer Lane\nCastleton\nNV1 4QT") in texts, "one row, on lines"
        for row in page.rows:
            if re.match(r"contact-(?:phone|relay|email|web)-", row.slot.id):
                for sentence in split_sentences(row.text):
                    assert len(sentence.words) <= MAX_WORDS, sentence.text
    last = parts[-1].sections[-1]
    assert last.rows[0].text.startswith("If you have a question about this scheme"), \
        "the master's own chapter is the contact page of the part that carries it"
    assert not any(row.text.rstrip(".") in ("Equality and Inclusion Team",
                                            "Northvale Combined Authority")
                   for section in parts[-1].sections for row in section.rows), \
        "the address is not spread over rows"


@pytest.mark.skipif(not APPENDIX.is_file(), reason="the corpus is not present")
def test_an_example_or_credit_address_is_never_our_contact(tmp_path):
    _, parts = layouts(APPENDIX, tmp_path)
    body = " ".join(row.text for layout in parts for s in layout.sections for row in s.rows)
    assert "http://www.manchester.gov.uk" in body, "the body still carries every detail"
    assert "macc.org.uk" in body
    assert "Our website is" not in body
    for layout in parts:
        assert not any(CONTACT_HEADING.match(s.heading) for s in layout.sections), \
            "no contact details of the publisher's own: no contact page"


def test_without_a_contact_section_only_details_given_as_ours_count(tmp_path):
    source = tmp_path / "parks.md"
    source.write_text(
        "# Parks\n\nParks are open all year. For example, see www.example.org for a map.\n\n"
        "You can email us at parks@town.gov.uk or call us on 0121 496 0000.\n\n"
        "Our website is www.town.gov.uk/parks.\n\n"
        "Read the full plan at www.town.gov.uk/files/parks%20plan.pdf.\n\n"
        "Source: www.other.org.uk, released under an open licence.\n", encoding="utf-8")
    rows = contact_rows(own_contact_texts(read_document(source, 1)), "Other formats.")
    assert [row.text for row in rows] == [
        "Phone us on 0121 496 0000.", "Email us at parks@town.gov.uk.",
        "Our website is www.town.gov.uk/parks.", "Other formats."]


def test_another_bodys_details_in_the_contact_section_are_not_ours(tmp_path):
    source = tmp_path / "plan.md"
    source.write_text(
        "# Plan\n\nWe plant trees.\n\n# Contact us\n\nPhone: 0121 496 0000\n\n"
        "If you are not happy with our answer, you can contact the Ombudsman on "
        "0300 061 0614.\n", encoding="utf-8")
    document = read_document(source, 1)
    assert [row.text for row in contact_rows(own_contact_texts(document), "")][:-1] == [
        "Phone us on 0121 496 0000."]
    script = Drafter(Style(STYLES), document).script()
    shown = " ".join(row.plain_text for row in script.sections[-1].rows)
    assert "0300 061 0614" in shown and "Phone us on 0300" not in shown, "kept as the master says"


def test_no_own_contact_details_means_no_rows(tmp_path):
    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\nData comes from www.example.org, for example.\n",
                      encoding="utf-8")
    assert contact_rows(own_contact_texts(read_document(source, 1)), "Other formats.") == []


def test_the_build_warns_once_and_leaves_the_page_out(cli, tmp_path):
    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\nWe plant trees in every park each year.\n", encoding="utf-8")
    built = cli("build", source, "--output", tmp_path / "out", "--formats", "easy-read")
    assert built.returncode == 0, built.stderr
    assert built.stderr.count("no contact page") == 1, built.stderr
