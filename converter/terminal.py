"""Nothing the converter prints can drive the terminal.

Titles, headings, style names and file names come from documents and folders that anyone
may have written; a control character (ESC, CSI, a bell, a carriage return) in one of them
could rewrite the screen or hide a line. The CLI's output streams pass through this filter:
C0 and C1 control characters are removed except newline and tab, and the only escape
sequences kept are the colour codes (SGR) that our own `check` report adds.
"""

from __future__ import annotations

import io
import re
import sys

# ESC [ digits ; m (colour) is kept; every other control character goes.
CONTROL = re.compile(r"\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    return CONTROL.sub(lambda m: m.group(0) if m.group(0).startswith("\x1b[") else "", text)


class SafeStream(io.TextIOBase):
    """A text stream that cleans what is written, then passes it on."""

    def __init__(self, stream) -> None:
        self._stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._stream.errors

    def write(self, text: str) -> int:
        self._stream.write(clean(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True


def install() -> None:
    """Filter stdout and stderr for the rest of the process (the CLI calls this first)."""
    if not isinstance(sys.stdout, SafeStream) and sys.stdout is not None:
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream) and sys.stderr is not None:
        sys.stderr = SafeStream(sys.stderr)
