"""PEF 1.0 (Portable Embosser Format, DAISY): the same pages as the BRF, as Unicode braille
cells in XML, for embossers and braille software that read PEF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lxml import etree

from converter.model import Document

PEF = "http://www.daisy.org/ns/2008/pef"
DC = "http://purl.org/dc/elements/1.1/"
# North American braille ASCII, from 0x20: the dots of each character (liblouis en-us-brf.dis).
BRF_CELLS = (" A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)=")


def _dots(char: str) -> str:
    """Braille ASCII character -> Unicode braille cell (U+2800 + dot bits)."""
    return chr(0x2800 + BRF_CELLS.index(char))


def write_pef(path: Path, pages: list[list[str]], document: Document, width: int,
              height: int) -> None:
    root = etree.Element(f"{{{PEF}}}pef", nsmap={None: PEF, "dc": DC}, version="2008-1")
    meta = etree.SubElement(etree.SubElement(root, f"{{{PEF}}}head"), f"{{{PEF}}}meta")
    for name, value in (("format", "application/x-pef+xml"),
                        ("identifier", f"converter:{document.id}:{document.source_sha256[:16]}"),
                        ("title", document.title), ("language", document.language or "en"),
                        ("date", date.today().isoformat())):
        etree.SubElement(meta, f"{{{DC}}}{name}").text = value
    volume = etree.SubElement(etree.SubElement(root, f"{{{PEF}}}body"), f"{{{PEF}}}volume",
                              cols=str(width), rows=str(height), rowgap="0", duplex="false")
    section = etree.SubElement(volume, f"{{{PEF}}}section")
    for lines in pages:
        page = etree.SubElement(section, f"{{{PEF}}}page")
        for line in lines:
            etree.SubElement(page, f"{{{PEF}}}row").text = "".join(
                _dots(ch) for ch in line.rstrip())
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    pretty_print=True))
