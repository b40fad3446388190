"""The language layer: each kind of annotation, the word lists by lemma, and the whole
document annotated once (and fast)."""

from __future__ import annotations

import re
import time

import pytest
from conftest import ROOT

from converter.config import Style
from converter.language import Lexicon, annotate, annotate_text, protected
from converter.language.acronyms import defined_acronyms, find_definitions
from converter.language.contacts import contact_spans
from converter.language.names import name_spans, quotation_spans
from converter.language.numbers import digits_allowed, number_spans
from converter.language.wordlists import load_word_list
from converter.model import Chapter, Document, Heading, Paragraph, Quote


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_style(Style(ROOT / "styles"))


def kinds(spans) -> list[tuple[str, str]]:
    return [(span.kind, span.text) for span in spans]


# -- names and quotations -------------------------------------------------------------

def test_names_are_title_case_runs_of_two_or_more_words():
    text = ("The West Midlands Combined Authority follows the Equality Act 2010 with the "
            "Department for Work and Pensions. Our Plan is new. Birmingham is big.")
    names = [span.text for span in name_spans(text)]
    assert names[:3] == ["West Midlands Combined Authority", "Equality Act 2010",
                         "Department for Work and Pensions"]
    assert "Birmingham" not in names, "one capitalised word is not a name run"
    assert all(not name.startswith(("The ", "Our ")) for name in names)


def test_spelled_out_acronyms_are_names(lexicon):
    block = annotate_text("We carry out an equality impact assessment (EIA) every year.", lexicon)
    assert ("name", "equality impact assessment") in kinds(block.names)


def test_quotations_straight_and_curly_but_not_apostrophes():
    text = ("She said \"we will\" and ‘we don’t know’. The councils’ plans and the people's "
            "choice are 'fair'. It’s “done”.")
    assert [span.text for span in quotation_spans(text)] == [
        "\"we will\"", "‘we don’t know’", "'fair'", "“done”"]
    assert quotation_spans("The councils' plans and the people’s choice, don't.") == []


def test_quote_blocks_are_protected_whole(lexicon):
    document = Document("d", "T", "en-GB", "d.md", "0", (Chapter("c", "C", 1, (
        Heading(1, "C"), Quote("We will utilise every penny."),
        Paragraph("We will utilise every penny.")),),))
    annotations = annotate(document, lexicon)
    quote, paragraph = annotations.block("c", 1), annotations.block("c", 2)
    assert quote.quoted and quote.words and all(hit.protected for hit in quote.words)
    assert not paragraph.quoted and not any(hit.protected for hit in paragraph.words)
    assert protected(quote, 0, 2) and not protected(paragraph, 0, 2)


# -- acronyms -----------------------------------------------------------------------

def test_acronym_definitions_any_case_pattern():
    text = ("The Department for Transport (DfT), His Majesty's Revenue and Customs (HMRC), "
            "the National Health Service (NHS), an Equality Impact Assessment (EqIA) and "
            "WMCA (West Midlands Combined Authority).")
    assert find_definitions(text) == {
        "DfT": "Department for Transport", "HMRC": "His Majesty's Revenue and Customs",
        "NHS": "National Health Service", "EqIA": "Equality Impact Assessment",
        "WMCA": "West Midlands Combined Authority"}
    # Initials that do not spell the acronym are no exact definition...
    assert find_definitions("Call our team (WMCA) today.") == {}
    # ...but the lenient reading still counts the acronym as explained.
    assert "WMCA" in defined_acronyms("Call our team (WMCA) today.")


def test_acronyms_first_defined_and_first_used(lexicon):
    document = Document("d", "T", "en-GB", "d.md", "0", (
        Chapter("a", "A", 1, (Paragraph("The DfT pays for buses."),)),
        Chapter("b", "B", 1, (Paragraph("The Department for Transport (DfT) funds HMRC work."),
                              Paragraph("The DfT will report."))),
    ))
    acronyms = annotate(document, lexicon).acronyms
    dft = acronyms["DfT"]
    assert dft.expansion == "Department for Transport"
    assert dft.defined_at[:2] == ("b", 0) and dft.first_used_at[:2] == ("a", 0)
    assert dft.used_before_defined
    assert not acronyms["HMRC"].defined and acronyms["HMRC"].first_used_at[:2] == ("b", 0)


# -- contacts -----------------------------------------------------------------------

