"""Our web pages in a real browser: headless Chromium with axe-core (WCAG 2.2 A and AA)."""

from __future__ import annotations

import shutil

from browser import describe
from conftest import SAMPLE, run_cli


def build_plain_english(tmp_path):
    source = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, source)
    result = run_cli("build", source, "--output", tmp_path / "out", "--formats",
                     "plain-english", "-q")
    assert result.returncode == 0, result.stderr
    return tmp_path / "out"


def test_plain_english_report_has_no_axe_violations(browser, tmp_path):
    output = build_plain_english(tmp_path)
    report = output / "equality-inclusion-scheme" / "plain-english" / "report.html"
    browser.open(report)
    assert browser.js("return document.title;")
    violations = browser.axe()
    assert violations == [], describe(violations)
    # Reflow (WCAG 1.4.10): at 320 CSS pixels, as at 400% zoom, no sideways scrolling.
    browser.open(report, width=320)
    assert not browser.overflows_horizontally()
    shot = browser.screenshot(tmp_path / "report.png")
    assert shot.stat().st_size > 1000


def test_catalogue_has_no_axe_violations(browser, tmp_path):
    output = build_plain_english(tmp_path)
    browser.open(output / "index.html")
    violations = browser.axe()
    assert violations == [], describe(violations)
