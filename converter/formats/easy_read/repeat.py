"""Splits that say a shared part again, so each piece is a whole sentence on its own
(DH/GOV.UK Easy Read: one idea a sentence). Each rule returns the raw pieces, or None when
the sentence does not fit its pattern exactly; `clauses.split_whole` checks that every
piece is a whole sentence before it takes them.

- a list of 3 or more objects after one verb: "The scheme explains A, B and C." ->
  "The scheme explains A." + "It explains B." + "It explains C.";
- conditions joined by 'or': "If you A, B or C, please get in touch." -> "If you A, please
  get in touch." + "If you B, ..." (if A or B then X is the same as: if A then X, if B then X;
  never for 'and', where it is not);
- a second verb after the same subject and modal: "We will agree a plan and monitor it." ->
  "We will agree a plan." + "We will monitor it.";
- a list after a colon: "We support 5 networks: A, B and C." -> "We support 5 networks." +
  "These are A, B and C.";
- an opening condition ("If ...,", "When ...,", "Where ...,") is said again before every
  piece of the clause it governs, never left behind.
"""

from __future__ import annotations

import re

from converter.language.clauses import (
    DETERMINERS,
    FINITE,
    PREPOSITIONS,
    SUBORDINATORS,
    is_instruction,
    is_verb_form,
)

WH = frozenset(["what", "how", "why", "where", "who", "whether"])
# A list after these is one thing, not several: "between A, B and C", "brings together".
JOINT = frozenset(["between", "among", "amongst", "together", "both", "combine", "combines",
                   "combined", "compare", "compares", "compared", "mix", "mixes", "link",
                   "links", "connect", "connects", "than"])
# Words in a later list item that point back at an earlier one ("what they were about").
POINTERS = frozenset(["they", "them", "it", "its"])
# A time or place phrase at the end may govern the whole list ("... and C by 2026").
TRAILING = re.compile(r"\b(?:\d{4}|year|years|month|months|week|weeks|day|days|each|every|"
                      r"respectively|as well|too|also)\b", re.I)
# 'Our aims are A, B and C' is one statement about all of them, not 'Our aims are A'.
BE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
MODALS = frozenset(["will", "must", "can", "should", "may", "would", "could", "shall"])
SUBJECT_PRONOUNS = frozenset(["you", "we", "they", "i"])
# Made once here, not for every word checked (these run for each word of a long sentence).
NOUN_OPENERS = DETERMINERS - {"that"}
BEFORE_NOUN = DETERMINERS | PREPOSITIONS
QUOTES = re.compile(r"[“”\"‘]")


def _plain(token: str) -> str:
    return token.strip("*,.;:!?()").lower()


def _kind(token: str) -> str:
    """What kind of list item a word starts: a noun phrase or 'to' + verb; '' for others."""
    word = _plain(token)
    if word == "to":
        return "to"
    if word in NOUN_OPENERS or word in WH or word.isdigit():
        return "noun"
    return ""


def _base_verb(token: str) -> bool:
    from lemminflect import getAllLemmas

    word = _plain(token)
    forms = getAllLemmas(word)
    return word in FINITE or ("VERB" in forms and forms["VERB"][0] == word)


def _is_verb(token: str) -> bool:
    word = _plain(token)
    return word in FINITE or is_verb_form(word)


def object_list(sentence: str) -> list[str] | None:
    """'SUBJECT VERB A, B and C.' -> one sentence per object, subject and verb said again.
    Two objects only when both are 'what/how/why ...' clauses ('looks at how X and what Y')."""
    text = sentence.strip().rstrip(".")
    if QUOTES.search(text) or any(mark in text for mark in ":;()?!"):
        return None
    chunks = text.split(", ")
    last = chunks[-1]
    if len(chunks) > 1 and last.startswith("and "):
        tail = [last[4:]]
    else:
        joins = [m for m in re.finditer(r"\s+and\s+(?=(\S+))", last) if _kind(m.group(1))]
        if not joins or len(chunks) == 1 and _plain(joins[-1].group(1)) not in WH:
            return None
        tail = [last[:joins[-1].start()], last[joins[-1].end():]]
    items = [*chunks[1:-1], *tail] if len(chunks) > 1 else tail[1:]
    first = (chunks[0] if len(chunks) > 1 else tail[0]).split()
    kinds = {_kind(item.split()[0]) for item in items if item.split()}
    if not items or "" in kinds or len(kinds) != 1 or \
            any(len(item.split()) < 2 and not item.split()[0][:1].isupper() for item in items):
        return None
    kind = kinds.pop()
    start = _first_item(first, kind)
    if start is None or len(chunks) == 1 and _plain(first[start]) not in WH:
        return None
    prefix, items = first[:start], [" ".join(first[start:]), *items]
    lower = {_plain(token) for token in prefix}
    if lower & (JOINT | SUBORDINATORS | BE) or len(prefix) < 2:
        return None
    if any(set(map(_plain, item.split())) & POINTERS for item in items[1:]):
        return None
    last_words = [_plain(token) for token in items[-1].split()[1:]]
    if set(last_words) & SUBORDINATORS or TRAILING.search(items[-1]):
        return None
    if _plain(items[-1].split()[0]) not in WH and set(last_words) & (PREPOSITIONS - {"of"}):
        return None  # '..., B and C to every resident': the phrase may be about all of them
    again = _again(prefix)
    return [" ".join([*prefix, items[0]]), *(f"{again} {item}" for item in items[1:])]


