"""Score the normaliser against NeMo's English test cases, category by category.

NeMo's expected forms are American; a British reading differs in known ways ("one hundred
and five", "the twenty fifth of July", "zero" read digit by digit in phone numbers). Both
sides are reduced to a canonical form that ignores only those differences, then compared.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from converter.formats.audio.numbers import ONES

CATEGORIES = ("cardinal", "decimal", "money", "date", "time", "ordinal", "telephone",
              "electronic", "measure", "fraction", "range", "whitelist")
DIGIT_WORDS = {str(i): word for i, word in enumerate(ONES[:10])}


def canonical(text: str) -> list[str]:
    text = text.lower().replace("-", " ").replace("o'clock", "")
    tokens = re.findall(r"[a-z0-9]+", text)
    tokens = [DIGIT_WORDS.get(token, token) for token in tokens]
    tokens = ["zero" if token == "o" or token == "oh" else token for token in tokens]
    # Letters spelled one by one ("a m", "w w w") are the acronym ("AM", "WWW").
    merged: list[str] = []
    in_run = False
    for token in tokens:
        single = len(token) == 1 and token.isalpha()
        if single and in_run:
            merged[-1] += token
        else:
            merged.append(token)
        in_run = single
    tokens = merged
    # British "and" in numbers and "the ... of" in dates are the expected differences.
    return sorted(token for token in tokens if token not in ("and", "the", "of", "a"))


def load_cases(corpus: Path, category: str) -> list[tuple[str, str]]:
    path = corpus / f"test_cases_{category}.txt"
    cases = []
    if not path.is_file():
        return cases
    for line in path.read_text(encoding="utf-8").splitlines():
        written, sep, spoken = line.partition("~")
        if sep and written.strip():
            cases.append((written, spoken))
    return cases


def score(normalise: Callable[[str], str], corpus: Path) -> dict[str, tuple[int, int]]:
    """category -> (right, total)."""
    results = {}
    for category in CATEGORIES:
        cases = load_cases(corpus, category)
        right = sum(canonical(normalise(written)) == canonical(spoken)
                    for written, spoken in cases)
        results[category] = (right, len(cases))
    return results


if __name__ == "__main__":  # pragma: no cover - a report for people
    import sys

    from converter.formats.audio.normalise import Normaliser

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpus/nemo-tn-en")
    normaliser = Normaliser()
    for category, (right, total) in score(normaliser, corpus).items():
        print(f"{category:<12} {right:>4}/{total:<4} {right / total if total else 0:.0%}")
    if "-v" in sys.argv:
        for category in CATEGORIES:
            for written, spoken in load_cases(corpus, category):
                ours = normaliser(written)
                if canonical(ours) != canonical(spoken):
                    print(f"[{category}] {written!r}: ours {ours!r} / nemo {spoken!r}")
