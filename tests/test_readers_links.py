"""Links sit on the words the master links, even when those words occur earlier in the
paragraph: readers record where each link starts, and every edition uses that place."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from converter.formats.braille import _text_with_links
from converter.formats.easy_read.draft import joined_paragraphs
from converter.formats.web.render import inline
from converter.model import Link, Paragraph
from converter.readers import read_document
from converter.readers.markdown import parse_markdown

TWICE = ("Specifically, personal data must not be published. The office gives guidance on "
         "[personal data](https://ico.example/pd) and [sharing it](https://ico.example/s).\n")


def paragraphs(document):
    return [block for chapter in document.chapters for block in chapter.blocks
            if isinstance(block, Paragraph)]


def test_markdown_link_knows_where_it_is():
    block = parse_markdown(TWICE).blocks[0]
    first, second = block.links
    assert block.text[first.start:first.start + len(first.text)] == "personal data"
    assert block.text.find("personal data") < first.start, "the second 'personal data'"
    assert block.text[second.start:].startswith("sharing it")


def test_link_start_survives_spaces_breaks_and_note_references():
    text = ("Personal  data[^1] is\nkept.  See  [personal\ndata](https://a.example/) now.\n\n"
            "[^1]: A note.\n")
    block = parse_markdown(text).blocks[0]
    assert block.text == "Personal data is kept. See personal data now."
    (link,) = block.links
    assert link.start == block.text.rindex("personal data")


def test_web_and_braille_put_the_link_on_the_linked_words():
    block = parse_markdown(TWICE).blocks[0]
    html = inline(block.text, block.links)
    assert "Specifically, personal data must" in html
    assert 'guidance on <a href="https://ico.example/pd">personal data</a> and ' \
           '<a href="https://ico.example/s">sharing it</a>' in html
    braille = _text_with_links(block)
    assert "Specifically, personal data must" in braille
    assert "on personal data (https://ico.example/pd) and sharing it (https://ico.example/s)" \
        in braille


def test_a_link_without_a_place_is_found_as_before():
    text = "See the rules, then the rules again."
    html = inline(text, (Link("rules", "https://example.org/r"),))
    assert html.startswith('See the <a href="https://example.org/r">rules</a>, then the rules')
    wrong = inline(text, (Link("rules", "https://example.org/r", start=3),))
    assert '<a href="https://example.org/r">rules</a>, then' in wrong, "a stale place is ignored"


def test_joined_paragraphs_move_the_second_ones_links():
    first = Paragraph("Read the guidance on personal data", links=())
    second = parse_markdown("and more on [personal data](https://a.example/).\n").blocks[0]
    joined = joined_paragraphs([first, second])[1]
    (link,) = joined.links
    assert joined.text[link.start:link.start + len(link.text)] == "personal data"
    assert link.start > joined.text.index("personal data")


def test_word_hyperlink_knows_where_it_is(docx_maker):
    def build(document):
        document.add_heading("Data", 1)
        paragraph = document.add_paragraph("Personal data is kept safe. Read about ")
        rel = document.part.relate_to("https://ico.example/pd",
                                      "http://schemas.openxmlformats.org/officeDocument/2006/"
                                      "relationships/hyperlink", is_external=True)
        paragraph._p.append(parse_xml(
            f'<w:hyperlink {nsdecls("w")} xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships" r:id="{rel}"><w:r><w:t>personal data</w:t>'
            f'</w:r></w:hyperlink>'))

    block = next(b for b in paragraphs(read_document(docx_maker.make("l.docx", build))) if b.links)
    (link,) = block.links
    assert link.start == block.text.rindex("personal data") > 0


def _pdf_text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())


def test_dwp_policy_links_the_guidance_not_the_first_mention(corpus, tmp_path):
    source = corpus / "policy-text-open" / "dwp-open_source_policy.md"
    if not source.exists():
        pytest.skip("dwp-open_source_policy.md is not in the corpus")
    result = run_cli("build", source, "--output", tmp_path, "--formats", "html,large-print",
                     "-q")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / read_document(source).id
    html = " ".join(" ".join(page.read_text(encoding="utf-8")
                             for page in sorted((folder / "html").glob("*.html"))).split())
    assert re.search(r"Specifically, personal data \(primary", html)
    assert re.search(r'summary guidance on <a href="https://ico\.org\.uk/[^"]+">personal data</a>',
                     html)
    text = _pdf_text(next(folder.glob("large-print/*.pdf")))
    assert "Specifically, personal data (primary" in text
    assert re.search(r"summary guidance on personal data \(https://ico\.org\.uk/", text)
