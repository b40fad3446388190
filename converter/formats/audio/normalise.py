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

from converter.formats.audio import amounts
from converter.formats.audio.dates import dates, times
from converter.formats.audio.numbers import digits
from converter.formats.audio.say_contacts import (
    speak_email,
    speak_file_name,
    speak_ip,
    speak_phone,
    speak_postcode,
    speak_url,
)
from converter.language.acronyms import CAPS_ACRONYM, acronym_base, is_word_in_capitals
from converter.language.contacts import (
    EMAIL,
    FILE_NAME,
    GROUPED_PHONE,
    IP_ADDRESS,
    PHONE,
    POSTCODE,
    URL,
)
from converter.language.latin import AbbreviationTable, default_table
from converter.language.numbers import (
    DATE_FORMAT,
    WEEKDAYS,
    comparison_words,
    date_format_words,
    without_note_markers,
)
from converter.language.placeholders import placeholder_spans

PLS_NS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"
# Latin and other shorthand (e.g., etc., and/or) are read from styles/words/abbreviations.tsv.
ABBREVIATIONS = [
    (r"\bapprox\.", "approximately"),
    (r"\bCllr\.?(?=\s)", "Councillor"),
    (r"\bDr\.?(?=\s+[A-Z])", "Doctor"),
    (r"\bMrs\.?(?=\s+[A-Z])", "Missus"),
    (r"\bMr\.?(?=\s+[A-Z])", "Mister"),
    (r"\bMs\.?(?=\s+[A-Z])", "Miz"),
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
# An email address followed by a path (NeMo's "sdf@gmail.com/123-sm") is read as one.
EMAIL_WITH_PATH = re.compile(EMAIL.pattern + r"(?:/[^\s<>()\"]*[\w/])?")
PERCENT_ENCODED = re.compile(r"\S*%[0-9A-Fa-f]{2}\S*")
PER_UNIT = [(r"/(?:mo|month)\b", " per month"), (r"/(?:yr|year|annum)\b", " per year"),
            (r"/(?:wk|week)\b", " per week"), (r"/(?:d|day)\b", " per day"),
            (r"/(?:hr|hour|h)\b", " per hour"), (r"\bp\.a\.", "a year")]


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


# An IP address, with the length of its network prefix when it names a block of addresses
# (CIDR, RFC 4632: "172.16.0.0/12").
IP_BLOCK = re.compile(IP_ADDRESS.pattern + r"(?:/\d{1,3}(?!\w|\.\d))?")
LONG_NUMBER = re.compile(r"\d{1,3}(?:,\d{3}){7,}|\d{16,}")


@dataclass
class Normaliser:
    lexicon: Lexicon = field(default_factory=Lexicon)
    abbreviations: AbbreviationTable = field(default_factory=default_table)

    @classmethod
    def from_style(cls, style) -> Normaliser:
        """The normaliser a style folder describes: its lexicon and abbreviation table."""
        from converter.language.latin import ABBREVIATIONS_FILE, AbbreviationTable

        return cls(Lexicon.load(style.path("lexicon.pls")),
                   AbbreviationTable.load(style.path(ABBREVIATIONS_FILE)))

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
        # A note marker ("information[7]") is not said: the note is read in its own place.
        text = without_note_markers(text)
        # A template placeholder is said as one, not as if it were real: "Registered office:
        # [address]" would be heard as "Registered office: address".
        for span in reversed(placeholder_spans(text)):
            words = span.value.strip("[]").replace("-", " ")
            text = text[:span.start] + protect(f"placeholder {words}") + text[span.end:]
        text = DATE_FORMAT.sub(lambda m: protect(words) if (words := date_format_words(m))
                               else m.group(0), text)
        text = comparison_words(text)
        # "dataset(s)": espeak says "dataset, ess"; a reader says "dataset or datasets".
        text = re.sub(r"\b([A-Za-z]{2,})\((s|es|ren)\)(?!\w)", r"\1 or \1\2", text)
        # A number too long to say as a whole (past the quintillions) is read digit by digit;
        # int() also refuses numbers over 4,300 digits.
        text = LONG_NUMBER.sub(lambda m: protect(digits(m.group(0))), text)
        text = PERCENT_ENCODED.sub(lambda m: unquote(m.group(0)) if "://" not in m.group(0)
                                   else m.group(0), text)
        text = EMAIL_WITH_PATH.sub(lambda m: protect(speak_email(m.group(0))), text)
        text = URL.sub(lambda m: protect(speak_url(m.group(0))), text)
        text = FILE_NAME.sub(lambda m: protect(speak_file_name(m.group(0))), text)
        text = IP_BLOCK.sub(lambda m: protect(speak_ip(m.group(0))), text)
        text = GROUPED_PHONE.sub(lambda m: protect(speak_phone(m.group(0))), text)
        text = PHONE.sub(lambda m: protect(speak_phone(m.group(0))), text)
        text = POSTCODE.sub(lambda m: protect(speak_postcode(m.group(0))), text)
        for pattern, replacement in PER_UNIT:
            text = re.sub(pattern, replacement, text)
        text = self._lexicon(text)
        text = self.abbreviations.replace(text, "spoken")
        text = re.sub(r"\b(for example|that is):", r"\1", text)  # "eg:" needs no pause
        for pattern, replacement in ABBREVIATIONS:
            text = re.sub(pattern, replacement, text)
        text = _saint_or_street(text)
        text = amounts.money(text)
        text = amounts.percent(text)
        text = dates(text)
        text = times(text)
        text = amounts.decades(text)
        text = amounts.fractions(text)
        text = amounts.ordinals(text)
        text = amounts.measures(text)
        text = amounts.amounts(text)
        text = amounts.ranges(text)
        text = re.sub(rf"\b({WEEKDAYS})\s?-\s?({WEEKDAYS})\b", r"\1 to \2", text)
        text = re.sub(r"(?:(?<=\s)|^)-(?=\d)", "minus ", text)
        text = amounts.numbers(text)
        text = self._acronyms(text)
        for symbol, spoken in SYMBOLS:
            text = text.replace(symbol, spoken)
        text = re.sub(r"\s?(?<=\w)/(?=\w)|(?<=\w)\s/\s(?=\w)", " slash ", text)
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
            word = acronym_base(match.group(0))
            plural = word != match.group(0)
            if word in self.lexicon.words or len(word) > 8:
                return match.group(0)
            if (len(word) >= 5 and _pronounceable(word)) or is_word_in_capitals(word):
                return match.group(0)
            letters = " ".join(ch for ch in word if ch != "&")
            return letters + ("s" if plural else "")

        return CAPS_ACRONYM.sub(spell, text)


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u2011", "-")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"(?<=\d)\s?[–—]\s?(?=[\d£$€])", "-", text)  # 2022–24 -> 2022-24
    return re.sub(r"\s[–—]\s|—", ", ", text)


def _saint_or_street(text: str) -> str:
    def replace(match: re.Match) -> str:
        before, dot, space, after = (match.group(1) or "", match.group(2), match.group(3),
                                     match.group(4) or "")
        follows_name = bool(re.search(r"(?:[A-Z][a-z]+|\d+)\s*$", before))
        if after[:1].isupper() and not follows_name:
            return f"{before}Saint {after}"
        return f"{before}Street{dot}{space}{after}"

    return re.sub(r"(\b\w[\w']*\s)?\bSt\b(\.?)(\s*)([\w']*)", replace, text)


def _pronounceable(word: str) -> bool:
    """Long acronyms with vowels in speakable places (UNESCO) are said as words."""
    vowels = sum(ch in "AEIOU" for ch in word)
    return vowels >= 2 and not re.search(r"[^AEIOU]{3,}", word)
