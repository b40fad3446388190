"""Bad input gets a clear one-line error, exit code 2, and nothing left in output/."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest


def make_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


MINIMAL_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
                b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                b'Target="word/document.xml"/></Relationships>')


def docx_with_body(path: Path, body: bytes) -> Path:
    return make_zip(path, {"_rels/.rels": MINIMAL_RELS, "word/document.xml": body})


def ole_file(path: Path, encrypted: bool) -> Path:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    marker = "EncryptionInfo".encode("utf-16-le") if encrypted else b"WordDocument"
    path.write_bytes(header + marker + b"\0" * 1024)
    return path


def cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    text_body = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                 b'wordprocessingml/2006/main"><w:body></w:body></w:document>')
    doctype = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
               b'main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    random_bytes = tmp_path / "random.docx"
    random_bytes.write_bytes(bytes(range(256)) * 20)
    binary = tmp_path / "notes.md"
    binary.write_bytes(random.Random(7).randbytes(4000))  # a program or damaged file named .md
    pdf = tmp_path / "policy.md"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n")
    picture = tmp_path / "scan.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return {
        "binary as Markdown": (binary, "not text: it holds binary data"),
        "PDF as Markdown": (pdf, "is a PDF; converter reads Word (.docx)"),
        "picture as text": (picture, "is a PNG picture"),
        "missing": (tmp_path / "nowhere.docx", "No such file"),
        "empty": (empty, "is empty"),
        "random bytes": (random_bytes, "not a Word document"),
        "zip, not Word": (make_zip(tmp_path / "photos.docx", {"a.jpg": b"x"}), "not a Word"),
        "encrypted": (ole_file(tmp_path / "secret.docx", True), "password-protected"),
        "old .doc": (ole_file(tmp_path / "old.doc", False), "Save As"),
        "no text": (docx_with_body(tmp_path / "blank.docx", text_body), "no text"),
        "doctype": (docx_with_body(tmp_path / "evil.docx", doctype), "DOCTYPE"),
        "unknown type": (make_zip(tmp_path / "x.pdf", {"a": b"b"}), "not a Word"),
    }


@pytest.mark.parametrize("name", ["binary as Markdown", "PDF as Markdown",
                                  "picture as text", "missing", "empty", "random bytes", "zip, not Word",
                                  "encrypted", "old .doc", "no text", "doctype",
                                  "unknown type"])
def test_bad_input_is_one_clear_line(tmp_path, cli, name):
    path, expected = cases(tmp_path)[name]
    output = tmp_path / "output"
    result = cli("build", path, "--output", output, "--formats", "plain-english")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    leftovers = [p for p in output.rglob("*") if p.is_file()] if output.exists() else []
    assert leftovers == [], leftovers
    check = cli("check", path)
    assert check.returncode == 2 and "Traceback" not in check.stderr


def test_docm_text_is_read_and_macros_never_run(tmp_path):
    from docx import Document

    from converter.readers import read_document

    document = Document()
    document.add_paragraph("Macro-enabled text.")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "macro.docm"
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"Sub AutoOpen() Shell \"rm -rf /\" End Sub")
    result = read_document(path)
    assert result.chapters[0].blocks[0].text == "Macro-enabled text."


def test_zip_bomb_is_refused_quickly(tmp_path):
    import time

    from converter.errors import InputError
    from converter.readers import read_document

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", MINIMAL_RELS)
        archive.writestr("word/document.xml", b"<a>" + b" " * (300 * 1024 * 1024) + b"</a>")
    started = time.monotonic()
    with pytest.raises(InputError, match="zip bomb"):
        read_document(bomb)
    assert time.monotonic() - started < 10


def test_deeply_nested_xml_is_refused(tmp_path):
    from converter.errors import InputError
    from converter.readers import read_document

    body = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body>' + b"<w:sdt>" * 5000 + b"</w:sdt>" * 5000 +
            b"</w:body></w:document>")
    with pytest.raises(InputError):
        read_document(docx_with_body(tmp_path / "deep.docx", body))


def test_missing_ffmpeg_names_the_tool_and_other_formats_still_build(tmp_path, cli):
    import os
    import shutil

    source = tmp_path / "short.md"
    source.write_text("# Short\n\n## One\n\nA sentence to read.\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # A PATH with python and espeak-ng but no ffmpeg.
    for tool in ("espeak-ng",):
        if shutil.which(tool):
            os.symlink(shutil.which(tool), bin_dir / tool)
    env = {"PATH": str(bin_dir)}
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "audio", env=env)
    assert result.returncode == 1
    assert "ffmpeg is not installed" in result.stderr and "apt-get install ffmpeg" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "short").exists()
    ok = cli("build", source, "--output", tmp_path / "out", "--formats",
             "plain-english,easy-read", env=env)
    assert ok.returncode == 0, ok.stderr


def test_read_only_output_folder(tmp_path, cli):
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    source = tmp_path / "short.md"
    source.write_text("# Short\n\nText.\n", encoding="utf-8")
    output = tmp_path / "out"
    output.mkdir()
    output.chmod(0o500)
    try:
        result = cli("build", source, "--output", output, "--formats", "plain-english")
    finally:
        output.chmod(0o700)
    assert result.returncode == 1 and "Cannot write" in result.stderr


def test_text_over_the_limit_is_refused_in_one_line(tmp_path, monkeypatch):
    """Memory follows the amount of text, so text (not only file size) has a limit."""
    import converter.readers as readers
    from converter.errors import InputError

    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 2000)
    source = tmp_path / "long.txt"
    source.write_text("Title\n\n" + "We will help you. " * 200, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        readers.read_document(source)
    message = str(refused.value)
    assert message.startswith("long.txt holds 0.0 MB of text; the limit is 0 MB")
    assert "Split the master" in message and "\n" not in message
    source.write_text("Title\n\n" + "We will help you. " * 50, encoding="utf-8")
    assert readers.read_document(source).title == "Title"


def test_a_master_of_headings_only_builds_with_a_warning(tmp_path):
    # Word files of headings only exist (corpus: pandoc-docx numbered_header.docx); they are
    # read, and the user is told every edition will hold only the headings.
    from converter.readers import read_document

    outline = tmp_path / "outline.md"
    outline.write_text("# Our policy\n\n## Purpose\n\n## Scope\n", encoding="utf-8")
    assert any("no text under them" in w for w in read_document(outline).warnings)
    prose = tmp_path / "policy.md"
    prose.write_text("# Our policy\n\n## Purpose\n\nWe help.\n", encoding="utf-8")
    assert not any("no text under them" in w for w in read_document(prose).warnings)
