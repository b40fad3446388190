"""Plain English reports: terminal text, JSON (a contract for tools), accessible HTML,
SARIF 2.1.0 for code-scanning tools, and GitHub Actions annotations."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from converter import __version__
from converter.formats.plain_english.analysis import (
    ChapterReport,
    DocumentReport,
    analyse_each,
    chapter_dict,
)
from converter.formats.plain_english.rules import Finding
from converter.htmlpage import page
from converter.model import Document

RULE_HELP = {  # {words} and {sentences}: the limits plain-english.toml sets
    "long-sentence": "Sentences over {words} words are hard to follow (GOV.UK).",
    "passive-voice": "Active voice says who does what.",
    "words-to-avoid": "Words GOV.UK asks writers to avoid.",
    "complex-word": "Words and phrases with a plainer alternative.",
    "undefined-acronym": "Acronyms should be spelled out the first time.",
    "latin-abbreviation": "Latin abbreviations confuse readers and screen readers.",
    "shorthand": "Shorthand such as 'and/or' makes the reader work out what you mean.",
    "rejected-word": "Words this organisation does not use (styles/vocabulary/reject.txt).",
    "long-paragraph": "Paragraphs over {sentences} sentences are hard to scan (GOV.UK).",
    "all-caps": "Capitals are harder to read and feel like shouting.",
    "nominalisation": "A noun that hides a verb ('make a decision' for 'decide').",
    "double-negative": "Two negatives make the reader work out a positive.",
    "placeholder": "Template placeholders such as '[organisation]' still to be filled in.",
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def rule_help(report: DocumentReport) -> dict[str, str]:
    """One line on each rule, with the limits of the report's settings."""
    return {rule: text.format(words=report.long_sentence_words,
                              sentences=report.max_paragraph_sentences)
            for rule, text in RULE_HELP.items()}


def to_json(reports: list[DocumentReport]) -> str:
    return json.dumps({"documents": [report.to_dict() for report in reports]}, indent=2,
                      ensure_ascii=False)


def write_json(reports: list[DocumentReport], path: Path) -> None:
    """The same JSON as to_json, written piece by piece: an indented dumps of a long
    document's report would hold the whole string and every piece of it at once."""
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"documents": [report.to_dict() for report in reports]}, handle, indent=2,
                  ensure_ascii=False)


ANSI = {"red": 31, "green": 32, "yellow": 33, "blue": 34}
TEXT_FINDINGS = 8  # findings shown per document unless --all


