"""`converter audio script` (what the speech engine is given) and `converter audio verify`
(a speech recogniser listens to every chapter)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from converter.config import Style
from converter.errors import InputError

SAFE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@click.group(name="audio")
def audio() -> None:
    """Check the audio: the text each chapter speaks, and what a listener hears."""


@audio.command(name="script")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--styles", "styles_dir", type=click.Path(path_type=Path), default=None,
              help="Style folder (default: $CONVERTER_STYLES, else ./styles).")
@click.option("--split-level", type=click.IntRange(1, 9), default=None,
              help="Heading level that starts a chapter (default: the top level present).")
def script(source: Path, styles_dir: Path | None, split_level: int | None) -> None:
    """Print, chapter by chapter, exactly the text the speech engine is given for SOURCE,
    so a pronunciation can be fixed (styles/lexicon.pls) before building."""
    from converter.formats.audio.normalise import Normaliser
    from converter.formats.audio.speech import chapter_segments, transcript
    from converter.formats.textparts import note_numbers
    from converter.pipeline.load import load_document

    style = Style(styles_dir)
    document = load_document(source, style, split_level)
    settings = style.settings("audio")
    normaliser = Normaliser.from_style(style)
    notes = note_numbers(document)
    for number, chapter in enumerate(document.chapters, start=1):
        segments = chapter_segments(chapter, number, normaliser, settings, notes)
        click.echo(f"## {chapter.id}\n\n{transcript(segments)}")


@audio.command(name="verify")
@click.argument("doc_id")
@click.option("--output", "output_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder that holds the outputs of every document.")
@click.option("--styles", "styles_dir", type=click.Path(path_type=Path), default=None,
              help="Style folder (default: $CONVERTER_STYLES, else ./styles).")
def verify(doc_id: str, output_dir: Path, styles_dir: Path | None) -> None:
    """Transcribe every chapter of DOC_ID offline, record each chapter's word error rate
    in the manifest and exit 1 naming any chapter over the threshold in styles/audio.toml."""
    sys.exit(verify_document(doc_id, output_dir, Style(styles_dir)))


def verify_document(doc_id: str, output_dir: Path, style: Style) -> int:
    """The check itself (also run by `build --verify`): 0 when every chapter passes."""
    from converter.formats.audio.normalise import Normaliser
    from converter.formats.audio.verify import check_chapter
    from converter.pipeline.facts import update_facts
    from converter.pipeline.manifest import load_manifest
    from converter.pipeline.paths import confined, printable

    if not SAFE_ID.fullmatch(doc_id):
        raise InputError(f"'{doc_id}' is not a document id (letters, digits and hyphens).")
    doc_dir = output_dir / doc_id
    manifest = load_manifest(doc_dir)
    audio = (manifest or {}).get("formats", {}).get("audio")
    if not audio:
        raise InputError(f"no audio for '{doc_id}' in {output_dir}; build it first.")
    threshold = float(style.settings("audio").get("verify", {}).get("max_wer", 0.4))
    normaliser = Normaliser.from_style(style)
    checks = {}
    for chapter in audio["facts"]["chapters"]:
        # Paths read back from the manifest pass the pipeline's one gate (no "..", no links).
        mp3 = confined(doc_dir, chapter.get("file"), "audio facts")
        meant = confined(doc_dir, chapter.get("transcript"), "audio facts")
        if not mp3.is_file() or not meant.is_file():
            raise InputError(f"{chapter['file']} or its transcript is missing; rebuild.")
        check = check_chapter(mp3, meant.read_text(encoding="utf-8"), chapter["title"],
                              normaliser)
        checks[chapter["unit"]] = check
        worst = ", ".join(f"{word} ({count})" for word, count in check.worst[:5]) or "-"
        click.echo(f"{printable(check.file):<44} WER {check.wer:6.1%}  {check.words:>5} words  "
                   f"misheard: {worst}")

    def record(facts: dict) -> None:
        for chapter in facts["chapters"]:
            if chapter["unit"] in checks:
                chapter["wer"] = checks[chapter["unit"]].wer

    update_facts(doc_dir, "audio", record)
    failed = [check for check in checks.values() if check.wer > threshold]
    for check in failed:
        click.echo(f"error: {printable(check.file)} '{printable(check.title)}': word error "
                   f"rate {check.wer:.1%} is over {threshold:.0%} (styles/audio.toml [verify] "
                   "max_wer)", err=True)
    if not failed:
        click.echo(f"All {len(checks)} tracks heard as meant (word error rate at most "
                   f"{threshold:.0%}).")
    return 1 if failed else 0
