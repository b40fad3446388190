"""Split a long sentence only where every part is a whole sentence, with its own subject
and verb (DH/GOV.UK Easy Read: one idea a sentence, but never a fragment).

Safe splits, tried in this order:
- at a semicolon, when both sides are clauses;
- a non-defining relative clause (", which ...", ", who ...") becomes its own sentence with
  its subject repeated: "The Group, which is chaired by our Chief Executive, checks progress."
  -> "The Group checks progress." + "The Group is chaired by our Chief Executive.";
- between independent clauses joined by ", and", "but", "so" or a subject pronoun;
- "X because Y" -> "X." + "This is because Y." and "X so that Y" likewise.
Anything else stays whole: the caller marks it for a writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converter.language.contacts import ADDRESS
from converter.language.sentences import words


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())

FINITE = _set("""
is are was were am has have had does do did will would can could must may might shall should
isn't aren't wasn't weren't hasn't haven't won't can't cannot couldn't mustn't shouldn't
doesn't don't didn't
""")
SUBJECTS = _set("""
we you they it he she i there this these those everyone everybody nobody anyone someone
people staff residents
""")
DETERMINERS = _set("the our their its your this that these those a an every each all "
                        "some any many most his her my")
PREPOSITIONS = _set("""
of in on at by for with from to into onto about over under between through during against
among within without across after before since until than as via per like
""")
OPENERS_NEVER = _set("""
who which whom whose whereby that where when while although though because unless if whether
and or but nor so as than to
""")
CLOSERS = _set("and or but nor the a an our their its your which of to for with by in on "
                    "at from as that")
DANGLING = _set("and or but nor the a an our their its your which")
SUBORDINATORS = _set("because although though while when whenever unless if whether "
                          "since until once where")

@dataclass(frozen=True)
class Split:
    pieces: list[str]
    whole: bool  # True when the sentence is over the limit and no safe split was found


def lower_words(text: str) -> list[str]:
    return [word.lower() for word in words(ADDRESS.sub("address", text))]


def has_finite_verb(tokens: list[str]) -> bool:
    """A finite verb somewhere after the first word, or 'subject pronoun + verb'."""
    for index, word in enumerate(tokens):
        if index and word in FINITE:
            return True
        if word in SUBJECTS and index + 1 < len(tokens):
            following = tokens[index + 1]
            if following not in PREPOSITIONS and following not in DETERMINERS and \
                    following not in {"and", "or", "who", "which", "that"}:
                return True
    for index, word in enumerate(tokens[1:7], start=1):
        previous = tokens[index - 1]
        if (word.endswith(("ed", "s")) and len(word) > 3 and previous not in DETERMINERS
                and previous not in PREPOSITIONS and not word.endswith("ss")
                and tokens[0] in DETERMINERS | SUBJECTS):
            return True
    return False


def is_clause(text: str) -> bool:
    """A whole sentence: it does not open like a fragment and it has a subject and verb."""
    tokens = lower_words(text)
    if len(tokens) < 3 or tokens[0] in OPENERS_NEVER or tokens[0] in PREPOSITIONS:
        return False
    if tokens[0].endswith("ing") and tokens[0] not in {"nothing", "everything", "something"}:
        return False
    if tokens[-1] in DANGLING:  # a stranded preposition ('asks for') can end a sentence
        return False
    return has_finite_verb(tokens)


def opens_with_subject(text: str) -> bool:
    tokens = lower_words(text)
    if not tokens:
        return False
    first = text.lstrip()[:1]
    plural_subject = len(tokens) > 1 and tokens[1] in FINITE  # 'groups can now apply'
    return tokens[0] in SUBJECTS or tokens[0] in DETERMINERS or first.isupper() or \
        first.isdigit() or plural_subject


def split_whole(sentence: str, max_words: int) -> Split:
    """Pieces of at most `max_words` words where a safe split exists; else the whole."""
    if len(words(sentence)) <= max_words:
        return Split([sentence], False)
    for rule in (_semicolon, _relative_inside, _relative_end, _coordination, _reason):
        pieces = rule(sentence)
        if pieces and all(is_clause(piece) for piece in pieces):
            result: list[str] = []
            whole = False
            for piece in pieces:
                inner = split_whole(piece, max_words)
                result.extend(inner.pieces)
                whole = whole or inner.whole
            return Split(result, whole)
    return Split([sentence], True)


def sentence_case(text: str) -> str:
    text = text.strip(" ,;:")
    if text and text[0].islower() and not ADDRESS.match(text):
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _cut(text: str) -> str:
    return text.strip().rstrip(",;: ")


def _semicolon(sentence: str) -> list[str] | None:
    parts = [part for part in re.split(r";\s+", sentence) if part.strip()]
    if len(parts) < 2:
        return None
    return [sentence_case(_cut(part)) for part in parts]


def _antecedent(before: str) -> str | None:
    """The noun phrase a relative clause describes: the name or determiner phrase just
    before the comma ('the Combined Authority Board', 'our Chief Executive')."""
    tokens = before.split()
    for back in range(1, min(8, len(tokens)) + 1):
        phrase = tokens[-back:]
        first = phrase[0].lower()
        if first in DETERMINERS:
            inner = [token.lower() for token in phrase[1:]]
            if not inner or any(token in PREPOSITIONS | FINITE | SUBJECTS for token in inner):
                return None
            head = "the" if first in {"a", "an", "every", "each", "all", "some", "any"} \
                else first
            return " ".join([head, *phrase[1:]])
        if first in PREPOSITIONS | FINITE or first.endswith(","):
            return None
    return None


RELATIVE = r",\s+(?P<word>which|who)\s+"


def _relative_inside(sentence: str) -> list[str] | None:
    """'The Group, which is chaired by X, will check progress.' -> two sentences."""
    match = re.match(rf"^(?P<subject>[^,]+?){RELATIVE}(?P<relative>[^,]+),\s+(?P<rest>.+)$",
                     sentence)
    if not match:
        return None
    subject, rest = match.group("subject").strip(), match.group("rest")
    subject_words = lower_words(subject)
    if not subject_words or has_finite_verb(subject_words) or len(subject_words) > 8:
        return None
    rest_words = lower_words(rest)
    if not rest_words or rest_words[0] not in FINITE and not rest_words[0].endswith(("s", "ed")):
        return None
    again = _restate(subject)
    return [sentence_case(f"{subject} {rest}"),
            sentence_case(f"{again} {_cut(match.group('relative'))}")]


def _relative_end(sentence: str) -> list[str] | None:
    """'Our Mayor chairs the Board, which is made up of leaders.' -> two sentences."""
    match = re.match(rf"^(?P<main>.+?){RELATIVE}(?P<relative>[^,]+)$", sentence.rstrip("."))
    if not match or "," in match.group("relative"):
        return None
    relative_words = lower_words(match.group("relative"))
    if not relative_words or (relative_words[0] not in FINITE
                              and not relative_words[0].endswith(("s", "ed"))):
        return None
    antecedent = _antecedent(match.group("main"))
    if antecedent is None:
        if match.group("word") == "who":
            return None
        antecedent = "this"  # 'which' about the whole clause: 'This means ...'
    return [sentence_case(match.group("main")),
            sentence_case(f"{_restate(antecedent)} {_cut(match.group('relative'))}")]


def _restate(subject: str) -> str:
    subject = subject.strip()
    tokens = subject.split()
    if tokens and tokens[0].lower() in {"a", "an"}:
        tokens[0] = "the"
    text = " ".join(tokens)
    return text[0].upper() + text[1:] if text else text


COORDINATION = re.compile(
    r"(?:,\s+(?P<word>and|but|so)\s+|\s+(?P<bare>and|but)\s+(?=(?:we|they|you|it|he|she|"
    r"this|there)\s))", re.I)


def _coordination(sentence: str) -> list[str] | None:
    """Independent clauses joined by 'and', 'but' or 'so': the split nearest the middle."""
    best = None
    total = len(words(sentence))
    for match in COORDINATION.finditer(sentence):
        left, right = sentence[:match.start()], sentence[match.end():]
        if not (opens_with_subject(right) and is_clause(left) and is_clause(right)):
            continue
        if _inside_address(sentence, match.start()):
            continue
        distance = abs(len(words(left)) - total / 2)
        if best is None or distance < best[0]:
            best = (distance, left, right, (match.group("word") or match.group("bare")).lower())
    if best is None:
        return None
    _, left, right, word = best
    right = right.strip()
    if word in {"but", "so"}:
        right = f"{word.capitalize()} {right[0].lower() + right[1:] if _lower_ok(right) else right}"
    return [sentence_case(left), sentence_case(right)]


def _lower_ok(text: str) -> bool:
    first = text.split()[0] if text.split() else ""
    return first.lower() in SUBJECTS | DETERMINERS and first != "I"


def _reason(sentence: str) -> list[str] | None:
    """'X because Y' -> 'X.' + 'This is because Y.'; the same for 'so that'."""
    match = re.search(r",?\s+(?P<word>because|so that)\s+", sentence)
    if not match:
        return None
    left, right = sentence[:match.start()], sentence[match.end():]
    if not (is_clause(left) and is_clause(right)):
        return None
    return [sentence_case(left), sentence_case(f"This is {match.group('word')} {right.strip()}")]


def _inside_address(sentence: str, position: int) -> bool:
    return any(m.start() < position < m.end() for m in ADDRESS.finditer(sentence))


def ends_badly(sentence: str) -> bool:
    tokens = lower_words(sentence)
    return bool(tokens) and tokens[-1] in CLOSERS


def opens_badly(sentence: str) -> bool:
    tokens = lower_words(sentence)
    return bool(tokens) and tokens[0] in {"who", "which", "whom", "whose", "whereby"} and \
        not sentence.rstrip().endswith("?")
