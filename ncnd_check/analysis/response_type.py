"""Response type (ncnd / partial-ncnd / other) and the NCND part of a draft.

Every police response mentions "confirm or deny" (the "two duties"
boilerplate), so the type is read from stronger signals (DOMAIN.md 6 and 8):
NCND cue phrases ("neither confirm nor deny", "the duty in s1(1)(a) does not
apply"), NCND subsections cited as the exemptions relied on (24(2), 31(3)),
and answers of other kinds (information attached, not held, s12 cost, s21).
The draft is swept block by block; a question marker ("Question 2",
"Answer:") starts a new answer block, so "is held" in answer 1 never makes
answer 2's NCND a partial one. NCND rules look only at the NCND part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ncnd_check import law
from ncnd_check.analysis.citations import relied_citations
from ncnd_check.analysis.model import (
    Analysis,
    Citation,
    Conclusion,
    FactorGroup,
    Section,
)
from ncnd_check.data_files import load_toml
from ncnd_check.document import Document

__all__ = ["classify_response", "NcndPart", "ncnd_part", "ARGUMENT_SECTIONS"]

#: Sections that carry the NCND argument; answer cues inside them are hypotheticals.
ARGUMENT_SECTIONS = frozenset(
    {"harm", "public-interest", "factors-for", "factors-against", "balancing-test", "conclusion", "no-inference"}
)


@dataclass(frozen=True)
class _CueList:
    """One list of cue patterns, tried only when a keyword is in the text (built once per process by :func:`_cues`)."""

    keywords: tuple[str, ...]
    pattern: re.Pattern

    def search(self, text: str) -> bool:
        if self.keywords and not any(k in text for k in self.keywords):
            return False
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class _Cues:
    explicit: _CueList
    ncnd: _CueList
    remainder: _CueList
    answer: _CueList
    procedural: _CueList
    markers: _CueList
    confirmation: _CueList


@cache
def _cues() -> _Cues:
    data = load_toml("analysis/response_cues.toml")
    keywords = data.get("keywords", {})

    def comp(key: str) -> _CueList:
        # One alternation per list (patterns are lower case: block text is folded).
        pattern = re.compile("|".join(f"(?:{p})" for p in data[key]))
        return _CueList(tuple(keywords.get(key, ())), pattern)

    return _Cues(
        comp("ncnd_explicit"), comp("ncnd"), comp("ncnd_remainder"),
        comp("answer"), comp("procedural"), comp("segment_markers"), comp("confirmation"),
    )


def classify_response(
    document: Document,
    block_sections: list[str | None],
    citations: list[Citation],
    exemption_heading_blocks: set[int] | None = None,
) -> tuple[str, set[int]]:
    """(type, NCND blocks): ``ncnd`` -> every block; ``partial-ncnd`` -> the NCND part; ``other`` -> none."""
    cues = _cues()
    exemption_heading_blocks = exemption_heading_blocks or set()
    ncnd_cited: dict[int, bool] = {}
    for c in citations:
        if law.is_ncnd_subsection(c.id):
            ncnd_cited[c.block] = True
    states: list[str | None] = []
    state: str | None = None
    saw_answer = saw_remainder = saw_other_answer = False
    for block in document.blocks:
        i = block.index
        text = block.norm.lower()
        section = block_sections[i] if i < len(block_sections) else None
        in_argument = section in ARGUMENT_SECTIONS
        if not in_argument and cues.markers.search(text[:80]):
            state = None
        explicit = cues.explicit.search(text)
        remainder = explicit and cues.remainder.search(text)
        ncnd_hit = explicit or cues.ncnd.search(text)
        if not ncnd_hit and ncnd_cited.get(i) and (section == "applicable-exemptions" or i in exemption_heading_blocks):
            ncnd_hit = True
        procedural = not in_argument and cues.procedural.search(text)
        if procedural and not explicit:
            ncnd_hit = False
        # A block that itself neither confirms nor denies talks about "held" and
        # "not held" hypothetically (the NCND explainer): not an answer.
        other_answer = (procedural and not explicit) or (not in_argument and not explicit and cues.answer.search(text))
        confirmed = not in_argument and not explicit and cues.confirmation.search(text)
        answer_hit = other_answer or confirmed
        if answer_hit:
            saw_answer = True
        if other_answer:
            saw_other_answer = True
        if remainder:
            saw_remainder = True
        if ncnd_hit:
            state = "ncnd"
        elif answer_hit:
            state = "answer"
        states.append(state)
    if "ncnd" not in states:
        return "other", set()
    if not saw_answer and not saw_remainder:
        return "ncnd", set(range(len(document.blocks)))
    if not saw_other_answer and not saw_remainder:
        # "We can confirm that the force holds this information" beside the NCND statement, and
        # nothing answered: an NCND response that leaks (checked whole), not a partial one.
        return "ncnd", set(range(len(document.blocks)))
    # Partial: the NCND blocks, plus argument and exemption blocks not claimed by an answer.
    ncnd_blocks = {i for i, s in enumerate(states) if s == "ncnd"}
    for i, s in enumerate(states):
        if s is None and (block_sections[i] in ARGUMENT_SECTIONS or block_sections[i] == "applicable-exemptions"):
            ncnd_blocks.add(i)
    return "partial-ncnd", ncnd_blocks


@dataclass
class NcndPart:
    """What NCND rules look at: the NCND part of the response (the whole of an ``ncnd`` one)."""

    blocks: set[int]
    citations: list[Citation] = field(default_factory=list)
    #: Exemption ids (Part II and others, s1/s17 left out) cited in the part, sorted.
    exemptions: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    factors: list[FactorGroup] = field(default_factory=list)
    conclusions: list[Conclusion] = field(default_factory=list)

    def sections_named(self, *names: str) -> list[Section]:
        return [s for s in self.sections if s.name in names]

    @property
    def part_ii(self) -> list[str]:
        return [e for e in self.exemptions if law.is_part_ii(e)]


def _in(blocks: set[int], indices) -> bool:
    return any(i in blocks for i in indices if i is not None)


def _without_covered_bare(ids: set[str]) -> list[str]:
    """Drop a bare "s24" where "s24(2)" is cited too: "Section 24 is qualified" means the 24(2) relied on."""
    with_parts = {law.section_of(i) for i in ids if (p := law.parse_id(i)) is not None and p.parts}
    kept = {i for i in ids if not ((p := law.parse_id(i)) is not None and not p.parts and p.section in with_parts)}
    return sorted(kept, key=law.sort_key)


def ncnd_part(analysis: Analysis) -> NcndPart:
    """The NCND part of an analysed draft; empty for ``other`` responses."""
    blocks = set(analysis.ncnd_blocks)
    if not blocks:
        return NcndPart(blocks=set())

    # A provision named only to explain another ("exempt under section 30(1) or (2)") is not claimed.
    texts = [b.norm for b in analysis.document.blocks]
    citations = relied_citations([c for c in analysis.citations if c.block in blocks], texts)
    ids = _without_covered_bare({c.id for c in citations if law.is_exemption_id(c.id)})
    return NcndPart(
        blocks=blocks,
        citations=citations,
        exemptions=ids,
        sections=[s for s in analysis.sections if _in(blocks, s.all_blocks)],
        factors=[g for g in analysis.factors if _in(blocks, [g.heading_block, *g.blocks])],
        conclusions=[c for c in analysis.conclusions if c.block in blocks],
    )
