"""The Easy Read script: a small Markdown subset that staff edit and review.

    ---
    title: Equality and Inclusion Scheme
    source: equality-scheme.docx
    ---

    ## About this plan
    <!-- chapter: about-this-plan sha256: 3f5a... -->

    [picture about-this-plan-1: people, plan] This plan is about being **fair**.
    [picture about-this-plan-2: council | A council building] We are the council.

    ## Hard words
    - **fair**: Treating people in the right way.

Each row is one line: a picture slot `[picture ID: keywords | alt text]` and one or two short
sentences. A designer's image `<ID>.png|jpg|svg` in `<doc-id>.images/` fills the slot.
A row that ends with `<!-- writer: ... -->` is marked for a writer (a sentence the drafter
could not split safely); a row inside `<!-- left out: ... -->` was left out to fit the page
limit and is restored by removing that wrapper. A `### ` line is a sub-heading from the
master (`### Principle 1`): it has no picture slot, and is left out with its rows. The
chapter note of an approved section also
records who approved it, when, and the hash of the section as approved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from converter.hashing import sha256_json

ROW = re.compile(r"^\[picture(?:\s+(?P<id>[A-Za-z0-9][A-Za-z0-9_-]*))?\s*:\s*(?P<spec>[^\]]*)\]"
                 r"\s*(?P<text>.*)$")
SECTION_MARK = re.compile(
    r"<!--\s*chapter:\s*(?P<chapter>\S+)\s+sha256:\s*(?P<sha>[0-9a-f]+)"
    r"(?:\s+approved-by:\s*(?P<by>.+?)\s+approved-at:\s*(?P<at>\S+)\s+script:\s*(?P<script>[0-9a-f]+))?"
    r"\s*-->")
WRITER_MARK = re.compile(r"\s*<!--\s*writer:\s*(?P<note>.*?)\s*-->\s*$")
LEFT_OUT = re.compile(r"^<!--\s*left out:\s*(?P<row>.*?)\s*-->$")
SUBHEADING = re.compile(r"^#{3,6}\s+(?P<text>\S.*?)\s*#*$")
WORD_ENTRY = re.compile(
    r"^(?:[-*]\s+)?\*\*(?P<word>[^*]+)\*\*\s*(?:means\b:?|[:\-–])\s*(?P<text>.*)$")
HARD_WORDS_HEADING = "Hard words"
MISSING_EXPLANATION = "[explain this word]"


@dataclass
class Row:
    id: str
    keywords: list[str]
    text: str  # may contain **bold** words
    alt: str = ""
    writer: str = ""  # why a writer must look at this row ("32 words, not split safely")
    left_out: bool = False  # kept in the script as a comment; not in the PDF
    subheading: bool = False  # a heading inside the section: no picture, no id

    @property
    def plain_text(self) -> str:
        return self.text.replace("**", "")


@dataclass
class Section:
    heading: str
    chapter: str = ""
    chapter_sha256: str = ""
    rows: list[Row] = field(default_factory=list)
    approval: Approval | None = None

    def content_sha256(self) -> str:
        """What a reviewer approves: the heading and every row, left-out rows included."""
        payload = [self.heading] + [
            ["###", row.text, row.left_out] if row.subheading else
            [row.id, row.keywords, row.text, row.alt, row.writer, row.left_out]
            for row in self.rows]
        return sha256_json(payload)[:16]


@dataclass(frozen=True)
class Approval:
    by: str
    at: str  # ISO 8601, UTC
    script_sha256: str  # Section.content_sha256() when approved


@dataclass
class Script:
    title: str
    source: str = ""
    sections: list[Section] = field(default_factory=list)
    word_bank: dict[str, str] = field(default_factory=dict)

    def rows(self) -> list[Row]:
        """The picture rows a resident sees (not the left-out ones, nor sub-headings)."""
        return [row for section in self.sections for row in section.rows
                if not row.left_out and not row.subheading]

    def left_out(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows
                if row.left_out and not row.subheading]

    def for_writer(self) -> list[Row]:
        return [row for row in self.rows() if row.writer]


class ScriptError(ValueError):
    pass


def parse_script(text: str) -> Script:
    lines = text.replace("\r\n", "\n").split("\n")
    meta, index = _front_matter(lines)
    parser = _Parser(Script(title=meta.get("title", ""), source=meta.get("source", "")))
    for number, raw in enumerate(lines[index:], start=index + 1):
        parser.line(number, raw.strip())
    script = parser.script
    ids = [row.id for section in script.sections for row in section.rows
           if not row.subheading]
    duplicates = {slot for slot in ids if ids.count(slot) > 1}
    if duplicates:
        raise ScriptError(f"picture slot ids used twice: {', '.join(sorted(duplicates))}")
    return script


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    meta: dict[str, str] = {}
    if not lines or lines[0].strip() != "---":
        return meta, 0
    index = 1
    while index < len(lines) and lines[index].strip() != "---":
        key, _, value = lines[index].partition(":")
        meta[key.strip().lower()] = value.strip()
        index += 1
    return meta, index + 1


@dataclass
class _Parser:
    """Reads the script line by line: headings, chapter notes, rows, left-out rows, notes
    for staff and the word bank."""

    script: Script
    section: Section | None = None
    in_word_bank: bool = False
    in_comment: bool = False
    counters: dict[str, int] = field(default_factory=dict)

    def line(self, number: int, line: str) -> None:
        if self.in_comment:
            self.in_comment = "-->" not in line
        elif (left_out := LEFT_OUT.match(line)) and ROW.match(left_out.group("row")) \
                and self.section is not None:
            row = _parse_row(ROW.match(left_out.group("row")), self.section, self.counters)
            row.left_out = True
            self.section.rows.append(row)
        elif (left_out := LEFT_OUT.match(line)) and self.section is not None \
                and (sub := SUBHEADING.match(left_out.group("row"))):
            self.section.rows.append(Row("", [], sub.group("text"), subheading=True,
                                         left_out=True))
        elif line.startswith("<!--") and not SECTION_MARK.search(line):
            self.in_comment = "-->" not in line  # a note for staff, over one or more lines
        elif line.startswith(("## ", "# ")):
            self.heading(line.lstrip("#").strip())
        elif mark := SECTION_MARK.search(line):
            self.chapter_note(number, mark)
        elif self.in_word_bank:
            self.word(line)
        elif sub := SUBHEADING.match(line):
            if self.section is None:
                raise ScriptError(f"line {number}: a '### ' sub-heading comes before any "
                                  "'## ' section heading")
            self.section.rows.append(Row("", [], sub.group("text"), subheading=True))
        elif line:
            self.row(number, line)

    def heading(self, heading: str) -> None:
        self.in_word_bank = heading.lower() == HARD_WORDS_HEADING.lower()
        if not self.in_word_bank:
            self.section = Section(heading=heading)
            self.script.sections.append(self.section)

    def chapter_note(self, number: int, mark: re.Match) -> None:
        if self.section is None:
            raise ScriptError(f"line {number}: a chapter note comes before any '## ' heading")
        self.section.chapter, self.section.chapter_sha256 = mark.group("chapter"), \
            mark.group("sha")
        if mark.group("by"):
            self.section.approval = Approval(mark.group("by"), mark.group("at"),
                                             mark.group("script"))

    def word(self, line: str) -> None:
        entry = WORD_ENTRY.match(line)
        if entry:
            word = entry.group("word").strip()
            word = word.lower() if word[1:].islower() else word  # 'Median', not 'NHS'
            self.script.word_bank[word] = entry.group("text").strip()

    def row(self, number: int, line: str) -> None:
        if self.section is None:
            raise ScriptError(f"line {number}: text before the first '## ' section heading")
        row = ROW.match(line)
        if row:
            self.section.rows.append(_parse_row(row, self.section, self.counters))
            return
        # A line without a picture slot still becomes a row: every row gets a picture.
        base = self.section.chapter or "section"
        self.counters[base] = self.counters.get(base, 0) + 1
        text, writer = _writer_note(line)
        self.section.rows.append(Row(f"{base}-{self.counters[base]}", [], text, writer=writer))


def means(word: str, explanation: str) -> str:
    """A word bank entry as one whole sentence: '**median** means the middle number ...'."""
    return f"**{word[:1].upper() + word[1:]}** means {tidy_explanation(explanation)}"


def tidy_explanation(explanation: str) -> str:
    """How an explanation reads after 'X means': lower-case start, full stop at the end."""
    text = _lower_first((explanation or MISSING_EXPLANATION).strip())
    return text if text[-1:] in ".!?]" else text + "."


def _lower_first(text: str) -> str:
    """'Easy for everyone' -> 'easy for everyone', 'A person' -> 'a person'; 'NHS' stays."""
    first = text.split()[0] if text.split() else ""
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1):
        return text[:1].lower() + text[1:]
    return text


def bank_forms(word: str) -> list[str]:
    """The forms a word may be banked under, the one-lemma form first: 'residents' ->
    ['resident', 'residents']."""
    from converter.formats.easy_read.pictures import singular

    base = singular(word)
    return [base, word] if base != word else [word]


def bank_key(word: str, bank: dict[str, str]) -> str:
    """The word bank entry a word is explained under ('Residents' -> 'resident'), or ''."""
    return _key_in(word, {key.lower(): key for key in bank})


def _key_in(word: str, keys: dict[str, str]) -> str:
    """bank_key with the bank's keys lower-cased once (`keys`: lower -> key)."""
    return next((keys[form] for form in bank_forms(word.lower()) if form in keys), "")


