"""Tiny grammar hints, enough to tell a noun from a verb where word lists need it."""

from __future__ import annotations

DETERMINERS = frozenset({
    "a", "an", "the", "our", "their", "its", "your", "this", "that", "these", "those", "his",
    "her", "my", "of", "any", "each", "every", "no",
})


def follows_determiner(text: str, start: int) -> bool:
    """True when the word at `start` follows a determiner, so it is used as a noun
    ("our progress", "proof of address"); the word lists' swaps are meant for verbs."""
    before = text[max(0, start - 40):start].split()  # a short look-back, not a copy
    return bool(before) and before[-1].lower() in DETERMINERS


OBJECT_STARTS = frozenset({"a", "an", "the", "our", "their", "its", "your", "these", "those",
                           "his", "her", "my"})
# Words after which the next word is used as a verb ("we must address", "to tackle").
VERB_BEFORE = frozenset({
    "to", "will", "would", "shall", "should", "must", "can", "could", "may", "might", "we",
    "they", "i", "you", "please", "not", "also", "cannot", "won't", "can't", "don't", "didn't",
    "doesn't", "let", "helps", "help", "always", "never", "often",
})
# Verbs that take a particle ("drive forward", "move forward", "carry out"): the next word is
# an adverb or particle there, never a verb of its own.
PARTICLE_HEADS = frozenset(
    form for lemma in ("drive", "move", "go", "come", "look", "bring", "put", "carry", "push",
                       "step", "take", "set", "press", "get", "pass", "send", "roll", "steer")
    for form in (lemma, lemma + "s", lemma + "ing", lemma + "ed", lemma[:-1] + "ing",
                 lemma[:-1] + "ed")
) | {"drove", "driven", "went", "gone", "goes", "came", "brought", "took", "taken", "got",
     "gotten", "sent", "stepped", "stepping", "putting", "setting", "getting", "carried",
     "carries"}
ADJECTIVE_ENDINGS = ("al", "ful", "ive", "ous", "ic", "able", "ible", "ary", "ant", "ent")


BE_FORMS = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "get", "gets",
                      "got"})
HAVE_FORMS = frozenset({"has", "have", "had", "having"})


# Words lemminflect also lists as nouns that start a clause or join words: an "individual
# who" is a noun, not an adjective before a noun.
NOT_HEADS = frozenset({"who", "which", "that", "whose", "whom", "what", "when", "where", "if",
                       "or", "and", "but", "as", "than", "there", "here", "one", "ones"})

OBJECT_PRONOUNS = frozenset({"them", "it", "us", "him", "me", "you"})

# Words that count things: what follows is a noun ("all commits", "several keys").
QUANTIFIERS = frozenset({"all", "some", "many", "several", "both", "few", "more", "most"})


def guess_pos(before: str, word_forms: dict[str, tuple[str, ...]] | None, after: str,
              word: str = "", before2: str = "",
              after_forms: dict[str, tuple[str, ...]] | None = None) -> str:
    """'noun', 'verb', 'adjective', 'adverb' or '' (cannot tell), from the neighbours only.

    A documented heuristic, not a tagger (`before2` is the word before `before`): a
    determiner, possessive, quantifier or adjective-looking word before -> noun ("the
    impact", "our address", "significant impact", "all commits", "the correct commit");
    to/will/we/must/can and similar before -> verb ("to address", "we will impact"); a
    determiner or pronoun after -> verb ("address the issue"); "of" after -> noun ("the
    address of"). When the word's own form is only ever a verb ("tackled", "delivering") or
    only a noun, that decides. After a verb that takes a particle ("drive forward", "carry
    out") it is an adverb. A past participle is a verb after "has" or with a "by" agent ("is
    impacted by"), but an adjective after "is" alone or before a noun ("satisfied with",
    "aggregated datasets"). A word that can be an adjective, right before a word that can
    be a noun and not a helping verb (`after_forms`, lemminflect's), is an adjective there
    ("individual needs", "objective evidence"; not "an individual who", "each objective has").
    """
    prev, nxt = before.lower().strip(",;:"), after.lower().strip(",;:")
    if prev in PARTICLE_HEADS:
        return "adverb"  # "drive forward our plans": not the verb "forward"
    if prev in VERB_BEFORE:
        return "verb"
    if prev not in HAVE_FORMS and word_forms and "ADJ" in word_forms and after_forms and \
            "NOUN" in after_forms and "AUX" not in after_forms and \
            nxt not in NOT_HEADS | DETERMINERS | OBJECT_PRONOUNS:
        return "adjective"  # "the individual needs": before a noun
    if prev in DETERMINERS or prev.endswith(("'s", "’s")):
        return "noun"
    if word.lower().endswith("ed"):
        if prev in HAVE_FORMS or nxt == "by":
            return "verb"  # "has impacted", "were impacted by"
        if prev in BE_FORMS or nxt not in OBJECT_STARTS | {"them", "it", "us", "him"}:
            return ""  # a participle used as an adjective: cannot tell the sense
    if prev in QUANTIFIERS or before2.lower() in DETERMINERS - {"of", "that"} and \
            not prev.endswith("ly") and prev not in BE_FORMS | HAVE_FORMS:
        return "noun"  # "all commits", "the correct commit", "our own address"
    if prev.endswith(ADJECTIVE_ENDINGS) and len(prev) > 4 or \
            prev in {"last", "first", "next", "git", "following", "later", "offending"}:
        return "noun"  # "the initial commit that ...": "that" after a noun starts a clause
    if word_forms and set(word_forms) == {"VERB"}:
        return "verb"
    # Words that start an object ("address the gap"); not "every", "this" or "that", which as
    # often start a time ("check progress every month") or a clause.
    if nxt in OBJECT_STARTS or nxt in {"them", "it", "us", "him"}:
        return "verb"
    if nxt == "of":
        return "noun"
    if word_forms and set(word_forms) == {"NOUN"}:
        return "noun"
    return ""
