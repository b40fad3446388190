"""The schema machinery: field helpers, the registry and the validator."""

from __future__ import annotations

import csv
import dataclasses
import re
import types
import typing
from dataclasses import field
from pathlib import Path
from typing import Any, Literal

from converter.errors import InputError

SCHEMAS: dict[str, type] = {}


def register(name: str, schema: type) -> None:
    """Validate styles/<name>.toml against `schema` (a frozen dataclass of sections)."""
    SCHEMAS[name] = schema


# -- field helpers ------------------------------------------------------------------------

def _field(default: Any, **metadata: Any) -> Any:
    if default is dataclasses.MISSING:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


def number(low: float, high: float, *, default: Any = dataclasses.MISSING) -> Any:
    """A number from `low` to `high` (inclusive)."""
    return _field(default, low=low, high=high)


def hex_colour(*, default: Any = dataclasses.MISSING) -> Any:
    """A colour written as #RRGGBB."""
    return _field(default, colour=True)


def pattern(regex: str, described: str, *, default: Any = dataclasses.MISSING) -> Any:
    """Text matching `regex` whole; `described` says what that is, for the message."""
    return _field(default, pattern=regex, described=described)


def word_list(*columns: str, default: Any = dataclasses.MISSING) -> Any:
    """A word list in styles/: a .tsv with these columns (the first ones required in every
    row), or a .txt with one entry a line when no columns are given."""
    return _field(default, word_list=columns)


def style_file(*, default: Any = dataclasses.MISSING) -> Any:
    """Any file in styles/ (a font)."""
    return _field(default, file=True)


def folder(*, default: Any = dataclasses.MISSING) -> Any:
    """A folder in styles/."""
    return _field(default, folder=True)


def nonempty(*, default: Any = dataclasses.MISSING) -> Any:
    """Text that may not be empty."""
    return _field(default, nonempty=True)


# -- validation ----------------------------------------------------------------------------

class Invalid(Exception):
    """A bad value deep in a schema; `validate` adds the file name."""

    def __init__(self, section: str, key: str, value: Any, allowed: str,
                 missing: bool = False, problem: str = "") -> None:
        super().__init__(section, key)
        self.section, self.key, self.value, self.allowed = section, key, value, allowed
        self.missing, self.problem = missing, problem

    def message(self, label: str) -> str:
        if not self.key:
            return f"{label}: the [{self.section}] section is missing." if self.missing else \
                f"{label}: [{self.section}] must be a table, not {_show(self.value)}."
        where = f"[{self.section}] {self.key}"
        if self.missing:
            return f"{label}: {where} is missing; it must be {self.allowed}."
        if self.problem:
            return f'{label}: {where} = "{_printable(self.value)}": {self.problem}.'
        hint = "; write numbers without quotes" if isinstance(self.value, str) and (
            "number" in self.allowed) else ""
        return f"{label}: {where} must be {self.allowed}, not {_show(self.value)}{hint}."


def _show(value: Any) -> str:
    kind = {str: "text", bool: "true/false", int: "a whole number", float: "a number",
            dict: "a table", list: "a list"}.get(type(value), type(value).__name__)
    shown = f'"{value}"' if isinstance(value, str) else repr(value).lower() \
        if isinstance(value, bool) else repr(value)
    shown = _printable(shown)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({kind})"


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def validate(name: str, data: dict[str, Any], root: Path, label: str) -> tuple[Any, dict]:
    """(typed settings, dict view with defaults) for the TOML `data` of styles/<name>.toml.
    `label` names the file in messages. A name with no schema passes through untyped."""
    schema = SCHEMAS.get(name)
    if schema is None:
        return None, data
    try:
        typed = _build(schema, data, "", root)
    except Invalid as error:
        raise InputError(error.message(label)) from None
    view = _merge(data, dataclasses.asdict(typed))
    return typed, view


