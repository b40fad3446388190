"""Which drafted rows fit the page limit, cut faithfully.

Easy Read is a summary, but a cut must not change what the master says. So rows are kept or
left out in whole units: one source sentence; a list with its introduction; a list item with
its sub-items; and a list the master counts ("the Board has agreed 5 equality objectives")
together with the sentence that counts it, so a reader never sees 2 of "5 objectives".
Units rank: each chapter's opening sentence, then what a resident must know (rights,
time limits, contact details), then what the organisation must do and by when, with lists
the master counts (patterns in styles/easy-read.toml [budget]), then each paragraph's topic
sentence, then the rest; chapters take turns within a rank so one long chapter cannot take
the whole budget.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from converter.language.contacts import contact_spans
from converter.model import Chapter, ListItem

OPENING, RESIDENT, DUTY, TOPIC, REST = range(5)


@dataclass
class Unit:
    section: int
    members: list[int]  # row indexes in the section, in order
    rank: int = REST
    counted: str = ""  # '5 equality objectives' when the master counts the list
    origins: set = field(default_factory=set)


@dataclass(frozen=True)
class Patterns:
    """From easy-read.toml [budget]: what a resident can do and by when; what the
    organisation must do and by when."""

    resident: re.Pattern
    duties: re.Pattern

    @classmethod
    def of(cls, resident: Sequence[str], duties: Sequence[str]) -> Patterns:
        def joined(patterns: Sequence[str]) -> re.Pattern:
            return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x", re.I)
        return cls(joined(resident), joined(duties))

    def rank(self, text: str) -> int:
        if self.resident.search(text) or contact_spans(text):
            return RESIDENT
        return DUTY if self.duties.search(text) else REST


def units(rows: list, chapter: Chapter | None, section: int, patterns: Patterns) -> list[Unit]:
    """The section's rows grouped into units that are kept or left out whole. A sub-heading
    is in no unit: it is kept while a row under it is (Drafter.section)."""
    owner: dict = {}  # origin -> Unit
    found: list[Unit] = []
    for index, row in enumerate(rows):
        if getattr(row, "heading", 0):
            continue
        unit = owner.get(row.origin)
        if unit is None:
            unit = Unit(section, [], origins={row.origin})
            owner[row.origin] = unit
            found.append(unit)
        unit.members.append(index)
    blocks = list(chapter.blocks) if chapter is not None else []

    def block(row):
        return blocks[row.block] if 0 <= getattr(row, "block", -1) < len(blocks) else None

    def merge(into: Unit, other: Unit) -> None:
        if into is other:
            return
        into.members = sorted(into.members + other.members)
        into.origins |= other.origins
        into.counted = into.counted or other.counted
        for origin in other.origins:
            owner[origin] = into
        found.remove(other)

    # A sub-item belongs with the item above it: an objective keeps its actions.
    parent_unit: dict[int, Unit] = {}  # list level -> unit of the latest item at that level
    for row in rows:
        item = block(row)
        if not isinstance(item, ListItem):
            parent_unit = {}
            continue
        parents = [level for level in parent_unit if level < item.level]
        if parents:
            merge(parent_unit[max(parents)], owner[row.origin])
        parent_unit = {lv: u for lv, u in parent_unit.items() if lv < item.level}
        parent_unit[item.level] = owner[row.origin]
    # A list the master counts is one unit with the sentence that counts it.
    for start, end in list_runs(rows, block):
        levels = [block(rows[i]).level for i in range(start, end)]
        top = min(levels)
        tops = {rows[i].block for i in range(start, end) if block(rows[i]).level == top}
        count = len(tops)
        if start == 0 or rows[start - 1].block != rows[start].block - 1 or \
                getattr(rows[start - 1], "heading", 0):
            continue  # the list does not follow a sentence directly
        before = [i for i in range(start) if rows[i].block == rows[start - 1].block]
        for i in reversed(before):
            phrase = counted_phrase(" ".join(rows[i].sentences), count)
            if phrase:
                unit = owner[rows[i].origin]
                for j in range(start, end):
                    merge(unit, owner[rows[j].origin])
                unit = owner[rows[i].origin]
                unit.counted = phrase
                break
    opening = found[0].members[0] if found else 0
    for unit in found:
        first = unit.members[0]
        text = " ".join(" ".join(rows[i].sentences) for i in unit.members)
        rank = patterns.rank(text)
        if first == opening:
            unit.rank = OPENING
        elif rank == RESIDENT:
            unit.rank = RESIDENT
        elif unit.counted or rank == DUTY:
            unit.rank = DUTY
        elif any(origin[1] == 0 for origin in unit.origins):
            unit.rank = TOPIC
    return found


def list_runs(rows: list, block) -> list[tuple[int, int]]:
    """Runs of consecutive rows drafted from list items: (first, end)."""
    runs, start = [], None
    for index, row in enumerate(rows):
        if isinstance(block(row), ListItem):
            start = index if start is None else start
        elif start is not None:
            runs.append((start, index))
            start = None
    if start is not None:
        runs.append((start, len(rows)))
    return runs


COUNTED = re.compile(r"\b(\d+)\s+((?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*s)\b")


def counted_phrase(text: str, count: int) -> str:
    """'the Board has agreed 5 equality objectives' with 5 items -> '5 equality objectives'."""
    for match in COUNTED.finditer(text):
        if int(match.group(1)) == count and count >= 2:
            return match.group(0)
    return ""


@dataclass
class SectionUnits:
    """One section's units, compact (a long master has one a sentence): each unit's rank,
    its rows and their costs in flat arrays, and the phrase of a list the master counts."""

    ranks: bytearray = field(default_factory=bytearray)
    starts: array = field(default_factory=lambda: array("I", [0]))  # into members, per unit
    members: array = field(default_factory=lambda: array("I"))  # row indexes, unit by unit
    costs: array = field(default_factory=lambda: array("d"))  # each member's cost
    counted: dict[int, str] = field(default_factory=dict)
    lists: list[Listed] = field(default_factory=list)  # lists that may be left out whole

    @classmethod
    def of(cls, found: list[Unit], cost: Sequence[float]) -> SectionUnits:
        compact = cls()
        for number, unit in enumerate(found):
            compact.ranks.append(unit.rank)
            compact.members.extend(unit.members)
            compact.costs.extend(cost[member] for member in unit.members)
            compact.starts.append(len(compact.members))
            if unit.counted:
                compact.counted[number] = unit.counted
            if unit.counted or len(unit.members) >= 3:
                compact.lists.append(Listed(tuple(unit.members), unit.counted))
        return compact


@dataclass(frozen=True)
class Listed:
    """A list unit, for naming it in the summary when it is left out whole."""

    members: tuple[int, ...]
    counted: str


def choose(every: list[SectionUnits], budget: float) -> list[list[int]]:
    """Rows kept in each section: units by rank, then by turn (each section's first unit of
    that rank, then each one's second, ...), then by section. Once a chapter's opening does
    not fit, that chapter and every later one are left out whole: the kept chapters run on
    from the first, with no gap a reader would wonder about."""
    keep: list[list[int]] = [[] for _ in every]
    used = 0.0
    shut = len(every)  # sections from here on are left out whole
    for rank in range(OPENING, REST + 1):
        queues = [array("I", (number for number, found in enumerate(units.ranks)
                              if found == rank)) for units in every[:shut]]
        if rank == OPENING:
            for s_index, queue in enumerate(queues):
                before = used
                used = _take(every[s_index], queue[0], rank, budget, used, keep[s_index]) \
                    if queue else used
                if queue and used == before:
                    shut = s_index
                    break
            continue
        queues = queues[:shut]
        active = [s_index for s_index, queue in enumerate(queues) if queue]
        turn = 0
        while active:
            for s_index in active:
                used = _take(every[s_index], queues[s_index][turn], rank, budget, used,
                             keep[s_index])
            turn += 1
            active = [s_index for s_index in active if len(queues[s_index]) > turn]
    return [sorted(rows) for rows in keep]


def choose_fitting(every: list[SectionUnits], budget: float, reserve: float,
                   extent: Callable[[list[list[int]]], float]) -> list[list[int]]:
    """choose(), with room for what its row costs leave out: the headings over the rows kept
    (a heading whose rows are all left out is left out too) and the foot a page leaves empty
    when the next row does not fit (`extent(keep)`: the kept rows laid out, in picture rows,
    measure.Pager). The room given to choose() is the most that still fits, found by halving:
    first tried with `reserve` (every heading's cost) set aside."""
    low, high = 0.0, budget
    best = choose(every, low)
    guess = max(0.0, budget - reserve)
    for _ in range(12):  # halve the room in question: a few rounds come close enough
        trial = choose(every, guess)
        if extent(trial) <= budget:
            best, low = trial, guess
        else:
            high = guess
        if high - low < 0.1:
            break
        guess = (low + high) / 2
    return best


def _take(units: SectionUnits, number: int, rank: int, budget: float, used: float,
          keep: list[int]) -> float:
    """Keep the unit if it fits (an opening one as far as it fits); the budget now used."""
    start, end = units.starts[number], units.starts[number + 1]
    members = list(units.members[start:end])
    costs = units.costs[start:end]
    size = sum(costs)
    if used + size > budget:
        if rank != OPENING or used + costs[0] > budget:
            return used  # a chapter whose opening does not fit is left out whole
        # Every chapter keeps its opening sentence while the openings fit, a run-on one only
        # as far as it fits. A counted list that opens the chapter and does not fit is left
        # out whole (named in the summary); its counting sentence is kept.
        counted = number in units.counted
        fitting = [members[0]]
        fitting_costs = [costs[0]]
        for member, cost in zip(members[1:], costs[1:], strict=True) if not counted else ():
            if used + sum(fitting_costs) + cost > budget:
                break
            fitting.append(member)
            fitting_costs.append(cost)
        members, size = fitting, sum(fitting_costs)
    keep.extend(members)
    return used + size


def part_count(total: float, budget: float) -> int:
    return max(1, -(-int(total * 100) // int(budget * 100)))


def plan_parts(costs: list[list[float]], budget: float) -> list[list[tuple[int, list[int]]]]:
    """Split the kept rows into parts that each fit the budget, in document order and at
    section boundaries (a section longer than a part is split between rows):
    [[(section, [row, ...]), ...], ...]. As few parts as fit, as even as they can be."""
    pieces: list[tuple[int, list[int], float]] = []  # (section, rows, cost)
    for s_index, rows in enumerate(costs):
        chunk: list[int] = []
        for r_index, cost in enumerate(rows):
            if chunk and sum(rows[m] for m in chunk) + cost > budget:
                pieces.append((s_index, chunk, sum(rows[m] for m in chunk)))
                chunk = []
            chunk.append(r_index)
        if chunk:
            pieces.append((s_index, chunk, sum(rows[m] for m in chunk)))
    sizes = [size for _, _, size in pieces]
    cuts = even_cuts(sizes, budget)
    return [[(s_index, rows) for s_index, rows, _ in pieces[start:end]]
            for start, end in zip(cuts, cuts[1:], strict=False)]


def even_cuts(sizes: list[float], budget: float) -> list[int]:
    """Cut points [0, ..., len(sizes)] into the fewest groups of at most `budget` each (a
    piece larger than the budget stands alone), making the largest group as small as it
    can be (the linear partition problem, by dynamic programming)."""
    count = len(sizes)
    prefix = [0.0]
    for size in sizes:
        prefix.append(prefix[-1] + size)

    def fits(start: int, end: int) -> bool:
        return end - start == 1 or prefix[end] - prefix[start] <= budget

    inf = float("inf")
    # best[k][i]: the smallest largest group for the first i pieces in k groups
    best = [[inf] * (count + 1)]
    best[0][0] = 0.0
    back: list[list[int]] = [[0] * (count + 1)]
    for groups in range(1, count + 1):
        row, links = [inf] * (count + 1), [0] * (count + 1)
        for end in range(1, count + 1):
            for start in range(groups - 1, end):
                if best[groups - 1][start] < inf and fits(start, end):
                    worst = max(best[groups - 1][start], prefix[end] - prefix[start])
                    if worst < row[end]:
                        row[end], links[end] = worst, start
        best.append(row)
        back.append(links)
        if row[count] < inf:
            cuts = [count]
            for level in range(groups, 0, -1):
                cuts.append(back[level][cuts[-1]])
            return cuts[::-1]
    return [0, count]
