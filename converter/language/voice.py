"""Passive sentences with a named doer said the active way round.

Easy Read guidance (Mencap, "Am I making myself clear?"; GOV.UK "Writing for GOV.UK":
"use the active voice") puts the doer first: "The Steering Group is chaired by our Chief
Executive." becomes "Our Chief Executive chairs the Steering Group." Only a plain sentence
is turned: a short subject, one form of "be" (or a modal and "be"), a known past
participle, "by" and a doer that is a noun phrase (a determiner, a capitalised name or a
template placeholder), then nothing or a "to" phrase of purpose ("... in the config repo"
after the doer could belong to the doer or the deed, so it stays). Anything else, and
anything quoted or legal (the caller's to judge), stays as it is.
"""

from __future__ import annotations

import re

SUBJECT = r"(?P<subject>(?:The|This|These|That|Those|Our|Each|Every|Its|Their|Your|[A-Z][\w'’-]*)" \
    r"(?: [\w'’-]+){0,7})"
AUX = r"(?P<aux>is|are|was|were|(?P<modal>will|must|should|can|may|could|would) be)"
_STOP = r"(?!(?:to|in|for|with|on|at|from|by|during|after|before|since|until|under|over)\b)"
_WORD = rf"{_STOP}[\w'’\[\]-]+"
AGENT = rf"(?P<agent>(?:the|our|their|its|your|each|a|an) (?:{_WORD} ){{0,4}}{_WORD}|" \
    rf"\[[^\]]+\]|(?:[A-Z][\w'’-]*)(?: (?:[A-Z][\w'’-]*|of|and|for|the)){{0,5}}|" \
    rf"(?P<bare>(?:[a-z][\w-]* ){{0,2}}{_STOP}[a-z][\w-]*s))"
PASSIVE = re.compile(rf"^{SUBJECT} {AUX} (?P<participle>[a-z]+) by {AGENT}"
                     r"(?P<rest>(?: to [a-z].+?)?)(?P<end>[.!]?)$")
DETERMINERS = ("The", "This", "These", "That", "Those", "Our", "Each", "Every", "Its",
               "Their", "Your")


def active(sentence: str) -> str:
    """The sentence with its doer first, or the sentence as it is."""
    match = PASSIVE.match(sentence.strip())
    if not match or re.search(r"\b(?:is|are|was|were|be|been|not|never)\b",
                              match.group("subject")):
        return sentence
    if match.group("bare") and not _plural(match.group("bare")):
        return sentence  # 'protected by law', 'sent by post': no doer
    verb = _active_verb(match.group("participle"), match.group("aux"), match.group("modal"),
                        match.group("agent"))
    if not verb:
        return sentence
    agent = match.group("agent")
    agent = agent[:1].upper() + agent[1:]
    subject = match.group("subject")
    first, _, others = subject.partition(" ")
    if first in DETERMINERS:
        subject = f"{first.lower()} {others}".rstrip()
    return f"{agent} {verb} {subject}{match.group('rest')}{match.group('end') or '.'}"


def _active_verb(participle: str, aux: str, modal: str | None, agent: str) -> str:
    from lemminflect import getInflection, getLemma

    lemmas = getLemma(participle, upos="VERB")
    if not lemmas or lemmas[0] == participle:
        return ""
    lemma = lemmas[0]
    # Only a real past participle ('chaired', 'owned', 'used'), not an adjective ('based').
    if participle not in getInflection(lemma, tag="VBN"):
        return ""
    if modal:
        return f"{modal} {lemma}"
    if aux in ("was", "were"):
        return getInflection(lemma, tag="VBD")[0]
    return lemma if _plural(agent) else getInflection(lemma, tag="VBZ")[0]


def _plural(agent: str) -> bool:
    from lemminflect import getLemma

    last = agent.split()[-1]
    if last.startswith("["):
        return False  # '[organisation]', 'the [document-owner]': one body
    if " and " in agent and not agent[:1].isupper():
        return True  # 'the chair and the deputy'
    singular = getLemma(last.lower(), upos="NOUN")
    return bool(singular) and singular[0] != last.lower() and not last[:1].isupper()
