"""Template placeholders ('[organisation]') are found once, in the language layer; every
edition keeps them as placeholders, the build warns once and `converter check` fails."""

from __future__ import annotations

import subprocess

import pytest
from conftest import run_cli

from converter.formats.audio.normalise import Normaliser
from converter.formats.easy_read.draft import without_brackets
from converter.language.placeholders import placeholder_spans, placeholders
from converter.readers import read_document


def test_what_is_a_placeholder():
    text = ("Registered office: [address]. Charity registered in [charity-region]: "
            "[charity-number]. If over [maximum size], check. It holds information[7], see "
            "[picture of a bus], [sic], [x], [Northvale Council] and [a very long phrase here].")
    assert [span.value for span in placeholder_spans(text)] == [
        "[address]", "[charity-region]", "[charity-number]", "[maximum size]"]
    assert placeholders([r"For \[organisation\].", "By [organisation] and [sector]."]) == \
        ("[organisation]", "[sector]")


def test_easy_read_keeps_the_brackets_of_a_placeholder_only():
    assert without_brackets("Registered office: [address].") == "Registered office: [address]."
    assert without_brackets("This policy is owned by the [document-owner].") == \
        "This policy is owned by the [document-owner]."
    assert without_brackets("The [Equality Act] applies.") == "The Equality Act applies."


def test_audio_says_a_placeholder_is_one():
    spoken = Normaliser().normalise("Registered office: [address].")
    assert spoken == "Registered office: placeholder address."


@pytest.fixture
def policy(corpus):
    source = corpus / "policy-text-open" / "OpenDataServices-OpenDataPolicy.md"
    if not source.exists():
        pytest.skip("OpenDataServices-OpenDataPolicy.md is not in the corpus")
    return source


def test_the_open_data_policy_is_warned_about_once(policy):
    document = read_document(policy)
    (warning,) = [w for w in document.warnings if "template placeholders" in w]
    assert warning.startswith("the master still has template placeholders: [organisation], "
                              "[address], [charity-region], [charity-number]")
    assert "and 8 more" in warning and "fill them in before sending to residents" in warning


def test_check_fails_on_the_open_data_policy(policy):
    result = run_cli("check", policy, "--all")
    assert result.returncode == 1
    found = [line for line in result.stdout.splitlines() if "error   placeholder" in line]
    assert any("'[address]' is a template placeholder" in line for line in found)
    assert len(found) >= 16


def test_every_edition_keeps_the_placeholders(policy, tmp_path):
    result = run_cli("build", policy, "--output", tmp_path, "--formats",
                     "easy-read,html,large-print")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("template placeholders") + \
        result.stdout.count("template placeholders") == 1
    folder = tmp_path / read_document(policy).id
    script = (folder / "easy-read" / "easy-read-script.md").read_text(encoding="utf-8")
    assert "Registered office: [address]." in script
    assert "The [document-owner] owns this policy." in script  # active voice
    easy = " ".join(subprocess.run(
        ["pdftotext", str(sorted((folder / "easy-read").glob("*.pdf"))[0]), "-"],
        capture_output=True, text=True, check=True).stdout.split())
    assert "Registered office: [address]." in easy
    large = " ".join(subprocess.run(
        ["pdftotext", str(next((folder / "large-print").glob("*.pdf"))), "-"],
        capture_output=True, text=True, check=True).stdout.split())
    assert "Registered office: [address]" in large
    html = " ".join(p.read_text(encoding="utf-8") for p in (folder / "html").glob("*.html"))
    assert "Registered office: [address]" in html