def to_text(reports: list[DocumentReport], color: bool = False,
            limit: int | None = TEXT_FINDINGS) -> str:
    """The terminal report; `color` adds ANSI colours (the verdict is in words as well);
    `limit` findings a document, the most serious first (None: all)."""
    lines: list[str] = []

    def style(text: str, fg: str | None, bold: bool = False) -> str:
        if not color or fg is None:
            return text
        return f"\033[{'1;' if bold else ''}{ANSI[fg]}m{text}\033[0m"

    for report in reports:
        m = report.metrics
        verdict = style("PASS", fg="green", bold=True) if report.passed else style(
            "FAIL", fg="red", bold=True)
        lines.append(f"{verdict}  {report.title}  ({report.source})")
        lines.append(f"  Reading age {m.reading_age}  FK grade {m.flesch_kincaid_grade}  "
                     f"Reading Ease {m.flesch_reading_ease}  SMOG {m.smog}  Fog {m.gunning_fog}  "
                     f"Coleman-Liau {m.coleman_liau}")
        lines.append(f"  {m.words} words, {m.sentences} sentences, average "
                     f"{m.avg_sentence_length} words; {m.long_sentence_share:.0%} over "
                     f"{report.long_sentence_words} words; "
                     f"{m.passive_share:.0%} passive")
        for reason in report.reasons:
            lines.append("  " + style(f"- {reason}", fg="red"))
        lines.append("")
        lines.append(f"  {'Chapter':<40} {'Age':>5} {'Grade':>6} {'Ease':>6} {'Words':>6}")
        for chapter in report.chapters:
            cm = chapter.metrics
            title = chapter.title if len(chapter.title) <= 40 else chapter.title[:37] + "..."
            lines.append(f"  {title:<40} {cm.reading_age:>5} {cm.flesch_kincaid_grade:>6} "
                         f"{cm.flesch_reading_ease:>6} {cm.words:>6}")
        counts: dict[str, int] = {}
        for finding in report.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        lines.append("")
        lines.append("  Findings: " + (", ".join(
            f"{counts[s]} {s}" for s in ("error", "warning", "info") if s in counts) or "none")
            + (f" ({report.suppressed} suppressed by the writer)" if report.suppressed else ""))
        worst = sorted(report.findings, key=lambda f: (SEVERITY_ORDER[f.severity],
                                                       -len(f.text)))[:limit]
        if report.findings:
            total = len(report.findings)
            lines.append(f"  Showing all {total} findings." if len(worst) == total else
                         f"  Showing {len(worst)} of {total} findings, the most serious first "
                         "(--all shows every one).")
        for finding in worst:
            colour = {"error": "red", "warning": "yellow"}.get(finding.severity)
            where = _where(finding)
            lines.append("  " + style(f"{finding.severity:<7}", fg=colour) +
                         f" {finding.rule} [{where}] {finding.message}")
            if finding.suggestion:
                lines.append(f"          -> {finding.suggestion}")
            snippet = finding.text if len(finding.text) <= 140 else finding.text[:137] + "..."
            lines.append(f"          \"{snippet}\"")
        lines.append("")
    return "\n".join(lines)


def _where(finding: Finding) -> str:
    location = finding.location
    if "line" in location:
        return f"line {location['line']}"
    return f"{location.get('chapter')} ¶{location.get('paragraph', 0) + 1}"


def to_github(reports: list[DocumentReport]) -> str:
    """GitHub Actions workflow commands: ::error / ::warning / ::notice, one per finding."""
    lines = []
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    for report in reports:
        titles = {chapter.id: chapter.title for chapter in report.chapters}
        for finding in report.findings:
            props = [f"file={_escape_property(report.source)}"]
            if "line" in finding.location:
                props.append(f"line={finding.location['line']}")
            props.append(f"title={_escape_property(finding.rule)}")
            message = f"{finding.message} {finding.suggestion or ''}".strip()
            if "line" not in finding.location:  # Word: no line to point at, so say where
                message += f" In '{titles.get(finding.location.get('chapter'), '?')}', " \
                           f"paragraph {finding.location.get('paragraph', 0) + 1}: " \
                           f"\"{finding.text}\""
            else:
                message += f" [{_where(finding)}]"
            lines.append(f"::{kinds[finding.severity]} {','.join(props)}::"
                         f"{_escape_data(message)}")
        if not report.passed:
            lines.append(f"::error file={_escape_property(report.source)},title=plain-english::"
                         f"{_escape_data('; '.join(report.reasons))}")
    return "\n".join(lines) + ("\n" if lines else "")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_sarif(reports: list[DocumentReport]) -> str:
    levels = {"error": "error", "warning": "warning", "info": "note"}
    rules = [{"id": rule, "shortDescription": {"text": text},
              "helpUri": "https://www.gov.uk/guidance/content-design/writing-for-gov-uk"}
             for rule, text in rule_help(reports[0]).items()] if reports else []
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    results = []
    for report in reports:
        for finding in report.findings:
            region: dict[str, Any] = {"snippet": {"text": finding.text}}
            if "line" in finding.location:
                region["startLine"] = finding.location["line"]
            result = {
                "ruleId": finding.rule,
                "ruleIndex": rule_index.get(finding.rule, 0),
                "level": levels[finding.severity],
                "message": {"text": finding.message + (
                    f" {finding.suggestion}" if finding.suggestion else "")},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": report.source},
                                         "region": region},
                    "logicalLocations": [{
                        "name": f"{finding.location.get('chapter')}/paragraph-"
                                f"{finding.location.get('paragraph', 0) + 1}",
                        "kind": "member"}],
                }],
            }
            results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "converter-plain-english", "version": __version__,
                                "informationUri": "https://www.gov.uk/guidance/style-guide",
                                "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False)


