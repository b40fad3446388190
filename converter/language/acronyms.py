"""Acronyms a document defines itself: 'West Midlands Combined Authority (WMCA)'."""

from __future__ import annotations

import re

DEFINITION = re.compile(
    r"(?P<long>(?:[A-Z][\w'’&-]*\s+(?:(?:of|and|for|the|in|on|to|&)\s+)*){1,9})"
    r"\((?:the\s+)?(?P<short>[A-Z][A-Za-z0-9&]*[A-Z])s?\)"
)
SMALL = {"of", "and", "for", "the", "in", "on", "to", "&"}


def find_definitions(text: str) -> dict[str, str]:
    """acronym -> expansion, where the capitalised words before the brackets spell it."""
    found: dict[str, str] = {}
    for match in DEFINITION.finditer(text):
        short = match.group("short")
        words = match.group("long").split()
        # Walk back from the brackets until the initials cover the acronym.
        letters = [ch for ch in short if ch.isalpha()]
        picked: list[str] = []
        needed = len(letters)
        for word in reversed(words):
            picked.insert(0, word)
            if word.lower() not in SMALL:
                needed -= 1
            if needed <= 0:
                break
        while picked and picked[0].lower() in SMALL:
            picked.pop(0)
        initials = "".join(word[0] for word in picked if word.lower() not in SMALL).upper()
        if initials and (initials == short.upper() or initials[0] == short[0]):
            found.setdefault(short, " ".join(picked))
    return found
