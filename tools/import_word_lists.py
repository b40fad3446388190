"""Rebuild styles/words/*.tsv from the public lists in ../shared/corpus.

    python tools/import_word_lists.py [CORPUS_DIR]

Sources (kept with their licences in styles/words/SOURCES.md):
- GOV.UK A to Z style guide, "Words to avoid" (OGL v3)      -> words-to-avoid.tsv
- plainlanguage.gov "Don't say / say" pairs (public domain)  -> complex-words.tsv
- retext-simplify phrase patterns (MIT)                      -> complex-words.tsv
Staff may edit the output files by hand; rerunning this script overwrites them.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "styles" / "words"


def clean_suggestions(values: list[str]) -> str:
    out = []
    for value in values:
        value = value.strip().strip("'\"")
        if value and value not in out:
            out.append(value)
    return "|".join(out)


def govuk(corpus: Path) -> list[list[str]]:
    rows = []
    with open(corpus / "govuk-style" / "words-to-avoid.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            suggestions = clean_suggestions(row["suggested_alternatives"].split("|"))
            terms = row["term"].split("/")
            # "going/moving forward": the shared tail belongs to every alternative.
            tail = terms[-1].split()[1:] if len(terms) > 1 else []
            for term in terms:
                if tail and len(term.split()) == 1:
                    term = " ".join([term, *tail])
                term = re.sub(r"\s*\(.*?\)", "", term).strip().lower()
                if term:
                    term += SENSES.get(term, "")
                    rows.append([term, suggestions, row["exception"].strip(), "govuk"])
    return rows


# Entries that match almost every sentence ("There is a bus") and so drown real findings.
TOO_GENERIC = {"it is", "there is", "there are", "type"}
# Entries whose advice is wrong for most uses in policies ("vice chair", "the subject of",
# "employ" staff), and "and/or",
# which abbreviations.tsv already reports (once, as shorthand).
DROPPED = {"subject", "vice", "and/or", "employ"}  # "we employ 1,240 people" is not "use"
# Sense hints (converter/language/grammar.guess_pos): the advice is about the verb only; the
# noun is common in policies ("proof of address", "council land", "in advance", "our focus").
SENSES = {term: " (verb)" for term in (
    "impact", "address", "advance", "aggregate", "benefit", "commit", "counter", "determine",
    "drive", "effect", "satisfy",
    "focus", "forward", "function", "interface", "land", "monitor", "permit", "progress",
    "request")} | {"key": " (adjective)"}  # an adjective entry matches only its own form
# Corrections where the source list's suggestion is wrong ("determine" is not "figure").
CORRECTIONS = {"procure": "buy|get", "determine": "decide|find out|work out",
               "require": "need|must"}


def complex_words(corpus: Path) -> list[list[str]]:
    rows: dict[str, list[str]] = {}
    with open(corpus / "plainlanguage-gov" / "simple-words.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            term = row["dont_say"].strip().lower()
            if (not term or re.search(r"\b[ab]\b.*\b[ab]\b", term) or "(" in term
                    or term in TOO_GENERIC or term in DROPPED):
                continue  # templates such as "a and/or b", and over-generic entries
            say = CORRECTIONS.get(term, row["say_alternatives"]).replace("(omit)", "(leave it out)")
            rows[term] = [term + SENSES.get(term, ""), clean_suggestions(say.split("|")),
                          "plainlanguage.gov"]
    patterns = json.loads((corpus / "retext-simplify" / "patterns.json").read_text("utf-8"))
    for term, info in patterns.items():
        term = term.strip().lower()
        replacements = list(info.get("replace", []))
        if info.get("omit"):
            replacements.append("(leave it out)")
        if term and term not in rows and term not in TOO_GENERIC and term not in DROPPED:
            rows[term] = [term + SENSES.get(term, ""), clean_suggestions(replacements),
                          "retext-simplify"]
    return sorted(rows.values())


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    write(OUT / "words-to-avoid.tsv", ["phrase", "suggestions", "unless", "source"], govuk(corpus))
    write(OUT / "complex-words.tsv", ["phrase", "suggestions", "source"], complex_words(corpus))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
