"""Readability metrics from our own sentences (a heading and a list item count as sentences
of their own) and CMU dictionary syllables, with the formulas in converter.language.readability.
Nothing is downloaded; textstat is only the peer the tests compare against.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from converter.language import readability
from converter.language.sentences import words

LONG_SENTENCE_WORDS = 25  # GOV.UK: split sentences over 25 words


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

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


def compute(sentences: list[str], passive_count: int = 0) -> Metrics:
    counts = [len(words(sentence)) for sentence in sentences]
    counts = [count for count in counts if count]
    total_words = sum(counts)
    if not counts:
        return Metrics(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0.0, 0.0)
    counted = readability.count(sentences)
    grade = readability.flesch_kincaid_grade(counted)
    return Metrics(
        flesch_reading_ease=round(readability.flesch_reading_ease(counted), 1),
        flesch_kincaid_grade=round(grade, 1),
        reading_age=round(grade + 5, 1),  # UK reading age = US grade + 5
        smog=round(readability.smog(counted), 1),
        gunning_fog=round(readability.gunning_fog(counted), 1),
        coleman_liau=round(readability.coleman_liau(counted), 1),
        avg_sentence_length=round(total_words / len(counts), 1),
        sentences=len(counts),
        words=total_words,
        long_sentence_share=round(sum(c > LONG_SENTENCE_WORDS for c in counts) / len(counts), 3),
        passive_share=round(passive_count / len(counts), 3),
    )
