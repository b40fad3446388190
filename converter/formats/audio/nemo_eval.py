"""Score the normaliser against NeMo's English test cases, category by category.

NeMo's expected forms are American; a British reading differs in known ways. Both sides
are reduced to a canonical form that ignores only these differences, then compared:

- "and" in numbers ("one hundred and five"), "the ... of" in dates ("the twenty fifth of
  July"), "a" in "two and a half"; "oh" and "zero" for the digit 0;
- letters said one by one are the acronym ("p m" is "PM", "w w w" is "WWW");
- British spellings of units ("metres" for "meters", "litres" for "liters");
- a hyphen NeMo leaves between two numbers ("two - five") is said "to";
- "x" between or after numbers is said "by" (dimensions) or "times" (a multiplier);
- web addresses are said without "h t t p s colon slash slash", as UK announcers do;
- an amount in pounds and pence may leave out "pence" ("one pound twenty");
- "missus" is the British spelling of the word NeMo writes "misses" (Mrs).
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
    text = re.sub(r"\bhttps? colon slash slash\b", "", text, flags=re.I)
    text = re.sub(r"(?<=\w) - (?=\w)", " to ", text)
    text = text.replace("-", " ").replace("o'clock", "")
    text = re.sub(r"(meter|liter)(s?)\b", lambda m: m.group(1)[:-2] + "re" + m.group(2), text,
                  flags=re.I)
    if re.search(r"\bpounds?\b", text, re.I):
        text = re.sub(r"\b(pence|penny)\b", "", text, flags=re.I)
    tokens = []
    for token in re.findall(r"[A-Za-z0-9]+", text):
        if len(token) > 1 and token.isupper() and token.isalpha():
            tokens.extend(token.lower())  # an acronym is its letters ("PM" is "p m")
            continue
        token = token.lower()
        token = DIGIT_WORDS.get(token, token)
        token = "zero" if token in ("o", "oh") else token
        tokens.append({"by": "x", "times": "x", "missus": "misses"}.get(token, token))
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
    # British "and" in numbers and "the ... of" in dates are the expected differences.
    return sorted(token for token in merged if token not in ("and", "the", "of", "a"))


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
