"""Tiny grammar hints, enough to tell a noun from a verb where word lists need it."""

from __future__ import annotations

DETERMINERS = frozenset({
    "a", "an", "the", "our", "their", "its", "your", "this", "that", "these", "those", "his",
    "her", "my", "of", "any", "each", "every", "no",
})


def follows_determiner(text: str, start: int) -> bool:
    """True when the word at `start` follows a determiner, so it is used as a noun
    ("our progress", "proof of address"); the word lists' swaps are meant for verbs."""
    before = text[max(0, start - 40):start].split()  # a short look-back, not a copy
    return bool(before) and before[-1].lower() in DETERMINERS


# Words after which the next word is used as a verb ("we must address", "to tackle").
VERB_BEFORE = frozenset({
    "to", "will", "would", "shall", "should", "must", "can", "could", "may", "might", "we",
    "they", "i", "you", "please", "not", "also", "cannot", "won't", "can't", "don't", "didn't",
    "doesn't", "let", "helps", "help", "always", "never", "often",
})
ADJECTIVE_ENDINGS = ("al", "ful", "ive", "ous", "ic", "able", "ible", "ary", "ant", "ent")


def guess_pos(before: str, word_forms: dict[str, tuple[str, ...]] | None, after: str) -> str:
    """'noun', 'verb' or '' (cannot tell), from the neighbouring words only.

    A documented heuristic, not a tagger: a determiner, possessive or adjective-looking word
    before -> noun ("the impact", "our address", "significant impact"); to/will/we/must/can
    and similar before -> verb ("to address", "we will impact"); a determiner or pronoun
    after -> verb ("address the issue"); "of" after -> noun ("the address of"). When the
    word's own form is only ever a verb ("tackled", "delivering") or only a noun, that decides.
    """
    prev, nxt = before.lower().strip(",;:"), after.lower().strip(",;:")
    if prev in DETERMINERS or prev.endswith(("'s", "’s")):
        return "noun"
    if prev in VERB_BEFORE:
        return "verb"
    if word_forms and set(word_forms) == {"VERB"}:
        return "verb"
    if nxt in DETERMINERS - {"of", "no"} or nxt in {"them", "it", "us", "him", "this"}:
        return "verb"
    if nxt == "of" or prev.endswith(ADJECTIVE_ENDINGS) and len(prev) > 4:
        return "noun"
    if word_forms and set(word_forms) == {"NOUN"}:
        return "noun"
    return ""
