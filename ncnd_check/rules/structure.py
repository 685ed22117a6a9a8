"""Missing sections (NCND1xx): parts an NCND response needs that the draft lacks.

Harm for a prejudice-based exemption, public-interest considerations for a
qualified one, the balancing test, the closing no-inference statement, and
the level of prejudice ("would" / "would be likely to").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ncnd_check import law
from ncnd_check.rules.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.findings import Finding
    from ncnd_check.rules.context import RuleContext

CATEGORY = "missing-section"
_LEVEL = re.compile(r"\bwould\b|\blikely\b", re.I)


def _harm_expected(exemption: str) -> bool:
    try:
        return law.needs_harm(exemption) and not law.is_absolute(exemption)
    except KeyError:
        return False


def _ncnd_limbs(arg) -> list[str]:
    """Exemptions relied on for the NCND: NCND subsections and bare sections, not withholding limbs."""
    return [e for e in arg.relied_on() if not law.is_withholding_subsection(e)]


@rule("NCND101", "missing-harm", CATEGORY, "error")
def missing_harm(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a prejudice-based exemption (s31(3), s38(2), s43(3), s24(2) ...) that the draft relies on with no harm argument for it: no harm section under any heading ("Evidence of Harm", "Harm in complying with S1(1)(a)" ...), no unheaded paragraph that argues harm, and no harm weighed in its factors against.

    Why it matters: The ICO expects a causal link between confirming or denying and the prejudice (DOMAIN.md 5.8); a refusal that does not say why the exemption applies fails s17(1)(c).

    What makes it an error: no harm text at all for a prejudice-based exemption relied on (under any heading, in unheaded paragraphs, or inside the factors against), or a harm heading with nothing under it: the refusal gives no reason for the exemption, and a reviewer would stop it.

    Example: A draft citing Section 31(3) Law Enforcement that goes straight from the exemptions list to the public interest test.

    How to fix: Add a "Harm in confirming or denying that information is held" section for the exemption: what confirming or denying would reveal, and how that would prejudice the interests it protects.
    """
    arg = ctx.analysis.argument
    all_harm = arg.part.sections_named("harm")
    for exemption in _ncnd_limbs(arg):
        if not _harm_expected(exemption) or arg.harm_for(exemption):
            continue
        label = law.label(exemption)
        covering = arg.sections_for(exemption, "harm")
        if covering:
            section = covering[0]
            block = section.first_block
            message = f"The harm section for {label} has a heading but no text under it"
        elif all_harm:
            others = ", ".join(sorted({s.exemption for s in all_harm if s.exemption}))
            block = arg.first_citation_block(exemption)
            message = f"No harm explanation for {label}: harm is argued only for {others}"
        else:
            block = arg.first_citation_block(exemption)
            message = f"No harm explanation for {label}, a prejudice-based exemption"
        yield ctx.finding(
            message,
            block,
            evidence=arg.citation_text(exemption),
            exemption=exemption,
            suggestion=f"Add a 'Harm in confirming or denying that information is held' section for {label}: "
            "how confirming or denying would cause the prejudice.",
        )


