"""What analysis finds in a Document: the draft's argument, as data.

Pure dataclasses with no spaCy import, so rule modules can use them freely.
Built by :func:`ncnd_check.analysis.analyse`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ncnd_check.document import Document

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


@dataclass(slots=True)
class Sentence:
    block: int
    start: int  # offsets into Block.norm
    end: int
    text: str


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


@dataclass(slots=True)
class Analysis:
    """The argument of one draft, as the rules see it."""

    document: Document
    #: Canonical section per body block (None outside any recognised section).
    block_sections: list[str | None] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    #: Normalised exemption ids cited (s1 and s17 left out), sorted by section number.
    exemptions: list[str] = field(default_factory=list)
    response_type: str = "other"  # ncnd | partial-ncnd | other
    #: Body blocks inside the NCND part of the response (all blocks for "ncnd").
    ncnd_blocks: set[int] = field(default_factory=set)
    factors: list[FactorGroup] = field(default_factory=list)
    conclusions: list[Conclusion] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    #: The request's subject as the draft states it ("new Office 365 accounts"), if found.
    subject: str | None = None

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
