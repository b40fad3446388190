"""Read-only views of the output folder for customer services and CI: list, status, fetch."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.config import Style
from converter.errors import ConverterError, InputError
from converter.formats import FORMAT_MODULES, get_format
from converter.formats.base import label_of, resident_formats
from converter.hashing import sha256_file
from converter.model import Document
from converter.pipeline.catalogue import human_size
from converter.pipeline.freshness import (
    DAMAGED,
    FRESH,
    MISSING,
    REVIEW,
    STALE,
    UNKNOWN,
    DocumentState,
    built_when,
    document_state,
    rebuild_hint,
)
from converter.pipeline.ids import assign_id
from converter.pipeline.load import load_document
from converter.pipeline.locks import commit_lock
from converter.pipeline.manifest import MANIFEST, document_section, intact_problem, load_manifest
from converter.pipeline.package import (
    MB,
    Package,
    fetch_settings,
    parse_chapters,
    resident_files,
    small_copies,
    write_folder,
    write_zips,
)
from converter.pipeline.paths import printable
from converter.pipeline.transaction import recover
from converter.slug import is_safe_id


def documents(output_dir: Path) -> list[dict[str, Any]]:
    """Manifests of every document in the output folder, sorted by id."""
    result = []
    if not output_dir.is_dir():
        return result
    for doc_dir in sorted(output_dir.iterdir()):
        if not doc_dir.is_dir() or not is_safe_id(doc_dir.name):
            continue
        try:
            recover(doc_dir)
            manifest = load_manifest(doc_dir)
        except ConverterError as error:  # set aside; the other documents are unaffected
            print(f"warning: {printable(doc_dir.name)} set aside: {error}", file=sys.stderr)
            continue
        if manifest:
            result.append(manifest)
    return result


def source_state(manifest: dict[str, Any]) -> str:
    """fresh / stale / source-missing, judged by the source file's hash alone (fast)."""
    source = Path(manifest["document"]["source"])
    if not source.is_file():
        return "source-missing"
    return "fresh" if sha256_file(source) == manifest["document"]["source_sha256"] else "stale"


def status_of(source: Path, output_dir: Path, style: Style, formats: list[str],
              split_level: int | None = None) -> DocumentState:
    """The state of the formats `formats` of SOURCE, built or not (`status`)."""
    document = assign_id(output_dir, load_document(source, style, split_level))
    doc_dir = output_dir / document.id
    recover(doc_dir)
    manifest = load_manifest(doc_dir) or {
        "document": {**document_section(document)}, "formats": {}}
    return document_state(manifest, output_dir, style, formats, split_level, Path(source))


def states(output_dir: Path, style: Style, split_level: int | None = None,
           loaded: Document | None = None) -> list[tuple[dict[str, Any], DocumentState]]:
    """Every built document with the state of each of its formats (`list`, the catalogue).
    Each master is read, judged and let go: one document is held at a time, and `loaded`
    (read by the caller with the same split level) is not read again."""
    found = []
    for manifest in documents(output_dir):
        state = document_state(manifest, output_dir, style, None, split_level, loaded=loaded)
        state.document = None
        found.append((manifest, state))
    return found


def _check_id(output_dir: Path, doc_id: str) -> Path:
    known = [manifest["document"]["id"] for manifest in documents(output_dir)]
    if not is_safe_id(doc_id) or doc_id not in known:
        listing = ", ".join(known) if known else "none yet (run 'converter build')"
        raise InputError(f"No document '{_printable(doc_id)}' in {output_dir}. "
                         f"Documents: {listing}.")
    return output_dir / doc_id


@dataclass
class Fetched:
    written: list[Path]
    message: str
    warnings: list[str] = field(default_factory=list)


def fetch(output_dir: Path, doc_id: str, format_names: str, to: Path, style: Style, *,
          as_zip: bool = False, allow_stale: bool = False, draft: bool = False,
          chapters: str | None = None, small: bool = False,
          split_level: int | None = None, limit: int | None = None) -> Fetched:
    """Copy what a resident who asked for `format_names` should get, checked against the
    manifest: resident files only, refused when out of date (unless `allow_stale`) or when
    a person must review it first (unless `draft`). `limit` overrides the zip size limit
    of styles/fetch.toml (email sends keep room for base64)."""
    doc_dir = _check_id(output_dir, doc_id)
    asked = [name.strip() for name in format_names.split(",") if name.strip()]
    if not asked:
        raise InputError("--format needs a format name, for example --format audio.")
    for name in asked:
        if name not in FORMAT_MODULES:
            raise InputError(f"Unknown format '{_printable(name)}'. Choose from: "
                             f"{', '.join(FORMAT_MODULES)}.")
    names = list(dict.fromkeys(given for name in asked
                               for given in resident_formats(get_format(name))))
    _prepare_destination(to)
    with commit_lock(doc_dir, shared=True):
        manifest = load_manifest(doc_dir)
        if manifest is None:
            raise ConverterError(f"{doc_dir / MANIFEST} is missing or damaged; rebuild it.")
        for name in names:
            if name not in manifest["formats"]:
                instead = [a for a in asked if a != name and name in
                           resident_formats(get_format(a))]
                why = f" (a resident who asks for {instead[0]} gets it)" if instead else ""
                available = ", ".join(manifest["formats"]) or "none"
                hint = rebuild_hint(manifest["document"]["source"], name, output_dir)
                raise InputError(f"'{doc_id}' has no '{_printable(name)}' format{why}. "
                                 f"Built: {available}. Build it with: {hint}")
        gate = ["plain-english"] if "plain-english" in asked and "plain-english" in \
            manifest["formats"] and "plain-english" not in names else []
        state = document_state(manifest, output_dir, style, names + gate, split_level)
        warnings, notes = _judge(doc_id, state, names, allow_stale, draft)
        if "plain-english" in asked:
            warnings.extend(_plain_english_gate(manifest, state, style))
        files = resident_files(manifest, doc_dir, names,
                               parse_chapters(chapters, len(manifest["document"]["chapters"])))
        if not files:
            raise ConverterError(f"'{doc_id}' {', '.join(names)} has no files for residents.")
        for name in names:  # what is sent is exactly what was built
            problem = intact_problem(doc_dir, manifest["formats"][name])
            if problem:
                raise ConverterError(f"{problem}; rebuild '{doc_id}' before sending it.")
        organisation = style.settings("converter")["organisation"]
        package = Package(
            doc_id=doc_id, title=manifest["document"]["title"], name=",".join(asked),
            label=" and ".join(label_of(get_format(name)) for name in names),
            organisation=organisation["name"] or manifest["document"].get("organisation", ""),
            other_formats=organisation["other_formats"],
            built_at=min(built_when(manifest["formats"][name]) for name in names),
            files=files, notes=notes, contact=manifest["document"].get("contact", []))
        with contextlib.ExitStack() as stack:
            if limit is None:
                limit = int(float(fetch_settings(style)["package"]["max_file_mb"]) * MB)
            if small:
                package.files, package.small = stack.enter_context(
                    small_copies(files, style, limit if as_zip else None))
            try:
                if not as_zip:
                    written = write_folder(package, to)
                    return Fetched(written, f"Copied {len(written)} file(s) to "
                                            f"{written[0].parent if written else to}", warnings)
                written, left_out, spans = write_zips(package, to, limit)
            except OSError as error:  # the disk filled, or the folder became read-only
                raise InputError(f"--to {printable(to)}: cannot write there "
                                 f"({error.strerror or error}).") from None
    return Fetched(written, _zip_message(written, left_out, spans, limit), warnings)


