"""Analyse a Document: metrics for the document, each chapter and each paragraph, findings,
and a pass or fail against the thresholds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.formats.plain_english import suppress
from converter.formats.plain_english.metrics import Metrics, combine, compute
from converter.formats.plain_english.rules import Finding, RuleSet, Sentence, context, find_passive
from converter.language import Annotations, BlockAnnotations, annotate, annotate_text
from converter.language.sentences import split_sentences
from converter.model import Block, Chapter, Document, Heading, ListItem, Table, flat_cell

# Paragraphs shorter than this get no reading scores of their own: the formulas mean
# nothing for a few words (a heading "Introduction" scored Reading Ease -132.6).
MIN_SCORED_WORDS = 10
SCORED_KINDS = ("paragraph", "quote", "list_item", "note")


@dataclass
class ParagraphReport:
    index: int
    kind: str
    text: str
    line: int | None
    metrics: Metrics
    findings: list[Finding]

    @property
    def scored(self) -> bool:
        """Whether the paragraph's own reading scores mean anything (not a heading, a
        table or a few words)."""
        return self.kind in SCORED_KINDS and self.metrics.words >= MIN_SCORED_WORDS


@dataclass
class ChapterReport:
    id: str
    title: str
    metrics: Metrics
    paragraphs: list[ParagraphReport]


@dataclass
class DocumentReport:
    source: str
    title: str
    metrics: Metrics
    chapters: list[ChapterReport]
    findings: list[Finding]
    passed: bool
    reasons: list[str] = field(default_factory=list)
    long_sentence_words: int = 0  # from plain-english.toml, for the reports' wording
    max_paragraph_sentences: int = 0
    suppressed: int = 0  # findings switched off by the writer (comments, sidecar file)
    finding_count: int = 0  # len(findings), also when they were streamed (analyse_each)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "passed": self.passed,
            "reasons": self.reasons,
            "suppressed": self.suppressed,
            "metrics": self.metrics.to_dict(),
            "chapters": [chapter_dict(chapter) for chapter in self.chapters],
            "findings": [finding.to_dict() for finding in self.findings],
        }


def chapter_dict(chapter: ChapterReport) -> dict[str, Any]:
    """A chapter of the JSON report: its scores and those of its scored paragraphs."""
    return {"id": chapter.id, "title": chapter.title, "metrics": chapter.metrics.to_dict(),
            "paragraphs": [{"index": p.index, "kind": p.kind, "line": p.line,
                            "metrics": p.metrics.to_dict()}
                           for p in chapter.paragraphs if p.scored]}


def block_units(block: Block) -> list[tuple[str, int]]:
    """(sentence text, start offset) pairs. Headings, list items and table cells are
    sentences of their own; paragraphs and quotes are split."""
    if isinstance(block, Heading):
        return [(block.text, 0)]
    if isinstance(block, Table):
        units, offset = [], 0  # offsets in block.text: rows joined by "\n", cells by " | "
        for row in block.rows:
            for cell in map(flat_cell, row):  # as block.text has it
                if cell.strip():
                    units.append((cell, offset))
                offset += len(cell) + 3
            offset += 1 - 3 * bool(row)
        return units
    if block.kind == "image" or getattr(block, "code_lines", ()):
        return []  # computer code is no prose to check
    units = [(sentence.text, sentence.start) for sentence in split_sentences(block.text)]
    if isinstance(block, ListItem) and not units and block.text.strip():
        units = [(block.text, 0)]
    return units


def analyse(document: Document, settings: dict[str, Any], style_root: Path,
            annotations: Annotations | None = None) -> DocumentReport:
    """The report of one document, held whole. `annotations` are the language layer's
    reading of it (made here, once, when the caller has none)."""
    chapters: list[ChapterReport] = []
    report = analyse_each(document, settings, style_root, chapters.append, annotations)
    report.chapters = chapters
    report.findings = [finding for chapter in chapters for paragraph in chapter.paragraphs
                       for finding in paragraph.findings]
    return report


def analyse_each(document: Document, settings: dict[str, Any], style_root: Path,
                 each: Callable[[ChapterReport], None],
                 annotations: Annotations | None = None) -> DocumentReport:
    """Analyse chapter by chapter, in bounded memory: each chapter's full report goes to
    `each`, then is dropped. The report returned has the document's verdict and scores,
    and each chapter's scores with no paragraphs; `findings` is empty (`finding_count`)."""
    rules = RuleSet(settings, style_root)
    if annotations is None:
        annotations = annotate(document, rules.lexicon)
    rules.acronyms = annotations.acronyms
    suppressions = [*suppress.from_directives(document.directives),
                    *suppress.from_sidecar(document.source)]
    chapters: list[ChapterReport] = []
    suppressed = errors = findings = 0
    for source_chapter in document.chapters:
        chapter = _analyse_chapter(source_chapter, rules, settings, annotations)
        for paragraph in chapter.paragraphs:
            kept = [f for f in paragraph.findings if not any(
                s.covers(f.rule, f.text, f.location.get("line")) for s in suppressions)]
            suppressed += len(paragraph.findings) - len(kept)
            paragraph.findings[:] = kept
            findings += len(kept)
            errors += sum(finding.severity == "error" for finding in kept)
        each(chapter)
        chapters.append(ChapterReport(chapter.id, chapter.title, chapter.metrics, []))
    # From the chapters' counts: no second pass over every sentence of the document.
    metrics = combine([chapter.metrics for chapter in chapters])
    passed, reasons = judge(metrics, errors, settings)
    return DocumentReport(document.source, document.title, metrics, chapters, [],
                          passed, reasons, settings["long_sentence"]["warning_words"],
                          settings["long_paragraph"]["max_sentences"], suppressed, findings)


