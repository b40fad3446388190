"""Draft an Easy Read script from the master, by rule and offline.

It follows the DH/GOV.UK Easy Read guidance and Mencap's "Am I making myself clear?": one
idea a row, short whole sentences (15 words at most where a safe split exists), everyday
words, numbers as digits, no brackets or acronyms, and hard words in bold and explained.
What the rules cannot do safely is left whole and marked for a writer; people approve the
result before residents get it.
"""

from __future__ import annotations

import pickle
import re
import tempfile
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from converter.config import Style
from converter.formats.easy_read.clauses import reading_length, sentence_case, split_whole
from converter.formats.easy_read.lists import (
    Intro,
    continued,
    groupable,
    grouped_sentences,
    item_sentence,
    list_intro,
    lowered,
    pointing_stem,
)
from converter.formats.easy_read.script import (
    Row,
    Script,
    Section,
    bank_forms,
    tidy_explanation,
)
from converter.formats.easy_read.tables import is_example, table_sentences
from converter.language.acronyms import find_definitions
from converter.language.articles import the_phrases, with_articles
from converter.language.clauses import (
    PREPOSITIONS,
    SUBJECTS,
    is_clause,
    is_instruction,
    lower_words,
)
from converter.language.contacts import ADDRESS
from converter.language.lexicon import Lexicon
from converter.language.names import name_spans, quotation_spans
from converter.language.numbers import (
    NUMBER_WORDS,
    comparison_words,
    date_format_plain,
    digits_allowed,
    without_note_markers,
)
from converter.language.placeholders import placeholder_spans
from converter.language.rewrite import substitute
from converter.language.sentences import WORD, split_sentences, words
from converter.language.shorthand import choice_case
from converter.language.syllables import syllables
from converter.language.voice import active
from converter.language.wordlists import read_tsv
from converter.model import (
    Chapter,
    Document,
    Heading,
    Image,
    ListItem,
    Paragraph,
    Quote,
    Table,
    flat_cell,
)

if TYPE_CHECKING:
    from converter.formats.easy_read.budget import SectionUnits
    from converter.formats.easy_read.measure import Measure, Pager


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())

# Latin and other shorthand come from styles/words/abbreviations.tsv (the easy_read column).
NUMBER_WORD = re.compile(r"\b(?:" + "|".join(w for w in NUMBER_WORDS if w != "zero") + r")\b",
                         re.I)
