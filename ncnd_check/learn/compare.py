"""What changed between two libraries (``refs diff OLD NEW``), for reviewing a template change.

Paragraphs are paired by id first; a removed and an added paragraph whose
texts are still at least :data:`RENAMED` percent alike are one paragraph
reworded under a new id (learning names paragraphs after their words).
Text is compared as wording/matching.py compares a draft (case, punctuation and
spacing never count), and shown as its word-level redline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ncnd_check.wording.matching import push_redline, redline_text, words

#: Similarity at which a removed and an added paragraph are the same one reworded.
RENAMED = 70.0
#: Fields whose change is reported beside the text.
FIELDS = ("exemption", "role", "required", "one_of")


@dataclass
class Change:
    kind: str  # added | removed | reworded | changed
    old: object | None = None  # library.Paragraph
    new: object | None = None
    redline: list[tuple[str, str]] = field(default_factory=list)
    score: float = 100.0
    fields: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def id(self) -> str:
        if self.old is not None and self.new is not None and self.old.id != self.new.id:
            return f"{self.old.id} -> {self.new.id}"
        return (self.new or self.old).id

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.id,
            "old_id": self.old.id if self.old else None,
            "new_id": self.new.id if self.new else None,
            "exemption": (self.new or self.old).exemption,
            "similarity": round(self.score, 1),
            "redline": redline_text(self.redline) if self.redline else None,
            "fields": [{"field": f, "old": a, "new": b} for f, a, b in self.fields],
        }


class _Literal:
    def __init__(self, score, redline):
        self.score, self.redline = score, redline


def compare(a, b) -> _Literal:
    """Score and word-level redline of two library texts, placeholders compared as words
    (matching.compare would let ``{authority}`` stand for any name: right for a draft, not here)."""
    from rapidfuzz.distance import Indel

    total = len(a.keys) + len(b.keys)
    score = 100.0 * (1 - Indel.normalized_distance(a.keys, b.keys)) if total else 100.0
    redline: list[tuple[str, str]] = []

    def push(op: str, items: list[str]) -> None:
        push_redline(redline, op, items)

    deleted: list[str] = []
    inserted: list[str] = []
    for op in Indel.opcodes(a.keys, b.keys):
        if op.tag == "equal":
            push("delete", deleted)
            push("insert", inserted)
            deleted, inserted = [], []
            push("equal", b.display[op.dest_start : op.dest_end])
        else:  # one change block, deletions before insertions, however the opcodes come
            deleted += a.display[op.src_start : op.src_end]
            inserted += b.display[op.dest_start : op.dest_end]
    push("delete", deleted)
    push("insert", inserted)
    return _Literal(score, redline)


def compare_libraries(old, new) -> list[Change]:
    old_by = {p.id: p for p in old.paragraphs}
    new_by = {p.id: p for p in new.paragraphs}
    changes: list[Change] = []
    for pid in sorted(old_by.keys() & new_by.keys()):
        a, b = old_by[pid], new_by[pid]
        change = _pair(a, b, compare, words)
        if change:
            changes.append(change)
    removed = [old_by[i] for i in sorted(old_by.keys() - new_by.keys())]
    added = [new_by[i] for i in sorted(new_by.keys() - old_by.keys())]
    # Best pairs first, each paragraph paired at most once.
    scored = []
    for a in removed:
        wa = words(a.text, strip_label=False)
        for b in added:
            comp = compare(wa, words(b.text, strip_label=False))
            if comp.score >= RENAMED:
                scored.append((-comp.score, a.id, b.id, a, b))
    used_old: set[str] = set()
    used_new: set[str] = set()
    for _, aid, bid, a, b in sorted(scored, key=lambda s: s[:3]):
        if aid in used_old or bid in used_new:
            continue
        used_old.add(aid)
        used_new.add(bid)
        changes.append(_pair(a, b, compare, words, renamed=True))
    changes += [Change("removed", old=a) for a in removed if a.id not in used_old]
    changes += [Change("added", new=b) for b in added if b.id not in used_new]
    order = {"removed": 0, "reworded": 1, "changed": 2, "added": 3}
    changes.sort(key=lambda c: (order[c.kind], c.id))
    return changes


def _pair(a, b, compare, words, renamed: bool = False) -> Change | None:
    comp = compare(words(a.text, strip_label=False), words(b.text, strip_label=False))
    same_text = all(op == "equal" for op, _ in comp.redline) and _keys(a.text, words) == _keys(b.text, words)
    fields = [(f, getattr(a, f), getattr(b, f)) for f in FIELDS if getattr(a, f) != getattr(b, f)]
    if same_text and not fields and not renamed:
        return None
    kind = "changed" if same_text else "reworded"
    return Change(kind, a, b, [] if same_text else comp.redline, comp.score, fields)


def _keys(text: str, words) -> list[str]:
    return words(text, strip_label=False).keys
