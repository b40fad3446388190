"""The one loader for the word lists in styles/words/ (TSV with a header, or one item a line).

A phrase may carry a sense hint in brackets, "address (verb)": the entry then only applies
where the word is used in that part of speech (see `grammar.guess_pos`). An optional
`other_senses` column names the neighbours that show the word in another sense, "~" standing
for the word and "|" between words: "~ code|software; web|mobile ~" (an application that is
a computer program, not a form). Neighbours match by lemma, so "server" finds "servers". A
word alone is a form of the word that has another sense: "developments" (new buildings or
news) beside "development" (making something).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from converter.errors import InputError

SENSE = re.compile(r"\s*\((verb|noun|adjective|adverb)\)\s*$", re.I)
NEIGHBOURS = re.compile(r"^(?:~\s+(?P<next>[a-z'|-]+)|(?P<prev>[a-z'|-]+)\s+~|"
                        r"(?P<form>[a-z'-]+))$")


@dataclass(frozen=True)
class Entry:
    phrase: str  # lower case, single spaces, without the sense hint
    suggestions: tuple[str, ...] = ()  # "(leave it out)" kept as written
    unless: str = ""
    sense: str = ""  # "verb", "noun" ... or "" for any
    source: str = ""
    not_before: frozenset[str] = frozenset()  # next words that mean another sense
    not_after: frozenset[str] = frozenset()  # words before that mean another sense
    other_forms: frozenset[str] = frozenset()  # forms of the word in another sense

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
    before, after, forms = other_senses(row.get("other_senses", ""), raw)
    return Entry(raw, suggestions, row.get("unless", ""), sense, row.get("source", ""),
                 before, after, forms)


def other_senses(cell: str, phrase: str) -> tuple[frozenset[str], ...]:
    """(next words, words before, forms) from an `other_senses` cell:
    '~ code|software; web ~; developments'."""
    found: dict[str, set[str]] = {"next": set(), "prev": set(), "form": set()}
    for pattern in filter(None, (part.strip().lower() for part in cell.split(";"))):
        match = NEIGHBOURS.match(" ".join(pattern.split()))
        if not match:
            raise InputError(f"entry '{phrase}': other_senses '{pattern}' is not "
                             "'~ word|word', 'word|word ~' or one form of the word")
        for slot, value in match.groupdict().items():
            found[slot].update(filter(None, (value or "").split("|")))
    return frozenset(found["next"]), frozenset(found["prev"]), frozenset(found["form"])


@cache
def _load(path: str, mtime: float, key: str) -> WordList:
    try:
        entries = [e for row in read_tsv(Path(path)) if (e := _entry(row, key)) is not None]
    except InputError as error:
        raise InputError(f"Word list {path}: {error}") from None
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
    """A two-column lookup from a TSV list (explanations.tsv): the `key` column's phrase, lower
    case and without its sense hint -> the `value` column. Its entries, with any sense hint
    and other senses, come from load_word_list(path, key)."""
    load_word_list(path, key)  # names a bad row's file first
    return {entry.phrase: row.get(value, "") for row in read_tsv(path)
            if (entry := _entry(row, key)) is not None}
