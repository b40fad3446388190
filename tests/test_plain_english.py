"""Plain English checks: metrics, rules, reports and the CI gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE

from converter.config import Style
from converter.formats.plain_english.analysis import analyse
from converter.formats.plain_english.rules import RuleSet, find_passive
from converter.readers import build_document
from converter.readers.markdown import parse_markdown

# Sentences of the kind policies contain, labelled by hand: True means passive voice.
PASSIVE_LABELS = [
    ("The scheme was approved by the Board in March.", True),
    ("Complaints will be investigated within 20 working days.", True),
    ("Your data is stored securely on our servers.", True),
    ("Decisions are made by the Combined Authority Board.", True),
    ("The report has been written by the equality team.", True),
    ("Staff are expected to complete the training every year.", True),
    ("The policy is reviewed every three years.", True),
    ("Applications must be submitted by 31 March.", True),
    ("The fund was set up in 2019.", True),
    ("New stations are being built across the region.", True),
    ("The contract was awarded to a local supplier.", True),
    ("Interpreters can be booked through the customer service team.", True),
    ("The results will be published on our website.", True),
    ("Residents were consulted on the draft scheme.", True),
    ("The grant is paid in two instalments.", True),
    ("The meeting was held in Castleton.", True),
    ("Payments are made monthly in arrears.", True),
    ("Mistakes were made in the first version of the form.", True),
    ("The information is kept for six years.", True),
    ("These objectives were chosen after the consultation.", True),
    ("Her application got rejected because a form was missing.", True),
    ("All requests are dealt with in confidence.", True),
    ("The data is shown in the table below.", True),
    ("We will review the scheme every year.", False),
    ("The Board approved the scheme in March.", False),
    ("This information is available in large print.", False),
    ("Equality is integral to everything we do.", False),
    ("The agreement is binding on both parties.", False),
    ("We are committed to fair treatment for all residents.", False),
    ("Our staff are responsible for their own training records.", False),
    ("You can ask for this document in another format.", False),
    ("The team is based in Castleton.", False),
    ("We are pleased to publish our first annual report.", False),
    ("Disabled people are under-represented in senior roles.", True),
    ("Most of our buses are accessible to wheelchair users.", False),
    ("The office is open from 9am to 5pm.", False),
    ("We pay all staff at least the Real Living Wage.", False),
    ("The panel meets four times a year.", False),
    ("Residents told us that information is hard to find.", False),
    ("This is important for everyone who uses our services.", False),
    ("The service is free for people aged over 60.", False),
    ("Our priorities are clear and simple.", False),
    ("We are working with the NHS on health inequalities.", False),
    ("Everyone is welcome at our events.", False),
]


@pytest.fixture(scope="module")
def settings():
    return Style(ROOT / "styles").settings("plain-english")


def analyse_text(text: str, settings, name="test.md"):
    result = parse_markdown(text)
    document = build_document(result, Path(name), "0" * 64)
    return analyse(document, settings, ROOT / "styles")


def test_passive_voice_on_labelled_policy_sentences():
    assert len(PASSIVE_LABELS) >= 40
    right = sum((find_passive(text) is not None) == label for text, label in PASSIVE_LABELS)
    wrong = [text for text, label in PASSIVE_LABELS if (find_passive(text) is not None) != label]
    assert right / len(PASSIVE_LABELS) >= 0.90, wrong


def test_text_for_a_nine_year_old_passes(settings):
    text = ("# Our park\n\nThe park is open every day. You can play on the swings. Dogs must "
            "stay on a lead. Please put your rubbish in the bin. We clean the park each "
            "morning. If you see a problem, tell a park keeper. They wear green coats. You "
            "can also call us. We want the park to be safe and fun for everyone.\n")
    report = analyse_text(text, settings)
    assert report.passed, report.reasons
    assert report.metrics.flesch_kincaid_grade <= 5


def test_jargon_heavy_policy_fails(settings):
    text = ("# Governance framework\n\nNotwithstanding the aforementioned considerations, the "
            "organisation shall endeavour to operationalise a comprehensive, evidence-based "
            "methodology for the systematic identification, prioritisation and mitigation of "
            "institutional inequalities, in accordance with the statutory obligations "
            "articulated within the overarching legislative architecture. Implementation "
            "will be facilitated through multidisciplinary stakeholder engagement "
            "mechanisms and commensurate resource reallocation.\n")
    report = analyse_text(text, settings)
    assert report.metrics.flesch_kincaid_grade >= 15
    assert not report.passed
    rules = {finding.rule for finding in report.findings}
    assert {"long-sentence", "passive-voice"} <= rules


def test_rules_find_what_they_should(settings):
    rules = RuleSet(settings, ROOT / "styles")
    location = {"chapter": "c", "paragraph": 0, "start": 0}

    def found(text):
        findings = {}
        for finding in rules.check_sentence(text, location):
            findings.setdefault(finding.rule, finding)  # the first of each rule
        return findings

    latin = found("Bring proof of address, e.g. a bill, etc.")
    assert "latin-abbreviation" in latin and "for example" in latin["latin-abbreviation"].suggestion
    assert "complex-word" not in latin, "'address' is a noun here"
    avoid = found("We will leverage our partnerships to deliver change.")
    assert "words-to-avoid" in avoid and avoid["words-to-avoid"].suggestion
    assert "complex-word" in found("We will commence the work in order to improve services.")
    assert "all-caps" in found("PLEASE NOTE the office is closed.")
    assert "nominalisation" in found("We will make a decision next week.")
    assert "double-negative" in found("This is not uncommon in large councils.")
    long = found(" ".join(["word"] * 30) + ".")
    assert long["long-sentence"].severity == "warning"
    very_long = found(" ".join(["word"] * 40) + ".")
    assert very_long["long-sentence"].severity == "error"
    assert found("This is available online.").get("passive-voice") is None


def test_acronyms_defined_before_use_are_fine(settings):
    rules = RuleSet(settings, ROOT / "styles")
    location = {"chapter": "c", "paragraph": 0, "start": 0}
    first = rules.check_sentence("The West Midlands Combined Authority (WMCA) met.", location)
    later = rules.check_sentence("The WMCA agreed the plan with the NHS.", location)
    assert not [f for f in first + later if f.rule == "undefined-acronym"]
    undefined = rules.check_sentence("The IHRA definition was adopted.", location)
    assert [f.rule for f in undefined].count("undefined-acronym") == 1
    again = rules.check_sentence("The IHRA definition helps.", location)
    assert not [f for f in again if f.rule == "undefined-acronym"], "reported once only"


def test_findings_have_locations_and_line_numbers(settings):
    text = "# Title\n\n## Part\n\nFirst line.\n\nThe form must be completed, e.g. online.\n"
    report = analyse_text(text, settings)
    finding = next(f for f in report.findings if f.rule == "latin-abbreviation")
    assert finding.location["chapter"] == "part"
    assert finding.location["line"] == 7
    sentence = "The form must be completed, e.g. online."
    assert sentence[finding.location["start"]:finding.location["end"]] == "e.g."


def test_long_paragraph_rule(settings):
    paragraph = " ".join(f"Sentence number {i} is short." for i in range(7))
    report = analyse_text(f"# T\n\n## P\n\n{paragraph}\n", settings)
    assert any(f.rule == "long-paragraph" for f in report.findings)


def test_headings_and_list_items_count_as_sentences(settings):
    report = analyse_text("# T\n\n## Heading here\n\n- item one\n- item two\n\nA sentence.\n",
                          settings)
    assert report.metrics.sentences == 4


def test_config_file_overrides_thresholds(tmp_path, cli):
    source = tmp_path / "policy.md"
    source.write_text("# Policy\n\nWe will review the arrangements for the provision of "
                      "services annually.\n", encoding="utf-8")
    strict = tmp_path / "strict.toml"
    strict.write_text("[thresholds]\nmax_fk_grade = 1.0\n", encoding="utf-8")
    lenient = tmp_path / "lenient.toml"
    lenient.write_text("[thresholds]\nmax_fk_grade = 30.0\nmax_reading_age = 40.0\n"
                       "min_reading_ease = -100.0\n", encoding="utf-8")
    assert cli("check", source, "--config", strict).returncode == 1
    assert cli("check", source, "--config", lenient).returncode == 0


def test_check_report_formats(tmp_path, cli):
    text = cli("check", SAMPLE)
    assert "Reading age" in text.stdout
    data = json.loads(cli("check", SAMPLE, "--format", "json").stdout)
    document = data["documents"][0]
    # The exit code is the verdict: 0 for a pass, 1 for a fail, and the text says which.
    assert text.returncode == (0 if document["passed"] else 1), text.stderr
    assert text.stdout.startswith("PASS" if document["passed"] else "FAIL")
    assert set(document) >= {"source", "title", "passed", "metrics", "chapters", "findings"}
    assert set(document["metrics"]) == {
        "flesch_reading_ease", "flesch_kincaid_grade", "reading_age", "smog", "gunning_fog",
        "coleman_liau", "avg_sentence_length", "sentences", "words", "long_sentence_share",
        "passive_share"}
    paragraph = document["chapters"][0]["paragraphs"][0]
    assert set(paragraph["metrics"]) == set(document["metrics"]), "metrics per paragraph too"
    finding = document["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "text", "suggestion", "location"}
    sarif = json.loads(cli("check", SAMPLE, "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert {r["level"] for r in sarif["runs"][0]["results"]} <= {"error", "warning", "note"}
    github = cli("check", SAMPLE, "--format", "github").stdout.splitlines()
    assert github and all(re.match(r"^::(error|warning|notice) file=", line) for line in github)
    html_file = tmp_path / "report.html"
    cli("check", SAMPLE, "--format", "html", "--output", html_file)
    html = html_file.read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in html and "<main" in html and "<mark" in html
    assert 'class="tag"' in html, "highlights carry a text label, not colour alone"


def test_several_sources_and_exit_codes(tmp_path, cli):
    easy = tmp_path / "easy.md"
    easy.write_text("# Bins\n\nPut the bin out on Monday. We take it away.\n", encoding="utf-8")
    hard = tmp_path / "hard.md"
    hard.write_text("# Framework\n\nNotwithstanding the foregoing, the organisation shall "
                    "endeavour to operationalise comprehensive methodologies facilitating the "
                    "systematic prioritisation of institutional considerations.\n", "utf-8")
    assert cli("check", easy).returncode == 0
    assert cli("check", easy, hard).returncode == 1
    assert cli("check", easy, tmp_path / "missing.md").returncode == 2


def test_no_download_is_ever_attempted(monkeypatch, settings):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    report = analyse_text("# T\n\nA simple sentence about syllables.\n", settings)
    assert report.metrics.words == 6


# -- evidence against the shared corpus ----------------------------------------------------


def document_grade(text: str, settings) -> float:
    """The document's FK grade from the sentences the report uses, before the report rounds
    it to one decimal (rounding turns two close levels into a tie, 8.70 vs 8.74)."""
    from converter.formats.plain_english.analysis import block_units
    from converter.language import readability

    document = build_document(parse_markdown(text), Path("a.md"), "0" * 64)
    sentences = [sentence for chapter in document.chapters for block in chapter.blocks
                 for sentence, _ in block_units(block)]  # Markdown has no notes
    return readability.flesch_kincaid_grade(readability.count(sentences))


def onestop_triples(corpus):
    folder = corpus / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    triples = []
    for elementary in sorted((folder / "Ele-Txt").glob("*.txt")):
        stem = elementary.name[: -len("-ele.txt")]
        files = [folder / "Ele-Txt" / f"{stem}-ele.txt", folder / "Int-Txt" / f"{stem}-int.txt",
                 folder / "Adv-Txt" / f"{stem}-adv.txt"]
        if all(path.is_file() for path in files):
            triples.append([path.read_text(encoding="utf-8", errors="replace") for path in files])
    return triples


def test_onestopenglish_levels_are_ordered(corpus, settings, textstat_peer):
    textstat = textstat_peer
    triples = onestop_triples(corpus)
    assert len(triples) >= 180
    ours = sum(document_grade(e, settings) < document_grade(i, settings)
               < document_grade(a, settings) for e, i, a in triples)
    baseline = sum(textstat.flesch_kincaid_grade(e) < textstat.flesch_kincaid_grade(i)
                   < textstat.flesch_kincaid_grade(a) for e, i, a in triples)
    assert ours / len(triples) >= baseline / len(triples), (ours, baseline, len(triples))
    # The bar set for this project: 97.4% (184 of 189) triples, as many as plain textstat's
    # FK grade on the raw text orders.
    assert ours >= round(0.974 * len(triples)), (ours, len(triples))


def test_plainlanguage_after_versions_are_plainer(corpus, settings):
    folder = corpus / "plainlanguage-gov" / "before-and-after"
    pairs = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = re.search(r"####\s*Before(.*?)####\s*After(.*)", text, re.S)
        if match:
            pairs.append((match.group(1), match.group(2)))
    assert len(pairs) >= 10
    fewer, lower = 0, 0
    for before, after in pairs:
        b = analyse_text("# Example\n\n" + _unindent(before), settings)
        a = analyse_text("# Example\n\n" + _unindent(after), settings)
        fewer += len(a.findings) < len(b.findings)
        lower += a.metrics.flesch_kincaid_grade < b.metrics.flesch_kincaid_grade
    assert fewer / len(pairs) >= 0.75, (fewer, len(pairs))
    assert lower / len(pairs) >= 0.75, (lower, len(pairs))


def _unindent(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line.lstrip("*").strip() if line.startswith("*") else line
                     for line in lines)
