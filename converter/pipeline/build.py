"""Build the requested formats of one source, rebuilding only what its inputs changed."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.config import Style
from converter.errors import ConverterError
from converter.formats import get_format, inputs_sha256, requirements, with_requirements
from converter.formats.base import BuildContext, FormatResult, Requirement
from converter.hashing import sha256_file
from converter.model import Document
from converter.pipeline.catalogue import update_catalogue
from converter.pipeline.freshness import master_snapshot
from converter.pipeline.ids import assign_id
from converter.pipeline.load import load_document
from converter.pipeline.locks import build_lock, remove_old_lock_files
from converter.pipeline.manifest import (
    MANIFEST,
    ManifestError,
    document_section,
    intact_problem,
    load_manifest,
    new_manifest,
    now_iso,
    validate_manifest,
)
from converter.pipeline.paths import scan_for_links
from converter.pipeline.tempfiles import temporary_root
from converter.pipeline.transaction import JOURNAL, commit, recover, staging_dir

DAMAGED = "manifest.damaged.json"
Stale = tuple[str, Any, str, BuildContext]  # format name, format, inputs hash, context


@dataclass
class BuildOptions:
    output_dir: Path
    formats: list[str]
    style: Style
    force: bool = False
    jobs: int = 1
    split_level: int | None = None
    progress: Callable[[str], None] = lambda message: None
    # Runs the stale formats instead of `_run_formats` (converter.distributed sends them
    # to workers); same arguments, same results.
    runner: Callable[..., list[FormatResult]] | None = None


@dataclass
class BuildReport:
    document: Document
    doc_dir: Path
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_written: int = 0
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)


def build_source(source: Path, options: BuildOptions) -> BuildReport:
    source = Path(source)
    document = load_document(source, options.style, options.split_level)
    _ensure_writable(options.output_dir)
    document = assign_id(options.output_dir, document)
    report = BuildReport(document=document, doc_dir=options.output_dir / document.id)
    report.warnings.extend(document.warnings)
    doc_dir = report.doc_dir
    created = not doc_dir.exists()
    try:
        scan_for_links(doc_dir, "output folder")
        def waiting() -> None:
            options.progress(f"another build of {document.id} is running; waiting for it")

        with (temporary_root(lambda: _discard_unfinished(doc_dir, created)),
              build_lock(doc_dir, on_wait=waiting)):
            scan_for_links(doc_dir, "output folder")
            recovered = recover(doc_dir, holding_build_lock=True)
            if recovered:
                options.progress(f"{document.id}: {recovered}")
            remove_old_lock_files(doc_dir)
            _build_locked(document, source, options, report)
    except OSError as error:
        raise ConverterError(_os_error_message(error, doc_dir)) from None
    finally:
        _discard_unfinished(doc_dir, created)
    if report.files_written:
        # The document just read is reused only when the catalogue would read it the same
        # way (the style's split level); a second copy would double the peak memory.
        same = options.split_level == options.style.split_level(None)
        update_catalogue(options.output_dir, options.style,
                         loaded=document if same else None)
    return report


def _discard_unfinished(doc_dir: Path, created: bool) -> None:
    # Past the commit point the journal needs the staged files to roll forward.
    if (doc_dir / JOURNAL).exists() or doc_dir.is_symlink():
        return
    with contextlib.suppress(OSError):
        shutil.rmtree(staging_dir(doc_dir), ignore_errors=True)
        if created and doc_dir.is_dir() and not (doc_dir / "manifest.json").exists():
            shutil.rmtree(doc_dir, ignore_errors=True)


def _build_locked(document: Document, source: Path, options: BuildOptions,
                  report: BuildReport) -> None:
    """Find what is stale, build it in staging, then commit it with the manifest at once."""
    doc_dir = report.doc_dir
    previous = _previous_manifest(doc_dir, report)
    staging = staging_dir(doc_dir)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    formats: dict[str, Any] = dict(previous["formats"]) if previous else {}
    stale = _stale_formats(document, source, options, report, formats, staging)
    results = (options.runner or _run_formats)(document, options, stale, formats, doc_dir)
    moves, deletes = _record(stale, results, formats, report)
    section = document_section(document)  # once: it finds the publisher's contact details
    document_changed = not previous or previous["document"] != section
    if report.built or document_changed:
        manifest = new_manifest(section, formats)
        validate_manifest(manifest)
        commit(doc_dir, moves, deletes, manifest)
        report.files_written = len(moves) + 1


def _record(stale: list[Stale], results: list[FormatResult], formats: dict[str, Any],
            report: BuildReport) -> tuple[list[tuple[str, str]], list[str]]:
    """Put each built format's entry in `formats`; return the moves and deletes to commit."""
    moves: list[tuple[str, str]] = []
    deletes: list[str] = []
    for (name, _, inputs, _), result in zip(stale, results, strict=True):
        old = formats.get(name)
        entry, format_moves = _format_entry(name, result, report.doc_dir, old, inputs)
        entry["master"] = master_snapshot(report.document)  # what it was built from
        moves.extend(format_moves)
        new_paths = {item["path"] for item in entry["files"]}
        deletes.extend(item["path"] for item in (old or {}).get("files", [])
                       if item["path"] not in new_paths)
        formats[name] = entry
        report.built.append(name)
        report.warnings.extend(result.warnings)
        report.facts[name] = result.facts
    return moves, deletes


