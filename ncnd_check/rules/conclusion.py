"""Inconsistent conclusions (NCND5xx): the balancing test's verdict does not fit an NCND response.

No conclusion; a conclusion for confirming or disclosure; a conclusion on the
s1(1)(b) disclosure test ("favours non-disclosure", "maintaining the
exemption") instead of s1(1)(a); conclusions that differ; an NCND conclusion
with no factor against confirming or denying to rest on.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ncnd_check import law
from ncnd_check.analysis.argument import covers
from ncnd_check.rules.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.analysis.model import Conclusion
    from ncnd_check.findings import Finding
    from ncnd_check.rules.context import RuleContext

CATEGORY = "inconsistent-conclusion"
_NCND_WORDING = "the balance favours neither confirming nor denying that information is held"


def _where(c: "Conclusion") -> str:
    return " for " + law.section_name(c.exemption) if c.exemption else ""


def _quote(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@rule("NCND501", "no-conclusion", CATEGORY, "error")
def no_conclusion(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a balancing test for a qualified exemption that never concludes which way the balance falls, concludes only in words that say neither way, or (where the draft concludes exemption by exemption) leaves one qualified exemption without a conclusion.

    Why it matters: s17(3) requires the reasons for the public interest conclusion; a balancing section that lists considerations but states no verdict leaves the NCND unexplained.

    What makes it an error: a public interest test that never states its verdict (or leaves a qualified exemption without one where the letter concludes per exemption).

    Example: A "Balancing Test" section that restates the factors and stops.

    How to fix: End the balancing test with the verdict: "the balance favours neither confirming nor denying that information is held".
    """
    arg = ctx.analysis.argument
    qualified = [e for e in arg.relied_on() if not law.is_withholding_subsection(e) and law.is_qualified(e, ctx.settings)]
    if not qualified:
        return
    balancing = arg.part.sections_named("balancing-test", "conclusion")
    verdicts = [c for c in arg.part.conclusions if c.verdict != "unclear"]
    if verdicts:
        yield from _exemptions_left_unconcluded(ctx, arg, qualified, verdicts)
        return
    if not balancing:
        return  # NCND103 reports the missing balancing test
    unclear = [c for c in arg.part.conclusions if c.verdict == "unclear"]
    if unclear:
        block, message, evidence = unclear[0].block, "The balancing conclusion does not say which way the balance falls", _quote(unclear[0].text)
    else:
        section = balancing[0]
        block = section.first_block
        message, evidence = "The balancing test reaches no conclusion", None
    yield ctx.finding(message, block, evidence=evidence, suggestion=f"Conclude: '{_NCND_WORDING}'.")


def _exemptions_left_unconcluded(ctx, arg, qualified, verdicts) -> Iterator["Finding"]:
    """Where the draft concludes exemption by exemption, each qualified one needs its conclusion."""
    if any(c.exemption is None for c in verdicts):
        return  # a conclusion for the whole response covers every exemption
    for exemption in qualified:
        if any(covers(c.exemption, exemption) for c in verdicts):
            continue
        parts = [s for s in arg.sections_for(exemption, "balancing-test", "conclusion") if s.exemption is not None]
        parts = parts or arg.sections_for(exemption, "factors-against", "factors-for", "public-interest")
        block = next((s.heading_block for s in parts if s.heading_block is not None), arg.first_citation_block(exemption))
        yield ctx.finding(
            f"The draft concludes the balance for each exemption, but not for {law.section_name(exemption)}",
            block,
            exemption=exemption,
            suggestion=f"Conclude for {law.section_name(exemption)} too: '{_NCND_WORDING}'.",
        )


