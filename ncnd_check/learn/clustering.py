"""Grouping near-identical paragraphs across letters.

Paragraphs are compared as word keys (matching.words: case, punctuation and
list labels never count), after the letter's own variable parts became
placeholders (letters.py). Fast on a year of letters because most
comparisons are never made:

1. Exact duplicates are one variant (template paragraphs mostly are).
2. Variants are put in buckets by a few word signatures (their first,
   middle and last six words); only variants sharing a bucket are compared,
   each against the representatives of the groups already in that bucket.
3. Two variants are the same paragraph when their LCS similarity is at
   least :data:`SAME` percent, or at least :data:`SLOT_SAME` when every
   difference is a short phrase inside one sentence (a subject or a name
   the first pass did not catch).

Everything is ordered by text and support, never by hash or arrival, so the
same letters give the same groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ncnd_check.learn.letters import Para
import re

from ncnd_check.wording.matching import PLACEHOLDER_SPAN, Words

#: Similarity (0-100) at which two paragraphs are the same paragraph.
SAME = 80.0
#: Lower similarity accepted when the differences are short phrases only.
SLOT_SAME = 55.0
#: Words in a bucket signature.
SIGNATURE = 6


@dataclass
class Variant:
    """One exact wording (word keys) and the paragraphs that have it."""

    words: Words
    paras: list[Para] = field(default_factory=list)

    @property
    def letters(self) -> set[int]:
        return {p.letter for p in self.paras}


@dataclass
class Cluster:
    variants: list[Variant]

    @property
    def letters(self) -> set[int]:
        return {p.letter for v in self.variants for p in v.paras}

    @property
    def paras(self) -> list[Para]:
        return [p for v in self.variants for p in v.paras]


_KEY_DROP = re.compile(r"[^0-9a-z{}_]+")
_PLACEHOLDER_TOKEN = re.compile(r"^[^\w{]*(\{[a-z]+\})(?:'s)?[^\w}]*$")


def tokens(text: str) -> Words:
    """Words and keys for learning, as matching.words keys them, but nothing of the text is lost.

    A placeholder keeps the punctuation written against it ("{date},") and a
    word with no key (a dash, "&") rides on the word before it, so the
    learned text reads as the letters did.
    """
    display: list[str] = []
    keys: list[str] = []
    for tok in text.split():
        m = _PLACEHOLDER_TOKEN.match(tok)
        key = m.group(1) if m else _KEY_DROP.sub("", tok.lower().replace("{", "").replace("}", ""))
        if not key:
            if display:
                display[-1] += " " + tok
            continue
        display.append(tok)
        keys.append(key)
    return Words(display, keys)


def variants_of(paras: list[Para]) -> list[Variant]:
    """Exact duplicates (same word keys) together, most letters first, then by text."""
    by_keys: dict[tuple[str, ...], Variant] = {}
    for p in paras:
        w = tokens(p.text)
        key = tuple(w.keys)
        if not key:
            continue
        v = by_keys.get(key)
        if v is None:
            v = by_keys[key] = Variant(w)
        v.paras.append(p)
    return sorted(by_keys.values(), key=lambda v: (-len(v.letters), " ".join(v.words.keys)))


def _signatures(keys: list[str]) -> list[tuple]:
    n = len(keys)
    if n <= SIGNATURE:
        return [("all", *keys)]
    mid = n // 2 - SIGNATURE // 2
    return [("head", *keys[:SIGNATURE]), ("mid", *keys[mid : mid + SIGNATURE]), ("tail", *keys[-SIGNATURE:])]


def similar(a: list[str], b: list[str]) -> bool:
    """Same paragraph: close enough overall, or different only in short phrases."""
    from rapidfuzz.distance import Indel

    n, m = len(a), len(b)
    if min(n, m) / max(n, m) < 0.4:
        return False
    score = Indel.normalized_similarity(a, b) * 100
    if score >= SAME:
        return True
    if score < SLOT_SAME:
        return False
    equal = changes = 0
    span = [0, 0]  # words on each side of the current run of changes
    in_change = False
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            equal += op.src_end - op.src_start
            in_change = False
            continue
        if not in_change:
            changes += 1
            span = [0, 0]
            in_change = True
        span[0] += op.src_end - op.src_start
        span[1] += op.dest_end - op.dest_start
        if max(span) > PLACEHOLDER_SPAN or changes > 3:
            return False
    return equal >= 8


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The lower index (more letters, earlier text) stays the root: deterministic.
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(paras: list[Para]) -> list[Cluster]:
    """Near-identical paragraphs grouped, most letters first."""
    variants = variants_of(paras)
    union = _Union(len(variants))
    buckets: dict[tuple, list[int]] = {}
    for i, v in enumerate(variants):
        keys = v.words.keys
        for sig in _signatures(keys):
            roots = buckets.setdefault(sig, [])
            mine = union.find(i)
            for j in roots:
                if union.find(j) == mine:
                    break
                if similar(variants[j].words.keys, keys):
                    union.join(i, j)
                    mine = union.find(i)
                    break
            else:
                if len(roots) < 64:
                    roots.append(i)
    groups: dict[int, list[Variant]] = {}
    for i, v in enumerate(variants):
        groups.setdefault(union.find(i), []).append(v)
    clusters = [Cluster(vs) for _, vs in sorted(groups.items())]
    clusters.sort(key=lambda c: (-len(c.letters), " ".join(c.variants[0].words.keys)))
    return clusters
