"""Join WAV parts with exact silences between them, streaming, and say where each part is."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

from converter.formats.audio.engines import SynthesisError

BLOCK = 1 << 16
# Engines end each call with silence of their own (espeak-ng: about 0.35 s). It is cut to
# this, so the pauses between parts are the style's, not the style's plus the engine's.
KEEP_TAIL_S = 0.04
QUIET = 300  # 16-bit sample level below which a sample counts as silence (about -41 dBFS)


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
                data = _without_silent_tail(part.readframes(part.getnframes()), width,
                                            channels, rate)
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


def _without_silent_tail(data: bytes, width: int, channels: int, rate: int) -> bytes:
    """The part's audio with its trailing silence cut to KEEP_TAIL_S (16-bit audio only;
    a part is one sentence, so it is small enough to hold)."""
    if width != 2:
        return data
    samples = array("h", data[:len(data) - len(data) % 2])
    end = len(samples)
    while end > 0 and abs(samples[end - 1]) < QUIET:
        end -= 1
    keep = min(len(samples), end + int(KEEP_TAIL_S * rate) * channels)
    keep -= keep % channels
    return samples[:keep].tobytes()
