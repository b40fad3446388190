"""The `converter` command line. Commands parse and report; the work lives in plain functions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from converter import __version__
from converter.config import Style
from converter.errors import ConverterError, InputError
from converter.terminal import install as install_safe_output

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


def _progress(quiet: bool):
    def report(message: str) -> None:
        if not quiet:
            click.echo(f"  {message}", err=True)

    return report


def _style(styles_dir: Path | None) -> Style:
    return Style(styles_dir)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="converter")
def cli() -> None:
    """Make accessible versions of policy documents: Plain English checks, Easy Read PDFs and
    audio chapters, kept in step with the master text.

    \b
    Comms staff:        converter build source_docs/policy.docx
    Customer services:  converter list        converter fetch policy --format audio
    CI:                 converter check source_docs/*.docx    converter status
    """


@cli.command()
@SOURCES
@click.option("--formats", default="all", show_default=True,
              help="Comma-separated: plain-english,easy-read,audio.")
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
def build(sources, formats, output_dir, force, jobs, styles_dir, split_level, quiet, as_json,
          verify):
    """Build accessible formats of SOURCES (.docx, .md or .txt) into OUTPUT/<doc-id>/.

    Only outputs whose inputs changed are rebuilt. A hard-to-read document still builds:
    use 'converter check' as the readability gate.
    """
    from converter.formats import parse_formats
    from converter.pipeline.build import BuildOptions, build_source

    style = _style(styles_dir)
    options = BuildOptions(
        output_dir=output_dir, formats=parse_formats(formats), style=style, force=force,
        jobs=jobs or os.cpu_count() or 1, split_level=style.split_level(split_level),
        progress=_progress(quiet),
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
@SOURCES
@click.option("--format", "report_format", default="text", show_default=True,
              type=click.Choice(["text", "json", "html", "sarif", "github"]))
@click.option("--output", "output_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Write the report to FILE instead of stdout.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Thresholds file (default: styles/plain-english.toml).")
@STYLES_OPTION
@SPLIT_OPTION
def check(sources, report_format, output_file, config_file, styles_dir, split_level):
    """Check SOURCES against Plain English rules. The CI gate.

    Exit 0 when every source passes, 1 when one breaks an error threshold or has an error
    finding, 2 for bad input.
    """
    from converter.formats.plain_english.check import run_check

    style = _style(styles_dir)
    sys.exit(run_check(list(sources), report_format, output_file, config_file, style,
                       style.split_level(split_level)))


@cli.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole document model as JSON.")
@STYLES_OPTION
@SPLIT_OPTION
def inspect(source, as_json, styles_dir, split_level):
    """Show how SOURCE was read: title, language, chapters and their blocks."""
    from converter.readers import read_document

    document = read_document(source, _style(styles_dir).split_level(split_level))
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


@cli.command(name="list")
@OUTPUT_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other tools.")
def list_command(output_dir, as_json):
    """List built documents, their formats, when each was built, and whether the source has
    changed since (fresh or stale)."""
    from converter.pipeline.library import documents, source_state

    rows = []
    for manifest in documents(output_dir):
        document = manifest["document"]
        rows.append({
            "id": document["id"], "title": document["title"], "state": source_state(manifest),
            "formats": {name: entry["built_at"] for name, entry in manifest["formats"].items()},
        })
    if as_json:
        click.echo(json.dumps({"documents": rows}, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo(f"No documents in {output_dir}. Build one with: converter build SOURCE")
        return
    for row in rows:
        click.echo(f"{row['id']}  [{row['state']}]  {row['title']}")
        for name, built_at in row["formats"].items():
            click.echo(f"    {name:<14} built {built_at}")


@cli.command()
@click.argument("doc_id")
@click.option("--format", "format_name", required=True,
              help="plain-english, easy-read or audio.")
@click.option("--to", "to_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("."), show_default=True, help="Where to put the copy.")
@click.option("--zip", "as_zip", is_flag=True, help="Make one .zip, ready to attach to an email.")
@OUTPUT_OPTION
def fetch(doc_id, format_name, to_dir, as_zip, output_dir):
    """Copy one format of DOC_ID, ready to send to the person who asked for it.

    For audio that is every chapter plus the playlist and transcripts."""
    from converter.pipeline.library import fetch as fetch_files

    written = fetch_files(output_dir, doc_id, format_name, to_dir, as_zip)
    target = written[0] if as_zip else written[0].parent if written else to_dir
    click.echo(f"Copied {len(written)} file(s) to {target}" if not as_zip else f"Wrote {target}")


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--formats", default="all", show_default=True)
@OUTPUT_OPTION
@STYLES_OPTION
@SPLIT_OPTION
@click.option("--json", "as_json", is_flag=True)
def status(sources, formats, output_dir, styles_dir, split_level, as_json):
    """Say whether each format of SOURCES is fresh, stale or missing.

    With no SOURCES, checks the source of every built document. Exit 0 when everything is
    fresh, 1 when anything is stale or missing."""
    from converter.formats import parse_formats
    from converter.pipeline.library import DocumentStatus, documents, status_of

    style = _style(styles_dir)
    names = parse_formats(formats)
    if not sources:
        sources = [Path(m["document"]["source"]) for m in documents(output_dir)]
        if not sources:
            click.echo(f"No documents in {output_dir}; nothing to check.", err=True)
            sys.exit(1)
    results = []
    for source in sources:
        try:
            results.append(status_of(source, output_dir, style, names,
                                     style.split_level(split_level)))
        except ConverterError as error:
            results.append(DocumentStatus(id="", source=str(source), formats=[], error=str(error)))
    if as_json:
        click.echo(json.dumps({"documents": [
            {"id": r.id, "source": r.source, "error": r.error or None, "fresh": r.ok,
             "formats": {f.format: {"state": f.state, "notes": f.notes} for f in r.formats}}
            for r in results]}, indent=2))
    else:
        for result in results:
            if result.error:
                click.echo(f"{result.source}: error: {result.error}")
                continue
            click.echo(f"{result.id} ({result.source})")
            for item in result.formats:
                click.echo(f"    {item.format:<14} {item.state}")
                for note in item.notes:
                    click.echo(f"        {note}")
    sys.exit(0 if all(result.ok for result in results) else 1)


@cli.group(name="easy-read")
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
    from converter.formats.easy_read.script_file import draft_command

    style = _style(styles_dir)
    message = draft_command(source, style, target, update, force, style.split_level(split_level))
    click.echo(message)


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