# -- HTML ---------------------------------------------------------------------------------

# Each rule has a colour AND a text label and border style, so colour is never the only signal.
HTML_RULES = {
    "long-sentence": ("#fff3b0", "Long sentence"),
    "passive-voice": ("#d6eaff", "Passive"),
    "words-to-avoid": ("#ffd9e0", "Word to avoid"),
    "complex-word": ("#e8dcff", "Plainer word"),
    "undefined-acronym": ("#d9f7e6", "Acronym"),
    "latin-abbreviation": ("#ffe3c7", "Latin"),
    "shorthand": ("#ffe3c7", "Shorthand"),
    "rejected-word": ("#ffd9e0", "Not our word"),
    "all-caps": ("#eeeeee", "Capitals"),
    "nominalisation": ("#e0f0f0", "Hidden verb"),
    "double-negative": ("#f5e6d3", "Double negative"),
    "long-paragraph": ("#ffffff", "Long paragraph"),
    "placeholder": ("#ffd9e0", "Placeholder"),
}


def to_html(reports: list[DocumentReport]) -> str:
    return "".join(_html_parts(reports))


def write_html(reports: list[DocumentReport], path: Path) -> None:
    """The same page as to_html, written piece by piece (chapter by chapter), so a long
    document's report is never held as one string, nor copied into the page shell."""
    with open(path, "w", encoding="utf-8") as handle:
        for part in _html_parts(reports):
            handle.write(part)


def _html_parts(reports: list[DocumentReport], spilled: Path | None = None):
    marker = "\ue000report sections\ue000"
    legend = "".join(
        f'<li><mark class="r-{rule}">example</mark><span class="tag">{escape(label)}</span> '
        f"{escape(rule_help(reports[0])[rule])}</li>" for rule, (_, label) in HTML_RULES.items())
    css_rules = "".join(
        f".r-{rule}{{background:{colour};}}" for rule, (colour, _) in HTML_RULES.items())
    title = reports[0].title if len(reports) == 1 else "Plain English report"
    body = f"""{marker}
<section aria-labelledby="legend"><h2 id="legend">How to read the highlights</h2>
<p>Each highlight has a colour, an underline (solid for errors, dashed for warnings and
advice) and a text label, so nothing depends on colour alone.</p>
<ul>{legend}</ul></section>"""
    css = f"""
mark {{ color: #0b0c0c; border-bottom: 2px dashed #0b0c0c; padding: 0 .1rem; }}
mark.sev-error {{ border-bottom: 3px solid #0b0c0c; }}
.tag {{ font-size: .8rem; font-weight: bold; border: 1px solid #0b0c0c; border-radius: 3px;
  padding: 0 .25rem; margin-left: .2rem; white-space: nowrap; }}
.pass {{ color: #00703c; font-weight: bold; }} .fail {{ color: #b10e1e; font-weight: bold; }}
.para {{ margin: .8rem 0; }}
ul.findings li {{ margin-bottom: .4rem; }}
{css_rules}"""
    footer = (f'<p class="meta">Made by converter {__version__}. Rules from the GOV.UK style '
              "guide, plainlanguage.gov and retext-simplify.</p>")
    head, tail = page(f"Plain English report: {title}", "Plain English report", body, css=css,
                      skip_to="the report", footer=footer).split(marker)
    yield head
    for report in reports:
        yield from _html_document(report, spilled)
    yield tail


