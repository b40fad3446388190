"""liblouis through its command line, `lou_translate` (Debian `liblouis-bin`).

The command line, not the Python binding: Debian's `python3-louis` is installed for the
system Python only and the project's virtual environment cannot import it, while the
command works the same from any Python and its version is easy to record. One process
translates a whole document (one text fragment per line).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache

from converter.errors import ConverterError

COMMAND = "lou_translate"
# liblouis writes a character its tables do not define as '\xhhhh', itself in braille
# ASCII (the hex digits come out as letters).
UNDEFINED = re.compile(r"'\\X[A-Z0-9]{4,6}'")


def _run(args: list[str], lines: list[str]) -> list[str]:
    if shutil.which(COMMAND) is None:
        raise ConverterError("Braille needs liblouis: run `make setup` (it installs the "
                             "Debian packages liblouis-bin and liblouis-data).")
    # lou_translate reads backslash escapes in its input, so a backslash is written twice.
    text = "\n".join(line.replace("\\", "\\\\") for line in lines) + "\n"
    try:
        done = subprocess.run([COMMAND, *args], input=text, capture_output=True,
                              text=True, encoding="utf-8", timeout=300, check=False)
    except subprocess.TimeoutExpired:
        raise ConverterError("liblouis took more than 300 s to translate; giving up.") from None
    if done.returncode != 0 or done.stderr.strip():
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
        raise ConverterError(f"liblouis could not translate with {args[-1]}: {message}")
    out = done.stdout.split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(lines):
        raise ConverterError(f"liblouis returned {len(out)} lines for {len(lines)}.")
    return out


def forward(lines: list[str], tables: str) -> list[str]:
    """Print text to braille ASCII, one output line per input line."""
    return _run(["--forward", tables], lines)


def backward(lines: list[str], tables: str) -> list[str]:
    """Braille ASCII back to print (used by the tests to check what the braille says)."""
    return _run(["--backward", tables], lines)


def undefined_characters(text: str, tables: str) -> set[str]:
    """The characters of `text` the tables cannot write in braille."""
    candidates = sorted({ch for ch in text if ord(ch) > 126})
    if not candidates:
        return set()
    results = forward(candidates, tables)
    return {ch for ch, out in zip(candidates, results, strict=True) if UNDEFINED.search(out)}


@cache
def version() -> str:
    if shutil.which(COMMAND) is None:
        return "missing"
    done = subprocess.run([COMMAND, "--version"], capture_output=True, text=True, check=False)
    first = done.stdout.splitlines()[0] if done.stdout else ""
    return first.strip() or "unknown"
