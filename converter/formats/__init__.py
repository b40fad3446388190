"""Output formats. Each is a package exposing a `FORMAT` object (see base.Format)."""

from __future__ import annotations

from importlib import import_module

from converter.errors import InputError
from converter.formats.base import Format
from converter.hashing import sha256_json

FORMAT_MODULES = {
    "plain-english": "converter.formats.plain_english",
    "easy-read": "converter.formats.easy_read",
    "audio": "converter.formats.audio",
    "braille": "converter.formats.braille",
    "epub": "converter.formats.epub",
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


def requirements(name: str) -> tuple[str, ...]:
    return tuple(getattr(get_format(name), "requires", ()))


def inputs_sha256(name: str, document, style, source_dir, known: dict | None = None) -> str:
    """A format's input hash. For a format that requires others, their input hashes are
    part of it: the EPUB is stale when the audio it holds would change."""
    known = {} if known is None else known
    if name not in known:
        own = get_format(name).inputs_sha256(document, style, source_dir)
        needed = requirements(name)
        known[name] = sha256_json([own, [inputs_sha256(r, document, style, source_dir, known)
                                         for r in needed]]) if needed else own
    return known[name]


def with_requirements(names: list[str]) -> list[str]:
    """`names` plus the formats they require, each after what it requires (the EPUB needs
    the audio, so `--formats epub` builds the audio too)."""
    ordered: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in path:
            raise InputError(f"Formats require each other in a loop: {' -> '.join(path)}.")
        for required in requirements(name):
            visit(required, (*path, name))
        ordered.append(name)

    for name in names:
        visit(name, ())
    return ordered
