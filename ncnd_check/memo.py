"""A bounded memo for results that depend only on a text (and a little more).

Approved wording repeats: within a letter, and across every letter of a
disclosure log. Analysis steps whose result depends only on a paragraph's or
a sentence's text keep recent results here, so an audit does the work once
per distinct wording rather than once per letter. Each memo is bounded
(least recently used out first), so memory stays flat however many files
are checked. Only immutable results (or results nothing changes) belong here.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

__all__ = ["Recent"]

V = TypeVar("V")
_MISSING = object()


class Recent(Generic[V]):
    """At most ``size`` recent key -> value pairs; ``get`` refreshes a key, ``put`` may evict the oldest."""

    __slots__ = ("size", "_items")

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()

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
