"""Tagged PDF (PDF/UA-1, ISO 14289-1) for the PDFs reportlab draws.

reportlab writes no structure tree, so tagging happens in two steps:
1. while drawing, a `Tagger` wraps each heading, paragraph and picture in marked content
   (`/P <</MCID n>> BDC ... EMC`, numbered per page) and everything decorative (page
   background, page numbers) in `/Artifact BMC ... EMC`, and records what it wrapped in
   reading order;
2. after saving, `add_structure` opens the file with pikepdf and writes the structure tree
   (Document > H1/H2/P/Figure with /Alt), the ParentTree, /StructParents and /Tabs /S on
   every page, /MarkInfo, /Lang, DisplayDocTitle, and XMP metadata (dc:title, dc:language,
   pdfuaid:part = 1).
Any PDF the pipeline makes goes through this module.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

STRUCTURE_TYPES = {"H1", "H2", "H3", "P", "Figure", "Caption", "L", "LI", "Lbl", "LBody"}


@dataclass
class Tagged:
    type: str
    page: int  # 1-based
    mcid: int
    alt: str = ""
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (address, description)


@dataclass
class Tagger:
    """Records marked content in the order it is drawn, which is the reading order."""

    elements: list[Tagged] = field(default_factory=list)
    _next_mcid: dict[int, int] = field(default_factory=dict)

    @contextlib.contextmanager
    def content(self, canvas, kind: str, alt: str = "", text: str = "") -> Iterator[None]:
        if kind not in STRUCTURE_TYPES:
            raise ValueError(f"unknown structure type {kind}")
        page = canvas.getPageNumber()
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        canvas.addLiteral(f"/{kind} <</MCID {mcid}>> BDC")
        try:
            yield
        finally:
            canvas.addLiteral("EMC")
        self.elements.append(Tagged(kind, page, mcid, alt, text))

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
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document,
                                                P=root, Lang=String(language), K=Array()))
        by_page: dict[int, dict[int, pikepdf.Object]] = {}
        for element in tagger.elements:
            page = pdf.pages[element.page - 1]
            node = Dictionary(Type=Name.StructElem, S=Name("/" + element.type), P=document,
                              Pg=page.obj, K=element.mcid)
            if element.type == "Figure":
                node.Alt = String(element.alt or "Picture")
            if element.text and element.type in ("H1", "H2", "H3"):
                node.T = String(element.text)
            node = pdf.make_indirect(node)
            document.K.append(node)
            by_page.setdefault(element.page - 1, {})[element.mcid] = node
        numbers = Array()
        next_key = len(pdf.pages)
        link_entries = []
        for element in tagger.elements:
            if not element.links:
                continue
            page = pdf.pages[element.page - 1]
            parent = by_page[element.page - 1][element.mcid]
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
                parent.K = Array([parent.K, link]) if not isinstance(parent.K, Array) \
                    else Array([*parent.K, link])
                link_entries.append((next_key, link))
                next_key += 1
        for index, page in enumerate(pdf.pages):
            page.obj.StructParents = index
            page.obj.Tabs = Name.S
            marked = by_page.get(index, {})
            # The ParentTree maps (page, MCID) to its element: MCIDs run 0, 1, 2... per page.
            if sorted(marked) != list(range(len(marked))):
                raise ValueError(f"marked content on page {index + 1} is not numbered 0..n")
            numbers.append(index)
            numbers.append(pdf.make_indirect(Array([marked[m] for m in sorted(marked)])))
        for key, link in link_entries:  # annotations' keys follow the pages' keys
            numbers.append(key)
            numbers.append(link)
        root.K = document
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=numbers))
        root.ParentTreeNextKey = next_key
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.Lang = String(language)
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
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
        pdf.save(path)
