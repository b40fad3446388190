"""Shared fixtures: paths, the shared corpus (skipped when absent), a CLI runner, a Word file
maker and one build of the sample policy that the end-to-end tests share."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "source_docs" / "equality-inclusion-scheme.docx"
STYLES = ROOT / "styles"
CORPUS = ROOT.parent / "shared" / "corpus"

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `python -m converter ...` as a user would, capturing output."""
    full_env = {**os.environ, "CONVERTER_STYLES": str(STYLES), **(env or {})}
    return subprocess.run([sys.executable, "-m", "converter", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd or ROOT, env=full_env,
                          timeout=timeout)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def style():
    from converter.config import Style

    return Style(STYLES)


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The sample policy built in every format, once per test session."""
    if not (shutil.which("espeak-ng") and shutil.which("ffmpeg")):
        pytest.skip("espeak-ng and ffmpeg are needed (make setup installs them)")
    workspace = tmp_path_factory.mktemp("sample")
    source = workspace / SAMPLE.name
    shutil.copy(SAMPLE, source)
    output = workspace / "output"
    result = run_cli("build", source, "--output", output, "--quiet", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    return output / "equality-inclusion-scheme"


def load_manifest(doc_dir: Path) -> dict:
    return json.loads((doc_dir / "manifest.json").read_text(encoding="utf-8"))


class DocxMaker:
    """Write small Word files with python-docx, adding raw XML where Word needs it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def make(self, name: str, build) -> Path:
        from docx import Document

        document = Document()
        build(document)
        path = self.folder / name
        document.save(str(path))
        return path


@pytest.fixture
def docx_maker(tmp_path) -> DocxMaker:
    return DocxMaker(tmp_path)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium with axe-core (tests/browser.py); skips when chromium is absent."""
    import browser as browser_module

    reason = browser_module.missing()
    if reason:
        pytest.skip(reason)
    instance = browser_module.Browser()
    yield instance
    instance.close()
