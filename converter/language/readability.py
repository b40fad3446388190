"""Readability formulas computed from our own sentences and the CMU dictionary syllables.

Each is the published formula (a few lines each); textstat is only the peer the tests
compare against, never patched or called at run time.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from converter.language.syllables import syllables

# Gunning (1952): a "complex" word has three or more syllables, not counting proper
# names, hyphenated compounds, or a syllable added by -es/-ed/-ing.
INFLECTIONS = ("es", "ed", "ing")
PUNCTUATION = re.compile(r"[^\w\s']")


@dataclass(frozen=True)
class Counts:
    sentences: int
    words: int
    syllables: int
    letters: int
    polysyllables: int  # words of 3+ syllables (SMOG)
    complex_words: int  # Gunning fog's complex words


def count(sentences: list[str]) -> Counts:
    totals = [0, 0, 0, 0, 0, 0]
    for sentence in sentences:
        for i, value in enumerate(_sentence_counts(sentence)):
            totals[i] += value
    return Counts(*totals)


@lru_cache(maxsize=65536)
def _sentence_counts(sentence: str) -> tuple[int, int, int, int, int, int]:
    """(sentences, words, syllables, letters, polysyllables, complex words) of one sentence,
    cached: a report counts each sentence for its paragraph, chapter and document."""
    n_words = n_syllables = letters = poly = complex_words = 0
    # A word is what lies between spaces, less its punctuation ("2,500", "and/or" and
    # "long-term" are one word each), as the formulas' authors counted them.
    tokens = [t for t in (PUNCTUATION.sub("", raw.replace("’", "'")).strip("'")
                          for raw in sentence.split()) if any(ch.isalnum() for ch in t)]
    if not tokens:
        return (0, 0, 0, 0, 0, 0)
    for token in tokens:
        n_words += 1
        letters += sum(ch.isalpha() for ch in token)
        count_ = syllables(token)
        n_syllables += count_
        if count_ >= 3:
            poly += 1
            if _complex(token, count_):
                complex_words += 1
    return (1, n_words, n_syllables, letters, poly, complex_words)


def _complex(token: str, count_: int) -> bool:
    if token[:1].isupper() or "-" in token:
        return False
    for suffix in INFLECTIONS:
        if token.lower().endswith(suffix) and syllables(token[: -len(suffix)]) < 3:
            return False
    return True


def flesch_reading_ease(c: Counts) -> float:
    """Flesch (1948)."""
    if not c.words:
        return 0.0
    return 206.835 - 1.015 * c.words / c.sentences - 84.6 * c.syllables / c.words


def flesch_kincaid_grade(c: Counts) -> float:
    """Kincaid et al. (1975), US school grade."""
    if not c.words:
        return 0.0
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def smog(c: Counts) -> float:
    """McLaughlin (1969), the formula version for any number of sentences."""
    if not c.sentences:
        return 0.0
    return 1.043 * math.sqrt(c.polysyllables * 30 / c.sentences) + 3.1291


def gunning_fog(c: Counts) -> float:
    """Gunning (1952)."""
    if not c.words:
        return 0.0
    return 0.4 * (c.words / c.sentences + 100 * c.complex_words / c.words)


def coleman_liau(c: Counts) -> float:
    """Coleman and Liau (1975): letters and sentences per 100 words."""
    if not c.words:
        return 0.0
    return 0.0588 * 100 * c.letters / c.words - 0.296 * 100 * c.sentences / c.words - 15.8
