"""Acronyms and their definitions: 'West Midlands Combined Authority (WMCA)', 'Department
for Transport (DfT)', 'HMRC (His Majesty's Revenue and Customs)'.

Two readings, both needed:
- exact (`find_definitions`, `definitions`): the words before (or inside) the brackets spell
  the acronym, so the expansion can replace it (Easy Read, names to protect);
- lenient (`defined_acronyms`): any acronym the text brackets or explains counts as defined,
  so the Plain English check does not nag about an acronym the writer did explain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An acronym: starts and ends with a capital (NHS, DfT, HMRC, WMCA, COVID-19 is not one).
ACRONYM = re.compile(r"\b[A-Z](?:[A-Za-z0-9&]*[A-Z])?(?:s)?\b")
CAPS_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s)?\b")
AFTER = re.compile(r"\((?:the\s+)?(?P<short>[A-Z][A-Za-z0-9&]*[A-Z])s?\)")
BEFORE = re.compile(r"\b(?P<short>[A-Z][A-Za-z0-9&]*[A-Z])s?\s+\((?:the\s+)?(?P<long>[^()]{3,120})\)")
SMALL = {"of", "and", "for", "the", "in", "on", "to", "&", "at", "by", "with", "a", "an"}
WORD = re.compile(r"[\w'’&-]+")


@dataclass(frozen=True)
class Definition:
    short: str  # "WMCA"
    expansion: str  # "West Midlands Combined Authority"
    start: int  # span of the expansion and the acronym together, in the text searched
    end: int
    expansion_start: int
    expansion_end: int


def _letters(short: str) -> str:
    return "".join(ch for ch in short if ch.isalpha())


def _spell(words: list[re.Match], short: str) -> int | None:
    """Index of the first word when the words (read backwards from the end) spell `short`:
    each letter is a word's initial; small words may be skipped (or give a lower-case
    letter: the 'f' of DfT); a lower-case letter may also come from inside the word of the
    capital before it (the 'q' of EqIA); hyphenated words may give one letter per part."""
    letters = _letters(short)
    li, wi = len(letters) - 1, len(words) - 1
    first = None
    while li >= 0 and wi >= 0:
        word = words[wi].group(0)
        parts = [p for p in word.split("-") if p]
        initials = "".join(p[0] for p in parts).lower()
        letter = letters[li]
        if len(parts) > 1 and li + 1 >= len(initials) and \
                letters[li + 1 - len(initials):li + 1].lower() == initials:
            li -= len(initials)
            first = wi
        elif letter.islower() and li > 0 and word[0] == letters[li - 1] and \
                letter in word[1:].lower():
            li -= 2  # "Eq" of EqIA from "Equality"
            first = wi
        elif word[0].lower() == letter.lower() and (word.lower() not in SMALL or letter.islower()
                                                   or li == 0 or len(word) > 3):
            li -= 1
            first = wi
        elif word.lower() in SMALL and first is not None:
            pass
        else:
            return None
        wi -= 1
    return first if li < 0 else None


def definitions(text: str) -> list[Definition]:
    """Exact definitions in `text`, in the order they appear."""
    found: list[Definition] = []
    for match in AFTER.finditer(text):
        short = match.group("short")
        words = list(WORD.finditer(text[max(0, match.start() - 160):match.start()]))[-12:]
        base = max(0, match.start() - 160)
        first = _spell(words, short)
        if first is None:
            continue
        begin, end = base + words[first].start(), base + words[-1].end()
        found.append(Definition(short, text[begin:end], begin, match.end(), begin, end))
    for match in BEFORE.finditer(text):
        short, inner = match.group("short"), match.group("long")
        words = list(WORD.finditer(inner))
        first = _spell(words, short)
        if first is None or first > 0 and words[first - 1].group(0).lower() not in SMALL:
            continue
        offset = match.start("long")
        begin, end = offset + words[first].start(), offset + words[-1].end()
        found.append(Definition(short, text[begin:end], match.start(), match.end(), begin, end))
    return sorted(found, key=lambda d: d.start)


def find_definitions(text: str) -> dict[str, str]:
    """acronym -> expansion, the first exact definition of each."""
    result: dict[str, str] = {}
    for definition in definitions(text):
        result.setdefault(definition.short, definition.expansion)
    return result


def defined_acronyms(text: str) -> set[str]:
    """Lenient: acronyms the text explains in any bracketed way, spelled out or not."""
    found = {m.group("short") for m in AFTER.finditer(text)}
    found.update(m.group("short") for m in BEFORE.finditer(text) if m.group("long")[:1].isupper())
    return found


def looks_like_acronym(token: str) -> bool:
    """A mixed-case acronym (DfT, EqIA, MoJ): two or more capitals, at most two lower-case
    letters, short. Ordinary words never start and end with a capital."""
    letters = [ch for ch in token if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and len(letters) - upper <= 2 and len(token) <= 8


def is_word_in_capitals(token: str) -> bool:
    """'NOTE', 'STRONG', 'NATO': a word written in capitals, said as a word. The CMU
    dictionary also lists acronyms, spelled (OECD: four syllables, IEEE: three), so a token
    counts only with at most one syllable for every two letters."""
    from converter.language.syllables import syllable_table

    syllables = syllable_table().get(token.lower()) if len(token) >= 4 else None
    return bool(syllables) and syllables * 2 <= len(token)


def acronym_base(token: str) -> str:
    """'WMCAs' -> 'WMCA' (a plural s is not part of the acronym)."""
    return token[:-1] if len(token) > 2 and token.endswith("s") and token[:-1].isupper() else token
