"""Bounded memos for results that depend only on a text (and a little more): their sizes, and one way to empty them.

Approved wording repeats: within a letter, and across every letter of a
disclosure log, so an audit should do the work once per distinct wording,
not once per letter. What a block's text holds is kept in one place, the
per-block facts (:mod:`ncnd_check.analysis.facts`: a block's sentences,
citations, placeholders, mentions and topics; a sentence's verdicts; the
trained parses of candidate sentences).
Besides it, only the library index keeps its candidate hits and scores (by
draft text, owned by the index, so they go with it) and the DOCX reader its
parsed styles (by the styles part's bytes). Each memo is a :class:`Recent`,
bounded (least recently used out first), so memory stays flat however many
files are checked; :func:`forget_all` empties them all. Only immutable
results (or results nothing changes) belong here.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

__all__ = ["Recent", "forget_all", "entries", "capacity", "PARAGRAPHS", "SENTENCES", "PAIRS"]

# How much each kind of memo keeps. A force's templates hold a few hundred
# paragraphs and a few thousand sentences, so these keep its wording with room
# to spare, and bound the memos together however many files an audit reads (a
# block's facts hold no spaCy Doc; a sentence's trained parse is ~10 KB and only
# candidate sentences have one).
#: Entries keyed by a paragraph's text (block facts, library hits ...).
PARAGRAPHS = 2048
#: Entries keyed by a sentence's text (sentence facts).
SENTENCES = 4096
#: Entries keyed by a text and one more thing (library scores by draft and library paragraphs).
PAIRS = 8192

V = TypeVar("V")
_MISSING = object()
#: Every memo, so :func:`forget_all` can empty them (held weakly: a library
#: index's memos go with the index).
_RECENTS: "weakref.WeakSet[Recent]" = weakref.WeakSet()


def forget_all() -> None:
    """Empty every memo: for benchmarks of the no-repetition case, and for tests."""
    for recent in list(_RECENTS):
        recent.clear()


def entries() -> int:
    """How many results every memo holds together: what ``forget_all`` empties, and what the bounds cap."""
    return sum(len(recent) for recent in list(_RECENTS))


def capacity() -> int:
    """The most results every memo together may hold (their bounds summed)."""
    return sum(recent.size for recent in list(_RECENTS))


class Recent(Generic[V]):
    """At most ``size`` recent key -> value pairs; ``get`` refreshes a key, ``put`` may evict the oldest."""

    __slots__ = ("size", "_items", "__weakref__")

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        _RECENTS.add(self)

    def get(self, key: Hashable, default=None):
        value = self._items.get(key, _MISSING)
        if value is _MISSING:
            return default
        self._items.move_to_end(key)
        return value

    def put(self, key: Hashable, value: V) -> V:
        self._items[key] = value
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
