"""Where each sentence and each block is in a chapter's MP3: `audio/timings/<track>.json`.

Written with every chapter whose timings are known (engines that speak sentence by
sentence), in seconds from the start of the MP3 (the lead-in included). Other formats use
it: an EPUB's media overlays need each block's start and end. Its shape:

    {"file": "01-introduction.mp3", "unit": "chapter:introduction", "title": "...",
     "blocks": [{"block": "0", "start": 0.75, "end": 2.4}, ...],
     "sentences": [{"block": "0", "start": 0.75, "end": 1.3, "written": "...",
                    "spoken": "..."}, ...]}

`block` is the index of the block in the chapter (Chapter.blocks) or "note-N" for the Nth
note read at the end ("A table with 3 rows." belongs to its table's block). Sentences the
converter adds have "title" (a chapter with no heading) or "notes" and no block entry.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from converter.formats.audio.engines import Segment


def timings_record(file: str, unit: str, title: str, segments: list[Segment],
                   spans: list[tuple[float, float]], offset: float) -> dict[str, Any]:
    sentences = [{"block": s.block, "start": round(start + offset, 3),
                  "end": round(end + offset, 3), "written": s.written or s.text,
                  "spoken": s.text}
                 for s, (start, end) in zip(segments, spans, strict=True)]
    blocks: list[dict[str, Any]] = []
    for sentence in sentences:
        if not (sentence["block"].isdigit() or sentence["block"].startswith("note-")):
            continue  # "Chapter 2." before a chapter with no heading, "Notes for this chapter."
        if blocks and blocks[-1]["block"] == sentence["block"]:
            blocks[-1]["end"] = sentence["end"]
        else:
            blocks.append({"block": sentence["block"], "start": sentence["start"],
                           "end": sentence["end"]})
    return {"file": file, "unit": unit, "title": title, "blocks": blocks,
            "sentences": sentences}


def write_timings(path: Path, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def spans_of(record: dict[str, Any], offset: float) -> list[tuple[float, float]]:
    """The sentence spans of a saved record, without the lead-in (as the engine made them)."""
    return [(item["start"] - offset, item["end"] - offset) for item in record["sentences"]]
