"""Authority names in a draft: which public bodies it names, and which one is responding.

A letter copied from another force's response keeps that force's name in
the NCND statement ("West Midlands Police can neither confirm nor deny ...")
or in the sign-off. Naming the ICO, the College of Policing or "other police
forces" in passing is normal. So a mention is classed by its *role*: the
responding body (subject of holding / NCND verbs, letterhead, sign-off) or a
mention in passing. The table of names is data: ``data/authorities.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Iterable

from ncnd_check.analysis.spans import leftmost_longest
from ncnd_check.data_files import load_toml

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.analysis.model import Analysis

__all__ = [
    "Authority",
    "Mention",
    "RoleMention",
    "authorities",
    "find_mentions",
    "resolve",
    "role_mentions",
    "responding_mentions",
    "infer_responder",
]

KINDS = ("police", "body", "council", "configured")


@dataclass(frozen=True, slots=True)
class Authority:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return _fold(self.name)


@dataclass(frozen=True, slots=True)
class Mention:
    authority: Authority
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RoleMention:
    mention: Mention
    #: body block index; None for a header or footer
    block: int | None
    #: "responding" or "passing"
    role: str
    #: why it is responding: "ncnd-statement", "subject", "holder-of", "letterhead", "sign-off", "header"
    reason: str | None = None
    #: the stretch of text that shows the role (for evidence)
    context: str = ""


def _fold(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("-", " ").replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


@cache
def authorities() -> tuple[Authority, ...]:
    """Every authority in data/authorities.toml."""
    table = load_toml("data/authorities.toml")
    return tuple(
        Authority(row["name"], row.get("kind", "police"), tuple(row.get("aliases", ())))
        for row in table.get("authority", [])
    )


def _alias_pattern(alias: str) -> str:
    """A regex for one name: "and"/"&", hyphen/space and apostrophes interchangeable."""
    words = re.split(r"[\s\-]+", alias.strip())
    parts = []
    for word in words:
        if word.lower() in ("and", "&"):
            parts.append(r"(?:and|&)")
        elif word.lower() == "the":
            parts.append(r"[Tt]he")
        else:
            parts.append(re.escape(word).replace("'", "['\u2019]?"))
    return r"[\s\-]+".join(parts)


def _case_sensitive(alias: str) -> bool:
    """Short forms ("WMP", "the Met") must be written as given; full names may vary in case."""
    content = [w for w in re.split(r"[\s\-]+", alias) if w.lower() != "the"]
    return len(content) <= 1


def _build_pattern(aliases: Iterable[str], flags: int) -> re.Pattern:
    ordered = sorted(set(aliases), key=len, reverse=True)
    body = "|".join(_alias_pattern(a) for a in ordered) or "(?!)"
    return re.compile(rf"(?<![\w/.@-])(?:{body})(?![\w@]|\.\w)", flags)


@cache
def _aliases() -> tuple[tuple[str, bool, str], ...]:
    """(alias, case-sensitive?, key word) for every name and alias in the table.

    The key word is the alias's longest word, lower case, up to any apostrophe:
    every spelling :func:`_alias_pattern` accepts holds it as written (whatever
    the case), so a text without it cannot name that alias.
    """
    out = []
    for authority in authorities():
        for alias in (authority.name, *authority.aliases):
            words = [w.lower() for w in re.split(r"[\s\-]+", alias.strip()) if w.lower() not in ("and", "&", "the")]
            words = [w.split("'")[0] for w in words] or ["the"]
            out.append((alias, _case_sensitive(alias), max(words, key=len)))
    return tuple(out)


@cache
def _by_alias() -> dict[str, Authority]:
    """Folded name or alias -> its authority (the first row that gives it)."""
    by_alias: dict[str, Authority] = {}
    for authority in authorities():
        for alias in (authority.name, *authority.aliases):
            by_alias.setdefault(_fold(alias), authority)
    return by_alias


def _patterns(aliases: list[tuple[str, bool]]) -> tuple[re.Pattern, ...]:
    """(alias, case-sensitive?) pairs as alternations: case-insensitive full names, then
    case-sensitive short forms (an empty group gives none)."""
    insensitive = [a for a, sensitive in aliases if not sensitive]
    sensitive = [a for a, sensitive in aliases if sensitive]
    return tuple(
        _build_pattern(group, flags) for group, flags in ((insensitive, re.IGNORECASE), (sensitive, 0)) if group
    )


@cache
def _full_patterns() -> tuple[re.Pattern, ...]:
    """Every alias: for text outside ASCII, where the key-word test cannot be trusted."""
    return _patterns([(a, sensitive) for a, sensitive, _ in _aliases()])


@lru_cache(maxsize=None)
def _matchers_for(key: str) -> tuple[re.Pattern, ...]:
    """The alternations for just the aliases whose key word is ``key``, built when first
    needed: a text names a few authorities, and a few short alternations are searched
    many times faster than the full ones."""
    return _patterns([(a, sensitive) for a, sensitive, k in _aliases() if k == key])


@cache
def _needed_words() -> tuple[str, ...]:
    """The aliases' key words (see :func:`_aliases`), longest first."""
    return tuple(sorted({key for _, _, key in _aliases()}, key=len, reverse=True))


