"""Exemption mismatches (NCND2xx): the exemptions cited and the exemptions argued disagree.

Cited but never argued; argued but never cited; the withholding subsection
(s1(1)(b)) cited where the NCND one is meant; an absolute exemption given a
public interest test; a provision with no NCND limb; a section that is not a
FOIA Part II exemption; legacy numbering; s35 cited by a police force. Only
the NCND part of a response is checked: a partial response may withhold
under 31(1) in its answered part.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ncnd_check import law
from ncnd_check.analysis import authorities
from ncnd_check.analysis.argument import covers, same_section
from ncnd_check.analysis.topics import prejudice_claims
from ncnd_check.rules.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.findings import Finding
    from ncnd_check.rules.context import RuleContext

CATEGORY = "exemption-mismatch"
#: FOIA provisions an NCND draft cites in passing that are not exemptions claimed.
_PROCEDURAL = frozenset({"1", "2", "17"})
_POLICE = re.compile(r"\b(?:police|constabulary|police service)\b", re.I)


def _first(arg, predicate):
    return next(_first_per_id(arg, predicate), None)


def _first_per_id(arg, predicate) -> Iterator:
    """The first invoked citation of each id that ``predicate`` accepts, in reading order."""
    seen: set[str] = set()
    for c in arg.invoked_citations():
        if c.id not in seen and predicate(c):
            seen.add(c.id)
            yield c


@rule("NCND201", "cited-not-argued", CATEGORY, "error")
def cited_not_argued(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a qualified or prejudice-based exemption the draft relies on that no harm, public interest or factor text argues: no heading is tied to it and the argument never names it.

    Why it matters: s17(1)(c) requires the notice to say why each exemption applies; the ICO found a procedural failure where the public interest was handled generically instead of for each exemption cited (DOMAIN.md 5.1).

    What makes it an error: neither a heading, the exemption's number or title, nor its topic (the interest it protects, law/topics.toml) appears anywhere in the argument, so s17(1)(c) is not met for it.

    Example: "Section 24(2) National Security" and "Section 30(3) Investigations" are listed, but every heading and factor is about Section 24(2).

    How to fix: Argue the exemption (its harm and its public interest factors, under a heading that names it), or remove it from the exemptions relied on.
    """
    arg = ctx.analysis.argument
    if not arg.argument_blocks():
        return  # nothing argued at all: NCND101/102 say what is missing
    for exemption in arg.relied_on():
        if law.is_withholding_subsection(exemption) or not law.has_ncnd(exemption):
            continue
        try:
            if law.is_absolute(exemption, ctx.settings.pit_for_40_5b) and not law.needs_harm(exemption):
                continue  # absolute class exemptions need no argument
        except KeyError:
            continue
        if arg.argued(exemption):
            continue
        label = law.label(exemption)
        yield ctx.finding(
            f"{label} is cited but never argued: no harm, public interest or factor text names it",
            arg.first_citation_block(exemption),
            evidence=arg.citation_text(exemption),
            exemption=exemption,
            suggestion=f"Argue {label} under a heading that names it (harm and public interest factors), "
            "or remove it from the exemptions relied on.",
        )


