"""NCND4xx: links in the draft (text, hyperlinks, field codes, headers and footers).

The registry of superseded addresses and https hosts is data
(reference_texts/links.toml); ncnd_check.links.registry folds and looks up. Links
matter in every kind of response, so these rules apply to all of them.
"""

from __future__ import annotations

from ncnd_check.links.registry import malformed_reason, registry, suggestion_for
from ncnd_check.rules.registry import rule


def _where(link) -> str:
    return "" if link.part == "body" else f" (in the {link.part})"


@rule("NCND401", "outdated-link", "outdated-link", severity="error", applies_to=None)
def outdated_link(ctx):
    """Flags a link to a moved, withdrawn or superseded document.

    What it does: Reports a link that the link registry lists as superseded.
    It compares every link (bare addresses in the text,
    hyperlinks, HYPERLINK field codes, links in headers and footers) with the
    link registry in the approved-wording library (links.toml), ignoring the
    scheme, `www.`, a trailing slash, the host's case, percent-encoding, a
    default port and the #fragment. Registry entries can cover one address,
    a whole path prefix or a pattern.

    Why it matters: A refusal notice that cites a retired policy or a dead
    guidance page undermines the reasoning it supports, and the requester
    cannot follow it.

    Example: `http://library.college.police.uk/docs/APP-Community-Security-Policy-2014.pdf`
    (the 2014 Community Security Policy, retired in 2021), or any page under
    `www.app.college.police.uk/app-content/`.

    How to fix: Link the replacement named in the suggestion; where it is
    marked "not verified", check it first. `ncnd-check check --fix` writes a
    corrected copy.
    """
    reg = registry(ctx.library)
    for link, block in ctx.analysis.links:
        hit = reg.superseded(link.target)
        if hit is None:
            continue
        title = getattr(hit.entry, "title", None) or "a superseded address"
        yield ctx.finding(
            f"Link to a superseded document: {title}{_where(link)}",
            block,
            evidence=link.target,
            suggestion=suggestion_for(hit),
        )


@rule("NCND402", "insecure-link", "insecure-link", severity="warning", applies_to=None)
def insecure_link(ctx):
    """Flags an http:// link to a site that serves https.

    What it does: Reports an http:// link to a host known to serve https.
    That is, links that start with `http://` when the host is
    in the library's list of hosts known to serve https (links.toml,
    `[https] hosts`; `*.police.uk` covers every force's site).

    Why it matters: A plain-http link can be altered in transit, and
    browsers warn about it; official guidance should be linked securely.

    Example: `http://library.college.police.uk/docs/...` where
    `https://library.college.police.uk/docs/...` serves.

    A link the registry lists as superseded is left to NCND401, whose
    replacement is already https: telling the drafter to make a withdrawn
    document's address secure would only be noise.

    How to fix: Change `http://` to `https://` (the suggestion), or run
    `ncnd-check check --fix`.
    """
    reg = registry(ctx.library)
    for link, block in ctx.analysis.links:
        if reg.superseded(link.target):
            continue
        secure = reg.insecure(link.target)
        if secure:
            yield ctx.finding(
                f"Insecure link: http:// to a host that serves https{_where(link)}",
                block,
                evidence=link.target,
                suggestion=f"Use {secure}",
            )


@rule("NCND403", "malformed-link", "outdated-link", severity="warning", applies_to=None)
def malformed_link(ctx):
    """Flags a link that cannot work as written.

    What it does: Reports a web link that cannot work as written.
    That is, web links with a misspelt or incomplete scheme
    (`htp://`, `http//`, `https:/`), a space inside, no host, a host with
    characters a host cannot have, no domain, or a port that is not a number.
    Relative links, anchors, `mailto:` and `tel:` are left alone.

    Why it matters: The requester cannot follow a broken link, and a notice
    whose references do not resolve looks careless.

    Example: `htp://www.legislation.gov.uk/ukpga/2000/36/section/24`

    How to fix: Correct the address (the message says what is wrong) and
    open it once to check it.
    """
    for link, block in ctx.analysis.links:
        reason = malformed_reason(link.target)
        if reason:
            yield ctx.finding(
                f"Malformed link: {reason}{_where(link)}",
                block,
                evidence=link.target,
            )


@rule("NCND404", "dead-link", "outdated-link", severity="error", applies_to=None)
def dead_link(ctx):
    """Flags a link that answers 404 Not Found or 410 Gone (only with --check-links-online).

    What it does: Reports a link that answers 404 or 410 (online check only).
    With `--check-links-online`, it fetches each web link once
    (HEAD, then GET if HEAD is refused), following redirects, with a timeout,
    a small number of parallel requests and an on-disk cache, and reports
    the links whose final answer is 404 or 410.

    Why it matters: A dead link in a refusal notice leaves the requester
    without the guidance or law the notice relies on.

    Example: `https://www.example.police.uk/old-policy.pdf` answers 404.

    How to fix: Find the document's current address (the registry in
    links.toml may already know it) and link that instead.
    """
    if not ctx.settings.check_links_online:
        return
    results = ctx.analysis.online_links
    for link, block in ctx.analysis.links:
        r = results.get(link.target)
        if r is not None and r.status in (404, 410):
            yield ctx.finding(
                f"Dead link: the server answers {r.status} {'Not Found' if r.status == 404 else 'Gone'}{_where(link)}",
                block,
                evidence=" -> ".join([link.target, *r.redirects]) if r.redirects else link.target,
            )


@rule("NCND405", "redirected-link", "outdated-link", severity="warning", applies_to=None)
def redirected_link(ctx):
    """Flags a link that redirects to a different document (only with --check-links-online).

    What it does: Reports a link that redirects elsewhere (online check only).
    With `--check-links-online`, it reports links that redirect
    to another document: a different host, or a different path (not just
    http to https, `www.`, or a trailing slash). Every hop is recorded in the
    evidence.

    Why it matters: A page that now redirects has usually moved or been
    replaced; the notice should cite what the requester will actually read.

    Example: `https://www.app.college.police.uk/app-content/information-management/`
    redirecting to the new APP site.

    How to fix: Link the final address (the suggestion) after checking that
    it still says what the notice relies on.
    """
    if not ctx.settings.check_links_online:
        return
    results = ctx.analysis.online_links
    for link, block in ctx.analysis.links:
        r = results.get(link.target)
        if r is not None and r.moved and r.status not in (404, 410):
            yield ctx.finding(
                f"Link redirects to a different document{_where(link)}",
                block,
                evidence=" -> ".join([link.target, *r.redirects]),
                suggestion=f"Link the final address: {r.final_url}",
            )
