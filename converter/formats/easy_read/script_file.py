"""The editable script beside the master: finding it, drafting it, updating stale sections."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from converter.errors import InputError
from converter.formats.easy_read.script import (
    Script,
    ScriptError,
    Section,
    head_lines,
    parse_script,
    section_lines,
    word_bank_lines,
)
from converter.model import Document


def script_path(document: Document, source_dir: Path) -> Path:
    return source_dir / f"{document.id}.easyread.md"


def images_dir(document: Document, source_dir: Path) -> Path:
    return source_dir / f"{document.id}.images"


def load_script(path: Path) -> Script:
    try:
        return parse_script(path.read_text(encoding="utf-8-sig"))
    except ScriptError as error:
        raise InputError(f"{path.name}: {error}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path.name} is not UTF-8 text; save it as UTF-8.") from None


def stale_sections(script: Script, document: Document) -> list[str]:
    """Messages for sections drafted from text that has changed, or chapters with none."""
    chapters = {chapter.id: chapter for chapter in document.chapters}
    notes = []
    covered = set()
    for section in script.sections:
        if not section.chapter:
            continue
        covered.add(section.chapter)
        chapter = chapters.get(section.chapter)
        if chapter is None:
            notes.append(f"section '{section.heading}' was drafted from chapter "
                         f"'{section.chapter}', which is no longer in the master")
        elif chapter.sha256 != section.chapter_sha256:
            notes.append(f"section '{section.heading}' is stale: chapter '{chapter.title}' "
                         "changed since it was drafted")
    for chapter in document.chapters:
        if chapter.id not in covered:
            notes.append(f"chapter '{chapter.title}' has no Easy Read section yet")
    return notes


def update_script(existing: Script, fresh: Script, document: Document) -> tuple[Script, list[str]]:
    """Redraft only sections whose chapter changed; keep every other section as edited."""
    current = {section.chapter: section for section in existing.sections if section.chapter}
    chapters = {chapter.id: chapter for chapter in document.chapters}
    merged = Script(title=existing.title or fresh.title, source=fresh.source)
    changed = []
    for section in fresh.sections:
        old = current.get(section.chapter)
        chapter = chapters[section.chapter]
        if old is not None and old.chapter_sha256 == chapter.sha256:
            merged.sections.append(old)
        else:
            merged.sections.append(section)
            changed.append(section.heading)
    dropped = [s.heading for s in existing.sections if s.chapter and s.chapter not in chapters]
    merged.word_bank = dict(fresh.word_bank)
    merged.word_bank.update({k: v for k, v in existing.word_bank.items() if v})
    used = " ".join(row.text.lower() for row in merged.rows())
    merged.word_bank = {k: v for k, v in merged.word_bank.items() if f"**{k.lower()}**" in used}
    messages = [f"redrafted: {', '.join(changed) or 'nothing (all sections up to date)'}"]
    if dropped:
        messages.append(f"removed sections whose chapter is gone: {', '.join(dropped)}")
    return merged, messages


@dataclass
class LeftOut:
    """The rows left out to fit the page limit, for the build's summary and manifest."""

    ids: list[str] = field(default_factory=list)
    by_section: list[tuple[str, int]] = field(default_factory=list)  # (heading, rows)
    whole: list[str] = field(default_factory=list)  # sections with every row left out

    def add(self, section: Section) -> None:
        ids = [row.id for row in section.rows if row.left_out and not row.subheading]
        if ids:
            self.ids.extend(ids)
            self.by_section.append((section.heading, len(ids)))
            if all(row.left_out for row in section.rows):
                self.whole.append(section.heading)

    @classmethod
    def of(cls, script: Script) -> LeftOut:
        left_out = cls()
        for section in script.sections:
            left_out.add(section)
        return left_out


def write_script(path: Path, script: Script, sections: Iterable[Section]) -> LeftOut:
    """Write the script to `path` as `sections` come (render_script's text, left-out rows
    included), while `script` gathers only the rows a resident sees: a long master's
    left-out rows are never all held. `script.word_bank` must be full once the sections
    are."""
    left_out = LeftOut()
    with path.open("w", encoding="utf-8") as out:
        out.write("\n".join(head_lines(script)))
        for section in sections:
            out.write("\n" + "\n".join(section_lines(section)))
            left_out.add(section)
            script.sections.append(replace(section, rows=[row for row in section.rows
                                                          if not row.left_out]))
        if bank := word_bank_lines(script.word_bank):
            out.write("\n" + "\n".join(bank))
    return left_out