# (bank key, text, start, end) -> whether the key's explanation fits that use
Fits = Callable[[str, str, int, int], bool]
TOKEN = re.compile(r"\*\*(?P<bold>.+?)\*\*|(?P<word>[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z]+)*)")


def bold_first_uses(rows: list[Row], bank: dict[str, str], fits: Fits | None = None
                    ) -> tuple[list[Row], dict[str, int]]:
    """Rows that stand alone (an Easy Read part a resident may be sent on its own): each
    banked word is bold where these rows first use it in the sense its explanation covers
    (`fits(key, text, start, end)`, Lexicon.explains), whatever was bolded elsewhere.
    Returns the rows (new Row objects where text changed) and, for each bank key the rows
    use, the index of the row that first uses it.
    A capitalised word inside a sentence is a name ('Equality Act') and is left alone;
    so are email and web addresses."""
    from dataclasses import replace

    from converter.language.contacts import ADDRESS

    keys = {key.lower(): key for key in bank}  # once, not for every word of every row
    seen: dict[str, int] = {}
    out = []
    for index, row in enumerate(rows):
        text, pieces, last = row.text, [], 0
        skip = [(m.start(), m.end()) for m in ADDRESS.finditer(text)]
        previous = None  # the plain word just before, for two-word terms
        for match in TOKEN.finditer(text):
            if any(start <= match.start() < end for start, end in skip):
                continue
            if match.group("bold"):
                previous = None
                bold = match.group("bold")
                whole = _key_in(bold, keys)  # 'civil partnership', else each word
                for key in [whole] if whole else [_key_in(w, keys) for w in bold.split()]:
                    if key:
                        seen.setdefault(key, index)
                continue
            word = match.group("word")
            pair = previous and last <= previous.start() and \
                text[previous.end():match.start()] == " " and \
                _key_in(f"{previous.group('word')} {word}", keys)
            if pair and fits and not fits(pair, text, previous.start(), match.end()):
                pair = ""
            if pair and pair not in seen:  # 'civil partnership', not 'partnership'
                seen[pair] = index
                pieces.append(text[last:previous.start()]
                              + f"**{text[previous.start():match.end()]}**")
                last, previous = match.end(), None
                continue
            previous = match
            key = _key_in(word, keys)
            if not key or key in seen or fits and not fits(key, text, match.start(),
                                                           match.end()):
                continue
            before = text[:match.start()].rstrip().replace("**", "")
            if word[:1].isupper() and word != key and before and before[-1] not in ".!?:":
                continue  # a name, not the hard word
            seen[key] = index
            pieces.append(text[last:match.start()] + f"**{word}**")
            last = match.end()
        out.append(replace(row, text="".join(pieces) + text[last:]) if pieces else row)
    return out, seen


