"""What each chapter says: the heading first, then its blocks, with pauses between them.

Each block is spoken sentence by sentence (one Segment each), so every sentence's place in
the recording is known exactly: captions are cut from sentences and the per-block timings
(for EPUB media overlays) are the first and last sentence of each block.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from converter.formats.audio.engines import Segment
from converter.formats.audio.lists import say_list
from converter.formats.audio.say_code import code_heard, speak_code
from converter.formats.textparts import (
    ListNode,
    code_ranges,
    group_blocks,
    note_refs,
    table_size,
)
from converter.language.quotes import quote_source
from converter.language.sentences import split_sentences
from converter.model import Block, Chapter, Heading, Image, Quote, Table, flat_cell

Say = Callable[[str, int, str], None]


# A numbered point inside a paragraph or table cell ("... checklist 2. Remove ..."), where
# the master broke the line ('<br>') but wrote no full stop.
INLINE_ITEM = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=[A-Z])")


def separate_inline_items(text: str) -> str:
    """'1. Review the checklist 2. Remove it' -> '1. Review the checklist. 2. Remove it':
    points numbered 1, 2, 3 ... in one text end each with a full stop, so "checklist 2" is
    not heard as "checklist two"."""
    matches = list(INLINE_ITEM.finditer(text))
    if len(matches) < 2 or [int(m.group(1)) for m in matches] != list(
            range(1, len(matches) + 1)):
        return text
    out, last = [], 0
    for match in matches[1:]:
        before = text[last:match.start()].rstrip()
        if before and before[-1] not in ".!?:;":
            before += "."
        out.append(before + " ")
        last = match.start()
    return "".join(out) + text[last:]


# Inline code stands in the text as one character each (Unicode plane 15, private use)
# while sentences are split and prose is normalised: a dot or number inside the code is
# neither a sentence end nor a quantity. `spoken_pieces` puts the code back.
CODE_MARK = 0xF0000
CODE_MARKS = re.compile("[\U000F0000-\U000FFFFD]")
MARKS = 0xFFFFD - CODE_MARK


def code_marked(block: Block, codes: list[str]) -> str:
    """The block's text with each piece of inline code as a mark; the code goes in `codes`."""
    spans = getattr(block, "code_spans", ())
    if not spans:
        return block.text
    # A master's own character in that range is none of our marks (and is not spoken).
    text = CODE_MARKS.sub("\ufffd", block.text)
    for start, end in reversed(code_ranges(text, spans)):
        if len(codes) >= MARKS:  # more than a chapter ever holds: the rest is read as prose
            break
        codes.append(text[start:end])
        text = text[:start] + chr(CODE_MARK + len(codes) - 1) + text[end:]
    return text


def spoken_pieces(text: str, normalise: Callable[[str], str],
                  codes: list[str] | None = None) -> list[tuple[str, str]]:
    """(written, spoken) for each sentence of `text`; sentences that say nothing are left out.
    Marks of inline code (`code_marked`) are written as the code and said by `speak_code`."""
    pieces = []
    for sentence in split_sentences(separate_inline_items(text)) or []:
        spoken = normalise(sentence.text)
        written = sentence.text
        if codes:
            def code(match: re.Match, say: bool) -> str:
                index = ord(match.group(0)) - CODE_MARK
                if index >= len(codes):  # in a table cell, not a mark of ours
                    return match.group(0)
                return speak_code(codes[index]) if say else codes[index]

            written = CODE_MARKS.sub(lambda m: code(m, False), written)
            spoken = CODE_MARKS.sub(lambda m: code(m, True), spoken)
        if spoken:
            if spoken[-1] not in ".!?:;,":
                spoken += "."
            pieces.append((written, spoken))
    return pieces


