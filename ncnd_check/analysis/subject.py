"""What the request is about, and what the argument says it is about.

Drafts are assembled from earlier responses; a harm paragraph written for
another request ("whether the force uses a certain operating system") can
survive into a letter about Office 365 accounts. To see that, we need the
request's subject (from the request section or the echo of the request at the
top of the letter) and the topics the harm and factor text names, reduced to
content words that can be compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.analysis.model import Analysis

__all__ = [
    "find_subject",
    "shares_topic",
    "request_blocks",
    "content_terms",
    "Topic",
    "topic_phrases",
    "is_placeholder_only",
]

#: Lead-ins a drafter or requester puts before the request itself.
_REQUEST_LEAD = re.compile(
    r"""(?ix)^\s*(?:
        (?:your\s+|the\s+|original\s+|foi\s+)?request(?:\s+details)?\s*[:\-]
      | (?:information|details)\s+requested\s*[:\-]?
      | (?:in\s+your\s+request\s+)?you\s+(?:have\s+)?(?:asked|requested)(?:\s+(?:for|about|whether|the\s+following))?\s*[:\-]?
      | (?:i\s+refer\s+to\s+|thank\s+you\s+for\s+)?your\s+request\s+(?:for\s+information\s+)?(?:dated\s+[^,]{1,30},?\s*)?(?:for|about|regarding|concerning|relating\s+to|in\s+relation\s+to|in\s+which\s+you\s+asked(?:\s+for)?)\s*[:\-]?
      | q(?:uestion)?\s*\d{0,2}\s*[:.)\-]
    )\s*""",
)
_REQUEST_HEADING = re.compile(
    r"(?i)^\s*(?:your\s+|the\s+|original\s+|foi\s+)?(?:request|information\s+requested|details\s+of\s+(?:the|your)\s+request|request\s+details|what\s+you\s+asked(?:\s+for)?)\b[\s:]*$"
)
#: Openings of a request sentence that carry no topic.
_ASK_OPENER = re.compile(
    r"""(?ix)^\s*(?:
        (?:\(?[a-z0-9]{1,3}[.)]\s+)
      | please\s+(?:could\s+you\s+)?(?:provide|supply|send|tell\s+me|confirm|state|disclose|advise)(?:\s+me)?(?:\s+with)?
      | (?:could|can|would)\s+you\s+(?:please\s+)?(?:provide|supply|send|tell\s+me|confirm|state|disclose|advise)(?:\s+me)?(?:\s+with)?
      | i\s+(?:would\s+like|wish|want)\s+to\s+(?:know|request|ask)(?:\s+for)?
      | i\s+(?:would\s+like|request)
      | how\s+many | how\s+much | the\s+number\s+of | number\s+of | total\s+number\s+of
      | (?:a\s+)?copy\s+of | copies\s+of | details\s+of | a\s+list\s+of | any\s+information\s+(?:about|on|regarding|relating\s+to)
      | whether
    )\s*""",
)
#: Text that is the authority's answer, never the request.
_NOT_REQUEST = re.compile(r"(?i)neither\s+confirms?\s+nor\s+den|confirm\s+or\s+deny|section\s+1\s*\(1\)|refusal\s+notice")
#: Section headings that end the top-of-letter request echo.
_ARGUMENT_HEADING = re.compile(
    r"(?i)\b(?:exemptions?|harm|public\s+interest|factors|balanc|decision|response|neither\s+confirm)\b"
)

#: Words that never decide what a request or an argument is about.
STOPWORDS = frozenset(
    """
    a about above across after against all also an and any are as at be been being between both but by
    can certain could did do does doing during each either for from had has have having he her his how
    i if in into is it its itself me more most my no nor not of on only or other our out over own per
    please same she should so some such than that the their them then there these they this those through
    to under until up upon us very was we were what when where whether which while who whom why will with
    within would you your yours
    number numbers total amount amounts information info detail details data record records copy copies
    list lists breakdown including include includes included relating related regarding concerning
    relation regard respect provide supply send tell know request requested requests question questions
    force forces police constabulary service authority organisation department year years month months
    last past recent recently current currently new many much each every per since date dated
    hold holds held use uses used using utilise utilises utilised utilize utilizes rely relies relied
    purchase purchased purchases buy bought procure procured spend spent employ employs employed deploy
    deployed deploys operate operates operated own owns owned have has had keep keeps kept retain retains
    retained record recorded maintain maintains maintained possess possesses run runs
    particular specific certain type types kind kinds sort form forms various range variety
    capability capabilities ability abilities tactic tactics technique techniques resource resources
    method methods approach access presence involvement activity activities matter matters area areas
    exist exists existed existence interest interests involved product products service services
    """.split()
)
#: Openings that refer back instead of naming a topic ("this software", "such data").
_ANAPHORIC = re.compile(
    r"(?i)^(?:this|that|these|those|such|it|them|its|the\s+(?:requested|said|above|information|data|same|above-mentioned)|any\s+such|the\s+information\s+requested"
    r"|(?:any\s+|the\s+)?(?:further|other|more|additional|relevant)\s+(?:information|data|records?|details)"
    r"|(?:the\s+)?information\s+(?:that\s+|which\s+)?you\s+(?:have\s+)?(?:asked|requested|want|seek|describe))\b"
)


def singular(word: str) -> str:
    """A light plural fold: policies -> policy, boxes -> box, accounts -> account."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_terms(text: str) -> frozenset[str]:
    """The words of ``text`` that carry its topic: lower case, singular, no stopwords (a block's facts keep its)."""
    out = set()
    for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9'+&-]*", text):
        w = word.lower().strip("'-").removesuffix("'s")
        if not w or w in STOPWORDS or len(w) < 2:
            continue
        w = singular(w)
        if w in STOPWORDS:
            continue
        out.add(w)
    return frozenset(out)