def _wrong_way(ctx: "RuleContext", verdict: str) -> Iterator["Finding"]:
    arg = ctx.analysis.argument
    conclusions = arg.part.conclusions
    if any(c.verdict == "ncnd" for c in conclusions):
        return  # mixed verdicts: NCND504
    for c in conclusions:
        if c.verdict != verdict:
            continue
        if verdict == "confirm":
            message = f"The balancing conclusion{_where(c)} favours confirming or disclosure, but the response neither confirms nor denies"
        else:
            message = (
                f"The balancing conclusion{_where(c)} answers the s1(1)(b) disclosure test (non-disclosure, "
                "maintaining the exemption), not the s1(1)(a) duty to confirm or deny"
            )
        yield ctx.finding(
            message,
            c.block,
            evidence=_quote(c.text),
            exemption=c.exemption,
            suggestion=f"Weigh confirming or denying against maintaining the exclusion of the duty to confirm or deny, and conclude: '{_NCND_WORDING}'.",
        )


@rule("NCND502", "conclusion-favours-confirming", CATEGORY, "error")
def conclusion_favours_confirming(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a balancing conclusion that favours confirming or denying, or disclosure, in a response that neither confirms nor denies.

    Why it matters: Under s2(1)(b) the duty to confirm or deny is excluded only where the balance favours maintaining the exclusion; a conclusion the other way contradicts the NCND and defeats the refusal.

    What makes it an error: the letter's own verdict defeats its NCND, whatever position it then says it keeps ("..., although on this occasion we will maintain our position").

    Example: "The public interest in confirming whether information is held outweighs the harm."

    How to fix: Check the argument. If the balance really favours confirming, answer the request; otherwise correct the conclusion to favour neither confirming nor denying.
    """
    yield from _wrong_way(ctx, "confirm")


@rule("NCND503", "disclosure-test-conclusion", CATEGORY, "error")
def disclosure_test_conclusion(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a balancing conclusion on the s1(1)(b) disclosure test ("the balance favours non-disclosure of the information", "in favour of maintaining the exemption") in an NCND response.

    Why it matters: The NCND public interest test (s2(1)(b)) is about confirming or denying whether information is held, not about disclosing it (s2(2)(b)); the ICO requires it to be done separately. A disclosure conclusion also implies that information exists.

    What makes it an error: the verdict answers a question the NCND letter does not ask, and implies the information exists.

    Example: "The balance favours non-disclosure of the information requested."

    How to fix: Conclude on the duty to confirm or deny: "the balance favours neither confirming nor denying that information is held".
    """
    yield from _wrong_way(ctx, "disclosure-test")


@rule("NCND504", "conclusions-differ", CATEGORY, "error")
def conclusions_differ(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports an NCND response whose balancing conclusions disagree: one favours neither confirming nor denying, another favours confirming, disclosure or non-disclosure (per exemption or in one letter).

    Why it matters: Each exemption must come down on the side of NCND for the response to neither confirm nor deny; a conclusion the other way for one exemption undoes the NCND for all.

    What makes it an error: two verdicts of the same letter contradict each other; the NCND cannot stand on both.

    Example: Section 24(2): "the balance favours neither confirming nor denying"; Section 31(3): "the balance favours disclosure".

    How to fix: Make every conclusion favour neither confirming nor denying, or drop the exemption whose balance falls the other way (and answer for it).
    """
    arg = ctx.analysis.argument
    conclusions = arg.part.conclusions
    ncnd = [c for c in conclusions if c.verdict == "ncnd"]
    other = [c for c in conclusions if c.verdict in ("confirm", "disclosure-test")]
    if not ncnd or not other:
        return
    first = ncnd[0]
    for c in other:
        way = "confirming or disclosure" if c.verdict == "confirm" else "non-disclosure (the s1(1)(b) test)"
        yield ctx.finding(
            f"The conclusion{_where(c)} favours {way}, but the conclusion{_where(first)} favours neither confirming nor denying",
            c.block,
            evidence=_quote(c.text),
            exemption=c.exemption,
            suggestion=f"Make the conclusions agree: '{_NCND_WORDING}'.",
        )


@rule("NCND505", "conclusion-without-factors-against", CATEGORY, "warning")
def conclusion_without_factors_against(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a conclusion favouring neither confirming nor denying when the draft gives no factor against confirming or denying for that exemption.

    Why it matters: The balance can only favour maintaining the exclusion of the duty to confirm or deny if something weighs on that side; a verdict with nothing to rest on will not survive an internal review or an ICO complaint.

    What makes it a warning: the factors against may be argued in words the checker does not read as such; the reviewer checks the balance has something to rest on.

    Example: Factors favouring confirmation are listed, there are no factors against, and the balancing test still concludes for NCND.

    How to fix: Give the factors against confirming or denying (the harm in confirming or denying, the mosaic effect, consistency across forces) before the conclusion.
    """
    arg = ctx.analysis.argument
    qualified = [e for e in arg.relied_on() if not law.is_withholding_subsection(e) and law.is_qualified(e, ctx.settings)]
    if not qualified:
        return  # no public interest test is needed at all (NCND205 reports one given)
    if not any(arg.public_interest_for(e) for e in qualified):
        return  # no public interest test at all: NCND102 says so
    reported: set[str | None] = set()
    for c in arg.part.conclusions:
        if c.verdict != "ncnd" or c.exemption in reported:
            continue
        if c.exemption is not None and not any(covers(c.exemption, e) for e in qualified):
            continue
        against = [g for g in arg.part.factors if g.direction == "against" and not g.is_empty]
        if c.exemption is not None:
            against = [g for g in against if covers(g.exemption, c.exemption)]
        if against:
            continue
        reported.add(c.exemption)
        yield ctx.finding(
            f"The conclusion{_where(c)} favours neither confirming nor denying, but no factor against confirming or denying is given",
            c.block,
            evidence=_quote(c.text),
            exemption=c.exemption,
            suggestion="Set out the factors against confirming or denying before concluding.",
        )


_CONFIRM_WORDS = re.compile(
    r"\bconfirm\w*|\bden(?:y|ies|ying|ial)\b|\bncnd\b|\bneither\b|1\s*\(1\)\s*\(a\)|\bheld\b|\bholds?\b|\bexist\w*"
)
_DISCLOSE_WORDS = re.compile(r"\bdisclos\w*|\breleas\w*")
_PIT_SECTIONS = ("public-interest", "factors-for", "factors-against", "balancing-test", "conclusion")


@rule("NCND506", "disclosure-public-interest-test", CATEGORY, "warning")
def disclosure_public_interest_test(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports an NCND response whose public interest test speaks only of disclosing or releasing the information, and never of confirming or denying whether it is held.

    Why it matters: The NCND public interest test (s2(1)(b)) weighs confirming or denying against maintaining the exclusion of that duty; a disclosure test (s2(2)(b)) pasted from a withholding letter answers a different question and presumes the information exists.

    What makes it a warning: Northumbria-style "Factors favouring disclosure" headings are tolerated where the body speaks of confirming or denying (DOMAIN.md 3.3); only a test that never does is reported.

    Example: "Factors favouring disclosure: disclosure would show how money is spent. Factors favouring non-disclosure: releasing the information would ..." in a response that neither confirms nor denies.

    How to fix: Rewrite the factors and the balance in terms of confirming or denying whether the information is held.
    """
    arg = ctx.analysis.argument
    if not any(law.is_qualified(e, ctx.settings) for e in arg.relied_on() if not law.is_withholding_subsection(e)):
        return
    if any(c.verdict == "disclosure-test" for c in arg.part.conclusions):
        return  # NCND503 already reports the disclosure-test conclusion
    sections = arg.part.sections_named(*_PIT_SECTIONS)
    if not sections:
        return
    blocks = ctx.document.blocks
    closing = {b for s in arg.part.sections_named("no-inference") for b in s.blocks}
    indices = sorted({b for s in sections for b in s.all_blocks if b in arg.part.blocks and b not in closing})
    text = " ".join(blocks[b].norm.lower() for b in indices)
    if _CONFIRM_WORDS.search(text) or len(_DISCLOSE_WORDS.findall(text)) < 2:
        return
    first = sections[0]
    block = first.first_block
    yield ctx.finding(
        "The public interest test speaks only of disclosing the information, never of confirming or denying whether it is held",
        block,
        suggestion="Weigh the public interest in confirming or denying whether information is held against "
        "maintaining the exclusion of the duty to confirm or deny.",
    )
