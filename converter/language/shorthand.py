"""Checklist shorthand made into whole sentences, only where the master gives the words.

A checklist drops articles ('describe this in data release document'), joins two
sentences with a dash, writes optional plurals as 'dataset(s)' and capitalises words in
the middle of a line ('Remove or Re-publish'). Each rule here restores what the master
itself shows elsewhere; nothing is guessed for an arbitrary word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# Words after which a bare noun phrase lacks its article ('refer to identifiers section').


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BEFORE = _set("in to of for from into on onto with within about")
_DETERMINERS = _set(
    "a an the this that these those our your their its his her my any each every some "
    "no all both either neither another such what which whose")
# Parts of a document: singular count nouns, so 'X section below' points to one known part
# and is definite ('the identifiers section below') without other evidence.
_DOCUMENT_PARTS = _set("section table list heading paragraph part chapter page "
                       "appendix checklist box")
# Words that may follow a whole noun phrase (a verb or a joining word), not a noun it modifies.
_ENDS_AFTER = sorted(_set("is are was were will can could may must should has have had and "
                           "or that which who with for to in of on from by as at about"))
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


@dataclass(frozen=True)
class Articles:
    """Evidence from one master: which noun phrases it writes with 'the' or 'our'."""

    master: str

    @cached_property
    def _lower(self) -> str:
        return " ".join(self.master.lower().split())

    def definite(self, phrase: str) -> bool:
        """The master writes 'the/our PHRASE' more often than PHRASE without a determiner,
        and PHRASE is a count noun (the master also writes 'a PHRASE' or its plural): 'open
        data', 'best practice' or 'in work' stay as they are, being used bare elsewhere."""
        low = re.escape(phrase.lower())
        text = self._lower
        before = [m.group(1) for m in re.finditer(rf"\b([a-z]+) {low}(?![\w-])", text)]
        definite = sum(word in ("the", "our") for word in before)
        bare = sum(word not in _DETERMINERS for word in before)
        if definite <= bare:
            return False
        # ... and the phrase ends there: 'an open data policy' is not 'an open data'
        ends = r"(?=\s*(?:[.,;:!?)|]|$)|\s(?:" + "|".join(_ENDS_AFTER) + r")\b)"
        return bool(re.search(rf"\ban? {low}{ends}", text) or re.search(rf"\b{low}s{ends}", text))

    def restore(self, sentence: str) -> str:
        """'Describe this in data release document.' -> '... in the data release document.'"""
        tokens = list(_WORD.finditer(sentence))
        inserts: list[int] = []
        for i, token in enumerate(tokens[1:], 1):
            before = tokens[i - 1]
            if before.group(0).lower() not in _BEFORE or \
                    sentence[before.end():token.start()] != " ":
                continue
            if token.group(0).lower() in _DETERMINERS or not token.group(0).islower():
                continue
            if self._phrase_at(sentence, tokens, i):
                inserts.append(token.start())
        for start in reversed(inserts):
            sentence = f"{sentence[:start]}the {sentence[start:]}"
        return sentence

    def _phrase_at(self, sentence: str, tokens: list[re.Match], i: int) -> bool:
        # The longest run of up to 4 plain words joined by single spaces, tried longest first.
        run = [tokens[i]]
        for token in tokens[i + 1:i + 4]:
            if sentence[run[-1].end():token.start()] != " " or not token.group(0).islower() \
                    or token.group(0) in _BEFORE:
                break
            run.append(token)
        for size in range(len(run), 0, -1):
            words = [t.group(0) for t in run[:size]]
            rest = sentence[run[size - 1].end():]
            if re.match(r" (?:below|above)\b", rest) and words[-1] in _DOCUMENT_PARTS \
                    and size >= 2:
                return True  # 'identifiers section below'
            if re.match(r"\s*(?:[.,;:!?]|$)", rest) and self.definite(" ".join(words)):
                return True  # the phrase ends the clause: no longer phrase is cut short
        return False


# 'available along with older data - Where data must be overwritten': a spaced dash followed
# by a capital starts a new sentence (the master's own capital says so).
_DASH_SENTENCE = re.compile(r"(?<=[a-z0-9\]]) [-–—] (?=[A-Z][a-z])")
# 'When publishing - and updating - data': a pair of dashes round a short 'and/or ...'
# aside that belongs to the words around it; the dashes go and the words stay in order.
_DASH_PAIR = re.compile(r" [-–—] ((?:and|or) [a-z]+(?: [a-z]+)?) [-–—] ")
# 'dataset(s)': the optional plural said in words.
_OPTIONAL_PLURAL = re.compile(r"\b([A-Za-z]+)\((e?s)\)")


def sentence_breaks(text: str) -> str:
    """Dashes that join two sentences split them; a pair round a short 'and ...' goes."""
    text = _DASH_PAIR.sub(r" \1 ", text)
    return _DASH_SENTENCE.sub(lambda m: ". ", text)


def optional_plurals(text: str) -> str:
    """'the related dataset(s)' -> 'the related dataset or datasets'."""
    return _OPTIONAL_PLURAL.sub(lambda m: f"{m.group(1)} or {m.group(1)}{m.group(2)}", text)


def choice_case(text: str, master: str) -> str:
    """'Remove or Republish' -> 'Remove or republish': a capital after 'or'/'and' inside a
    sentence is lowered only when the master writes the same word in lower case elsewhere
    (so names and acronyms keep theirs). A name goes on in capitals ('Equality and
    Inclusion Team') or has one before 'and'/'or' mid-sentence, and is left alone."""
    def lower(match: re.Match) -> str:
        first, word = match.group(1), match.group(3)
        named = first[0].isupper() and match.start() > 0
        if not named and re.search(rf"\b{re.escape(word.lower())}\b", master):
            return f"{first} {match.group(2)}{word.lower()}"
        return match.group(0)
    return re.sub(r"(?<![\w-])([A-Za-z]+) ((?:or|and) )([A-Z][a-z-]+)\b(?! [A-Z])", lower,
                  text)
