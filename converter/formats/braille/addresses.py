"""Contact details (email and web addresses, phone numbers, postcodes) in uncontracted
braille, the rest of the text in contracted braille.

A reader types an address letter for letter, so contractions inside one ("equal;y" for
"equality", "nor?vale" for "northvale") get in the way. UEB (2013) rule 10.12 allows
contractions in an address embedded in text and asks for uncontracted braille for computer
material set on lines of its own; writing contact details uncontracted is the choice a
transcriber makes for readers who will use them (styles/braille.toml: `addresses`).
liblouis's command line has no per-span typeform, so each address is translated on its own
with the uncontracted table and put back in its place.
"""

from __future__ import annotations

from converter.formats.braille import louis
from converter.language.contacts import contact_spans

KINDS = frozenset({"email", "web", "phone", "postcode"})


def _parts(line: str) -> list[tuple[str, bool]]:
    """(text, is an address) in order; a line with no address is one part."""
    parts: list[tuple[str, bool]] = []
    cursor = 0
    for span in contact_spans(line):
        if span.kind not in KINDS or span.start < cursor:
            continue
        parts += [(line[cursor:span.start], False), (span.text, True)]
        cursor = span.end
    return [*parts, (line[cursor:], False)] if parts else [(line, False)]


def forward(lines: list[str], tables: str, uncontracted: str) -> list[str]:
    """Like louis.forward(lines, tables), but each contact detail is translated with the
    `uncontracted` tables. Lines without one are translated exactly as before."""
    split = [_parts(line) for line in lines]
    # Every piece of text that is not an address, stripped (liblouis drops the spaces at
    # a cut; they are put back below); a line with no address goes whole, as before.
    contracted = [text if len(parts) == 1 else text.strip()
                  for parts in split for text, address in parts
                  if not address and (len(parts) == 1 or text.strip())]
    plain = [text for parts in split for text, address in parts if address]
    done = iter(louis.forward(contracted, tables))
    done_plain = iter(louis.forward(plain, uncontracted) if plain else [])
    out = []
    for parts in split:
        pieces = []
        for text, address in parts:
            if address:
                pieces.append(next(done_plain))
            elif len(parts) == 1:
                pieces.append(next(done))
            elif text.strip():
                pieces.append(" " * (text[:1] == " ") + next(done) + " " * (text[-1:] == " "))
            else:
                pieces.append(text)
        out.append("".join(pieces))
    return out
