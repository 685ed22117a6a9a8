"""Token-level F1 between our text and an oracle's (pandoc's), for the corpus tests."""

from __future__ import annotations

import re
from collections import Counter


def tokens(text: str) -> Counter:
    """The multiset of lower-cased word tokens."""
    return Counter(re.findall(r"\w+", text.lower()))


def f1(ours: Counter, oracle: Counter) -> float:
    if not ours and not oracle:
        return 1.0
    overlap = sum((ours & oracle).values())
    return 2 * overlap / (sum(ours.values()) + sum(oracle.values())) if overlap else 0.0
