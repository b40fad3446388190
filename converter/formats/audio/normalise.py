"""Text for speech, following UK conventions (UKAAF audio guidance, GOV.UK style).

Engines read raw text badly: "0345 303 6760" as a number in the billions, "WMCA" as a word,
"e.g." as "egg". This turns written text into what a careful human reader would say.
Phone numbers are read digit by digit in their groups; everything else becomes words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from converter.formats.audio.numbers import MONTHS, cardinal, decimal, digits, ordinal, year
from converter.language.contacts import EMAIL, GROUPED_PHONE, PHONE, URL
from converter.language.latin import AbbreviationTable, default_table
from converter.language.numbers import SCALES as SCALE_WORDS
from converter.language.numbers import UNITS

PLS_NS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"
MONTH_NAMES = {name.lower(): name for name in MONTHS}
MONTH_NAMES.update({name[:3].lower(): name for name in MONTHS})
MONTH_NAMES["sept"] = "September"
MONTH_RE = r"(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
CURRENCIES = {"£": ("pound", "pounds", "penny", "pence"), "$": ("dollar", "dollars", "cent", "cents"),
              "€": ("euro", "euros", "cent", "cents"), "¥": ("yen", "yen", "", ""),
              "₩": ("won", "won", "", "")}
# Latin and other shorthand (e.g., etc., and/or) are read from styles/words/abbreviations.tsv.
ABBREVIATIONS = [
    (r"\bapprox\.", "approximately"),
    (r"\bCllr\.?(?=\s)", "Councillor"),
    (r"\bDr\.?(?=\s+[A-Z])", "Doctor"),
    (r"\bProf\.?(?=\s+[A-Z])", "Professor"),
    (r"\bNo\.(?=\s*\d)", "number"),
    (r"\bnos\.(?=\s*\d)", "numbers"),
    (r"\bvs\.?(?=\s)", "versus"),
    (r"\bRd\b\.?", "Road"),
    (r"\bAve\b\.?", "Avenue"),
    (r"\bLtd\b\.?", "Limited"),
    (r"\bDept\b\.?", "Department"),
    (r"\bTel\b\.?:?", "Telephone"),
    (r"\bext\.\s?(?=\d)", "extension "),
    (r"\bp\.\s?(?=\d)", "page "),
    (r"\bpp\.\s?(?=\d)", "pages "),
    (r"\bw/c\b", "week commencing"),
    (r"\b24/7\b", "twenty four seven"),
    (r"\bper cent\b", "per cent"),
]
SYMBOLS = [("&", " and "), ("+", " plus "), ("=", " equals "), ("@", " at "), ("#", " number "),
           ("§", " section "), ("~", " about "), ("•", " "), ("▪", " "), ("…", "...")]
PER_UNIT = [(r"/(?:mo|month)\b", " per month"), (r"/(?:yr|year|annum)\b", " per year"),
            (r"/(?:wk|week)\b", " per week"), (r"/(?:d|day)\b", " per day"),
            (r"/(?:hr|hour|h)\b", " per hour"), (r"\bp\.a\.", "a year")]
ACRONYM = re.compile(r"\b([A-Z][A-Z0-9&]{1,7})(s?)\b")


@dataclass
class Lexicon:
    """Pronunciations from a W3C PLS file: grapheme -> alias (what to say instead)."""

    aliases: dict[str, str] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)  # acronyms said as words (NATO, COVID)

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        from converter.safexml import parse_xml

        lexicon = cls()
        if not path.is_file():
            return lexicon
        root = parse_xml(path.read_bytes(), path.name)
        for lexeme in root.iter(f"{PLS_NS}lexeme"):
            alias = lexeme.findtext(f"{PLS_NS}alias")
            for grapheme in lexeme.iter(f"{PLS_NS}grapheme"):
                key = (grapheme.text or "").strip()
                if not key or alias is None:
                    continue
                lexicon.aliases[key] = alias.strip()
                if alias.strip().lower() == key.lower():
                    lexicon.words.add(key)
        return lexicon


LONG_NUMBER = re.compile(r"\d{1,3}(?:,\d{3}){5,}|\d{16,}")


@dataclass
class Normaliser:
    lexicon: Lexicon = field(default_factory=Lexicon)
    abbreviations: AbbreviationTable = field(default_factory=default_table)

    def __call__(self, text: str) -> str:
        return self.normalise(text)

    def normalise(self, text: str) -> str:
        protected: list[str] = []

        def protect(spoken: str) -> str:
            # Later steps must not touch these readings (digits stay digits), so each is
            # parked behind one private-use character and put back at the end.
            protected.append(spoken)
            return chr(0xE000 + len(protected) - 1)

        text = _clean(text)
        # A number too long to say as a whole (16+ digits, past the trillions) is read digit
        # by digit; int() also refuses numbers over 4,300 digits.
        text = LONG_NUMBER.sub(lambda m: protect(digits(m.group(0))), text)
        text = EMAIL.sub(lambda m: protect(speak_email(m.group(0))), text)
        text = URL.sub(lambda m: protect(speak_url(m.group(0))), text)
        text = GROUPED_PHONE.sub(lambda m: protect(speak_phone(m.group(0))), text)
        text = PHONE.sub(lambda m: protect(speak_phone(m.group(0))), text)
        for pattern, replacement in PER_UNIT:
            text = re.sub(pattern, replacement, text)
        text = self._lexicon(text)
        text = self.abbreviations.replace(text, "spoken")
        for pattern, replacement in ABBREVIATIONS:
            text = re.sub(pattern, replacement, text)
        text = _saint_or_street(text)
        text = _money(text)
        text = _percent(text)
        text = _dates(text)
        text = _times(text)
        text = _ranges(text)
        text = _units(text)
        text = re.sub(r"\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b",
                      lambda m: ordinal(int(m.group(1).replace(",", ""))), text)
        text = re.sub(r"(?:(?<=\s)|^)-(?=\d)", "minus ", text)
        text = re.sub(r"(?:(?<=\s)|^)\.(?=\d)", "0.", text)
        text = re.sub(r"\b(\d+)/(\d+)\b", lambda m: _fraction(m), text)
        text = _numbers(text)
        text = self._acronyms(text)
        for symbol, spoken in SYMBOLS:
            text = text.replace(symbol, spoken)
        text = re.sub(r"(?<=\w)/(?=\w)", " or ", text)
        text = re.sub(r"\s+([,.;:!?])", r"\1", text)
        text = re.sub("[\ue000-\uefff]", lambda m: protected[ord(m.group(0)) - 0xE000], text)
        return " ".join(text.split())

    def _lexicon(self, text: str) -> str:
        # "Public Sector Equality Duty (PSED)": when the lexicon says PSED in full, the
        # bracket would only repeat the name, so it is not read.
        for grapheme, alias in self.lexicon.aliases.items():
            text = re.sub(rf"({re.escape(alias)})\s*\({re.escape(grapheme)}\)", r"\1", text,
                          flags=re.I)
        for grapheme, alias in sorted(self.lexicon.aliases.items(), key=lambda kv: -len(kv[0])):
            if grapheme in self.lexicon.words:
                continue
            text = re.sub(rf"(?<![\w-]){re.escape(grapheme)}(?![\w-])", alias, text)
        return text

    def _acronyms(self, text: str) -> str:
        def spell(match: re.Match) -> str:
            word, plural = match.group(1), match.group(2)
            if word in self.lexicon.words or not any(ch.isalpha() for ch in word):
                return match.group(0)
            if len(word) >= 5 and _pronounceable(word):
                return match.group(0)
            letters = " ".join(ch for ch in word if ch != "&")
            return letters + ("s" if plural else "")

        return ACRONYM.sub(spell, text)


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u2011", "-")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"(?<=\d)\s?[–—]\s?(?=[\d£$€])", "-", text)  # 2022–24 -> 2022-24
    return re.sub(r"\s[–—]\s|—", ", ", text)


def speak_phone(number: str) -> str:
    """'0345 303 6760' -> '0 3 4 5, 3 0 3, 6 7 6 0': digit by digit, in the written groups."""
    number = number.replace("(0)", " ").replace("(", " ").replace(")", " ")
    prefix = ""
    country = re.match(r"\+(\d{1,3})[\s-]*", number)
    if country:
        prefix = "plus " + " ".join(country.group(1)) + ", "
        number = number[country.end():]
    groups = [group for group in re.split(r"[\s.-]+", number.strip()) if group]
    if len(groups) == 1 and len(groups[0]) == 11:  # 03453036760 -> 0345 303 6760
        raw = groups[0]
        groups = [raw[:4], raw[4:7], raw[7:]] if raw[1] in "389" else [raw[:5], raw[5:]]
    return prefix + ", ".join(" ".join(group) for group in groups)


def speak_email(address: str) -> str:
    user, _, domain = address.partition("@")
    return f"{_dotted(user)} at {_dotted(domain)}"


def speak_url(url: str) -> str:
    url = re.sub(r"^https?://", "", url, flags=re.I)
    host, _, path = url.partition("/")
    path = unquote(path)  # "a%20b" is said as the words it encodes
    spoken = " dot ".join(_part(part) for part in host.split("."))
    if path:
        spoken += " slash " + " slash ".join(
            _part(part) for part in path.strip("/").split("/") if part)
    return spoken


def _dotted(text: str) -> str:
    return " dot ".join(_part(part) for part in text.split("."))


def _part(part: str) -> str:
    part = re.sub(r"\d+", lambda m: " " + " ".join(m.group(0)) + " ", part).strip()
    if part.lower() == "www":
        return "w w w"
    if part.lower() in ("uk", "gov", "org", "nhs", "co", "ac"):
        return {"uk": "U K", "gov": "gov", "org": "org", "nhs": "N H S", "co": "co",
                "ac": "A C"}[part.lower()]
    if len(part) <= 3 and part.isalpha() and part.upper() == part:
        return " ".join(part)
    return " ".join(part.replace("-", " dash ").replace("_", " underscore ").split())


def _saint_or_street(text: str) -> str:
    def replace(match: re.Match) -> str:
        before, dot, space, after = (match.group(1) or "", match.group(2), match.group(3),
                                     match.group(4) or "")
        follows_name = bool(re.search(r"(?:[A-Z][a-z]+|\d+)\s*$", before))
        if after[:1].isupper() and not follows_name:
            return f"{before}Saint {after}"
        return f"{before}Street{dot}{space}{after}"

    return re.sub(r"(\b\w[\w']*\s)?\bSt\b(\.?)(\s*)([\w']*)", replace, text)


def _money(text: str) -> str:
    symbols = "".join(re.escape(symbol) for symbol in CURRENCIES)
    pattern = re.compile(
        rf"(?P<sym>[{symbols}])\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>bn|mn|m|k|b|tn|"
        rf"thousand|million|billion|trillion)\b)?")

    def replace(match: re.Match) -> str:
        major, majors, minor, minors = CURRENCIES[match.group("sym")]
        number = match.group("num").replace(",", "")
        scale = match.group("scale")
        if scale:
            return f"{decimal(number)} {SCALE_WORDS[scale.lower()]} {majors}"
        whole, _, pence = number.partition(".")
        amount = int(whole or 0)
        words = f"{cardinal(amount)} {major if amount == 1 else majors}"
        if pence and int(pence) and minor:
            pence_value = int(pence.ljust(2, "0")[:2])
            if amount == 0:
                return f"{cardinal(pence_value)} {minor if pence_value == 1 else minors}"
            # UK: "£1.20" is said "one pound twenty".
            words += f" {cardinal(pence_value)}" if major == "pound" else \
                f" and {cardinal(pence_value)} {minor if pence_value == 1 else minors}"
        return words

    text = pattern.sub(replace, text)
    return re.sub(r"\b(\d+)p\b", lambda m: f"{cardinal(int(m.group(1)))} pence", text)


def _percent(text: str) -> str:
    return re.sub(r"(\d[\d,]*(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)",
                  lambda m: f"{decimal(m.group(1))} per cent", text)


def _day_month_year(day: str, month: str, year_text: str | None, weekday: str = "") -> str:
    name = MONTH_NAMES[month.lower().rstrip(".")]
    spoken = f"{weekday + ' ' if weekday else ''}the {ordinal(int(day))} of {name}"
    return spoken + (f" {year(int(year_text))}" if year_text else "")


def _dates(text: str) -> str:
    # 3 March 2024, Monday 3rd March 2024, 25 jul 2012
    text = re.sub(
        rf"\b(?:(?P<wd>{WEEKDAYS}),?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<m>{MONTH_RE})(?:,?\s+(?P<y>\d{{4}}))?\b",
        lambda m: _day_month_year(m.group("d"), m.group("m"), m.group("y"), m.group("wd") or ""),
        text, flags=re.I)
    # March 3, 2024 (US order, still said the British way)
    text = re.sub(
        rf"\b(?P<m>{MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b",
        lambda m: f"{MONTH_NAMES[m.group('m').lower().rstrip('.')]} the "
                  f"{ordinal(int(m.group('d')))}" + (f" {year(int(m.group('y')))}"
                                                     if m.group("y") else ""),
        text, flags=re.I)
    # March 2024
    text = re.sub(rf"\b(?P<m>{MONTH_RE})\s+(?P<y>\d{{4}})\b",
                  lambda m: f"{MONTH_NAMES[m.group('m').lower().rstrip('.')]} "
                            f"{year(int(m.group('y')))}", text, flags=re.I)
    # 2024-03-01 (ISO) and 01/03/2024 (UK: day first)
    text = re.sub(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b",
                  lambda m: _numeric_date(m.group(3), m.group(2), m.group(1)), text)
    text = re.sub(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b",
                  lambda m: _numeric_date(m.group(1), m.group(3), m.group(4)), text)
    # 1980s
    text = re.sub(r"\b(1\d|20)(\d)0\s?'?s\b", lambda m: _decade(m.group(0)), text)
    return text


def _numeric_date(day: str, month: str, year_text: str) -> str:
    if int(month) > 12 >= int(day):
        day, month = month, day  # only a US date can have a month over 12 there
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return f"{day}/{month}/{year_text}"
    if len(year_text) == 2:
        year_text = "20" + year_text
    return _day_month_year(day, MONTHS[int(month) - 1], year_text)


def _decade(text: str) -> str:
    number = int(re.sub(r"\D", "", text))
    spoken = year(number)
    if spoken.endswith("y"):
        return spoken[:-1] + "ies"
    return spoken + "s"


def _times(text: str) -> str:
    def clock(hours: str, minutes: str | None, meridiem: str | None) -> str:
        spoken = cardinal(int(hours))
        if minutes and int(minutes):
            spoken += " " + (f"oh {cardinal(int(minutes))}" if int(minutes) < 10
                             else cardinal(int(minutes)))
        if meridiem:
            spoken += " " + " ".join(meridiem.replace(".", "").lower())
        elif minutes == "00":
            spoken += " o'clock" if int(hours) <= 12 else " hundred"
        return spoken

    def meridiem(match: re.Match) -> str:
        spoken = clock(match.group(1), match.group(2), match.group(3))
        # "5 p.m." at the end of a sentence: the full stop also ends the sentence.
        following = match.string[match.end():match.end() + 2]
        if match.group(3).endswith(".") and (not following or following[1:2].isupper()):
            spoken += "."
        return spoken

    text = re.sub(r"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap]\.m\.?|[ap]m)(?=\W|$)", meridiem, text,
                  flags=re.I)
    return re.sub(r"\b([01]?\d|2[0-3]):([0-5]\d)\b",
                  lambda m: clock(m.group(1), m.group(2), None), text)


def _ranges(text: str) -> str:
    # 2022-24 and 2022/23 -> twenty twenty-two to twenty twenty-four
    def years(match: re.Match) -> str:
        start = int(match.group(1))
        end_text = match.group(2)
        end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
        if end <= start:
            return match.group(0)
        return f"{year(start)} to {year(end)}"

    text = re.sub(r"\b(1[5-9]\d\d|20\d\d)[-/](\d{2}|\d{4})\b", years, text)
    text = re.sub(rf"\b({WEEKDAYS})\s?-\s?({WEEKDAYS})\b", r"\1 to \2", text)
    text = re.sub(r"(?<=\b[ap] m)\s?-\s?", " to ", text)
    return re.sub(r"(?<=\d)\s?-\s?(?=[\d£$€])", " to ", text)


def _units(text: str) -> str:
    keys = sorted(UNITS, key=len, reverse=True)
    pattern = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s?(" + "|".join(re.escape(k) for k in keys) +
                         r")(?![\w²])", re.I)

    def replace(match: re.Match) -> str:
        number = match.group(1)
        single, plural = UNITS[match.group(2).lower()]
        return f"{decimal(number)} {single if number == '1' else plural}"

    return pattern.sub(replace, text)


def _fraction(match: re.Match) -> str:
    top, bottom = int(match.group(1)), int(match.group(2))
    names = {2: ("half", "halves"), 4: ("quarter", "quarters")}
    if bottom in names:
        return f"{cardinal(top)} {names[bottom][0] if top == 1 else names[bottom][1]}"
    if 2 < bottom < 100:
        denominator = ordinal(bottom)
        return f"{cardinal(top)} {denominator}{'' if top == 1 else 's'}"
    return f"{cardinal(top)} over {cardinal(bottom)}"


def _numbers(text: str) -> str:
    def replace(match: re.Match) -> str:
        token = match.group(0)
        plain = token.replace(",", "")
        if "." in plain:
            return decimal(plain)
        if len(plain) == 4 and "," not in token and 1100 <= int(plain) <= 2099:
            return year(int(plain))
        if len(plain) > 1 and plain.startswith("0"):
            return digits(plain)
        return cardinal(int(plain))

    return re.sub(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.])\d+(?:\.\d+)?(?![\d])",
                  replace, text)


def _pronounceable(word: str) -> bool:
    """Long acronyms with vowels in speakable places (UNESCO) are said as words."""
    vowels = sum(ch in "AEIOU" for ch in word)
    return vowels >= 2 and not re.search(r"[^AEIOU]{3,}", word)
