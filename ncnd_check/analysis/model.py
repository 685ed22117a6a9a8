"""What analysis finds in a Document: the draft's argument, as data.

Pure dataclasses with no spaCy import, so rule modules can use them freely.
Built by :func:`ncnd_check.analysis.analyse`.

The :class:`Analysis` is frozen and complete: every fact a rule asks of a
draft is a field or a part built on first use and then kept (the alignment
with the library, the confirmation leaks, the responder, the NCND argument,
online link status). Rules only read it. A part is built lazily so a run
whose selected rules never ask for it (``--select NCND4``) does not pay for
it; the modules that build the parts are imported there, deliberately, so
that importing the rules (``ncnd-check rules``) never loads spaCy or
rapidfuzz.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ncnd_check.document import Document
from ncnd_check.settings import Settings

#: Canonical section names (CONTRACT.md's ``response.sections`` vocabulary).
SECTION_NAMES = (
    "request",
    "applicable-exemptions",
    "harm",
    "public-interest",
    "factors-for",
    "factors-against",
    "balancing-test",
    "conclusion",
    "no-inference",
)

#: Verdicts a balancing conclusion can reach.
VERDICTS = ("ncnd", "confirm", "disclosure-test", "unclear")


@dataclass(slots=True)
class Citation:
    """One FOIA provision cited in the draft, normalised.

    ``id`` keeps the subsection only (``s40(5B)(a)(i)`` -> ``s40(5B)``);
    ``full`` keeps every paragraph as written, normalised (``s40(5B)(a)(i)``).
    Offsets are into ``Block.norm`` of block ``block``.
    """

    id: str
    full: str
    section: str  # "24", "22A"
    subsection: str | None  # "2", "5B", None for a bare "section 24"
    text: str
    block: int
    start: int
    end: int
    #: The title written beside it ("National Security"), if any.
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a body block: the block, and where in its text (the block facts' SentenceSpan)."""

    block: int
    #: ncnd_check.analysis.facts.SentenceSpan: offsets into Block.norm and the sentence's facts.
    span: Any

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def facts(self):
        """What its text holds (ncnd_check.analysis.facts.SentenceFacts), shared by every sentence with this text."""
        return self.span.facts


class _HeadedBlocks:
    """A heading block (or none) and the blocks under it: Section and FactorGroup."""

    __slots__ = ()

    @property
    def all_blocks(self) -> list[int]:
        head = [self.heading_block] if self.heading_block is not None else []
        return head + self.blocks

    @property
    def first_block(self) -> int | None:
        """The heading, else the first block under it: where a finding about the part points."""
        return self.heading_block if self.heading_block is not None else (self.blocks or [None])[0]


@dataclass(slots=True)
class Section(_HeadedBlocks):
    """A canonical section: a heading (or an inline lead-in) and the blocks under it."""

    name: str
    heading_block: int | None
    blocks: list[int] = field(default_factory=list)
    #: For per-exemption parts (harm, factors-for, factors-against,
    #: public-interest, balancing-test): the exemption id it argues, if known.
    exemption: str | None = None
    #: The heading text as written (or the lead-in phrase).
    heading: str | None = None


@dataclass(slots=True)
class FactorGroup(_HeadedBlocks):
    """Factors favouring ("for") or against confirming or denying, for one exemption."""

    direction: str  # for | against
    exemption: str | None
    heading_block: int | None
    blocks: list[int] = field(default_factory=list)
    #: How the draft laid them out: heading | lead-in | table | list
    layout: str = "heading"

    @property
    def is_empty(self) -> bool:
        return not self.blocks


@dataclass(slots=True)
class Conclusion:
    """A balancing-test conclusion sentence and which way it goes."""

    block: int
    text: str
    verdict: str  # one of VERDICTS
    exemption: str | None = None


