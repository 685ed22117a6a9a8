"""NCND3xx: the draft against the approved-wording library.

The alignment (ncnd_check.wording.matching) is a part of the draft's Analysis, built
once when one of these rules first asks for it; rapidfuzz is imported only then.
"""

from __future__ import annotations

from ncnd_check.rules.registry import rule
from ncnd_check.wording.matching import (
    cited_exemptions,
    missing_paragraphs,
    redline_text,
    similarity,
    suggestion_text,
)
from ncnd_check.wording.ownership import learn_hint


def default_fillers(ctx, alignment) -> dict[str, str]:
    """Values for placeholders in suggestions: what the draft uses, else the settings."""
    values: dict[str, str] = {}
    if ctx.settings.authority:
        values["authority"] = ctx.settings.authority
    subject = ctx.analysis.subject
    if subject:
        values["subject"] = subject
    values.update(alignment.fillers)
    if "authority" not in values:
        # No setting and no placeholder matched: the body the draft presents as responding.
        responder = ctx.analysis.responder
        if responder is not None:
            values["authority"] = responder.name
    return values


#: Roles whose *presence* the structure rules judge (NCND104 the no-inference
#: closing, NCND501 the balancing conclusion): any wording that does the job
#: counts there, so a house style's own closing is not "missing" here too.
PRESENCE_JUDGED_ELSEWHERE = frozenset({"closing", "conclusion"})

#: Roles that carry the argument; a draft that aligns with none of the
#: library's argument paragraphs was not drafted from this library.
ARGUMENT_ROLES = frozenset({"harm", "factor-for", "factor-against", "balancing", "conclusion"})


def follows_library(alignment) -> bool:
    """True when at least one argument paragraph of the draft aligns with the library.

    A draft written in another house style shares no argument wording with
    the library; listing every approved paragraph as missing would bury the
    real findings, so NCND302 stays quiet for it (NCND1xx still checks that
    the argument is there).
    """
    return any(p.role in ARGUMENT_ROLES for a in alignment.alignments for p in a.paragraphs)


#: The canonical section a paragraph of each role belongs in.
ROLE_SECTIONS = {
    "harm": ("harm",),
    "factor-for": ("factors-for", "public-interest"),
    "factor-against": ("factors-against", "public-interest"),
    "balancing": ("balancing-test", "conclusion"),
    "conclusion": ("conclusion", "balancing-test"),
    "closing": ("no-inference",),
}


def where_it_belongs(analysis, paragraph) -> int | None:
    """The heading block of the section a missing paragraph belongs in (its exemption's, if known), else None."""
    names = ROLE_SECTIONS.get(paragraph.role, ())
    sections = [s for s in analysis.sections if s.name in names and s.heading_block is not None]
    if not sections:
        return None
    own = [s for s in sections if s.exemption == paragraph.exemption]
    return (own or sections)[0].heading_block


@rule("NCND301", "wording-deviation", "wording-deviation", severity="warning", applies_to=None)
def wording_deviation(ctx):
    """Flags a paragraph that is close to approved wording but altered.

    What it does: Reports a paragraph close to approved wording but altered.
    It aligns each paragraph of the draft with the approved
    paragraph it most resembles (among the shared paragraphs and those of the
    exemptions the draft cites), allowing for the force's name and the
    request's subject where the approved text has a placeholder, for quotes,
    dashes, spacing and list numbering, and for one approved paragraph
    written as two (or two as one). A paragraph whose similarity is at least
    `wording_threshold` but below `wording_accept` is reported with a
    word-level redline: `[-approved words-]{+draft words+}`.

    Why it matters: Approved wording has been checked by the FOI team and,
    often, tested before the ICO. A drifted sentence can weaken the harm
    argument, change the public interest test to the wrong one, or hint that
    information is held.

    Example: The approved balancing text says "what will be the greater
    good, if confirmed or denied, to the community as a whole"; the draft
    says "if released" (the disclosure test, not the NCND test).

    How to fix: Use the approved text (the suggestion, with the force's name
    and the subject filled in), or have the FOI team approve the new wording
    and add it to the library (`ncnd-check refs validate` checks the library).
    """
    if ctx.analysis.foreign_library:
        return  # NCND303 says why, once
    alignment = ctx.analysis.alignment
    accept = ctx.settings.wording_accept
    defaults = None
    for a in alignment.alignments:
        if a.score >= accept or not a.changed:
            continue
        if defaults is None:
            defaults = default_fillers(ctx, alignment)
        first = a.paragraphs[0]
        shape = {"split": " (written as two paragraphs)", "merged": " (two approved paragraphs merged)"}.get(a.kind, "")
        yield ctx.finding(
            f"Paragraph differs from approved wording {a.ids}{shape} ({similarity(a.score)} similar)",
            a.first_block,
            evidence=redline_text(a.redline),
            suggestion=suggestion_text(a, defaults),
            exemption=None if first.is_shared else first.exemption,
            redline=list(a.redline),
        )


