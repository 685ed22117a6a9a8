"""Synthetic material for the alignment tests and measurements: distractor paragraphs and edited variants.

Distractors are word-bigram Markov text over the library's own words, so
they share vocabulary and many word pairs with the real paragraphs (the hard
case for the trigram index) without being any of them.
"""

from __future__ import annotations

import random
from dataclasses import replace

from ncnd_check.wording.library import Library, Paragraph


def markov_paragraphs(library: Library, n: int, seed: int = 1, exemptions=None) -> list[Paragraph]:
    rng = random.Random(seed)
    chain: dict[str, list[str]] = {}
    starts: list[str] = []
    for p in library.paragraphs:
        ws = p.text.split()
        starts.append(ws[0])
        for a, b in zip(ws, ws[1:]):
            chain.setdefault(a, []).append(b)
    pool = sorted(exemptions or {p.exemption for p in library.paragraphs})
    out = []
    for k in range(n):
        word = rng.choice(starts)
        words = [word]
        for _ in range(rng.randint(25, 90)):
            nxt = chain.get(word)
            word = rng.choice(nxt) if nxt else rng.choice(starts)
            words.append(word)
        out.append(
            Paragraph(
                id=f"distractor.{k}",
                exemption=pool[k % len(pool)],
                role="harm",
                required=False,
                text=" ".join(words),
                source="distractors.toml",
                order=k,
            )
        )
    return out


def with_distractors(base: list[Paragraph], distractors: list[Paragraph]) -> Library:
    lib = Library(paragraphs=list(base) + list(distractors))
    return lib


def scaled(library: Library, factor: int, seed: int = 7) -> Library:
    """The library plus (factor - 1) times its size in distractors."""
    extra = markov_paragraphs(library, len(library.paragraphs) * (factor - 1), seed)
    lib = Library(paragraphs=list(library.paragraphs) + extra, exemptions=dict(library.exemptions))
    return lib


FILLER_WORDS = ("notably", "clearly", "in practice", "very", "wholly", "broadly", "generally")


def edited(text: str, kind: str, rng: random.Random) -> str:
    """A drafted variant of an approved paragraph: the kinds of drift drafters make."""
    ws = text.split()
    if kind == "one-word":
        i = rng.randrange(len(ws))
        ws[i] = rng.choice(FILLER_WORDS)
    elif kind == "added-sentence":
        ws += "However, we can confirm that some information is held.".split()
    elif kind == "dropped-clause":
        i = rng.randrange(max(1, len(ws) - 6))
        del ws[i : i + 6]
    elif kind.startswith("reworded-"):
        share = int(kind.split("-")[1]) / 100
        for i in rng.sample(range(len(ws)), max(1, int(len(ws) * share))):
            ws[i] = rng.choice(FILLER_WORDS)
    return " ".join(ws)
