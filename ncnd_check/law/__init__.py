"""The statute table (FOIA 2000) as typed data, loaded once from statute.toml.

Rules ask questions of the law here ("is s23(5) absolute?", "which NCND
subsection mirrors s24(1)?") instead of hard-coding section numbers, so the
facts live in one data file that a lawyer can check line by line.

Ids are the citation finder's normalised form: ``s24(2)``, ``s22A(2)``,
``s40(5B)``; a fuller form such as ``s40(5B)(a)(i)`` or ``s37(1)(a)`` is
accepted wherever an id is, and a bare section (``s24``, ``24``) where a
section is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Iterable

from ncnd_check.data_files import load_toml

__all__ = [
    "Exemption",
    "Limb",
    "Provision",
    "ParsedId",
    "parse_id",
    "section_of",
    "exemption",
    "provision",
    "exemptions",
    "is_foia_section",
    "is_part_ii",
    "is_exemption_id",
    "is_ncnd_subsection",
    "is_withholding_subsection",
    "is_legacy",
    "ncnd_for_withholding",
    "withholding_for_ncnd",
    "has_ncnd",
    "status",
    "is_absolute",
    "needs_harm",
    "needs_pit",
    "is_qualified",
    "is_prejudice_based",
    "basis",
    "section_name",
    "label",
    "title",
    "titles",
    "citation_vocabulary",
    "sort_key",
]

STATUSES = ("absolute", "qualified", "partly-absolute")
BASES = ("prejudice", "class", "endangerment", "required-for", "mixed")

_ID = re.compile(
    r"^\s*(?:s(?:ection)?\.?\s*)?(?P<section>\d{1,3})(?P<letter>[A-Za-z]?)"
    r"(?P<parts>(?:\s*\(\s*[0-9A-Za-z]{1,5}\s*\))*)\s*$",
    re.IGNORECASE,
)
_PART = re.compile(r"\(\s*([0-9A-Za-z]{1,5})\s*\)")


@dataclass(frozen=True, slots=True)
class ParsedId:
    """A provision id taken apart: ``s40(5B)(a)(i)`` -> section "40", parts ("5B", "a", "i")."""

    section: str  # "24", "22A"
    parts: tuple[str, ...]  # ("2",), ("5B", "a", "i"), () for a bare section

    @property
    def subsection(self) -> str | None:
        return self.parts[0] if self.parts and self.parts[0][:1].isdigit() else None

    @property
    def id(self) -> str:
        sub = self.subsection
        return f"s{self.section}({sub})" if sub else f"s{self.section}"

    @property
    def full(self) -> str:
        return "s" + self.section + "".join(f"({p})" for p in self.parts)


def _norm_part(part: str, first: bool) -> str:
    # Subsections carry an upper-case letter (5B); paragraphs are lower case ((a)(i)).
    if first and part[:1].isdigit():
        return part.upper()
    return part.lower()


@lru_cache(maxsize=1024)
def parse_id(text: str) -> ParsedId | None:
    """Parse ``s24(2)``, ``24(2)``, ``S.40(5b)(a)(i)``, ``22a``; None if it is not one.

    Kept for the most recent ids (ParsedId is frozen): a draft asks about the
    same few ids a few hundred times, through every statute look-up. Ids are
    a closed vocabulary, not a letter's text, so this is no text memo.
    """
    m = _ID.match(text)
    if not m:
        return None
    section = str(int(m["section"])) + m["letter"].upper()
    raw = _PART.findall(m["parts"])
    parts = tuple(_norm_part(p, i == 0) for i, p in enumerate(raw))
    return ParsedId(section=section, parts=parts)


def section_of(id_or_section: str) -> str | None:
    """The section number of an id: ``s22A(2)`` -> ``22A``."""
    parsed = parse_id(id_or_section)
    return parsed.section if parsed else None


@dataclass(frozen=True, slots=True)
class Limb:
    """Facts that differ for one subsection or paragraph of a section."""

    key: str  # "5B", "1(a)", "4(a)"
    status: str | None = None
    basis: str | None = None
    harm_expected: bool | None = None
    pit_required: bool | None = None
    configurable: bool = False
    legacy: bool = False
    no_ncnd: bool = False
    ico_view: str | None = None
    tribunal_view: str | None = None
    current: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Exemption:
    """One Part II exemption (a row of the statute table)."""

    section: str
    title: str
    statute_title: str
    aliases: tuple[str, ...]
    part_ii: bool
    ncnd: tuple[str, ...]
    withholding: tuple[str, ...]
    mirrors: dict[str, tuple[str, ...]]
    legacy_ncnd: tuple[str, ...]
    status: str
    basis: str
    harm_expected: bool
    pit_required: bool
    police_use: str
    notes: str
    sources: tuple[str, ...]
    absolute_when: str | None = None
    limbs: dict[str, Limb] = field(default_factory=dict)

    @property
    def titles(self) -> tuple[str, ...]:
        """Every title a draft may write beside the citation, longest first."""
        names = {self.title, self.statute_title, *self.aliases}
        return tuple(sorted((n for n in names if n), key=len, reverse=True))

    @property
    def url(self) -> str:
        return _table()["legislation_url"].format(section=self.section)

    def limb_for(self, parsed: ParsedId) -> Limb | None:
        """The most specific limb override for an id, if any (``1(ab)`` before ``1``)."""
        if not parsed.parts:
            return None
        first, rest = parsed.parts[0], parsed.parts[1:]
        keys = []
        if rest:
            keys.append(f"{first}({rest[0]})")
        keys.append(first)
        for key in keys:
            if key in self.limbs:
                return self.limbs[key]
        return None


@dataclass(frozen=True, slots=True)
class Provision:
    """A FOIA provision that drafts cite but that is not a Part II exemption (s1, s17...)."""

    section: str
    title: str
    aliases: tuple[str, ...]
    role: str
    notes: str
    sources: tuple[str, ...]

    @property
    def titles(self) -> tuple[str, ...]:
        names = {self.title, *self.aliases}
        return tuple(sorted((n for n in names if n), key=len, reverse=True))


# --------------------------------------------------------------------------- loading


@cache
def _table() -> dict[str, Any]:
    return load_toml("law/statute.toml")


def _limb(key: str, raw: dict[str, Any]) -> Limb:
    return Limb(
        key=key,
        status=raw.get("status"),
        basis=raw.get("basis"),
        harm_expected=raw.get("harm_expected"),
        pit_required=raw.get("pit_required"),
        configurable=bool(raw.get("configurable", False)),
        legacy=bool(raw.get("legacy", False)),
        no_ncnd=bool(raw.get("no_ncnd", False)),
        ico_view=raw.get("ico_view"),
        tribunal_view=raw.get("tribunal_view"),
        current=tuple(raw.get("current", ())),
        notes=raw.get("notes", ""),
    )


@cache
def exemptions() -> dict[str, Exemption]:
    """Every Part II exemption, keyed by section number ("24", "22A")."""
    out: dict[str, Exemption] = {}
    for section, raw in _table()["exemptions"].items():
        out[section] = Exemption(
            section=section,
            title=raw["title"],
            statute_title=raw.get("statute_title", raw["title"]),
            aliases=tuple(raw.get("aliases", ())),
            part_ii=bool(raw["part_ii"]),
            ncnd=tuple(raw["ncnd"]),
            withholding=tuple(raw["withholding"]),
            mirrors={k: tuple(v) for k, v in raw.get("mirrors", {}).items()},
            legacy_ncnd=tuple(raw.get("legacy_ncnd", ())),
            status=raw["status"],
            basis=raw["basis"],
            harm_expected=bool(raw["harm_expected"]),
            pit_required=bool(raw["pit_required"]),
            police_use=raw.get("police_use", ""),
            notes=raw.get("notes", ""),
            sources=tuple(raw["sources"]),
            absolute_when=raw.get("absolute_when"),
            limbs={k: _limb(k, v) for k, v in raw.get("limbs", {}).items()},
        )
    return out


@cache
def _provisions() -> dict[str, Provision]:
    out: dict[str, Provision] = {}
    for section, raw in _table()["provisions"].items():
        out[section] = Provision(
            section=section,
            title=raw["title"],
            aliases=tuple(raw.get("aliases", ())),
            role=raw["role"],
            notes=raw.get("notes", ""),
            sources=tuple(raw.get("sources", ())),
        )
    return out


@dataclass(frozen=True, slots=True)
class CitationVocabulary:
    """What the citation finder needs to tell FOIA from other enactments."""

    max_section: int
    foia_names: frozenset[str]
    other_act_acronyms: frozenset[str]
    other_instrument_words: frozenset[str]


@cache
def citation_vocabulary() -> CitationVocabulary:
    raw = _table()["citation"]
    return CitationVocabulary(
        max_section=int(raw["max_section"]),
        foia_names=frozenset(n.lower() for n in raw["foia_names"]),
        other_act_acronyms=frozenset(n.lower() for n in raw["other_act_acronyms"]),
        other_instrument_words=frozenset(n.lower() for n in raw["other_instrument_words"]),
    )


# --------------------------------------------------------------------------- look-ups


def _section_key(section: str) -> str | None:
    parsed = parse_id(section)
    return parsed.section if parsed else None


def exemption(section: str) -> Exemption:
    """The Part II exemption for a section or id (``"24"``, ``"s24(2)"``); KeyError if none."""
    key = _section_key(section)
    if key is None or key not in exemptions():
        raise KeyError(f"no FOIA Part II exemption for {section!r}")
    return exemptions()[key]


def provision(section: str) -> Provision | None:
    """A non-exemption FOIA provision (s1, s2, s10, s12, s14, s16, s17...), or None."""
    key = _section_key(section)
    return _provisions().get(key) if key else None


def is_part_ii(section: str) -> bool:
    """Whether a section (or id) is a Part II exemption: s21 to s44, with s22A."""
    key = _section_key(section)
    return key is not None and key in exemptions() and exemptions()[key].part_ii


def is_foia_section(section: str) -> bool:
    """Whether the number can be a FOIA section at all (1 to 88, or a known provision)."""
    key = _section_key(section)
    if key is None:
        return False
    if key in exemptions() or key in _provisions():
        return True
    digits = int(re.match(r"\d+", key).group())
    return key.isdigit() and 1 <= digits <= citation_vocabulary().max_section


def is_exemption_id(id: str) -> bool:
    """False for the FOIA provisions that are not exemptions (s1, s2, s10, s12, s14, s16, s17...)."""
    return provision(id) is None


def is_ncnd_subsection(id: str) -> bool:
    """Whether an id is an NCND subsection: ``s24(2)`` yes, ``s24(1)`` no; legacy ``s40(5)`` yes."""
    parsed = parse_id(id)
    if parsed is None or parsed.section not in exemptions():
        return False
    ex = exemptions()[parsed.section]
    return parsed.id in ex.ncnd or parsed.id in ex.legacy_ncnd


def is_withholding_subsection(id: str) -> bool:
    """Whether an id is a withholding (s1(1)(b)) subsection: ``s24(1)``, ``s40(2)``, ``s43(1)``."""
    parsed = parse_id(id)
    if parsed is None or parsed.section not in exemptions():
        return False
    return parsed.id in exemptions()[parsed.section].withholding


def is_legacy(id: str) -> bool:
    """Whether an id uses numbering superseded in 2018 (a bare ``s40(5)``)."""
    parsed = parse_id(id)
    if parsed is None or parsed.section not in exemptions():
        return False
    limb = exemptions()[parsed.section].limb_for(parsed)
    return bool(limb and limb.legacy)


def ncnd_for_withholding(id: str) -> list[str]:
    """The NCND subsection(s) that mirror a withholding one: ``s24(1)`` -> ``["s24(2)"]``.

    Empty when there is none (``s21(1)``, ``s43(1)``). Legacy ids are left out.
    """
    parsed = parse_id(id)
    if parsed is None or parsed.section not in exemptions():
        return []
    ex = exemptions()[parsed.section]
    return [n for n in ex.ncnd if parsed.id in ex.mirrors.get(n, ())]


def withholding_for_ncnd(id: str) -> list[str]:
    """The withholding subsection(s) an NCND one mirrors: ``s30(3)`` -> ``["s30(1)", "s30(2)"]``."""
    parsed = parse_id(id)
    if parsed is None or parsed.section not in exemptions():
        return []
    return list(exemptions()[parsed.section].mirrors.get(parsed.id, ()))


def has_ncnd(section: str) -> bool:
    """Whether a section has an NCND limb at all (every Part II exemption except s21)."""
    return is_part_ii(section) and bool(exemption(section).ncnd)


def _facts(id: str) -> tuple[Exemption, Limb | None]:
    parsed = parse_id(id)
    if parsed is None or parsed.section not in exemptions():
        raise KeyError(f"no FOIA Part II exemption for {id!r}")
    ex = exemptions()[parsed.section]
    return ex, ex.limb_for(parsed)


def status(id: str) -> str:
    """absolute | qualified | partly-absolute, for the most specific limb the id names."""
    ex, limb = _facts(id)
    return limb.status if limb and limb.status else ex.status


def is_absolute(id: str, pit_for_40_5b: bool = False) -> bool:
    """Whether the provision confers absolute exemption (no public-interest test).

    Partly absolute sections count as qualified unless the id names an absolute
    limb (``s37(1)(a)``): s36 is absolute only for the Houses of Parliament,
    which no police force is. s40(5B) (and legacy s40(5)) follow the ICO's
    long-standing view (absolute) unless ``pit_for_40_5b`` chooses Dunhill.
    """
    ex, limb = _facts(id)
    if limb and limb.configurable:
        return not pit_for_40_5b and limb.ico_view == "absolute"
    st = limb.status if limb and limb.status else ex.status
    return st == "absolute"


def basis(id: str) -> str:
    """prejudice | class | endangerment | required-for | mixed, most specific limb first."""
    ex, limb = _facts(id)
    return limb.basis if limb and limb.basis else ex.basis


def needs_harm(id: str) -> bool:
    """Whether the notice is expected to explain harm (prejudice, endangerment, s24)."""
    ex, limb = _facts(id)
    if limb and limb.harm_expected is not None:
        return limb.harm_expected
    return ex.harm_expected


def needs_pit(id: str, settings: Any = None) -> bool:
    """Whether a public-interest test is required for this provision.

    ``settings.pit_for_40_5b`` (Dunhill, 2025) decides s40(5B) and legacy s40(5).
    """
    pit_40 = bool(getattr(settings, "pit_for_40_5b", False))
    ex, limb = _facts(id)
    if limb and limb.configurable:
        return pit_40
    if limb and limb.pit_required is not None:
        return limb.pit_required
    if limb and limb.status == "absolute":
        return False
    return ex.pit_required


def is_qualified(id: str, settings: Any = None) -> bool:
    """Whether a public-interest test applies: the provision needs one and is not absolute.

    ``settings.pit_for_40_5b`` decides s40(5B) both ways (missing settings: the
    ICO's view). False for an id that is not a Part II exemption.
    """
    try:
        return needs_pit(id, settings) and not is_absolute(id, bool(getattr(settings, "pit_for_40_5b", False)))
    except KeyError:
        return False


#: The bases whose notice argues a level of prejudice ("would" / "would be likely to").
PREJUDICE_BASES = ("prejudice", "endangerment", "mixed")


def is_prejudice_based(id: str) -> bool:
    """Whether the exemption's test is prejudice (or endangerment, or mixed); False if not an exemption."""
    try:
        return basis(id) in PREJUDICE_BASES
    except KeyError:
        return False


def section_name(id: str) -> str:
    """How a letter names a provision: ``s24(2)`` -> ``"Section 24(2)"``, ``s40(5B)(a)(i)`` likewise."""
    return "Section " + id[1:]


def sections_named(ids: Iterable[str], joiner: str = "or") -> str:
    """Several provisions as a letter names them: ``["s31(3)", "s30(3)"]`` -> ``"Section 31(3) or 30(3)"``."""
    numbers = [i[1:] for i in ids]
    return "Section " + f" {joiner} ".join(numbers) if numbers else ""


def label(id: str) -> str:
    """A provision's name with its title: ``s24(2)`` -> ``"Section 24(2) (National Security)"``."""
    name = section_name(id)
    heading = title(id)
    return f"{name} ({heading})" if heading else name


def title(section: str) -> str | None:
    """The title forces write beside a section: ``"24"`` -> ``"National Security"``."""
    key = _section_key(section)
    if key is None:
        return None
    if key in exemptions():
        return exemptions()[key].title
    prov = _provisions().get(key)
    return prov.title if prov else None


def titles(section: str) -> tuple[str, ...]:
    """Every title the citation finder accepts beside a section, longest first."""
    key = _section_key(section)
    if key is None:
        return ()
    if key in exemptions():
        return exemptions()[key].titles
    prov = _provisions().get(key)
    return prov.titles if prov else ()


def sort_key(id: str) -> tuple:
    """Order ids by section number, then letter, then subsection: s22 < s22A < s23 < s24 < s24(1)."""
    parsed = parse_id(id)
    if parsed is None:
        return (10_000, id)
    m = re.match(r"(\d+)([A-Z]?)", parsed.section)
    num, letter = int(m.group(1)), m.group(2)
    parts = []
    for part in parsed.parts:
        pm = re.match(r"(\d*)(.*)", part)
        parts.append((int(pm.group(1)) if pm.group(1) else -1, pm.group(2)))
    return (num, letter, tuple(parts))
