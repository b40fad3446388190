"""Options shared by several commands, and the style folder every command starts from."""

from __future__ import annotations

from pathlib import Path

import click

from converter.config import Style

OUTPUT_OPTION = click.option(
    "--output", "output_dir", type=click.Path(path_type=Path), default=Path("output"),
    show_default=True, help="Folder that holds the outputs of every document.")
STYLES_OPTION = click.option(
    "--styles", "styles_dir", type=click.Path(path_type=Path), default=None,
    help="Style folder (default: $CONVERTER_STYLES, else ./styles, else the project's).")
SPLIT_OPTION = click.option(
    "--split-level", type=click.IntRange(1, 9), default=None,
    help="Heading level that starts a chapter (default: the top level present).")
SOURCES = click.argument("sources", nargs=-1, required=True,
                         type=click.Path(path_type=Path, dir_okay=False))


def load_style(styles_dir: Path | None) -> Style:
    """The style folder, every registered style file validated (a bad value: exit 2)."""
    style = Style(styles_dir)
    style.validate_all()
    return style
