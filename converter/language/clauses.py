"""Is this a whole sentence? Small, documented heuristics over word lists: a subject and a
finite verb, no opening like a fragment ("Who lives and works."), no ending on a
conjunction or article ("...our vision and."). Used by Easy Read drafting to split only into
whole sentences; any format that must not make fragments can ask the same questions.
"""

from __future__ import annotations

import re

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

def lower_words(text: str) -> list[str]:
    return [word.lower() for word in words(ADDRESS.sub("address", text))]


def has_finite_verb(tokens: list[str]) -> bool:
    """A finite verb somewhere after the first word, or 'subject pronoun + verb'. A verb
    inside a relative clause ('Information which is presented ...') does not count: the
    main clause needs one of its own after it."""
    if (reduced := _reduced_relative(tokens)) is not None:
        return reduced
    for index, word in enumerate(tokens[1:], start=1):
        if word in {"which", "who", "whom", "whose", "that"}:
            rest = tokens[index + 1:]
            verb = 0 if rest and rest[0] not in SUBJECTS | DETERMINERS else next(
                (i for i, w in enumerate(rest) if w in FINITE or can_be_verb(w)), None)
            return verb is not None and _main_verb(tokens[:index], rest[verb + 1:])
    return _main_verb([], tokens)


CONTACT_SUBJECTS = _set("we you they he she i")
TIME_NOUNS = _set("year years month months week weeks day days time times morning evening "
                  "quarter spring summer autumn winter")
CHAIN = _set("be been being have has had not")


def _reduced_relative(tokens: list[str]) -> bool | None:
    """'Any actions we may have taken': a noun and a relative clause with no 'that', whose
    verb is not the sentence's; the main clause needs a verb after it ('The data we
    publish is open'). None when the sentence does not open that way ('Each year we ...'
    opens with a time, then its subject)."""
    if not tokens or tokens[0] not in DETERMINERS - {"this", "that", "these", "those"}:
        return None
    at = next((i for i, w in enumerate(tokens[1:5], start=1) if w in CONTACT_SUBJECTS), None)
    if at is None or at < 2 or set(tokens[1:at]) & (FINITE | TIME_NOUNS | PREPOSITIONS) or \
            any(can_be_verb(w) and w.endswith(("ed", "s")) for w in tokens[1:at - 1]):
        return None
    rest = tokens[at + 1:]
    if not rest or not (rest[0] in FINITE or can_be_verb(rest[0])):
        return None
    end = 1
    if rest[0] in FINITE:  # 'may have taken': the auxiliaries and their verb are one group
        while end < len(rest) and (rest[end] in CHAIN or rest[end].endswith(("ed", "en"))):
            end += 1
        if end < len(rest) and end == 1 and can_be_verb(rest[end]):
            end += 1  # 'we can publish'
    return _finite_in(["", *rest[end:]])


def _main_verb(head: list[str], tokens: list[str]) -> bool:
    if head and _finite_in(head):
        return True
    return _finite_in(["", *tokens] if head else tokens)  # after a relative clause, any word


def _finite_in(tokens: list[str]) -> bool:
    for index, word in enumerate(tokens):
        if index and word in FINITE:
            return True
        if re.sub(r"['’](?:ll|re|ve|s|d|m)$", "", word) in SUBJECTS and index + 1 < len(tokens) \
                and word not in SUBJECTS:
            return True  # "you'll be", "it's fine", "we're here": subject and verb in one
        if word in SUBJECTS and index + 1 < len(tokens):
            following = tokens[index + 1]
            if following not in PREPOSITIONS and following not in DETERMINERS and \
                    following not in {"and", "or", "who", "which", "that"}:
                return True
    for index, word in enumerate(tokens[1:7], start=1):
        previous = tokens[index - 1]
        if (word.endswith(("ed", "s")) and len(word) > 3 and previous not in DETERMINERS
                and previous not in PREPOSITIONS and not word.endswith("ss")
                and not previous.isdigit() and tokens[0] in DETERMINERS | SUBJECTS
                and can_be_verb(word)):
            return True
    return False


