"""Numbers and measures as classified spans, and where a number word may become digits.

Kinds: money, percent, measure, date, time, year_range, year, ordinal, fraction, cardinal,
number_word. `value` carries the scale ("million" for "£6m" and "6m visitors"), the unit
("metre" for "2m high") or the digits of a number word ("3" for "three").
"""

from __future__ import annotations

import re

from converter.language.spans import Span, without_overlaps

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_RE = r"(?:" + "|".join(sorted({m for name in MONTHS for m in (name, name[:3])} | {"Sept"},
                                    key=len, reverse=True)) + r")\.?"
# "Sept", "mar." -> the month's full name
MONTH_NAMES = {**{name[:3].lower(): name for name in MONTHS},
               **{name.lower(): name for name in MONTHS}, "sept": "September"}
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SCALES = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion", "b": "billion",
          "tn": "trillion", "thousand": "thousand", "million": "million", "billion": "billion",
          "trillion": "trillion"}
# Unit -> (singular, plural) as said aloud. "m" is metres only with a dimension word after
# it ("2m high"); otherwise "6m" is six million.
UNITS = {
    "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"), "km": ("kilometre", "kilometres"),
    "cm": ("centimetre", "centimetres"), "mm": ("millimetre", "millimetres"),
    "mph": ("mile per hour", "miles per hour"), "kwh": ("kilowatt hour", "kilowatt hours"),
    "mw": ("megawatt", "megawatts"), "kw": ("kilowatt", "kilowatts"),
    "ml": ("millilitre", "millilitres"), "l": ("litre", "litres"),
    "mb": ("megabyte", "megabytes"), "gb": ("gigabyte", "gigabytes"),
    "mbps": ("megabit per second", "megabits per second"), "ha": ("hectare", "hectares"),
    "sq ft": ("square foot", "square feet"), "m²": ("square metre", "square metres"),
    "°c": ("degree Celsius", "degrees Celsius"), "°f": ("degree Fahrenheit", "degrees Fahrenheit"),
    "ft": ("foot", "feet"), "mi": ("mile", "miles"), "lb": ("pound", "pounds"),
    "kph": ("kilometre per hour", "kilometres per hour"), "hrs": ("hour", "hours"),
    "hr": ("hour", "hours"), "mins": ("minute", "minutes"), "min": ("minute", "minutes"),
    "mg": ("milligram", "milligrams"), "tb": ("terabyte", "terabytes"),
    "mwh": ("megawatt hour", "megawatt hours"),
    "gbps": ("gigabit per second", "gigabits per second"),
    "km/h": ("kilometre per hour", "kilometres per hour"), "cc": ("C C", "C C"),
    "sq m": ("square metre", "square metres"), "m2": ("square metre", "square metres"),
    "km²": ("square kilometre", "square kilometres"),
    "km2": ("square kilometre", "square kilometres"),
    "m³": ("cubic metre", "cubic metres"), "m3": ("cubic metre", "cubic metres"),
    "km³": ("cubic kilometre", "cubic kilometres"), "ºc": ("degree Celsius", "degrees Celsius"),
    "yd": ("yard", "yards"), "yds": ("yard", "yards"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "secs": ("second", "seconds"), "sec": ("second", "seconds"),
}
# "m" after a number is metres, not million, when the words around say a length: a
# dimension after it ("2m high"), a noun it describes after "a" ("a 2m wall"), another
# measure ("3m by 4m"), or a length word earlier in the sentence ("a height of 2m").
DIMENSIONS = (r"high|tall|wide|long|deep|thick|away|apart|across|"
              r"in (?:length|height|width|depth|diameter)")
LENGTH_CONTEXT = re.compile(r"\b(?:height|width|length|depth|distance|diameter|radius|high|"
                            r"tall|wide|long|deep|measur\w*|metres?|square|fence|wall|hedge|"
                            r"tree|path|road|pool|room)\b", re.I)


