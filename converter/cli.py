"""The `converter` command line. Commands parse and report; the work lives in plain functions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from converter import __version__
from converter.commands import handout
from converter.commands.check import check
from converter.commands.easy_read import easy_read
from converter.commands.options import (
    OUTPUT_OPTION,
    SOURCES,
    SPLIT_OPTION,
    STYLES_OPTION,
    load_style,
)
from converter.commands.serve import serve
from converter.commands.worker import BROKER_OPTION, CACHE_OPTION, remote_runner, worker
from converter.errors import ConverterError, InputError
from converter.formats import ALL_FORMATS
from converter.terminal import install as install_safe_output


def _progress(quiet: bool):
    def report(message: str) -> None:
        if not quiet:
            click.echo(f"  {message}", err=True)

    return report


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="converter")
def cli() -> None:
    """Make accessible versions of policy documents: Plain English checks, Easy Read PDFs and
    audio chapters, kept in step with the master text.

    \b
    Comms staff:        converter build source_docs/policy.docx
    Customer services:  converter list        converter fetch policy --format audio
                        converter serve       (a web page to find, check and send)
    CI:                 converter check source_docs/*.docx    converter status
    """


@cli.command()
@SOURCES
@click.option("--formats", default="all", show_default=True,
              help=f"Comma-separated: {','.join(ALL_FORMATS)} (epub builds the audio too).")
@OUTPUT_OPTION
@click.option("--force", is_flag=True, help="Rebuild everything, even what is up to date.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Chapters synthesised at once (default: the number of CPUs).")
@STYLES_OPTION
@SPLIT_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final summary.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
@click.option("--verify", is_flag=True,
              help="Afterwards, listen to the audio with a speech recogniser (audio verify).")
@BROKER_OPTION
@CACHE_OPTION
def build(sources, formats, output_dir, force, jobs, styles_dir, split_level, quiet, as_json,
          verify, broker, cache_dir):
    """Build accessible formats of SOURCES (.docx, .md or .txt) into OUTPUT/<doc-id>/.

    Only outputs whose inputs changed are rebuilt. A hard-to-read document still builds:
    use 'converter check' as the readability gate.
    """
    from converter.formats import parse_formats
    from converter.pipeline.build import BuildOptions, build_source

    style = load_style(styles_dir)
    options = BuildOptions(
        output_dir=output_dir, formats=parse_formats(formats), style=style, force=force,
        jobs=jobs or os.cpu_count() or 1, split_level=style.split_level(split_level),
        progress=_progress(quiet), runner=remote_runner(style, broker, cache_dir),
    )
    exit_code = 0
    summary = []
    for source in sources:
        try:
            report = build_source(source, options)
        except ConverterError as error:
            click.echo(f"error: {source}: {error}", err=True)
            exit_code = max(exit_code, error.exit_code)
            summary.append({"source": str(source), "error": str(error)})
            continue
        for warning in report.warnings:
            click.echo(f"warning: {report.document.id}: {warning}", err=True)
        if report.built:
            line = f"{report.document.id}: built {', '.join(report.built)}"
            if report.unchanged:
                line += f"; up to date: {', '.join(report.unchanged)}"
        else:
            line = f"{report.document.id}: up to date ({', '.join(report.unchanged)})"
        if not as_json:
            click.echo(f"{line} -> {report.doc_dir}/")
        summary.append({"source": str(source), "id": report.document.id,
                        "folder": str(report.doc_dir), "built": report.built,
                        "unchanged": report.unchanged, "warnings": report.warnings})
    if as_json:
        click.echo(json.dumps({"documents": summary}, indent=2))
    elif any("id" in item for item in summary):
        click.echo(f"Catalogue: {output_dir / 'index.html'}")
    if verify and "audio" in options.formats:
        from converter.commands.audio import verify_document

        for item in summary:
            if "id" in item:
                exit_code = max(exit_code, verify_document(item["id"], output_dir, style))
    sys.exit(exit_code)


@cli.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole document model as JSON.")
@STYLES_OPTION
@SPLIT_OPTION
def inspect(source, as_json, styles_dir, split_level):
    """Show how SOURCE was read: title, language, chapters and their blocks."""
    from converter.pipeline.load import load_document

    document = load_document(source, load_style(styles_dir), split_level)
    if as_json:
        click.echo(json.dumps(document.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(f"Title:    {document.title}")
    click.echo(f"Id:       {document.id}")
    click.echo(f"Language: {document.language}")
    click.echo(f"Words:    {document.word_count}")
    for warning in document.warnings:
        click.echo(f"Warning:  {warning}")
    for chapter in document.chapters:
        click.echo(f"\n[{chapter.id}] {chapter.title}  ({chapter.word_count} words, "
                   f"sha256 {chapter.sha256[:12]})")
        for block in chapter.blocks:
            indent = "  " * (getattr(block, "level", 0) if block.kind == "list_item" else 0)
            marker = {"list_item": "1." if getattr(block, "ordered", False) else "-"}.get(
                block.kind, "")
            text = block.text.replace("\n", " / ")
            if len(text) > 100:
                text = text[:97] + "..."
            click.echo(f"  {block.kind:<10} {indent}{marker + ' ' if marker else ''}{text}")
        for note in chapter.notes:
            click.echo(f"  {note.kind:<10} [{note.id}] {note.text[:90]}")


cli.add_command(check)
cli.add_command(easy_read)
cli.add_command(worker)
cli.add_command(serve)
for _command in handout.COMMANDS:  # list, fetch, status
    cli.add_command(_command)


cli.add_command(__import__("converter.commands.audio", fromlist=["audio"]).audio)


def main() -> None:
    """Entry point: one-line errors and proper exit codes, never a traceback."""
    debug = bool(os.environ.get("CONVERTER_DEBUG"))
    install_safe_output()  # no control characters from documents reach the terminal
    try:
        cli.main(standalone_mode=False, prog_name="converter")
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(2 if isinstance(error, click.UsageError) else error.exit_code)
    except InputError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last line of defence for users
        if debug:
            raise
        click.echo(f"internal error: {type(error).__name__}: {error} "
                   "(set CONVERTER_DEBUG=1 for details)", err=True)
        sys.exit(1)
