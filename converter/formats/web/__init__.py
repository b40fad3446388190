"""The accessible web edition (format "html"): the whole master as one self-contained page,
or for long documents a contents page and one page a chapter. Settings in styles/html.toml,
the look in styles/html.css, the font embedded (Atkinson Hyperlegible, OFL)."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path
from typing import Any

from converter import __version__
from converter.config import Style
from converter.formats.base import BuildContext, FormatResult, OutputFile, resident
from converter.formats.source_images import image_data, images_of
from converter.formats.textparts import TextEdition, note_numbers, publisher, vague_links
from converter.formats.web.render import (
    PageParts,
    chapter_html,
    contents_html,
    page_html,
)
from converter.model import Chapter, Document

MEASURE_SAMPLE = ("We will make sure that everyone who lives, works or travels in the region is "
                  "treated fairly. It covers the four years from 1 April 2024 to 31 March 2028.")
STYLE_FILES = ("html.toml", "html.css", "converter.toml", "fonts")


def settings(style: Style) -> dict[str, Any]:
    """styles/html.toml, validated by its schema (converter/settings/editions.py)."""
    return style.settings("html")


class WebEditionFormat(TextEdition):
    name = "html"
    description = "Accessible web edition (HTML)"
    label = "Web edition"
    roles = {
        "web-edition": resident(
            "web edition (web page)",
            "Open the .html file in any web browser, even without the internet: you can make "
            "the text bigger, listen with a screen reader, or print it."),
        "web-edition-chapter": resident(
            "web edition chapter (web page)",
            "Each chapter is a web page of its own; start from the contents page."),
    }

    style_files = STYLE_FILES

    def document_facts(self, document: Document) -> dict[str, Any]:
        return {"source": Path(document.source).name}

    def build(self, context: BuildContext) -> FormatResult:
        document, style = context.document, context.style
        values = settings(style)
        css = _css(style, values)
        notes = note_numbers(document)
        split = (document.word_count > values["pages"]["one_page_up_to_words"]
                 and len(document.chapters) > 1)
        warnings: list[str] = []
        files: list[OutputFile] = []
        main_name = f"{document.id}.html"
        if split:
            pages = _chapter_pages(document, style, css, notes, main_name)
            for name, (html, chapter) in pages.items():
                path = context.stage(name)
                path.write_text(html, encoding="utf-8")
                files.append(OutputFile(name, "web-edition-chapter", path,
                                        extra={"chapter_title": chapter.title}))
            index = _contents_page(document, style, css, list(pages))
            path = context.stage(main_name)
            path.write_text(index, encoding="utf-8")
            files.insert(0, OutputFile(main_name, "web-edition", path))
            parts_used = None
        else:
            parts_used = PageParts(notes=notes, images=lambda image: image_data(document, image))
            html = _single_page(document, style, css, parts_used)
            path = context.stage(main_name)
            path.write_text(html, encoding="utf-8")
            files.append(OutputFile(main_name, "web-edition", path))
        images = images_of(document)
        unnamed = sum(1 for image in images if not image.alt.strip())
        if unnamed:
            warnings.append(f"{unnamed} picture(s) have no alt text in the master, so the web "
                            "edition treats them as decoration; add alt text in the master")
        missing = sum(1 for image in images if image_data(document, image) is None)
        if missing:
            warnings.append(f"{missing} picture(s) could not be embedded in the web edition "
                            "(external or unreadable); their alt text is shown instead")
        vague = vague_links(document)
        if vague:
            warnings.append(f"{len(vague)} link(s) have text that means nothing on its own "
                            f"(for example '{vague[0]}'); reword them in the master")
        facts = {"pages": len(files), "words": document.word_count,
                 "chapters": len(document.chapters), "notes": len(notes),
                 "pictures": len(images), "pictures_embedded": len(images) - missing,
                 "body_px": values["text"]["body_px"], "measure_ch": values["text"]["measure_ch"]}
        return FormatResult(files=files, facts=facts, warnings=warnings)


def _css(style: Style, values: dict[str, Any]) -> str:
    fonts = values["fonts"]
    faces = []
    for key, weight in (("regular", 400), ("bold", 700)):
        data = base64.b64encode(style.path(fonts[key]).read_bytes()).decode("ascii")
        faces.append(f'@font-face {{ font-family: "{fonts["family"]}"; font-weight: {weight}; '
                     f'font-style: normal; font-display: swap; '
                     f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}')
    text = values["text"]
    measure = text["measure_ch"] * average_character_em(style.path(fonts["regular"]))
    # rem and em, not px, so the reader's own browser text size still scales the page.
    variables = (f':root {{ --font: "{fonts["family"]}"; '
                 f'--body-size: {text["body_px"] / 16:.4g}rem; --measure: {measure:.1f}em; }}')
    return "\n".join([*faces, variables, style.path("html.css").read_text(encoding="utf-8")])


def average_character_em(font: Path) -> float:
    """The mean advance width of a character of English text in this font, in em: CSS's
    `ch` is the width of "0", wider than most letters, so 70ch would be ~100 characters."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"measure-{font.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font)))
    return pdfmetrics.stringWidth(MEASURE_SAMPLE, name, 1) / len(MEASURE_SAMPLE)


