"""What a row's words mean for its picture: the rules in styles/pictures/senses.tsv.

A picture must fit the row's meaning, so the row's sentence is read before its keywords pick
a picture: a word after a negation ('not happy') or a word in another sense than the
picture's ('£12.00 an hour', 'if you think', 'chaired by') picks nothing; a row that says
no never gets a picture that says yes; the row's topic (a phrase such as 'public transport',
a defined term 'Step-free means', the head of a named subject 'The ... Steering Group', an
amount in pounds) outranks incidental words; a label ('Objective 1:') counts only when nothing else does,
and the other words of a name ('Equality' in 'Equality and Inclusion Steering Group') never.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from converter.errors import InputError

# Words between a negation and the word it denies: 'not always book', 'never make a'.
SKIP = {"be", "been", "being", "a", "an", "the", "any", "always", "ever", "to", "have", "has",
        "so", "very", "too", "that", "this", "our", "your", "their", "its", "all", "able",
        "get", "yet", "even", "quite", "at", "for", "of", "in", "on", "with", "by", "us",
        "them", "it", "we", "you", "they", "do", "does", "did", "will", "would", "can",
        "could", "is", "are", "was", "were", "more", "much", "one", "use", "using", "having",
        "making", "getting", "going", "taking"}
# A capitalised name: two or more capitalised words, 'and', 'of', 'for' between them.
NAME = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w'-]*)+")
DETERMINERS = {"the", "our", "an", "a", "this", "their", "its", "your"}
DEFINED = re.compile(r"^\s*([A-Za-z][\w -]{0,40}?)\s+means\b")


@dataclass(frozen=True)
class Reading:
    """A row's picture words: `terms` strongest first; `weak` ones count only when no term
    finds a picture; `negative` rows never get a picture that says yes."""

    terms: list[str]
    weak: list[str] = field(default_factory=list)
    negative: bool = False


@dataclass
class Senses:
    negators: list[re.Pattern] = field(default_factory=list)
    negative: set[str] = field(default_factory=set)
    positive: set[str] = field(default_factory=set)  # picture names that say yes
    other: dict[str, list[re.Pattern]] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)
    implies: list[tuple[re.Pattern, str]] = field(default_factory=list)
    weak: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Senses:
        from converter.formats.easy_read.pictures import singular

        senses = cls()
        if not path.is_file():
            return senses
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                rule, word = row["rule"].strip(), row["word"].strip().lower()
                pattern = _compile(path, word or rule, (row.get("pattern") or "").strip())
                if rule == "negator":
                    senses.negators.append(pattern)
                elif rule == "negative":
                    senses.negative.add(word)
                elif rule == "positive":
                    senses.positive.add(row["word"].strip())
                elif rule == "other-sense":
                    senses.other.setdefault(singular(word), []).append(pattern)
                elif rule == "topic":
                    senses.topics.append(word)
                elif rule == "implies":
                    senses.implies.append((pattern, word))
                elif rule == "weak":
                    senses.weak.add(singular(word))
                else:
                    raise InputError(f"{path.name}: unknown rule '{rule}' for '{word}'")
        return senses

    def read(self, keywords: list[str], text: str = "") -> Reading:
        from converter.formats.easy_read.pictures import singular

        context = text or " ".join(keywords)
        lower = context.lower()
        tokens = re.findall(r"[a-z][a-z'-]*", lower)
        denied = self._negated(tokens)
        negative = bool(denied) or any(t in self.negative for t in tokens)
        modifiers, subject = _names(text)
        front: list[str] = []
        if match := DEFINED.match(text):
            front.append(match.group(1).lower())
        front += sorted((t for t in self.topics if re.search(rf"\b{re.escape(t)}s?\b", lower)),
                        key=lambda t: lower.find(t))
        if subject:
            front.append(subject)
        front += [word for pattern, word in self.implies if pattern.search(context)]
        # A topic phrase's words do not also count alone: 'public' of 'public transport'.
        parts = {part for phrase in front if phrase in self.topics
                 for part in re.split(r"[ -]", phrase) if part != phrase}
        terms: list[str] = []
        weak: list[str] = []
        for word in front + list(keywords):
            word = singular(word)
            # Names are not pictures: 'Equality' in 'Equality and Inclusion Steering Group'.
            if word in terms or word in weak or self._elsewhere(word, context) or \
                    word in denied or word in self.negative or word in modifiers or \
                    (word in parts and word not in front):
                continue
            (weak if word in self.weak else terms).append(word)
        return Reading(terms, weak, negative)

    def misleading(self, keywords: list[str], text: str = "") -> list[str]:
        """The keywords that would mislead a designer too: negated ('happy' in 'not happy')
        and 'not X' words ('unfairly'). (Words in another sense stay: the designer reads
        the sentence, and the slots' variety compares these keywords.)"""
        from converter.formats.easy_read.pictures import singular

        context = text or " ".join(keywords)
        denied = self._negated(re.findall(r"[a-z][a-z'-]*", context.lower()))
        return [word for word in keywords if singular(word) in denied or word.lower() in
                self.negative]

    def _negated(self, tokens: list[str]) -> set[str]:
        """The word each negation denies: the next word that is not a little word."""
        from converter.formats.easy_read.pictures import singular

        denied = set()
        for index, token in enumerate(tokens):
            if not any(pattern.fullmatch(token) or (token.endswith("n't") and
                                                    pattern.search(token))
                       for pattern in self.negators):
                continue
            for after in tokens[index + 1:index + 6]:
                if after in SKIP or (after.endswith("ly") and len(after) > 4):
                    continue
                denied.add(singular(after))
                break
        return denied

    def _elsewhere(self, word: str, context: str) -> bool:
        """The row uses the word in another sense than its picture's."""
        return any(pattern.search(context) for pattern in self.other.get(word, []))


def _compile(path: Path, word: str, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.I)
    except re.error as error:
        raise InputError(f"{path.name}: the pattern for '{word}' is not a regular expression "
                         f"({error})") from None


def _names(text: str) -> tuple[set[str], str]:
    """The modifier words of the row's capitalised names ('equality', 'inclusion', 'steering'
    in 'The Equality and Inclusion Steering Group'), and the head word of the name that is the
    row's subject ('group'), if the row opens with a name."""
    from converter.formats.easy_read.pictures import singular

    modifiers: set[str] = set()
    subject = ""
    outside = set(re.findall(r"[a-z][\w'-]*", NAME.sub(" ", text)))
    for match in NAME.finditer(text):
        words = [w.lower() for w in re.findall(r"[\w'-]+", match.group(0))
                 if w.lower() not in {"and", "of", "for"}]
        words = [w for w in words if w not in DETERMINERS]
        if len(words) < 2 and not (match.start() == 0 and words):
            continue
        modifiers |= {singular(w) for w in words[:-1]}
        before = text[:match.start()].split()
        if not subject and words and (match.start() == 0 or
                                      (len(before) == 1 and before[0].lower() in DETERMINERS)):
            subject = singular(words[-1])
    return {word for word in modifiers if word not in outside} - {subject}, subject
