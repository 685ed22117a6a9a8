"""Argument parts read from what paragraphs say, not from their headings.

Authorities lay the NCND argument out in many ways: numbered paragraphs with
no headings, a "Reasons for decision" or "Decision" part, a "Request and
Answer" layout, a generic "Public Interest Test" heading over prose that
weighs both sides, factors written inline ("In favour of confirming or
denying, there is ..."). The heading reader (:mod:`structure`) misses those,
so this pass labels each paragraph of the NCND part that no argument heading
covers from its content (``content_cues.toml``): harm (a consequence modal and
a harm term), factors for (transparency, accountability, public debate ...),
factors against (harm weighed in the public interest, or a lead-in that says
so). Harm argued inside the factors counts as harm too. Pure Python: no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ncnd_check import law
from ncnd_check.analysis.conclusions import sentence_verdict
from ncnd_check.analysis.model import Citation, FactorGroup, Section, Sentence
from ncnd_check.analysis.structure import is_content, resolve_bare
from ncnd_check.analysis.subject import singular
from ncnd_check.data_files import load_toml
from ncnd_check.document import Document
from ncnd_check.normalise import fold

__all__ = ["ContentCues", "load_content_cues", "sentence_kinds", "add_content_parts", "generic_words"]

#: Sections whose paragraphs may be (re)labelled by content: none, and the generic containers.
_OPEN = frozenset({None, "applicable-exemptions", "public-interest", "balancing-test", "conclusion"})
#: Sections that are already the public interest test (a harm paragraph there argues against).
_PIT = frozenset({"public-interest", "balancing-test", "conclusion", "factors-for", "factors-against"})
_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-h][.)]|\(?[ivx]{1,5}[.)])\s*")
#: Headings after which the letter is no longer arguing (review rights, sign-off, annexes).
_OUTSIDE = re.compile(r"\b(?:complain\w*|review|appeal|rights?|dissatisf\w*|unhappy|copyright|re-?use|annex|appendix|yours|regards)\b")
#: A paragraph that only lists exemptions ("Section 24(2) National Security").
_LIST_LINE = re.compile(r"^\W{0,3}(?:sections?|s\.?)\s*\d")


@dataclass(frozen=True)
class ContentCues:
    """content_cues.toml, compiled (one object per process)."""

    modal: re.Pattern
    harm: re.Pattern
    consequence: re.Pattern
    not_harm: re.Pattern
    for_terms: re.Pattern
    lead_for: tuple[re.Pattern, ...]
    lead_against: tuple[re.Pattern, ...]


def _alternation(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@cache
def load_content_cues() -> ContentCues:
    data = load_toml("analysis/content_cues.toml")
    return ContentCues(
        modal=re.compile(data["harm"]["modal"]),
        harm=_alternation(data["harm"]["terms"]),
        consequence=re.compile(data["harm"]["consequence"]),
        not_harm=_alternation(data["harm"].get("not_harm", [])),
        for_terms=_alternation(data["for"]["terms"]),
        lead_for=tuple(re.compile(p) for p in data["lead_in"]["for"]),
        lead_against=tuple(re.compile(p) for p in data["lead_in"]["against"]),
    )


@cache
def generic_words() -> frozenset[str]:
    """Words of any NCND argument (content_cues.toml [generic]), singular: no clue to its subject."""
    data = load_toml("analysis/content_cues.toml")
    return frozenset(singular(w) for w in data.get("generic", {}).get("words", "").split())


def sentence_kinds(text: str) -> frozenset[str]:
    """What one sentence argues: {"harm"}, {"for"}, both or neither (an analysed sentence's facts keep it)."""
    s = fold(text).lower()
    cues = load_content_cues()
    out = set()
    if cues.for_terms.search(s):
        out.add("for")
    if cues.not_harm.search(s):
        return frozenset(out)
    if (cues.harm.search(s) and cues.modal.search(s)) or ("for" not in out and cues.consequence.search(s)):
        out.add("harm")
    return frozenset(out)


def lead_in(text: str) -> str | None:
    """"for" / "against" when a paragraph opens by saying which side it argues."""
    cues = load_content_cues()
    t = _NUMBERING.sub("", fold(text).lower(), count=1).lstrip("*-\u2022 ")
    if any(p.search(t) for p in cues.lead_against[:2]):
        return "against"
    if any(p.search(t) for p in cues.lead_for):
        return "for"
    if cues.lead_against[2:] and any(p.search(t) for p in cues.lead_against[2:]):
        return "contrast"
    return None


@dataclass
class _Label:
    block: int
    name: str  # harm | factors-for | factors-against | public-interest | balancing-test
    harm: bool
    directions: tuple[str, ...]
    exemption: str | None


def _block_exemption(index: int, by_block: dict[int, list[Citation]], cited: list[str], enclosing: str | None) -> str | None:
    found = list(dict.fromkeys(resolve_bare(c, cited) for c in by_block.get(index, []) if law.is_part_ii(c.id)))
    if len(found) == 1:
        return found[0]
    return None if found else enclosing


def add_content_parts(
    document: Document,
    block_sections: list[str | None],
    sections: list[Section],
    factors: list[FactorGroup],
    sentences: list[Sentence],
    scope: set[int],
    heading_blocks: set[int],
    citations: list[Citation],
    exemption_headings: dict[int, tuple[str, ...]] | None = None,
) -> None:
    """Label the NCND part's unheaded argument paragraphs; add their Sections and FactorGroups in place."""
    if not scope:
        return
    by_sentence: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_sentence.setdefault(s.block, []).append(s)
    by_block: dict[int, list[Citation]] = {}
    for c in citations:
        by_block.setdefault(c.block, []).append(c)
    cited = list(dict.fromkeys(c.id for c in citations if law.is_part_ii(c.id)))
    section_at: dict[int, Section] = {}
    for s in sections:
        for b in s.all_blocks:
            section_at.setdefault(b, s)
    grouped = {b for g in factors for b in g.blocks}
    against_grouped = {b for g in factors if g.direction == "against" for b in g.blocks}
    in_harm = {b for s in sections if s.name == "harm" for b in s.blocks}

    labels: list[_Label] = []
    woven: list[tuple[int, str | None]] = []
    previous: str | None = None
    carried: str | None = None  # a lead-in paragraph's side, for the list items under it
    outside = False
    context: str | None = None  # the exemption a per-exemption heading ("Section 38(2) - Health and Safety") set
    exemption_headings = exemption_headings or {}
    for block in document.blocks:
        i = block.index
        if block.kind == "heading" or i in heading_blocks:
            heading = fold(block.text).lower()
            name = block_sections[i]
            named = exemption_headings.get(i)
            own = section_at.get(i)
            if named:
                context = named[0] if len(named) == 1 else None
            elif own is not None and own.heading_block == i:
                context = own.exemption  # a section heading says whose argument follows (None: everyone's)
            elif name not in _PIT and name != "harm":
                context = None
            outside = name is None and not named and bool(_OUTSIDE.search(heading)) and len(heading.split()) <= 12
            previous = carried = None
            side = lead_in(block.text)
            if side in ("for", "against") and name is None:
                carried = side  # "The factors against confirming or denying are:" over a list
            colon = block.norm.find(":")
            if block.kind == "heading" or colon < 0 or not is_content(block.norm[colon + 1 :]):
                continue
            # "Public interest test: There is ... However, ...": a lead-in with its content inline.
        if outside or i not in scope or block.kind == "table-cell" or not is_content(block.text):
            continue
        current = block_sections[i]
        enclosing = section_at.get(i)
        exemption = _block_exemption(i, by_block, cited, (enclosing.exemption if enclosing else None) or context)
        kinds, verdict, counts = _read(by_sentence.get(i, []), current)
        if i in grouped or current in ("factors-for", "factors-against"):
            if "harm" in kinds and i not in in_harm and (i in against_grouped or current == "factors-against"):
                woven.append((i, exemption))  # harm argued inside the factors against
            previous = current
            continue
        if current not in _OPEN:
            previous = current
            continue
        if current == "applicable-exemptions" and _LIST_LINE.match(block.norm) and len(block.norm.split()) <= 15:
            continue
        lead = lead_in(block.text)
        if lead is None and block.kind == "list-item" and carried:
            lead = carried  # the items under "The factors against confirming or denying are:"
        elif block.kind != "list-item":
            carried = None
        in_pit = current in _PIT or previous in ("factors-for", "factors-against", "public-interest")
        if lead == "contrast":
            # "Set against that, ...": right after the factors for, the other side; elsewhere only if it argues harm.
            lead = "against" if previous == "factors-for" or (in_pit and "harm" in kinds) else None
        harm = "harm" in kinds
        directions: tuple[str, ...]
        if current in ("balancing-test", "conclusion") and lead not in ("for", "against"):
            # The balance names both sides on its way to the verdict: that is no factor of its own.
            kinds, harm = frozenset(), False
        elif verdict and lead not in ("for", "against") and not ("for" in kinds and harm):
            # A verdict paragraph is a public interest test of its own only when it argues both sides
            # ("Public interest test: There is ... However, ... On balance, ...").
            kinds, harm = frozenset(), False
        if lead == "for":
            directions = ("for",)
        elif lead == "against":
            directions = ("against",)
        elif "for" in kinds and harm and not in_pit and counts["harm"] > counts["for"]:
            directions = ()  # mostly harm, outside the public interest test: the harm argument
        elif "for" in kinds and harm:
            directions = ("for", "against")
        elif "for" in kinds:
            directions = ("for",)
        elif harm and in_pit:
            directions = ("against",)
        else:
            directions = ()
        if directions == ("for",):
            name = "factors-for"
        elif directions == ("against",):
            name = "factors-against"
        elif directions:
            name = "public-interest"
        elif harm:
            name = "harm"
        elif verdict and current is None:
            name = "balancing-test"
        else:
            continue
        labels.append(_Label(i, name, harm, directions, exemption))
        previous = name
        if block.kind != "list-item" and lead in ("for", "against"):
            carried = lead

    _apply(labels, woven, block_sections, sections, factors)


def _read(sents: list[Sentence], current: str | None) -> tuple[frozenset[str], bool, dict[str, int]]:
    """What a paragraph's argument sentences say, whether it concludes the balance, and how many say each."""
    kinds: set[str] = set()
    counts = {"harm": 0, "for": 0}
    verdict = False
    for s in sents:
        facts = s.facts  # one memo look-up per sentence
        if facts.no_inference:
            continue
        if sentence_verdict(facts, current) is not None:
            verdict = True
            continue  # the verdict weighs both sides: not a factor of its own
        found = facts.kinds
        kinds |= found
        for k in found:
            counts[k] += 1
    return frozenset(kinds), verdict, counts


def _apply(labels: list[_Label], woven, block_sections, sections: list[Section], factors: list[FactorGroup]) -> None:
    run_section: Section | None = None
    run_groups: dict[str, FactorGroup] = {}
    last: _Label | None = None
    harm_run: Section | None = None
    for lab in labels:
        contiguous = last is not None and lab.block == last.block + 1 and lab.exemption == last.exemption
        if not (contiguous and last.name == lab.name):
            run_section = Section(lab.name, None, [], lab.exemption, "(by content)")
            sections.append(run_section)
        run_section.blocks.append(lab.block)
        if not contiguous:
            run_groups = {}
        for d in lab.directions:
            group = run_groups.get(d)
            if group is None:
                group = FactorGroup(d, lab.exemption, None, [], layout="content")
                factors.append(group)
                run_groups[d] = group
            group.blocks.append(lab.block)
        if lab.harm and lab.name != "harm":
            if not (contiguous and harm_run is not None and harm_run.blocks[-1] == last.block):
                harm_run = Section("harm", None, [], lab.exemption, "(in the factors)")
                sections.append(harm_run)
            harm_run.blocks.append(lab.block)
        if block_sections[lab.block] in (None, "applicable-exemptions"):
            block_sections[lab.block] = lab.name
        last = lab
    # Harm argued only inside the factors stands for the harm section where there is none.
    argued = [s.exemption for s in sections if s.name == "harm"]
    for block, exemption in woven:
        if any(e is None or exemption is None or law.section_of(e) == law.section_of(exemption) for e in argued):
            continue
        sections.append(Section("harm", None, [block], exemption, "(in the factors)"))
    sections.sort(key=lambda s: min(s.all_blocks) if s.all_blocks else -1)
