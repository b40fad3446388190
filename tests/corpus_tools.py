"""Helpers for tests that compare against ../shared/corpus (skipped when it is absent)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)
NATIVE_STR = re.compile(r'Str\s+("(?:[^"\\]|\\.)*")')


def words(text: str) -> Counter:
    text = unicodedata.normalize("NFKC", text)  # pandoc writes m² where Word has m + superscript 2
    return Counter(word.lower() for word in WORD.findall(text))


HASKELL_ESCAPE = re.compile(r'\\(\d+|x[0-9a-fA-F]+|&|.)')
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "&": ""}


def haskell_string(literal: str) -> str:
    """Decode a Haskell string literal as pandoc's native writer prints it (\\8217 etc.)."""
    body = literal[1:-1]

    def replace(match: re.Match) -> str:
        code = match.group(1)
        if code.isdigit():
            return chr(int(code))
        if code.startswith("x") and len(code) > 1:
            return chr(int(code[1:], 16))
        return SIMPLE_ESCAPES.get(code, code)

    return HASKELL_ESCAPE.sub(replace, body)


NATIVE_CODE = re.compile(r'Code(?:Block)?\s+\(\s*"[^"]*"\s*,\s*\[[^\]]*\]\s*,\s*\[[^\]]*\]\s*\)'
                         r'\s+("(?:[^"\\]|\\.)*")')


def native_text(native: str) -> str:
    """The text of a pandoc native AST: its Str tokens and code contents."""
    out = [haskell_string(match.group(1)) for match in NATIVE_STR.finditer(native)]
    out += [haskell_string(match.group(1)) for match in NATIVE_CODE.finditer(native)]
    return " ".join(out)


LIST_MARKER = re.compile(r"(?:^|\|)\s*(?:\d+|[a-zA-Z]|[ivxlcIVXLC]+)[.)]\s", re.MULTILINE)
NOTE_MARK = re.compile(r"\[\^?\d+\]")


def plain_text_without_markers(plain: str) -> str:
    """pandoc -t plain output less what pandoc adds itself: list numbers and note marks."""
    return NOTE_MARK.sub(" ", LIST_MARKER.sub(" ", plain))


def recall(reference: Counter, ours: Counter, our_text: str = "") -> float:
    """Share of reference words we also have. A word split by formatting in the reference
    ("3" + superscript "rd") counts when it is part of our text."""
    total = sum(reference.values())
    if not total:
        return 1.0
    joined = our_text.lower()
    hit = 0
    for word, count in reference.items():
        found = min(count, ours[word])
        if found < count and word in joined:
            found = count
        hit += found
    return hit / total


def pandoc_pairs() -> list[tuple[Path, Path]]:
    """(docx, native) pairs pandoc reads with default options (accept tracked changes)."""
    table = CORPUS / "pandoc-docx" / "pairs.tsv"
    pairs = []
    with open(table, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["reader_options"] not in ("default", "AcceptChanges"):
                continue
            docx = CORPUS / "pandoc-docx" / row["docx"]
            native = CORPUS / "pandoc-docx" / row["expected_native"]
            if docx.exists() and native.exists():
                pairs.append((docx, native))
    return pairs
