"""Picture slots and how they are filled: a designer's image, else a picture whose meaning
fits, else a labelled empty slot for the designer. There is no generic fallback picture.

Two sources, both in styles/pictures/: the curated starter set (index.tsv: file, keywords,
alt) and the OpenMoji annotations (openmoji.tsv: hexcode, annotation, tags, file), minus the
deny list (deny.tsv: flags, currency other than the pound, STOP signs for people ...).
The row's sentence is read first (senses.tsv, picture_senses.py): negated words, words in
another sense than the picture's and a 'no' row's positive pictures never match.
Only OpenMoji pictures that have a file in openmoji/ can be drawn; a good match without a file
is named on the empty slot's label so the designer can add it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from converter.config import Style
from converter.formats.easy_read.picture_senses import Senses

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
ACCEPT = 0.5  # below this score a row gets an empty, labelled slot


@dataclass(frozen=True)
class Picture:
    path: Path
    alt: str
    source: str  # "designer", "library", "openmoji"
    name: str = ""  # the library entry's name (Entry.name); "" for a designer's image


@dataclass(frozen=True)
class Entry:
    path: Path | None  # None: an OpenMoji picture that is not vendored
    alt: str
    words: frozenset[str]  # words that name the picture (curated keywords, annotation)
    tags: frozenset[str] = frozenset()  # looser words (OpenMoji tags)
    head: str = ""  # the annotation's last word: "pound banknote" -> "banknote"
    code: str = ""

    @property
    def name(self) -> str:
        """What identifies the picture: its OpenMoji code, else its file."""
        return self.code or (self.path.name if self.path else "")


# Plurals that do not end in s: 'women' must find the woman picture, not a megaphone.
IRREGULAR = {"women": "woman", "men": "man", "children": "child"}


def singular(word: str) -> str:
    word = word.lower()
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def head(annotation: str) -> str:
    """The noun an annotation is about: 'pound banknote' -> 'banknote'; before a colon,
    'couple with heart: woman, man' -> 'heart' (not 'man')."""
    return singular(annotation.split(":")[0].split()[-1])


def _words(text: str) -> frozenset[str]:
    return frozenset(singular(w) for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2)


@dataclass
class PictureLibrary:
    curated: list[Entry]
    openmoji: list[Entry] = field(default_factory=list)
    senses: Senses = field(default_factory=Senses)

    @classmethod
    def load(cls, style: Style) -> PictureLibrary:
        folder = style.path(style.typed("easy-read").pictures.library)
        denied = load_deny(folder / "deny.tsv")
        curated = []
        for row in _rows(folder / "index.tsv"):
            path = folder / row["file"]
            if path.is_file() and not is_denied(denied, annotation=row.get("alt", "")):
                keywords = {singular(k.strip()) for k in row["keywords"].split(",") if k.strip()}
                curated.append(Entry(path, row.get("alt", ""), frozenset(keywords)))
        openmoji = []
        for row in _rows(folder / "openmoji.tsv"):
            if is_denied(denied, row["annotation"], row.get("group", ""),
                         row.get("subgroup", "")):
                continue
            path = folder / row["file"] if row.get("file") else None
            openmoji.append(Entry(
                path if path and path.is_file() else None, row["annotation"].capitalize(),
                _words(row["annotation"]), _words(row.get("tags", "")),
                head(row["annotation"]), row["hexcode"]))
        return cls(curated, openmoji, Senses.load(folder / "senses.tsv"))

    def keywords(self) -> set[str]:
        known: set[str] = set()
        for entry in self.curated + self.openmoji:
            known |= entry.words
        return known

    def best(self, keywords: list[str], avoid: frozenset[str] = frozenset(),
             text: str = "") -> tuple[Entry | None, float]:
        """The best entry and its score, for a row's keywords read in its sentence `text`
        (senses.tsv): the row's topic first; weak words only when nothing else fits.
        Entries named in `avoid` (a file path or an OpenMoji code) are passed over."""
        reading = self.senses.read(keywords, text)
        found = self._best(reading.terms, avoid, reading.negative)
        if found[0] is None and reading.weak:
            found = self._best(reading.terms + reading.weak, avoid, reading.negative)
        return found

    def _best(self, terms: list[str], avoid: frozenset[str],
              negative: bool) -> tuple[Entry | None, float]:
        """Earlier terms weigh more; a curated keyword or the annotation's own noun counts
        fully, another annotation word or a tag less, and an OpenMoji picture needs its noun
        ('service' alone must not pick 'service dog')."""
        wanted = [(term, 1.0 / (rank + 1)) for rank, term in enumerate(terms)]
        best, best_score = None, 0.0
        for entry in self.curated:
            if entry.name in avoid or (negative and entry.name in self.senses.positive):
                continue
            score = sum(weight for word, weight in wanted if word in entry.words)
            if score > best_score:
                best, best_score = entry, score
        for entry in self.openmoji:
            if entry.name in avoid or (negative and entry.name in self.senses.positive) or \
                    not any(word == entry.head for word, _ in wanted):
                continue
            score = sum(weight if word == entry.head else 0.4 * weight
                        for word, weight in wanted
                        if word == entry.head or word in entry.words or word in entry.tags)
            # A slightly better OpenMoji match does not displace a curated one.
            if score > best_score + 0.05:
                best, best_score = entry, score
        return (best, best_score) if best_score >= ACCEPT else (None, best_score)

    def match(self, keywords: list[str], avoid: frozenset[str] = frozenset(),
              text: str = "") -> Picture | None:
        entry, _ = self.best(keywords, avoid, text)
        if entry is None or entry.path is None:
            return None
        return Picture(entry.path, entry.alt, "openmoji" if entry.code else "library",
                       entry.name)

    def slot_words(self, keywords: list[str], text: str = "") -> list[str]:
        """The keywords an empty slot's label shows the designer: without the ones that would
        mislead ('happy' in 'If you are not happy'), unless that leaves none."""
        wrong = self.senses.misleading(keywords, text)
        return [word for word in keywords if word not in wrong] or keywords

    def suggestion(self, keywords: list[str], avoid: frozenset[str] = frozenset(),
                   text: str = "") -> str:
        """For an empty slot's label: an OpenMoji picture that fits but is not vendored."""
        entry, _ = self.best(keywords, avoid, text)
        if entry is not None and entry.path is None:
            return f"OpenMoji {entry.code} ({entry.alt.lower()})"
        return ""


