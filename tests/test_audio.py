"""Audio: the UK speech normaliser, the engines, and the real mastered files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import wave
from array import array
from pathlib import Path

import pytest
from conftest import ROOT, STYLES, load_manifest

from converter.config import Style
from converter.errors import ConverterError
from converter.formats.audio.engines import EspeakEngine, Pyttsx3Engine, Segment, VoiceSettings
from converter.formats.audio.nemo_eval import score
from converter.formats.audio.normalise import Lexicon, Normaliser
from converter.formats.audio.wavcheck import check_wav

needs_tools = pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
                                 reason="espeak-ng and ffmpeg are needed (make setup)")


@pytest.fixture(scope="module")
def normalise() -> Normaliser:
    return Normaliser(Lexicon.load(STYLES / "lexicon.pls"))


# -- text for speech ---------------------------------------------------------------------------


@pytest.mark.parametrize("written,spoken", [
    ("Call 0345 303 6760 today.",
     "Call oh three four five, three oh three, six seven six oh today."),
    ("Text 07700 900123.", "Text oh seven seven oh oh, nine oh oh one two three."),
    ("It cost £5m.", "It cost five million pounds."),
    ("Tea is £1.20 or 50p.", "Tea is one pound twenty or fifty pence."),
    ("Pay £250,000 now.", "Pay two hundred and fifty thousand pounds now."),
    ("On 3 March 2024 we met.", "On the third of March twenty twenty four we met."),
    ("The plan runs 2022-24.", "The plan runs twenty twenty two to twenty four."),
    ("It is her 21st year.", "It is her twenty first year."),
    ("Open 9am-5pm.", "Open nine a m to five p m."),
    ("We close at 5 p.m. Please call.", "We close at five p m. Please call."),
    ("Up 12.5% on 2023.", "Up twelve point five per cent on twenty twenty three."),
    ("The WMCA and the NHS met the IHRA.", "The W M C A and the N H S met the I H R A."),
    ("NATO and COVID are words.", "NATO and COVID are words."),
    ("Bring ID, e.g. a passport.", "Bring I D, for example a passport."),
    ("Dr Patel lives on High St.", "Doctor Patel lives on High Street."),
    ("We met at St Mary's.", "We met at Saint Mary's."),
    ("Jobs & skills", "Jobs and skills"),
    ("Email equality@northvale.gov.uk", "Email equality at northvale dot gov dot U K"),
    ("See www.northvale.gov.uk/equality", "See w w w dot northvale dot gov dot U K slash equality"),
    ("Monday-Friday", "Monday to Friday"),
    ("Ages 16-24", "Ages sixteen to twenty four"),
    ("In the 1980s", "In the nineteen eighties"),
    ("1,240 people", "one thousand two hundred and forty people"),
    ("Wait 3/4 of an hour", "Wait three quarters of an hour"),
])
def test_normaliser_uk_readings(normalise, written, spoken):
    assert normalise(written) == spoken


def test_nemo_categories(corpus, normalise):
    """Scored per category against NeMo's English cases, British forms allowed."""
    results = score(normalise, corpus / "nemo-tn-en")
    for category, (right, total) in results.items():
        assert total, category
        assert right / total >= 0.90, (category, right, total)


