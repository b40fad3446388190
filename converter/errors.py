"""Errors the CLI turns into one-line messages instead of tracebacks."""

from __future__ import annotations


class ConverterError(Exception):
    """A failure the user can act on. Exit code 1."""

    exit_code = 1


class InputError(ConverterError):
    """Bad input or usage: a missing, empty, encrypted or unreadable source. Exit code 2."""

    exit_code = 2


class ToolMissingError(ConverterError):
    """A system tool (ffmpeg, espeak-ng) is not installed."""

    def __init__(self, tool: str, package: str | None = None) -> None:
        package = package or tool
        super().__init__(
            f"{tool} is not installed. Install it with: sudo apt-get install {package} "
            f"(or run 'make setup'), or build without audio: --formats plain-english,easy-read"
        )
        self.tool = tool


class ToolOutputError(ConverterError):
    """A system tool ran but wrote something unusable: an empty or unreadable MP3 from
    ffmpeg, text that is not UTF-8 from espeak-ng. A retry cannot mend a broken install,
    so like bad input it is exit code 2, with one line that names the tool."""

    exit_code = 2
