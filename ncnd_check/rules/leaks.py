"""Confirmation leaks (NCND6xx): sentences that say whether the information is held.

The classification lives in :mod:`ncnd_check.analysis.leaks` (a clause test
over a trained parse) and the Analysis says which blocks count
(``Analysis.leak_blocks``: the NCND part, less the requester's own words
quoted as the request); these rules turn its leaking sentences into findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ncnd_check.rules.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.findings import Finding
    from ncnd_check.rules.context import RuleContext

CATEGORY = "confirmation-leak"
_SUGGESTION = (
    "Remove the sentence, or rewrite it as a hypothetical about confirming or denying "
    "(\"to confirm or deny whether ... would ...\")."
)


def _report(ctx: "RuleContext", label: str, message: str) -> Iterator["Finding"]:
    for leak in ctx.analysis.leaks:
        if leak.verdict.label != label:
            continue
        yield ctx.finding(
            f"{message}: {leak.verdict.cue!r}" if leak.verdict.cue else message,
            leak.block,
            evidence=leak.text.strip(),
            suggestion=_SUGGESTION,
        )


@rule("NCND601", "confirms-held", CATEGORY, "error")
def confirms_held(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a sentence that says the requested information is held. In the
    NCND part of a response: "I can confirm that the force holds ...", "we use Office 365
    across the force", "we have located three documents", "searches found ...". A sentence
    is reported only when one of its clauses (read from a parse) is asserted, in the
    responder's voice, and about the requested information: hypotheticals ("to confirm or
    deny whether the force uses ... would ..."), conditions, quotations, questions, talk
    about confirming ("confirming that information exists would ..."), statements about
    other bodies or the public ("offenders are known to ..."), and general information
    ("the general statistics we publish") are not.

    What makes it an error: the clause test passed, so the sentence as written answers the
    s1(1)(a) question; a reviewer would not send the letter with it in.

    Why it matters: One sentence that confirms the information is held undoes the
    neither-confirm-nor-deny position, and with it the exemptions relied on (s1(1)(a)).

    Example: "Greater Manchester Police uses facial recognition software supplied by NEC."

    How to fix: Delete the sentence, or rewrite it as a hypothetical: "To confirm or deny
    whether the force uses facial recognition software would ...".
    """
    yield from _report(ctx, "held", "Sentence confirms that the information is held")


@rule("NCND602", "denies-held", CATEGORY, "error")
def denies_held(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a sentence that says the requested information is not held. In the
    NCND part of a response, not held, not used or does not exist: "no information is held",
    "there are no records of ...", "the force does not use Office 365", "enquiries failed to
    locate any records", "none has been received". A quotation of such a statement as an
    example ("stating 'no information is held'"), the no-inference disclaimer ("is or is
    not held") and a power or duty the body lacks ("the council has no power to publish
    ...") are not reported.

    What makes it an error: as for NCND601, the denial is asserted in the responder's voice
    about the requested information.

    Why it matters: Denying is as much an answer as confirming. NCND has to be applied
    consistently whether or not the information is held (ICO LTT64), or the pattern of
    responses reveals which is which.

    Example: "The force does not use Office 365."

    How to fix: Delete the sentence, or rewrite it as a hypothetical: "Stating that no
    information is held would ...".
    """
    yield from _report(ctx, "not-held", "Sentence denies that the information is held")


@rule("NCND603", "reveals-held", CATEGORY, "error")
def reveals_held(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a sentence that reveals indirectly that the information exists. In
    the NCND part of a response: it has been withheld or redacted, it is exempt from
    disclosure under a withholding subsection (24(1), 31(1), 40(2) ...), it is attached or
    enclosed, a table "shows" it, the authority will not provide "the figures", or a
    definite fact is stated about a named or owned part of the request ("the drone logs for
    the Fernbank Lane site show ...", "our contract with the supplier ends in 2027", "the
    matter you refer to was closed").

    What makes it an error: the clause is asserted and its subject is the requested thing
    itself, named as the request names it; a statement only about the topic in general
    ("the use of facial recognition is controversial") is not reported.

    Why it matters: Only information that exists can be withheld, redacted or exempt from
    disclosure, so these sentences confirm it is held as surely as saying so.

    Example: "The figures you requested are exempt under section 24(1)."

    How to fix: Cite the NCND subsection (24(2), 31(3) ...) and talk of the duty to confirm
    or deny: "The duty to confirm or deny does not apply by virtue of section 24(2)." Or say
    "the information, if held, would be exempt ...".
    """
    yield from _report(ctx, "indirect", "Sentence reveals that the information is held")
