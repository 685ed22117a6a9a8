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
(:func:`may_leak`), a letter's candidates in batches; each sentence's record
(:mod:`ncnd_check.analysis.facts`) keeps its verdicts by the request terms it
holds, and recent parses are kept by text, so template wording is parsed and
judged once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Iterable

from ncnd_check.analysis.facts import SentenceFacts, keep_parse, known_parse, sentence_facts
from ncnd_check.analysis.nlp import process
from ncnd_check.analysis.subject import content_terms, singular

from .judge import judge
from .parser import parse_all
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
_NONE = Verdict("none")


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


def _folded_words(text: str) -> frozenset[str]:
    """A sentence's words folded to the singular, possessives dropped: what request terms are matched with."""
    return frozenset(singular(w.removesuffix("'s")) for w in _WORD.findall(text.lower().replace("\u2019", "'")))


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
        return _NONE
    return _verdicts([sentence_facts(text)], frozenset(subject_terms))[0]


#: Candidate sentences parsed and judged at a time: their parses are let go after each chunk,
#: so a draft of 100,000 paragraphs never holds more than this many.
_CHUNK = 256


def _verdicts(sentences: list[SentenceFacts], terms: frozenset[str]) -> list[Verdict]:
    """Each sentence's verdict: the candidates not judged before are parsed together, once."""
    # A verdict depends on the text, the request's words it holds, and whether
    # the request's subject is known at all (without it, any specific thing counts).
    known = bool(terms)
    keys: list[tuple[frozenset[str], bool] | None] = []
    todo: dict[int, tuple[SentenceFacts, tuple[frozenset[str], bool]]] = {}
    for sentence in sentences:
        held = terms & _folded_words(sentence.text) if terms else frozenset()
        if not may_leak(sentence.text) and not _names_the_request(sentence.text, held):
            keys.append(None)
            continue
        key = (held, known)
        keys.append(key)
        if key not in sentence.leak_verdicts:
            todo[id(sentence)] = (sentence, key)
    pending = list(todo.values())
    for start in range(0, len(pending), _CHUNK):
        chunk = pending[start : start + _CHUNK]
        docs = [known_parse(s.text) for s, _ in chunk]
        unparsed = [n for n, doc in enumerate(docs) if doc is None]
        for n, doc in zip(unparsed, parse_all(chunk[n][0].text for n in unparsed)):
            docs[n] = doc
            keep_parse(chunk[n][0].text, doc)
        for (sentence, key), doc in zip(chunk, docs):
            label, cue, kind = judge(doc, key[0], known_subject=key[1])
            sentence.leak_verdicts[key] = Verdict(label, cue, kind)
    return [_NONE if key is None else sentence.leak_verdicts[key] for sentence, key in zip(sentences, keys)]


def classify_text(text: str, subject_terms: Iterable[str] = ()) -> list[tuple[str, Verdict]]:
    """Each sentence of a paragraph (split as the analysis splits them) with its verdict."""
    terms = frozenset(subject_terms)
    doc = process([text])[0]
    return [(s.text.strip(), classify_sentence(s.text, terms)) for s in doc.sents if s.text.strip()]


def find_leaks(analysis: "Analysis", blocks: Iterable[int] | None = None, subject: str | None = None) -> list[LeakSentence]:
    """Every sentence of the given body blocks that asserts or reveals whether information is held."""
    terms = frozenset(content_terms(subject)) if subject else frozenset()
    wanted = sorted(set(blocks)) if blocks is not None else range(len(analysis.facts))
    spans = [(b, span) for b in wanted if 0 <= b < len(analysis.facts) for span in analysis.facts[b].sentences]
    verdicts = _verdicts([span.facts for _, span in spans], terms)
    return [
        LeakSentence(b, span.start, span.end, span.text, verdict)
        for (b, span), verdict in zip(spans, verdicts)
        if verdict.is_leak
    ]
