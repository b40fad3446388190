"""What customer services and CI hand out: fresh, reviewed, resident files only, mail-sized
packages; `check` shows how many findings it left out; every option has help."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import click
import pytest
from conftest import SAMPLE, STYLES, load_manifest

from converter.formats import ALL_FORMATS, get_format
from converter.formats.base import role_of

POLICY = """# Travel Policy

## Who this is for

This policy is for staff who travel for work. Ask your manager first.

## Paying for travel

We pay for standard class rail tickets. Keep your receipts.

## Contact

Email travel@example.gov.uk with questions.
"""


def small_styles(folder: Path, limit_mb: float) -> Path:
    """A copy of the style folder with a lower mail limit, to test splitting quickly."""
    styles = folder / "styles"
    shutil.copytree(STYLES, styles)
    settings = styles / "fetch.toml"
    text = settings.read_text(encoding="utf-8")
    assert "max_file_mb = 20" in text
    settings.write_text(text.replace("max_file_mb = 20", f"max_file_mb = {limit_mb}"), "utf-8")
    return styles


def staff_names(doc_dir: Path) -> set[str]:
    manifest = load_manifest(doc_dir)
    return {Path(item["path"]).name for name, entry in manifest["formats"].items()
            for item in entry["files"]
            if not role_of(get_format(name), item["role"]).resident}


def test_every_role_is_declared_for_residents_or_staff():
    for name in ALL_FORMATS:
        fmt = get_format(name)
        assert fmt.label
        for role, info in fmt.roles.items():
            assert info.audience in ("resident", "staff"), (name, role)
            assert info.label, (name, role)


def test_fetch_refuses_stale_until_allowed_and_status_exit_codes(tmp_path, cli):
    source = tmp_path / "travel-policy.md"
    source.write_text(POLICY, encoding="utf-8")
    output, send = tmp_path / "out", tmp_path / "send"
    # Audio: a format with nothing for a person to approve, so only staleness counts.
    assert cli("build", source, "--output", output, "--formats", "audio", "-q").returncode == 0
    fresh = cli("status", source, "--output", output, "--formats", "audio")
    assert fresh.returncode == 0 and "fresh" in fresh.stdout
    built_at = load_manifest(output / "travel-policy")["formats"]["audio"]["built_at"]

    source.write_text(POLICY.replace("Keep your receipts.", "Keep every receipt."), "utf-8")
    refused = cli("fetch", "travel-policy", "--format", "audio", "--zip", "--to", send,
                  "--output", output)
    assert refused.returncode == 1
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    line = refused.stderr
    assert "out of date" in line and "edited 'Paying for travel'" in line
    assert built_at.replace("T", " ").replace("Z", " UTC") in line
    assert f"converter build {source} --formats audio" in line and "--allow-stale" in line
    assert not send.exists() or not any(send.iterdir())

    stale = cli("status", source, "--output", output, "--formats", "audio", "--json")
    assert stale.returncode == 1
    state = json.loads(stale.stdout)["documents"][0]["formats"]["audio"]
    assert state["state"] == "stale" and "Paying for travel" in state["reasons"][0]
    listing = json.loads(cli("list", "--output", output, "--json").stdout)
    assert listing["documents"][0]["formats"]["audio"]["state"] == "stale"
    assert "stale" in (output / "index.html").read_text(encoding="utf-8")

    allowed = cli("fetch", "travel-policy", "--format", "audio", "--zip", "--to", send,
                  "--output", output, "--allow-stale")
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stderr.startswith("warning: sending an out-of-date audio")
    with zipfile.ZipFile(send / "travel-policy-audio.zip") as archive:
        note = archive.read("travel-policy-audio/README.txt").decode("utf-8")
    assert "before the latest changes" in note

    assert cli("build", source, "--output", output, "--formats", "audio", "-q").returncode == 0
    assert cli("status", source, "--output", output, "--formats", "audio").returncode == 0
    again = cli("fetch", "travel-policy", "--format", "audio", "--to", send, "--output",
                output)
    assert again.returncode == 0 and not again.stderr


def test_easy_read_that_needs_review_is_refused_unless_draft(tmp_path, cli):
    source = tmp_path / "travel-policy.md"
    source.write_text(POLICY, encoding="utf-8")
    output, send = tmp_path / "out", tmp_path / "send"
    assert cli("easy-read", "draft", source).returncode == 0  # staff now own the script
    cli("build", source, "--output", output, "--formats", "easy-read", "-q")
    source.write_text(POLICY.replace("Keep your receipts.", "Keep every receipt."), "utf-8")
    # Rebuilt from the edited script: fresh, but the master changed under a section.
    assert cli("build", source, "--output", output, "--formats", "easy-read", "-q").returncode == 0
    status = cli("status", source, "--output", output, "--formats", "easy-read")
    assert status.returncode == 1
    assert "needs review" in status.stdout and "Paying for travel" in status.stdout
    refused = cli("fetch", "travel-policy", "--format", "easy-read", "--to", send, "--output",
                  output)
    assert refused.returncode == 1 and "needs review" in refused.stderr
    assert "--draft" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    draft = cli("fetch", "travel-policy", "--format", "easy-read", "--to", send, "--output",
                output, "--draft")
    assert draft.returncode == 0, draft.stderr
    assert "draft" in draft.stderr
    readme = (send / "travel-policy-easy-read" / "README.txt").read_text(encoding="utf-8")
    assert "This is a draft" in readme
    listing = json.loads(cli("list", "--output", output, "--json").stdout)
    assert listing["documents"][0]["formats"]["easy-read"]["state"] == "needs review"
    assert "needs review" in (output / "index.html").read_text(encoding="utf-8").lower()


def test_resident_packages_hold_no_staff_files(sample_build, tmp_path, cli):
    output = sample_build.parent
    staff = staff_names(sample_build)
    assert {"easy-read-script.md", "image-slots.csv", "report.html", "report.json"} <= staff
    manifest = load_manifest(sample_build)
    sendable = [name for name, entry in manifest["formats"].items()
                if any(role_of(get_format(name), item["role"]).resident
                       for item in entry["files"])]
    assert {"easy-read", "audio"} <= set(sendable)
    for name in sendable:
        result = cli("fetch", sample_build.name, "--format", name, "--zip", "--to", tmp_path,
                     "--output", output, "--draft")  # an unapproved Easy Read is a draft
        assert result.returncode == 0, result.stderr
        resident = {item["path"].split("/", 1)[1] for item in manifest["formats"][name]["files"]
                    if role_of(get_format(name), item["role"]).resident}
        packed = set()
        for path in tmp_path.glob(f"{sample_build.name}-{name}*.zip"):
            with zipfile.ZipFile(path) as archive:
                names = [entry.split("/", 1)[1] for entry in archive.namelist()]
            assert "README.txt" in names
            packed.update(names)
            for entry in names:
                assert Path(entry).name not in staff and Path(entry).name != "manifest.json"
                assert not entry.endswith((".csv", ".md", ".json")), entry
        assert packed - {"README.txt"} == resident
    first = next(tmp_path.glob(f"{sample_build.name}-*.zip"))
    with zipfile.ZipFile(first) as archive:
        readme = next(archive.read(entry).decode("utf-8") for entry in archive.namelist()
                      if entry.endswith("README.txt"))
    # the resident is told how to ask for another format: the master's own contact details
    assert "How to contact us\nPhone us on 0345 303 6760." in readme
    assert "Email us at equality@northvale-ca.gov.uk." in readme


def test_big_audio_is_split_into_parts_under_the_limit(sample_build, tmp_path, cli):
    """The sample's audio is about 16 MB; a 3 MB limit makes several parts, each under it,
    that together hold every chapter (the real 20 MB case is measured in the README)."""
    styles = small_styles(tmp_path, 3)
    send = tmp_path / "send"
    result = cli("fetch", sample_build.name, "--format", "audio", "--zip", "--to", send,
                 "--output", sample_build.parent, "--styles", styles)
    assert result.returncode == 0, result.stderr
    parts = sorted(send.glob("*.zip"))
    assert len(parts) > 2
    assert f"Wrote {len(parts)} parts, each under 3 MB" in result.stdout
    chapters = [item["path"].split("/", 1)[1] for item in
                load_manifest(sample_build)["formats"]["audio"]["files"]
                if item["role"] in ("chapter-audio", "announcement-audio")]
    packed = []
    for number, part in enumerate(parts, start=1):
        assert part.stat().st_size <= 3_000_000
        assert part.name.endswith(f"-part-{number}-of-{len(parts)}.zip") or len(parts) >= 10
        with zipfile.ZipFile(part) as archive:
            assert archive.testzip() is None
            readme = archive.read(f"{sample_build.name}-audio/README.txt").decode("utf-8")
            packed += [n.split("/", 1)[1] for n in archive.namelist() if n.endswith(".mp3")]
        assert f"part {number} of {len(parts)}" in readme
    assert sorted(packed) == sorted(chapters)  # every chapter once; no whole-file duplicate
    # Fetched again with the normal limit: one zip, and the earlier parts are gone.
    again = cli("fetch", sample_build.name, "--format", "audio", "--zip", "--to", send,
                "--output", sample_build.parent)
    assert again.returncode == 0, again.stderr
    assert [p.name for p in send.glob("*.zip")] == [f"{sample_build.name}-audio.zip"]
    assert send.joinpath(f"{sample_build.name}-audio.zip").stat().st_size <= 20_000_000


def test_one_chapter_over_the_limit_is_a_clear_error(sample_build, tmp_path, cli):
    styles = small_styles(tmp_path, 0.2)
    result = cli("fetch", sample_build.name, "--format", "audio", "--zip", "--to",
                 tmp_path / "send", "--output", sample_build.parent, "--styles", styles)
    assert result.returncode == 1
    assert "over the 0.2 MB limit" in result.stderr and "--small" in result.stderr
    assert not list((tmp_path / "send").glob("*.zip*"))


def test_chapters_and_small(sample_build, tmp_path, cli):
    send = tmp_path / "send"
    picked = cli("fetch", sample_build.name, "--format", "audio", "--zip", "--chapters", "2,4",
                 "--small", "--to", send, "--output", sample_build.parent)
    assert picked.returncode == 0, picked.stderr
    manifest = load_manifest(sample_build)
    ids = [c["id"] for c in manifest["document"]["chapters"]]
    with zipfile.ZipFile(next(send.glob("*.zip"))) as archive:
        names = archive.namelist()
        archive.extractall(send)
    mp3s = sorted(Path(n).name for n in names if n.endswith(".mp3"))
    assert mp3s == [f"02-{ids[1]}.mp3", f"04-{ids[3]}.mp3"]
    readme = (send / f"{sample_build.name}-audio" / "README.txt").read_text(encoding="utf-8")
    assert "32 kbps mono" in readme
    assert "play on any phone" in readme, "how to play them, though no announcement is sent"
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=bit_rate,channels",
         "-of", "json", str(send / f"{sample_build.name}-audio" / mp3s[0])],
        capture_output=True, text=True, check=True)
    stream = json.loads(probe.stdout)["streams"][0]
    assert stream["channels"] == 1 and int(stream["bit_rate"]) == 32000
    original = sample_build / "audio" / mp3s[0]
    assert (send / f"{sample_build.name}-audio" / mp3s[0]).stat().st_size < \
        original.stat().st_size * 0.6
    for chosen in ("2", "4"):  # a folder fetched again holds only the new choice
        folder = cli("fetch", sample_build.name, "--format", "audio", "--chapters", chosen,
                     "--to", tmp_path / "folder", "--output", sample_build.parent)
        assert folder.returncode == 0, folder.stderr
    copied = tmp_path / "folder" / f"{sample_build.name}-audio"
    assert sorted(p.name for p in copied.glob("*.mp3")) == [f"04-{ids[3]}.mp3"]
    wrong = cli("fetch", sample_build.name, "--format", "audio", "--chapters", "99",
                "--to", send, "--output", sample_build.parent)
    assert wrong.returncode == 2 and "chapters" in wrong.stderr
    brf = cli("fetch", sample_build.name, "--format", "braille", "--chapters", "1",
              "--to", send, "--output", sample_build.parent, "--draft", "--allow-stale")
    assert brf.returncode == 2 and "--chapters works for" in brf.stderr
    # An Easy Read in parts sends the part that holds the chapter.
    pdf = cli("fetch", sample_build.name, "--format", "easy-read", "--chapters", "1",
              "--to", tmp_path / "part", "--output", sample_build.parent, "--draft")
    assert pdf.returncode == 0, pdf.stderr
    assert [p.name for p in (tmp_path / "part").rglob("*.pdf")] == \
        [f"{sample_build.name}-easy-read-part-1.pdf"]


def test_catalogue_shows_states_players_and_search(sample_build):
    html = (sample_build.parent / "index.html").read_text(encoding="utf-8")
    chapters = load_manifest(sample_build)["document"]["chapters"]
    assert html.count("<audio controls") == len(chapters) + 1  # and the announcement
    assert 'role="search"' in html and 'type="search"' in html
    assert "Fresh" in html and "Size for residents" in html
    assert "Files for staff" in html  # folded away, not mixed in
    assert html.count("Transcript of") == len(chapters) + 1


def test_check_text_states_the_total_and_all_shows_every_one(cli):
    short = cli("check", SAMPLE, "--format", "text")
    line = next(x for x in short.stdout.splitlines() if "Showing" in x)
    shown, total = [int(word) for word in line.split() if word.isdigit()][:2]
    assert shown == 8 and total > 8
    every = cli("check", SAMPLE, "--format", "text", "--all")
    assert f"Showing all {total} findings." in every.stdout
    assert every.stdout.count('          "') == total


def test_github_annotations_for_word_carry_sentence_and_chapter(cli):
    result = cli("check", SAMPLE, "--format", "github")
    data = json.loads(cli("check", SAMPLE, "--format", "json").stdout)["documents"][0]
    titles = {chapter["id"]: chapter["title"] for chapter in data["chapters"]}
    lines = [line for line in result.stdout.splitlines() if "title=long-sentence" in line]
    finding = next(f for f in data["findings"] if f["rule"] == "long-sentence")
    assert lines and finding["text"] in lines[0]
    assert f"In '{titles[finding['location']['chapter']]}'" in lines[0]


def walk(command: click.Command, path: str = "converter"):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, f"{path} {name}")


def test_every_option_in_help_has_a_description():
    from converter.cli import cli as root

    seen = 0
    for path, command in walk(root):
        assert (command.help or "").strip(), path
        for param in command.params:
            if isinstance(param, click.Option):
                seen += 1
                assert (param.help or "").strip(), f"{path} {param.opts[0]} has no help"
    assert seen > 20


@pytest.mark.parametrize("args", [("--format", ""), ("--format", "nonsense")])
def test_fetch_bad_format_is_one_line_exit_2(tmp_path, cli, args):
    source = tmp_path / "travel-policy.md"
    source.write_text(POLICY, encoding="utf-8")
    cli("build", source, "--output", tmp_path / "out", "--formats", "plain-english", "-q")
    result = cli("fetch", "travel-policy", *args, "--output", tmp_path / "out")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_catalogue_in_a_browser(browser, sample_build, tmp_path, cli):
    """The full catalogue (states, players, staff files, search) in headless Chromium:
    0 axe-core violations (WCAG 2.2 A/AA), reflow at 320 px, and the title filter works."""
    from browser import describe

    # A second document, so the filter has something to hide.
    other = tmp_path / "travel-policy.md"
    other.write_text(POLICY, encoding="utf-8")
    output = tmp_path / "out"
    shutil.copytree(sample_build.parent, output, ignore=shutil.ignore_patterns("*.lock"))
    assert cli("build", other, "--output", output, "--formats", "plain-english",
               "-q").returncode == 0
    catalogue = output / "index.html"
    browser.open(catalogue)
    violations = browser.axe()
    assert violations == [], describe(violations)
    assert browser.js("return document.querySelectorAll('audio[controls]').length;") > 5
    assert browser.js("return document.getElementById('search').hidden;") is False
    browser.js("const box = document.getElementById('find'); box.value = 'travel';"
               "box.dispatchEvent(new Event('input'));")
    shown = browser.js("return Array.from(document.querySelectorAll('section.doc'))"
                       ".filter(s => !s.hidden).map(s => s.id || s.dataset.title);")
    assert shown == ["travel policy"]
    assert "Showing 1 of 2" in browser.js("return document.getElementById('find-count')"
                                          ".textContent;")
    violations = browser.axe()
    assert violations == [], describe(violations)
    browser.open(catalogue, width=320)
    assert not browser.overflows_horizontally()
    browser.screenshot(tmp_path / "catalogue.png")


HARD = """# Parking Permits

