"""Schema of styles/fetch.toml (handing formats to residents with `converter fetch`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from converter.settings.schema import number, register


@dataclass(frozen=True, kw_only=True)
class Package:
    max_file_mb: float = number(0.1, 10000)  # many mailboxes refuse messages over 20 MB


@dataclass(frozen=True, kw_only=True)
class Small:
    bitrate_kbps: int = number(16, 320)
    sample_rate: Literal[16000, 22050, 24000, 32000, 44100, 48000]


@dataclass(frozen=True, kw_only=True)
class FetchSettings:
    package: Package
    small: Small


register("fetch", FetchSettings)