PLAIN_SWAPS = [
    (re.compile(r"\bno one\b", re.I), "nobody"),
    (re.compile(r"\s*&\s*"), " and "),
    # A checklist's 'If yes, then remove it' answers the question beside it: whole words.
    (re.compile(r"\b(?P<if>[Ii]f) (?P<answer>yes|no|not),\s*(?:then\s+)?"),
     lambda m: f"{m.group('if')} the answer is {m.group('answer').replace('not', 'no')}, "),
    # 'Where appropriate, we will ...' -> 'Where it is appropriate, ...': the words the
    # shorthand leaves out, so the condition is a whole clause.
    # 'the observation / remark': a spaced slash between two words offers a choice; Easy
    # Read spells it out ('and / are', a slip for 'and/or', is left for a person).
    (re.compile(r"(?<=[A-Za-z\]])(?<!\band)(?<!\bor) / (?=\[?[A-Za-z])(?!(?:and|or)\b)"),
     " or "),
    # GOV.UK style guide, "Hyphenation": 'email', and no hyphen after 're-' unless the word
    # goes on with an 'e' (re-evaluate). Only where the joined word means the same
    # ('re-sign' is not 'resign', 're-cover' is not 'recover').
    (re.compile(r"(?<![\w/.@-])([Ee])-mail\b"), r"\1mail"),
    (re.compile(r"(?<![\w/.@-])([Rr]e)-(?!(?:e|sign|cover|form|present|lease|creat|count|"
                r"treat|press|sort|serve|mark|collect|sent|act|search|solve|place|store|"
                r"sort|call|pair|fund|view|port|tire|lay|prove|claim|fine|signed)\w*)"
                r"(?=[a-z]{3,}\b)"), r"\1"),
    # 'A and/or B' is 'A or B, or both' (plainlanguage.gov, "Use simple words and phrases":
    # "a and/or b" -> "a or b or both"). Said so
    # only where 'and/or' joins the last words of the sentence, so ', or both' can close
    # it; elsewhere it stays for a person ('Provide and/or signpost data users to ...').
    (re.compile(r"\band ?/ ?or ((?:[\w'’-]+ ){0,3}[\w'’-]+)(?=[.!?]?$|[.!?]\s)"),
     r"or \1, or both"),
    # 'If there is a bespoke date format, then describe it': the 'then' after a condition
    # adds nothing (as 'If yes, then' above loses it).
    (re.compile(r"^((?:If|When|Where|Once|Unless)\b[^,;:.?!]{1,80}), then (?=[a-z])"), r"\1, "),
    # 'dataset(s)': Easy Read has no bracket tricks; both readings are said.
    (re.compile(r"\b([A-Za-z]{3,})\(s\)"), r"\1 or \1s"),
    # 'When publishing - and updating - data': a dashed aside that only adds 'and X' reads
    # as one phrase without its dashes.
    (re.compile(r" [-–] ((?:and|or) [a-z][\w ]{0,30}?) [-–] "), r" \1 "),
    # '... along with older data - Where data must be overwritten, ...': a spaced dash
    # before a word that opens a sentence joins two sentences; Easy Read says them apart.
    (re.compile(r"(?<=[a-z]) [-–] (?=(?:Where|When|If|This|These|It|We|You|They|There|"
                r"Please|Make|Do|Don't|Check|Use)\b)"), ". "),
    (re.compile(r"\b(?P<if>[Ii]f|[Ww]here|[Ww]herever|[Ww]hen|[Uu]nless) (?=(?:possible|"
                r"appropriate|necessary|acceptable|needed|required|relevant|applicable|"
                r"practical|practicable)\b)"), lambda m: f"{m.group('if')} it is "),
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
like hold point set place lead ones one others note complete things thing something means
chair chairs chaired board boards
"""
STOPWORDS = frozenset(STOPWORD_TEXT.split())
LEGAL = re.compile(r"\b(?:Act\s+\d{4}|Duty|due regard|Regulations?\s+\d{4}|statutory|"
                   r"section\s+\d+)\b")
NAME = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:of|and|for|the|on|in|&)?\s*[A-Z][\w'-]*)+")

# 'The table below compares ...': the Easy Read says a table's rows as sentences, so a
# sentence that points to a table, chart or diagram needs a person's words.
TABLE_MENTION = re.compile(r"\b(?:the|this|that|following)\s+(?:table|chart|graph|diagram)"
                           r"(?:\s+(?:below|above))?\b", re.I)
TABLE_NOTE = "points to a table the Easy Read gives as sentences: say it another way"
# Computer code in the master (a Markdown fence): kept as it is for a person to decide how a
# resident sees it (shown, described or left out), never reworded into sentences.
CODE_NOTE = "computer code, kept as it is: say what it does, or leave it out"


@dataclass(slots=True)  # one for every sentence of the master: no per-object dict
class Draft:
    """One drafted row before it becomes a script row."""

    origin: tuple[int, int]  # (block index, source sentence index)
    sentences: list[str]
    alt: str = ""
    writer: str = ""
    block: int = -1  # index of the master block it was drafted from
    heading: int = 0  # a sub-heading: its level in the master (no picture, not a sentence)


@dataclass
class Drafter:
    style: Style
    document: Document
    stats: dict[str, Any] = field(default_factory=dict)

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
    def safe_swaps(self) -> list[tuple[re.Pattern, str, str, re.Pattern | None]]:
        """(any form of the word, plainer word, the word, what must follow it) from styles'
        easy-read-swaps.tsv: words and phrases with one part of speech and one sense ('ensure'
        -> 'make sure', 'ensured' -> 'made sure', 'prior to' -> 'before'), so the swap keeps
        the meaning where it is made. The Plain English lists are not used for this: their
        first suggestion often changes the sense or the grammar ('in terms of' -> 'as',
        'benefit from' -> 'enjoy', 'all of us' -> 'all us'); hard words are explained."""
        from lemminflect import getAllInflections

        path = self.style.root / self.settings["words"].get("swaps", "words/easy-read-swaps.tsv")
        swaps = []
        for row in read_tsv(path) if path.is_file() else []:
            word, plainer = row["word"].lower(), row.get("plainer", "")
            if not (word and plainer):
                continue
            forms = {word, *(form for group in getAllInflections(word).values()
                             for form in group)}
            forms |= {form.replace("iz", "is") for form in forms}  # British -ise forms
            alternation = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
            before = row.get("only_before", "")
            swaps.append((re.compile(rf"\b(?:{alternation})\b", re.I), plainer, word,
                          re.compile(rf"\s+(?:{before})", re.I) if before else None))
        return swaps

    def swap_safe_words(self, text: str) -> str:
        """Each safe swap made outside names and quotations, in the word's own form."""
        for pattern, plainer, word, before in self.safe_swaps:
            for match in reversed(list(pattern.finditer(text))):
                if before and not before.match(text, match.end()):
                    continue
                if any(start <= match.start() < end for start, end in protected_spans(text)):
                    continue
                text = substitute(text, match.start(), match.end(), plainer, word)
        return text

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
                    found[match.group(1).lower()] = sentence_case(text)
        return found

    @cached_property
    def master_text(self) -> str:
        return "\n".join(flat_cell(block.text) for chapter in self.document.chapters
                         for block in chapter.blocks)

    @cached_property
    def the_phrases(self) -> frozenset[str]:
        return the_phrases(self.master_text)

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
        script = self.blank()
        script.sections.extend(self.sections(script.word_bank))
        return script

    def blank(self) -> Script:
        """The script's title and source, before any section."""
        return Script(title=self.document.title, source=Path(self.document.source).name)

    def sections(self, word_bank: dict[str, str]) -> Iterator[Section]:
        """Each chapter's section in order, left-out rows included, banking hard words in
        `word_bank`; `stats` is complete once the last is made. The page budget needs the
        whole master's drafts, so they wait in a temporary file, not in memory: a long
        master's drafts and rows are never all held at once."""
        from converter.formats.easy_read.measure import Pager

        chapters = list(self.document.chapters)
        stats = {"sentences_drafted": 0, "rows_for_writer": 0, "rows_left_out": 0}
        lists: list[str] = []
        with tempfile.TemporaryFile() as spill:
            pager, measured = Pager(self.measure), []
            for chapter in chapters:
                rows = self.contact_rows(chapter, self.chapter_rows(chapter))
                costs = array("d", (row_cost(row, self.measure) for row in rows))
                heading = self.heading_cost(chapter) if rows else 0.0
                measured.append((heading, costs))
                pager.heading(heading)
                lay_out(pager, rows, costs, range(len(rows)))
                pickle.dump(rows, spill, pickle.HIGHEST_PROTOCOL)
            every = self.budget(spill, chapters, measured, pager.extent())
            spill.seek(0)
            for index, chapter in enumerate(chapters):
                rows = pickle.load(spill)
                kept = set(range(len(rows))) if every is None else set(every[0][index])
                section = self.section(chapter, rows, kept, word_bank)
                del rows
                for row in section.rows:
                    if row.subheading:
                        continue
                    if row.left_out:
                        stats["rows_left_out"] += 1
                        continue
                    stats["sentences_drafted"] += len(split_sentences(row.plain_text))
                    stats["rows_for_writer"] += bool(row.writer)
                lists.extend(list_name(unit, section) for unit in
                             (every[1][index].lists if every is not None else ())
                             if all(section.rows[m].left_out for m in unit.members[1:]))
                yield section
        self.stats["sentences_master"] = sum(master_sentences(c) for c in chapters)
        self.stats.update(stats)
        self.stats["lists_left_out"] = lists

    def chapter_rows(self, chapter: Chapter) -> list[Draft]:
        """Every row the chapter gives, in order. A chapter of headings only still gets one."""
        rows: list[Draft] = []
        blocks = joined_paragraphs(list(chapter.blocks))
        intros: dict[int, Intro] = {}  # list level -> its introduction
        first_items: dict[int, int] = {}  # list level -> the block of its first item
        grouped: dict[int, list[str]] = {}  # first item -> sentences of gathered items
        list_origin = 0
        numbers: dict[int, int] = {}  # list level -> the number of the item at that level
        before_list = ""  # the text before a list, which may count it ('5 objectives')
        lead = (-1, "")  # (block, its text): the introduction ('... we will check:')
        heading = ""  # the sub-heading the block is under ('Principle 12')
        for index, block in enumerate(blocks):
            if block is None:
                continue
            if isinstance(block, Heading):
                rows.extend(self.subheading(index, block, chapter))
                heading = block.text
                continue
            if isinstance(block, Table):  # its rows complete the block just before it
                intros = {}
                drafts = self.text_rows(index, block, table_sentences(
                    block, lead[1] if lead[0] == index - 1 else "", heading))
                rows.extend(replace(draft, block=index) for draft in with_examples(drafts))
                continue
            level = block.level if isinstance(block, ListItem) else -1
            intros = {depth: intro for depth, intro in intros.items() if depth <= level}
            if index in grouped:
                if grouped[index]:
                    rows.extend(self.text_rows(index, block, grouped[index], list_origin))
                continue
            texts = self.block_texts(block, glossary=level not in intros)
            origin = index
            if level in intros and texts:
                intro = intros[level] if index == first_items.get(level) else \
                    continued(intros[level])
                texts = [item_sentence(intro, texts[0]), *texts[1:]]
            elif level > 0 and texts and not is_clause(texts[0]) and not \
                    texts[0].rstrip().endswith((".", "!", "?")):  # 'Make ...' is a sentence
                # A sub-item that only names an example of its parent item.
                texts = [f"This includes {_lowered(texts[0]).rstrip('.;,')}", *texts[1:]]
            if intros and level >= 0:
                origin = list_origin  # a list is kept or left out whole, with its intro
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, ListItem):
                numbers[level] = numbers.get(level, 0) + 1
                numbers = {depth: n for depth, n in numbers.items() if depth <= level}
                if texts and block.ordered and isinstance(following, ListItem) and \
                        following.level > level and (noun := list_noun(before_list)):
                    texts = [numbered_item(noun, numbers[level], texts[0]), *texts[1:]]
            else:
                numbers = {}
                before_list = getattr(block, "text", "")
            if (isinstance(following, ListItem) and following.level > level and texts
                    and texts[-1].rstrip().endswith(":")):
                intro = intros[following.level] = list_intro(texts[-1])
                first_items[following.level] = index + 1
                list_origin = index
                texts = texts[:-1] + ([intro.opening] if intro.opening else [])
                grouped.update(self.gathered(blocks, index + 1, intro))
            elif texts and texts[-1].rstrip().endswith(":"):
                lead = (index, texts[-1])
                texts[-1] = pointing_stem(texts[-1])  # a table or nothing follows
            rows.extend(replace(draft, block=index)
                        for draft in self.text_rows(index, block, texts, origin))
        rows = heading_something(rows)
        if not rows:
            titles = [b.text for b in blocks if isinstance(b, Heading)][1:] or [chapter.title]
            rows.append(Draft((0, 0), [sentence_case(f"This part is about {titles[0]}")]))
        return rows

    def subheading(self, index: int, block: Heading, chapter: Chapter) -> list[Draft]:
        """A heading inside the chapter as a sub-heading, simplified like a section heading;
        none for one that only repeats the chapter's title, or heads a contents list."""
        text = self.simplify_heading(block.text) if words(block.text) else ""
        if not words(text) or CONTENTS.match(text) or any(
                same_words(text, title) for title in
                (chapter.title, self.simplify_heading(chapter.title))):
            return []
        return [Draft((index, 0), [text], block=index, heading=max(1, block.level))]

    def contact_rows(self, chapter: Chapter, rows: list[Draft]) -> list[Draft]:
        """The master's contact chapter: one whole-sentence row a contact detail, the address
        in one row (contact_page.py); its other rows as drafted. The contact page has no
        sub-headings."""
        from converter.formats.easy_read.contact_page import chapter_texts

        texts = [" ".join(draft.sentences) for draft in rows if not draft.heading]
        wanted = chapter_texts(self.document, chapter.title, texts)
        if wanted is texts:
            return rows
        rows = [draft for draft in rows if not draft.heading]
        drafts = dict(zip(texts, rows, strict=True))
        return [drafts.get(text) or Draft((len(chapter.blocks) + n, 0), [text])
                for n, text in enumerate(wanted)]

    def gathered(self, blocks: list, start: int, intro: Intro) -> dict[int, list[str]]:
        """Runs of short noun-phrase items of one list ('name', 'birthday', 'age'), as a
        few sentences at the run's first item; the run's other items give none."""
        level = blocks[start].level
        items: list[int] = []
        for index in range(start, len(blocks)):
            block = blocks[index]
            if not isinstance(block, ListItem) or block.level < level:
                break
            if block.level == level:
                items.append(index)
        runs: list[list[int]] = [[]]
        for index in items:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            parent = isinstance(following, ListItem) and following.level > level
            if groupable(blocks[index].text) and not parent:
                runs[-1].append(index)
            elif runs[-1]:
                runs.append([])
        found: dict[int, list[str]] = {}
        for run in runs:
            if len(run) < 2:
                continue
            texts = [self.simplify_text(blocks[i].text, False) for i in run]
            found[run[0]] = grouped_sentences(intro if run[0] == items[0] else continued(intro),
                                              texts, self.max_words)
            found.update({i: [] for i in run[1:]})
        return found

    def block_texts(self, block, glossary: bool = True) -> list[str]:
        if is_contents_entry(block):
            return []  # a table-of-contents line: the sections themselves follow
        if isinstance(block, Image):
            return [f"There is a picture: {block.alt}"] if block.alt else []
        if isinstance(block, Table):
            return table_sentences(block)  # without its introduction (chapter_rows has it)
        if isinstance(block, Quote):
            return [quotation(block.text)]
        if isinstance(block, ListItem):
            term = glossary and re.match(r"^([A-Z][\w'-]*(?: [\w'-]+){0,3}):\s+(\S.{8,})$", block.text)
            if term and lower_words(term.group(2))[0] not in SUBJECTS:  # 'Term: meaning'
                meaning = term.group(2)
                return [f"{term.group(1)} means {meaning[:1].lower() + meaning[1:]}"
                        if meaning[1:2].islower() else f"{term.group(1)} means {meaning}"]
            return [contact_sentence(s.text) for s in split_sentences(block.text)]
        return [contact_sentence(sentence.text) for sentence in split_sentences(block.text)]

    def text_rows(self, index: int, block, texts: list[str],
                  origin: int | None = None) -> list[Draft]:
        protected = isinstance(block, Quote) or bool(LEGAL.search(" ".join(texts)))
        rows = []
        if getattr(block, "code_lines", ()):  # never reworded, split or read as sentences
            return [Draft((index, 0), [block.text], "", CODE_NOTE)]
        for source_index, text in enumerate(texts):
            simple = self.simplify_text(text, protected)
            if not words(simple):
                continue
            total = len(words(simple))
            if total > RUN_ON_WORDS:
                # No full stop for hundreds of words: cut at word boundaries so each row
                # fits a page, every piece marked for a writer.
                rows.extend(Draft((index, source_index), [piece], "",
                                  f"{total} words with no full stop, cut at {RUN_ON_WORDS} "
                                  "words for a writer to rewrite")
                            for piece in run_on_pieces(simple))
                continue
            # An aside made a sentence of its own ('... credentials. Examples are ...') is
            # judged and split as one.
            pieces = [simple] if isinstance(block, Quote) else [
                piece for sentence in split_sentences(simple)
                for piece in split_whole(sentence.text, self.max_words,
                                         bool(LEGAL.search(sentence.text))).pieces]
            if not protected:  # 'X is chaired by Y' -> 'Y chairs X' (active voice)
                pieces = [active(piece) for piece in pieces]
            note = ""
            longest = max(reading_length(piece) for piece in pieces)
            if longest > self.max_words:  # a quotation is kept exactly: a person shortens it
                note = f"{longest} words, not split safely" + (
                    " (a quotation, kept exactly)" if isinstance(block, Quote) else "")
            if TABLE_MENTION.search(simple):  # the Easy Read has no tables: a person rewords it
                note = note or TABLE_NOTE
            drafted = []
            for piece in pieces:
                group = (origin, 1000) if origin is not None and origin != index else \
                    (index, source_index)
                drafted.append(Draft(group, [sentence_case(piece)],
                                     block.alt if isinstance(block, Image) else "",
                                     note if reading_length(piece) > self.max_words or (
                                         note == TABLE_NOTE and TABLE_MENTION.search(piece))
                                     else ""))
            rows.extend(with_examples(drafted))
        return rows

    @cached_property
    def measure(self) -> Measure:
        from converter.formats.easy_read.measure import Measure

        return Measure.of(self.style)

    def heading_cost(self, chapter: Chapter) -> float:
        return self.measure.section_heading(self.simplify_heading(chapter.title))

    def budget(self, spill: IO[bytes], chapters: list[Chapter],
               measured: list[tuple[float, array]], extent: float
               ) -> tuple[list[list[int]], list[SectionUnits]] | None:
        """Which rows fit the page limit (budget.py says how the cut stays faithful), or None
        for all of them; with each section's units. Left-out rows stay in the script as
        comments. Rows cost the room the layout gives them (measure.py): a row taller than
        its picture costs more, headings and the foot of a full page count too. `spill`
        holds each chapter's drafts in turn; only their units, in compact arrays, are held
        together. `measured`: each section's heading cost and its rows' costs; `extent` the room
        they all take laid out."""
        from converter.formats.easy_read.budget import (
            Patterns,
            SectionUnits,
            choose_fitting,
            units,
        )
        from converter.formats.easy_read.measure import Pager

        limits = self.style.typed("easy-read").limits
        budget = float(limits.max_content_rows)
        total = sum(heading + sum(costs) for heading, costs in measured)
        if extent <= budget or self.overflow(total, budget) == "parts":
            return None  # all of it fits, or the build splits it into parts
        settings = self.style.typed("easy-read").budget
        patterns = Patterns.of(list(settings.resident.values()), list(settings.duties.values()))
        spill.seek(0)
        every = []
        laid: list[tuple[array, array, array]] = []  # each section's costs, kinds, scopes
        reserve = 0.0
        for s_index, chapter in enumerate(chapters):
            rows = pickle.load(spill)
            heading, own = measured[s_index]
            reserve += heading + sum(c for c, row in zip(own, rows, strict=True) if row.heading)
            # A sub-heading is kept while a row under it is: the last such row, per heading.
            last = array("i", (max(scope(rows, i), default=-1) if row.heading else -1
                               for i, row in enumerate(rows)))
            laid.append((own, array("b", (row.heading > 0 for row in rows)), last))
            every.append(SectionUnits.of(units(rows, chapter, s_index, patterns), own))
        headings = [heading for heading, _ in measured]

        def extent_of(keep: list[list[int]]) -> float:
            pager = Pager(self.measure)
            for (own, kinds, last), kept, heading in zip(laid, keep, headings, strict=True):
                if not kept:
                    continue
                kept_set = set(kept)
                pager.heading(heading)
                for index, cost in enumerate(own):
                    if kinds[index]:
                        if any(a in kept_set for a in range(index + 1, last[index] + 1)):
                            pager.heading(cost)
                    elif index in kept_set:
                        pager.row(cost)
            return pager.extent()

        return choose_fitting(every, budget, reserve, extent_of), every

    def overflow(self, total: float, budget: float) -> str:
        """'parts' or 'trim' for a draft longer than one PDF allows. 'auto' splits into parts
        rather than leave anything out, up to max_parts; beyond that the master needs a person
        to split or trim it, and the draft is trimmed (most important rows kept)."""
        from converter.formats.easy_read.budget import part_count

        limits = self.style.typed("easy-read").limits
        parts = part_count(total, budget)
        if limits.overflow == "auto":
            return "parts" if parts <= limits.max_parts else "trim"
        return limits.overflow

    def section(self, chapter: Chapter, rows: list[Draft], kept: set[int],
                word_bank: dict[str, str]) -> Section:
        section = Section(heading=self.simplify_heading(chapter.title), chapter=chapter.id,
                          chapter_sha256=chapter.sha256)
        bolded: set[str] = set()
        pictures = 0  # slot ids count picture rows only: a designer's files keep their rows
        for index, draft in enumerate(rows):
            if draft.heading:  # no picture, no bold words, no writer note
                section.rows.append(Row("", [], " ".join(draft.sentences), subheading=True,
                                        left_out=not heads_kept(rows, index, kept)))
                continue
            left_out = index not in kept
            sentences = draft.sentences
            text = " ".join(sentences) if left_out or draft.writer == CODE_NOTE else \
                " ".join(self.mark_hard_words(s, bolded, word_bank) for s in sentences)
            pictures += 1
            slot = f"{chapter.id}-{pictures}"
            section.rows.append(Row(slot, self.keywords(" ".join(sentences)), text, draft.alt,
                                    writer=draft.writer, left_out=left_out))
        return section

    def simplify_heading(self, text: str) -> str:
        return self.simplify_text(text, protected=False).rstrip(".") or text

    def simplify_text(self, text: str, protected: bool) -> str:
        text = comparison_words(without_brackets(text))  # '< 5': 'less than 5'
        if not protected:
            text = date_format_plain(text)  # 'DD/MM/YYYY': 'with the day first, like ...'
            text = self.lexicon.abbreviations.replace(text, "easy_read")
            text = trailing_examples(text)
            for pattern, replacement in PLAIN_SWAPS:
                text = pattern.sub(replacement, text)
            text = with_articles(text, self.the_phrases)  # 'in the data release document'
            text = choice_case(text, self.master_text)  # 'Remove or republish'
        for acronym, expansion in self.acronyms.items():
            # not inside a compound: 'DWP-wide' stays, as 'Department for Work and
            # Pensions-wide' joins a hyphen to the last word of a name
            text = re.sub(rf"(?<![\w-]-)\b{re.escape(acronym)}s?\b(?!-\w)", expansion, text)
        if not protected:
            text = self.swap_safe_words(text)
            text = digits_for_counts(text)
        return " ".join(text.split())

    def is_hard(self, word: str, first: bool) -> bool:
        lower = word.lower()
        if not word.isalpha() or lower in self.common_words or lower.rstrip("s") in \
                self.common_words:
            return False
        if word[0].isupper() and not first:
            return False  # a name: people know their own council's name
        return syllables(word) >= 3

    def explanation(self, lower: str) -> str:
        # The word itself only: a singular explanation read after a plural word
        # ('Departments means a part of ...') would not agree.
        return self.glossary.get(lower) or self.explanations.get(lower) or ""

    def explains(self, key: str, text: str, start: int, end: int) -> bool:
        """Whether `key` has an explanation that fits its use at text[start:end]: the
        master's own glossary always does; explanations.tsv says which sense its
        explanation covers (Lexicon.explains)."""
        if key in self.glossary:
            return True
        return bool(self.explanation(key)) and self.lexicon.explains(key, text, start, end)

    def mark_hard_words(self, sentence: str, bolded: set[str], word_bank: dict[str, str]) -> str:
        """Bold a hard word and bank it, only when there is a real explanation for it in the
        sense the sentence uses it; a word in another sense stays as the master says. The
        bank holds one form of a word: 'Residents' is explained under 'Resident'."""
        spans: list[tuple[int, int]] = []
        found = list(WORD.finditer(sentence))
        for index, match in enumerate(found):
            word = match.group(0)
            if not self.is_hard(word, index == 0):
                continue
            # A two-word term first: 'civil partnership' is a legal relationship, not
            # 'when people or organisations work together'.
            start = found[index - 1].start() if index else match.start()
            pair = f"{found[index - 1].group(0)} {word}" \
                if index and not (spans and spans[-1][1] > start) else ""
            paired = [form for form in bank_forms(pair.lower())
                      if self.explains(form, sentence, start, match.end())] if pair else []
            key = paired[0] if paired else next(
                (form for form in bank_forms(word.lower())
                 if self.explains(form, sentence, match.start(), match.end())), "")
            if not key or key in bolded or (key not in word_bank and len(word_bank) >= int(
                    self.settings["limits"]["max_hard_words"])):
                continue
            bolded.add(key)
            spans.append((start if paired else match.start(), match.end()))
            word_bank.setdefault(key, tidy_explanation(self.explanation(key)))
        out, last = [], 0
        for begin, finish in spans:
            out.append(f"{sentence[last:begin]}**{sentence[begin:finish]}**")
            last = finish
        return "".join(out) + sentence[last:]

    def keywords(self, text: str) -> list[str]:
        """Picture keywords: content words, the ones the picture library knows first."""
        text = ADDRESS.sub(" ", text)
        # Names are not pictures ('Department for Work and Pensions'), unless a row has
        # nothing else: then its name words tell the designer what to draw.
        candidates = content_words(NAME.sub(" ", text)) or content_words(text)
        known = [w for w in candidates if w in self.picture_keywords
                 or w.rstrip("s") in self.picture_keywords]
        rest = sorted((w for w in candidates if w not in known), key=len, reverse=True)
        return (known + rest)[:3]


