"""Computer code in a policy ("run `git commit --amend`", a fenced block of commands): the
readers keep inline code as positional spans, the audio announces a block and says each
line, symbol and digit so a listener can type it, and web, EPUB and large print set code
in a fixed-width face."""

from __future__ import annotations

import shutil

import pdfplumber
import pytest
from conftest import STYLES
from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE

from converter.config import Style
from converter.formats.audio.normalise import Normaliser
from converter.formats.audio.say_code import speak_code
from converter.formats.audio.say_contacts import speak_file_name, speak_ip
from converter.formats.audio.speech import chapter_segments, transcript
from converter.formats.web.render import block_html, inline
from converter.model import Chapter, CodeSpan, Heading, Link, ListItem, Paragraph
from converter.readers import read_document
from converter.readers.markdown import parse_markdown


def _spans(block) -> list[str]:
    return [block.text[s.start:s.start + len(s.text)] for s in block.code_spans]


# -- reading -----------------------------------------------------------------------------------


def test_markdown_backticks_are_spans_on_their_own_words():
    text = ("Run `git log -p <filename>`[^1] and   `git  commit --amend`, not git commit.\n\n"
            "[^1]: A note.\n")
    block = parse_markdown(text).blocks[0]
    assert block.text == "Run git log -p <filename> and git commit --amend, not git commit."
    assert _spans(block) == ["git log -p <filename>", "git commit --amend"]
    assert [s.text for s in block.code_spans] == _spans(block)
    item = parse_markdown("* Change `pick` to `edit`\n").blocks[0]
    assert isinstance(item, ListItem) and _spans(item) == ["pick", "edit"]


def test_a_document_without_code_has_no_spans_and_hashes_as_before():
    block = parse_markdown("Plain words with [a link](https://a.example/).\n").blocks[0]
    assert block.code_spans == ()
    assert "code_spans" not in block.to_dict()
    with_code = parse_markdown("Plain `words`.\n").blocks[0]
    assert with_code.to_dict()["code_spans"] == [{"text": "words", "start": 6}]


def _word_file(path):
    word = WordDocument()
    word.styles.add_style("HTML Code", WD_STYLE_TYPE.CHARACTER)
    source = word.styles.add_style("Source Code", WD_STYLE_TYPE.PARAGRAPH)
    source.font.name = "Consolas"
    word.add_heading("Commands", 1)
    p = word.add_paragraph("Run ")
    p.add_run("git commit ", style="HTML Code")
    p.add_run("--amend", style="HTML Code")  # Word splits one piece of code into runs
    p.add_run(", then ")
    p.add_run("git push -f").font.name = "Courier New"
    p.add_run(" to push. Thes")
    p.add_run("e").font.name = "Consolas"  # part of a word in another font: not code
    p.add_run(" fonts.")
    block = word.add_paragraph("", style="Source Code")
    block.add_run("git add notes.txt").add_break()
    block.add_run("git rebase --continue")
    word.add_paragraph("git push", style="Source Code")  # a line a paragraph: one block
    word.add_paragraph("Nothing in code here.")
    word.save(str(path))
    return path


def test_word_code_styles_and_monospace_fonts_are_code(tmp_path):
    document = read_document(_word_file(tmp_path / "code.docx"))
    blocks = [b for c in document.chapters for b in c.blocks if isinstance(b, Paragraph)]
    prose, code_block, plain = blocks
    assert prose.text == "Run git commit --amend, then git push -f to push. These fonts."
    assert _spans(prose) == ["git commit --amend", "git push -f"]
    assert code_block.code_lines == ("git add notes.txt", "git rebase --continue", "git push")
    assert code_block.text == "git add notes.txt git rebase --continue git push"
    assert plain.code_spans == () and plain.code_lines == ()


# -- how code is said ----------------------------------------------------------------------------


@pytest.mark.parametrize("code, said", [
    ("git commit --amend", "git commit dash dash amend"),
    ("git log -p <filename>", "git log dash P placeholder filename"),
    ("<repo>-master", "placeholder repo dash master"),
    ("cp <your file> /tmp", "C P placeholder your file slash T M P"),
    ("pick eb242a3 Add fix (#18)",
     "pick E B two four two A three Add fix open bracket hash one eight close bracket"),
    ("012345678901", "zero one two three four five six seven eight nine zero one"),
    ("github_branch_protection", "github underscore branch underscore protection"),
    ("ls -la ~/in", "L S dash L A tilde slash in"),
])
def test_code_is_said_symbol_by_symbol_and_digit_by_digit(code, said):
    assert speak_code(code) == said


def test_code_reads_file_names_and_ip_addresses_as_prose_does():
    assert speak_code("cat volunteers_statistics.csv") == \
        "cat " + speak_file_name("volunteers_statistics.csv")
    assert speak_code("ping 10.0.0.1") == "ping " + speak_ip("10.0.0.1")


def _script(*blocks) -> tuple[str, list]:
    settings = Style(STYLES).settings("audio")
    chapter = Chapter("c", "Git", 1, (Heading(1, "Git"), *blocks))
    segments = chapter_segments(chapter, 1, Normaliser(), settings)
    return transcript(segments), segments


