"""Picture slots and how they are filled: a designer's image, the library, or a placeholder."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from converter.config import Style

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


@dataclass(frozen=True)
class Picture:
    path: Path
    alt: str
    source: str  # "designer", "library"


@dataclass
class PictureLibrary:
    entries: list[tuple[Path, set[str], str]]

    @classmethod
    def load(cls, style: Style) -> PictureLibrary:
        folder = style.path(style.typed("easy-read").pictures.library)
        index = folder / "index.tsv"
        entries = []
        if index.is_file():
            with open(index, encoding="utf-8") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    keywords = {k.strip().lower() for k in row["keywords"].split(",") if k.strip()}
                    path = folder / row["file"]
                    if path.is_file():
                        entries.append((path, keywords, row.get("alt", "")))
        return cls(entries)

    def keywords(self) -> set[str]:
        return set().union(*(keywords for _, keywords, _ in self.entries)) if self.entries else set()

    def match(self, keywords: list[str]) -> Picture | None:
        """The picture whose keywords best match, earlier slot keywords weighing more."""
        best, best_score = None, 0.0
        for path, known, alt in self.entries:
            score = 0.0
            for rank, keyword in enumerate(keywords):
                word = keyword.lower()
                if word in known or word.rstrip("s") in known:
                    score += 1.0 / (rank + 1)
            if score > best_score:
                best, best_score = Picture(path, alt, "library"), score
        return best


def designer_image(images_dir: Path, slot_id: str) -> Picture | None:
    for suffix in IMAGE_SUFFIXES:
        path = images_dir / f"{slot_id}{suffix}"
        if path.is_file():
            return Picture(path, "", "designer")
    return None
