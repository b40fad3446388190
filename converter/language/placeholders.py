"""Template placeholders: '[organisation]', '[charity-region]', '[document owner]'. A master
made from a template may still hold them; every edition keeps them visibly as placeholders
(brackets and all), the build warns and `converter check` fails until someone fills them in.

A placeholder is one or two short lower-case words (hyphens allowed) in square brackets.
Not one: a note marker ('[7]'), a Markdown link (readers have already made it a link), an
Easy Read picture slot ('[picture of a bus]'), an editor's '[sic]', a tick box ('[x]')."""

from __future__ import annotations

import re
from collections.abc import Iterable

from converter.language.spans import Span

_WORD = r"[a-z][a-z0-9]*(?:-[a-z0-9]+){0,4}"
PLACEHOLDER = re.compile(rf"\\?\[(?P<words>{_WORD}(?: {_WORD})?)\\?\](?![(\[])")
NOT_PLACEHOLDER = frozenset({"sic", "x", "picture", "image", "photo", "symbol", "note", "sound"})


def placeholder_spans(text: str) -> tuple[Span, ...]:
    """The placeholders in `text`, brackets included; value is the bracketed form."""
    found = []
    for match in PLACEHOLDER.finditer(text):
        words = match.group("words")
        if words.split()[0] in NOT_PLACEHOLDER or len(words) < 2:
            continue
        found.append(Span(match.start(), match.end(), match.group(0), "placeholder",
                          f"[{words}]"))
    return tuple(found)


def placeholders(texts: Iterable[str]) -> tuple[str, ...]:
    """Each placeholder in `texts` once, in order of first appearance: '[organisation]'."""
    seen: dict[str, None] = {}
    for text in texts:
        for span in placeholder_spans(text):
            seen.setdefault(span.value)
    return tuple(seen)


LISTED = 8  # placeholders a warning names before "and N more"


def placeholder_warning(found: tuple[str, ...]) -> str:
    """The build's one warning about them, '' when there are none."""
    if not found:
        return ""
    named = ", ".join(found[:LISTED]) + (f" and {len(found) - LISTED} more"
                                         if len(found) > LISTED else "")
    return (f"the master still has template placeholders: {named}. Every edition shows them "
            "as placeholders; fill them in before sending to residents")