@pytest.mark.parametrize("written,spoken", [
    # amounts with m/bn/k, and metres where the words around say a length
    ("We had 6m visitors.", "We had six million visitors."),
    ("It grew 1.4m last year.", "It grew one point four million last year."),
    ("We move 4.3bn tonnes.", "We move four point three billion tonnes."),
    ("It cost £6m.", "It cost six million pounds."),
    ("A £20k grant.", "A twenty thousand pounds grant."),
    ("The wall is 2m high.", "The wall is two metres high."),
    ("Build a 2m wall.", "Build a two-metre wall."),
    ("Keep 2m apart.", "Keep two metres apart."),
    # postcodes, phones, Relay UK, freephone
    ("Write to NV1 4QT.", "Write to N V one, four Q T."),
    ("Post to B1 1BB now.", "Post to B one, one B B now."),
    ("Relay UK: 18001 0345 303 6760.",
     "Relay U K: one eight oh oh one, oh three four five, three oh three, six seven six oh."),
    ("Call 0800 123 4567.", "Call oh eight oh oh, one two three, four five six seven."),
    ("Call 03001234567.", "Call oh three oh oh, one two three, four five six seven."),
    ("Call 020 7946 0000.", "Call oh two oh, seven nine four six, oh oh oh oh."),
    # web and email addresses
    ("See https://www.northvale.gov.uk/equality.",
     "See w w w dot northvale dot gov dot U K slash equality."),
    ("See https://data.northvale.gov.uk/Open%20Data/2024/reports/annual-report.pdf now.",
     "See the annual report document on data dot northvale dot gov dot U K now."),
    ("Read northvale.gov.uk/Open%20Data.", "Read northvale dot gov dot U K slash Open Data."),
    ("Email equality@northvale.gov.uk.", "Email equality at northvale dot gov dot U K."),
    ("Email first.last-name@northvale.gov.uk.",
     "Email first dot last dash name at northvale dot gov dot U K."),
    # Latin abbreviations in every spelling
    ("Bring ID, eg: a passport.", "Bring I D, for example a passport."),
    ("Bring ID, eg a passport.", "Bring I D, for example a passport."),
    ("Bring ID, e.g. a passport.", "Bring I D, for example a passport."),
    ("Bring ID, i.e. a passport.", "Bring I D, that is a passport."),
    # units as adjectives, "by" between measures
    ("Carry an 18kg backpack.", "Carry an eighteen-kilogram backpack."),
    ("It weighs 18kg.", "It weighs eighteen kilograms."),
    ("A 4ft x 5ft sign.", "A four feet by five feet sign."),
    ("Rooms of 3m x 4m.", "Rooms of three metres by four metres."),
    ("It is 5km away.", "It is five kilometres away."),
    ("Drive at 20mph.", "Drive at twenty miles per hour."),
    # ranges, fractions, ordinals, times
    ("It takes 2-3 weeks.", "It takes two to three weeks."),
    ("Loads of 2-5kg.", "Loads of two to five kilograms."),
    ("From the 1960s-80s.", "From the nineteen sixties to eighties."),
    ("About 2 1/2 hours.", "About two and a half hours."),
    ("Two thirds, 2/3, agreed.", "Two thirds, two thirds, agreed."),
    ("It was the 103rd.", "It was the one hundred and third."),
    ("At 14:30.", "At fourteen thirty."),
    ("Lasting 1:05:30.", "Lasting one hour five minutes and thirty seconds."),
    ("Open 9.30am-4pm.", "Open nine thirty a m to four p m."),
    # reference numbers, decimals without a leading zero
    ("Case 12345678.", "Case one two three four five six seven eight."),
    ("Up .5 points.", "Up point five points."),
])
def test_speech_ready_uk_forms(normalise, written, spoken):
    assert normalise(written) == spoken


# -- engines and WAV checks -------------------------------------------------------------------


def write_wav(path: Path, samples: list[int], rate: int = 22050) -> Path:
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(array("h", samples).tobytes())
    return path