def _judge(doc_id: str, state: DocumentState, names: list[str], allow_stale: bool,
           draft: bool) -> tuple[list[str], list[str]]:
    """Refuse what is out of date or unreviewed unless asked; else the warnings for staff
    and the notes for the resident's README."""
    warnings: list[str] = []
    notes: list[str] = []
    for name in names:
        item = state.formats[name]
        if item.state in (MISSING, DAMAGED):
            raise ConverterError(f"'{doc_id}' {name}: {item.reasons[0]}")
        if item.state in (STALE, UNKNOWN):
            if not allow_stale:
                raise ConverterError(f"'{doc_id}' {name} is out of date: {item.reasons[0]}. "
                                     "To send this copy anyway, add --allow-stale.")
            warnings.append(f"sending an out-of-date {name}: {item.reasons[0]}")
            notes.append("This copy was made before the latest changes to the document. "
                         "Ask us for an up-to-date copy.")
        if item.review:
            if not draft:
                more = f" (and {len(item.review) - 1} more)" if len(item.review) > 1 else ""
                raise ConverterError(f"'{doc_id}' {name} needs review: {item.review[0]}{more}. "
                                     "A person must check it first, or send it as a draft "
                                     "with --draft.")
            warnings.append(f"sending a draft {name} that needs review: {item.review[0]}")
            notes.append("This is a draft. A person has not checked it yet.")
    return warnings, list(dict.fromkeys(notes))


def _plain_english_gate(manifest: dict[str, Any], state: DocumentState,
                        style: Style) -> list[str]:
    """For the adviser: does the master pass the Plain English gate? The resident still
    gets the edition; the adviser knows what they are sending. The built report's verdict
    is used while it is fresh; else the master is checked now."""
    entry = manifest["formats"].get("plain-english")
    report_state = state.formats.get("plain-english")
    if entry and report_state and report_state.state in (FRESH, REVIEW):
        passed, reasons = entry["facts"]["passed"], entry["facts"].get("reasons", [])
    elif state.document is not None:
        from converter.formats.plain_english.analysis import analyse_each

        # Only the verdict is needed: each chapter's report is dropped (bounded memory).
        report = analyse_each(state.document, style.settings("plain-english"), style.root,
                              lambda chapter: None)
        passed, reasons = report.passed, report.reasons
    else:
        return ["cannot say whether the master passes the Plain English gate: "
                "its master cannot be read"]
    if passed:
        return []
    return [f"the master does not pass the Plain English gate ({'; '.join(reasons)}); "
            "the resident gets it as written. Tell them who to ask if anything is unclear."]


def _zip_message(written: list[Path], left_out: list, spans: list[str], limit: int) -> str:
    if len(written) == 1:
        return f"Wrote {written[0]} ({human_size(written[0].stat().st_size)})."
    lines = [f"Wrote {len(written)} parts, each under {limit / MB:g} MB, to attach to "
             f"{len(written)} emails, in {written[0].parent}:"]
    lines += [f"  {path.name}: {span} ({path.stat().st_size / MB:.1f} MB)"
              for path, span in zip(written, spans, strict=True)]
    if left_out:
        lines.append("Left out to keep each part small (the chapters hold the same): " +
                     "; ".join(file.info.label for file in left_out) + ".")
    return "\n".join(lines)


def _prepare_destination(to: Path) -> None:
    """Make the --to folder, or say in one line why it cannot be used (exit 2)."""
    try:
        to.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(f"--to {printable(to)}: a file is in the way; choose a folder.") from None
    except OSError as error:
        raise InputError(f"--to {printable(to)}: cannot create it ({error.strerror}).") from None
    if not os.access(to, os.W_OK | os.X_OK):
        raise InputError(f"--to {printable(to)}: the folder is not writable; choose another.")


def _printable(text: str) -> str:
    return printable(text, 60)
