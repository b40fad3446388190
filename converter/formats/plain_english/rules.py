"""Plain English rules: one small function per rule. Each reads one sentence with the
language layer's annotations of its block (word-list hits by lemma, names, quotations,
acronyms, abbreviations) and says what to write instead, in the writer's own words.

Word and passive findings are never made inside proper names, quotations or quoted
blocks (the layer marks them protected); readability still counts that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from converter.formats.plain_english.passive import analyse_passive, find_passive
from converter.formats.plain_english.suppress import Vocabulary
from converter.language import Acronym, BlockAnnotations, Lexicon, annotate
from converter.language.acronyms import acronym_base
from converter.language.grammar import follows_determiner
from converter.language.latin import ABBREVIATIONS_FILE, LEAVE_OUT
from converter.language.rewrite import shown, usable
from converter.language.sentences import words

__all__ = ["Finding", "RuleSet", "Sentence", "RULES", "context", "find_passive"]

SEVERITIES = ("error", "warning", "info")

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
ALL_CAPS = re.compile(r"\b[A-Z][A-Z'’-]*[A-Z](?:\s+[A-Z][A-Z'’-]*[A-Z])+\b|\b[A-Z]{4,}\b")
# Rules whose finding is about a word or phrase (one finding per stretch of text).
WORD_RULES = ("rejected-word", "words-to-avoid", "complex-word", "latin-abbreviation",
              "shorthand", "nominalisation")


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


@dataclass(frozen=True)
class Sentence:
    """One sentence (or heading, list item, table cell) of a block, with the block's
    annotations. Offsets of spans are relative to the sentence."""

    text: str
    start: int  # offset in the block's text
    block: BlockAnnotations
    location: dict[str, Any]  # chapter, paragraph, line

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def inside(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end

    def quoted(self, start: int, end: int) -> bool:
        """Sentence-relative span inside quotation marks or a quoted block."""
        return self.block.quoted or any(q.overlaps(self.start + start, self.start + end)
                                        for q in self.block.quotations)

    def protected(self, start: int, end: int) -> bool:
        """Sentence-relative span inside a name, quotation, quoted block or contact."""
        return self.block.protected(self.start + start, self.start + end)


@dataclass
class RuleSet:
    settings: dict[str, Any]
    style_root: Path
    acronyms: Mapping[str, Acronym] = field(default_factory=dict)  # document-wide

    @cached_property
    def severity(self) -> dict[str, str]:
        return dict(self.settings.get("severity", {}))

    @cached_property
    def lexicon(self) -> Lexicon:
        """Word lists, common acronyms and abbreviations, from the language layer."""
        return Lexicon.from_files(self.style_root, {
            "words_to_avoid": self.settings["words"]["words_to_avoid"],
            "complex_words": self.settings["words"]["complex_words"],
            "common_acronyms": self.settings["acronyms"]["common_list"],
            "abbreviations": ABBREVIATIONS_FILE,
        })

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary.load(self.style_root / "vocabulary")

    @property
    def common_acronyms(self) -> frozenset[str]:
        return self.lexicon.common_acronyms

    def level(self, rule: str, default: str = "warning") -> str | None:
        value = self.severity.get(rule, default)
        return None if value == "off" else value

    def check(self, sentence: Sentence) -> list[Finding]:
        """Every rule on one sentence; a stretch of text gets one word finding at most, and
        nothing inside a term of the accepted vocabulary is flagged."""
        findings: list[Finding] = []
        taken: set[tuple[int, int]] = set()
        accepted = self.vocabulary.accepted_spans(sentence.text)
        for rule in RULES:
            for finding in rule(self, sentence):
                span = (finding.location["start"], finding.location["end"])
                relative = (span[0] - sentence.start, span[1] - sentence.start)
                if finding.rule != "rejected-word" and any(
                        a <= relative[0] and relative[1] <= b for a, b in accepted):
                    continue
                if finding.rule in WORD_RULES:
                    if any(s[0] < span[1] and span[0] < s[1] for s in taken):
                        continue  # "and/or" once, a word on both lists once
                    taken.add(span)
                findings.append(finding)
        return findings

    def check_sentence(self, text: str, location: dict[str, Any]) -> list[Finding]:
        """The rules on one stand-alone sentence (annotated on its own), for tools and tests."""
        from converter.model import Chapter, Document, Paragraph

        document = Document("s", "s", "en-GB", "s", "0", (
            Chapter(location.get("chapter", "c"), "", 1, (Paragraph(text),)),))
        annotations = annotate(document, self.lexicon)
        self.acronyms = annotations.acronyms
        block = next(iter(annotations))
        where = {**location, "start": 0, "end": len(text)}
        return self.check(Sentence(text, 0, block, where))

    def finding(self, rule: str, severity: str, message: str, sentence: Sentence,
                suggestion: str | None, span: tuple[int, int] | None = None) -> Finding:
        """A finding; `span` is relative to the sentence (None: the whole sentence)."""
        where = dict(sentence.location)
        start, end = span or (0, len(sentence.text))
        where["start"], where["end"] = sentence.start + start, sentence.start + end
        return Finding(rule, severity, message, context(sentence.text, span), suggestion, where)


# -- the rules: each takes the rule set and a sentence, yields findings ----------------

def long_sentence(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    if sentence.quoted(0, len(sentence.text)) and sentence.block.quoted:
        return  # a quotation cannot be split by the writer; readability still counts it
    count = len(words(sentence.text))
    limits = rules.settings["long_sentence"]
    if count > limits["error_words"]:
        yield rules.finding("long-sentence", "error",
                            f"Sentence has {count} words (over {limits['error_words']}).",
                            sentence, f"Split it into sentences of {limits['warning_words']} "
                            "words or fewer.")
    elif count > limits["warning_words"]:
        yield rules.finding("long-sentence", "warning",
                            f"Sentence has {count} words (GOV.UK: {limits['warning_words']} "
                            "at most).", sentence, "Split it into two sentences.")


def passive_voice(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    if not (level := rules.level("passive-voice")):
        return
    passive = analyse_passive(sentence.text)
    if passive is None or sentence.protected(*passive.match.span()):
        return  # a quoted definition or statute says what it says
    if passive.active:
        suggestion = f"Say who does what: '{passive.active}'"
    else:
        suggestion = f"{passive.question} Say who does it."
    yield rules.finding("passive-voice", level, f"Passive voice: '{passive.match.group(0)}'.",
                        sentence, suggestion, passive.match.span())


def word_lists(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    hits = sorted((hit for hit in sentence.block.words if sentence.inside(hit.start, hit.end)),
                  key=lambda hit: (hit.start, hit.list != "words_to_avoid"))
    for hit in hits:
        if hit.protected or _defined_term(sentence.block.text, hit.start):
            continue  # in a name, quotation, quoted block or a glossary's term
        rule = "words-to-avoid" if hit.list == "words_to_avoid" else "complex-word"
        level = rules.level(rule, "warning" if rule == "words-to-avoid" else "info")
        if not level:
            continue
        entry = hit.entry
        start, end = hit.start - sentence.start, hit.end - sentence.start
        if rule == "complex-word" and not entry.sense and len(entry.words) == 1 and \
                follows_determiner(sentence.text, start):
            continue  # a noun ("proof of address"); the swap is for the verb
        message = f"'{hit.text}' " + ("is on GOV.UK's words to avoid"
                                      if rule == "words-to-avoid" else
                                      "has a plainer alternative")
        if entry.unless:
            message += f" ({entry.unless})"
        yield rules.finding(rule, level, message + ".", sentence,
                            _word_suggestion(sentence.text, start, end, entry.suggestions,
                                             entry.phrase),
                            (start, end))


def _word_suggestion(text: str, start: int, end: int, options: tuple[str, ...],
                     phrase: str = "") -> str | None:
    """'Use 'deal with' or 'stop': 'We are dealing with poverty.'' in the writer's words."""
    if not options:
        return "Say what you mean in plain words, or leave it out."
    names = " or ".join("leave it out" if s == LEAVE_OUT else f"'{s}'" for s in options)
    first = next((s for s in options if usable(s)), None)
    if first is None:
        return f"Use {names}."
    return f"Use {names}: '{shown(text, start, end, first, phrase)}'"


