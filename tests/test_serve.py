"""`converter serve`: started as a subprocess on a free loopback port over a real output
folder, driven in headless Chromium (search, document page, audio package, stale refusal,
axe-core on every page) and over plain HTTP (404s, CSRF, email through aiosmtpd)."""

from __future__ import annotations

import email
import http.client
import http.cookiejar
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

import pytest
from browser import describe
from conftest import STYLES, run_cli

pytest.importorskip("flask")
pytestmark = pytest.mark.slow

PARKING = """# Parking Permit Policy

## Who can apply

Residents who live in a permit zone can apply for a parking permit. You need proof of
your address.

## How much it costs

A permit costs 50 pounds a year. Blue Badge holders do not pay.
"""
WASTE = """# Garden Waste Collections

## Bins

We collect garden waste every two weeks from March to November.

## Charges

The service costs 40 pounds a year for each bin.
"""
MAX_EMAIL_MB = 0.3  # small, so the audio package must go as several emails


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """aiosmtpd's handler: keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture(scope="module")
def smtp():
    controller_module = pytest.importorskip("aiosmtpd.controller")
    mailbox = Mailbox()
    controller = controller_module.Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield mailbox, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory, smtp):
    """Two documents built with a copy of the styles, then SMTP on loopback and a small email
    limit added to its converter.toml; the garden waste master is then changed so its
    formats are stale."""
    folder = tmp_path_factory.mktemp("serve")
    styles = folder / "styles"
    shutil.copytree(STYLES, styles)
    (folder / "parking.md").write_text(PARKING, encoding="utf-8")
    (folder / "waste.md").write_text(WASTE, encoding="utf-8")
    output = folder / "out"
    result = run_cli("build", folder / "parking.md", folder / "waste.md", "--output", output,
                     "--formats", "audio,easy-read,html", "--styles", styles, "-q")
    assert result.returncode == 0, result.stderr
    # Email settings are added after the build: they change nothing built, so the parking
    # formats stay fresh (converter.toml's [smtp] is left out of its hash).
    with (styles / "converter.toml").open("a", encoding="utf-8") as toml:
        toml.write(f'\n[smtp]\nhost = "127.0.0.1"\nport = {smtp[1]}\n'
                   f'sender = "formats@example.org"\ntls = "none"\n'
                   f"max_email_mb = {MAX_EMAIL_MB}\n")
    (folder / "waste.md").write_text(WASTE.replace("40 pounds", "45 pounds"), encoding="utf-8")
    port = free_port()
    log = (folder / "serve.log").open("w")
    # A relative --output, as an adviser would type it.
    process = subprocess.Popen(
        [sys.executable, "-m", "converter", "serve", "--output", "out", "--port",
         str(port), "--styles", str(styles)], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "CONVERTER_STYLES": str(styles)})
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None:
                break
            time.sleep(0.2)
    else:
        process.terminate()
        pytest.fail("converter serve did not start")
    assert process.poll() is None, (folder / "serve.log").read_text()
    yield base, folder
    process.terminate()
    process.wait(timeout=10)
    log.close()


def get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def raw_get(base: str, path: str) -> int:
    """GET `path` exactly as written (no client-side clean-up of '..')."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", path)
    status = connection.getresponse().status
    connection.close()
    return status


def check_axe(browser) -> None:
    violations = browser.axe()
    assert violations == [], describe(violations)


