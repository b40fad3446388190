"""`converter easy-read draft` and `converter easy-read approve`: the editable Easy Read
script beside the master, and a person's approval before residents get the PDF."""

from __future__ import annotations

from pathlib import Path

import click

from converter.commands.options import SPLIT_OPTION, STYLES_OPTION, load_style
from converter.config import Style
from converter.errors import ConverterError, InputError


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
    drafter = Drafter(style, document)
    fresh = drafter.script()
    if path.exists() and update:
        merged, messages = update_script(load_script(path), fresh, document)
        write_atomic(path, render_script(merged).encode("utf-8"))
        return f"Updated {path}: " + "; ".join(messages)
    write_atomic(path, render_script(fresh).encode("utf-8"))
    stats = drafter.stats
    return (f"Drafted {path} ({len(fresh.sections)} sections, {len(fresh.rows())} rows, "
            f"{len(fresh.word_bank)} hard words; sentences: {stats['sentences_master']} in the "
            f"master, {stats['sentences_drafted']} drafted; {stats['rows_for_writer']} marked "
            f"for a writer, {stats['rows_left_out']} left out to fit the page limit). "
            "Edit it, then run 'converter easy-read approve'.")


def approve(source: Path, style: Style, by: str, split_level: int | None) -> str:
    """Record who approved every section, or refuse with what still needs a person."""
    from converter.formats.easy_read.review import approve as approved_script
    from converter.formats.easy_read.review import needs_a_person
    from converter.formats.easy_read.script import render_script
    from converter.formats.easy_read.script_file import load_script, script_path
    from converter.pipeline.load import load_document
    from converter.pipeline.locks import write_atomic

    name = " ".join(by.split())
    if not name or "--" in name or not name.isprintable() or len(name) > 100:
        raise InputError("--by needs the approver's name (up to 100 characters, no '--').")
    document = load_document(source, style, split_level)
    path = script_path(document, Path(source).resolve().parent)
    if not path.is_file():
        raise InputError(f"There is no Easy Read script to approve at {path}. Run "
                         f"'converter easy-read draft {source}' and check it first.")
    script = load_script(path)
    problems = needs_a_person(script, document)
    if problems:
        listing = "\n".join(f"  - {problem}" for problem in problems)
        raise ConverterError(f"Not approved: {len(problems)} thing(s) in {path.name} still "
                             f"need a person:\n{listing}")
    done = approved_script(script, name)
    write_atomic(path, render_script(done).encode("utf-8"))
    return (f"Approved {len(done.sections)} section(s) of {path.name} by {name}. "
            "Run 'converter build' to make the PDF without the DRAFT band.")


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


@easy_read.command(name="approve")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--by", "by", required=True, help="The name of the person who approves it.")
@STYLES_OPTION
@SPLIT_OPTION
def easy_read_approve(source, by, styles_dir, split_level):
    """Approve the Easy Read script of SOURCE for residents.

    Records who approved each section, when, and the hashes of the master chapter and of the
    section as approved. Refuses (exit 1) while any row is marked for a writer, any bold word
    has no explanation, or the master changed under a section."""
    click.echo(approve(source, load_style(styles_dir), by, split_level))
