"""Contact details found in a master document: phone numbers, email, web, postal address."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from converter.model import Document

PHONE = re.compile(r"(?<![\d£.])(?:\+44\s?(?:\(0\)\s?)?|0)\d{2,4}(?:[\s-]?\d){6,8}(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
WEB = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"]+[^\s<>()\".,;:]", re.I)
# Either kind of address, for code that must not break or restyle one.
ADDRESS = re.compile(f"{EMAIL.pattern}|{WEB.pattern}", re.I)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


@dataclass
class Contacts:
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    web: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.phones or self.emails or self.web or self.addresses)


def _add(items: list[str], value: str) -> None:
    value = " ".join(value.split())
    if value not in items:
        items.append(value)


def find_contacts(document: Document) -> Contacts:
    contacts = Contacts()
    blocks = [block for chapter in document.chapters for block in chapter.blocks]
    texts = [block.text for block in blocks]
    for index, text in enumerate(texts):
        for match in PHONE.finditer(text):
            _add(contacts.phones, match.group(0))
        for match in EMAIL.finditer(text):
            _add(contacts.emails, match.group(0))
        for match in WEB.finditer(text):
            if "@" not in match.group(0):
                _add(contacts.web, match.group(0))
        for block in [blocks[index]]:
            for link in getattr(block, "links", ()):
                if link.url.startswith("mailto:"):
                    _add(contacts.emails, link.url[7:])
        if POSTCODE.search(text):
            _add(contacts.addresses, _address_around(texts, index))
    return contacts


def _address_around(texts: list[str], index: int) -> str:
    """The block with the postcode, joined with the short lines just before it."""
    text = texts[index]
    if len(text.split()) > 14:
        # A sentence that contains an address: keep the part after the last colon or "to".
        tail = re.split(r":\s+|\bto\s+(?=\d|[A-Z])", text)[-1]
        return tail.rstrip(".")
    lines = [text]
    for previous in reversed(texts[max(0, index - 4):index]):
        if len(previous.split()) > 8 or previous.rstrip().endswith((".", ":", "?")):
            break
        lines.insert(0, previous)
    return ", ".join(line.rstrip(",") for line in lines)
