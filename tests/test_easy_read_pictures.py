"""Easy Read pictures fit the row's meaning: the sentence is read before its keywords pick a
picture (styles/pictures/senses.tsv, deny.tsv). A row with no fitting picture keeps a
labelled empty slot for the designer."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import SAMPLE, run_cli

from converter.formats.easy_read.pictures import PictureLibrary


@pytest.fixture
def library(style) -> PictureLibrary:
    return PictureLibrary.load(style)


def alt(library: PictureLibrary, keywords: list[str], text: str = "") -> str:
    entry, _ = library.best(keywords, text=text)
    return entry.alt.lower() if entry else ""


def suggestion(library: PictureLibrary, keywords: list[str], text: str = "") -> str:
    return library.suggestion(keywords, text=text).lower()


def test_a_negated_word_never_picks_a_positive_picture(library):
    assert "thumbs up" in alt(library, ["happy"], "We are happy with the results.")
    negated = alt(library, ["happy", "ask", "complaint"],
                  "If you are not happy with our reply, you can ask for your complaint to be "
                  "looked at again by a senior manager.")
    assert "thumbs up" not in negated and "tick" not in negated
    assert "tick" not in alt(library, ["meet", "requirements"],
                             "Where a supplier does not meet the requirements, we act.")
    # A row that says no never gets a positive picture, even for a word the negation skips.
    assert "thumbs up" not in alt(library, ["good", "never"], "Never a good idea.")


def test_a_word_that_says_not_x_never_picks_x(library):
    picked = alt(library, ["unfairly", "treated"], "We treated you unfairly.")
    assert "holding hands" not in picked and "scales" not in picked


def test_think_as_an_opinion_is_no_light_bulb(library):
    assert "light bulb" in alt(library, ["ideas", "new"], "We want new ideas.")
    picked = alt(library, ["think", "complaint", "unfairly"],
                 "If you think we have treated you unfairly, you can make a complaint.")
    assert "light bulb" not in picked and "question" in picked, "the complaint is the topic"


def test_time_and_hour_in_another_sense_are_no_clock(library):
    assert "clock" in alt(library, ["time", "wait"], "The waiting time is 2 weeks.")
    assert "clock" not in alt(library, ["hour", "april"],
                              "The Real Living Wage is £12.00 an hour from April 2024.")
    assert "pound" in alt(library, ["hour", "april"],
                          "The Real Living Wage is £12.00 an hour from April 2024.")
    assert "clock" not in alt(library, ["everyone", "time", "disabled"],
                              "We are grateful to everyone who gave us their time.")


def test_chaired_is_not_a_seat_or_holding_hands(library):
    text = "The Equality and Inclusion Steering Group is chaired by our Chief Executive."
    picked = alt(library, ["equality", "inclusion", "group"], text)
    assert "holding hands" not in picked and picked == "a group of people", \
        "the named group is the subject; 'Equality' is only part of its name"
    assert "chair" not in suggestion(library, ["chair"], "Our Mayor chairs the Board.")


def test_the_topic_phrase_wins_over_incidental_words(library):
    assert alt(library, ["objective", "public", "transport"],
               "Objective 1: Make public transport accessible to everyone.") == "a bus"
    assert "wheelchair symbol" in alt(library, ["steps", "escalators", "reach"],
                                      "Step-free means a place you can reach without using "
                                      "steps or escalators.")
    assert "pound" in alt(library, ["objective", "pay", "close"], "Objective 4: Close our pay "
                          "gaps.")
    # A label alone still finds its picture.
    assert "clipboard" in alt(library, ["objective"], "Each objective has actions.")


def test_colour_words_never_pick_a_picture(library):
    text = "For Black, Asian and minority ethnic people, the share of our staff is 14%."
    for keywords in (["black", "asian", "minority"], ["black"], ["white", "people"]):
        assert "black" not in alt(library, keywords, text) + suggestion(library, keywords, text)
        assert "25d0" not in suggestion(library, keywords, text)
    assert "25d0" not in suggestion(library, ["black", "circle"])


def test_misleading_suggestions_are_gone(library):
    assert "coffee" not in suggestion(library, ["makers", "decide"],
                                      "Decision makers must decide.")
    assert "moon" not in suggestion(library, ["groups", "face", "law"],
                                    "Some groups face disadvantage that the law does not cover.")
    assert "shorts" not in suggestion(library, ["short", "time"], "in a short time")
    assert "assembly" not in suggestion(library, ["group"], "A group of councils.")
    assert "woman" in suggestion(library, ["women", "share"], "For women, the share is 48%.")


@pytest.fixture(scope="module")
def sample_pictures(tmp_path_factory) -> dict[str, tuple[str, str]]:
    """The sample's Easy Read: row text -> (picture alt, how the slot was filled)."""
    output = tmp_path_factory.mktemp("pictures")
    result = run_cli("build", SAMPLE, "--formats", "easy-read", "--output", output, "--quiet")
    assert result.returncode == 0, result.stderr
    folder = output / "equality-inclusion-scheme" / "easy-read"
    text = {}
    for line in (folder / "easy-read-script.md").read_text("utf-8").splitlines():
        if match := re.match(r"\[picture ([^:\]]+)[^\]]*\]\s*(.*)", line):
            text[match.group(1)] = match.group(2).replace("**", "")
    rows = csv.DictReader((folder / "image-slots.csv").read_text("utf-8").splitlines())
    return {text.get(row["id"], ""): (row["alt"].lower(), row["filled_with"]) for row in rows}


def test_the_reviewed_sample_rows(sample_pictures):
    def picture(start: str) -> str:
        found = [alt + " " + filled for text, (alt, filled) in sample_pictures.items()
                 if text.startswith(start)]
        assert found, start
        return found[0]

    assert "thumbs up" not in picture("If you are not happy with our reply")
    assert "light bulb" not in picture("If you think we have treated you unfairly")
    assert "council" not in picture("Objective 1: Make public transport accessible")
    assert "bus" in picture("Objective 1: Make public transport accessible")
    assert "clipboard" not in picture("Step-free means")
    assert "clock" not in picture("The Real Living Wage is £12.00 an hour")
    assert "clock" not in picture("We are grateful to everyone who gave us their time")
    assert "holding hands" not in picture("Our Chief Executive chairs the Equality")
    for text, (alt, filled) in sample_pictures.items():
        if "Black, Asian" in text:
            assert "black" not in alt and "25D0" not in filled, filled


def test_an_empty_slot_label_leaves_out_negated_words(library):
    text = "If you are not happy with our reply, you can ask for your complaint to be looked at."
    assert library.slot_words(["happy", "ask", "complaint"], text) == ["ask", "complaint"]
    assert library.slot_words(["unfairly"], "We treated you unfairly.") == ["unfairly"], \
        "a slot still says what to draw when nothing else is left"


def test_a_bad_senses_rule_is_one_clear_error(tmp_path):
    from converter.errors import InputError
    from converter.formats.easy_read.picture_senses import Senses

    bad = tmp_path / "senses.tsv"
    bad.write_text("rule\tword\tpattern\treason\nother-sense\thour\t(an hour\tpay\n", "utf-8")
    with pytest.raises(InputError, match="senses.tsv: the pattern for 'hour'"):
        Senses.load(bad)


def test_a_checklist_answer_is_no_approval(library):
    """'If the answer is yes, remove the information.' got a thumbs up, which reads as
    approval of what follows."""
    picked = alt(library, ["yes", "information", "answer"],
                 "If the answer is yes, remove the information.")
    assert "thumbs up" not in picked and "tick" not in picked
    assert "thumbs up" in alt(library, ["yes"], "We said yes to the plan.")
