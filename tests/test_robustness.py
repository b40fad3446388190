"""Robustness: concurrent and killed builds, hanging engines, huge inputs, hostile names."""

from __future__ import annotations

import builtins
import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, STYLES, load_manifest, run_cli
from test_build import assert_manifest_true, write_policy

needs_tools = pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
                                 reason="espeak-ng and ffmpeg are needed (make setup)")

SPOKEN = """# Spoken Policy

## Parks

We clean the parks every day. We cut the grass in summer. Call 0345 303 6760.

## Buses

The buses run every ten minutes. They stop at every station on the way into town.

## Libraries

Libraries open at 9am and close at 5pm. You can borrow ten books at a time.

## Leisure

Our leisure centres have pools, gyms and classes for every age group.
"""


def start_build(source: Path, output: Path, formats: str, env: dict | None = None):
    full_env = {**os.environ, "CONVERTER_STYLES": str(STYLES), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "converter", "build", str(source),
                             "--output", str(output), "--formats", formats, "-q"],
                            cwd=ROOT, env=full_env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_builds_of_one_document_at_once(tmp_path):
    source = write_policy(tmp_path)
    output = tmp_path / "out"
    first = start_build(source, output, "plain-english,easy-read")
    second = start_build(source, output, "plain-english,easy-read")
    assert first.wait(120) == 0, first.stderr.read()
    assert second.wait(120) == 0, second.stderr.read()
    assert_manifest_true(output / "travel-policy")


@needs_tools
def test_fetch_during_a_build_gets_a_complete_version(tmp_path):
    source = tmp_path / "spoken-policy.md"
    source.write_text(SPOKEN, encoding="utf-8")
    output = tmp_path / "out"
    assert run_cli("build", source, "--output", output, "--formats", "audio", "-q").returncode == 0
    source.write_text(SPOKEN.replace("every day", "each morning"), encoding="utf-8")
    build = start_build(source, output, "audio")
    fetches = 0
    while build.poll() is None:
        target = tmp_path / f"fetch-{fetches}"
        result = run_cli("fetch", "spoken-policy", "--format", "audio", "--to", target,
                         "--output", output, "--allow-stale")  # the master just changed
        assert result.returncode == 0, result.stderr  # fetch checks every hash it copies
        fetches += 1
    assert build.returncode == 0
    assert fetches >= 1


@needs_tools
def test_kill_9_leaves_last_good_outputs_and_next_build_completes(tmp_path):
    source = tmp_path / "spoken-policy.md"
    source.write_text(SPOKEN, encoding="utf-8")
    output = tmp_path / "out"
    doc_dir = output / "spoken-policy"
    assert run_cli("build", source, "--output", output, "--formats", "audio", "-q").returncode == 0
    before = load_manifest(doc_dir)
    source.write_text(SPOKEN.replace("the", "our"), encoding="utf-8")
    build = start_build(source, output, "audio")
    deadline = time.monotonic() + 60
    while not list((doc_dir / ".staging").rglob("*.mp3")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    assert load_manifest(doc_dir) == before, "the last good manifest is untouched"
    # Nothing can tidy up after SIGKILL; the next command (any of them) discards the
    # killed build's staging folder.
    assert run_cli("list", "--output", output).returncode == 0
    assert not (doc_dir / ".staging").exists()
    assert_manifest_true(doc_dir)
    again = run_cli("build", source, "--output", output, "--formats", "audio", "-q")
    assert again.returncode == 0, again.stderr
    manifest = assert_manifest_true(doc_dir)
    assert manifest["document"]["source_sha256"] != before["document"]["source_sha256"]
    assert not (doc_dir / ".staging").exists()


def fake_engine(folder: Path, script: str) -> dict:
    """A PATH whose espeak-ng is a stand-in script (and whose ffmpeg is the real one)."""
    folder.mkdir()
    engine = folder / "espeak-ng"
    engine.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    engine.chmod(0o755)
    os.symlink(shutil.which("ffmpeg"), folder / "ffmpeg")
    return {"PATH": f"{folder}:/usr/bin:/bin"}


def styles_with(tmp_path: Path, audio_edit: tuple[str, str]) -> Path:
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    audio = styles / "audio.toml"
    audio.write_text(audio.read_text("utf-8").replace(*audio_edit), encoding="utf-8")
    return styles


@needs_tools
def test_hanging_engine_times_out_retries_and_names_the_chapter(tmp_path):
    source = tmp_path / "spoken-policy.md"
    source.write_text(SPOKEN, encoding="utf-8")
    styles = styles_with(tmp_path, ("timeout_seconds = 600", "timeout_seconds = 1"))
    env = {**fake_engine(tmp_path / "bin", 'case "$1" in --version) echo fake; exit 0;; esac\n'
                                          "sleep 30\n"), "CONVERTER_STYLES": str(styles)}
    started = time.monotonic()
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats", "audio",
                     "--jobs", "4", env=env)
    assert result.returncode == 1
    assert time.monotonic() - started < 25, "one timeout and one retry, not a hang"
    assert "failed twice" in result.stderr and "longer than 1 s" in result.stderr
    assert re.search(r"'(Parks|Buses|Libraries|Leisure|About this recording)'", result.stderr)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "spoken-policy").exists()


