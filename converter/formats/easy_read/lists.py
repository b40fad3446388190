"""Lists in Easy Read: an introduction and its items become whole sentences.

DH/GOV.UK Easy Read and Mencap's "Am I making myself clear?" ask for whole sentences; a
bullet such as "train staff" or "Political opinions" is not one. So:

- an introduction that the items complete ("We will:", "These can include:", "... defined in
  the Act as:") is joined to each item: "We will train staff.";
- short noun-phrase items ("name", "birthday", "full address") are gathered into sentences
  of at most the word limit: "We include name, birthday and full address." and "We also
  include ...";
- an introduction that is a sentence already ("We found 3 problems:", "... such as:") stays
  one; its noun-phrase items follow as "These include ...";
- an item that is a sentence of its own, or an instruction ("Encrypt files ..."), is kept.
The words of the master are kept; only the joining words above are added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from converter.formats.easy_read.clauses import reading_length
from converter.language.clauses import (
    CLOSERS,
    FINITE,
    PREPOSITIONS,
    SUBORDINATORS,
    can_be_verb,
    has_finite_verb,
    is_clause,
    is_instruction,
    is_verb_form,
    lower_words,
    opens_with_subject,
)
from converter.language.names import NAME_RUN
from converter.language.sentences import words

JOIN = "join"  # each item completes the introduction: 'We will' + 'train staff'
THESE = "these"  # the introduction is a sentence; noun-phrase items follow as 'These include'



def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


MODALS = _set("will would can could must may might shall should")
INCLUDING = _set("include includes included including are is were cover covers covering")
EXAMPLES = re.compile(r",?\s*\b(?:such as|like|e\.g\.?|for example|for instance)\s*$", re.I)
PRONOUNS = _set("we you they i he she it")  # 'we include:'; not 'this risk:'
LONG_STEM = 10  # words: a longer introduction is said once, not before every item
GROUP_ITEM_WORDS = 4  # a noun-phrase item this short is gathered with its neighbours


@dataclass(frozen=True)
class Intro:
    stem: str  # the introduction without its colon, as items are joined to it
    mode: str  # JOIN or THESE
    opening: str = ""  # the sentence said for the introduction itself ('' when joined)
    later: bool = False  # for an item after the list's first


def list_intro(text: str) -> Intro:
    """How a list's introduction ('We will:', 'The problems were:') meets its items."""
    stem = text.rstrip().rstrip(":").strip()
    examples = EXAMPLES.search(stem)
    if examples and is_clause(stem[:examples.start()]):
        # '... other numbers, such as:' -> '... other numbers.' + 'These include ...'
        return Intro(stem, THESE, stem[:examples.start()].rstrip(" ,") + ".")
    tokens = lower_words(stem)
    if not tokens:
        return Intro(stem, THESE)
    last = tokens[-1]
    if last in MODALS or last in {"to", "by", "that"}:
        condition, _, main = stem.rpartition(", ")
        if last in MODALS and lower_words(condition)[:1] and \
                lower_words(condition)[0] in SUBORDINATORS and 2 <= len(lower_words(main)) <= 3:
            # 'When we hold public meetings, we will:' is said once ('..., we will do these
            # things.'); each item then starts 'We will ...', not with the whole condition.
            return Intro(main[:1].upper() + main[1:], JOIN, pointing_stem(text))
        return Intro(stem, JOIN)  # the items are what we will do
    # 'The protected characteristics are:' keeps 'are': the items are the whole list, and
    # 'include' would make a closed list sound open ('The ... are age, ...', '... are also').
    if not needs_object(tokens[:-1] + [last]):
        return Intro(stem, THESE, stem + "." if stem[-1:] not in ".!?" else stem)
    if len(tokens) > LONG_STEM:
        # 'These include' even for a list the introduction defines ('... defined in the Act
        # as these things.', which says it is the whole list): 'These are also sexual life'
        # would not agree in number.
        return Intro(stem, THESE, f"{stem} these things.")
    return Intro(stem, JOIN)


def needs_object(tokens: list[str]) -> bool:
    """The introduction stops before what it is about: 'we include', 'as', 'by checking'."""
    last = tokens[-1]
    before = tokens[-2] if len(tokens) > 1 else ""
    if last in PREPOSITIONS or last in CLOSERS or last in INCLUDING:
        return True
    if last.endswith("ing") and can_be_verb(last):
        return True
    return (before in PRONOUNS or before in MODALS or before == "to") and is_verb_form(last)


def item_sentence(intro: Intro, text: str) -> str:
    """One item as one sentence: joined to its introduction, or as 'These include ...'."""
    text = text.strip()
    that = THAT_ITEM.match(text)
    if that and intro.mode == THESE and (noun := counted_noun(intro.stem)) and \
            is_clause(text[that.end():]):
        # '... we have 3 main aims:' + 'That our data is open.' -> 'One of these aims is
        # that our data is open.', then 'Another aim is that ...': 'That our data ...' alone
        # is no sentence.
        lead = f"Another {noun}" if intro.later else f"One of these {noun}s"
        return f"{lead} is that {text[that.end():]}"
    if is_clause(text) and opens_with_subject(text):
        return text
    body = lowered(text).rstrip(".;,")
    if intro.mode == JOIN:  # 'We will' + 'choose venues ...': the item completes the stem
        return f"{intro.stem} {body}"
    if is_instruction(text) or has_finite_verb(lower_words(text)):
        return text  # 'Encrypt files ...': a sentence already, never 'These include encrypt'
    return f"These include {joined_series(body)}"


