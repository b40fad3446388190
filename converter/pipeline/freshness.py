"""Is a built format still what its master says? One answer for `status`, `list`, `fetch` and
the catalogue: fresh, stale (with what changed), needs review (with why) or missing.

A format is stale when the hash of its inputs now differs from the one recorded when it was
built. Each format entry also records the master's hash and chapter hashes at build time
(`master`), so the reason can name what changed even after another format was rebuilt.
"""

from __future__ import annotations

import dataclasses
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter import __version__
from converter.config import Style
from converter.errors import ConverterError
from converter.formats import FORMAT_MODULES, get_format, inputs_sha256
from converter.formats.base import review_reasons
from converter.model import Document
from converter.pipeline.load import load_document
from converter.pipeline.manifest import intact_problem

FRESH, STALE, REVIEW = "fresh", "stale", "needs review"
MISSING, DAMAGED, UNKNOWN = "missing", "damaged", "unknown"


def master_snapshot(document: Document) -> dict[str, Any]:
    """What a format was built from, recorded in its manifest entry."""
    return {"sha256": document.source_sha256,
            "chapters": [{"id": c.id, "title": c.title, "sha256": c.sha256}
                         for c in document.chapters]}


@dataclass
class FormatState:
    format: str
    state: str  # fresh | stale | needs review | missing | damaged | unknown
    built_at: str = ""
    reasons: list[str] = field(default_factory=list)  # why stale, missing or unknown
    review: list[str] = field(default_factory=list)  # why a person must review it
    notes: list[str] = field(default_factory=list)  # other things worth knowing

    @property
    def ok(self) -> bool:
        return self.state == FRESH

    def summary(self) -> str:
        """One line: the state and the first reason."""
        why = (self.reasons or self.review or [""])[0]
        return f"{self.state}: {why}" if why else self.state


@dataclass
class DocumentState:
    id: str
    title: str
    source: str
    formats: dict[str, FormatState]
    document: Document | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and all(item.ok for item in self.formats.values())


def built_when(entry: dict[str, Any] | None) -> str:
    stamp = (entry or {}).get("built_at", "")
    return stamp.replace("T", " ").replace("Z", " UTC") if stamp else "never"


def what_changed(manifest: dict[str, Any], entry: dict[str, Any], document: Document) -> str:
    """A short phrase: which chapters of the master changed, or that settings did."""
    name = Path(manifest["document"]["source"]).name
    then = entry.get("master") or {"sha256": manifest["document"]["source_sha256"],
                                   "chapters": manifest["document"]["chapters"]}
    if then["sha256"] != document.source_sha256:
        old = {c["id"]: c for c in then["chapters"]}
        new = {c.id: c for c in document.chapters}
        edited = [new[i].title for i in new if i in old and old[i]["sha256"] != new[i].sha256]
        added = [new[i].title for i in new if i not in old]
        removed = [old[i]["title"] for i in old if i not in new]
        parts = [f"{label} {_titles(titles)}" for label, titles in (
            ("edited", edited), ("added", added), ("removed", removed)) if titles]
        return f"the master {name} changed ({'; '.join(parts)})" if parts else \
            f"the master {name} changed (its title, language or notes)"
    if manifest.get("converter_version") != __version__:
        return f"the converter changed from {manifest.get('converter_version')} to {__version__}"
    return "its style files or other inputs (an edited script, pictures, the voice) changed"


def _titles(titles: list[str]) -> str:
    shown = ", ".join(f"'{title}'" for title in titles[:3])
    return shown + (f" and {len(titles) - 3} more" if len(titles) > 3 else "")


def rebuild_hint(source: str | Path, name: str, output_dir: Path) -> str:
    """The command that builds it again, with --output when it is not the default folder:
    without it, following the hint would build somewhere the asker does not look."""
    hint = f"converter build {shlex.quote(str(source))} --formats {name}"
    if Path(output_dir).resolve() != Path("output").resolve():
        hint += f" --output {shlex.quote(str(output_dir))}"
    return hint


def _same_reading(loaded: Document | None, doc_id: str, source: Path) -> bool:
    """Whether `loaded` (the document a build just read) is what reading `source` gives now:
    the same id, the same file, unchanged since."""
    from converter.hashing import sha256_file

    return (loaded is not None and loaded.id == doc_id
            and loaded.source == str(source.resolve())
            and sha256_file(source) == loaded.source_sha256)


def document_state(manifest: dict[str, Any], output_dir: Path, style: Style,
                   names: list[str] | None = None, split_level: int | None = None,
                   source: Path | None = None, loaded: Document | None = None
                   ) -> DocumentState:
    """The state of each format of one built document (`names`: those asked for, built or
    not; default: every built format). Reads the master once."""
    info = manifest["document"]
    source = Path(source or info["source"])
    names = list(names if names is not None else manifest["formats"])
    result = DocumentState(info["id"], info["title"], str(source), {})
    doc_dir = output_dir / info["id"]
    document = None
    problem = ""
    if not source.is_file():
        problem = (f"its master {source} is not there, so it cannot be checked (run this "
                   "from the folder it was built in, or rebuild it)")
    else:
        try:
            if _same_reading(loaded, info["id"], source):
                document = loaded  # read with the same split level; not read twice
            else:
                # Under the id it is stored as (ids.assign_id may have made it distinct).
                document = dataclasses.replace(load_document(source, style, split_level),
                                               id=info["id"])
        except ConverterError as error:
            problem = f"its master {source} cannot be read: {error}"
    result.document = document
    for name in names:
        entry = manifest["formats"].get(name)
        item = FormatState(name, MISSING, built_when(entry) if entry else "")
        result.formats[name] = item
        if name not in FORMAT_MODULES:
            item.state = UNKNOWN
            item.reasons.append(f"this converter does not know the format '{name}'")
            continue
        inputs = None
        if document is not None:
            fmt = get_format(name)
            source_dir = source.resolve().parent
            try:
                inputs = inputs_sha256(name, document, style, source_dir)
                item.review = review_reasons(fmt, document, style, source_dir)
                item.notes = [note for note in fmt.status_notes(document, style, source_dir)
                              if note not in item.review]
            except ConverterError as error:  # a style file or a tool it needs is missing
                problem = f"cannot check it: {error}"
        hint = rebuild_hint(source, name, output_dir)
        if entry is None:
            item.reasons.append(f"not built yet; build it with: {hint}")
        elif inputs is None:
            item.state = UNKNOWN
            item.reasons.append(problem)
        elif entry["inputs_sha256"] != inputs:
            item.state = STALE
            item.reasons.append(f"{what_changed(manifest, entry, document)} since it was "
                                f"built on {item.built_at}; rebuild it with: {hint}")
            if damage := intact_problem(doc_dir, entry):  # fetch --allow-stale refuses it
                item.reasons.append(f"also damaged: {damage}")
        elif damage := intact_problem(doc_dir, entry):  # the test build and fetch make
            item.state = DAMAGED
            item.reasons.append(f"{damage}; rebuild it with: {hint}")
        elif item.review:
            item.state = REVIEW
        else:
            item.state = FRESH
    return result