def test_contacts_phones_relay_uk_emails_web_postcodes_addresses():
    text = ("Call 0345 303 6760, freephone 0800 123 4567, 0300 123 1234 or Relay UK "
            "18001 0121 200 2404. Email info@wmca.org.uk, see https://www.wmca.org.uk/a%20b "
            "or wmca.org.uk/equality. Write to 16 Summer Lane, Birmingham B19 3SD.")
    found = kinds(contact_spans(text))
    assert ("phone", "0345 303 6760") in found and ("phone", "0800 123 4567") in found
    assert ("phone", "0300 123 1234") in found
    assert ("phone", "18001 0121 200 2404") in found, "Relay UK prefix stays with the number"
    assert ("email", "info@wmca.org.uk") in found
    assert ("web", "https://www.wmca.org.uk/a%20b") in found
    assert ("web", "wmca.org.uk/equality") in found
    assert ("postcode", "B19 3SD") in found
    assert ("address", "16 Summer Lane, Birmingham B19 3SD") in found


def test_numbers_in_contacts_are_not_numbers(lexicon):
    block = annotate_text("Call 0121 200 2404 about the 3 homes.", lexicon)
    assert kinds(block.numbers) == [("cardinal", "3")]
    assert block.protected(5, 9) and not block.protected(30, 35)


# -- numbers ------------------------------------------------------------------------

@pytest.mark.parametrize("text,kind,value", [
    ("We spent £6m on it.", "money", "million"),
    ("We had 6m visitors.", "cardinal", "million"),
    ("It rose to 1.4m last year.", "cardinal", "million"),
    ("A budget of 4.3bn.", "cardinal", "billion"),
    ("A 2m high fence.", "measure", "metre"),
    ("An 18kg bag.", "measure", "kilogram"),
    ("A 4ft x 5ft sign.", "measure", "foot"),
    ("Walk 25 metres.", "measure", "metre"),
    ("About 50% of people.", "percent", ""),
    ("About 10 per cent of people.", "percent", ""),
    ("On 3 March 2024.", "date", ""),
    ("By 01/04/2025.", "date", ""),
    ("Open at 9am.", "time", ""),
    ("Open at 17:30.", "time", ""),
    ("The plan for 2022-24.", "year_range", ""),
    ("In 2024 we met.", "year", ""),
    ("The 3rd time.", "ordinal", ""),
    ("Half of it: 1/2.", "fraction", ""),
    ("We built 2,500 homes.", "cardinal", ""),
    ("It costs 50p.", "money", ""),
    ("For three months.", "number_word", "3"),
    ("For twenty-one days.", "number_word", "21"),
])
def test_numbers_are_classified(text, kind, value):
    spans = number_spans(text)
    assert len(spans) == 1, spans
    assert (spans[0].kind, spans[0].value) == (kind, value)


@pytest.mark.parametrize("text,allowed", [
    ("It takes three months.", True),
    ("One person came.", True),
    ("The next one is soon.", False),
    ("One of them came.", False),
    ("We help one another.", False),
    ("We chose three.", True),
    ("We have one.", False),
    ("This one is mine.", False),
])
def test_number_words_as_digits(text, allowed):
    match = re.search(r"\b(one|three)\b", text, re.I)
    assert digits_allowed(text, match.start(), match.end()) is allowed


@pytest.mark.parametrize("text", ["No-one came.", "Someone came.", "Anyone can.", "no one"])
def test_number_words_inside_other_words_are_never_digits(text):
    for match in re.finditer(r"one", text, re.I):
        assert not digits_allowed(text, match.start(), match.end())


# -- abbreviations ------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("Pets, e.g. cats.", "e.g."), ("Pets, eg cats.", "e.g."), ("Pets, eg: cats.", "e.g."),
    ("Pets, E.G. cats.", "e.g."), ("Pets, e. g. cats.", "e.g."), ("Pets, ie cats.", "i.e."),
    ("Pets, i.e. cats.", "i.e."), ("Cats, dogs, etc.", "etc."), ("Cats etc and dogs.", "etc."),
    ("Go via Leeds.", "via"), ("£5 per person.", "per"), ("Good per se.", "per se"),
])
def test_latin_in_every_spelling(lexicon, text, name):
    found = lexicon.abbreviations.find(text)
    assert [(entry.name, entry.latin) for _, entry in found] == [(name, True)]


def test_and_or_is_shorthand_not_latin_and_per_cent_is_fine(lexicon):
    [(span, entry)] = lexicon.abbreviations.find("Cats and/or dogs.")
    assert span.kind == "shorthand" and not entry.latin
    assert lexicon.abbreviations.find("10 per cent of eggs, a tie, the www.eg.com site") == []


def test_abbreviation_replacements_for_each_format(lexicon):
    table = lexicon.abbreviations
    assert table.replace("Pets, e.g. cats, dogs, etc. Then", "spoken") == \
        "Pets, for example cats, dogs, et cetera. Then"
    assert table.replace("Pets, e.g. cats, dogs, etc. Then", "easy_read") == \
        "Pets, for example cats, dogs. Then"
    assert table.replace("E.g. cats and/or dogs", "plain") == "For example cats or dogs"


