"""Table rows in Easy Read: each body row as whole sentences.

A checklist table usually follows an introduction that gives the verb ("... making sure we
include:", "... by checking:", "we will check:"). A row whose first cell only names a thing
("Name of the dataset utilised") completes that introduction: "We include the name of the
dataset utilised." A comment beside it is said as a sentence of its own ("eg: Manchester
City Council" -> "An example is Manchester City Council.") or joins the first ("in
DD/MM/YYYY format"). A question, an instruction or a sentence is said as it is. Only
joining words are added ("we include", "the", "that", "an example is"); the master's words
stay. A row that fits none of these is said cell by cell, as before, and the clause checks
mark it for a writer if it is long.
"""

from __future__ import annotations

import re

from lemminflect import getLemma

from converter.formats.easy_read.lists import MODALS, groupable, lowered, needs_object
from converter.formats.easy_read.repeat import SUBJECT_PRONOUNS
from converter.language.clauses import (
    DETERMINERS,
    PREPOSITIONS,
    SUBORDINATORS,
    is_clause,
    is_instruction,
    lower_words,
)
from converter.language.sentences import split_sentences
from converter.model import Table, flat_cell

COPULAS = frozenset(["am", "is", "are", "was", "were", "be", "been"])
# Verbs whose object can be a 'that' clause: 'We check that column headers are used once.'
THAT_VERBS = frozenset(["check", "ensure", "confirm", "make_sure"])
EXAMPLE = re.compile(r"^(?:e\.?g\.?|for example|for instance)\s*[:,]?\s*(?P<rest>\S.*)$", re.I)
# '... standards (eg: financial quarters, calendar months)' or '..., for example: a.csv'
EXAMPLE_ASIDE = re.compile(r"(?:\s*\(\s*(?:e\.?g\.?|for example|for instance)\s*[:,]?\s*"
                           r"(?P<aside>[^()]+?)\s*\)|,\s+(?:e\.?g\.?|for example|for instance)"
                           r"\s*[:,]?\s*(?P<rest>.+?))\s*\.?$", re.I)
# 'Any changes we've made to the dataset': a noun phrase whose relative clause has no 'that'.
CONTACT_RELATIVE = re.compile(r"^(?:any|all|some|the)\s+\w+(?:\s+\w+)?\s+(?:we|you|they)\b",
                              re.I)
ASIDE = re.compile(r"\s*\([^()]*\)")
ASIDE_BRACKETS = re.compile(r"\s*\(([^()]*)\)")  # '(Appendix 1)' -> ', Appendix 1'


STEP = re.compile(r"(?:^|\s+)\d{1,2}\.\s+(?=[A-Z])")
# 'If yes, describe it in the document<br>If no, ...': the cell's line break was the end.
NEW_CONDITION = re.compile(r"(?<=[a-z])\s+(?=If\s)")
# 'Describe this for: Local authorities; Wards; ...' (a list inside a cell, see html_table).
CELL_LIST = re.compile(r"^(?P<lead>[^:;]+):\s+(?P<items>[^:;]+(?:;\s+[^:;]+)+)$")


def row_stem(introduction: str) -> tuple[str, str]:
    """(subject and verb a row can complete, the verb's base form) from a table's
    introduction, or ('', ''): '... making sure we include:' -> ('We include', 'include');
    '... provided by checking:' -> ('We check', 'check'); 'we will check:' -> ('We will
    check', 'check'). Only a verb that needs an object, after its subject, qualifies."""
    stem = introduction.rstrip().rstrip(":").strip()
    main = stem.rsplit(", ", 1)[-1]
    tokens = lower_words(main)
    subject = next((i for i, token in enumerate(tokens) if token in SUBJECT_PRONOUNS), -1)
    if subject < 0 or len(tokens) < subject + 2:
        return "", ""
    last = tokens[-1]
    if last.endswith("ing") and tokens[-2:-1] == ["by"]:  # '... by checking': we check
        lemmas = getLemma(last, upos="VERB")
        return (f"{tokens[subject].capitalize()} {lemmas[0]}", lemmas[0]) if lemmas \
            else ("", "")
    if last in MODALS or last in PREPOSITIONS or last in COPULAS:
        return "", ""  # 'we will:' rows are instructions; 'we are:' takes no object
    words = main.split()[-(len(tokens) - subject):]
    if len(words) > 4 or not needs_object(tokens[subject:]):
        return "", ""
    text = " ".join(words)
    verb = "make_sure" if tokens[-2:] == ["make", "sure"] else last
    return text[:1].upper() + text[1:], verb


