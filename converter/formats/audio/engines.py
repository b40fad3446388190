"""Speech engines behind one interface, each run in its own process with a timeout.

- `espeak-ng`: the command-line program, given SSML so pauses are exact. Fast and reliable.
- `hibari`: an optional small neural voice (see HibariEngine), whose weights ship inside
  its package.
- `pyttsx3`: SAPI5 on Windows, NSSS on macOS, espeak on Linux. On Linux its espeak driver
  returns from runAndWait() before the WAV exists, loses or swaps files saved back to back,
  buffers audio with += (quadratic on long text), prints to stdout and always writes
  22,050 Hz. So it runs in a worker process (pyttsx3_worker.py) that speaks short pieces one
  at a time, waits for each file to be complete and valid, and joins them (join.py).
Every WAV an engine returns is validated (wavcheck.py) by the caller.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from html import escape
from pathlib import Path
from typing import Protocol

from converter.errors import ConverterError, ToolMissingError, ToolOutputError


@dataclass(frozen=True)
class Segment:
    """A piece of speech (one sentence, or a short line such as a heading) and the silence
    that follows it. `written` is the same piece as the master writes it (for captions) and
    `block` names the block of the chapter it reads ("3" is chapter.blocks[3], "note-1" the
    first note; "title" and "notes" are lines the converter adds), so timings can be given
    per block."""

    text: str
    pause_ms: int = 0
    written: str = ""
    block: str = ""

    @property
    def fragment(self) -> str:
        """The block as the EPUB names its text fragments ("b3", "n1", "title", "notes")."""
        if self.block.isdigit():
            return f"b{self.block}"
        if self.block.startswith("note-"):
            return f"n{self.block[5:]}"
        return self.block


@dataclass(frozen=True)
class VoiceSettings:
    engine: str
    voice: str
    rate_wpm: int
    pitch: int
    volume: int


class SynthesisError(ConverterError):
    pass


class Engine(Protocol):
    name: str

    def describe(self) -> dict:
        """Engine name, version and voice settings: part of the audio's inputs hash."""

    def synthesise(self, segments: list[Segment], wav: Path, timeout: float) -> None: ...


class EspeakEngine:
    name = "espeak-ng"
    # A call costs about 10 ms to start, so each caption cue can be spoken on its own,
    # which gives exact timings and exact pauses.
    per_cue = True

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings
        self.binary = shutil.which("espeak-ng")
        if not self.binary:
            raise ToolMissingError("espeak-ng")

    def describe(self) -> dict:
        return {**asdict(self.settings), "engine": self.name,
                "version": _program_version(self.binary)}

    def ssml(self, segments: list[Segment]) -> str:
        parts = ["<speak>"]
        for segment in segments:
            parts.append(escape(segment.text, quote=False))
            if segment.pause_ms:
                parts.append(f'<break time="{segment.pause_ms}ms"/>')
        parts.append("</speak>")
        return "\n".join(parts)

    def synthesise(self, segments: list[Segment], wav: Path, timeout: float) -> None:
        with tempfile.NamedTemporaryFile("w", suffix=".ssml", delete=False,
                                         encoding="utf-8") as handle:
            handle.write(self.ssml(segments))
            script = handle.name
        try:
            command = [self.binary, "-m", "-v", self.settings.voice,
                       "-s", str(self.settings.rate_wpm), "-p", str(self.settings.pitch),
                       "-a", str(self.settings.volume), "-w", str(wav), "-f", script]
            result = subprocess.run(command, capture_output=True, timeout=timeout)
            stderr = _utf8("espeak-ng", result.stdout + result.stderr)
            if result.returncode != 0:
                raise SynthesisError(f"espeak-ng failed: {stderr.strip()[:200]}")
        except subprocess.TimeoutExpired:
            raise SynthesisError(f"espeak-ng took longer than {timeout:.0f} s") from None
        finally:
            os.unlink(script)


