"""`converter check`: the Plain English gate for people and CI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from converter.commands.options import SOURCES, SPLIT_OPTION, STYLES_OPTION, load_style
from converter.config import Style, load_toml_file
from converter.errors import ConverterError
from converter.settings import validate


def check_settings(style: Style, config_file: Path | None) -> dict[str, Any]:
    """plain-english.toml, with the tables of `--config FILE` laid over it (validated)."""
    settings = dict(style.settings("plain-english"))
    if config_file is None:
        return settings
    for key, value in load_toml_file(Path(config_file)).items():
        if isinstance(value, dict):
            settings[key] = {**settings.get(key, {}), **value}
        else:
            settings[key] = value
    return validate("plain-english", settings, style.root, str(config_file))[1]


def run_check(sources: list[Path], report_format: str, output_file: Path | None,
              config_file: Path | None, style: Style, split_level: int | None,
              show_all: bool = False) -> int:
    from converter.formats.plain_english.analysis import DocumentReport, analyse
    from converter.formats.plain_english.reports import TEXT_FINDINGS, WRITERS, to_text
    from converter.pipeline.load import load_document

    settings = check_settings(style, config_file)
    reports: list[DocumentReport] = []
    exit_code = 0
    for source in sources:
        try:
            document = load_document(source, style, split_level)
        except ConverterError as error:
            click.echo(f"error: {source}: {error}", err=True)
            exit_code = 2
            continue
        reports.append(analyse(document, settings, style.root))
    if reports:
        if report_format == "text":
            color = output_file is None and sys.stdout.isatty()
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


@click.command()
@SOURCES
@click.option("--format", "report_format", default="text", show_default=True,
              type=click.Choice(["text", "json", "html", "sarif", "github"]),
              help="text for people (the most serious findings; --all for every one), json, "
                   "html, sarif for code scanning, github for pull-request annotations.")
@click.option("--all", "show_all", is_flag=True,
              help="With --format text, show every finding, not only the most serious 8.")
@click.option("--output", "output_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Write the report to FILE instead of stdout.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Thresholds file (default: styles/plain-english.toml).")
@STYLES_OPTION
@SPLIT_OPTION
def check(sources, report_format, output_file, config_file, styles_dir, split_level,
          show_all):
    """Check SOURCES against Plain English rules. The CI gate.

    Exit 0 when every source passes, 1 when one breaks an error threshold or has an error
    finding, 2 for bad input.
    """
    sys.exit(run_check(list(sources), report_format, output_file, config_file,
                       load_style(styles_dir), split_level, show_all))
