"""Plain English format: readability report (HTML for people, JSON for tools)."""

from __future__ import annotations

from pathlib import Path

from converter.config import Style
from converter.formats.base import (
    BuildContext,
    FormatResult,
    OutputFile,
    document_inputs_sha256,
    staff,
)
from converter.model import Document


class PlainEnglishFormat:
    name = "plain-english"
    description = "Plain English readability report"
    label = "Plain English"
    # The readability report is for staff; a resident asking for Plain English gets the
    # accessible web edition of the master (and the large print PDF if they ask for it).
    resident_formats = ("html",)
    roles = {
        "report-html": staff("readability report (web page)"),
        "report-json": staff("readability report (JSON)"),
    }

    def inputs_sha256(self, document: Document, style: Style, source_dir: Path) -> str:
        return document_inputs_sha256(
            document, style, ("plain-english.toml", "words", "vocabulary"),
            source=document.source, directives=[[d.line, d.text] for d in document.directives],
            sidecar=_sidecar_sha256(document.source))

    def build(self, context: BuildContext) -> FormatResult:
        from converter.formats.plain_english.reports import write_streamed

        # Chapter by chapter, each written out as soon as it is analysed: memory does not
        # grow with the length of the document.
        html_path = context.stage("report.html")
        json_path = context.stage("report.json")
        report = write_streamed(context.document, context.style.settings("plain-english"),
                                context.style.root, html_path, json_path)
        facts = {"passed": report.passed, "reasons": report.reasons,
                 "metrics": report.metrics.to_dict(),
                 "findings": report.finding_count}
        return FormatResult(
            files=[OutputFile("report.html", "report-html", html_path),
                   OutputFile("report.json", "report-json", json_path)],
            facts=facts,
        )

    def status_notes(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        return []


def _sidecar_sha256(source: str) -> str | None:
    """The suppressions file beside the source, part of the report's inputs."""
    from converter.formats.plain_english.suppress import sidecar_path
    from converter.hashing import sha256_file

    path = sidecar_path(source)
    return sha256_file(path) if path.is_file() else None


FORMAT = PlainEnglishFormat()
