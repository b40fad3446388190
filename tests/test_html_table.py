"""Raw HTML tables in Markdown masters are read as tables; what cannot be read is said."""

from __future__ import annotations

from converter.model import Paragraph, Table
from converter.readers import read_document
from converter.readers.html_table import parse_table, read_table

CODES = """<table>
<tr><th><b>Consideration</b></th><th><b>Action</b></th></tr>
<tr><td>Provide codes and names for geographic areas</td><td>Describe this in the data \
release document for:<br><ul><li>Local authorities</li><li>Wards</li><li>Clinical \
Commissioning Groups</li></td></tr>
<tr><td>Read <a href="https://x.gov.uk/a?b=1&amp;c=2">our <i>guide</i></a> &amp; act</td>\
<td>Where appropriate:<ol><li>Create an issue</li><li>Note the source</li></ol></td></tr>
</table>"""


def test_simple_html_table_is_a_table():
    table = read_table(CODES, line=4)
    assert table is not None and table.line == 4 and table.header_rows == 1
    assert table.rows == (
        ("Consideration", "Action"),
        ("Provide codes and names for geographic areas",
         "Describe this in the data release document for: Local authorities; Wards; Clinical "
         "Commissioning Groups"),
        ("Read our guide & act", "Where appropriate: 1. Create an issue 2. Note the source"))


def test_list_without_a_colon_gets_its_lead_and_tr_may_be_left_open():
    table = read_table("<table><tr><td>Check<ul><li>a</li><li>b</ul><tr><td>Next<br/>line"
                       "</table>")
    assert table is not None and table.header_rows == 0
    assert table.rows == (("Check: a; b",), ("Next\nline",)), "a <br> is a line in the cell"


def test_odd_tables_are_not_guessed():
    nested = "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>"
    spanning = "<table><tr><td colspan='2'>x</td></tr><tr><td>a</td><td>b</td></tr></table>"
    ragged = "<table><tr><th>A</th><th>B</th></tr><tr><td>a</td></tr></table>"
    picture = "<table><tr><td><img src='x.png' alt='x'></td></tr></table>"
    outside = "<table>loose text<tr><td>x</td></tr></table>"
    unclosed = "<table><tr><td>x</td></tr>"
    after = "<table><tr><td>x</td></tr></table><p>more</p>"
    for html in (nested, spanning, ragged, picture, outside, unclosed, after, "<div>x</div>"):
        assert read_table(html) is None, html
    assert parse_table(nested) == "a nested table" and parse_table("<p>x</p>") == ""


def test_markdown_master_with_html_tables(tmp_path):
    source = tmp_path / "policy.md"
    source.write_text(
        "# Policy\n\n## Codes\n\nWe will:\n\n" + CODES + "\n\nAfter.\n\n"
        "<table>\n<tr><th>A</th></tr>\n\n<tr><td>split by a blank line</td></tr>\n</table>\n\n"
        "<table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>\n\n"
        "End.\n", encoding="utf-8")
    document = read_document(source)
    blocks = [b for chapter in document.chapters for b in chapter.blocks]
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [t.rows[1][0] for t in tables] == ["Provide codes and names for geographic areas",
                                              "split by a blank line"]
    assert tables[0].line == 7
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["We will:", "After.",
                                                                    "End."]
    assert [w for w in document.warnings if "HTML block" in w] == [
        "1 HTML block(s) left out (raw HTML other than a simple table is not converted: "
        "line 21 (a nested table)); write them in Markdown to keep them"]