@needs_tools
def test_crashing_engine_is_retried_then_reported(tmp_path):
    source = tmp_path / "spoken-policy.md"
    source.write_text(SPOKEN, encoding="utf-8")
    env = fake_engine(tmp_path / "bin", 'case "$1" in --version) echo fake; exit 0;; esac\n'
                                        "echo 'segmentation fault' >&2; exit 139\n")
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats", "audio",
                     env=env)
    assert result.returncode == 1
    assert "failed twice" in result.stderr and "espeak-ng failed" in result.stderr


def test_missing_espeak_is_named(tmp_path):
    source = tmp_path / "spoken-policy.md"
    source.write_text(SPOKEN, encoding="utf-8")
    styles = styles_with(tmp_path, ('name = "auto"', 'name = "espeak-ng"'))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats", "audio",
                     env={"PATH": str(bin_dir), "CONVERTER_STYLES": str(styles)})
    assert result.returncode == 1
    assert "espeak-ng is not installed" in result.stderr
    assert "apt-get install espeak-ng" in result.stderr


def test_one_megabyte_paragraph(tmp_path):
    words = ["the", "council", "will", "review", "how", "residents", "use", "local",
             "services", "each", "year"]
    paragraph = " ".join(words[i % len(words)] for i in range(180_000))
    source = tmp_path / "huge.md"
    source.write_text("# Huge\n\n" + paragraph + ".\n", encoding="utf-8")
    assert source.stat().st_size > 1_000_000
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats",
                     "plain-english,easy-read", "-q", timeout=300)
    assert result.returncode == 0, result.stderr
    facts = load_manifest(tmp_path / "out" / "huge")["formats"]["easy-read"]["facts"]
    assert facts["pages"] <= 30
    report = json.loads((tmp_path / "out/huge/plain-english/report.json").read_text("utf-8"))
    assert max(len(f["text"]) for f in report["documents"][0]["findings"]) < 1000


def test_five_hundred_chapters(tmp_path):
    body = "".join(f"## Chapter {i}\n\nThis is chapter {i}. It is short.\n\n" for i in range(500))
    source = tmp_path / "many.md"
    source.write_text("# Many\n\n" + body, encoding="utf-8")
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats",
                     "plain-english,easy-read", "-q", timeout=300)
    assert result.returncode == 0, result.stderr
    chapters = load_manifest(tmp_path / "out" / "many")["document"]["chapters"]
    assert len(chapters) == 500 and len({c["id"] for c in chapters}) == 500


