"""Numbers the British way: money, per cent, amounts with m/bn/k, measures (with units as
adjectives and "by" between them), ranges, fractions, ordinals and plain numbers.

Each function takes text and returns it with one kind of number in words. They run in the
order the normaliser lists, most specific first (money before measures before plain
numbers), so "£6m" is money, "2m high" a measure and "6m visitors" an amount.
"""

from __future__ import annotations

import re

from converter.formats.audio.numbers import ONES, cardinal, decimal, digits, ordinal, year
from converter.formats.audio.say_contacts import speak_digits
from converter.language.numbers import (
    NUMBER,
    ORDINAL_SUFFIX,
    PERCENT_SIGN,
    SCALE_RE,
    YEAR_RE,
    metres_in_context,
)
from converter.language.numbers import SCALES as SCALE_WORDS
from converter.language.numbers import UNITS as LANGUAGE_UNITS

CURRENCIES = {"£": ("pound", "pounds", "penny", "pence"), "$": ("dollar", "dollars", "cent", "cents"),
              "€": ("euro", "euros", "cent", "cents"), "¥": ("yen", "yen", "", ""),
              "₩": ("won", "won", "", "")}
CURRENCY_PREFIXES = {"US": "US", "A": "Australian", "C": "Canadian", "NZ": "New Zealand",
                     "HK": "Hong Kong"}
# Units and scales are the language layer's (converter/language/numbers.py: each unit with
# what it is called, singular and plural); "m" is metres only in a measure.
UNITS = {**LANGUAGE_UNITS, "m": ("metre", "metres")}
# Units only taken as units right after a digit, or with a noun after them ("4 g" alone
# may be a label).
DIGIT_ONLY = {"l", "g", "m", "mi"}
PER = {"s": "second", "h": "hour", "hr": "hour", "d": "day", "wk": "week", "yr": "year",
       "mo": "month", **{key: single for key, (single, _) in UNITS.items()}}
# After a measure, these words show it is not an adjective before a noun ("2m high",
# "18kg of rice", "5km away"); any other lower-case word is the noun it describes.
NOT_A_NOUN = set("""
of or and to per each in at on from for by x with away high tall wide long deep thick apart
above below under over less more max maximum min minimum is are was were will be been a an
the than across along into it its this that these those which who when where if as so but
off behind ahead ago later before after round around north south east west total overall
then there here up down only nor not no all both every altogether already also just
square cubic times
""".split())  # noqa: SIM905 - a word list staff can read


def _words(number: str) -> str:
    """A number as written: "1,240" -> cardinal, "1.4" -> decimal, ".5" -> "point five"."""
    plain = number.replace(",", "")
    if plain.startswith("."):
        return "point " + " ".join(digits(plain[1:]).split())
    if "." in plain:
        return decimal(plain)
    return cardinal(int(plain))


# -- money ---------------------------------------------------------------------------------


def money(text: str) -> str:
    symbols = "".join(re.escape(symbol) for symbol in CURRENCIES)
    prefixes = "|".join(CURRENCY_PREFIXES)
    amount = (rf"(?P<pre>{prefixes})?(?P<sym>[{symbols}])\s?(?P<num>{NUMBER})"
              rf"(?:\s?(?P<scale>{SCALE_RE})\b|(?P<B>B)\b)?")
    pattern = re.compile(amount)

    def replace(match: re.Match) -> str:
        return _say_money(match.group("sym"), match.group("num"),
                          match.group("scale") or match.group("B"), match.group("pre"))

    # "$250-$300", "£5-£10": a range of amounts.
    text = re.sub(rf"({amount})\s?[-–]\s?(?=[{symbols}])",
                  lambda m: replace(pattern.match(m.group(1))) + " to ", text)
    text = pattern.sub(replace, text)
    return re.sub(r"\b(\d+)p\b", lambda m: f"{cardinal(int(m.group(1)))} pence", text)


