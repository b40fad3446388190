"""Time a build through Redis and two `converter worker` processes against a local build.

Starts redis-server on a free loopback port and two workers, builds SOURCE locally and then
with --broker (fresh output folders and cache), prints both times and the overhead, and
stops everything it started. Usage: python tools/bench_distributed.py SOURCE [--formats F]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _timed(args: list[str]) -> float:
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "converter", *args, "-q"], check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("--formats", default="all")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-dist-"))
    port = _port()
    url = f"redis://127.0.0.1:{port}/0"
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    workers = [subprocess.Popen([sys.executable, "-m", "converter", "worker", "--broker", url,
                                 "--cache", str(work / "cache"), "--name", f"w{n}@bench"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for n in (1, 2)]
    try:
        time.sleep(5)  # workers connect
        local = _timed(["build", args.source, "--formats", args.formats,
                        "--output", str(work / "local")])
        remote = _timed(["build", args.source, "--formats", args.formats,
                         "--output", str(work / "dist"), "--broker", url,
                         "--cache", str(work / "cache")])
        print(f"local build: {local:.1f} s; with Redis and 2 workers: {remote:.1f} s; "
              f"overhead {100 * (remote - local) / local:+.1f}%")
    finally:
        for process in [*workers, server]:
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
