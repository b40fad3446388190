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
    report = analyse_text("# T\n\n## A\n\nThe West Midlands Combined Authority (WMCA) met.\n\n"
                          "The WMCA agreed the plan with the NHS.\n\n"
                          "The IHRA definition was adopted. The IHRA definition helps.\n",
                          settings)
    acronyms = [f for f in report.findings if f.rule == "undefined-acronym"]
    assert [f.message.split("'")[1] for f in acronyms] == ["IHRA"], "reported once only"


def test_acronyms_used_before_spelled_out_whatever_their_case(settings):
    report = analyse_text("# T\n\n## Buses\n\nThe DfT and HMRC pay for buses. The NHS helps.\n\n"
                          "## Later\n\nThe Department for Transport (DfT) says so.\n\n"
                          "The Equality Impact Assessment (EqIA) is done. The EqIA is short.\n",
                          settings)
    flagged = {f.message.split("'")[1]: f for f in report.findings
               if f.rule == "undefined-acronym"}
    assert set(flagged) == {"DfT"}, flagged  # HMRC is on the common list
    assert "spelled out later" in flagged["DfT"].message
    assert "Department for Transport (DfT)" in flagged["DfT"].suggestion
    assert "EqIA" not in flagged, "spelled out first, with matching initials"


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


# -- issue 14: findings staff trust ------------------------------------------------------

DATA = ROOT / "tests" / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    import csv

    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_labelled_policy_findings_are_precise(corpus, settings):
    """Precision on hand-labelled findings from real policies (see the file's header)."""
    from converter.readers import read_document

    labels = {(r["file"], r["rule"], r["chapter"], r["paragraph"], r["start"], r["flagged"]):
              r["label"] for r in _rows(DATA / "plain_english_labels.tsv")}
    found, unlabelled = [], []
    policies = [p for p in (corpus / "policy-text-open").glob("*.md") if p.name != "README.md"]
    for path in sorted(policies):
        report = analyse(read_document(path), settings, ROOT / "styles")
        for chapter in report.chapters:
            for paragraph in chapter.paragraphs:
                for f in paragraph.findings:
                    if f.rule in ("long-sentence", "long-paragraph"):
                        continue
                    where = f.location
                    key = (path.name, f.rule, where["chapter"], str(where["paragraph"]),
                           str(where["start"]), paragraph.text[where["start"]:where["end"]])
                    (found if key in labels else unlabelled).append(key)
    assert len(found) >= 250
    assert len(unlabelled) <= 0.05 * len(found), f"label these findings: {unlabelled[:5]}"
    right = sum(labels[key] == "right" for key in found)
    assert right / len(found) >= 0.90, (right, len(found))


def test_words_to_avoid_found_in_every_form(settings):
    rows = _rows(DATA / "words_to_avoid_inflections.tsv")
    assert len(rows) >= 150
    rules = RuleSet(settings, ROOT / "styles")
    missed = []
    for row in rows:
        hits = [f for f in rules.check_sentence(row["sentence"], {"chapter": "c", "paragraph": 0})
                if f.rule == "words-to-avoid"]
        if not any(row["sentence"][f.location["start"]:f.location["end"]] == row["word"]
                   for f in hits):
            missed.append(row["word"])
    assert 1 - len(missed) / len(rows) >= 0.95, missed


def _found(settings, text):
    return RuleSet(settings, ROOT / "styles").check_sentence(text, {"chapter": "c",
                                                                    "paragraph": 0})


def test_tackling_and_promoting_are_found_going_alone_is_not(settings):
    words = [f.location for f in _found(settings, "We are tackling poverty and promoting "
                                                  "fairness.") if f.rule == "words-to-avoid"]
    assert len(words) == 2
    assert not [f for f in _found(settings, "We are going to the shops.")
                if f.rule in ("words-to-avoid", "complex-word")]
    going = [f for f in _found(settings, "Going forward, we will act.")
             if f.rule == "words-to-avoid"]
    assert [g.location["start"] for g in going] == [0]


