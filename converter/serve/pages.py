"""Server-rendered pages of `converter serve`: accessible HTML in the shared page shell.

Every page has one h1, labelled form fields, visible focus (WCAG 2.2 2.4.7, 2.4.11) and
reflows at 320 CSS px (400% zoom, 1.4.10). States are written in words; colour is only a
second signal.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from converter.formats import FORMAT_MODULES, get_format
from converter.formats.base import file_label, label_of, role_of
from converter.htmlpage import page
from converter.pipeline.catalogue import CSS as CATALOGUE_CSS
from converter.pipeline.catalogue import human_size
from converter.pipeline.freshness import FRESH, REVIEW, FormatState, built_when

# Inputs and buttons: a 2px #0b0c0c border (19.8:1, WCAG 1.4.11 non-text contrast) and the
# same yellow focus ring as links; at least 44px tall (2.5.8 target size asks 24px).
CSS = CATALOGUE_CSS + """
label { display: block; font-weight: bold; margin-top: .8rem; }
.hint { display: block; color: #505a5f; font-weight: normal; }
input[type=search], input[type=email], input[type=text], select {
  font-size: 1.05rem; padding: .4rem; border: 2px solid #0b0c0c; width: 100%;
  max-width: 28rem; box-sizing: border-box; min-height: 44px; }
button { font-size: 1.05rem; padding: .5rem 1rem; min-height: 44px; margin-top: .8rem;
  background: #00703c; color: #fff; border: 2px solid #002d18; cursor: pointer; }
input:focus, select:focus, button:focus { outline: 3px solid #fd0; outline-offset: 0;
  box-shadow: inset 0 0 0 2px #0b0c0c; }
.error { border-left: 6px solid #b10e1e; padding-left: .8rem; }
.done { border-left: 6px solid #00703c; padding-left: .8rem; }
ul.results li { margin: .4rem 0; }
object.pdf { width: 100%; height: 30rem; border: 1px solid #505a5f; }
"""

# For the adviser, one plain line per format: what it is and who it is for.
ABOUT = {
    "plain-english": "The readability check of the master, for staff. A resident who asks "
                     "for Plain English is sent the web edition.",
    "html": "The full text as a web page residents can read on any device, zoom, or have "
            "read aloud by their own screen reader.",
    "large-print": "The full text as a large print PDF (UKAAF guidance): for people with low "
                   "vision who read print.",
    "easy-read": "Short sentences with a picture for each idea, as a PDF: for people with a "
                 "learning disability or who find reading hard.",
    "audio": "The document read aloud, one MP3 for each chapter, with transcripts: for "
             "people who cannot see the page or prefer to listen.",
    "braille": "Braille files (UEB grade 2) for a braille display or an embosser: for "
               "people who read braille.",
    "epub": "An e-book that highlights the text as the audio reads it: for e-readers and "
            "reading apps.",
}


def layout(title: str, body: str, *, heading: str | None = None) -> str:
    nav = '<nav aria-label="Site"><p><a href="/">All documents</a></p></nav>'
    return page(f"{title} - Accessible formats", heading or title, body, css=CSS,
                footer=nav)


def state_words(item: FormatState | None) -> str:
    if item is None:
        return '<span class="state state-unknown">Not checked</span>'
    words = item.state[:1].upper() + item.state[1:]
    return f'<span class="state state-{item.state.replace(" ", "-")}">{escape(words)}</span>'


def search_form(query: str) -> str:
    return ('<form role="search" method="get" action="/">'
            '<label for="q">Find a document<span class="hint">Type words from its title '
            "or its id. Small spelling mistakes are fine.</span></label>"
            f'<input type="search" id="q" name="q" value="{escape(query)}" '
            'autocomplete="off"><button type="submit">Search</button></form>')


def home(results: list[dict[str, Any]], query: str, total: int) -> str:
    if query:
        found = (f"{len(results)} of {total} documents match “{escape(query)}”."
                 if results else f"No document matches “{escape(query)}”. Try fewer words "
                 "or <a href=\"/\">see every document</a>.")
        summary = f'<p role="status">{found}</p>'
        heading = "Search results"
    else:
        summary = ("" if total else "<p>No documents have been built yet. Staff build them "
                   "with <code>converter build</code>.</p>")
        heading = f"Documents ({total})"
    items = "".join(
        f'<li><a href="/d/{quote(m["document"]["id"])}">{escape(m["document"]["title"])}</a>'
        f' <span class="meta">(id: {escape(m["document"]["id"])})</span></li>'
        for m in results)
    listing = f'<ul class="results">{items}</ul>' if items else ""
    intro = ("<p>Find the policy a resident asks about, check that the format they want is "
             "up to date, then download it or email it to them.</p>")
    return layout("Accessible formats", f"{intro}{search_form(query)}"
                  f'<h2 id="list">{heading}</h2>{summary}{listing}',
                  heading="Accessible formats for residents")


def _sendable(manifest: dict[str, Any], name: str) -> bool:
    """A format a resident can be sent here: its resident formats are all built."""
    fmt = get_format(name)
    given = getattr(fmt, "resident_formats", ()) or (name,)
    return all(other in manifest["formats"] for other in given)


def document_page(manifest: dict[str, Any], state, csrf: str, message: str = "",
                  error: str = "") -> str:
    document = manifest["document"]
    doc_id = document["id"]
    base = f"/d/{quote(doc_id)}"
    rows, viewers, options = [], [], []
    for name, entry in manifest["formats"].items():
        if name not in FORMAT_MODULES:
            continue
        fmt = get_format(name)
        label = label_of(fmt)
        item = state.formats.get(name) if state else None
        size = sum(f["bytes"] for f in entry["files"] if role_of(fmt, f["role"]).resident)
        why = (item.reasons + item.review)[:2] if item else []
        reasons = "".join(f"<li>{escape(reason)}</li>" for reason in why)
        if not _sendable(manifest, name):
            action = "Not sent from here: build its web edition first"
        elif item is not None and item.state in (FRESH,):
            action = f'<a href="{base}/{name}.zip">Download the {escape(label)} package</a>'
            options.append((name, label))
        elif item is not None and item.state == REVIEW:
            action = (f'<a href="{base}/{name}.zip">Why the {escape(label)} package cannot '
                      "be sent yet</a>")
        else:
            action = (f'<a href="{base}/{name}.zip">Why the {escape(label)} package cannot '
                      "be sent</a>")
        rows.append(
            f'<tr><th scope="row">{escape(label)}</th><td>{escape(ABOUT.get(name, label))}'
            f"</td><td>{state_words(item)}{'<ul>' + reasons + '</ul>' if reasons else ''}</td>"
            f"<td>{escape(built_when(entry))}</td><td>{human_size(size) if size else 'None'}</td>"
            f"<td>{action}</td></tr>")
        for file in entry["files"]:
            kind = {".pdf": "PDF", ".html": "web page"}.get(Path(file["path"]).suffix.lower())
            if kind and role_of(fmt, file["role"]).resident:
                url = f"{base}/file/{quote(file['path'])}"
                name_text = file_label(f"{label}: {Path(file['path']).name}", file)
                viewers.append(
                    f"<li><a href=\"{url}\">Open {escape(name_text)} ({kind}, "
                    f"{human_size(file['bytes'])})</a></li>")
    table = ('<table><caption>Formats of this document</caption><thead><tr>'
             '<th scope="col">Format</th><th scope="col">What it is</th>'
             '<th scope="col">State</th><th scope="col">Built</th>'
             '<th scope="col">Size for residents</th><th scope="col">Package</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    pdfs = (f'<h2 id="read">Read it in the browser</h2><ul>{"".join(viewers)}</ul>' if viewers else "")
    listen = _players(manifest, base)
    notice = ""
    if message:
        notice = f'<div class="done" role="status"><p>{escape(message)}</p></div>'
    if error:
        notice = f'<div class="error" role="alert"><h2>Not sent</h2><p>{escape(error)}</p></div>'
    body = (f'{notice}<p><a href="/">All documents</a></p>'
            f"<p>Document id: <code>{escape(doc_id)}</code>. Master: "
            f"{escape(Path(document['source']).name)}. "
            f"{len(document['chapters'])} chapters.</p>"
            "<p>A format is <strong>fresh</strong> when it matches the master and can be sent; "
            "<strong>stale</strong> when the master changed after it was made; <strong>needs "
            "review</strong> when a person must check it first.</p>"
            f'<h2 id="formats">Formats</h2>{table}{pdfs}{listen}'
            f"{_send_form(base, options, csrf, len(document['chapters']))}")
    return layout(document["title"], body)


def _players(manifest: dict[str, Any], base: str) -> str:
    audio = manifest["formats"].get("audio")
    if not audio:
        return ""
    numbers = {f"chapter:{c['id']}": n for n, c in
               enumerate(manifest["document"]["chapters"], start=1)}
    items = []
    for file in audio["files"]:
        if file["role"] not in ("chapter-audio", "announcement-audio"):
            continue
        number = numbers.get(file.get("unit", ""))
        title = file.get("chapter_title") or Path(file["path"]).name
        heading = f"Chapter {number}: {title}" if number else title
        url = f"{base}/file/{quote(file['path'])}"
        items.append(f"<li>{escape(heading)} ({human_size(file['bytes'])})"
                     f'<audio controls preload="none" src="{url}" aria-label="{escape(heading)}">'
                     f'<a href="{url}">Download {escape(heading)}</a></audio></li>')
    if not items:
        return ""
    return f'<h2 id="listen">Listen to each chapter</h2><ul class="chapters">{"".join(items)}</ul>'


def _send_form(base: str, options: list[tuple[str, str]], csrf: str, chapters: int) -> str:
    if not options:
        return ('<h2 id="send">Send by email</h2><p>No format of this document can be sent '
                "now: none is fresh.</p>")
    choices = "".join(f'<option value="{escape(name)}">{escape(label)}</option>'
                      for name, label in options)
    return (
        f'<h2 id="send">Send by email</h2><form method="post" action="{base}/send">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        '<label for="address">Resident’s email address<span class="hint">Used to send this '
        "once. It is not stored.</span></label>"
        '<input type="email" id="address" name="address" required autocomplete="off" '
        'spellcheck="false">'
        f'<label for="format">Format</label><select id="format" name="format">{choices}'
        "</select>"
        f'<label for="chapters">Chapters (optional)<span class="hint">For audio: numbers '
        f"from 1 to {chapters}, like 2,5 or 2-4. Leave empty for all.</span></label>"
        '<input type="text" id="chapters" name="chapters" inputmode="numeric" '
        'autocomplete="off">'
        '<button type="submit">Send the package</button></form>')


def parts_page(title: str, label: str, links: list[tuple[str, str, int]]) -> str:
    items = "".join(f'<li><a href="{url}">{escape(name)}</a> ({human_size(size)})</li>'
                    for url, name, size in links)
    body = (f"<p>The {escape(label)} package is large, so it comes in {len(links)} parts, "
            "each small enough to attach to one email. Download every part.</p>"
            f"<ul>{items}</ul>")
    return layout(f"{title}: {label} in parts", body)


def problem_page(title: str, heading: str, reason: str, back: str = "/") -> str:
    body = (f'<div class="error"><p>{escape(reason)}</p></div>'
            f'<p><a href="{escape(back)}">Go back</a></p>')
    return layout(title, body, heading=heading)
