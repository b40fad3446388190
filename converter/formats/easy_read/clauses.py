"""Split a long sentence only where every part is a whole sentence, with its own subject
and verb (DH/GOV.UK Easy Read: one idea a sentence, but never a fragment).

Safe splits, tried in this order:
- at a semicolon, when both sides are clauses;
- a non-defining relative clause (", which ...", ", who ...") becomes its own sentence with
  its subject repeated: "The Group, which is chaired by our Chief Executive, checks progress."
  -> "The Group checks progress." + "The Group is chaired by our Chief Executive.";
- between independent clauses joined by ", and", "but", "so" or a subject pronoun;
- "X because Y" -> "X." + "This is because Y." and "X so that Y" likewise;
- splits that say a shared subject, verb or condition again (repeat.py): a list of objects,
  conditions joined by 'or', a second verb after one modal, a list after a colon.
Anything else stays whole: the caller marks it for a writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converter.formats.easy_read.repeat import (
    RELATIVES,
    WH,
    colon_list,
    concession,
    either_condition,
    fronted,
    object_list,
    phrase_list,
    shared_modal,
)
from converter.language.clauses import (
    DETERMINERS,
    FINITE,
    OPENERS_NEVER,
    PREPOSITIONS,
    SUBJECTS,
    SUBORDINATORS,
    has_finite_verb,
    is_clause,
    is_instruction,
    lower_words,
    opens_with_subject,
)
from converter.language.contacts import ADDRESS
from converter.language.sentences import words


def reading_length(text: str) -> int:
    """Words as a reader counts them for the 15-word limit: a web or email address is one
    ('https://github.com/dwp/...' split at its slashes and dashes counted 7)."""
    return len(words(ADDRESS.sub("address", text)))

@dataclass(frozen=True)
class Split:
    pieces: list[str]
    whole: bool  # True when the sentence is over the limit and no safe split was found


def split_whole(sentence: str, max_words: int, legal: bool = False) -> Split:
    """Pieces of at most `max_words` words where a safe split exists; else the whole.
    `legal` wording (a duty, an Act) is never restated: the splits that say a part again
    are left out for it."""
    count = reading_length(sentence)
    if count <= max_words:
        return Split([sentence], False)
    for rule in (_semicolon, _relative_inside, _relative_end, _fronted, _coordination,
                 _shared_subject, _then, _instructions, _reason, *REPEATS):
        if legal and rule in SAID_AGAIN:
            continue
        pieces = rule(sentence)
        if pieces and rule in SAID_AGAIN:
            pieces = [sentence_case(piece) for piece in pieces]
        # Every piece must be shorter than the sentence, or splitting it again could go on
        # for ever (a subject repeated into each piece: RecursionError on long masters).
        if pieces and all(reading_length(piece) < count for piece in pieces) and \
                all(_whole(piece, rule is concession) for piece in pieces) and \
                (rule not in SAID_AGAIN or _at_most_one_long(pieces, max_words)):
            result: list[str] = []
            whole = False
            for piece in pieces:
                inner = split_whole(piece, max_words, legal)
                result.extend(inner.pieces)
                whole = whole or inner.whole
            return Split(result, whole)
    return Split([sentence], True)


def _whole(piece: str, but: bool = False) -> bool:
    """A whole sentence; with `but`, also one that opens with the 'But' a concession gets
    ('Although A, B.' -> 'A.' + 'But B.')."""
    if but:
        piece = re.sub(r"^But\s+", "", piece)
    return is_clause(piece) or is_instruction(piece)


def _fronted(sentence: str) -> list[str] | None:
    return fronted(sentence, (_coordination, _shared_subject, _instructions, object_list,
                              shared_modal))


REPEATS = (object_list, phrase_list, either_condition, shared_modal, colon_list, concession)
SAID_AGAIN = {_fronted, *REPEATS}


def _at_most_one_long(pieces: list[str], max_words: int) -> bool:
    """A split that says a part again makes each piece longer: taken only when it leaves at
    most one piece over the limit, or a writer gets two long rows instead of one."""
    return sum(reading_length(piece) > max_words for piece in pieces) <= 1


def sentence_case(text: str) -> str:
    text = text.strip(" ,;:")
    if text and text[0].islower() and not ADDRESS.match(text):
        text = text[0].upper() + text[1:]
    # A quotation that ends its own sentence ('... for.”') needs no second full stop.
    if text and text.rstrip("”’\"'")[-1:] not in ".!?":
        text += "."
    return text


def _cut(text: str) -> str:
    return text.strip().rstrip(",;: ")


def _semicolon(sentence: str) -> list[str] | None:
    """At semicolons, or dashes set off by spaces ('... no defence - if in doubt, ...').
    A part that opens 'that will ...' points back at the part before: 'This will ...'."""
    parts = [part for part in re.split(r";\s+|\s+[-–—]\s+", sentence) if part.strip()]
    if len(parts) < 2:
        return None
    return [sentence_case(re.sub(r"^that(?=\s+(?:is|was|will|would|can|means)\b)", "this",
                                 _cut(part))) for part in parts]


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
    r"this|there)\s)|\s+(?P<noun>and)\s+(?=(?:the|our|their|every|each)\s|(?:about|around|nearly|"
    r"almost|over|at least|more than)\s+\d))", re.I)
# Before a bare 'and the ...', these leave it unclear where the first clause ends ('We know
# that A is B and the C is D': does 'we know' cover both?).
EMBEDDING = SUBORDINATORS | RELATIVES | WH


def _coordination(sentence: str) -> list[str] | None:
    """Independent clauses joined by 'and', 'but' or 'so': the split nearest the middle."""
    best = None
    total = reading_length(sentence)
    for match in COORDINATION.finditer(sentence):
        left, right = sentence[:match.start()], sentence[match.end():]
        if not (opens_with_subject(right) and (is_clause(left) or is_instruction(left))
                and is_clause(right)):
            continue
        if _inside_address(sentence, match.start()):
            continue
        if match.group("noun") and (set(lower_words(left)) & EMBEDDING or not is_clause(
                re.sub(r"^(?:and|but|or|so)\s+", "", left.rsplit(", ", 1)[-1]))):
            continue  # 'but A and the B both have ...': two nouns, not two clauses
        distance = abs(reading_length(left) - total / 2)
        if best is None or distance < best[0]:
            best = (distance, left, right, (match.group("word") or match.group("bare") or "and").lower())
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


def _shared_subject(sentence: str) -> list[str] | None:
    """'These documents are not suitable here, and must be kept elsewhere.' -> 'These
    documents are not suitable here.' + 'These documents must be kept elsewhere.': the
    second verb's subject is said again. Only for a short plain subject at the start."""
    tokens = sentence.split()
    lower = [token.lower().strip(",") for token in tokens]
    verb = next((i for i, word in enumerate(lower) if word in FINITE), None)
    if verb is None or not 1 <= verb <= 6 or any("," in token for token in tokens[:verb]):
        return None
    if lower[0] not in SUBJECTS | DETERMINERS and not tokens[0][:1].isupper():
        return None
    if lower[0] in SUBORDINATORS | OPENERS_NEVER or lower[0] in PREPOSITIONS:
        return None
    subject = " ".join(tokens[:verb])
    for match in re.finditer(r",?\s+(?P<word>and|but)\s+(?=(?P<verb>\S+)\s)", sentence):
        if match.group("verb").lower() not in FINITE or _inside_address(sentence, match.start()):
            continue
        left, right = sentence[:match.start()], sentence[match.end():]
        if not is_clause(left):
            continue
        again = f"{_restate(subject)} {right.strip()}"
        if match.group("word") == "but":
            again = f"But {again[0].lower() + again[1:] if _lower_ok(again) else again}"
        return [sentence_case(left), sentence_case(again)]
    return None


