"""Template residue (NCND7xx): what a template or an earlier letter left behind.

Placeholders nobody filled in, another force's name as the responding body,
and harm text argued about a different subject from the request. In
``--mode template`` the library's own placeholders are expected, so the
checks turn to unknown or misspelt placeholders, unbalanced ones, and real
force names where ``{authority}`` belongs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Iterator

from ncnd_check.analysis.authorities import named_in_passing, resolve, same_authority
from ncnd_check.analysis.content import generic_words
from ncnd_check.analysis.placeholders import find_placeholders, looks_like_placeholder
from ncnd_check.analysis.subject import content_terms, is_placeholder_only, shares_topic
from ncnd_check.rules.registry import rule
from ncnd_check.wording.library import PLACEHOLDERS

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.findings import Finding
    from ncnd_check.rules.context import RuleContext

CATEGORY = "template-residue"

#: Sections whose text argues the case (where a subject mismatch matters).
ARGUMENT_SECTIONS = ("harm", "public-interest", "factors-for", "factors-against", "balancing-test")


#: Accepted in every template, whatever the library declares.
BASIC_PLACEHOLDERS = frozenset({"authority", "subject", "date", "reference", "requester"})


def known_placeholder_names(library) -> set[str]:
    """The placeholders a template may use: those the library format defines
    (``ncnd_check.wording.library.PLACEHOLDERS``) and every one its paragraphs use."""
    declared = set(PLACEHOLDERS) | {name for p in library.paragraphs for name in p.placeholders}
    return {n.lower() for n in declared} | BASIC_PLACEHOLDERS


def _nearest(name: str, known: Iterable[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(name.lower(), sorted(known), n=1, cutoff=0.6)
    return match[0] if match else None


def _placeholders(ctx: "RuleContext", extras: bool = False) -> Iterator[tuple[int | None, tuple]]:
    """The placeholders of each body block (from its facts); with ``extras``, of headers, footers
    and notes too (index None)."""
    for index, _ in _block_texts(ctx):
        yield index, ctx.analysis.facts[index].placeholders
    if extras:
        for block in ctx.document.extras:
            if block.part != "comment" and block.text.strip():
                yield None, tuple(find_placeholders(block.text))


def _block_texts(ctx: "RuleContext") -> Iterator[tuple[int, str]]:
    """Body blocks (index, text as written) that hold any text."""
    for block in ctx.document.blocks:
        if block.text.strip():
            yield block.index, block.text


_FORM_LABEL = {
    "brace": "library placeholder",
    "double-brace": "template field",
    "merge-field": "mail-merge field",
    "bracket": "bracketed placeholder",
    "mask": "XXXX mask",
    "date-mask": "date mask",
    "tbc": "to-be-confirmed marker",
    "stock": "stock filler text",
}


# --- Rules ----------------------------------------------------------------------


@rule("NCND701", "placeholder-left", CATEGORY, "error", applies_to=None)
def placeholder_left(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports placeholders left in a letter. `[INSERT ...]`, `[Force name]`,
    `XXXX`, `<<...>>`, `{{...}}`, `{authority}`-style library placeholders, `dd/mm/yyyy`,
    `TBC`, and in a DOCX the text of an empty content control or a highlighted run that
    reads as filler.

    Why it matters: A response sent with "[Force name]" or "FOI/XXXX" in it tells the
    requester it was pasted from a template without review, and may leave out facts the
    letter must state (the date, the reference, the authority).

    What makes it an error: a placeholder in a draft goes to the requester as written.

    Example: "Thank you for your request dated dd/mm/yyyy, reference FOI/XXXX."

    How to fix: Replace each placeholder with the real value, or delete it. In a template
    repository, run with `--mode template` so the library's own placeholders are expected.
    """
    if ctx.settings.mode == "template":
        return
    seen: set[tuple[int | None, str]] = set()
    for index, found in _placeholders(ctx, extras=True):
        for p in found:
            seen.add((index, p.text.strip()))
            yield ctx.finding(
                f"Placeholder left in the letter: {p.text!r} ({_FORM_LABEL[p.form]})",
                index,
                evidence=p.text,
                suggestion="Replace the placeholder with the real value, or delete it.",
            )
    for marked in ctx.document.marked:
        block = marked.block if marked.part == "body" else None
        if (block, marked.text.strip()) in seen:
            continue  # already reported from the text
        if marked.kind == "placeholder" and marked.text.strip():
            yield ctx.finding(
                f"Content control still shows its placeholder text: {marked.text.strip()!r}",
                marked.block if marked.part == "body" else None,
                evidence=marked.text.strip(),
                suggestion="Fill in the content control (or delete it) so its placeholder text is not sent.",
            )
        elif marked.kind == "highlight" and looks_like_placeholder(marked.text) and not find_placeholders(marked.text):
            # Highlighted filler the text patterns above did not already report.
            yield ctx.finding(
                f"Highlighted text that looks like a placeholder: {marked.text.strip()!r}",
                marked.block if marked.part == "body" else None,
                evidence=marked.text.strip(),
                suggestion="Replace the highlighted placeholder with the real wording and remove the highlight.",
            )


