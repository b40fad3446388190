"""Read-only views of the output folder for customer services and CI: list, status, fetch."""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.config import Style
from converter.errors import ConverterError, InputError
from converter.formats import get_format
from converter.hashing import sha256_file
from converter.pipeline.ids import assign_id
from converter.pipeline.locks import commit_lock
from converter.pipeline.manifest import MANIFEST, intact_problem, load_manifest
from converter.pipeline.paths import confined, printable
from converter.pipeline.transaction import recover
from converter.readers import read_document
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


@dataclass
class FormatStatus:
    format: str
    state: str  # fresh | stale | missing
    notes: list[str] = field(default_factory=list)


@dataclass
class DocumentStatus:
    id: str
    source: str
    formats: list[FormatStatus]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and all(item.state == "fresh" for item in self.formats)


def status_of(source: Path, output_dir: Path, style: Style, formats: list[str],
              split_level: int | None = None) -> DocumentStatus:
    document = assign_id(output_dir, read_document(source, split_level))
    doc_dir = output_dir / document.id
    recover(doc_dir)
    manifest = load_manifest(doc_dir) or {"formats": {}}
    result = []
    source_dir = Path(source).resolve().parent
    for name in formats:
        fmt = get_format(name)
        entry = manifest["formats"].get(name)
        notes = fmt.status_notes(document, style, source_dir)
        if entry is None:
            state = "missing"
        elif entry["inputs_sha256"] != fmt.inputs_sha256(document, style, source_dir):
            state = "stale"
        elif problem := intact_problem(doc_dir, entry):  # the same test fetch makes
            state = "damaged"
            notes.append(f"{problem}; rebuild it")
        else:
            state = "fresh"
        result.append(FormatStatus(name, state, notes))
    return DocumentStatus(id=document.id, source=str(source), formats=result)


def _check_id(output_dir: Path, doc_id: str) -> Path:
    known = [manifest["document"]["id"] for manifest in documents(output_dir)]
    if not is_safe_id(doc_id) or doc_id not in known:
        listing = ", ".join(known) if known else "none yet (run 'converter build')"
        raise InputError(f"No document '{_printable(doc_id)}' in {output_dir}. "
                         f"Documents: {listing}.")
    return output_dir / doc_id


def fetch(output_dir: Path, doc_id: str, format_name: str, to: Path,
          as_zip: bool = False) -> list[Path]:
    """Copy one format's files, checked against the manifest, ready to send to a resident."""
    doc_dir = _check_id(output_dir, doc_id)
    with commit_lock(doc_dir, shared=True):
        manifest = load_manifest(doc_dir)
        if manifest is None:
            raise ConverterError(f"{doc_dir / MANIFEST} is missing or damaged; rebuild it.")
        entry = manifest["formats"].get(format_name)
        if entry is None:
            available = ", ".join(manifest["formats"]) or "none"
            raise InputError(f"'{doc_id}' has no '{_printable(format_name)}' format. "
                             f"Available: {available}.")
        files = entry["files"]
        problem = intact_problem(doc_dir, entry)
        if problem:
            raise ConverterError(f"{problem}; rebuild '{doc_id}' before sending it.")
        _prepare_destination(to)
        written = []
        if as_zip:
            target = to / f"{doc_id}-{format_name}.zip"
            temporary = target.with_suffix(".zip.part")
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
                for item in files:
                    archive.write(confined(doc_dir, item["path"], "manifest"),
                                  arcname=item["path"])
            temporary.replace(target)
            written.append(target)
        else:
            folder = to / f"{doc_id}-{format_name}"
            for item in files:
                relative = Path(item["path"]).relative_to(format_name)
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(confined(doc_dir, item["path"], "manifest"), target)
                written.append(target)
        return written


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
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text)
    return cleaned[:60] + ("..." if len(cleaned) > 60 else "")
