"""`converter check`: the Plain English gate for people and CI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from converter.config import Style, load_toml_file
from converter.errors import ConverterError
from converter.formats.plain_english.analysis import DocumentReport, analyse
from converter.formats.plain_english.reports import TEXT_FINDINGS, WRITERS, to_text
from converter.readers import read_document


def load_settings(style: Style, config_file: Path | None) -> dict[str, Any]:
    settings = dict(style.settings("plain-english"))
    if config_file is not None:
        override = load_toml_file(Path(config_file))
        for key, value in override.items():
            if isinstance(value, dict):
                settings[key] = {**settings.get(key, {}), **value}
            else:
                settings[key] = value
    return settings


def run_check(sources: list[Path], report_format: str, output_file: Path | None,
              config_file: Path | None, style: Style, split_level: int | None,
              show_all: bool = False) -> int:
    settings = load_settings(style, config_file)
    reports: list[DocumentReport] = []
    exit_code = 0
    for source in sources:
        try:
            document = read_document(source, split_level)
        except ConverterError as error:
            click.echo(f"error: {source}: {error}", err=True)
            exit_code = 2
            continue
        reports.append(analyse(document, settings, style.root))
    if reports:
        if report_format == "text":
            color = None if output_file is None and sys.stdout.isatty() else False
            text = to_text(reports, color=color, limit=None if show_all else TEXT_FINDINGS)
        else:
            text = WRITERS[report_format](reports)
        if output_file:
            output_file.parent.mkdir(parents=True, exist_ok=True)
            output_file.write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=not text.endswith("\n"))
    if exit_code == 0 and any(not report.passed for report in reports):
        exit_code = 1
    return exit_code
