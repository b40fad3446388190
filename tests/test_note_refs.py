"""A note reference reaches the reader in every edition: "(note N)" in braille as in large
print, a noteref link in the EPUB, "See note N." in the audio, with the notes numbered
through the document; and a table's size is announced alike in audio and braille."""

from __future__ import annotations

from lxml import etree

from converter.formats.audio.normalise import Normaliser
from converter.formats.audio.speech import chapter_segments, transcript
from converter.formats.braille import _body, _Texts
from converter.formats.epub.xhtml import OPS, XHTML, chapter_xhtml, note_targets
from converter.formats.textparts import note_numbers, note_words, table_size
from converter.model import Chapter, Document, Heading, ListItem, Note, Paragraph, Table

PAUSES = {"after_heading_ms": 1, "between_paragraphs_ms": 1, "between_table_cells_ms": 1,
          "between_list_items_ms": 1}
TABLE = Table(rows=(("Group", "Share"), ("Women", "48%"), ("Disabled people", "9%")),
              header_rows=1)


def _document() -> Document:
    first = Chapter("duties", "Duties", 1, (
        Heading(1, "Duties"),
        Paragraph("We publish objectives at least every four years.", note_refs=("fn-1",)),
        TABLE),
        notes=(Note("fn-1", "footnote", "The 2017 Regulations set this out."),))
    second = Chapter("found", "Found", 1, (
        Heading(1, "Found"),
        ListItem("Staff survey", note_refs=("fn-2",)),
        ListItem("Census", note_refs=("fn-1",)),
        Paragraph("Nothing to note here.")),
        notes=(Note("fn-2", "endnote", "Run in 2023."),))
    return Document("d", "T", "en-GB", "d.md", "0", (first, second))


def _said(document: Document, index: int) -> str:
    """What the audio says, as written (the captions' text; the transcript says numbers
    in words)."""
    chapter = document.chapters[index]
    segments = chapter_segments(chapter, index + 1, Normaliser(),
                                {"pauses": PAUSES, "speech": {}}, note_numbers(document))
    assert "See note one." in transcript(segments) or index
    return " ".join(segment.written for segment in segments) + " "


def test_table_size_counts_the_rows_under_the_header():
    assert table_size(TABLE) == "2 rows and 2 columns"
    assert table_size(Table(rows=(("a",),))) == "1 row and 1 column"


def test_audio_says_table_size_without_the_header_row():
    said = _said(_document(), 0)
    assert "A table with 2 rows and 2 columns." in said
    assert "3 rows" not in said


def test_audio_points_to_the_note_and_reads_it_with_its_number():
    document = _document()
    first, second = _said(document, 0), _said(document, 1)
    assert "every four years. See note 1." in first
    assert "Note 1: The 2017 Regulations" in first
    # Numbered through the document, as large print and the web edition number them.
    assert "Staff survey. See note 2." in second and "Census. See note 1." in second
    assert "Note 2: Run in 2023." in second and "Note 1:" not in second
    assert "Nothing to note here. " in second and "here. See" not in second


def test_braille_has_the_reference_in_words_and_the_numbered_note():
    document = _document()
    texts = _Texts()
    for _ in _body(document, texts, new_page=False):
        pass
    printed = texts.print
    assert "We publish objectives at least every four years. (note 1)" in printed
    assert "\u2022 Staff survey (note 2)" in printed
    assert "Note 1: The 2017 Regulations set this out." in printed
    assert "Note 2: Run in 2023." in printed
    assert "Table with 2 rows and 2 columns:" in printed


def test_large_print_and_braille_share_the_words():
    numbers = note_numbers(_document())
    assert note_words(ListItem("x", note_refs=("fn-2", "fn-1")), numbers) == " (note 2) (note 1)"
    assert note_words(Paragraph("x", note_refs=("missing",)), numbers) == ""


def test_epub_links_each_reference_to_its_note():
    document = _document()
    targets = note_targets(document, {"duties": "01-duties.xhtml", "found": "02-found.xhtml"})
    ns = {"x": XHTML}
    first = etree.fromstring(chapter_xhtml(document.chapters[0], "en-GB", set(), targets)[0])
    (ref,) = first.findall(".//x:a", ns)
    assert ref.get(f"{{{OPS}}}type") == "noteref" and ref.get("href") == "#n1"
    assert ref.text == "note 1" and ref.getparent().tag == f"{{{XHTML}}}p"
    (note,) = first.findall(".//x:section[@class='notes']//x:li", ns)
    # The note has its id even with no audio timings, so the link always lands.
    assert note.get("id") == "n1" and note.get(f"{{{OPS}}}type") == "footnote"
    second = etree.fromstring(chapter_xhtml(document.chapters[1], "en-GB", set(), targets)[0])
    hrefs = [a.get("href") for a in second.findall(".//x:a", ns)]
    assert hrefs == ["#n1", "01-duties.xhtml#n1"]
    texts = [a.text for a in second.findall(".//x:a", ns)]
    assert texts == ["note 2", "note 1"]
    listing = second.find(".//x:section[@class='notes']/x:ol", ns)
    assert listing.get("start") == "2"
    assert listing[0].get(f"{{{OPS}}}type") == "endnote"