def defines(row: Row, key: str) -> bool:
    """Whether the row is itself the word's explanation ('Discrimination means ...', from
    the master's own glossary): the word bank need not say it again."""
    term = re.match(r"^(\S+(?: \S+){0,3}) means ", row.plain_text.strip())
    return bool(term) and bank_key(term.group(1), {key: ""}) == key  # 'Protected characteristic'


def is_explained(explanation: str) -> bool:
    return bool(explanation.strip()) and explanation.strip() != MISSING_EXPLANATION


def _writer_note(text: str) -> tuple[str, str]:
    mark = WRITER_MARK.search(text)
    if not mark:
        return text.strip(), ""
    return text[:mark.start()].strip(), mark.group("note") or "needs a writer"


def _parse_row(match: re.Match, section: Section, counters: dict[str, int]) -> Row:
    keywords_part, _, alt = match.group("spec").partition("|")
    keywords = [k.strip() for k in keywords_part.split(",") if k.strip()]
    base = section.chapter or "section"
    counters[base] = counters.get(base, 0) + 1
    slot_id = match.group("id") or f"{base}-{counters[base]}"
    text, writer = _writer_note(match.group("text"))
    return Row(slot_id, keywords, text, alt.strip(), writer=writer)


def render_row(row: Row) -> str:
    if row.subheading:
        return f"<!-- left out: ### {row.text} -->" if row.left_out else f"### {row.text}"
    spec = ", ".join(row.keywords)
    if row.alt:
        spec += f" | {row.alt}"
    line = f"[picture {row.id}: {spec}] {row.text}"
    if row.writer and not row.left_out:  # comments do not nest
        line += f" <!-- writer: {row.writer} -->"
    return f"<!-- left out: {line} -->" if row.left_out else line


