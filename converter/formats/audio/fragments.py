"""Where each text fragment (a block of the chapter: heading, paragraph, list item, table,
note) is heard in a chapter's MP3. The EPUB's Media Overlays are made from these timings.

Engines that speak each part on its own (espeak-ng) give exact timings: a synthesis part
never spans two fragments, so a fragment's time is from its first part's start to its last
part's end, shifted by the lead-in. They are recorded in the audio facts as
`chapters[].fragments = [{"id": "b3", "start": s, "end": e}, ...]` (seconds in the MP3).
"""

from __future__ import annotations

from typing import Any

from converter.formats.audio.captions import cue_segments
from converter.formats.audio.engines import Segment


def synthesis_parts(segments: list[Segment], min_pause_ms: int) -> list[list[Segment]]:
    """The caption cues, split again where a new fragment starts."""
    parts: list[list[Segment]] = []
    for group in cue_segments(segments, min_pause_ms):
        current: list[Segment] = []
        for segment in group:
            if current and segment.fragment != current[-1].fragment:
                parts.append(current)
                current = []
            current.append(segment)
        parts.append(current)
    return parts


def fragment_times(parts: list[list[Segment]], spans: list[tuple[float, float]],
                   offset: float) -> list[dict[str, Any]]:
    """Each fragment's start and end in the mastered MP3, in speaking order."""
    times: dict[str, list[float]] = {}
    for part, (start, end) in zip(parts, spans, strict=True):
        fragment = part[0].fragment
        if fragment in times:
            times[fragment][1] = end + offset
        else:
            times[fragment] = [start + offset, end + offset]
    return [{"id": fragment, "start": round(start, 3), "end": round(end, 3)}
            for fragment, (start, end) in times.items() if fragment]