def is_placeholder_only(text: str) -> bool:
    """True for a template's "{subject}" or "[subject of request]": nothing to compare."""
    stripped = re.sub(r"\{[^{}]*\}|\[[^\[\]]*\]|<<[^<>]*>>", " ", text)
    return not content_terms(stripped)


def request_blocks(analysis: "Analysis") -> list[int]:
    """Body blocks that state the request: the request section, or the echo at the top."""
    blocks = analysis.document.blocks
    found: list[int] = []
    for section in analysis.sections_named("request"):
        for b in section.blocks:
            if not (0 <= b < len(blocks)) or blocks[b].is_heading:
                continue
            if _NOT_REQUEST.search(blocks[b].norm):
                break  # the answer has begun (a "Response" heading the structure did not know)
            found.append(b)
    if found:
        return sorted(set(found))
    in_request = False
    for block in blocks:
        text = block.norm
        if block.is_heading or _REQUEST_HEADING.match(text):
            if _REQUEST_HEADING.match(text):
                in_request = True
                continue
            if found or _ARGUMENT_HEADING.search(text):
                break
            in_request = False
            continue
        if _REQUEST_LEAD.match(text):
            found.append(block.index)
            in_request = True
            continue
        if in_request:
            found.append(block.index)
            continue
        # Items listed at the very top of a letter, before any argument: the request echo.
        if block.kind == "list-item" and not any(not blocks[i].is_heading and i not in found for i in range(block.index)):
            found.append(block.index)
            continue
        if found and block.kind != "list-item":
            break
    return found


def _strip_ask(text: str) -> str:
    text = _REQUEST_LEAD.sub("", text, count=1)
    for _ in range(3):
        new = _ASK_OPENER.sub("", text, count=1)
        if new == text:
            break
        text = new
    return text.strip(" \t:;,.?-")


