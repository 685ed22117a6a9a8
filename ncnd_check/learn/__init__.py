"""Learning an approved-wording library from an authority's own letters (``refs learn``).

The steps, one module each:

- :mod:`~ncnd_check.learn.letters`: read every file through the readers and
  the analysis; keep the candidate paragraphs, their section and exemption,
  with the letter's own variable parts already placeholders
  (:mod:`~ncnd_check.learn.variables`).
- :mod:`~ncnd_check.learn.clustering`: group near-identical paragraphs across letters.
- :mod:`~ncnd_check.learn.consensus`: one text per group, the slots where
  letters disagree turned into placeholders.
- :mod:`~ncnd_check.learn.attach`: role, exemption, required / one_of.
- :mod:`~ncnd_check.learn.writer`: the reference_texts files, atomically.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ncnd_check import law
from ncnd_check.learn import attach, clustering, consensus, writer
from ncnd_check.learn import letters as letters_mod
from ncnd_check.learn.attach import mark_required
from ncnd_check.learn.writer import links_file
from ncnd_check.links.registry import registry
from ncnd_check.wording.library import SHARED, load_library

#: Letters a paragraph must be seen in to be learned. Measured (see
#: reference_texts/README.md, "Learning a library"): 2 learns a paragraph two
#: letters share by chance (a re-sent letter, two requests on one subject);
#: 3 keeps every template paragraph of an exemption cited three times or more.
DEFAULT_MIN_SUPPORT = 3
#: Response types a library is learned from.
NCND_TYPES = ("ncnd", "partial-ncnd")


class LearnError(Exception):
    """Nothing to learn from (no files, no NCND letters): a one-line reason."""


@dataclass
class Learned:
    files: dict[str, str]
    entries: list = field(default_factory=list)
    letters: list = field(default_factory=list)
    used: list[int] = field(default_factory=list)
    authority: str | None = None
    name: str = ""

    @property
    def unreadable(self) -> list:
        return [l for l in self.letters if l.error]

    @property
    def not_ncnd(self) -> list:
        return [l for l in self.letters if not l.error and l.response_type not in NCND_TYPES]


def learn(
    files: list[tuple[str, str]],
    settings,
    min_support: int = DEFAULT_MIN_SUPPORT,
    authority: str | None = None,
    name: str | None = None,
    jobs: int = 1,
    advance=None,
) -> Learned:
    """Learn a library from ``files`` ((path, display name) pairs); returns the files to write."""
    letters = letters_mod.read_letters(files, settings, authority, jobs=jobs, advance=advance)
    used = [i for i, l in enumerate(letters) if not l.error and l.response_type in NCND_TYPES]
    if not used:
        raise LearnError(f"none of the {len(letters)} files is a readable NCND response: nothing to learn from")
    total = len(used)
    cited_by = {i: set(letters[i].exemptions) for i in used}
    paras = [p for i in used for p in letters[i].paras]
    clusters = [c for c in clustering.cluster(paras) if len(c.letters) >= min_support]
    texts = [consensus.consensus_text(c) for c in clusters]
    entries = attach.attach(clusters, texts, cited_by, total)
    entries = _merge_same(entries, cited_by, total)
    names = [l.name for l in letters]
    by_exemption: dict[str, list] = {}
    for e in entries:
        by_exemption.setdefault(e.exemption, []).append(e)
    taken: set[str] = set()
    files_out: dict[str, str] = {}
    for exemption in sorted(by_exemption, key=_exemption_order):
        group = sorted(by_exemption[exemption], key=lambda e: (e.position, e.text))
        stem = writer.file_stem(exemption)
        for e in group:
            e.id = writer.slug(e.text, taken, f"{stem}.{e.role}")
            e.placeholders = sorted(set(_placeholders(e.text)))
        title, kind = _title(exemption)
        files_out[f"{stem}.toml"] = writer.paragraph_file(exemption, title, kind, group, names, total)
    who = authority or _most_common([letters[i].authority for i in used])
    label = name or (f"{who} (learned)" if who else "learned library")
    files_out["library.toml"] = writer.manifest_file(label, who, total)
    files_out["links.toml"] = _links(letters, used, min_support)
    ordered = [e for ex in sorted(by_exemption, key=_exemption_order) for e in sorted(by_exemption[ex], key=lambda e: (e.position, e.text))]
    return Learned(files_out, ordered, letters, used, who, label)


def _merge_same(entries, cited_by, total):
    """Two groups that came out as the same text for the same exemption are one entry."""
    merged: dict[tuple[str, str], object] = {}
    for e in entries:
        key = (e.exemption, e.text)
        if key in merged:
            m = merged[key]
            m.letters = sorted(set(m.letters) | set(e.letters))
        else:
            merged[key] = e
    out = list(merged.values())
    if len(out) != len(entries):
        for e in out:
            e.required, e.one_of = False, None
        mark_required(out, cited_by, total)
    return out


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"\{([a-z]+)\}", text)


def _most_common(values):
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _exemption_order(exemption: str):
    if exemption == SHARED:
        return (0, ())

    return (1, law.sort_key(exemption))


def _title(exemption: str) -> tuple[str, str | None]:
    if exemption == SHARED:
        return "Shared paragraphs (every NCND response)", None

    section = exemption[1:].split("(")[0]
    try:
        title = law.title(section) or ""
        kind = "absolute" if law.is_absolute(exemption) else "qualified"
    except (KeyError, ValueError):
        return "", None
    return title, kind


def _links(letters, used, min_support: int) -> str:
    bundled = load_library(None)
    reg = registry(bundled)
    counts = Counter(url for i in used for url in letters[i].links)
    current = sorted((u, n) for u, n in counts.items() if reg.superseded(u) is None and n >= min_support)
    return links_file(bundled.links, bundled.https_hosts, current)


def summary_rows(learned: Learned) -> list[tuple[str, int, int, int, str]]:
    """(exemption, entries, required, optional, placeholders) per exemption, for the summary table."""
    rows = []
    by: dict[str, list] = {}
    for e in learned.entries:
        by.setdefault(e.exemption, []).append(e)
    for exemption in sorted(by, key=_exemption_order):
        group = by[exemption]
        required = sum(1 for e in group if e.required)
        found = Counter(p for e in group for p in _placeholders(e.text))
        rows.append((exemption, len(group), required, len(group) - required,
                     ", ".join(f"{{{k}}} x{n}" for k, n in sorted(found.items())) or "-"))
    return rows