def joined_series(text: str) -> str:
    """'security-specific information, results of security audits, exceptions to security
    policy' -> '... results of security audits and exceptions to security policy': a flat
    list of three or more short noun phrases gets its 'and'. Anything else as it is."""
    items = [item.strip() for item in text.split(",")]
    if len(items) < 3 or not all(
            item and len(item.split()) <= 6 and not re.search(r"\b(?:and|or|etc)\b", item)
            and not is_clause(item) for item in items):
        return text
    return ", ".join(items[:-1]) + " and " + items[-1]


def continued(intro: Intro) -> Intro:
    """The introduction for items after the first of a closed list ('The protected
    characteristics are' -> 'The protected characteristics are also'), so no sentence says
    one item is the whole list. Other introductions stay as they are ('We will ...')."""
    tokens = lower_words(intro.stem)
    if intro.mode != JOIN or not tokens or tokens[-1] not in COPULAS:
        return replace(intro, later=True)
    return Intro(f"{intro.stem} also", JOIN, later=True)


THAT_ITEM = re.compile(r"^that\s+(?=\S)", re.I)


def counted_noun(stem: str) -> str:
    """'aim' for '... we have 3 main aims': the plural noun an introduction ends on, in the
    singular, when it is a regular plural (+s); '' for any other ending."""
    from lemminflect import getLemma

    tokens = lower_words(stem)
    if not tokens or not tokens[-1].endswith("s"):
        return ""
    singular = getLemma(tokens[-1], upos="NOUN")
    return singular[0] if singular and singular[0] + "s" == tokens[-1] else ""


COPULAS = _set("are is were was")


def groupable(text: str) -> bool:
    """A short noun phrase ('full address', 'Political opinions') that reads well in a list
    inside a sentence: no comma, colon or sentence of its own."""
    tokens = words(text)
    return (0 < len(tokens) <= GROUP_ITEM_WORDS and not re.search(r"[,:;.!?()]", text.strip()
                                                                  .rstrip(".;"))
            and not is_clause(text) and not is_instruction(text))


def grouped_sentences(intro: Intro, items: list[str], max_words: int) -> list[str]:
    """Short noun-phrase items in as few sentences as the word limit allows: the first with
    the introduction ('We include name, birthday and age.'), the next with 'also'."""
    first = intro.stem if intro.mode == JOIN else "These include"
    again = also(first)
    sentences, chunk = [], []
    for item in items:
        lead = again if sentences else first
        if chunk and len(words(lead)) + reading_length(" ".join([*chunk, item])) + 1 > max_words:
            sentences.append(f"{lead} {_series(chunk)}")
            chunk = []
        chunk.append(lowered(item.strip().rstrip(".;,")))
    if chunk:
        sentences.append(f"{again if sentences else first} {_series(chunk)}")
    return sentences


def also(stem: str) -> str:
    """'When X, we include' -> 'We also include'; 'These can include' -> 'These can also
    include': the next sentence of the same list, without repeating a long opening."""
    main = stem.rsplit(", ", 1)[-1]
    tokens = main.split()
    lower = [token.lower() for token in tokens]
    if len(tokens) > 6 or len(tokens) < 2 or "also" in lower:
        return stem
    at = next((i + 1 for i, word in enumerate(lower) if word in MODALS or word in FINITE),
              len(tokens) - 1)
    tokens.insert(at, "also")
    text = " ".join(tokens)
    return text[:1].upper() + text[1:]


def _series(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# What pointing_stem (and a table's condition row) makes of an introduction: the row says
# the rows after it follow, so the PDF never leaves it alone at the foot of a page.
LEAD_IN = re.compile(r"(?:\bthese things|\bone of these things is true)\.$|:$")


def is_lead_in(text: str) -> bool:
    """'When we hold public meetings, we will do these things.', '... if one of these
    things is true.', '... we will check:'."""
    return bool(LEAD_IN.search(text.rstrip()))


def pointing_stem(text: str) -> str:
    """An introduction to a table or to nothing: '... if:' -> '... if one of these things is
    true.'; '... by checking:' and '... we will check:' -> '... these things.'; '... we
    will:' -> '... we will do these things.'; a whole clause keeps its words."""
    stem = text.rstrip().rstrip(":").rstrip()
    tokens = lower_words(stem)
    last = tokens[-1] if tokens else ""
    if last == "if":
        return f"{stem} one of these things is true."
    if tokens[-2:] == ["the", "following"]:
        return f"{stem} things."  # 'we commit to the following things.'
    if last in MODALS or last == "to":
        return f"{stem} do these things."
    if tokens and needs_object(tokens):
        return f"{stem} these things."
    return f"{stem}."


def lowered(text: str) -> str:
    """'Age' -> 'age' inside a sentence; names and acronyms ('NHS', 'Braille') are kept."""
    first = text.split()[0] if text.split() else ""
    if first[:1].isupper() and first[1:].islower() and not NAME_RUN.match(text) and \
            not CAPITAL_SERIES.match(text):
        return text[:1].lower() + text[1:]
    return text


# 'Black, Asian and minority ethnic people': a series of capitalised words keeps its capitals
# (GOV.UK style capitalises Black as an ethnic group, like Asian).
CAPITAL_SERIES = re.compile(r"^[A-Z][a-z]+,\s+[A-Z][a-z]+\b")
