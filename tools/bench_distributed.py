"""Time a build through Redis and two `converter worker` processes against a local build.

Starts redis-server on a free loopback port and two workers, builds SOURCE (default: the
15,000-word, 20-chapter document of `make bench`) locally and then with --broker (fresh
output folders and cache), checks both give files with the same hashes, prints both times
and the overhead, and stops everything it started.
Usage: python tools/bench_distributed.py [SOURCE] [--formats F]
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import make_document  # noqa: E402 - the same document as `make bench`


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _timed(args: list[str]) -> float:
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "converter", *args, "-q"], check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def _hashes(output: Path) -> dict[str, str]:
    manifest = json.loads(next(output.glob("*/manifest.json")).read_text())
    return {item["path"]: item["sha256"] for entry in manifest["formats"].values()
            for item in entry["files"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=None)
    parser.add_argument("--formats", default="all")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-dist-"))
    source = args.source or str(make_document(work, 20, 15000))
    port = _port()
    url = f"redis://127.0.0.1:{port}/0"
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    logs = [work / f"worker{n}.log" for n in (1, 2)]
    workers = [subprocess.Popen([sys.executable, "-m", "converter", "worker", "--broker", url,
                                 "--cache", str(work / "cache"), "--name", f"w{n}@bench"],
                                stdout=log.open("w"), stderr=subprocess.STDOUT)
               for n, log in zip((1, 2), logs, strict=True)]
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(
                log.exists() and "ready" in log.read_text() for log in logs):
            time.sleep(0.2)
        local = _timed(["build", source, "--formats", args.formats,
                        "--output", str(work / "local")])
        remote = _timed(["build", source, "--formats", args.formats,
                         "--output", str(work / "dist"), "--broker", url,
                         "--cache", str(work / "cache")])
        same = _hashes(work / "local") == _hashes(work / "dist")
        print(f"{Path(source).name}: local build {local:.1f} s; with Redis and 2 workers "
              f"{remote:.1f} s; overhead {100 * (remote - local) / local:+.1f}%; "
              f"files {'identical' if same else 'DIFFERENT'} (sha256)")
        if not same:
            raise SystemExit(1)
    finally:
        for process in [*workers, server]:
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
