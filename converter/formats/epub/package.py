"""The EPUB container: package document, navigation, Media Overlays (SMIL) and the zip.

Written directly (ebooklib is AGPL): an EPUB is a zip whose first entry is `mimetype`,
stored uncompressed (OCF 3.3), then META-INF/container.xml and the publication.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

from converter.formats.epub.xhtml import OPS, element, page, serialise

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
SMIL = "http://www.w3.org/ns/SMIL"
ACTIVE_CLASS = "-epub-media-overlay-active"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entry dates: the same bytes for the same book
EPOCH = "2000-01-01T00:00:00Z"  # dcterms:modified of a master that gives no date (Markdown)

CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

CSS = f"""body {{ font-family: "Atkinson Hyperlegible", Verdana, sans-serif; line-height: 1.5; }}
h1, h2, h3, h4, h5, h6 {{ line-height: 1.25; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #444; padding: 0.25em 0.5em; text-align: left; }}
code, pre {{ font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace, monospace;
  font-size: 1em; background-color: #f3f2f1; }}
pre {{ white-space: pre-wrap; padding: 0.5em; border-left: 4px solid #444; }}
.picture {{ font-style: normal; border-left: 4px solid #444; padding-left: 0.5em; }}
/* The fragment being read aloud (media:active-class): dark text on yellow, 15:1 contrast. */
.{ACTIVE_CLASS} {{ background-color: #ffe74c; color: #000; }}
""".encode()


def clock(seconds: float) -> str:
    """A SMIL full clock value, H:MM:SS.mmm."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest / 1000:06.3f}"


def smil(text_href: str, audio_href: str, clips: list[tuple[str, float, float]]) -> bytes:
    """The Media Overlay of one chapter: a <par> per text fragment and its audio clip."""
    root = etree.Element(f"{{{SMIL}}}smil", nsmap={None: SMIL, "epub": OPS}, version="3.0")
    body = etree.SubElement(root, f"{{{SMIL}}}body")
    seq = etree.SubElement(body, f"{{{SMIL}}}seq", id="seq1")
    seq.set(f"{{{OPS}}}textref", text_href)
    seq.set(f"{{{OPS}}}type", "chapter")
    for number, (fragment, start, end) in enumerate(clips, start=1):
        par = etree.SubElement(seq, f"{{{SMIL}}}par", id=f"par{number}")
        etree.SubElement(par, f"{{{SMIL}}}text", src=f"{text_href}#{fragment}")
        etree.SubElement(par, f"{{{SMIL}}}audio", src=audio_href, clipBegin=clock(start),
                         clipEnd=clock(end))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def nav(title: str, language: str, chapters: list[tuple[str, str]]) -> bytes:
    """The navigation document: contents (every chapter) and landmarks."""
    root, body = page(title, language, "css/book.css")
    toc = element(body, "nav", role="doc-toc", id="toc")
    toc.set(f"{{{OPS}}}type", "toc")
    element(toc, "h1", "Contents")
    listing = element(toc, "ol")
    for href, chapter_title in chapters:
        element(element(listing, "li"), "a", chapter_title, href=href)
    landmarks = element(body, "nav", hidden="hidden")
    landmarks.set(f"{{{OPS}}}type", "landmarks")
    element(landmarks, "h2", "Landmarks")
    marks = element(landmarks, "ol")
    marks_to = [("toc", "nav.xhtml#toc", "Contents")]
    if chapters:
        marks_to.append(("bodymatter", chapters[0][0], "Start of the text"))
    for kind, href, label in marks_to:
        link = element(element(marks, "li"), "a", label, href=href)
        link.set(f"{{{OPS}}}type", kind)
    return serialise(root)


def package_opf(meta: dict, items: list[dict], spine: list[str],
                durations: dict[str, float]) -> bytes:
    """The package document. `items`: id, href, media-type, optional properties and
    media-overlay; `durations`: each overlay's length in seconds."""
    root = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF}, version="3.0",
                         attrib={"unique-identifier": "uid"})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", meta["language"])
    metadata = etree.SubElement(root, f"{{{OPF}}}metadata", nsmap={"dc": DC})

    def dc(name: str, value: str, **attributes: str) -> None:
        etree.SubElement(metadata, f"{{{DC}}}{name}", attributes).text = value

    def prop(name: str, value: str, refines: str | None = None) -> None:
        attributes = {"property": name}
        if refines:
            attributes["refines"] = refines
        etree.SubElement(metadata, f"{{{OPF}}}meta", attributes).text = value

    dc("identifier", meta["identifier"], id="uid")
    dc("title", meta["title"])
    dc("language", meta["language"])
    for name in ("creator", "publisher"):  # neither is known for every document
        if meta[name]:
            dc(name, meta[name])
    prop("dcterms:modified", meta["modified"])
    # Accessibility metadata (EPUB Accessibility 1.1, schema.org properties). Audio is
    # claimed only when the book has it, synchronised by Media Overlays.
    audio = bool(durations)
    for mode in ("textual", "auditory") if audio else ("textual",):
        prop("schema:accessMode", mode)
    for sufficient in ("textual", "auditory", "textual,auditory") if audio else ("textual",):
        prop("schema:accessModeSufficient", sufficient)
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText",
                "displayTransformability"]
    for feature in (["synchronizedAudioText", *features] if audio else features):
        prop("schema:accessibilityFeature", feature)
    prop("schema:accessibilityHazard", "none")
    prop("schema:accessibilitySummary", meta["summary"])
    if audio:  # each overlay's duration, their total, the narrator, the highlight class
        for overlay, seconds in durations.items():
            prop("media:duration", clock(seconds), f"#{overlay}")
        prop("media:duration", clock(sum(round(s, 3) for s in durations.values())))
        prop("media:narrator", meta["narrator"])
        prop("media:active-class", ACTIVE_CLASS)

    manifest = etree.SubElement(root, f"{{{OPF}}}manifest")
    for item in items:
        etree.SubElement(manifest, f"{{{OPF}}}item", {k: v for k, v in item.items() if v})
    spine_node = etree.SubElement(root, f"{{{OPF}}}spine")
    for idref in spine:
        etree.SubElement(spine_node, f"{{{OPF}}}itemref", idref=idref)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def write_epub(target: Path, entries: list[tuple[str, bytes | Path]]) -> None:
    """The zip: mimetype first and stored, then the rest (MP3s stored, text deflated)."""
    with zipfile.ZipFile(target, "w") as archive:
        def add(name: str, data: bytes, compress: bool) -> None:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        add("mimetype", b"application/epub+zip", compress=False)
        add("META-INF/container.xml", CONTAINER, compress=True)
        for name, content in entries:
            if isinstance(content, Path):  # audio: streamed, never held whole in memory
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.external_attr = 0o644 << 16
                with open(content, "rb") as source, archive.open(info, "w") as sink:
                    shutil.copyfileobj(source, sink, 1 << 20)
            else:
                add(name, content, compress=True)


def css() -> bytes:
    return CSS
