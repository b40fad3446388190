"""Parsing XML we did not write (Word parts, the PLS lexicon) without its dangers: DOCTYPEs
and entities are refused, nothing is fetched, and libxml2's nesting limit stays on."""

from __future__ import annotations

from lxml import etree

from converter.errors import InputError


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )


def parse_xml(data: bytes, name: str) -> etree._Element:
    """The root element of `data`; `name` is how messages name the file."""
    refused = InputError(f"{name} declares a DOCTYPE or entities; refused for safety.")
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise refused  # the common case, before any parsing
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        raise InputError(f"{name} is not well-formed XML ({error}).") from None
    if root.getroottree().docinfo.doctype:
        raise refused  # a DOCTYPE after a long prolog
    return root
