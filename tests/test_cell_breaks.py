"""A line break inside a table cell ('Monday to Friday<br>9am to 5pm' in a Markdown pipe table
or a raw HTML table) is kept in the model as CELL_BREAK: the web edition and large print set
the cell on lines; speech, Easy Read and braille read it as one run with a pause (a comma);
nothing ever shows or says the literal '<br>'."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from conftest import STYLES, run_cli

from converter.config import Style
from converter.formats.audio.normalise import Normaliser
from converter.formats.audio.speech import chapter_segments, transcript
from converter.formats.easy_read.tables import table_sentences
from converter.formats.web.render import PageParts, chapter_html
from converter.model import CELL_BREAK, Chapter, Heading, Paragraph, Table, flat_cell
from converter.readers import read_document
from converter.readers.html_table import read_table

MASTER = """# Opening hours

Our offices are open at these times.<br>Phone first.

| Office | When it is open |
|---|---|
| Castleton | Monday to Friday<br>9am to 5pm |
| Northvale | Saturday<br/>10am to 1pm<BR />Closed on bank holidays |
| Housing<br>repairs | Phone 0345 303 6760 |

<table>
<tr><th>Service</th><th>Phone</th></tr>
<tr><td>Repairs</td><td>0345 303 6760<br/> Monday to Friday</td></tr>
</table>
"""


def tables(source: Path) -> list[Table]:
    document = read_document(source)
    return [block for chapter in document.chapters for block in chapter.blocks
            if isinstance(block, Table)]


@pytest.fixture()
def master(tmp_path) -> Path:
    source = tmp_path / "opening-hours.md"
    source.write_text(MASTER, encoding="utf-8")
    return source


def test_readers_keep_a_line_break_in_a_cell(master):
    pipe, html = tables(master)
    assert pipe.rows[1] == ("Castleton", f"Monday to Friday{CELL_BREAK}9am to 5pm")
    assert pipe.rows[2][1] == CELL_BREAK.join(["Saturday", "10am to 1pm",
                                               "Closed on bank holidays"])
    assert html.rows[1] == ("Repairs", f"0345 303 6760{CELL_BREAK}Monday to Friday")
    assert "<br" not in repr(pipe.rows) + repr(html.rows)
    # The text the language layer reads is one run a cell, a comma at each break; a
    # phrase set on two lines ('Housing<br>repairs') stays one phrase.
    assert "Castleton | Monday to Friday, 9am to 5pm" in pipe.text
    assert "Housing repairs | Phone 0345 303 6760" in pipe.text
    # Outside a table a '<br>' is still a space: the model keeps no other line breaks.
    paragraph = next(block for chapter in read_document(master).chapters
                     for block in chapter.blocks if isinstance(block, Paragraph))
    assert paragraph.text == "Our offices are open at these times. Phone first."


def test_html_reader_breaks_and_paragraphs():
    table = read_table("<table><tr><td>Next<br/>line<p>para</p></td></tr>"
                       "<tr><td>for:<br><ul><li>a</li><li>b</li></ul></td></tr></table>")
    assert table is not None
    assert table.rows == ((f"Next{CELL_BREAK}line para",), ("for: a; b",))


def test_flat_cell():
    assert flat_cell("Monday to Friday\n9am to 5pm") == "Monday to Friday, 9am to 5pm"
    assert flat_cell("Closed.\nOpen on Monday") == "Closed. Open on Monday"
    assert flat_cell("Housing\nrepairs") == "Housing repairs"
    assert flat_cell("") == "" and flat_cell("One line") == "One line"


def test_web_sets_the_cell_on_lines(master):
    document = read_document(master)
    html = "".join(chapter_html(chapter, PageParts({}, lambda image: None))
                   for chapter in document.chapters)
    assert "<td>Monday to Friday<br>9am to 5pm</td>" in html
    assert "<td>Saturday<br>10am to 1pm<br>Closed on bank holidays</td>" in html
    assert "<td>0345 303 6760<br>Monday to Friday</td>" in html
    assert "&lt;br" not in html


def test_large_print_sets_the_cell_on_lines(master, tmp_path):
    output = tmp_path / "out"
    built = run_cli("build", master, "--output", output, "--formats", "large-print", "-q")
    assert built.returncode == 0, built.stderr
    pdf_path = next((output / "opening-hours" / "large-print").glob("*.pdf"))
    with pdfplumber.open(pdf_path) as pdf:
        lines = [line.strip() for page in pdf.pages
                 for line in (page.extract_text() or "").splitlines()]
    assert "Castleton Monday to Friday" in lines and "9am to 5pm" in lines, lines
    assert "Northvale Saturday" in lines and "10am to 1pm" in lines
    assert "Closed on bank holidays" in lines
    assert not any("<br" in line or "&lt;" in line for line in lines)


def test_speech_and_easy_read_hear_a_pause_not_br(master):
    pipe, html = tables(master)
    chapter = Chapter("c", "Opening hours", 1, (Heading(1, "Opening hours"), pipe, html))
    said = transcript(chapter_segments(chapter, 1, Normaliser(),
                                       Style(STYLES).settings("audio")))
    assert "When it is open: Monday to Friday, nine a m to five p m." in said, said
    assert "Office: Housing repairs." in said
    assert "br" not in said.split()
    sentences = table_sentences(pipe) + table_sentences(html)
    assert any("Monday to Friday, 9am to 5pm" in sentence for sentence in sentences), sentences
    assert not any("\n" in sentence or "<br" in sentence for sentence in sentences)


def test_braille_reads_the_cell_as_one_entry(master):
    from converter.formats.braille import _table

    pipe, _ = tables(master)
    lines: list[str] = []

    class Texts:
        def add(self, text: str) -> str:
            lines.append(text)
            return text

    _table(pipe, Texts(), lambda *args, **kwargs: None)
    assert "Office: Castleton; When it is open: Monday to Friday, 9am to 5pm" in lines
    assert not any("\n" in line for line in lines)


def test_word_cells_keep_their_line_breaks_and_paragraphs(docx_maker):
    def build(document):
        document.add_heading("Opening hours", 1)
        document.add_paragraph("Our offices are open at these times.")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Office", "When it is open"
        table.cell(1, 0).text = "Castleton"
        cell = table.cell(1, 1)
        run = cell.paragraphs[0].add_run("Monday to Friday")
        run.add_break()  # <w:br/>
        run.add_text("9am to 5pm")
        cell.add_paragraph("Closed on bank holidays")
        document.add_paragraph("Line one").add_run().add_break()  # outside a table: a space

    document = read_document(docx_maker.make("hours.docx", build))
    table = next(block for chapter in document.chapters for block in chapter.blocks
                 if isinstance(block, Table))
    assert table.rows[1] == ("Castleton", CELL_BREAK.join(
        ["Monday to Friday", "9am to 5pm", "Closed on bank holidays"]))
    assert not any(CELL_BREAK in block.text for chapter in document.chapters
                   for block in chapter.blocks if not isinstance(block, Table))


def test_epub_sets_the_cell_on_lines():
    from lxml import etree

    from converter.formats.epub.xhtml import XHTML, _table

    parent = etree.Element(f"{{{XHTML}}}div")
    _table(parent, Table((("Office", "Open"), ("Castleton", "Monday\n9am & <5pm")),
                         header_rows=1))
    cell = parent.findall(f".//{{{XHTML}}}td")[1]
    assert cell.text == "Monday" and cell[0].tag == f"{{{XHTML}}}br"
    assert cell[0].tail == "9am & <5pm"
