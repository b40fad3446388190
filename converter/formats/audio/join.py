"""Join WAV parts with exact silences between them, streaming, and say where each part is."""

from __future__ import annotations

import array
import sys
import wave
from pathlib import Path

from converter.formats.audio.engines import SynthesisError

BLOCK = 1 << 16
# Below -50 dBFS counts as silence; 50 ms of it is kept so no final consonant is clipped.
SILENCE = int(32768 * 10 ** (-50 / 20))
KEEP_SECONDS = 0.05


def _silent_tail(part: wave.Wave_read) -> int:
    """Frames of silence the engine left at the end of a 16-bit part (espeak-ng leaves about
    0.35 s), so the pause after it is the style's, not the style's plus the engine's."""
    if part.getsampwidth() != 2:
        return 0
    rate, channels, total = part.getframerate(), part.getnchannels(), part.getnframes()
    look = min(total, rate)  # the last second is enough
    part.setpos(total - look)
    samples = array.array("h", part.readframes(look))
    if sys.byteorder == "big":
        samples.byteswap()
    part.rewind()
    last = len(samples) - 1
    while last >= 0 and abs(samples[last]) <= SILENCE:
        last -= 1
    silent = (len(samples) - 1 - last) // channels
    return max(0, silent - int(rate * KEEP_SECONDS))


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
                remaining = part.getnframes() - _silent_tail(part)
                while remaining > 0 and (data := part.readframes(min(BLOCK, remaining))):
                    out.writeframes(data)
                    frames = len(data) // (channels * width)
                    written += frames
                    remaining -= frames
            spans.append((start / rate, written / rate))
            silence = int(rate * pause_ms / 1000)
            while silence > 0:
                frames = min(silence, BLOCK)
                out.writeframes(b"\0" * frames * channels * width)
                written += frames
                silence -= frames
    return spans
