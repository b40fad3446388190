"""Our Word reader against peers: pandoc's and mammoth's own test files and expectations."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from corpus_tools import (
    CORPUS,
    native_text,
    pandoc_pairs,
    plain_text_without_markers,
    recall,
    words,
)

from converter.errors import InputError
from converter.model import ListItem, Table
from converter.readers import read_document

PAIRS = pandoc_pairs() if CORPUS.is_dir() else []
# Lists inside table cells become cell text: our model keeps tables as rows of text.
LISTS_IN_TABLES = {"table_with_list_cell.docx"}


def our_text(document) -> str:
    parts = [document.title]
    for chapter in document.chapters:
        parts += [block.text for block in chapter.blocks]
        parts += [note.text for note in chapter.notes]
    return "\n".join(parts)


def read_or_empty(path):
    try:
        return read_document(path)
    except InputError:
        return None


@pytest.mark.parametrize("docx,native", PAIRS, ids=[pair[0].name for pair in PAIRS])
def test_word_recall_against_pandoc_native(docx, native):
    document = read_or_empty(docx)
    text = our_text(document) if document else ""
    score = recall(words(native_text(native.read_text("utf-8"))), words(text), text)
    assert score >= 0.99, f"{docx.name}: recall {score:.3f}"


@pytest.mark.parametrize("docx,native", PAIRS, ids=[pair[0].name for pair in PAIRS])
def test_structure_matches_pandoc(docx, native):
    reference = native.read_text("utf-8")
    document = read_or_empty(docx)
    if document is None:
        pytest.skip("no text")
    body = [block for chapter in document.chapters for block in chapter.blocks]
    assert sum(isinstance(b, Table) for b in body) == len(
        re.findall(r"\bTable\s*\(\s*\"", reference))
    assert sum(len(c.notes) for c in document.chapters) == len(
        re.findall(r"\bNote\s*\[", reference))
    if docx.name not in LISTS_IN_TABLES:
        assert any(isinstance(b, ListItem) and not b.ordered for b in body) == (
            "BulletList" in reference)
        assert any(isinstance(b, ListItem) and b.ordered for b in body) == (
            "OrderedList" in reference)


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc is not installed")
@pytest.mark.parametrize("docx,native", PAIRS, ids=[pair[0].name for pair in PAIRS])
def test_word_recall_against_pandoc_plain(docx, native):
    plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", str(docx)],
                           capture_output=True, text=True, timeout=60).stdout
    document = read_or_empty(docx)
    text = our_text(document) if document else ""
    score = recall(words(plain_text_without_markers(plain)), words(text), text)
    assert score >= 0.99, f"{docx.name}: recall {score:.3f}"


def test_mammoth_expectations(corpus):
    expected = json.loads((corpus / "mammoth-docx" / "expected.json").read_text("utf-8"))
    folder = corpus / "mammoth-docx"

    simple = read_document(folder / "simple-list.docx")
    items = [b for c in simple.chapters for b in c.blocks if isinstance(b, ListItem)]
    assert [(i.text, i.ordered) for i in items] == [("Apple", False), ("Banana", False)]
    assert "<ul><li>Apple</li><li>Banana</li></ul>" in expected["simple-list.docx"]["html"]

    tables = read_document(folder / "tables.docx")
    body = [b for c in tables.chapters for b in c.blocks]
    assert [b.kind for b in body] == ["paragraph", "table", "paragraph"]
    assert body[1].rows == (("Top left", "Top right"), ("Bottom left", "Bottom right"))

    notes = read_document(folder / "footnotes.docx")
    facts = expected["footnotes.docx"]["text_facts"]
    assert [n.text for n in notes.chapters[0].notes] == facts["footnotes"]
    assert notes.chapters[0].blocks[0].text == facts["body"]

    endnotes = read_document(folder / "endnotes.docx")
    assert all(note.kind == "endnote" for c in endnotes.chapters for note in c.notes)

    assert read_document(folder / "strict-format.docx").chapters[0].blocks[0].text == "Test"
    assert read_document(folder / "utf8-bom.docx").chapters[0].blocks[0].text == \
        "This XML has a byte order mark."
    comments = read_document(folder / "comments.docx")
    assert any("comment" in warning for warning in comments.warnings)
    text_box = read_document(folder / "text-box.docx")
    assert "Datum plane" in our_text(text_box)


def test_every_corpus_docx_reads_or_fails_cleanly(corpus):
    """Every Word file in the corpus gives a document or a one-line InputError."""
    for path in sorted(corpus.glob("*/*.docx")):
        try:
            document = read_document(path)
        except InputError as error:
            assert "\n" not in str(error)
            continue
        assert document.chapters, path.name


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc is not installed")
def test_word_recall_on_every_other_corpus_docx(corpus):
    """Mammoth's and python-docx's Word files too: >= 99% of what pandoc reads."""
    checked = 0
    for path in sorted(corpus.glob("*/*.docx")):
        if path.parent.name == "pandoc-docx":
            continue  # covered, with pandoc's own expectations, above
        plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", str(path)],
                               capture_output=True, text=True, timeout=60)
        if plain.returncode != 0:
            continue  # pandoc cannot read it (ISO 29500 Strict); we can
        document = read_or_empty(path)
        text = our_text(document) if document else ""
        score = recall(words(plain_text_without_markers(plain.stdout)), words(text), text)
        assert score >= 0.99, f"{path.name}: recall {score:.3f}"
        checked += 1
    assert checked >= 20
