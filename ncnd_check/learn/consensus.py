"""One cluster of near-identical paragraphs -> the library text, with placeholders.

The most common wording is the base. Every other wording is aligned with it
word by word (rapidfuzz opcodes); the stretches where some letter differs,
merged where they touch, are the slots. In each slot, weighted by letters:

- one filler used by at least half of the letters is the approved wording
  there (a drifted or mistyped letter does not change the library);
- otherwise the letters disagree: a short phrase becomes a placeholder
  (variables.classify names it), a longer stretch keeps the base's words.
"""

from __future__ import annotations

import re
from collections import Counter

from ncnd_check.learn.clustering import Cluster
from ncnd_check.learn.variables import classify
from ncnd_check.wording.matching import PLACEHOLDER_SPAN, is_placeholder

#: Share of the letters one filler needs to be the wording of its slot.
MAJORITY = 0.5
#: Share of the letters that must end (or start) a disagreeing slot with the same word
#: for that word to stay outside the placeholder.
TRIM = 0.8


def consensus_text(cluster: Cluster) -> str:
    from rapidfuzz.distance import Indel

    base = cluster.variants[0].words
    m = len(base.keys)
    others = []
    intervals: list[tuple[int, int]] = []
    for v in cluster.variants[1:]:
        left: dict[int, int] = {}
        right: dict[int, int] = {}
        for op in Indel.opcodes(base.keys, v.words.keys):
            a1, a2, d1, d2 = op.src_start, op.src_end, op.dest_start, op.dest_end
            if op.tag == "equal":
                for k in range(a2 - a1 + 1):
                    left.setdefault(a1 + k, d1 + k)
                    right[a1 + k] = d1 + k
            else:
                intervals.append((a1, a2))
                left.setdefault(a1, d1)
                right[a2] = d2
        others.append((v, left, right))
    slots = _merge(intervals)
    out: list[str] = []
    pos = 0
    for s, e in slots:
        out.extend(base.display[pos:s])
        out.extend(_decide(cluster, base, s, e, others))
        pos = e
    out.extend(base.display[pos:m])
    return join_words(out)


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for a, b in sorted(set(intervals)):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _decide(cluster: Cluster, base, s: int, e: int, others) -> list[str]:
    weights: Counter = Counter()
    shown: dict[tuple, list[str]] = {}
    first = cluster.variants[0]
    fill = base.display[s:e]
    key = tuple(base.keys[s:e])
    weights[key] += len(first.letters)
    shown[key] = fill
    for v, left, right in others:
        d1, d2 = left.get(s, 0), right.get(e, len(v.words.keys))
        key = tuple(v.words.keys[d1:d2])
        weights[key] += len(v.letters)
        shown.setdefault(key, v.words.display[d1:d2])
    total = sum(weights.values())
    (top, n), = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:1]
    if n / total >= MAJORITY:
        return shown[top]
    # Words at either end that most letters share stay words ("{subject} would"):
    # a slot merged from a subject and a neighbouring drifted word is only the subject.
    head: list[str] = []
    tail: list[str] = []
    while True:
        ends = Counter(k[-1] for k in weights.elements() if k)
        word, count = (sorted(ends.items(), key=lambda kv: (-kv[1], kv[0])) or [(None, 0)])[0]
        if count / total < TRIM or not any(k and k[-1] == word and len(k) > 1 for k in weights):
            break
        tail.insert(0, next(shown[k][-1] for k in sorted(weights) if k and k[-1] == word))
        weights, shown = _strip(weights, shown, word, -1)
    while True:
        starts = Counter(k[0] for k in weights.elements() if k)
        word, count = (sorted(starts.items(), key=lambda kv: (-kv[1], kv[0])) or [(None, 0)])[0]
        if count / total < TRIM or not any(k and k[0] == word and len(k) > 1 for k in weights):
            break
        head.append(next(shown[k][0] for k in sorted(weights) if k and k[0] == word))
        weights, shown = _strip(weights, shown, word, 0)
    return head + _middle(weights, shown) + tail


def _strip(weights: Counter, shown: dict, word: str, end: int) -> tuple[Counter, dict]:
    """Every filler without ``word`` at that end (where it has it)."""
    out: Counter = Counter()
    out_shown: dict = {}
    for k, n in weights.items():
        if k and k[end] == word:
            nk = k[:-1] if end == -1 else k[1:]
            nd = shown[k][:-1] if end == -1 else shown[k][1:]
        else:
            nk, nd = k, shown[k]
        out[nk] += n
        out_shown.setdefault(nk, nd)
    return out, out_shown


def _middle(weights: Counter, shown: dict) -> list[str]:
    total = sum(weights.values())
    (top, n), = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:1]
    if n / total >= MAJORITY:
        return shown[top]
    fillers = [" ".join(shown[k]) for k in sorted(weights)]
    if all(len(k) <= PLACEHOLDER_SPAN for k in weights) and any(weights):
        placeholders = [k[0] for k in weights if len(k) == 1 and is_placeholder(k[0])]
        name = placeholders[0][1:-1] if placeholders else classify(fillers)
        return ["{" + name + "}", *_closing_mark(weights, shown)]
    return shown[top]  # a long free-text stretch: the most common wording, not a placeholder


def _closing_mark(weights: Counter, shown: dict) -> list[str]:
    """The punctuation most fillers end with ("... unit."), kept after the placeholder."""
    marks: Counter = Counter()
    for k, n in weights.items():
        if k:
            last = shown[k][-1]
            marks[last[-1] if last[-1:] in ".,;:" else ""] += n
    mark, n = sorted(marks.items(), key=lambda kv: (-kv[1], kv[0]))[0] if marks else ("", 0)
    return [mark] if mark and n >= MAJORITY * sum(weights.values()) else []


_LEADING_PLACEHOLDER = re.compile(r"^\{[a-z]+\}")


def join_words(items: list[str]) -> str:
    """Words back into text: one placeholder for a run of the same one, "{subject}." kept together."""
    out: list[str] = []
    for w in items:
        if not w:
            continue
        here = _LEADING_PLACEHOLDER.match(w)
        before = _LEADING_PLACEHOLDER.match(out[-1]) if out else None
        if here and before and here.group(0) == before.group(0):
            if len(w) > len(out[-1]):
                out[-1] = w  # "{subject} {subject}." -> "{subject}."
            continue
        if out and before and before.group(0) == out[-1] and w[:1] in ("'", ",", ".", ";", ":", ")"):
            out[-1] += w
            continue
        out.append(w)
    return " ".join(out)