def test_a_proper_name_containing_a_listed_word_is_left_alone(settings):
    findings = _found(settings, "The West Midlands Combined Authority will publish it.")
    assert not [f for f in findings if f.rule in ("complex-word", "words-to-avoid")]
    assert not [f for f in _found(settings, "The Tackle Poverty Fund pays for it.")
                if f.rule == "words-to-avoid"]
    assert [f for f in _found(settings, "We will tackle poverty.") if f.rule == "words-to-avoid"]


def test_a_quoted_statute_is_left_alone_but_counted(settings):
    statute = ("Public bodies must have due regard to the need to: advance equality of "
               "opportunity between people who share a protected characteristic and those who "
               "do not; foster good relations between them.")
    report = analyse_text(f"# T\n\n## Duty\n\n> {statute}\n\nWe will foster links.\n", settings)
    quote, paragraph = report.chapters[0].paragraphs[1], report.chapters[0].paragraphs[2]
    assert quote.kind == "quote" and quote.findings == [], "not even its length"
    assert [f.rule for f in paragraph.findings] == ["words-to-avoid"]
    assert report.chapters[0].metrics.words > 30, "readability still counts the quotation"
    inline = _found(settings, "The definition says antisemitism 'may be expressed as hatred "
                              "toward Jews' and we advance it.")
    assert [f.rule for f in inline] == ["words-to-avoid"], "nothing inside quotation marks"


def test_noun_senses_are_not_flagged(settings):
    for text in ("Bring proof of address.", "Please tell us your new address.",
                 "The impact was large.", "We will drive forward our plans.",
                 "Council land is for sale.", "Pay in advance."):
        flagged = [f for f in _found(settings, text) if f.rule in ("complex-word",
                                                                    "words-to-avoid")
                   and f.location["start"] > 0 and "drive" not in text[f.location["start"]:]]
        assert not flagged, (text, flagged)
    forward = [f for f in _found(settings, "We will drive forward our plans.")
               if f.rule in ("complex-word", "words-to-avoid")]
    assert [text["We will drive forward our plans.".index("drive"):][:5] for text in
            ["We will drive forward our plans."]] and [f.location["start"] for f in forward] == [8]
    assert [f for f in _found(settings, "We must address the gap.") if f.rule == "complex-word"]
    determine = [f for f in _found(settings, "We will determine the budget.")
                 if f.rule == "complex-word"]
    assert determine and "figure" not in determine[0].suggestion


def test_an_agent_passive_is_rewritten_as_the_active_sentence(settings):
    [passive] = [f for f in _found(settings, "The group is chaired by our Chief Executive.")
                 if f.rule == "passive-voice"]
    assert "Our Chief Executive chairs the group." in passive.suggestion
    [no_agent] = [f for f in _found(settings, "The policy will be reviewed every year.")
                  if f.rule == "passive-voice"]
    assert "Who will review the policy?" in no_agent.suggestion
    assert "we will review it" not in no_agent.suggestion


def test_word_suggestions_use_the_sentence_own_words(settings):
    [tackle] = [f for f in _found(settings, "We are tackling poverty.")
                if f.rule == "words-to-avoid"]
    assert "'We are stopping poverty.'" in tackle.suggestion


def test_and_or_is_reported_once_and_not_as_latin(settings):
    findings = _found(settings, "Call and/or write to us.")
    assert [f.rule for f in findings] == ["shorthand"]
    assert "Latin" not in findings[0].message


def test_headings_and_short_paragraphs_get_no_reading_scores(settings):
    report = analyse_text("# T\n\n## Introduction\n\nTwo words.\n\n" + "We help people find "
                          "work and training across the region every year.\n", settings)
    paragraphs = report.chapters[0].paragraphs
    assert [p.scored for p in paragraphs] == [False, False, True]
    listed = report.to_dict()["chapters"][0]["paragraphs"]
    assert [p["index"] for p in listed] == [2]


def test_markdown_comments_switch_rules_off_and_on(settings):
    text = ("# T\n\n## A\n\n<!-- converter: off words-to-avoid -->\n\nWe will tackle it.\n\n"
            "<!-- converter: on -->\n\nWe will tackle that.\n\n<!-- converter: off -->\n\n"
            "It was approved by everyone and we tackle it.\n")
    report = analyse_text(text, settings)
    assert [(f.rule, f.location["line"]) for f in report.findings] == [("words-to-avoid", 11)]
    assert report.suppressed == 3


