"""Mastering with ffmpeg: silence before and after, EBU R128 loudness, 44.1 kHz mono CBR MP3.

Two passes of ffmpeg's loudnorm (measure, then apply with the measured values), since pydub
holds whole files in memory and cannot do true-peak limiting. The first pass also runs
silencedetect, whose pauses give caption timings when they line up with our segments.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from converter.errors import ConverterError, ToolMissingError

LRA = 11  # loudness range target (EBU R128 default)
# MP3 encoding can push true peak up by a few tenths of a dB; aim lower so the file meets
# the ceiling after encoding.
ENCODER_HEADROOM_DB = 0.5


@dataclass(frozen=True)
class Mastered:
    duration: float
    loudness_lufs: float
    true_peak_dbtp: float
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
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ConverterError(f"ffmpeg took longer than {timeout:.0f} s") from None
    if result.returncode != 0:
        raise ConverterError(f"ffmpeg failed: {result.stderr.strip().splitlines()[-1:]}")
    return result.stderr


def _loudnorm_json(stderr: str) -> dict[str, str]:
    match = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", stderr, re.S)
    if not match:
        raise ConverterError("ffmpeg loudnorm printed no measurement")
    return json.loads(match.group(0))


def master(wav: Path, mp3: Path, settings: dict[str, Any], timeout: float = 600) -> Mastered:
    mastering = settings["mastering"]
    target_i = float(mastering["loudness_lufs"])
    target_tp = float(mastering["true_peak_dbtp"]) - ENCODER_HEADROOM_DB
    base = _filters(settings)
    loudnorm = f"loudnorm=I={target_i}:TP={target_tp}:LRA={LRA}"
    first = _run([ffmpeg(), "-nostdin", "-hide_banner", "-i", str(wav), "-af",
                  f"{base},silencedetect=noise=-45dB:d=0.45,{loudnorm}:print_format=json",
                  "-f", "null", "-"], timeout)
    measured = _loudnorm_json(first)
    silences = _silences(first)
    second_filter = (
        f"{base},{loudnorm}:measured_I={measured['input_i']}:measured_TP={measured['input_tp']}"
        f":measured_LRA={measured['input_lra']}:measured_thresh={measured['input_thresh']}"
        f":offset={measured['target_offset']}:linear=true:print_format=json,"
        f"aresample={mastering['sample_rate']}")
    second = _run([ffmpeg(), "-nostdin", "-hide_banner", "-y", "-i", str(wav), "-af",
                   second_filter, "-ar", str(mastering["sample_rate"]), "-ac", "1",
                   "-c:a", "libmp3lame", "-b:a", f"{mastering['bitrate_kbps']}k",
                   "-write_xing", "0", "-id3v2_version", "3", "-map_metadata", "-1",
                   str(mp3)], timeout)
    output = _loudnorm_json(second)
    from mutagen.mp3 import MP3

    duration = MP3(str(mp3)).info.length
    return Mastered(duration, float(output["output_i"]), float(output["output_tp"]), silences)


def _silences(stderr: str) -> list[tuple[float, float]]:
    starts = [float(v) for v in re.findall(r"silence_start: (-?[\d.]+)", stderr)]
    ends = [float(v) for v in re.findall(r"silence_end: ([\d.]+)", stderr)]
    return list(zip(starts, ends, strict=False))


def concat(files: list[Path], target: Path, timeout: float = 600) -> None:
    """Join MP3s of the same format without re-encoding (ffmpeg's concat demuxer)."""
    listing = target.with_suffix(".txt")
    listing.write_text("".join(f"file '{path.resolve().as_posix()}'\n" for path in files),
                       encoding="utf-8")
    try:
        _run([ffmpeg(), "-nostdin", "-hide_banner", "-y", "-f", "concat", "-safe", "0", "-i",
              str(listing), "-c", "copy", "-map_metadata", "-1", "-write_xing", "0",
              "-id3v2_version", "3", str(target)], timeout)
    finally:
        listing.unlink(missing_ok=True)