def _first_item(tokens: list[str], kind: str) -> int | None:
    """Where the first item starts: the first word of its kind straight after a verb (or
    after a verb and a preposition: 'We will work with the ...')."""
    for index in range(2, len(tokens)):
        if _kind(tokens[index]) != kind:
            continue
        before = _plain(tokens[index - 1])
        if kind == "to":
            return index if before not in PREPOSITIONS | DETERMINERS else None
        if before in BEFORE_NOUN and index >= 3 and \
                _is_verb(tokens[index - 2]) and _plain(tokens[index - 2]) not in DETERMINERS:
            return index
        if before not in BEFORE_NOUN and tokens[index - 1].islower() and \
                _is_verb(tokens[index - 1]):
            return index
        return None
    return None


def _again(prefix: list[str]) -> str:
    """The subject and verb said again: 'The scheme explains' -> 'It explains' when the
    subject is 'the/this' and one singular common noun; otherwise the words as they were."""
    from lemminflect import getAllLemmas

    if len(prefix) >= 3 and _plain(prefix[0]) in {"the", "this"} and prefix[1].islower():
        noun = getAllLemmas(prefix[1]).get("NOUN", ("",))[0]
        verb = _plain(prefix[2])
        if noun == prefix[1] and (verb in MODALS or verb.endswith("s")):
            return " ".join(["It", *prefix[2:]])
    return " ".join(prefix)


CONDITION = re.compile(r"^(?P<opener>If|When|Whenever)\s+(?P<subject>you|we|they)\s+"
                       r"(?P<rest>.+)$")


def either_condition(sentence: str) -> list[str] | None:
    """'If you A, B or C, MAIN.' -> 'If you A, MAIN.' for each: only conditions joined by
    'or', where each is a verb with its subject's words ('want it', 'have a ...')."""
    match = CONDITION.match(sentence.strip().rstrip("."))
    if not match or QUOTES.search(sentence):
        return None
    rest = match.group("rest")
    comma = rest.rfind(", ")
    if comma < 0:
        return None
    condition, main = rest[:comma], rest[comma + 2:]
    if len(main.split()) > 8:
        return None  # a long main clause said again would make every piece long
    cuts = list(re.finditer(r"(?:,\s+or\s+|\s+or\s+|,\s+)(?=(\S+)\s+(\S+))", condition))
    if not cuts or "or" not in cuts[-1].group(0) or re.search(r"\band\b", condition):
        return None
    taken, last = [], 0
    for cut in cuts:
        verb, after = cut.group(1), _plain(cut.group(2))
        if not _base_verb(verb):
            if cut.group(0).strip() == ",":
                return None
            continue  # 'deaf or have a hearing or speech impairment': 'or' inside one condition
        if _plain(verb) not in FINITE and after not in DETERMINERS | SUBJECT_PRONOUNS | \
                {"to", "not", "it", "them", "us", "me", "more", "help"}:
            return None  # 'advice or support from us': a noun, not a verb
        taken.append(condition[last:cut.start()])
        last = cut.end()
    taken.append(condition[last:])
    if len(taken) < 2:
        return None
    opener, subject = match.group("opener"), match.group("subject")
    return [f"{opener} {subject} {part.strip()}, {main}" for part in taken]


def shared_modal(sentence: str) -> list[str] | None:
    """'We will agree a plan with it and monitor that plan.' -> 'We will agree a plan with
    it.' + 'We will monitor that plan.': the subject and modal said again."""
    match = re.match(r"^(?P<head>(?:\S+\s+){0,5}?(?P<modal>will|must|can|should|may|would|"
                     r"could|shall)\s+(?:also\s+)?)(?P<verb>\S+)\s+(?P<rest>.+)$", sentence)
    if not match or "," in match.group("head") or QUOTES.search(sentence):
        return None
    head_words = [_plain(token) for token in match.group("head").split()]
    if head_words[0] in SUBORDINATORS | PREPOSITIONS or "not" in head_words or \
            not _base_verb(match.group("verb")):
        return None
    rest = match.group("rest")
    for join in re.finditer(r",?\s+and\s+(?=(\S+)\s+(\S+))", rest):
        verb, after = join.group(1), _plain(join.group(2))
        if not _base_verb(verb) or _plain(verb) in FINITE:
            continue
        if after not in DETERMINERS | {"you", "it", "them", "us", "him", "her", "up", "out"}:
            continue
        before = _plain(rest[:join.start()].split()[-1])
        if before in BEFORE_NOUN:
            continue
        left = sentence[:match.start("rest") + join.start()]
        right = rest[join.end():]
        if TRAILING.search(right) and not TRAILING.search(left):
            return None  # 'review the scheme and update it every year': both, every year
        again = match.group("head").replace(" also ", " ")
        return [left, f"{again}{right}"]
    return None