def list_noun(text: str) -> str:
    """The thing a paragraph counts ('the Board has agreed five equality objectives' ->
    'objective'), to name the items of the numbered list that follows; the same counted
    phrase the page budget keeps a list whole by (budget.COUNTED)."""
    from converter.formats.easy_read.budget import COUNTED
    from converter.formats.easy_read.pictures import singular

    found = COUNTED.findall(digits_for_counts(text))
    return singular(found[-1][1].split()[-1]) if found else ""


def numbered_item(noun: str, number: int, text: str) -> str:
    """A numbered item with points under it keeps its number, named: a reader of flat rows
    could not otherwise tell the 5 objectives from their 11 actions.
    'Make transport accessible.' -> 'Objective 1: Make transport accessible.'"""
    return f"{noun.capitalize()} {number}: {text}"


CONTENTS = re.compile(r"^(?:table of )?contents$", re.I)


def same_words(text: str, other: str) -> bool:
    return [w.lower() for w in words(text)] == [w.lower() for w in words(other)]


def scope(rows: list[Draft], index: int) -> list[int]:
    """The rows under the sub-heading at `index`: up to the next one at its level or above."""
    level, found = rows[index].heading, []
    for after in range(index + 1, len(rows)):
        if 0 < rows[after].heading <= level:
            break
        found.append(after)
    return found


