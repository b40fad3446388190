"""numbering.xml: whether a list level is bulleted or numbered."""

from __future__ import annotations

from converter.readers.docx.names import decimal, w, wval

UNORDERED_FORMATS = {"bullet", "none"}


class Numbering:
    def __init__(self, root) -> None:
        self._abstract_formats: dict[str, dict[int, str]] = {}
        self._num_to_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, str]] = {}
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            self._abstract_formats[abstract.get(w("abstractNumId"), "")] = _level_formats(abstract)
        for num in root.iter(w("num")):
            num_id = num.get(w("numId"), "")
            self._num_to_abstract[num_id] = wval(num, "abstractNumId") or ""
            overrides = {}
            for override in num.iter(w("lvlOverride")):
                level = override.find(w("lvl"))
                if level is not None:
                    overrides.update(_level_formats_from([level]))
            self._overrides[num_id] = overrides

    def is_list(self, num_id: str | None) -> bool:
        return bool(num_id) and num_id != "0" and num_id in self._num_to_abstract

    def is_ordered(self, num_id: str, level: int) -> bool:
        fmt = self._overrides.get(num_id, {}).get(level)
        if fmt is None:
            formats = self._abstract_formats.get(self._num_to_abstract.get(num_id, ""), {})
            fmt = formats.get(level, "decimal" if not formats else "bullet")
        return fmt not in UNORDERED_FORMATS


def _level_formats(abstract) -> dict[int, str]:
    return _level_formats_from(abstract.findall(w("lvl")))


def _level_formats_from(levels) -> dict[int, str]:
    result = {}
    for level in levels:
        index = decimal(level.get(w("ilvl"), "0"), "ilvl", 99) or 0
        result[min(index, 8)] = wval(level, "numFmt") or "decimal"
    return result
