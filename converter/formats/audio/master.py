"""Mastering with ffmpeg: silence before and after, EBU R128 loudness, 44.1 kHz mono CBR MP3.

Two passes of ffmpeg (pydub holds whole files in memory and cannot limit true peak): the
first measures EBU R128 loudness and true peak and runs silencedetect, whose pauses give
caption timings when they line up with our segments; the second applies the gain and encodes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from converter.errors import ConverterError, ToolMissingError, ToolOutputError

LRA = 11  # loudness range target (EBU R128 default)
# MP3 encoding can push true peak up by a few tenths of a dB; aim lower so the file meets
# the ceiling after encoding.
ENCODER_HEADROOM_DB = 0.5
# The limiter works on samples at 44.1 kHz; peaks between samples can be a little higher,
# so its ceiling sits below the true-peak target.
LIMITER_MARGIN_DB = 0.5


@dataclass(frozen=True)
class Mastered:
    duration: float
    loudness_lufs: float
    sample_peak_dbfs: float
    silences: list[tuple[float, float]]  # (start, end) of pauses in the mastered timeline


def ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if not path:
        raise ToolMissingError("ffmpeg")
    return path


def _filters(settings: dict[str, Any]) -> str:
    pauses = settings["pauses"]
    lead = int(pauses["lead_in_ms"])
    tail = pauses["tail_ms"] / 1000
    return f"adelay={lead}:all=1,apad=pad_dur={tail:.3f}"


def _run(command: list[str], timeout: float) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ConverterError(f"ffmpeg took longer than {timeout:.0f} s") from None
    if result.returncode != 0:
        raise ConverterError(f"ffmpeg failed: {result.stderr.strip().splitlines()[-1:]}")
    return result.stderr


def measure(path: Path, timeout: float, chain: str = "",
            peak: str = "sample") -> dict[str, Any]:
    """One decode: EBU R128 integrated loudness (ffmpeg's ebur128 filter) and the peak
    ("sample", "true" for 4x oversampled, or "none") after an optional filter chain, plus
    the pauses silencedetect finds."""
    filters = f"{chain}," if chain else ""
    stderr = _run([ffmpeg(), "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-af",
                   f"{filters}silencedetect=noise=-45dB:d=0.45,"
                   f"ebur128=peak={peak}:framelog=verbose", "-f", "null", "-"], timeout)
    summary = stderr[stderr.rfind("Summary:"):]

    def value(pattern: str) -> float:
        match = re.search(pattern, summary, re.S)
        if not match:
            raise ConverterError("ffmpeg ebur128 printed no loudness summary")
        return float(match.group(1))

    heading = {"sample": "Sample peak", "true": "True peak"}.get(peak)
    return {
        "i": value(r"I:\s+(-?[\d.]+|-inf) LUFS"),
        "peak": value(rf"{heading}:\s+Peak:\s+(-?[\d.]+|-inf) dBFS") if heading else None,
        "silences": _silences(stderr),
    }


def master(wav: Path, mp3: Path, settings: dict[str, Any], timeout: float = 600) -> Mastered:
    """Measure, then apply gain (and a peak limiter when needed) while encoding.

    Synthetic speech has a crest factor near 20 dB (espeak-ng: about -20 LUFS with peaks at
    0 dBFS), so reaching -19 LUFS usually needs its peaks limited. ffmpeg's loudnorm does
    that at 192 kHz and costs about three times as long as the encode itself; a look-ahead
    limiter at 44.1 kHz with a sample ceiling below the true-peak ceiling is as safe for
    speech and far cheaper. Limiting lowers loudness a little, so the limited chain is
    measured once and the gain corrected before the one encode.
    """
    mastering = settings["mastering"]
    rate = int(mastering["sample_rate"])
    target_i = float(mastering["loudness_lufs"])
    target_tp = float(mastering["true_peak_dbtp"]) - ENCODER_HEADROOM_DB
    padded = _filters(settings)
    measured = measure(wav, timeout, padded)
    if measured["i"] < -70:  # EBU R128 absolute gate: nothing but silence
        raise ConverterError("the speech is silent")
    gain = target_i - measured["i"]
    limiter = ""
    # A sample peak plus a margin for peaks between samples decides whether to limit.
    if measured["peak"] + gain + LIMITER_MARGIN_DB > target_tp:
        ceiling = 10 ** ((target_tp - LIMITER_MARGIN_DB) / 20)
        limiter = f",alimiter=limit={ceiling:.4f}:attack=5:release=50:level=false"
        limited = measure(wav, timeout, f"{padded},volume={gain:.2f}dB,aresample={rate}{limiter}",
                          peak="none")
        gain += target_i - limited["i"]
        measured["silences"] = limited["silences"]
    level = f"volume={gain:.2f}dB,aresample={rate}{limiter}"
    _run([ffmpeg(), "-nostdin", "-hide_banner", "-nostats", "-y", "-i", str(wav), "-af",
          f"{padded},{level}", "-ar", str(rate), "-ac", "1", "-c:a", "libmp3lame",
          "-b:a", f"{mastering['bitrate_kbps']}k", "-write_xing", "0", "-id3v2_version", "3",
          "-map_metadata", "-1", str(mp3)], timeout)
    duration = _mp3_duration(mp3)
    # What the manifest records is measured on the delivered file (cheaply: no oversampling).
    final = measure(mp3, timeout)
    return Mastered(duration, final["i"], final["peak"], measured["silences"])


def _silences(stderr: str) -> list[tuple[float, float]]:
    starts = [float(v) for v in re.findall(r"silence_start: (-?[\d.]+)", stderr)]
    ends = [float(v) for v in re.findall(r"silence_end: ([\d.]+)", stderr)]
    return list(zip(starts, ends, strict=False))


def concat(files: list[Path], target: Path) -> None:
    """Join MP3s made with the same settings into one, without re-encoding.

    Every chapter is CBR MP3 at one rate, written without a Xing/LAME header, so the file
    after its ID3v2 tag is a plain run of MPEG frames: joining those runs is exactly what
    ffmpeg's concat demuxer with -c copy does, without a process or a 90-minute parse.
    """
    with open(target, "wb") as out:
        for path in files:
            with open(path, "rb") as handle:
                handle.seek(_id3v2_size(handle.read(10)))
                while chunk := handle.read(1 << 20):
                    out.write(chunk)


def _id3v2_size(header: bytes) -> int:
    """Bytes taken by an ID3v2 tag at the start of a file (0 when there is none)."""
    if len(header) < 10 or header[:3] != b"ID3":
        return 0
    size = 0
    for byte in header[6:10]:  # a "synchsafe" integer: 7 bits a byte
        size = (size << 7) | (byte & 0x7F)
    footer = 10 if header[5] & 0x10 else 0
    return 10 + size + footer


def _mp3_duration(mp3: Path) -> float:
    """The length of the MP3 ffmpeg wrote; an empty or unreadable file is a clear error."""
    from mutagen import MutagenError
    from mutagen.mp3 import MP3

    try:
        duration = MP3(str(mp3)).info.length if mp3.stat().st_size else 0.0
    except (MutagenError, OSError, ValueError) as error:
        raise ToolOutputError(f"ffmpeg wrote an unreadable MP3 ({type(error).__name__}); "
                             "check the ffmpeg installation (make setup).") from None
    if duration <= 0:
        raise ToolOutputError("ffmpeg wrote an empty MP3; check the ffmpeg installation "
                             "(make setup).")
    return duration