def abbreviations(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    for hit in sentence.block.abbreviations:
        span, entry = hit.span, hit.entry
        if hit.protected or not sentence.inside(span.start, span.end):
            continue
        start, end = span.start - sentence.start, span.end - sentence.start
        if entry.latin:
            if level := rules.level("latin-abbreviation"):
                yield rules.finding(
                    "latin-abbreviation", level, f"'{span.text}': avoid the Latin '{entry.name}' "
                    "(screen readers may misread it, GOV.UK).", sentence,
                    f"Use {entry.advice}: '{shown(sentence.text, start, end, entry.plain)}'",
                    (start, end))
        elif level := rules.level("shorthand"):
            yield rules.finding(
                "shorthand", level, f"'{span.text}' makes the reader work out what you mean.",
                sentence, f"Use {entry.advice}.", (start, end))


def rejected_words(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    if not (level := rules.level("rejected-word", "error")):
        return
    for start, end in rules.vocabulary.rejected(sentence.text):
        if sentence.protected(start, end):
            continue
        yield rules.finding("rejected-word", level,
                            f"'{sentence.text[start:end]}' is on this organisation's list of "
                            "words not to use (styles/vocabulary/reject.txt).", sentence,
                            "Use another word.", (start, end))


def undefined_acronym(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    """Flag an acronym once, where it is first used before it is spelled out (any case
    pattern: DfT, HMRC); one spelled out earlier with matching initials is fine."""
    if not (level := rules.level("undefined-acronym")):
        return
    block = sentence.block
    for span in block.acronyms:
        if not sentence.inside(span.start, span.end):
            continue
        base = acronym_base(span.text)
        acronym = rules.acronyms.get(base)
        if acronym is None or not acronym.used_before_defined or acronym.first_used_at is None \
                or tuple(acronym.first_used_at) != (block.chapter_id, block.index, span.start):
            continue
        if base in rules.common_acronyms or span.text in rules.common_acronyms or \
                not any(ch.isalpha() for ch in base) or _is_caps_word(base) or \
                base.lower() in SHOUTED_SMALL_WORDS or _in_format(block.text, span) or \
                _in_code(block.text, span.start, span.end):
            continue
        later = " (it is spelled out later)" if acronym.defined else ""
        yield rules.finding(
            "undefined-acronym", level, f"'{base}' is used before it is spelled out{later}.",
            sentence, "Write it in full the first time, then the acronym in brackets: "
            f"'{acronym.expansion or 'Full Name'} ({base})'.",
            (span.start - sentence.start, span.end - sentence.start))


def all_caps(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    if not (level := rules.level("all-caps")):
        return
    for match in ALL_CAPS.finditer(sentence.text):
        tokens = match.group(0).split()
        if all(token in rules.common_acronyms or _defined(rules, token)
               or not _is_caps_word(token) for token in tokens):
            continue
        if sentence.quoted(*match.span()) or _in_code(sentence.text, *match.span()):
            continue
        yield rules.finding("all-caps", level,
                            f"'{match.group(0)}' is in capitals, which is harder to read.",
                            sentence, "Use sentence case; use bold sparingly for emphasis.",
                            match.span())


def nominalisation(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    if not (level := rules.level("nominalisation", "info")):
        return
    for match in NOMINAL_PHRASE.finditer(sentence.text):
        if sentence.protected(*match.span()):
            continue
        verb = NOMINALISATIONS[match.group(0).lower()]
        yield rules.finding("nominalisation", level, f"'{match.group(0)}' hides a verb.",
                            sentence, f"Use the verb '{verb}': "
                            f"'{shown(sentence.text, *match.span(), verb)}'", match.span())


def double_negative(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    if not (level := rules.level("double-negative", "info")):
        return
    match = NEGATIVE_PREFIXED.search(sentence.text) or DOUBLE_NEGATIVE.search(sentence.text)
    if match and not sentence.protected(*match.span()):
        yield rules.finding("double-negative", level, f"Double negative: '{match.group(0)}'.",
                            sentence, "Say it positively ('common', not 'not uncommon').",
                            match.span())


def placeholder(rules: RuleSet, sentence: Sentence) -> Iterator[Finding]:
    """A template placeholder ('[organisation]') the master still holds: an error by
    default, so `converter check` fails until someone fills it in."""
    if not (level := rules.level("placeholder", "error")):
        return
    for span in sentence.block.placeholders:
        if sentence.inside(span.start, span.end):
            yield rules.finding(
                "placeholder", level, f"'{span.value}' is a template placeholder, not text: "
                "residents would read it as if it were real.", sentence,
                f"Replace {span.value} with what it stands for.",
                (span.start - sentence.start, span.end - sentence.start))


# In this order: a word on the organisation's reject list before the general lists.
RULES: tuple[Callable[[RuleSet, Sentence], Iterator[Finding]], ...] = (
    placeholder, long_sentence, passive_voice, rejected_words, word_lists, abbreviations,
    undefined_acronym, all_caps, nominalisation, double_negative,
)


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


# Short words in capitals that are not acronyms ("CC BY-SA", "OR").
SHOUTED_SMALL_WORDS = frozenset({"by", "or", "and", "to", "of", "in", "on", "at", "it", "is",
                                 "as", "an", "the", "for", "no", "not", "if", "we", "you"})


def _in_format(text: str, span: Any) -> bool:
    """'DD/MM/YYYY' is a date format, not three acronyms."""
    return text[span.end:span.end + 1] == "/" or text[span.start - 1:span.start] == "/"


def _defined_term(text: str, start: int) -> bool:
    """The term a glossary entry defines ("Combined authority: a group of councils ..."):
    the word is the thing being explained, so it stays."""
    colon = text.find(":")
    return 0 < colon <= 40 and start < colon and len(text[:colon].split()) <= 4


def _in_code(text: str, start: int, end: int) -> bool:
    """Capitals joined to a file name or a code ("LICENSE.md", "-EDITED.csv",
    "OFFICIAL-SENSITIVE", "BY-SA"): written as they must be."""
    return text[end:end + 1] in (".", "_", "-") and text[end + 1:end + 2].isalnum() or \
        text[start - 1:start] in (".", "_", "-") and start > 1 and text[start - 2].isalnum()


def _defined(rules: RuleSet, token: str) -> bool:
    acronym = rules.acronyms.get(acronym_base(token))
    return acronym is not None and acronym.defined


def _is_caps_word(token: str) -> bool:
    """An all-capitals token that is an ordinary English word shouted (NOTE, IMPORTANT)."""
    from converter.language.syllables import syllable_table

    word = token.strip("'’-").lower()
    return len(word) >= 4 and word in syllable_table() and word not in {"nato", "unesco"}