def table_sentences(table: Table, introduction: str = "", heading: str = "") -> list[str]:
    """Each body row as whole sentences (see the module's docstring); `heading` is the
    sub-heading the table is under."""
    # A line break in a cell reads as a comma: 'Monday to Friday, 9am to 5pm'.
    rows = [tuple(flat_cell(cell) for cell in row) for row in table.rows]
    header = rows[0] if table.header_rows else None
    # 'Share of our staff' -> 'the share of our staff is ...'; a name keeps its capital
    named = [f"the {lowered(h.strip())}" if lowered(h.strip()) != h.strip() else h.strip()
             for h in header or []]
    stem, verb = row_stem(introduction) if introduction else ("", "")
    texts = []
    for row in rows[table.header_rows:]:
        cells = [cell.strip() for cell in row]
        if stem and cells and cells[0]:
            completed = completed_row(stem, verb, cells)
            if completed:
                texts.extend(completed)
                continue
        if labelled := labelled_row(cells, heading):
            texts.extend(labelled)
            continue
        if condition := condition_row(introduction, cells):
            texts.extend(condition)
            continue
        # A row of short labels and values ('Women | 48% | 51%'); a question with its
        # answer or a clause ('If yes, remove it') is said as it is.
        short = all(len(cell.split()) <= 6 for cell in cells) and \
            not any(cell.endswith("?") for cell in cells) and \
            not any(is_clause(cell) or is_instruction(cell) for cell in cells[1:])
        if header and len(header) == len(row) and len(cells) > 1 and cells[0] and short:
            parts = [f"{name} is {c}" for name, c in zip(named[1:], cells[1:], strict=True)
                     if name and c]
            if parts:
                joined = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
                texts.append(f"For {lowered(cells[0])}, {joined}")
                continue
        for cell in cells:
            texts.extend(cell_steps(cell))
    return texts


def condition_row(introduction: str, cells: list[str]) -> list[str]:
    """'..., we will remove or republish the dataset if:' + 'We discover that X | 1. Review
    it 2. ...' -> 'If we discover that X, we will do these things.' and the steps: said on
    its own, the condition read as something that has happened. [] for other rows."""
    stem = introduction.rstrip().rstrip(":").rstrip()
    filled = [cell for cell in cells if cell]
    if not re.search(r"\bif$", stem, re.I) or len(filled) != 2 or cells[0] != filled[0] or \
            not is_clause(filled[0]) or filled[0].rstrip().endswith("?"):
        return []
    doer = "we will do these things" if re.search(r"\bwe will\b", stem, re.I) else \
        "do these things"
    return [f"If {lowered(filled[0].rstrip('.'))}, {doer}.", *cell_steps(filled[1])]


def labelled_row(cells: list[str], heading: str = "") -> list[str]:
    """'Best practice: | We will ...' -> 'Best practice: we will ...': a row whose first cell
    is a short label ending in a colon names what its value is, so the label leads the
    value's first sentence ('Principle.' alone on a row would say nothing). Under a
    sub-heading that already names it ('Principle 12' over 'Principle: | We will use our
    own open data'), the value alone: the heading says what it is. [] otherwise."""
    filled = [cell for cell in cells if cell]
    if len(filled) != 2 or cells[0] != filled[0] or not filled[0].endswith(":") or \
            len(filled[0].split()) > 3:
        return []
    value = [s.text for s in split_sentences(ASIDE_BRACKETS.sub(r", \1", filled[1]))]
    if not value:
        return []
    label = filled[0].rstrip(":").strip()
    if re.fullmatch(rf"{re.escape(label)}\s+[\w.]+", heading.strip(), re.I) and \
            is_clause(value[0].rstrip(".")):
        return value
    first = value[0].rstrip(".")
    if is_clause(first) or is_instruction(first):
        first = lowered(first)  # 'Principle: our data will ...'; a title keeps its capital
    return [f"{filled[0]} {first}.", *value[1:]]


