"""Proper names and quotations: text the formats must leave as written."""

from __future__ import annotations

import re

from converter.language.spans import Span

_CAP = r"(?:[A-Z][a-z'’]*(?:-[A-Za-z][a-z'’]*)*|[A-Z][A-Za-z&]*[A-Z]s?)"
_JOIN = r"(?:of|and|for|the|on|in|upon|&|de|du)"
# Two or more capitalised words, small joining words allowed inside, an optional year or
# number after ("Equality Act 2010", "Department for Work and Pensions").
NAME_RUN = re.compile(rf"\b{_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})+(?:\s+\d{{1,4}}\b)?(?![\w'’])")
# Capitalised because they start a sentence or a heading, not because they are names.
NOT_NAME_START = frozenset({
    "a", "an", "the", "our", "this", "that", "these", "those", "we", "in", "on", "at",
    "for", "of", "by", "to", "if", "when", "it", "its", "their", "they", "all", "each",
    "every", "some", "any", "your", "you", "my", "as", "and", "but", "or", "so", "he",
    "she", "his", "her", "how", "what", "why", "who", "where", "which", "there", "here",
    "with", "from", "about", "after", "before", "during", "under", "until", "while", "once",
    "also", "please", "new", "more", "most", "many", "other", "see", "read", "call",
    "write", "contact", "email", "visit",
})
_CAP_WORD = re.compile(_CAP)

# Quotation marks: straight and curly, double and single. A single mark inside or at the
# end of a word is an apostrophe ("don't", "councils' plans"), not a quotation.
QUOTATION = re.compile(
    r"“[^”\n]{1,600}”|\"[^\"\n]{1,600}\"|„[^“”\n]{1,600}[“”]"
    r"|(?<![\w‘’'])‘(?=\w)[^\n]{1,600}?(?<=[\w.!?,;)])’(?!\w)"
    r"|(?<![\w‘’'])'(?=\w)[^\n]{1,600}?(?<=[\w.!?,;)])'(?!\w)"
)


def name_spans(text: str) -> list[Span]:
    """Title-case runs of two or more words, less a leading sentence word ("Our Plan")."""
    found = []
    for match in NAME_RUN.finditer(text):
        start, value = match.start(), match.group(0)
        words = value.split()
        while words and words[0].lower() in NOT_NAME_START:
            rest = value[len(words[0]):].lstrip()
            start += len(value) - len(rest)
            value, words = rest, rest.split()
        capitals = [w for w in words if _CAP_WORD.fullmatch(w) and w.lower() not in
                    ("of", "and", "for", "the", "on", "in", "upon", "de", "du")]
        if len(capitals) >= 2:
            found.append(Span(start, start + len(value), value, "name"))
    return found


def quotation_spans(text: str) -> list[Span]:
    """Text in quotation marks, marks included."""
    return [Span(m.start(), m.end(), m.group(0), "quotation") for m in QUOTATION.finditer(text)]
