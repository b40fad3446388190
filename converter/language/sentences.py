"""Sentence splitting that knows UK office text: abbreviations, initials, decimals, money."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
NO_BREAK_AFTER = {
    "e.g", "i.e", "eg", "ie", "dr", "mr", "mrs", "ms", "mx", "st", "no", "nos", "vs", "v",
    "prof", "cllr", "rev", "approx", "dept", "est", "fig", "tel", "ext", "ref", "para",
    "paras", "cf", "sec", "vol", "pp", "p", "inc", "ltd", "co", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "hon", "gov", "sr", "jr", "op", "art", "reg", "s",
}
BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’.-][A-Za-z0-9\u00C0-\u024F]+)*")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # character offsets within the block text
    end: int

    @property
    def words(self) -> list[str]:
        return words(self.text)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def split_sentences(text: str) -> list[Sentence]:
    """Split a paragraph into sentences with their character offsets."""
    result: list[Sentence] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        candidate = text[start:match.start()]
        last_word = candidate.rsplit(None, 1)[-1].lower().rstrip(".") if candidate.strip() else ""
        following = text[match.end():match.end() + 1]
        if match.group(0)[0] == "." and (
            last_word.strip("(\"'“‘") in NO_BREAK_AFTER
            or re.fullmatch(r"[a-z]", last_word)  # an initial: "J. Smith"
        ):
            continue
        if following and following.islower():
            continue  # "approx. ten" or an abbreviation we do not know
        end = match.start() + len(match.group(0).rstrip())
        _append(result, text, start, end)
        start = match.end()
    _append(result, text, start, len(text))
    return result


def _append(result: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    result.append(Sentence(text=stripped, start=offset, end=offset + len(stripped)))
