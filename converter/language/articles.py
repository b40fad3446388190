"""Articles a checklist left out, put back only where the document itself shows them.

Checklists drop "the" ("describe this in data release document"); Easy Read asks for whole
sentences. Which noun phrases take "the" is not guessed. A phrase of two or three ordinary
words gets its "the" back where it stands bare after a preposition ("in data release
document") only when the same document writes it with "the" at least 3 times and twice as
often as without, and its last word is a count noun there ("a document", "documents"), so
"of sensitive data" never becomes "of the sensitive data".
"""

from __future__ import annotations

import re

from converter.language.clauses import PREPOSITIONS

# Words that end or cannot be part of a noun phrase after "the" ('the data we publish').
_NOT_IN_PHRASE = frozenset(re.findall(r"\w+", """
a an the and or but of to in on at for from with by as is are was were be been has have
had will would can could should must may might we you they it this that these those our
your their its who which what when where if than then not no
"""))
THE_PHRASE = re.compile(r"\bthe ((?:[a-z][a-z-]+ ){1,2}[a-z][a-z-]+)\b")


DETERMINED = r"\b(?:the|a|an|our|your|their|this|that|these|those|any|each|every|its|his|her|my) "
MIN_WITH_THE = 3


def the_phrases(text: str) -> frozenset[str]:
    """Phrases of 2-3 lower-case words the text writes with 'the' (see the module's
    docstring for when)."""
    candidates = set()
    for match in THE_PHRASE.finditer(text):
        parts = match.group(1).split()
        while parts and parts[-1] in _NOT_IN_PHRASE:
            parts.pop()
        if len(parts) >= 2 and not any(part in _NOT_IN_PHRASE for part in parts):
            candidates.add(" ".join(parts))
    found = set()
    for phrase in candidates:
        quoted = re.escape(phrase)
        with_the = len(re.findall(rf"\bthe {quoted}\b", text))
        bare = len(re.findall(rf"\b{quoted}\b", text)) - \
            len(re.findall(rf"{DETERMINED}{quoted}\b", text, re.I))
        head = re.escape(phrase.rsplit(" ", 1)[-1])
        counted = re.search(rf"\ban? (?:[\w-]+ ){{0,2}}{head}\b|\b{head}s\b", text, re.I)
        if with_the >= MIN_WITH_THE and with_the >= 2 * bare and counted:
            found.add(phrase)
    # 'data release' is only the start of 'data release document': the longer one decides
    return frozenset(p for p in found if not any(o.startswith(p + " ") for o in found))


# 'refer to identifiers section below': a part of this document pointed to by 'below' or
# 'above' is a particular one, so it takes 'the' whatever the rest of the document says.
POINTED = re.compile(r"\b((?:to|in|see|from|at|with|under) )((?:[a-z][a-z-]+ ){0,2}(?:section|"
                     r"table|list|checklist|paragraph|page|box|form|example|link|heading)s?) "
                     r"(?=below\b|above\b)")


def with_articles(text: str, phrases: frozenset[str]) -> str:
    """`text` with 'the' before each of `phrases` that stands bare after a preposition, and
    before a part of the document pointed to by 'below' or 'above'."""
    text = POINTED.sub(lambda m: m.group(0) if m.group(2).split()[0] in _NOT_IN_PHRASE
                       else f"{m.group(1)}the {m.group(2)} ", text)
    if not phrases:
        return text
    wanted = [p for p in sorted(phrases, key=len, reverse=True) if p in text]
    if not wanted:
        return text
    before = "|".join(sorted(PREPOSITIONS, key=len, reverse=True))
    pattern = re.compile(rf"\b((?:{before}) )({'|'.join(map(re.escape, wanted))})\b(?![-\w])")
    return pattern.sub(r"\1the \2", text)
