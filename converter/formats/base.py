"""The seam between the orchestrator and the formats.

A format takes a `Document` and a `Style` and writes files into a staging folder. It never
parses sources, and the orchestrator never knows a format's internals: it only hashes
inputs, moves files into place and records them in the manifest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from converter import __version__
from converter.config import Style
from converter.hashing import sha256_file, sha256_json
from converter.model import Document


@dataclass(frozen=True)
class OutputFile:
    """One file of a format. `path` is relative to the format folder.

    `staged` is the new file in the staging folder, or None when the file from the last
    build is kept as it is (an unchanged chapter). `unit` groups files that are rebuilt
    together (one chapter's audio); `extra` is recorded in the manifest entry.
    """

    path: str
    role: str
    staged: Path | None = None
    unit: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class FormatResult:
    files: list[OutputFile]
    facts: dict[str, Any] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Requirement:
    """Read access to a format this one `requires`, built before it in the same build.

    `files` maps a path relative to that format's folder to the file on disk: the staged
    file when it was rebuilt now, else the committed one. Never write to them.
    """

    facts: dict[str, Any]
    files: dict[str, Path]


@dataclass
class BuildContext:
    document: Document
    style: Style
    staging: Path
    current: Path
    previous: dict[str, Any] | None
    source_dir: Path
    jobs: int = 1
    force: bool = False
    progress: Callable[[str], None] = lambda message: None
    required: dict[str, Requirement] = field(default_factory=dict)

    def reusable(self, unit: str, unit_sha256: str) -> list[OutputFile] | None:
        """The previous build's files for `unit`, if its inputs are unchanged and every file
        is still on disk with the recorded hash; else None (rebuild it)."""
        if self.force or not self.previous:
            return None
        if self.previous.get("units", {}).get(unit) != unit_sha256:
            return None
        kept = []
        for entry in self.previous.get("files", []):
            if entry.get("unit") != unit:
                continue
            relative = entry["path"].split("/", 1)[1]
            path = self.current / relative
            if not path.is_file() or sha256_file(path) != entry["sha256"]:
                return None
            extra = {k: v for k, v in entry.items()
                     if k not in ("path", "sha256", "bytes", "role", "unit")}
            kept.append(OutputFile(path=relative, role=entry["role"], unit=unit, extra=extra))
        return kept or None

    def stage(self, relative: str) -> Path:
        path = self.staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


@dataclass(frozen=True)
class FileRole:
    """What a kind of file is for. Resident files are what `fetch` hands out; staff files
    (scripts, slot lists, reports) stay in the output folder.

    `label` names the file in plain words for the catalogue and a package's README.txt;
    `how_to` is one plain sentence for a resident on how to open or play it; `whole` marks a
    file that only makes sense with every chapter (a playlist, the whole recording in one
    file), left out of a package that is split into parts or holds chosen chapters.
    """

    audience: str  # "resident" or "staff"
    label: str
    how_to: str = ""
    whole: bool = False

    @property
    def resident(self) -> bool:
        return self.audience == "resident"


def resident(label: str, how_to: str = "", whole: bool = False) -> FileRole:
    return FileRole("resident", label, how_to, whole)


def staff(label: str) -> FileRole:
    return FileRole("staff", label)


class Format(Protocol):
    """A format. Besides the methods below it declares `label` (what a resident calls it)
    and `roles` (role name -> FileRole) for every file it writes; it may declare
    `resident_formats`, the formats a resident who asks for this one is given instead (the
    Plain English report is a staff file; a resident gets the web edition)."""

    name: str
    description: str
    label: str
    roles: dict[str, FileRole]
    # Formats whose files and facts this one reads (the EPUB reads the audio). Optional: the
    # orchestrator builds them first in the same build and passes `BuildContext.required`.
    requires: tuple[str, ...]

    def inputs_sha256(self, document: Document, style: Style, source_dir: Path) -> str:
        """Hash of everything the output depends on; equal hash means nothing to rebuild."""

    def build(self, context: BuildContext) -> FormatResult: ...

    def status_notes(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        """Extra staleness a format knows of (an Easy Read script drafted from old text)."""

    def review_reasons(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        """Why the built output needs a person to review it before a resident gets it
        (empty when it does not). `status` fails, `fetch` refuses it unless --draft, and
        `list` and the catalogue show "needs review". Optional: a format without it never
        needs review."""


def document_inputs_sha256(document: Document, style: Style, style_files: tuple[str, ...],
                           **facts: Any) -> str:
    """The inputs hash most formats need: the converter, the title, every chapter and the
    format's style files, with `facts` of the document the format also shows."""
    return sha256_json({
        "converter": __version__,
        "title": document.title,
        "chapters": [chapter.sha256 for chapter in document.chapters],
        "style": style.files_sha256(*style_files),
        **facts,
    })


# Formats written before roles were declared still work: an undeclared role is a staff
# file (never handed out by mistake) and the label is the format's name.
UNDECLARED = FileRole("staff", "file")


def role_of(fmt: Format, role: str) -> FileRole:
    return getattr(fmt, "roles", {}).get(role, UNDECLARED)


def label_of(fmt: Format) -> str:
    return getattr(fmt, "label", "") or fmt.name


def review_reasons(fmt: Format, document: Document, style: Style, source_dir: Path) -> list[str]:
    """The format's review hook (`review_reasons`, or `review_state` by its other name)."""
    hook = getattr(fmt, "review_reasons", None) or getattr(fmt, "review_state", None)
    return list(hook(document, style, source_dir)) if hook else []


def resident_formats(fmt: Format) -> tuple[str, ...]:
    return tuple(getattr(fmt, "resident_formats", ()) or (fmt.name,))