def _say_money(symbol: str, number: str, scale: str | None, prefix: str | None) -> str:
    major, majors, minor, minors = CURRENCIES[symbol]
    if prefix:
        major, majors = f"{CURRENCY_PREFIXES[prefix]} {major}", f"{CURRENCY_PREFIXES[prefix]} {majors}"
    plain = number.replace(",", "")
    whole, _, fraction = plain.partition(".")
    if scale:
        return f"{_words(plain)} {SCALE_WORDS[scale.lower()]} {majors}"
    if len(fraction) > 2 and not fraction[2:].strip("0"):
        fraction = fraction[:2]  # "$20.500" is twenty dollars fifty
        plain = f"{whole}.{fraction}"
    if len(fraction) > 2 or (plain.startswith(".") and len(fraction) != 2):
        return f"{_words(plain)} {majors}"  # "$20.506": a decimal amount, not pence
    amount = int(whole or 0)
    pence = int(fraction.ljust(2, "0")) if fraction else 0
    if amount == 0 and pence and minor:
        return f"{cardinal(pence)} {minor if pence == 1 else minors}"
    words = f"{cardinal(amount)} {major if amount == 1 else majors}"
    if pence and minor:
        # UK: "£1.20" is said "one pound twenty".
        words += f" {cardinal(pence)}" if major == "pound" else \
            f" and {cardinal(pence)} {minor if pence == 1 else minors}"
    return words


def percent(text: str) -> str:
    return re.sub(rf"({NUMBER})\s?{PERCENT_SIGN}",
                  lambda m: f"{_words(m.group(1))} per cent", text)


# -- measures and amounts --------------------------------------------------------------------


def _unit_pattern() -> str:
    keys = sorted(UNITS, key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys)


UNIT_RE = _unit_pattern()


def _unit(symbol: str) -> tuple[str, str]:
    return UNITS[symbol.lower()]


def measures(text: str) -> str:
    """Numbers with units: ranges ("2-5lb"), dimensions ("4ft x 5ft" -> "by"), "per"
    ("12/kg"), scale words ("100 million kg") and adjectives ("an 18kg backpack" -> "an
    eighteen-kilogram backpack"). "m" is metres only where the words around say a length
    ("2m high", "a 2m wall", "a height of 2m"); "6m visitors" is left for `amounts`."""
    text = _per_units(text)
    text = _dimensions(text)
    text = re.sub(rf"(?<![\w.])({NUMBER})\s?[-–]\s?({NUMBER})\s?({UNIT_RE})(?![\w²³])",
                  lambda m: _range_measure(m), text, flags=re.I)
    return re.sub(rf"(?<![\w.])({NUMBER})(?:\s?(thousand|million|billion))?(\s?)({UNIT_RE})"
                  rf"(?![\w²³/])(\s+[a-z][\w-]*)?",
                  _measure, text, flags=re.I)


def _measure(match: re.Match) -> str:
    number, scale, space, unit, following = (match.group(1), match.group(2), match.group(3),
                                             match.group(4), match.group(5) or "")
    if unit.lower() in DIGIT_ONLY and space and not following:
        return match.group(0)  # "page 4 g": a label, not a unit
    if unit == "G":
        return match.group(0)  # "4G", "5G": a mobile network, not grams
    if unit.lower() == "m" and (match.group(2) or not metres_in_context(
            match.string, match.start(), match.start() + len(number) + len(space) + 1)):
        return match.group(0)  # "6m visitors": an amount, not metres
    single, plural = _unit(unit)
    said = _words(number) + (f" {scale.lower()}" if scale else "")
    noun = following.strip()
    after_by = match.string[max(0, match.start() - 4):match.start()].endswith("by ")
    if noun and not after_by and noun.lower() not in NOT_A_NOUN and not scale and noun.islower():
        # A measure before a noun is an adjective: singular and hyphenated.
        return f"{said}-{single.replace(' ', '-')} {noun}"
    one = number in ("1", "1.0") and not scale
    return f"{said} {single if one else plural}{following}"


