"""The document's title: what the master says it is (Word's Title property or Title style,
Markdown front matter, a title heading), else a guess that the build warns about once, so
no edition is called "Purpose" because the master began with a section of that name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from converter.model import Block, Heading

# Headings that name a section of a policy, never the policy itself.
GENERIC_SECTIONS = frozenset({
    "purpose", "introduction", "scope", "background", "overview", "contents",
    "table of contents", "summary", "executive summary", "about this document",
    "about this policy", "aims", "objectives", "context", "foreword", "preface",
})
WORDS = re.compile(r"[A-Za-z]+|\d+")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
VOWELS = set("aeiouy")
HOW = {  # how to set the title, by kind of source
    "markdown": "put '# Title' as its first line, or 'title: ...' in front matter between "
                "'---' lines",
    "word": "fill in File > Info > Properties > Title in Word, or give the first paragraph "
            "the Title style",
    "text": "put the title on the first line, on its own",
}


def is_generic(heading: str) -> bool:
    return " ".join(heading.lower().strip(" .:").split()) in GENERIC_SECTIONS


def readable_name(stem: str, text: str = "") -> str:
    """A file name as words: 'dwp-documentation' -> 'DWP documentation'. A word is an
    acronym when the text uses it in capitals, or when it is short and has no vowel."""
    from converter.language.acronyms import CAPS_ACRONYM  # only when a title is guessed

    known = {match.upper() for match in CAPS_ACRONYM.findall(text)}
    words = []
    for word in WORDS.findall(CAMEL.sub(" ", stem)):
        if word.upper() in known or (word.isalpha() and 2 <= len(word) <= 5
                                     and not VOWELS & set(word.lower())):
            words.append(word.upper())
        else:
            words.append(word.lower())
    if words and not words[0].isupper():
        words[0] = words[0].capitalize()
    return " ".join(words)


def guess_title(blocks: Iterable[Block], path: Path) -> tuple[str, str]:
    """(title, warning) for a master that does not state its title. A first heading at
    level 1 is taken as before (Word chapters in Heading 1) without a warning, unless it
    names a section; then the file name, made readable, is the better guess."""
    blocks = list(blocks)
    first = next((block for block in blocks if isinstance(block, Heading)), None)
    if first is not None and first.level == 1 and not is_generic(first.text):
        return first.text, ""
    if first is not None and not is_generic(first.text):
        title, where = first.text, f"its first heading, a level-{first.level} heading"
    else:
        text = " ".join(block.text for block in blocks)
        title = readable_name(path.stem, text) or "Untitled"
        where = (f"its file name; its first heading, '{first.text}', names a section"
                 if first is not None else "its file name")
    suffix = path.suffix.lower()
    how = HOW["markdown" if suffix in (".md", ".markdown") else
              "text" if suffix in (".txt", ".text") else "word"]
    return title, (f"the master does not say its title, so every edition calls it '{title}' "
                   f"(from {where}); to set it, {how}")
