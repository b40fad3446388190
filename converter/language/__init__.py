"""The language layer: one reading of the text that every format shares.

    lexicon = Lexicon.from_style(style)        # word lists etc. from styles/, loaded once
    annotations = annotate(document, lexicon)  # sentences, names, quotations, acronyms,
                                               # contacts, numbers, abbreviations, words
    block = annotations.block(chapter.id, i)   # per block; block.protected(start, end)

Data lives in styles/ (words/*.tsv, words/*.txt); patterns for contacts and numbers live in
contacts.py and numbers.py and nowhere else.
"""

from converter.language.annotate import (
    AbbreviationHit,
    Acronym,
    Annotations,
    BlockAnnotations,
    Location,
    annotate,
    annotate_block,
    annotate_text,
    protected,
)
from converter.language.lexicon import Lexicon, WordHit
from converter.language.spans import Span

__all__ = [
    "AbbreviationHit", "Acronym", "Annotations", "BlockAnnotations", "Lexicon", "Location",
    "Span", "WordHit", "annotate", "annotate_block", "annotate_text", "protected",
]