def _merge(raw: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    """The typed values over the raw table, so unknown keys stay visible to dict readers."""
    merged = dict(raw)
    for key, value in typed.items():
        if isinstance(value, dict) and isinstance(raw.get(key), dict):
            merged[key] = _merge(raw[key], value)
        else:
            merged[key] = value
    return merged


def _build(schema: type, table: Any, section: str, root: Path) -> Any:
    if not isinstance(table, dict):
        raise Invalid(section, "", table, "a table")
    hints = typing.get_type_hints(schema)
    values = {}
    for item in dataclasses.fields(schema):
        kind = hints[item.name]
        # At the top level every field is a [section]: a dataclass or a table of free keys.
        is_section = dataclasses.is_dataclass(kind) or not section
        if item.name not in table:
            if item.default is dataclasses.MISSING:
                raise Invalid(item.name, "", None, "", missing=True) if is_section else \
                    Invalid(section, item.name, None, _describe(kind, item.metadata),
                            missing=True)
            values[item.name] = item.default
        elif dataclasses.is_dataclass(kind):
            values[item.name] = _build(kind, table[item.name], item.name, root)
        elif is_section and not isinstance(table[item.name], dict):
            raise Invalid(item.name, "", table[item.name], "a table")
        else:
            values[item.name] = _value(kind, item.metadata, table[item.name],
                                       section or item.name, item.name, root)
    return schema(**values)


def _value(kind: Any, meta: Any, value: Any, section: str, key: str, root: Path) -> Any:
    """`value` checked against the type `kind` and the field's metadata."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(kind):
            try:
                return _value(option, meta, value, section, key, root)
            except Invalid:
                continue
        raise Invalid(section, key, value, _describe(kind, meta))
    if origin is dict:
        if not isinstance(value, dict):
            raise Invalid(section, key, value, "a table")
        _, item_kind = typing.get_args(kind)
        return {name: _value(item_kind, {}, item, section, name, root)
                for name, item in value.items()}
    if origin is Literal:
        # 44100.0 == 44100 in Python, but ffmpeg and the formats want the written type.
        if not any(type(value) is type(allowed) and value == allowed
                   for allowed in typing.get_args(kind)):
            raise Invalid(section, key, value, _describe(kind, meta))
        return value
    if kind is bool:
        if not isinstance(value, bool):
            raise Invalid(section, key, value, "true or false")
        return value
    if kind in (int, float):
        ok = isinstance(value, int) if kind is int else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok or (
                "low" in meta and not meta["low"] <= value <= meta["high"]):
            raise Invalid(section, key, value, _describe(kind, meta))
        return kind(value)
    if kind is str:
        if not isinstance(value, str) or (meta.get("nonempty") and not value.strip()):
            raise Invalid(section, key, value, _describe(kind, meta))
        if meta.get("colour") and not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            raise Invalid(section, key, value, _describe(kind, meta))
        if "pattern" in meta and not re.fullmatch(meta["pattern"], value):
            raise Invalid(section, key, value, _describe(kind, meta))
        _check_reference(meta, value, section, key, root)
        return value
    raise TypeError(f"unsupported settings type {kind!r}")  # a schema bug, not bad input


def _describe(kind: Any, meta: Any) -> str:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(option, meta) for option in typing.get_args(kind))
    if origin is Literal:
        return "one of " + ", ".join(f'"{v}"' if isinstance(v, str) else str(v)
                                     for v in typing.get_args(kind))
    if kind in (int, float):
        noun = "a whole number" if kind is int else "a number"
        if "low" in meta:
            return f"{noun} from {meta['low']:g} to {meta['high']:g}"
        return noun
    if meta.get("colour"):
        return 'a colour written #RRGGBB (like "#000000")'
    if "pattern" in meta:
        return meta["described"]
    if "word_list" in meta:
        return "the path of a word list inside the style folder"
    if meta.get("file") or meta.get("folder"):
        return "a path inside the style folder"
    if kind is bool:
        return "true or false"
    return "text" if not meta.get("nonempty") else "some text"


def _check_reference(meta: Any, value: str, section: str, key: str, root: Path) -> None:
    """Files named by a setting exist inside the style folder and can be read."""
    if not ({"word_list", "file", "folder"} & set(meta)):
        return
    path = (root / value).resolve()
    inside = path.is_relative_to(root.resolve())
    if not inside:
        raise Invalid(section, key, value, "", problem="it must be inside the style folder")
    if meta.get("folder"):
        if not path.is_dir():
            raise Invalid(section, key, value, "", problem=f"no such folder in {root}")
        return
    if not path.is_file():
        raise Invalid(section, key, value, "", problem=f"no such file in {root}")
    if "word_list" in meta:
        problem = _word_list_problem(path, meta["word_list"])
        if problem:
            raise Invalid(section, key, value, "", problem=problem)


def _word_list_problem(path: Path, columns: tuple[str, ...]) -> str | None:
    """What is wrong with a word list, or None."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return "that word list is not UTF-8 text"
    except OSError as error:
        return f"that word list cannot be read ({error.strerror})"
    if not columns:
        return None
    # Comment lines (#) are skipped, as the word-list readers do.
    lines = [(number, line) for number, line in enumerate(content.splitlines(), start=1)
             if line.strip() and not line.startswith("#")]
    rows = zip((number for number, _ in lines),
               csv.reader([line for _, line in lines], delimiter="\t"), strict=True)
    header = next(rows, (0, []))[1]
    absent = [name for name in columns if name not in header]
    if absent:
        return (f"that word list needs the tab-separated columns {', '.join(columns)} in its first line "
                f"({', '.join(absent)} missing)")
    first, second = header.index(columns[0]), header.index(columns[1]) if len(columns) > 1 else 0
    for number, row in rows:
        if len(row) <= max(first, second) or not row[first].strip():
            return (f"line {number} of that word list has no {' or '.join(columns[:2])} "
                    "(cells are tab-separated)")
    return None
