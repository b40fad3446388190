"""docProps/core.xml and app.xml: title, language, author, publisher and dates."""

from __future__ import annotations

from dataclasses import dataclass

from converter.readers.docx.names import CP, DC, DCTERMS, EP


@dataclass(frozen=True)
class CoreProperties:
    title: str = ""
    language: str = ""
    creator: str = ""
    company: str = ""
    modified: str = ""  # W3CDTF, '2024-03-14T09:00:00Z'
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
        modified=text(core_root, DCTERMS, "modified"),
        created=text(core_root, DCTERMS, "created"),
    )
