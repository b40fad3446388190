"""Readers and the document model: Word (.docx), Markdown and plain text."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from converter.model import Heading, Image, ListItem, Paragraph, Quote, Table
from converter.readers import read_document

W = nsdecls("w")


def blocks(document, kind=None):
    found = [block for chapter in document.chapters for block in chapter.blocks]
    return [block for block in found if kind is None or isinstance(block, kind)]


def add_xml_paragraph(document, xml: str) -> None:
    document.element.body.append(parse_xml(xml))


# -- the sample policy -----------------------------------------------------------------------


def test_sample_policy_structure():
    document = read_document(SAMPLE)
    assert document.title == "Equality, Diversity and Inclusion Scheme 2024 to 2028"
    assert document.language == "en-GB"
    assert document.word_count >= 2500
    assert len(document.chapters) >= 5
    assert document.chapters[0].id == "introduction"
    assert document.chapter("contact-us").title == "Contact us"
    headings = blocks(document, Heading)
    assert {heading.level for heading in headings} == {1, 2}
    items = blocks(document, ListItem)
    assert any(item.ordered for item in items) and any(not item.ordered for item in items)
    assert any(item.level == 1 for item in items), "nested list items keep their level"
    nested = next(item for item in items if item.text.startswith("letters that use jargon"))
    assert nested.level == 1 and not nested.ordered
    table = blocks(document, Table)[0]
    assert table.header_rows == 1
    assert table.rows[0] == ("Group", "Share of our staff", "Share of the region")
    assert blocks(document, Quote)
    notes = [note for chapter in document.chapters for note in chapter.notes]
    assert notes and notes[0].kind == "footnote"
    assert any("summary of the report in Easy Read" in b.text for b in blocks(document)), \
        "tracked insertions are accepted"


def test_sample_generator_is_reproducible(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    target = tmp_path / "again.docx"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_sample_policy.py"), str(target)],
                   check=True, capture_output=True)
    assert target.read_bytes() == SAMPLE.read_bytes()


# -- Word features, built here ---------------------------------------------------------------


def test_lists_are_read_from_numbering_not_style_names(docx_maker):
    def build(document):
        document.add_heading("Lists", 1)
        # Style says "List Number" but the numbering it points to is a bullet list: the
        # style name lies; numPr decides.
        bullet_num = document.styles["List Bullet"].element.pPr.numPr.numId.val
        paragraph = document.add_paragraph("really a bullet", style="List Number")
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="{bullet_num}"/></w:numPr>'))
        document.add_paragraph("a numbered item", style="List Number")
        plain = document.add_paragraph("not a list at all", style="List Number")
        plain._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))

    document = read_document(docx_maker.make("lists.docx", build))
    items = {block.text: block for block in blocks(document)}
    assert isinstance(items["really a bullet"], ListItem) and not items["really a bullet"].ordered
    assert isinstance(items["a numbered item"], ListItem) and items["a numbered item"].ordered
    assert isinstance(items["not a list at all"], Paragraph)


def test_headings_by_outline_level_and_localised_styles(docx_maker):
    def build(document):
        styles = document.styles.element
        styles.append(parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/>'
            f'<w:basedOn w:val="Normal"/></w:style>'))
        styles.append(parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="Kapitel"><w:name w:val="Kapitel"/>'
            f'<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'))
        document.add_paragraph("Einleitung").style = document.styles["heading 1"]
        add_xml_paragraph(document, f'<w:p {W}><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr>'
                                    f'<w:r><w:t>Localised heading</w:t></w:r></w:p>')
        add_xml_paragraph(document, f'<w:p {W}><w:pPr><w:pStyle w:val="Kapitel"/></w:pPr>'
                                    f'<w:r><w:t>Outline heading</w:t></w:r></w:p>')
        add_xml_paragraph(document, f'<w:p {W}><w:pPr><w:outlineLvl w:val="1"/></w:pPr>'
                                    f'<w:r><w:t>Direct outline level</w:t></w:r></w:p>')
        document.add_paragraph("Body text.")

    document = read_document(docx_maker.make("headings.docx", build))
    levels = {block.text: block.level for block in blocks(document, Heading)}
    assert levels["Localised heading"] == 1
    assert levels["Outline heading"] == 1
    assert levels["Direct outline level"] == 2


def test_tracked_changes_comments_content_controls_links(docx_maker):
    def build(document):
        document.add_heading("Changes", 1)
        add_xml_paragraph(document, (
            f'<w:p {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<w:r><w:t xml:space="preserve">We will </w:t></w:r>'
            f'<w:del w:id="1" w:author="A"><w:r><w:delText>never </w:delText></w:r></w:del>'
            f'<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins>'
            f'<w:r><w:t>reply.</w:t></w:r>'
            f'<w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'))
        add_xml_paragraph(document, (
            f'<w:p {W}><w:sdt><w:sdtPr><w:alias w:val="Owner"/></w:sdtPr><w:sdtContent>'
            f'<w:r><w:t>Owner: Equality Team</w:t></w:r></w:sdtContent></w:sdt></w:p>'))
        paragraph = document.add_paragraph("Read ")
        rel = document.part.relate_to("https://www.example.gov.uk/equality",
                                      "http://schemas.openxmlformats.org/officeDocument/2006/"
                                      "relationships/hyperlink", is_external=True)
        paragraph._p.append(parse_xml(
            f'<w:hyperlink {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships" r:id="{rel}"><w:r><w:t>our equality page</w:t></w:r></w:hyperlink>'))

    document = read_document(docx_maker.make("changes.docx", build))
    texts = [block.text for block in blocks(document)]
    assert "We will always reply." in texts
    assert not any("never" in text for text in texts)
    assert "Owner: Equality Team" in texts
    link_paragraph = next(b for b in blocks(document, Paragraph) if b.text.startswith("Read"))
    assert link_paragraph.links[0].text == "our equality page"
    assert link_paragraph.links[0].url == "https://www.example.gov.uk/equality"
    assert any("tracked changes accepted" in warning for warning in document.warnings)


def test_title_precedence_and_language(docx_maker):
    def with_core(document):
        document.core_properties.title = "Core Title"
        document.core_properties.language = "cy-GB"
        document.add_paragraph("Style Title", style="Title")
        document.add_heading("First heading", 1)
        document.add_paragraph("Text.")

    def with_style(document):
        document.add_paragraph("Style Title", style="Title")
        document.add_heading("First heading", 1)
        document.add_paragraph("Text.")

    def with_heading(document):
        document.add_heading("First heading", 1)
        document.add_paragraph("Text.")
        document.add_heading("Second heading", 1)

    def with_nothing(document):
        document.add_paragraph("Only text here.")

    first = read_document(docx_maker.make("a.docx", with_core))
    assert (first.title, first.language) == ("Core Title", "cy-GB")
    assert read_document(docx_maker.make("b.docx", with_style)).title == "Style Title"
    assert read_document(docx_maker.make("c.docx", with_heading)).title == "First heading"
    untitled = read_document(docx_maker.make("staff_notes.docx", with_nothing))
    assert untitled.title == "Staff notes"  # the file name, read as words: a guess, warned
    assert any("does not say its title" in warning for warning in untitled.warnings)


def test_word_modified_date_is_read_in_utc(docx_maker):
    from datetime import datetime

    from converter.readers.docx.core_xml import utc_stamp

    def saved(document):  # python-docx writes it as UTC ("Z")
        document.core_properties.modified = datetime(2024, 3, 14, 9, 30)
        document.add_paragraph("Text.")

    assert read_document(docx_maker.make("a.docx", saved)).modified == "2024-03-14T09:30:00Z"
    assert utc_stamp("2024-03-14T10:30:00+01:00") == "2024-03-14T09:30:00Z"
    assert utc_stamp("2024-03-14") == utc_stamp("soon") == utc_stamp("") == ""


def test_images_keep_alt_text(corpus):
    document = read_document(corpus / "pandoc-docx" / "image.docx")
    images = blocks(document, Image)
    assert images and images[0].target.startswith("word/media/")


def test_external_image_is_recorded_not_fetched(corpus, tmp_path, monkeypatch):
    import socket

    from docx import Document as WordDocument

    # mammoth's file has only the linked picture; a sentence makes it a document to read.
    word = WordDocument(str(corpus / "mammoth-docx" / "external-picture.docx"))
    word.add_paragraph("A policy with a linked picture.")
    path = tmp_path / "external-picture.docx"
    word.save(str(path))

    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    document = read_document(path)
    images = blocks(document, Image)
    assert [(image.target, image.external) for image in images] == [("tiny-picture.png", True)]
    assert any("not fetched" in warning for warning in document.warnings)


# -- Markdown and text -----------------------------------------------------------------------


def test_markdown_reader(tmp_path):
    source = tmp_path / "policy.md"
    source.write_text(
        "# Our Policy\n\nIntro text.\n\n## First part\n\nSee [our site](https://x.gov.uk).\n\n"
        "- one\n  - nested\n- two\n\n1. first\n2. second\n\n> A quote.\n\n"
        "| Name | Value |\n|---|---|\n| A | 1 |\n\n## Second part\n\nMore text.\n",
        encoding="utf-8")
    document = read_document(source)
    assert document.title == "Our Policy"
    assert [chapter.id for chapter in document.chapters] == ["introduction", "first-part",
                                                             "second-part"]
    items = blocks(document, ListItem)
    assert [(i.text, i.level, i.ordered) for i in items] == [
        ("one", 0, False), ("nested", 1, False), ("two", 0, False), ("first", 0, True),
        ("second", 0, True)]
    assert blocks(document, Quote)[0].text == "A quote."
    table = blocks(document, Table)[0]
    assert table.rows == (("Name", "Value"), ("A", "1")) and table.header_rows == 1
    link_block = next(b for b in blocks(document, Paragraph) if b.links)
    assert link_block.links[0].url == "https://x.gov.uk"
    assert link_block.line == 7


def test_text_reader_windows_1252(tmp_path):
    source = tmp_path / "notes.txt"
    text = ("Fees\n\nThe fee is \u00a35 \u2013 \u201cpayable\u201d now.\n\n"
            "- first point\n- second point\n")
    source.write_bytes(text.encode("cp1252"))
    document = read_document(source)
    all_text = " ".join(block.text for block in blocks(document))
    assert "\u00a35 \u2013 \u201cpayable\u201d" in all_text
    assert document.title == "Fees"
    assert len(blocks(document, ListItem)) == 2


def test_text_reader_utf8_bom_and_lines(tmp_path):
    source = tmp_path / "bom.txt"
    source.write_bytes("\ufeffHeading\n\nFirst paragraph line one\nline two.\n".encode())
    document = read_document(source)
    paragraph = blocks(document, Paragraph)[0]
    assert paragraph.text == "First paragraph line one line two."
    assert paragraph.line == 3


# -- chapters, ids and hashes ----------------------------------------------------------------


def test_chapter_hashes_change_only_where_text_changed(tmp_path):
    source = tmp_path / "doc.md"
    source.write_text("# T\n\n## A\n\nAlpha.\n\n## B\n\nBeta.\n\n## A\n\nAgain.\n", "utf-8")
    before = read_document(source)
    assert [c.id for c in before.chapters] == ["a", "b", "a-2"]
    source.write_text("# T\n\n## A\n\nAlpha.\n\n## B\n\nBeta changed.\n\n## A\n\nAgain.\n", "utf-8")
    after = read_document(source)
    changed = [b.id for b, a in zip(before.chapters, after.chapters, strict=True)
               if b.sha256 != a.sha256]
    assert changed == ["b"]
    assert read_document(source).chapters[0].sha256 == after.chapters[0].sha256


def test_split_level_option(tmp_path):
    source = tmp_path / "doc.md"
    source.write_text("## A\n\nx.\n\n### A1\n\ny.\n\n## B\n\nz.\n", "utf-8")
    assert len(read_document(source).chapters) == 2
    assert len(read_document(source, split_level=3).chapters) == 3


def test_hostile_file_names_get_safe_ids(tmp_path):
    from converter.slug import is_safe_id, slugify

    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("\u0645\u0633\u062a\u0646\u062f").startswith("document-")
    assert len(slugify("x" * 500)) <= 60
    assert is_safe_id(slugify("Café Policy 2024!"))
    assert not is_safe_id("../x")


def test_split_level_from_the_style_file(tmp_path, cli):
    import shutil

    from conftest import STYLES

    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    settings = styles / "converter.toml"
    settings.write_text(settings.read_text("utf-8").replace('split_level = "auto"',
                                                            "split_level = 3"), "utf-8")
    source = tmp_path / "doc.md"
    source.write_text("## A\n\nx.\n\n### A1\n\ny.\n\n## B\n\nz.\n", "utf-8")
    auto = json.loads(cli("inspect", source, "--json").stdout)
    assert len(auto["chapters"]) == 2
    styled = json.loads(cli("inspect", source, "--json", "--styles", styles).stdout)
    assert len(styled["chapters"]) == 3
    option = json.loads(cli("inspect", source, "--json", "--styles", styles,
                            "--split-level", "2").stdout)
    assert len(option["chapters"]) == 2


TRICKY_MARKDOWN = """# Policy