def heading_something(rows: list[Draft]) -> list[Draft]:
    """The rows without a sub-heading that heads no row (a contents list's, an empty one)."""
    return [row for index, row in enumerate(rows) if not row.heading
            or any(not rows[after].heading for after in scope(rows, index))]


def heads_kept(rows: list[Draft], index: int, kept: set[int]) -> bool:
    """Whether a row under the sub-heading at `index` is kept: if none is, a trimmed build
    leaves the sub-heading out too."""
    return any(not rows[after].heading and after in kept for after in scope(rows, index))


def joined_paragraphs(blocks: list) -> list:
    """A paragraph that the master broke mid-sentence ('... under CC BY-SA 4.0' + 'and based
    on version 2.0 ...') is drafted as the one sentence it is. The second paragraph's place
    holds None, so block indexes stay the master's."""
    out = list(blocks)
    for index in range(len(out) - 1):
        block, following = out[index], out[index + 1]
        if (isinstance(block, Paragraph) and type(following) is Paragraph
                and not block.text.rstrip().endswith((".", "!", "?", ":", "”", '"'))
                and following.text[:1].islower()):
            first = block.text.rstrip()
            out[index + 1] = replace(block, text=f"{first} {following.text}", links=block.links
                                     + tuple(link.shifted(len(first) + 1)
                                             for link in following.links))
            out[index] = None
    return out


