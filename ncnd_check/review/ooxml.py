"""WordprocessingML helpers for the review copy: parsing, names, and a paragraph's text map.

The review copy edits only the main part and the comments part, so each is
parsed here with a parser that keeps everything (XML comments and
processing instructions included: the copy must change nothing it does not
mean to) but still never loads a DTD, expands an entity or touches the
network. The part has already been read once by the hardened reader, which
refuses a DOCTYPE; :func:`parse` checks again rather than trust that.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ncnd_check.readers.ooxml_package import W_NS, W_STRICT
from ncnd_check.readers.safety import parse_part

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Range markers and other zero-width children a text edit steps over.
_MARKERS = {"commentRangeStart", "commentRangeEnd", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd"}


def parse(data: bytes, name: str):
    """The part's root, for editing: comments and PIs kept, DTDs and entities never loaded."""
    from lxml import etree

    parse_part(data, name)  # refuses a DOCTYPE, reports bad XML as an InputError
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    return etree.fromstring(data, parser)


def serialise(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Names:
    """Qualified tag names in the document's own WordprocessingML namespace (transitional or strict)."""

    def __init__(self, ns: str = W_NS) -> None:
        self.ns = ns
        self.strict = ns == W_STRICT
        self.w = "{%s}" % ns

    def __call__(self, local: str) -> str:
        return self.w + local

    def local(self, el) -> str | None:
        tag = el.tag
        if isinstance(tag, str) and tag.startswith(self.w):
            return tag[len(self.w):]
        return None

    def el(self, local: str, attrib: dict | None = None, text: str | None = None):
        from lxml import etree

        e = etree.Element(self(local), {self(k): v for k, v in (attrib or {}).items()})
        if text is not None:
            e.text = text
            if local in ("t", "delText", "instrText", "delInstrText"):
                e.set(XML_SPACE, "preserve")
        return e


@dataclass(slots=True)
class Piece:
    """One stretch of visible text in a paragraph: ``node`` is the w:t (or tab, br ...) in ``run``."""

    run: object
    node: object
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class TextMap:
    """The visible text of one or more paragraphs and where each character lives.

    Visible means what Word shows with the drafter's tracked changes
    accepted: text in w:del and w:moveFrom and field instructions left out.
    Paragraphs are joined with "\\n". This is the review copy's own view, kept
    apart from the reader's: it only has to find strings in the XML.
    """

    def __init__(self, paragraphs, n: Names) -> None:
        self.n = n
        self.paragraphs = list(paragraphs)
        self.pieces: list[Piece] = []
        parts: list[str] = []
        pos = 0
        for i, p in enumerate(self.paragraphs):
            if i:
                parts.append("\n")
                pos += 1
            for run, node, text in _visible(p, n):
                self.pieces.append(Piece(run, node, pos, text))
                parts.append(text)
                pos += len(text)
        self.text = "".join(parts)

    def locate(self, offset: int, *, end: bool = False) -> Piece | None:
        """The piece holding character ``offset`` (with ``end``: the one ending at or after it)."""
        for piece in self.pieces:
            if piece.start <= offset < piece.end or (end and piece.start < offset <= piece.end):
                return piece
        return None


def _visible(p, n: Names):
    """(run, node, text) for each visible text node of paragraph ``p``, in order."""
    fields: list[str] = []  # "instr" or "result" for each open field
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        name = n.local(child)
        if name is None:
            continue
        if name in ("del", "moveFrom", "pPr", "rPr", "p", "tbl", "txbxContent", "sdtPr"):
            continue
        if name == "r":
            hidden = _hidden(child, n)
            for node in child:
                kind = n.local(node)
                if kind == "fldChar":
                    t = node.get(n("fldCharType"))
                    if t == "begin":
                        fields.append("instr")
                    elif t == "separate" and fields:
                        fields[-1] = "result"
                    elif t == "end" and fields:
                        fields.pop()
                elif "instr" in fields or hidden:
                    continue
                elif kind == "t" and node.text:
                    yield child, node, node.text
                elif kind in ("tab", "ptab"):
                    yield child, node, "\t"
                elif kind in ("br", "cr"):
                    yield child, node, "\n"
                elif kind == "noBreakHyphen":
                    yield child, node, "\u2011"
            continue
        if len(child):
            stack.append(iter(child))


def _hidden(run, n: Names) -> bool:
    """A run with w:vanish or w:webHidden set: the reader leaves its text out, so does the map."""
    rpr = run.find(n("rPr"))
    if rpr is None:
        return False
    for tag in ("vanish", "webHidden"):
        el = rpr.find(n(tag))
        if el is not None and (el.get(n("val")) or "true").lower() not in ("0", "false", "off"):
            return True
    return False


def is_marker(el, n: Names) -> bool:
    return n.local(el) in _MARKERS


def split_run(run, node, offset: int, n: Names):
    """Split ``run`` so that ``offset`` characters into ``node`` begin a run of their own.

    Returns the run that starts at that point: ``run`` itself when nothing
    comes before it, a new run (same properties) placed right after ``run``
    otherwise, or None when nothing follows it.
    """
    children = [c for c in run if n.local(c) != "rPr"]
    idx = children.index(node)
    text = (node.text or "") if n.local(node) in ("t", "delText") else None
    if text is not None and 0 < offset < len(text):
        node.text = text[:offset]
        node.set(XML_SPACE, "preserve")
        moved = [n.el(n.local(node), text=text[offset:])] + children[idx + 1:]
    elif offset <= 0:
        if idx == 0:
            return run
        moved = children[idx:]
    else:
        moved = children[idx + 1:]
        if not moved:
            return None
    new = n.el("r")
    for k, v in run.attrib.items():
        new.set(k, v)
    rpr = run.find(n("rPr"))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    for c in moved:
        if c.getparent() is run:
            run.remove(c)
        new.append(c)
    run.addnext(new)
    return new


def run_props(run, n: Names):
    """A copy of the run's w:rPr with revision marks dropped, or None."""
    rpr = run.find(n("rPr")) if run is not None else None
    if rpr is None:
        return None
    rpr = copy.deepcopy(rpr)
    for mark in list(rpr):
        if n.local(mark) in ("ins", "del", "rPrChange", "moveFrom", "moveTo"):
            rpr.remove(mark)
    return rpr


def text_run(text: str, rpr, n: Names, *, deleted: bool = False):
    """A w:r holding ``text`` (tabs and line breaks as w:tab and w:br)."""
    r = n.el("r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    tag = "delText" if deleted else "t"
    buf = ""
    for ch in text:
        if ch in "\t\n":
            if buf:
                r.append(n.el(tag, text=buf))
                buf = ""
            r.append(n.el("tab" if ch == "\t" else "br"))
        else:
            buf += ch
    if buf:
        r.append(n.el(tag, text=buf))
    return r
