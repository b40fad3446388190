"""Review before residents get it: which sections of the script a person has approved, and
what still needs a person before anyone may approve.

A section's approval records who approved it, when, and the hash of the section's content
as approved; its chapter note already records the master chapter's hash. The section needs
review again when the master chapter changes or when the section is edited after approval.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from converter.formats.easy_read.script import Approval, Script, bank_forms, is_explained
from converter.model import Document

BOLD = re.compile(r"\*\*(.+?)\*\*")
DRAFT_BAND = "DRAFT: not yet approved. Do not send this to residents."


def review_reasons(script: Script | None, document: Document) -> list[str]:
    """Why this Easy Read is not approved; empty when every section is approved as it is."""
    if script is None:
        return ["the Easy Read is an automatic draft: run 'converter easy-read draft', "
                "check the script, then 'converter easy-read approve'"]
    chapters = {chapter.id: chapter for chapter in document.chapters}
    reasons = []
    covered = set()
    for section in script.sections:
        covered.add(section.chapter)
        chapter = chapters.get(section.chapter)
        if section.chapter and chapter is None:
            reasons.append(f"section '{section.heading}': its chapter is no longer in the master")
        elif chapter is not None and chapter.sha256 != section.chapter_sha256:
            reasons.append(f"section '{section.heading}': the master chapter '{chapter.title}' "
                           "changed since it was drafted or approved")
        elif section.approval is None:
            reasons.append(f"section '{section.heading}' is not approved")
        elif section.approval.script_sha256 != section.content_sha256():
            reasons.append(f"section '{section.heading}' was edited after "
                           f"{section.approval.by} approved it")
    for chapter in document.chapters:
        if chapter.id not in covered:
            reasons.append(f"chapter '{chapter.title}' has no Easy Read section")
    return reasons


def needs_a_person(script: Script, document: Document) -> list[str]:
    """What stops approval: rows marked for a writer, bold words with no explanation, and
    sections whose master chapter changed (redraft them first)."""
    problems = []
    for section in script.sections:
        for row in section.rows:
            if row.writer and not row.left_out:
                problems.append(f"row {row.id} is marked for a writer ({row.writer}): "
                                f"{row.plain_text[:80]}")
    bank = {word.lower(): text for word, text in script.word_bank.items()}
    bolded = sorted({match.lower() for row in script.rows() for match in BOLD.findall(row.text)})
    for word in bolded:
        if not any(is_explained(bank.get(form, "")) for form in bank_forms(word)):
            problems.append(f"the word '{word}' has no explanation under 'Hard words'")
    for reason in review_reasons(script, document):
        if "changed since" in reason or "no longer in" in reason or "has no Easy" in reason:
            problems.append(f"{reason} (run 'converter easy-read draft --update')")
    return problems


def approve(script: Script, by: str, now: datetime | None = None) -> Script:
    """Every section approved by `by` now, as it stands."""
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    sections = [replace(section, approval=Approval(by, stamp, section.content_sha256()))
                for section in script.sections]
    return replace(script, sections=sections)
