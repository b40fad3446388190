"""WebVTT captions, written only where segment timings are known.

ffmpeg's silencedetect finds the pauses we put between paragraphs and after headings. Cues
are the runs of segments between those longer pauses. When the pauses found inside the
recording match those boundaries one for one, every cue's start and end are known and the
captions are written; otherwise no captions are made, rather than captions that drift.
"""

from __future__ import annotations

from converter.formats.audio.engines import Segment


def _stamp(seconds: float) -> str:
    hours, rest = divmod(max(seconds, 0.0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def cue_segments(segments: list[Segment], min_pause_ms: int) -> list[list[Segment]]:
    """Runs of segments between the longer pauses (paragraphs, headings): one cue each."""
    groups: list[list[Segment]] = [[]]
    for index, segment in enumerate(segments):
        groups[-1].append(segment)
        if segment.pause_ms >= min_pause_ms and index < len(segments) - 1:
            groups.append([])
    return [group for group in groups if group]


def cue_groups(segments: list[Segment], min_pause_ms: int) -> list[str]:
    return [" ".join(s.text for s in group) for group in cue_segments(segments, min_pause_ms)]


def vtt_from_spans(texts: list[str], spans: list[tuple[float, float]], offset: float) -> str:
    """Captions from known timings (each cue spoken on its own), shifted by the lead-in."""
    lines = ["WEBVTT", ""]
    for index, (text, (start, end)) in enumerate(zip(texts, spans, strict=True)):
        lines += [str(index + 1), f"{_stamp(start + offset)} --> {_stamp(end + offset)}",
                  text, ""]
    return "\n".join(lines)


def make_vtt(segments: list[Segment], silences: list[tuple[float, float]], duration: float,
             lead_in: float, min_pause_ms: int) -> str | None:
    cues = cue_groups(segments, min_pause_ms)
    inner = [(start, end) for start, end in silences
             if start > lead_in * 0.8 and end < duration - 0.3]
    if not cues or len(inner) != len(cues) - 1:
        return None
    lines = ["WEBVTT", ""]
    start = lead_in
    for index, text in enumerate(cues):
        end = inner[index][0] if index < len(inner) else duration
        lines += [str(index + 1), f"{_stamp(start)} --> {_stamp(end)}", text, ""]
        if index < len(inner):
            start = inner[index][1]
    return "\n".join(lines)
