"""Plain English rules. Each finds problems in one sentence (or paragraph) and says what to
write instead. The word lists and numbers come from styles/, not from code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from converter.language.acronyms import CAPS_ACRONYM as ACRONYM
from converter.language.acronyms import defined_acronyms
from converter.language.grammar import follows_determiner
from converter.language.latin import ABBREVIATIONS_FILE
from converter.language.lexicon import Lexicon
from converter.language.sentences import words

SEVERITIES = ("error", "warning", "info")

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
}
PASSIVE = re.compile(
    rf"\b(?P<aux>{BE_FORMS})\b(?P<adv>(?:\s+(?:{ADVERBS}))*)\s+(?P<verb>[a-z]+(?:-[a-z]+)?)\b",
    re.IGNORECASE,
)

NOMINALISATIONS = {
    "make a decision": "decide", "made a decision": "decided", "take a decision": "decide",
    "carry out an assessment": "assess", "conduct a review": "review",
    "carry out a review": "review", "undertake a review": "review",
    "give consideration to": "consider", "take into consideration": "consider",
    "provide assistance": "help", "make a payment": "pay", "make an application": "apply",
    "make a complaint": "complain", "make a recommendation": "recommend",
    "reach an agreement": "agree", "come to a conclusion": "conclude",
    "have a discussion": "discuss", "hold a meeting": "meet", "make provision for": "provide",
    "the implementation of": "implement", "the introduction of": "introduce",
    "the development of": "develop", "the provision of": "provide",
    "the improvement of": "improve", "the establishment of": "set up",
    "make an adjustment": "adjust", "perform an analysis": "analyse", "give approval": "approve",
}
NOMINAL_PHRASE = re.compile(r"\b(" + "|".join(re.escape(p) for p in NOMINALISATIONS) + r")\b", re.I)
NEGATIVE_PREFIXED = re.compile(
    r"\b(?:not|never|no|cannot|n't)\s+(?:\w+ly\s+)?(?:be\s+)?"
    r"(?P<word>(?:un|in|im|il|ir|dis|non-?)(?:common|usual|likely|able|possible|important|"
    r"significant|reasonable|necessary|known|related|similar|like|fair|clear|correct|"
    r"complete|frequent|limited|relevant|appropriate|legal|regular|responsible|agree|"
    r"approve|allow|satisfied|typical|unlike|valid)\w*)",
    re.I,
)
DOUBLE_NEGATIVE = re.compile(r"\b(?:not|never|cannot|n't)\b[^.;:]{0,30}\b(?:no|none|nothing|"
                             r"nobody|never|neither)\b", re.I)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    text: str
    suggestion: str | None
    location: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "text": self.text, "suggestion": self.suggestion, "location": self.location}


@dataclass
class RuleSet:
    settings: dict[str, Any]
    style_root: Path
    defined_acronyms: set[str] = field(default_factory=set)
    reported_acronyms: set[str] = field(default_factory=set)

    @cached_property
    def severity(self) -> dict[str, str]:
        return {rule: value for rule, value in self.settings.get("severity", {}).items()}

    @cached_property
    def lexicon(self) -> Lexicon:
        """Word lists, common acronyms and abbreviations, from the language layer."""
        return Lexicon.from_files(self.style_root, {
            "words_to_avoid": self.settings["words"]["words_to_avoid"],
            "complex_words": self.settings["words"]["complex_words"],
            "common_acronyms": self.settings["acronyms"]["common_list"],
            "abbreviations": ABBREVIATIONS_FILE,
        })

    @property
    def common_acronyms(self) -> frozenset[str]:
        return self.lexicon.common_acronyms

    def level(self, rule: str, default: str = "warning") -> str | None:
        value = self.severity.get(rule, default)
        return None if value == "off" else value

    # -- document-wide state ----------------------------------------------------

    def learn_definitions(self, text: str) -> None:
        """'West Midlands Combined Authority (WMCA)' and 'WMCA (West Midlands ...)' define."""
        self.defined_acronyms.update(defined_acronyms(text))  # the lenient reading

    # -- sentence rules -------------------------------------------------------------

    def check_sentence(self, text: str, location: dict[str, Any]) -> list[Finding]:
        findings: list[Finding] = []
        add = findings.append
        count = len(words(text))
        limits = self.settings["long_sentence"]
        if count > limits["error_words"]:
            add(self._finding("long-sentence", "error",
                              f"Sentence has {count} words (over {limits['error_words']}).", text,
                              f"Split it into sentences of {limits['warning_words']} words or fewer.",
                              location))
        elif count > limits["warning_words"]:
            add(self._finding("long-sentence", "warning",
                              f"Sentence has {count} words (GOV.UK: {limits['warning_words']} at "
                              "most).", text, "Split it into two sentences.", location))
        if (level := self.level("passive-voice")) and (passive := find_passive(text)):
            add(self._finding("passive-voice", level,
                              f"Passive voice: '{passive.group(0)}'.", text,
                              "Say who does what: 'we will review it', not 'it will be reviewed'.",
                              location, passive.span()))
        for rule, phrases in (("words-to-avoid", "words_to_avoid"),
                              ("complex-word", "complex_words")):
            level = self.level(rule, "warning" if rule == "words-to-avoid" else "info")
            if not level:
                continue
            for hit in self.lexicon.find_words(text, (phrases,)):
                entry, span = hit.entry, (hit.start, hit.end)
                if rule == "complex-word" and not entry.sense and len(entry.words) == 1 and \
                        follows_determiner(text, hit.start):
                    continue  # a noun ("proof of address"); the swap is for the verb
                if rule == "complex-word" and any(
                        f.rule == "words-to-avoid" and f.location.get("start") == location.get(
                            "start", 0) + hit.start for f in findings):
                    continue
                unless = entry.unless
                message = f"'{hit.text}' " + (
                    "is on GOV.UK's words to avoid" if rule == "words-to-avoid"
                    else "has a plainer alternative")
                if unless:
                    message += f" ({unless})"
                options = list(entry.suggestions)
                suggestion = " or ".join(
                    "leave it out" if s == "(leave it out)" else f"'{s}'" for s in options) or None
                add(self._finding(rule, level, message + ".", text,
                                  f"Use {suggestion}." if suggestion else None, location,
                                  span))
        if level := self.level("latin-abbreviation"):
            for found, entry in self.lexicon.abbreviations.find(text):
                add(self._finding("latin-abbreviation", level,
                                  f"'{found.text}': avoid '{entry.name}' (screen readers may "
                                  "misread it, GOV.UK).", text, f"Use {entry.advice}.", location,
                                  (found.start, found.end)))
        if self.level("undefined-acronym"):
            findings.extend(self._acronyms(text, location))
        if level := self.level("all-caps"):
            findings.extend(self._all_caps(text, location, level))
        if level := self.level("nominalisation", "info"):
            for match in NOMINAL_PHRASE.finditer(text):
                verb = NOMINALISATIONS[match.group(0).lower()]
                add(self._finding("nominalisation", level,
                                  f"'{match.group(0)}' hides a verb.", text,
                                  f"Use the verb: '{verb}'.", location, match.span()))
        if level := self.level("double-negative", "info"):
            match = NEGATIVE_PREFIXED.search(text) or DOUBLE_NEGATIVE.search(text)
            if match:
                add(self._finding("double-negative", level,
                                  f"Double negative: '{match.group(0)}'.", text,
                                  "Say it positively ('common', not 'not uncommon').", location,
                                  match.span()))
        return findings

    def _acronyms(self, text: str, location: dict[str, Any]) -> list[Finding]:
        findings = []
        self.learn_definitions(text)
        level = self.level("undefined-acronym")
        for match in ACRONYM.finditer(text):
            acronym = match.group(0)
            base = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
            if (len(base) < 2 or base in self.common_acronyms or acronym in self.common_acronyms
                    or base in self.defined_acronyms or base in self.reported_acronyms
                    or not any(ch.isalpha() for ch in base) or _is_caps_word(base)):
                continue
            self.reported_acronyms.add(base)
            findings.append(self._finding(
                "undefined-acronym", level, f"'{base}' is used before it is spelled out.", text,
                f"Write it in full the first time, then the acronym in brackets: "
                f"'Full Name ({base})'.", location, match.span()))
        return findings

    def _all_caps(self, text: str, location: dict[str, Any], level: str) -> list[Finding]:
        findings = []
        for match in re.finditer(r"\b[A-Z][A-Z'’-]*[A-Z](?:\s+[A-Z][A-Z'’-]*[A-Z])+\b|"
                                 r"\b[A-Z]{4,}\b", text):
            tokens = match.group(0).split()
            if all(token in self.common_acronyms or token in self.defined_acronyms
                   or not _is_caps_word(token) for token in tokens):
                continue
            findings.append(self._finding(
                "all-caps", level, f"'{match.group(0)}' is in capitals, which is harder to read.",
                text, "Use sentence case; use bold sparingly for emphasis.", location,
                match.span()))
        return findings

    def _finding(self, rule: str, severity: str, message: str, text: str,
                 suggestion: str | None, location: dict[str, Any],
                 span: tuple[int, int] | None = None) -> Finding:
        where = dict(location)
        if span is not None:
            base = location.get("start", 0)
            where["start"], where["end"] = base + span[0], base + span[1]
        return Finding(rule, severity, message, context(text, span), suggestion, where)


MAX_CONTEXT = 400  # characters of sentence kept with a finding


def context(text: str, span: tuple[int, int] | None) -> str:
    """The sentence, or for a very long one a window around the finding: a report must not
    repeat a 1 MB run-on paragraph once for every finding in it."""
    if len(text) <= MAX_CONTEXT:
        return text
    start, end = span or (0, 0)
    left = max(0, min(start - MAX_CONTEXT // 2, len(text) - MAX_CONTEXT))
    window = text[left:left + max(MAX_CONTEXT, end - start)]
    return ("…" if left else "") + window + ("…" if left + len(window) < len(text) else "")


def find_passive(text: str) -> re.Match | None:
    for match in PASSIVE.finditer(text):
        verb = match.group("verb").lower()
        if verb in NOT_PARTICIPLES:
            continue
        if verb in IRREGULAR_PARTICIPLES or (
                len(verb) > 4 and verb.endswith("ed") and not verb.endswith("eed")):
            return match
    return None


def _is_caps_word(token: str) -> bool:
    """An all-capitals token that is an ordinary English word shouted (NOTE, IMPORTANT)."""
    from converter.language.syllables import syllable_table

    word = token.strip("'’-").lower()
    return len(word) >= 4 and word in syllable_table() and word not in {"nato", "unesco"}