def with_examples(drafts: list[Draft]) -> list[Draft]:
    """A table row's example ('An example is Adult Learning Centres.') shares the row of
    the thing it is an example of: one idea, one picture."""
    out: list[Draft] = []
    for draft in drafts:
        if out and not draft.writer and not out[-1].writer and is_example(draft.sentences[0]):
            out[-1].sentences.extend(draft.sentences)
        else:
            out.append(draft)
    return out


def list_name(unit, section: Section) -> str:
    """How the build summary names a list left out whole."""
    if unit.counted:
        return f"the {unit.counted} in '{section.heading}'"
    first = section.rows[unit.members[0]].plain_text.split()
    return f"{len(unit.members)} rows from '{' '.join(first[:6])} ...' in '{section.heading}'"


def content_words(text: str) -> list[str]:
    found: list[str] = []
    for word in words(text):
        lower = word.lower()
        if lower in STOPWORDS or len(lower) < 3 or not lower.isalpha() or lower in found:
            continue
        found.append(lower)
    return found


CONTACT_LABELS = {
    "phone": "Phone us on {}", "telephone": "Phone us on {}", "tel": "Phone us on {}",
    "text": "Text us on {}", "textphone": "Use textphone {}", "email": "Email us at {}",
    "e-mail": "Email us at {}", "website": "Our website is {}", "web": "Our website is {}",
    "address": "Our address is {}", "post": "Write to us at {}",
}