def metres_in_context(text: str, start: int, end: int) -> bool:
    """Whether the "m" of text[start:end] ("2m") is metres rather than million."""
    after = text[end:end + 30]
    if re.match(rf"\s*(?:(?:{DIMENSIONS})\b|(?:by|x|×)\s*\d)", after, re.I):
        return True
    if re.match(r"(?:\s*/\s*|\s+per\s+)(?:s|secs?|seconds?|mins?|minutes?|h|hr|hours?)\b",
                after, re.I):
        return True  # a speed: "4 m/s" is metres per second, never million
    before = text[max(0, start - 60):start]
    if re.search(r"(?:\bby|\d\s?m\s?[x×])\s*$", before, re.I):
        return True  # "3m by 4m", "3m x 4m": both are lengths
    if re.search(r"\b(?:a|an)\s*$", before, re.I) and re.match(r"\s+[a-z]", after):
        return True  # "a 2m wall"
    sentence = re.split(r"[.!?]\s", before)[-1] + after.split(".")[0]
    return bool(LENGTH_CONTEXT.search(sentence)) and not re.match(r"\s*(?:of|in)\b", after)
UNIT_WORDS = ("metres?|kilometres?|centimetres?|millimetres?|miles?|feet|foot|inches|inch|"
              "kilograms?|kilos?|grams?|tonnes?|litres?|hectares?|acres?|degrees?|hours?|"
              "minutes?|seconds?|days?|weeks?|months?|years?")
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
ORDINAL_WORDS = ("first|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
                 "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
                 "twentieth|thirtieth|fortieth|fiftieth|hundredth")  # "second" is also time

# The written shapes of numbers, dates and times: the spans below and the audio readings
# (converter/formats/audio) both find them with these, so each shape is written once.
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = NUM + r"|\.\d+"  # also ".5" with no leading zero
SCALE_RE = "|".join(sorted(SCALES, key=len, reverse=True))  # "bn", "m", "million", ...
PERCENT_SIGN = r"(?:%|per\s?cent\b|percent\b)"
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)"
YEAR_RE = r"1[5-9]\d\d|20\d\d"  # a four-digit number read as a year
# 3 March 2024, Monday 3rd of March; March 2024; 5pm, 9.30 a.m.; 14:30.
DAY_MONTH = (rf"\b(?:(?P<wd>{WEEKDAYS}),?\s+)?(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}?\s+(?:of\s+)?"
             rf"(?P<m>{MONTH_RE})(?:,?\s+(?P<y>\d{{4}}))?\b")
MONTH_YEAR = rf"\b(?P<m>{MONTH_RE})\s+(?P<y>\d{{4}})\b"
CLOCK_12 = r"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap]\.m\.?|[ap]m)(?=\W|$)"
CLOCK_24 = r"\b([01]?\d|2[0-3]):([0-5]\d)\b"
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_MEASURE = rf"(?:{NUM})\s?(?:{_UNIT}|{UNIT_WORDS}|m(?=\s+(?:high|wide|long|tall|deep|away|apart|"\
           rf"square|in\s+(?:height|width|length|diameter)|x|×|by)\b))(?![\w²])"
_DIM = rf"(?:{NUM})\s?(?:{_UNIT}|{UNIT_WORDS}|m)"
_WORD_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(pattern, re.I)) for kind,
                                                     pattern in (
    ("money", rf"[£$€]\s?(?:{NUM})(?:\s?(?:{SCALE_RE})\b)?|(?<![\w.])\d+p\b"),
    ("percent", rf"(?<![\w.])(?:{NUM})\s?{PERCENT_SIGN}"),
    ("measure", rf"(?<![\w.]){_DIM}\s?(?:x|×|by)\s?{_DIM}(?![\w²])"),
    ("measure", rf"(?<![\w.]){_MEASURE}"),
    ("date", DAY_MONTH),
    ("date", rf"\b{MONTH_RE}\s+\d{{1,2}}{ORDINAL_SUFFIX}?(?:,?\s+\d{{4}})?\b"),
    ("date", MONTH_YEAR),
    ("date", r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})\b"),
    ("time", rf"{CLOCK_12}|{CLOCK_24}"),
    ("year_range", rf"\b(?:{YEAR_RE})\s?[-–/]\s?(?:\d{{4}}|\d{{2}})\b"),
    ("ordinal", rf"\b\d+{ORDINAL_SUFFIX}\b|\b(?:{ORDINAL_WORDS})\b"),
    ("fraction", r"(?<![\w/.])\d+/\d+(?![\w/])|[½¼¾⅓⅔]|\b(?:a|one|two|three)[- ]"
                 r"(?:half|halves|third|thirds|quarter|quarters)\b"),
    ("cardinal", rf"(?<![\w.])(?:{NUM})(?:\s?(?:bn|mn|m|k|tn)\b|\s+(?:thousand|million|billion|"
                 r"trillion)\b)?(?![\d])"),
    ("number_word", rf"\b(?:{_WORD_NUM})(?:[- ](?:{_WORD_NUM}))*\b"),
))


