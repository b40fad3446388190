"""The word knowledge in styles/, loaded once: word lists, common words and acronyms,
explanations and abbreviations, with one hash of their files for incremental rebuilds.

Words are matched by lemma, so an entry "tackle" finds "tackles", "tackled" and "tackling"
(lemminflect, MIT, ships its own data; a few suffix rules cover British spellings it does
not know, such as "utilised"). A phrase of several words matches only as a whole phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from converter.hashing import sha256_file, sha256_json
from converter.language.grammar import guess_pos
from converter.language.latin import ABBREVIATIONS_FILE, AbbreviationTable
from converter.language.wordlists import (
    Entry,
    WordList,
    load_table,
    load_word_list,
    load_word_set,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from converter.config import Style

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")


@dataclass(frozen=True)
class WordHit:
    """An entry of a word list found in a text."""

    start: int
    end: int
    text: str  # as written: "tackled", "going forward"
    list: str  # the list's role: "words_to_avoid", "complex_words"
    entry: Entry
    pos: str  # "noun", "verb" or "" as guessed from the neighbours
    protected: bool = False  # inside a name, quotation, quoted block or contact


@cache
def _lemma_forms(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def _suffix_stems(word: str) -> set[str]:
    stems = set()
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)]
            stems.update((stem, stem + "e"))
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])  # "committed" -> "commit"
            if stem.endswith("i"):
                stems.add(stem[:-1] + "y")  # "applies" -> "apply"
    return stems


@cache
def lemmas(word: str) -> frozenset[str]:
    """The word itself (lower case), its lemmas, and suffix-rule stems."""
    lower = word.lower().replace("’", "'")
    if lower in MODALS:
        return frozenset({lower})  # "should" is no form of "shall", "could" none of "can"
    found = {lower, *_suffix_stems(lower)}
    for forms in _lemma_forms(lower).values():
        found.update(forms)
    return frozenset(found)


MODALS = frozenset({"should", "would", "could", "might", "must", "shall", "will", "can", "may"})


@dataclass(frozen=True)
class Lexicon:
    lists: Mapping[str, WordList]  # role -> list; roles match the style keys
    common_words: frozenset[str]
    common_acronyms: frozenset[str]
    explanations: Mapping[str, str]  # word -> explanation (lower-case keys)
    abbreviations: AbbreviationTable
    files_sha256: str
    # first word -> entries starting with it, longest first (built once)
    index: Mapping[str, tuple[tuple[str, Entry], ...]]
    # word -> its explanations.tsv entry: the sense the explanation covers
    explained_senses: Mapping[str, Entry] = field(default_factory=dict)

    @classmethod
    def from_style(cls, style: Style) -> Lexicon:
        """Loaded once per style folder and content (cached on the files' hash)."""
        plain = style.settings("plain-english")
        easy = style.settings("easy-read")
        files = {
            "words_to_avoid": plain["words"]["words_to_avoid"],
            "complex_words": plain["words"]["complex_words"],
            "common_acronyms": plain["acronyms"]["common_list"],
            "common_words": easy["words"]["common"],
            "explanations": easy["words"]["explanations"],
            "abbreviations": ABBREVIATIONS_FILE,
        }
        return cls.from_files(style.root, files)

    @classmethod
    def from_files(cls, root: Path, files: Mapping[str, str]) -> Lexicon:
        """From named files under `root` (role -> relative path); a role left out is empty.
        Roles: words_to_avoid, complex_words, common_acronyms, common_words, explanations,
        abbreviations."""
        entries = []
        for relative in sorted(set(files.values())):
            path = Path(root) / relative
            entries.append([relative, sha256_file(path) if path.is_file() else None])
        return _load(str(root), tuple(sorted(files.items())), sha256_json(entries))

    def find_words(self, text: str, roles: tuple[str, ...] | None = None) -> list[WordHit]:
        """Entries of the lists (all, or the given roles) in `text`, longest match first at
        each position; an entry with a sense hint only where the guessed sense agrees."""
        tokens = list(TOKEN.finditer(text))
        hits: list[WordHit] = []
        i = 0
        while i < len(tokens):
            found = self._match_at(text, tokens, i, roles)
            if found:
                hits.extend(found)
                i += len(found[0].entry.words)
            else:
                i += 1
        return hits

    def _match_at(self, text: str, tokens: list[re.Match], i: int,
                  roles: tuple[str, ...] | None) -> list[WordHit]:
        keys = lemmas(tokens[i].group(0)) & self.index.keys()
        candidates = sorted((c for key in keys for c in self.index[key]),
                            key=lambda c: -len(c[1].words))
        result: list[WordHit] = []
        for role, entry in candidates:
            if roles is not None and role not in roles:
                continue
            size = len(entry.words)
            if result and size < len(result[0].entry.words):
                break  # a longer phrase already matched here
            if not self._phrase_at(text, tokens, i, entry):
                continue
            start, end = tokens[i].start(), tokens[i + size - 1].end()
            pos = self._pos(text, tokens, i) if size == 1 else ""
            if not in_sense(entry, text, tokens, i, size, pos):
                continue  # "the impact" is a noun; the entry is for "impact (verb)"
            result.append(WordHit(start, end, text[start:end], role, entry, pos))
        return result

    @staticmethod
    def _pos(text: str, tokens: list[re.Match], i: int) -> str:
        """The part of speech guessed for token i from its neighbours."""
        start, end = tokens[i].start(), tokens[i].end()
        before = ["", "", *text[max(0, start - 60):start].split()][-2:]  # a short look-back
        after = text[end:end + 40].split()[:1] or [""]
        following = _neighbour(text, tokens, i + 1, after=True)
        return guess_pos(before[1], _lemma_forms(tokens[i].group(0).lower()), after[0],
                         tokens[i].group(0), before[0],
                         _lemma_forms(following.lower()) if following else None)

    def explains(self, key: str, text: str, start: int, end: int) -> bool:
        """Whether the explanation of `key` fits its use at text[start:end]: no sense hint
        or other_senses neighbour in explanations.tsv says the word is used in another sense
        ('application code' is a program, not a form). A key with no entry fits."""
        entry = self.explained_senses.get(key.lower())
        if entry is None:
            return True
        tokens = list(TOKEN.finditer(text))
        i = next((n for n, token in enumerate(tokens) if token.start() == start), None)
        size = sum(1 for token in tokens if start <= token.start() < end)
        if i is None or not size:
            return True  # not a word of the text: nothing to judge by
        return in_sense(entry, text, tokens, i, size,
                        self._pos(text, tokens, i) if size == 1 else "")

    @staticmethod
    def _phrase_at(text: str, tokens: list[re.Match], i: int, entry: Entry) -> bool:
        words = entry.words
        if i + len(words) > len(tokens):
            return False
        for j, word in enumerate(words):
            token = tokens[i + j]
            if j and text[tokens[i + j - 1].end():token.start()].strip():
                return False  # punctuation between: not one phrase
            if word != token.group(0).lower() and word not in lemmas(token.group(0)):
                return False
        return True

    def explanation(self, word: str) -> str | None:
        """An explanation from the list, found by the word or its lemma."""
        for key in (word.lower(), *sorted(lemmas(word))):
            if key in self.explanations:
                return self.explanations[key]
        return None


@cache
def _load(root: str, files: tuple[tuple[str, str], ...], digest: str) -> Lexicon:
    paths = {role: Path(root) / relative for role, relative in files}
    lists = {role: load_word_list(paths[role]) for role in ("words_to_avoid", "complex_words")
             if role in paths}
    index: dict[str, list[tuple[str, Entry]]] = {}
    for role, word_list in lists.items():
        for entry in word_list.entries:
            if entry.words:
                index.setdefault(entry.words[0], []).append((role, entry))

    def word_set(role: str, lower: bool = True) -> frozenset[str]:
        return load_word_set(paths[role], lower) if role in paths else frozenset()

    explanations = load_table(paths["explanations"], "word", "explanation") \
        if "explanations" in paths else {}
    senses = load_word_list(paths["explanations"], "word").entries \
        if "explanations" in paths else ()
    return Lexicon(
        lists=MappingProxyType(lists),
        common_words=word_set("common_words"),
        common_acronyms=word_set("common_acronyms", lower=False),
        explanations=MappingProxyType(explanations),
        abbreviations=AbbreviationTable.load(paths["abbreviations"]) if "abbreviations" in paths
        else AbbreviationTable((), None, ()),
        files_sha256=digest,
        index=MappingProxyType({k: tuple(sorted(v, key=lambda c: -len(c[1].words)))
                                for k, v in index.items()}),
        explained_senses=MappingProxyType({entry.phrase: entry for entry in senses
                                           if entry.sense or entry.not_before
                                           or entry.not_after or entry.other_forms}),
    )


def _neighbour(text: str, tokens: list[re.Match], j: int, after: bool) -> str:
    """Token j when nothing but spaces, a slash or bold marks part it from the word beside it
    ('application/service', 'application **code**'), else ''."""
    if not 0 <= j < len(tokens):
        return ""
    gap = text[tokens[j - 1].end():tokens[j].start()] if after else \
        text[tokens[j].end():tokens[j + 1].start()]
    return tokens[j].group(0) if gap.replace("*", "").strip() in ("", "/") else ""


def in_sense(entry: Entry, text: str, tokens: list[re.Match], i: int, size: int,
             pos: str) -> bool:
    """Whether tokens i .. i+size-1 use the entry in its sense: its part-of-speech hint
    ('impact (verb)') agrees with `pos`, and neither the form written nor a neighbour is one
    of its other_senses."""
    written = " ".join(token.group(0).lower() for token in tokens[i:i + size])
    if written in entry.other_forms:
        return False
    if entry.sense == "adjective":
        if size != 1 or tokens[i].group(0).lower() != entry.phrase:
            return False  # "keys" is a noun; the entry is the adjective "key"
    elif entry.sense and pos != entry.sense:
        return False
    following = _neighbour(text, tokens, i + size, after=True)
    previous = _neighbour(text, tokens, i - 1, after=False)
    return not (following and _forms(following) & entry.not_before
                or previous and _forms(previous) & entry.not_after)


def _forms(word: str) -> set[str]:
    """A neighbour and its dictionary lemmas ('servers' -> server), without the suffix
    rules of `lemmas`, which would make 'and' a form of 'an'."""
    lower = word.lower()
    return {lower, *(form for forms in _lemma_forms(lower).values() for form in forms)}
