"""A web address too wide for a large print line breaks only after "/", ".", "-", "?" and
the like, never inside a word of it ("(htt" / "ps://..."), and no hyphen is added."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber

from converter.formats.pdfdraw import BREAK_AFTER, address_lines, wide_tokens_broken
from converter.language.contacts import WEB

LONG = "https://github.com/dwp/dataworks-open-source-policy/blob/master/documentation.md"
MARKDOWN = f"""# Long addresses

## Links

Some useful guidance on creating open source products ({LONG}?title=Guidance+on+creating)
currently exists.

- Specific policy can be found at {LONG.replace("documentation", "open-source-repositories")}

| Policy | Where |
| --- | --- |
| Documentation | {LONG} |
"""


def _fits(width: int):
    return lambda text: len(text) <= width


def test_lines_end_after_a_break_character_and_keep_every_character():
    token = f"({LONG})."
    lines = address_lines(token, _fits(30))
    assert "".join(lines) == token
    assert all(line[-1] in BREAK_AFTER for line in lines[:-1]), lines
    assert lines[0] == "(https://github.com/dwp/"  # "https" is never split


def test_only_words_too_wide_are_broken_and_the_markup_is_escaped():
    markup = wide_tokens_broken(f"See A&B at {LONG}?a=1&b=2 now", _fits(40))
    assert markup.startswith("See A&amp;B at https://github.com/dwp/dataworks-open-<br/>")
    assert "&amp;b=2 now" in markup and markup.count("<br/>") >= 2


def _line_pairs(pdf_path: Path) -> list[tuple[str, str]]:
    with pdfplumber.open(pdf_path) as pdf:
        lines = [line.strip() for page in pdf.pages
                 for line in (page.extract_text() or "").splitlines()
                 if line.strip() and not re.fullmatch(r"Page \d+ of \d+", line.strip())]
    return list(zip(lines, lines[1:], strict=False))


def _breaks_inside_addresses(pdf_path: Path, text: str) -> list[str]:
    """Line ends inside an address of `text` that are not after a break character."""
    addresses = [f"({match.group(0)})" for match in WEB.finditer(text)]
    bad, inside = [], 0
    for line, following in _line_pairs(pdf_path):
        last, first = line.split()[-1], following.split()[0]
        if any(last + first in address for address in addresses):
            inside += 1
            if last[-1] not in BREAK_AFTER:
                bad.append(f"{last} / {first}")
    assert inside, "no address was broken across lines: the test checks nothing"
    return bad


def test_large_print_breaks_addresses_only_after_break_characters(tmp_path, cli):
    source = tmp_path / "long-addresses.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "large-print", "-q")
    assert result.returncode == 0, result.stderr
    pdf_path = next((tmp_path / "out").glob("*/large-print/*.pdf"))
    assert _breaks_inside_addresses(pdf_path, MARKDOWN) == []


def test_corpus_policy_addresses_break_cleanly(corpus, tmp_path, cli):
    source = tmp_path / "dwp-open_source_policy.md"
    shutil.copy(corpus / "policy-text-open" / "dwp-open_source_policy.md", source)
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "large-print", "-q")
    assert result.returncode == 0, result.stderr
    pdf_path = next((tmp_path / "out").glob("*/large-print/*.pdf"))
    assert _breaks_inside_addresses(pdf_path, source.read_text(encoding="utf-8")) == []