@rule("NCND102", "missing-public-interest", CATEGORY, "error")
def missing_public_interest(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a qualified exemption relied on with no public-interest considerations for it at all: no public interest part and no factor either way, under any heading, inline ("In favour of confirming or denying, there is ...") or in unheaded paragraphs. A balancing verdict alone is not a public interest test.

    Why it matters: For a qualified exemption the duty to confirm or deny is excluded only where the public interest in maintaining the exclusion outweighs the public interest in confirming or denying (s2(1)(b)); s17(3) requires the reasons.

    What makes it an error: no factor on either side and no public interest part for a qualified exemption; a balancing sentence alone is not a public interest test. A reviewer would stop the letter.

    Example: A draft relying on Section 24(2) National Security that gives a harm section and then signs off.

    How to fix: Add a "Public Interest Considerations" section for the exemption with factors favouring confirming or denying, factors against, and a balancing test.
    """
    arg = ctx.analysis.argument
    for exemption in _ncnd_limbs(arg):
        if not law.is_qualified(exemption, ctx.settings) or arg.public_interest_for(exemption):
            continue
        label = law.label(exemption)
        yield ctx.finding(
            f"No public interest considerations for {label}, a qualified exemption",
            arg.first_citation_block(exemption),
            evidence=arg.citation_text(exemption),
            exemption=exemption,
            suggestion=f"Add a public interest test for {label}: factors favouring confirming or denying, "
            "factors against, and the balance.",
        )


@rule("NCND103", "missing-balancing-test", CATEGORY, "error")
def missing_balancing_test(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a draft relying on a qualified exemption that has no balancing test: no "Balancing Test" section and no sentence weighing the public interest to a conclusion.

    Why it matters: Listing factors is not a public interest test; s17(3) requires the authority's reasons for concluding that the public interest in maintaining the exclusion of the duty to confirm or deny outweighs the public interest in confirming or denying.

    What makes it an error: the factors stop and the letter never weighs them to a verdict, in any section or numbered paragraph.

    Example: Factors favouring and factors against confirming or denying, followed directly by the complaint rights.

    How to fix: Add a "Balancing Test" section that weighs the factors and concludes that the balance favours neither confirming nor denying.
    """
    arg = ctx.analysis.argument
    qualified = [e for e in _ncnd_limbs(arg) if law.is_qualified(e, ctx.settings)]
    if not qualified:
        return
    if arg.part.sections_named("balancing-test", "conclusion") or arg.part.conclusions:
        return
    names = ", ".join(law.label(e) for e in qualified)
    pit = arg.part.sections_named("public-interest", "factors-for", "factors-against")
    block = pit[-1].heading_block if pit and pit[-1].heading_block is not None else arg.last_block()
    yield ctx.finding(
        f"No balancing test for {names}",
        block,
        exemption=qualified[0] if len(qualified) == 1 else None,
        suggestion="Add a 'Balancing Test' section weighing the factors and concluding that the balance "
        "favours neither confirming nor denying that information is held.",
    )


@rule("NCND104", "missing-no-inference", CATEGORY, "warning")
def missing_no_inference(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports an NCND response without the closing statement that nothing may be inferred about whether information is held.

    Why it matters: NCND must be applied consistently whether or not information is held (LTT64); the closing disclaimer tells the requester that the response is no evidence either way (DOMAIN.md 3.1 item 10, 3.2).

    What makes it a warning: the statement is good practice (DOMAIN.md 3.1 item 10), not a statutory requirement, and may be written in many ways; it is looked for in any wording ("nothing should be read into this reply ...").

    Example: A draft whose balancing test concludes for NCND and then ends.

    How to fix: End the NCND part with a sentence such as "This response should not be taken as conclusive evidence that the information you have requested exists or does not exist."
    """
    arg = ctx.analysis.argument
    if not arg.part.blocks or arg.part.sections_named("no-inference"):
        return
    yield ctx.finding(
        "No statement that the response should not be taken as an indication that information is or is not held",
        arg.last_block(),
        suggestion="Add: 'This response should not be taken as conclusive evidence that the information "
        "you have requested exists or does not exist.'",
    )


@rule("NCND105", "prejudice-level-unstated", CATEGORY, "warning")
def prejudice_level_unstated(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a harm section for a prejudice-based exemption that never says whether confirming or denying "would" or "would be likely to" cause the prejudice.

    Why it matters: ICO line to take LTT13: where the authority does not say which level of likelihood it relies on, the ICO applies the lower threshold ("would be likely to") unless there is clear evidence for the higher one.

    What makes it a warning: the ICO then applies the lower threshold; the refusal still stands.

    Example: "Confirming or denying may have an impact on law enforcement."

    How to fix: State the level: "confirming or denying would prejudice ..." (more probable than not) or "would be likely to prejudice ..." (a real and significant risk).
    """
    arg = ctx.analysis.argument
    blocks = ctx.document.blocks
    reported: set[int] = set()
    for exemption in _ncnd_limbs(arg):
        if not law.is_prejudice_based(exemption):
            continue
        # The level may be stated anywhere in the exemption's harm argument, not in each of its paragraphs.
        sections = arg.harm_for(exemption)
        if not sections:
            continue
        section = sections[0]
        key = section.heading_block if section.heading_block is not None else section.blocks[0]
        text = " ".join(blocks[b].text for s in sections for b in s.all_blocks)
        if key in reported or _LEVEL.search(text):
            continue
        reported.add(key)
        yield ctx.finding(
            f"The harm argument for {law.label(exemption)} does not say whether confirming or denying "
            "'would' or 'would be likely to' cause the prejudice",
            key,
            exemption=exemption,
            suggestion="Say 'would prejudice' or 'would be likely to prejudice' and why.",
        )