def colon_list(sentence: str) -> list[str] | None:
    """'We support 5 staff networks: A, B and C.' -> 'We support 5 staff networks.' +
    'These are A, B and C.': a list of names after a whole sentence."""
    if sentence.count(":") != 1 or QUOTES.search(sentence) or "http" in sentence:
        return None
    left, right = (part.strip() for part in sentence.split(":"))
    left_words = [_plain(token) for token in left.split()]
    right_words = [_plain(token) for token in right.split()]
    if not left_words or left_words[-1] in BEFORE_NOUN | {"follows", "include",
                                                                        "includes", "including"}:
        return None
    if not re.search(r",\s+\S.*\s+and\s+\S", right) or set(right_words) & FINITE or \
            any(word in WH | SUBJECT_PRONOUNS for word in right_words):
        return None
    if not left_words[-1].endswith("s"):
        return None  # the list names several things: 'networks', 'councils'
    return [left, f"These are {right}"]


# An opening condition or scene-setting phrase: 'If X,', 'For women,', 'From April 2024,'.
FRONTED = re.compile(r"^(?:If|When|Where|Whenever|Once|For|From|In|By|After|Before|During|"
                     r"Since|Until)\s")
JOINS = frozenset(["and", "or", "but", "then", "so"])


def fronted(sentence: str, rules) -> list[str] | None:
    """'If X, A and B.' -> 'If X, A.' + 'If X, B.': the rest split by the other rules, the
    condition said again before every piece so no piece loses it. The opening part ends at
    the first comma after which a clause starts with no comma before its verb ('For black,
    Asian and minority ethnic people, the share ... is')."""
    sentence = sentence.strip()
    if not FRONTED.match(sentence) or QUOTES.search(sentence):
        return None
    for comma in re.finditer(r",\s+", sentence):
        condition, rest = sentence[:comma.start()], sentence[comma.end():]
        tokens = rest.split()
        if not tokens or _plain(tokens[0]) in JOINS:
            return None  # the opening part goes on past its comma: 'If A, or B, then ...'
        verb = 0 if is_instruction(rest) else next(
            (i for i, token in enumerate(tokens) if _plain(token) in FINITE
             or i and _is_verb(token) and _plain(token).endswith("s")), None)
        if verb is None or any("," in token for token in tokens[:verb]):
            continue
        for rule in rules:
            pieces = rule(rest)
            if pieces:
                return [f"{condition}, {_uncapital(piece, rest)}" for piece in pieces]
        return None
    return None


def _uncapital(piece: str, rest: str) -> str:
    """Undo the capital a rule gave the piece's first word, now it follows a comma."""
    first = piece.split()[0] if piece.split() else ""
    lower = first[:1].lower() + first[1:]
    if first != "I" and (_plain(first) in DETERMINERS | SUBJECT_PRONOUNS | {"it", "this", "at"}
                         or re.search(rf"(?<![\w-]){re.escape(lower)}\b", rest)):
        return lower + piece[len(first):]
    return piece


def concession(sentence: str) -> list[str] | None:
    """'Although A, B.' -> 'A.' + 'But B.': the contrast is kept by 'But' (only 'although'
    and 'though', never 'while', which can be about time)."""
    match = re.match(r"^(?:Although|Though|Even though)\s+(?P<fact>[^,]+),\s+(?P<main>.+)$",
                     sentence.strip())
    if not match or QUOTES.search(sentence):
        return None
    main = match.group("main")
    return [match.group("fact"), f"But {main}"]


RELATIVES = frozenset(["who", "which", "that", "whom", "whose"])


def phrase_list(sentence: str) -> list[str] | None:
    """'Courses are free for A, and for B.' -> 'Courses are free for A.' + 'Courses are free
    for B.': the same preposition said again before each item marks them as parallel."""
    text = sentence.strip().rstrip(".")
    last = re.search(r",\s+and\s+(?P<prep>for|with|by|in|on|from|about|at)\s+", text)
    if not last or QUOTES.search(text) or any(mark in text for mark in ":;()?!"):
        return None
    prep = last.group("prep")
    parts = re.split(rf",\s+(?:and\s+)?(?={prep}\s)", text)
    head = parts[0].split()
    starts = [i for i, token in enumerate(head) if token.lower() == prep and i >= 2]
    if not starts:
        return None
    prefix, items = head[:starts[-1]], [" ".join(head[starts[-1]:]), *parts[1:]]
    lower = {_plain(token) for token in prefix}
    if lower & (JOINT | SUBORDINATORS | RELATIVES) or TRAILING.search(items[-1]):
        return None
    if any(set(map(_plain, item.split())) & POINTERS for item in items[1:]):
        return None
    again = " ".join(prefix)
    return [f"{again} {item}" for item in items]
