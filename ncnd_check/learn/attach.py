"""Where a learned paragraph belongs: its role, its exemption, whether it is required.

- Role: the majority of the roles its letters' structure gave it (letters.py).
- Exemption: the majority of the exemptions its letters' structure gave it
  (the section or factor group around it, or the one exemption it cites).
  When the letters say nothing, the exemption it travels with: every letter
  that has it cites that exemption, and that exemption is not cited by
  nearly every letter anyway (else nothing tells it apart from the shared
  parts). Otherwise it is shared.
- Required: it appears in at least :data:`REQUIRED_SHARE` of the letters
  citing its exemption (of all letters, for a shared paragraph). Paragraphs
  of one exemption and role that are each optional but between them cover
  that share, rarely together, are alternatives: required, ``one_of`` the role.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ncnd_check.learn.clustering import Cluster
from ncnd_check.wording.library import SHARED

#: "Nearly every letter": the share of letters citing an exemption that makes its paragraph required.
REQUIRED_SHARE = 0.9
#: Share of the letters that must agree on a paragraph's exemption or travel with it.
AGREE = 0.9
#: Share of a paragraph's letters that must cite an exemption for it to travel with it
#: (below AGREE: sent letters hold the odd paragraph pasted from another exemption).
TRAVEL = 0.75
#: How much more common (share of the letters citing it minus share of the others) a paragraph
#: must be where an exemption is cited to belong to it.
LIFT = 0.5
#: Roles that argue one exemption's case.
ARGUMENT_ROLES = ("harm", "factor-for", "factor-against", "balancing")


@dataclass
class Entry:
    """One learned paragraph, ready to write."""

    text: str
    role: str
    exemption: str
    letters: list[int]
    required: bool = False
    one_of: str | None = None
    position: float = 0.0
    #: Letters citing its exemption (all letters for a shared one): the denominator of its support.
    eligible: int = 0
    id: str = ""
    placeholders: list[str] = field(default_factory=list)


def role_of(cluster: Cluster) -> str:
    counts = Counter(p.role for p in cluster.paras)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def exemption_of(cluster: Cluster, role: str, cited_by: dict[int, set[str]], total: int) -> str:
    """The exemption a cluster of paragraphs belongs to, or "shared"."""
    votes = Counter(p.exemption for p in cluster.paras if p.exemption)
    letters = cluster.letters
    if votes and sum(votes.values()) * 2 >= len(cluster.paras):
        best, n = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if n * 3 >= 2 * sum(votes.values()):
            return best
    together = Counter(e for i in letters for e in cited_by.get(i, ()))
    overall = Counter(e for es in cited_by.values() for e in es)
    # Exemptions it travels with that not nearly every letter cites, and far more common where
    # they are cited than where they are not (not a coincidence of which letters have it).
    def lift(e: str) -> float:
        inside = together[e] / overall[e]
        outside = (len(letters) - together[e]) / (total - overall[e]) if total > overall[e] else 0.0
        return inside - outside

    telling = sorted(
        (e for e, n in together.items() if n >= TRAVEL * len(letters) and overall[e] < AGREE * total and lift(e) >= LIFT),
        key=lambda e: (-lift(e), overall[e], e),
    )
    if telling:
        if len(telling) == 1 or lift(telling[0]) != lift(telling[1]):
            return telling[0]
        return SHARED
    travels = [e for e, n in together.items() if n >= AGREE * len(letters)]
    if role in ARGUMENT_ROLES and len(travels) == 1:
        return travels[0]
    return SHARED
    if role in ARGUMENT_ROLES and len(travels) == 1:
        return travels[0]
    return SHARED


def attach(clusters: list[Cluster], texts: list[str], cited_by: dict[int, set[str]], total: int) -> list[Entry]:
    entries = []
    for cluster, text in zip(clusters, texts):
        role = role_of(cluster)
        exemption = exemption_of(cluster, role, cited_by, total)
        positions = sorted(p.position for p in cluster.paras)
        entries.append(Entry(text, role, exemption, sorted(cluster.letters), position=positions[len(positions) // 2]))
    mark_required(entries, cited_by, total)
    return entries


def _eligible(exemption: str, cited_by: dict[int, set[str]], total: int) -> set[int]:
    if exemption == SHARED:
        return set(range(total)) if not cited_by else set(cited_by)
    return {i for i, es in cited_by.items() if exemption in es}


def mark_required(entries: list[Entry], cited_by: dict[int, set[str]], total: int) -> None:
    groups: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        eligible = _eligible(e.exemption, cited_by, total)
        e.eligible = len(eligible)
        have = len(set(e.letters) & eligible)
        e.required = bool(eligible) and have >= REQUIRED_SHARE * len(eligible)
        if not e.required:
            groups.setdefault((e.exemption, e.role), []).append(e)
    for (exemption, role), members in sorted(groups.items()):
        eligible = _eligible(exemption, cited_by, total)
        if len(members) < 2 or not eligible:
            continue
        members = sorted(members, key=lambda e: (-len(e.letters), e.text))
        chosen: list[Entry] = []
        covered: set[int] = set()
        for e in members:
            mine = set(e.letters) & eligible
            if len(mine) < 0.1 * len(eligible) or len(mine & covered) > 0.2 * len(mine):
                continue
            chosen.append(e)
            covered |= mine
        if len(chosen) >= 2 and len(covered) >= REQUIRED_SHARE * len(eligible):
            for e in chosen:
                e.required, e.one_of = True, role
