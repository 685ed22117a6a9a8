"""Which w:p elements each block came from, and where in them a finding is about.

A finding points at a block (``location.block``); the review copy needs the
XML paragraphs. Rather than guess from text, the DOCX reader is run once
more with its paragraph step observed: every body paragraph it reads is
recorded under the index of the block it becomes part of (a table cell's
paragraphs, and a paragraph whose mark was deleted, all land in one
block). Only paragraphs that gave text are kept. The reader is not
changed: this subclasses it, so it always agrees with what was checked.

The anchor of each finding follows issue 13: the link for a link finding,
the sentence for a leak, the heading (the finding's own block) for a
missing factor or section, the paragraph for the rest, and the first
paragraph for a finding about the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ncnd_check.normalise import fold
from ncnd_check.readers import docx as reader
from ncnd_check.readers.ooxml_package import Package

LINK_CATEGORIES = ("outdated-link", "insecure-link")
SENTENCE_CATEGORIES = ("confirmation-leak",)
#: Categories whose evidence quotes words of the paragraph worth anchoring on.
QUOTING_CATEGORIES = ("confirmation-leak", "template-residue")


def paragraphs_by_block(data: bytes, name: str, settings) -> tuple[object, dict[int, list]]:
    """(root of the main part as the reader parsed it, block index -> its w:p elements)."""
    pkg = Package(data, name, settings)
    root = pkg.xml(pkg.main)
    ns = root.tag[1:].split("}", 1)[0]
    traced: dict[int, list] = {}

    class Tracing(reader._Reader):
        def _paragraph(self, p, part, index):
            res = super()._paragraph(p, part, index)
            if part.target is self.doc.blocks and res.text:
                traced.setdefault(index, []).append(p)
            return res

    Tracing(pkg, ns, name).read(root)
    return root, traced


def positions(root, traced: dict[int, list], w: str) -> dict[int, list[int]]:
    """Block index -> document-order positions of its w:p among all of the part's w:p."""
    order = {id(p): i for i, p in enumerate(root.iter(w + "p"))}
    return {b: [order[id(p)] for p in ps if id(p) in order] for b, ps in traced.items()}


@dataclass(slots=True)
class Span:
    """Characters ``start``..``end`` of the block's text map; None for the whole paragraph."""

    start: int | None = None
    end: int | None = None

    @property
    def whole(self) -> bool:
        return self.start is None


def anchor_block(finding, document) -> int | None:
    """The block a finding's comment goes on: its own, else the first paragraph."""
    block = finding.location.block
    if block is not None and 0 <= block < len(document.blocks):
        return block
    return first_paragraph(document)


def first_paragraph(document) -> int | None:
    """The first body block that is not a heading (the letter's opening), else the first block."""
    for b in document.blocks:
        if not b.is_heading and len(b.text.split()) >= 3:
            return b.index
    return document.blocks[0].index if document.blocks else None


def anchor_span(finding, text: str, document=None, block: int | None = None) -> Span:
    """Where in ``text`` (the block's visible text) the comment should sit."""
    if finding.location.block is None:
        return Span()
    if finding.category in LINK_CATEGORIES:
        for needle in _link_needles(finding, document, block):
            found = find(text, needle)
            if found:
                return Span(*found)
        return Span()
    if finding.category in SENTENCE_CATEGORIES:
        found = find(text, finding.evidence or "")
        if found:
            return sentence_around(text, *found)
        return Span()
    return Span()


def _link_needles(finding, document, block):
    """Strings to look for: the link's visible text (for the evidence URL), then the URL itself."""
    url = (finding.evidence or "").strip()
    out = []
    if document is not None and block is not None:
        for link in document.blocks[block].links:
            if url and url in (link.target, link.text) and link.text:
                out.append(link.text)
    if url:
        out.append(url)
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def sentence_around(text: str, start: int, end: int) -> Span:
    """Widen a quoted stretch to the sentence(s) it lies in."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    s = max(b for b in bounds if b <= start)
    e = min((b for b in bounds if b >= end), default=len(text))
    return Span(s, len(text[:e].rstrip()))


def find(text: str, needle: str) -> tuple[int, int] | None:
    """(start, end) of ``needle`` in ``text``; quotes, dashes, case and spacing forgiven."""
    needle = needle.strip().strip(".…").strip()
    if not needle:
        return None
    i = text.find(needle)
    if i >= 0:
        return i, i + len(needle)
    hay, index = _folded(text)
    pin, _ = _folded(needle)
    pin = pin.strip()
    if not pin:
        return None
    i = hay.find(pin)
    if i < 0:
        return None
    return index[i], index[i + len(pin) - 1] + 1


def _folded(text: str) -> tuple[str, list[int]]:
    """Lower-cased folded text with runs of space squeezed, and each character's offset in ``text``."""
    out: list[str] = []
    index: list[int] = []
    space = False
    for i, ch in enumerate(text):
        f = fold(ch).lower() if ch.strip() else " "
        if f == " " or not f:
            if not space and out:
                out.append(" ")
                index.append(i)
            space = True
            continue
        space = False
        for c in f:
            out.append(c)
            index.append(i)
    return "".join(out), index
