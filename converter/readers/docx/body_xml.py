"""document.xml (and note parts): paragraphs, lists, tables, images, links, notes.

python-docx's `paragraph.text` drops tracked insertions and knows nothing of content
controls, fields or text boxes, so the body is walked here as XML, in document order.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from converter.errors import InputError
from converter.model import (
    CELL_BREAK,
    Block,
    CodeSpan,
    Heading,
    Image,
    Link,
    ListItem,
    Paragraph,
    Quote,
    Table,
    cell_text,
    squeezed_offset,
)
from converter.readers.docx.names import MC, OFFICE, WP, A, R, V, W, decimal, w, wval
from converter.readers.docx.numbering_xml import Numbering
from converter.readers.docx.package import Relationship
from converter.readers.docx.styles_xml import Styles, monospace

MAX_LIST_LEVEL = 8  # Word's list levels are 0-8 (ST_DecimalNumber ilvl, ECMA-376 17.9.3)

# Built-in paragraph styles that are plain body text; anything else unrecognised is reported.
BODY_STYLE_NAMES = {
    "normal", "body text", "body text 2", "body text 3", "body text first indent",
    "list paragraph", "no spacing", "compact", "first paragraph", "plain text", "default",
    "normal (web)", "caption", "footnote text", "endnote text", "table paragraph",
    "list bullet", "list number", "list", "list continue", "header", "footer", "toc heading",
    "annotation text", "balloon text", "normal indent", "signature", "closing", "salutation",
    "date", "default paragraph font", "body", "text body", "textbody",
}
NOTE_TYPES_SKIPPED = {"separator", "continuationSeparator", "continuationNotice"}
HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?', re.IGNORECASE)


@dataclass
class ReadStats:
    """Counts that become warnings the user sees, not silent loss."""

    insertions: int = 0
    deletions: int = 0
    comments: int = 0
    images_without_alt: int = 0
    external_images: int = 0
    alt_chunks: int = 0
    unknown_styles: Counter = field(default_factory=Counter)
    title: str = ""

    def warnings(self) -> list[str]:
        messages = []
        if self.insertions or self.deletions:
            messages.append(
                f"tracked changes accepted: {self.insertions} insertion(s) kept, "
                f"{self.deletions} deletion(s) dropped"
            )
        if self.comments:
            messages.append(f"{self.comments} comment(s) left out")
        if self.images_without_alt:
            messages.append(f"{self.images_without_alt} image(s) have no alt text")
        if self.external_images:
            messages.append(f"{self.external_images} linked image(s) outside the file not fetched")
        if self.alt_chunks:
            messages.append(f"{self.alt_chunks} embedded document(s) (altChunk: imported HTML, "
                            "RTF or another Word file) left out; copy their text into the "
                            "document itself")
        for name, count in sorted(self.unknown_styles.items()):
            messages.append(f"unrecognised style '{name}' ({count}x), read as body text")
        return messages


@dataclass
class _Inline:
    """What one paragraph's inline content collects."""

    parts: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    inner_blocks: list[Block] = field(default_factory=list)  # text boxes
    fields: list[dict] = field(default_factory=list)  # complex field stack
    code: list[list[int]] = field(default_factory=list)  # [start, end] of code runs, raw

    def code_run(self, start: int) -> None:
        """The text added since `start` is computer code (a run in a code style or font);
        it joins the code just before it, as Word splits one word into several runs."""
        if self.length == start:
            return
        if self.code and self.code[-1][1] == start:
            self.code[-1][1] = self.length
        else:
            self.code.append([start, self.length])

    def code_spans(self) -> tuple[CodeSpan, ...]:
        """The code runs as spans of the paragraph's squeezed text (as `link` places links)."""
        raw = "".join(self.parts)
        spans = []
        for start, end in self.code:
            text = " ".join(raw[start:end].split())
            # Part of a word in another font ('Thes' + 'e', 'm' + a superscript '2') is a
            # change of look, not code of its own.
            inside = (start > 0 and raw[start - 1].isalnum() and raw[start].isalnum()) or (
                end < len(raw) and raw[end - 1].isalnum() and raw[end].isalnum())
            if text and not inside:
                lead = len(raw[start:end]) - len(raw[start:end].lstrip())
                spans.append(CodeSpan(text, squeezed_offset(raw[:start + lead])))
        return tuple(spans)

    def add(self, text: str) -> None:
        self.parts.append(text)

    @property
    def length(self) -> int:
        return sum(len(part) for part in self.parts)

    def text(self, lines: bool = False) -> str:
        """The paragraph's words; with `lines` (a table cell), its line breaks kept."""
        if lines:
            return cell_text("".join(self.parts))
        return " ".join("".join(self.parts).split())

    def link(self, start: int, url: str) -> None:
        """The text added since `start` is a link to `url`; it records where it is."""
        raw = "".join(self.parts)
        text = " ".join(raw[start:].split())
        if text and url:
            lead = len(raw[start:]) - len(raw[start:].lstrip())
            self.links.append(Link(text, url, squeezed_offset(raw[:start + lead])))


