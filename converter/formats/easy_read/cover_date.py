"""The date on the Easy Read cover: the document's own date, never the build date.

In order: the date the source carries (Word's core properties: modified, else created), a
date the master's text gives for agreeing or publishing it ('The Board agreed this scheme at
its meeting on 14 March 2024'), else no date. A file's modification time is not used: a
checkout or copy makes an old policy look new to a resident. The cover shows month and year;
the build says which it used, or that the cover has no date.
"""

from __future__ import annotations

import re
from datetime import date

from converter.language.numbers import MONTHS
from converter.model import Document

MONTH = "|".join(MONTHS)
# A date given for the document itself: the verb of agreeing or publishing, then the date
# in the same sentence.
OWN_DATE = re.compile(
    r"\b(?:agreed|approved|adopted|published|updated|issued|dated|signed off)\b[^.]{0,60}?"
    rf"\b(\d{{1,2}})\s+({MONTH})\s+(\d{{4}})\b")


def cover_date(document: Document) -> tuple[date | None, str]:
    """(the date, where it came from); (None, why) when there is none."""
    if document.date:
        iso, source = document.date
        return date.fromisoformat(iso), source
    for chapter in document.chapters:
        for block in chapter.blocks:
            match = OWN_DATE.search(block.text)
            if match:
                day, month, year = match.groups()
                return date(int(year), MONTHS.index(month) + 1, int(day)), \
                    f"the master's text ('{match.group(0)}')"
    return None, "the source gives none, and a file's date is not used"


def cover_text(when: date | None) -> str:
    return when.strftime("%B %Y") if when else ""
