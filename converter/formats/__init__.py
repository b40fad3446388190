"""Output formats. Each is a package exposing a `FORMAT` object (see base.Format)."""

from __future__ import annotations

from importlib import import_module

from converter.errors import InputError
from converter.formats.base import Format

FORMAT_MODULES = {
    "plain-english": "converter.formats.plain_english",
    "easy-read": "converter.formats.easy_read",
    "audio": "converter.formats.audio",
    "html": "converter.formats.web",
    "large-print": "converter.formats.large_print",
}
ALL_FORMATS = tuple(FORMAT_MODULES)


def get_format(name: str) -> Format:
    if name not in FORMAT_MODULES:
        raise InputError(f"Unknown format '{name}'. Choose from: {', '.join(ALL_FORMATS)}.")
    return import_module(FORMAT_MODULES[name]).FORMAT


def parse_formats(value: str | None) -> list[str]:
    if not value or value.strip() == "all":
        return list(ALL_FORMATS)
    names = [part.strip() for part in value.split(",") if part.strip()]
    for name in names:
        if name not in FORMAT_MODULES:
            raise InputError(f"Unknown format '{name}'. Choose from: {', '.join(ALL_FORMATS)}.")
    return list(dict.fromkeys(names))
