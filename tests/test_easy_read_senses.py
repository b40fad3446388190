"""The Easy Read word bank explains a word only in the sense the master uses it: each
explanation in styles/words/explanations.tsv says which sense it covers (a sense hint such as
'individual (noun)', or an other_senses column of neighbours: '~ code|software'), and a word
used in another sense is neither bolded nor banked. It stays as the master says."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, ROOT

from converter.config import Style
from converter.errors import InputError
from converter.formats.easy_read import standalone
from converter.formats.easy_read.draft import Drafter
from converter.formats.easy_read.script import Row, Script, Section
from converter.language.lexicon import Lexicon
from converter.language.wordlists import other_senses
from converter.readers import read_document

DWP = CORPUS / "policy-text-open" / "dwp-documentation.md"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_style(Style(ROOT / "styles"))


def drafted(tmp_path, text: str) -> tuple[str, dict[str, str]]:
    """The drafted rows of a small master, and its word bank."""
    source = tmp_path / "policy.md"
    source.write_text(f"# Policy\n\n## What we do\n\n{text}\n", encoding="utf-8")
    script = Drafter(Style(ROOT / "styles"), read_document(source)).script()
    return " ".join(row.text for row in script.rows()), script.word_bank


def fits(lexicon: Lexicon, text: str, word: str, key: str = "") -> bool:
    start = text.index(word)
    return lexicon.explains(key or word.lower(), text, start, start + len(word))


def test_dwp_application_code_is_not_banked_as_a_form():
    if not DWP.is_file():
        pytest.skip("../shared/corpus is not present")
    script = Drafter(Style(ROOT / "styles"), read_document(DWP)).script()
    rows = [row.text for row in script.rows() if "application code" in row.plain_text]
    assert rows, "the DWP row about infrastructure and application code is drafted"
    assert all("**application" not in row.lower() for row in rows), rows
    assert "application" not in script.word_bank


def test_an_application_to_ask_for_something_is_still_banked(tmp_path):
    text, bank = drafted(tmp_path, "Your application will be checked by our team.")
    assert "**application**" in text
    assert bank["application"].startswith("a form you fill in")


def test_a_word_is_bolded_where_it_is_used_in_its_sense(tmp_path):
    """The sentence's first 'application' is a program; the bold goes on the form."""
    text, bank = drafted(tmp_path, "The application code checks your application quickly.")
    assert "application code" in text and "your **application**" in text
    assert "application" in bank


@pytest.mark.parametrize("sentence,word,expected", [
    ("Application/service is not publicly accessible.", "Application", False),
    ("Web applications are tested.", "applications", False),
    ("The application of this policy is simple.", "application", False),
    ("Fill in the application form.", "application", True),
])
def test_application_other_senses(lexicon, sentence, word, expected):
    assert fits(lexicon, sentence, word, "application") is expected


@pytest.mark.parametrize("sentence,word,key,expected", [
    # security: 'social security' is a benefit, a 'security deposit' money for a landlord
    ("Legal and security representatives must agree.", "security", "", True),
    ("You may claim social security.", "security", "", False),
    ("Pay a security deposit first.", "security", "", False),
    # sensitive: 'sensitive to noise' is not 'private'
    ("Do not publish sensitive data.", "sensitive", "", True),
    ("Some people are sensitive to noise.", "sensitive", "", False),
    # individual (noun): 'individual needs' is the adjective
    ("If this relates to an individual then ask.", "individual", "", True),
    ("An individual who asks gets help.", "individual", "", True),
    ("We meet the individual needs of each person.", "individual", "", False),
    # objective (noun): 'objective evidence' is fair evidence, not a goal
    ("Each objective has actions.", "objective", "", True),
    ("We need objective evidence.", "objective", "", False),
    # implement (verb)
    ("We will implement the plan.", "implement", "", True),
    ("A garden implement was found.", "implement", "", False),
    # monitor: a screen or a heart monitor is no checking over time
    ("We will agree a plan and monitor that plan.", "monitor", "", True),
    ("The computer monitor is broken.", "monitor", "", False),
    # authority: a council, not the power to do something
    ("Ask your local authority for help.", "authority", "", True),
    ("They have the authority to decide.", "authority", "", False),
    # development: making something, not new buildings
    ("The code is in development.", "development", "", True),
    ("A new housing development is planned.", "development", "", False),
    ("There are ugly developments here.", "developments", "development", False),
    # publication: the act of publishing, not a book
    ("Prepare the data for publication.", "publication", "", True),
    ("A publication is on sale.", "publication", "", False),
    # breach: a data breach is information getting out, not breaking a rule
    ("Report any breach of these rules.", "breach", "", True),
    ("Report a data breach at once.", "breach", "", False),
    # characteristic 'of' is the adjective
    ("This is characteristic of the area.", "characteristic", "", False),
    # initiative: 'your own initiative' is not a plan
    ("Use your own initiative.", "initiative", "", False),
    ("A new initiative helps carers.", "initiative", "", True),
    # policy: an insurance policy is no plan of ours
    ("Check your insurance policy.", "policy", "", False),
    # represented 'as' is shown as, not spoken for
    ("Each word is represented as a number.", "represented", "", False),
    ("Women are represented on the Board.", "represented", "", True),
    # vulnerability to harm is a person's, not a weak point in a system
    ("Their vulnerability to violence grew.", "vulnerability", "", False),
    ("Attackers exploit vulnerabilities in old code.", "vulnerabilities", "", True),
])
def test_each_sense_rule(lexicon, sentence, word, key, expected):
    assert fits(lexicon, sentence, word, key) is expected


def test_a_part_does_not_bold_a_word_used_in_another_sense(lexicon):
    """A part re-bolds the first use of each banked word: not a use in another sense."""
    part = Script("Plan", sections=[Section("Code", rows=[
        Row("c-1", [], "Application code is kept apart."),
        Row("c-2", [], "Your application is read by a person."),
    ])], word_bank={"application": "a form you fill in to ask for something."})
    texts = [row.text for row in standalone(part, lexicon.explains).rows()]
    assert texts == ["Application code is kept apart.",
                     "Your **application** is read by a person."]


def test_other_senses_cell_is_read_and_a_bad_one_is_named():
    assert other_senses("~ code|software; web ~; apps", "application") == (
        frozenset({"code", "software"}), frozenset({"web"}), frozenset({"apps"}))
    with pytest.raises(InputError, match="application.*other_senses"):
        other_senses("code ~ software", "application")


def test_every_other_senses_word_is_a_plain_lower_case_word(lexicon):
    """Rules are data: every entry with a rule loads, and names only words."""
    assert lexicon.explained_senses["application"].not_before
    for entry in lexicon.explained_senses.values():
        for word in entry.not_before | entry.not_after | entry.other_forms:
            assert re.fullmatch(r"[a-z'-]+", word), (entry.phrase, word)


def test_a_bad_other_senses_cell_stops_the_build_with_one_line(tmp_path, cli):
    import shutil

    styles = tmp_path / "styles"
    shutil.copytree(ROOT / "styles", styles)
    path = styles / "words" / "explanations.tsv"
    path.write_text(path.read_text("utf-8").replace("insurance ~", "insurance ~ cover"), "utf-8")
    source = tmp_path / "policy.md"
    source.write_text("# Policy\n\n## Homes\n\nWe publish our policy.\n", encoding="utf-8")
    result = cli("build", source, "--output", tmp_path / "out", "--formats", "easy-read",
                 "--styles", styles)
    assert result.returncode == 2, result.stderr
    error = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and "explanations.tsv" in error[0] and "insurance ~ cover" in error[0]
    assert "Traceback" not in result.stderr