def _lookup(text: str) -> Authority | None:
    return _by_alias().get(_fold(text))


def find_mentions(text: str) -> tuple[Mention, ...]:
    """Authorities named in ``text``, in order, the longest match where names overlap.

    A body block's are kept in its facts (:attr:`BlockFacts.mentions`), by text.
    """
    if text.isascii():
        low = text.lower()
        patterns = [p for word in _needed_words() if word in low for p in _matchers_for(word)]
        if not patterns:
            return ()  # most sentences name no authority: no alternation to search
    else:  # IGNORECASE equates letters str.lower() does not ("ſ" and "s"): search for every name
        patterns = _full_patterns()
    found: list[Mention] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            authority = _lookup(m.group(0))
            if authority is not None:
                found.append(Mention(authority, m.start(), m.end(), m.group(0)))
    return leftmost_longest(found)


def resolve(name: str | None) -> Authority | None:
    """The table's authority for a configured name ("WMP", "kent police"), or an ad-hoc one."""
    if not name or not name.strip():
        return None
    known = _lookup(name)
    if known is not None:
        return known
    mentions = find_mentions(name)
    if len(mentions) == 1 and _fold(mentions[0].text) == _fold(name):
        return mentions[0].authority
    return Authority(name.strip(), "configured", ())


def same_authority(a: Authority | None, b: Authority | None) -> bool:
    if a is None or b is None:
        return False
    if a == b or a.key == b.key:
        return True
    names_a = {_fold(x) for x in (a.name, *a.aliases)}
    names_b = {_fold(x) for x in (b.name, *b.aliases)}
    return bool(names_a & names_b)


# --- Roles --------------------------------------------------------------------

#: A responding body is the subject of these ("Kent Police can neither confirm ...").
_AUX = r"(?:can|cannot|can't|will|won't|would|does|doesn't|do|did|is|isn't|are|has|have|had|may|might|must|shall|should|could|also|currently|therefore|thus|not|n't|neither|routinely|itself)"
_RESPONDER_VERB = (
    r"(?:neither|hold|holds|held|holding|use|uses|used|utilises?|utilizes?|rel(?:y|ies|ied)|employs?|deploys?"
    r"|operates?|owns?|possess(?:es)?|purchase[sd]?|procure[sd]?|confirms?|den(?:y|ies)|considers?|considered"
    r"|believes?|recognises?|recognizes?|acknowledges?|takes?|applies|apply|applied|cites?|cited"
    r"|committed|unable|required|satisfied|of\s+the\s+(?:view|opinion)|decided|responds?|responded"
    r"|records?|retains?|keeps?|stores?|collates?)"
)
_AFTER_SUBJECT = re.compile(rf"^(?:'s\s+\w+\s+)?\s*(?:,[^,.;]{{1,50}},\s*)?(?:{_AUX}\s+){{0,3}}{_RESPONDER_VERB}\b", re.I)
_AFTER_NCND = re.compile(r"^\s*(?:\w+\s+){0,3}?neither\s+confirms?\s+(?:n|o)or\s+den", re.I)
_BEFORE_HOLDER = re.compile(r"(?:\bwhether|\bwithin|\bacross|\bheld\s+by|\bused\s+by|\bon\s+behalf\s+of|\bhold)\s+(?:the\s+)?$", re.I)
_BEFORE_PASSING = re.compile(
    r"(?:\bother|\bsuch\s+as|\bincluding|\blike|\be\.g\.|\bfrom|\bto|\band|\bor|&|\bv\.?|\bversus|\bagainst"
    r"|\bwith|\bbetween|\bneighbouring|\bnor)\s+(?:the\s+)?$",
    re.I,
)
_AFTER_LIST = re.compile(r"^\s*(?:and|or|&|,)\s", re.I)

