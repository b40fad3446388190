"""Tagged PDF/UA-1: the Easy Read PDF's structure tree, checked by walking it and by two
independent checkers from PyPI (outloud and pdfua)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

BIN = Path(sys.executable).parent


def walk(element, found: list) -> None:
    if isinstance(element, pikepdf.Dictionary) and "/S" in element:
        found.append(element)
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                walk(kid, found)
        elif isinstance(kids, pikepdf.Dictionary):
            walk(kids, found)


def marked_content_ids(page) -> list[int]:
    ids = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                and "/MCID" in operands[1]:
            ids.append(int(operands[1].MCID))
    return ids


def check_tagged_pdf(folder: Path) -> None:
    """Every PDF in the folder (an Easy Read in parts has one a part)."""
    slots = list(csv.DictReader((folder / "image-slots.csv").read_text("utf-8").splitlines()))
    pdf_paths = sorted(folder.glob("*.pdf"))
    assert pdf_paths
    for pdf_path in pdf_paths:
        check_one_tagged_pdf(pdf_path, [s for s in slots if s.get("file", pdf_path.name)
                                        == pdf_path.name])


def check_one_tagged_pdf(pdf_path: Path, slots: list[dict]) -> None:
    with pikepdf.open(pdf_path) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "en-GB"
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        elements: list = []
        walk(root.StructTreeRoot.K, elements)
        kinds = [str(e.S) for e in elements]
        assert kinds[0] == "/Document"
        figures = [e for e in elements if str(e.S) == "/Figure"]
        assert len(figures) == len(slots), "one Figure per picture slot"
        assert all(str(f.get("/Alt", "")).strip() for f in figures), "every Figure has alt text"
        headings = [int(k[2]) for k in kinds if k.startswith("/H")]
        assert headings[0] == 1
        assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False)), \
            "no skipped heading levels"
        # Every MCID in every content stream is reachable through the ParentTree.
        nums = root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            key = int(page.obj.StructParents)
            ids = marked_content_ids(page)
            assert ids == list(range(len(ids)))
            assert len(parents[key]) == len(ids)
            for mcid in ids:
                element = parents[key][mcid]
                kids = element.K
                first = kids[0] if isinstance(kids, pikepdf.Array) else kids
                assert int(first) == mcid and element.Pg.objgen == page.obj.objgen
            assert str(page.obj.Tabs) == "/S"
            # Every link annotation is in the tree, inside a Link element, described.
            for annot in page.obj.get("/Annots", []):
                assert annot.Subtype == pikepdf.Name.Link
                assert str(annot.Contents)
                link = parents[int(annot.StructParent)]
                assert str(link.S) == "/Link" and link.K[0].Obj.objgen == annot.objgen
        meta = pdf.open_metadata()
        assert meta.get("dc:title") and meta.get("pdfuaid:part") == "1"
    outloud = subprocess.run([str(BIN / "outloud"), "--fail-on", "warning", "-q", str(pdf_path)],
                             capture_output=True, text=True)
    assert outloud.returncode == 0, outloud.stdout + outloud.stderr
    pdfua = subprocess.run([str(BIN / "pdfua"), "check", str(pdf_path)], capture_output=True,
                           text=True)
    assert pdfua.returncode == 0, pdfua.stdout + pdfua.stderr
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info


def test_sample_easy_read_pdf_is_tagged(sample_build):
    check_tagged_pdf(sample_build / "easy-read")
    pdf_path = next((sample_build / "easy-read").glob("*.pdf"))
    with pikepdf.open(pdf_path) as pdf:
        targets = {str(a.A.URI) for page in pdf.pages for a in page.obj.get("/Annots", [])}
    assert "mailto:equality@northvale-ca.gov.uk" in targets
    assert "https://www.northvale-ca.gov.uk/equality" in targets


def test_real_policies_are_tagged(corpus, tmp_path, cli):
    for source in sorted((corpus / "policy-text-open").glob("*.md")):
        if "README" in source.name:
            continue
        copy = tmp_path / source.name
        shutil.copy(source, copy)
        result = cli("build", copy, "--output", tmp_path / "out", "--formats", "easy-read", "-q")
        assert result.returncode == 0, result.stderr
    folders = [p for p in (tmp_path / "out").iterdir() if p.is_dir()]
    assert folders
    for folder in folders:
        check_tagged_pdf(folder / "easy-read")


def test_placeholder_alt_text_says_what_belongs_there(tmp_path, cli):
    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\n## Zebras\n\nZebras xylophone quokka.\n", encoding="utf-8")
    assert cli("build", source, "--output", tmp_path / "out", "--formats", "easy-read",
               "-q").returncode == 0
    pdf_path = next((tmp_path / "out/plan/easy-read").glob("*.pdf"))
    with pikepdf.open(pdf_path) as pdf:
        elements: list = []
        walk(pdf.Root.StructTreeRoot.K, elements)
        alts = [str(e.Alt) for e in elements if str(e.S) == "/Figure"]
    assert any(alt.startswith("Space for a picture about") for alt in alts), alts


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts is not installed")
def test_only_embedded_fonts(sample_build):
    pdf = next((sample_build / "easy-read").glob("*.pdf"))
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = listing.strip().splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), listing
