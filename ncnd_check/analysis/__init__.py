"""Analysis: a Document in, the draft's argument (an Analysis) out.

Each body block's facts first (:mod:`ncnd_check.analysis.facts`: its
sentences and citations from one pass of the spaCy pipeline, remembered by
text), then, in order: citations, sections and factor groups from the headings, the
no-inference statement, the response type and its NCND part, the argument
parts read from what unheaded paragraphs say, and the balancing conclusions.
The steps are imported inside :func:`analyse`, deliberately: this package
module runs whenever any ``ncnd_check.analysis.*`` module is imported (the
library reads placeholders from one), and ``refs list`` or ``rules`` need
none of the steps. spaCy itself is imported only by
:mod:`ncnd_check.analysis.nlp`, when the first text is processed.
"""

from __future__ import annotations

from dataclasses import replace

from ncnd_check import law
from ncnd_check.analysis.model import Analysis, Citation, Section, Sentence
from ncnd_check.document import Document
from ncnd_check.settings import Settings

__all__ = ["analyse"]


def analyse(document: Document, settings=None, library=None) -> Analysis:
    """Read the argument of one draft: a frozen Analysis, its costly parts built when first asked for.

    ``library`` is the approved-wording library the draft's alignment is
    measured against (the settings' one when not given and a rule asks).
    """
    from ncnd_check.analysis.citations import exemption_ids, relied_citations
    from ncnd_check.analysis.conclusions import find_conclusions, no_inference_sentences
    from ncnd_check.analysis.response_type import classify_response
    from ncnd_check.analysis.structure import attribute_single_exemption, find_structure, load_section_rules

    blocks = document.blocks
    facts, citations, sentences = _read_blocks(blocks)
    headings_file = getattr(settings, "headings_file", None)
    structure = find_structure(document, citations, load_section_rules(headings_file) if headings_file else None)

    _add_no_inference(structure, no_inference_sentences(sentences))

    response_type, ncnd_blocks = classify_response(
        document, structure.block_sections, citations, set(structure.exemption_headings)
    )
    from ncnd_check.analysis.content import add_content_parts

    add_content_parts(
        document, structure.block_sections, structure.sections, structure.factors,
        sentences, ncnd_blocks, structure.heading_blocks, citations, structure.exemption_headings,
    )
    # The single exemption's factors and parts are attributed before the Analysis is made: it is frozen.
    cited = list(dict.fromkeys(c.id for c in citations))
    # Asked per citation and per sentence: look each distinct id up in the statute once.
    part_ii = {i: law.is_part_ii(i) for i in cited}
    qualified = _qualified_ncnd_limbs(citations, cited, part_ii, ncnd_blocks or set(range(len(blocks))), settings)
    attribute_single_exemption(structure.factors, structure.sections, qualified)
    conclusions = find_conclusions(
        sentences,
        structure.block_sections,
        _sentence_exemptions(citations, cited, part_ii),
        _block_exemption(structure.sections),
    )
    analysis = Analysis(
        document=document,
        facts=facts,
        block_sections=tuple(structure.block_sections),
        sections=tuple(structure.sections),
        citations=tuple(citations),
        # Only the provisions relied on: not one named to explain another ("the bodies listed in section 23(3)").
        exemptions=tuple(exemption_ids(relied_citations(citations, [b.norm for b in blocks]))),
        response_type=response_type,
        ncnd_blocks=frozenset(ncnd_blocks),
        factors=tuple(structure.factors),
        conclusions=tuple(conclusions),
        sentences=tuple(sentences),
        settings=settings if settings is not None else Settings(),
        library=library,
    )
    return replace(analysis, subject=_subject(analysis))


def _qualified_ncnd_limbs(
    citations: list[Citation], cited: list[str], part_ii: dict, scope: set[int], settings
) -> list[str]:
    """The qualified exemptions the NCND part (the ``scope`` blocks) relies on, each once, in citation order."""
    from ncnd_check.analysis.structure import resolve_bare

    cited_here = list(dict.fromkeys(resolve_bare(c, cited) for c in citations if c.block in scope and part_ii[c.id]))
    # The NCND limbs argue; a withholding limb beside its NCND one (31(1) with 31(3)) does not count twice.
    ncnd_limbs = [e for e in cited_here if not law.is_withholding_subsection(e)] or cited_here
    return [e for e in ncnd_limbs if law.is_qualified(e, settings)]


def _sentence_exemptions(citations: list[Citation], cited: list[str], part_ii: dict):
    """sentence -> the Part II ids it cites (bare ones resolved), each once."""
    from ncnd_check.analysis.structure import resolve_bare

    by_block: dict[int, list[Citation]] = {}
    for c in citations:
        by_block.setdefault(c.block, []).append(c)

    def sentence_exemptions(sent: Sentence) -> list[str]:
        found = [
            resolve_bare(c, cited)
            for c in by_block.get(sent.block, [])
            if sent.start <= c.start < sent.end and part_ii[c.id]
        ]
        return list(dict.fromkeys(found))

    return sentence_exemptions


def _block_exemption(sections: list[Section]):
    """block -> the exemption of the per-exemption part it is in, if any."""
    section_of_block: dict[int, Section] = {}
    # A heading's section first; the parts read from content only where no heading speaks.
    for s in sorted(sections, key=lambda s: not (s.heading or "").startswith("(")):
        for b in s.all_blocks:
            section_of_block[b] = s

    def block_exemption(block: int) -> str | None:
        s = section_of_block.get(block)
        return s.exemption if s is not None else None

    return block_exemption


def _read_blocks(blocks) -> tuple[tuple, list[Citation], list[Sentence]]:
    """Every block's facts, and its citations and sentences from them (numbered to the block)."""
    from ncnd_check.analysis.facts import facts_of

    facts = facts_of(blocks)
    citations: list[Citation] = []
    sentences: list[Sentence] = []
    for block, found in zip(blocks, facts):
        citations.extend(replace(c, block=block.index) for c in found.citations)
        sentences.extend(Sentence(block.index, span) for span in found.sentences)
    return facts, citations, sentences


def _add_no_inference(structure, found: list[Sentence]) -> None:
    """The closing "should not be taken as an indication ..." sentence, wherever it sits."""
    seen: set[int] = set()
    for sent in found:
        if sent.block in seen:
            continue
        seen.add(sent.block)
        structure.sections.append(Section("no-inference", None, [sent.block], None, sent.text[:80]))
        if structure.block_sections[sent.block] is None:
            structure.block_sections[sent.block] = "no-inference"
    structure.sections.sort(key=lambda s: min(s.all_blocks) if s.all_blocks else -1)


def _subject(analysis: Analysis) -> str | None:
    """The request subject (the residue rules compare the argument with it)."""
    from ncnd_check.analysis.subject import find_subject

    return find_subject(analysis)
