"""Passive voice: find it, and say the sentence actively.

With a "by" agent the active sentence is written out ("The group is chaired by our Chief
Executive" -> "Our Chief Executive chairs the group."); without one the report asks who
does it, with the verb ("Who reviews the policy?"). A documented heuristic, not a parser:
when the sentence is too tangled to rewrite safely it only asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converter.language.voice import active as active_voice

BE_FORMS = r"am|is|are|was|were|be|been|being|get|gets|got|gotten|getting|'s|’s|'re|’re"
ADVERBS = (r"not|n't|also|then|always|never|often|usually|already|still|now|all|fully|"
           r"being|normally|generally|sometimes|currently|regularly|\w+ly")
# Irregular past participles (and a few -ed forms whose meaning is always verbal).
IRREGULAR_PARTICIPLES = {
    "arisen", "awoken", "beaten", "become", "begun", "bent", "bet", "bitten", "blown",
    "born", "borne", "bought", "bound", "broken", "brought", "built", "burnt", "caught",
    "chosen", "come", "cut", "dealt", "done", "drawn", "driven", "drunk", "dug", "eaten",
    "fallen", "fed", "felt", "fought", "found", "flown", "forbidden", "forgiven",
    "forgotten", "frozen", "given", "gone", "grown", "heard", "held", "hidden", "hit",
    "hung", "hurt", "kept", "known", "laid", "led", "left", "lent", "let", "lit", "lost",
    "made", "meant", "met", "mistaken", "overseen", "overtaken", "paid", "put", "quit",
    "read", "rewritten", "ridden", "rung", "risen", "run", "said", "seen", "sent", "set",
    "shaken", "shed", "shot", "shown", "shut", "sold", "sought", "spent", "split", "spoken",
    "spread", "stolen", "struck", "stuck", "sung", "sunk", "sworn", "swept", "taken",
    "taught", "thought", "thrown", "told", "torn", "understood", "undertaken", "upheld",
    "withdrawn", "withheld", "won", "worn", "woven", "written", "wound",
}
# Words ending in -ed that are adjectives or not verbs at all after "be".
NOT_PARTICIPLES = {
    "need", "needed", "indeed", "hundred", "red", "bed", "seed", "speed", "feed", "shed",
    "based", "pleased", "delighted", "interested", "concerned", "committed", "dedicated",
    "determined", "tired", "excited", "worried", "scared", "bored", "married", "qualified",
    "experienced", "talented", "aged", "skilled", "supposed", "used", "allowed", "entitled",
    "related", "limited", "detailed", "advanced", "varied", "balanced", "sophisticated",
    "complicated", "disabled", "embed", "exceed", "proceed", "succeed", "naked", "wicked",
    "sacred", "beloved", "learned", "crooked", "ragged", "rugged", "wretched", "able",
    "unemployed", "employed", "self-employed", "retired", "ashamed", "afraid", "prepared",
    "closed", "open", "engaged", "involved", "located", "situated", "satisfied",
}
PASSIVE = re.compile(
    rf"\b(?P<aux>{BE_FORMS})\b(?P<adv>(?:\s+(?:{ADVERBS}))*)\s+(?P<verb>[a-z]+(?:-[a-z]+)?)\b",
    re.IGNORECASE,
)
MODALS = {"will", "would", "can", "could", "may", "might", "must", "should", "shall"}
# Words that end a clause's subject when reading back from the auxiliary.
CLAUSE_BREAK = re.compile(r"[,;:()–—]|\b(?:that|which|who|because|when|if|where|while|"
                          r"but|so|as|unless|until|after|before|once)\b", re.I)
RELATIVE = {"that", "which", "who"}
WITH_VERBS = {"deal", "comply", "cope", "dispense", "do"}  # "dealt with" is one verb
# Words that show a "subject" read back from the verb is really a clause fragment.
FRAGMENT = {"to", "that", "which", "who", "will", "would", "should", "can", "could", "may",
            "might", "must", "is", "are", "was", "were", "be", "been", "has", "have", "had",
            "if", "when", "how", "what", "then", "there", "we", "you", "they", "it", "ensure",
            "make", "allow", "need", "needs", "walks", "such", "no", "not", "you'll", "confirm",
            "confirms", "say", "says", "and", "or"}  # "X and Y" may be two clauses: ask
# "by" followed by these is a means or a deadline, not a doer ("by email", "by 31 March").
NOT_AGENTS = {
    "email", "e-mail", "post", "phone", "telephone", "letter", "law", "hand", "default",
    "mistake", "chance", "then", "now", "means", "way", "far", "itself", "themselves",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "the end", "the time", "the deadline", "midnight",
    "noon", "text", "video", "cheque", "card", "car", "bus", "train",
}
AGENT_END = re.compile(r"[,;:.!?()–—]|\s(?:in|on|at|for|with|within|during|after|before|from|"
                       r"to|into|under|over|because|when|if|unless|until|every|each|so|as|"
                       r"through|via|and then|which|who|that|must|will|would|can|could|may|"
                       r"might|should|shall|is|are|was|were|has|have|had)\b", re.I)
PRONOUN_SUBJECT = {"us": "we", "them": "they", "him": "he", "her": "she", "me": "I",
                   "you": "you", "it": "it", "whom": "who"}
PRONOUN_OBJECT = {"we": "us", "they": "them", "he": "him", "she": "her", "i": "me",
                  "you": "you", "it": "it"}


@dataclass(frozen=True)
class Passive:
    match: re.Match
    verb: str  # the participle as written
    lemma: str  # "chair"
    active: str | None  # the active sentence, when it could be written safely
    question: str  # "Who chairs the group?"


def find_passive(text: str) -> re.Match | None:
    for match in PASSIVE.finditer(text):
        verb = match.group("verb").lower()
        if verb in NOT_PARTICIPLES:
            continue
        if verb in IRREGULAR_PARTICIPLES or (
                len(verb) > 4 and verb.endswith("ed") and not verb.endswith("eed")):
            return match
    return None


def analyse_passive(text: str) -> Passive | None:
    match = find_passive(text)
    if match is None:
        return None
    verb = match.group("verb")
    lemma = _lemma(verb)
    particle = re.match(r"\s+(up|out|off|down|back|with)\b", text[match.end():], re.I)
    if particle and particle.group(1).lower() == "with" and lemma not in WITH_VERBS:
        particle = None
    verb_end = match.end() + (particle.end() if particle else 0)
    if particle:
        lemma += " " + particle.group(1).lower()
    subject_start = _subject_start(text, match.start())
    tense = _tense(text, subject_start, match)
    subject = text[subject_start:tense.start if tense else match.start()].strip()
    if subject_start == 0:
        subject = _uncapitalise(subject)
    agent, agent_end = _agent(text, verb_end)
    negative = bool(re.search(r"\bnot\b|n't", match.group("adv") or "", re.I))
    adverbs = [a for a in (match.group("adv") or "").split()
               if a.lower() not in ("not", "n't", "being", "all")]
    question = _question(lemma, tense, subject, negative)
    # A whole plain sentence is turned by the language layer's rule, the one the Easy Read
    # applies; this module's own reading covers passives inside longer sentences.
    turned = active_voice(text)
    active = turned if turned != text else None
    if active is None and agent and _clean(subject) and tense is not None:
        plural = _plural(agent)
        verb_phrase = _verb_phrase(lemma, tense, plural, negative, adverbs)
        if verb_phrase:
            head = text[:subject_start].rstrip()
            rest = text[agent_end:]
            doer = PRONOUN_SUBJECT.get(agent.lower(), agent)
            if subject.lower() in RELATIVE:
                clause = f"{subject} {doer} {verb_phrase}"
            else:
                clause = f"{doer} {verb_phrase} {_as_object(subject)}"
            joined = (head + " " if head else "") + clause
            active = _sentence_case(joined) + rest
    return Passive(match, verb, lemma, active, question)


def _lemma(verb: str) -> str:
    from lemminflect import getLemma

    found = getLemma(verb.lower(), upos="VERB")
    return found[0] if found else verb.lower()


@dataclass(frozen=True)
class Tense:
    kind: str  # "present", "past", "modal", "perfect", "pluperfect", "progressive"
    start: int  # where the verb group starts (a modal or "has" before the auxiliary)
    word: str  # the modal, "has"/"have", or the be-form of a progressive


def _tense(text: str, subject_start: int, match: re.Match) -> Tense | None:
    aux = match.group("aux").lower().replace("’", "'")
    before = text[subject_start:match.start()]
    previous = re.search(r"(\w+)(\s+not)?\s*$", before)
    word = previous.group(1).lower() if previous else ""
    start = match.start() - (len(previous.group(0)) if previous else 0)
    adverb = (match.group("adv") or "").lower()
    if "being" in adverb.split() and aux in ("is", "are", "was", "were", "am"):
        return Tense("progressive", match.start(), aux)
    if aux == "be" and word in MODALS:
        return Tense("modal", start, word)
    if aux == "been" and word in ("has", "have"):
        return Tense("perfect", start, word)
    if aux == "been" and word == "had":
        return Tense("pluperfect", start, word)
    if aux in ("is", "are", "am", "'s", "'re", "get", "gets"):
        return Tense("present", match.start(), aux)
    if aux in ("was", "were", "got"):
        return Tense("past", match.start(), aux)
    return None


def _subject_start(text: str, aux_start: int) -> int:
    """Where the clause's subject starts: after the last clause break before the verb."""
    before = text[:aux_start]
    start = 0
    for found in CLAUSE_BREAK.finditer(before):
        start = found.start() if found.group(0).lower() in RELATIVE else found.end()
    subject = before[start:]
    return start + len(subject) - len(subject.lstrip())