def is_verb_form(word: str) -> bool:
    """A form of a verb in lemminflect's tables ('publish', 'adopted'), whatever else it can
    be; unlike can_be_verb, an unknown word is no verb."""
    from lemminflect import getAllLemmas

    return "VERB" in getAllLemmas(word)


def can_be_verb(word: str) -> bool:
    """'explains', 'adopted' can be verbs; 'years', 'councils' cannot (lemminflect's
    tables, which ship inside the package)."""
    from lemminflect import getAllLemmas

    forms = getAllLemmas(word)
    return not forms or "VERB" in forms


AMOUNT = re.compile(r"^(?:at least|at most|more than|fewer than|less than|about|around|"
                    r"nearly|almost|over|up to) (?=\d)")


def _without_amount(tokens: list[str]) -> list[str]:
    """'At least 10% of the homes must ...', 'About 260 people came ...': an amount, not a
    place or a topic, so the sentence does not open with a preposition."""
    match = AMOUNT.match(" ".join(tokens))
    return tokens[len(match.group(0).split()):] if match else tokens


def is_clause(text: str) -> bool:
    """A whole sentence: it does not open like a fragment and it has a subject and verb."""
    tokens = lower_words(text)
    if len(tokens) >= 3 and (tokens[0] in SUBORDINATORS | PREPOSITIONS) and ", " in text:
        # 'If in doubt, you must not publish.', 'In the file, locate the line.': an opening
        # clause or phrase, then a main clause of its own after the comma.
        rest = text.split(", ", 1)[1]
        return is_clause(rest) or is_instruction(rest)
    tokens = _without_amount(tokens)
    if len(tokens) < 3 or tokens[0] in OPENERS_NEVER or tokens[0] in PREPOSITIONS:
        return False
    if tokens[0].endswith("ing") and tokens[0] not in {"nothing", "everything", "something"}:
        return False
    if tokens[-1] in DANGLING:  # a stranded preposition ('asks for') can end a sentence
        return False
    return has_finite_verb(tokens)


SEQUENCE = re.compile(r"^(?:(?:next|then|finally|first|firstly|now|instead|also),\s+|"
                      r"(?:then|simply|just|please)\s+)", re.I)


def is_instruction(text: str) -> bool:
    """A whole sentence in the imperative: 'Encrypt files ...', 'Next, run the tests.' The
    first word is a verb's base form (lemminflect's tables) and, when it can be a noun too
    ('Group', 'Release'), a determiner or pronoun follows ('Release the data') or a word
    of sequence comes before ('Next, run ...')."""
    from lemminflect import getAllLemmas

    plain = SEQUENCE.sub("", text.strip())
    tokens = plain.split()
    if len(tokens) < 2:
        return False
    first, second = tokens[0].lower(), tokens[1]
    forms = getAllLemmas(first)
    if "VERB" not in forms or forms["VERB"][0] != first or second[:1].isupper():
        return False
    return "NOUN" not in forms or plain != text.strip() or \
        second.lower() in DETERMINERS | {"you", "it", "them", "us", "up", "out"}


def opens_with_subject(text: str) -> bool:
    tokens = _without_amount(lower_words(text))
    if not tokens:
        return False
    first = tokens[0][:1] if tokens[0][:1].isdigit() else text.lstrip()[:1]
    plural_subject = len(tokens) > 1 and tokens[1] in FINITE  # 'groups can now apply'
    return tokens[0] in SUBJECTS or tokens[0] in DETERMINERS or first.isupper() or \
        first.isdigit() or plural_subject


def ends_badly(sentence: str) -> bool:
    tokens = lower_words(sentence)
    return bool(tokens) and tokens[-1] in CLOSERS


def opens_badly(sentence: str) -> bool:
    tokens = lower_words(sentence)
    return bool(tokens) and tokens[0] in {"who", "which", "whom", "whose", "whereby"} and \
        not sentence.rstrip().endswith("?")