def test_hostile_titles_and_file_names(tmp_path):
    # Word's XML cannot hold control characters; Markdown and text files can.
    source = tmp_path / "\u0645\u0633\u062a\u0646\u062f \x01 name.md"
    source.write_text("# ../../etc/passwd\x07\x1b[31m " + "x" * 1000 + "\n\nSome text.\n",
                      encoding="utf-8")
    output = tmp_path / "out"
    result = run_cli("build", source, "--output", output, "--formats", "plain-english", "-q")
    assert result.returncode == 0, result.stderr
    folders = [p for p in output.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert len(folders) == 1 and folders[0].parent == output
    manifest = load_manifest(folders[0])
    title = manifest["document"]["title"]
    assert "\x07" not in title and "\x1b" not in title and len(title) <= 300
    assert not (tmp_path / "etc").exists()
    assert folders[0].name == "name", "the Latin letters of the file name, nothing else"


def test_external_images_are_never_fetched(tmp_path, docx_maker, monkeypatch):
    import socket

    from converter.config import Style
    from converter.pipeline.build import BuildOptions, build_source

    def build(document):
        document.add_paragraph("A picture is linked, not embedded.")
        rel = document.part.relate_to(
            "http://127.0.0.1:9/never.png",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
            is_external=True)
        from docx.oxml import parse_xml

        document.element.body.append(parse_xml(
            '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<w:r><w:pict><v:shape alt="A park"><v:imagedata r:id="{rel}"/></v:shape>'
            '</w:pict></w:r></w:p>'))

    source = docx_maker.make("linked.docx", build)

    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    report = build_source(source, BuildOptions(output_dir=tmp_path / "out",
                                               formats=["plain-english", "easy-read"],
                                               style=Style(STYLES)))
    assert any("not fetched" in warning for warning in report.warnings)


@pytest.mark.parametrize("code,message", [(errno.ENOSPC, "disk is full"),
                                          (errno.EROFS, "Cannot write")])
def test_disk_full_or_read_only_changes_nothing(tmp_path, monkeypatch, code, message):
    from converter.config import Style
    from converter.errors import ConverterError
    from converter.pipeline.build import BuildOptions, build_source

    source = write_policy(tmp_path)
    options = BuildOptions(output_dir=tmp_path / "out", formats=["plain-english"],
                           style=Style(STYLES))
    doc_dir = build_source(source, options).doc_dir
    before = {p: p.read_bytes() for p in doc_dir.rglob("*") if p.is_file()}
    source.write_text(source.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    real_write, real_open = Path.write_text, builtins.open

    def failing_write(self, *args, **kwargs):
        if ".staging" in str(self):
            raise OSError(code, os.strerror(code))
        return real_write(self, *args, **kwargs)

    def failing_open(file, mode="r", *args, **kwargs):
        # Reports are also streamed to their files with open(): fail those writes too.
        if ".staging" in str(file) and any(flag in mode for flag in "wax"):
            raise OSError(code, os.strerror(code))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing_write)
    monkeypatch.setattr(builtins, "open", failing_open)
    with pytest.raises(ConverterError, match=message):
        build_source(source, options)
    after = {p: p.read_bytes() for p in doc_dir.rglob("*") if p.is_file()}
    assert after == before
    assert not (doc_dir / ".staging").exists()





def stand_in(folder: Path, tool: str, before: str) -> dict:
    """A PATH whose `tool` runs `before` (shell) and then the real one, beside the real other
    tool: a broken install, made for real."""
    folder.mkdir()
    real = {name: shutil.which(name) for name in ("espeak-ng", "ffmpeg")}
    script = folder / tool
    script.write_text(f"#!/bin/sh\n{before}\nexec {real[tool]} \"$@\"\n", encoding="utf-8")
    script.chmod(0o755)
    for name, path in real.items():
        if name != tool:
            os.symlink(path, folder / name)
    return {"PATH": f"{folder}:/usr/bin:/bin"}


# The last argument of the encoding call is the MP3 ffmpeg writes.
LAST_ARGUMENT = 'for last; do :; done\n'


@needs_tools
@pytest.mark.parametrize("tool, before, message", [
    ("ffmpeg", LAST_ARGUMENT + 'case "$last" in *.mp3) : > "$last"; exit 0;; esac',
     "ffmpeg wrote an empty MP3"),
    ("ffmpeg", LAST_ARGUMENT + 'case "$last" in *.mp3) yes "not an mp3" | head -c 20000 '
     '> "$last"; exit 0;; esac', "ffmpeg wrote an unreadable MP3"),
    ("espeak-ng", r"printf '\377\376 voice\n'", "espeak-ng printed text that is not UTF-8"),
    ("espeak-ng", r"printf 'warning \351\n' >&2", "espeak-ng printed text that is not UTF-8"),
])
def test_broken_tool_output_is_exit_2_in_one_line(tmp_path, tool, before, message):
    source = tmp_path / "spoken-policy.md"
    source.write_text(SPOKEN, encoding="utf-8")
    output = tmp_path / "out"
    result = run_cli("build", source, "--output", output, "--formats", "audio", "-q",
                     env=stand_in(tmp_path / "bin", tool, before))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and f"check the {tool} installation" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (output / "spoken-policy").exists(), "nothing half-built is left"