def find_subject(analysis: "Analysis") -> str | None:
    """The request's subject as the draft states it ("new office 365 account purchased"), or None."""
    blocks = analysis.document.blocks
    parts = []
    indices = request_blocks(analysis)
    for n, index in enumerate(indices):
        if n + 1 < len(indices) and blocks[index].norm.rstrip().endswith(":") and "?" not in blocks[index].norm:
            continue  # "Thank you for your request ... You asked:": the lead, not the request
        text = _strip_ask(blocks[index].norm)
        if text and content_terms(text):
            parts.append(text)
    if not parts:
        return None
    subject = "; ".join(parts)
    return subject if len(subject) <= 300 else subject[:297].rsplit(" ", 1)[0] + "..."


# --- Topics the argument names -------------------------------------------------

_VERBS = (
    r"(?:is\s+using|are\s+using|has\s+(?:ever\s+)?(?:used|purchased|deployed|procured|bought|acquired|installed)"
    r"|have\s+(?:ever\s+)?(?:used|purchased|deployed|procured|bought|acquired|installed)"
    r"|uses|use|used|holds|hold|held|has|have|had|relies\s+on|rely\s+on|relied\s+on|utilises|utilise|utilizes|utilize"
    r"|employs|employ|deploys|deploy|deployed|operates|operate|owns|own|possesses|possess|purchases|purchased|purchase"
    r"|procures|procured|spends|spent|records|retains|keeps|maintains|runs|monitors|installs|installed)"
)
_OBJECT_END = (
    r"(?=\s+(?:would|could|may|might|will|is|are|was|were|as|within|across|to|for|by|because|since|which|that"
    r"|and\s+(?:would|could|this|that|to|provide))\b|\s*[.;:,()]|$)"
)
_WHETHER_OBJECT = re.compile(
    rf"(?i)\b(?:confirm(?:ing|ed|s)?|den(?:y|ying|ied|ies)|confirmation|denial|reveal(?:ing)?|state|stating)\b"
    rf"[^.;]{{0,60}}?\bwhether\s+(?:or\s+not\s+)?(?P<holder>(?:(?!\b(?:would|could|may|might|will|should|is|are|was|were|be|been)\b)[^.;,]){{1,60}}?)"
    rf"\s+{_VERBS}\s+(?!of\b|been\b|being\b)(?P<object>[^.;]{{1,80}}?){_OBJECT_END}"
)
_ABOUT_OBJECT = re.compile(
    rf"(?i)\b(?:information|data|details|records)\s+(?:about|on|regarding|concerning|relating\s+to|in\s+relation\s+to|pertaining\s+to)\s+"
    rf"(?P<object>[^.;]{{1,80}}?){_OBJECT_END}"
)
_USE_OF_OBJECT = re.compile(
    rf"(?i)\b(?:confirm(?:ing)?|den(?:y|ying)|confirmation|denial|reveal(?:ing)?)\s+(?:or\s+den(?:y|ying|ial)\s+)?(?:of\s+)?(?:the\s+)?"
    rf"(?:use|existence|deployment|purchase|procurement|possession|ownership)\s+of\s+(?P<object>[^.;]{{1,80}}?){_OBJECT_END}"
)
#: "Confirming that covert cameras are used in a particular department would ...": the clause confirmed.
_THAT_OBJECT = re.compile(
    r"(?i)\b(?:confirm(?:ing|ed|s)?|den(?:y|ying|ied|ies))\s+that\s+(?P<object>(?!(?:it|we|they|this|that|these|those|such|any|no|none|the\s+(?:force|council|trust|department|authority|requested)|(?:the\s+|any\s+|such\s+|an?\s+)?(?:information|data|records?|material|details))\b)[^.;,]{3,90}?)"
    r"(?=\s+(?:would|could|might|will|may)\b|\s*,)"
)
#: "confirm whether listening devices are fitted in ...": the thing asked about, before its passive verb.
_WHETHER_PASSIVE = re.compile(
    r"(?i)\b(?:confirm(?:ing|ed|s)?|den(?:y|ying|ied|ies)|confirmation|denial|reveal(?:ing)?|state|stating)\b[^.;]{0,40}?\bwhether\s+(?:or\s+not\s+)?"
    r"(?P<object>(?:(?!\b(?:would|could|may|might|will|should|it|we|they|there)\b)[^.;,]){3,60}?)"
    r"\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:being\s+)?(?:\w+ed|used|fitted|held|kept|installed|deployed|in\s+use|operated|run|sold|given|made|paid|built|sent)\b"
)
_GENERIC_HEAD = re.compile(
    r"(?i)^(?:any\s+|the\s+)?(?:information|data|details|records|material)\s+(?:about|on|regarding|concerning|relating\s+to|in\s+relation\s+to|pertaining\s+to)\s+"
)


