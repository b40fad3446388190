"""Validate every WAV an engine returns: it exists, has a valid header, is not silent, and
lasts about as long as its words need."""

from __future__ import annotations

import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

from converter.formats.audio.engines import SynthesisError

# Plausible speaking rates, pauses included: anything outside means lost or swapped audio.
MIN_WPM, MAX_WPM = 50, 400
SILENCE_PEAK = 300  # of 32767: below this the whole file is silence


@dataclass(frozen=True)
class WavInfo:
    duration: float
    sample_rate: int
    channels: int


def check_wav(path: Path, words: int) -> WavInfo:
    if not path.is_file() or path.stat().st_size <= 44:
        raise SynthesisError("the engine wrote no audio")
    try:
        with wave.open(str(path)) as handle:
            frames, rate = handle.getnframes(), handle.getframerate()
            channels, width = handle.getnchannels(), handle.getsampwidth()
            if width != 2:
                raise SynthesisError(f"unexpected sample width {width}")
            peak = _peak(handle, frames)
    except (wave.Error, EOFError) as error:
        raise SynthesisError(f"the engine wrote a damaged WAV ({error})") from None
    if not frames or not rate:
        raise SynthesisError("the engine wrote an empty WAV")
    duration = frames / rate
    if peak < SILENCE_PEAK:
        raise SynthesisError("the engine wrote silence")
    if words >= 5:
        wpm = words / (duration / 60)
        if not MIN_WPM <= wpm <= MAX_WPM:
            raise SynthesisError(f"audio lasts {duration:.1f} s for {words} words "
                                 f"({wpm:.0f} words a minute): text lost or swapped")
    return WavInfo(duration, rate, channels)


def _peak(handle: wave.Wave_read, frames: int) -> int:
    """Largest of every 16th sample, read in blocks: enough to tell speech from silence,
    fast, and in bounded memory."""
    peak = 0
    block = 1 << 16
    read = 0
    while read < frames:
        data = handle.readframes(block)
        if not data:
            break
        samples = array("h", data[: len(data) - len(data) % 2])[::16]
        if samples:
            peak = max(peak, max(samples), -min(samples))
        read += block
    return peak
