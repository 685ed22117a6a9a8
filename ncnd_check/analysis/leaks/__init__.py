"""Confirmation leaks: sentences that, in the responder's voice, say whether the information is held.

An NCND response must never say whether the information is held, yet
"held", "use" and "exists" fill every such letter, almost always under a
hypothetical or in talk about confirming. A sentence is a leak only when one
of its clauses, read from a trained parse, passes three tests:

1. it is **asserted**: not under a modal, a condition, both outcomes, a
   quotation, a question, or talk about confirming (:mod:`.scope`);
2. it is in the **responder's voice**: its subject is the responding body or
   a search of its systems, or a passive with no other agent (:mod:`.ties`);
3. it is **about the requested information**: a specific information noun,
   a pronoun for it, or a phrase sharing a word with the request (:mod:`.ties`).

Labels: ``held``, ``not-held``, ``indirect`` (withheld, exempt from
disclosure, attached, shown) are leaks; ``hypothetical``, ``discussion``
and ``none`` are not. Only sentences holding a cue word are parsed
(:func:`may_leak`); their verdicts are remembered by (text, request terms
they hold), so template wording is judged once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Iterable

from ncnd_check.analysis.nlp import process
from ncnd_check.analysis.subject import content_terms, singular
from ncnd_check.memo import SENTENCES, Recent

from .judge import judge
from .parser import parse
from .vocab import inflections, vocab

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.analysis.model import Analysis

__all__ = ["LABELS", "LEAK_LABELS", "Verdict", "LeakSentence", "classify_sentence", "classify_text", "find_leaks", "may_leak"]

LABELS = ("held", "not-held", "indirect", "hypothetical", "discussion", "none")
LEAK_LABELS = ("held", "not-held", "indirect")


@dataclass(frozen=True, slots=True)
class Verdict:
    label: str
    #: the words that decided, as written
    cue: str | None = None
    #: possess, use, locate, exist, existential, withhold, exempt, attach, show, release, answer
    kind: str | None = None

    @property
    def is_leak(self) -> bool:
        return self.label in LEAK_LABELS


@dataclass(frozen=True, slots=True)
class LeakSentence:
    block: int
    start: int  # offsets into Block.norm
    end: int
    text: str
    verdict: Verdict


_WORD = re.compile(r"[a-z][a-z'-]*")
_VERDICTS: Recent[Verdict] = Recent(SENTENCES)


@cache
def _cue_forms() -> frozenset[str]:
    """Surface forms of every cue lemma, so the pre-check needs no parse."""
    forms: set[str] = set()
    for lemma in vocab().cue_lemmas:
        forms |= inflections(lemma)
    forms |= {"there", "attached", "enclosed", "none", "nil", "zero", "£", "$"} | vocab().not_held_answers
    return frozenset(forms)


def may_leak(text: str) -> bool:
    """Whether a sentence holds any cue word at all: the rest cannot leak and are not parsed."""
    words = _WORD.findall(text.lower())
    return not _cue_forms().isdisjoint(words)


_NAMED = re.compile(r"\b(?:[A-Z][A-Za-z'-]*|[A-Za-z-]*\d[\w/-]*)")


_OWN = re.compile(r"\b(?:our|my)\b")


def _names_the_request(text: str, terms: frozenset[str]) -> bool:
    """A name or number of the request, or the responder's own ("our ..."), with the request's words:
    the sentence may presuppose the thing exists, whatever its verb."""
    if not terms:
        return False
    if any(singular(m.lower()) in terms for m in _NAMED.findall(text[1:])):
        return True
    lowered = text.lower()
    return bool(_OWN.search(lowered))  # "our contract with the supplier ...": the responder's own instance


def classify_sentence(text: str, subject_terms: Iterable[str] = ()) -> Verdict:
    """One sentence's verdict; ``subject_terms``: content words of the request (singular, lower case)."""
    text = text.strip()
    if not text:
        return Verdict("none")
    words = {singular(w.removesuffix("'s")) for w in _WORD.findall(text.lower().replace("\u2019", "'"))}
    subject_terms = frozenset(subject_terms)
    # The verdict depends on the text, the request's words it holds, and whether
    # the request's subject is known at all (without it, any specific thing counts).
    key = (text, subject_terms & words, bool(subject_terms))
    if not may_leak(text) and not _names_the_request(text, key[1]):
        return Verdict("none")
    found = _VERDICTS.get(key)
    if found is None:
        label, cue, kind = judge(parse(text), key[1], known_subject=key[2])
        found = _VERDICTS.put(key, Verdict(label, cue, kind))
    return found


def classify_text(text: str, subject_terms: Iterable[str] = ()) -> list[tuple[str, Verdict]]:
    """Each sentence of a paragraph (split as the analysis splits them) with its verdict."""
    terms = frozenset(subject_terms)
    doc = process([text])[0]
    return [(s.text.strip(), classify_sentence(s.text, terms)) for s in doc.sents if s.text.strip()]


def find_leaks(analysis: "Analysis", blocks: Iterable[int] | None = None, subject: str | None = None) -> list[LeakSentence]:
    """Every sentence of the given body blocks that asserts or reveals whether information is held."""
    terms = frozenset(content_terms(subject)) if subject else frozenset()
    wanted = set(blocks) if blocks is not None else None
    out: list[LeakSentence] = []
    for sent in analysis.sentences:
        if wanted is not None and sent.block not in wanted:
            continue
        verdict = classify_sentence(sent.text, terms)
        if verdict.is_leak:
            out.append(LeakSentence(sent.block, sent.start, sent.end, sent.text, verdict))
    return out
