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
