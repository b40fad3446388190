"""The one span type every annotation uses: a classified stretch of a block's text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """`kind` says what it is ("phone", "name", "money" ...); `value` is a normalised
    reading where one helps (the acronym's expansion, the unit, the scale word)."""

    start: int  # character offsets within the block text
    end: int
    text: str
    kind: str
    value: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def spans(pattern: re.Pattern, text: str, kind: str, group: int | str = 0) -> list[Span]:
    return [Span(m.start(group), m.end(group), m.group(group), kind)
            for m in pattern.finditer(text)]


def without_overlaps(found: Iterable[Span]) -> tuple[Span, ...]:
    """Earliest first; on overlap the longer span wins (ties: the one listed first)."""
    ordered = sorted(enumerate(found), key=lambda item: (item[1].start, -(item[1].end - item[1].start),
                                                         item[0]))
    kept: list[Span] = []
    for _, span in ordered:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return tuple(kept)
