"""Markdown reader built on markdown-it-py (CommonMark plus GFM tables)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from converter.model import (
    Block,
    Directive,
    Heading,
    Image,
    Link,
    ListItem,
    Paragraph,
    Quote,
    ReadResult,
    Table,
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


def parse_markdown(text: str) -> ReadResult:
    parser = MarkdownIt("commonmark").enable("table")
    blocks: list[Block] = []
    directives: list[Directive] = []
    left_out: list[str] = []  # where each HTML block left out is, and why
    for section, offset in sections(text, SECTION_CHARACTERS):
        left_out += _parse_section(parser, section, offset, blocks, directives)
    where = ", ".join(left_out[:LISTED]) + (f" and {len(left_out) - LISTED} more"
                                            if len(left_out) > LISTED else "")
    warnings = ((f"{len(left_out)} HTML block(s) left out (raw HTML other than a simple table "
                 f"is not converted: {where}); write them in Markdown to keep them",)
                if left_out else ())
    return ReadResult(blocks=tuple(blocks), warnings=warnings, directives=tuple(directives))


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
            text_, _, _ = _inline(inline)
            if text_:
                blocks.append(Heading(level=int(token.tag[1]), text=text_, line=line))
            index += 2
        elif token.type == "paragraph_open":
            inline = tokens[index + 1]
            text_, links, images = _inline(inline)
            if text_:
                if lists:
                    blocks.append(ListItem(text=text_, level=len(lists) - 1, ordered=lists[-1],
                                           links=links, line=line))
                elif quote_depth:
                    blocks.append(Quote(text=text_, links=links, line=line))
                else:
                    blocks.append(Paragraph(text=text_, links=links, line=line))
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
                blocks.append(Paragraph(text=content, line=line))
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


def _inline(token: Token) -> tuple[str, tuple[Link, ...], list[tuple[str, str]]]:
    parts: list[str] = []
    links: list[Link] = []
    images: list[tuple[str, str]] = []
    open_link: tuple[str, int] | None = None
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
                child.type == "html_inline" and BREAK.fullmatch(child.content.strip())):
            parts.append(" ")  # '<br>' in a table cell too: 'appropriate<br>3.' keeps a space
        elif child.type == "link_open":
            open_link = (str(child.attrs.get("href", "")), len("".join(parts)))
        elif child.type == "link_close" and open_link:
            href, start = open_link
            link_text = " ".join("".join(parts)[start:].split())
            if link_text:
                links.append(Link(text=link_text, url=href))
            open_link = None
        elif child.type == "image":
            alt = "".join(c.content for c in child.children or []) or child.content
            images.append((alt, str(child.attrs.get("src", ""))))
    return " ".join("".join(parts).split()), tuple(links), images


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
            row.append(_inline(token)[0])
        index += 1
    return index + 1, Table(rows=tuple(rows), header_rows=header_rows, line=line)
