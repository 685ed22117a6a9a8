"""Per-block facts: what every later step asks of a block's text, worked out once.

A block's sentences, citations, placeholders, authority mentions, content
terms and topic phrases depend on its text alone, and so do each sentence's
balancing verdict, no-inference test and confirmation-leak verdicts (by the
request terms it holds); approved wording repeats within a letter and across
a disclosure log. :func:`facts_for` gives one frozen :class:`BlockFacts` per
text as written and keeps the records of recent texts: this is the
project's one text memo. Sentence records (:class:`SentenceFacts`) are kept
by sentence text, shared by every block that holds the sentence, because a
template sentence recurs in paragraphs that differ elsewhere; the trained
parses of candidate sentences are kept beside them. All three stores are
bounded by the sizes in :mod:`ncnd_check.memo` and emptied by
``memo.forget_all``.

Sentences and citations come from one pass of the blank pipeline over the
folded text, so they are worked out when the record is made (a long draft's
Docs are let go as the records are built); the rest is worked out the first
time a step asks. A draft's analysis holds its blocks' records but not its
sentences' (a span reaches its sentence's record through the memo), so a
draft of 100,000 paragraphs stays within its memory bound.

Not here, deliberately: a heading's section name, which depends on the
block's kind, the citations around it and the settings' headings file as
well as its text (:mod:`ncnd_check.analysis.structure`); and a block's
words for the library look-up, which the library index keeps with its
candidate hits, since they belong to that library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ncnd_check.analysis.authorities import Mention, find_mentions
from ncnd_check.analysis.citations import citations_in_doc, has_digit
from ncnd_check.analysis.conclusions import balance_verdict, is_decision, no_inference_in
from ncnd_check.analysis.content import sentence_kinds
from ncnd_check.analysis.model import Citation
from ncnd_check.analysis.nlp import get_nlp
from ncnd_check.analysis.placeholders import Placeholder, find_placeholders
from ncnd_check.analysis.subject import Topic, content_terms, topic_phrases
from ncnd_check.memo import PARAGRAPHS, SENTENCES, Recent
from ncnd_check.normalise import normalise_for_matching

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ncnd_check.document import Block

__all__ = [
    "BlockFacts", "SentenceFacts", "SentenceSpan",
    "facts_of", "facts_for", "block_facts", "sentence_facts", "known_parse", "keep_parse",
]

_UNSET: Any = object()


class _once:
    """``functools.cached_property`` for a slotted, frozen record: worked out on first use
    and kept in the record's ``_<name>`` slot. Records have no per-instance dict because
    a long draft's analysis holds one for every block it has."""

    def __init__(self, func) -> None:
        self.func = func
        self.slot = "_" + func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, record, owner=None):
        if record is None:
            return self
        value = getattr(record, self.slot)
        if value is _UNSET:
            value = self.func(record)
            object.__setattr__(record, self.slot, value)
        return value


