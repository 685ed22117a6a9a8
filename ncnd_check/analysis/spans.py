"""Matches found by several patterns, reduced to the ones a reader sees."""

from __future__ import annotations

from typing import Iterable, Protocol, TypeVar


class _Span(Protocol):
    start: int
    end: int


S = TypeVar("S", bound=_Span)


def leftmost_longest(found: Iterable[S]) -> tuple[S, ...]:
    """The matches in reading order, not overlapping: where two overlap, the one starting first (then the longer) wins."""
    out: list[S] = []
    for span in sorted(found, key=lambda s: (s.start, -(s.end - s.start))):
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return tuple(out)
