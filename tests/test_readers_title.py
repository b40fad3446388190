"""The document's title: stated by the master (Word properties or Title style, Markdown front
matter, a title heading), else guessed with one warning that says how to set it."""

from __future__ import annotations

import pytest

from converter.readers import read_document
from converter.readers.title import readable_name

GUESSED = "does not say its title"


def guesses(document) -> list[str]:
    return [warning for warning in document.warnings if GUESSED in warning]


def test_file_names_read_as_words():
    assert readable_name("dwp-documentation") == "DWP documentation"
    assert readable_name("bus_pass_2024") == "Bus pass 2024"
    assert readable_name("OpenDataPolicy") == "Open data policy"
    assert readable_name("ucfs-data-rules", "The UCFS team") == "UCFS data rules"


def test_a_section_heading_is_not_the_title(corpus, tmp_path):
    master = (corpus / "policy-text-open" / "dwp-documentation.md").read_text(encoding="utf-8")
    assert master.startswith("# DataWorks Open Source Documentation Policy\n")
    stated = tmp_path / "stated" / "dwp-documentation.md"
    stated.parent.mkdir()
    stated.write_text(master, encoding="utf-8")
    document = read_document(stated)
    assert document.title == "DataWorks Open Source Documentation Policy"
    assert not guesses(document)

    untitled = tmp_path / "dwp-documentation.md"
    untitled.write_text(master.split("\n", 2)[2], encoding="utf-8")  # opens with "## Purpose"
    document = read_document(untitled)
    assert document.title == "DWP documentation"
    assert document.chapters[0].title == "Purpose"
    (warning,) = guesses(document)
    assert "'DWP documentation'" in warning and "'Purpose', names a section" in warning
    assert "'# Title'" in warning and "title:" in warning


def test_front_matter_states_the_title_and_is_not_text(tmp_path):
    source = tmp_path / "bus-passes.md"
    source.write_text("---\ntitle: 'Bus pass policy'\nauthor: Transport team\nlang: cy\n---\n\n"
                      "## Purpose\n\nWe give free bus passes.\n", encoding="utf-8")
    document = read_document(source)
    assert (document.title, document.author, document.language) == \
        ("Bus pass policy", "Transport team", "cy")
    assert not guesses(document)
    texts = [block.text for chapter in document.chapters for block in chapter.blocks]
    assert texts == ["Purpose", "We give free bus passes."]
    assert document.chapters[0].blocks[0].line == 7, "line numbers are the file's"


def test_a_lower_heading_that_names_the_subject_is_kept_with_a_warning(tmp_path):
    source = tmp_path / "passes.md"
    source.write_text("## Bus passes for older people\n\nText.\n\n## Who can apply\n\nAll.\n",
                      encoding="utf-8")
    document = read_document(source)
    assert document.title == "Bus passes for older people"
    (warning,) = guesses(document)
    assert "level-2 heading" in warning


@pytest.mark.parametrize("heading, title, warned", [
    ("Introduction", "Housing allocations", True),
    ("Housing allocation scheme", "Housing allocation scheme", False),
])
def test_word_title_falls_back_past_a_section_name(docx_maker, heading, title, warned):
    def build(document):
        document.core_properties.title = ""
        document.add_heading(heading, 1)
        document.add_paragraph("We let homes by need.")
        document.add_heading("Who can apply", 1)
        document.add_paragraph("Anyone.")

    document = read_document(docx_maker.make("housing-allocations.docx", build))
    assert document.title == title
    assert bool(guesses(document)) is warned
    if warned:
        assert "File > Info > Properties > Title" in guesses(document)[0]


def test_word_properties_title_is_stated(docx_maker):
    def build(document):
        document.core_properties.title = "Housing allocation scheme"
        document.add_heading("Introduction", 1)
        document.add_paragraph("We let homes by need.")

    document = read_document(docx_maker.make("housing.docx", build))
    assert document.title == "Housing allocation scheme" and not guesses(document)


def test_dwp_open_source_policy_is_named_from_its_file(corpus):
    source = corpus / "policy-text-open" / "dwp-open_source_policy.md"
    if not source.exists():
        pytest.skip("dwp-open_source_policy.md is not in the corpus")
    document = read_document(source)
    assert document.title == "DWP open source policy"
    assert len(guesses(document)) == 1