def completed_row(stem: str, verb: str, cells: list[str]) -> list[str]:
    """The row's first cell completing the introduction, its other cells after it; [] when
    the first cell is not something the introduction's verb can take."""
    first, *more = [sentence.text for sentence in split_sentences(cells[0])] or [""]
    first = first.rstrip(".;, ")
    plain = ASIDE.sub("", first)
    tokens = lower_words(plain)
    if not tokens or first.endswith("?") or is_instruction(plain) or \
            tokens[0] in PREPOSITIONS or tokens[0] in SUBORDINATORS:
        return []  # a question, an instruction, 'For aggregated datasets, check ...'
    if is_clause(plain) or tokens[0] == "that":
        if verb not in THAT_VERBS:
            return []
        that = "" if tokens[0] == "that" else "that "
        sentences = with_examples(f"{stem} {that}{lowered(first)}")
    else:
        sentences = with_examples(f"{stem} {article(first)}{lowered(first)}")
    sentences.extend(more)
    for cell in cells[1:]:
        if not cell:
            continue
        comment = comment_sentences(cell, noun=first)
        if comment is None:  # 'in DD/MM/YYYY format' says more about the first
            sentences[0] = f"{sentences[0]}, {cell.rstrip('.')}"
        else:
            sentences.extend(comment)
    return sentences


def with_examples(sentence: str) -> list[str]:
    """'... common standards (eg: financial quarters, calendar months)' -> the sentence and
    'Examples are financial quarters and calendar months.'"""
    match = EXAMPLE_ASIDE.search(sentence)
    if not match:
        return [sentence]
    return [sentence[:match.start()], examples(match.group("aside") or match.group("rest"))]


def examples(text: str) -> str:
    """'Adult Learning Centres' -> 'An example is Adult Learning Centres'; a list of them ->
    'Examples are a and b'. The judge of whole sentences (and a reader) takes 'For example:
    X.' as a fragment."""
    items = [item.strip() for item in re.split(r",\s+|;\s+", text.strip().rstrip(".")) if
             item.strip()]
    if len(items) > 1 and all(groupable(item) for item in items):
        return f"Examples are {', '.join(items[:-1])} and {items[-1]}"
    return f"An example is {text.strip().rstrip('.')}"


def is_example(sentence: str) -> bool:
    """A sentence `examples` made."""
    return sentence.startswith(("An example is ", "Examples are "))


def comment_sentences(cell: str, noun: str) -> list[str] | None:
    """A comment on a named thing as sentences; None when it only continues the first
    sentence (it opens with a preposition: 'in DD/MM/YYYY format')."""
    example = EXAMPLE.match(cell)
    if example:
        return [examples(example.group("rest"))]
    tokens = lower_words(cell)
    if tokens and tokens[0] in PREPOSITIONS:
        return None
    if not CONTACT_RELATIVE.match(cell) and (
            is_instruction(cell) or is_clause(cell) or cell.rstrip().endswith("?")
            or (tokens and tokens[0] in SUBORDINATORS)):
        return cell_steps(cell)
    plural = lower_words(noun)[0].endswith("s") and not lower_words(noun)[0].endswith("ss")
    return [f"{'These are' if plural else 'This is'} {lowered(cell)}"]


def article(noun: str) -> str:
    """'the ' before a singular noun that has no determiner ('Name of the dataset'); a
    plural ('Notes on usage') or a name needs none."""
    tokens = lower_words(noun)
    if not tokens or tokens[0] in DETERMINERS or noun.split()[0].isupper():
        return ""
    first = tokens[0]
    if first.endswith("s") and not first.endswith("ss"):
        return ""
    return "the "


def cell_steps(cell: str) -> list[str]:
    """Numbered steps in one cell ('1. Review ... 2. Remove ...'): a sentence each. A lead
    that is no sentence ('Where appropriate:') opens each step: 'Where appropriate, create
    a new issue.' A cell's bullet list of short names ('for: Local authorities; Wards')
    completes its lead: '... for local authorities and wards.'"""
    listed = CELL_LIST.match(cell.strip().rstrip("."))
    if listed:
        lead, items = listed.group("lead").strip(), listed.group("items").split(";")
        items = [item.strip() for item in items if item.strip()]
        if all(groupable(item) for item in items) and needs_object(lower_words(lead)):
            named = [lowered(item) for item in items]
            return [f"{lead} {', '.join(named[:-1])} and {named[-1]}"]
    steps = [part.strip() for step in STEP.split(cell) for part in NEW_CONDITION.split(step)
             if part.strip()]
    if len(steps) > 1 and steps[0].endswith(":") and not is_clause(steps[0]):
        lead = steps[0].rstrip(": ")
        return [f"{lead}, {lowered(step)}" for step in steps[1:]]
    # A cell of several sentences: one row each, as a paragraph's sentences are.
    return [sentence.text for step in steps for sentence in split_sentences(step)]
