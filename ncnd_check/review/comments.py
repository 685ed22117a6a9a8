"""Word comments: the range markers in the body and the w:comment in word/comments.xml.

Word offers to repair a file whose comment lacks any of its three pieces,
so every comment gets all of them with one id: ``w:commentRangeStart``
before the first character it is about, ``w:commentRangeEnd`` after the
last, and right after that a run holding ``w:commentReference``. The
drafter's own comments are left as they are; new ids start above every id
already used.
"""

from __future__ import annotations

from dataclasses import dataclass

from ncnd_check.review.anchoring import Span
from ncnd_check.review.ooxml import Names, TextMap, split_run

AUTHOR = "ncnd-check"
INITIALS = "NC"


@dataclass(slots=True)
class NewComment:
    id: int
    paragraphs: list[str]


def comment_text(finding, fixed: bool) -> list[str]:
    """The comment in plain words: rule and severity, the message, the suggestion; one paragraph each."""
    head = f"{finding.rule} ({finding.category}, {finding.severity}): {finding.message}"
    out = [head]
    if finding.suggestion:
        out.append(f"Suggestion: {finding.suggestion}")
    if fixed:
        out.append("Fixed here as a tracked change: accept it to apply the fix, reject it to keep the draft.")
    return out


def comment_element(c: NewComment, date: str, n: Names):
    """One w:comment: an annotationRef run in the first paragraph, as Word writes it."""
    el = n.el("comment", {"id": str(c.id), "author": AUTHOR, "date": date, "initials": INITIALS})
    for i, text in enumerate(c.paragraphs):
        p = n.el("p")
        if i == 0:
            ref = n.el("r")
            ref.append(n.el("annotationRef"))
            p.append(ref)
        r = n.el("r")
        r.append(n.el("t", text=text))
        p.append(r)
        el.append(p)
    return el


def empty_comments_part(n: Names):
    from lxml import etree

    return etree.Element(n("comments"), nsmap={"w": n.ns})


def mark_range(tmap: TextMap, span: Span, cid: int, n: Names) -> None:
    """Put the three markers of comment ``cid`` around ``span`` of the paragraphs in ``tmap``."""
    start_el = end_el = None
    if not span.whole and tmap.pieces:
        start_el, end_el = _span_runs(tmap, span, n)
    first, last = tmap.paragraphs[0], tmap.paragraphs[-1]
    crs = n.el("commentRangeStart", {"id": str(cid)})
    cre = n.el("commentRangeEnd", {"id": str(cid)})
    ref = n.el("r")
    ref.append(n.el("commentReference", {"id": str(cid)}))
    if _around_content_control(tmap.paragraphs, crs, cre, ref, n):
        return
    if start_el is None:
        ppr = first.find(n("pPr"))
        if ppr is not None:
            ppr.addnext(crs)
        else:
            first.insert(0, crs)
        last.append(cre)
        last.append(ref)
        return
    _widen(_field_start(start_el, n), n, first=True).addprevious(crs)
    _widen(_field_end(end_el, n), n, first=False).addnext(cre)
    # The reference run goes beside the paragraph's own children, never inside a hyperlink or field.
    holder = cre
    while holder.getparent() is not None and holder.getparent().tag != n("p"):
        holder = holder.getparent()
    holder.addnext(ref)


def _span_runs(tmap: TextMap, span: Span, n: Names):
    """(first run, last run) covering the span, splitting runs at its edges."""
    a = tmap.locate(span.start)
    b = tmap.locate(span.end, end=True)
    if a is None or b is None:
        return None, None
    return split_span(a, b, span.start, span.end, n)


def split_span(a, b, start: int, end: int, n: Names):
    """Split the runs of pieces ``a`` (holding ``start``) and ``b`` (holding ``end``) so the
    stretch is whole runs; returns (first run, last run)."""
    # Split at the end first: splitting at the start may then move b's node into a new run.
    split_run(b.run, b.node, end - b.start, n)
    start_run = split_run(a.run, a.node, start - a.start, n)
    if start_run is None:
        start_run = a.run
    if a.node is b.node and start_run is not a.run:
        return start_run, start_run  # one text node, cut on both sides: its middle is the new run
    return start_run, b.node.getparent()


def _sdt_head(p, n: Names):
    """The outermost block content control whose first paragraph ``p`` is, or None.

    LibreOffice 7.4 drops the text of such a paragraph when a comment is
    anchored inside it (Word does not), so those comments frame the whole
    control from outside instead.
    """
    head = None
    node = p
    while True:
        content = node.getparent()
        if content is None or content.tag != n("sdtContent"):
            return head
        first_p = next((c for c in content if c.tag in (n("p"), n("tbl"), n("sdt"))), None)
        if first_p is not node:
            return head
        head = node = content.getparent()


def _around_content_control(paragraphs, crs, cre, ref, n: Names) -> bool:
    """Put the markers outside the content control that opens with the block, if it does."""
    sdt = next((h for h in (_sdt_head(p, n) for p in paragraphs) if h is not None), None)
    if sdt is None:
        return False
    after, before = sdt.getnext(), sdt.getprevious()
    skip = (n("bookmarkStart"), n("bookmarkEnd"))
    while after is not None and after.tag in skip:
        after = after.getnext()
    while before is not None and before.tag in skip:
        before = before.getprevious()
    inside = [p for p in sdt.iter(n("p")) if _sdt_head(p, n) is None]
    if after is not None and after.tag == n("p") and _sdt_head(after, n) is None:
        ppr = after.find(n("pPr"))
        if ppr is not None:
            ppr.addnext(ref)
        else:
            after.insert(0, ref)
    elif before is not None and before.tag == n("p"):
        before.append(ref)
    elif inside:
        inside[-1].append(ref)
    else:
        return False
    sdt.addprevious(crs)
    sdt.addnext(cre)
    return True


def _widen(run, n: Names, first: bool):
    """The hyperlink or simple field holding ``run`` when the run is its first (or last) text:
    a marker outside the link keeps the link's replacement, inserted beside it, in the range."""
    parent = run.getparent()
    if parent is None or parent.tag not in (n("hyperlink"), n("fldSimple")):
        return run
    runs = [c for c in parent if c.tag == n("r")]
    return parent if runs and runs[0 if first else -1] is run else run


def _field_start(run, n: Names):
    """``run``, or the begin run of the complex field whose result holds it."""
    return _field_edge(run, n, forward=False)


def _field_end(run, n: Names):
    """``run``, or the end run of the complex field whose result holds it."""
    return _field_edge(run, n, forward=True)


def _field_edge(run, n: Names, forward: bool):
    """Walk siblings to the field character that encloses ``run`` (nested fields counted)."""
    inner, outer = ("begin", "end") if forward else ("end", "begin")
    depth = 0
    node = run.getnext() if forward else run.getprevious()
    while node is not None:
        kind = _fld_char(node, n)
        if kind == inner:
            depth += 1
        elif kind == outer:
            if depth == 0:
                return node
            depth -= 1
        node = node.getnext() if forward else node.getprevious()
    return run


def _fld_char(el, n: Names) -> str | None:
    if el.tag != n("r"):
        return None
    fc = el.find(n("fldChar"))
    return fc.get(n("fldCharType")) if fc is not None else None