def _html_document(report: DocumentReport, spilled: Path | None = None):
    """The report of one document, in pieces: its summary, then one chapter at a time
    (or, from write_streamed, the chapters' sections already written to `spilled`)."""
    m = report.metrics
    verdict = ('<span class="pass">Passes</span>' if report.passed
               else '<span class="fail">Does not pass</span>')
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in report.reasons)
    suppressed = (f" {report.suppressed} finding(s) suppressed by the writer (comments in the "
                  "source or its .converter.toml file)." if report.suppressed else "")
    chapter_rows = "".join(
        f'<tr><th scope="row"><a href="#ch-{escape(c.id)}">{escape(c.title)}</a></th>'
        f"<td>{c.metrics.reading_age}</td><td>{c.metrics.flesch_kincaid_grade}</td>"
        f"<td>{c.metrics.flesch_reading_ease}</td><td>{c.metrics.words}</td></tr>"
        for c in report.chapters)
    yield f"""<section aria-labelledby="doc-title">
<h2 id="doc-title">{escape(report.title)}</h2>
<p>{verdict}. Source: {escape(report.source)}.{suppressed}</p>
{f'<ul>{reasons}</ul>' if reasons else ''}
<table><caption>Scores for the whole document</caption>
<tr><th scope="row">UK reading age</th><td>{m.reading_age}</td></tr>
<tr><th scope="row">Flesch-Kincaid grade</th><td>{m.flesch_kincaid_grade}</td></tr>
<tr><th scope="row">Flesch Reading Ease</th><td>{m.flesch_reading_ease}</td></tr>
<tr><th scope="row">SMOG</th><td>{m.smog}</td></tr>
<tr><th scope="row">Gunning fog</th><td>{m.gunning_fog}</td></tr>
<tr><th scope="row">Coleman-Liau</th><td>{m.coleman_liau}</td></tr>
<tr><th scope="row">Average sentence length</th><td>{m.avg_sentence_length} words</td></tr>
<tr><th scope="row">Sentences over {report.long_sentence_words} words</th>
<td>{m.long_sentence_share:.0%}</td></tr>
<tr><th scope="row">Passive sentences</th><td>{m.passive_share:.0%}</td></tr>
</table>
<table><caption>Scores by chapter</caption>
<thead><tr><th scope="col">Chapter</th><th scope="col">Reading age</th>
<th scope="col">FK grade</th><th scope="col">Reading Ease</th><th scope="col">Words</th></tr>
</thead><tbody>{chapter_rows}</tbody></table>
<h2>The text, with findings highlighted</h2>
"""
    if spilled is not None:
        with open(spilled, encoding="utf-8") as handle:
            while chunk := handle.read(1 << 20):
                yield chunk
    else:
        for chapter in report.chapters:
            yield _html_chapter(chapter)
    yield "\n</section>"


def _html_chapter(chapter: ChapterReport) -> str:
    paragraphs = []
    for paragraph in chapter.paragraphs:
        body = (escape(paragraph.text) if paragraph.kind == "table"
                else _highlight(paragraph.text, paragraph.findings))
        age = (f'<span class="meta"> (reading age {paragraph.metrics.reading_age})</span>'
               if paragraph.scored else "")
        paragraphs.append(f'<div class="para">{body}{age}'
                          f"{_paragraph_notes(paragraph.findings)}</div>")
    return (f'<section aria-labelledby="ch-{escape(chapter.id)}">'
            f'<h3 id="ch-{escape(chapter.id)}">{escape(chapter.title)}</h3>'
            f'<p class="meta">Reading age {chapter.metrics.reading_age}, '
            f"{chapter.metrics.words} words.</p>{''.join(paragraphs)}</section>")


# In {"documents": [{..., "chapters": [...], "findings": [...]}]} dumped with indent=2, the
# items of the two long lists sit 8 spaces in, their closing brackets 6.
SPILLED, ITEM_INDENT, LIST_INDENT = "\ue001spilled\ue001", " " * 8, " " * 6


