"""A word list's suggestion put into the writer's own sentence, in the word's own form:
"We are tackling poverty" + "deal with" -> "We are dealing with poverty"."""

from __future__ import annotations

import re

from converter.language.latin import LEAVE_OUT

INFLECTION_TAGS = ("VBG", "VBD", "VBN", "VBZ", "NNS")
BRITISH = {"gotten": "got"}  # lemminflect's forms are American where they differ
WINDOW_WORDS = 8  # words kept each side of the change when the sentence is long
LONG_SENTENCE = 20  # words: longer sentences are shown as a window around the change


def _tag_of(word: str) -> str | None:
    """The inflection tag of `word` relative to its lemma ('tackling' -> 'VBG')."""
    from lemminflect import getAllInflections, getAllLemmas

    lower = word.lower()
    for lemmas in getAllLemmas(lower).values():
        for lemma in lemmas:
            if lemma == lower:
                return None
            forms = getAllInflections(lemma)
            for tag in INFLECTION_TAGS:
                if lower in forms.get(tag, ()):
                    return tag
    if lower.endswith("ing"):
        return "VBG"
    if lower.endswith("ed"):
        return "VBD"
    return None


PERFECT_BEFORE = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have",
                            "had", "get", "got", "'s", "’s"})


def inflect_like(replacement: str, original: str, previous: str = "") -> str:
    """Give the replacement's first word the form of the original's last word, when the
    original is a single inflected word ("tackled" + "deal with" -> "dealt with"); after
    "is" or "has" a past form is the participle ("is provided" -> "is given")."""
    from lemminflect import getInflection, getLemma

    if " " in original.strip() or not replacement:
        return replacement
    tag = _tag_of(original)
    if tag is None:
        return replacement
    if tag in ("VBD", "VBN"):
        tag = "VBN" if previous.lower() in PERFECT_BEFORE else "VBD"
    first, space, rest = replacement.partition(" ")
    if tag != "NNS":
        first = (getLemma(first, upos="VERB") or (first,))[0]  # "has" -> "have" -> "had"
    forms = getInflection(first, tag=tag)
    form = forms[0] if forms else first
    return BRITISH.get(form, form) + space + rest


def substitute(sentence: str, start: int, end: int, suggestion: str, entry: str = "") -> str:
    """The sentence with sentence[start:end] replaced by the suggestion (inflected when the
    text is an inflection of the list's `entry`, with the sentence's capital kept);
    "(leave it out)" removes the words."""
    original = sentence[start:end]
    if suggestion == LEAVE_OUT:
        before, after = sentence[:start].rstrip(), sentence[end:].lstrip()
        if not before:
            return after[:1].upper() + after[1:]
        return before + (" " if after and after[0].isalnum() else "") + after
    before = sentence[:start].split()
    replacement = suggestion if original.lower() == entry else \
        inflect_like(suggestion, original, before[-1] if before else "")
    last = replacement.split()[-1] if " " in replacement else ""
    after = sentence[end:].split()[:1]
    if last and after and after[0].lower() == last.lower():
        replacement = replacement[: -len(last)].rstrip()  # "focus on" -> "work on", not "on on"
    if original[:1].isupper() and not original.isupper():
        replacement = replacement[:1].upper() + replacement[1:]
    return sentence[:start] + replacement + sentence[end:]


def shown(sentence: str, start: int, end: int, suggestion: str, entry: str = "") -> str:
    """The rewritten sentence, or a window of it around the change when it is long."""
    new = substitute(sentence, start, end, suggestion, entry)
    if len(new.split()) <= LONG_SENTENCE:
        return new
    delta = len(new) - len(sentence)
    tokens = list(re.finditer(r"\S+", new))
    at = next((i for i, t in enumerate(tokens) if t.end() > start), 0)
    last = next((i for i, t in enumerate(tokens) if t.end() >= end + delta), at)
    lo, hi = max(0, at - WINDOW_WORDS), min(len(tokens), last + WINDOW_WORDS + 1)
    text = new[tokens[lo].start():tokens[hi - 1].end()]
    return ("…" if lo else "") + text + ("…" if hi < len(tokens) else "")


def usable(suggestion: str) -> bool:
    """A suggestion that reads as words in a sentence ("plan to x" and "(either one)" do not)."""
    return suggestion == LEAVE_OUT or (not re.search(r"\bx\b|[()…]", suggestion)
                                       and bool(suggestion.strip()))
