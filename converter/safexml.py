"""Parsing XML we did not write (Word parts, the PLS lexicon) without its dangers: DOCTYPEs
and entities are refused wherever they are, nothing is fetched, and libxml2's nesting limit
stays on."""

from __future__ import annotations

from lxml import etree

from converter.errors import InputError

DECLARATIONS = [marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                for encoding in ("ascii", "utf-16-le", "utf-16-be")]


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )


def parse_xml(data: bytes, name: str) -> etree._Element:
    """The root element of `data`; `name` is how messages name the file."""
    # Anywhere in the data, not only near the start; the parsed tree is checked as well.
    refusal = InputError(f"{name} declares a DOCTYPE or entities; refused for safety.")
    if any(marker in data for marker in DECLARATIONS):
        raise refusal
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        raise InputError(f"{name} is not well-formed XML ({error}).") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise refusal
    return root
