"""Audio format: one tagged, loudness-normalised MP3 per chapter, an opening announcement,
a playlist, a full-length file with chapter markers, transcripts and captions.

A chapter is synthesised again only when what it says or how it is said changed; a chapter
whose audio is unchanged but whose track number moved is re-tagged, not re-synthesised.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from converter import __version__
from converter.config import Style
from converter.errors import ConverterError
from converter.formats.base import BuildContext, FormatResult, OutputFile, resident
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


class AudioFormat:
    name = "audio"
    description = "Audio chapters (MP3)"
    label = "Audio"
    roles = {
        "announcement-audio": resident(
            "opening announcement", "The MP3 files play on any phone, tablet or computer. "
            "Play them in number order, starting with 00-announcement.mp3, which says what "
            "each chapter is about."),
        "chapter-audio": resident("chapter recording"),
        "playlist": resident("playlist", "The .m3u8 playlist plays every chapter in order in "
                             "most music players (for example VLC).", whole=True),
        "full-audio": resident("the whole recording in one file, with chapter markers",
                               whole=True),
        "transcript": resident("transcript", "The transcripts folder has the words of each "
                               "recording as text."),
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
        from converter.formats.audio.engines import make_engine
        from converter.formats.audio.normalise import Lexicon, Normaliser
        from converter.formats.audio.speech import chapter_segments
        from converter.language.latin import ABBREVIATIONS_FILE, AbbreviationTable

        document, style = context.document, context.style
        settings = self._settings(style)
        engine = make_engine(self._voice(style))
        engine_facts = engine.describe()
        normaliser = Normaliser(Lexicon.load(style.path("lexicon.pls")),
                                AbbreviationTable.load(style.path(ABBREVIATIONS_FILE)))
        organisation = style.settings("converter")["organisation"]["name"]
        total = len(document.chapters) + 1  # the announcement is track 1
        year = str(date.today().year)

        tracks = []
        for index, chapter in enumerate(document.chapters, start=1):
            segments = chapter_segments(chapter, index, normaliser, settings)
            tracks.append(Track(unit=f"chapter:{chapter.id}", number=index + 1,
                                title=chapter.title,
                                filename=f"{index:02d}-{chapter.id}.mp3", segments=segments))

        def hashes(track: Track) -> None:
            track.audio_sha256 = sha256_json({
                "segments": [(s.text, s.pause_ms, s.fragment) for s in track.segments],
                "engine": engine_facts, "pauses": settings["pauses"],
                "mastering": settings["mastering"], "converter": __version__})
            track.unit_sha256 = sha256_json({
                "audio": track.audio_sha256, "title": track.title, "album": document.title,
                "artist": organisation, "track": track.number, "total": total, "year": year,
                "language": document.language, "file": track.filename})

        for track in tracks:
            hashes(track)
        work = Path(tempfile.mkdtemp(prefix="converter-audio-"))
        try:
            results = self._run_tracks(context, engine, tracks, settings, work, organisation,
                                       total, year)
            chapter_seconds = sum(result["duration_seconds"] for result in results.values())
            announcement = Track(unit="announcement", number=1, title="About this recording",
                                 filename="00-announcement.mp3",
                                 segments=self._announcement(document, organisation,
                                                             chapter_seconds, normaliser,
                                                             settings["pauses"]))
            hashes(announcement)
            results.update(self._run_tracks(context, engine, [announcement], settings, work,
                                            organisation, total, year))
            ordered = [announcement, *tracks]
            files = [output for track in ordered for output in results[track.unit]["files"]]
            files += self._collections(context, document, ordered, results, organisation, year)
        finally:
            shutil.rmtree(work, ignore_errors=True)

        facts = {
            "engine": engine_facts["engine"], "engine_version": engine_facts.get("version", ""),
            "voice": engine_facts["voice"], "rate_wpm": engine_facts["rate_wpm"],
            "loudness_target_lufs": settings["mastering"]["loudness_lufs"],
            "true_peak_ceiling_dbtp": settings["mastering"]["true_peak_dbtp"],
            "duration_seconds": round(sum(r["duration_seconds"] for r in results.values()), 2),
            "synthesised": sorted(unit for unit, r in results.items() if r["synthesised"]),
            "chapters": [
                {k: v for k, v in results[track.unit].items() if k not in ("files",)}
                for track in ordered
            ],
        }
        units = {track.unit: track.unit_sha256 for track in ordered}
        return FormatResult(files=files, facts=facts, units=units)

    # -- tracks -----------------------------------------------------------------------

    def _run_tracks(self, context: BuildContext, engine, tracks: list[Track],
                    settings: dict[str, Any], work: Path, organisation: str, total: int,
                    year: str) -> dict[str, dict[str, Any]]:
        results: dict[str, dict[str, Any]] = {}
        todo = []
        for track in tracks:
            kept = context.reusable(track.unit, track.unit_sha256)
            if kept:
                results[track.unit] = self._kept_result(context, track, kept)
            else:
                todo.append(track)
        if not todo:
            return results
        timeout = float(settings["engine"]["timeout_seconds"])
        started = time.monotonic()

        def job(track: Track) -> tuple[str, dict[str, Any]]:
            result = self._make_track(context, engine, track, settings, work, organisation,
                                      total, year, timeout)
            context.progress(f"{context.document.id}: audio {track.number}/{total} "
                             f"'{track.title}' ({result['duration_seconds']:.0f} s of audio, "
                             f"{time.monotonic() - started:.1f} s elapsed)")
            return track.unit, result

        with ThreadPoolExecutor(max_workers=max(1, context.jobs)) as pool:
            for unit, result in pool.map(job, todo):
                results[unit] = result
        return results

    def _kept_result(self, context: BuildContext, track: Track, kept: list[OutputFile]):
        previous = next((c for c in (context.previous or {}).get("facts", {}).get("chapters", [])
                         if c.get("unit") == track.unit), {})
        return {**previous, "unit": track.unit, "synthesised": False, "files": kept}

    def _make_track(self, context: BuildContext, engine, track: Track, settings, work: Path,
                    organisation: str, total: int, year: str, timeout: float) -> dict[str, Any]:
        from converter.formats.audio.captions import make_vtt, vtt_from_spans
        from converter.formats.audio.fragments import fragment_times, synthesis_parts
        from converter.formats.audio.master import master
        from converter.formats.audio.speech import transcript
        from converter.formats.audio.tags import tag_mp3
        from converter.formats.audio.wavcheck import check_wav

        document = context.document
        mp3 = context.stage(track.filename)
        words = sum(len(segment.text.split()) for segment in track.segments)
        reused = self._previous_audio(context, track)
        synthesised = reused is None
        silences: list = []
        spans = None
        if reused is not None:
            shutil.copyfile(reused, mp3)  # same audio, new track number: re-tag only
            from mutagen.mp3 import MP3

            info = MP3(str(mp3)).info
            duration, loudness, peak = info.length, None, None
        else:
            wav = work / f"{track.filename}.wav"
            min_pause = int(settings["pauses"]["between_paragraphs_ms"])
            for attempt in (1, 2):
                try:
                    spans = self._synthesise(engine, track, wav, work, min_pause, timeout)
                    check_wav(wav, words)
                    break
                except ConverterError as error:
                    if attempt == 2:
                        raise ConverterError(
                            f"audio for '{track.title}' failed twice: {error}") from None
                    context.progress(f"{document.id}: retrying '{track.title}' ({error})")
            mastered = master(wav, mp3, settings, timeout)
            wav.unlink(missing_ok=True)
            duration, loudness, peak = (mastered.duration, mastered.loudness_lufs,
                                        mastered.sample_peak_dbfs)
            silences = mastered.silences
        tag_mp3(mp3, title=track.title, album=document.title, artist=organisation,
                track=track.number, total=total, year=year, language=document.language,
                comment=f"Audio version of {document.title}. Made by converter {__version__}.")
        stem = track.filename[:-4]
        text_path = context.stage(f"transcripts/{stem}.txt")
        text_path.write_text(transcript(track.segments), encoding="utf-8")
        extra = {"chapter_title": track.title, "audio_sha256": track.audio_sha256}
        files = [OutputFile(track.filename, "chapter-audio" if track.unit != "announcement"
                            else "announcement-audio", mp3, track.unit, extra),
                 OutputFile(f"transcripts/{stem}.txt", "transcript", text_path, track.unit,
                            {"chapter_title": track.title})]
        pauses = settings["pauses"]
        lead_in = pauses["lead_in_ms"] / 1000
        min_pause = int(pauses["between_paragraphs_ms"])
        fragments = self._previous_fragments(context, reused)
        if reused is None and spans is not None:
            parts = synthesis_parts(track.segments, min_pause)
            vtt = vtt_from_spans([" ".join(s.text for s in part) for part in parts], spans,
                                 lead_in)
            fragments = fragment_times(parts, spans, lead_in)
        else:
            vtt = make_vtt(track.segments, silences, duration, lead_in, min_pause)
        if vtt:
            vtt_path = context.stage(f"captions/{stem}.vtt")
            vtt_path.write_text(vtt, encoding="utf-8")
            files.append(OutputFile(f"captions/{stem}.vtt", "captions", vtt_path, track.unit,
                                    {"chapter_title": track.title}))
        return {
            "unit": track.unit, "title": track.title, "file": f"audio/{track.filename}",
            "track": track.number, "duration_seconds": round(duration, 2), "words": words,
            "transcript": f"audio/transcripts/{stem}.txt",
            "sha256": sha256_file(mp3) if mp3.exists() else "",
            "loudness_lufs": loudness, "sample_peak_dbfs": peak,
            "synthesised": synthesised,
            "fragments": fragments,
            "files": files,
        }

    def _previous_fragments(self, context: BuildContext, reused: Path | None) -> list:
        """The fragment timings recorded with an MP3 that is reused as it is."""
        if reused is None:
            return []
        path = f"audio/{reused.relative_to(context.current).as_posix()}"
        for chapter in (context.previous or {}).get("facts", {}).get("chapters", []):
            if chapter.get("file") == path:
                return chapter.get("fragments", [])
        return []

    def _synthesise(self, engine, track: Track, wav: Path, work: Path, min_pause: int,
                    timeout: float):
        """Speak a chapter into `wav`. Engines that start cheaply speak each caption cue on
        its own and the parts are joined with exact pauses; then cue timings are known."""
        from converter.formats.audio.engines import Segment
        from converter.formats.audio.fragments import synthesis_parts
        from converter.formats.audio.join import join_wavs
        from converter.formats.audio.wavcheck import check_wav

        if not getattr(engine, "per_cue", False):
            engine.synthesise(track.segments, wav, timeout)
            return None
        parts = []
        try:
            for index, group in enumerate(synthesis_parts(track.segments, min_pause)):
                part = work / f"{wav.stem}-{index:04d}.wav"
                body = [*group[:-1], Segment(group[-1].text, 0)]
                engine.synthesise(body, part, timeout)
                check_wav(part, sum(len(s.text.split()) for s in group))
                parts.append((part, group[-1].pause_ms))
            parts[-1] = (parts[-1][0], 0)  # the mastering tail follows the last words
            return join_wavs(parts, wav)
        finally:
            for part, _ in parts:
                part.unlink(missing_ok=True)

    def _previous_audio(self, context: BuildContext, track: Track) -> Path | None:
        """An earlier build's MP3 with the same audio (only tags differ), if intact."""
        if context.force or not context.previous:
            return None
        for entry in context.previous.get("files", []):
            if entry.get("audio_sha256") == track.audio_sha256:
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
            f"This is the audio version of {document.title}, from {organisation}.",
            f"It has {len(document.chapters)} chapters. {listing}",
            f"The recording lasts about {minutes} minute{'' if minutes == 1 else 's'}. "
            "Each chapter is a separate track, "
            "so you can skip to the one you want.",
        ]
        pause = pauses["between_announcement_lines_ms"]
        return [Segment(normaliser(line), pause) for line in lines]

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
                            f"{organisation} - {track.title}")
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


FORMAT = AudioFormat()
