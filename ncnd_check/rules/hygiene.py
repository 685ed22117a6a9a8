"""Document hygiene (NCND8xx): what a Word file carries besides the letter.

Tracked changes, comments, hidden text, highlighting and the author's name
in the file's properties all go out with a .docx, and any of them can show
the internal discussion of whether information is held. Only the DOCX reader
fills these parts of the Document, so for text and HTML the rules are silent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Iterator

from ncnd_check.analysis.authorities import find_mentions
from ncnd_check.analysis.placeholders import looks_like_placeholder
from ncnd_check.rules.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.findings import Finding
    from ncnd_check.rules.context import RuleContext

CATEGORY = "document-hygiene"

_KIND_LABEL = {
    "insertion": "insertion",
    "deletion": "deletion",
    "move-from": "moved text (from)",
    "move-to": "moved text (to)",
    "property-change": "formatting change",
}


def _is_docx(ctx: "RuleContext") -> bool:
    """Hygiene is about what a Word file carries (CONTRACT.md); HTML hidden text is not reported."""
    return ctx.document.format == "docx"


def _clip(text: str, limit: int = 120) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _body_block(block: int | None, part: str = "body") -> int | None:
    return block if part == "body" else None


def _where(part: str) -> str:
    return "" if part == "body" else f" (in the {part})"


@rule("NCND801", "tracked-changes", CATEGORY, "error", applies_to=None)
def tracked_changes(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports tracked changes still in a DOCX. Insertions, deletions, moves,
    formatting changes) still in a DOCX, one finding per author and kind of change, located
    at the first block it touches.

    Why it matters: Anyone who opens the file can show the markup and read the deleted
    wording, which in an NCND draft is often exactly what must not be said ("we do not hold
    this", "delete: the force uses ...").

    Example: A deletion by "J Smith" of "The force does not use Office 365." left in the
    file although the letter reads correctly with changes accepted.

    How to fix: Accept or reject all changes (Review > Accept > Accept All Changes, then
    turn Track Changes off) and save before sending.
    """
    if not _is_docx(ctx):
        return
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for revision in ctx.document.revisions:
        groups[(revision.author or "unknown author", revision.kind)].append(revision)
    for (author, kind), revisions in groups.items():
        first = min(revisions, key=lambda r: (r.part != "body", r.block if r.block is not None else 10**9))
        texts = [_clip(r.text, 80) for r in revisions if r.text and r.text.strip()]
        count = len(revisions)
        label = _KIND_LABEL.get(kind, kind)
        sample = "; ".join(f"{t!r}" for t in texts[:3]) + (" ..." if len(texts) > 3 else "")
        yield ctx.finding(
            f"{count} tracked {label}{'s' if count != 1 and not label.endswith(')') else ''} by {author} still in the file"
            + _where(first.part),
            _body_block(first.block, first.part),
            evidence=sample or None,
            suggestion="Accept or reject all changes (Review > Accept All) and turn off Track Changes before sending.",
        )