def _agent(text: str, verb_end: int) -> tuple[str, int]:
    """The doer after "by", and where it ends; ("", 0) when there is none."""
    found = re.match(r"\s+by\s+", text[verb_end:])
    if not found:
        return "", 0
    start = verb_end + found.end()
    rest = text[start:]
    end = AGENT_END.search(rest)
    agent = rest[:end.start()] if end else rest
    agent = agent.strip()
    first = agent.split()[0].lower() if agent else ""
    if not agent or first[:1].isdigit() or first in NOT_AGENTS or first.endswith("ing") or \
            " ".join(agent.lower().split()[:2]) in NOT_AGENTS or len(agent.split()) > 8 or \
            re.search(r"\b(?:and|or) \w+ed by\b", agent):
        return "", 0  # 'staff and agreed by the Board': a second passive, not one doer
    return agent, start + len(rest[:end.start()].rstrip()) if end else len(text.rstrip())


def _clean(subject: str) -> bool:
    """A short noun phrase ("the group", "our open data", "we"), not a clause fragment."""
    words = [w.lower().strip(",'’") for w in subject.split()]
    if subject.lower() in RELATIVE:
        return True  # "which is chaired by X" -> "which X chairs"
    if not words or len(words) > 7 or words[0] in ("to", "that", "if", "when", "how", "such",
                                                   "which", "where", "ensure", "you'll"):
        return False
    if len(words) == 1:
        return True
    return not any(w in FRAGMENT for w in words[1:]) and not words[0].endswith("ing")


