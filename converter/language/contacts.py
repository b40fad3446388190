"""Contact details: phone numbers, email, web and postal addresses.

These patterns are the only copies: the audio reads numbers and addresses with them, the
Easy Read PDF links them, and the annotations protect them from rewording.
"""

from __future__ import annotations

import re

from converter.language.spans import Span, spans, without_overlaps

# Relay UK prefixes (text relay for deaf callers; 18002 for textphone users calling a
# voice line): dialled before the number, so "18001 then 0345 ..." is one call.
RELAY_UK = ("18001", "18002")
RELAY_PREFIX = "(?:" + "|".join(RELAY_UK) + ")"  # the prefixes as a pattern
# A Relay UK prefix just before a number: "18001 then ", "18001, then dial ", "18001 ".
RELAY_BEFORE = re.compile(r"\b" + RELAY_PREFIX + r"\b[\s,:]*"
                          r"(?:(?:and\s+)?then\s+(?:dial\s+)?|followed\s+by\s+)?$", re.I)
# UK numbers: 0121 ..., 0800/0300/0345 ..., +44 (0)..., with a Relay UK prefix kept with
# the number it dials.
PHONE = re.compile(r"(?<![\d£$€.,])(?:" + RELAY_PREFIX + r"\s?)?"
                   r"(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){5,8}(?!\d)")
# Numbers written in three or more groups joined by hyphens or dots (123-123-5678).
GROUPED_PHONE = re.compile(r"(?<![\w.£$€])(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,5}\)[\s-]?|\d{3,5}[-.])"
                           r"\d{2,4}[-.]\d{3,4}(?:[-.]\d{1,4})?(?![\w.]*\d)")
EMAIL = re.compile(r"\b[\w.+&-]+@[\w-]+(?:\.[\w-]+)+\b")
# Web addresses with a scheme or www.; percent-encoding (%20) is part of the address.
WEB = re.compile(r"\b(?:https?://|file:///?|www\.)[^\s<>()\"]+[^\s<>()\".,;:!?]", re.I)
# Also bare domains people write in text: wmca.org.uk/contact, gov.uk.
URL = re.compile(WEB.pattern + r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.uk|org\.uk|co\.uk|"
                 r"ac\.uk|nhs\.uk|com|org|net|uk|edu|eu|io|de|fr|it|sm)"
                 r"(?:/[^\s<>()\"]*[^\s<>()\".,;:!?])?", re.I)
# Either kind of address, for code that must not break or restyle one.
ADDRESS = re.compile(f"{EMAIL.pattern}|{WEB.pattern}", re.I)
# A file name with a common file type ("volunteers_statistics.csv", "(.odf)"): read part by
# part ("underscore", "dash", "dot C S V") so the listener hears how it is written.
FILE_TYPES = ("csv", "odf", "ods", "odt", "odp", "pdf", "doc", "docx", "xls", "xlsx", "ppt",
              "pptx", "rtf", "txt", "json", "xml", "rdf", "html", "htm", "md", "zip", "jpg",
              "jpeg", "png", "gif", "svg", "mp3", "epub")
FILE_NAME = re.compile(r"(?<![\w./@-])(?:\w[\w()-]*)?\.(?:" + "|".join(FILE_TYPES)
                       + r")(?![\w-]|\.\w)", re.I)
# An IP address (four numbers joined by dots), read digit by digit with "dot".
IP_ADDRESS = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
# One part of a postal address: "16 Summer Lane", "Birmingham" (capitalised words).
ADDRESS_TAIL = re.compile(r"(?:^|\s)((?:\d+[A-Za-z]?\s+)?[A-Z][\w'’-]*"
                          r"(?:\s+(?:[A-Z0-9][\w'’-]*|of|the|on|upon)){0,4})\s*$")


def contact_spans(text: str) -> tuple[Span, ...]:
    """Phones, emails, web addresses, postcodes and the postal addresses around them."""
    found = [*spans(EMAIL, text, "email"), *spans(URL, text, "web"),
             *spans(GROUPED_PHONE, text, "phone"), *spans(PHONE, text, "phone")]
    for match in POSTCODE.finditer(text):
        found.append(Span(match.start(), match.end(), match.group(0), "postcode"))
        start = _address_start(text, match.start())
        if start < match.start():
            found.append(Span(start, match.end(), text[start:match.end()], "address"))
    # An address contains its postcode: keep both (the postcode is a span of its own).
    postcodes = tuple(s for s in found if s.kind == "postcode")
    return tuple(sorted(without_overlaps(s for s in found if s.kind != "postcode") + postcodes,
                        key=lambda s: (s.start, s.end)))


def contact_link(kind: str, value: str, before: str = "") -> str | None:
    """Where a contact detail links to: mailto: an email, tel: a phone number (RFC 3966:
    digits and a leading +, so a phone dials it; "+44 (0)121" drops the "(0)"), https: a
    web address written without its scheme. None for anything else.

    A number dialled through Relay UK (a prefix in `value` or at the end of `before`, the
    text just ahead of it) has no link: a tel: link would call the voice line without the
    prefix, and GOV.UK's contact pages print relay numbers ("Text relay: dial 18001 then
    0300 ...") as plain text too."""
    if kind == "email":
        return f"mailto:{value}"
    if kind == "phone":
        if relay_number(value, before):
            return None
        return "tel:" + re.sub(r"[^\d+]", "", value.replace("(0)", ""))
    if kind == "web" and not value.lower().startswith("file:"):
        return value if re.match(r"https?://", value, re.I) else f"https://{value}"
    return None


def relay_number(value: str, before: str = "") -> bool:
    """Whether a phone number is dialled after a Relay UK prefix ("18001 0345 ..." or
    "... 18001 then" just before it)."""
    return value.lstrip().startswith(RELAY_UK) or bool(RELAY_BEFORE.search(before[-40:]))


def _address_start(text: str, postcode_start: int) -> int:
    """Walk back over short comma-separated parts ('16 Summer Lane, Birmingham B19 3SD');
    a part that only ends in an address ('Write to 16 Summer Lane') gives its tail and stops."""
    start = postcode_start
    head = text[:postcode_start].rstrip(" ,")
    for _ in range(5):
        cut = max(head.rfind(","), head.rfind(":"), head.rfind("\n"), head.rfind(". "))
        part = head[cut + 1:]
        tail = ADDRESS_TAIL.search(part)
        if not part.strip() or tail is None:
            break
        start = cut + 1 + tail.start(1)
        if tail.start(1) > len(part) - len(part.lstrip()) or cut < 0 or head[cut] not in ",\n":
            break
        head = head[:cut]
    return start


def address_around(texts: list[str], index: int) -> str:
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
