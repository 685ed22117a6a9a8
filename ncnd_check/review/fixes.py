"""Which findings become which fixes, and which fixes are safe.

A fix is offered where its text is known for certain from the findings:

- a superseded or insecure link: the link registry's replacement, or the
  ``https://`` form (the same mapping ``check --fix`` uses);
- another authority named as the responder: the configured authority's name;
- an altered approved paragraph: the approved wording, placeholders filled;
- a missing no-inference statement, or a required approved paragraph:
  inserted after the block the finding names (the end of its section).

``safe`` fixes are those whose result can be sent as it is. A fix whose
text still holds a placeholder (``{subject}`` when the request's subject
was not found) needs the drafter's words, so only ``--fixes all`` offers
it. An approved paragraph the draft wrote as two is never restored (one
paragraph cannot be made of two by a tracked change the drafter can judge);
its comment says what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ncnd_check.analysis.placeholders import LIBRARY_PLACEHOLDER
from ncnd_check.links.fixer import link_fixes

FIX_LEVELS = ("none", "safe", "all")

_REPLACE = re.compile(r"^Replace (['\"])(?P<old>.+?)\1 with (['\"])(?P<new>.+?)\3\.?$")
_ADD = re.compile(r"^Add: (['\"])(?P<text>.+)\1\.?$", re.S)


@dataclass
class Fix:
    kind: str  # link | name | restore | insert
    finding: object
    block: int | None
    old: str = ""
    new: str = ""
    safe: bool = True
    #: Set when the fix was made in the review copy.
    applied: bool = False


def plan_fixes(findings, document, library, level: str = "safe", settings=None) -> list[Fix]:
    """The fixes to make for these findings at ``level`` (none, safe, all), at most one kind per need."""
    if level == "none":
        return []

    mapping = link_fixes(document, library)
    fixes: list[Fix] = []
    seen_links: set[tuple[int, str]] = set()
    n_blocks = len(document.blocks)
    for f in findings:
        block = f.location.block
        in_body = block is not None and 0 <= block < n_blocks
        fix = None
        if f.category in ("outdated-link", "insecure-link") and in_body:
            url = (f.evidence or "").strip()
            if url in mapping and (block, url) not in seen_links:
                seen_links.add((block, url))
                fix = Fix("link", f, block, url, mapping[url])
        elif f.rule == "NCND702" and in_body:
            m = _REPLACE.match((f.suggestion or "").strip())
            if m and m.group("old") in document.blocks[block].text:
                fix = Fix("name", f, block, m.group("old"), m.group("new"))
        elif f.category == "wording-deviation" and in_body and f.suggestion:
            if "written as two paragraphs" not in f.message and _close(document.blocks[block].text, f.suggestion, settings):
                fix = Fix("restore", f, block, document.blocks[block].text, f.suggestion.strip())
        elif f.rule == "NCND104":
            m = _ADD.match((f.suggestion or "").strip())
            if m:
                after = block if in_body else (n_blocks - 1 if n_blocks else None)
                fix = Fix("insert", f, after, new=m.group("text").strip())
        elif f.category == "missing-approved-text" and in_body and f.suggestion:
            fix = Fix("insert", f, section_end(document, block), new=f.suggestion.strip())
        if fix is None or fix.block is None:
            continue
        fix.safe = not LIBRARY_PLACEHOLDER.search(fix.new)
        if fix.safe or level == "all":
            fixes.append(fix)
    return _one_rewrite_per_block(fixes)


def _close(draft: str, approved: str, settings) -> bool:
    """Restore only a paragraph that is recognisably the approved one (a split paragraph is not)."""
    from rapidfuzz.distance import Indel

    a, b = draft.lower().split(), approved.lower().split()
    threshold = getattr(settings, "wording_threshold", 70.0) if settings is not None else 70.0
    return bool(a) and Indel.normalized_similarity(a, b) * 100 >= threshold


def _one_rewrite_per_block(fixes: list[Fix]) -> list[Fix]:
    """A paragraph restored to approved wording takes no other edit (the two would overlap)."""
    other = {f.block for f in fixes if f.kind in ("link", "name")}
    restored: set[int] = set()
    out = []
    for f in fixes:
        if f.kind == "restore":
            if f.block in other or f.block in restored:
                continue
            restored.add(f.block)
        out.append(f)
    return out


def section_end(document, heading: int) -> int:
    """The last block of the section that starts at block ``heading``."""
    blocks = document.blocks
    level = blocks[heading].level or 1 if blocks[heading].is_heading else None
    i = heading + 1
    while i < len(blocks):
        b = blocks[i]
        if b.is_heading and (level is None or (b.level or 1) <= level):
            break
        i += 1
    return i - 1


def fixed_blocks(document, fixes: list[Fix]) -> list[str]:
    """The draft's block texts with every fix applied: what accepting all tracked changes gives."""
    texts = [b.text for b in document.blocks]
    inserts: dict[int, list[str]] = {}
    for fix in fixes:
        if fix.kind in ("link", "name"):
            texts[fix.block] = texts[fix.block].replace(fix.old, fix.new)
        elif fix.kind == "restore":
            texts[fix.block] = fix.new
        elif fix.kind == "insert":
            inserts.setdefault(fix.block, []).append(fix.new)
    out = []
    for i, t in enumerate(texts):
        out.append(t)
        out.extend(inserts.get(i, []))
    return out
