"""Word (.docx, .docm) reader: one small module per Word part, as python-mammoth does."""

from __future__ import annotations

from pathlib import Path

from converter.model import ReadResult, dated
from converter.readers.docx.body_xml import BodyReader, ReadStats, read_notes
from converter.readers.docx.core_xml import read_core
from converter.readers.docx.names import w
from converter.readers.docx.numbering_xml import Numbering
from converter.readers.docx.package import Package
from converter.readers.docx.styles_xml import Styles


def read_docx(path: Path) -> ReadResult:
    """Read a Word file. Macros in .docm files are never run: only XML parts are read."""
    package = Package(path)
    try:
        main = package.main_document_part()
        document = package.xml(main)
        body = document.find(w("body")) if document is not None else None
        if body is None:
            body = document
        styles = Styles(package.xml(package.related_part(main, "styles") or "word/styles.xml"))
        numbering = Numbering(package.xml(package.related_part(main, "numbering") or ""))
        stats = ReadStats()
        reader = BodyReader(styles, numbering, package.relationships(main), stats)
        blocks = reader.blocks(body)

        notes = []
        for kind, rel in (("footnote", "footnotes"), ("endnote", "endnotes")):
            part = package.related_part(main, rel)
            if part:
                note_reader = BodyReader(styles, numbering, package.relationships(part), stats)
                notes.extend(read_notes(package.xml(part), kind, note_reader))
        comments = package.related_part(main, "comments")
        if comments:
            stats.comments = sum(1 for _ in package.xml(comments).iter(w("comment")))

        core = read_core(package.xml("docProps/core.xml"), package.xml("docProps/app.xml"))
    finally:
        package.close()
    return ReadResult(
        blocks=tuple(blocks),
        notes=tuple(notes),
        title=core.title or stats.title,
        language=core.language or styles.language,
        author=core.company or core.creator,
        organisation=core.company,
        date=dated(core.modified, "the Word document's modified date")
        or dated(core.created, "the Word document's created date"),
        modified=core.modified,
        warnings=tuple(stats.warnings()),
    )
