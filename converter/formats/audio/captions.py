"""WebVTT captions in the written form of the text, in cues people can read.

Every sentence is spoken on its own, so its start and end in the recording are exact. A
sentence that is too long for one cue (more than `max_lines` lines of `max_line_chars`, or
shown longer than `max_cue_seconds`) is cut at clause punctuation, else between words, and
its time is shared among the pieces by how long each takes to say (its spoken length).
Engines that speak a chapter in one call (pyttsx3) get cues where ffmpeg finds our pauses
between paragraphs in the audio, or no captions at all rather than captions that drift.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from converter.formats.audio.engines import Segment


@dataclass(frozen=True)
class CueLimits:
    max_lines: int = 2
    max_line_chars: int = 42
    max_seconds: float = 7.0
    # BBC Subtitle Guidelines 4.1 (target minimum timing): about 0.3 s a word, and no cue
    # shorter than `min_seconds` (a one-word cue "age" would otherwise flash for 0.4 s).
    min_seconds: float = 1.0
    seconds_per_word: float = 0.3

    @classmethod
    def from_settings(cls, settings: dict) -> CueLimits:
        captions = settings.get("captions", {})
        return cls(int(captions.get("max_lines", 2)), int(captions.get("max_line_chars", 42)),
                   float(captions.get("max_cue_seconds", 7.0)),
                   float(captions.get("min_cue_seconds", 1.0)),
                   float(captions.get("seconds_per_word", 0.3)))

    def shortest(self, text: str) -> float:
        """The least time a cue of `text` should stay up."""
        return max(self.min_seconds, self.seconds_per_word * len(text.split()))


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  # already wrapped into lines


def _stamp(seconds: float) -> str:
    hours, rest = divmod(max(seconds, 0.0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters; a longer word (a web address) is broken."""
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)


def _fits(text: str, limits: CueLimits) -> bool:
    return len(wrap(text, limits.max_line_chars)) <= limits.max_lines


def _pieces(text: str, limits: CueLimits) -> list[str]:
    """Cut a sentence into pieces that each fit one cue, preferring clause boundaries."""
    if _fits(text, limits):
        return [text]
    clauses = [c for c in re.split(r"(?<=[,;:)])\s+|\s+(?=[(–—])", text) if c]
    pieces: list[str] = []
    for clause in clauses:
        if pieces and _fits(f"{pieces[-1]} {clause}", limits):
            pieces[-1] = f"{pieces[-1]} {clause}"
        elif _fits(clause, limits):
            pieces.append(clause)
        else:
            pieces.extend(_by_words(clause, limits))
    return pieces