def _range_measure(match: re.Match) -> str:
    _, plural = _unit(match.group(3))
    return f"{_words(match.group(1))} to {_words(match.group(2))} {plural}"


def _per_units(text: str) -> str:
    """"12kg/kg" -> "12kg per kilogram", "3 cc/s" -> "3 cc per second"."""
    keys = sorted(PER, key=len, reverse=True)

    def per(match: re.Match) -> str:
        unit = match.group(1)
        # "mm" and one letter ("m", "d", "s") are units only after a number: "DD/MM" and
        # "x/m" are not "per millimetre" or "per metre".
        if (len(unit) == 1 or unit.lower() == "mm") and not re.search(
                rf"\d\s?(?:{UNIT_RE})?$", match.string[:match.start()], flags=re.I):
            return match.group(0)
        return f" per {PER[unit.lower()]}"

    return re.sub(r"(?<=[\d\w])\s?/(" + "|".join(re.escape(k) for k in keys) + r")\b",
                  per, text, flags=re.I)


def _dimensions(text: str) -> str:
    """"4ft x 5ft" -> "4ft by 5ft"; "2x8 m2" -> "2 by 8 m2": "x" between measures is "by";
    after a number alone it is a multiplier: "4.4x" -> "4.4 times"."""
    text = re.sub(r"(?<=\d)x(?![\w\d])", " times", text)
    return re.sub(rf"(?<=\d)(\s?(?:{UNIT_RE})?)\s?[x×]\s?(?=\d)", r"\1 by ", text,
                  flags=re.I)


def amounts(text: str) -> str:
    """"6m visitors" -> "six million visitors", "4.3bn tonnes", "20k" (no currency)."""
    return re.sub(rf"(?<![\w.])({NUMBER})\s?(bn|mn|m|k|tn)\b(?!\s?[²³])",
                  lambda m: f"{_words(m.group(1))} {SCALE_WORDS[m.group(2).lower()]}", text)


# -- ranges, fractions, ordinals, numbers -------------------------------------------------------


def ranges(text: str) -> str:
    def years(match: re.Match) -> str:
        start, end_text = int(match.group(1)), match.group(2)
        end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
        if end <= start:
            return match.group(0)
        # Said as written: "2022-24" is "twenty twenty-two to twenty-four".
        return f"{year(start)} to {year(end) if len(end_text) == 4 else cardinal(int(end_text))}"

    text = re.sub(rf"(?<![\d.,])({YEAR_RE})[-/–](\d{{2}}|\d{{4}})\b(?!\s?(?:" + UNIT_RE
                  + r")\b)", years, text, flags=re.I)
    text = re.sub(r"(?<=\b[ap] m)\s?-\s?", " to ", text)
    return re.sub(r"(?<=\d)\s?[-–]\s?(?=\d)", " to ", text)


def decades(text: str) -> str:
    """"1980s", "'80s", "80s", "mid-80s", "1960s-80s"."""
    def say(match: re.Match) -> str:
        century, tens = match.group(1), match.group(2)
        spoken = year(int(century + tens)) if century else cardinal(int(tens))
        return (spoken[:-1] + "ies") if spoken.endswith("y") else spoken + "s"

    text = re.sub(r"(?<![\w])(?:mid-)(?=(?:1\d|20)?\d0s\b|'\d0s\b)", "mid ", text)
    text = re.sub(r"(?<![\w'])(1\d|20)(\d0)\s?'?s\b", say, text)
    text = re.sub(r"(?<![\w'])'?()([1-9]0)'?s\b", say, text)
    return re.sub(r"(?<=ies)\s?[-–]\s?(?=\w)", " to ", text)