def chapter_segments(chapter: Chapter, number: int, normalise: Callable[[str], str],
                     settings: dict[str, Any],
                     notes: dict[str, int] | None = None) -> list[Segment]:
    """What the chapter's audio says. `notes` numbers the notes through the document
    (textparts.note_numbers), as the print editions do; without it they count from 1."""
    pauses = settings["pauses"]
    between_sentences = int(pauses.get("between_sentences_ms", 250))
    segments: list[Segment] = []
    codes: list[str] = []  # inline code, by its mark in the text (code_marked)

    def say(text: str, pause: int, block: str) -> None:
        pieces = spoken_pieces(text, normalise, codes)
        for index, (written, spoken) in enumerate(pieces):
            last = index == len(pieces) - 1
            segments.append(Segment(spoken, pause if last else between_sentences, written,
                                    block))

    blocks = chapter.blocks
    if not blocks or not isinstance(blocks[0], Heading):
        say(f"Chapter {number}. {chapter.title}", pauses["after_heading_ms"], "title")
    index_of = {id(block): index for index, block in enumerate(blocks)}
    numbers = notes if notes is not None else {
        note.id: index for index, note in enumerate(chapter.notes, start=1)}

    def key_of(block) -> str:
        return str(index_of[id(block)])

    for block in group_blocks(blocks):
        if isinstance(block, ListNode):
            say_list(block, key_of, say, pauses["between_list_items_ms"],
                     pauses["between_paragraphs_ms"],
                     text_of=lambda item: with_note_cue(code_marked(item, codes), item,
                                                        numbers))
        elif getattr(block, "code_lines", ()):
            _say_code(block, str(index_of[id(block)]), say, segments, normalise, pauses)
        else:
            _say_block(block, index_of[id(block)], number, say, pauses, settings["speech"],
                       segments, numbers, code_marked(block, codes))
    if chapter.notes and settings["speech"].get("footnotes", "end") == "end":
        say("Notes for this chapter.", pauses["after_heading_ms"], "notes")
        for index, note in enumerate(chapter.notes, start=1):
            # The block key counts the chapter's notes (the EPUB's "n1"...); the number
            # said is the one the text's "See note 3." gave.
            say(f"Note {numbers.get(note.id, index)}: {note.text}",
                pauses["between_paragraphs_ms"], f"note-{index}")
    return segments


def with_note_cue(text: str, block: Block, numbers: dict[str, int]) -> str:
    """The text with "See note 1." after it for each note it refers to: a listener cannot
    see the superscript, and the note is read at the chapter's end."""
    refs = note_refs(block, numbers)
    if not refs:
        return text
    text = text.rstrip()
    if text and text[-1] not in ".!?:;":
        text += "."
    said = " and ".join(str(number) for number in refs)
    return f"{text} See note{'s' if len(refs) > 1 else ''} {said}."


def _say_code(block, key: str, say: Say, segments: list[Segment],
              normalise: Callable[[str], str], pauses: dict[str, Any]) -> None:
    """A code block: announced, each line on its own with the pause of a list item after it
    (where the line ends), every symbol named (say_code), then "End of code."."""
    heard = code_heard(block.code_lines)
    between = pauses["between_list_items_ms"]
    say(heard[0], between, key)
    for line in heard[1:-1]:
        segments.append(Segment(speak_code(line) + ".", between, line.strip(), key))
    say(heard[-1], pauses["between_paragraphs_ms"], key)


def _say_block(block, index: int, number: int, say: Say, pauses: dict[str, Any],
               speech: dict[str, Any], segments: list[Segment],
               numbers: dict[str, int], text: str) -> None:
    """`text` is the block's text with its inline code marked (code_marked)."""
    key = str(index)
    if isinstance(block, Heading):
        text = f"Chapter {number}. {block.text}" if index == 0 else block.text
        say(text, pauses["after_heading_ms"], key)
    elif isinstance(block, Table):
        _say_table(block, key, say, pauses, segments)
        if note_refs(block, numbers):
            say(with_note_cue("", block, numbers).strip(), pauses["between_paragraphs_ms"], key)
    elif isinstance(block, Image):
        if speech.get("read_alt_text", True) and block.alt:
            say(f"Picture: {block.alt}", pauses["between_paragraphs_ms"], key)
    elif isinstance(block, Quote):
        words, source = quote_source(text)
        # Who said it comes after "End of quote", so it is not heard as part of the quote.
        if source.startswith("The "):
            source = "the" + source[3:]
        said = f" The quote is from {source}." if source else ""
        say(f"Quote. {words} End of quote.{said}", pauses["between_paragraphs_ms"], key)
    else:
        say(with_note_cue(text, block, numbers), pauses["between_paragraphs_ms"], key)


def _say_table(block: Table, key: str, say: Say, pauses: dict[str, Any],
               segments: list[Segment]) -> None:
    """Row by row, each cell with its column heading."""
    cell_pause = pauses["between_table_cells_ms"]
    # A line break in a cell is heard as a pause: 'Monday to Friday, 9am to 5pm'.
    header = [flat_cell(cell) for cell in block.rows[0]] if block.header_rows else None
    say(f"A table with {table_size(block)}.", cell_pause, key)
    for row in block.body_rows:
        for column, cell in enumerate(map(flat_cell, row)):
            if not cell.strip():
                continue
            label = header[column] if header and column < len(header) else ""
            say(f"{label}: {cell}" if label and label != cell else cell, cell_pause, key)
    if segments:
        last = segments[-1]
        segments[-1] = Segment(last.text, pauses["between_paragraphs_ms"], last.written,
                               last.block)


def transcript(segments: list[Segment]) -> str:
    """The spoken text, one paragraph per block."""
    paragraphs: list[list[str]] = []
    previous = None
    for segment in segments:
        if not paragraphs or segment.block != previous:
            paragraphs.append([])
        paragraphs[-1].append(segment.text)
        previous = segment.block
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
