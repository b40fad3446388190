"""What writers tell the check to leave alone, as Vale users expect.

- Vocabularies in styles/vocabulary/: `accept.txt` (terms no rule flags: a finding that lies
  inside an accepted term is dropped) and `reject.txt` (terms always flagged, in every form).
  One term a line, `#` comments, case ignored.
- In Markdown, `<!-- converter: off -->` or `<!-- converter: off rule-name other-rule -->`
  switches rules off for the blocks that follow, and `<!-- converter: on -->` (or
  `on rule-name`) switches them back on.
- For any source (Word above all), a sidecar file beside it, `<source file name>.converter.toml`
  (`policy.docx.converter.toml`):

      [[suppress]]
      rule = "words-to-avoid"        # a rule name, or "*" for every rule
      text = "drive forward"         # findings whose sentence contains this text
      reason = "the project's name"  # for people; optional

Suppressed findings are counted in the report, never silently lost.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from converter.errors import InputError
from converter.language.lexicon import TOKEN, lemmas

if TYPE_CHECKING:
    from converter.model import Directive

ALL = "*"
DIRECTIVE = re.compile(r"^\s*converter:\s*(on|off)\b\s*(.*)$", re.I)
SIDECAR_SUFFIX = ".converter.toml"


@dataclass(frozen=True)
class Vocabulary:
    accept: tuple[tuple[str, ...], ...]  # each term as lower-case words
    reject: tuple[tuple[str, ...], ...]

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        return cls(_terms(folder / "accept.txt"), _terms(folder / "reject.txt"))

    def accepted_spans(self, text: str) -> list[tuple[int, int]]:
        return _find(text, self.accept)

    def rejected(self, text: str) -> list[tuple[int, int]]:
        return _find(text, self.reject)


def _terms(path: Path) -> tuple[tuple[str, ...], ...]:
    if not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(tuple(line.lower().split()) for line in lines
                 if line.strip() and not line.lstrip().startswith("#"))


@cache
def _index(terms: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the terms that start with it."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for term in terms:
        index.setdefault(term[0], []).append(term)
    return {word: tuple(found) for word, found in index.items()}


def _forms(token: str) -> frozenset[str]:
    return lemmas(token) | {token.lower()}


def _find(text: str, terms: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """Spans of the terms in `text`: every form of each word ("tackling" for "tackle"),
    several words only as a whole phrase."""
    if not terms:
        return []
    index = _index(terms)
    tokens = list(TOKEN.finditer(text))
    found = []
    for i, token in enumerate(tokens):
        for first in _forms(token.group(0)) & index.keys():
            for term in index[first]:
                if i + len(term) <= len(tokens) and all(
                        word in _forms(tokens[i + j].group(0))
                        for j, word in enumerate(term[1:], 1)):
                    found.append((token.start(), tokens[i + len(term) - 1].end()))
    return found


@dataclass(frozen=True)
class Suppression:
    rule: str  # a rule name or "*"
    text: str = ""  # the sentence must contain this (sidecar); "" for any
    lines: tuple[int, int] | None = None  # Markdown: source lines first..last (inclusive)
    reason: str = ""

    def covers(self, rule: str, sentence: str, line: int | None) -> bool:
        if self.rule not in (ALL, rule):
            return False
        if self.lines is not None:
            return line is not None and self.lines[0] <= line <= self.lines[1]
        return _normal(self.text) in _normal(sentence)


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def from_directives(directives: tuple[Directive, ...]) -> list[Suppression]:
    """Line ranges from `<!-- converter: off ... -->` / `<!-- converter: on ... -->`."""
    found: list[Suppression] = []
    open_rules: dict[str, int] = {}  # rule -> line it was switched off
    for directive in sorted(directives, key=lambda d: d.line):
        match = DIRECTIVE.match(directive.text)
        if not match:
            continue
        rules = match.group(2).split() or [ALL]
        if match.group(1).lower() == "off":
            for rule in rules:
                open_rules.setdefault(rule, directive.line)
        else:
            closing = list(open_rules) if rules == [ALL] else rules
            for rule in closing:
                if rule in open_rules:
                    found.append(Suppression(rule, lines=(open_rules.pop(rule), directive.line)))
    found.extend(Suppression(rule, lines=(line, 10**9)) for rule, line in open_rules.items())
    return found


def sidecar_path(source: str | Path) -> Path:
    path = Path(source)
    return path.with_name(path.name + SIDECAR_SUFFIX)


def from_sidecar(source: str | Path) -> list[Suppression]:
    """The sidecar's [[suppress]] entries; none when there is no sidecar."""
    path = sidecar_path(source)
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path.name}: not valid TOML ({error})") from None
    entries = data.get("suppress", [])
    if not isinstance(entries, list):
        raise InputError(f"{path.name}: [[suppress]] must be a list of tables")
    found = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("rule"), str) or \
                not isinstance(entry.get("text", ""), str):
            raise InputError(f"{path.name}: suppression {number} needs rule = \"name\" and "
                             "text = \"words\"")
        if not entry.get("text", "").strip():
            raise InputError(f"{path.name}: suppression {number} has no text; say which "
                             "sentence it covers")
        found.append(Suppression(entry["rule"], entry["text"], None,
                                 str(entry.get("reason", ""))))
    return found
