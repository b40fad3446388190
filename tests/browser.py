"""Headless Chromium with axe-core, for tests that check our web pages in a real browser.

Uses Debian's `chromium` and `chromium-driver` (`tools/install_test_tools.sh`, run by
`make test`) through selenium, and the axe-core engine vendored in tests/vendor/axe-core
(MPL-2.0), so nothing is downloaded while tests run. Tests that need it take the `browser`
fixture from conftest.py, which skips with the reason when chromium is absent.

    def test_page(browser):
        browser.open(path)
        assert browser.axe() == []
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA: the level public sector sites must meet.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Chromium as root in a container: no sandbox, no GPU, nothing fetched in the background.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                  "--disable-default-apps", "--disable-extensions", "--hide-scrollbars"]


def missing() -> str:
    """Why the browser cannot start here, or '' when it can."""
    if not shutil.which("chromium"):
        return "chromium is not installed (make test installs it: tools/install_test_tools.sh)"
    if not shutil.which("chromedriver"):
        return "chromedriver is not installed (Debian package chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not AXE.is_file():
        return f"{AXE} is missing"
    return ""


class Browser:
    """One headless Chromium, reused by the tests of a session."""

    def __init__(self, width: int = 1280, height: int = 1000) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        # Never let selenium's driver manager look for downloads.
        os.environ.setdefault("SE_OFFLINE", "true")
        self._profile = tempfile.mkdtemp(prefix="converter-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "chromium"
        for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={self._profile}",
                     f"--window-size={width},{height}"]:
            options.add_argument(flag)
        service = Service(executable_path=shutil.which("chromedriver"))
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(120)
        self._axe_source = AXE.read_text(encoding="utf-8")
        self.size = (width, height)

    def open(self, target: Path | str, width: int | None = None) -> None:
        """Load a file (a Path) or an http://127.0.0.1 address, at a given window width."""
        self.resize(width or self.size[0], self.size[1])
        url = target.resolve().as_uri() if isinstance(target, Path) else target
        self.driver.get(url)

    def resize(self, width: int, height: int) -> None:
        self.driver.set_window_size(width, height)

    def axe(self, tags: list[str] | None = None) -> list[dict[str, Any]]:
        """axe-core's violations on the open page for the given tags (WCAG A and AA)."""
        self.driver.execute_script(self._axe_source)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
            " resultTypes: ['violations']})"
            ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error',"
            " help: String(e), nodes: []}]));",
            tags or WCAG_TAGS)
        return result

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def overflows_horizontally(self) -> bool:
        """True when the page needs sideways scrolling (WCAG 1.4.10 Reflow fails)."""
        return bool(self.js("const e = document.documentElement;"
                            "return e.scrollWidth > e.clientWidth + 1;"))

    def screenshot(self, path: Path, width: int | None = None, full_page: bool = True,
                   max_height: int = 4000) -> Path:
        """A PNG of the page; full_page grows the window to the page's height (capped)."""
        width = width or self.size[0]
        if full_page:
            self.resize(width, self.size[1])
            height = int(self.js("return document.documentElement.scrollHeight;"))
            self.resize(width, min(max(height, 200), max_height))
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        self.resize(*self.size)
        return path

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)


def describe(violations: list[dict[str, Any]]) -> str:
    """axe-core violations in a few readable lines for an assertion message."""
    lines = []
    for violation in violations:
        targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])[:3]]
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation.get('help')}"
                     f" at {'; '.join(targets)}")
    return "\n".join(lines)
