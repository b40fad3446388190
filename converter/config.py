"""Staff-editable configuration in `styles/`: TOML settings, word lists, fonts, lexicons."""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal, overload

from converter.errors import InputError
from converter.hashing import sha256_file, sha256_json
from converter.settings import SCHEMAS, validate
from converter.settings.styles import (
    AudioSettings,
    ConverterSettings,
    EasyReadSettings,
    PlainEnglishSettings,
)

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def default_styles_dir() -> Path:
    """--styles, else $CONVERTER_STYLES, else ./styles, else the styles/ of this checkout."""
    env = os.environ.get("CONVERTER_STYLES")
    if env:
        return Path(env)
    local = Path.cwd() / "styles"
    if (local / "converter.toml").is_file():
        return local
    return PACKAGE_ROOT / "styles"


class Style:
    """A folder of style files. Formats read only through this, so their inputs can be hashed."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else default_styles_dir()
        if not (self.root / "converter.toml").is_file():
            raise InputError(
                f"No style folder at {self.root} (it needs converter.toml). "
                "Pass --styles DIR or run from the project folder."
            )

    def path(self, relative: str) -> Path:
        return self.root / relative

    def settings(self, name: str) -> dict[str, Any]:
        """styles/<name>.toml as a dict, validated against its schema (converter.settings)
        with defaults filled in. Prefer `typed(name)` in new code."""
        return self._validated(name)[1]

    @overload
    def typed(self, name: Literal["converter"]) -> ConverterSettings: ...
    @overload
    def typed(self, name: Literal["plain-english"]) -> PlainEnglishSettings: ...
    @overload
    def typed(self, name: Literal["easy-read"]) -> EasyReadSettings: ...
    @overload
    def typed(self, name: Literal["audio"]) -> AudioSettings: ...
    @overload
    def typed(self, name: str) -> Any: ...

    def typed(self, name: str) -> Any:
        """styles/<name>.toml as its frozen settings dataclass (see converter.settings)."""
        typed = self._validated(name)[0]
        if typed is None:
            raise InputError(f"No settings schema for {name}.toml is registered.")
        return typed

    def _validated(self, name: str) -> tuple[Any, dict[str, Any]]:
        path = self.root / f"{name}.toml"
        if not path.is_file():
            raise InputError(f"Missing style file {path}")
        return _validated_cached(name, str(path), _stamp(path), str(self.root))

    def validate_all(self) -> None:
        """Check every registered style file now, so a bad value stops a command at once."""
        for name in SCHEMAS:
            if (self.root / f"{name}.toml").is_file():
                self._validated(name)

    def split_level(self, option: int | None = None) -> int | None:
        """The heading level that starts a chapter: --split-level, else converter.toml's
        [chapters] split_level, where "auto" means the top level present."""
        if option is not None:
            return option
        value = self.typed("converter").chapters.split_level
        return None if value == "auto" else value

    def files_sha256(self, *relatives: str) -> str:
        """Hash of the named style files or folders, for incremental rebuilds."""
        entries = []
        for relative in relatives:
            target = self.root / relative
            paths = sorted(p for p in target.rglob("*") if p.is_file()) if target.is_dir() else [
                target
            ]
            for path in paths:
                digest = _style_digest(path) if path.is_file() else None
                entries.append([str(path.relative_to(self.root)), digest])
        return sha256_json(entries)


# Sections of converter.toml that only say how packages are delivered (`serve` email): they
# change nothing that is built, so they are left out of its hash and editing them makes no
# output stale. Without them the file hashes exactly as before.
DELIVERY_SECTION = re.compile(rb"^\s*\[\s*smtp\s*(\.[^\]]*)?\]\s*(#.*)?$")
ANY_SECTION = re.compile(rb"^\s*\[")
BLANK_OR_COMMENT = re.compile(rb"^\s*(#.*)?$")


def _style_digest(path: Path) -> str:
    if path.name != "converter.toml":
        return sha256_file(path)
    kept: list[bytes] = []
    skipping = False
    for line in path.read_bytes().splitlines(keepends=True):
        if ANY_SECTION.match(line):
            skipping = bool(DELIVERY_SECTION.match(line))
        if not skipping:
            kept.append(line)
    if skipping:  # it was appended at the end: so were the blank lines and comments above it
        while kept and BLANK_OR_COMMENT.match(kept[-1]):
            kept.pop()
    return hashlib.sha256(b"".join(kept)).hexdigest()


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@cache
def _validated_cached(name: str, path: str, stamp: tuple[int, int],
                      root: str) -> tuple[Any, dict[str, Any]]:
    # Word lists a file names are checked with it; an edit to one alone is seen by the
    # formats (which hash the style files) and re-checked here on the next start.
    return validate(name, _load_toml(Path(path)), Path(root), _label(Path(path)))


def _label(path: Path) -> str:
    """The file as the user would name it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@cache
def _load_toml_cached(path: str, stamp: tuple[int, int]) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"Style file {path} is not valid TOML: {error}") from None


def _load_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(f"Missing style file {path}")
    return _load_toml_cached(str(path), _stamp(path))


def load_toml_file(path: Path) -> dict[str, Any]:
    """A TOML file outside styles/, for example `check --config FILE`."""
    return _load_toml(path)