def test_wav_checks_reject_bad_audio(tmp_path):
    with pytest.raises(ConverterError, match="no audio"):
        check_wav(tmp_path / "missing.wav", 10)
    garbage = tmp_path / "garbage.wav"
    garbage.write_bytes(b"RIFF" + b"\x00" * 100)
    with pytest.raises(ConverterError, match="damaged"):
        check_wav(garbage, 10)
    with pytest.raises(ConverterError, match="silence"):
        check_wav(write_wav(tmp_path / "silent.wav", [0] * 22050 * 3), 5)
    tone = [int(8000 * ((i // 20) % 2 * 2 - 1)) for i in range(22050)]  # one second
    with pytest.raises(ConverterError, match="words a minute"):
        check_wav(write_wav(tmp_path / "short.wav", tone), 100)
    assert check_wav(write_wav(tmp_path / "ok.wav", tone * 3), 8).duration == pytest.approx(3.0)


SETTINGS = VoiceSettings("auto", "en-gb", 160, 45, 100)
SHORT = [Segment("This is a short chapter about parks.", 400)]
LONG = [Segment("This is a much longer chapter. " * 3 + "It talks about buses, trams, "
                "trains and the people who use them every day of the week.", 600),
        Segment("It has a second paragraph as well, with more words to read aloud.", 0)]


@needs_tools
def test_espeak_engine(tmp_path):
    engine = EspeakEngine(SETTINGS)
    wav = tmp_path / "out.wav"
    engine.synthesise(LONG, wav, timeout=60)
    info = check_wav(wav, sum(len(s.text.split()) for s in LONG))
    assert info.duration > 5
    assert engine.describe()["version"].lower().startswith("espeak ng"), "the real version"


def test_pyttsx3_engine_for_real(tmp_path):
    """pyttsx3 on this platform (espeak driver on Linux): files whole, in order, not swapped."""
    try:
        import pyttsx3

        pyttsx3.init()
    except Exception as error:  # noqa: BLE001 - no driver on this machine
        pytest.skip(f"pyttsx3 cannot start here: {error}")
    engine = Pyttsx3Engine(SETTINGS)
    short, long = tmp_path / "short.wav", tmp_path / "long.wav"
    engine.synthesise(SHORT, short, timeout=120)
    engine.synthesise(LONG, long, timeout=120)
    short_info = check_wav(short, 7)
    long_info = check_wav(long, sum(len(s.text.split()) for s in LONG))
    assert long_info.duration > short_info.duration * 3, "chapters were not lost or swapped"


def test_pyttsx3_worker_splits_long_text():
    from converter.formats.audio.pyttsx3_worker import MAX_PIECE_WORDS, pieces

    text = " ".join(f"Sentence {i} has a few words." for i in range(200))
    parts = pieces([{"text": text, "pause_ms": 700}])
    assert len(parts) > 5
    assert all(len(part.split()) <= MAX_PIECE_WORDS for part, _ in parts)
    assert parts[-1][1] == 700 and all(pause == 0 for _, pause in parts[:-1])
    assert " ".join(part for part, _ in parts) == text


class FlakyEngine:
    """Fails the first call for each chapter, then speaks with espeak-ng."""

    name = "flaky"

    def __init__(self, fail_always: bool = False) -> None:
        self.inner = EspeakEngine(VoiceSettings("espeak-ng", "en-gb", 160, 45, 100))
        self.calls: dict[str, int] = {}
        self.fail_always = fail_always

    def describe(self) -> dict:
        return {"engine": "flaky", "voice": "en-gb", "rate_wpm": 160}

    def synthesise(self, segments, wav, timeout) -> None:
        from converter.formats.audio.engines import SynthesisError

        key = segments[0].text
        self.calls[key] = self.calls.get(key, 0) + 1
        if self.fail_always or self.calls[key] == 1:
            raise SynthesisError("engine crashed")
        self.inner.synthesise(segments, wav, timeout)


def small_policy(folder: Path) -> Path:
    source = folder / "short-policy.md"
    source.write_text(
        "# Short Policy\n\n## Parks\n\nWe clean the parks every day. Call 0345 303 6760.\n\n"
        "## Buses\n\nThe West Midlands Combined Authority (WMCA) runs the buses.\n\n"
        "## Libraries\n\nLibraries open at 9am.\n", encoding="utf-8")
    return source


@needs_tools
def test_failed_chapter_is_retried_once_then_named(tmp_path, monkeypatch):
    from converter.pipeline.build import BuildOptions, build_source

    source = small_policy(tmp_path)
    flaky = FlakyEngine()
    monkeypatch.setattr("converter.formats.audio.engines.make_engine", lambda s: flaky)
    options = BuildOptions(output_dir=tmp_path / "out", formats=["audio"],
                           style=Style(ROOT / "styles"), jobs=2)
    report = build_source(source, options)
    assert report.built == ["audio"]
    assert all(count == 2 for count in flaky.calls.values())

    monkeypatch.setattr("converter.formats.audio.engines.make_engine",
                        lambda s: FlakyEngine(fail_always=True))
    options.force = True
    with pytest.raises(ConverterError, match="failed twice") as caught:
        build_source(source, options)
    assert re.search(r"'(Parks|Buses|Libraries|About this recording)'", str(caught.value))


# -- the real files ----------------------------------------------------------------------------


def probe(path: Path) -> dict:
    result = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format",
                             "-of", "json", str(path)], capture_output=True, text=True)
    return json.loads(result.stdout)


def loudness(path: Path) -> tuple[float, float]:
    stderr = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-i", str(path), "-af",
                             "ebur128=peak=true", "-f", "null", "-"],
                            capture_output=True, text=True).stderr
    summary = stderr[stderr.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    return integrated, peak


def silences(path: Path) -> list[tuple[float, float]]:
    stderr = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-i", str(path), "-af",
                             "silencedetect=noise=-50dB:d=0.3", "-f", "null", "-"],
                            capture_output=True, text=True).stderr
    starts = [float(v) for v in re.findall(r"silence_start: (-?[\d.]+)", stderr)]
    ends = [float(v) for v in re.findall(r"silence_end: ([\d.]+)", stderr)]
    return list(zip(starts, ends + [None] * (len(starts) - len(ends)), strict=True))