def ordinals(text: str) -> str:
    """"21st" -> "twenty first"; a suffix that does not fit the number ("4rd") is read as
    written rather than corrected."""
    def say(match: re.Match) -> str:
        number = int(match.group(1).replace(",", ""))
        suffix = match.group(2).lower()
        right = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(
            number % 10, "th")
        if suffix != right:
            return f"{cardinal(number)} {' '.join(suffix)}"
        return ordinal(number)

    return re.sub(rf"\b(\d{{1,3}}(?:,\d{{3}})+|\d+)({ORDINAL_SUFFIX})\b", say, text, flags=re.I)


def fractions(text: str) -> str:
    """"3/4" -> "three quarters", "2 1/2" -> "two and a half", "1/3rd" -> "one third"."""
    def say(match: re.Match) -> str:
        whole, unit = match.group(1), match.group(4)
        spoken = _fraction(int(match.group(2)), int(match.group(3)), mixed=bool(whole))
        spoken = f"{cardinal(int(whole))} and {spoken}" if whole else spoken
        return f"{spoken} {_unit(unit.strip())[1]}" if unit else spoken  # "4 1/2 lbs"

    return re.sub(rf"(?<![\w/.])(?:(\d+)\s)?(\d+)\s?/\s?(\d+){ORDINAL_SUFFIX}?(?![\w/])"
                  rf"(\s?(?:{UNIT_RE})(?![\w²³]))?", say, text, flags=re.I)


def _fraction(top: int, bottom: int, mixed: bool = False) -> str:
    names = {2: ("half", "halves"), 4: ("quarter", "quarters")}
    if bottom in names:
        if top == 1:
            return f"{'a' if mixed else 'one'} {names[bottom][0]}"
        return f"{cardinal(top)} {names[bottom][1]}"
    if bottom <= 1:
        return f"{cardinal(top)} over {cardinal(bottom)}"
    return f"{cardinal(top)} {ordinal(bottom)}{'' if top == 1 else 's'}"


def numbers(text: str) -> str:
    """Plain numbers. GOV.UK style writes numbers over 999 with commas, so a run of five or
    more digits without them is a reference (a card, a case number) and is read digit by
    digit, as are numbers with a leading zero; 1100-2099 alone is a year."""
    text = re.sub(r"(?<=ending in )\d+\b", lambda m: digits(m.group(0)), text)
    text = re.sub(r"\b(\d{3})\(([a-z])\)", lambda m: digits(m.group(1)).replace("zero", "oh")
                  + f" {m.group(2)}", text)
    # A number in parts ("version 1.2.3", "section 2.3.1"): each part, with "point".
    text = re.sub(r"(?<![\w.])\d+(?:\.\d+){2,}(?!\w|\.\d)",
                  lambda m: " point ".join(cardinal(int(p)) for p in m.group(0).split(".")),
                  text)
    # A code of digits and letters ("27d7b3c", a commit): character by character.
    text = re.sub(r"(?<![\w.])\d+[A-Za-z]+\d[A-Za-z\d]*\b",
                  lambda m: " ".join(ONES[int(ch)] if ch.isdigit() else ch.upper()
                                     for ch in m.group(0)), text)
    # A number with capitals or one letter after it ("3D", "2FA", "section 2b", "12A"):
    # the number, then the letters (units, ordinals and times were read before this).
    text = re.sub(r"(?<![\w.])(\d+)([A-Z]{1,3}|[a-z])\b",
                  lambda m: f"{m.group(1)} {' '.join(m.group(2).upper())}", text)

    def replace(match: re.Match) -> str:
        token = match.group(0)
        plain = token.replace(",", "")
        if plain.startswith(".") or "." in plain:
            return _words(plain)
        if "," not in token and len(plain) == 4 and 1100 <= int(plain) <= 2099:
            return year(int(plain))
        if "," not in token and (len(plain) >= 5 or (len(plain) > 1 and plain[0] == "0")):
            return speak_digits(plain)  # a reference: "one eight oh oh one"
        return cardinal(int(plain))

    return re.sub(rf"(?<![\w.])(?:{NUMBER})(?![\d])", replace, text)
