"""Numbers in words, the British way ("one hundred and five", "the third of March")."""

from __future__ import annotations

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10**18, "quintillion"), (10**15, "quadrillion"), (10**12, "trillion"),
          (10**9, "billion"), (10**6, "million"), (1000, "thousand")]
ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}


def _below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    parts = []
    if hundreds:
        parts.append(f"{ONES[hundreds]} hundred")
    if rest:
        if hundreds:
            parts.append("and")
        if rest < 20:
            parts.append(ONES[rest])
        else:
            tens, ones = divmod(rest, 10)
            parts.append(TENS[tens] + (f" {ONES[ones]}" if ones else ""))
    return " ".join(parts)


def cardinal(number: int) -> str:
    if number < 0:
        return "minus " + cardinal(-number)
    if number < 1000:
        return _below_thousand(number) or "zero"
    parts = []
    for scale, name in SCALES:
        if number >= scale:
            count, number = divmod(number, scale)
            parts.append(f"{cardinal(count)} {name}")
    if number:
        # British English: "one thousand and five", "two million and twenty".
        parts.append(("and " if number < 100 else "") + _below_thousand(number))
    return " ".join(parts)


def ordinal(number: int) -> str:
    words = cardinal(number)
    head, _, last = words.rpartition(" ")
    if last in ORDINAL_WORDS:
        last = ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head} {last}".strip()


def year(number: int) -> str:
    """2024 -> twenty twenty-four; 2005 -> two thousand and five; 1900 -> nineteen hundred."""
    if 2000 <= number <= 2009:
        return cardinal(number)
    if 1100 <= number <= 2099 or 100 <= number <= 999:  # 340 AD: "three forty"
        high, low = divmod(number, 100)
        if low == 0:
            return f"{cardinal(high)} hundred"
        if low < 10:
            return f"{cardinal(high)} oh {ONES[low]}"
        return f"{cardinal(high)} {cardinal(low)}"
    return cardinal(number)


def decimal(text: str) -> str:
    """'3.14' -> three point one four; '1,200.5' -> one thousand two hundred point five."""
    whole, _, fraction = text.replace(",", "").partition(".")
    words = cardinal(int(whole or "0"))
    if fraction:
        words += " point " + " ".join(ONES[int(digit)] for digit in fraction)
    return words


def digits(text: str) -> str:
    return " ".join(ONES[int(ch)] for ch in text if ch.isdigit())
