"""The Easy Read "contact us" page: the publisher's own contact details, never an address
the master only gives as an example, a credit or a link to a document.

The details come from the master's contact section ("Contact us", "How to contact us",
"Get in touch"); with none, from sentences that present them as the publisher's own
("contact us on", "email us at", "our website"). Each detail is a whole sentence of 15
words at most; a postal address is one row on lines, like an envelope.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote

from converter.formats.easy_read.script import Row, Section
from converter.language.contacts import (
    EMAIL,
    PHONE,
    POSTCODE,
    RELAY_PREFIX,
    RELAY_UK,
    WEB,
    address_around,
    contact_spans,
)
from converter.language.sentences import split_sentences
from converter.model import Document, Heading, Table, flat_cell

CONTACT_HEADING = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:how (?:to|you can) |ways to )?(?:contact(?:ing)? us|"
    r"get(?:ting)? in touch|contact (?:details|information))\b", re.I)
# A sentence that gives a detail as the publisher's own.
OWN = re.compile(r"\b(?:contact|call|phone|ring|e-?mail|text|write to|visit|reach) us\b|"
                 r"\bget in touch\b|\bour (?:web ?site|e-?mail|(?:tele)?phone|address|"
                 r"(?:phone |telephone )?number|helpline|office)\b", re.I)
# An address given as an example ("eg: http://...", "such as ..."), not as ours.
EXAMPLE = re.compile(r"\b(?:e\.?g\.?|for example|for instance|such as)\s*[:,]?\s*$", re.I)
# Credit and citation text: where something came from, not how to reach the publisher.
CREDIT = re.compile(r"\bsource\s*:|©|\(c\)|\bcopyright\b|\bderivative\b|\blicen[cs]ed?\b|"
                    r"\battribution\b|\bcredits?\b", re.I)
# Another body's details, even inside a contact section ("You can also contact the
# Ombudsman on ..."): kept in the body rows, never "us".
THEIRS = re.compile(r"\b(?:contact|call|phone|ring|write to|e-?mail|text|visit)\s+(?:the|their|"
                    r"them|a|an|your)\b|\b(?:they|their|them)\b", re.I)
DOCUMENT = re.compile(r"\.(?:pdf|docx?|odt|rtf|xlsx?|ods|csv|pptx?|zip)(?:[?#].*)?$", re.I)
RELAY = re.compile(rf"\b{RELAY_PREFIX}\b|\brelay uk\b|\btext ?relay\b", re.I)
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_TIME = r"\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)|noon|midday"
# Opening hours: "Monday to Friday, 9am to 5pm".
HOURS = re.compile(rf"\b{_DAY}(?:\s*(?:to|-|–|and)\s*{_DAY})?,?\s*(?:from\s+)?(?:{_TIME})"
                   rf"\s*(?:to|-|–|until)\s*(?:{_TIME})", re.I)
WRITE_TO_US = "Write to us at"
MAX_WORDS = 15  # Easy Read sentences of 15 words at most (Mencap "Am I making myself clear?")


def contact_section_texts(document: Document) -> list[str]:
    """The text of each block in the master's contact section(s), in order; [] if none."""
    texts: list[str] = []
    for chapter in document.chapters:
        inside, level = CONTACT_HEADING.match(chapter.title) is not None, chapter.level
        for block in chapter.blocks:
            if isinstance(block, Heading):
                if CONTACT_HEADING.match(block.text):
                    inside, level = True, block.level
                    continue
                if inside and block.level <= level and block is not chapter.blocks[0]:
                    inside = False
                if block is chapter.blocks[0]:
                    continue
            if inside:
                texts.extend(_texts(block))
    return texts


def own_contact_texts(document: Document) -> list[str]:
    """Where the publisher's own details are: its contact section, else the sentences that
    present a detail as 'ours'."""
    section = contact_section_texts(document)
    if section:
        return section
    found = []
    for chapter in document.chapters:
        for block in chapter.blocks:
            for text in _texts(block):
                found.extend(sentence.text for sentence in split_sentences(text)
                             if OWN.search(sentence.text) and contact_spans(sentence.text))
    return found


def _texts(block) -> list[str]:
    """A block's text; a table's cells one by one; mailto links as their address."""
    texts = [flat_cell(cell) for row in block.rows for cell in row] if isinstance(block, Table) \
        else [block.text]
    texts += [link.url[7:] for link in getattr(block, "links", ())
              if link.url.startswith("mailto:") and link.url[7:] not in block.text]
    return texts


def is_ours(text: str, start: int, value: str) -> bool:
    """False for an address given as an example, in a credit, as another body's, or a link
    to a document."""
    return not (EXAMPLE.search(text[max(0, start - 25):start]) or CREDIT.search(text)
                or (THEIRS.search(text) and not OWN.search(text))
                or DOCUMENT.search(unquote(value)))


