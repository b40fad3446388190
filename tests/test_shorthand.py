"""Checklist shorthand made whole (issue #11): real phrases from the Open Data Services masters."""
from converter.language.shorthand import Articles, choice_case, optional_plurals, sentence_breaks

MASTER = (
    "A data release document is provided with published open data. "
    "Describe this in the data release document. Describe why in the data release document. "
    "Review the dataset. Remove or republish the dataset. Contact the owner of the dataset. "
    "We use open datasets. We publish open data. Our open data is free. "
    "It includes our definition of open data. Best practice: we check. "
    "Ensure these are described in data release document. Select alternative."
)


def test_article_restored_where_the_master_writes_it():
    articles = Articles(MASTER)
    assert articles.restore("Make sure these are described in data release document.") == \
        "Make sure these are described in the data release document."
    assert articles.restore("We include the publisher of dataset.") == \
        "We include the publisher of the dataset."


def test_no_article_without_evidence():
    articles = Articles(MASTER)
    # mass noun used bare elsewhere; a word the master never writes with 'the'
    assert articles.restore("It includes our definition of open data.") == \
        "It includes our definition of open data."
    assert articles.restore("If no, then select alternative.") == "If no, then select alternative."
    assert articles.restore("Follow best practice in work.") == "Follow best practice in work."


def test_section_below_is_definite():
    assert Articles("").restore("If yes, refer to identifiers section below.") == \
        "If yes, refer to the identifiers section below."
    assert Articles("").restore("Refer to data below.") == "Refer to data below."


def test_dash_joining_two_sentences_splits():
    assert sentence_breaks("Make sure the new data is available along with older data - Where "
                           "data must be overwritten, document reasons.") == \
        ("Make sure the new data is available along with older data. Where data must be "
         "overwritten, document reasons.")
    assert sentence_breaks("Monthly updates - two weeks after period ends") == \
        "Monthly updates - two weeks after period ends"


def test_paired_dashes_round_and_aside():
    assert sentence_breaks("When publishing - and updating - data, we will do this.") == \
        "When publishing and updating data, we will do this."


def test_optional_plural_in_words():
    assert optional_plurals("Create a new issue for the related dataset(s).") == \
        "Create a new issue for the related dataset or datasets."
    assert optional_plurals("stats(1).csv") == "stats(1).csv"


def test_choice_keeps_case_of_master_words_only():
    assert choice_case("Remove or Republish the dataset.", MASTER) == \
        "Remove or republish the dataset."
    assert choice_case("The Equality and Inclusion Steering Group meets.", "equality inclusion") \
        == "The Equality and Inclusion Steering Group meets."
    assert choice_case("Use Facebook or Twitter.", MASTER) == "Use Facebook or Twitter."