## Applications

Notwithstanding the aforementioned provisions, applications for residential parking permits
which are submitted subsequent to the commencement of the relevant financial year shall be
processed in accordance with the procedures that have been established by the authority in
consultation with the relevant stakeholders and partner organisations across the region.

## Charges

Charges are reviewed annually and are determined by the authority having regard to the
operational expenditure that is incurred in the administration and enforcement of the scheme.
"""


def test_plain_english_for_a_resident_is_the_web_edition(tmp_path, cli):
    """A resident who asks for Plain English gets the web edition (and large print if they
    ask), never the staff readability report; the adviser is warned when the master does
    not pass the gate."""
    from converter.formats import FORMAT_MODULES

    if not {"html", "large-print"} <= set(FORMAT_MODULES):
        pytest.skip("the html and large-print formats are not on this branch yet")
    source = tmp_path / "parking.md"
    source.write_text(HARD, encoding="utf-8")
    output, send = tmp_path / "out", tmp_path / "send"
    built = cli("build", source, "--output", output, "--formats",
                "plain-english,html,large-print", "-q")
    assert built.returncode == 0, built.stderr
    result = cli("fetch", "parking", "--format", "plain-english", "--zip", "--to", send,
                 "--output", output)
    assert result.returncode == 0, result.stderr
    assert "does not pass the Plain English gate" in result.stderr
    with zipfile.ZipFile(send / "parking-plain-english.zip") as archive:
        names = sorted(Path(name).name for name in archive.namelist())
        readme = archive.read("parking-plain-english/README.txt").decode("utf-8")
    assert names == ["README.txt", "parking.html"]
    assert "web browser" in readme
    both = cli("fetch", "parking", "--format", "plain-english,large-print", "--zip", "--to",
               send, "--output", output)
    assert both.returncode == 0, both.stderr
    with zipfile.ZipFile(send / "parking-plain-english-large-print.zip") as archive:
        names = sorted(Path(name).name for name in archive.namelist())
    assert names == ["README.txt", "parking-large-print.pdf", "parking.html"]
    assert not any("report" in name for name in names)

    easy = tmp_path / "travel-policy.md"
    easy.write_text(POLICY, encoding="utf-8")
    cli("build", easy, "--output", output, "--formats", "plain-english,html", "-q")
    calm = cli("fetch", "travel-policy", "--format", "plain-english", "--to", send,
               "--output", output)
    assert calm.returncode == 0 and "gate" not in calm.stderr, calm.stderr
