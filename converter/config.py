"""Staff-editable configuration in `styles/`: TOML settings, word lists, fonts, lexicons."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from converter.errors import InputError
from converter.hashing import sha256_file, sha256_json

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
        """The TOML file styles/<name>.toml as a dict."""
        return _load_toml(self.root / f"{name}.toml")

    def split_level(self, option: int | None = None) -> int | None:
        """The heading level that starts a chapter: --split-level, else converter.toml's
        [chapters] split_level, where "auto" means the top level present."""
        if option is not None:
            return option
        value = self.settings("converter").get("chapters", {}).get("split_level", "auto")
        if value == "auto":
            return None
        if isinstance(value, int) and 1 <= value <= 9:
            return value
        raise InputError(f"{self.root / 'converter.toml'}: [chapters] split_level must be "
                         f"\"auto\" or a heading level from 1 to 9, not {value!r}.")

    def files_sha256(self, *relatives: str) -> str:
        """Hash of the named style files or folders, for incremental rebuilds."""
        entries = []
        for relative in relatives:
            target = self.root / relative
            paths = sorted(p for p in target.rglob("*") if p.is_file()) if target.is_dir() else [
                target
            ]
            for path in paths:
                digest = sha256_file(path) if path.is_file() else None
                entries.append([str(path.relative_to(self.root)), digest])
        return sha256_json(entries)


@cache
def _load_toml_cached(path: str, mtime: float) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"Style file {path} is not valid TOML: {error}") from None


def _load_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(f"Missing style file {path}")
    return _load_toml_cached(str(path), path.stat().st_mtime)


def load_toml_file(path: Path) -> dict[str, Any]:
    """A TOML file outside styles/, for example `check --config FILE`."""
    return _load_toml(path)
