"""Options shared by several commands (one definition, one help text)."""

from __future__ import annotations

from pathlib import Path

import click

OUTPUT_OPTION = click.option(
    "--output", "output_dir", type=click.Path(path_type=Path), default=Path("output"),
    show_default=True, help="Folder that holds the outputs of every document.")
STYLES_OPTION = click.option(
    "--styles", "styles_dir", type=click.Path(path_type=Path), default=None,
    help="Style folder (default: $CONVERTER_STYLES, else ./styles, else the project's).")
SPLIT_OPTION = click.option(
    "--split-level", type=click.IntRange(1, 9), default=None,
    help="Heading level that starts a chapter (default: the top level present).")
