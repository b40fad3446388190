"""Draft an Easy Read script from the master, by rule and offline.

It follows the DH/GOV.UK Easy Read guidance and Mencap's "Am I making myself clear?": one
idea a row, short sentences (15 words at most here), everyday words, numbers as digits, no
brackets or acronyms, and hard words in bold and explained. People still edit the result.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from converter.config import Style
from converter.formats.easy_read.script import MISSING_EXPLANATION, Row, Script, Section
from converter.language.acronyms import find_definitions
from converter.language.contacts import ADDRESS
from converter.language.grammar import follows_determiner
from converter.language.lexicon import Lexicon
from converter.language.numbers import NUMBER_WORDS, digits_allowed
from converter.language.sentences import WORD, split_sentences, words
from converter.language.syllables import syllables
from converter.model import Chapter, Document, Heading, Image, ListItem, Table

# Latin and other shorthand come from styles/words/abbreviations.tsv (the easy_read column).
NUMBER_WORD = re.compile(r"\b(?:" + "|".join(w for w in NUMBER_WORDS if w != "zero") + r")\b",
                         re.I)
PLAIN_SWAPS = [
    (re.compile(r"\bno one\b", re.I), "nobody"),
    (re.compile(r"\s*&\s*"), " and "),
]
STOPWORD_TEXT = """
a about above after again all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its itself
just me more most my no nor not now of off on once only or other our ours out over own
same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who
whom why will with would you your yours us must may might shall per within without
across among upon via every each many much make made use used using need needs work
works way ways help take part sure including include includes also well want good new
"""
STOPWORDS = frozenset(STOPWORD_TEXT.split())
CONJUNCTIONS = ("and", "but", "so", "because", "which", "who", "while", "although", "when",
                "where", "if", "unless", "as", "or")
SPLIT_LEVELS = [
    re.compile(r";\s+"),
    re.compile(r":\s+(?=\S)"),
    re.compile(r",\s+(?=(?:" + "|".join(CONJUNCTIONS) + r")\b)", re.I),
    re.compile(r"\s+(?=(?:but|so|because|while|although|unless)\s)", re.I),
    re.compile(r",\s+"),
    re.compile(r"\s+(?=(?:to|with|by|in|on|from|when|where|if)\s)", re.I),
    re.compile(r"\s+(?=(?:that|how|who|what|whether)\s)", re.I),
]


@dataclass
class Drafter:
    style: Style
    document: Document

    @cached_property
    def settings(self) -> dict[str, Any]:
        return self.style.settings("easy-read")

    @cached_property
    def max_words(self) -> int:
        return int(self.settings["limits"]["max_words_per_sentence"])

    @cached_property
    def lexicon(self) -> Lexicon:
        return Lexicon.from_style(self.style)

    @cached_property
    def swaps(self) -> list[tuple[re.Pattern, str]]:
        """Plain English swaps: (pattern, first real suggestion) from the style word lists."""
        pairs = []
        for key in ("words_to_avoid", "complex_words"):
            for entry in self.lexicon.lists[key].entries:
                if entry.unless or entry.sense:
                    continue  # depends on context ("impact, unless a collision")
                size = len(entry.words)
                if key == "complex_words" and size < 2:
                    continue  # single words there are mostly verbs: wrong for nouns
                options = [s for s in entry.suggestions
                           if "(" not in s and " x" not in s and "..." not in s
                           and len(s.split()) <= size]
                if options and len(entry.phrase) > 3:
                    pairs.append((entry.phrase, options[0]))
        pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
        return [(re.compile(rf"\b{re.escape(phrase)}\b", re.I), replacement)
                for phrase, replacement in pairs]

    @property
    def common_words(self) -> frozenset[str]:
        return self.lexicon.common_words

    @property
    def explanations(self) -> Mapping[str, str]:
        return self.lexicon.explanations

    @cached_property
    def glossary(self) -> dict[str, str]:
        """Explanations the master gives itself: list items like 'Step-free: a place ...'."""
        found = {}
        for chapter in self.document.chapters:
            for block in chapter.blocks:
                match = re.match(r"^([A-Z][\w' -]{1,40}):\s+(.{10,})$", block.text)
                if isinstance(block, ListItem) and match:
                    text = match.group(2).strip()
                    found[match.group(1).lower()] = text[0].upper() + text[1:]
        return found

    @cached_property
    def acronyms(self) -> dict[str, str]:
        text = "\n".join(block.text for chapter in self.document.chapters
                         for block in chapter.blocks)
        return find_definitions(text)

    @cached_property
    def picture_keywords(self) -> set[str]:
        from converter.formats.easy_read.pictures import PictureLibrary

        return PictureLibrary.load(self.style).keywords()

    # -- drafting --------------------------------------------------------------------

    def script(self) -> Script:
        script = Script(title=self.document.title, source=Path(self.document.source).name)
        drafted = [(chapter, self.chapter_rows(chapter)) for chapter in self.document.chapters]
        keep = self.budget([rows for _, rows in drafted])
        for (chapter, rows), kept in zip(drafted, keep, strict=True):
            script.sections.append(self.section(chapter, [(rows[i][1], rows[i][2]) for i in kept],
                                                script.word_bank))
        return script

    def chapter_rows(self, chapter: Chapter) -> list[tuple[tuple[int, int], list[str], str]]:
        """((block, source sentence), sentences, alt text) for every row the chapter gives."""
        rows = []
        for block_index, block in enumerate(chapter.blocks):
            if isinstance(block, Heading) and block.level <= chapter.level:
                continue
            alt = block.alt if isinstance(block, Image) else ""
            for source_index, sentences in self.block_rows(block):
                rows.append(((block_index, source_index), sentences, alt))
        return rows

    def budget(self, sections: list[list[tuple[tuple[int, int], list[str], str]]]
               ) -> list[list[int]]:
        """Which rows to keep so the PDF fits the page limit. Easy Read is a summary: when the
        master is long, keep each section's opening sentence, then the first sentence of
        every paragraph or list item (its topic sentence), then the rest, in document order.
        A source sentence is kept or dropped whole, never cut between its rows."""
        budget = int(self.settings["limits"]["max_content_rows"])
        if sum(len(rows) for rows in sections) <= budget:
            return [list(range(len(rows))) for rows in sections]
        groups: dict[tuple[int, tuple[int, int]], list[int]] = {}
        for s_index, rows in enumerate(sections):
            for r_index, (origin, _, _) in enumerate(rows):
                groups.setdefault((s_index, origin), []).append(r_index)
        # Round robin: every section's k-th topic sentence before any section's (k+1)-th,
        # so a long early chapter cannot take the whole budget.
        ranked = []
        seen: dict[tuple[int, int], int] = {}
        for (s_index, origin), members in groups.items():
            opening = members[0] == 0
            priority = -1 if opening else (0 if origin[1] == 0 else 1)
            turn = seen.get((s_index, priority), 0)
            seen[(s_index, priority)] = turn + 1
            ranked.append((priority, turn, s_index, members))
        keep: list[list[int]] = [[] for _ in sections]
        used = 0
        for priority, _, s_index, members in sorted(ranked, key=lambda item: item[:3]):
            if used + len(members) > budget:
                if priority >= 0:
                    continue
                # An opening sentence is always kept, but a run-on one only as far as fits.
                members = members[:max(1, budget - used)]
            keep[s_index].extend(members)
            used += len(members)
        return [sorted(rows) for rows in keep]

    def section(self, chapter: Chapter, rows: list[tuple[list[str], str]],
                word_bank: dict[str, str]) -> Section:
        section = Section(heading=self.simplify_heading(chapter.title), chapter=chapter.id,
                          chapter_sha256=chapter.sha256)
        bolded: set[str] = set()
        for sentences, alt in rows:
            text = " ".join(self.mark_hard_words(s, bolded, word_bank) for s in sentences)
            slot = f"{chapter.id}-{len(section.rows) + 1}"
            section.rows.append(Row(slot, self.keywords(" ".join(sentences)), text, alt))
        return section

    def block_rows(self, block) -> list[tuple[int, list[str]]]:
        """(source sentence index, row) pairs. A row has one or two short sentences: each
        sentence is one idea, so a row holds two only when the second is very short."""
        if isinstance(block, Heading):
            return [(0, [self.finish(self.simplify_text(block.text))])]
        if isinstance(block, Image):
            return [(0, [self.finish(block.alt)])] if block.alt else []
        if isinstance(block, Table):
            texts = []
            header = block.rows[0] if block.header_rows else None
            for row in block.rows[block.header_rows:]:
                cells = [cell for cell in row if cell.strip()]
                if header and len(header) == len(row):
                    cells = [f"{h}: {c}" if h and c else c for h, c in zip(header, row,
                                                                            strict=True) if c]
                texts.append(". ".join(cells))
        elif isinstance(block, ListItem):
            texts = [block.text]
        else:
            texts = [sentence.text for sentence in split_sentences(block.text)]
        rows: list[tuple[int, list[str]]] = []
        for source_index, text in enumerate(texts):
            for sentence in self.short_sentences(text):
                last = rows[-1][1] if rows and rows[-1][0] == source_index else None
                if last and len(last) == 1 and len(words(sentence)) <= 5 and len(
                        words(last[0])) <= 8:
                    last.append(sentence)
                else:
                    rows.append((source_index, [sentence]))
        return rows

    def short_sentences(self, text: str) -> list[str]:
        simple = self.simplify_text(text)
        if not words(simple):
            return []
        return [self.finish(piece) for piece in split_clauses(simple, self.max_words)
                if words(piece)]

    def simplify_heading(self, text: str) -> str:
        return self.simplify_text(text).rstrip(".") or text

    def simplify_text(self, text: str) -> str:
        text = re.sub(r"\s*\([^()]*\)|\s*\[[^\[\]]*\]", "", text)  # Easy Read: no brackets
        text = self.lexicon.abbreviations.replace(text, "easy_read")
        for pattern, replacement in PLAIN_SWAPS:
            text = pattern.sub(replacement, text)
        for acronym, expansion in self.acronyms.items():
            text = re.sub(rf"\b{re.escape(acronym)}s?\b", expansion, text)
        for pattern, replacement in self.swaps:
            text = pattern.sub(lambda m, r=replacement: _swap(m, r), text)
        text = NUMBER_WORD.sub(_number, text)
        return " ".join(text.split())

    def finish(self, sentence: str) -> str:
        sentence = sentence.strip(" ,;:-–")
        for conjunction in ("and ", "or "):
            if sentence.lower().startswith(conjunction):
                sentence = sentence[len(conjunction):]
        if sentence.lower().startswith("which "):
            sentence = "This " + sentence[6:]
        if sentence and sentence[0].islower() and not ADDRESS.match(sentence):
            sentence = sentence[0].upper() + sentence[1:]
        if sentence and sentence[-1] not in ".!?":
            sentence += "."
        return sentence

    def is_hard(self, word: str, first: bool) -> bool:
        lower = word.lower()
        if not word.isalpha() or lower in self.common_words or lower.rstrip("s") in \
                self.common_words:
            return False
        if word[0].isupper() and not first:
            return False  # a name: people know their own council's name
        return syllables(word) >= 3

    def mark_hard_words(self, sentence: str, bolded: set[str], word_bank: dict[str, str]) -> str:
        out = sentence
        for index, word in enumerate(words(sentence)):
            lower = word.lower()
            if lower in bolded or not self.is_hard(word, index == 0):
                continue
            if lower not in word_bank and len(word_bank) >= int(
                    self.settings["limits"]["max_hard_words"]):
                continue
            bolded.add(lower)
            out = re.sub(rf"\b{re.escape(word)}\b", f"**{word}**", out, count=1)
            explanation = (self.glossary.get(lower) or self.glossary.get(lower.rstrip("s"))
                           or self.explanations.get(lower)
                           or self.explanations.get(lower.rstrip("s")))
            word_bank.setdefault(lower, explanation or MISSING_EXPLANATION)
        return out

    def keywords(self, text: str) -> list[str]:
        """Picture keywords: content words, the ones the picture library knows first."""
        candidates = []
        for word in words(ADDRESS.sub(" ", text)):
            lower = word.lower()
            if lower in STOPWORDS or len(lower) < 3 or not lower.isalpha() or lower in candidates:
                continue
            candidates.append(lower)
        known = [w for w in candidates if w in self.picture_keywords
                 or w.rstrip("s") in self.picture_keywords]
        rest = sorted((w for w in candidates if w not in known), key=len, reverse=True)
        return (known + rest)[:3] or ["information"]


RUN_ON_WORDS = 300  # longer "sentences" (no full stops at all) are cut into pieces first


def split_clauses(sentence: str, max_words: int) -> list[str]:
    """Split at the clause boundary nearest the middle until every piece is short enough.

    Word positions are found once and looked up by bisection, so a run-on text of any
    length is split in about n log n time.
    """
    starts = [match.start() for match in WORD.finditer(sentence)]
    total = len(starts)
    if total <= max_words:
        return [sentence]
    # Web and email addresses are never cut: "https://..." split in two is useless.
    addresses = [m.span() for m in ADDRESS.finditer(sentence)]

    def inside_address(position: int) -> bool:
        return any(begin < position < end for begin, end in addresses)

    if total > RUN_ON_WORDS:
        pieces = []
        for first in range(0, total, RUN_ON_WORDS):
            begin = starts[first] if first else 0
            stop = starts[first + RUN_ON_WORDS] if first + RUN_ON_WORDS < total else len(sentence)
            pieces.extend(split_clauses(sentence[begin:stop], max_words))
        return pieces
    for pattern in SPLIT_LEVELS:
        best = None
        for match in pattern.finditer(sentence):
            left = bisect_left(starts, match.start())  # words before the cut
            if (not 2 <= left <= total - 2 or inside_address(match.start())
                    or _inside_name(sentence, match.start(), match.end())):
                continue
            if pattern.pattern == r",\s+" and _inside_list(sentence, match):
                continue
            distance = abs(left - total / 2)
            if best is None or distance < best[0]:
                best = (distance, match)
        if best:
            match = best[1]
            return (split_clauses(sentence[:match.start()], max_words)
                    + split_clauses(sentence[match.end():], max_words))
    # No clause boundary: cut into equal chunks at word boundaries.
    chunks = -(-total // max_words)
    size = -(-total // chunks)
    cuts = [starts[i] for i in range(size, total, size) if not inside_address(starts[i])]
    bounds = [0, *cuts, len(sentence)]
    return [sentence[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)
            if sentence[a:b].strip()]


def _inside_list(sentence: str, match: re.Match) -> bool:
    """A comma between short items ('lives, works or travels') separates list items, not
    clauses: both neighbouring runs must have 4 words or more to split there."""
    before = sentence[:match.start()].split(",")[-1]
    after = sentence[match.end():].split(",")[0]
    first_item = re.split(r"\s+(?:and|or)\s+", after)[0]
    last_item = re.split(r"\s+(?:and|or)\s+", before)[-1]
    return min(len(words(before)), len(words(after)), len(words(first_item)) + 1,
               len(words(last_item)) + 1) < 4


def _inside_name(sentence: str, start: int, end: int) -> bool:
    """True when a cut would fall inside a name: 'Department for Work and Pensions'."""
    before = sentence[max(0, start - 80):start].split()
    after = sentence[end:end + 80].split()
    if not before or len(after) < 2:
        return False
    following = after[1] if after[0].lower() in CONJUNCTIONS + ("to", "for", "with", "by",
                                                                 "in", "on", "from") else after[0]
    return before[-1][:1].isupper() and following[:1].isupper()


def _swap(match: re.Match, replacement: str) -> str:
    """A plainer word, unless the word is part of a name ('Combined Authority')."""
    original = match.group(0)
    before = match.string[max(0, match.start() - 40):match.start()].rstrip()
    at_start = not before or before[-1] in ".!?:;"
    if original[:1].isupper() and not at_start:
        return original
    if " " not in original and follows_determiner(match.string, match.start()):
        return original  # "our progress" is a noun; the lists' swaps are for verbs
    return _match_case(original, replacement)


def _match_case(original: str, replacement: str) -> str:
    return replacement[0].upper() + replacement[1:] if original[:1].isupper() else replacement


def _number(match: re.Match) -> str:
    """Easy Read: numbers as digits ("three months" -> "3 months"), but never "one" used as
    a pronoun ("the next one", "one of them") or a number inside a word ("someone")."""
    if not digits_allowed(match.string, match.start(), match.end()):
        return match.group(0)
    return str(NUMBER_WORDS[match.group(0).lower()])
