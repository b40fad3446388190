"""manifest.json: the truth about every file of one document's outputs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from converter import __version__
from converter.errors import ConverterError, InputError
from converter.model import Document
from converter.pipeline.paths import UnsafePathError, check_relative, no_link, printable

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "manifest.schema.json"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def publisher_contact(document: Document) -> list[str]:
    """The master's own contact details as the Easy Read contact page says them ('Phone us on
    ...', 'Email us at ...'); [] when it gives none."""
    from converter.formats.easy_read.contact_page import contact_rows, own_contact_texts

    return [" ".join(row.text.split()) for row in contact_rows(own_contact_texts(document), "")
            if row.id != "contact-formats"]


def document_section(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "source": document.source,
        "source_sha256": document.source_sha256,
        "language": document.language,
        "organisation": document.organisation,  # the source's own publisher, if it names one
        # how a resident reaches the publisher, for the README of what `fetch` sends
        "contact": publisher_contact(document),
        "words": document.word_count,
        "chapters": [
            {"id": chapter.id, "title": chapter.title, "sha256": chapter.sha256}
            for chapter in document.chapters
        ],
    }


def new_manifest(section: dict[str, Any], formats: dict[str, Any]) -> dict[str, Any]:
    """A manifest for the document whose `document_section` is `section`."""
    return {
        "schema_version": SCHEMA_VERSION,
        "converter_version": __version__,
        "built_at": now_iso(),
        "document": section,
        "formats": formats,
    }


class ManifestError(InputError):
    """A manifest.json that cannot be trusted: unreadable, a key missing, a wrong type or a
    path outside its folder. Exit 2; the document is set aside, others are unaffected."""


MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def load_manifest(doc_dir: Path) -> dict[str, Any] | None:
    """The checked manifest of a document folder, or None when there is none.

    Raises ManifestError when it exists but is damaged or names a path outside the folder.
    """
    path = doc_dir / MANIFEST
    no_link(doc_dir, "output folder")
    no_link(path, "manifest")
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"{printable(path)} is larger than any manifest we write.")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError) as error:
        raise ManifestError(f"{printable(path)} is unreadable ({printable(error, 80)}).") from None
    check_manifest(data, doc_dir.name, str(path))
    return data


def check_manifest(data: Any, doc_id: str, where: str) -> None:
    """Check every key the converter relies on, and every stored path, before any use."""
    def need(container: Any, key: str, kind: type | tuple[type, ...], at: str) -> Any:
        if not isinstance(container, dict) or key not in container:
            raise ManifestError(f"{printable(where)}: '{at}{key}' is missing; the manifest is "
                                "damaged and was set aside (rebuild the document).")
        value = container[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ManifestError(f"{printable(where)}: '{at}{key}' has the wrong type; the "
                                "manifest is damaged and was set aside (rebuild the document).")
        return value

    if not isinstance(data, dict):
        raise ManifestError(f"{printable(where)} is not a JSON object.")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ManifestError(f"{printable(where)}: schema_version is not {SCHEMA_VERSION}.")
    document = need(data, "document", dict, "")
    for key in ("id", "title", "source", "source_sha256", "language"):
        need(document, key, str, "document.")
    if document["id"] != doc_id:
        raise ManifestError(f"{printable(where)}: it names document '{printable(document['id'])}' "
                            f"but lies in the folder '{doc_id}'.")
    for chapter in need(document, "chapters", list, "document."):
        for key in ("id", "title", "sha256"):
            need(chapter, key, str, "document.chapters[].")
    for name, entry in need(data, "formats", dict, "").items():
        at = f"formats.{printable(name, 30)}."
        need(entry, "inputs_sha256", str, at)
        need(entry, "built_at", str, at)
        for key, kind in (("facts", dict), ("units", dict), ("warnings", list)):
            if key in entry:
                need(entry, key, kind, at)
        for item in need(entry, "files", list, at):
            stored = need(item, "path", str, f"{at}files[].")
            for key, kind in (("sha256", str), ("bytes", int), ("role", str)):
                need(item, key, kind, f"{at}files[].")
            try:
                check_relative(stored, printable(where))
            except UnsafePathError as error:
                raise ManifestError(str(error)) from None
            if not stored.startswith(f"{name}/"):
                raise ManifestError(f"{printable(where)}: '{printable(stored)}' is not in the "
                                      f"'{printable(name, 30)}' folder; refused.")


def dump_manifest(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@cache
def manifest_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate_manifest(manifest: dict[str, Any]) -> None:
    """Validate against the JSON Schema before it is written; a mismatch is our bug."""
    import jsonschema  # a runtime dependency: validation is always on

    try:
        jsonschema.validate(manifest, manifest_schema())
    except jsonschema.ValidationError as error:
        raise ConverterError(f"internal error: manifest does not match its schema: "
                             f"{error.message}") from None


def intact_problem(doc_dir: Path, entry: dict[str, Any]) -> str | None:
    """Why a format's files on disk differ from its manifest entry, or None when intact.

    The one test `build` (reuse), `status` and `fetch` all use, so they always agree.
    """
    from converter.hashing import sha256_file
    from converter.pipeline.paths import confined

    for item in entry.get("files", []):
        path = confined(doc_dir, item["path"], "manifest")
        if not path.is_file():
            return f"{printable(item['path'])} is missing"
        if path.stat().st_size != item["bytes"] or sha256_file(path) != item["sha256"]:
            return f"{printable(item['path'])} does not match the manifest"
    return None