def named_in_passing(text: str, mention: Mention) -> bool:
    """Named beside others, not as the writer: "other forces such as Essex Police", "shared with Essex Police and ..."."""
    before = text[max(0, mention.start - 40) : mention.start]
    return bool(_BEFORE_PASSING.search(before) or _AFTER_LIST.match(text[mention.end : mention.end + 10]))


#: Blocks at the top (letterhead) and bottom (sign-off) of a letter.
_HEAD_BLOCKS = 4
_TAIL_BLOCKS = 6
_SHORT_WORDS = 12


def _short(text: str) -> bool:
    return len(text.split()) <= _SHORT_WORDS


def _classify(text: str, mention: Mention, position: str | None) -> tuple[str, str | None]:
    before = text[max(0, mention.start - 40) : mention.start]
    after = text[mention.end : mention.end + 80]
    strong = mention.authority.kind != "police"
    if _AFTER_NCND.match(after):
        return "responding", "ncnd-statement"
    if _BEFORE_PASSING.search(before) or _AFTER_LIST.match(after):
        return "passing", None
    if position and _short(text):
        return "responding", position
    if strong:
        # The ICO, the NPCC, councils: only the NCND statement or the letterhead makes them the sender.
        return "passing", None
    if _AFTER_SUBJECT.match(after):
        return "responding", "subject"
    if _BEFORE_HOLDER.search(before):
        return "responding", "holder-of"
    return "passing", None


def _context(text: str, mention: Mention) -> str:
    start = max(0, mention.start - 60)
    end = min(len(text), mention.end + 60)
    snippet = text[start:end].strip()
    return ("..." if start > 0 else "") + snippet + ("..." if end < len(text) else "")


def role_mentions(analysis: "Analysis") -> list[RoleMention]:
    """Every authority named in the body (and in DOCX headers/footers), with its role."""
    document = analysis.document
    blocks = document.blocks
    out: list[RoleMention] = []
    n = len(blocks)
    for block, facts in zip(blocks, analysis.facts):
        text = block.norm
        if not text:
            continue
        position = None
        if block.index < _HEAD_BLOCKS:
            position = "letterhead"
        elif block.index >= n - _TAIL_BLOCKS:
            position = "sign-off"
        for mention in facts.mentions:
            role, reason = _classify(text, mention, position)
            out.append(RoleMention(mention, block.index, role, reason, _context(text, mention)))
    for extra in document.extras:
        if extra.part not in ("header", "footer"):
            continue
        for mention in find_mentions(extra.norm):
            role, reason = _classify(extra.norm, mention, extra.part)
            out.append(RoleMention(mention, None, role, reason, _context(extra.norm, mention)))
    return out


def responding_mentions(analysis: "Analysis") -> list[RoleMention]:
    return [m for m in role_mentions(analysis) if m.role == "responding"]


_WEIGHT = {"ncnd-statement": 4, "letterhead": 3, "header": 3, "footer": 3, "sign-off": 3, "subject": 2, "holder-of": 2}


def responder_scores(mentions: Iterable[RoleMention]) -> Counter:
    scores: Counter = Counter()
    for m in mentions:
        if m.role == "responding":
            scores[m.mention.authority] += _WEIGHT.get(m.reason or "", 1)
    return scores


def infer_responder(analysis: "Analysis", mentions: list[RoleMention] | None = None) -> Authority | None:
    """The body the draft itself presents as responding: the best-scored responding mention.

    Ties go to the one named first, as a letterhead comes first. ``mentions``:
    :func:`responding_mentions` of the analysis, if the caller has them already
    (it reads and classifies every block).
    """
    if mentions is None:
        mentions = responding_mentions(analysis)
    scores = responder_scores(mentions)
    if not scores:
        return None
    first_seen = {}
    for m in mentions:
        first_seen.setdefault(m.mention.authority, m.block)
    return max(scores, key=lambda a: (scores[a], -first_seen[a]))