def test_a_code_block_is_announced_line_by_line_and_ended():
    block = Paragraph("pick eb242a3 Fix (#18) pick f7fd86a Tests (#19)",
                      code_lines=("pick eb242a3 Fix (#18)", "", "  pick f7fd86a Tests (#19)"))
    heard, segments = _script(block)
    assert "Computer code, two lines. pick E B two four two A three Fix open bracket hash " \
           "one eight close bracket. pick F seven F D eight six A Tests open bracket hash one " \
           "nine close bracket. End of code." in heard
    lines = [s for s in segments if s.block == "1"]
    assert [s.written for s in lines] == ["Computer code, 2 lines.", "pick eb242a3 Fix (#18)",
                                          "pick f7fd86a Tests (#19)", "End of code."]
    assert all(s.pause_ms >= 400 for s in lines)  # each line ends with a pause


def test_inline_code_is_said_literally_and_written_as_it_is():
    text = "Run git commit --amend. Then type git log -p <filename> and 2 more."
    block = Paragraph(text, code_spans=(CodeSpan("git commit --amend", 4),
                                        CodeSpan("git log -p <filename>", 34)))
    heard, segments = _script(block)
    assert "Run git commit dash dash amend. Then type git log dash P placeholder filename " \
           "and two more." in heard
    assert [s.written for s in segments if s.block == "1"] == [
        "Run git commit --amend.", "Then type git log -p <filename> and 2 more."]
    plain, _ = _script(Paragraph(text))  # without spans, prose reading as before
    assert "git commit --amend" in plain


# -- print and screen ----------------------------------------------------------------------------


def test_web_wraps_inline_code_and_keeps_a_code_block_as_lines():
    text = "Use git push -f on the repo page."
    html = inline(text, (Link("repo page", "https://a.example/", 22),),
                  (CodeSpan("git push -f", 4),))
    assert html == ('Use <code>git push -f</code> on the <a href="https://a.example/">repo page'
                    '</a>.')
    block = Paragraph("a < b c", code_lines=("a < b", "  c"))
    assert block_html(block, None) == "<pre><code>a &lt; b\n  c</code></pre>"


def test_epub_wraps_inline_code(tmp_path):
    from lxml import etree

    from converter.formats.epub.xhtml import XHTML, _inline, page

    _, body = page("t", "en", "x.css")
    node = etree.SubElement(body, f"{{{XHTML}}}p")
    _inline(node, "See the git log page now.", (Link("the git log page", "https://a.example/",
                                                      4),), (CodeSpan("git log", 8),))
    xml = etree.tostring(node, encoding="unicode")
    assert '<a href="https://a.example/">the <code>git log</code> page</a> now.' in xml


def _fonts(pdf) -> set[str]:
    with pdfplumber.open(pdf) as opened:
        return {char["fontname"].split("+")[-1] for page in opened.pages for char in page.chars}


def test_large_print_sets_code_in_the_code_face_at_body_size(tmp_path, cli):
    source = tmp_path / "code.md"
    source.write_text("# Git\n\n## Steps\n\nRun `git commit --amend` now.\n\n```\ngit push -f\n"
                      "```\n", encoding="utf-8")
    plain = tmp_path / "plain.md"
    plain.write_text("# Git\n\n## Steps\n\nRun the command now.\n", encoding="utf-8")
    for master in (source, plain):
        result = cli("build", master, "--output", tmp_path / "out", "--formats", "large-print",
                     "-q")
        assert result.returncode == 0, result.stderr
    code_pdf, plain_pdf = (next((tmp_path / "out").glob(f"{m.stem}/large-print/*.pdf"))
                           for m in (source, plain))
    with pdfplumber.open(code_pdf) as opened:
        mono = [c for page in opened.pages for c in page.chars if "Mono" in c["fontname"]]
    assert "".join(c["text"] for c in mono) == "git commit --amendgit push -f"
    assert {round(c["size"]) for c in mono} == {18}  # the body size, not smaller
    assert not any("Mono" in name for name in _fonts(plain_pdf))


# -- the DWP guide end to end ----------------------------------------------------------------------


def test_dwp_guide_audio_says_its_commands_so_they_can_be_typed(corpus, tmp_path, cli):
    source = tmp_path / "dwp.md"
    shutil.copy(corpus / "policy-text-open" /
                "dwp-removing_sensitive_data_from_github_repositories.md", source)
    result = cli("audio", "script", source)
    assert result.returncode == 0, result.stderr
    heard = result.stdout
    assert "Computer code, five lines. pick E B two four two A three Add fetch cert facility " \
           "dash fix function open bracket hash one eight close bracket." in heard
    assert "Computer code, six lines." in heard and heard.count("End of code.") == 2
    assert "you should run git commit dash dash amend, then" in heard
    assert "use git log dash P placeholder filename and search" in heard
    assert "--" not in heard and "number eighteen" not in heard
