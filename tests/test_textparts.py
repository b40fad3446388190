"""Unit tests for the pieces the text editions share (converter/formats/textparts.py)."""

from __future__ import annotations

from converter.formats.textparts import (
    contact_segments,
    group_blocks,
    heading_levels,
    link_segments,
    nest_list,
)
from converter.language.contacts import relay_number
from converter.model import Chapter, Heading, Link, ListItem, Paragraph


def test_lists_nest_by_level_and_a_jump_nests_one_deeper():
    items = [ListItem("a"), ListItem("b", level=1), ListItem("c", level=3, ordered=True),
             ListItem("d", level=1), ListItem("e")]
    root = nest_list(items)
    assert [entry.item.text for entry in root.entries] == ["a", "e"]
    inner = root.entries[0].children[0]
    assert [entry.item.text for entry in inner.entries] == ["b", "d"]
    deeper = inner.entries[0].children[0]
    assert deeper.ordered and [entry.item.text for entry in deeper.entries] == ["c"]


def test_runs_of_list_items_become_one_list_each():
    blocks = [Paragraph("p"), ListItem("a"), ListItem("b"), Paragraph("q"), ListItem("c")]
    kinds = [type(item).__name__ for item in group_blocks(blocks)]
    assert kinds == ["Paragraph", "ListNode", "Paragraph", "ListNode"]


def test_links_are_found_in_order_and_unsafe_ones_stay_text():
    text = "See the rules or the form, then the rules again."
    links = (Link("rules", "https://example.org/r"), Link("form", "javascript:alert(1)"),
             Link("rules", "https://example.org/r2"))
    pieces = link_segments(text, links)
    assert "".join(piece for piece, _ in pieces) == text
    assert [url for _, url in pieces if url] == ["https://example.org/r", "https://example.org/r2"]


def test_heading_levels_have_no_gaps():
    blocks = (Heading(1, "Chapter"), Heading(4, "Deep"), Heading(2, "Back"), Heading(3, "Sub"))
    chapter = Chapter("chapter", "Chapter", 1, blocks)
    assert heading_levels(chapter) == {0: 2, 1: 3, 2: 3, 3: 4}
    assert heading_levels(chapter, chapter_level=1) == {0: 1, 1: 2, 2: 2, 3: 3}


def test_a_number_dialled_through_relay_uk_gets_no_tel_link():
    # A tel: link on the number after "18001 then" would call the voice line, not Relay UK;
    # GOV.UK prints relay numbers as plain text, so the edition does too.
    text = ("Call 0345 303 6760 or use Relay UK by dialling 18001 then 0345 303 6760. "
            "Textphone: 18001 0345 303 6761.")
    pieces = contact_segments(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert [(piece, url) for piece, url in pieces if url] == [("0345 303 6760", "tel:03453036760")]
    assert all("1800" not in (url or "") for _, url in pieces)


def test_relay_prefix_is_recognised_in_its_usual_wordings():
    for before in ("dial 18001 then ", "18001, then dial ", "Relay UK: 18002 ", "18001 followed by "):
        assert relay_number("0300 123 4567", before), before
    assert not relay_number("0300 123 4567", "Call 18001 people on ")
    assert not relay_number("0300 123 4567", "Call us on ")
    assert relay_number("18001 0300 123 4567")
