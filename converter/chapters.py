"""Split a flat block list into chapters at the top heading level present."""

from __future__ import annotations

from converter.model import Block, Chapter, Heading, Note, ReadResult
from converter.slug import unique_slugs

INTRODUCTION = "Introduction"


def split_chapters(result: ReadResult, split_level: int | None = None) -> tuple[str, list[Chapter]]:
    """Return (title, chapters); the title is "" when the master does not state one
    (readers/title.py guesses it then).

    A single top-level heading at the very start is the document's title heading (common
    in Markdown: "# Title" then "## Sections"); chapters then split at the next level.
    """
    blocks = list(result.blocks)
    title = result.title
    headings = [block for block in blocks if isinstance(block, Heading)]
    if headings:
        top = min(heading.level for heading in headings)
        tops = [heading for heading in headings if heading.level == top]
        if len(tops) == 1 and blocks[0] is tops[0] and len(headings) > 1:
            title = title or tops[0].text
            blocks = blocks[1:]
            headings = headings[1:]
    if split_level is None:
        split_level = min((heading.level for heading in headings), default=1)

    groups: list[tuple[str, int, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level <= split_level:
            groups.append((block.text, block.level, [block]))
        elif groups:
            groups[-1][2].append(block)
        else:
            groups.append((INTRODUCTION, 0, [block]))
    groups = [group for group in groups if any(b.text.strip() for b in group[2])]
    if not groups and result.notes:  # a body that is only note references
        groups.append((title or INTRODUCTION, 0, []))

    ids = unique_slugs([group[0] for group in groups], fallback="section")
    notes_by_chapter = _assign_notes(groups, result.notes)
    chapters = [
        Chapter(id=chapter_id, title=group[0], level=group[1], blocks=tuple(group[2]),
                notes=tuple(notes_by_chapter[index]))
        for index, (chapter_id, group) in enumerate(zip(ids, groups, strict=True))
    ]
    return title, chapters


def _assign_notes(groups, notes: tuple[Note, ...]) -> list[list[Note]]:
    """Each note goes to the chapter that first refers to it; unreferenced ones to the last."""
    by_id = {note.id: note for note in notes}
    result: list[list[Note]] = [[] for _ in groups]
    placed: set[str] = set()
    for index, (_, _, blocks) in enumerate(groups):
        for block in blocks:
            for ref in getattr(block, "note_refs", ()):
                if ref in by_id and ref not in placed:
                    result[index].append(by_id[ref])
                    placed.add(ref)
    leftovers = [note for note in notes if note.id not in placed and note.text]
    if leftovers and result:
        result[-1].extend(leftovers)
    return result
