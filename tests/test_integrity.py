"""Nothing read back from output/ is trusted: each case creates the fault for real, and a
victim file beside the output folder must survive every command."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, STYLES, run_cli
from test_build import write_policy

VICTIM_TEXT = "the user's own file, outside output/\n"


@pytest.fixture
def setup(tmp_path):
    """A built document (Plain English only, fast), its output folder and a victim file."""
    work = tmp_path / "work"
    work.mkdir()
    source = write_policy(work)
    output = work / "output"
    victim = work / "victim.txt"
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    result = run_cli("build", source, "--output", output, "--formats", "plain-english", "-q")
    assert result.returncode == 0, result.stderr
    return work, source, output, output / "travel-policy", victim


def every_command(source: Path, output: Path, to: Path) -> dict[str, subprocess.CompletedProcess]:
    return {
        "build": run_cli("build", source, "--output", output, "--formats", "plain-english", "-q"),
        "list": run_cli("list", "--output", output),
        "status": run_cli("status", "--output", output, "--formats", "plain-english"),
        "fetch": run_cli("fetch", "travel-policy", "--format", "plain-english", "--to", to,
                         "--output", output),
        "fetch-zip": run_cli("fetch", "travel-policy", "--format", "plain-english", "--zip",
                             "--to", to, "--output", output),
    }


def assert_one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, result
    assert all(word in result.stderr for word in words), result.stderr


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_manifest(doc_dir: Path, change) -> None:
    path = doc_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


# 1. One gate for every path read back -------------------------------------------------

@pytest.mark.parametrize("bad_path", ["../../victim.txt", "plain-english/../../../victim.txt",
                                      "ABSOLUTE"])
def test_tampered_manifest_path_never_touches_outside(setup, bad_path):
    work, source, output, doc_dir, victim = setup
    bad = str(victim) if bad_path == "ABSOLUTE" else bad_path
    edit_manifest(doc_dir, lambda m: m["formats"]["plain-english"]["files"].append(
        {"path": bad, "sha256": "0" * 64, "bytes": 1, "role": "report-html"}))
    results = every_command(source, output, work / "send")
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert not (work / "send").exists() or not any((work / "send").rglob("victim*"))
    # The damaged manifest is set aside by build and the document rebuilt from nothing.
    assert results["build"].returncode == 0, results["build"].stderr
    assert "set aside" in results["build"].stderr or "Kept as" in results["build"].stderr
    assert (doc_dir / "manifest.damaged.json").exists()
    # A format with files for residents (the Plain English report is for staff).
    assert run_cli("build", source, "--output", output, "--formats", "easy-read",
                   "-q").returncode == 0
    assert run_cli("fetch", "travel-policy", "--format", "easy-read", "--draft", "--to",
                   work / "send2", "--output", output).returncode == 0


def test_fetch_never_hands_out_a_file_from_outside(setup):
    work, source, output, doc_dir, victim = setup
    secret = work / "secret.txt"
    secret.write_text("private\n", encoding="utf-8")
    edit_manifest(doc_dir, lambda m: m["formats"]["plain-english"]["files"].append(
        {"path": "plain-english/../../secret.txt", "sha256": sha(secret), "bytes": 8,
         "role": "report-html"}))
    for extra in ([], ["--zip"]):
        result = run_cli("fetch", "travel-policy", "--format", "plain-english", "--to",
                         work / "send", "--output", output, *extra)
        assert result.returncode == 2
        assert_one_line(result, "travel-policy")
    sent = list((work / "send").rglob("*")) if (work / "send").exists() else []
    assert not sent


def planted_journal(doc_dir: Path, victim: Path, output: Path) -> Path:
    outside = victim.parent / "moved-in.txt"
    outside.write_text("this must stay outside\n", encoding="utf-8")
    manifest = json.loads((doc_dir / "manifest.json").read_text(encoding="utf-8"))
    journal = {"moves": [[os.path.relpath(outside, doc_dir), "plain-english/evil.txt"]],
               "deletes": ["../../victim.txt", str(victim)], "manifest": manifest}
    path = doc_dir / ".transaction.json"
    path.write_text(json.dumps(journal), encoding="utf-8")
    return outside


@pytest.mark.parametrize("signed", [False, True])
def test_planted_journal_is_refused_and_left_alone(setup, signed):
    work, source, output, doc_dir, victim = setup
    outside = planted_journal(doc_dir, victim, output)
    journal = doc_dir / ".transaction.json"
    if signed:  # even a journal signed with the real key may only touch its own folder
        from converter.pipeline import transaction

        data = json.loads(journal.read_text(encoding="utf-8"))
        data["mac"] = transaction._mac(transaction._key(output), doc_dir.name, data)
        journal.write_text(json.dumps(data), encoding="utf-8")
    planted = journal.read_bytes()
    results = every_command(source, output, work / "send")
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert outside.read_text(encoding="utf-8") == "this must stay outside\n"
    assert not (doc_dir / "plain-english" / "evil.txt").exists()
    assert journal.read_bytes() == planted  # left alone for a person to look at
    assert results["build"].returncode == 2
    assert_one_line(results["build"], ".transaction.json", "refused")
    assert results["list"].returncode == 0  # list still works and reports it
    assert "set aside" in results["list"].stderr


def test_journal_copied_from_another_output_folder_is_refused(tmp_path):
    from converter.pipeline.transaction import JOURNAL, _key, _mac

    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    first, second = tmp_path / "one", tmp_path / "two"
    for output in (first, second):
        source = write_policy(tmp_path)
        assert run_cli("build", source, "--output", output, "--formats", "plain-english",
                       "-q").returncode == 0
    manifest = json.loads((first / "travel-policy" / "manifest.json").read_text())
    journal = {"moves": [], "deletes": ["plain-english/report.html"], "manifest": manifest}
    journal["mac"] = _mac(_key(first), "travel-policy", journal)
    (second / "travel-policy" / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    result = run_cli("build", source, "--output", second, "--formats", "plain-english", "-q")
    assert result.returncode == 2 and "refused" in result.stderr
    assert (second / "travel-policy" / "plain-english" / "report.html").exists()


def test_a_real_interrupted_commit_still_rolls_forward(setup, monkeypatch):
    """The signature does not get in the way of what the journal is for."""
    from converter.pipeline import transaction

    work, source, output, doc_dir, victim = setup
    before = sha(doc_dir / "plain-english" / "report.json")
    source.write_text(source.read_text() + "\nA new paragraph.\n", encoding="utf-8")
    monkeypatch.setattr(transaction, "_apply", lambda doc_dir, journal: (_ for _ in ()).throw(
        SystemExit("killed after the commit point")))
    from test_build import build

    with pytest.raises(SystemExit):
        build(source, output)
    assert (doc_dir / transaction.JOURNAL).exists()
    monkeypatch.undo()
    result = run_cli("list", "--output", output)
    assert result.returncode == 0 and "travel-policy" in result.stdout
    assert not (doc_dir / transaction.JOURNAL).exists()
    assert sha(doc_dir / "plain-english" / "report.json") != before
    assert run_cli("status", source, "--output", output, "--formats",
                   "plain-english").returncode == 0


# 2. No links followed -----------------------------------------------------------------

@pytest.mark.parametrize("where", ["plain-english", "plain-english/report.html",
                                   ".staging", ".build.lock", "DOCDIR", "LOCKFILE"])
def test_symlink_in_output_is_refused_never_written_through(setup, where):
    work, source, output, doc_dir, victim = setup
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "report.html").write_text("user's page\n", encoding="utf-8")
    if where == "DOCDIR":
        shutil.move(doc_dir, work / "moved-doc")
        doc_dir.symlink_to(work / "moved-doc", target_is_directory=True)
    elif where == "LOCKFILE":  # the build lock, kept in output/.locks/
        lock = output / ".locks" / "travel-policy.build.lock"
        lock.unlink()
        lock.symlink_to(victim)
    else:
        target = doc_dir / where
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        pointing = elsewhere if where in ("plain-english", ".staging") else victim
        if where == "plain-english/report.html":
            pointing = elsewhere / "report.html"
        target.symlink_to(pointing)
    source.write_text(source.read_text() + "\nChanged so that build writes.\n")
    result = run_cli("build", source, "--output", output, "--formats", "plain-english",
                     "--force", "-q")
    assert result.returncode == 2, result.stderr
    assert_one_line(result, "symbolic link")
    assert (elsewhere / "report.html").read_text(encoding="utf-8") == "user's page\n"
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert sorted(p.name for p in elsewhere.iterdir()) == ["report.html"]


# 3. Distinct ids for distinct sources -------------------------------------------------

def test_same_file_name_in_two_folders_gets_two_ids(tmp_path):
    output = tmp_path / "output"
    housing, transport = tmp_path / "housing", tmp_path / "transport"
    for folder, topic in ((housing, "Housing"), (transport, "Transport")):
        folder.mkdir()
        (folder / "policy.md").write_text(f"# {topic} policy\n\nWe look after {topic}.\n")
    for folder in (housing, transport, housing):
        result = run_cli("build", folder / "policy.md", "--output", output, "--formats",
                         "plain-english", "-q")
        assert result.returncode == 0, result.stderr
    ids = sorted(p.name for p in output.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert ids[0] == "policy" and ids[1].startswith("policy-") and len(ids) == 2
    titles = {json.loads((output / i / "manifest.json").read_text())["document"]["title"]
              for i in ids}
    assert titles == {"Housing policy", "Transport policy"}
    housing_manifest = json.loads((output / "policy" / "manifest.json").read_text())
    assert housing_manifest["document"]["source"] == str((housing / "policy.md").resolve())


def test_manifest_source_is_absolute_and_read_from_any_folder(tmp_path):
    output = tmp_path / "output"
    (tmp_path / "docs").mkdir()
    write_policy(tmp_path / "docs")
    result = run_cli("build", "docs/travel-policy.md", "--output", "output", "--formats",
                     "plain-english", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((output / "travel-policy" / "manifest.json").read_text())
    assert Path(manifest["document"]["source"]).is_absolute()
    elsewhere = tmp_path / "docs"
    listing = run_cli("list", "--output", output, cwd=elsewhere)
    assert "[fresh]" in listing.stdout, listing
    status = run_cli("status", "--output", output, "--formats", "plain-english", cwd=elsewhere)
    assert status.returncode == 0, status.stdout + status.stderr


# 5. Manifests checked before use; fetch --to ------------------------------------------

@pytest.mark.parametrize("damage", ["formats", "document.source", "files.sha256", "bytes-type"])
def test_manifest_with_a_missing_key_is_set_aside(setup, damage):
    work, source, output, doc_dir, victim = setup
    other = write_policy(work, name="other-policy.md")
    assert run_cli("build", other, "--output", output, "--formats", "plain-english",
                   "-q").returncode == 0

    def change(manifest):
        if damage == "formats":
            del manifest["formats"]
        elif damage == "document.source":
            del manifest["document"]["source"]
        elif damage == "files.sha256":
            del manifest["formats"]["plain-english"]["files"][0]["sha256"]
        else:
            manifest["formats"]["plain-english"]["files"][0]["bytes"] = "12"

    edit_manifest(doc_dir, change)
    listing = run_cli("list", "--output", output)
    assert listing.returncode == 0 and "other-policy" in listing.stdout
    assert "travel-policy set aside" in listing.stderr and "Traceback" not in listing.stderr
    fetch = run_cli("fetch", "travel-policy", "--format", "plain-english", "--to",
                    work / "send", "--output", output)
    assert fetch.returncode == 2 and "Traceback" not in fetch.stderr
    build_other = run_cli("build", other, "--output", output, "--formats", "plain-english",
                          "--force", "-q")
    assert build_other.returncode == 0, build_other.stderr
    rebuilt = run_cli("build", source, "--output", output, "--formats", "plain-english", "-q")
    assert rebuilt.returncode == 0 and "Kept as manifest.damaged.json" in rebuilt.stderr
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT


def test_status_and_fetch_agree_on_a_corrupted_output(setup):
    work, source, output, doc_dir, victim = setup
    # A format with files for residents (the Plain English report is for staff).
    assert run_cli("build", source, "--output", output, "--formats", "easy-read",
                   "-q").returncode == 0
    pdf = doc_dir / "easy-read" / "travel-policy-easy-read.pdf"
    pdf.write_bytes(pdf.read_bytes().replace(b"%PDF", b"%pdf", 1))  # same size
    status = run_cli("status", source, "--output", output, "--formats", "easy-read")
    fetch = run_cli("fetch", "travel-policy", "--format", "easy-read", "--draft", "--to",
                    work / "send", "--output", output)
    assert status.returncode == 1 and "damaged" in status.stdout
    assert fetch.returncode != 0 and "does not match" in fetch.stderr
    assert run_cli("build", source, "--output", output, "--formats", "easy-read",
                   "-q").returncode == 0
    assert "damaged" not in run_cli("status", source, "--output", output, "--formats",
                                    "easy-read").stdout


def test_status_help_names_every_state():
    result = run_cli("status", "--help")
    assert result.returncode == 0
    for state in ("fresh", "stale", "needs review", "damaged", "missing"):
        assert state in " ".join(result.stdout.split())


def test_status_of_a_stale_and_damaged_output_says_both(setup):
    work, source, output, doc_dir, victim = setup
    report = doc_dir / "plain-english" / "report.html"
    report.write_text(report.read_text(encoding="utf-8") + "tampered", encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    status = run_cli("status", source, "--output", output, "--formats", "plain-english")
    assert status.returncode == 1
    assert "stale" in status.stdout and "also damaged: plain-english/report.html" in status.stdout


def test_no_lock_files_are_left_in_the_document_folder(setup):
    work, source, output, doc_dir, victim = setup
    # An output folder from a version that kept its locks there: the next build tidies it.
    (doc_dir / ".build.lock").write_text("", encoding="utf-8")
    (doc_dir / ".commit.lock").write_text("", encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    assert run_cli("build", source, "--output", output, "--formats", "plain-english",
                   "-q").returncode == 0
    assert run_cli("fetch", "travel-policy", "--format", "html", "--to", work / "send",
                   "--output", output).returncode != 0  # not built; the lock is still taken
    assert not [p.name for p in doc_dir.rglob("*.lock")]
    names = {p.name for p in doc_dir.iterdir()}
    assert names == {"manifest.json", "plain-english"}, names
    locks = sorted(p.name for p in (output / ".locks").iterdir())
    assert locks == ["catalogue.lock", "travel-policy.build.lock", "travel-policy.commit.lock"]
    # A folder of locks is not a document.
    listed = run_cli("list", "--output", output)
    assert listed.returncode == 0 and ".locks" not in listed.stdout + listed.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_fetch_into_a_read_only_folder(setup):
    work, source, output, doc_dir, victim = setup
    locked = work / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run_cli("fetch", "travel-policy", "--format", "plain-english", "--to",
                         locked, "--output", output)
    finally:
        locked.chmod(0o700)
    assert result.returncode == 2
    assert_one_line(result, "not writable")


def test_fetch_to_under_a_file(setup):
    work, source, output, doc_dir, victim = setup
    for extra in ([], ["--zip"]):
        result = run_cli("fetch", "travel-policy", "--format", "plain-english", "--to",
                         victim / "sub", "--output", output, *extra)
        assert result.returncode == 2, result.stderr
        assert_one_line(result, "a file is in the way")
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT


# 6. Temporary files cleaned on SIGTERM ------------------------------------------------

@pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
                    reason="espeak-ng and ffmpeg are needed (make setup)")
def test_sigterm_removes_temporary_files(tmp_path):
    from test_robustness import SPOKEN

    source = tmp_path / "spoken-policy.md"
    source.write_text(SPOKEN * 3, encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "CONVERTER_STYLES": str(STYLES), "TMPDIR": str(temp)}
    process = subprocess.Popen([sys.executable, "-m", "converter", "build", str(source),
                                "--output", str(tmp_path / "out"), "--formats", "audio",
                                "--jobs", "1", "-q"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(temp.rglob("*.wav")):
        time.sleep(0.05)
    assert list(temp.rglob("*.wav")), "the build never wrote a temporary WAV"
    process.send_signal(signal.SIGTERM)
    assert process.wait(60) == 128 + signal.SIGTERM
    time.sleep(1)  # an engine started just before may still be finishing
    assert not [p for p in temp.rglob("*") if p.suffix in (".wav", ".mp3", ".ssml")]
    assert not (tmp_path / "out" / "spoken-policy" / ".staging").exists()


# 5. Exit 2 with one clear line for every bad value in Word input ----------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="n1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/numbering" '
            'Target="numbering.xml"/></Relationships>')
NUMBERING = (f'<?xml version="1.0"?><w:numbering xmlns:w="{W_NS}"><w:abstractNum '
             'w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl>'
             '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
             '</w:numbering>')


def word_file(path: Path, paragraphs: str, styles: str | None = None, prolog: str = "") -> Path:
    from test_bad_inputs import MINIMAL_RELS, make_zip

    body = (f'<?xml version="1.0"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{paragraphs}'
            '</w:body></w:document>')
    parts = {"_rels/.rels": MINIMAL_RELS, "word/document.xml": body.encode("utf-8"),
             "word/_rels/document.xml.rels": DOC_RELS.encode(),
             "word/numbering.xml": NUMBERING.encode()}
    if styles:
        parts["word/styles.xml"] = styles.encode("utf-8")
    return make_zip(path, parts)


def para(text: str, ppr: str = "", run_extra: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r>{run_extra}<w:t>{text}</w:t></w:r></w:p>"


BAD_WORD_VALUES = {
    "superscript outline level": (para("Intro", '<w:outlineLvl w:val="\u00b2"/>'), "outlineLvl"),
    "symbol FFFFFFFF": (para("Tick", run_extra='<w:sym w:char="FFFFFFFF"/>'), "w:sym"),
    "symbol D800": (para("Tick", run_extra='<w:sym w:char="D800"/>'), "w:sym"),
    "list level 10^20": (para("Item", '<w:numPr><w:ilvl w:val="100000000000000000000"/>'
                                      '<w:numId w:val="1"/></w:numPr>'), "ilvl"),
}


@pytest.mark.parametrize("case", sorted(BAD_WORD_VALUES))
def test_bad_word_values_exit_2_with_one_line(tmp_path, case):
    paragraphs, words = BAD_WORD_VALUES[case]
    source = word_file(tmp_path / "damaged.docx", para("Policy") + paragraphs)
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    result = run_cli("build", source, "--output", tmp_path / "output", "--formats",
                     "plain-english")
    assert result.returncode == 2, result.stderr
    assert_one_line(result, words, "damaged")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "output" / "damaged").exists()
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT


def test_good_symbols_and_list_levels_still_read(tmp_path):
    from converter.readers import read_document

    source = word_file(tmp_path / "fine.docx", para("Policy") + para(
        "Tick", run_extra='<w:sym w:char="F0FC"/>') + para(
        "Deep item", '<w:numPr><w:ilvl w:val="12"/><w:numId w:val="1"/></w:numPr>'))
    blocks = [b for chapter in read_document(source).chapters for b in chapter.blocks]
    assert any(b.text.startswith("\uf0fc") for b in blocks)
    assert any(b.kind == "list_item" and b.level == 8 for b in blocks)


def test_twenty_thousand_deep_style_chain_is_linear(tmp_path):
    from converter.readers import read_document

    depth = 20_000
    styles = ['<w:style w:type="paragraph" w:styleId="S0"><w:name w:val="heading 2"/>'
              '</w:style>']
    styles += [f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="s{i}"/>'
               f'<w:basedOn w:val="S{i - 1}"/></w:style>' for i in range(1, depth)]
    styles_xml = f'<?xml version="1.0"?><w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'
    paragraphs = "".join(para(f"Heading {i}", f'<w:pStyle w:val="S{depth - 1 - i}"/>')
                         + para(f"Text {i}.") for i in range(2000))
    source = word_file(tmp_path / "deep.docx", paragraphs, styles_xml)
    started = time.perf_counter()
    document = read_document(source)
    assert time.perf_counter() - started < 15
    headings = [b for c in document.chapters for b in c.blocks if b.kind == "heading"]
    assert len(headings) == 2000 and all(h.level == 2 for h in headings)


def test_doctype_after_the_first_4_kb_is_refused(tmp_path):
    prolog = "<!--" + "x" * 6000 + "-->" + '<!DOCTYPE d [<!ENTITY e "boom">]>'
    source = word_file(tmp_path / "late.docx", para("Policy &e;"), prolog=prolog)
    result = run_cli("build", source, "--output", tmp_path / "output", "--formats",
                     "plain-english")
    assert result.returncode == 2
    assert_one_line(result, "DOCTYPE")


def test_a_4301_digit_number_is_read_digit_by_digit():
    from converter.formats.audio.normalise import Normaliser

    # Up to the quintillions a number is said in words (NeMo's cardinal cases); past them,
    # digit by digit.
    spoken = Normaliser()("The code is " + "7" * 4301 + " and 1,000,000,000,000,000,000,000.")
    assert spoken.count("seven") == 4301
    assert "one zero zero zero" in spoken and "\ue000" not in spoken


@pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("ffmpeg")), reason="needs espeak-ng, ffmpeg")
@pytest.mark.parametrize("broken", ["empty mp3", "garbage mp3", "espeak non-utf8"])
def test_broken_tools_give_one_clear_line(tmp_path, broken):
    from test_robustness import SPOKEN

    source = tmp_path / "spoken-policy.md"
    source.write_text(SPOKEN, encoding="utf-8")
    folder = tmp_path / "bin"
    folder.mkdir()
    real_ffmpeg, real_espeak = shutil.which("ffmpeg"), shutil.which("espeak-ng")
    if broken == "espeak non-utf8":
        script = (f'printf "\\377\\376 bad bytes \\351\\n" >&2\n"{real_espeak}" "$@"\n'
                  'status=$?\nprintf "\\377 warning \\300\\n" >&2\nexit 1\n')
        (folder / "espeak-ng").write_text("#!/bin/sh\n" + script)
        (folder / "ffmpeg").symlink_to(real_ffmpeg)
    else:
        payload = "" if broken == "empty mp3" else "not an mp3 at all"
        # The real ffmpeg, except that whatever it writes as an MP3 is emptied or garbled.
        script = (f'"{real_ffmpeg}" "$@" || exit $?\nfor last; do :; done\n'
                  f'case "$last" in *.mp3) printf "{payload}" > "$last";; esac\n')
        (folder / "ffmpeg").write_text("#!/bin/sh\n" + script)
        (folder / "espeak-ng").symlink_to(real_espeak)
    for tool in folder.iterdir():
        if not tool.is_symlink():
            tool.chmod(0o755)
    result = run_cli("build", source, "--output", tmp_path / "output", "--formats", "audio",
                     "--jobs", "2", env={"PATH": f"{folder}:/usr/bin:/bin"})
    assert result.returncode == 2, result.stderr  # a broken tool: exit 2, not retried
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if "error" in line]) == 1
    expected = ("espeak-ng printed text that is not UTF-8" if broken == "espeak non-utf8"
                else "ffmpeg wrote")
    assert expected in result.stderr
    assert not (tmp_path / "output" / "spoken-policy").exists()


# 6. Say what was lost -----------------------------------------------------------------

def test_alt_chunk_is_reported(tmp_path):
    from converter.readers import read_document

    source = word_file(tmp_path / "chunk.docx", para("Policy") + para("Body text.")
                       + '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships" r:id="x1"/>')
    warnings = read_document(source).warnings
    assert any("altChunk" in warning and "1 embedded" in warning for warning in warnings)


def test_markdown_html_blocks_are_reported(tmp_path):
    from converter.readers import read_document

    source = tmp_path / "page.md"
    source.write_text("# Policy\n\nText.\n\n<!-- a note to editors -->\n\n<div class=\"box\">Fees"
                      "</div>\n\nMore text.\n", encoding="utf-8")
    warnings = read_document(source).warnings
    assert any(warning.startswith("1 HTML block(s) left out") and "line 7)" in warning
               for warning in warnings)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, encoding):
    from converter.readers import read_document

    source = tmp_path / "notes.txt"
    source.write_bytes("Parking policy\n\nWe mark bays for blue badge holders.\n"
                       .encode(encoding))
    document = read_document(source)
    text = " ".join(b.text for c in document.chapters for b in c.blocks)
    assert "\x00" not in text and "blue badge holders" in text
    assert any("no byte-order mark" in warning for warning in document.warnings)


def test_control_characters_never_reach_the_terminal(tmp_path):
    source = tmp_path / "noisy.md"
    source.write_bytes("# Title \x1b]0;pwned\x07 here\n\n## Head\x1b[2Jing \u009b31m\n\n"
                       "Text with \x1b[31mred\x1b[0m and a bell\x07.\n".encode("utf-8"))
    outputs = [run_cli("inspect", source), run_cli("inspect", source, "--json"),
               run_cli("build", source, "--output", tmp_path / "output", "--formats",
                       "plain-english"),
               run_cli("list", "--output", tmp_path / "output"),
               run_cli("check", source)]
    for result in outputs:
        for stream in (result.stdout, result.stderr):
            assert not any(ch in stream for ch in "\x1b\x07\u009b"), repr(stream[:300])
    assert "control character(s) left out" in outputs[2].stderr
    assert "Heading" not in outputs[0].stdout and "Head[2Jing" in outputs[0].stdout


def test_terminal_filter_keeps_our_colours_only():
    from converter.terminal import clean

    assert clean("\x1b[31mred\x1b[0m") == "\x1b[31mred\x1b[0m"
    assert clean("a\x1b]0;title\x07b\u009bc\rd\te\n") == "a]0;titlebcd\te\n"


def test_an_unexpected_reader_error_becomes_one_line_about_the_input(tmp_path, monkeypatch):
    from converter.errors import InputError
    from converter.readers import markdown, read_document

    source = tmp_path / "odd.md"
    source.write_text("# Odd\n\nText.\n", encoding="utf-8")
    monkeypatch.setattr(markdown, "parse_markdown", lambda text: {}["missing"])
    with pytest.raises(InputError, match=r"odd.md could not be read \(KeyError"):
        read_document(source)


@pytest.mark.parametrize("as_zip", [False, True])
def test_fetch_when_the_destination_refuses_writes(setup, monkeypatch, as_zip):
    """Root can write into a mode-500 folder, so the read-only filesystem is injected
    where the copies are written."""
    import errno
    import zipfile

    from converter.config import Style
    from converter.errors import InputError
    from converter.pipeline import library, package

    work, source, output, doc_dir, victim = setup
    assert run_cli("build", source, "--output", output, "--formats", "easy-read",
                   "-q").returncode == 0

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(package.shutil, "copy2", read_only)
    monkeypatch.setattr(zipfile.ZipFile, "write", read_only)
    with pytest.raises(InputError, match="cannot write there .Read-only file system"):
        library.fetch(output, "travel-policy", "easy-read", work / "send", Style(STYLES),
                      as_zip=as_zip, draft=True)
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