@dataclass(frozen=True, slots=True)
class Topic:
    """A thing the argument says confirming or denying would reveal."""

    phrase: str
    block: int
    terms: frozenset[str]


#: Each topic pattern with words one of which it cannot match without (its first word's stems).
_TOPIC_PATTERNS = (
    (_WHETHER_OBJECT, ("whether",)),
    (_USE_OF_OBJECT, ("confirm", "den", "reveal")),
    (_ABOUT_OBJECT, ("information", "data", "details", "records")),
    (_THAT_OBJECT, ("confirm", "den")),
    (_WHETHER_PASSIVE, ("whether",)),
)


def _may_match(text: str, lowered: str, needed: tuple[str, ...]) -> bool:
    """False only when a pattern certainly cannot match: none of its needed words is in the text.

    Searching a block with these long case-insensitive patterns costs far more
    than a substring test. Outside ASCII, IGNORECASE also equates letters that
    str.lower() does not ("ſ" and "s"), so such text is always searched.
    """
    return not text.isascii() or any(word in lowered for word in needed)


def topic_phrases(text: str, block: int = -1) -> list[Topic]:
    """Specific objects named in harm or factor text; anaphora and generic ones left out."""
    out: list[Topic] = []
    seen: set[str] = set()
    lowered = text.lower()
    for pattern, needed in _TOPIC_PATTERNS:
        if not _may_match(text, lowered, needed):
            continue
        for m in pattern.finditer(text):
            if pattern is _WHETHER_PASSIVE and re.fullmatch(r"(?i)(?:the|this|that|such)\s+[\w-]+", m.group("object").strip()):
                continue  # "whether the technology was used": the request's thing, referred back to
            before = text[max(0, m.start("object") - 6) : m.start("object")].lower()
            if re.search(r"\b(?:has|had|have)\s+$", before) and re.match(r"\w+ed\b", m.group("object").strip()):
                continue  # "whether or not they had helped the police": a perfect tense, not a thing held
            phrase = _GENERIC_HEAD.sub("", m.group("object").strip())
            phrase = re.sub(r"(?i)^(?:any|some|all|none)\s+of\s+", "", phrase)
            phrase = re.sub(r"(?i)^(?:any|the)\s+", "", phrase).strip()
            if not phrase or _ANAPHORIC.match(phrase) or phrase.lower() in seen:
                continue
            terms = content_terms(phrase)
            if not terms:
                continue
            seen.add(phrase.lower())
            out.append(Topic(phrase, block, frozenset(terms)))
    return out


def _initialisms(text: str) -> set[str]:
    """Initials of every run of 2-6 capitalised or ordinary words: "Automatic Number Plate Recognition" -> "anpr"."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text) if w.lower() not in ("of", "and", "the", "a", "an", "for", "in", "on")]
    out = set()
    for size in range(2, 7):
        for start in range(0, len(words) - size + 1):
            out.add("".join(w[0] for w in words[start : start + size]).lower())
    return out


def _acronyms(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\b[A-Z][A-Z0-9]{1,5}s?\b", text)} | {
        w.lower().rstrip("s") for w in re.findall(r"\b[A-Z][A-Z0-9]{1,5}s\b", text)
    }


def shares_topic(request: str, phrase: str) -> bool:
    """Do the request and an argued topic share a content word, or an acronym and its expansion?"""
    if content_terms(request) & content_terms(phrase):
        return True
    return bool(_acronyms(request) & _initialisms(phrase) or _acronyms(phrase) & _initialisms(request))
