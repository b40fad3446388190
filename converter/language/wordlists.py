"""The one loader for the word lists in styles/words/ (TSV with a header, or one item a line).

A phrase may carry a sense hint in brackets, "address (verb)": the entry then only applies
where the word is used in that part of speech (see `senses.guess_pos`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from converter.errors import InputError

SENSE = re.compile(r"\s*\((verb|noun|adjective|adverb)\)\s*$", re.I)


@dataclass(frozen=True)
class Entry:
    phrase: str  # lower case, single spaces, without the sense hint
    suggestions: tuple[str, ...] = ()  # "(leave it out)" kept as written
    unless: str = ""
    sense: str = ""  # "verb", "noun" ... or "" for any
    source: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.phrase.split())


@dataclass(frozen=True)
class WordList:
    name: str  # file stem, e.g. "words-to-avoid"
    entries: tuple[Entry, ...]

    def get(self, phrase: str) -> Entry | None:
        phrase = " ".join(phrase.lower().split())
        return next((entry for entry in self.entries if entry.phrase == phrase), None)


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV style file; lines starting with # are comments."""
    if not path.is_file():
        raise InputError(f"Missing word list {path}")
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [{key: (value or "").strip() for key, value in row.items() if key}
            for row in csv.DictReader(lines, delimiter="\t")]


def _entry(row: dict[str, str], key: str) -> Entry | None:
    raw = " ".join(row.get(key, "").lower().split())
    if not raw:
        return None
    sense = ""
    if hint := SENSE.search(raw):
        sense, raw = hint.group(1).lower(), raw[:hint.start()]
    suggestions = tuple(s.strip() for s in row.get("suggestions", "").split("|") if s.strip())
    return Entry(raw, suggestions, row.get("unless", ""), sense, row.get("source", ""))


@cache
def _load(path: str, mtime: float, key: str) -> WordList:
    entries = [e for row in read_tsv(Path(path)) if (e := _entry(row, key)) is not None]
    return WordList(Path(path).stem, tuple(entries))


def load_word_list(path: Path, key: str = "phrase") -> WordList:
    """A TSV list whose `key` column holds phrases (cached until the file changes)."""
    return _load(str(path), path.stat().st_mtime if path.is_file() else 0.0, key)


@cache
def _load_set(path: str, mtime: float, lower: bool) -> frozenset[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    items = (line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(item.lower() if lower else item for item in items)


def load_word_set(path: Path, lower: bool = True) -> frozenset[str]:
    """A one-item-a-line list (# comments), lower-cased unless `lower` is False."""
    if not path.is_file():
        raise InputError(f"Missing word list {path}")
    return _load_set(str(path), path.stat().st_mtime, lower)


def load_table(path: Path, key: str, value: str) -> dict[str, str]:
    """A two-column lookup from a TSV list, keys lower-cased (explanations.tsv)."""
    return {row[key].lower(): row.get(value, "") for row in read_tsv(path) if row.get(key)}
