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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROW = re.compile(r"^\[picture(?:\s+(?P<id>[A-Za-z0-9][A-Za-z0-9_-]*))?\s*:\s*(?P<spec>[^\]]*)\]"
                 r"\s*(?P<text>.*)$")
SECTION_MARK = re.compile(r"<!--\s*chapter:\s*(?P<chapter>\S+)\s+sha256:\s*(?P<sha>[0-9a-f]+)\s*-->")
WORD_ENTRY = re.compile(r"^[-*]\s+\*\*(?P<word>[^*]+)\*\*\s*[:\-–]\s*(?P<text>.*)$")
HARD_WORDS_HEADING = "Hard words"
MISSING_EXPLANATION = "[explain this word]"


@dataclass
class Row:
    id: str
    keywords: list[str]
    text: str  # may contain **bold** words
    alt: str = ""

    @property
    def plain_text(self) -> str:
        return self.text.replace("**", "")


@dataclass
class Section:
    heading: str
    chapter: str = ""
    chapter_sha256: str = ""
    rows: list[Row] = field(default_factory=list)


@dataclass
class Script:
    title: str
    source: str = ""
    sections: list[Section] = field(default_factory=list)
    word_bank: dict[str, str] = field(default_factory=dict)

    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]


class ScriptError(ValueError):
    pass


def parse_script(text: str) -> Script:
    lines = text.replace("\r\n", "\n").split("\n")
    meta: dict[str, str] = {}
    index = 0
    if lines and lines[0].strip() == "---":
        index = 1
        while index < len(lines) and lines[index].strip() != "---":
            key, _, value = lines[index].partition(":")
            meta[key.strip().lower()] = value.strip()
            index += 1
        index += 1
    script = Script(title=meta.get("title", ""), source=meta.get("source", ""))
    section: Section | None = None
    in_word_bank = False
    counters: dict[str, int] = {}
    in_comment = False
    for number, raw in enumerate(lines[index:], start=index + 1):
        line = raw.strip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!--") and not SECTION_MARK.search(line):
            in_comment = "-->" not in line  # a note for staff, over one or more lines
            continue
        if not line:
            continue
        if line.startswith("## ") or line.startswith("# "):
            heading = line.lstrip("#").strip()
            in_word_bank = heading.lower() == HARD_WORDS_HEADING.lower()
            if not in_word_bank:
                section = Section(heading=heading)
                script.sections.append(section)
            continue
        mark = SECTION_MARK.search(line)
        if mark:
            if section is None:
                raise ScriptError(f"line {number}: a chapter note comes before any '## ' heading")
            section.chapter, section.chapter_sha256 = mark.group("chapter"), mark.group("sha")
            continue
        if in_word_bank:
            entry = WORD_ENTRY.match(line)
            if entry:
                script.word_bank[entry.group("word").strip()] = entry.group("text").strip()
            continue
        row = ROW.match(line)
        if section is None:
            raise ScriptError(f"line {number}: text before the first '## ' section heading")
        if row:
            spec = row.group("spec")
            keywords_part, _, alt = spec.partition("|")
            keywords = [k.strip() for k in keywords_part.split(",") if k.strip()]
            base = section.chapter or "section"
            counters[base] = counters.get(base, 0) + 1
            slot_id = row.group("id") or f"{base}-{counters[base]}"
            section.rows.append(Row(slot_id, keywords, row.group("text").strip(), alt.strip()))
        else:
            # A line without a picture slot still becomes a row: every row gets a picture.
            base = section.chapter or "section"
            counters[base] = counters.get(base, 0) + 1
            section.rows.append(Row(f"{base}-{counters[base]}", [], line))
    ids = [row.id for row in script.rows()]
    duplicates = {slot for slot in ids if ids.count(slot) > 1}
    if duplicates:
        raise ScriptError(f"picture slot ids used twice: {', '.join(sorted(duplicates))}")
    return script


def render_script(script: Script) -> str:
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
        "     leave them in so it can tell you when the master changes. -->",
        "",
    ]
    for section in script.sections:
        out.append(f"## {section.heading}")
        if section.chapter:
            out.append(f"<!-- chapter: {section.chapter} sha256: {section.chapter_sha256} -->")
        out.append("")
        for row in section.rows:
            spec = ", ".join(row.keywords)
            if row.alt:
                spec += f" | {row.alt}"
            out.append(f"[picture {row.id}: {spec}] {row.text}")
        out.append("")
    if script.word_bank:
        out.append(f"## {HARD_WORDS_HEADING}")
        out.append("")
        for word, explanation in sorted(script.word_bank.items(), key=lambda kv: kv[0].lower()):
            out.append(f"- **{word}**: {explanation or MISSING_EXPLANATION}")
        out.append("")
    return "\n".join(out)
