"""The benchmark runs end to end (a small smoke version; `make bench` runs the full one)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
                    reason="espeak-ng and ffmpeg are needed (make setup)")
def test_benchmark_smoke():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "bench.py"), "--smoke",
                             "--json"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    steps = figures["results"]
    assert len(steps) == 5
    assert all(step["seconds"] > 0 and step["peak_rss_mb"] > 0 for step in steps.values())
    # Loose sanity bounds only: timings are judged by `make bench`, not by tests.
    assert figures["ratios"]["no-change rebuild / full build"] < 0.5
    assert figures["words"] >= 500 and figures["chapters"] == 3
    memory = figures["memory"]
    assert len(memory) == 1
    (row,) = memory.values()
    assert sorted(row) == ["braille", "plain-english"]  # each format built on its own
    assert all(cell["peak_rss_mb"] > 0 and cell["seconds"] > 0 for cell in row.values())
    # The neural voice is timed against espeak-ng on the same text (when it is installed).
    voices = figures["voices"]
    assert voices["espeak-ng"]["x_realtime"] > 1
    if "error" not in voices["hibari"]:
        assert voices["hibari"]["words"] == voices["espeak-ng"]["words"]
        assert voices["hibari"]["x_realtime"] > 1
