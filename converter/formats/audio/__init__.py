"""Audio format: one tagged, loudness-normalised MP3 per chapter, an opening announcement,
a playlist, a full-length file with chapter markers, transcripts and captions.

A chapter is synthesised again only when what it says or how it is said changed; a chapter
whose audio is unchanged but whose track number moved is re-tagged, not re-synthesised.
"""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from converter import __version__
from converter.config import Style
from converter.errors import ConverterError, ToolOutputError
from converter.formats.base import BuildContext, FormatResult, OutputFile, resident, staff
from converter.formats.textparts import note_numbers
from converter.hashing import sha256_file, sha256_json
from converter.model import Document

STYLE_FILES = ("audio.toml", "lexicon.pls", "converter.toml", "words/abbreviations.tsv")


@dataclass
class Track:
    unit: str
    number: int  # 1-based track number
    title: str
    filename: str
    segments: list
    audio_sha256: str = ""
    unit_sha256: str = ""


@dataclass
class TrackJob:
    """What every track of one build shares."""

    context: BuildContext
    engine: Any
    settings: dict[str, Any]
    work: Path  # scratch folder for WAVs
    organisation: str
    total: int  # tracks, the announcement included
    year: str
    weight: Callable[[str], float]  # how long a piece of written text takes to say
    limits: Any  # captions.CueLimits
    normaliser: Callable[[str], str]  # written text -> what the engine is given to say

    @functools.cached_property
    def engine_facts(self) -> dict[str, Any]:
        return self.engine.describe()

    @property
    def timeout(self) -> float:
        return float(self.settings["engine"]["timeout_seconds"])

    @property
    def lead_in(self) -> float:
        return self.settings["pauses"]["lead_in_ms"] / 1000

    @property
    def min_pause(self) -> int:
        return int(self.settings["pauses"]["between_paragraphs_ms"])


@dataclass(frozen=True)
class TrackAudio:
    """A track's MP3 in the staging folder and what is known about it."""

    mp3: Path
    duration: float
    loudness: float | None
    peak: float | None
    spans: list[tuple[float, float]] | None  # each segment's (start, end), no lead-in
    synthesised: bool
    segments: list | None = None  # the segments the spans belong to, when not the track's