def section_note(section: Section) -> str:
    note = f"<!-- chapter: {section.chapter} sha256: {section.chapter_sha256}"
    if section.approval:
        approval = section.approval
        note += (f" approved-by: {approval.by} approved-at: {approval.at}"
                 f" script: {approval.script_sha256}")
    return note + " -->"


def render_script(script: Script) -> str:
    lines = head_lines(script)
    for section in script.sections:
        lines.extend(section_lines(section))
    lines.extend(word_bank_lines(script.word_bank))
    return "\n".join(lines)


def head_lines(script: Script) -> list[str]:
    """The front matter and the note for staff that open the script."""
    out = ["---", f"title: {script.title}"]
    if script.source:
        out.append(f"source: {script.source}")
    out += [
        "---",
        "",
        "<!-- Easy Read script. Edit freely: keep one or two short sentences a row (15 words",
        "     at most each), put hard words in **bold** and explain them under 'Hard words'.",
        "     [picture ID: keywords | alt text] is the picture slot for the row; a designer can",
        "     drop ID.png, ID.jpg or ID.svg into the document's .images folder.",
        "     The chapter notes tell the converter which master text a section came from;",
        "     leave them in so it can tell you when the master changes.",
        "     A row ending in a 'writer' note needs a person: rewrite it as short whole",
        "     sentences, then delete the note. Rows in a 'left out' note were left out to",
        "     fit the page limit: delete the note around a row to put it back.",
        "     A '### ' line is a sub-heading from the master (no picture): edit or delete it.",
        "     When every section is ready: converter easy-read approve SOURCE --by NAME -->",
        "",
    ]
    return out


def section_lines(section: Section) -> list[str]:
    out = [f"## {section.heading}"]
    if section.chapter:
        out.append(section_note(section))
    out.append("")
    for row in section.rows:
        if row.subheading and not row.left_out and out[-1]:
            out.append("")  # a sub-heading stands out for the person editing the script
        out.append(render_row(row))
    out.append("")
    return out


def word_bank_lines(word_bank: dict[str, str]) -> list[str]:
    if not word_bank:
        return []
    out = [f"## {HARD_WORDS_HEADING}", ""]
    for word, explanation in sorted(word_bank.items(), key=lambda kv: kv[0].lower()):
        out.append(means(word, explanation))
    out.append("")
    return out
