"""The text editions: the accessible web edition (html) and the large print PDF.

End to end on Word, Markdown and text sources and on the real policies in the corpus:
every word of the master in the web edition, axe-core's WCAG 2.2 A/AA checks and reflow
in headless Chromium, and for large print every character measured (none under 16pt, no
italics, nothing off the page), every font embedded and both PDF/UA checkers passing.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from browser import describe
from conftest import SAMPLE, STYLES, run_cli
from corpus_tools import recall, words
from test_pdfua import BIN, walk

from converter.config import Style
from converter.errors import InputError
from converter.formats.large_print import load_settings
from converter.readers import read_document

FORMATS = "html,large-print"
MARKDOWN = """# Bus pass scheme

Everyone over 66 can get a free bus pass. Read the [full rules](https://example.org/rules)
or email passes@example.org.

## Who can apply

- People aged 66 or over
- Disabled people
  - with a blue badge
  - who cannot drive
- Carers

1. Fill in the form
2. Send a photo

> We want travel to be fair for everyone.

| Pass | Price | Valid |
|---|---|---|
| Older person | Free | 5 years |
| Disabled person | Free | 3 years |

| A | B | C | D | E |
|---|---|---|---|---|
| one | two | three | four | five |

![A blue bus pass with a photo](pass.png)

## Contact

Call 0345 303 6760 or visit www.example.org/passes for help. We also publish this
in Polish (Polski) and Ukrainian (Українська).
"""
TEXT = """Parking permits

Residents can apply for one permit for each car registered at their address.

Permits cost 40 pounds a year. Blue badge holders do not pay.
"""


def tiny_png(width: int = 40, height: int = 20) -> bytes:
    """A small grey PNG written by hand, so the test needs no image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0,
                                                                0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def build(source: Path, output: Path, formats: str = FORMATS) -> Path:
    result = run_cli("build", source, "--output", output, "--formats", formats, "-q")
    assert result.returncode == 0, result.stderr
    return output / read_document(source).id


INLINE = {"a", "span", "sup", "sub", "strong", "b", "em", "i", "abbr", "code"}


class TextOf(HTMLParser):
    """The words a reader gets from a page: its text and its pictures' alt text."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in INLINE:
            self.parts.append(" ")
        if tag in ("style", "script"):
            self.skip += 1
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self.parts.append(" ")
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> TextOf:
    parser = TextOf()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def model_text(source: Path) -> str:
    document = read_document(source)
    parts = [document.title]
    for chapter in document.chapters:
        parts.extend(block.text for block in chapter.blocks)
        parts.extend(note.text for note in chapter.notes)
    return " ".join(parts)


def check_web_edition(folder: Path, source: Path) -> float:
    pages = sorted(folder.glob("*.html"))
    assert pages
    text = " ".join("".join(page_text(page).parts) for page in pages)
    score = recall(words(model_text(source)), words(text), text)
    assert score >= 0.99, f"{source.name}: web edition keeps {score:.3f} of the words"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tags = page_text(page).tags
        assert "script" not in tags, "no scripts"
        assert re.search(r'<html lang="[a-z]{2,3}(-[A-Z0-9]+)?">', html)
        assert 'class="skip-link" href="#_main"' in html and tags.count("h1") == 1
        levels = [int(tag[1]) for tag in tags if re.fullmatch(r"h[1-6]", tag)]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    return score


def large_print_pdf(folder: Path) -> Path:
    return next(folder.glob("*-large-print.pdf"))


def check_large_print(pdf_path: Path, minimum: float = 16, skip: str = "") -> dict:
    """Every character measured: size, font, position; fonts embedded; both PDF/UA checkers
    pass (outloud with warnings as failures, less the rules in `skip`)."""
    sizes: list[float] = []
    fonts: set[str] = set()
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert (round(page.width), round(page.height)) == (595, 842), "A4 portrait"
            for char in page.chars:
                if not char["text"].strip():
                    continue
                sizes.append(char["size"])
                fonts.add(char["fontname"])
                assert char["size"] >= minimum - 0.01, \
                    f"page {number}: {char['text']!r} at {char['size']:.1f}pt"
                assert char["x0"] >= 0 and char["x1"] <= page.width, f"page {number}: off the page"
                assert char["top"] >= 0 and char["bottom"] <= page.height, \
                    f"page {number}: off the page"
    assert sizes, "the PDF has text"
    assert not [f for f in fonts if re.search(r"italic|oblique", f, re.I)], fonts
    # Atkinson Hyperlegible, and DejaVu Sans for letters it lacks (Cyrillic, Greek).
    assert all(re.search("AtkinsonHyperlegible|DejaVuSans", font) for font in fonts), fonts
    assert any("AtkinsonHyperlegible" in font for font in fonts), fonts
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True).stdout
        rows = listing.strip().splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), listing
    outloud = subprocess.run([str(BIN / "outloud"), "--fail-on", "warning", "-q", str(pdf_path),
                              *(["--skip", skip] if skip else [])], capture_output=True, text=True)
    assert outloud.returncode == 0, outloud.stdout + outloud.stderr
    pdfua = subprocess.run([str(BIN / "pdfua"), "check", str(pdf_path)], capture_output=True,
                           text=True)
    assert pdfua.returncode == 0, pdfua.stdout + pdfua.stderr
    return {"min": min(sizes), "body": max(set(sizes), key=sizes.count), "fonts": fonts}


def structure_types(pdf_path: Path) -> list[str]:
    with pikepdf.open(pdf_path) as pdf:
        found: list = []
        walk(pdf.Root.StructTreeRoot.K, found)
        return [str(element.S)[1:] for element in found]


@pytest.fixture(scope="module")
def markdown_build(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("md")
    source = folder / "bus-passes.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    (folder / "pass.png").write_bytes(tiny_png())
    return source, build(source, folder / "out")


@pytest.fixture(scope="module")
def word_build(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("docx")
    source = folder / SAMPLE.name
    shutil.copy(SAMPLE, source)
    return source, build(source, folder / "out")


def test_word_source(word_build):
    source, doc_dir = word_build
    score = check_web_edition(doc_dir / "html", source)
    html = (doc_dir / "html" / f"{doc_dir.name}.html").read_text(encoding="utf-8")
    assert '<nav class="contents"' in html and "<caption" in html and '<th scope="col">' in html
    assert 'href="#note_1"' in html and 'id="note_1"' in html  # footnotes as linked notes
    # Contact details are links a phone can use; a table is named by its heading.
    assert '<a href="tel:03453036760">0345 303 6760</a>' in html
    assert '<a href="mailto:equality@northvale-ca.gov.uk">' in html
    assert '<a href="https://www.northvale-ca.gov.uk/equality">' in html
    assert '<caption id="table_1">Our workforce</caption>' in html and ">Table 1<" not in html
    assert score >= 0.99
    measured = check_large_print(large_print_pdf(doc_dir / "large-print"))
    assert round(measured["body"]) == 18
    kinds = structure_types(large_print_pdf(doc_dir / "large-print"))
    for kind in ("H1", "H2", "H3", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD"):
        assert kind in kinds, kind
    manifest = json.loads((doc_dir / "manifest.json").read_text(encoding="utf-8"))
    roles = {item["role"] for name in ("html", "large-print")
             for item in manifest["formats"][name]["files"]}
    assert roles == {"web-edition", "large-print-pdf"}


def test_markdown_source(markdown_build):
    source, doc_dir = markdown_build
    check_web_edition(doc_dir / "html", source)
    html = (doc_dir / "html" / "bus-passes.html").read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in html
    assert 'alt="A blue bus pass with a photo"' in html
    assert '<a href="https://example.org/rules">full rules</a>' in html
    assert "<ul><li>People aged 66 or over</li><li>Disabled people<ul><li>with a blue badge" in html
    pdf_path = large_print_pdf(doc_dir / "large-print")
    measured = check_large_print(pdf_path)
    assert any("DejaVuSans" in font for font in measured["fonts"]), "Cyrillic in the fallback"
    kinds = structure_types(pdf_path)
    assert "Figure" in kinds and "BlockQuote" in kinds
    # Print cannot be clicked: a link's address follows its text.
    with pdfplumber.open(pdf_path) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert "full rules (https://example.org/rules)" in " ".join(text.split())
    # The five-column table is set out row by row; every cell is still there.
    assert "A: one; B: two; C: three; D: four; E: five" in " ".join(text.split())
    assert "Українська" in text and "[?]" not in text


def test_text_source(tmp_path):
    source = tmp_path / "parking.txt"
    source.write_text(TEXT, encoding="utf-8")
    doc_dir = build(source, tmp_path / "out")
    check_web_edition(doc_dir / "html", source)
    check_large_print(large_print_pdf(doc_dir / "large-print"))


def test_rebuild_is_incremental(markdown_build, tmp_path):
    source, _ = markdown_build
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    shutil.copy(source.parent / "pass.png", tmp_path / "pass.png")
    build(copy, tmp_path / "out")
    again = run_cli("build", copy, "--output", tmp_path / "out", "--formats", FORMATS)
    assert "up to date (html, large-print)" in again.stdout, again.stdout + again.stderr
    (tmp_path / "pass.png").write_bytes(tiny_png(30, 30))  # a new picture, same text
    third = run_cli("build", copy, "--output", tmp_path / "out", "--formats", FORMATS)
    assert "built html, large-print" in third.stdout, third.stdout + third.stderr


def test_body_size_is_validated(tmp_path, style):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    settings = styles / "large-print.toml"
    settings.write_text(settings.read_text("utf-8").replace("body_pt = 18", "body_pt = 14"),
                        encoding="utf-8")
    with pytest.raises(InputError, match="body_pt must be a number from 16"):
        load_settings(Style(styles))
    source = tmp_path / "parking.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats", "large-print",
                     "--styles", styles)
    assert result.returncode == 2 and "body_pt must be a number from 16" in result.stderr
    assert "Traceback" not in result.stderr


def test_sixteen_point_is_allowed_and_measured(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    settings = styles / "large-print.toml"
    settings.write_text(settings.read_text("utf-8").replace("body_pt = 18", "body_pt = 16"),
                        encoding="utf-8")
    source = tmp_path / "parking.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats", "large-print",
                     "-q", "--styles", styles)
    assert result.returncode == 0, result.stderr
    measured = check_large_print(large_print_pdf(tmp_path / "out" / "parking" / "large-print"))
    assert round(measured["body"]) == 16 and measured["min"] >= 16


def test_no_organisation_line_unless_one_is_set(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    config = styles / "converter.toml"
    config.write_text(re.sub(r'(?m)^name = ".*"$', 'name = ""', config.read_text("utf-8")),
                      encoding="utf-8")
    source = tmp_path / "parking.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats", FORMATS, "-q",
                     "--styles", styles)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/parking/html/parking.html").read_text(encoding="utf-8")
    assert "Published by" not in html
    with pdfplumber.open(large_print_pdf(tmp_path / "out/parking/large-print")) as pdf:
        assert "Published by" not in pdf.pages[0].extract_text()


def test_real_policies(corpus, tmp_path):
    sources = [p for p in sorted((corpus / "policy-text-open").glob("*.md"))
               if p.name != "README.md"]
    assert sources
    for source in sources:
        copy = tmp_path / source.name
        shutil.copy(source, copy)
        doc_dir = build(copy, tmp_path / "out")
        check_web_edition(doc_dir / "html", copy)
        # PAG-001 guesses running headers from lines that differ only in numbers at the
        # top of 3+ pages: the open data policy's "Principle 4", "Principle 5"... headings
        # each start a page. They are headings in the master, tagged as headings.
        check_large_print(large_print_pdf(doc_dir / "large-print"), skip="PAG-001")


def test_web_edition_in_a_browser(browser, word_build, markdown_build, tmp_path):
    """axe-core finds no WCAG 2.2 A/AA violation; the page reflows at 320 CSS pixels (400%
    zoom of 1280) without sideways scrolling; the body text is at least 16px."""
    for _, doc_dir in (word_build, markdown_build):
        page = next((doc_dir / "html").glob("*.html"))
        browser.open(page)
        violations = browser.axe()
        assert violations == [], describe(violations)
        size = browser.js("return parseFloat(getComputedStyle(document.querySelector('main p'))"
                          ".fontSize);")
        assert size >= 16
        assert browser.js("return document.fonts.check('16px \"Atkinson Hyperlegible\"');")
        # The skip link appears when focused, with a visible focus outline (WCAG 2.4.7).
        focused = browser.js("const a = document.querySelector('.skip-link'); a.focus();"
                             "const s = getComputedStyle(a); const r = a.getBoundingClientRect();"
                             "return [s.outlineStyle, parseFloat(s.outlineWidth), r.left, r.width];")
        assert focused[0] == "solid" and focused[1] >= 2 and focused[2] >= 0 and focused[3] > 0
        browser.open(page, width=320)
        assert not browser.overflows_horizontally()
    catalogue = word_build[1].parent / "index.html"
    browser.open(catalogue)
    violations = browser.axe()
    assert violations == [], describe(violations)


def test_long_document_gets_a_page_a_chapter(tmp_path, browser):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    settings = styles / "html.toml"
    settings.write_text(settings.read_text("utf-8").replace("one_page_up_to_words = 20000",
                                                            "one_page_up_to_words = 50"),
                        encoding="utf-8")
    source = tmp_path / "bus-passes.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats", "html", "-q",
                     "--styles", styles)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "out/bus-passes/html"
    names = sorted(path.name for path in folder.glob("*.html"))
    assert names == ["bus-passes-contact.html", "bus-passes-introduction.html",
                     "bus-passes-who-can-apply.html", "bus-passes.html"]
    check_web_edition(folder, source)
    for name in names:
        browser.open(folder / name)
        violations = browser.axe()
        assert violations == [], f"{name}: {describe(violations)}"


def test_chapter_titles_never_clash_with_page_ids(tmp_path):
    """Chapters called "Contents", "Main" or "Note 1" get ids the page does not use itself."""
    source = tmp_path / "clash.md"
    source.write_text("# Clash\n\n## Contents\n\nText.\n\n## Main\n\nMore text.\n\n"
                      "## Note 1\n\nEven more.\n\n## Table 1\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                      encoding="utf-8")
    doc_dir = build(source, tmp_path / "out", "html")
    html = (doc_dir / "html" / "clash.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(ids)
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target


def test_word_pictures_are_embedded_with_their_alt_text(docx_maker, tmp_path):
    def make(document):
        document.add_heading("Depot plan", level=1)
        document.add_paragraph("The new depot opens in 2026.")
        shape = document.add_picture(io.BytesIO(tiny_png()))
        shape._inline.docPr.set("descr", "Map of the new bus depot")

    source = docx_maker.make("depot.docx", make)
    doc_dir = build(source, tmp_path / "out")
    html = (doc_dir / "html" / "depot.html").read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in html
    assert 'alt="Map of the new bus depot"' in html
    pdf_path = large_print_pdf(doc_dir / "large-print")
    check_large_print(pdf_path)
    with pikepdf.open(pdf_path) as pdf:
        found: list = []
        walk(pdf.Root.StructTreeRoot.K, found)
        alts = [str(e.Alt) for e in found if str(e.S) == "/Figure"]
        assert alts == ["Map of the new bus depot"]
        assert any(list(page.get_images()) for page in pdf.pages)


def test_blocks_of_capitals_are_reported(tmp_path):
    source = tmp_path / "notice.md"
    source.write_text("# Notice\n\nTHIS SERVICE WILL CLOSE ON FRIDAY.\n\nIt opens on Monday, "
                      "says the NCA.\n", encoding="utf-8")
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats", "large-print")
    assert result.returncode == 0, result.stderr
    assert "1 heading(s) or paragraph(s) are written in capitals" in result.stderr


def test_headings_must_be_larger_than_the_body(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    settings = styles / "large-print.toml"
    settings.write_text(re.sub(r"(?m)^heading_pt = 26", "heading_pt = 17",
                               settings.read_text("utf-8")), encoding="utf-8")
    with pytest.raises(InputError, match=r"heading_pt must be a size larger than body_pt \(18\)"):
        load_settings(Style(styles))


def test_web_contacts_are_links_and_tables_named_by_heading():
    from converter.formats.web.render import PageParts, chapter_html
    from converter.model import Chapter, Heading, Link, Paragraph, Table

    table = Table((("Group", "Share"), ("Women", "48%")), header_rows=1)
    chapter = Chapter("c", "Contact", 1, (
        Heading(1, "Contact"),
        Paragraph("Call +44 (0)121 303 6760 or email a.b@example.org today.",
                  links=(Link("email a.b@example.org", "mailto:a.b@example.org"),)),
        Heading(2, "Staff"), table, table))
    html = chapter_html(chapter, PageParts({}, lambda image: None))
    assert '<a href="tel:+441213036760">+44 (0)121 303 6760</a>' in html
    assert html.count("<a ") == 2, "the master's own link is kept, not linked twice"
    assert '<caption id="table_1">Staff</caption>' in html
    assert '<caption id="table_2">Staff, table 2</caption>' in html


def test_text_editions_hash_their_own_inputs(style):
    """Web edition and large print share one inputs hash (textparts.TextEdition): each
    changes with its own style files and document facts only."""
    import dataclasses

    from converter.formats.large_print import FORMAT as LARGE_PRINT
    from converter.formats.web import FORMAT as WEB
    from converter.pipeline.load import load_document

    document = load_document(SAMPLE, style)
    renamed = dataclasses.replace(document, author="Someone Else")
    assert WEB.inputs_sha256(document, style, SAMPLE.parent) == WEB.inputs_sha256(
        renamed, style, SAMPLE.parent), "the web edition does not show the author"
    assert LARGE_PRINT.inputs_sha256(document, style, SAMPLE.parent) != \
        LARGE_PRINT.inputs_sha256(renamed, style, SAMPLE.parent)
    assert WEB.status_notes(document, style, SAMPLE.parent) == []


def test_large_print_tree_bookmarks_and_bytes(word_build, tmp_path):
    """The structure tree the canvas writes as it goes reaches every tagged piece (a
    paragraph over a page break is one element, its second part named by page); each
    bookmark opens the page its heading is printed on; a rebuild gives the same bytes."""
    source, doc_dir = word_build
    pdf_path = large_print_pdf(doc_dir / "large-print")
    with pikepdf.open(pdf_path) as pdf, pdfplumber.open(pdf_path) as plumber:
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        assert int(root.ParentTreeNextKey) == len(parents)
        split = 0
        for index, page in enumerate(pdf.pages):
            ids = [int(operands[1].MCID) for operands, operator
                   in pikepdf.parse_content_stream(page) if str(operator) == "BDC"
                   and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]]
            assert ids == list(range(len(ids))) and len(parents[index]) == len(ids)
            for mcid in ids:
                element = parents[index][mcid]
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                here = [kid for kid in kids if isinstance(kid, int) and kid == mcid
                        and element.Pg.objgen == page.obj.objgen]
                there = [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)
                         and kid.get("/Type") == "/MCR" and int(kid.MCID) == mcid
                         and kid.Pg.objgen == page.obj.objgen]
                assert len(here) + len(there) == 1, (index, mcid)
                split += len(there)
            for annot in page.obj.get("/Annots", []):
                link = parents[int(annot.StructParent)]
                assert str(link.S) == "/Link" and link.K[0].Obj.objgen == annot.objgen
                assert str(annot.Contents) and str(link.Alt) == str(annot.Contents)
        assert split, "the sample has paragraphs that run over a page break"
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            marks = [(item.title, pages[item.destination[0].objgen])
                     for top in outline.root for item in [top, *top.children]]
        assert len({page for _, page in marks}) > len(marks) // 3
        for title, page in marks:
            text = " ".join((plumber.pages[page].extract_text() or "").split())
            assert " ".join(title.split()[:4]) in text, (title, page)
    again = build(source, tmp_path / "again", formats="large-print")
    assert large_print_pdf(again / "large-print").read_bytes() == pdf_path.read_bytes()


def test_a_list_introduction_is_never_left_at_a_page_foot(word_build):
    """Page 3 of the sample ended 'The protected characteristics are:' and '• age'; the
    other eight followed on page 4."""
    pdf_path = large_print_pdf(word_build[1] / "large-print")
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = [line.strip() for line in (page.extract_text() or "").splitlines()
                     if line.strip() and not re.fullmatch(r"Page \d+ of \d+", line.strip())]
            assert lines and not lines[-1].endswith(":"), f"page {number} ends '{lines[-1]}'"
            if len(lines) > 1 and lines[-2].endswith(":"):
                assert not lines[-1].startswith("\u2022"), f"page {number}: one item alone"
