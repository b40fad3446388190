"""Tagged PDF (PDF/UA-1, ISO 14289-1) for the PDFs reportlab draws.

reportlab writes no structure tree, so tagging happens in two steps:
1. while drawing, a `Tagger` wraps each piece of content (heading, paragraph, picture, list
   label, table cell) in marked content (`/P <</MCID n>> BDC ... EMC`, numbered per page)
   and everything decorative (page background, page numbers) in `/Artifact BMC ... EMC`,
   and records what it wrapped in reading order, with the groups it sits in (a list item
   in a list, a cell in a row in a table);
2. after saving, `add_structure` opens the file with pikepdf and writes the structure tree
   (Document > H1/H2/P/Figure/L > LI > Lbl + LBody/Table > TR > TH + TD, Figures with
   /Alt), the ParentTree, /StructParents and /Tabs /S on every page, /MarkInfo, /Lang,
   DisplayDocTitle, and XMP metadata (dc:title, dc:language, pdfuaid:part = 1).
A paragraph split over two pages is one element with marked content on both.
Any PDF the pipeline makes goes through this module.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}
CONTENT_TYPES = HEADINGS | {"P", "Figure", "Caption", "Lbl", "LBody", "TH", "TD"}
GROUP_TYPES = {"L", "LI", "LBody", "Table", "TR", "BlockQuote"}
STRUCTURE_TYPES = CONTENT_TYPES | GROUP_TYPES
Attributes = tuple[tuple[str, str], ...]  # (name, value) pairs of one /A dictionary


@dataclass(frozen=True)
class Group:
    """A structure element that holds others (a list, a list item, a table, a row).
    `key` tells apart two groups of the same type; `attributes` go in its /A dictionary
    (for example ("O", "List"), ("ListNumbering", "Decimal"))."""

    type: str
    key: str
    attributes: Attributes = ()


@dataclass
class Tagged:
    type: str
    page: int  # 1-based
    mcid: int
    alt: str = ""
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (address, description)
    parents: tuple[Group, ...] = ()
    key: str = ""  # equal keys in a row: parts of one element (a paragraph over two pages)
    attributes: Attributes = ()


@dataclass
class Tagger:
    """Records marked content in the order it is drawn, which is the reading order."""

    elements: list[Tagged] = field(default_factory=list)
    _next_mcid: dict[int, int] = field(default_factory=dict)

    @contextlib.contextmanager
    def content(self, canvas, kind: str, alt: str = "", text: str = "",
                parents: tuple[Group, ...] = (), key: str = "",
                attributes: Attributes = ()) -> Iterator[None]:
        if kind not in CONTENT_TYPES:
            raise ValueError(f"unknown structure type {kind}")
        for group in parents:
            if group.type not in GROUP_TYPES:
                raise ValueError(f"unknown group type {group.type}")
        page = canvas.getPageNumber()
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        canvas.addLiteral(f"/{kind} <</MCID {mcid}>> BDC")
        try:
            yield
        finally:
            canvas.addLiteral("EMC")
        self.elements.append(Tagged(kind, page, mcid, alt, text, parents=parents, key=key,
                                    attributes=attributes))

    def link(self, canvas, url: str, description: str, rect: tuple) -> None:
        """A link annotation over part of the element just drawn; tagged after saving."""
        canvas.linkURL(url, rect, relative=1, thickness=0)
        self.elements[-1].links.append((url, description))

    @staticmethod
    @contextlib.contextmanager
    def artifact(canvas) -> Iterator[None]:
        """Decoration and page furniture, which assistive technology skips."""
        canvas.addLiteral("/Artifact BMC")
        try:
            yield
        finally:
            canvas.addLiteral("EMC")


def add_structure(path: Path, tagger: Tagger, title: str, language: str,
                  author: str = "", subject: str = "") -> None:
    """Write the structure tree and PDF/UA metadata into the saved PDF, in place."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = _TreeBuilder(pdf, language)
        for element in tagger.elements:
            tree.add(element)
        link_entries = _tag_links(pdf, tagger, tree.leaves)
        root = tree.root
        root.ParentTree = pdf.make_indirect(Dictionary(
            Nums=_parent_tree_numbers(pdf, tree.by_page, link_entries)))
        root.ParentTreeNextKey = len(pdf.pages) + len(link_entries)
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.Lang = String(language)
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        _write_metadata(pdf, title, language, author, subject)
        pdf.save(path)


