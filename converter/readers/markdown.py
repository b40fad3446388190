"""Markdown reader built on markdown-it-py (CommonMark plus GFM tables)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from converter.model import (
    CELL_BREAK,
    Block,
    CodeSpan,
    Directive,
    Heading,
    Image,
    Link,
    ListItem,
    Note,
    Paragraph,
    Quote,
    ReadResult,
    Table,
    cell_text,
    squeezed_offset,
)
from converter.readers.html_table import parse_table
from converter.readers.text import decode_source

CONVERTER_COMMENT = re.compile(r"<!--\s*(converter:.*?)-->", re.S)


def read_markdown(path: Path) -> ReadResult:
    text, warnings = decode_source(path)
    result = parse_markdown(text)
    return dataclasses.replace(result, warnings=warnings + result.warnings)


# Text parsed by one call of markdown-it: its tokens take several times the text's size, so
# a long document is parsed a section at a time (see `sections`).
SECTION_CHARACTERS = 256 * 1024
# A section may start at a heading line in column 1 after a blank line: CommonMark closes
# every open block there (paragraph, list, quote, table) except a fenced code block and the
# HTML blocks that run to an end marker, which `sections` tracks.
ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|\r?$)")
FENCE = re.compile(r"\s*(`{3,}|~{3,})")
HTML_RUNS = (("<!--", "-->"), ("<script", "</script>"), ("<pre", "</pre>"),
             ("<style", "</style>"), ("<textarea", "</textarea>"), ("<![cdata[", "]]>"),
             ("<?", "?>"), ("<!", ">"))
# A link reference definition applies to the whole document: with one, parse it whole.
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.M)
LINE_BREAK = re.compile(r"\r\n?|\n")  # as markdown-it counts lines
LISTED = 5  # HTML blocks left out that the warning names by line


def sections(text: str, size: int) -> Iterator[tuple[str, int]]:
    """(section, lines before it) of about `size` characters each, cut only before a heading
    where parsing the sections one by one gives the blocks of parsing the whole."""
    if len(text) <= size or REFERENCE.search(text):
        yield text, 0
        return
    start = position = lines = 0
    blank_before = True
    fence = ""  # the fence that opened a code block
    html_end = ""  # the end marker of an open HTML block
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end + 1
        line = text[position:end]
        if position - start >= size and blank_before and not fence and not html_end \
                and ATX_HEADING.match(line):
            section = text[start:position]
            yield section, lines
            lines += len(LINE_BREAK.findall(section))
            start = position
        if fence:
            closing = FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= \
                    len(fence) and not line[closing.end():].strip():
                fence = ""
        elif html_end:
            if html_end in line.lower():
                html_end = ""
        elif opening := FENCE.match(line):
            fence = opening.group(1)
        else:
            lowered = line.lower()
            for marker, closer in HTML_RUNS:
                found = lowered.find(marker)
                if found >= 0 and closer not in lowered[found + len(marker):]:
                    html_end = closer
                    break
        blank_before = not line.strip()
        position = end
    yield text[start:], lines


# Footnotes as GitHub and pandoc write them: "text[^1]" and, on a line of its own,
# "[^1]: the note", continued on lines indented by four spaces or a tab.
FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
CONTINUED = re.compile(r"(?: {4}|\t)\S")


def footnotes(text: str, parser: MarkdownIt) -> tuple[str, tuple[Note, ...]]:
    """`text` with its footnote definitions blanked (so line numbers stay), and the notes,
    each with its id "footnote-<label>" and its text without Markdown marks."""
    lines = text.split("\n")
    notes: list[Note] = []
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = FENCE.match(line)
        if opening and (not fence or opening.group(1)[0] == fence[0]):
            fence = "" if fence else opening.group(1)
        match = None if fence else FOOTNOTE.match(line)
        if not match:
            index += 1
            continue
        words = [match.group(2)]
        lines[index] = ""
        index += 1
        while index < len(lines) and CONTINUED.match(lines[index]):
            words.append(lines[index].strip())
            lines[index] = ""
            index += 1
        inline = parser.parseInline(" ".join(words))
        note_text = _inline(inline[0])[0] if inline else ""
        notes.append(Note(id=f"footnote-{match.group(1)}", kind="footnote", text=note_text))
    return "\n".join(lines), tuple(notes)


def _note_refs(text: str, labels: set[str]) -> tuple[str, tuple[str, ...]]:
    """`text` without its references to notes that exist ("applies[^1] to"), and their ids.
    A reference to a note that is not there stays in the text, as written."""
    refs: list[str] = []

    def take(match: re.Match) -> str:
        if match.group(1) not in labels:
            return match.group(0)
        refs.append(f"footnote-{match.group(1)}")
        return ""

    return cell_text(FOOTNOTE_REF.sub(take, text)), tuple(refs)  # a cell keeps its lines


def _without_refs(text: str, labels: set[str]) -> str:
    return FOOTNOTE_REF.sub(lambda m: "" if m.group(1) in labels else m.group(0), text)


def _moved(block: Block, field: str, labels: set[str]) -> tuple:
    """The block's links or code spans (`field`), placed again in its text once the note
    references are out."""
    return tuple(
        dataclasses.replace(span, start=squeezed_offset(
            _without_refs(block.text[:span.start], labels)))
        if span.start >= 0 else span for span in getattr(block, field, ()))


# YAML front matter as Jekyll, Hugo and pandoc write it: '---' on the first line, 'key:
# value' lines, '---' or '...'. Only simple keys are read; nothing else in it is text.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n((?:[A-Za-z_][\w-]*[ \t]*:.*|[ \t#-].*|)\r?\n)*?"
                          r"(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


def front_matter(text: str) -> tuple[str, dict[str, str]]:
    """`text` with its front matter blanked (line numbers stay) and its simple values."""
    match = FRONT_MATTER.match(text)
    if not match or not FRONT_KEY.search(match.group(0)):
        return text, {}
    values = {key.lower(): value.strip("'\"").strip()
              for key, value in FRONT_KEY.findall(match.group(0))}
    return "\n" * match.group(0).count("\n") + text[match.end():], values


def parse_markdown(text: str) -> ReadResult:
    parser = MarkdownIt("commonmark").enable("table")
    text, meta = front_matter(text)
    text, notes = footnotes(text, parser)
    labels = {note.id.removeprefix("footnote-") for note in notes}
    blocks: list[Block] = []
    directives: list[Directive] = []
    left_out: list[str] = []  # where each HTML block left out is, and why
    for section, offset in sections(text, SECTION_CHARACTERS):
        left_out += _parse_section(parser, section, offset, blocks, directives)
    if labels:
        blocks = [_with_note_refs(block, labels) for block in blocks]
    where = ", ".join(left_out[:LISTED]) + (f" and {len(left_out) - LISTED} more"
                                            if len(left_out) > LISTED else "")
    warnings = ((f"{len(left_out)} HTML block(s) left out (raw HTML other than a simple table "
                 f"is not converted: {where}); write them in Markdown to keep them",)
                if left_out else ())
    return ReadResult(blocks=tuple(blocks), warnings=warnings + _unlinked_markers(text),
                      directives=tuple(directives), notes=notes, title=meta.get("title", ""),
                      author=meta.get("author", ""),
                      language=meta.get("lang", meta.get("language", "")))


# "information[7]": a bracketed number glued to a word, with no "[7]: ..." definition, is
# left from a note whose text was not brought into the master.
BARE_MARKER = re.compile(r"(?<=[^\s\[(])\[(\d{1,3})\](?![(\[:])")
DEFINED = re.compile(r"^ {0,3}\[(\d{1,3})\]:", re.M)


def _unlinked_markers(text: str) -> tuple[str, ...]:
    defined = set(DEFINED.findall(text))
    found, numbers, fence = [], [], ""
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        opening = FENCE.match(line)
        if opening and (not fence or opening.group(1)[0] == fence[0]):
            fence = "" if fence else opening.group(1)
        if not fence:
            for match in BARE_MARKER.finditer(line):
                if match.group(1) not in defined:
                    found.append(f"'[{match.group(1)}]' on line {number}")
                    numbers.append(match.group(1))
    if not found:
        return ()
    return (f"{len(found)} note marker(s) with no note in the document ({', '.join(found[:5])}"
            f"{' and more' if len(found) > 5 else ''}): the audio does not say them and Easy "
            f"Read leaves them out; add the note as '[^{numbers[0]}]: ...' to keep it",)


def _with_note_refs(block: Block, labels: set[str]) -> Block:
    """The block with its footnote references taken out of the text into `note_refs`."""
    if isinstance(block, Table):
        rows, refs = [], []
        for row in block.rows:
            cells = [_note_refs(cell, labels) for cell in row]
            rows.append(tuple(cell for cell, _ in cells))
            refs += [ref for _, found in cells for ref in found]
        return dataclasses.replace(block, rows=tuple(rows), note_refs=tuple(refs)) \
            if refs else block
    if not isinstance(block, (Heading, Paragraph, ListItem, Quote)):
        return block
    text, refs = _note_refs(block.text, labels)
    if not refs:
        return block
    if isinstance(block, (Paragraph, ListItem)):
        return dataclasses.replace(block, text=text, note_refs=block.note_refs + refs,
                                   links=_moved(block, "links", labels),
                                   code_spans=_moved(block, "code_spans", labels))
    if isinstance(block, Quote):
        return dataclasses.replace(block, text=text, links=_moved(block, "links", labels),
                                   code_spans=_moved(block, "code_spans", labels))
    return dataclasses.replace(block, text=text)  # the note is read with its chapter


def _parse_section(parser: MarkdownIt, text: str, offset: int, blocks: list[Block],
                   directives: list[Directive]) -> list[str]:
    """Append the blocks and directives of one section (`offset` lines into the source);
    returns where each HTML block left out is ("line 12 (a nested table)")."""
    tokens = parser.parse(text)
    lists: list[bool] = []  # stack of "ordered?" for nesting
    quote_depth = 0
    left_out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = token.map[0] + 1 + offset if token.map else None
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "heading_open":
            inline = tokens[index + 1]
            text_ = _inline(inline)[0]
            if text_:
                blocks.append(Heading(level=int(token.tag[1]), text=text_, line=line))
            index += 2
        elif token.type == "paragraph_open":
            inline = tokens[index + 1]
            text_, links, images, code = _inline(inline)
            if text_:
                if lists:
                    blocks.append(ListItem(text=text_, level=len(lists) - 1, ordered=lists[-1],
                                           links=links, line=line, code_spans=code))
                elif quote_depth:
                    blocks.append(Quote(text=text_, links=links, line=line, code_spans=code))
                else:
                    blocks.append(Paragraph(text=text_, links=links, line=line,
                                            code_spans=code))
            for alt, src in images:
                blocks.append(Image(alt=alt, target=src, external="://" in src, line=line))
            index += 2
        elif token.type == "table_open":
            index, table = _table(tokens, index, line)
            blocks.append(table)
            continue
        elif token.type == "html_block":
            # <!-- converter: ... --> comments are instructions (suppressions), not text.
            if line is not None:
                directives.extend(Directive(line + token.content[:m.start()].count("\n"),
                                            m.group(1).strip())
                                  for m in CONVERTER_COMMENT.finditer(token.content))
            if not _is_comment(token.content):
                index, table = _html_table(tokens, index, line)
                if isinstance(table, Table):
                    blocks.append(table)
                else:
                    left_out.append(f"line {line}" + (f" ({table})" if table else ""))
        elif token.type in ("fence", "code_block"):
            content = " ".join(token.content.split())
            if content:
                blocks.append(Paragraph(text=content, line=line, code_lines=tuple(
                    line.rstrip() for line in token.content.rstrip("\n").split("\n"))))
        index += 1
    return left_out


def _html_table(tokens: list[Token], index: int, line: int | None) -> tuple[int, Table | str]:
    """A simple HTML table (see html_table.py) from the HTML block at `index`, with the
    blocks after it when blank lines inside the table cut it into several; returns the index
    of the last block used and the table, or why the block at `index` is left out."""
    html = tokens[index].content
    end = index
    while "</table>" not in html.lower() and end + 1 < len(tokens) and \
            tokens[end + 1].type == "html_block":
        end += 1
        html += "\n" + tokens[end].content
    table = parse_table(html, line)
    return (end, table) if isinstance(table, Table) else (index, table)


def _is_comment(html: str) -> bool:
    html = html.strip()
    return not html or (html.startswith("<!--") and html.endswith("-->")
                        and "-->" not in html[4:-3])


BREAK = re.compile(r"<br\s*/?>", re.I)


def _inline(token: Token, cell: bool = False) -> tuple[str, tuple[Link, ...],
                                                     list[tuple[str, str]],
                                                     tuple[CodeSpan, ...]]:
    """The token's text, links, images and inline code (`git push`). In a table cell
    (`cell`), '<br>' is a line break the model keeps (CELL_BREAK); elsewhere a line break
    is a space."""
    parts: list[str] = []
    links: list[Link] = []
    images: list[tuple[str, str]] = []
    code: list[CodeSpan] = []
    open_link: tuple[str, int] | None = None
    for child in token.children or []:
        if child.type == "code_inline" and child.content.strip():
            raw = "".join(parts)
            lead = len(child.content) - len(child.content.lstrip())
            code.append(CodeSpan(" ".join(child.content.split()),
                                 squeezed_offset(raw + child.content[:lead])))
            parts.append(child.content)
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "html_inline" and BREAK.fullmatch(child.content.strip()):
            parts.append(CELL_BREAK if cell else " ")  # 'appropriate<br>3.' keeps a space
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            open_link = (str(child.attrs.get("href", "")), len("".join(parts)))
        elif child.type == "link_close" and open_link:
            href, start = open_link
            raw = "".join(parts)
            link_text = " ".join(raw[start:].split())
            if link_text:
                # Where the link is, not the first words like it: the reader knows.
                lead = len(raw[start:]) - len(raw[start:].lstrip())
                links.append(Link(link_text, href, squeezed_offset(raw[:start + lead])))
            open_link = None
        elif child.type == "image":
            alt = "".join(c.content for c in child.children or []) or child.content
            images.append((alt, str(child.attrs.get("src", ""))))
    text = "".join(parts)
    return (cell_text(text) if cell else " ".join(text.split()), tuple(links), images,
            tuple(code))


def _table(tokens: list[Token], index: int, line: int | None) -> tuple[int, Table]:
    rows: list[tuple[str, ...]] = []
    header_rows = 0
    row: list[str] = []
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(tuple(row))
            header_rows += 1 if in_head else 0
        elif token.type == "inline":
            row.append(_inline(token, cell=True)[0])
        index += 1
    return index + 1, Table(rows=tuple(rows), header_rows=header_rows, line=line)
