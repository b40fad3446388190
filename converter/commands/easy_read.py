"""`converter easy-read draft`: write or update the editable Easy Read script beside a master."""

from __future__ import annotations

from pathlib import Path

import click

from converter.commands.options import SPLIT_OPTION, STYLES_OPTION, load_style
from converter.config import Style
from converter.errors import InputError


def draft(source: Path, style: Style, target: Path | None, update: bool, force: bool,
          split_level: int | None) -> str:
    """Draft (or with `update`, redraft the stale sections of) the script; the message to
    print. An existing script is never replaced without --update or --force."""
    from converter.formats.easy_read.draft import Drafter
    from converter.formats.easy_read.script import render_script
    from converter.formats.easy_read.script_file import load_script, script_path, update_script
    from converter.pipeline.load import load_document
    from converter.pipeline.locks import write_atomic

    document = load_document(source, style, split_level)
    path = target or script_path(document, Path(source).resolve().parent)
    if path.exists() and not (update or force):
        raise InputError(f"{path} already exists and may hold edits. Use --update to redraft "
                         "only the stale sections, or --force to replace it.")
    fresh = Drafter(style, document).script()
    if path.exists() and update:
        merged, messages = update_script(load_script(path), fresh, document)
        write_atomic(path, render_script(merged).encode("utf-8"))
        return f"Updated {path}: " + "; ".join(messages)
    write_atomic(path, render_script(fresh).encode("utf-8"))
    rows = len(fresh.rows())
    return (f"Drafted {path} ({len(fresh.sections)} sections, {rows} rows, "
            f"{len(fresh.word_bank)} hard words). Edit it, then run 'converter build'.")


@click.group(name="easy-read")
def easy_read() -> None:
    """Work with the editable Easy Read script (source_docs/<doc-id>.easyread.md)."""


@easy_read.command(name="draft")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--update", is_flag=True,
              help="Redraft only the sections whose master chapter changed; keep the rest.")
@click.option("--force", is_flag=True, help="Overwrite an existing script completely.")
@click.option("--to", "target", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the script (default: beside the source).")
@STYLES_OPTION
@SPLIT_OPTION
def easy_read_draft(source, update, force, target, styles_dir, split_level):
    """Draft an Easy Read script from SOURCE for staff to edit and review."""
    click.echo(draft(source, load_style(styles_dir), target, update, force, split_level))