def _by_words(text: str, limits: CueLimits) -> list[str]:
    """Pieces of about equal length (not a full cue and a stub), each fitting one cue."""
    words = text.split()
    count = -(-len(text) // (limits.max_lines * limits.max_line_chars))
    while count < len(words):
        target = len(text) / count
        pieces, current = [], ""
        for word in words:
            if current and len(current) + 1 + len(word) / 2 > target * (len(pieces) + 1) - sum(
                    len(p) + 1 for p in pieces):
                pieces.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        pieces.append(current)
        if all(_fits(piece, limits) for piece in pieces):
            return pieces
        count += 1
    return words


def _halve(text: str) -> tuple[str, str] | None:
    words = text.split()
    if len(words) < 2:
        return None
    middle = len(words) // 2
    return " ".join(words[:middle]), " ".join(words[middle:])


def sentence_cues(written: str, start: float, end: float, limits: CueLimits,
                  weight: Callable[[str], float]) -> list[Cue]:
    """Cues for one spoken sentence, timed by each piece's share of the spoken length."""
    pending = _pieces(" ".join(written.split()), limits)
    weights = [max(weight(piece), 1.0) for piece in pending]
    total = sum(weights)
    cues: list[Cue] = []
    at = start
    for piece, share in zip(pending, weights, strict=True):
        length = (end - start) * share / total
        cues.extend(_timed(piece, at, at + length, limits, weight))
        at += length
    return cues


def _timed(piece: str, start: float, end: float, limits: CueLimits,
           weight: Callable[[str], float]) -> list[Cue]:
    """One cue, or more when it would be shown too long (a slow-spoken piece)."""
    halves = _halve(piece) if end - start > limits.max_seconds else None
    if halves is None:
        text = "\n".join(wrap(piece, limits.max_line_chars))
        return [Cue(start, min(end, start + limits.max_seconds), text)]
    first, second = halves
    cut = start + (end - start) * max(weight(first), 1.0) / (
        max(weight(first), 1.0) + max(weight(second), 1.0))
    return [*_timed(first, start, cut, limits, weight), *_timed(second, cut, end, limits, weight)]


def cues_from_spans(segments: list[Segment], spans: list[tuple[float, float]], offset: float,
                    limits: CueLimits, weight: Callable[[str], float] = len) -> list[Cue]:
    cues: list[Cue] = []
    for segment, (start, end) in zip(segments, spans, strict=True):
        written = segment.written or segment.text
        cues.extend(sentence_cues(written, start + offset, end + offset, limits, weight))
    return held(cues, limits)


def held(cues: list[Cue], limits: CueLimits) -> list[Cue]:
    """Cues that stay up long enough to read: a short cue is held into the pause after it;
    if that is not enough it is joined to the next cue where both fit one cue (a heading
    and the chapter number, two one-word list items), else it starts earlier, in the
    pause before it. Cues never overlap and never outlast `max_seconds`."""
    out: list[Cue] = []
    index = 0
    while index < len(cues):
        cue = cues[index]
        following = cues[index + 1] if index + 1 < len(cues) else None
        limit = following.start if following else cue.end
        cue = Cue(cue.start, max(cue.end, min(limit, cue.start + limits.shortest(cue.text))),
                  cue.text)
        if cue.end - cue.start < limits.shortest(cue.text) and following:
            lines = cue.text.splitlines() + following.text.splitlines()
            if len(lines) <= limits.max_lines and following.end - cue.start <= limits.max_seconds:
                cues[index + 1] = Cue(cue.start, following.end, "\n".join(lines))
                index += 1
                continue
        if cue.end - cue.start < limits.shortest(cue.text):
            earliest = out[-1].end if out else cue.start  # never into the lead-in
            start = max(earliest, cue.end - limits.shortest(cue.text))
            cue = Cue(min(cue.start, start), cue.end, cue.text)
        out.append(cue)
        index += 1
    return out


def vtt(cues: list[Cue]) -> str:
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(cues, start=1):
        lines += [str(index), f"{_stamp(cue.start)} --> {_stamp(cue.end)}", cue.text, ""]
    return "\n".join(lines)


# -- engines that speak a whole chapter in one call ------------------------------------------


def cue_segments(segments: list[Segment], min_pause_ms: int) -> list[list[Segment]]:
    """Runs of segments between the longer pauses (paragraphs, headings)."""
    groups: list[list[Segment]] = [[]]
    for index, segment in enumerate(segments):
        groups[-1].append(segment)
        if segment.pause_ms >= min_pause_ms and index < len(segments) - 1:
            groups.append([])
    return [group for group in groups if group]


def spans_from_silences(segments: list[Segment], silences: list[tuple[float, float]],
                        duration: float, lead_in: float,
                        min_pause_ms: int) -> tuple[list[Segment], list[tuple[float, float]]]:
    """Paragraph-sized segments and their spans, where the pauses found in the audio match
    our paragraph pauses one for one; else nothing (no captions rather than wrong ones)."""
    groups = cue_segments(segments, min_pause_ms)
    inner = [(start, end) for start, end in silences
             if start > lead_in * 0.8 and end < duration - 0.3]
    if not groups or len(inner) != len(groups) - 1:
        return [], []
    merged = [Segment(" ".join(s.text for s in group), group[-1].pause_ms,
                      " ".join(s.written or s.text for s in group), group[0].block)
              for group in groups]
    spans, start = [], lead_in
    for index in range(len(groups)):
        end = inner[index][0] if index < len(inner) else duration
        spans.append((start - lead_in, end - lead_in))
        if index < len(inner):
            start = inner[index][1]
    return merged, spans