def contact_rows(texts: list[str], other_formats: str) -> list[Row]:
    """One row a detail, all whole sentences: phone (with hours), Relay UK, email, postal
    address ('Write to us at:' and its lines), website; then the other formats line.
    [] when no detail qualifies."""
    phones, relays, emails, webs, addresses = [], [], [], [], []
    hours = [match.group(0) for text in texts for match in HOURS.finditer(text)]
    for index, text in enumerate(texts):
        for match in PHONE.finditer(text):
            number = " ".join(match.group(0).split())
            if not is_ours(text, match.start(), number):
                continue
            relay = re.search(rf"\b{RELAY_PREFIX}\s+(?:then\s+)?{re.escape(match.group(0))}", text) \
                if RELAY.search(text) else None
            if relay or number.startswith(RELAY_UK):
                _add(relays, " ".join((relay.group(0) if relay else number).split()))
                continue
            own = HOURS.search(text[match.end():])
            when = own.group(0) if own else (hours[0] if len(set(hours)) == 1 else "")
            _add(phones, (number, when))
        for match in EMAIL.finditer(text):
            if is_ours(text, match.start(), match.group(0)):
                _add(emails, match.group(0))
        for match in WEB.finditer(text):
            if "@" not in match.group(0) and is_ours(text, match.start(), match.group(0)):
                _add(webs, match.group(0))
        if POSTCODE.search(text) and is_ours(text, 0, ""):
            _add(addresses, address_around(texts, index))
    rows = [Row(f"contact-phone-{n}", ["phone"], phone_sentences(number, when))
            for n, (number, when) in enumerate(phones, start=1)]
    rows += [Row(f"contact-relay-{n}", ["deaf", "phone"],
                 "Use Relay UK if you are deaf or find it hard to hear or speak. "
                 f"Dial {relay}.") for n, relay in enumerate(relays, start=1)]
    rows += [Row(f"contact-email-{n}", ["email"], f"Email us at {email}.")
             for n, email in enumerate(emails, start=1)]
    rows += [Row(f"contact-address-{n}", ["letter"], f"{WRITE_TO_US} {address}.")
             for n, address in enumerate(addresses, start=1)]
    rows += [Row(f"contact-web-{n}", ["website"], f"Our website is {web}.")
             for n, web in enumerate(webs, start=1)]
    if not rows:
        return []
    return [*rows, Row("contact-formats", ["read", "formats"], other_formats)]


def phone_sentences(number: str, when: str) -> str:
    """'Phone us on 0345 303 6760. Our phone lines are open Monday to Friday, 9am to 5pm.':
    the hours as a sentence of their own, not a comma list after the number."""
    return f"Phone us on {number}." + (f" Our phone lines are open {when}." if when else "")


def is_address_row(text: str) -> bool:
    """A postal address row ('Write to us at A, B, NV1 4QT.', or with a colon as scripts
    drafted before 2026-11 say): set on lines like an envelope, not read as one sentence,
    so the 15-word limit does not apply to it."""
    return text.startswith(WRITE_TO_US) and bool(POSTCODE.search(text))


def envelope(text: str) -> str:
    """'Write to us at A, B, NV1 4QT.' set on lines, like an envelope."""
    if not is_address_row(text):
        return text
    rest = text[len(WRITE_TO_US):].lstrip(":").rstrip(".")
    lines = [line.strip() for line in rest.split(",") if line.strip()]
    return "\n".join([f"{WRITE_TO_US}:", *lines])


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def chapter_texts(document: Document, title: str, texts: list[str]) -> list[str]:
    """The drafted sentences of a chapter; for the master's contact chapter, its rows that
    give no detail (what to get in touch about) followed by one row a detail, so that the
    script, the contact page and every part say the same. Other chapters as they are."""
    if not CONTACT_HEADING.match(title):
        return texts
    generated = [row.text for row in contact_rows(own_contact_texts(document), "")][:-1]
    if not generated:
        return texts
    shown = _flat(" ".join(generated))
    kept: list[str] = []
    for text in texts:
        spans = contact_spans(text)
        covered = spans and all(_flat(span.text) in shown for span in spans)
        if covered and POSTCODE.search(text):
            while kept and _address_line(kept[-1]):
                kept.pop()  # the lines above the postcode belong to the address
        if not covered:
            kept.append(text)
    return [*kept, *generated]


def page_rows(sections: list[Section], document: Document,
              other_formats: str) -> tuple[list[Section], str, list[Row]]:
    """The body sections, the contact page's heading and its rows ([]: the master has no
    contact detail of its own, so no page). When this part carries the master's contact
    chapter, that chapter is the contact page (moved to the end), not a second page."""
    generated = contact_rows(own_contact_texts(document), other_formats)
    own = [s for s in sections if CONTACT_HEADING.match(s.heading)]
    if not generated:
        return sections, "Contact us", []
    if not own:
        return sections, "Contact us", [replace(r, text=envelope(r.text)) for r in generated]
    rows = [replace(row, text=envelope(row.text)) for s in own for row in s.rows]
    body = [s for s in sections if not CONTACT_HEADING.match(s.heading)]
    heading = re.sub(r"\s*\(continued\)$", "", own[0].heading)
    return body, heading, [*rows, generated[-1]]


def _flat(text: str) -> str:
    """Text to compare details by: an address on lines matches the same address in commas."""
    return " ".join(text.replace(",", " ").split())


def _address_line(text: str) -> bool:
    """'Northvale Combined Authority.': a few capitalised words, no sentence."""
    parts = text.rstrip(".").split()
    return 0 < len(parts) <= 6 and all(word[:1].isupper() or word[:1].isdigit()
                                       or word in ("and", "of", "the", "for", "on")
                                       for word in parts)