RECENT_ROWS = 4  # about a page of rows: the same picture is not used again within it


def same_topic(one: list[str], other: list[str]) -> bool:
    """Two rows are on the same topic when their two leading keywords are the same words
    ('protected, characteristics, age' and 'protected, characteristics, sex')."""
    first, second = {singular(w) for w in one[:2]}, {singular(w) for w in other[:2]}
    return len(first) == 2 and first == second


class Variety:
    """Remembers the pictures of the last few rows, so a picture is not repeated on the next
    rows or page unless the row is on the same topic."""

    def __init__(self) -> None:
        self.recent: list[tuple[str, list[str]]] = []  # (entry name, keywords)

    def avoid(self, keywords: list[str]) -> frozenset[str]:
        return frozenset(name for name, used in self.recent if not same_topic(used, keywords))

    def used(self, name: str, keywords: list[str]) -> None:
        self.recent = [*self.recent, (name, keywords)][-RECENT_ROWS:]


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def load_deny(path: Path) -> set[str]:
    return {row["pattern"].strip().lower() for row in _rows(path)}


def is_denied(denied: set[str], annotation: str = "", group: str = "",
              subgroup: str = "") -> bool:
    annotation = annotation.lower().strip()
    return (f"annotation:{annotation}" in denied or f"group:{group}" in denied
            or any(f"subgroup:{part.strip()}" in denied for part in subgroup.split(","))
            or any(f"annotation:{word}" in denied for word in (annotation.removeprefix("a ")
                                                                .removeprefix("an "),)))


def designer_image(images_dir: Path, slot_id: str) -> Picture | None:
    for suffix in IMAGE_SUFFIXES:
        path = images_dir / f"{slot_id}{suffix}"
        if path.is_file():
            return Picture(path, "", "designer")
    return None