def test_adviser_finds_downloads_and_is_refused_a_stale_format(browser, site, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, _ = site
    browser.open(base + "/")
    check_axe(browser)
    # Keyboard only: Tab from the top reaches the skip link, then the search box, with a
    # visible focus indicator (WCAG 2.4.7).
    from selenium.webdriver.common.action_chains import ActionChains

    stops = []
    for _ in range(4):
        ActionChains(browser.driver).send_keys(Keys.TAB).perform()
        focused = browser.driver.switch_to.active_element
        stops.append(focused.get_attribute("name") or focused.text)
        if focused.get_attribute("name") == "q":
            break
    assert stops[-1] == "q" and stops[0] == "Skip to the content", stops
    assert browser.js("return getComputedStyle(document.activeElement).outlineStyle;") != "none"
    # A word from the title, with a typo and odd case.
    focused.send_keys("PARKNG")
    focused.send_keys(Keys.ENTER)
    browser.driver.find_element(By.LINK_TEXT, "Parking Permit Policy")
    assert "Garden Waste" not in browser.driver.page_source
    check_axe(browser)
    browser.driver.find_element(By.LINK_TEXT, "Parking Permit Policy").click()
    assert browser.driver.find_element(By.TAG_NAME, "h1").text == "Parking Permit Policy"
    assert "Fresh" in browser.driver.page_source and "Stale" not in browser.driver.page_source
    assert len(browser.driver.find_elements(By.TAG_NAME, "audio")) == 3  # opening + 2 chapters
    check_axe(browser)
    # Reflow at 320 CSS px (400% zoom, WCAG 1.4.10): no sideways scrolling.
    browser.open(browser.driver.current_url, width=320)
    assert not browser.overflows_horizontally()
    browser.resize(*browser.size)

    # Download the audio package in the browser.
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                   {"behavior": "allow", "downloadPath": str(downloads)})
    browser.driver.find_element(By.LINK_TEXT, "Download the Audio package").click()
    for _ in range(150):
        zips = list(downloads.glob("*.zip"))
        if zips and not list(downloads.glob("*.crdownload")):
            break
        time.sleep(0.2)
    assert [path.name for path in zips] == ["parking-audio.zip"]
    names = zipfile.ZipFile(zips[0]).namelist()
    assert "parking-audio/README.txt" in names
    assert "parking-audio/01-who-can-apply.mp3" in names
    assert "parking-audio/02-how-much-it-costs.mp3" in names
    # Exactly what `converter fetch --zip` makes.
    fetched = tmp_path / "fetched"
    result = run_cli("fetch", "parking", "--format", "audio", "--zip", "--to", fetched,
                     "--output", site[1] / "out", "--styles", site[1] / "styles")
    assert result.returncode == 0, result.stderr
    assert zipfile.ZipFile(fetched / "parking-audio.zip").namelist() == names

    # Send one chapter by email from the form, by keyboard.
    browser.open(base + "/d/parking")
    address = browser.driver.find_element(By.ID, "address")
    address.send_keys("resident@example.com")
    browser.driver.find_element(By.ID, "chapters").send_keys("1")
    browser.driver.find_element(By.ID, "chapters").send_keys(Keys.ENTER)
    status = browser.driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert status.startswith("Sent Parking Permit Policy in Audio as 1 email")
    check_axe(browser)

    # The changed master: its audio is refused with the reason, HTTP 409.
    browser.open(base + "/d/waste")
    assert "Stale" in browser.driver.page_source
    check_axe(browser)
    browser.driver.find_element(By.PARTIAL_LINK_TEXT, "Audio package cannot be sent").click()
    text = browser.driver.find_element(By.TAG_NAME, "main").text
    assert "cannot be sent" in text and "out of date" in text
    check_axe(browser)
    status, _, _ = get(base + "/d/waste/audio.zip")
    assert status == 409
    # The error pages are pages too.
    browser.open(base + "/d/no-such-document")
    assert "Not Found" in browser.driver.find_element(By.TAG_NAME, "h1").text
    check_axe(browser)
    shot = browser.screenshot(tmp_path / "serve.png")
    assert shot.stat().st_size > 1000


