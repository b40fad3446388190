"""Articles a checklist left out come back only where the document shows them."""

from __future__ import annotations

from converter.language.articles import the_phrases, with_articles

# OpenDataServices-Appendix1.md writes "the data release document" 8 times and leaves the
# "the" out 3 times in its checklists.
APPENDIX = ("Describe this in the data release document. Give details in the data release "
            "document. Explain it in the data release document. A data release document is "
            "provided. Remove sensitive data. Check the sensitive data. The sensitive data "
            "goes. Sensitive data is removed. Write it in data release document.")


def test_a_phrase_the_document_writes_with_the_gets_it_back():
    phrases = the_phrases(APPENDIX)
    assert "data release document" in phrases
    assert with_articles("Describe this in data release document.", phrases) == \
        "Describe this in the data release document."
    # already determined, or not after a preposition: unchanged
    for kept in ("Describe this in our data release document.",
                 "Data release document templates are shared."):
        assert with_articles(kept, phrases) == kept


def test_a_mass_noun_never_gets_an_article():
    # 'the sensitive data' 3 times, but 'data' never takes 'a': 'of sensitive data' stays
    assert "sensitive data" not in the_phrases(APPENDIX)
    assert with_articles("Remove all of sensitive data.", the_phrases(APPENDIX)) == \
        "Remove all of sensitive data."


def test_a_phrase_seldom_written_with_the_is_left_alone():
    text = "Use the open data. Publish open data. Share open data. Find open data."
    assert the_phrases(text) == frozenset()


def test_a_part_of_the_document_below_or_above_takes_the():
    assert with_articles("If yes, then refer to identifiers section below.", frozenset()) == \
        "If yes, then refer to the identifiers section below."
    assert with_articles("See the table below.", frozenset()) == "See the table below."
