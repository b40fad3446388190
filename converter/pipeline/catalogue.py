"""output/index.html: the catalogue customer services open in a browser.

It is itself accessible: the shared page shell (landmarks, skip link, contrast), tables
with captions and header cells, and link text that says what each file is.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from converter.htmlpage import page
from converter.pipeline.locks import catalogue_lock, write_atomic

FORMAT_LABELS = {
    "plain-english": "Plain English report",
    "easy-read": "Easy Read",
    "audio": "Audio",
}
ROLE_LABELS = {
    "report-html": "readability report (web page)",
    "report-json": "readability report (JSON)",
    "easy-read-pdf": "Easy Read PDF",
    "image-slots": "picture slot list (CSV)",
    "easy-read-script": "Easy Read script used",
    "chapter-audio": "chapter",
    "playlist": "playlist (M3U8)",
    "full-audio": "whole recording with chapter markers",
    "transcript": "transcript",
    "captions": "captions (WebVTT)",
    "timings": "timings of each paragraph (JSON)",
    "announcement-audio": "opening announcement",
}


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"  # pragma: no cover


def render_catalogue(manifests: list[dict[str, Any]]) -> str:
    sections = []
    for manifest in manifests:
        document = manifest["document"]
        doc_id = escape(document["id"])
        rows = []
        for name, entry in manifest["formats"].items():
            links = []
            for item in entry["files"]:
                label = ROLE_LABELS.get(item["role"], item["role"])
                extra = f" {escape(str(item['chapter_title']))}" if item.get("chapter_title") else ""
                links.append(
                    f'<li><a href="{escape(doc_id)}/{escape(item["path"])}">'
                    f"{escape(label)}{extra}</a> ({human_size(item['bytes'])})</li>"
                )
            rows.append(
                f"<tr><th scope=\"row\">{escape(FORMAT_LABELS.get(name, name))}</th>"
                f"<td>{escape(entry['built_at'].replace('T', ' ').replace('Z', ' UTC'))}</td>"
                f"<td><ul>{''.join(links)}</ul></td></tr>"
            )
        sections.append(
            f'<section aria-labelledby="doc-{doc_id}"><h2 id="doc-{doc_id}">'
            f"{escape(document['title'])}</h2>"
            f"<p>Document id: <code>{doc_id}</code>. Source: {escape(Path(document['source']).name)}. "
            f'<a href="{doc_id}/manifest.json">Manifest</a>.</p>'
            f"<table><caption>Formats of {escape(document['title'])}</caption>"
            "<thead><tr><th scope=\"col\">Format</th><th scope=\"col\">Built</th>"
            f"<th scope=\"col\">Files</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "</section>"
        )
    body = "".join(sections) or "<p>No documents have been built yet.</p>"
    intro = ("<p>Every document below is available in the formats listed. Choose a file to "
             "open it, or use <code>converter fetch DOC_ID --format FORMAT</code> to copy a "
             "format ready to send.</p>")
    return page("Accessible formats catalogue", "Accessible formats catalogue", intro + body,
                css="table { width: 100%; margin-bottom: 2rem; } ul { margin: 0; "
                    "padding-left: 1.2rem; }", skip_to="the documents")


def update_catalogue(output_dir: Path) -> None:
    from converter.pipeline.library import documents

    with catalogue_lock(output_dir):
        html = render_catalogue(documents(output_dir)).encode("utf-8")
        target = output_dir / "index.html"
        if not target.exists() or target.read_bytes() != html:
            write_atomic(target, html)
