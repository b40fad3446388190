"""EPUB 3 with Media Overlays: the text of each chapter, its audio, and a SMIL overlay that
ties each text fragment to the moment it is spoken, so a reading system highlights the text
as it is read aloud.

The EPUB requires the audio format: the orchestrator builds the audio first (in the same
build, or keeps the last one when it is current) and hands over its files and facts. Of
the audio facts it relies on `chapters[]` with `unit` ("chapter:<id>"), `file`
("audio/<name>.mp3"), `duration_seconds`, and the timing of each block (never the caption
text): the per-chapter timings file named by `timings` ("audio/timings/<name>.json", its
`blocks` [{"block": "3" or "note-1", "start", "end"}]) when there is one, else
`fragments` ([{"id": "b3" or "n1", "start", "end"}]); times are seconds in that MP3.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from converter import __version__
from converter.config import Style
from converter.errors import ConverterError
from converter.formats.base import (
    BuildContext,
    FormatResult,
    OutputFile,
    Requirement,
    resident,
)
from converter.formats.epub import package
from converter.formats.epub.xhtml import chapter_xhtml, note_targets
from converter.hashing import sha256_json
from converter.model import Document

STYLE_FILES = ("converter.toml",)


class EpubFormat:
    name = "epub"
    description = "EPUB 3 with synchronised text and audio (Media Overlays)"
    label = "EPUB"
    roles = {
        "epub": resident("EPUB book: text highlighted as it is read aloud",
                         "Open the .epub file in an e-book reader app (for example Thorium or "
                         "Apple Books): it shows the text and reads it aloud."),
    }
    requires = ("audio",)

    def inputs_sha256(self, document: Document, style: Style, source_dir: Path) -> str:
        # The audio's inputs are added by the orchestrator (this format requires it).
        return sha256_json({
            "converter": __version__,
            "document": [document.id, document.title, document.language, document.author,
                         modified(document)],
            "chapters": [(chapter.id, chapter.sha256) for chapter in document.chapters],
            "style": style.files_sha256(*STYLE_FILES),
        })

    def status_notes(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        return []

    def build(self, context: BuildContext) -> FormatResult:
        document = context.document
        audio = context.required.get("audio")
        if audio is None:
            raise ConverterError("The EPUB needs the audio format; build it with the audio "
                                 "(--formats audio,epub).")
        organisation = document.publisher(context.style.settings("converter")["organisation"]["name"])
        language = document.language or "en-GB"
        by_unit = {c.get("unit"): c for c in audio.facts.get("chapters", [])}
        warnings: list[str] = []
        entries: list[tuple[str, bytes | Path]] = [("EPUB/css/book.css", package.css())]
        items = [{"id": "nav", "href": "nav.xhtml", "media-type": "application/xhtml+xml",
                  "properties": "nav"},
                 {"id": "css", "href": "css/book.css", "media-type": "text/css"}]
        spine, toc, durations, chapters_facts = ["nav"], [], {}, []
        stems = {chapter.id: f"{number:02d}-{chapter.id}"
                 for number, chapter in enumerate(document.chapters, start=1)}
        notes = note_targets(document, {key: f"{stem}.xhtml" for key, stem in stems.items()})
        for number, chapter in enumerate(document.chapters, start=1):
            stem = stems[chapter.id]
            facts = by_unit.get(f"chapter:{chapter.id}", {})
            mp3 = audio.files.get(facts.get("file", "").removeprefix("audio/"))
            timed = _timings(audio, facts) if mp3 is not None else {}
            xhtml, order = chapter_xhtml(chapter, language, set(timed), notes)
            href = f"text/{stem}.xhtml"
            entries.append((f"EPUB/{href}", xhtml))
            item = {"id": f"c{number:02d}", "href": href, "media-type": "application/xhtml+xml"}
            toc.append((href, chapter.title))
            spine.append(item["id"])
            if not order:
                why = ("the speech engine cannot give them" if {"fragments", "timings"} & set(
                    facts) else
                       "its audio was made by an older converter; rebuild it with "
                       "--formats audio,epub --force")
                warnings.append(f"epub: '{chapter.title}' has no audio timings ({why}), so "
                                "its text is not synchronised with the audio.")
                items.append(item)
                chapters_facts.append({"id": chapter.id, "overlay": None, "fragments": 0})
                continue
            overlay = f"mo{number:02d}"
            item["media-overlay"] = overlay
            items.append(item)
            audio_href = f"audio/{stem}.mp3"
            entries.append((f"EPUB/{audio_href}", mp3))
            clips = [(fid, timed[fid]["start"], timed[fid]["end"]) for fid in order]
            entries.append((f"EPUB/smil/{stem}.smil",
                            package.smil(f"../{href}", f"../{audio_href}", clips)))
            items += [{"id": overlay, "href": f"smil/{stem}.smil",
                       "media-type": "application/smil+xml"},
                      {"id": f"a{number:02d}", "href": audio_href, "media-type": "audio/mpeg"}]
            durations[overlay] = float(facts["duration_seconds"])
            chapters_facts.append({"id": chapter.id, "overlay": f"EPUB/smil/{stem}.smil",
                                   "fragments": len(clips),
                                   "duration_seconds": durations[overlay]})
        entries.insert(0, ("EPUB/nav.xhtml", package.nav(document.title, language, toc)))
        voice = f"{audio.facts.get('engine', 'speech engine')} ({audio.facts.get('voice', '')})"
        meta = {
            "identifier": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'converter:' + document.id)}",
            "title": document.title, "language": language,
            "creator": document.author or organisation, "publisher": organisation,
            "modified": modified(document),
            "narrator": f"Synthetic voice: {voice}",
            "summary": _summary(document.title, bool(durations), len(durations) < len(
                document.chapters)),
        }
        entries.insert(1, ("EPUB/package.opf",
                           package.package_opf(meta, items, spine, durations)))
        target = context.stage(f"{document.id}.epub")
        package.write_epub(target, entries)
        facts: dict[str, Any] = {
            "epub_version": "3.3", "media_overlays": len(durations),
            "duration_seconds": round(sum(durations.values()), 3),
            "narrator": meta["narrator"], "chapters": chapters_facts,
        }
        return FormatResult(files=[OutputFile(target.name, "epub", target)], facts=facts,
                            warnings=warnings)


def modified(document: Document) -> str:
    """The package's dcterms:modified (EPUB 3.3 requires one, in UTC): when the master says it
    was last changed (Word's core property), else a fixed date. Never the build time, so the
    same inputs give the same book on any machine (builds on workers match local builds)."""
    return document.modified or package.EPOCH


def _timings(audio: Requirement, facts: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Each text fragment's start and end in the chapter's MP3, by its id in the XHTML."""
    record = audio.files.get((facts.get("timings") or "").removeprefix("audio/"))
    if record is not None and record.is_file():
        blocks = json.loads(record.read_text(encoding="utf-8")).get("blocks", [])
        return {_fragment_id(str(item["block"])): {"start": item["start"], "end": item["end"]}
                for item in blocks if item.get("block") not in ("", None)}
    return {item["id"]: item for item in facts.get("fragments") or []}


def _fragment_id(block: str) -> str:
    """The audio timings' block key ("3", "note-1") as an XHTML id ("b3", "n1")."""
    return f"n{block[5:]}" if block.startswith("note-") else f"b{block}"


def _summary(title: str, audio: bool, partly: bool) -> str:
    sync = ("Text and audio are synchronised: a reading system that supports Media Overlays "
            "highlights each paragraph, heading and list item as it is read aloud. ")
    if partly:
        sync += "Some chapters have no synchronised audio. "
    start = (f"The full text of {title} with a synthetic-voice narration. {sync}" if audio
             else f"The full text of {title}. ")
    return start + ("Headings, a contents list and the reading order support navigation; "
                    "pictures are described in text; tables have header cells.")


FORMAT = EpubFormat()
