"""Safe access to the parts of a Word package (a zip of XML parts).

Limits guard against zip bombs and hostile XML: the uncompressed size of every part is
capped and checked while reading (declared sizes can lie), DOCTYPEs are refused, entities
are never resolved, nothing is fetched from the network, and libxml2's default nesting
limit (256 levels without XML_PARSE_HUGE) stays on.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from converter.errors import InputError
from converter.safexml import parse_xml as parse_untrusted_xml

MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # everything we read from one package
MAX_RATIO = 200  # compressed:uncompressed beyond this is a bomb, not a document

PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_OFFICE_DOCUMENT = R_NS + "/officeDocument"

# ISO 29500 Strict uses other namespace names for the same vocabulary; map them to
# Transitional so one reader handles both (as mammoth does).
_STRICT_TO_TRANSITIONAL = [
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    (b"http://purl.oclc.org/ooxml/drawingml/main",
     b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/picture",
     b"http://schemas.openxmlformats.org/drawingml/2006/picture"),
]


def parse_xml(data: bytes, name: str) -> etree._Element:
    for strict, transitional in _STRICT_TO_TRANSITIONAL:
        if strict in data:
            data = data.replace(strict, transitional)
    return parse_untrusted_xml(data, name)


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool


class Package:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            raise InputError(f"{path.name} is not a Word document (not a zip: {error}).") from None
        self.names = {info.filename: info for info in self.zip.infolist()}
        self._read_total = 0
        declared = sum(info.file_size for info in self.names.values())
        compressed = sum(info.compress_size for info in self.names.values()) or 1
        if declared > MAX_TOTAL_BYTES or declared / compressed > MAX_RATIO and declared > 10**7:
            raise InputError(
                f"{path.name} expands to {declared // 2**20} MB; refused as a possible zip bomb."
            )

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """Read a part, stopping as soon as it passes the limits, whatever the header says."""
        info = self.names.get(name)
        if info is None:
            raise KeyError(name)
        chunks, size = [], 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(1 << 16):
                    size += len(chunk)
                    self._read_total += len(chunk)
                    if size > MAX_PART_BYTES or self._read_total > MAX_TOTAL_BYTES:
                        raise InputError(
                            f"{self.path.name}: part {name} is too large when unpacked; "
                            "refused as a possible zip bomb."
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise InputError(f"{self.path.name}: part {name} is damaged ({error}).") from None
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element | None:
        if not self.has(name):
            return None
        return parse_xml(self.read(name), f"{self.path.name}:{name}")

    def relationships(self, part: str) -> dict[str, Relationship]:
        """Relationships of a part, keyed by id; targets resolved to part names."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        root = self.xml(rels_name)
        result: dict[str, Relationship] = {}
        if root is None:
            return result
        for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = resolve_part(folder, target)
            rel_type = rel.get("Type", "").replace(
                "http://purl.oclc.org/ooxml/officeDocument/relationships",
                R_NS,
            )
            result[rel.get("Id", "")] = Relationship(rel.get("Id", ""), rel_type, target, external)
        return result

    def main_document_part(self) -> str:
        for rel in self.relationships("").values():
            if rel.type == REL_OFFICE_DOCUMENT and self.has(rel.target):
                return rel.target
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise InputError(f"{self.path.name} is a zip file but not a Word document (no document part).")

    def related_part(self, part: str, rel_type_suffix: str) -> str | None:
        for rel in self.relationships(part).values():
            if rel.type.endswith("/" + rel_type_suffix) and not rel.external and self.has(rel.target):
                return rel.target
        return None


def resolve_part(folder: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))
