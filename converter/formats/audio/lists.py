"""Lists read so a listener can follow them, the way audio books and RNIB talking books
announce them: how many items there are, a number before each item of a numbered list,
what a nested list hangs under, and where the list ends.

A listener cannot see indentation or bullets: read flat, "age. disability. sex." runs into
the next paragraph, and the actions under an objective sound like more objectives.
"""

from __future__ import annotations

from collections.abc import Callable

from converter.formats.textparts import ListNode
from converter.model import ListItem

# say(text, pause_ms, block key); `item` is a list item's pause, `end` a paragraph's.
Say = Callable[[str, int, str], None]


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def say_list(node: ListNode, key_of: Callable[[object], str], say: Say, item: int,
             end: int, text_of: Callable[[ListItem], str] = lambda item: item.text) -> None:
    """A whole list: "A numbered list of 5 items." ... "End of list." `text_of` gives what
    is said for an item (its text, and any note it refers to)."""
    first = key_of(node.entries[0].item)
    kind = "numbered list" if node.ordered else "list"
    say(f"A {kind} of {_count(len(node.entries), 'item')}.", item, first)
    _say_entries(node, key_of, say, item, 0, text_of)
    say("End of list.", end, key_of(_last_item(node)))


def _say_entries(node: ListNode, key_of: Callable[[object], str], say: Say, item: int,
                 depth: int, text_of: Callable[[ListItem], str]) -> None:
    for number, entry in enumerate(node.entries, start=1):
        key = key_of(entry.item)
        if number > 1 and node.entries[number - 2].children and not node.ordered:
            # A numbered list's next "Number 3." says the nested points are over; a
            # bulleted one needs a word.
            say("Back to the main list." if depth == 0 else "Back to the list above.",
                item, key)
        text = text_of(entry.item)
        say(f"Number {number}. {text}" if node.ordered else text, item, key)
        for child in entry.children:
            parent = f"number {number}" if node.ordered else "this"
            kind = "numbered point" if child.ordered else "point"
            say(f"Under {parent}, there {'is' if len(child.entries) == 1 else 'are'} "
                f"{_count(len(child.entries), kind)}.", item, key)
            _say_entries(child, key_of, say, item, depth + 1, text_of)


def _last_item(node: ListNode):
    entry = node.entries[-1]
    return _last_item(entry.children[-1]) if entry.children else entry.item
