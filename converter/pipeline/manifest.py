"""manifest.json: the truth about every file of one document's outputs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from converter import __version__
from converter.errors import ConverterError
from converter.model import Document

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "manifest.schema.json"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def document_section(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "source": document.source,
        "source_sha256": document.source_sha256,
        "language": document.language,
        "words": document.word_count,
        "chapters": [
            {"id": chapter.id, "title": chapter.title, "sha256": chapter.sha256}
            for chapter in document.chapters
        ],
    }


def new_manifest(document: Document, formats: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "converter_version": __version__,
        "built_at": now_iso(),
        "document": document_section(document),
        "formats": formats,
    }


def load_manifest(doc_dir: Path) -> dict[str, Any] | None:
    """The manifest of a document folder, or None when there is none or it is unreadable."""
    path = doc_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        return None
    return data


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