class _TreeBuilder:
    """Builds Document > groups > content elements from tagged content in reading order."""

    def __init__(self, pdf: pikepdf.Pdf, language: str) -> None:
        self.pdf = pdf
        self.root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = pdf.make_indirect(Dictionary(
            Type=Name.StructElem, S=Name.Document, P=self.root, Lang=String(language),
            K=Array()))
        self.root.K = self.document
        self.by_page: dict[int, dict[int, pikepdf.Object]] = {}  # page index -> MCID -> element
        self.leaves: list[pikepdf.Object] = []  # the element of each tagged piece, in order
        self._open: list[tuple[Group, pikepdf.Object]] = []
        self._last: tuple[tuple, pikepdf.Object] | None = None

    def add(self, element: Tagged) -> None:
        page = self.pdf.pages[element.page - 1]
        identity = (element.type, element.key, element.parents)
        if element.key and self._last and self._last[0] == identity:
            node = self._last[1]  # the next part of the same element, maybe on a new page
            self._append_content(node, element, page)
        else:
            parent = self._parent(element.parents)
            node = self._element(element.type, parent, _attributes(element.attributes))
            node.Pg = page.obj
            node.K = element.mcid
            if element.type == "Figure":
                node.Alt = String(element.alt or "Picture")
            if element.text and element.type in HEADINGS:
                node.T = String(element.text)
        self._last = (identity, node)
        self.leaves.append(node)
        self.by_page.setdefault(element.page - 1, {})[element.mcid] = node

    def _element(self, kind: str, parent: pikepdf.Object, attributes=None) -> pikepdf.Object:
        node = Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=parent)
        if attributes is not None:
            node.A = attributes
        node = self.pdf.make_indirect(node)
        parent.K.append(node)
        return node

    def _parent(self, groups: tuple[Group, ...]) -> pikepdf.Object:
        """The element for the innermost group, opening and closing groups as needed."""
        same = 0
        while same < min(len(groups), len(self._open)) and self._open[same][0] == groups[same]:
            same += 1
        del self._open[same:]
        for group in groups[same:]:
            parent = self._open[-1][1] if self._open else self.document
            node = self._element(group.type, parent, _attributes(group.attributes))
            node.K = Array()
            self._open.append((group, node))
        return self._open[-1][1] if self._open else self.document

    @staticmethod
    def _append_content(node: pikepdf.Object, element: Tagged, page) -> None:
        kids = node.K if isinstance(node.K, Array) else Array([node.K])
        if page.obj.objgen == node.Pg.objgen:
            kids.append(element.mcid)
        else:  # marked content on another page names its page
            kids.append(Dictionary(Type=Name.MCR, Pg=page.obj, MCID=element.mcid))
        node.K = kids


def _attributes(pairs: Attributes) -> Dictionary | None:
    if not pairs:
        return None
    return Dictionary({f"/{name}": Name("/" + value) for name, value in pairs})


def _tag_links(pdf: pikepdf.Pdf, tagger: Tagger, leaves: list) -> list[tuple[int, pikepdf.Object]]:
    """Give each link annotation a Link element inside the element it was drawn over."""
    entries = []
    next_key = len(pdf.pages)
    for element, parent in zip(tagger.elements, leaves, strict=True):
        if not element.links:
            continue
        page = pdf.pages[element.page - 1]
        annots = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") == Name.Link]
        for url, description in element.links:
            annot = next(a for a in annots if str(a.A.URI) == url and "/StructParent" not in a)
            annot.Contents = String(description)
            annot.StructParent = next_key
            annot.F = 4  # print
            # The visible text is in the paragraph's marked content, so the Link
            # element says what it is in /Alt too.
            link = pdf.make_indirect(Dictionary(
                Type=Name.StructElem, S=Name.Link, P=parent, Pg=page.obj,
                Alt=String(description),
                K=Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)])))
            parent.K = Array([*parent.K, link]) if isinstance(parent.K, Array) \
                else Array([parent.K, link])
            entries.append((next_key, link))
            next_key += 1
    return entries


def _parent_tree_numbers(pdf: pikepdf.Pdf, by_page: dict, link_entries: list) -> Array:
    """The ParentTree maps (page, MCID) to its element: MCIDs run 0, 1, 2... per page;
    each link annotation's key follows the pages' keys."""
    numbers = Array()
    for index, page in enumerate(pdf.pages):
        page.obj.StructParents = index
        page.obj.Tabs = Name.S
        marked = by_page.get(index, {})
        if sorted(marked) != list(range(len(marked))):
            raise ValueError(f"marked content on page {index + 1} is not numbered 0..n")
        numbers.append(index)
        numbers.append(pdf.make_indirect(Array([marked[m] for m in sorted(marked)])))
    for key, link in link_entries:
        numbers.append(key)
        numbers.append(link)
    return numbers


def _write_metadata(pdf: pikepdf.Pdf, title: str, language: str, author: str,
                    subject: str) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = title
        meta["dc:language"] = {language}
        meta["pdfuaid:part"] = "1"
        if author:
            meta["dc:creator"] = [author]
        if subject:
            meta["dc:description"] = subject
    # Newer pikepdf rewrites the Info dictionary from XMP; keep both in step.
    pdf.docinfo["/Title"] = String(title)
    if author:
        pdf.docinfo["/Author"] = String(author)
    if subject:
        pdf.docinfo["/Subject"] = String(subject)
