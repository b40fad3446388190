"""Typed, validated settings: each style file in `styles/` read once into a frozen dataclass.

A schema is a frozen, keyword-only dataclass whose fields are the file's `[sections]`, each
itself such a dataclass of keys. Types come from the annotations (`int`, `float`, `str`, `bool`,
`Literal[...]`, `dict[str, X]`, unions); ranges, colours and referenced files from the
field's metadata (`number`, `hex_colour`, `nonempty`, `word_list`, `style_file`,
`folder`). A field with a default may be left out of the file. Keys the schema does not
know are kept in the dict view and ignored by the typed one, so a new key can be added
before its schema line.

A bad value raises `InputError` (exit 2) with one line naming the file, the key, the value
and what is allowed, for example:

    styles/easy-read.toml: [text] body_pt must be a number from 14 to 72, not "18" (text).

Word lists named by a setting are checked too: the file exists, is UTF-8 and (for .tsv)
has the columns its readers need, with no row missing a required cell.

The shipped files' schemas are in `converter/settings/styles.py` (braille's in `braille.py`,
fetch's in `fetch.py`).
To register a new style file (say `styles/large-print.toml`), add
`converter/settings/large_print.py` (each field helper makes a new field: call it for every
field, never share one):

    from dataclasses import dataclass
    from converter.settings.schema import number, register

    @dataclass(frozen=True, kw_only=True)
    class LargePrintText:
        body_pt: float = number(16, 72, default=18)  # UKAAF: at least 16pt

    @dataclass(frozen=True, kw_only=True)
    class LargePrintSettings:
        text: LargePrintText

    register("large-print", LargePrintSettings)

and one import line for it in `converter/settings/__init__.py`. Then
`style.typed("large-print")` gives a `LargePrintSettings`, and the older
`style.settings("large-print")` a validated dict (with defaults filled in). Constraints
that join two keys go in the schema's `__post_init__` (raise `Invalid`).
"""

from converter.settings import (  # noqa: F401 - importing registers the schemas
    braille,
    editions,
    fetch,
    styles,
)
from converter.settings.schema import SCHEMAS, Invalid, register, validate

__all__ = ["SCHEMAS", "Invalid", "register", "validate"]