def number_spans(text: str) -> tuple[Span, ...]:
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            kind_found, value = _kind(kind, match), _value(kind, match.group(0))
            if (kind_found == "cardinal" and re.search(r"\d\s?m$", match.group(0))
                    and metres_in_context(text, match.start(), match.end())):
                kind_found, value = "measure", "metre"  # "a 2m wall"
            found.append(Span(match.start(), match.end(), match.group(0), kind_found, value))
    return without_overlaps(found)


def _kind(kind: str, match: re.Match) -> str:
    if kind == "cardinal" and re.fullmatch(YEAR_RE, match.group(0)):
        return "year"
    return kind


def _value(kind: str, text: str) -> str:
    lower = text.lower()
    if kind in ("money", "cardinal") and (scale := re.search(r"[a-z]+$", lower)):
        return SCALES.get(scale.group(0), "")
    if kind == "measure":
        unit = re.search(r"[^\d\s,.]+$", lower)
        if unit and unit.group(0) == "m":
            return "metre"
        if not unit:
            return ""
        word = unit.group(0)
        singular = {"feet": "foot", "inches": "inch"}.get(word, word.removesuffix("s"))
        return UNITS[word][0] if word in UNITS else singular
    if kind == "number_word":
        parts = [NUMBER_WORDS[w] for w in re.split(r"[- ]", lower)]
        if len(parts) == 2 and parts[0] >= 20 and parts[1] < 10:
            return str(parts[0] + parts[1])  # twenty-one
        return str(parts[0]) if len(parts) == 1 else ""
    return ""


# "one" as a pronoun ("the next one", "one of", "no one"), never a number to write as "1".
PRONOUN_BEFORE = frozenset({
    "the", "this", "that", "which", "each", "every", "any", "no", "next", "last", "other",
    "another", "someone", "anyone", "everyone", "no-one", "only", "right", "wrong", "new",
    "old", "same", "little", "big",
})
NOT_COUNTED_AFTER = frozenset({
    "of", "another", "and", "or", "who", "that", "which", "way", "is", "was", "will",
    "would", "can", "could", "should", "must", "may", "might", "has", "had", "up", "out",
    "off", "down", "here", "there", "too", "again",
})


def digits_allowed(text: str, start: int, end: int) -> bool:
    """Whether the number word at text[start:end] may be written as digits (Easy Read:
    "three months" -> "3 months"). Never inside another word ("no-one", "someone",
    "anyone", "one-off"), and never "one" used as a pronoun: after a determiner ("the next
    one", "this one"), before "of"/"another"/a verb ("one of them", "one another", "one
    can"), or with nothing after it that it counts ("we have one.")."""
    word = text[start:end].lower()
    if not re.fullmatch(rf"(?:{_WORD_NUM})(?:[- ](?:{_WORD_NUM}))*", word):
        return False
    if (start and (text[start - 1].isalnum() or text[start - 1] in "-'’")) or (
            end < len(text) and (text[end].isalnum() or text[end] in "-'’")):
        return False  # part of a word: someone, anyone, no-one, one-off
    if word != "one":
        return True
    before = text[:start].split()
    after = re.match(r"\s+([A-Za-z][\w'’-]*)", text[end:])
    if not after or after.group(1).lower() in NOT_COUNTED_AFTER:
        return False
    if len(before) > 1 and before[-2].lower() in PRONOUN_BEFORE and before[-1].isalpha() \
            and before[-1].islower() and before[-1] not in NUMBER_WORDS:
        return False  # 'the offending one', 'the first one': a pronoun with its adjective
    return not (before and before[-1].lower().strip(",.;:") in PRONOUN_BEFORE)


# A comparison sign before a number, in words: "(< 5)" is "less than 5". Speech engines drop
# "<" and ">" (espeak reads "(< 5)" as "five"), and Easy Read has no symbols.
COMPARISONS = {"<=": "at most", "=<": "at most", "≤": "at most", ">=": "at least",
               "=>": "at least", "≥": "at least", "<": "less than", ">": "more than"}
COMPARISON = re.compile(r"(?<![<>=\w-])(<=|=<|>=|=>|≤|≥|<|>)\s?(?=[£$€]?\d|\.\d)")


def comparison_words(text: str) -> str:
    """'(< 5)' -> '(less than 5)', '≥18' -> 'at least 18'; a sign not before a number stays."""
    return COMPARISON.sub(lambda m: COMPARISONS[m.group(1)] + " ", text)