@rule("NCND302", "missing-approved-text", "missing-approved-text", severity="warning")
def missing_approved_text(ctx):
    """Flags a required approved paragraph that the draft does not contain.

    What it does: Reports a required approved paragraph that is missing.
    For each exemption the draft cites, and for the shared
    parts of every NCND response, lists the library paragraphs marked
    `required = true`. A required paragraph is present when some paragraph of
    the draft aligns with it (even with changes, which NCND301 reports).
    Paragraphs that share a `one_of` group are alternatives: any one of
    them will do. The no-inference closing and the balancing conclusion
    are left to NCND104 and NCND501, which accept any wording that does the
    job; and a draft that shares no argument paragraph with the library
    (another house style) is not reported paragraph by paragraph.

    Why it matters: The approved wording for an exemption carries the parts
    the ICO expects: the harm or endangerment argument, the factors on both
    sides, the balancing conclusion, the no-inference closing. Leaving one
    out is how refusals fail on review.

    Example: A draft cites section 30(3) but has no paragraph like the
    approved factor against confirming or denying ("Confirming or denying
    whether information is held would reveal whether an investigation has
    been, or is being, conducted...").

    How to fix: Add the approved paragraph (the suggestion), adapted with the
    force's name and the subject, in the section where it belongs.
    """
    if ctx.analysis.foreign_library:
        return  # NCND303 says why, once
    alignment = ctx.analysis.alignment
    if not follows_library(alignment):
        return
    defaults = default_fillers(ctx, alignment)
    missing = missing_paragraphs(ctx.library, alignment.matched_ids(), cited_exemptions(ctx.analysis))
    for p, others in missing:
        if p.role in PRESENCE_JUDGED_ELSEWHERE:
            continue
        alternatives = f" (or {', '.join(q.id for q in others)})" if others else ""
        whose = "every NCND response" if p.is_shared else p.exemption
        yield ctx.finding(
            f"Approved {p.role} paragraph {p.id}{alternatives} required for {whose} is missing",
            where_it_belongs(ctx.analysis, p),
            suggestion=p.filled(defaults),
            exemption=None if p.is_shared else p.exemption,
        )


@rule("NCND303", "no-own-library", "wording-deviation", severity="info")
def no_own_library(ctx):
    """Notes that the draft's authority has no approved-wording library of its own configured.

    What it does: Notes, once per draft, that the draft's authority has no
    library of its own configured. When no `reference-dir` is
    configured, the bundled library is used, and it records (in
    `library.toml`) whose wording it is. A draft from another authority
    (`--authority`, else the body the draft presents as responding) would
    be measured against that authority's templates, so NCND301 and NCND302
    stay quiet for it and this note says why.

    Why it matters: Another force's approved wording is not yours: a correct
    letter would be told that its own complaint-rights paragraph "differs from
    approved wording", and that its own NCND statement is missing.

    Example: A Kent Police draft checked with no settings file: the bundled
    library is West Midlands Police's wording.

    How to fix: Learn your own library from your templates or sent letters
    (`ncnd-check refs learn LETTERS/ --output reference_texts`) and set
    `reference-dir` to it in `ncnd-check.toml` or `[tool.ncnd-check]`.
    """
    mismatch = ctx.analysis.foreign_library
    if mismatch is None:
        return
    yield ctx.finding(
        f"No approved-wording library of {mismatch.draft_authority}'s own is configured: the default library "
        f"is {mismatch.library_authority}'s wording, so wording is not compared (NCND301, NCND302)",
        None,
        suggestion=learn_hint(mismatch.draft_authority),
    )