class Pyttsx3Engine:
    name = "pyttsx3"
    per_cue = False  # a worker process per call costs about 0.3 s: one call a chapter

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings

    def describe(self) -> dict:
        try:
            from importlib.metadata import version

            pyttsx3_version = version("pyttsx3")
        except Exception:  # noqa: BLE001 - metadata may be missing in odd installs
            pyttsx3_version = "unknown"
        return {**asdict(self.settings), "engine": self.name, "version": pyttsx3_version,
                "platform": sys.platform}

    def synthesise(self, segments: list[Segment], wav: Path, timeout: float) -> None:
        job = {"segments": [asdict(segment) for segment in segments], "wav": str(wav),
               "settings": asdict(self.settings), "timeout": timeout}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False,
                                         encoding="utf-8") as handle:
            json.dump(job, handle)
            job_file = handle.name
        try:
            result = subprocess.run(
                [sys.executable, "-m", "converter.formats.audio.pyttsx3_worker", job_file],
                capture_output=True, text=True, errors="replace", timeout=timeout)
            if result.returncode != 0:
                message = (result.stderr.strip().splitlines() or ["no message"])[-1]
                raise SynthesisError(f"pyttsx3 failed: {message[:200]}")
        except subprocess.TimeoutExpired:
            raise SynthesisError(f"pyttsx3 took longer than {timeout:.0f} s") from None
        finally:
            os.unlink(job_file)


class HibariEngine:
    """A small neural voice (hibari-tts, Apache-2.0, distilled from Kokoro-82M), optional
    extra `[neural]`. Only voices inside the package are used (its one bundled voice is
    "heart", American English); its other voices download on first use, so they are
    refused. Runs in this process: onnxruntime is thread-safe and the model is loaded once."""

    name = "hibari"
    per_cue = True  # about 12 ms a sentence once loaded: speak sentence by sentence

    def __init__(self, settings: VoiceSettings) -> None:
        try:
            from hibari.voices import DEFAULT, VOICES
        except ImportError:
            raise ConverterError("engine 'hibari' needs the optional extra: "
                                 "pip install 'converter[neural]'") from None
        voice = settings.voice if settings.voice in VOICES else DEFAULT
        if not VOICES[voice].get("bundled"):
            raise ConverterError(f"hibari voice '{voice}' is not inside the package (it would "
                                 "be downloaded); use voice = \"heart\"")
        self.settings, self.voice = settings, voice

    def describe(self) -> dict:
        from importlib.metadata import version

        return {**asdict(self.settings), "engine": self.name, "voice": self.voice,
                "version": version("hibari-tts")}

    def synthesise(self, segments: list[Segment], wav: Path, timeout: float) -> None:
        import numpy
        from hibari.tts import write_wav

        model = _hibari_model(self.voice)
        rate = model.sample_rate
        speed = max(0.5, min(2.0, self.settings.rate_wpm / 160))  # 1.0 is its own pace
        parts = []
        for segment in segments:
            parts.append(model(segment.text, speed=speed, seed=0))
            parts.append(numpy.zeros(int(rate * segment.pause_ms / 1000), numpy.float32))
        audio = numpy.concatenate(parts) if parts else numpy.zeros(0, numpy.float32)
        write_wav(str(wav), audio, rate)


@functools.cache
def _hibari_model(voice: str):
    from hibari import Hibari

    return Hibari(voice=voice, threads=1)


@functools.cache
def _program_version(binary: str) -> str:
    """Asked once a process: the inputs hash and the build both describe the engine."""
    result = subprocess.run([binary, "--version"], capture_output=True, timeout=30)
    _utf8(Path(binary).name, result.stderr)
    return _utf8(Path(binary).name, result.stdout).strip()


def _utf8(tool: str, printed: bytes) -> str:
    """What a tool printed, as text. espeak-ng prints UTF-8; anything else means a broken or
    wrong program on PATH, and its words in a message or the inputs hash would be garbage."""
    try:
        return printed.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ToolOutputError(
            f"{tool} printed text that is not UTF-8 (byte 0x{printed[error.start]:02x}); "
            f"check the {tool} installation (make setup).") from None


def make_engine(settings: VoiceSettings) -> Engine:
    name = settings.engine
    if name == "auto":
        name = "espeak-ng" if shutil.which("espeak-ng") else "pyttsx3"
    if name == "espeak-ng":
        return EspeakEngine(settings)
    if name == "pyttsx3":
        return Pyttsx3Engine(settings)
    if name == "hibari":
        return HibariEngine(settings)
    raise ConverterError(f"Unknown speech engine '{name}' in styles/audio.toml "
                         "(use auto, espeak-ng, pyttsx3 or hibari).")
