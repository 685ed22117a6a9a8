"""Per-block facts: what every later step asks of a block's text, worked out once.

A block's sentences, citations, authority mentions, content terms, topic
phrases and words (for the library look-up), and each sentence's balancing
verdict, argument kinds, words (for the leak finder's cue test) and trained
parse, depend on its folded text (``Block.norm``) alone; approved wording repeats within a letter
and across a disclosure log. :func:`facts_for` gives one frozen
:class:`BlockFacts` per text, and keeps the records of recent texts: this is
the project's one text memo. Sentences are shared between blocks (one
:class:`SentenceFacts` per sentence text), because a template sentence
recurs in paragraphs that differ elsewhere. Both stores are bounded by the
sizes in :mod:`ncnd_check.memo` and emptied by ``memo.forget_all``.

Sentences and citations come from one pass of the blank pipeline, so they
are worked out when the record is made (a long draft's Docs are let go as
the records are built); the rest is worked out the first time a step asks.
Placeholders are not here: they are found in the text as written, which the
letter's evidence quotes, not in the folded text the records are kept by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ncnd_check.analysis.authorities import Mention, find_mentions
from ncnd_check.analysis.citations import citations_in_doc, has_digit
from ncnd_check.analysis.conclusions import balance_verdict, is_decision, no_inference_in
from ncnd_check.analysis.content import sentence_kinds
from ncnd_check.analysis.model import Citation
from ncnd_check.analysis.nlp import get_nlp
from ncnd_check.analysis.subject import Topic, content_terms, singular, topic_phrases
from ncnd_check.memo import PARAGRAPHS, SENTENCES, Recent
from ncnd_check.wording.matching import Words, words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["BlockFacts", "SentenceFacts", "LeakWork", "facts_for", "block_facts", "sentence_facts"]

_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(slots=True)
class LeakWork:
    """What the leak finder worked out for one sentence text: its trained parse, and its
    verdicts by (request terms the sentence holds, whether the request's subject is known).
    Only :mod:`ncnd_check.analysis.leaks` fills or reads it."""

    parse: "Doc | None" = None
    verdicts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SentenceFacts:
    """One sentence's text (stripped), and what the conclusion, argument and leak steps ask of it."""

    text: str
    leak_work: LeakWork = field(default_factory=LeakWork, compare=False, repr=False)

    @cached_property
    def words(self) -> frozenset[str]:
        """Its lower-case words as written: the leak cue test needs no parse."""
        return frozenset(_WORD.findall(self.text.lower()))

    @cached_property
    def lowered(self) -> str:
        return self.text.lower()

    @cached_property
    def balance_verdict(self) -> str | None:
        """The balancing verdict it reaches, its section aside (see conclusions.sentence_verdict)."""
        return balance_verdict(self.lowered)

    @cached_property
    def is_decision(self) -> bool:
        """Whether it is a bare decision to neither confirm nor deny (see conclusions.is_decision)."""
        return is_decision(self.lowered)

    @cached_property
    def no_inference(self) -> bool:
        """Whether it says nothing may be inferred about whether information is held."""
        return no_inference_in(self.lowered)

    @cached_property
    def kinds(self) -> frozenset[str]:
        """What it argues: {"harm"}, {"for"}, both or neither."""
        return sentence_kinds(self.text)

    @cached_property
    def folded_words(self) -> frozenset[str]:
        """Its words folded to the singular, possessives dropped: what request terms are matched with."""
        return frozenset(singular(w.removesuffix("'s")) for w in _WORD.findall(self.text.lower().replace("\u2019", "'")))


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """Where a sentence sits in its block's text (offsets into Block.norm)."""

    start: int
    end: int
    facts: SentenceFacts

    @property
    def text(self) -> str:
        return self.facts.text


@dataclass(frozen=True)
class BlockFacts:
    """What later steps ask of one block's text (its ``Block.norm``)."""

    text: str
    sentences: tuple[SentenceSpan, ...]
    #: FOIA citations, as found in a block numbered 0 (the analysis renumbers them).
    citations: tuple[Citation, ...]

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:
        """Authorities the text names, in order, the longest match where names overlap."""
        return find_mentions(self.text)

    @cached_property
    def terms(self) -> frozenset[str]:
        """Its content words: lower case, singular, no stopwords (what topics are compared by)."""
        return content_terms(self.text)

    @cached_property
    def topics(self) -> tuple[Topic, ...]:
        """The specific things it says confirming or denying would reveal (block -1: the text's, not a block's)."""
        return tuple(topic_phrases(self.text))

    @cached_property
    def words(self) -> Words:
        """The text's words as the approved-wording library is looked up by (its candidates' key)."""
        return words(self.text, normalised=True)


#: Texts the pipeline takes at a time.
_BATCH = 64
#: Records of recent block texts and sentence texts; sizes in ncnd_check.memo.
_BLOCKS: Recent[BlockFacts] = Recent(PARAGRAPHS)
_SENTENCES: Recent[SentenceFacts] = Recent(SENTENCES)


def sentence_facts(text: str) -> SentenceFacts:
    """The record for one sentence text (stripped), shared by every block it appears in."""
    found = _SENTENCES.get(text)
    if found is None:
        found = _SENTENCES.put(text, SentenceFacts(text))
    return found


def block_facts(text: str) -> BlockFacts:
    """The record for one block text (see :func:`facts_for`)."""
    return facts_for([text])[0]


def facts_for(texts: Sequence[str]) -> list[BlockFacts]:
    """One record per text, in order: recent texts' records reused, the others made in one pipeline pass."""
    out: list[Any] = [None] * len(texts)
    missing: dict[str, list[int]] = {}
    for position, text in enumerate(texts):
        found = _BLOCKS.get(text)
        if found is None:
            missing.setdefault(text, []).append(position)
        else:
            out[position] = found
    if missing:
        # A stream: each Doc is read into its record and let go, so a long draft's Docs are never all held.
        for text, doc in zip(missing, get_nlp().pipe(missing, batch_size=_BATCH)):
            record = _BLOCKS.put(text, _make(text, doc))
            for position in missing[text]:
                out[position] = record
    return out


def _make(text: str, doc: "Doc") -> BlockFacts:
    citations = tuple(citations_in_doc(doc, text)) if has_digit(text) else ()
    return BlockFacts(text, tuple(_sentences(text, doc)), citations)


def _sentences(text: str, doc: "Doc") -> Iterable[SentenceSpan]:
    """Each sentence's span, trimmed of surrounding space (Span offsets only: no Token objects).

    The text is the Doc's own, which it was made from verbatim: ``Doc.text``
    would rebuild it by joining every token.
    """
    for sent in doc.sents:
        begin, end = sent.start_char, sent.end_char
        raw = text[begin:end]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            if len(stripped) == len(text):
                stripped = text  # the whole block: share its string
            yield SentenceSpan(begin + lead, begin + lead + len(stripped), sentence_facts(stripped))
