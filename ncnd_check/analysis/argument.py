"""Which exemption each part of the NCND argument covers, for the argument rules.

A section or factor group attributed to an exemption covers that exemption
(``s24`` in "Evidence of Harm Section 24" covers ``s24(2)``); one with no
exemption is generic and covers every exemption cited. Pure Python over the
Analysis: no spaCy, so rule modules may import it freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ncnd_check import law
from ncnd_check.analysis.model import Analysis, FactorGroup, Section
from ncnd_check.analysis.response_type import ARGUMENT_SECTIONS, NcndPart
from ncnd_check.analysis.structure import is_content
from ncnd_check.analysis.topics import (
    harmed_topics,
    prejudice_claims,
    sections_discussed,
)
from ncnd_check.normalise import fold

__all__ = ["Argument", "covers", "same_section"]

#: A sentence that invokes exemptions ("... by virtue of Section 30", "relying on section 24").
_LIST_LINE = re.compile(r"^\W{0,3}(?:sections?|s\.?|ss\.?)\s*\d", re.I)
_INVOKES = re.compile(r"\b(?:by virtue of|rel(?:y|ies|ied|ying) (?:up)?on|pursuant to|under|engag\w+|appl(?:y|ies|ied) to)\b[^.]{0,60}\b(?:sections?|s\.?)\s*\d", re.I)


def same_section(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and law.section_of(a) == law.section_of(b)


def covers(owner: str | None, exemption: str) -> bool:
    """A part attributed to ``owner`` (None: generic) argues ``exemption``."""
    if owner is None:
        return True
    if owner == exemption:
        return True
    parsed = law.parse_id(owner)
    if parsed is None or not same_section(owner, exemption):
        return False
    # A bare "s24" covers any s24(x); a part headed with the withholding limb
    # ("Section 31(1) Evidence of Harm") argues the same interest as 31(3)
    # (NCND204 reports the mixed citation itself).
    return not parsed.parts or law.is_withholding_subsection(owner)


@dataclass
class Argument:
    """The NCND part of one draft, seen exemption by exemption."""

    analysis: Analysis
    part: NcndPart
    _relied: list[str] | None = None
    _invoked: list | None = None
    _heading_blocks: set[int] | None = None
    _argument_blocks: list[int] | None = None
    _claims: dict[str, int] | None = None

    # -- what the draft relies on --------------------------------------------
    def relied_on(self) -> list[str]:
        """Part II exemptions the NCND part relies on, in order of section number.

        A bare section ("Section 30 is a class-based exemption") that no
        subsection citation covers counts only where exemptions are listed:
        the exemptions section, a heading, or a sentence that invokes it.
        """
        if self._relied is not None:
            return self._relied
        invoked = {c.id for c in self.claims()}
        out = []
        for e in self.part.part_ii:
            parsed = law.parse_id(e)
            if parsed is not None and parsed.parts and not (
                law.is_ncnd_subsection(e) or law.is_withholding_subsection(e) or law.is_legacy(e)
            ):
                continue  # a reference such as 23(3) (the list of security bodies), not a limb relied on
            # Where the draft says what it relies on, a mention elsewhere (an explainer,
            # a stray paragraph) is not a claim; a bare section never is, unless invoked.
            if (invoked or (parsed is not None and not parsed.parts)) and e not in invoked:
                continue
            out.append(e)
        self._relied = out
        return out

    def invoked_citations(self) -> list:
        """Citations that claim an exemption (the list, a heading, "by virtue of ...").

        Statute text quoted in a legal annex ("exempt information if exemption
        from section 1(1)(b) is required ... section 23(1)") is not a claim.
        Where the draft invokes nothing in those ways, every citation counts.
        """
        return self.claims() or list(self.part.citations)

    def claims(self) -> list:
        """The citations that claim an exemption, computed once."""
        if self._invoked is None:
            self._invoked = [c for c in self.part.citations if self._invokes(c)]
        return self._invoked

    def _invokes(self, citation) -> bool:
        analysis = self.analysis
        if analysis.section_of(citation.block) == "applicable-exemptions":
            return True
        block = analysis.document.blocks[citation.block]
        if self._heading_blocks is None:
            self._heading_blocks = {s.heading_block for s in analysis.sections if s.heading_block is not None}
        if block.kind == "heading" or citation.block in self._heading_blocks:
            return True
        if _LIST_LINE.match(block.norm) and len(block.norm.split()) <= 15:
            return True  # "Section 24(2) National Security" on a line of its own
        return bool(_INVOKES.search(block.norm))

    def citation_text(self, exemption: str) -> str:
        """The exemption as the draft writes it ("Section 30(3) Investigations"), for evidence."""
        for c in self.part.citations:
            if c.id == exemption:
                return f"{c.text} {c.title}" if c.title else c.text
        return exemption

    def first_citation_block(self, exemption: str) -> int | None:
        for c in self.part.citations:
            if c.id == exemption:
                return c.block
        return None

    # -- content ---------------------------------------------------------------
    def has_content(self, section: Section) -> bool:
        blocks = self.analysis.document.blocks
        for b in section.blocks:
            if b == section.heading_block:
                continue
            if len(blocks[b].text) >= 20 and is_content(blocks[b].text):
                return True
        return False

    def sections_for(self, exemption: str, *names: str) -> list[Section]:
        return [s for s in self.part.sections_named(*names) if covers(s.exemption, exemption)]

    def harm_for(self, exemption: str) -> list[Section]:
        return [s for s in self.sections_for(exemption, "harm") if self.has_content(s)]

    def public_interest_for(self, exemption: str) -> bool:
        """Some public interest consideration for the exemption: factors, or a public interest part with text.

        A balancing verdict alone is not one: with every factor removed, the
        public interest test is missing, not one side of it.
        """
        if any(covers(g.exemption, exemption) for g in self.part.factors):
            return True
        return bool(self.sections_for(exemption, "public-interest", "factors-for", "factors-against"))

    def groups_for(self, exemption: str, direction: str) -> list[FactorGroup]:
        return [g for g in self.part.factors if g.direction == direction and covers(g.exemption, exemption)]

    def attributed(self) -> set[str]:
        """Exemptions that a heading, section or factor group is explicitly tied to."""
        out = {s.exemption for s in self.part.sections if s.exemption}
        out |= {g.exemption for g in self.part.factors if g.exemption}
        return out

    def argument_blocks(self) -> list[int]:
        if self._argument_blocks is None:
            blocks = self.analysis.block_sections
            self._argument_blocks = [
                i for i in sorted(self.part.blocks) if i < len(blocks) and blocks[i] in ARGUMENT_SECTIONS
            ]
        return self._argument_blocks

    def named_in_argument(self, exemption: str) -> bool:
        """The argument names the exemption: its citation, its bare section, or its title."""
        arg = set(self.argument_blocks())
        for c in self.part.citations:
            if c.block in arg and (c.id == exemption or (c.subsection is None and same_section(c.id, exemption))):
                return True
        section = law.section_of(exemption)
        titles = [fold(t) for t in law.titles(section or "") if len(t) >= 8]
        if not titles:
            return False
        pattern = re.compile("|".join(re.escape(t) for t in titles))
        blocks = self.analysis.document.blocks
        return any(pattern.search(fold(blocks[i].text)) for i in arg)

    def needing_argument(self) -> list[str]:
        """NCND limbs relied on that need a harm or public interest argument (not absolute class ones)."""
        out = []
        for e in self.relied_on():
            if law.is_withholding_subsection(e) or not law.has_ncnd(e):
                continue
            try:
                if law.needs_harm(e) or law.needs_pit(e, None) or not law.is_absolute(e):
                    out.append(e)
            except KeyError:
                continue
        return out

    def topic_discussed(self, exemption: str) -> bool:
        """The argument discusses what the exemption protects (law/topics.toml), by number or not."""
        section = law.section_of(exemption)
        if section in self.topic_claims():
            return True
        # Looser words of the topic ("crime", "safety") must recur: one passing mention argues
        # nothing, unless it is what confirming or denying would harm ("would undermine any investigation").
        blocks = self.analysis.document.blocks
        texts = [blocks[i].norm.lower() for i in self.argument_blocks()]
        if any(section in harmed_topics(t) for t in texts):
            return True
        return sum(section in sections_discussed(t) for t in texts) >= 2

    def topic_claims(self) -> dict[str, int]:
        """Section -> first block where the NCND part says confirming or denying would prejudice its interest.

        "would be likely to prejudice the prevention or detection of crime" argues
        s31's own test whether or not "section 31" is written anywhere. Only the
        argument's blocks (harm, public interest, factors, balance) are read.
        """
        if self._claims is None:
            # The argument only: an annex of "further considerations" or the law quoted is not a claim.
            arguing = set(self.argument_blocks())
            out: dict[str, int] = {}
            for sent in self.analysis.sentences:
                if sent.block not in arguing:
                    continue
                for section in prejudice_claims(sent.text.lower()):
                    out.setdefault(section, sent.block)
            self._claims = out
        return self._claims

    def argued(self, exemption: str) -> bool:
        if any(covers(owner, exemption) for owner in self.attributed()):
            return True
        if self.named_in_argument(exemption) or self.topic_discussed(exemption):
            return True
        # The only exemption that needs arguing: every generic argument part argues it.
        generic = [s for s in self.part.sections if s.name in ARGUMENT_SECTIONS and s.exemption is None]
        return self.needing_argument() == [exemption] and bool(generic)

    def last_block(self) -> int | None:
        return max(self.part.blocks) if self.part.blocks else None