def test_sample_audio_files(sample_build):
    from mutagen.id3 import ID3
    from mutagen.mp3 import MP3

    manifest = load_manifest(sample_build)
    entry = manifest["formats"]["audio"]
    chapters = [f for f in entry["files"] if f["role"] == "chapter-audio"]
    assert len(chapters) == len(manifest["document"]["chapters"])
    total = len(chapters) + 1
    for item in [f for f in entry["files"] if f["role"] in ("chapter-audio",
                                                            "announcement-audio")]:
        path = sample_build / item["path"]
        stream = probe(path)["streams"][0]
        assert stream["codec_name"] == "mp3"
        assert stream["sample_rate"] == "44100" and stream["channels"] == 1
        assert stream["bit_rate"] == "64000"
        tags = ID3(str(path))
        assert tags.version[:2] == (2, 3)
        assert str(tags["TIT2"]) == item["chapter_title"]
        assert str(tags["TALB"]) == manifest["document"]["title"]
        assert str(tags["TPE1"]) and str(tags["TLAN"]) == "eng"
        assert re.fullmatch(rf"\d+/{total}", str(tags["TRCK"]))
        assert str(tags.get("TDRC") or tags.get("TYER"))
        integrated, peak = loudness(path)
        assert -20.0 <= integrated <= -18.0, (path.name, integrated)
        assert peak <= -1.5, (path.name, peak)
        quiet = silences(path)
        assert quiet[0][0] <= 0.01 and 0.5 <= quiet[0][1] <= 1.0, (path.name, quiet[0])
        duration = MP3(str(path)).info.length
        tail_start = quiet[-1][0]
        assert 1.0 <= duration - tail_start <= 3.0, (path.name, duration - tail_start)
        if item["role"] == "chapter-audio":
            transcript = sample_build / "audio" / "transcripts" / (path.stem + ".txt")
            spoken_words = len(transcript.read_text("utf-8").split())
            rate = spoken_words / (duration / 60)
            assert 130 <= rate <= 190, (path.name, rate)


def test_sample_transcripts_and_collections(sample_build):
    from mutagen.id3 import ID3

    audio = sample_build / "audio"
    contact = (audio / "transcripts" / "11-contact-us.txt").read_text("utf-8")
    assert "oh three four five, three oh three, six seven six oh" in contact
    duties = (audio / "transcripts" / "02-our-legal-duties.txt").read_text("utf-8")
    assert "I H R A" in duties, "acronyms are spelled out"
    assert "public sector equality duty" in duties.lower(), "the lexicon's reading is used"
    assert "(public sector equality duty)" not in duties.lower(), "no name read twice"
    assert "Notes for this chapter" in duties, "footnotes read at the end of the chapter"
    announcement = (audio / "transcripts" / "00-announcement.txt").read_text("utf-8")
    assert "audio version of" in announcement and "minutes" in announcement
    playlist = (audio / "equality-inclusion-scheme.m3u8").read_text("utf-8").splitlines()
    files = [line for line in playlist if line.endswith(".mp3")]
    assert files == sorted(files) and files[0] == "00-announcement.mp3"
    assert len(files) == 12 and "There are twelve tracks" in announcement, "as many as it says"
    full = ID3(str(audio / "equality-inclusion-scheme-full.mp3"))
    assert len(full.getall("CHAP")) == len(files)
    facts = load_manifest(sample_build)["formats"]["audio"]["facts"]
    assert facts["engine"] == "espeak-ng" and facts["voice"] == "en-gb"
    chapter = facts["chapters"][1]
    assert {"title", "file", "duration_seconds", "words", "transcript", "sha256",
            "loudness_lufs"} <= set(chapter)


@needs_tools
def test_unchanged_chapters_are_not_synthesised_again(tmp_path, cli):
    source = small_policy(tmp_path)
    output = tmp_path / "out"
    assert cli("build", source, "--output", output, "--formats", "audio", "-q").returncode == 0
    audio = output / "short-policy" / "audio"
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in audio.glob("0*.mp3")}
    source.write_text(source.read_text("utf-8").replace("runs the buses", "runs the trams"),
                      encoding="utf-8")
    assert cli("build", source, "--output", output, "--formats", "audio", "-q").returncode == 0
    facts = load_manifest(output / "short-policy")["formats"]["audio"]["facts"]
    assert facts["synthesised"] == ["chapter:buses"]
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in audio.glob("0*.mp3")}
    assert after["01-parks.mp3"] == before["01-parks.mp3"]
    assert after["03-libraries.mp3"] == before["03-libraries.mp3"]
    assert after["02-buses.mp3"] != before["02-buses.mp3"]


