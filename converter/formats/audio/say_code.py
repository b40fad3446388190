"""How computer code is said so that a listener can type it: every symbol that matters for
typing is named ("--amend" is "dash dash amend"; espeak-ng says nothing for a dash), numbers
are read digit by digit (a commit "#18" is "hash one eight", not "number eighteen"), a
word of letters and digits ("eb242a3") is spelt out. File names and IP addresses are read
as the normaliser reads them in prose (say_contacts), so both say them the same way."""

from __future__ import annotations

import re

from converter.formats.audio.numbers import ONES, digits
from converter.formats.audio.say_contacts import SPELLED, SYMBOL_NAMES, speak_file_name, speak_ip
from converter.language.contacts import FILE_NAME, IP_ADDRESS

# "<filename>", "<repo>": the usual way command help marks a value the user puts in (POSIX
# utility syntax, git's own manuals). Said "placeholder filename", as the normaliser says a
# template's "[address]": "less than filename greater than" would be typed literally.
PLACEHOLDER = re.compile(r"<([A-Za-z][\w-]*(?: [\w-]+){0,2})>")
TOKEN = re.compile(r"[A-Za-z0-9]+|\S")
# "-la", "-rf": short options, one letter each and grouped (POSIX utility conventions,
# guideline 5), so each letter is said; "--amend" is a word.
SHORT_OPTIONS = re.compile(r"-([A-Za-z]{1,4})")


def speak_code(code: str) -> str:
    """One line (or inline piece) of code as words: 'git log -p <filename>' -> 'git log
    dash P placeholder filename'."""
    said: list[str] = []
    last = 0
    for found in PLACEHOLDER.finditer(code):  # first: one may hold a space ("<file name>")
        said += [_speak_word(word) for word in code[last:found.start()].split()]
        said.append("placeholder " + _speak_plain(re.sub(r"[-_]", " ", found.group(1))))
        last = found.end()
    said += [_speak_word(word) for word in code[last:].split()]
    return " ".join(part for part in said if part)


def _speak_word(word: str) -> str:
    """One run of non-spaces; short options, file names and IP addresses first."""
    if SHORT_OPTIONS.fullmatch(word):
        return "dash " + " ".join(word[1:].upper())
    for pattern, speak in ((IP_ADDRESS, speak_ip), (FILE_NAME, speak_file_name)):
        match = pattern.search(word)
        if match:
            return " ".join(part for part in (
                _speak_word(word[:match.start()]), speak(match.group(0)),
                _speak_word(word[match.end():])) if part)
    return _speak_plain(word)


def _speak_plain(text: str) -> str:
    said = []
    for token in TOKEN.findall(text):
        if token.isdigit():
            said.append(digits(token))
        elif token.isalpha():
            said.append(_letters_or_word(token))
        elif token.isalnum():  # letters and digits: a hash, a version, an id
            said.append(" ".join(ONES[int(ch)] if ch.isdigit() else ch.upper()
                                 for ch in token))
        else:
            said.append(SYMBOL_NAMES.get(token, token))
    return " ".join(said)


def _letters_or_word(word: str) -> str:
    """A run of letters: a known spoken form ("html" is "H T M L"), a letter or a run with
    no vowel spelt ("-p" is "dash P", "ls" is "L S"), else said as a word ("in", "rebase")."""
    lower = word.lower()
    if lower in SPELLED:
        return SPELLED[lower]
    if len(word) == 1 or not re.search("[aeiouy]", lower):
        return " ".join(word.upper())
    return word


def code_heard(lines: tuple[str, ...]) -> list[str]:
    """The lines of a code block as a listener hears them: "Computer code, 3 lines.", each
    line that says something, then "End of code." (blank lines are left out and not
    counted; the pause between lines marks where each ends)."""
    kept = [line for line in lines if line.strip()]
    count = f"{len(kept)} line{'s' if len(kept) != 1 else ''}"
    return [f"Computer code, {count}.", *kept, "End of code."]
