"""Sending a resident's package by email through the SMTP server in styles/converter.toml.

The package is made exactly as `fetch --zip` makes it, with parts small enough that each
email (base64 adds a third, plus headers) stays under `[smtp] max_email_mb`. The address is
used for this send only: it is never written anywhere; the log records document, format,
time and size.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path

from converter.config import Style
from converter.errors import ConverterError, InputError

LOG = logging.getLogger("converter.serve")
MB = 1_000_000
# Base64 turns 3 bytes into 4 and adds a line break every 76 characters: 4/3 * 78/76.
BASE64_GROWTH = 4 / 3 * 78 / 76
HEADERS = 8_000  # room for the headers and the plain-text body of each email
# A practical check, not RFC 5322 in full: one @, no spaces, a dot in the domain.
ADDRESS = re.compile(r"^[^@\s<>,;\"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$")


def smtp_settings(style: Style):
    """The typed [smtp] section; a clear error when email is not set up."""
    settings = style.typed("converter").smtp
    if not settings.host or not settings.sender:
        raise ConverterError("Email is not set up: add an [smtp] section with host and sender "
                             "to styles/converter.toml.")
    return settings


def zip_limit(style: Style) -> int:
    """The largest zip part that keeps one email under `[smtp] max_email_mb` once encoded."""
    settings = style.typed("converter").smtp
    return int((settings.max_email_mb * MB - HEADERS) / BASE64_GROWTH)


def check_address(address: str) -> str:
    address = address.strip()
    if not ADDRESS.match(address):
        raise InputError("Enter an email address like name@example.com.")
    return address


def send_parts(style: Style, address: str, title: str, label: str, parts: list[Path]) -> int:
    """One email per zip part; returns the total bytes sent (the emails as encoded)."""
    settings = smtp_settings(style)
    organisation = style.typed("converter").organisation.name or "Customer services"
    messages = []
    for number, part in enumerate(parts, start=1):
        message = EmailMessage()
        of = f" (part {number} of {len(parts)})" if len(parts) > 1 else ""
        message["Subject"] = f"{title}: {label}{of}"
        message["From"] = settings.sender
        message["To"] = address
        body = [f"Here is {title} in {label}, as you asked.", ""]
        if len(parts) > 1:
            body.append(f"It comes in {len(parts)} emails because it is large. This is email "
                        f"{number}. Save every attached zip into the same folder and open them.")
        else:
            body.append("Open the attached zip file. The README.txt inside says what is there.")
        body += ["", organisation]
        message.set_content("\n".join(body))
        message.add_attachment(part.read_bytes(), maintype="application", subtype="zip",
                               filename=part.name)
        messages.append(message)
    total = 0
    try:
        with _connect(settings) as server:
            for message in messages:
                data = message.as_bytes()
                total += len(data)
                server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise ConverterError(f"The email could not be sent: {type(error).__name__}: "
                             f"{error}") from None
    return total


def _connect(settings) -> smtplib.SMTP:
    if settings.tls == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=60,
                                context=ssl.create_default_context())
    server = smtplib.SMTP(settings.host, settings.port, timeout=60)
    if settings.tls == "starttls":
        server.starttls(context=ssl.create_default_context())
    return server
