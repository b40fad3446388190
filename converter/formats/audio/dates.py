"""Dates and times the British way: "the third of March twenty twenty-four", "five p m",
"two hours ten minutes and thirty seconds", "the second quarter of twenty twenty-two"."""

from __future__ import annotations

import re

from converter.formats.audio.numbers import cardinal, ordinal, year

# Months, days, dates and clock times are found with the language layer's shapes.
from converter.language.numbers import (
    CLOCK_12,
    CLOCK_24,
    DAY_MONTH,
    MONTH_NAMES,
    MONTH_RE,
    MONTH_YEAR,
    MONTHS,
    ORDINAL_SUFFIX,
)

TIME_ZONES = r"(?:e\.?s\.?t|gmt|bst|utc|cet|e\.?d\.?t|p\.?s\.?t)"


def _month(name: str) -> str:
    return MONTH_NAMES[name.lower().rstrip(".")]


def _two_digit_year(text: str) -> str:
    """A year written with two digits is said as written: "05" -> "oh five"."""
    value = int(text)
    return f"oh {cardinal(value)}" if value < 10 else cardinal(value)


def _year(text: str) -> str:
    return _two_digit_year(text) if len(text) == 2 else year(int(text))


def _day_month_year(day: str, month: str, year_text: str | None, weekday: str = "") -> str:
    spoken = f"{weekday + ' ' if weekday else ''}the {ordinal(int(day))} of {_month(month)}"
    return spoken + (f" {_year(year_text)}" if year_text else "")


def dates(text: str) -> str:
    # 3 March 2024, Monday 3rd March 2024, 25 jul 2012
    text = re.sub(
        DAY_MONTH,
        lambda m: _day_month_year(m.group("d"), m.group("m"), m.group("y"), m.group("wd") or ""),
        text, flags=re.I)
    # March 3, 2024 and Jan-15-2020 (US order, still said the British way)
    text = re.sub(
        rf"\b(?P<m>{MONTH_RE})[\s-]+(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}?(?:(?:,?\s+|-)(?P<y>\d{{4}}))?\b",
        lambda m: f"{_month(m.group('m'))} the {ordinal(int(m.group('d')))}"
                  + (f" {year(int(m.group('y')))}" if m.group("y") else ""),
        text, flags=re.I)
    # March 2024
    text = re.sub(MONTH_YEAR,
                  lambda m: f"{_month(m.group('m'))} {year(int(m.group('y')))}", text,
                  flags=re.I)
    # 2024-03-01 (ISO) and 01/03/2024 (UK: day first)
    text = re.sub(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b",
                  lambda m: _numeric_date(m.group(3), m.group(2), m.group(1)), text)
    text = re.sub(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b",
                  lambda m: _numeric_date(m.group(1), m.group(3), m.group(4)), text)
    # Quarters: 2Q22, Q2 2022
    text = re.sub(r"\b([1-4])Q(\d{2}|\d{4})\b",
                  lambda m: f"the {ordinal(int(m.group(1)))} quarter of {_year(m.group(2))}",
                  text)
    text = re.sub(r"\bQ([1-4])\s(\d{4})\b",
                  lambda m: f"the {ordinal(int(m.group(1)))} quarter of {_year(m.group(2))}",
                  text)
    # 340 AD, AD 340, 55 BC: a number with an era is a year
    text = re.sub(r"\b(\d{1,4})\s?(A\.?D|B\.?C\.?E?|C\.?E)\b\.?",
                  lambda m: f"{year(int(m.group(1)))} {' '.join(m.group(2).replace('.', ''))}",
                  text)
    return re.sub(r"\b(AD)\s(\d{1,4})\b", lambda m: f"A D {year(int(m.group(2)))}", text)


def _numeric_date(day: str, month: str, year_text: str) -> str:
    if int(month) > 12 >= int(day):
        day, month = month, day  # only a US date can have a month over 12 there
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return f"{day}/{month}/{year_text}"
    return _day_month_year(day, MONTHS[int(month) - 1], year_text)


def times(text: str) -> str:
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

    def with_meridiem(match: re.Match) -> str:
        spoken = clock(match.group(1), match.group(2), match.group(3))
        # "5 p.m." at the end of a sentence: the full stop also ends the sentence.
        following = match.string[match.end():match.end() + 2]
        if match.group(3).endswith(".") and (not following or following[1:2].isupper()):
            spoken += "."
        return spoken

    text = re.sub(r"\b(\d{1,2}):([0-5]\d):([0-5]\d)\b(?:\s?([ap])\.?m\b\.?)?", _duration, text)
    text = re.sub(CLOCK_12, with_meridiem, text, flags=re.I)
    text = re.sub(CLOCK_24,
                  lambda m: clock(m.group(1), m.group(2), None), text)
    return re.sub(rf"(?<=\b[ap] m)\.?\s?({TIME_ZONES})\b\.?",
                  lambda m: " " + " ".join(m.group(1).replace(".", "").upper()), text,
                  flags=re.I)


def _duration(match: re.Match) -> str:
    """"14:10:30" -> "fourteen hours ten minutes and thirty seconds"."""
    parts = [(int(match.group(1)), "hour"), (int(match.group(2)), "minute"),
             (int(match.group(3)), "second")]
    said = [f"{cardinal(n)} {unit}{'' if n == 1 else 's'}" for n, unit in parts]
    meridiem = f" {match.group(4).lower()} m" if match.group(4) else ""
    return f"{said[0]} {said[1]} and {said[2]}{meridiem}"
