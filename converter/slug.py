"""Safe, readable ids for documents and chapters."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 60


def slugify(text: str, fallback: str = "document") -> str:
    """ASCII slug: lower case, words joined by hyphens, never a path.

    Text with no Latin letters (for example Arabic or Chinese titles) gets the fallback
    plus a short hash, so two such documents still get different, typeable ids.
    """
    normal = unicodedata.normalize("NFKD", text)
    ascii_text = normal.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if not slug:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{fallback}-{digest}" if text.strip() else fallback
    return slug


def unique_slugs(titles: list[str], fallback: str = "section") -> list[str]:
    """Slugs for a list of titles, made unique with -2, -3 suffixes in order of appearance."""
    seen: dict[str, int] = {}
    result = []
    for title in titles:
        base = slugify(title, fallback)
        count = seen.get(base, 0) + 1
        seen[base] = count
        result.append(base if count == 1 else f"{base}-{count}")
    return result


SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def is_safe_id(value: str) -> bool:
    """True for ids we create ourselves; anything else typed by a user is refused."""
    return bool(SAFE_ID.match(value))