def test_a_sidecar_file_suppresses_findings_in_a_word_file(tmp_path, settings):
    from converter.readers import read_document

    source = tmp_path / "policy.md"
    source.write_text("# T\n\n## A\n\nWe will tackle it.\n\nWe will tackle that.\n", "utf-8")
    (tmp_path / "policy.md.converter.toml").write_text(
        '[[suppress]]\nrule = "words-to-avoid"\ntext = "tackle it"\nreason = "a quotation"\n',
        "utf-8")
    report = analyse(read_document(source), settings, ROOT / "styles")
    assert [f.text for f in report.findings] == ["We will tackle that."]
    assert report.suppressed == 1
    (tmp_path / "policy.md.converter.toml").write_text('[[suppress]]\nrule = "x"\n', "utf-8")
    from converter.errors import InputError

    with pytest.raises(InputError, match="has no text"):
        analyse(read_document(source), settings, ROOT / "styles")


def test_vocabularies_accept_and_reject_for_every_rule(tmp_path, settings):
    import shutil

    styles = tmp_path / "styles"
    shutil.copytree(ROOT / "styles", styles)
    (styles / "vocabulary" / "accept.txt").write_text("Tackle Team\nFAQ\nWMBC\n", "utf-8")
    (styles / "vocabulary" / "reject.txt").write_text("synergy\n", "utf-8")
    rules = RuleSet(settings, styles)
    findings = rules.check_sentence("Our tackle team finds synergies with WMBC.",
                                    {"chapter": "c", "paragraph": 0})
    assert [(f.rule, f.severity) for f in findings] == [("rejected-word", "error")]


def test_relative_clause_passive_and_phrasal_suggestions_read_well(settings):
    [passive] = [f for f in _found(settings, "The Steering Group, which is chaired by our Chief "
                                             "Executive, will check progress every month.")
                 if f.rule == "passive-voice"]
    assert "'The Steering Group, which our Chief Executive chairs, will check progress " \
           "every month.'" in passive.suggestion
    [focus] = [f for f in _found(settings, "Our work will focus on the towns.")
               if f.rule == "words-to-avoid"]
    assert "'Our work will work on the towns.'" in focus.suggestion


def test_the_equality_duty_and_glossary_terms_keep_their_words(settings):
    report = analyse_text("# T\n\n## Duty\n\nWe must have due regard to the need to:\n\n"
                          "- eliminate unlawful discrimination\n- advance equality of "
                          "opportunity\n- foster good relations between groups\n\n"
                          "Combined authority: a group of councils that work together.\n",
                          settings)
    assert not [f for f in report.findings if f.rule in ("words-to-avoid", "complex-word")]


def test_word_file_quote_style_and_sidecar_end_to_end(tmp_path, cli):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Our duties", level=1)
    document.add_paragraph("The Act says public bodies must foster good relations and "
                           "tackle discrimination in all they do.", style="Quote")
    document.add_paragraph("We will tackle poverty in every town.")
    document.add_paragraph("We will tackle damp homes with our partners.")
    source = tmp_path / "duties.docx"
    document.save(source)
    (tmp_path / "duties.docx.converter.toml").write_text(
        '[[suppress]]\nrule = "words-to-avoid"\ntext = "tackle damp homes"\n'
        'reason = "the name of our programme"\n', "utf-8")
    result = cli("check", source, "--format", "json")
    report = json.loads(result.stdout)["documents"][0]
    words = [f["text"] for f in report["findings"] if f["rule"] == "words-to-avoid"]
    assert words == ["We will tackle poverty in every town."], words
    assert report["suppressed"] == 1


def test_a_changed_sidecar_or_comment_makes_the_report_stale(tmp_path):
    from converter.formats.plain_english import FORMAT
    from converter.readers import read_document

    style = Style(ROOT / "styles")
    source = tmp_path / "p.md"
    source.write_text("# T\n\n## A\n\nWe will tackle it.\n", "utf-8")
    before = FORMAT.inputs_sha256(read_document(source), style, tmp_path)
    (tmp_path / "p.md.converter.toml").write_text(
        '[[suppress]]\nrule = "*"\ntext = "tackle"\n', "utf-8")
    with_sidecar = FORMAT.inputs_sha256(read_document(source), style, tmp_path)
    source.write_text("# T\n\n## A\n\n<!-- converter: off -->\n\nWe will tackle it.\n", "utf-8")
    with_comment = FORMAT.inputs_sha256(read_document(source), style, tmp_path)
    assert len({before, with_sidecar, with_comment}) == 3