def _joined_code(first: Paragraph, second: Paragraph) -> Paragraph:
    return dataclasses.replace(first, text=f"{first.text} {second.text}",
                               code_lines=first.code_lines + second.code_lines,
                               note_refs=first.note_refs + second.note_refs)


def _local(element) -> tuple[str, str]:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return "", str(tag)
    ns, _, local = tag[1:].partition("}")
    return ns, local


class BodyReader:
    def __init__(self, styles: Styles, numbering: Numbering, rels: dict[str, Relationship],
                 stats: ReadStats) -> None:
        self.styles = styles
        self.numbering = numbering
        self.rels = rels
        self.stats = stats
        self.cells = 0  # table cells open: a line break inside one is kept (CELL_BREAK)

    # -- blocks ---------------------------------------------------------------

    def blocks(self, container) -> list[Block]:
        result: list[Block] = []
        for child in container:
            ns, local = _local(child)
            if ns == W and local == "p":
                for block in self.paragraph(child):
                    previous = result[-1] if result else None
                    if getattr(block, "code_lines", ()) and getattr(previous, "code_lines", ()):
                        # Word writes a code block a paragraph a line: one block, as pandoc
                        result[-1] = _joined_code(previous, block)
                    else:
                        result.append(block)
            elif ns == W and local == "tbl":
                result.append(self.table(child))
            elif ns == W and local in ("sdt",):
                content = child.find(w("sdtContent"))
                if content is not None:
                    result.extend(self.blocks(content))
            elif ns == W and local in ("customXml", "sdtContent", "ins", "moveTo", "body"):
                result.extend(self.blocks(child))
            elif ns == W and local in ("del", "moveFrom"):
                self.stats.deletions += 1
            elif ns == W and local == "altChunk":
                self.stats.alt_chunks += 1
            elif ns == MC and local == "AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    result.extend(self.blocks(choice))
        return result

    def paragraph(self, p) -> list[Block]:
        ppr = p.find(w("pPr"))
        style_id = wval(ppr, "pStyle") or self.styles.default_paragraph_style
        inline = _Inline()
        self._inline(p, inline)
        text = inline.text(lines=self.cells > 0)
        blocks: list[Block] = []
        links = tuple(inline.links)
        refs = tuple(inline.note_refs)
        if text and self.styles.is_code(style_id) and not self.cells:
            # A paragraph in a code style ("HTML Preformatted", pandoc's "Source Code") is
            # a code block; its line breaks are its lines.
            raw = "".join(inline.parts).replace("\t", "    ")
            blocks.append(Paragraph(text=text, note_refs=refs, code_lines=tuple(
                line.rstrip() for line in raw.strip("\n").split("\n"))))
        elif text:
            block = self._classify(ppr, style_id, text, links, refs)
            code = inline.code_spans()
            if code and isinstance(block, (Paragraph, ListItem, Quote)):
                block = dataclasses.replace(block, code_spans=code)
            blocks.append(block)
        blocks.extend(inline.images)
        blocks.extend(inline.inner_blocks)
        return [block for block in blocks if block is not None]

    def _classify(self, ppr, style_id, text, links, refs) -> Block | None:
        outline = decimal(wval(ppr, "outlineLvl"), "outlineLvl", 9)  # 9 means body text
        level = None
        if outline is not None and outline < 9:
            level = outline + 1
        level = level or self.styles.heading_level(style_id)
        if self.styles.is_title(style_id):
            if not self.stats.title:
                self.stats.title = text
                return None
            return Paragraph(text=text, links=links, note_refs=refs)
        if level is not None:
            return Heading(level=level, text=text)
        numbering = self._numbering(ppr, style_id)
        if numbering is not None:
            num_id, ilvl = numbering
            return ListItem(text=text, level=ilvl, ordered=self.numbering.is_ordered(num_id, ilvl),
                            links=links, note_refs=refs)
        if self.styles.is_quote(style_id):
            return Quote(text=text, links=links)
        name = self.styles.name(style_id)
        lowered = name.strip().lower()
        if style_id and lowered not in BODY_STYLE_NAMES and not (
            self.styles.is_subtitle(style_id) or re.fullmatch(r"(toc|index) \d", lowered)
        ):
            self.stats.unknown_styles[name] += 1
        return Paragraph(text=text, links=links, note_refs=refs)

    def _numbering(self, ppr, style_id) -> tuple[str, int] | None:
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is not None:
            num_id = wval(num_pr, "numId")
            ilvl = wval(num_pr, "ilvl")
            if num_id is not None:
                if not self.numbering.is_list(num_id):
                    return None  # numId 0 switches numbering off
                return num_id, min(decimal(ilvl, "ilvl", 99) or 0, MAX_LIST_LEVEL)
        inherited = self.styles.numbering(style_id)
        if inherited and self.numbering.is_list(inherited[0]):
            return inherited
        return None

    def table(self, tbl) -> Table:
        rows: list[tuple[str, ...]] = []
        header_rows = 0
        counting_header = True
        for tr in _children(tbl, "tr"):
            cells = []
            for tc in _children(tr, "tc"):
                tcpr = tc.find(w("tcPr"))
                merge = tcpr.find(w("vMerge")) if tcpr is not None else None
                if merge is not None and merge.get(w("val")) != "restart":
                    cells.append("")  # continuation of a vertically merged cell
                    continue
                self.cells += 1
                try:  # each paragraph of a cell, and each line break in one, on its own line
                    texts = [block.text for block in self.blocks(tc) if block.text]
                finally:
                    self.cells -= 1
                cells.append(cell_text(CELL_BREAK.join(texts)))
            trpr = tr.find(w("trPr"))
            is_header = trpr is not None and trpr.find(w("tblHeader")) is not None
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            rows.append(tuple(cells))
        if header_rows == 0 and rows and _first_row_is_header(tbl):
            header_rows = 1
        return Table(rows=tuple(rows), header_rows=header_rows)

    # -- inline content ---------------------------------------------------------

    def _inline(self, element, out: _Inline) -> None:
        for child in element:
            ns, local = _local(child)
            if ns == W:
                if local == "r":
                    self._run(child, out)
                elif local in ("del", "moveFrom"):
                    self.stats.deletions += 1
                elif local in ("ins", "moveTo"):
                    self.stats.insertions += 1
                    self._inline(child, out)
                elif local == "hyperlink":
                    self._hyperlink(child, out)
                elif local == "fldSimple":
                    start = out.length
                    self._inline(child, out)
                    self._field_link(child.get(w("instr"), ""), out, start)
                elif local == "sdt":
                    content = child.find(w("sdtContent"))
                    if content is not None:
                        self._inline(content, out)
                elif local in ("smartTag", "customXml", "sdtContent", "bdo", "dir"):
                    self._inline(child, out)
            elif ns == MC and local == "AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self._inline(choice, out)
            elif local == "oMath" or local == "oMathPara":
                out.add(" " + "".join(t.text or "" for t in child.iter() if _local(t)[1] == "t"))

    def _run(self, run, out: _Inline) -> None:
        rpr = run.find(w("rPr"))
        start = out.length
        self._run_content(run, out)
        if self.styles.is_code(wval(rpr, "rStyle")) or monospace(rpr):
            out.code_run(start)

    def _run_content(self, run, out: _Inline) -> None:
        for child in run:
            ns, local = _local(child)
            if ns == MC and local == "AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self._run_content(choice, out)
                continue
            if ns != W:
                continue
            if local == "t":
                if not (out.fields and not out.fields[-1]["separated"]):
                    out.add(child.text or "")
            elif local in ("tab", "ptab"):
                out.add("\t")
            elif local in ("br", "cr"):
                out.add("\n")
            elif local == "noBreakHyphen":
                out.add("-")
            elif local == "sym":
                out.add(_symbol(child.get(w("char"), "")))
            elif local == "footnoteReference":
                out.note_refs.append(f"footnote-{child.get(w('id'))}")
            elif local == "endnoteReference":
                out.note_refs.append(f"endnote-{child.get(w('id'))}")
            elif local == "fldChar":
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    out.fields.append({"instr": "", "separated": False, "start": out.length})
                elif kind == "separate" and out.fields:
                    out.fields[-1]["separated"] = True
                    out.fields[-1]["start"] = out.length
                elif kind == "end" and out.fields:
                    done = out.fields.pop()
                    self._field_link(done["instr"], out, done["start"])
            elif local == "instrText" and out.fields:
                out.fields[-1]["instr"] += child.text or ""
            elif local == "drawing":
                self._drawing(child, out)
            elif local in ("pict", "object"):
                self._vml(child, out)
            elif local == "commentReference":
                pass

    def _hyperlink(self, element, out: _Inline) -> None:
        start = out.length
        self._inline(element, out)
        rel_id = element.get(f"{{{R}}}id")
        url = ""
        if rel_id and rel_id in self.rels:
            url = self.rels[rel_id].target
        elif element.get(w("anchor")):
            url = "#" + element.get(w("anchor"))
        out.link(start, url)

    def _field_link(self, instruction: str, out: _Inline, start: int) -> None:
        match = HYPERLINK_FIELD.search(instruction or "")
        if match:
            out.link(start, match.group(1))

    def _drawing(self, drawing, out: _Inline) -> None:
        doc_pr = next(drawing.iter(f"{{{WP}}}docPr"), None)
        alt = ""
        if doc_pr is not None:
            alt = (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
        blip = next(drawing.iter(f"{{{A}}}blip"), None)
        if blip is not None:
            rel_id = blip.get(f"{{{R}}}embed") or blip.get(f"{{{R}}}link")
            self._add_image(alt, rel_id, out)
        for content in drawing.iter(w("txbxContent")):
            out.inner_blocks.extend(self.blocks(content))

    def _vml(self, pict, out: _Inline) -> None:
        for imagedata in pict.iter(f"{{{V}}}imagedata"):
            shape = imagedata.getparent()
            alt = (shape.get("alt") or imagedata.get(f"{{{OFFICE}}}title") or "").strip()
            self._add_image(alt, imagedata.get(f"{{{R}}}id"), out)
        for content in pict.iter(w("txbxContent")):
            out.inner_blocks.extend(self.blocks(content))

    def _add_image(self, alt: str, rel_id: str | None, out: _Inline) -> None:
        rel = self.rels.get(rel_id or "")
        target = rel.target if rel else ""
        external = bool(rel and rel.external)
        if external:
            self.stats.external_images += 1
        if not alt:
            self.stats.images_without_alt += 1
        out.images.append(Image(alt=alt, target=target, external=external))


def _children(element, local: str):
    """Direct children named w:<local>, looking through content controls and custom XML."""
    for child in element:
        ns, name = _local(child)
        if ns != W:
            continue
        if name == local:
            yield child
        elif name in ("sdt", "customXml", "sdtContent"):
            inner = child.find(w("sdtContent")) if name == "sdt" else child
            if inner is not None:
                yield from _children(inner, local)


def _symbol(code: str) -> str:
    """The character of a w:sym (ST_ShortHexNumber: four hex digits, never a surrogate)."""
    if not code:
        return ""
    value = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,4}", code) else -1
    if value < 0x20 or 0x7F <= value <= 0x9F or 0xD800 <= value <= 0xDFFF:
        shown = "".join(ch if ch.isprintable() else "?" for ch in code[:20])
        raise InputError(f"w:sym has the character code '{shown}', which is not a character; "
                         "the file is damaged (open it in Word and save it again).")
    return chr(value)


def _first_row_is_header(tbl) -> bool:
    look = tbl.find(f"{w('tblPr')}/{w('tblLook')}")
    if look is None:
        return False
    if look.get(w("firstRow")) in ("1", "true", "on"):
        return True
    value = look.get(w("val"))
    try:
        return bool(value) and bool(int(value, 16) & 0x0020)
    except ValueError:
        return False


def read_notes(root, kind: str, reader: BodyReader):
    """Footnotes or endnotes: (id, text) pairs, skipping Word's separator notes."""
    from converter.model import Note

    notes = []
    if root is None:
        return notes
    for element in root.iter(w(kind)):
        if element.get(w("type")) in NOTE_TYPES_SKIPPED:
            continue
        text = " ".join(block.text for block in reader.blocks(element) if block.text).strip()
        notes.append(Note(id=f"{kind}-{element.get(w('id'))}", kind=kind, text=text))
    return notes
