"""The variable parts of a letter, turned into the library's placeholders.

Two passes, because neither alone is enough:

- Before letters are compared, what one letter's own analysis can name is
  replaced in its text: the responding authority (``{authority}``), dates
  (``{date}``), reference numbers (``{reference}``), people with a title
  (``{requester}``), the request's subject when the analysis found it
  verbatim (``{subject}``), and template markers such as ``[FORCE NAME]``.
- After near-identical paragraphs are clustered, a stretch where the
  letters disagree with no majority (clustering.py) is a slot; :func:`classify`
  names it from what the letters put there (dates, references, people, and
  otherwise the request's subject).
"""

from __future__ import annotations

import re

from ncnd_check.analysis.authorities import resolve
from ncnd_check.wording.library import PLACEHOLDERS

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
DATE = re.compile(
    rf"\b{_WEEKDAY}(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d/])"
    r"|\d{4}-\d{2}-\d{2})\b"
)
#: A reference number after its cue word ("reference FOI 1234/24", "Ref: 000123").
REFERENCE_CUE = re.compile(
    r"(?i:\b(?:reference|ref\.?|request)(?:\s+(?:no\.?|number))?\s*[:#]?\s*)"
    r"(?P<ref>(?:[A-Za-z]{2,6}[\s/-]?)?\d[\w/.-]*\w|\d)"
)
#: Reference shapes on their own: FOI/49657/24, RFI-2024-0456, 001234/24.
REFERENCE = re.compile(r"\b(?:[A-Z]{2,6}[/-]?\d{3,}(?:[/-]\w+)*|[A-Z]{2,6}[/-]\d{2,}(?:[/-]\d+)+|\d{3,}/\d{2,4})\b")
PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx|Prof)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+)?")
#: Template markers: [FORCE NAME], <<date>>, {{subject}}.
_MARKER = re.compile(r"\[\[?([^\[\]]{2,30})\]\]?|<<([^<>]{2,30})>>|\{\{([^{}]{2,30})\}\}")
_MARKER_WORDS = (
    ("authority", ("force", "authority", "organisation", "constabulary", "police")),
    ("date", ("date",)),
    ("reference", ("ref", "number", "no.")),
    ("requester", ("name", "requester", "applicant")),
    ("subject", ("subject", "request", "topic", "system")),
)
_BRACE = re.compile(r"\{([^{}]*)\}")
#: "Kent Police can neither confirm nor deny": the responder, when the table of names does not know it.
_NCND_SUBJECT = re.compile(
    r"^(?:The\s+)?((?:[A-Z][\w&'-]*\s+){0,5}[A-Z][\w&'-]*)\s+(?:(?:can|will|does|is\s+able\s+to)\s+)?neither\s+confirms?\s+nor\s+den"
)


def authority_names(analysis, configured: str | None) -> list[str]:
    """Names the letter uses for the authority sending it, its main name first."""
    names: list[str] = []
    for authority in (resolve(configured) if configured else None, analysis.responder):
        if authority is not None:
            names.extend(n for n in (authority.name, *authority.aliases) if n not in names)
    if not names:
        for block in analysis.document.blocks:
            m = _NCND_SUBJECT.match(block.norm)
            if m and len(m.group(1).split()) >= 2:
                names.append(m.group(1))
                break
    return names


def _name_pattern(name: str) -> re.Pattern:
    words = [re.escape(w) for w in name.split()]
    body = r"[\s-]+".join(words)
    flags = re.IGNORECASE if len(words) > 1 else 0
    return re.compile(rf"(?<![\w{{])(?:[Tt]he\s+)?{body}(?![\w}}])", flags)


def substitute(text: str, names: list[str], subject: str | None = None) -> str:
    """``text`` with what this letter's analysis names turned into placeholders."""
    text = _BRACE.sub(lambda m: m.group(0) if m.group(1) in PLACEHOLDERS else f"({m.group(1)})", text)
    text = _MARKER.sub(_marker, text)
    for name in sorted(names, key=len, reverse=True):
        text = _name_pattern(name).sub("{authority}", text)
    text = DATE.sub("{date}", text)
    text = REFERENCE_CUE.sub(lambda m: m.group(0)[: m.start("ref") - m.start()] + "{reference}", text)
    text = REFERENCE.sub("{reference}", text)
    text = PERSON.sub("{requester}", text)
    if subject and 2 <= len(subject.split()) <= 12 and "|" not in subject:
        text = re.sub(rf"(?i)(?<!\w){re.escape(subject)}(?!\w)", "{subject}", text)
    return text


def _marker(m: re.Match) -> str:
    inner = (m.group(1) or m.group(2) or m.group(3) or "").lower()
    for name, words in _MARKER_WORDS:
        if any(w in inner for w in words):
            return "{" + name + "}"
    return m.group(0)


def classify(fillers: list[str]) -> str:
    """The placeholder for a slot from what the letters put in it."""
    filled = [f for f in fillers if f.strip()]
    if filled and all(DATE.fullmatch(f.strip(" ,.")) or f.strip(" ,.") == "{date}" for f in filled):
        return "date"
    if filled and all(REFERENCE.fullmatch(f.strip(" ,.")) or f.strip(" ,.") == "{reference}" for f in filled):
        return "reference"
    if filled and all(PERSON.fullmatch(f.strip(" ,.")) or f.strip(" ,.") == "{requester}" for f in filled):
        return "requester"
    return "subject"