# -- word lists ---------------------------------------------------------------------

@pytest.mark.parametrize("word", ["tackle", "tackles", "tackled", "tackling", "deliver",
                                  "delivered", "delivering", "utilised", "utilising"])
def test_word_lists_match_inflections_by_lemma(lexicon, word):
    hits = lexicon.find_words(f"We {word} it.", ("words_to_avoid",))
    assert [hit.text for hit in hits] == [word]


def test_multiword_entries_match_only_as_whole_phrases(lexicon):
    hits = lexicon.find_words("Going forward, we act in order to help.", ("words_to_avoid",))
    assert [hit.entry.phrase for hit in hits] == ["going forward", "in order to"]
    assert lexicon.find_words("We are going home. In order. To forward it.",
                              ("words_to_avoid",)) == []


def test_sense_hints_pick_the_part_of_speech(lexicon):
    def impact(text):
        return [hit.pos for hit in lexicon.find_words(text, ("words_to_avoid",))
                if hit.entry.phrase == "impact"]

    assert load_word_list(ROOT / "styles/words/words-to-avoid.tsv").get("impact").sense == "verb"
    assert impact("This will impact people.") == ["verb"]
    assert impact("We must impact the result.") == ["verb"]
    assert impact("The impact was large.") == []
    assert impact("A significant impact on people.") == []


def test_word_hits_inside_names_and_quotations_are_protected(lexicon):
    block = annotate_text("The Deliver Better Homes Fund said ‘we will tackle it’. "
                          "We will tackle poverty.", lexicon)
    flags = [(hit.text, hit.protected) for hit in block.words]
    assert flags == [("Deliver", True), ("tackle", True), ("tackle", False)]


# -- the whole document -------------------------------------------------------------

def test_sample_is_annotated_once_and_fast(lexicon):
    from converter.readers import read_document

    document = read_document(ROOT / "source_docs" / "equality-inclusion-scheme.docx")
    annotate(document, lexicon)  # warm lemminflect's tables
    start = time.perf_counter()
    annotations = annotate(document, lexicon)
    elapsed = time.perf_counter() - start
    blocks = sum(len(chapter.blocks) for chapter in document.chapters)
    assert len(annotations.blocks) == blocks
    assert annotations.lexicon_sha256 == lexicon.files_sha256
    assert any(block.contacts for block in annotations)
    assert annotations.expansions().get("BSL") == "British Sign Language"
    assert elapsed < 1.0, f"{document.word_count} words took {elapsed:.2f}s"


def test_lexicon_hash_follows_the_files(tmp_path):
    import shutil

    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    before = Lexicon.from_style(Style(tmp_path / "styles"))
    path = tmp_path / "styles" / "words" / "words-to-avoid.tsv"
    path.write_text(path.read_text("utf-8") + "synergy\twork together\t\ttest\n", "utf-8")
    after = Lexicon.from_style(Style(tmp_path / "styles"))
    assert before.files_sha256 != after.files_sha256
    assert [h.text for h in after.find_words("Real synergy.")] == ["synergy"]


# -- readability: our formulas, textstat only as the peer -----------------------------

# How far our value may be from textstat's on its own passages. Syllables differ (we use
# the CMU dictionary first, textstat's tests pyphen) and so do sentence splits, so a margin.
TOLERANCE = {"flesch_reading_ease": 5.0, "flesch_kincaid_grade": 1.5, "smog_index": 1.0,
             "gunning_fog": 2.5, "coleman_liau_index": 1.0}


def test_formulas_agree_with_textstat_on_its_reference_passages(corpus):
    import json

    from converter.language import readability
    from converter.language.sentences import split_sentences

    data = json.loads((corpus / "textstat-reference" / "textstat_expected.json").read_text())
    formulas = {"flesch_reading_ease": readability.flesch_reading_ease,
                "flesch_kincaid_grade": readability.flesch_kincaid_grade,
                "smog_index": readability.smog, "gunning_fog": readability.gunning_fog,
                "coleman_liau_index": readability.coleman_liau}
    compared = 0
    for metric, formula in formulas.items():
        for case in next(iter(data["expected"][metric].values())):
            if case.get("lang", "en_US") != "en_US":
                continue
            if metric == "gunning_fog" and case["text"] == "@SHORT_TEXT":
                continue  # one sentence: Gunning's complex words ('sunglasses' is an
                # inflection of a 2-syllable word) vs textstat's Dale-Chall difficult words
            text = data["texts"][case["text"][1:]]
            sentences = [s.text for line in text.split("\n") for s in split_sentences(line)]
            ours = formula(readability.count(sentences))
            assert abs(ours - case["expected"]) <= TOLERANCE[metric], (metric, case, ours)
            compared += 1
    assert compared >= 20