def _slot():
    return field(default=_UNSET, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """One sentence's text (stripped), and what the conclusion, argument and leak steps ask of it.

    Records are kept by the memo, not by a block's facts or a draft's analysis,
    so a draft of 100,000 paragraphs holds no more of them than the memo's
    bound. A record keeps the answers every sentence is asked (its balancing
    verdict, whether it is the no-inference statement) and its leak verdicts;
    its argument kinds are worked out when asked, and trained parses are kept
    apart (:func:`known_parse`).
    """

    text: str
    _balance_verdict: Any = _slot()
    _no_inference: Any = _slot()
    _leak_verdicts: Any = _slot()

    @property
    def lowered(self) -> str:
        return self.text.lower()

    @_once
    def balance_verdict(self) -> str | None:
        """The balancing verdict it reaches, its section aside (see conclusions.sentence_verdict)."""
        return balance_verdict(self.lowered)

    @property
    def is_decision(self) -> bool:
        """Whether it is a bare decision to neither confirm nor deny (see conclusions.is_decision)."""
        return is_decision(self.lowered)

    @_once
    def no_inference(self) -> bool:
        """Whether it says nothing may be inferred about whether information is held."""
        return no_inference_in(self.lowered)

    @property
    def kinds(self) -> frozenset[str]:
        """What it argues: {"harm"}, {"for"}, both or neither."""
        return sentence_kinds(self.text)

    @_once
    def leak_verdicts(self) -> dict:
        """Its confirmation-leak verdicts by (request terms it holds, whether the request's subject
        is known): filled and read by :mod:`ncnd_check.analysis.leaks` only."""
        return {}


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """Where a sentence sits in its block's text (offsets into Block.norm)."""

    start: int
    end: int
    text: str

    @property
    def facts(self) -> SentenceFacts:
        """The sentence's record, shared by every block that holds the sentence (from the memo,
        so a long draft's analysis does not hold one for each of its sentences)."""
        return sentence_facts(self.text)


@dataclass(frozen=True, slots=True)
class BlockFacts:
    """What later steps ask of one block's text: ``text`` as written (``Block.text``), ``norm``
    folded for matching (``Block.norm``, which sentence and citation offsets are into)."""

    text: str
    norm: str
    sentences: tuple[SentenceSpan, ...]
    #: FOIA citations, as found in a block numbered 0 (the analysis renumbers them).
    citations: tuple[Citation, ...]
    _placeholders: Any = _slot()
    _mentions: Any = _slot()
    _terms: Any = _slot()
    _topics: Any = _slot()

    @_once
    def placeholders(self) -> tuple[Placeholder, ...]:
        """Template placeholders left in the text as written (the evidence quotes it), in order."""
        return tuple(find_placeholders(self.text))

    @_once
    def mentions(self) -> tuple[Mention, ...]:
        """Authorities the text names, in order, the longest match where names overlap."""
        return find_mentions(self.norm)

    @_once
    def terms(self) -> frozenset[str]:
        """Its content words: lower case, singular, no stopwords (what topics are compared by)."""
        return content_terms(self.norm)

    @_once
    def topics(self) -> tuple[Topic, ...]:
        """The specific things it says confirming or denying would reveal (block -1: the text's, not a block's)."""
        return tuple(topic_phrases(self.norm))


#: Texts the pipeline takes at a time, and texts looked up at a time.
_BATCH = 64
_CHUNK = 1024
#: Records of recent block texts and sentence texts; sizes in ncnd_check.memo.
_BLOCKS: Recent[BlockFacts] = Recent(PARAGRAPHS)
_SENTENCES: Recent[SentenceFacts] = Recent(SENTENCES)
#: Trained parses of recent candidate sentences, by text: a sentence judged again under
#: other request terms is not parsed again. Kept apart from the sentence records, and
#: bounded, so a long draft's sentences never hold a parse each.
_PARSES: Recent["Doc"] = Recent(SENTENCES)


def known_parse(text: str) -> "Doc | None":
    """The trained parse of a sentence judged recently (see :func:`keep_parse`), or None."""
    return _PARSES.get(text)


def keep_parse(text: str, doc: "Doc") -> None:
    """Remember a candidate sentence's trained parse (the leak finder's; nothing changes a Doc)."""
    _PARSES.put(text, doc)


def sentence_facts(text: str) -> SentenceFacts:
    """The record for one sentence text (stripped), shared by every block it appears in."""
    found = _SENTENCES.get(text)
    if found is None:
        found = _SENTENCES.put(text, SentenceFacts(text))
    return found


def block_facts(text: str) -> BlockFacts:
    """The record for one block text as written (see :func:`facts_for`)."""
    return facts_for([text])[0]


def facts_of(blocks: Sequence["Block"]) -> tuple[BlockFacts, ...]:
    """The facts of each of a document's blocks, in order."""
    return tuple(facts_for([b.text for b in blocks], [b.norm for b in blocks]))


def facts_for(texts: Sequence[str], norms: Sequence[str] | None = None) -> list[BlockFacts]:
    """One record per text as written, in order: recent texts' records reused, the others made
    in one pipeline pass. ``norms`` are the texts folded (``Block.norm``), when already made."""
    out: list[BlockFacts] = []
    # A chunk at a time, so what is still to be read of a long draft is never all held at once.
    for start in range(0, len(texts), _CHUNK):
        chunk = texts[start : start + _CHUNK]
        found: list[Any] = [_BLOCKS.get(text) for text in chunk]
        missing: dict[str, str] = {}
        for n, (text, record) in enumerate(zip(chunk, found)):
            if record is None and text not in missing:
                missing[text] = norms[start + n] if norms is not None else normalise_for_matching(text)
        if missing:
            made = {}
            # A stream: each Doc is read into its record and let go.
            for (text, norm), doc in zip(missing.items(), get_nlp().pipe(missing.values(), batch_size=_BATCH)):
                made[text] = _BLOCKS.put(text, _make(text, norm, doc))
            found = [record if record is not None else made[text] for text, record in zip(chunk, found)]
        out.extend(found)
    return out


def _make(text: str, norm: str, doc: "Doc") -> BlockFacts:
    citations = tuple(citations_in_doc(doc, norm)) if has_digit(norm) else ()
    return BlockFacts(text, norm, tuple(_sentences(norm, doc)), citations)


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
            yield SentenceSpan(begin + lead, begin + lead + len(stripped), stripped)