def _plural(agent: str) -> bool:
    words = agent.split()
    head = words[-1].lower() if words else ""
    if agent.lower() in ("us", "them", "you", "we", "they", "i", "me"):
        return True
    if any(w.lower() in ("and", "both") for w in words):
        return True
    return head.endswith("s") and not head.endswith(("ss", "us", "is")) and not head.isupper()


def _inflect(lemma: str, tag: str) -> str:
    """'deal with' + VBZ -> 'deals with': only the verb changes."""
    from lemminflect import getInflection

    from converter.language.rewrite import BRITISH

    verb, space, rest = lemma.partition(" ")
    forms = getInflection(verb, tag=tag)
    form = forms[0] if forms else verb
    return BRITISH.get(form, form) + space + rest


def _verb_phrase(lemma: str, tense: Tense, plural: bool, negative: bool,
                 adverbs: list[str]) -> str:
    adverb = " ".join(adverbs)
    pre = adverb + " " if adverb else ""
    if tense.kind == "present":
        if negative:
            return f"{'do' if plural else 'does'} not {pre}{lemma}"
        return pre + _inflect(lemma, "VBP" if plural else "VBZ")
    if tense.kind == "past":
        return f"did not {pre}{lemma}" if negative else pre + _inflect(lemma, "VBD")
    if tense.kind == "modal":
        return f"{tense.word}{' not' if negative else ''} {pre}{lemma}"
    if tense.kind == "perfect":
        have = "have" if plural else "has"
        return f"{have}{' not' if negative else ''} {pre}{_inflect(lemma, 'VBN')}"
    if tense.kind == "pluperfect":
        return f"had{' not' if negative else ''} {pre}{_inflect(lemma, 'VBN')}"
    if tense.kind == "progressive":
        past = tense.word in ("was", "were")
        be = ("were" if plural else "was") if past else ("are" if plural else "is")
        return f"{be}{' not' if negative else ''} {pre}{_inflect(lemma, 'VBG')}"
    return ""


def _as_object(subject: str) -> str:
    lower = subject.lower()
    if lower in PRONOUN_OBJECT:
        return PRONOUN_OBJECT[lower]
    first, _, rest = subject.partition(" ")
    # "The group" -> "the group"; "Birmingham" and "NHS" keep their capitals.
    if first[:1].isupper() and first[1:].islower() and rest and not rest[:1].isupper():
        return first.lower() + " " + rest
    if first.lower() in ("the", "a", "an", "our", "your", "their", "this", "these", "those",
                         "all", "each", "every", "some", "its", "my", "any"):
        return first.lower() + (" " + rest if rest else "")
    return subject


def _uncapitalise(subject: str) -> str:
    """'Decisions' at the start of a sentence is 'decisions' inside one; 'Birmingham' and
    'NHS' keep their capitals (lemminflect knows ordinary words, not places)."""
    from lemminflect import getAllLemmas

    first, space, rest = subject.partition(" ")
    if first[:1].isupper() and first[1:].islower() and getAllLemmas(first.lower()):
        return first.lower() + space + rest
    return subject


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _question(lemma: str, tense: Tense | None, subject: str, negative: bool) -> str:
    """'Who reviews the policy?' / 'Who will review it?'"""
    kind = tense.kind if tense else "present"
    obj = _as_object(subject) if _clean(subject) and subject.lower() not in RELATIVE else ""
    if kind == "modal" and tense:
        verb = f"{tense.word} {lemma}"
    elif kind == "past":
        verb = _inflect(lemma, "VBD")
    elif kind in ("perfect", "pluperfect") and tense:
        verb = f"{'had' if kind == 'pluperfect' else 'has'} {_inflect(lemma, 'VBN')}"
    elif kind == "progressive":
        verb = f"is {_inflect(lemma, 'VBG')}"
    else:
        verb = _inflect(lemma, "VBZ")
    return f"Who {verb} {obj}".rstrip() + "?"
