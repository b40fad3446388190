"""PEF 1.0 (Portable Embosser Format, DAISY): the same pages as the BRF, as Unicode braille
cells in XML, for embossers and braille software that read PEF."""

from __future__ import annotations

from collections.abc import Iterable
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


def write_pef(path: Path, pages: Iterable[list[str]], document: Document, width: int,
              height: int) -> None:
    """Write the PEF a page at a time: the same bytes as serialising the whole tree with
    lxml (pretty-printed), without holding an element for every row of the document."""
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
    etree.SubElement(section, f"{{{PEF}}}page")  # marks where the pages go
    head, tail = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True).split(PAGES_MARK)
    with open(path, "wb") as handle:
        handle.write(head)
        # There is always a page (the title page), so the section is never empty.
        for lines in pages:
            # Cells are U+2800-U+28FF: nothing in a row needs escaping.
            rows = "".join(f"{ROW_INDENT}<row>{''.join(_dots(ch) for ch in line.rstrip())}"
                           "</row>\n" for line in lines)
            handle.write(f"{PAGE_INDENT}<page>\n{rows}{PAGE_INDENT}</page>\n".encode()
                         if rows else f"{PAGE_INDENT}<page/>\n".encode())
        handle.write(tail)


# lxml pretty-prints the placeholder page as below: the pages replace that line.
PAGE_INDENT, ROW_INDENT = " " * 8, " " * 10
PAGES_MARK = f"{' ' * 8}<page/>\n".encode()