def test_readability_neither_imports_nor_patches_textstat():
    import subprocess
    import sys

    code = ("import sys\nfrom converter.formats.plain_english.metrics import compute\n"
            "m = compute(['The council will help you.', 'Call us today.'], 0, 25)\n"
            "assert m.words == 8 and m.sentences == 2, m\n"
            "print('textstat' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"
    for path in (ROOT / "converter").rglob("*.py"):
        assert not re.search(r"^\s*(?:import|from) textstat", path.read_text(), re.M), path


# -- fixes for the Plain English check (issue 14) -------------------------------------

def test_mixed_case_acronyms_are_uses_even_when_never_defined(lexicon):
    document = Document("d", "T", "en-GB", "d.md", "0", (
        Chapter("zeta", "Z", 1, (Paragraph("The DfT and the MoJ pay. A PhD-free McDonald."),)),
        Chapter("alpha", "A", 1, (Paragraph("The Department for Transport (DfT) pays."),)),
    ))
    acronyms = annotate(document, lexicon).acronyms
    assert acronyms["MoJ"].used_before_defined and not acronyms["MoJ"].defined
    # Chapter ids are slugs: "zeta" comes first in the document although "alpha" < "zeta".
    assert acronyms["DfT"].used_before_defined
    assert "McDonald" not in acronyms


def test_acronym_defined_before_use_is_not_used_before_defined(lexicon):
    document = Document("d", "T", "en-GB", "d.md", "0", (
        Chapter("zeta", "Z", 1, (Paragraph("The Department for Transport (DfT) pays."),)),
        Chapter("alpha", "A", 1, (Paragraph("The DfT pays."),)),
    ))
    assert not annotate(document, lexicon).acronyms["DfT"].used_before_defined


def test_a_particle_after_a_phrasal_verb_is_not_the_verb(lexicon):
    def forward(text):
        return [hit.text for hit in lexicon.find_words(text, ("complex_words",))
                if hit.entry.phrase == "forward"]

    assert forward("We will drive forward our plans.") == []
    assert forward("We will forward the letter.") == ["forward"]
    assert forward("Please forward it to us.") == ["forward"]


def test_participles_as_adjectives_have_no_verb_sense(lexicon):
    def sensed(text):
        return [hit.text for hit in lexicon.find_words(text) if hit.entry.sense]

    assert sensed("Once you are satisfied with your changes, stop.") == []
    assert sensed("For aggregated datasets, check the totals.") == []
    assert sensed("We were impacted by the cuts.") == ["impacted"]
    assert sensed("We have impacted people.") == ["impacted"]


def test_an_adjective_entry_matches_only_its_own_form(lexicon):
    assert [h.text for h in lexicon.find_words("Our key aims. Keep your keys safe.",
                                               ("words_to_avoid",))] == ["key"]


def test_should_is_not_shall(lexicon):
    assert [h.text for h in lexicon.find_words("You should apply. You shall apply.")
            if h.entry.phrase == "shall"] == ["shall"]


def test_a_word_after_a_determiner_and_an_adjective_or_a_quantifier_is_a_noun(lexicon):
    def commits(text):
        return [h.text for h in lexicon.find_words(text, ("words_to_avoid",))
                if h.entry.phrase == "commit"]

    assert commits("Find the correct commit first. All commits go to master.") == []
    assert commits("We commit to the plan.") == ["commit"]


def test_audio_reads_numbers_with_the_language_layers_shapes():
    """Numbers, dates and times are found once (converter/language/numbers.py): what the
    language layer classifies, the audio normaliser reads with the same patterns."""
    from converter.formats.audio import amounts, dates
    from converter.formats.audio.normalise import Normaliser
    from converter.language import numbers

    assert amounts.NUMBER is numbers.NUMBER and dates.DAY_MONTH is numbers.DAY_MONTH
    assert dates.MONTHS is numbers.MONTHS and dates.CLOCK_12 is numbers.CLOCK_12
    normalise = Normaliser()
    for written, kind in (("on Monday 3rd of March 2024", "date"), ("by March 2027", "date"),
                          ("at 9.30am", "time"), ("at 14:30", "time"), ("up 11.2%", "percent"),
                          ("£2.4m", "money"), ("the 21st", "ordinal")):
        assert [span.kind for span in number_spans(written)] == [kind], written
        assert not re.search(r"\d", normalise(written)), written