def test_rewrites_are_british(settings):
    [obtained] = [f for f in _found(settings, "Approval must be obtained first.")
                  if f.rule == "complex-word"]
    assert "'Approval must be got first.'" in obtained.suggestion


def test_shipped_word_lists_are_what_the_importer_makes(corpus, tmp_path, monkeypatch):
    """Sense hints and corrections live in tools/import_word_lists.py, so a re-import keeps
    them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("import_word_lists",
                                                  ROOT / "tools" / "import_word_lists.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    monkeypatch.setattr("sys.argv", ["import_word_lists.py", str(corpus)])
    module.main()
    for name in ("words-to-avoid.tsv", "complex-words.tsv"):
        assert (tmp_path / name).read_text("utf-8") == \
            (ROOT / "styles" / "words" / name).read_text("utf-8"), name


def test_markdown_reader_keeps_converter_comments_as_directives_not_text():
    result = parse_markdown("# T\n\n<!-- converter: off passive-voice -->\n\nText.\n\n"
                            "<!-- an ordinary comment -->\n\n<!-- converter: on -->\n")
    assert [(d.line, d.text) for d in result.directives] == [
        (3, "converter: off passive-voice"), (9, "converter: on")]
    assert [block.text for block in result.blocks] == ["T", "Text."]
    assert not result.warnings, "comments are not HTML left out"


def test_a_bad_sidecar_is_a_one_line_error(tmp_path, cli):
    source = tmp_path / "p.md"
    source.write_text("# T\n\n## A\n\nWe will tackle it.\n", "utf-8")
    (tmp_path / "p.md.converter.toml").write_text("[[suppress]]\nrule = 3\n", "utf-8")
    result = cli("check", source)
    assert result.returncode == 2
    assert "p.md.converter.toml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("text", [
    SAMPLE,  # the shipped Word policy: many chapters, findings of every kind
    "# Clear\n\n## One\n\nWe fix roads.\n\n## Two\n\nWe clean parks.\n",  # no findings at all
])
def test_streamed_reports_are_the_same_bytes_as_the_whole_report(tmp_path, settings, text):
    """The build writes the reports chapter by chapter (bounded memory); `converter check`
    holds the whole report. Both give the same files."""
    from converter.formats.plain_english.reports import write_html, write_json, write_streamed
    from converter.readers import read_document

    if isinstance(text, Path):
        document = read_document(text)
    else:
        source = tmp_path / "clear.md"
        source.write_text(text, encoding="utf-8")
        document = read_document(source)
    style = Style(ROOT / "styles")
    whole = analyse(document, settings, style.root)
    write_html([whole], tmp_path / "whole.html")
    write_json([whole], tmp_path / "whole.json")
    streamed = write_streamed(document, settings, style.root, tmp_path / "streamed.html",
                              tmp_path / "streamed.json")
    for suffix in ("html", "json"):
        assert (tmp_path / f"streamed.{suffix}").read_bytes() == \
            (tmp_path / f"whole.{suffix}").read_bytes()
    assert streamed.finding_count == len(whole.findings)
    assert (streamed.passed, streamed.reasons) == (whole.passed, whole.reasons)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [], \
        "the spill files are removed"
    assert all(not chapter.paragraphs for chapter in streamed.chapters), "none held"
    assert bool(whole.findings) == isinstance(text, Path)  # both JSON list shapes are met


def test_two_passives_are_never_merged_into_one_doer():
    from converter.formats.plain_english.passive import analyse_passive

    # It had suggested 'Staff and agreed by the Board write these documents.'
    found = analyse_passive("These documents are written by staff and agreed by the Board.")
    assert found is not None and found.active is None
    turned = analyse_passive("The Steering Group is chaired by our Chief Executive.")
    assert turned.active == "Our Chief Executive chairs the Steering Group."