@dataclass(frozen=True)
class Analysis:
    """The argument of one draft, as the rules see it: frozen, its costly parts built on first use."""

    document: Document
    #: What each body block's text holds (ncnd_check.analysis.facts.BlockFacts), one per block, in
    #: order; looked up from the blocks when not given.
    facts: tuple | None = field(default=None, repr=False, compare=False)
    #: Canonical section per body block (None outside any recognised section).
    block_sections: tuple[str | None, ...] = ()
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()
    #: Normalised exemption ids cited (s1 and s17 left out), sorted by section number.
    exemptions: tuple[str, ...] = ()
    response_type: str = "other"  # ncnd | partial-ncnd | other
    #: Body blocks inside the NCND part of the response (all blocks for "ncnd").
    ncnd_blocks: frozenset[int] = frozenset()
    factors: tuple[FactorGroup, ...] = ()
    conclusions: tuple[Conclusion, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    #: The request's subject as the draft states it ("new Office 365 accounts"), if found.
    subject: str | None = None
    #: What the draft was analysed with (the defaults when none were given): the parts below depend on them.
    settings: Settings = field(default_factory=Settings, repr=False, compare=False)
    #: The approved-wording library (ncnd_check.wording.library.Library) the draft is aligned with.
    library: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.facts is None:
            from ncnd_check.analysis.facts import facts_of

            object.__setattr__(self, "facts", facts_of(self.document.blocks))

    def section_of(self, block: int | None) -> str | None:
        if block is None or not (0 <= block < len(self.block_sections)):
            return None
        return self.block_sections[block]

    def sections_named(self, name: str) -> list[Section]:
        return [s for s in self.sections if s.name == name]

    def has_section(self, name: str) -> bool:
        return any(s.name == name for s in self.sections)

    @property
    def section_names(self) -> list[str]:
        """Canonical sections present, in document order, each once."""
        seen: list[str] = []
        for s in self.sections:
            if s.name not in seen:
                seen.append(s.name)
        return seen

    def response_dict(self) -> dict:
        return {
            "type": self.response_type,
            "exemptions": list(self.exemptions),
            "sections": self.section_names,
        }

    # ------------------------------------------------------------ parts built on first use

    @cached_property
    def alignment(self):
        """The draft's alignment with the approved-wording library (ncnd_check.wording.matching)."""
        from ncnd_check.wording.matching import align_document, cited_exemptions

        return align_document(self.document, self.wording_library, cited_exemptions(self), self.settings.wording_threshold)

    @cached_property
    def authority_mentions(self) -> list:
        """Every authority named in the body and headers/footers, with its role (ncnd_check.analysis.authorities)."""
        from ncnd_check.analysis.authorities import role_mentions

        return role_mentions(self)

    @cached_property
    def responding_mentions(self) -> list:
        """The :attr:`authority_mentions` in a responding role."""
        return [m for m in self.authority_mentions if m.role == "responding"]

    @cached_property
    def responder(self):
        """The body the draft presents as responding, or None."""
        from ncnd_check.analysis.authorities import infer_responder

        return infer_responder(self, self.responding_mentions)

    @cached_property
    def foreign_library(self):
        """An ownership.Mismatch when the default library is another authority's wording, else None."""
        from ncnd_check.wording.ownership import foreign_default_library

        return foreign_default_library(self.wording_library, self.settings, self)

    @cached_property
    def argument(self):
        """The NCND part's argument (ncnd_check.analysis.argument.Argument)."""
        from ncnd_check.analysis.argument import Argument
        from ncnd_check.analysis.response_type import ncnd_part

        return Argument(self, ncnd_part(self))

    @cached_property
    def request_blocks(self) -> tuple[int, ...]:
        """Body blocks that state the request: the request section, or the echo at the top."""
        from ncnd_check.analysis.subject import request_blocks

        return tuple(request_blocks(self))

    @cached_property
    def leak_blocks(self) -> list[int]:
        """Blocks whose sentences can leak: the NCND part, less the requester's own words quoted."""
        if self.ncnd_blocks:
            blocks = set(self.ncnd_blocks)
        elif self.response_type == "ncnd":
            blocks = {b.index for b in self.document.blocks}
        else:
            blocks = set()  # a partial response whose NCND part was not found: nothing to scope to
        return sorted(blocks - set(self.request_blocks))

    @cached_property
    def leaks(self) -> list:
        """Sentences of :attr:`leak_blocks` that say or reveal whether information is held."""
        from ncnd_check.analysis.leaks import find_leaks

        return find_leaks(self, self.leak_blocks, self.subject)

    @cached_property
    def links(self) -> list:
        """(link, block) for every link in the draft, body blocks and document-level links."""
        from ncnd_check.links.registry import draft_links

        return draft_links(self.document)

    @cached_property
    def online_links(self) -> dict:
        """URL -> LinkStatus for the draft's web links (fetched, or from the cache)."""
        from ncnd_check.links.online import check_urls

        return check_urls([link.target for link, _ in self.links], self.settings)

    @cached_property
    def wording_library(self):
        """The library given to :func:`analyse`, else the one the settings name (loaded once per process)."""
        from ncnd_check.wording.library import library_for

        return self.library if self.library is not None else library_for(self.settings)
