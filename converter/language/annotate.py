"""Annotate a Document once; every format reads the result.

`annotate(document, lexicon)` walks every block of every chapter and records sentences,
proper names, quotations (and whether the whole block is a quotation), acronyms with their
definitions, contacts, numbers and measures, abbreviations and word-list hits. Each hit
says whether it falls in a protected span (a name, quotation, quoted block or contact),
which formats leave as written. Everything is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from converter.language.acronyms import (
    ACRONYM,
    acronym_base,
    defined_acronyms,
    definitions,
    looks_like_acronym,
)
from converter.language.contacts import contact_spans
from converter.language.latin import Abbreviation
from converter.language.names import name_spans, quotation_spans
from converter.language.numbers import number_spans
from converter.language.placeholders import placeholder_spans
from converter.language.sentences import Sentence, split_sentences
from converter.language.spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from converter.language.lexicon import Lexicon, WordHit
    from converter.model import Block, Document

PROTECTING = ("name", "acronym", "quotation", "phone", "email", "web", "postcode", "address",
              "placeholder")


class Location(NamedTuple):
    chapter_id: str
    block_index: int
    offset: int  # character offset in the block's text


@dataclass(frozen=True)
class AbbreviationHit:
    span: Span  # kind "latin" or "shorthand"; value is the table's name ("e.g.")
    entry: Abbreviation
    protected: bool = False


@dataclass(frozen=True)
class Acronym:
    short: str
    expansion: str  # "" when the document never spells it out exactly
    defined: bool  # explained somewhere (lenient: any bracketed definition counts)
    defined_at: Location | None  # where first defined
    first_used_at: Location | None  # first use outside a definition
    # First used before it is defined (or never defined), in document order: chapter ids are
    # slugs, so Locations of different chapters do not compare in reading order.
    used_before_defined: bool = False


@dataclass(frozen=True)
class BlockAnnotations:
    chapter_id: str
    index: int  # position in chapter.blocks
    kind: str  # the block's kind: "paragraph", "quote", "heading" ...
    text: str
    quoted: bool  # the master marks the whole block as a quotation: leave it alone
    sentences: tuple[Sentence, ...]
    names: tuple[Span, ...]  # kind "name" (title-case runs, spelled-out acronyms)
    quotations: tuple[Span, ...]
    acronyms: tuple[Span, ...]  # uses; value is the expansion when defined exactly
    contacts: tuple[Span, ...]  # phone, email, web, postcode, address
    numbers: tuple[Span, ...]
    abbreviations: tuple[AbbreviationHit, ...]
    words: tuple[WordHit, ...]
    # '[organisation]' left from a template: kept as written, brackets and all.
    placeholders: tuple[Span, ...] = ()

    @property
    def protected_spans(self) -> tuple[Span, ...]:
        return self.names + self.acronyms + self.quotations + self.contacts + self.placeholders

    def protected(self, start: int, end: int) -> bool:
        """Whether text[start:end] touches text the formats must leave as written."""
        if self.quoted:
            return True
        return any(span.overlaps(start, end) for span in self.protected_spans)


def protected(block: BlockAnnotations, start: int, end: int) -> bool:
    return block.protected(start, end)


@dataclass(frozen=True)
class Annotations:
    blocks: Mapping[tuple[str, int], BlockAnnotations]  # (chapter id, block index)
    acronyms: Mapping[str, Acronym]  # document-wide, by acronym
    lexicon_sha256: str

    def block(self, chapter_id: str, index: int) -> BlockAnnotations:
        return self.blocks[(chapter_id, index)]

    def chapter(self, chapter_id: str) -> tuple[BlockAnnotations, ...]:
        return tuple(b for (cid, _), b in self.blocks.items() if cid == chapter_id)

    def __iter__(self) -> Iterator[BlockAnnotations]:
        return iter(self.blocks.values())

    def expansions(self) -> dict[str, str]:
        """acronym -> expansion for the acronyms the document spells out exactly."""
        return {a.short: a.expansion for a in self.acronyms.values() if a.expansion}


def annotate(document: Document, lexicon: Lexicon) -> Annotations:
    """The document's annotations. Bounded memory: one light pass over every block finds the
    acronyms' definitions and uses (document-wide facts); the full annotations of a block
    are made when asked for, a chapter at a time, and only the last chapter's are kept."""
    expansions: dict[str, str] = {}
    for chapter in document.chapters:
        # Chapter by chapter, not the whole text at once: a definition cannot span two
        # chapters (the heading that starts one ends the other's sentence anyway).
        text = "\n".join(block.text for block in chapter.blocks)
        for definition in definitions(text):
            expansions.setdefault(definition.short, definition.expansion)
    uses = ((chapter.id, index, block.text,
             _acronym_spans(block.text, expansions, contact_spans(block.text)))
            for chapter in document.chapters for index, block in enumerate(chapter.blocks))
    return Annotations(_ChapterBlocks(document, lexicon, expansions),
                       MappingProxyType(_acronyms(uses)), lexicon.files_sha256)


