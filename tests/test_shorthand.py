"""Checklist shorthand made whole (issue #11): real phrases from the Open Data Services masters."""
from converter.language.shorthand import choice_case

MASTER = "After publishing open data, we will remove or republish the dataset if: ..."


def test_capital_after_or_lowered_when_the_master_writes_the_word_in_lower_case():
    assert choice_case("Remove or Republish the dataset if it is possible and appropriate.",
                       MASTER) == "Remove or republish the dataset if it is possible and appropriate."


def test_names_and_words_without_evidence_keep_their_capitals():
    master = "The equality and inclusion team checks progress."
    assert choice_case("The Equality and Inclusion Steering Group will check progress.", master) \
        == "The Equality and Inclusion Steering Group will check progress."
    assert choice_case("Use Relay UK or Email us.", "email") == "Use Relay UK or Email us."
    assert choice_case("Use Facebook or Twitter.", MASTER) == "Use Facebook or Twitter."
