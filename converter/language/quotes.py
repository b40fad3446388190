"""Who a quotation is from, where the master writes it after the words:
"... working for. - The Mayor of Northvale" (a dash, then a short name with no sentence
ending). An edition that reads or shows the quote can then keep the two apart."""

from __future__ import annotations

import re

# The words end a sentence (or a closing quote mark), then a spaced dash, then a short
# source that starts with a capital ("The Mayor", "Equality Act 2010"; not "- and left"):
# at most 12 words, no sentence ending inside.
_SOURCE = re.compile(r"^(?P<words>.*?[.!?'\"’”])\s+[-–—]\s*(?P<source>[A-Z][^.!?]{1,100})$",
                     re.S)


def quote_source(text: str) -> tuple[str, str]:
    """(the quoted words, who or what they are from); the source is "" when none is given."""
    match = _SOURCE.match(text.strip())
    if not match or len(match.group("source").split()) > 12:
        return text.strip(), ""
    return match.group("words").strip(), match.group("source").strip()
