"""Distributed builds on a real Redis (loopback) with two `converter worker` processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every format: each is deterministic (same inputs, same bytes), the EPUB's date included.
FORMATS = "all"

pytestmark = [
    pytest.mark.skipif(shutil.which("lou_translate") is None,
                       reason="liblouis is not installed (make setup installs it)"),
    pytest.mark.skipif(shutil.which("redis-server") is None,
                       reason="redis-server is not installed (make test installs it)"),
    pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
                       reason="espeak-ng and ffmpeg are needed (make setup installs them)"),
]
celery = pytest.importorskip("celery", reason="celery is not installed: pip install '.[test]'")
pytest.importorskip("redis", reason="redis-py is not installed: pip install '.[test]'")

SOURCE = "# Bin collections\n\n" + "\n\n".join(
    f"## Part {n}\n\nWe collect your bins on day {n} of the week. Put the bin out by 7am. "
    f"Tell us if we miss it and we will come back within two days." for n in range(1, 5)) + "\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _converter(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "converter", *args], capture_output=True,
                          text=True, timeout=300, **kwargs)


@pytest.fixture
def styles(tmp_path: Path) -> Path:
    folder = tmp_path / "styles"
    shutil.copytree(ROOT / "styles", folder)
    toml = folder / "converter.toml"
    text = toml.read_text().replace("visibility_timeout_s = 600", "visibility_timeout_s = 5")
    toml.write_text(text.replace("connect_timeout_s = 5", "connect_timeout_s = 2"))
    return folder


@pytest.fixture
def redis_server(tmp_path: Path):
    """A redis-server on a free loopback port: (its URL, its process)."""
    port = _free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0", server
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server) -> str:
    return redis_server[0]


def _start_workers(redis_url: str, cache: Path, styles: Path, logs: Path,
                   env: dict[str, str] | None = None) -> list:
    started = []
    for n in (1, 2):
        log = open(logs / f"worker{n}.log", "w")  # noqa: SIM115 - closed by _stop_workers
        process = subprocess.Popen(
            [sys.executable, "-m", "converter", "worker", "--broker", redis_url,
             "--cache", str(cache), "--name", f"w{n}@test", "--styles", str(styles)],
            stdout=log, stderr=subprocess.STDOUT, env=env)
        started.append((process, log, logs / f"worker{n}.log"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not all(
            "ready" in path.read_text() for _, _, path in started):
        time.sleep(0.2)
    return started


def _stop_workers(started: list) -> None:
    for process, log, _ in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


@pytest.fixture
def workers(redis_url: str, tmp_path: Path, styles: Path):
    cache = tmp_path / "cache"
    started = _start_workers(redis_url, cache, styles, tmp_path)
    try:
        yield started, cache
    finally:
        _stop_workers(started)


def _hashes(output: Path) -> dict[str, str]:
    manifest = json.loads((output / "policy" / "manifest.json").read_text())
    return {item["path"]: item["sha256"] for entry in manifest["formats"].values()
            for item in entry["files"]}


def _local(tmp_path: Path, styles: Path) -> dict[str, str]:
    result = _converter("build", str(tmp_path / "policy.md"), "--formats", FORMATS,
                        "--output", str(tmp_path / "local"), "--styles", str(styles), "-q")
    assert result.returncode == 0, result.stderr
    return _hashes(tmp_path / "local")


def test_broker_build_matches_local_build(tmp_path, styles, workers, redis_url):
    (tmp_path / "policy.md").write_text(SOURCE)
    _, cache = workers
    result = _converter("build", str(tmp_path / "policy.md"), "--formats", FORMATS,
                        "--output", str(tmp_path / "dist"), "--styles", str(styles),
                        "--broker", redis_url, "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    # Each chapter's audio is its own task; the progress names each as it finishes.
    for number, title in enumerate(["Part 1", "Part 2", "Part 3", "Part 4"], start=2):
        assert f"policy: audio {number}/5 '{title}' (" in result.stderr
    assert "'About this recording'" in result.stderr
    assert result.stderr.count(" on a worker") == 11  # 5 tracks + the 6 other formats
    distributed = _hashes(tmp_path / "dist")
    assert len(distributed) > 30
    assert distributed == _local(tmp_path, styles)
    # The tracks' recorded input hashes are a local build's too: the next local build of
    # this output reuses every chapter.
    units = [json.loads((tmp_path / out / "policy" / "manifest.json").read_text())
             ["formats"]["audio"]["units"] for out in ("dist", "local")]
    assert units[0] == units[1] and len(units[0]) == 5
    # A second source with the same content is taken from the shared cache, unchanged.
    again = _converter("build", str(tmp_path / "policy.md"), "--formats", FORMATS,
                       "--output", str(tmp_path / "again"), "--styles", str(styles),
                       "--broker", redis_url, "--cache", str(cache))
    assert again.returncode == 0, again.stderr
    assert "taken from the shared cache" in again.stderr
    assert " on a worker" not in again.stderr
    assert _hashes(tmp_path / "again") == distributed


def test_sigkilled_worker_still_gives_a_complete_build(tmp_path, styles, workers, redis_url):
    (tmp_path / "policy.md").write_text(SOURCE)
    started, cache = workers
    build = subprocess.Popen(
        [sys.executable, "-m", "converter", "build", str(tmp_path / "policy.md"),
         "--formats", FORMATS, "--output", str(tmp_path / "dist"), "--styles", str(styles),
         "--broker", redis_url, "--cache", str(cache)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        victim = None
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            for process, _, path in started:
                if "received" in path.read_text():
                    victim = process
                    break
            time.sleep(0.02)
        assert victim is not None, "no worker took a task"
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        _, err = build.communicate(timeout=240)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert build.returncode == 0, err
    assert _hashes(tmp_path / "dist") == _local(tmp_path, styles)


def test_unreachable_broker_is_one_clear_line(tmp_path, styles):
    (tmp_path / "policy.md").write_text(SOURCE)
    started = time.monotonic()
    result = _converter("build", str(tmp_path / "policy.md"), "--formats", "plain-english",
                        "--output", str(tmp_path / "out"), "--styles", str(styles),
                        "--broker", f"redis://127.0.0.1:{_free_port()}/0",
                        "--cache", str(tmp_path / "cache"))
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Cannot reach the broker" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "policy" / "manifest.json").exists()


def _good_build_then_change(tmp_path: Path, styles: Path) -> dict[str, str]:
    """A local build of the audio (the last good outputs), then a changed chapter."""
    (tmp_path / "policy.md").write_text(SOURCE)
    result = _converter("build", str(tmp_path / "policy.md"), "--formats", "audio",
                        "--output", str(tmp_path / "out"), "--styles", str(styles), "-q")
    assert result.returncode == 0, result.stderr
    (tmp_path / "policy.md").write_text(SOURCE.replace("day 2 of the week", "day 2 of each week"))
    return _files(tmp_path / "out")


def _files(output: Path) -> dict[str, str]:
    """Every file of the document folder (manifest included) by its hash."""
    import hashlib

    return {str(path.relative_to(output)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((output / "policy").rglob("*")) if path.is_file()}


def test_a_unit_that_fails_twice_fails_the_document(tmp_path, styles, redis_url):
    before = _good_build_then_change(tmp_path, styles)
    # The workers' ffmpeg is broken: every audio track they make raises.
    broken = tmp_path / "broken-bin"
    broken.mkdir()
    (broken / "ffmpeg").write_text("#!/bin/sh\necho 'ffmpeg: broken on this worker' >&2\n"
                                   "exit 1\n")
    (broken / "ffmpeg").chmod(0o755)
    env = {**os.environ, "PATH": f"{broken}{os.pathsep}{os.environ['PATH']}"}
    started = _start_workers(redis_url, tmp_path / "cache", styles, tmp_path, env)
    try:
        result = _converter("build", str(tmp_path / "policy.md"), "--formats", "audio",
                            "--output", str(tmp_path / "out"), "--styles", str(styles),
                            "--broker", redis_url, "--cache", str(tmp_path / "cache"))
    finally:
        _stop_workers(started)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "audio 'Part 2' failed on a worker (ConverterError: ffmpeg failed" in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "audio 'Part 2' failed twice on the workers" in last, result.stderr
    assert "ffmpeg failed" in last and "the last good outputs are kept" in last
    logs = "".join(path.read_text() for path in tmp_path.glob("worker*.log"))
    assert logs.count("raised unexpected") + logs.count("ConverterError") >= 2
    assert _files(tmp_path / "out") == before  # nothing changed, no staging left


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGSTOP], ids=["killed", "frozen"])
def test_broker_gone_mid_build_is_a_clear_error(tmp_path, styles, redis_server, how):
    url, server = redis_server
    before = _good_build_then_change(tmp_path, styles)
    # Only the changed chapter is left to make; Redis goes while a worker makes it.
    started = _start_workers(url, tmp_path / "cache", styles, tmp_path)
    try:
        build = subprocess.Popen(
            [sys.executable, "-m", "converter", "build", str(tmp_path / "policy.md"),
             "--formats", "audio", "--output", str(tmp_path / "out"), "--styles", str(styles),
             "--broker", url, "--cache", str(tmp_path / "cache")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(
                "received" in path.read_text() for _, _, path in started):
            time.sleep(0.02)
        os.kill(server.pid, how)  # killed: refused at once; frozen: no answer at all
        gone = time.monotonic()
        try:
            _, err = build.communicate(timeout=60)
        finally:
            if build.poll() is None:
                build.kill()
                build.wait()
        # connect_timeout_s is 2 s in these styles (a socket waits 5 s at most): never a hang.
        assert time.monotonic() - gone < 30, err
    finally:
        if how == signal.SIGSTOP:
            os.kill(server.pid, signal.SIGCONT)
        _stop_workers(started)
    assert build.returncode == 1, err
    assert "Traceback" not in err
    assert "Lost the broker" in err.strip().splitlines()[-1], err
    assert _files(tmp_path / "out") == before


def test_cache_entries_are_written_once_and_replaced_only_when_forced(tmp_path):
    from converter.distributed.cache import _publish, cached

    made = []

    def produce(text: str):
        def write(files: Path) -> dict:
            made.append(text)
            (files / "out.txt").write_text(text)
            return {"text": text}
        return write

    key = "k" * 64
    folder = _publish(tmp_path, key, produce("first"), force=False)
    assert _publish(tmp_path, key, produce("second"), force=False) == folder
    assert made == ["first"] and (folder / "files" / "out.txt").read_text() == "first"
    _publish(tmp_path, key, produce("forced"), force=True)
    assert (cached(tmp_path, key) / "files" / "out.txt").read_text() == "forced"
    assert sorted(path.name for path in tmp_path.iterdir()) == [key]  # no temporary left


def test_a_failing_unit_leaves_nothing_in_the_cache(tmp_path):
    from converter.distributed.cache import _publish, cached

    def fail(files: Path) -> dict:
        (files / "half.txt").write_text("half")
        raise RuntimeError("the engine crashed")

    with pytest.raises(RuntimeError):
        _publish(tmp_path, "f" * 64, fail, force=False)
    assert cached(tmp_path, "f" * 64) is None and list(tmp_path.iterdir()) == []


def _entry(cache: Path, path: str, text: str = "report", **record) -> Path:
    """A cache entry as a worker writes it: one file and its record in result.json."""
    from converter.hashing import sha256_file

    folder = cache / ("e" * 64)
    (folder / "files").mkdir(parents=True)
    stored = folder / "files" / "report.txt"
    stored.write_text(text)
    entry = {"path": path, "role": "report", "unit": "", "extra": {},
             "sha256": sha256_file(stored), **record}
    (folder / "result.json").write_text(json.dumps(
        {"format": "plain-english", "facts": {}, "units": {}, "warnings": [],
         "files": [entry]}))
    return folder


def test_a_cache_entry_is_loaded_only_when_it_holds_what_was_stored(tmp_path):
    from converter.distributed.cache import load_result
    from converter.errors import InputError

    staging = tmp_path / "staging"
    good = _entry(tmp_path / "good", "report.txt")
    assert load_result(good, staging).files[0].path == "report.txt"
    assert (staging / "report.txt").read_text() == "report"

    damaged = _entry(tmp_path / "damaged", "report.txt")
    (damaged / "files" / "report.txt").write_text("changed on the shared disk")
    with pytest.raises(InputError, match="damaged .*does not match its hash.*--force"):
        load_result(damaged, tmp_path / "staging2")

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    planted = _entry(tmp_path / "planted", "../../victim.txt")
    with pytest.raises(InputError, match="outside"):
        load_result(planted, staging)
    assert victim.read_text() == "keep me"

    (good / "result.json").write_text("{not json")
    with pytest.raises(InputError, match="result.json cannot be read"):
        load_result(good, staging)
    unhashed = _entry(tmp_path / "old", "report.txt", sha256=None)
    with pytest.raises(InputError, match="damaged"):
        load_result(unhashed, staging)


def test_a_worker_error_keeps_the_exit_code_a_local_build_gives():
    from types import SimpleNamespace

    from converter.distributed.submit import worker_exit_code
    from converter.errors import ConverterError, InputError, ToolOutputError

    def handle(error):
        return SimpleNamespace(result=error)

    assert worker_exit_code(handle(ToolOutputError("ffmpeg wrote an empty MP3"))) == 2
    assert worker_exit_code(handle(InputError("bad value"))) == 2
    assert worker_exit_code(handle(ConverterError("ffmpeg failed"))) == 1
    assert worker_exit_code(handle(RuntimeError("engine crashed"))) == 1
    # Celery may rebuild the error as a class of the same name that is not ours.
    rebuilt = type("ToolOutputError", (Exception,), {})
    assert worker_exit_code(handle(rebuilt("garbage MP3"))) == 2
    assert worker_exit_code(handle("a plain string")) == 1