@needs_tools
def test_full_audio_build_with_pyttsx3(tmp_path, cli):
    """The whole pipeline with pyttsx3 (espeak driver on Linux, 22,050 Hz WAVs)."""
    try:
        import pyttsx3

        pyttsx3.init()
    except Exception as error:  # noqa: BLE001 - no driver on this machine
        pytest.skip(f"pyttsx3 cannot start here: {error}")
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    audio = styles / "audio.toml"
    audio.write_text(audio.read_text("utf-8").replace('name = "auto"', 'name = "pyttsx3"'),
                     encoding="utf-8")
    source = small_policy(tmp_path)
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "audio", "-q",
                 env={"CONVERTER_STYLES": str(styles)})
    assert result.returncode == 0, result.stderr
    doc_dir = tmp_path / "out" / "short-policy"
    facts = load_manifest(doc_dir)["formats"]["audio"]["facts"]
    assert facts["engine"] == "pyttsx3"
    for chapter in (doc_dir / "audio").glob("0[1-9]-*.mp3"):
        stream = probe(chapter)["streams"][0]
        assert stream["sample_rate"] == "44100"
        integrated, peak = loudness(chapter)
        assert -20.0 <= integrated <= -18.0 and peak <= -1.5


def _cue_times(line: str) -> tuple[float, ...]:
    return tuple(sum(float(x) * 60 ** i for i, x in enumerate(reversed(t.split(":"))))
                 for t in line.split(" --> "))


@pytest.mark.slow
def test_every_espeak_track_has_readable_captions(sample_build):
    """Cues of at most 2 lines of at most 42 characters, at most 7 s, in the written form,
    in order, after the lead-in and inside the track."""
    from mutagen.mp3 import MP3

    audio = sample_build / "audio"
    tracks = sorted(audio.glob("[0-9][0-9]-*.mp3"))
    captions = sorted((audio / "captions").glob("*.vtt"))
    assert [c.stem for c in captions] == [t.stem for t in tracks]
    for track, caption in zip(tracks, captions, strict=True):
        text = caption.read_text("utf-8")
        assert text.startswith("WEBVTT")
        cues = [block.splitlines() for block in text.strip().split("\n\n")[1:]]
        times = [_cue_times(cue[1]) for cue in cues]
        assert times and times[0][0] == pytest.approx(0.75, abs=0.01)  # after the lead-in
        assert all(start < end <= start + 7.0 for start, end in times), caption.name
        assert all(a[1] <= b[0] for a, b in zip(times, times[1:], strict=False))
        assert times[-1][1] <= MP3(str(track)).info.length
        for cue in cues:
            assert 1 <= len(cue[2:]) <= 2 and all(len(line) <= 42 for line in cue[2:]), cue
    duties = (audio / "captions" / "02-our-legal-duties.vtt").read_text("utf-8")
    assert "Equality Act 2010" in duties, "captions show the written form"
    assert "twenty ten" not in duties


@pytest.mark.slow
def test_block_timings_for_media_overlays(sample_build):
    timings = json.loads((sample_build / "audio" / "timings" / "02-our-legal-duties.json")
                         .read_text("utf-8"))
    assert timings["file"] == "02-our-legal-duties.mp3"
    blocks = timings["blocks"]
    assert blocks[0]["block"] == "0" and blocks[0]["start"] == pytest.approx(0.75, abs=0.01)
    assert all(b["start"] < b["end"] <= n["start"] for b, n in zip(blocks, blocks[1:],
                                                                   strict=False))
    keys = [b["block"] for b in blocks]
    assert len(keys) == len(set(keys)) and "note-1" in keys
    facts = load_manifest(sample_build)["formats"]["audio"]["facts"]
    assert facts["chapters"][2]["timings"] == "audio/timings/02-our-legal-duties.json"


@pytest.mark.slow
def test_chapter_frames_in_time_order(sample_build):
    full = sample_build / "audio" / "equality-inclusion-scheme-full.mp3"
    chapters = json.loads(subprocess.run(
        ["ffprobe", "-v", "quiet", "-print_format", "json", "-show_chapters", str(full)],
        capture_output=True, text=True, check=True).stdout)["chapters"]
    starts = [float(c["start_time"]) for c in chapters]
    assert len(starts) == 12 and starts == sorted(starts)
    assert chapters[0]["tags"]["title"] == "About this recording"
    assert chapters[-1]["tags"]["title"] == "Contact us"


