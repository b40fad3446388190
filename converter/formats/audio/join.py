"""Join WAV parts with exact silences between them, streaming, and say where each part is."""

from __future__ import annotations

import wave
from pathlib import Path

from converter.formats.audio.engines import SynthesisError

BLOCK = 1 << 16


def join_wavs(parts: list[tuple[Path, int]], target: Path) -> list[tuple[float, float]]:
    """Concatenate WAVs of one format, each followed by `pause` ms of silence.

    Returns each part's (start, end) in seconds in the joined file: exact timings for
    captions, and pauses exactly as long as the style says (SSML breaks inside one engine
    call are sometimes shortened).
    """
    spans: list[tuple[float, float]] = []
    with wave.open(str(parts[0][0])) as first:
        channels, width, rate = first.getnchannels(), first.getsampwidth(), first.getframerate()
    written = 0
    with wave.open(str(target), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        for path, pause_ms in parts:
            with wave.open(str(path)) as part:
                if (part.getnchannels(), part.getsampwidth(), part.getframerate()) != (
                        channels, width, rate):
                    raise SynthesisError(f"{path.name} has a different audio format")
                start = written
                while data := part.readframes(BLOCK):
                    out.writeframes(data)
                    written += len(data) // (channels * width)
            spans.append((start / rate, written / rate))
            silence = int(rate * pause_ms / 1000)
            while silence > 0:
                frames = min(silence, BLOCK)
                out.writeframes(b"\0" * frames * channels * width)
                written += frames
                silence -= frames
    return spans
