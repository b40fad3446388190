"""Decode text files written by real offices: UTF-8 (with or without BOM), UTF-16, or
legacy Windows code pages."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252 is by far the commonest non-UTF-8 encoding in UK office files ("£", curly
    # quotes); charset guessers often call short cp1252 text latin-1, which garbles quotes.
    try:
        text = data.decode("cp1252")
        if not any(0x80 <= ord(ch) < 0xA0 for ch in text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"
