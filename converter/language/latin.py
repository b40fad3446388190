"""Latin abbreviations and other shorthand, from styles/words/abbreviations.tsv.

One table says how each is written (every spelling: "e.g.", "eg", "eg:", "e. g."), what to
write instead, and how to say it, so the check, the Easy Read draft and the audio agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from converter.language.spans import Span
from converter.language.wordlists import read_tsv

LEAVE_OUT = "(leave it out)"


@dataclass(frozen=True)
class Abbreviation:
    name: str  # "e.g."
    latin: bool  # False for shorthand such as "and/or"
    plain: str  # what to write instead
    advice: str  # the Plain English report's suggestion
    spoken: str  # what the audio says
    easy_read: str  # Easy Read replacement; "" when it is dropped


def _spelling_pattern(spelling: str) -> str:
    """'e.g.' -> e\\.?\\s?g\\.? so every dotting and spacing matches; 'eg' stays 'eg'."""
    parts = []
    for char in spelling:
        if char == ".":
            parts.append(r"\.?")
        elif char == " ":
            parts.append(r"\s*" if parts and parts[-1] == r"\.?" else r"\s+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@dataclass(frozen=True)
class AbbreviationTable:
    entries: tuple[Abbreviation, ...]
    pattern: re.Pattern | None  # one alternation, group name a<i> per entry
    exceptions: tuple[tuple[int, re.Pattern], ...]  # (entry index, "!" spelling)

    @classmethod
    def load(cls, path: Path) -> AbbreviationTable:
        entries, alternatives, exceptions = [], [], []
        for index, row in enumerate(read_tsv(path)):
            plain = row.get("plain", "")
            easy = row.get("easy_read") or plain
            entries.append(Abbreviation(row["abbreviation"], row.get("latin", "yes") != "no",
                                        plain, row.get("advice") or plain,
                                        row.get("spoken") or plain,
                                        "" if easy == LEAVE_OUT else easy))
            forms = [s.strip() for s in row["spellings"].split("|") if s.strip()]
            spellings = sorted((s for s in forms if not s.startswith("!")), key=len, reverse=True)
            body = "|".join(_spelling_pattern(s) for s in spellings)
            alternatives.append((len(spellings[0]), f"(?P<a{index}>{body})"))
            exceptions.extend((index, _spelling_pattern(s[1:])) for s in forms
                              if s.startswith("!"))
        alternatives.sort(key=lambda item: -item[0])  # "per se" before "per"
        # Not part of a longer word: 'per-resource' is a compound, not the shorthand 'per'.
        edge = r"(?<![\w./-])(?:{})(?![\w/]|[.-]\w)"
        pattern = re.compile(edge.format("|".join(a for _, a in alternatives)), re.I) \
            if alternatives else None
        blocked = tuple((i, re.compile(edge.format(body), re.I)) for i, body in exceptions)
        return cls(tuple(entries), pattern, blocked)

    def find(self, text: str) -> list[tuple[Span, Abbreviation]]:
        """Every abbreviation in `text`, with the table row it belongs to."""
        if self.pattern is None:
            return []
        blocked = {(index, m.start()) for index, exception in self.exceptions
                   for m in exception.finditer(text)}
        found = []
        for match in self.pattern.finditer(text):
            index = int(match.lastgroup[1:])
            if (index, match.start()) in blocked:
                continue
            entry = self.entries[index]
            span = Span(match.start(), match.end(), match.group(0),
                        "latin" if entry.latin else "shorthand", entry.name)
            found.append((span, entry))
        return found

    def replace(self, text: str, field: str) -> str:
        """`text` with each abbreviation replaced by the row's `field` (plain, spoken or
        easy_read). A dropped one takes its leading comma with it ("cats, dogs, etc.")."""
        out, last = [], 0
        for span, entry in self.find(text):
            replacement = getattr(entry, field)
            start = span.start
            following = text[span.end:].lstrip()
            # "etc." closing a sentence: its dot is also the sentence's full stop.
            # "e.g." and "i.e." introduce what follows ("e.g. Twitter"): never a full stop.
            closes = span.text.endswith(".") and (not following or following[0].isupper()) \
                and entry.name not in LEADS_IN
            if not replacement:
                start = len(text[:start].rstrip(" ,"))
            elif not text[:start].strip() or text[:start].rstrip()[-1] in ".!?":
                replacement = replacement[0].upper() + replacement[1:]
            end = span.end
            if replacement and re.match(r":[^\s:/]", text[end:end + 2]):
                # "eg:http://..." or "eg:Adult": the colon glues two words; keep a space.
                replacement, end = replacement + ": ", end + 1
            out.append(text[last:start] + replacement + ("." if closes else ""))
            last = end
        return "".join(out) + text[last:]


ABBREVIATIONS_FILE = "words/abbreviations.tsv"
LEADS_IN = frozenset({"e.g.", "i.e.", "cf.", "viz."})


@cache
def _default(path: str, mtime: float) -> AbbreviationTable:
    return AbbreviationTable.load(Path(path))


def default_table() -> AbbreviationTable:
    """The table of the default style folder, for callers that have no Style at hand."""
    from converter.config import default_styles_dir

    path = default_styles_dir() / ABBREVIATIONS_FILE
    return _default(str(path), path.stat().st_mtime if path.is_file() else 0.0)