# A date format written as letters: DD/MM/YYYY, MM/YYYY, YYYY-MM-DD, dd.mm.yy. Each part is
# one letter repeated (D day, M month, Y year); read letter by letter it is noise ("D D per
# millimetre"), so it is said as the parts in their order: "day, month, year".
_DATE_PART = r"d{1,2}|m{1,2}|y{4}|y{2}"
DATE_FORMAT = re.compile(rf"(?<![\w/.-])({_DATE_PART})([/.-])({_DATE_PART})(?:\2({_DATE_PART}))?"
                         r"(?![\w/-]|\.\w)", re.I)
DATE_PART_NAMES = {"d": "day", "m": "month", "y": "year"}


def date_format_words(match: re.Match) -> str | None:
    """The spoken order of a DATE_FORMAT match ("day, month, year"; a two-letter year is a
    "two-digit year"), or None when the letters are not a date format ("mm/m")."""
    parts = [match.group(1), match.group(3)] + ([match.group(4)] if match.group(4) else [])
    letters = [p[0].lower() for p in parts]
    if len(set(letters)) != len(letters) or (len(parts) == 2 and all(len(p) == 1
                                                                      for p in parts)):
        return None
    return ", ".join("two-digit year" if p.lower() == "yy" else DATE_PART_NAMES[p[0].lower()]
                     for p in parts)


# Easy Read says a date format in words with an example date, each part from here in the
# master's order and separator: DD/MM/YYYY -> 25/07/2024, YYYY-MM-DD -> 2024-07-25.
DATE_PART_EXAMPLES = {"d": "25", "m": "07", "y": "2024", "yy": "24"}
# 'in DD/MM/YYYY format', 'in the format DD/MM/YYYY', or the letters alone.
DATE_FORMAT_PHRASE = re.compile(
    rf"(?:\bin\s+(?:the\s+)?(?:format\s+)?)?(?<![\w/.-])(?:{_DATE_PART})([/.-])(?:{_DATE_PART})"
    rf"(?:\1(?:{_DATE_PART}))?(?![\w/-]|\.\w)(?:\s+format\b)?", re.I)


def date_format_plain(text: str) -> str:
    """Date formats in plain words with an example, for Easy Read: 'in DD/MM/YYYY format'
    -> 'with the day first, like 25/07/2024' (short: Easy Read keeps to 15 words a
    sentence). The parts and their order are the ones audio says (date_format_words);
    letters that are not a date format stay."""
    def plain(match: re.Match) -> str:
        letters = DATE_FORMAT.search(match.group(0))
        spoken = date_format_words(letters) if letters else None
        if letters is None or spoken is None:
            return match.group(0)
        parts = [part for part in letters.group(1, 3, 4) if part]
        example = letters.group(2).join(
            DATE_PART_EXAMPLES["yy" if part.lower() == "yy" else part[0].lower()]
            for part in parts)
        # 'with the day first, like 25/07/2024': the order, then an example that shows every
        # part (naming each part made the sentence longer than Easy Read's 15 words)
        lead = "with " if match.group(0) != letters.group(0) else ""  # 'in ... format'
        return f"{lead}the {spoken.split(', ')[0]} first, like {example}"
    return DATE_FORMAT_PHRASE.sub(plain, text)


# A note marker glued to the word it annotates: "information[7]", "information¹". It points
# to a footnote; it is not a number in the sentence ("information seven"). A superscript
# after one or two letters is a unit's power ("m²", "km³"), not a note.
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NOTE_MARKER = re.compile(rf"(?<=[^\s\[(])\[(\d{{1,3}})\](?![(\[:])"
                         r"|(?:(?<=[A-Za-z]{3})|(?<=[).,;]))"
                         rf"([{SUPERSCRIPT_DIGITS}]{{1,3}})(?![\w{SUPERSCRIPT_DIGITS}])")


def note_markers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, note number) of each note marker in `text`."""
    found = []
    for match in NOTE_MARKER.finditer(text):
        number = match.group(1) or "".join(str(SUPERSCRIPT_DIGITS.index(ch))
                                           for ch in match.group(2))
        found.append((match.start(), match.end(), number))
    return found


def without_note_markers(text: str) -> str:
    """`text` with its note markers taken out (the notes themselves are read elsewhere)."""
    for start, end, _ in reversed(note_markers(text)):
        text = text[:start] + text[end:]
    return text
