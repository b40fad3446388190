"""Commands for customer services and CI: `list`, `fetch` and `status`."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from converter.commands.options import OUTPUT_OPTION, SPLIT_OPTION, STYLES_OPTION, load_style


def _summary(row: dict) -> str:
    """The document's line: the master's state, unless a format needs something (a draft
    Easy Read under a master that has not changed is not 'fresh' to an adviser)."""
    if row["state"] != "fresh":
        return row["state"]
    waiting = [name for name, item in row["formats"].items() if item["state"] != "fresh"]
    if not waiting:
        return "fresh"
    return f"{len(waiting)} of {len(row['formats'])} formats not ready: {', '.join(waiting)}"


@click.command(name="list")
@OUTPUT_OPTION
@STYLES_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other tools.")
def list_command(output_dir, styles_dir, as_json):
    """List built documents and each format's state: fresh, stale (the master or settings
    changed since it was built), needs review, or missing files. Also refreshes the states
    shown in OUTPUT/index.html."""
    from converter.pipeline.catalogue import update_catalogue
    from converter.pipeline.library import source_state, states

    style = load_style(styles_dir)
    found = states(output_dir, style)
    rows = [{
        "id": state.id, "title": state.title, "state": source_state(manifest),
        "formats": {name: {"state": item.state, "built_at": item.built_at,
                           "reasons": item.reasons + item.review}
                    for name, item in state.formats.items()},
    } for manifest, state in found]
    if found:
        with contextlib.suppress(OSError):  # a read-only output folder still lists
            update_catalogue(output_dir, style, found)
    if as_json:
        click.echo(json.dumps({"documents": rows}, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo(f"No documents in {output_dir}. Build one with: converter build SOURCE")
        return
    for row in rows:
        click.echo(f"{row['id']}  [{_summary(row)}]  {row['title']}")
        for name, item in row["formats"].items():
            click.echo(f"    {name:<14} {item['state']:<13} built {item['built_at']}")
            for reason in item["reasons"][:1]:
                click.echo(f"        {reason}")


@click.command()
@click.argument("doc_id")
@click.option("--format", "format_name", required=True,
              help="What the resident asked for: audio, easy-read, braille, epub, "
                   "large-print, plain-english (they get the web edition), or several joined "
                   "by commas (plain-english,large-print).")
@click.option("--to", "to_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("."), show_default=True, help="Where to put the copy.")
@click.option("--zip", "as_zip", is_flag=True,
              help="Make zips to attach to emails, each under the limit in styles/fetch.toml "
                   "(20 MB); big audio is split into numbered parts at chapter boundaries.")
@click.option("--chapters", default=None,
              help="Only these chapters, by number: 2,5 or 2-4 (audio; for an Easy Read in "
                   "parts, the parts that hold them).")
@click.option("--small", is_flag=True,
              help="Speech-grade audio (32 kbps mono, half the size): for long recordings.")
@click.option("--allow-stale", is_flag=True,
              help="Send it even if the master changed since it was built (with a warning).")
@click.option("--draft", is_flag=True,
              help="Send it even if it needs review, marked as a draft.")
@OUTPUT_OPTION
@STYLES_OPTION
@SPLIT_OPTION
def fetch(doc_id, format_name, to_dir, as_zip, chapters, small, allow_stale, draft, output_dir,
          styles_dir, split_level):
    """Copy what a resident who asked for a format of DOC_ID should get, with a README.txt.

    Only files for residents are copied (never scripts, slot lists, reports or manifests).
    A format whose master changed since it was built is refused (exit 1) unless
    --allow-stale; one that needs review is refused unless --draft."""
    from converter.pipeline.library import fetch as fetch_files

    style = load_style(styles_dir)
    result = fetch_files(output_dir, doc_id, format_name, to_dir, style, as_zip=as_zip,
                         allow_stale=allow_stale, draft=draft, chapters=chapters, small=small,
                         split_level=style.split_level(split_level))
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(result.message)


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--formats", default="all", show_default=True,
              help="Comma-separated formats to check, or all.")
@OUTPUT_OPTION
@STYLES_OPTION
@SPLIT_OPTION
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON (each format's state, reasons and review notes) for other "
                   "tools.")
def status(sources, formats, output_dir, styles_dir, split_level, as_json):
    """Say whether each format of SOURCES is fresh, stale, needs review, damaged or missing.

    Damaged: a file differs from the manifest (fetch refuses it too; rebuild it). With no
    SOURCES, checks the source of every built document. Exit 0 when everything is fresh, 1
    when anything is stale, damaged, missing or needs review."""
    from converter.errors import ConverterError
    from converter.formats import parse_formats
    from converter.pipeline.freshness import DocumentState
    from converter.pipeline.library import documents, status_of

    style = load_style(styles_dir)
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
            results.append(DocumentState("", "", str(source), {}, error=str(error)))
    if as_json:
        click.echo(json.dumps({"documents": [
            {"id": r.id, "source": r.source, "error": r.error or None, "fresh": r.ok,
             "formats": {name: {"state": f.state, "built_at": f.built_at,
                                "reasons": f.reasons, "review": f.review, "notes": f.notes}
                         for name, f in r.formats.items()}}
            for r in results]}, indent=2))
    else:
        for result in results:
            if result.error:
                click.echo(f"{result.source}: error: {result.error}")
                continue
            click.echo(f"{result.id} ({result.source})")
            for name, item in result.formats.items():
                click.echo(f"    {name:<14} {item.state}")
                for note in item.reasons + item.review + item.notes:
                    click.echo(f"        {note}")
    sys.exit(0 if all(result.ok for result in results) else 1)


COMMANDS = (list_command, fetch, status)