def test_caption_cues_are_cut_to_size():
    from converter.formats.audio.captions import CueLimits, sentence_cues

    limits = CueLimits()
    written = ("The parks team has 6m visitors a year, and it looks after more than 1,240 "
               "trees, 30 playgrounds and 14 miles of paths across the whole of the borough.")
    cues = sentence_cues(written, 10.0, 26.0, limits, len)
    assert " ".join(c.text.replace("\n", " ") for c in cues) == written
    assert cues[0].start == 10.0 and cues[-1].end == pytest.approx(26.0)
    for cue in cues:
        assert cue.end - cue.start <= 7.0
        assert len(cue.text.splitlines()) <= 2
        assert all(len(line) <= 42 for line in cue.text.splitlines())
    # A short sentence spoken slowly is split so no cue stays up over 7 s.
    slow = sentence_cues("Please wait here for a moment.", 0.0, 12.0, limits, len)
    assert len(slow) == 2 and all(c.end - c.start <= 7.0 for c in slow)


# -- lists, quotes, the announcement and cue lengths, as a listener hears them ---------------


def _script(*blocks) -> str:
    from converter.formats.audio.speech import chapter_segments, transcript
    from converter.model import Chapter, Heading

    settings = Style(STYLES).settings("audio")
    chapter = Chapter("c", "Plans", 1, (Heading(1, "Plans"), *blocks))
    return transcript(chapter_segments(chapter, 1, Normaliser(), settings))


def test_lists_are_announced_with_their_count_numbers_and_end():
    from converter.model import ListItem, Paragraph

    numbered = _script(ListItem("Make transport accessible.", 0, True),
                       ListItem("Fit audio announcements.", 1),
                       ListItem("Train staff.", 1),
                       ListItem("Close our pay gaps.", 0, True),
                       Paragraph("After the list."))
    assert ("A numbered list of two items. Number one. Make transport accessible. "
            "Under number one, there are two points.") in numbered
    assert "Number two. Close our pay gaps. End of list.\n\nAfter the list." in numbered
    bulleted = _script(ListItem("buses"), ListItem("letters", 1), ListItem("forms", 1),
                       ListItem("safety"))
    assert bulleted.count("A list of two items.") == 1
    assert "buses. Under this, there are two points." in bulleted
    assert "Back to the main list. safety. End of list." in bulleted


def test_quote_source_is_read_after_the_quote():
    from converter.language.quotes import quote_source
    from converter.model import Quote

    text = "That is the Northvale we are working for. - The Mayor of Northvale"
    assert quote_source(text) == ("That is the Northvale we are working for.",
                                  "The Mayor of Northvale")
    assert quote_source("Fair is fair - for everyone.") == ("Fair is fair - for everyone.", "")
    assert quote_source('He said "yes" - and left') == ('He said "yes" - and left', "")
    said = _script(Quote(text))
    assert ("Quote. That is the Northvale we are working for. End of quote. "
            "The quote is from the Mayor of Northvale.") in said


def test_place_name_is_said_as_one_word(normalise):
    # espeak-ng says "Northvale" as one word (n'O@TveIl); the old "North vale" alias gave
    # two stressed words, which the recogniser heard as "North Mail".
    assert normalise("the Northvale region") == "the Northvale region"


def test_announcement_counts_the_tracks_the_listener_gets():
    from converter.formats.audio import _track_count

    assert _track_count(11) == ("There are 12 tracks: this introduction, then 11 chapters. "
                                "Chapter 1 is track 2.")


def test_short_cues_are_held_or_joined():
    from converter.formats.audio.captions import Cue, CueLimits, held

    limits = CueLimits()
    cues = held([Cue(1.0, 1.4, "age"), Cue(1.8, 2.3, "disability"), Cue(2.7, 6.0, "race, "
                 "including colour, nationality and ethnic or national origins")], limits)
    # "age" alone would flash for 0.4 s: it is joined to the next one-word item.
    assert cues[0] == Cue(1.0, 2.3, "age\ndisability")
    assert all(cue.end - cue.start >= limits.shortest(cue.text) for cue in cues)
    # Held into the pause after it, never over the next cue.
    alone = held([Cue(0.75, 1.2, "Chapter 1."), Cue(2.0, 5.0, "A long line of words here\n"
                  "and a second line of words")], limits)
    assert alone[0] == Cue(0.75, 1.75, "Chapter 1.") and alone[0].end <= alone[1].start