def _json_items(handle, items: list[dict[str, Any]]) -> None:
    """Append list items to a spill file as json.dump(indent=2) writes them in the list."""
    for item in items:
        if handle.tell():
            handle.write(",\n")
        handle.write("\n".join(ITEM_INDENT + line for line in
                               json.dumps(item, indent=2, ensure_ascii=False).split("\n")))


def _copy(path: Path, handle) -> None:
    with open(path, encoding="utf-8") as spill:
        while chunk := spill.read(1 << 20):
            handle.write(chunk)


def write_streamed(document: Document, settings: dict[str, Any], style_root: Path,
                   html_path: Path, json_path: Path) -> DocumentReport:
    """Analyse a document and write its HTML and JSON reports, the same bytes as
    write_html and write_json, in bounded memory: each chapter's sections, its JSON and its
    findings' JSON are spilled to files beside the reports as soon as it is analysed (the
    summary, which comes first, is only known at the end). Returns the summary report."""
    spills = [html_path.with_name(f".{html_path.name}.{part}") for part in
              ("chapters.html", "chapters.json", "findings.json")]
    try:
        with (open(spills[0], "w", encoding="utf-8") as html_chapters,
              open(spills[1], "w", encoding="utf-8") as json_chapters,
              open(spills[2], "w", encoding="utf-8") as json_findings):
            def each(chapter: ChapterReport) -> None:
                html_chapters.write(_html_chapter(chapter))
                _json_items(json_chapters, [chapter_dict(chapter)])
                _json_items(json_findings, [finding.to_dict() for paragraph in
                                            chapter.paragraphs for finding in paragraph.findings])

            report = analyse_each(document, settings, style_root, each)
        with open(html_path, "w", encoding="utf-8") as handle:
            for part in _html_parts([report], spilled=spills[0]):
                handle.write(part)
        skeleton = json.dumps({"documents": [{**report.to_dict(), "chapters": [SPILLED],
                                              "findings": [SPILLED]}]},
                              indent=2, ensure_ascii=False)
        head, middle, tail = skeleton.split(f'[\n{ITEM_INDENT}"{SPILLED}"\n{LIST_INDENT}]')
        with open(json_path, "w", encoding="utf-8") as handle:
            for piece, spill in ((head, spills[1]), (middle, spills[2]), (tail, None)):
                handle.write(piece)
                if spill is None:
                    continue
                if not spill.stat().st_size:
                    handle.write("[]")  # as json.dump writes an empty list
                    continue
                handle.write("[\n")
                _copy(spill, handle)
                handle.write(f"\n{LIST_INDENT}]")
    finally:
        for spill in spills:
            spill.unlink(missing_ok=True)
    return report


def _highlight(text: str, findings: list[Finding]) -> str:
    """Mark findings in the text; where spans overlap, the first (longest) wins."""
    spans = []
    for finding in findings:
        start, end = finding.location.get("start", 0), finding.location.get("end", 0)
        if finding.rule == "long-paragraph" or end <= start:
            continue
        spans.append((start, end, finding))
    spans.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    out, cursor = [], 0
    for start, end, finding in spans:
        if start < cursor:
            continue
        label = HTML_RULES.get(finding.rule, ("", finding.rule))[1]
        tip = f"{finding.message} {finding.suggestion or ''}".strip()
        out.append(escape(text[cursor:start]))
        out.append(f'<mark class="r-{finding.rule} sev-{finding.severity}" title="{escape(tip)}">'
                   f"{escape(text[start:end])}</mark><span class=\"tag\">{escape(label)}</span>")
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _paragraph_notes(findings: list[Finding]) -> str:
    if not findings:
        return ""
    items = "".join(
        f"<li><strong>{escape(f.severity)}</strong>: {escape(f.message)}"
        + (f" {escape(f.suggestion)}" if f.suggestion else "") + "</li>" for f in findings)
    return f'<ul class="findings meta">{items}</ul>'


WRITERS = {"json": to_json, "html": to_html, "sarif": to_sarif, "github": to_github}