class AudioFormat:
    name = "audio"
    description = "Audio chapters (MP3)"
    label = "Audio"
    roles = {
        "announcement-audio": resident(
            "opening announcement", "The MP3 files play on any phone, tablet or computer. "
            "Play them in number order, starting with 00-announcement.mp3, which says what "
            "each chapter is about."),
        # Also on the chapters: `fetch --chapters 2,5` sends no announcement.
        "chapter-audio": resident("chapter recording", "The MP3 files play on any phone, "
                                  "tablet or computer. Play them in number order."),
        "playlist": resident("playlist", "The .m3u8 playlist plays every chapter in order in "
                             "most music players (for example VLC).", whole=True),
        "full-audio": resident("the whole recording in one file, with chapter markers",
                               whole=True),
        "transcript": resident("transcript", "The transcripts folder has the words of each "
                               "recording as text."),
        "timings": staff("when each paragraph is heard (JSON, for EPUB media overlays)"),
        "captions": resident("captions (WebVTT)", "The captions folder has captions for each "
                             "recording, for players that show them."),
    }

    def _settings(self, style: Style) -> dict[str, Any]:
        return style.settings("audio")

    def _voice(self, style: Style):
        from converter.formats.audio.engines import VoiceSettings

        engine = self._settings(style)["engine"]
        return VoiceSettings(engine=engine["name"], voice=engine["voice"],
                             rate_wpm=int(engine["rate_wpm"]), pitch=int(engine["pitch"]),
                             volume=int(engine["volume"]))

    def inputs_sha256(self, document: Document, style: Style, source_dir: Path) -> str:
        from converter.formats.audio.engines import make_engine

        return sha256_json({
            "converter": __version__,
            "title": document.title,
            "language": document.language,
            "chapters": [(chapter.id, chapter.sha256) for chapter in document.chapters],
            "style": style.files_sha256(*STYLE_FILES),
            "engine": make_engine(self._voice(style)).describe(),
            "year": date.today().year,
        })

    def status_notes(self, document: Document, style: Style, source_dir: Path) -> list[str]:
        return []

    def build(self, context: BuildContext) -> FormatResult:
        with self.session(context) as job:
            tracks = self.chapter_tracks(job)
            results = self._run_tracks(job, tracks)
            announcement = self.announcement_track(job, results)
            results.update(self._run_tracks(job, [announcement]))
            return self.assemble(job, [announcement, *tracks], results)

    # The steps of `build`, callable one by one: a distributed build (converter.distributed)
    # sends each track of `chapter_tracks` to a worker that runs `make_track`, then runs
    # `announcement_track` and `assemble` itself, so both builds share this code.

    @contextlib.contextmanager
    def session(self, context: BuildContext) -> Iterator[TrackJob]:
        """What every track of one build shares (engine, settings, a scratch folder)."""
        from converter.formats.audio.captions import CueLimits
        from converter.formats.audio.engines import make_engine
        from converter.formats.audio.normalise import Normaliser

        document, style = context.document, context.style
        settings = self._settings(style)
        normaliser = Normaliser.from_style(style)
        work = Path(tempfile.mkdtemp(prefix="converter-audio-"))
        publisher = document.publisher(style.settings("converter")["organisation"]["name"])
        try:
            yield TrackJob(context, make_engine(self._voice(style)), settings, work,
                           organisation=publisher,
                           total=len(document.chapters) + 1,  # the announcement is track 1
                           year=str(date.today().year),
                           weight=lambda text: len(normaliser(text)),
                           limits=CueLimits.from_settings(settings), normaliser=normaliser)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def chapter_tracks(self, job: TrackJob) -> list[Track]:
        tracks = self._chapter_tracks(job.context.document, job.normaliser, job.settings)
        for track in tracks:
            self._hash(job, track)
        return tracks

    def announcement_track(self, job: TrackJob, results: dict[str, dict[str, Any]]) -> Track:
        """Track 1, which names the chapters and says how long they last in all."""
        chapter_seconds = sum(result["duration_seconds"] for result in results.values())
        announcement = Track(unit="announcement", number=1, title="About this recording",
                             filename="00-announcement.mp3",
                             segments=self._announcement(job.context.document, job.organisation,
                                                         chapter_seconds, job.normaliser,
                                                         job.settings["pauses"]))
        self._hash(job, announcement)
        return announcement

    def assemble(self, job: TrackJob, ordered: list[Track],
                 results: dict[str, dict[str, Any]]) -> FormatResult:
        """The format's result from every track's: playlist, full-length file, facts."""
        context = job.context
        files = [output for track in ordered for output in results[track.unit]["files"]]
        files += self._collections(context, context.document, ordered, results,
                                   job.organisation, job.year)
        return FormatResult(files=files, facts=self._facts(job, ordered, results),
                            units={track.unit: track.unit_sha256 for track in ordered})

    def same_track(self, job: TrackJob, track: Track) -> bool:
        """Whether `track`, planned elsewhere, hashes the same here (same engine, voice,
        settings): a worker checks this before it makes a track for another machine."""
        mine = Track(track.unit, track.number, track.title, track.filename, track.segments)
        self._hash(job, mine)
        return (mine.audio_sha256, mine.unit_sha256) == (track.audio_sha256, track.unit_sha256)

    def _chapter_tracks(self, document: Document, normaliser, settings) -> list[Track]:
        from converter.formats.audio.speech import chapter_segments

        notes = note_numbers(document)
        return [Track(unit=f"chapter:{chapter.id}", number=index + 1, title=chapter.title,
                      filename=f"{index:02d}-{chapter.id}.mp3",
                      segments=chapter_segments(chapter, index, normaliser, settings,
                                                notes))
                for index, chapter in enumerate(document.chapters, start=1)]

    def _hash(self, job: TrackJob, track: Track) -> None:
        """What the audio depends on (speech, engine, pauses, mastering), and what the whole
        track depends on (that, its tags, its captions' written text and limits)."""
        settings, document = job.settings, job.context.document
        track.audio_sha256 = sha256_json({
            "segments": [(s.text, s.pause_ms) for s in track.segments],
            "engine": job.engine_facts, "pauses": settings["pauses"],
            "mastering": settings["mastering"], "converter": __version__})
        track.unit_sha256 = sha256_json({
            "audio": track.audio_sha256, "title": track.title, "album": document.title,
            "artist": job.organisation, "track": track.number, "total": job.total,
            "year": job.year, "language": document.language, "file": track.filename,
            "written": [(s.written, s.block) for s in track.segments],
            "captions": settings.get("captions", {})})

    def _facts(self, job: TrackJob, ordered: list[Track],
               results: dict[str, dict[str, Any]]) -> dict[str, Any]:
        engine_facts, mastering = job.engine_facts, job.settings["mastering"]
        return {
            "engine": engine_facts["engine"], "engine_version": engine_facts.get("version", ""),
            "voice": engine_facts["voice"], "rate_wpm": engine_facts["rate_wpm"],
            "loudness_target_lufs": mastering["loudness_lufs"],
            "true_peak_ceiling_dbtp": mastering["true_peak_dbtp"],
            "duration_seconds": round(sum(r["duration_seconds"] for r in results.values()), 2),
            "synthesised": sorted(unit for unit, r in results.items() if r["synthesised"]),
            "chapters": [{k: v for k, v in results[track.unit].items() if k != "files"}
                         for track in ordered],
        }

    # -- tracks -----------------------------------------------------------------------

    def _run_tracks(self, job: TrackJob, tracks: list[Track]) -> dict[str, dict[str, Any]]:
        results, todo = self.kept_tracks(job, tracks)
        if not todo:
            return results
        started = time.monotonic()

        def run(track: Track) -> tuple[str, dict[str, Any]]:
            result = self.make_track(job, track)
            job.context.progress(self.track_done(job, track, result, started))
            return track.unit, result

        with ThreadPoolExecutor(max_workers=max(1, job.context.jobs)) as pool:
            for unit, result in pool.map(run, todo):
                results[unit] = result
        return results

    def kept_tracks(self, job: TrackJob, tracks: list[Track]):
        """The results of tracks the last build already has, and the tracks left to make."""
        results: dict[str, dict[str, Any]] = {}
        todo = []
        for track in tracks:
            kept = job.context.reusable(track.unit, track.unit_sha256)
            if kept:
                results[track.unit] = self._kept_result(job.context, track, kept)
            else:
                todo.append(track)
        return results, todo

    def track_done(self, job: TrackJob, track: Track, result: dict[str, Any],
                   started: float) -> str:
        """The progress line for a finished track."""
        return (f"{job.context.document.id}: audio {track.number}/{job.total} "
                f"'{track.title}' ({result['duration_seconds']:.0f} s of audio, "
                f"{time.monotonic() - started:.1f} s elapsed)")

    def _kept_result(self, context: BuildContext, track: Track, kept: list[OutputFile]):
        previous = next((c for c in (context.previous or {}).get("facts", {}).get("chapters", [])
                         if c.get("unit") == track.unit), {})
        return {**previous, "unit": track.unit, "synthesised": False, "files": kept}

    def make_track(self, job: TrackJob, track: Track) -> dict[str, Any]:
        """One track: its MP3 (made, or an earlier one re-tagged), transcript, timings and
        captions, and its facts for the manifest."""
        from converter.formats.audio.tags import tag_mp3

        document = job.context.document
        audio = self._reuse_audio(job, track) or self._new_audio(job, track)
        tag_mp3(audio.mp3, title=track.title, album=document.title, artist=job.organisation,
                track=track.number, total=job.total, year=job.year,
                language=document.language,
                comment=f"Audio version of {document.title}. Made by converter {__version__}.")
        role = "chapter-audio" if track.unit != "announcement" else "announcement-audio"
        files = [OutputFile(track.filename, role, audio.mp3, track.unit,
                            {"chapter_title": track.title, "audio_sha256": track.audio_sha256}),
                 *self._text_files(job, track, audio)]
        stem = track.filename[:-4]
        return {
            "unit": track.unit, "title": track.title, "file": f"audio/{track.filename}",
            "track": track.number, "duration_seconds": round(audio.duration, 2),
            "words": sum(len(segment.text.split()) for segment in track.segments),
            "transcript": f"audio/transcripts/{stem}.txt",
            "timings": f"audio/timings/{stem}.json" if audio.spans else None,
            "fragments": self._fragments(job, track, audio),
            "sha256": sha256_file(audio.mp3),
            "loudness_lufs": audio.loudness, "sample_peak_dbfs": audio.peak,
            "synthesised": audio.synthesised, "files": files,
        }

    def _reuse_audio(self, job: TrackJob, track: Track) -> TrackAudio | None:
        """The same audio from an earlier build (only its tags differ): copied, re-tagged."""
        from mutagen.mp3 import MP3

        from converter.formats.audio.timings import spans_of

        reused = self._previous_file(job.context, track, "chapter-audio", "announcement-audio")
        if reused is None:
            return None
        mp3 = job.context.stage(track.filename)
        shutil.copyfile(reused, mp3)
        spans = None
        timings = self._previous_file(job.context, track, "timings")
        if timings is not None:
            record = json.loads(timings.read_text(encoding="utf-8"))
            if len(record["sentences"]) == len(track.segments):
                spans = spans_of(record, job.lead_in)
        return TrackAudio(mp3, MP3(str(mp3)).info.length, None, None, spans, False)

    def _new_audio(self, job: TrackJob, track: Track) -> TrackAudio:
        """Speak the track (retried once), check the WAV, master it to MP3."""
        from converter.formats.audio.captions import spans_from_silences
        from converter.formats.audio.master import master
        from converter.formats.audio.wavcheck import check_wav

        wav = job.work / f"{track.filename}.wav"
        words = sum(len(segment.text.split()) for segment in track.segments)
        for attempt in (1, 2):
            try:
                spans = self._synthesise(job, track, wav)
                check_wav(wav, words)
                break
            except ToolOutputError:
                raise  # a broken tool: retrying cannot help, and it is exit 2
            except ConverterError as error:
                if attempt == 2:
                    raise ConverterError(
                        f"audio for '{track.title}' failed twice: {error}") from None
                job.context.progress(f"{job.context.document.id}: retrying '{track.title}' "
                                     f"({error})")
        mp3 = job.context.stage(track.filename)
        mastered = master(wav, mp3, job.settings, job.timeout)
        wav.unlink(missing_ok=True)
        segments = track.segments
        if spans is None:  # one call for the whole track: find our pauses in the audio
            segments, spans = spans_from_silences(track.segments, mastered.silences,
                                                  mastered.duration, job.lead_in,
                                                  job.min_pause)
        return TrackAudio(mp3, mastered.duration, mastered.loudness_lufs,
                          mastered.sample_peak_dbfs, spans or None, True, segments)

    def _fragments(self, job: TrackJob, track: Track, audio: TrackAudio) -> list:
        """Each block's time in the MP3 as `fragments` facts ({"id": "b3", "start", "end"}),
        for readers of the facts alone; the timings file has the same and each sentence."""
        from converter.formats.audio.fragments import fragment_times

        if not audio.spans:
            return []
        segments = audio.segments or track.segments
        return fragment_times([[s] for s in segments], audio.spans, job.lead_in)

    def _text_files(self, job: TrackJob, track: Track, audio: TrackAudio) -> list[OutputFile]:
        """Transcript, and where timings are known, the timings record and the captions."""
        from converter.formats.audio.captions import cues_from_spans, vtt
        from converter.formats.audio.speech import transcript
        from converter.formats.audio.timings import timings_record, write_timings

        stem = track.filename[:-4]
        label = {"chapter_title": track.title}
        text_path = job.context.stage(f"transcripts/{stem}.txt")
        text_path.write_text(transcript(track.segments), encoding="utf-8")
        files = [OutputFile(f"transcripts/{stem}.txt", "transcript", text_path, track.unit,
                            label)]
        if not audio.spans:
            return files
        segments = audio.segments or track.segments
        record = timings_record(track.filename, track.unit, track.title, segments,
                                audio.spans, job.lead_in)
        timings_path = job.context.stage(f"timings/{stem}.json")
        write_timings(timings_path, record)
        files.append(OutputFile(f"timings/{stem}.json", "timings", timings_path, track.unit,
                                {**label, "audio_sha256": track.audio_sha256}))
        cues = cues_from_spans(segments, audio.spans, job.lead_in, job.limits, job.weight)
        vtt_path = job.context.stage(f"captions/{stem}.vtt")
        vtt_path.write_text(vtt(cues), encoding="utf-8")
        files.append(OutputFile(f"captions/{stem}.vtt", "captions", vtt_path, track.unit, label))
        return files

    def _synthesise(self, job: TrackJob, track: Track, wav: Path):
        """Speak a track into `wav`. Engines that start cheaply speak each sentence on its
        own and the parts are joined with exact pauses; then every sentence's span is known
        (returned). Others speak the track in one call (None)."""
        from converter.formats.audio.engines import Segment
        from converter.formats.audio.join import join_wavs
        from converter.formats.audio.wavcheck import check_wav

        engine = job.engine
        if not getattr(engine, "per_cue", False):
            engine.synthesise(track.segments, wav, job.timeout)
            return None
        parts = []
        try:
            for index, segment in enumerate(track.segments):
                part = job.work / f"{wav.stem}-{index:04d}.wav"
                engine.synthesise([Segment(segment.text, 0)], part, job.timeout)
                check_wav(part, len(segment.text.split()))
                parts.append((part, segment.pause_ms))
            parts[-1] = (parts[-1][0], 0)  # the mastering tail follows the last words
            return join_wavs(parts, wav)
        finally:
            for part, _ in parts:
                part.unlink(missing_ok=True)

    def _previous_file(self, context: BuildContext, track: Track, *roles: str) -> Path | None:
        """An earlier build's file of one of `roles` made from the same audio, if intact."""
        if context.force or not context.previous:
            return None
        for entry in context.previous.get("files", []):
            if entry.get("audio_sha256") == track.audio_sha256 and entry.get("role") in roles:
                path = context.current / entry["path"].split("/", 1)[1]
                if path.is_file() and sha256_file(path) == entry["sha256"]:
                    return path
        return None

    def _announcement(self, document: Document, organisation: str, seconds: float,
                      normaliser, pauses: dict[str, int]) -> list:
        from converter.formats.audio.engines import Segment

        minutes = max(1, round(seconds / 60))
        listing = " ".join(f"Chapter {i}: {c.title}." for i, c in
                           enumerate(document.chapters, start=1))
        lines = [
            # No "from" when neither the styles nor the source name a publisher: never a guess.
            f"This is the audio version of {document.title}"
            + (f", from {organisation}." if organisation else "."),
            # The count is what the player shows: this introduction is track 1, so
            # chapter 1 is track 2 (files 00-, 01-, ... keep the chapter numbers).
            _track_count(len(document.chapters)) + f" {listing}",
            f"The recording lasts about {minutes} minute{'' if minutes == 1 else 's'}. "
            "Each chapter is a separate track, "
            "so you can skip to the one you want.",
        ]
        from converter.formats.audio.speech import spoken_pieces

        segments = []
        for line in lines:
            pieces = spoken_pieces(line, normaliser)
            for index, (written, spoken) in enumerate(pieces):
                last = index == len(pieces) - 1
                segments.append(Segment(spoken, pauses["between_announcement_lines_ms"] if last
                                        else pauses.get("between_sentences_ms", 250), written))
        return segments

    # -- playlist, full-length file --------------------------------------------------------

    def _collections(self, context: BuildContext, document: Document, tracks: list[Track],
                     results: dict[str, dict[str, Any]], organisation: str,
                     year: str) -> list[OutputFile]:
        from converter.formats.audio.master import concat
        from converter.formats.audio.tags import add_chapters, tag_mp3

        def path_of(track: Track) -> Path:
            staged = context.staging / track.filename
            return staged if staged.exists() else context.current / track.filename

        playlist = ["#EXTM3U", f"#PLAYLIST:{document.title}"]
        for track in tracks:
            playlist.append(f"#EXTINF:{round(results[track.unit]['duration_seconds'])},"
                            + (f"{organisation} - {track.title}" if organisation else track.title))
            playlist.append(track.filename)
        playlist_path = context.stage(f"{document.id}.m3u8")
        playlist_path.write_text("\n".join(playlist) + "\n", encoding="utf-8")

        full = context.stage(f"{document.id}-full.mp3")
        concat([path_of(track) for track in tracks], full)
        tag_mp3(full, title=document.title, album=document.title, artist=organisation,
                track=1, total=1, year=year, language=document.language,
                comment="The whole recording, with chapter markers.")
        marks, start = [], 0.0
        for track in tracks:
            length = results[track.unit]["duration_seconds"]
            marks.append((track.title, start, start + length))
            start += length
        add_chapters(full, marks)
        return [OutputFile(playlist_path.name, "playlist", playlist_path),
                OutputFile(full.name, "full-audio", full)]


def _track_count(chapters: int) -> str:
    """How many tracks the listener gets, and how the chapters are numbered among them."""
    noun = "chapter" if chapters == 1 else "chapters"
    return (f"There are {chapters + 1} tracks: this introduction, then {chapters} {noun}. "
            "Chapter 1 is track 2.")


FORMAT = AudioFormat()
