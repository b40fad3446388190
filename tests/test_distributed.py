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
# EPUB is left out of the hash comparison: its package date (dcterms:modified) is the
# build time, so two local builds differ too.
FORMATS = "plain-english,easy-read,audio,large-print,html"

pytestmark = [
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
def redis_url(tmp_path: Path):
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
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def workers(redis_url: str, tmp_path: Path, styles: Path):
    cache = tmp_path / "cache"
    started = []
    try:
        for n in (1, 2):
            log = open(tmp_path / f"worker{n}.log", "w")  # noqa: SIM115 - closed below
            process = subprocess.Popen(
                [sys.executable, "-m", "converter", "worker", "--broker", redis_url,
                 "--cache", str(cache), "--name", f"w{n}@test", "--styles", str(styles)],
                stdout=log, stderr=subprocess.STDOUT)
            started.append((process, log, tmp_path / f"worker{n}.log"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(
                "ready" in path.read_text() for _, _, path in started):
            time.sleep(0.2)
        yield started, cache
    finally:
        for process, log, _ in started:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            log.close()


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
    assert "audio done on a worker" in result.stderr
    distributed = _hashes(tmp_path / "dist")
    assert len(distributed) > 5
    assert distributed == _local(tmp_path, styles)
    # A second source with the same content is taken from the shared cache, unchanged.
    again = _converter("build", str(tmp_path / "policy.md"), "--formats", FORMATS,
                       "--output", str(tmp_path / "again"), "--styles", str(styles),
                       "--broker", redis_url, "--cache", str(cache))
    assert again.returncode == 0, again.stderr
    assert "taken from the shared cache" in again.stderr
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
