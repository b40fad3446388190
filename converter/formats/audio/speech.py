"""What each chapter says: the heading first, then its blocks, with pauses between them."""

from __future__ import annotations

from typing import Any

from converter.formats.audio.engines import Segment
from converter.formats.audio.normalise import Normaliser
from converter.model import Chapter, Heading, Image, ListItem, Quote, Table


def chapter_segments(chapter: Chapter, number: int, normalise: Normaliser,
                     settings: dict[str, Any]) -> list[Segment]:
    pauses = settings["pauses"]
    speech = settings["speech"]
    segments: list[Segment] = []

    fragment = "title"

    def say(text: str, pause: int) -> None:
        spoken = normalise(text)
        if spoken:
            if spoken[-1] not in ".!?:;,":
                spoken += "."
            segments.append(Segment(spoken, pause, fragment))

    if not chapter.blocks or not isinstance(chapter.blocks[0], Heading):
        say(f"Chapter {number}. {chapter.title}", pauses["after_heading_ms"])
    for index, block in enumerate(chapter.blocks):
        fragment = f"b{index}"
        if isinstance(block, Heading):
            if block is chapter.blocks[0]:
                say(f"Chapter {number}. {block.text}", pauses["after_heading_ms"])
            else:
                say(block.text, pauses["after_heading_ms"])
        elif isinstance(block, ListItem):
            say(block.text, pauses["between_list_items_ms"])
        elif isinstance(block, Table):
            header = block.rows[0] if block.header_rows else None
            say(f"A table with {len(block.rows)} rows.", pauses["between_table_cells_ms"])
            for row in block.rows[block.header_rows:] if header else block.rows:
                for index, cell in enumerate(row):
                    if not cell.strip():
                        continue
                    label = header[index] if header and index < len(header) else ""
                    text = f"{label}: {cell}" if label and label != cell else cell
                    say(text, pauses["between_table_cells_ms"])
            if segments:
                last = segments[-1]
                segments[-1] = Segment(last.text, pauses["between_paragraphs_ms"], last.fragment)
        elif isinstance(block, Image):
            if speech.get("read_alt_text", True) and block.alt:
                say(f"Picture: {block.alt}", pauses["between_paragraphs_ms"])
        elif isinstance(block, Quote):
            say(f"Quote. {block.text} End of quote.", pauses["between_paragraphs_ms"])
        else:
            say(block.text, pauses["between_paragraphs_ms"])
    if chapter.notes and speech.get("footnotes", "end") == "end":
        fragment = "notes"
        say("Notes for this chapter.", pauses["after_heading_ms"])
        for index, note in enumerate(chapter.notes, start=1):
            fragment = f"n{index}"
            say(f"Note {index}. {note.text}", pauses["between_paragraphs_ms"])
    return segments


def transcript(segments: list[Segment]) -> str:
    return "\n\n".join(segment.text for segment in segments) + "\n"