@rule("NCND202", "argued-not-cited", CATEGORY, "error")
def argued_not_cited(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports an exemption that the draft argues but never states it relies on: a harm, public interest or factor heading names it, or the argument claims the harm its statutory test is about ("would be likely to prejudice the prevention or detection of crime": section 31) while the section is cited nowhere in the letter.

    Why it matters: s17(1)(b) requires the notice to specify the exemption; an argument for an exemption not claimed is usually left over from another letter and confuses the requester.

    What makes it an error: the letter argues an exemption it does not claim, so the notice either fails to specify an exemption it relies on (s17(1)(b)) or carries an argument left over from another letter; a reviewer sends it back either way. Topic words alone ("crime", "safety") are not enough: the claim must be that confirming or denying would prejudice (harm, undermine ...) the interest in the Act's words (law/topics.toml).

    Example: The draft relies on Sections 24(2) and 31(3), but a heading reads "Section 30(3) Investigations - Factors favouring confirmation or denial".

    How to fix: Add the exemption to the exemptions relied on (with its title), or delete the argument for it.
    """
    arg = ctx.analysis.argument
    yield from _argued_by_topic(ctx, arg)
    argument_blocks = set(arg.argument_blocks())
    declared = [
        c.id
        for c in arg.part.citations
        if c.block not in argument_blocks and law.is_part_ii(c.id)
    ]
    if not declared:
        return
    declared_sections = {law.section_of(d) for d in declared}
    reported: set[str] = set()
    for owner in sorted(arg.attributed(), key=law.sort_key):
        if not law.is_part_ii(owner) or law.section_of(owner) in declared_sections or owner in reported:
            continue
        reported.add(owner)
        block = next(
            (s.heading_block for s in arg.part.sections if s.exemption == owner and s.heading_block is not None),
            None,
        )
        if block is None:
            block = next((g.heading_block for g in arg.part.factors if g.exemption == owner), None)
        if block is None:
            cit = _first(arg, lambda c: c.id == owner)
            block = cit.block if cit else None
        label = law.label(owner)
        yield ctx.finding(
            f"{label} is argued but not among the exemptions the response relies on",
            block,
            evidence=owner,
            exemption=owner,
            suggestion=f"List {label} with the exemptions relied on, or remove the argument for it.",
        )


def _argued_by_topic(ctx: "RuleContext", arg) -> Iterator["Finding"]:
    """An exemption's statutory test argued ("would prejudice the prevention or detection of crime") with no citation of it."""
    if not arg.part.blocks:
        return
    cited_sections = {law.section_of(c.id) for c in ctx.analysis.citations}
    for section, block in sorted(arg.topic_claims().items(), key=lambda kv: kv[1]):
        if section in cited_sections or not law.is_part_ii(section):
            continue
        label = law.label("s" + section)
        sentence = next((s.text for s in ctx.analysis.sentences if s.block == block and section in _claims(s.text)), None)
        yield ctx.finding(
            f"The argument claims the harm that {label} protects against, but the response never cites section {section}",
            block,
            evidence=sentence,
            exemption=f"s{section}",
            suggestion=f"Cite the NCND limb of section {section} with the exemptions relied on (and argue its public interest), "
            "or remove the argument for it.",
        )


def _claims(text: str) -> frozenset[str]:
    return prejudice_claims(text.lower())


@rule("NCND203", "withholding-subsection", CATEGORY, "error")
def withholding_subsection(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a withholding subsection (s1(1)(b): 24(1), 31(1), 30(1), 40(2) ...) cited in the NCND part where its NCND subsection (24(2), 31(3), 30(3), 40(5B) ...) is not cited at all.

    Why it matters: The withholding limb presumes the information is held and exempts its disclosure; an NCND response must rely on the limb that excludes the duty to confirm or deny. Citing 24(1) in an NCND response is itself a confirmation that information is held (DOMAIN.md 1.3).

    What makes it an error: the withholding limb alone presumes the information is held; the NCND has no basis.

    Example: "Section 31(1) Law Enforcement" in a response that neither confirms nor denies.

    How to fix: Cite the NCND subsection instead: 24(1) -> 24(2), 31(1) -> 31(3), 30(1)/(2) -> 30(3), 40(2) -> 40(5B).
    """
    yield from _withholding(ctx, mixed=False)


@rule("NCND204", "withholding-subsection-mixed", CATEGORY, "warning")
def withholding_subsection_mixed(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a withholding subsection cited in the NCND part beside its NCND subsection (31(1) with 31(3), 24(1) with 24(2)).

    Why it matters: Where the NCND limb is claimed the duty to communicate cannot arise, so claiming the withholding limb as well is neither appropriate nor necessary (DCA guidance on s24) and hints that information is held.

    What makes it a warning: the NCND limb is cited too, so the refusal stands; the extra limb is a hint, not a confirmation.

    Example: "Sections 31(1) and 31(3) Law Enforcement".

    How to fix: Drop the withholding subsection from the NCND part and rely on the NCND one alone.
    """
    yield from _withholding(ctx, mixed=True)


def _withholding(ctx: "RuleContext", mixed: bool) -> Iterator["Finding"]:
    arg = ctx.analysis.argument
    cited = set(arg.part.exemptions)
    # 43(1), 21(1) have no NCND subsection to point to: NCND206 reports them.
    for c in _first_per_id(arg, lambda c: law.is_withholding_subsection(c.id) and law.ncnd_for_withholding(c.id)):
        ncnd = law.ncnd_for_withholding(c.id)
        has_ncnd = any(n in cited for n in ncnd) or any(
            law.is_ncnd_subsection(e) and same_section(e, c.id) for e in cited
        )
        if has_ncnd != mixed:
            continue
        target = law.sections_named(ncnd)
        if mixed:
            message = f"{law.section_name(c.id)} (withholding) is cited beside {target} in the NCND part"
            suggestion = f"Rely on {target} alone; remove {law.section_name(c.id)}."
        else:
            message = (
                f"{law.section_name(c.id)} is the withholding subsection; an NCND response relies on {target}"
            )
            suggestion = f"Cite {target} instead of {law.section_name(c.id)}."
        yield ctx.finding(message, c.block, evidence=c.text, exemption=c.id, suggestion=suggestion)


@rule("NCND205", "absolute-with-pit", CATEGORY, "warning")
def absolute_with_pit(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a public interest test given for an absolute exemption (23(5), 32(3), 34(2), 41(2), 44(2), 40(5A)): a public interest or factor heading tied to it, or factors when every exemption relied on is absolute.

    Why it matters: Absolute exemptions have no public interest test (s2(3)); giving one suggests the drafter thinks the exemption is qualified and invites a challenge on the balance. s40(5B) is left alone: Dunhill (2025) holds it qualified.

    What makes it a warning: an unnecessary test does not defeat an absolute exemption.

    Example: "Section 23(5) - Factors favouring confirmation or denial".

    How to fix: Remove the public interest test for the absolute exemption and say instead that it is absolute and class-based, so no public interest test is required.
    """
    arg = ctx.analysis.argument
    relied = arg.relied_on()
    if not relied:
        return
    absolute = []
    for e in relied:
        try:
            configurable = _configurable(e)
            if law.is_absolute(e, ctx.settings.pit_for_40_5b) and not configurable and law.has_ncnd(e):
                absolute.append(e)
        except KeyError:
            continue
    if not absolute:
        return
    pit_parts = arg.part.sections_named("public-interest", "factors-for", "factors-against", "balancing-test")
    only_absolute = len(absolute) == len([e for e in relied if not law.is_withholding_subsection(e)])
    for e in absolute:
        tied = [s for s in pit_parts if s.exemption is not None and covers(s.exemption, e)]
        tied += [g for g in arg.part.factors if g.exemption is not None and covers(g.exemption, e)]
        generic = [s for s in pit_parts if s.exemption is None] if only_absolute else []
        if not tied and not generic:
            continue
        part = (tied or generic)[0]
        block = part.first_block
        label = law.label(e)
        yield ctx.finding(
            f"{label} is an absolute exemption but is given a public interest test",
            block,
            evidence=e,
            exemption=e,
            suggestion=f"Remove the public interest test for {label}; say it is an absolute, class-based exemption.",
        )


def _configurable(exemption: str) -> bool:
    parsed = law.parse_id(exemption)
    if parsed is None:
        return False
    limb = law.exemption(exemption).limb_for(parsed)
    return bool(limb and limb.configurable)


@rule("NCND206", "no-ncnd-provision", CATEGORY, "error")
def no_ncnd_provision(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a provision with no NCND limb cited in the NCND part: s21 (information accessible by other means) or s43(1) (trade secrets).

    Why it matters: Every Part II exemption except s21 has an NCND limb, and s43's NCND limb (43(3)) covers only 43(2) commercial interests; NCND under s21 or 43(1) has no legal basis.

    What makes it an error: the provision cannot support an NCND at all.

    Example: "We neither confirm nor deny ... by virtue of Section 21."

    How to fix: Use a provision that has an NCND limb (43(3) for commercial interests), or answer the request (s21: point to where the information is published).
    """
    def no_limb(c) -> bool:
        return law.is_part_ii(c.id) and (
            not law.has_ncnd(c.id) or (law.is_withholding_subsection(c.id) and not law.ncnd_for_withholding(c.id))
        )

    for c in _first_per_id(ctx.analysis.argument, no_limb):
        yield ctx.finding(
            f"{law.section_name(c.id)} has no neither-confirm-nor-deny provision",
            c.block,
            evidence=c.text,
            exemption=c.id,
            suggestion="Rely on an exemption with an NCND limb (e.g. 43(3) for commercial interests), "
            "or answer the request.",
        )


@rule("NCND207", "not-part-ii", CATEGORY, "error")
def not_part_ii(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a section listed as an exemption relied on (in the exemptions list or a per-exemption heading) that is not a FOIA Part II exemption (sections 21 to 44).

    Why it matters: Only Part II exemptions exclude the duty to confirm or deny; section 12 (cost), 14 (vexatious) or a mistyped number are not exemptions, so the refusal has no stated basis.

    What makes it an error: the refusal relies on something that is not an exemption.

    Example: "Applicable Exemptions: Section 12(2) Cost of compliance".

    How to fix: Cite the Part II exemption meant (check the number against legislation.gov.uk), or deal with s12/s14 in a separate refusal.
    """
    arg = ctx.analysis.argument
    analysis = ctx.analysis
    heading_blocks = {s.heading_block for s in analysis.sections if s.heading_block is not None}
    listing = {
        i for i in arg.part.blocks if analysis.section_of(i) == "applicable-exemptions"
    }

    def listed_as_exemption(c) -> bool:
        if law.is_part_ii(c.id) or c.section in _PROCEDURAL:
            return False
        in_list = c.block in listing
        exemption_heading = c.block in heading_blocks and c.block not in listing and analysis.section_of(c.block) in (
            "harm",
            "public-interest",
            "factors-for",
            "factors-against",
        )
        return in_list or exemption_heading

    for c in _first_per_id(arg, listed_as_exemption):
        yield ctx.finding(
            f"{law.section_name(c.id)} is listed as an exemption but is not a FOIA Part II exemption (sections 21-44)",
            c.block,
            evidence=c.text,
            exemption=c.id,
            suggestion="Cite the Part II exemption meant, or deal with this provision outside the NCND refusal.",
        )


@rule("NCND208", "legacy-40-5", CATEGORY, "warning")
def legacy_40_5(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports the bare "Section 40(5)" (pre-2018 numbering) in an NCND response.

    Why it matters: Since the Data Protection Act 2018 the personal-data NCND limbs are 40(5A) (the requester's own data) and 40(5B) (third parties); a bare 40(5) is imprecise and dates the template.

    What makes it a warning: the intended limb is clear; the numbering is out of date.

    Example: "Section 40(5) Personal Information".

    How to fix: Cite 40(5B)(a)(i) for third-party personal data, or 40(5A) for the requester's own.
    """
    for c in _first_per_id(ctx.analysis.argument, lambda c: law.is_legacy(c.id)):
        yield ctx.finding(
            f"{law.section_name(c.full)} is the pre-2018 numbering for personal information",
            c.block,
            evidence=c.text,
            exemption=c.id,
            suggestion="Cite Section 40(5B)(a)(i) (third-party data) or 40(5A) (the requester's own data).",
        )


@rule("NCND209", "s35-by-police", CATEGORY, "warning")
def s35_by_police(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports section 35 (formulation of government policy) cited in a police force's NCND response.

    Why it matters: s35 is available only to government departments and the Welsh Government; a police force cannot rely on it.

    What makes it a warning: the force may have another exemption for the same ground; the reviewer removes s35.

    Example: "Section 35(3) Formulation of Government Policy" in a letter from a constabulary.

    How to fix: Remove s35; if policy-making advice is the concern, consider s36(3) (with a qualified person's opinion) or the exemption that fits.
    """
    arg = ctx.analysis.argument
    cit = _first(arg, lambda c: law.section_of(c.id) == "35")
    if cit is None or not _is_police(ctx):
        return
    yield ctx.finding(
        f"{law.section_name(cit.id)} (Formulation of Government Policy) is cited by a police force",
        cit.block,
        evidence=cit.text,
        exemption=cit.id,
        suggestion="Remove s35: only government departments can rely on it.",
    )


def _is_police(ctx: "RuleContext") -> bool:
    configured = authorities.resolve(ctx.settings.authority) if ctx.settings.authority else None
    if configured is not None:
        return configured.kind == "police" or bool(_POLICE.search(configured.name))
    responder = ctx.analysis.responder
    return responder is not None and (responder.kind == "police" or bool(_POLICE.search(responder.name)))
