"""Decode text files written by real offices: UTF-8 (with or without BOM), UTF-16, or
legacy Windows code pages."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name
    unmarked = _utf16_without_bom(data)
    if unmarked:
        return data.decode(unmarked, errors="replace"), f"{unmarked} (no byte-order mark)"
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


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 without a byte-order mark.

    Text in Latin letters saved as UTF-16 has a NUL in every other byte; UTF-8 accepts NULs,
    so without this check it would be read as text full of NULs.
    """
    sample = data[: 64 * 1024]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


# C0 controls except tab, newline and carriage return; DEL; C1 controls. They have no meaning
# in a policy's text and would reach terminals, PDFs and web pages.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> tuple[str, int]:
    """The text without control characters, and how many were removed."""
    cleaned, count = CONTROLS.subn("", text)
    return cleaned, count


def looks_binary(data: bytes, text: str) -> bool:
    """True for bytes that are no text in any encoding (a program, a picture, a damaged
    file): NUL bytes, which text outside UTF-16 never holds, or a tenth of the characters
    undecodable or control characters."""
    if data.count(0) > max(2, len(data) // 1000):
        return True
    noise = len(CONTROLS.findall(text)) + text.count("\ufffd")
    return noise > 20 and noise > len(text) / 10