def _previous_manifest(doc_dir: Path, report: BuildReport) -> dict[str, Any] | None:
    """The last manifest; a damaged one is set aside (kept for a person) and rebuilt."""
    try:
        return load_manifest(doc_dir)
    except ManifestError as error:
        aside = doc_dir / DAMAGED
        os.replace(doc_dir / MANIFEST, aside)
        report.warnings.append(f"{error} Kept as {aside.name}.")
        return None


def _stale_formats(document: Document, source: Path, options: BuildOptions,
                   report: BuildReport, formats: dict[str, Any], staging: Path) -> list[Stale]:
    """The formats whose inputs changed (or whose files are damaged), with their contexts."""
    source_dir = source.resolve().parent
    stale: list[Stale] = []
    known_inputs: dict[str, str] = {}
    for name in with_requirements(options.formats):  # a required format comes first
        fmt = get_format(name)
        inputs = inputs_sha256(name, document, options.style, source_dir, known_inputs)
        old = formats.get(name)
        if (not options.force and old and old.get("inputs_sha256") == inputs
                and intact_problem(report.doc_dir, old) is None):
            report.unchanged.append(name)
            report.warnings.extend(fmt.status_notes(document, options.style, source_dir))
            continue
        context = BuildContext(
            document=document, style=options.style, staging=staging / name,
            current=report.doc_dir / name, previous=old, source_dir=source_dir,
            jobs=options.jobs, force=options.force, progress=options.progress,
        )
        context.staging.mkdir(parents=True, exist_ok=True)
        stale.append((name, fmt, inputs, context))
    return stale


def _run_formats(document: Document, options: BuildOptions, stale: list[Stale],
                 formats: dict[str, Any], doc_dir: Path) -> list[FormatResult]:
    # Formats build at the same time: audio waits on engines and ffmpeg in other processes,
    # so the reports and the PDF use the time (and the cores) it leaves free. A format that
    # requires another waits for it, then reads its files and facts.
    def run(item: Stale) -> FormatResult:
        name, fmt, _, context = item
        context.required = {r: _requirement(r, done, formats, doc_dir)
                            for r in requirements(name)}
        options.progress(f"{document.id}: building {name}")
        return fmt.build(context)

    # Imported here, once: formats import the language layer lazily, and two threads
    # importing it at the same time can fail with Python's _DeadlockError.
    import converter.language  # noqa: F401

    done: dict[str, FormatResult] = {}
    waiting = list(stale)
    while waiting:
        names = {item[0] for item in waiting}
        ready = [item for item in waiting if not names & set(requirements(item[0]))]
        with ThreadPoolExecutor(max_workers=max(1, len(ready))) as pool:
            done.update(zip([item[0] for item in ready], pool.map(run, ready), strict=True))
        waiting = [item for item in waiting if item not in ready]
    return [done[item[0]] for item in stale]


def _requirement(name: str, done: dict[str, FormatResult], formats: dict[str, Any],
                 doc_dir: Path) -> Requirement:
    """What a dependent format may read of `name`: this build's result, else the last one."""
    if name in done:
        result = done[name]
        return Requirement(facts=result.facts, files={
            output.path: output.staged or doc_dir / name / output.path
            for output in result.files})
    entry = formats[name]
    return Requirement(facts=entry["facts"], files={
        item["path"].split("/", 1)[1]: doc_dir / item["path"] for item in entry["files"]})


def _format_entry(name: str, result: FormatResult, doc_dir: Path,
                  previous: dict[str, Any] | None, inputs_sha256: str):
    files = []
    moves = []
    # A kept file was checked against its recorded hash when it was reused.
    known = {item["path"]: item for item in (previous or {}).get("files", [])}
    for output in result.files:
        final = f"{name}/{output.path}"
        if output.staged is not None:
            path = output.staged
            moves.append((str(path.relative_to(doc_dir)), final))
            digest, size = sha256_file(path), path.stat().st_size
        elif final in known:
            digest, size = known[final]["sha256"], known[final]["bytes"]
        else:
            path = doc_dir / final
            digest, size = sha256_file(path), path.stat().st_size
        item: dict[str, Any] = {
            "path": final,
            "sha256": digest,
            "bytes": size,
            "role": output.role,
        }
        if output.unit:
            item["unit"] = output.unit
        item.update(output.extra)
        files.append(item)
    entry = {
        "inputs_sha256": inputs_sha256,
        "built_at": now_iso(),
        "facts": result.facts,
        "units": result.units,
        "warnings": result.warnings,
        "files": files,
    }
    return entry, moves


def _ensure_writable(output_dir: Path) -> None:
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConverterError(f"Cannot create the output folder {output_dir}: "
                             f"{error.strerror}.") from None


def _os_error_message(error: OSError, doc_dir: Path) -> str:
    if error.errno == errno.ENOSPC:
        return f"The disk is full while writing {doc_dir}; nothing was changed. Free space and retry."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Cannot write to {doc_dir} ({error.strerror}); nothing was changed. "
                "Check the folder's permissions or choose another with --output.")
    return f"Could not write the outputs in {doc_dir}: {error.strerror or error}."
