"""Readability metrics from our own sentences (a heading and a list item count as sentences
of their own) and CMU dictionary syllables, with the formulas in converter.language.readability.
Nothing is downloaded; textstat is only the peer the tests compare against.

The counts behind the formulas add up, so a chapter's metrics and the whole document's are
worked out from its paragraphs' counts (`combine`): the text is read once, paragraph by
paragraph, and no second pass holds every sentence of a long document at once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from converter.language import readability
from converter.language.sentences import words


@dataclass(frozen=True)
class Totals:
    """What the metrics are made from; these add up across paragraphs and chapters."""

    sentences: int = 0  # readability's counts (sentences with at least one word)
    words: int = 0
    syllables: int = 0
    letters: int = 0
    polysyllables: int = 0
    complex_words: int = 0
    our_sentences: int = 0  # our own sentence and word counts, for the shares and averages
    our_words: int = 0
    long_sentences: int = 0
    passive: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def readability(self) -> readability.Counts:
        return readability.Counts(self.sentences, self.words, self.syllables, self.letters,
                                  self.polysyllables, self.complex_words)


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
    totals: Totals = field(default_factory=Totals, compare=False, repr=False)

    def to_dict(self) -> dict[str, float | int]:
        result = asdict(self)
        result.pop("totals")
        return result


def count(sentences: list[str], passive_count: int, long_words: int) -> Totals:
    """What `sentences` add up to; `long_words` is plain-english.toml's long-sentence warning."""
    counts = [len(words(sentence)) for sentence in sentences]
    counts = [number for number in counts if number]
    if not counts:
        return Totals()
    counted = readability.count(sentences)
    return Totals(counted.sentences, counted.words, counted.syllables, counted.letters,
                  counted.polysyllables, counted.complex_words, our_sentences=len(counts),
                  our_words=sum(counts),
                  long_sentences=sum(number > long_words for number in counts),
                  passive=passive_count)


def from_totals(totals: Totals) -> Metrics:
    if not totals.our_sentences:
        return Metrics(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0.0, 0.0, totals)
    counted = totals.readability()
    grade = readability.flesch_kincaid_grade(counted)
    return Metrics(
        flesch_reading_ease=round(readability.flesch_reading_ease(counted), 1),
        flesch_kincaid_grade=round(grade, 1),
        reading_age=round(grade + 5, 1),  # UK reading age = US grade + 5
        smog=round(readability.smog(counted), 1),
        gunning_fog=round(readability.gunning_fog(counted), 1),
        coleman_liau=round(readability.coleman_liau(counted), 1),
        avg_sentence_length=round(totals.our_words / totals.our_sentences, 1),
        sentences=totals.our_sentences,
        words=totals.our_words,
        long_sentence_share=round(totals.long_sentences / totals.our_sentences, 3),
        passive_share=round(totals.passive / totals.our_sentences, 3),
        totals=totals,
    )


def compute(sentences: list[str], passive_count: int, long_words: int) -> Metrics:
    return from_totals(count(sentences, passive_count, long_words))


def combine(parts: list[Metrics]) -> Metrics:
    """The metrics of several paragraphs (or chapters) read as one text."""
    total = Totals()
    for part in parts:
        total = total + part.totals
    return from_totals(total)