class _ChapterBlocks(Mapping):
    """(chapter id, block index) -> BlockAnnotations, made on demand a chapter at a time;
    iterating walks the document in order. Holds one chapter's annotations, not all."""

    def __init__(self, document: Document, lexicon: Lexicon, expansions: dict[str, str]):
        self._chapters = {chapter.id: chapter for chapter in document.chapters}
        self._lexicon, self._expansions = lexicon, expansions
        self._cached: tuple[str, tuple[BlockAnnotations, ...]] = ("", ())
        self._count = sum(len(chapter.blocks) for chapter in document.chapters)

    def _chapter(self, chapter_id: str) -> tuple[BlockAnnotations, ...]:
        if self._cached[0] != chapter_id or not self._cached[1]:
            chapter = self._chapters[chapter_id]
            self._cached = (chapter_id, tuple(
                annotate_block(block, self._lexicon, self._expansions, chapter_id, index)
                for index, block in enumerate(chapter.blocks)))
        return self._cached[1]

    def __getitem__(self, key: tuple[str, int]) -> BlockAnnotations:
        chapter_id, index = key
        if chapter_id not in self._chapters or not 0 <= index < len(
                self._chapters[chapter_id].blocks):
            raise KeyError(key)
        return self._chapter(chapter_id)[index]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for chapter_id, chapter in self._chapters.items():
            for index in range(len(chapter.blocks)):
                yield (chapter_id, index)

    def __len__(self) -> int:
        return self._count


def annotate_block(block: Block, lexicon: Lexicon, expansions: Mapping[str, str] | None = None,
                   chapter_id: str = "", index: int = 0) -> BlockAnnotations:
    return annotate_text(block.text, lexicon, expansions, chapter_id, index, kind=block.kind,
                         quoted=block.kind == "quote")


def annotate_text(text: str, lexicon: Lexicon, expansions: Mapping[str, str] | None = None,
                  chapter_id: str = "", index: int = 0, kind: str = "paragraph",
                  quoted: bool = False) -> BlockAnnotations:
    """Annotations of any text (a block, a note, a line of an Easy Read script)."""
    expansions = expansions or {}
    contacts = contact_spans(text)
    quotations = tuple(quotation_spans(text))
    names = list(name_spans(text))
    for definition in definitions(text):
        names.append(Span(definition.expansion_start, definition.expansion_end,
                          definition.expansion, "name", definition.short))
    acronyms = _acronym_spans(text, expansions, contacts)
    inside = [*contacts, *quotations]
    numbers = tuple(n for n in number_spans(text) if not any(
        c.overlaps(n.start, n.end) for c in contacts))
    names = sorted((n for n in names if not any(c.overlaps(n.start, n.end) for c in contacts)),
                   key=lambda s: s.start)
    placeholders = placeholder_spans(text)
    guard = (*names, *acronyms, *inside, *placeholders)

    def is_protected(start: int, end: int) -> bool:
        return quoted or any(span.overlaps(start, end) for span in guard)

    abbreviations = tuple(AbbreviationHit(span, entry, is_protected(span.start, span.end))
                          for span, entry in lexicon.abbreviations.find(text)
                          if not any(c.overlaps(span.start, span.end) for c in contacts))
    words = tuple(_with_protection(hit, is_protected(hit.start, hit.end))
                  for hit in lexicon.find_words(text))
    return BlockAnnotations(chapter_id, index, kind, text, quoted, tuple(split_sentences(text)),
                            tuple(names), quotations, tuple(acronyms), contacts, numbers,
                            abbreviations, words, placeholders)


def _acronym_spans(text: str, expansions: Mapping[str, str],
                   contacts: tuple[Span, ...]) -> list[Span]:
    """Uses of acronyms in `text` (outside contacts); value is the expansion when known."""
    acronyms = []
    for match in ACRONYM.finditer(text):
        base = acronym_base(match.group(0))
        if (base.isupper() or base in expansions or looks_like_acronym(base)) and len(base) >= 2:
            acronyms.append(Span(match.start(), match.end(), match.group(0), "acronym",
                                 expansions.get(base, "")))
    return [a for a in acronyms if not any(c.overlaps(a.start, a.end) for c in contacts)]


def _with_protection(hit: WordHit, value: bool) -> WordHit:
    from dataclasses import replace

    return replace(hit, protected=value) if value else hit


def _acronyms(blocks: Iterable[tuple[str, int, str, list[Span]]]) -> dict[str, Acronym]:
    """Where each acronym is first defined and first used, in document order. `blocks`:
    (chapter id, block index, text, acronym uses) of every block, in document order."""
    defined_at: dict[str, Location] = {}
    expansion: dict[str, str] = {}
    used_at: dict[str, Location] = {}
    order: dict[tuple[str, int], int] = {}  # of the blocks named by a Location only
    for number, (chapter_id, index, text, uses) in enumerate(blocks):
        definition_spans = []
        for definition in definitions(text):
            if definition.short not in defined_at:
                defined_at[definition.short] = Location(chapter_id, index, definition.start)
                order[(chapter_id, index)] = number
            expansion.setdefault(definition.short, definition.expansion)
            definition_spans.append((definition.start, definition.end))
        for short in defined_acronyms(text):
            match = re.search(rf"\b{re.escape(short)}\b", text)
            if match and short not in defined_at:
                defined_at[short] = Location(chapter_id, index, match.start())
                order[(chapter_id, index)] = number
                definition_spans.append(match.span())
        for span in uses:
            base = acronym_base(span.text)
            if any(a <= span.start < b for a, b in definition_spans) and base in defined_at \
                    and defined_at[base][:2] == (chapter_id, index):
                continue  # the definition itself is not a use
            if base not in used_at:
                used_at[base] = Location(chapter_id, index, span.start)
                order[(chapter_id, index)] = number

    def before(used: Location | None, defined: Location | None) -> bool:
        if used is None:
            return False
        if defined is None:
            return True
        return (order[used[:2]], used.offset) < (order[defined[:2]], defined.offset)

    shorts = sorted(set(defined_at) | set(used_at))
    return {short: Acronym(short, expansion.get(short, ""), short in defined_at,
                           defined_at.get(short), used_at.get(short),
                           before(used_at.get(short), defined_at.get(short)))
            for short in shorts}
