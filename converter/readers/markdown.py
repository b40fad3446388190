"""Markdown reader built on markdown-it-py (CommonMark plus GFM tables)."""

from __future__ import annotations

import dataclasses
import re
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
from converter.readers.text import decode_source

CONVERTER_COMMENT = re.compile(r"<!--\s*(converter:.*?)-->", re.S)


def read_markdown(path: Path) -> ReadResult:
    text, warnings = decode_source(path)
    result = parse_markdown(text)
    return dataclasses.replace(result, warnings=warnings + result.warnings)


def parse_markdown(text: str) -> ReadResult:
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(text)
    blocks: list[Block] = []
    directives: list[Directive] = []
    lists: list[bool] = []  # stack of "ordered?" for nesting
    quote_depth = 0
    html_blocks = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = token.map[0] + 1 if token.map else None
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
                html_blocks += 1
        elif token.type in ("fence", "code_block"):
            content = " ".join(token.content.split())
            if content:
                blocks.append(Paragraph(text=content, line=line))
        index += 1
    warnings = ((f"{html_blocks} HTML block(s) left out (raw HTML is not converted); write "
                 "them in Markdown to keep them",) if html_blocks else ())
    return ReadResult(blocks=tuple(blocks), warnings=warnings, directives=tuple(directives))


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
