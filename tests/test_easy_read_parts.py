"""An Easy Read in parts, each part standing alone: a resident may be sent one part only.
Every part bolds and explains the hard words its own rows use, lists what every part covers
after its cover, has its own contact page, page numbers and DRAFT band; the manifest, the
catalogue and a fetched package name each part and what it holds; approval covers them all."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from conftest import SAMPLE, load_manifest, styles_with

from converter.formats.base import file_label
from converter.formats.easy_read import split_parts, standalone
from converter.formats.easy_read.review import DRAFT_BAND
from converter.formats.easy_read.script import Row, Script, Section, bank_forms

BANK = {"resident": "someone who lives in an area.",
        "consultation": "when we ask people what they think.",
        "equality": "being treated fairly."}
MM = 72 / 25.4


def bolded(script: Script) -> list[str]:
    return [m for row in script.rows() for m in re.findall(r"\*\*(.+?)\*\*", row.text)]


def test_a_part_bolds_where_it_first_uses_a_word_and_banks_only_its_words():
    part = Script("Plan", sections=[Section("Housing (continued)", rows=[
        Row("h-1", [], "We asked residents what they need."),  # bold in an earlier part only
        Row("h-2", [], "Every resident can reply to the **consultation**."),
        Row("h-3", [], "The Equality Act protects residents."),  # a name, then a 2nd use
        Row("h-4", [], "Email resident.help@example.gov.uk to ask."),
    ])], word_bank=dict(BANK))
    alone = standalone(part)
    texts = [row.text for row in alone.rows()]
    assert texts[0] == "We asked **residents** what they need."
    assert texts[1] == "Every resident can reply to the **consultation**.", "first use only"
    assert texts[2] == "The Equality Act protects residents.", "not inside a name"
    assert "**" not in texts[3], "never inside an email or web address"
    assert set(alone.word_bank) == {"resident", "consultation"}, "equality is not used"


def test_a_word_at_the_start_of_a_sentence_is_still_bolded():
    part = Script("Plan", sections=[Section("Fair", rows=[
        Row("f-1", [], "Equality matters. Consultation helps.")])], word_bank=dict(BANK))
    assert standalone(part).rows()[0].text == "**Equality** matters. **Consultation** helps."


def test_a_word_the_parts_glossary_explains_first_is_not_banked_again():
    """Part 4 of the sample first used 'discrimination' in the master's own 'Words we use'
    row, then explained it again under 'Hard words'."""
    glossary = Row("w-1", [], "**Discrimination** means treating someone unfairly.")
    later = Row("w-2", [], "We act on discrimination and every resident.")
    bank = {"discrimination": "treating someone unfairly.", **BANK}
    part = Script("Plan", sections=[Section("Words we use", rows=[glossary, later])],
                  word_bank=bank)
    assert set(standalone(part).word_bank) == {"resident"}
    earlier = Row("w-0", [], "Discrimination is against the law.")
    part.sections[0].rows.insert(0, earlier)
    alone = standalone(part)
    assert alone.rows()[0].text == "**Discrimination** is against the law."
    assert set(alone.word_bank) == {"discrimination", "resident"}, "used before the glossary"



def test_a_section_split_between_parts_explains_its_words_in_both(tmp_path):
    """The drafter bolds a word once a section; a section split between parts used to leave
    the second part with the word plain and unexplained."""
    rows = [Row("s-1", [], "We held a **consultation** with every **resident** we could.")]
    rows += [Row(f"s-{n}", [], f"Point {n} of what we found is short.") for n in range(2, 13)]
    rows.append(Row("s-13", [], "The consultation told us what each resident wants."))
    script = Script("Plan", sections=[Section("What we found", "found", "ab", rows)],
                    word_bank=dict(BANK))
    parts = split_parts(script, styles_with(tmp_path, max_content_rows=8))
    assert len(parts) == 2
    assert parts[1].sections[0].heading == "What we found (continued)"
    for part in parts:
        assert sorted(w.lower() for w in bolded(part)) == ["consultation", "resident"]
        assert set(part.word_bank) == {"consultation", "resident"}
    assert parts[1].rows()[-1].text == \
        "The **consultation** told us what each **resident** wants."
    assert [row.id for part in parts for row in part.rows()] == [r.id for r in rows]


# -- the sample, built into parts ------------------------------------------------------------


@pytest.fixture(scope="module")
def parts_build(tmp_path_factory):
    from conftest import run_cli

    workspace = tmp_path_factory.mktemp("parts")
    source = workspace / SAMPLE.name
    shutil.copy(SAMPLE, source)
    output = workspace / "output"
    built = run_cli("build", source, "--output", output, "--formats", "easy-read", "--quiet")
    assert built.returncode == 0, built.stderr
    return source, output


def part_pdfs(output: Path) -> list[tuple[dict, Path]]:
    doc = output / "equality-inclusion-scheme"
    entries = [item for item in load_manifest(doc)["formats"]["easy-read"]["files"]
               if item["role"] == "easy-read-pdf"]
    return [(item, doc / item["path"]) for item in entries]


def body_lines(page) -> list[tuple[float, str, bool]]:
    """(size, text, bold) for each line of a page, top to bottom, without the band and the
    page number."""
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
    lines: dict[int, list] = {}
    for word in words:
        if 20 * MM < word["top"] < page.height - 26 * MM:
            lines.setdefault(round(word["bottom"]), []).append(word)
    return [(max(w["size"] for w in line), " ".join(w["text"] for w in line),
             all("Bold" in w["fontname"] for w in line)) for _, line in sorted(lines.items())]


def test_every_part_stands_alone(parts_build):
    _, output = parts_build
    pdfs = part_pdfs(output)
    count = len(pdfs)
    assert count >= 2
    every = [item["part"]["sections"] for item, _ in pdfs]
    for number, (item, path) in enumerate(pdfs, start=1):
        assert item["part"]["number"] == number and item["part"]["of"] == count
        with pdfplumber.open(path) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
            assert f"Part {number} of {count}" in pages[0]
            # What every part covers, on the page after the cover.
            contents = pages[1]
            assert "What is in each part" in contents
            assert f"This is part {number}." in contents
            for other, headings in enumerate(every, start=1):
                here = " (this part)" if other == number else ""
                assert f"Part {other}{here} is about:" in contents
                assert all(heading in contents for heading in headings)
            assert contents.count("(this part)") == 1
            for index, text in enumerate(pages, start=1):
                assert f"Page {index} of {len(pages)}" in text, "numbered within the part"
                assert DRAFT_BAND in text, "the band on every page of every part"
            assert "0345 303 6760" in pages[-1] + pages[-2], "its own contact page"
            bank_page = next(i for i, text in enumerate(pages) if "\nHard words\n" in
                             f"\n{text}\n")
            used, entries, defined = set(), [], set()
            for index, page in enumerate(pdf.pages):
                lines = body_lines(page)
                if lines and lines[-1][0] > 24 and lines[-1][2]:
                    pytest.fail(f"{path.name} page {index + 1}: heading "
                                f"'{lines[-1][1]}' alone at the page foot")
                for char in page.chars:
                    assert char["x0"] >= 18 * MM - 1 and char["x1"] <= page.width - 18 * MM + 1,\
                        f"{path.name} page {index + 1}: text beyond the margin"
                bold = {w["text"].strip(".,:;()").lower() for w in page.extract_words(
                    extra_attrs=["size", "fontname"]) if "Bold" in w["fontname"]
                    and abs(w["size"] - 18) < 0.5}
                if 2 <= index < bank_page:
                    used |= bold
                    for term in re.findall(r"^((?:\w+ )?\w+) means\b", pages[index], re.M):
                        defined |= {term.lower(), *term.lower().split()}  # 'protected characteristic'
                elif index >= bank_page:
                    entries += [m.lower() for m in re.findall(  # 'civil partnership' too
                        r"^((?:\w+ )?\w+) means\b", pages[index], re.M)]
            assert entries, f"{path.name} has a word bank"
            assert len(entries) == len(set(entries)), f"{path.name}: a word banked twice"
            terms = {word for entry in entries if " " in entry for word in entry.split()}
            for word in {w for w in used if not set(bank_forms(w)) & terms}:
                assert set(bank_forms(word)) & (set(entries) | defined), \
                    f"{path.name}: '{word}' is bold but not explained in this part"
            for entry in entries:
                assert any(entry in bank_forms(word) for word in used) or (
                    " " in entry and all(any(w in bank_forms(u) for u in used)
                                         for w in entry.split())), \
                    f"{path.name}: '{entry}' is explained but this part does not use it"


def contact_pages(pages: list[str]) -> list[str]:
    """The pages of a part from its contact page's heading to the end (the band and the
    page number are on every page, so the heading is the first line after the band)."""
    def first(text: str) -> str:
        lines = [line for line in text.splitlines() if line.strip() and DRAFT_BAND not in line]
        return lines[0] if lines else ""
    start = max(index for index, text in enumerate(pages) if first(text) == "Contact us")
    return pages[start:]


def test_every_parts_contact_page_is_one_page_when_its_rows_can_be(parts_build):
    _, output = parts_build
    pdfs = part_pdfs(output)
    slots = (output / "equality-inclusion-scheme" / "easy-read" / "image-slots.csv")
    sizes: dict[str, set[float]] = {}
    with slots.open(encoding="utf-8", newline="") as handle:
        for slot in csv.DictReader(handle):
            if slot["id"].startswith("contact-"):
                sizes.setdefault(slot["file"], set()).add(float(slot["width_mm"]))
    for number, (_, path) in enumerate(pdfs, start=1):
        with pdfplumber.open(path) as pdf:
            pages = contact_pages([page.extract_text() or "" for page in pdf.pages])
        shown = "\n".join(pages)
        for detail in ("Phone us on 0345 303 6760.", "Dial 18001 then", "NV1 4QT",
                       "Email us at equality@northvale-ca.gov.uk.", "Our website is",
                       "You can ask us for this in large print"):
            assert detail in shown, (path.name, detail)
        assert "Pictures from OpenMoji" in pages[-1], "the credits under the contact page"
        if number < len(pdfs):
            # Six rows (phone, Relay UK, email, the address on six lines, website, other
            # formats): one page, with smaller pictures than the body's 5 cm.
            assert len(pages) == 1, f"{path.name}: the contact page runs onto {len(pages)} pages"
            assert sizes[path.name] and 25 <= min(sizes[path.name]) < 50
        else:
            # The last part carries the master's own contact chapter, three rows more: too
            # many for one page, so two, the second clearly headed, pictures bigger again.
            assert len(pages) == 2, path.name
            assert pages[1].splitlines()[1:2] == ["Contact us (continued)"], pages[1][:120]
            assert min(sizes[path.name]) > 26


def test_catalogue_and_fetch_name_each_part(parts_build, cli, tmp_path):
    _, output = parts_build
    pdfs = part_pdfs(output)
    labels = [file_label("Easy Read PDF", item) for item, _ in pdfs]
    assert labels[0].startswith(f"Easy Read PDF, part 1 of {len(pdfs)}: Introduction")
    catalogue = (output / "index.html").read_text("utf-8")
    links = re.findall(r'<a href="[^"]*easy-read-part-\d\.pdf">([^<]*)</a>', catalogue)
    assert links == [label.replace("'", "&#x27;") for label in labels], "one distinct link each"
    from converter.serve.pages import document_page

    page = document_page(load_manifest(output / "equality-inclusion-scheme"), None, "token")
    for (_, path), label in zip(pdfs, labels, strict=True):
        assert f"Open Easy Read: {path.name}, part {label.split(', part ')[1]}".replace(
            "'", "&#x27;") in page, "the serve page names each part"
    fetched = cli("fetch", "equality-inclusion-scheme", "--format", "easy-read", "--to",
                  tmp_path / "sent", "--output", output, "--draft")
    assert fetched.returncode == 0, fetched.stderr
    folder = tmp_path / "sent" / "equality-inclusion-scheme-easy-read"
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(p.name for _, p in pdfs)
    readme = (folder / "README.txt").read_text("utf-8")
    for (_, path), label in zip(pdfs, labels, strict=True):
        assert f"- {path.name}: {label}" in readme


def test_approval_covers_every_part(cli, tmp_path):
    """Approving the script takes the band off every part; an edit to a section in the last
    part brings it back on all of them, and status and fetch say which section."""
    source = tmp_path / SAMPLE.name  # its own copy: the script is written beside it
    shutil.copy(SAMPLE, source)
    output = tmp_path / "out"
    assert cli("easy-read", "draft", source).returncode == 0
    script = source.with_name("equality-inclusion-scheme.easyread.md")
    text = re.sub(r"\s*<!--\s*writer:.*?-->", "", script.read_text("utf-8"))
    script.write_text(text, encoding="utf-8")  # as if a writer had rewritten those rows
    approved = cli("easy-read", "approve", source, "--by", "Jane Smith")
    assert approved.returncode == 0, approved.stderr
    assert cli("build", source, "--output", output, "--formats", "easy-read").returncode == 0
    pdfs = part_pdfs(output)
    assert len(pdfs) >= 2
    for _, path in pdfs:
        with pdfplumber.open(path) as pdf:
            assert not any("DRAFT" in (page.extract_text() or "") for page in pdf.pages)
    status = cli("status", source, "--output", output, "--formats", "easy-read")
    assert status.returncode == 0, status.stdout + status.stderr

    last = pdfs[-1][0]["part"]["sections"][0]
    lines = script.read_text("utf-8").splitlines()
    at = lines.index(f"## {last}")
    row = next(i for i in range(at, len(lines)) if lines[i].startswith("[picture"))
    lines[row] = lines[row].rstrip(".") + " today."
    script.write_text("\n".join(lines), encoding="utf-8")
    assert cli("build", source, "--output", output, "--formats", "easy-read").returncode == 0
    for _, path in part_pdfs(output):
        with pdfplumber.open(path) as pdf:
            assert all(DRAFT_BAND in (page.extract_text() or "") for page in pdf.pages)
    status = cli("status", source, "--output", output, "--formats", "easy-read")
    assert status.returncode == 1 and last in status.stdout
    refused = cli("fetch", "equality-inclusion-scheme", "--format", "easy-read", "--to",
                  tmp_path / "sent", "--output", output)
    assert refused.returncode == 1 and last in refused.stderr


# -- layout problems found reading the parts -------------------------------------------------


def test_a_token_wider_than_the_line_is_broken_not_run_off_the_page():
    """A commit hash in a master ran 12 mm past the right margin (corpus README)."""
    from converter.formats.easy_read.layout import markup

    def fits(piece: str) -> bool:
        return len(piece) <= 20

    text = "See file.md | b6870a8482ea8cfd97a120757238ce35a0cf7e0d | MIT and **fairness**."
    out = markup(text, fits)
    assert "<br/>b6870a8482ea8cfd97a1<br/>20757238ce35a0cf7e0d" in out
    assert all(fits(line.strip()) or " " in line.strip()
               for line in out.split("<br/>")[1:-1])
    assert "<b>fairness</b>" in out, "bold kept"
    assert markup("A short sentence with **bold**.", fits) == \
        "A short sentence with <b>bold</b>.", "words that fit are never broken"


def test_women_find_a_woman_not_a_megaphone(style):
    """'For women, the share of our staff is 48%' showed a megaphone ('share' as in 'tell')."""
    from converter.formats.easy_read.pictures import PictureLibrary, singular

    assert singular("women") == "woman" and singular("children") == "child"
    entry, _ = PictureLibrary.load(style).best(["women", "share", "staff"])
    assert entry is not None and "woman" in entry.alt.lower()
    entry, _ = PictureLibrary.load(style).best(["share", "region"])
    assert entry is None or "megaphone" not in entry.alt.lower()


def test_fetch_one_part_by_chapter(parts_build, cli, tmp_path):
    """Customer services send a resident only the part that holds the chapter they asked
    about; the README still says which part it is and what it holds."""
    _, output = parts_build
    pdfs = part_pdfs(output)
    third = pdfs[2][0]["part"]
    chapter = third["chapters"][-1]
    assert all(chapter not in item["part"]["chapters"] for item, _ in pdfs[:2])
    fetched = cli("fetch", "equality-inclusion-scheme", "--format", "easy-read", "--to",
                  tmp_path / "sent", "--output", output, "--draft", "--chapters", str(chapter))
    assert fetched.returncode == 0, fetched.stderr
    folder = tmp_path / "sent" / "equality-inclusion-scheme-easy-read"
    assert [p.name for p in folder.glob("*.pdf")] == [pdfs[2][1].name]
    readme = (folder / "README.txt").read_text("utf-8")
    assert f"part 3 of {len(pdfs)}: {'; '.join(third['sections'])}" in readme
    both = cli("fetch", "equality-inclusion-scheme", "--format", "easy-read", "--to",
               tmp_path / "two", "--output", output, "--draft", "--chapters", f"1,{chapter}")
    assert both.returncode == 0, both.stderr
    assert len(list((tmp_path / "two").rglob("*.pdf"))) == 2


def test_a_phone_number_or_postcode_is_not_split_across_lines():
    """Part 4 of the sample broke 'Relay UK by dialling 18001 then 0345 303' / '6760'."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from converter.formats.easy_read.layout import markup

    text = "You can use Relay UK by dialling 18001 then 0345 303 6760 or write to NV1 4QT."
    out = markup(text)
    assert "0345\u00a0303\u00a06760" in out and "NV1\u00a04QT" in out
    assert "Relay UK by dialling" in out, "other spaces still break"
    paragraph = Paragraph(out, ParagraphStyle("b", fontName="Helvetica", fontSize=18,
                                              leading=27))
    paragraph.wrap(260, 500)
    lines = [" ".join(map(str, line[1])) for line in paragraph.blPara.lines]
    assert any("0345\u00a0303\u00a06760" in line for line in lines), lines


def test_a_two_word_term_the_glossary_explains_is_seen_as_explained():
    from converter.formats.easy_read.script import defines

    row = Row("w-1", [], "**Protected characteristic** means a part of who someone is.")
    assert defines(row, "protected characteristic")
    assert not defines(row, "characteristic")
