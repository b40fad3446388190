"""docProps/core.xml and app.xml: title, language, author, publisher and dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from converter.readers.docx.names import CP, DC, DCTERMS, EP


@dataclass(frozen=True)
class CoreProperties:
    title: str = ""
    language: str = ""
    creator: str = ""
    company: str = ""
    modified: str = ""  # when Word last saved it, UTC, "YYYY-MM-DDThh:mm:ssZ"
    created: str = ""


def read_core(core_root, app_root) -> CoreProperties:
    def text(root, ns: str, tag: str) -> str:
        if root is None:
            return ""
        element = root.find(f"{{{ns}}}{tag}")
        return " ".join((element.text or "").split()) if element is not None else ""

    return CoreProperties(
        title=text(core_root, DC, "title"),
        language=text(core_root, DC, "language"),
        creator=text(core_root, DC, "creator") or text(core_root, CP, "lastModifiedBy"),
        company=text(app_root, EP, "Company"),
        modified=utc_stamp(text(core_root, DCTERMS, "modified")),
        created=text(core_root, DCTERMS, "created"),
    )


def utc_stamp(value: str) -> str:
    """A W3CDTF date (what core.xml holds) as UTC "YYYY-MM-DDThh:mm:ssZ", or "" if it is
    not a full date and time."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if "T" not in value:
        return ""
    if moment.tzinfo is None:  # W3CDTF times carry a zone; a bare one is taken as UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
