"""Analyse a Document: metrics for the document, each chapter and each paragraph, findings,
and a pass or fail against the thresholds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.formats.plain_english.metrics import Metrics, combine, compute
from converter.formats.plain_english.rules import Finding, RuleSet, context, find_passive
from converter.language.sentences import split_sentences
from converter.model import Block, Chapter, Document, Heading, ListItem, Table


@dataclass
class ParagraphReport:
    index: int
    kind: str
    text: str
    line: int | None
    metrics: Metrics
    findings: list[Finding]


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "passed": self.passed,
            "reasons": self.reasons,
            "metrics": self.metrics.to_dict(),
            "chapters": [
                {"id": chapter.id, "title": chapter.title, "metrics": chapter.metrics.to_dict(),
                 "paragraphs": [
                     {"index": p.index, "kind": p.kind, "line": p.line,
                      "metrics": p.metrics.to_dict()}
                     for p in chapter.paragraphs if p.metrics.words
                 ]}
                for chapter in self.chapters
            ],
            "findings": [finding.to_dict() for finding in self.findings],
        }


def block_units(block: Block) -> list[tuple[str, int]]:
    """(sentence text, start offset) pairs. Headings, list items and table cells are
    sentences of their own; paragraphs and quotes are split."""
    if isinstance(block, Heading):
        return [(block.text, 0)]
    if isinstance(block, Table):
        return [(cell, 0) for row in block.rows for cell in row if cell.strip()]
    if block.kind == "image":
        return []
    units = [(sentence.text, sentence.start) for sentence in split_sentences(block.text)]
    if isinstance(block, ListItem) and not units and block.text.strip():
        units = [(block.text, 0)]
    return units


def analyse(document: Document, settings: dict[str, Any], style_root: Path) -> DocumentReport:
    rules = RuleSet(settings, style_root)
    chapters = [_analyse_chapter(chapter, rules, settings) for chapter in document.chapters]
    findings: list[Finding] = []
    for chapter in chapters:
        for paragraph in chapter.paragraphs:
            findings.extend(paragraph.findings)
    # From the chapters' counts: no second pass over every sentence of the document.
    metrics = combine([chapter.metrics for chapter in chapters])
    passed, reasons = judge(metrics, findings, settings)
    return DocumentReport(document.source, document.title, metrics, chapters, findings,
                          passed, reasons, settings["long_sentence"]["warning_words"],
                          settings["long_paragraph"]["max_sentences"])


def _analyse_chapter(chapter: Chapter, rules: RuleSet, settings: dict[str, Any]) -> ChapterReport:
    paragraphs = []
    max_sentences = settings["long_paragraph"]["max_sentences"]
    long_words = settings["long_sentence"]["warning_words"]
    blocks: list[tuple[str, str, int | None, list[tuple[str, int]]]] = []
    for block in chapter.blocks:
        blocks.append((block.kind, block.text, getattr(block, "line", None), block_units(block)))
    for note in chapter.notes:
        units = [(s.text, s.start) for s in split_sentences(note.text)]
        blocks.append(("note", note.text, None, units))
    for index, (kind, text, line, units) in enumerate(blocks):
        findings: list[Finding] = []
        passive = 0
        for sentence, start in units:
            location = {"chapter": chapter.id, "paragraph": index, "start": start,
                        "end": start + len(sentence)}
            if line is not None:
                location["line"] = line
            findings.extend(rules.check_sentence(sentence, location))
            passive += find_passive(sentence) is not None
        if kind in ("paragraph", "quote", "note") and len(units) > max_sentences and (
                level := rules.level("long-paragraph")):
            location = {"chapter": chapter.id, "paragraph": index, "start": 0, "end": len(text)}
            if line is not None:
                location["line"] = line
            findings.append(Finding(
                "long-paragraph", level,
                f"Paragraph has {len(units)} sentences (GOV.UK: {max_sentences} at most).",
                context(text, None), "Split it into shorter paragraphs.", location))
        sentences = [sentence for sentence, _ in units]
        paragraphs.append(ParagraphReport(index, kind, text, line,
                                          compute(sentences, passive, long_words), findings))
    return ChapterReport(chapter.id, chapter.title,
                         combine([paragraph.metrics for paragraph in paragraphs]), paragraphs)


def judge(metrics: Metrics, findings: list[Finding],
          settings: dict[str, Any]) -> tuple[bool, list[str]]:
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
    errors = [finding for finding in findings if finding.severity == "error"]
    if errors:
        reasons.append(f"{len(errors)} error finding(s)")
    return not reasons, reasons
