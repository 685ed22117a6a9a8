"""Missing factors (NCND15x): a qualified exemption's public interest test lacks one side.

For each qualified exemption relied on, the draft must give the factors
favouring confirming or denying AND the factors against. A heading with no
factors under it counts as missing. Factor groups with no exemption of their
own (no per-exemption heading) count for every exemption cited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ncnd_check import law
from ncnd_check.rules.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.findings import Finding
    from ncnd_check.rules.context import RuleContext

CATEGORY = "missing-factor"

_SIDE = {
    "for": ("factors favouring confirming or denying", "Factors favouring confirming or denying that information is held"),
    "against": (
        "factors against confirming or denying",
        "Factors against confirming or denying (favouring neither confirming nor denying)",
    ),
}


def _missing(ctx: "RuleContext", direction: str) -> Iterator["Finding"]:
    arg = ctx.analysis.argument
    what, heading = _SIDE[direction]
    for exemption in arg.relied_on():
        if law.is_withholding_subsection(exemption) or not law.is_qualified(exemption, ctx.settings):
            continue
        if not arg.public_interest_for(exemption):
            continue  # NCND102 reports the whole public interest test missing
        groups = arg.groups_for(exemption, direction)
        if any(not g.is_empty for g in groups):
            continue
        label = law.label(exemption)
        if groups:
            block = groups[0].heading_block
            message = f"The {what} for {label} are empty: a heading with nothing under it"
        else:
            pit = arg.sections_for(exemption, "public-interest", "factors-for", "factors-against")
            block = next((s.heading_block for s in pit if s.heading_block is not None), arg.first_citation_block(exemption))
            message = f"No {what} for {label}"
        yield ctx.finding(
            message,
            block,
            evidence=arg.citation_text(exemption),
            exemption=exemption,
            suggestion=f"Add '{heading}' for {label}, with the factors that apply.",
        )


@rule("NCND151", "missing-factors-for", CATEGORY, "error")
def missing_factors_for(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a qualified exemption whose public interest test gives no factors favouring confirming or denying, or a "Factors favouring ..." heading with nothing under it.

    Why it matters: A public interest test weighs both sides (s2(1)(b)); with one side missing the ICO treats the test as not done, and the balance cannot be shown.

    What makes it an error: the exemption has a public interest part but no factor favouring confirming or denying anywhere (heading, lead-in, table, or a paragraph that argues transparency, accountability or public debate), or a factors heading is empty.

    Example: Under "Section 31(3) Law Enforcement" only "Factors against confirming or denying" follow.

    How to fix: Add "Factors favouring confirming or denying that information is held" for the exemption: accountability, public debate, the use of public funds, as they apply.
    """
    yield from _missing(ctx, "for")


@rule("NCND152", "missing-factors-against", CATEGORY, "error")
def missing_factors_against(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a qualified exemption whose public interest test gives no factors against confirming or denying, or a "Factors against ..." heading with nothing under it.

    Why it matters: Without factors against confirming or denying there is nothing for the public interest in maintaining the exclusion of the duty to confirm or deny to rest on, so an NCND conclusion is unsupported.

    What makes it an error: the exemption has a public interest part but nothing argues against confirming or denying (no factor, lead-in or harm weighed in the public interest), or a factors heading is empty.

    Example: "Factors against complying with Section 1(1)(a):" followed directly by "Balancing Test".

    How to fix: Add "Factors against confirming or denying" for the exemption: what confirming or denying would reveal and why that harms the interest the exemption protects.
    """
    yield from _missing(ctx, "against")