def test_paths_and_unknown_formats_are_404(site):
    base, _ = site
    for path in ("/d/../../etc/passwd", "/d/parking/../../x.zip", "/d/parking/nope.zip",
                 "/d/parking/braille.zip", "/d/parking/file/../manifest.json",
                 "/d/parking/file/manifest.json", "/d/parking/file/audio/transcripts/x.txt",
                 "/d/%2e%2e/audio.zip", "/d/parking%2F..%2F..%2Fetc/audio.zip"):
        assert raw_get(base, path) == 404, path
    status, body, headers = get(base + "/d/parking/nope.zip")
    assert b"<h1>Not Found</h1>" in body and b"Traceback" not in body
    # Resident files listed in the manifest are served (the audio players, PDFs inline).
    status, body, headers = get(base + "/d/parking/file/audio/01-who-can-apply.mp3")
    assert status == 200 and body[:3] in (b"ID3", b"\xff\xfb")
    pdfs = [p for p in (site[1] / "out" / "parking" / "easy-read").glob("*.pdf")]
    status, body, headers = get(f"{base}/d/parking/file/easy-read/{pdfs[0].name}")
    assert status == 200 and body.startswith(b"%PDF")
    assert "attachment" not in headers.get("Content-Disposition", "")
    status, body, headers = get(f"{base}/d/parking/file/html/parking.html")
    assert status == 200 and b"Parking Permit Policy" in body


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _post(opener, url: str, fields: dict) -> tuple[int, str]:
    data = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(url, data=data, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_post_without_csrf_token_is_refused(site, smtp):
    base, _ = site
    mailbox, _ = smtp
    before = len(mailbox.messages)
    opener = _opener()
    opener.open(base + "/d/parking").read()  # a session, but no token sent back
    status, page = _post(opener, base + "/d/parking/send",
                         {"address": "resident@example.com", "format": "audio"})
    assert status == 400 and "expired" in page
    status, page = _post(opener, base + "/d/parking/send",
                         {"address": "resident@example.com", "format": "audio",
                          "csrf": "forged"})
    assert status == 400
    assert len(mailbox.messages) == before


def test_email_sends_the_package_in_parts_under_the_limit(site, smtp):
    base, folder = site
    mailbox, _ = smtp
    mailbox.messages.clear()
    opener = _opener()
    page = opener.open(base + "/d/parking").read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    status, page = _post(opener, base + "/d/parking/send",
                         {"address": "resident@example.com", "format": "audio", "csrf": token})
    assert status == 200, page
    assert "Sent Parking Permit Policy in Audio as" in page
    assert len(mailbox.messages) >= 2, page  # split: the package is bigger than one email
    chapters = set()
    for raw in mailbox.messages:
        assert len(raw) < MAX_EMAIL_MB * 1_000_000
        message = email.message_from_bytes(raw)
        assert message["To"] == "resident@example.com"
        attachments = [part for part in message.walk() if part.get_filename()]
        assert len(attachments) == 1
        assert re.fullmatch(r"parking-audio-part-\d-of-\d\.zip", attachments[0].get_filename())
        archive = zipfile.ZipFile(io.BytesIO(attachments[0].get_payload(decode=True)))
        assert "parking-audio/README.txt" in archive.namelist()
        chapters.update(name for name in archive.namelist() if re.search(r"/0[12]-.*\.mp3$",
                                                                         name))
    assert chapters == {"parking-audio/01-who-can-apply.mp3",
                        "parking-audio/02-how-much-it-costs.mp3"}
    # The log names what was sent, never to whom.
    log = (folder / "serve.log").read_text()
    assert "sent document=parking format=audio" in log
    assert "resident@example.com" not in log
    # One chapter fits in one email.
    mailbox.messages.clear()
    status, page = _post(opener, base + "/d/parking/send",
                         {"address": "resident@example.com", "format": "audio",
                          "chapters": "2", "csrf": token})
    assert status == 200, page
    assert len(mailbox.messages) == 1
    # A stale format is refused, nothing is sent.
    mailbox.messages.clear()
    page = opener.open(base + "/d/waste").read().decode()
    status, page = _post(opener, base + "/d/waste/send",
                         {"address": "resident@example.com", "format": "audio", "csrf": token})
    assert status == 409 and "out of date" in page
    assert mailbox.messages == []


def test_smtp_settings_do_not_make_outputs_stale(tmp_path):
    from converter.config import Style

    shutil.copytree(STYLES, tmp_path / "styles")
    style = Style(tmp_path / "styles")
    before = style.files_sha256("converter.toml")
    toml = tmp_path / "styles" / "converter.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text + '\n[smtp] # email\nhost = "mail.example.org"\n', encoding="utf-8")
    assert style.files_sha256("converter.toml") == before
    assert style.typed("converter").smtp.host == "mail.example.org"
    toml.write_text(text.replace("[chapters]", '[smtp]\nhost = "x"\n\n[chapters]'),
                    encoding="utf-8")
    assert style.files_sha256("converter.toml") == before
    toml.write_text(text.replace('name = ""', 'name = "Southvale Council"'), encoding="utf-8")
    assert style.files_sha256("converter.toml") != before


def test_bad_smtp_settings_are_one_line_errors(tmp_path):
    shutil.copytree(STYLES, tmp_path / "styles")
    with (tmp_path / "styles" / "converter.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[smtp]\nhost = "127.0.0.1"\nport = "twenty-five"\n')
    result = run_cli("serve", "--output", tmp_path, "--styles", tmp_path / "styles")
    assert result.returncode == 2
    assert "[smtp] port must be" in result.stderr and "Traceback" not in result.stderr


def test_parts_page_has_no_axe_violations(browser, tmp_path):
    from converter.serve.pages import parts_page

    page = tmp_path / "parts.html"
    page.write_text(parts_page("Parking Permit Policy", "Audio", [
        ("/d/parking/audio.zip?part=1", "parking-audio-part-1-of-2.zip", 18_000_000),
        ("/d/parking/audio.zip?part=2", "parking-audio-part-2-of-2.zip", 9_000_000)]),
        encoding="utf-8")
    browser.open(page)
    check_axe(browser)
    browser.open(page, width=320)
    assert not browser.overflows_horizontally()