@rule("NCND702", "other-authority", CATEGORY, "error")
def other_authority(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports another authority named as the responding body. Applies when the
    expected one is configured (`--authority`, or `authority` in the config): the subject of
    "can neither confirm nor deny", "holds" or "uses", the letterhead or the sign-off.
    Naming the ICO, the College of Policing or other forces in passing is not reported.

    Why it matters: A letter that says "West Midlands Police can neither confirm nor deny"
    when Kent Police sends it was copied from another force's response; it misstates who is
    answering and suggests the reasoning was not written for this request.

    What makes it an error: the other authority is named where the sender is (the NCND statement, letterhead, sign-off, or as the body that holds or uses outside the argument): the letter misstates who answers. Inside the harm or factors it is NCND708, a warning.

    Example: With `--authority "Kent Police"`: "West Midlands Police can neither confirm nor
    deny that it holds the information you requested."

    How to fix: Put the configured authority's name in place of the other one, and check the
    rest of the paragraph was meant for this request.
    """
    if ctx.settings.mode == "template" or not ctx.settings.authority:
        return
    expected = resolve(ctx.settings.authority)
    seen = set()
    for m in ctx.analysis.responding_mentions:
        if _in_argument(ctx, m):
            continue  # a name inside the argument: NCND708 (partial evidence, a warning)
        if same_authority(m.mention.authority, expected) or (m.block, m.mention.authority) in seen:
            continue
        seen.add((m.block, m.mention.authority))
        yield ctx.finding(
            f"{m.mention.text!r} is named as the responding body, but the letter is from {expected.name}",
            m.block,
            evidence=m.context,
            suggestion=f"Replace {m.mention.text!r} with {expected.name!r}.",
        )


@rule("NCND703", "two-responding-authorities", CATEGORY, "error")
def two_responding_authorities(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a draft that names two authorities as the responding body. When no
    authority is configured, infers the responding body from the draft (letterhead, the NCND
    statement, sign-off, the force most often named as holder) and reports a draft that
    presents a second authority as the responding body.

    Why it matters: Two forces each "neither confirming nor denying" in one letter is the
    mark of a paragraph pasted from another force's response.

    What makes it an error: the draft itself presents two senders. A name inside the harm or factors is NCND708, a warning.

    Example: "Kent Police can neither confirm nor deny ..." in the opening and "To confirm
    or deny whether Essex Police holds ..." in the harm section.

    How to fix: Use one authority's name throughout; configure it with `--authority` so the
    check names the expected one.
    """
    if ctx.settings.mode == "template" or ctx.settings.authority:
        return
    mentions = ctx.analysis.responding_mentions
    responder = ctx.analysis.responder
    if responder is None:
        return
    reported = set()
    for m in mentions:
        authority = m.mention.authority
        if _in_argument(ctx, m):
            continue  # NCND708
        if same_authority(authority, responder) or (m.block, authority) in reported:
            continue
        reported.add((m.block, authority))
        yield ctx.finding(
            f"Two authorities are named as the responding body: {responder.name} and {authority.name}",
            m.block,
            evidence=m.context,
            suggestion=f"Use one authority's name throughout (the draft mostly names {responder.name}); "
            "set --authority to say which.",
        )


#: Where a mention makes its authority the sender whatever paragraph it is in.
_SENDER_REASONS = frozenset({"ncnd-statement", "letterhead", "header", "footer", "sign-off"})


#: A sentence that argues (a consequence modal): not a name line of the letterhead or sign-off.
_ARGUES = re.compile(r"\b(?:would|could|might|may|will|should)\b", re.I)


def _in_argument(ctx: "RuleContext", m) -> bool:
    """A mention inside the harm or public interest argument that does not itself present the sender.

    A short factor near the end of a letter ("Investigations by Hertfordshire
    Constabulary would be less effective.") sits where a sign-off would; it is
    still the argument when it argues.
    """
    if m.block is None or ctx.analysis.section_of(m.block) not in ARGUMENT_SECTIONS:
        return False
    if m.reason in ("letterhead", "sign-off"):
        return bool(_ARGUES.search(ctx.document.blocks[m.block].norm))
    return m.reason not in _SENDER_REASONS


@rule("NCND708", "other-authority-in-argument", CATEGORY, "warning")
def other_authority_in_argument(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports another authority named inside the harm or public interest argument (a factor paragraph, the harm, the balance) as the body whose policing, investigations or decisions the paragraph is about, rather than in passing ("other forces such as ...", "shared with ...").

    Why it matters: A paragraph that argues about "how Cleveland Police uses the technology" in a Durham letter was copied from Cleveland's response; the requester sees the argument was not written for them.

    What makes it a warning, not an error: the letter's sender (NCND statement, letterhead, sign-off) is right, and an argument may properly name another body; a reviewer checks the paragraph. Another authority in the NCND statement, letterhead or sign-off is NCND702/703, an error.

    Example: In a Kent Police letter: "Confirming or denying would also show how Greater Manchester Police deals with financial abuse of vulnerable adults."

    How to fix: Put the sending authority's name (or "the force", "the council") in place of the other one, and check the paragraph was written for this request.
    """
    if ctx.settings.mode == "template":
        return
    mentions = ctx.analysis.authority_mentions
    responder = resolve(ctx.settings.authority) if ctx.settings.authority else ctx.analysis.responder
    if responder is None:
        return
    blocks = ctx.document.blocks
    reported = set()
    for m in mentions:
        authority = m.mention.authority
        if m.block is None or authority.kind == "body" or not _in_argument(ctx, m):
            continue
        if same_authority(authority, responder) or (m.block, authority) in reported:
            continue
        if named_in_passing(blocks[m.block].norm, m.mention):
            continue  # "other forces such as Essex Police", "shared with Essex Police"
        reported.add((m.block, authority))
        yield ctx.finding(
            f"{m.mention.text!r} is named inside the argument of a letter from {responder.name}",
            m.block,
            evidence=m.context,
            suggestion=f"Replace {m.mention.text!r} with {responder.name!r} (or 'the force'), and check the paragraph "
            "was written for this request.",
        )


@rule("NCND704", "subject-mismatch", CATEGORY, "warning")
def subject_mismatch(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports harm or factor text about a different subject from the request: a
    harm section (under any heading, or none) none of whose topic words is the request's
    while the rest of the argument uses them, or a thing the argument names that the request does not.
    Compares what the request asks about (the request section or the echo of the request)
    with the things the harm and public-interest text says confirming or denying would
    reveal ("to confirm or deny whether the force uses <X>"), and reports an <X> that shares
    no content word with the request.

    Why it matters: Harm text argued about a different subject was written for another
    request. The ICO and the Tribunal give no weight to arguments not tied to the
    information requested, and the requester sees the letter was not written for them.

    Example: The request asks for "the number of new Office 365 accounts purchased"; the
    harm section argues "to confirm or deny whether the force uses a certain operating
    system would identify vulnerable computer systems".

    What makes it a warning, not an error: the comparison is by words, and a harm argument may
    properly be general ("covert tactics"); the reviewer reads the paragraph.

    How to fix: Rewrite the harm and factor text about the subject of this request, or use
    the approved wording for it.
    """
    analysis = ctx.analysis
    subject = analysis.subject
    if not subject or is_placeholder_only(subject):
        return
    wanted = content_terms(subject)
    if not wanted:
        return
    skip = set(analysis.request_blocks)
    if analysis.sections:
        argued = {b for s in analysis.sections if s.name in ARGUMENT_SECTIONS for b in s.all_blocks}
    else:
        argued = {b.index for b in ctx.document.blocks if b.index not in skip}
    reported: set[str] = set()
    yield from _harm_about_another_subject(ctx, subject, wanted, skip)
    for block in ctx.document.blocks:
        if block.index not in argued or block.index in skip:
            continue
        for topic in analysis.facts[block.index].topics:
            key = " ".join(sorted(topic.terms))
            if topic.terms & wanted or key in reported or shares_topic(subject, topic.phrase):
                continue
            reported.add(key)
            yield ctx.finding(
                f"The argument is about {topic.phrase!r}, but the request is about {subject!r}",
                block.index,
                evidence=f"request: {subject!r}; argument: {topic.phrase!r}",
                suggestion="Rewrite this text about the subject of the request (it looks written for another one).",
            )


#: A harm section needs this many distinct content words before its vocabulary says what it is about.
_HARM_TERMS_MIN = 8


def _harm_about_another_subject(ctx, subject: str, wanted: set[str], skip: set[int]) -> Iterator["Finding"]:
    """A harm section that shares no topic word with the request, nor (but one) with the rest of the argument.

    However the harm is headed ("Evidence of Harm", "Harm in complying with
    S1(1)(a)", unheaded paragraphs), a harm text pasted from a letter on another
    subject shares no topic word with the request, and little with the factors
    written for this letter; a general harm argument shares its words with them.
    """
    analysis = ctx.analysis
    blocks = ctx.document.blocks
    generic = generic_words()
    harm_blocks = {b for s in analysis.sections if s.name == "harm" for b in s.blocks if b not in skip}
    others = {
        b for s in analysis.sections if s.name in ARGUMENT_SECTIONS and s.name != "harm" for b in s.blocks
    } - harm_blocks - skip
    if not harm_blocks:
        return
    elsewhere = {t for b in others for t in analysis.facts[b].terms} - generic
    for section in analysis.sections:
        if section.name != "harm" or (section.heading or "").startswith("(in the"):
            continue
        mine = [b for b in section.blocks if b in harm_blocks]
        text = " ".join(blocks[b].norm for b in mine)
        terms = {t for t in content_terms(text) if t not in generic}
        if len(terms) < _HARM_TERMS_MIN or terms & wanted or shares_topic(subject, text):
            continue
        if len(terms & elsewhere) >= 2:
            continue  # the factors argue the same things: a general harm, not another letter's
        sample = ", ".join(sorted(terms, key=lambda t: (-text.lower().count(t), t))[:5])
        yield ctx.finding(
            f"The harm argument is about something else ({sample} ...), not the request's subject {subject!r}",
            section.first_block,
            evidence=f"request: {subject!r}; harm: {sample}",
            suggestion="Rewrite the harm about the subject of this request (it looks written for another one).",
        )


@rule("NCND705", "unknown-placeholder", CATEGORY, "error", applies_to=None)
def unknown_placeholder(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports unknown or misspelt placeholders in a template. In `--mode
    template`, reports placeholders the library does not know (`{authorty}`, suggesting the
    nearest known name such as `{authority}`), and placeholders in a form the library does
    not fill (`[INSERT DATE]`, `XXXX`, `<<...>>`).

    Why it matters: The library fills the placeholders it knows; a misspelt or foreign one
    goes out to the requester as written.

    What makes it an error: the library will not fill it, so it would be sent as written.

    Example: "{authorty} can neither confirm nor deny that it holds ..."

    How to fix: Use one of the library's placeholders (`{authority}`, `{subject}`, `{date}`,
    `{reference}`, `{requester}` ...), spelt exactly.
    """
    if ctx.settings.mode != "template":
        return
    known = known_placeholder_names(ctx.library)
    for index, found in _placeholders(ctx):
        for p in found:
            if p.form in ("brace", "double-brace"):
                name = (p.name or "").lower()
                if name in known:
                    continue
                nearest = _nearest(name, known)
                hint = f"{{{nearest}}}" if nearest else "one of the library's placeholders"
                yield ctx.finding(
                    f"Unknown placeholder {p.text!r}" + (f" (did you mean {{{nearest}}}?)" if nearest else ""),
                    index,
                    evidence=p.text,
                    suggestion=f"Use {hint}.",
                )
            else:
                yield ctx.finding(
                    f"Placeholder {p.text!r} is a {_FORM_LABEL[p.form]}, which the library does not fill",
                    index,
                    evidence=p.text,
                    suggestion="Use one of the library's {name} placeholders (e.g. {date}, {reference}, {authority}).",
                )


_OPEN_CLOSE = (("{", "}"), ("<<", ">>"), ("«", "»"), ("[", "]"))
_BRACKET_CUE = re.compile(r"\[\s*(?:(?i:insert|enter)\b|[A-Z]{3,}\b)")
_ANGLE_PLACEHOLDER = re.compile(r"<<\w|\w>>")
_GUILLEMET_PLACEHOLDER = re.compile(r"«\w|\w»")


def _unbalanced(text: str) -> str | None:
    """The first placeholder delimiter left open or closed without opening, as evidence."""
    for opener, closer in _OPEN_CLOSE:
        if opener not in text and closer not in text:
            continue  # nothing to balance (the common case: no regex, no character scan)
        if opener == "[" and not _BRACKET_CUE.search(text):
            continue  # ordinary brackets in prose: only placeholder-looking ones are checked
        if opener == "<<" and not _ANGLE_PLACEHOLDER.search(text):
            continue  # ">>" as an arrow in "Review >> Accept All"
        if opener == "«" and not _GUILLEMET_PLACEHOLDER.search(text):
            continue  # French quotation marks with their spaces: « like this »
        probe = text.replace("{{", "{").replace("}}", "}") if opener == "{" else text
        depth = 0
        open_at = 0
        i = 0
        while i < len(probe):
            if probe.startswith(opener, i):
                if depth:
                    return probe[open_at : i + len(opener)][:60]  # a second opener before the close
                depth, open_at = 1, i
                i += len(opener)
            elif probe.startswith(closer, i):
                if not depth:
                    return probe[max(0, i - 30) : i + len(closer)]
                depth = 0
                i += len(closer)
            else:
                i += 1
        if depth:
            return probe[open_at : open_at + 40]
    return None


@rule("NCND706", "unbalanced-placeholder", CATEGORY, "error", applies_to=None)
def unbalanced_placeholder(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a placeholder left unbalanced. A delimiter left open or closed
    without opening: `{authority` , `subject}`, `<<date`, `[INSERT NAME`.

    Why it matters: An unbalanced placeholder is neither filled by the library nor caught by
    a reviewer looking for `{...}`; it is sent as a stray brace and half a word.

    What makes it an error: it would be sent as a stray bracket and half a word.

    Example: "{authority can neither confirm nor deny ..."

    How to fix: Close the placeholder (`{authority}`) or remove the stray delimiter.
    """
    for index, text in _block_texts(ctx):
        evidence = _unbalanced(text)
        if evidence:
            yield ctx.finding(
                "Placeholder delimiter left unbalanced",
                index,
                evidence=evidence.strip(),
                suggestion="Close the placeholder ({name}) or remove the stray bracket.",
            )


@rule("NCND707", "real-authority-in-template", CATEGORY, "warning", applies_to=None)
def real_authority_in_template(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports a real force named in a template where `{authority}` belongs. In
    `--mode template`, a force named as the responding body ("West Midlands Police can
    neither confirm nor deny ...") where the template should say `{authority}`.

    Why it matters: Every letter made from the template would name that force, whoever sends
    it.

    What makes it a warning: the template may be meant for that force only; configure the authority to say so.

    Example: A template paragraph "To confirm or deny whether West Midlands Police holds the
    information would ..."

    How to fix: Replace the force's name with `{authority}`.
    """
    if ctx.settings.mode != "template":
        return
    for m in ctx.analysis.responding_mentions:
        if m.mention.authority.kind == "body" and m.reason != "ncnd-statement":
            continue
        yield ctx.finding(
            f"The template names {m.mention.authority.name} where {{authority}} belongs",
            m.block,
            evidence=m.context,
            suggestion=f"Replace {m.mention.text!r} with {{authority}}.",
        )
