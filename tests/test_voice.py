"""Passive sentences with a named doer are said with the doer first; nothing else moves."""

from __future__ import annotations

import pytest

from converter.language.voice import active


@pytest.mark.parametrize("passive, turned", [
    # the sample: the issue's own example of the sentence a resident should get
    ("The Equality and Inclusion Steering Group is chaired by our Chief Executive.",
     "Our Chief Executive chairs the Equality and Inclusion Steering Group."),
    # OpenDataServices-Appendix1.md and -OpenDataPolicy.md (template placeholders)
    ("These workflows and checklists are used by [organisation] to prepare, publish and "
     "update our open data.",
     "[organisation] uses these workflows and checklists to prepare, publish and update our "
     "open data."),
    ("This policy is owned by the [document-owner].", "The [document-owner] owns this policy."),
    ("The grants are managed by the community teams.", "The community teams manage the grants."),
    ("Our data is used by researchers.", "Researchers use our data."),
    ("The scheme was approved by the Board.", "The Board approved the scheme."),
    ("The plan will be agreed by the councils.", "The councils will agree the plan."),
])
def test_a_named_doer_comes_first(passive, turned):
    assert active(passive) == turned


@pytest.mark.parametrize("kept", [
    "Personal data is protected by law.",  # no doer
    "The form can be completed by hand.",
    "It is based on data collected by 31 December 2023.",  # 'based' here is no deed
    "Completed assessments will be published alongside Board papers.",  # no 'by'
    "The fund is paid for by the councils.",  # a phrasal verb
    "These documents are written by staff and agreed by the Board.",
    # 'in the ... repo' could belong to the file or to the control: left for a person
    "Each repository's configuration is controlled by a separate file in the config repo.",
])
def test_anything_else_stays(kept):
    assert active(kept) == kept