Intro paragraph.

## Code

```
# not a heading: inside a fence

# nor this
```

~~~~
# nor this, in a tilde fence
~~~~

## Comments

<!-- converter: off words-to-avoid

# a heading inside a comment is no heading
-->

<pre>

# inside pre
</pre>

## Lists

- item one

  more of item one

# Heading after a list

> quoted
> lines

# Heading after a quote
| a | b |
|---|---|
| 1 | 2 |

# Last\r\n\r\nWindows lines\r\n\r\n# End\rOld Mac line
"""


@pytest.mark.parametrize("size", [1, 10, 40, 200])
def test_markdown_parsed_in_sections_reads_as_the_whole(monkeypatch, size):
    """A long Markdown source is parsed a section at a time (bounded memory); the blocks,
    line numbers, directives and warnings are those of one parse, whatever the section size,
    with headings inside fences, comments and <pre> never taken for a cut."""
    import converter.readers.markdown as markdown

    text = TRICKY_MARKDOWN * 3
    monkeypatch.setattr(markdown, "SECTION_CHARACTERS", 10**12)
    whole = markdown.parse_markdown(text)
    monkeypatch.setattr(markdown, "SECTION_CHARACTERS", size)
    assert len(list(markdown.sections(text, size))) > 5
    assert markdown.parse_markdown(text) == whole
    assert len(whole.directives) == 3 and whole.warnings  # the <pre> blocks are named


def test_markdown_with_a_reference_definition_is_parsed_whole():
    import converter.readers.markdown as markdown

    text = "# A\n\nSee [the act][act].\n\n" + "# B\n\nMore text here.\n\n" * 50 + \
        "[act]: https://www.legislation.gov.uk/\n"
    assert list(markdown.sections(text, 10)) == [(text, 0)]
    links = [link for block in markdown.parse_markdown(text).blocks
             for link in getattr(block, "links", ())]
    assert links and links[0].url == "https://www.legislation.gov.uk/"