def contact_sentence(text: str) -> str:
    """'Phone: 0345 303 6760' -> 'Phone us on 0345 303 6760.': a whole sentence, the
    contact detail itself unchanged."""
    match = re.match(r"^(?P<label>[A-Za-z-]+)\s*:\s*(?P<value>\S.*?)\.?$", text.strip())
    if match and match.group("label").lower() in CONTACT_LABELS:
        return CONTACT_LABELS[match.group("label").lower()].format(match.group("value"))
    return text


def is_contents_entry(block) -> bool:
    """A paragraph or list item that is only links to places in the same document."""
    links = getattr(block, "links", ())
    if not links or not all(link.url.startswith("#") for link in links):
        return False
    rest = block.text
    for link in links:
        rest = rest.replace(link.text, "")
    return not words(rest)


RUN_ON_WORDS = 100  # a row of 100 words (about 17 lines) still fits on one page


def run_on_pieces(text: str) -> list[str]:
    starts = [match.start() for match in WORD.finditer(text)]
    cuts = [*starts[::RUN_ON_WORDS], len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def lay_out(pager: Pager, rows: list[Draft], costs: array, kept: range) -> None:
    """The kept rows into `pager`: sub-headings wait for the row they are kept with."""
    for index in kept:
        (pager.heading if rows[index].heading else pager.row)(costs[index])


def row_cost(row: Draft, measure: Measure) -> float:
    """How many picture rows this row takes on the page (measure.py)."""
    text = " ".join(row.sentences)
    return measure.sub_heading(text) if row.heading else measure.row(text)


def script_cost(row: Row, measure: Measure) -> float:
    """row_cost for a script row."""
    return measure.sub_heading(row.plain_text) if row.subheading else \
        measure.row(row.plain_text)


_lowered = lowered


def without_brackets(text: str) -> str:
    """Easy Read has no brackets, but an aside still says something ('(Monday to Friday, 9am
    to 5pm)'): its words stay, set off by commas. Only an acronym being defined ('(NCA)')
    goes, since the acronym is spelled out wherever it is used. Other square brackets go
    and their words stay, except round a template placeholder ('[organisation]'): without
    them 'Registered office: [address].' would read as if 'address' were the address."""
    text = without_note_markers(text)  # 'information[7]' is not 'information7'
    kept = [(span.start, span.end) for span in placeholder_spans(text)]
    text = re.sub(r"\\?\[([^\[\]]*)\\?\]", lambda m: m.group(0) if m.span() in kept
                  else m.group(1), text)
    text = re.sub(r"\s*\(\s*([^()]*?)\s*\)", _aside, text)
    # a bracket the master never closed (or opened); a word's own pair ('stats(1).csv') stays
    text = re.sub(r"\S*[()]\S*", _unpaired, text)
    text = re.sub(r"\s+(?=[.,;:!?](?:\s|$))", "", text)
    text = re.sub(r",\s*(?=[.,;:!?](?:\s|$)|$)", "", text)  # 'hours, .' -> 'hours.'
    return re.sub(r"([.;:!?])\s*,\s*", r"\1 ", text).strip(" ,")


def _unpaired(match: re.Match) -> str:
    token = match.group(0)
    if re.search(r"\w\([^()\s]*\)", token) and token.count("(") == token.count(")"):
        return token
    return " ".join(token.replace("(", " ").replace(")", " ").split())


def _aside(match: re.Match) -> str:
    before, after = match.string[:match.start()], match.string[match.end():]
    if before[-1:].isalnum() and re.match(r"[\w.-]", after) and match.group(0)[0] == "(":
        return match.group(0)  # inside a name: 'volunteersstats(1)-EDITED.csv' keeps its '(1)'
    inner = match.group(1).strip(" ,")
    if not inner or ACRONYM_ONLY.fullmatch(inner):
        return ""
    closing = re.match(r"\s*(?:[.!?]|$)", match.string[match.end():])
    example = re.sub(r"^(?:for example|e\.g\.?|eg)[,:]?\s+", "", inner, flags=re.I)
    if closing and match.start() and (examples := example_list(example, example != inner)):
        # 'User credentials (usernames, passwords, QR codes, etc).' -> 'User credentials.
        # Examples are usernames, passwords and QR codes.': examples, not more kinds.
        return f". Examples are {examples}"
    if closing and match.start() and (is_clause(example) or is_instruction(example)):
        # '... some exceptions (for example, changes to policy would be ...).' -> a sentence
        # of its own after the one it explains.
        return f". {inner[:1].upper()}{inner[1:]}"
    return f", {inner},"


# 'such as' is left alone: it narrows the noun ('formats such as CSV' are not all formats).
TRAILING_EXAMPLES = re.compile(r",?\s+for example[,:]?\s+(?P<list>[^.;:!?]+?)"
                               r"(?P<end>[.!?]?)$", re.I)


def trailing_examples(text: str) -> str:
    """'These include profiles for example Twitter, Facebook or LinkedIn.' -> 'These include
    profiles. Examples are Twitter, Facebook or LinkedIn.': a sentence that ends in a list
    of examples says them in a sentence of their own, when what comes before is whole."""
    match = TRAILING_EXAMPLES.search(text)
    if not match or not (examples := example_list(match.group("list"), True)):
        return text
    before = text[:match.start()].rstrip(" ,")
    if len(words(before)) < 3 or not (is_clause(before) or is_instruction(before)):
        return text
    return f"{before}. Examples are {examples}{match.group('end') or '.'}"


def example_list(text: str, said: bool) -> str:
    """'usernames, passwords, QR codes, etc' -> 'usernames, passwords and QR codes': a list
    of short names that gives examples (it ends in 'etc', or is 'for example ...' when
    `said`, or has 3 items or more); '' for anything else ('Monday to Friday, 9am to 5pm')."""
    etc = re.search(r",?\s*(?:etc\.?|and so on)$", text, re.I)
    items = [item.strip() for item in (text[:etc.start()] if etc else text).split(",")
             if item.strip()]
    if any(lower_words(item)[:1] and lower_words(item)[0] in PREPOSITIONS for item in items):
        return ""  # 'for example of gender, age': not a list of things
    if len(items) > 2 and re.match(r"(?:and|or)\s", items[-1]):
        return ", ".join(items)  # 'A, B, and C': the master's own last word
    joined = re.split(r"\s+(?:and|or)\s+", items[-1]) if items else []
    if len(items) + len(joined) - 1 < 2 or not (etc or said or len(items) >= 3):
        return ""
    if any(len(item.split()) > 5 or is_clause(item) or is_instruction(item)
           for item in [*items[:-1], *joined]):
        return ""
    if len(joined) > 1:  # 'Twitter, Facebook or LinkedIn' says its own last word
        return ", ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# '(NCA)' defines an acronym; '(a)', '(iv)', '(2)' only number a point.
ACRONYM_ONLY = re.compile(r"[A-Z][A-Za-z&]*[A-Z]s?|[a-z]|[ivx]+|\d{1,2}")


def quotation(text: str) -> str:
    """A quoted block keeps its words exactly, in quotation marks, with who said it."""
    match = re.match(r"^(?P<words>.+?)\s+[-–—]\s+(?P<who>[A-Z][^.]{2,60})\.?$", text.strip())
    if match:
        return f"{match.group('who')} says: “{match.group('words').strip()}”"
    return f"“{text.strip()}”"


def master_sentences(chapter: Chapter) -> int:
    """Sentences in the master chapter, counted the way the draft is: list items, table rows
    and image descriptions count one each; headings are not sentences."""
    count = 0
    for block in chapter.blocks:
        if isinstance(block, Heading):
            continue
        if isinstance(block, Table):
            count += max(0, len(block.rows) - block.header_rows)
        elif isinstance(block, (ListItem, Image)):
            count += 1 if block.text.strip() else 0
        else:
            count += len(split_sentences(block.text))
    return count


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Text never reworded: quotations, names of two or more capitalised words, addresses,
    template placeholders."""
    spans = [(span.start, span.end) for span in [*quotation_spans(text), *name_spans(text),
                                                 *placeholder_spans(text)]]
    return spans + [m.span() for m in ADDRESS.finditer(text)]


def digits_for_counts(text: str) -> str:
    """'three months' -> '3 months'. Never 'no-one', 'someone', 'the next one', 'one of'
    (the language layer's digits_allowed says where a number word counts something)."""
    return NUMBER_WORD.sub(_number, text)


def _number(match: re.Match) -> str:
    if not digits_allowed(match.string, match.start(), match.end()):
        return match.group(0)
    return str(NUMBER_WORDS[match.group(0).lower()])