def _then(sentence: str) -> list[str] | None:
    """'... run git commit, then edit the file and save it.' -> '... run git commit.' +
    'Then edit the file and save it.': steps in order, each an instruction."""
    match = re.search(r",\s+then\s+", sentence)
    if not match:
        return None
    left, right = sentence[:match.start()], f"Then {sentence[match.end():].strip()}"
    if not (is_clause(left) or is_instruction(left)) or not is_instruction(right):
        return None
    if set(lower_words(left.rsplit(",", 1)[-1])) & SUBORDINATORS:
        return None  # '... If there may be an issue, then seek advice': 'then' ends an 'if'
    return [sentence_case(left), sentence_case(right)]


# In an instruction, these before 'and' mean the 'and' may sit inside a clause of its own
# ('let everyone know that you will ... and ...'), so the second verb may not be a step.
NOT_A_STEP = EMBEDDING | SUBJECTS | {"if", "when", "or"}


def _instructions(sentence: str) -> list[str] | None:
    """'Undo your change in the repo, and rerun terraform apply.' -> 'Undo your change in the
    repo.' + 'Rerun terraform apply.': two steps, each an instruction of its own."""
    if not is_instruction(sentence):
        return None
    for match in re.finditer(r",?\s+and\s+(?=\S)", sentence):
        left, right = sentence[:match.start()], sentence[match.end():]
        tokens = lower_words(left)
        if set(tokens[1:]) & NOT_A_STEP or _infinitive(tokens) or not is_instruction(right):
            continue
        return [sentence_case(left), sentence_case(right)]
    return None


def _infinitive(tokens: list[str]) -> bool:
    """'to initialize the codebase and install ...': the 'and' may join two verbs after 'to'."""
    from lemminflect import getAllLemmas

    return any(word == "to" and "VERB" in getAllLemmas(after) and after not in DETERMINERS
               for word, after in zip(tokens, tokens[1:], strict=False))


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
