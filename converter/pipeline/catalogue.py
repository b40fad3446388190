"""output/index.html: the catalogue customer services open in a browser.

It is itself accessible: landmarks, one h1, a table with a caption and header cells,
link text that says what the file is, and colours above 4.5:1 (WCAG 2.2 AA).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

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
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Accessible formats catalogue</title>
<style>
body {{ font-family: Arial, sans-serif; font-size: 1.1rem; line-height: 1.5; color: #0b0c0c;
  background: #fff; max-width: 60rem; margin: 0 auto; padding: 1rem; }}
a {{ color: #1d4f91; }}
a:focus {{ outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 2rem; }}
caption {{ text-align: left; font-weight: bold; padding: 0.5rem 0; }}
th, td {{ border: 1px solid #505a5f; padding: 0.5rem; text-align: left; vertical-align: top; }}
ul {{ margin: 0; padding-left: 1.2rem; }}
</style>
</head>
<body>
<header><p><a href="#main">Skip to the documents</a></p></header>
<main id="main">
<h1>Accessible formats catalogue</h1>
<p>Every document below is available in the formats listed. Choose a file to open it, or use
<code>converter fetch DOC_ID --format FORMAT</code> to copy a format ready to send.</p>
{body}
</main>
</body>
</html>
"""


def update_catalogue(output_dir: Path) -> None:
    from converter.pipeline.library import documents

    with catalogue_lock(output_dir):
        html = render_catalogue(documents(output_dir)).encode("utf-8")
        target = output_dir / "index.html"
        if not target.exists() or target.read_bytes() != html:
            write_atomic(target, html)
