"""Checklist shorthand made whole where the master itself shows the words (issue #11).

Articles a checklist leaves out are in `articles.py`; dashes and optional plurals in the
Easy Read drafter's swaps.
"""
from __future__ import annotations

import re

# 'Remove or Re-publish': a capital after 'or'/'and' in the middle of a line. Not a name
# when a capital follows it too ('Equality and Inclusion Team') or precedes 'and'/'or'
# away from the start ('Northvale and Castleton').
_CHOICE = re.compile(r"(?<![\w-])([A-Za-z]+) ((?:or|and) )([A-Z][a-z-]+)\b(?! [A-Z])")


def choice_case(text: str, master: str) -> str:
    """'Remove or Republish the dataset' -> 'Remove or republish the dataset': lowered only
    when the master writes the same word in lower case elsewhere, so names and acronyms
    keep their capitals."""
    def lower(match: re.Match) -> str:
        first, joiner, word = match.groups()
        named = first[0].isupper() and match.start() > 0
        if not named and re.search(rf"\b{re.escape(word.lower())}\b", master):
            return f"{first} {joiner}{word.lower()}"
        return match.group(0)
    return _CHOICE.sub(lower, text)
