"""How a UK announcer says contact details: phone numbers, postcodes, email and web
addresses. These are the spoken forms only; finding them in text is done by patterns in
`converter.language.contacts` (and the normaliser's own for odd cases)."""

from __future__ import annotations

import re
from urllib.parse import unquote

from converter.formats.audio.numbers import ONES, cardinal, digits, year
from converter.language.contacts import RELAY_UK  # said digit by digit, as its own group

# Parts of an address said as words, not spelled (everything else of 3 letters or fewer
# with no vowel, and every 2-letter part, is spelled: "N H S", "D E").
ADDRESS_WORDS = {"com", "org", "net", "gov", "edu", "info", "co", "biz", "mail", "web"}
SPELLED = {"uk": "U K", "nhs": "N H S", "ac": "A C", "www": "w w w", "html": "H T M L",
           "htm": "H T M", "pdf": "P D F", "jpg": "jpeg", "docx": "docx", "csv": "C S V",
           "xlsx": "X L S X", "odf": "O D F",
           "ods": "O D S", "odt": "O D T", "odp": "O D P", "php": "P H P", "asp": "A S P",
           "aspx": "A S P X"}
# Symbols by their British names, in addresses and in computer code (say_code): "hash",
# "dot" (not "full stop"), brackets by their shape.
SYMBOL_NAMES = {
    "-": "dash", "_": "underscore", ".": "dot", ",": "comma", ":": "colon",
    ";": "semicolon", "/": "slash", "\\": "backslash", "|": "pipe", "#": "hash",
    "(": "open bracket", ")": "close bracket", "[": "open square bracket",
    "]": "close square bracket", "{": "open curly bracket", "}": "close curly bracket",
    "<": "less than", ">": "greater than", "=": "equals", "+": "plus", "*": "star",
    "&": "ampersand", "@": "at", "$": "dollar", "%": "percent", "^": "caret", "~": "tilde",
    "!": "exclamation mark", "?": "question mark", "'": "single quote", '"': "double quote",
    "`": "backtick",
}
DOCUMENT_TYPES = {"pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "csv", "ppt", "pptx"}
# A path longer than this is not spelt out: the listener hears which page it points to.
LONG_PATH_SEGMENTS = 3
LONG_PATH_CHARS = 40


def speak_phone(number: str) -> str:
    """'0345 303 6760' -> 'oh three four five, three oh three, six seven six oh': digit by
    digit, 0 said "oh" as in the UK, in the written groups (or the usual UK groups when
    written as one run); a Relay UK prefix is its own group."""
    number = number.replace("(0)", " ").replace("(", " ").replace(")", " ")
    prefix = ""
    country = re.match(r"\s*\+(\d{1,3})[\s-]*", number)
    if country:
        prefix = "plus " + speak_digits(country.group(1)) + ", "
        number = number[country.end():]
    groups = [group for group in re.split(r"[\s.-]+", number.strip()) if group]
    if groups and groups[0] in RELAY_UK and len(groups) > 1:
        return speak_digits(groups[0]) + ", " + speak_phone(" ".join(groups[1:]))
    if len(groups) == 1 and len(groups[0]) == 11 and groups[0].startswith("0"):
        groups = uk_groups(groups[0])
    return prefix + ", ".join(speak_digits(group) for group in groups)


def speak_digits(text: str) -> str:
    """Digit by digit, 0 as "oh" (how UK numbers and codes are read aloud)."""
    return " ".join("oh" if ch == "0" else ONES[int(ch)] for ch in text if ch.isdigit())


def uk_groups(raw: str) -> list[str]:
    """The usual grouping of an 11-digit UK number written without spaces."""
    if raw[:2] in ("02",):  # London and other 02 areas: 020 7946 0000
        return [raw[:3], raw[3:7], raw[7:]]
    if raw[:2] in ("03", "08", "09") or raw[:4] in ("0113", "0114", "0115", "0116", "0117",
                                                  "0118", "0121", "0131", "0141", "0151",
                                                  "0161", "0191"):
        return [raw[:4], raw[4:7], raw[7:]]
    return [raw[:5], raw[5:]]  # mobiles (07700 900123) and most geographic numbers


def speak_postcode(postcode: str) -> str:
    """'NV1 4QT' -> 'N V one, four Q T': letter by letter in its two groups."""
    compact = postcode.replace(" ", "").upper()
    outward, inward = compact[:-3], compact[-3:]
    return ", ".join(" ".join(ONES[int(ch)] if ch.isdigit() else ch for ch in group)
                     for group in (outward, inward))


def speak_file_name(name: str) -> str:
    """'volunteers_statistics.csv' -> 'volunteers underscore statistics dot C S V';
    '.odf' -> 'dot O D F'."""
    stem, _, extension = name.rpartition(".")
    said = _segment(re.sub(r"[()]", " ", stem)) if stem else ""
    return f"{said} dot {_label(extension)}".strip()


def speak_ip(address: str) -> str:
    """'10.0.0.1' -> 'one zero dot zero dot zero dot one'; a block '10.0.0.0/8' ends
    'slash eight'."""
    address, slash, prefix = address.partition("/")
    spoken = " dot ".join(digits(part) for part in address.split("."))
    return spoken + (f" slash {cardinal(int(prefix))}" if slash else "")


def speak_email(address: str) -> str:
    user, _, rest = address.partition("@")
    domain, slash, path = rest.partition("/")
    spoken = f"{_label_words(user)} at {_host(domain)}"
    if slash:
        spoken += " slash " + " slash ".join(_segment(p) for p in path.split("/") if p)
    return spoken


def speak_url(url: str) -> str:
    """A web address as an announcer says it: no "h t t p s colon slash slash", the domain
    in full with "dot", a short path with "slash", and a long path not spelt out: the page
    it points to is named instead ("the annual report document on northvale dot gov dot U K").
    Percent-encoding is decoded first ("Open%20Data" is "Open Data")."""
    url = unquote(url)
    scheme = re.match(r"^([a-z]+):/{2,3}", url, flags=re.I)
    if scheme and scheme.group(1).lower() == "file":
        path = url[scheme.end():]
        return "file colon slash slash slash " + " slash ".join(
            _segment(p) for p in path.split("/") if p)
    if scheme:
        url = url[scheme.end():]
    url = re.split(r"[?#]", url, maxsplit=1)[0]
    host, _, path = url.partition("/")
    spoken = _host(host)
    segments = [p for p in path.split("/") if p]
    if not segments:
        return spoken + (" slash" if path and scheme else "")
    if len(segments) > LONG_PATH_SEGMENTS or len(path) > LONG_PATH_CHARS:
        return _pointed_page(segments[-1], spoken)
    spoken += " slash " + " slash ".join(_segment(p) for p in segments)
    return spoken + (" slash" if path.endswith("/") else "")


def _pointed_page(last: str, host: str) -> str:
    stem, dot, extension = last.rpartition(".")
    if not dot:
        stem, extension = last, ""
    words = [w for w in re.split(r"[-_+\s]+", stem) if w]
    kind = "document" if extension.lower() in DOCUMENT_TYPES else "page"
    if not words or all(w.isdigit() for w in words) or stem.lower() in ("index", "default"):
        return f"a {kind} on {host}"
    said = " ".join(_number_word(w) if w.isdigit() else w.lower() for w in words)
    return f"the {said} {kind} on {host}"


def _host(host: str) -> str:
    return " dot ".join(_label(part) for part in host.split(".") if part)


def _label(part: str) -> str:
    return _word(part) if part.isalpha() else _label_words(part)


def _word(word: str) -> str:
    """One run of letters: a known spoken form, a word, or short letters spelled."""
    lower = word.lower()
    if lower in SPELLED:
        return SPELLED[lower]
    if lower in ADDRESS_WORDS:
        return lower
    if len(word) <= 2 or (len(word) <= 3 and not re.search("[aeiou]", lower)):
        return " ".join(word.upper())
    return word


def _label_words(text: str) -> str:
    """A user name or host label: words as words, short letter groups spelled ("ca" is
    "C A"), digits one by one, symbols named."""
    names = {**{ch: SYMBOL_NAMES[ch] for ch in ".-_&+"}, "'": "apostrophe"}
    said = []
    for piece in re.findall(r"[A-Za-z]+|\d+|.", text):
        if piece in names:
            said.append(names[piece])
        elif piece.isdigit():
            said.append(digits(piece))
        elif piece.isalpha():
            said.append(_word(piece) if len(piece) <= 3 else piece)
    return " ".join(said)


def _segment(part: str) -> str:
    """One path segment: words, digits, "dash", and a file extension after "dot"."""
    stem, dot, extension = part.rpartition(".")
    if dot and extension.isalpha() and stem:
        return f"{_segment(stem)} dot {_label(extension)}"
    names = {ch: f" {SYMBOL_NAMES[ch]} " for ch in "-_.&=~"}
    spoken = "".join(names.get(ch, ch) for ch in part)
    spoken = re.sub(r"\d+", lambda m: " " + _number_word(m.group(0)) + " ", spoken)
    return " ".join(spoken.split())


def _number_word(text: str) -> str:
    """Numbers in addresses: round ones as numbers (rtx-6000: "six thousand"), 4-digit
    years as years, others digit by digit."""
    value = int(text)
    if len(text) > 1 and not text.startswith("0") and text.endswith("00") and len(text) <= 7:
        return cardinal(value)
    if len(text) == 4 and 1900 <= value <= 2099:
        return year(value)
    return digits(text)
