"""Braille: UEB grade 2 BRF read back with liblouis, page geometry, settings, rebuilds."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLE, load_manifest

from converter.formats.braille import layout, louis

pytestmark = pytest.mark.skipif(shutil.which("lou_translate") is None,
                                reason="liblouis is needed (make setup installs liblouis-bin)")
TABLES = "en-us-brf.dis,en-ueb-g2.ctb"
WORD = re.compile(r"[a-z0-9]+")


def master_words(source: Path) -> Counter:
    from converter.readers import read_document

    document = read_document(source)
    texts = [document.title]
    for chapter in document.chapters:
        texts.append(chapter.title)
        texts += [block.text for block in chapter.blocks]
        texts += [note.text for note in chapter.notes]
    return Counter(WORD.findall(" ".join(texts).lower()))


def brf_pages(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert all(b in (0x0D, 0x0A, 0x0C) or 0x20 <= b <= 0x5F for b in data), "not braille ASCII"
    text = data.decode("ascii")
    assert "\n" not in text.replace("\r\n", ""), "every line ends with CR LF"
    pages = [page.split("\r\n") for page in text.split("\f")]
    for page in pages:
        assert page[-1] == "", "a page ends with CR LF"
        page.pop()
    return pages


def back_translated_words(path: Path) -> Counter:
    lines = []
    for page in brf_pages(path):
        for line in page[:-1]:  # the last line is the braille page number
            if lines and lines[-1].endswith(layout.CONTINUATION) and not lines[-1].endswith(
                    layout.GUIDE_DOT * 2):
                lines[-1] = lines[-1][:-1] + line.strip()
            elif line.strip():
                lines.append(line.strip())
    return Counter(WORD.findall(" ".join(louis.backward(lines, TABLES)).lower()))


def check_brf(path: Path, source: Path, cells: int = 40, rows: int = 25) -> float:
    pages = brf_pages(path)
    assert len(pages) > 2  # title page, contents, chapters
    for number, page in enumerate(pages, start=1):
        assert len(page) <= rows, f"page {number} has {len(page)} lines"
        assert all(len(line) <= cells for line in page), f"page {number} has a long line"
        assert page[-1].strip().startswith(("#", "P#")), "braille page number on the last line"
    master = master_words(source)
    back = back_translated_words(path)
    recall = sum((master & back).values()) / sum(master.values())
    assert recall >= 0.95, f"{path.name}: {recall:.1%} of the master's words read back"
    return recall


def test_wrap_never_splits_a_braille_word():
    lines = layout.wrap("AAAA BBBB CCCCCC DD", 10, 2, 0)
    assert lines == ["  AAAA", "BBBB", "CCCCCC DD"]
    assert [w for line in lines for w in line.split()] == ["AAAA", "BBBB", "CCCCCC", "DD"]
    long = layout.wrap("X" * 25, 10)  # only a word longer than a line is divided
    assert all(len(line) <= 10 for line in long)
    assert "".join(line.rstrip('"') for line in long) == "X" * 25


def test_page_numbers_and_contents_entries():
    assert layout.braille_number(12) == "#AB"
    assert layout.braille_number(3, "P") == "P#C"
    line = layout.contents_lines([(",9TRODUC;N", 1)], 40)[0].text
    assert len(line) == 40 and line.startswith(",9TRODUC;N ") and line.endswith(' #A')


def test_heading_is_never_a_pages_last_line():
    lines = [layout.Line(f"TEXT{i}") for i in range(23)]
    lines += [layout.Line(",HEAD+", keep_with_next=True), layout.Line("BODY")]
    pages = layout.paginate(lines, 25)
    assert pages[1].lines[:2] == [",HEAD+", "BODY"]


def test_sample_braille(sample_build):
    folder = sample_build / "braille"
    recall = check_brf(folder / "equality-inclusion-scheme.brf", SAMPLE)
    assert recall >= 0.95
    entry = load_manifest(sample_build)["formats"]["braille"]
    roles = {item["path"]: item["role"] for item in entry["files"]}
    assert roles == {"braille/equality-inclusion-scheme.brf": "braille-brf",
                     "braille/equality-inclusion-scheme.pef": "braille-pef"}
    facts = entry["facts"]
    assert facts["cells_per_line"] == 40 and facts["lines_per_page"] == 25
    assert [c["braille_page"] for c in facts["chapters"]] == sorted(
        c["braille_page"] for c in facts["chapters"])
    pef = (folder / "equality-inclusion-scheme.pef").read_text(encoding="utf-8")
    assert "http://www.daisy.org/ns/2008/pef" in pef and 'cols="40"' in pef
    assert pef.count("<page>") == len(brf_pages(folder / "equality-inclusion-scheme.brf"))


def test_policies_in_braille(corpus, tmp_path, cli):
    sources = [s for s in sorted((corpus / "policy-text-open").glob("*.md"))
               if "README" not in s.name]
    assert sources
    for source in sources:
        copy = tmp_path / source.name
        shutil.copy(source, copy)
        result = cli("build", copy, "--output", tmp_path / "out", "--formats", "braille", "-q")
        assert result.returncode == 0, result.stderr
        doc_dir = next(p for p in (tmp_path / "out").iterdir()
                       if p.is_dir() and (p / "manifest.json").is_file()
                       and load_manifest(p)["document"]["source"].endswith(source.name))
        check_brf(next((doc_dir / "braille").glob("*.brf")), copy)


def test_rebuilt_only_when_inputs_change(tmp_path, cli):
    source = tmp_path / "short.md"
    source.write_text("# Short policy\n\n## About\n\nWe treat people fairly.\n\n"
                      "- We listen.\n- We act.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", source, "--output", out, "--formats", "braille").returncode == 0
    brf = out / "short" / "braille" / "short.brf"
    first = brf.read_bytes()
    again = cli("build", source, "--output", out, "--formats", "braille")
    assert again.returncode == 0 and "braille" not in again.stdout.split("built", 1)[-1]
    assert brf.read_bytes() == first
    source.write_text(source.read_text() + "\nA new paragraph.\n", encoding="utf-8")
    assert cli("build", source, "--output", out, "--formats", "braille").returncode == 0
    assert brf.read_bytes() != first


@pytest.mark.parametrize("setting, message", [
    ("cells_per_line = 100", "cells_per_line must be a whole number from 20 to 50"),
    ("lines_per_page = \"x\"", "lines_per_page must be a whole number"),
])
def test_bad_settings_are_clear_errors(tmp_path, cli, setting, message):
    from conftest import STYLES

    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    toml = styles / "braille.toml"
    key = setting.split(" =")[0]
    toml.write_text(re.sub(rf"^{key} = .*$", setting, toml.read_text(), flags=re.M))
    source = tmp_path / "p.md"
    source.write_text("# P\n\nText.\n", encoding="utf-8")
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "braille",
                 env={"CONVERTER_STYLES": str(styles)})
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_long_words_divide_after_a_slash_never_inside_a_sign():
    url = '"<HTTPS3_/_/WWW4EXAMPLE4GOV4UK_/A_/V]Y_/L;G_/ADDRESS_/?AT_/GOES">'
    lines = layout.wrap(url, 40)
    assert lines[0].endswith('_/"') and all(len(line) <= 40 for line in lines)
    assert not any(line[:-1].endswith(("_", ",", "#")) for line in lines[:-1])
    assert "".join(line[:-1] for line in lines[:-1]) + lines[-1] == url


def test_characters_without_braille_are_named(tmp_path, cli):
    source = tmp_path / "snow.md"
    source.write_text("# Snow\n\nA snowman \u2603 in the park.\n", encoding="utf-8")
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "braille")
    assert result.returncode == 0, result.stderr
    assert "U+2603" in result.stderr
    brf = tmp_path / "out" / "snow" / "braille" / "snow.brf"
    assert "'\\X" not in brf.read_text(encoding="ascii")


def test_missing_liblouis_is_one_clear_line(monkeypatch):
    from converter.errors import ConverterError

    monkeypatch.setattr(louis.shutil, "which", lambda name: None)
    with pytest.raises(ConverterError, match="Braille needs liblouis: run `make setup`"):
        louis.forward(["text"], TABLES)


def test_pef_cells_match_liblouis_unicode_braille():
    from converter.formats.braille.pef import _dots

    text = ["The council's policy (2024): see https://example.gov.uk/a_b?x=1 & more!"]
    brf = louis.forward(text, TABLES)[0]
    unicode = louis.forward(text, "unicode.dis,en-ueb-g2.ctb")[0]
    assert "".join(_dots(ch) for ch in brf.upper()).replace("\u2800", " ") == \
        unicode.replace("\u2800", " ")


@pytest.mark.skipif(shutil.which("lou_translate") is None, reason="needs liblouis")
def test_contact_details_are_uncontracted():
    """Addresses are written letter for letter; the text around them stays contracted."""
    from converter.formats.braille import addresses

    tables, plain = "en-us-brf.dis,en-ueb-g2.ctb", "en-us-brf.dis,en-ueb-g1.ctb"
    lines = ["Email equality@northvale.gov.uk or see www.northvale.gov.uk/equality today.",
             "Equality for everyone in the north.", " "]
    mixed = addresses.forward(lines, tables, plain)
    assert mixed[1:] == louis.forward([lines[1], " "], tables), "no address: as before"
    words = mixed[0].upper().split()
    assert words[1] == "EQUALITY@ANORTHVALE4GOV4UK", mixed[0]
    assert words[4] == "WWW4NORTHVALE4GOV4UK_/EQUALITY", mixed[0]
    assert "EQUAL;Y" in louis.forward([lines[0]], tables)[0].upper(), "contracted before"
    assert words[2] == "OR" and words[-1] == "TD4", "\"today\" is still contracted"
    assert louis.backward([mixed[0]], tables)[0].lower() == lines[0].lower()
