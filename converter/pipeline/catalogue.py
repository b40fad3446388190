"""output/index.html: the catalogue customer services open in a browser, on the phone.

For each document: each format's state (fresh, stale with what changed, needs review with
why), when it was built, the size of what a resident gets, the resident files (one audio
player per chapter, with its transcript) and, folded away, the staff files.

It is itself accessible: the shared page shell (landmarks, skip link, contrast), tables
with captions and header cells, states in words (colour is only a second signal), and link
text that says what each file is. A contents list finds a document without scripts; a small
script adds a title filter (the box stays hidden when scripts do not run).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from converter.formats import FORMAT_MODULES, get_format
from converter.formats.base import FileRole, file_label, label_of, resident_formats, role_of
from converter.htmlpage import page
from converter.pipeline.locks import catalogue_lock, write_atomic
from converter.pipeline.manifest import now_iso

if TYPE_CHECKING:
    from converter.config import Style
    from converter.model import Document
    from converter.pipeline.freshness import DocumentState

# The state classes add a coloured left border; the state is always written out too.
# Borders: green #00703c (5.9:1 on white), red #b10e1e (7.6:1), amber #8a5a00 (5.6:1).
CSS = """
table { width: 100%; margin-bottom: 1rem; }
ul { margin: 0; padding-left: 1.2rem; }
.state { font-weight: bold; border-left: 6px solid #505a5f; padding-left: .4rem; }
.state-fresh { border-color: #00703c; } .state-stale, .state-missing, .state-damaged,
.state-unknown
{ border-color: #b10e1e; } .state-needs-review { border-color: #8a5a00; }
ul.chapters { list-style: none; padding-left: 0; } ul.chapters li { margin: .8rem 0; }
audio { display: block; width: 100%; max-width: 28rem; margin: .2rem 0; }
#find { font-size: 1.05rem; padding: .3rem; border: 2px solid #0b0c0c; width: 100%;
  max-width: 28rem; }
#find:focus { outline: 3px solid #fd0; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
details { margin: .5rem 0 1.5rem; } summary { cursor: pointer; color: #1d4f91; }
summary:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
section.doc { border-top: 2px solid #505a5f; margin-top: 1.5rem; }
"""

# Filters documents by title as you type; without scripts the box stays hidden and the
# contents list above still leads to every document.
SCRIPT = """<script>
(function () {
  var box = document.getElementById("search"), input = document.getElementById("find");
  var count = document.getElementById("find-count");
  var docs = Array.prototype.slice.call(document.querySelectorAll("section.doc"));
  box.hidden = false;
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
    docs.forEach(function (doc) {
      var title = doc.getAttribute("data-title");
      var match = words.every(function (w) { return title.indexOf(w) !== -1; });
      doc.hidden = !match; if (match) { shown += 1; }
    });
    count.textContent = words.length ? "Showing " + shown + " of " + docs.length +
      " documents" : "";
  });
})();
</script>"""


def human_size(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"  # pragma: no cover


def _when(stamp: str) -> str:
    return stamp.replace("T", " ").replace("Z", " UTC")


def _role(name: str, role: str) -> FileRole:
    return role_of(get_format(name), role) if name in FORMAT_MODULES else FileRole("staff", role)


def _link(doc_id: str, item: dict[str, Any], label: str) -> str:
    return (f'<a href="{escape(doc_id)}/{escape(item["path"])}">{escape(label)}</a> '
            f"({human_size(item['bytes'])})")


def _label(item: dict[str, Any], info: FileRole) -> str:
    label = info.label if info.label != "file" else Path(item["path"]).name
    return file_label(label[:1].upper() + label[1:], item)


def _state_cell(state: Any) -> str:
    if state is None:
        return '<td><span class="state state-unknown">Not checked</span></td>'
    words = state.state[:1].upper() + state.state[1:]
    why = "".join(f"<li>{escape(reason)}</li>" for reason in (state.reasons + state.review)[:3])
    return (f'<td><span class="state state-{state.state.replace(" ", "-")}">{words}</span>'
            + (f"<ul>{why}</ul>" if why else "") + "</td>")


def _document(manifest: dict[str, Any], state: DocumentState | None) -> str:
    document = manifest["document"]
    doc_id = escape(document["id"])
    title = escape(document["title"])
    rows, players, staff_links = [], [], []
    for name, entry in manifest["formats"].items():
        label = label_of(get_format(name)) if name in FORMAT_MODULES else name
        resident_links, size = [], 0
        for item in entry["files"]:
            info = _role(name, item["role"])
            if not info.resident:
                staff_links.append(
                    f"<li>{escape(label)}: {_link(doc_id, item, _label(item, info))}</li>")
                continue
            size += item["bytes"]
            if item["role"] in ("chapter-audio", "announcement-audio"):
                players.append(item)
            elif item["role"] not in ("transcript", "captions"):
                resident_links.append(f"<li>{_link(doc_id, item, _label(item, info))}</li>")
        if players and name == "audio":
            resident_links.append(f'<li><a href="#listen-{doc_id}">Listen to each chapter</a> '
                                  "(with transcripts)</li>")
        fmt = get_format(name) if name in FORMAT_MODULES else None
        given = [other for other in resident_formats(fmt) if other != name] if fmt else []
        if given:  # a resident asking for this format gets another (Plain English -> html)
            for other in given:
                other_label = label_of(get_format(other)) if other in FORMAT_MODULES else other
                where = ("its own row" if other in manifest["formats"] else
                         f"not built yet: <code>converter build MASTER --formats {other}</code>")
                resident_links.append(f"<li>Residents who ask for {escape(label)} get the "
                                      f"{escape(other_label)} ({where})</li>")
        if "passed" in entry.get("facts", {}):
            verdict = "passes" if entry["facts"]["passed"] else "does not pass"
            resident_links.append(f"<li>The master {verdict} the Plain English gate</li>")
        format_state = state.formats.get(name) if state else None
        rows.append(
            f'<tr><th scope="row">{escape(label)}</th>{_state_cell(format_state)}'
            f"<td>{escape(_when(entry['built_at']))}</td>"
            f"<td>{human_size(size) if size else 'None'}</td>"
            f"<td>{'<ul>' + ''.join(resident_links) + '</ul>' if resident_links else 'None'}"
            "</td></tr>")
    listen = ""
    if players:
        transcripts = {item.get("unit"): item for entry in manifest["formats"].values()
                       for item in entry["files"] if item["role"] == "transcript"}
        numbers = {f"chapter:{c['id']}": number for number, c in
                   enumerate(document["chapters"], start=1)}
        seconds = {chapter.get("unit"): chapter.get("duration_seconds") for chapter in
                   manifest["formats"].get("audio", {}).get("facts", {}).get("chapters", [])}
        items = []
        for item in players:
            title_text = item.get("chapter_title") or Path(item["path"]).name
            number = numbers.get(item.get("unit", ""))
            heading = f"Chapter {number}: {title_text}" if number else title_text
            length = seconds.get(item.get("unit"))
            length_text = f"{int(length // 60)} min {int(length % 60)} s, " if length else ""
            text = transcripts.get(item.get("unit"))
            transcript = (f' <a href="{doc_id}/{escape(text["path"])}">Transcript of '
                          f"{escape(heading)}</a>" if text else "")
            items.append(
                f"<li>{escape(heading)} ({length_text}{human_size(item['bytes'])})"
                f'<audio controls preload="none" src="{doc_id}/{escape(item["path"])}" '
                f'aria-label="{escape(heading)}"><a href="{doc_id}/{escape(item["path"])}">'
                f"Download {escape(heading)}</a></audio>{transcript}</li>")
        listen = (f'<h3 id="listen-{doc_id}">Listen: {title}</h3>'
                  f'<ul class="chapters">{"".join(items)}</ul>')
    staff = (f"<details><summary>Files for staff, not for residents ({len(staff_links)})"
             f"</summary><ul>{''.join(staff_links)}<li>"
             f'<a href="{doc_id}/manifest.json">Manifest (JSON)</a></li></ul></details>')
    return (
        f'<section class="doc" aria-labelledby="doc-{doc_id}" '
        f'data-title="{escape(document["title"].lower())}">'
        f'<h2 id="doc-{doc_id}">{title}</h2>'
        f"<p>Document id: <code>{doc_id}</code>. Master: "
        f"{escape(Path(document['source']).name)}. To send a format: "
        f"<code>converter fetch {doc_id} --format FORMAT --zip</code></p>"
        f"<table><caption>Formats of {title}</caption><thead><tr>"
        '<th scope="col">Format</th><th scope="col">State</th><th scope="col">Built</th>'
        '<th scope="col">Size for residents</th><th scope="col">Files for residents</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>{listen}{staff}</section>")


def render_catalogue(manifests: list[dict[str, Any]],
                     found: list[DocumentState] | None = None) -> str:
    by_id = {state.id: state for state in found or []}
    sections = [_document(manifest, by_id.get(manifest["document"]["id"]))
                for manifest in manifests]
    contents = "".join(f'<li><a href="#doc-{escape(m["document"]["id"])}">'
                       f'{escape(m["document"]["title"])}</a></li>'
                       for m in sorted(manifests, key=lambda m: m["document"]["title"].lower()))
    search = ('<div id="search" role="search" hidden><label for="find">Find a document by '
              'title</label><br><input type="search" id="find" autocomplete="off">'
              '<p id="find-count" role="status"></p></div>')
    intro = ("<p>Every document below is available in the formats listed. A format is "
             "<strong>fresh</strong> when it matches its master, <strong>stale</strong> when "
             "the master or its settings changed since it was built, and <strong>needs "
             "review</strong> when a person must check it before it is sent. Use "
             "<code>converter fetch DOC_ID --format FORMAT --zip</code> to make a copy to "
             "send; it refuses stale or unreviewed formats unless asked.</p>"
             f'<p class="meta">States checked {escape(_when(now_iso()))}. '
             "<code>converter list</code> checks them again and updates this page.</p>")
    if manifests:
        body = (f"{intro}{search}<nav aria-labelledby=\"contents\"><h2 id=\"contents\">"
                f"Documents ({len(manifests)})</h2><ul>{contents}</ul></nav>"
                f"{''.join(sections)}{SCRIPT}")
    else:
        body = "<p>No documents have been built yet.</p>"
    return page("Accessible formats catalogue", "Accessible formats catalogue", body,
                css=CSS, skip_to="the documents")


def update_catalogue(output_dir: Path, style: Style | None = None,
                     found: list[tuple[dict[str, Any], DocumentState]] | None = None,
                     loaded: Document | None = None) -> None:
    """Rewrite output/index.html with each format's state checked now (after a build, and
    by `converter list`). `loaded`: a document the caller read with the style's split level
    (a build), so it is not read again."""
    from converter.pipeline.library import states

    with catalogue_lock(output_dir):
        if found is None:
            if style is None:
                from converter.config import Style

                style = Style()
            found = states(output_dir, style, loaded=loaded)
        html = render_catalogue([manifest for manifest, _ in found],
                                [state for _, state in found]).encode("utf-8")
        write_atomic(output_dir / "index.html", html)
