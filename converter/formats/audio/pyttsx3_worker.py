"""Worker process for the pyttsx3 engine: python -m converter.formats.audio.pyttsx3_worker JOB.

Runs apart from the build so pyttsx3's stdout chatter, hangs and crashes stay contained.
Works around its Linux faults: speaks one short piece per save_to_file/runAndWait (no
back-to-back saves, no quadratic buffering on long text), waits until each WAV is complete
and valid before the next, then streams the pieces and the requested pauses into one WAV
(join.py; joining in memory, as pydub's `+=` does, is quadratic and holds the whole chapter).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
import wave
from pathlib import Path

MAX_PIECE_WORDS = 120  # short pieces keep pyttsx3's += buffering linear in practice


def pieces(segments: list[dict]) -> list[tuple[str, int]]:
    """Split long segments at sentence ends so no piece is over MAX_PIECE_WORDS words."""
    result = []
    for segment in segments:
        words = segment["text"].split()
        if len(words) <= MAX_PIECE_WORDS:
            result.append((segment["text"], segment["pause_ms"]))
            continue
        current: list[str] = []
        for word in words:
            current.append(word)
            if len(current) >= MAX_PIECE_WORDS * 0.6 and word.endswith((".", "?", "!", ";")) \
                    or len(current) >= MAX_PIECE_WORDS:
                result.append((" ".join(current), 0))
                current = []
        if current:
            result.append((" ".join(current), 0))
        result[-1] = (result[-1][0], segment["pause_ms"])
    return result


def wait_for_wav(path: Path, timeout: float) -> None:
    """runAndWait() can return before the file exists: wait until it is whole and stable."""
    deadline = time.monotonic() + timeout
    last_size = -1
    while time.monotonic() < deadline:
        if path.exists():
            size = path.stat().st_size
            if size == last_size and size > 44:
                try:
                    with wave.open(str(path)) as handle:
                        if handle.getnframes() > 0:
                            return
                except (wave.Error, EOFError):
                    pass
            last_size = size
        time.sleep(0.05)
    raise RuntimeError(f"pyttsx3 did not finish writing {path.name}")


SAVE_ATTEMPTS = 3  # pyttsx3 on Linux now and then never writes a file it was asked for


def say_to_file(engine, text: str, piece: Path, timeout: float) -> None:
    """One piece saved and whole; asked again when pyttsx3 loses the file (seen on a busy
    machine), within the chapter's time limit."""
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        piece.unlink(missing_ok=True)
        engine.save_to_file(text, str(piece))
        engine.runAndWait()
        try:
            wait_for_wav(piece, timeout / SAVE_ATTEMPTS)
            return
        except RuntimeError:
            if attempt == SAVE_ATTEMPTS:
                raise


def choose_voice(engine, wanted: str) -> None:
    wanted = wanted.lower()
    for voice in engine.getProperty("voices"):
        haystack = " ".join([voice.id, voice.name or "", *map(str, voice.languages or [])]).lower()
        if wanted in haystack:
            engine.setProperty("voice", voice.id)
            return


def run(job: dict) -> None:
    import pyttsx3

    from converter.formats.audio.join import join_wavs

    settings = job["settings"]
    with contextlib.redirect_stdout(sys.stderr):  # pyttsx3 prints "Audio saved to ..."
        engine = pyttsx3.init()
        choose_voice(engine, settings["voice"])
        engine.setProperty("rate", settings["rate_wpm"])
        engine.setProperty("volume", max(0.0, min(1.0, settings["volume"] / 100)))
        target = Path(job["wav"])
        temporary = target.with_suffix(".part.wav")
        with tempfile.TemporaryDirectory() as folder:
            parts = []
            for index, (text, pause) in enumerate(pieces(job["segments"])):
                piece = Path(folder) / f"piece-{index:05d}.wav"
                say_to_file(engine, text, piece, min(120.0, job["timeout"]))
                parts.append((piece, pause))
            if not parts:
                raise RuntimeError("nothing to say in this chapter")
            join_wavs(parts, temporary)
        os.replace(temporary, target)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        run(json.load(handle))