def _header(document: Document, style: Style, heading: str, kind: str) -> str:
    organisation = publisher(style)
    by = f" Published by {escape(organisation)}." if organisation else ""
    return f'<p class="meta">{escape(kind)}.{by}</p>\n<h1>{escape(heading)}</h1>'


def _footer(document: Document) -> str:
    return (f'<p class="meta">This web edition has all the text of '
            f'{escape(Path(document.source).name)}. Made by converter {__version__}.</p>')


def _single_page(document: Document, style: Style, css: str, parts: PageParts) -> str:
    chapters = "\n".join(chapter_html(chapter, parts) for chapter in document.chapters)
    nav = contents_html(document, lambda chapter: f"#{chapter.id}")
    return page_html(language=document.language, title=document.title, css=css,
                     header=_header(document, style, document.title, "Web edition"),
                     nav=nav, main=chapters, footer=_footer(document))


def _chapter_pages(document: Document, style: Style, css: str, notes: dict[str, int],
                   index_name: str) -> dict[str, tuple[str, Chapter]]:
    names = {chapter.id: f"{document.id}-{chapter.id}.html" for chapter in document.chapters}
    note_page = {notes[note.id]: names[chapter.id]
                 for chapter in document.chapters for note in chapter.notes}
    pages: dict[str, tuple[str, Chapter]] = {}
    chapters = document.chapters
    for position, chapter in enumerate(chapters):
        parts = PageParts(notes=notes, images=lambda image: image_data(document, image))
        own = names[chapter.id]
        parts.note_href = lambda number, own=own: (
            f"#note_{number}" if note_page.get(number) == own
            else f"{note_page.get(number, own)}#note_{number}")
        links = [f'<li><a href="{escape(index_name)}">Contents</a></li>']
        if position > 0:
            before = chapters[position - 1]
            links.append(f'<li><a href="{escape(names[before.id])}">Previous: '
                         f"{escape(before.title)}</a></li>")
        if position + 1 < len(chapters):
            after = chapters[position + 1]
            links.append(f'<li><a href="{escape(names[after.id])}">Next: '
                         f"{escape(after.title)}</a></li>")
        pager = (f'<nav class="pager" aria-label="Chapters"><ul>{"".join(links)}</ul></nav>')
        header = (f'<p class="meta">Web edition of <a href="{escape(index_name)}">'
                  f"{escape(document.title)}</a>, part {position + 1} of {len(chapters)}.</p>")
        html = page_html(language=document.language, title=f"{chapter.title}: {document.title}",
                         css=css, header=header, nav=pager,
                         main=chapter_html(chapter, parts, top=1), footer=_footer(document))
        pages[own] = (html, chapter)
    return pages


def _contents_page(document: Document, style: Style, css: str, names: list[str]) -> str:
    lookup = dict(zip([chapter.id for chapter in document.chapters], names, strict=True))
    nav = contents_html(document, lambda chapter: lookup[chapter.id])
    return page_html(language=document.language, title=document.title, css=css,
                     header=_header(document, style, document.title, "Web edition"),
                     nav="", main=nav, footer=_footer(document), skip_to="the contents")


FORMAT = WebEditionFormat()