def _analyse_chapter(chapter: Chapter, rules: RuleSet, settings: dict[str, Any],
                     annotations: Annotations) -> ChapterReport:
    paragraphs = []
    max_sentences = settings["long_paragraph"]["max_sentences"]
    long_words = settings["long_sentence"]["warning_words"]
    blocks: list[tuple[str, str, int | None, list[tuple[str, int]], BlockAnnotations]] = []
    for index, block in enumerate(chapter.blocks):
        blocks.append((block.kind, block.text, getattr(block, "line", None), block_units(block),
                       annotations.block(chapter.id, index)))
    expansions = annotations.expansions()
    for note in chapter.notes:
        units = [(s.text, s.start) for s in split_sentences(note.text)]
        blocks.append(("note", note.text, None, units, annotate_text(
            note.text, rules.lexicon, expansions, chapter.id, len(blocks), kind="note")))
    for index, (kind, text, line, units, annotated) in enumerate(blocks):
        findings: list[Finding] = []
        passive = 0
        where: dict[str, Any] = {"chapter": chapter.id, "paragraph": index}
        if line is not None:
            where["line"] = line
        for sentence, start in units:
            findings.extend(rules.check(Sentence(sentence, start, annotated, where)))
            passive += find_passive(sentence) is not None
        if kind in ("paragraph", "note") and len(units) > max_sentences and (
                level := rules.level("long-paragraph")):
            findings.append(Finding(
                "long-paragraph", level,
                f"Paragraph has {len(units)} sentences (GOV.UK: {max_sentences} at most).",
                context(text, None), "Split it into shorter paragraphs.",
                {**where, "start": 0, "end": len(text)}))
        sentences = [sentence for sentence, _ in units]
        paragraphs.append(ParagraphReport(index, kind, text, line,
                                          compute(sentences, passive, long_words), findings))
    return ChapterReport(chapter.id, chapter.title,
                         combine([paragraph.metrics for paragraph in paragraphs]), paragraphs)


def judge(metrics: Metrics, errors: int,
          settings: dict[str, Any]) -> tuple[bool, list[str]]:
    """Pass or fail, with the reasons; `errors` counts the findings of severity error."""
    limits = settings["thresholds"]
    reasons = []
    if metrics.flesch_kincaid_grade > limits["max_fk_grade"]:
        reasons.append(f"Flesch-Kincaid grade {metrics.flesch_kincaid_grade} is over "
                       f"{limits['max_fk_grade']}")
    if metrics.reading_age > limits["max_reading_age"]:
        reasons.append(f"reading age {metrics.reading_age} is over {limits['max_reading_age']}")
    if metrics.flesch_reading_ease < limits["min_reading_ease"]:
        reasons.append(f"Flesch Reading Ease {metrics.flesch_reading_ease} is under "
                       f"{limits['min_reading_ease']}")
    if errors:
        reasons.append(f"{errors} error finding(s)")
    return not reasons, reasons