@rule("NCND802", "comments", CATEGORY, "error", applies_to=None)
def comments(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports each reviewer comment left in a DOCX. With its author, its text
    and the text it is anchored to.

    Why it matters: Comments travel with the file. "Check with IT whether we still use this"
    in an NCND response answers the question the letter refuses to answer.

    Example: A comment by "A Reviewer": "We don't have any of these - is NCND right?"

    How to fix: Resolve and delete every comment (Review > Delete > Delete All Comments in
    Document) before sending.
    """
    if not _is_docx(ctx):
        return
    for comment in ctx.document.comments:
        author = comment.author or "unknown author"
        anchor = f" on {_clip(comment.anchor_text, 60)!r}" if comment.anchor_text.strip() else ""
        yield ctx.finding(
            f"Comment by {author}{anchor} still in the file",
            comment.block,
            evidence=_clip(comment.text) or None,
            suggestion="Delete all comments (Review > Delete > Delete All Comments in Document) before sending.",
        )


@rule("NCND803", "hidden-text", CATEGORY, "warning", applies_to=None)
def hidden_text(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports hidden text in a DOCX. Text formatted as hidden (Word's Hidden
    font effect, web-hidden text), one finding per block.

    Why it matters: Hidden text is not printed but is in the file: anyone can show it, and
    search engines and screen readers read it. It is often a drafting note or a deleted
    answer.

    Example: A hidden run "(we hold 12 of these)" after the NCND statement.

    How to fix: Show hidden text (File > Options > Display > Hidden text), then delete it or
    make it ordinary text; Inspect Document removes it all.
    """
    yield from _marked(ctx, "hidden", "Hidden text in the file", "Delete the hidden text (File > Info > Check for Issues > Inspect Document removes it).")


@rule("NCND804", "highlight-left-on", CATEGORY, "warning", applies_to=None)
def highlight_left_on(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports highlighting left on in a DOCX. One finding per block. Highlighted
    placeholders ("[INSERT DATE]") are reported by NCND701 instead.

    Why it matters: Highlighting marks text a drafter meant to check or change; left on, it
    shows the letter was not finished and draws the reader to it.

    Example: "the balance favours neither confirming nor denying" highlighted in yellow.

    How to fix: Check the highlighted wording, then remove the highlight (Home > Text
    Highlight Color > No Color).
    """
    yield from _marked(
        ctx,
        "highlight",
        "Highlighted text left on",
        "Check the wording, then remove the highlight (Home > Text Highlight Color > No Color).",
        skip=looks_like_placeholder,
    )


def _marked(ctx: "RuleContext", kind: str, message: str, suggestion: str, skip=None) -> Iterator["Finding"]:
    if not _is_docx(ctx):
        return
    groups: dict[tuple[str, int | None], list] = defaultdict(list)
    for marked in ctx.document.marked:
        if marked.kind != kind or not marked.text.strip():
            continue
        if skip is not None and skip(marked.text):
            continue
        groups[(marked.part, marked.block)].append(marked)
    for (part, block), items in groups.items():
        text = " ".join(m.text.strip() for m in items)
        details = sorted({m.detail for m in items if m.detail})
        detail = f" ({', '.join(details)})" if details else ""
        yield ctx.finding(
            f"{message}{detail}{_where(part)}",
            _body_block(block, part),
            evidence=_clip(text),
            suggestion=suggestion,
        )


# --- Personal metadata --------------------------------------------------------------

#: Property values that name no one.
_NOT_A_PERSON = re.compile(
    r"""(?ix)^(?:
        microsoft\s+office\s+user|office\s+user|windows\s+user|user|admin|administrator|author|unknown|owner|
        python-docx|docx|openpyxl|libreoffice|apache\s+poi|pandoc|google|default|guest|test|none|n/?a|
        word|microsoft\s+word|template|normal(?:\.dotm?)?
    )$"""
)
#: Words that make a value a role, a team or an organisation rather than a person.
_ROLE_WORD = re.compile(
    r"(?i)\b(?:team|unit|office|department|dept|police|constabulary|council|service|services|ltd|limited|plc|"
    r"user|users|admin|officer|foi|information|disclosure|compliance|records|legal|secretariat|bureau|"
    r"microsoft|apache|libreoffice|google|windows|template|docx|corporation|group|authority|section|directorate|"
    r"government|ministry|agency|commission|trust|university|college|reviewer|editor|drafter|analyst|"
    r"adviser|advisor|clerk|manager|coordinator|co-ordinator|assistant|lead|head|"
    r"county|city|borough|district|region|north|south|east|west|central|greater|united|kingdom|england|wales|"
    r"scotland|ireland|london|shire)\b"
)
_PERSON_SHAPES = (
    re.compile(r"^[A-Za-z]+[._][A-Za-z]+$"),  # jane.smith, j_smith
    re.compile(r"^[A-Za-z]{1,12}\d{2,7}$"),  # login or staff number: jsmith01, ab12345
)
#: Little words inside names: Costa da Silva, van der Berg, bin Ali.
_PARTICLES = frozenset({"da", "de", "del", "della", "di", "do", "dos", "du", "la", "le", "van", "von", "der", "den", "ter", "bin", "al", "el", "y", "st", "st."})


def _name_word(word: str) -> bool:
    core = word.strip(".")
    letters = core.replace("-", "").replace("'", "").replace("\u2019", "").replace(".", "")
    return bool(letters) and letters.isalpha() and len(core) <= 20


def _looks_like_name(value: str) -> bool:
    """Two to four words of letters (any script), like "Jane Smith", "Smith, Jane", "TORIN Alberto"."""
    if value.count(",") > 1:
        return False
    words = [w for w in re.split(r"[\s,]+", value) if w]
    if not 2 <= len(words) <= 5 or not all(_name_word(w) for w in words):
        return False
    named = [w for w in words if w.lower() not in _PARTICLES]
    if len(named) < 2 or len(named) > 4:
        return False
    if all(len(w.strip(".")) <= 3 and w.isupper() for w in named):
        return False  # initialisms: "IT HQ", "МБУ МЦБ"
    capitalised = sum(1 for w in named if w[0].isupper())
    return capitalised == len(named) or capitalised == 0  # "Jane Smith", "ardian febri"; not "Your user name"


_EMAIL = re.compile(r"^([\w.+-]+)@[\w-]+(?:\.[\w-]+)+$")
_GENERIC_MAILBOX = re.compile(
    r"^(?:foi|freedomofinformation|foia|info|information|enquiries|inquiries|admin|disclosure|dataprotection|dpo|"
    r"records|noreply|no-reply|office|contact|help|helpdesk|support|team|mail)[\w.-]*$"
)
_PERSONAL_PATH = re.compile(
    r"""(?ix)(?:
        [a-z]:[\\/](?:users|documents\s+and\s+settings)[\\/](?!public\b|default\b|all\s+users\b)([^\\/]+)
      | (?:^|[\\/]|file:/+)(?:users|home)/(?!shared\b|public\b)([^/]+)/
    )"""
)
_PERSON_KEYS = ("creator", "author", "lastmodifiedby", "last_modified_by", "manager")


def looks_like_person(value: str) -> bool:
    """Does a property value name a person (not a role, a team, an organisation or a tool)?"""
    value = re.sub(r"\s+", " ", value or "").strip()
    email = _EMAIL.match(value)
    if email:
        local = email.group(1).lower()
        return not _GENERIC_MAILBOX.match(local) and bool(re.search(r"[a-z][._-]?[a-z]|\d", local))
    if not value or len(value) > 60 or _NOT_A_PERSON.match(value) or _ROLE_WORD.search(value):
        return False

    if find_mentions(value):
        return False
    return _looks_like_name(value) or any(shape.match(value) for shape in _PERSON_SHAPES)


@rule("NCND805", "personal-metadata", CATEGORY, "warning", applies_to=None)
def personal_metadata(ctx: "RuleContext") -> Iterator["Finding"]:
    """What it does: Reports DOCX properties that name a person. The author (creator) or
    last-modified-by set to someone's name, login or e-mail address, and a template or file
    path in someone's personal folder (`C:\\Users\\jsmith\\...`, `/Users/...`). A company
    name, a team or role name, or "Microsoft Office User" is fine.

    Why it matters: File properties are sent with the letter and name the member of staff
    who wrote or last edited it, which the response itself does not disclose.

    Example: `lastModifiedBy = "Jane Smith"`; `template =
    "C:\\Users\\jsmith\\AppData\\Roaming\\Microsoft\\Templates\\FOI NCND.dotm"`.

    How to fix: Remove personal information (File > Info > Check for Issues > Inspect
    Document > Document Properties and Personal Information), or set the author to the
    team's name.
    """
    if not _is_docx(ctx):
        return
    for key, value in ctx.document.properties.items():
        if not isinstance(value, str) or not value.strip():
            continue
        folded = key.lower().split(":")[-1]
        if folded in _PERSON_KEYS and looks_like_person(value):
            yield ctx.finding(
                f"Document property {key!r} names a person: {value.strip()!r}",
                None,
                evidence=f"{key} = {value.strip()}",
                suggestion="Remove personal information (File > Info > Inspect Document > Document Properties "
                "and Personal Information), or set the author to the team's name.",
            )
            continue
        m = _PERSONAL_PATH.search(value)
        if m:
            yield ctx.finding(
                f"Document property {key!r} holds a path in a personal folder ({m.group(1) or m.group(2)!r})",
                None,
                evidence=f"{key} = {value.strip()}",
                suggestion="Attach the shared template from a team location, or remove the template path "
                "(Inspect Document > Document Properties and Personal Information).",
            )
