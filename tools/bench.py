"""Benchmark the pipeline against the raw engines doing the same audio work, in one run.

    python tools/bench.py            # 15,000+ words in 20 chapters (make bench)
    python tools/bench.py --smoke    # a small version for the test suite

Measures, each as a separate process with its peak memory (RSS):
1. raw engines, serially: espeak-ng -w for each chapter, then ffmpeg to MP3;
2. our full build of every format from nothing;
3. a rebuild with no change;
4. a rebuild after a one-paragraph change;
5. `converter check` on its own;
then memory against length: a build of each text format on its own (`--memory-formats`)
of documents of 1, 4, 8 and 16 MB of text (`--sizes`), each a process with its peak RSS,
and how much the peak grows from 8 to 16 MB. Audio (and the EPUB, which holds the audio) is
left out of these rows: it is streamed through files and ffmpeg chapter by chapter, and
8 MB of text would be some 250 hours of speech.
Prints the figures and the ratios the targets are set in.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def make_document(folder: Path, chapters: int, min_words: int) -> Path:
    """A long realistic Markdown policy: real articles from the corpus as chapters, else
    the sample policy's chapters repeated."""
    texts: list[tuple[str, str]] = []
    articles = sorted((CORPUS / "onestopenglish" / "Texts-SeparatedByReadingLevel" /
                       "Adv-Txt").glob("*.txt"))
    for path in articles:
        body = path.read_text(encoding="utf-8", errors="replace").strip()
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
        texts.append((path.stem.replace("-adv", "").replace("-", " ").title(),
                      "\n\n".join(paragraphs[1:])))
    if not texts:
        sys.path.insert(0, str(ROOT))
        from converter.readers import read_document

        document = read_document(ROOT / "source_docs" / "equality-inclusion-scheme.docx")
        for chapter in document.chapters:
            texts.append((chapter.title, "\n\n".join(b.text for b in chapter.blocks[1:])))
    lines = ["# Benchmark Policy", ""]
    words = 0
    index = 0
    per_chapter = max(1, min_words // chapters + 1)
    for number in range(chapters):
        title, _ = texts[index % len(texts)]
        lines += [f"## {number + 1}. {title}", ""]
        chapter_words = 0
        while chapter_words < per_chapter:
            _, body = texts[index % len(texts)]
            index += 1
            for paragraph in body.split("\n\n"):
                lines += [paragraph, ""]
                chapter_words += len(paragraph.split())
                if chapter_words >= per_chapter:
                    break
        words += chapter_words
    target = folder / "benchmark-policy.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


# Linux carries a process's peak RSS over fork and exec into ru_maxrss, so a child started
# from this (large, once the neural voice is loaded) process would report at least this
# process's size. A converter run therefore reports its own peak, VmHWM of its own memory,
# on a pipe as it exits.
OWN_PEAK = """import atexit, os, runpy, sys
pipe = int(sys.argv[1])
def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    os.write(pipe, peak.encode())
atexit.register(report)
sys.argv = ["converter", *sys.argv[2:]]
runpy.run_module("converter", run_name="__main__", alter_sys=True)
"""


def run(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run a command; return (seconds, peak RSS in MB). A converter command
    ([python, -m, converter, ...]) reports its own peak; another, the peak of its process
    tree as the kernel counts it."""
    shown = " ".join(command)
    own = command[1:3] == ["-m", "converter"] and Path("/proc/self/status").exists()
    read_end, write_end = os.pipe()
    if own:
        command = [command[0], "-c", OWN_PEAK, str(write_end), *command[3:]]
    started = time.perf_counter()
    # stderr goes to a file, not a pipe: a pipe nobody reads until the end fills at 64 KB
    # and the build waits on it for ever (a 16 MB Easy Read build warns that much).
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                                   stderr=errors, pass_fds=(write_end,) if own else ())
        os.close(write_end)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        with os.fdopen(read_end, "rb") as peak_pipe:
            peak_kb = peak_pipe.read().decode().strip()
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{shown} failed ({code}): {stderr[-500:]}")
    return elapsed, (int(peak_kb) if own and peak_kb else usage.ru_maxrss) / 1024


def raw_engines(document: Path, work: Path) -> tuple[float, float]:
    """The same audio work done by the raw tools, serially: what a person would script."""
    sys.path.insert(0, str(ROOT))
    from converter.readers import read_document

    chapters = read_document(document).chapters
    texts = []
    for index, chapter in enumerate(chapters):
        path = work / f"chapter-{index:02d}.txt"
        path.write_text("\n\n".join(block.text for block in chapter.blocks), encoding="utf-8")
        texts.append(path)
    script = work / "raw.sh"
    lines = ["set -e"]
    for path in texts:
        wav, mp3 = path.with_suffix(".wav"), path.with_suffix(".mp3")
        lines.append(f"espeak-ng -v en-gb -s 160 -w {wav} -f {path}")
        lines.append(f"ffmpeg -nostdin -loglevel error -y -i {wav} -ar 44100 -ac 1 "
                     f"-c:a libmp3lame -b:a 64k {mp3}")
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return run(["bash", str(script)])


def voices(document: Path, work: Path, chapters: int = 3) -> dict[str, dict]:
    """espeak-ng against the optional neural voice on the same text: the first chapters'
    normalised sentences, each spoken on its own as the pipeline does."""
    import wave

    from converter.config import Style
    from converter.formats.audio.engines import Segment, VoiceSettings, make_engine
    from converter.formats.audio.normalise import Normaliser
    from converter.formats.audio.speech import chapter_segments
    from converter.readers import read_document

    style = Style(ROOT / "styles")
    settings = style.settings("audio")
    normaliser = Normaliser.from_style(style)
    segments = [segment for number, chapter in
                enumerate(read_document(document).chapters[:chapters], start=1)
                for segment in chapter_segments(chapter, number, normaliser, settings)]
    figures: dict[str, dict] = {}
    for engine_name, voice in (("espeak-ng", "en-gb"), ("hibari", "heart")):
        try:
            engine = make_engine(VoiceSettings(engine_name, voice, 160, 45, 100))
        except Exception as error:  # noqa: BLE001 - an optional engine may be absent
            figures[engine_name] = {"error": str(error)}
            continue
        started, audio = time.perf_counter(), 0.0
        for index, segment in enumerate(segments):
            wav = work / f"{engine_name}-{index}.wav"
            engine.synthesise([Segment(segment.text, 0)], wav, 600)
            with wave.open(str(wav)) as handle:
                audio += handle.getnframes() / handle.getframerate()
            wav.unlink()
        seconds = time.perf_counter() - started
        figures[engine_name] = {"seconds": round(seconds, 2), "audio_seconds": round(audio, 1),
                                "x_realtime": round(audio / seconds, 1),
                                "words": sum(len(s.text.split()) for s in segments)}
    return figures
MEMORY_FORMATS = "plain-english,html,braille,large-print,easy-read"


def memory_rows(work: Path, sizes: list[float],
                formats: list[str]) -> dict[str, dict[str, dict[str, float]]]:
    """Peak RSS and time of a build of each format on its own, for each size of document
    (MB of text): {"8.0 MB of text": {"plain-english": {"seconds", "peak_rss_mb"}}}."""
    rows: dict[str, dict[str, dict[str, float]]] = {}
    for size in sizes:
        folder = work / f"memory-{size:g}"
        folder.mkdir()
        words = int(size * 1024 * 1024 / 6.1)  # about 6.1 bytes a word with its space
        document = make_document(folder, max(20, int(size * 40)), words)
        megabytes = document.stat().st_size / 2**20
        row = rows.setdefault(f"{megabytes:.2g} MB of text" if megabytes < 1
                              else f"{megabytes:.1f} MB of text", {})
        for name in formats:
            seconds, rss = run([sys.executable, "-m", "converter", "build", str(document),
                                "--output", str(folder / f"output-{name}"), "--formats",
                                name, "-q"], cwd=ROOT)
            row[name] = {"seconds": round(seconds, 1), "peak_rss_mb": round(rss, 1)}
            if not any((folder / f"output-{name}").glob("*/manifest.json")):
                row[name]["failed"] = True  # exit 1 is accepted above: say the build failed
            shutil.rmtree(folder / f"output-{name}")
    return rows


def growth(memory: dict[str, dict[str, dict[str, float]]]) -> dict[str, float]:
    """MB of peak RSS per MB of text between the two largest sizes, for each format."""
    if len(memory) < 2:
        return {}
    sizes = sorted(memory, key=lambda label: float(label.split()[0]))[-2:]
    small, large = (float(label.split()[0]) for label in sizes)
    return {name: round((memory[sizes[1]][name]["peak_rss_mb"]
                         - memory[sizes[0]][name]["peak_rss_mb"]) / (large - small), 1)
            for name in memory[sizes[1]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a small, fast version")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--sizes", default=None,
                        help="MB of text for the memory rows (default 1,4,8,16; smoke 0.05)")
    parser.add_argument("--memory-formats", default=None,
                        help=f"formats built for the memory rows, each on its own (default "
                             f"{MEMORY_FORMATS}; smoke plain-english,braille)")
    args = parser.parse_args()
    sizes = [float(size) for size in (args.sizes or ("0.05" if args.smoke else "1,4,8,16"))
             .split(",") if size]
    memory_formats = [name for name in (args.memory_formats or (
        "plain-english,braille" if args.smoke else MEMORY_FORMATS)).split(",") if name]
    chapters, words = (3, 600) if args.smoke else (20, 15000)
    converter = [sys.executable, "-m", "converter"]
    with tempfile.TemporaryDirectory(prefix="converter-bench-") as folder:
        work = Path(folder)
        document = make_document(work, chapters, words)
        sys.path.insert(0, str(ROOT))
        from converter.readers import read_document

        doc = read_document(document)
        output = work / "output"
        results: dict[str, tuple[float, float]] = {}
        raw_dir = work / "raw"
        raw_dir.mkdir()
        results["raw engines (espeak-ng + ffmpeg, serial)"] = raw_engines(document, raw_dir)
        results["full build, all formats"] = run(
            [*converter, "build", str(document), "--output", str(output), "-q"], cwd=ROOT)
        results["rebuild, no change"] = run(
            [*converter, "build", str(document), "--output", str(output), "-q"], cwd=ROOT)
        text = document.read_text(encoding="utf-8")
        paragraphs = [p for p in text.split("\n\n") if len(p.split()) > 20]
        middle = paragraphs[len(paragraphs) // 2]
        document.write_text(text.replace(middle, middle + " This sentence is new.", 1),
                            encoding="utf-8")
        results["rebuild, one paragraph changed"] = run(
            [*converter, "build", str(document), "--output", str(output), "-q"], cwd=ROOT)
        results["check on its own"] = run([*converter, "check", str(document)], cwd=ROOT)
        voice_figures = voices(document, raw_dir)
        memory = memory_rows(work, sizes, memory_formats)

    raw = results["raw engines (espeak-ng + ffmpeg, serial)"][0]
    full = results["full build, all formats"][0]
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}, {platform.system()}",
        "words": doc.word_count, "chapters": len(doc.chapters),
        "results": {name: {"seconds": round(s, 2), "peak_rss_mb": round(m, 1)}
                    for name, (s, m) in results.items()},
        "ratios": {
            "full build / raw engines": round(full / raw, 2),
            "no-change rebuild / full build": round(results["rebuild, no change"][0] / full, 3),
            "one-paragraph rebuild / full build": round(
                results["rebuild, one paragraph changed"][0] / full, 3),
        },
        "voices": voice_figures,
        "memory": memory,
        "memory_growth_mb_per_mb": growth(memory),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"Benchmark: {doc.word_count} words in {len(doc.chapters)} chapters; "
          f"{figures['machine']}")
    print(f"{'step':<42} {'seconds':>8} {'peak RSS MB':>12}")
    for name, (seconds, rss) in results.items():
        print(f"{name:<42} {seconds:>8.2f} {rss:>12.1f}")
    print()
    for name, value in figures["ratios"].items():
        print(f"{name:<42} {value:>8}")
    print()
    print("voices on the same text (sentence by sentence, one thread of this process):")
    for name, figure in voice_figures.items():
        if "error" in figure:
            print(f"  {name:<10} not available: {figure['error']}")
        else:
            print(f"  {name:<10} {figure['seconds']:>7.2f} s for {figure['audio_seconds']} s of "
                  f"speech ({figure['words']} words): {figure['x_realtime']}x real time")
    print()
    print("peak RSS MB (seconds) of a build of each format on its own:")
    print(f"{'':<18}" + "".join(f"{name:>20}" for name in memory_formats))
    for label, row in memory.items():
        print(f"{label:<18}" + "".join(
            (f"{'FAILED':>11}" if row[name].get("failed") else
             f"{row[name]['peak_rss_mb']:>11.1f}") + f" ({row[name]['seconds']:>5.0f} s)"
            for name in memory_formats))
    if figures["memory_growth_mb_per_mb"]:
        print(f"{'growth MB per MB':<18}" + "".join(
            f"{figures['memory_growth_mb_per_mb'][name]:>20}" for name in memory_formats))
    if not shutil.which("espeak-ng"):
        print("(espeak-ng missing: run make setup)")


if __name__ == "__main__":
    main()
