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
        from converter.formats.plain_english.analysis import analyse
        from converter.formats.plain_english.reports import write_html, write_json

        # The orchestrator may pass the language layer's annotations of the document (made
        # once for every format); without them the analysis annotates the document itself.
        report = analyse(context.document, context.style.settings("plain-english"),
                         context.style.root, getattr(context, "annotations", None))
        html_path = context.stage("report.html")
        write_html([report], html_path)
        json_path = context.stage("report.json")
        write_json([report], json_path)
        facts = {"passed": report.passed, "reasons": report.reasons,
                 "metrics": report.metrics.to_dict(),
                 "findings": len(report.findings)}
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
