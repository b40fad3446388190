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
from reportlab import rl_config

# Reproducible PDFs: reportlab writes fixed dates and ids instead of the clock's, so a
# rebuilt or distributed build gives byte-identical files.
rl_config.invariant = 1

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


@dataclass(slots=True)  # one a paragraph: no __dict__ each
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
        # Only a heading's text is used (its /T); a paragraph's would hold the whole text.
        self.elements.append(Tagged(kind, page, mcid, alt, text if kind in HEADINGS else "",
                                    parents=parents, key=key, attributes=attributes))

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
        # The same document gives the same bytes on any machine (distributed builds
        # compare hashes): a document id from the content, not random.
        pdf.save(path, deterministic_id=True)


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


# The structure tree written as the PDF is written (large print) -------------------------
# add_structure above builds the whole tree in pikepdf (qpdf holds every object, about
# 2 KB an element); for a long document the tree is instead written object by object from
# the tagger's records into the file reportlab writes (pdfdraw.numbered_canvas), holding
# only the open groups and one page's marked content at a time. Same tree, same rules.

_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <pdfuaid:part>1</pdfuaid:part>{more}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


@dataclass
class Metadata:
    """What the catalog and XMP say about the document (PDF/UA-1 7.1: dc:title, and
    DisplayDocTitle; /Lang for the language)."""

    title: str
    language: str
    author: str = ""
    subject: str = ""

    def xmp(self) -> bytes:
        more = ""
        if self.author:
            more += (f"\n   <dc:creator><rdf:Seq><rdf:li>{_xml(self.author)}</rdf:li>"
                     "</rdf:Seq></dc:creator>")
        if self.subject:
            more += (f"\n   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">"
                     f"{_xml(self.subject)}</rdf:li></rdf:Alt></dc:description>")
        return _XMP.format(title=_xml(self.title), language=_xml(self.language),
                           more=more).encode("utf-8")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class StructureWriter:
    """Writes Document > groups > elements (and Link elements, the ParentTree) as PDF
    objects. `number()` hands out an object number, `emit(number, body)` writes one,
    `page_number(index)` and `annotation_number(name)` name reportlab's objects."""

    def __init__(self, tagger: Tagger, language: str, pages: int, number, emit,
                 page_number, string) -> None:
        self.tagger, self.language, self.pages = tagger, language, pages
        self.number, self.emit, self.page_number, self.string = number, emit, page_number, string
        self.root, self.document = number(), number()
        self.document_kids: list[int] = []
        self.open: list[tuple[Group, int, list]] = []  # (group, its number, its kids)
        self.current: _Open | None = None  # the element being read, not yet written
        self.page_arrays: list[int] = []  # object number of each page's ParentTree array
        self.marked: dict[int, int] = {}  # MCID -> element, on the page being read
        self.links: list[tuple[int, int]] = []  # (ParentTree key, Link element)

    def write(self, annotations: list[list[tuple[int, str]]]) -> int:
        """Write the whole tree; return the StructTreeRoot's number. `annotations` are,
        for each element with links, its (annotation object number, description) pairs."""
        link_sets = iter(annotations)
        for element in self.tagger.elements:
            self._finish_pages(element.page - 1)
            self._add(element, next(link_sets) if element.links else [])
        self._close_current()
        self._close_groups(0)
        self._finish_pages(self.pages)
        self.emit(self.document, self._dictionary(
            "Document", self.root, f"/Lang {self.string(self.language)} "
            f"/K [{_refs(self.document_kids)}]"))
        nums = " ".join(f"{index} {number} 0 R" for index, number in enumerate(self.page_arrays))
        nums += "".join(f" {key} {number} 0 R" for key, number in self.links)
        tree = self.number()
        self.emit(tree, f"<< /Nums [{nums}] >>")
        self.emit(self.root, f"<< /Type /StructTreeRoot /K {self.document} 0 R /ParentTree "
                             f"{tree} 0 R /ParentTreeNextKey {self.pages + len(self.links)} >>")
        return self.root

    def _add(self, element: Tagged, links: list[tuple[int, str]]) -> None:
        identity = (element.type, element.key, element.parents)
        page = self.page_number(element.page - 1)
        current = self.current
        if element.key and current is not None and current.identity == identity:
            # the next part of the same element, maybe on a new page
            current.kids.append(str(element.mcid) if page == current.page else
                                f"<< /Type /MCR /Pg {page} 0 R /MCID {element.mcid} >>")
        else:
            self._close_current()
            parent_kids, parent = self._parent(element.parents)
            extra = _attributes_pdf(element.attributes)
            if element.type == "Figure":
                extra += f" /Alt {self.string(element.alt or 'Picture')}"
            if element.text and element.type in HEADINGS:
                extra += f" /T {self.string(element.text)}"
            current = self.current = _Open(identity, self.number(), page, parent, extra,
                                           [str(element.mcid)])
            parent_kids.append(current.number)
        for annotation, description in links:  # after the element's content, as before
            link = self.number()
            current.links.append(f"{link} 0 R")
            self.emit(link, f"<< /Type /StructElem /S /Link /P {current.number} 0 R /Pg "
                            f"{page} 0 R /Alt {self.string(description)} /K [<< /Type /OBJR "
                            f"/Obj {annotation} 0 R /Pg {page} 0 R >>] >>")
            self.links.append((self.pages + len(self.links), link))
        self.marked[element.mcid] = current.number

    def _close_current(self) -> None:
        current, self.current = self.current, None
        if current is None:
            return
        kids = current.kids + current.links
        k = kids[0] if len(kids) == 1 else f"[{' '.join(kids)}]"
        self.emit(current.number, self._dictionary(
            current.identity[0], current.parent, f"/Pg {current.page} 0 R /K {k}{current.extra}"))

    def _parent(self, groups: tuple[Group, ...]) -> tuple[list, int]:
        """The kids list and number of the innermost group, opening and closing groups."""
        same = 0
        while same < min(len(groups), len(self.open)) and self.open[same][0] == groups[same]:
            same += 1
        self._close_groups(same)
        for group in groups[same:]:
            kids, _ = self._innermost()
            number = self.number()
            kids.append(number)
            self.open.append((group, number, []))
        return self._innermost()

    def _innermost(self) -> tuple[list, int]:
        if self.open:
            return self.open[-1][2], self.open[-1][1]
        return self.document_kids, self.document

    def _close_groups(self, keep: int) -> None:
        if len(self.open) > keep:
            self._close_current()  # a group's last element is written before the group
        while len(self.open) > keep:
            group, number, kids = self.open.pop()
            _, parent = self._innermost()
            self.emit(number, self._dictionary(
                group.type, parent, f"{_attributes_pdf(group.attributes)} /K [{_refs(kids)}]"))

    def _finish_pages(self, upto: int) -> None:
        """Write the ParentTree array of each page before page index `upto`."""
        while len(self.page_arrays) < upto:
            marked, self.marked = self.marked, {}
            if sorted(marked) != list(range(len(marked))):
                raise ValueError(f"marked content on page {len(self.page_arrays) + 1} "
                                 "is not numbered 0..n")
            array = self.number()
            self.emit(array, f"[{_refs(marked[m] for m in range(len(marked)))}]")
            self.page_arrays.append(array)

    @staticmethod
    def _dictionary(kind: str, parent: int, rest: str) -> str:
        return f"<< /Type /StructElem /S /{kind} /P {parent} 0 R {rest.strip()} >>"


@dataclass
class _Open:
    identity: tuple
    number: int
    page: int  # its first page's object number
    parent: int
    extra: str  # /A, /Alt, /T
    kids: list[str]
    links: list[str] = field(default_factory=list)


def _refs(numbers) -> str:
    return " ".join(f"{number} 0 R" for number in numbers)


def _attributes_pdf(pairs: Attributes) -> str:
    if not pairs:
        return ""
    return " /A << " + " ".join(f"/{name} /{value}" for name, value in pairs) + " >>"
