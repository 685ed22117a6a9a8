"""Tracked changes authored "ncnd-check": accepting one applies a fix, rejecting it keeps the draft.

Every edit is built from whole runs: the runs holding the old words are
split at the edges of the change, each is wrapped in its own ``w:del``
(its ``w:t`` becoming ``w:delText``), and one ``w:ins`` holding the new
words follows. Comment markers and bookmarks between the runs are left
where they are, so a comment on the old words still frames the change.
An edit that would have to cut through something else (a field, a
content control, a drafter's own revision) is not made: the comment still
says what to change, and the drafter does it by hand.

Links are replaced whole: a ``w:hyperlink`` is kept with its runs deleted
and a copy pointing at a new relationship is inserted beside it; a complex
HYPERLINK field's runs (instructions and result) are deleted and a copy
with the new address inserted; a bare address in the text is an ordinary
edit. Rejecting leaves the old relationship in use, accepting the new one.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from ncnd_check.review.comments import split_span
from ncnd_check.review.ooxml import XML_SPACE, Names, TextMap, is_marker, run_props, split_run, text_run

AUTHOR = "ncnd-check"
#: Children a run may have and still be deleted as text.
_TEXT_CHILDREN = {"rPr", "t", "tab", "ptab", "br", "cr", "noBreakHyphen", "softHyphen", "lastRenderedPageBreak"}
_URL_CHAR = re.compile(r"[\w/%~?#=&+@-]")


class Skipped(Exception):
    """An edit that cannot be made cleanly here."""


@dataclass
class Revisions:
    """Ids, author and date for the tracked changes of one review copy."""

    next_id: int
    date: str
    made: int = 0

    def mark(self, local: str, n: Names):
        el = n.el(local, {"id": str(self.next_id), "author": AUTHOR, "date": self.date})
        self.next_id += 1
        self.made += 1
        return el


@dataclass
class Relationships:
    """The main part's relationships that this copy adds (hyperlinks only)."""

    targets: dict[str, str]  # rId -> target, existing ones
    added: dict[str, str] = field(default_factory=dict)

    def target(self, rid: str | None) -> str | None:
        return self.added.get(rid) or self.targets.get(rid) if rid else None

    def add_hyperlink(self, url: str) -> str:
        for rid, t in self.added.items():
            if t == url:
                return rid
        used = set(self.targets) | set(self.added)
        i = 1
        while f"rIdNcnd{i}" in used:
            i += 1
        rid = f"rIdNcnd{i}"
        self.added[rid] = url
        return rid


# ------------------------------------------------------------------ text edits


def replace_text(tmap: TextMap, start: int, end: int, new: str, revs: Revisions, n: Names) -> None:
    """Characters start..end of the map become ``new``, as a deletion and an insertion."""
    if start == end and not new:
        return
    if start < end:
        a, b = tmap.locate(start), tmap.locate(end, end=True)
        if a is None or b is None:
            raise Skipped("text not found")
        _check_between(a.run, b.run, n)
        first, last = split_span(a, b, start, end, n)
        runs = _siblings(first, last)
        rpr = run_props(first, n)
        for r in runs:
            if r.tag == n("r"):
                _delete_run(r, revs, n)
        anchor = last.getparent() if last.getparent().tag == n("del") else last
    else:
        anchor, rpr = _insertion_point(tmap, start, n)
    if new:
        ins = revs.mark("ins", n)
        ins.append(text_run(new, rpr, n))
        if anchor is None:
            _first_position(tmap.paragraphs[0], n, ins)
        else:
            anchor.addnext(ins)


def _check_between(first, last, n: Names) -> None:
    if first.getparent() is not last.getparent():
        raise Skipped("the words span more than one container")
    node = first
    while node is not None:
        if node.tag == n("r"):
            if any(n.local(c) not in _TEXT_CHILDREN for c in node):
                raise Skipped("a run holds more than text")
        elif not is_marker(node, n):
            raise Skipped("something other than text lies between")
        if node is last:
            return
        node = node.getnext()
    raise Skipped("runs out of order")


def _siblings(first, last) -> list:
    out, node = [], first
    while node is not None:
        out.append(node)
        if node is last:
            break
        node = node.getnext()
    return out


def _delete_run(run, revs: Revisions, n: Names) -> None:
    for c in run:
        if c.tag == n("t"):
            c.tag = n("delText")
            c.set(XML_SPACE, "preserve")
        elif c.tag == n("instrText"):
            c.tag = n("delInstrText")
    d = revs.mark("del", n)
    run.addprevious(d)
    d.append(run)


def _insertion_point(tmap: TextMap, offset: int, n: Names):
    """(element to insert after or None for the paragraph's start, properties to copy)."""
    if offset == 0 or not tmap.pieces:
        first = tmap.pieces[0].run if tmap.pieces else None
        return None, run_props(first, n)
    piece = tmap.locate(offset, end=True)
    if piece is None:
        raise Skipped("position not found")
    split_run(piece.run, piece.node, offset - piece.start, n)
    return piece.node.getparent(), run_props(piece.run, n)


def _first_position(p, n: Names, el) -> None:
    ppr = p.find(n("pPr"))
    if ppr is not None:
        ppr.addnext(el)
    else:
        p.insert(0, el)


def word_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """Word-level (start, end, replacement) edits turning ``old`` into ``new``; only changed words move."""
    from rapidfuzz.distance import Indel

    a = [(m.start(), m.end()) for m in re.finditer(r"\S+", old)]
    b = [(m.start(), m.end()) for m in re.finditer(r"\S+", new)]
    ka = [_key(old[s:e]) for s, e in a]
    kb = [_key(new[s:e]) for s, e in b]
    edits: list[tuple[int, int, str]] = []
    for tag, d1, d2, i1, i2 in _change_blocks(Indel.opcodes(ka, kb)):
        if tag == "equal":
            # Same word, different spelling of it (case, punctuation): respell just that.
            for i, j in zip(range(d1, d2), range(i1, i2)):
                edits.extend(_respell(old[a[i][0]:a[i][1]], a[i][0], new[b[j][0]:b[j][1]]))
            continue
        text = new[b[i1][0]:b[i2 - 1][1]] if i2 > i1 else ""
        if d2 > d1:
            s, e = a[d1][0], a[d2 - 1][1]
            if not text:  # a pure deletion takes one space with it
                if e < len(old) and old[e] == " ":
                    e += 1
                elif s > 0 and old[s - 1] == " ":
                    s -= 1
            edits.append((s, e, text))
        else:
            at = a[d1][0] if d1 < len(a) else len(old.rstrip())
            if not a:
                edits.append((0, len(old), text))
            else:
                edits.append((at, at, text + " " if d1 < len(a) else " " + text))
    return edits


def _change_blocks(opcodes):
    """Opcodes with each run of inserts and deletes merged into one change: edits never overlap."""
    pending = None
    for op in opcodes:
        if op.tag == "equal":
            if pending:
                yield pending
                pending = None
            yield ("equal", op.src_start, op.src_end, op.dest_start, op.dest_end)
        elif pending is None:
            pending = ("change", op.src_start, op.src_end, op.dest_start, op.dest_end)
        else:
            pending = ("change", pending[1], op.src_end, pending[3], op.dest_end)
    if pending:
        yield pending


def _respell(old: str, at: int, new: str) -> list[tuple[int, int, str]]:
    """One word written differently: add or drop only trailing punctuation, else replace the word."""
    if old == new:
        return []
    if new.startswith(old):
        return [(at + len(old), at + len(old), new[len(old):])]
    if old.startswith(new):
        return [(at + len(new), at + len(old), "")]
    return [(at, at + len(old), new)]


def _key(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower()) or word


def apply_edits(make_map, edits: list[tuple[int, int, str]], revs: Revisions, n: Names) -> int:
    """Apply edits (offsets in the map's text) from the last to the first; returns how many were made.

    ``make_map`` builds a fresh TextMap: each edit changes the runs, and the
    visible text before an edit point does not move, so going backwards keeps
    every remaining offset right.
    """
    done = 0
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        replace_text(make_map(), start, end, text, revs, n)
        done += 1
    return done


# ------------------------------------------------------------------ links


def replace_link(paragraphs, old: str, new: str, rels: Relationships, revs: Revisions, n: Names, r_ns: str) -> int:
    """Replace every use of address ``old`` in the paragraphs with ``new``; returns how many."""
    count = 0
    rid_attr = "{%s}id" % r_ns
    for p in paragraphs:
        for h in list(p.iter(n("hyperlink"))):
            target = rels.target(h.get(rid_attr))
            if target and _same_url(target, old) and not _revised(h, n):
                _replace_hyperlink(h, old, new, rels, revs, n, rid_attr)
                count += 1
        for fs in list(p.iter(n("fldSimple"))):
            instr = fs.get(n("instr")) or ""
            if old in instr and not _revised(fs, n):
                _replace_simple_field(fs, old, new, revs, n)
                count += 1
        for begin, runs in _complex_fields(p, n):
            instr = "".join(t.text or "" for r in runs for t in r.iter(n("instrText")))
            if old in instr:
                _replace_complex_field(runs, old, new, revs, n)
                count += 1
        count += _replace_bare(p, old, new, revs, n)
    return count


def _same_url(target: str, url: str) -> bool:
    return target.strip() == url.strip() or target.split("#", 1)[0].strip() == url.strip()


def _revised(el, n: Names) -> bool:
    return any(el.iter(n("del"), n("ins"), n("moveFrom"), n("moveTo")))


def _swap(text: str, old: str, new: str) -> str:
    return text.replace(old, new)


def _replace_hyperlink(h, old, new, rels, revs, n, rid_attr) -> None:
    runs = [c for c in h if c.tag == n("r")]
    if any(not (c.tag == n("r") or is_marker(c, n)) for c in h):
        raise Skipped("hyperlink holds more than runs")
    clone = copy.deepcopy(h)
    clone.set(rid_attr, rels.add_hyperlink(new))
    for c in list(clone):
        if is_marker(c, n):
            clone.remove(c)  # the markers stay with the original
    _swap_texts([c for c in clone if c.tag == n("r")], old, new, n)
    for r in runs:
        _delete_run(r, revs, n)
    ins = revs.mark("ins", n)
    for r in list(clone):
        ins.append(r)
    clone.append(ins)
    h.addnext(clone)


def _swap_texts(runs, old: str, new: str, n: Names) -> None:
    """Put the new address in the visible text where the old one was, even split over runs."""
    nodes = [t for r in runs for t in r.iter(n("t"))]
    joined = "".join(t.text or "" for t in nodes)
    if old not in joined:
        return
    if len(nodes) == 1 or any(old in (t.text or "") for t in nodes):
        for t in nodes:
            if t.text and old in t.text:
                t.text = _swap(t.text, old, new)
        return
    nodes[0].text = _swap(joined, old, new)
    for t in nodes[1:]:
        t.text = ""


def _replace_simple_field(fs, old, new, revs, n) -> None:
    clone = copy.deepcopy(fs)
    clone.set(n("instr"), _swap(fs.get(n("instr")) or "", old, new))
    runs = [c for c in fs if c.tag == n("r")]
    _swap_texts([c for c in clone if c.tag == n("r")], old, new, n)
    for r in runs:
        _delete_run(r, revs, n)
    ins = revs.mark("ins", n)
    for r in [c for c in clone if c.tag == n("r")]:
        ins.append(r)
    for c in list(clone):
        if c.tag != n("r"):
            clone.remove(c)
    clone.append(ins)
    fs.addnext(clone)


def _complex_fields(p, n: Names):
    """(begin run, runs from begin to end) for each top-level complex field among a parent's children."""
    out = []
    for parent in [p, *p.iter(n("hyperlink"))]:
        children = list(parent)
        i = 0
        while i < len(children):
            c = children[i]
            if _fld(c, n) == "begin":
                depth, j = 0, i
                while j < len(children):
                    kind = _fld(children[j], n)
                    if kind == "begin":
                        depth += 1
                    elif kind == "end":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                if j < len(children) and all(x.tag == n("r") or is_marker(x, n) for x in children[i:j + 1]):
                    out.append((c, [x for x in children[i:j + 1] if x.tag == n("r")]))
                i = j + 1
            else:
                i += 1
    return out


def _fld(el, n: Names) -> str | None:
    if el.tag != n("r"):
        return None
    fc = el.find(n("fldChar"))
    return fc.get(n("fldCharType")) if fc is not None else None


def _replace_complex_field(runs, old, new, revs, n) -> None:
    clones = [copy.deepcopy(r) for r in runs]
    for r in clones:
        for t in r.iter(n("instrText")):
            if t.text and old in t.text:
                t.text = _swap(t.text, old, new)
    _swap_texts(clones, old, new, n)
    last = runs[-1]
    for r in runs:
        _delete_run(r, revs, n)
    ins = revs.mark("ins", n)
    for r in clones:
        ins.append(r)
    last.getparent().addnext(ins)


def _replace_bare(p, old, new, revs, n) -> int:
    """The address written as text (not already a link we replaced)."""
    count = 0
    while True:
        tmap = TextMap([p], n)
        hit = _find_url(tmap.text, old)
        if hit is None:
            return count
        a = tmap.locate(hit)
        if a is not None and _inside_link(a.run, n):
            return count  # the visible text of a link to elsewhere: leave it
        replace_text(tmap, hit, hit + len(old), new, revs, n)
        count += 1


def _inside_link(run, n: Names) -> bool:
    parent = run.getparent()
    while parent is not None and parent.tag != n("p"):
        if parent.tag in (n("hyperlink"), n("fldSimple")):
            return True
        parent = parent.getparent()
    return False


def _find_url(text: str, url: str) -> int | None:
    start = 0
    while True:
        i = text.find(url, start)
        if i < 0:
            return None
        end = i + len(url)
        before_ok = i == 0 or not _URL_CHAR.match(text[i - 1])
        after = text[end:end + 2]
        after_ok = not after or not (_URL_CHAR.match(after[0]) or (after[0] in ".," and len(after) > 1 and after[1].isalnum()))
        if before_ok and after_ok:
            return i
        start = i + 1


# ------------------------------------------------------------------ paragraphs


def insert_paragraph_after(p, text: str, revs: Revisions, n: Names, like=None):
    """A new paragraph after ``p`` (or after the table holding it), its text and its mark inserted."""
    holder = p
    while holder.getparent() is not None and holder.getparent().tag not in (n("body"), n("sdtContent")):
        if holder.getparent().tag == n("tc"):
            # After the table, not inside the cell.
            tbl = holder.getparent()
            while tbl is not None and tbl.tag != n("tbl"):
                tbl = tbl.getparent()
            holder = tbl if tbl is not None else holder
            break
        holder = holder.getparent()
    new = n.el("p")
    ppr = n.el("pPr")
    source = like if like is not None else p
    style = source.find(f"{n('pPr')}/{n('pStyle')}")
    if style is not None:
        ppr.append(copy.deepcopy(style))
    rpr = n.el("rPr")
    rpr.append(revs.mark("ins", n))
    ppr.append(rpr)
    new.append(ppr)
    ins = revs.mark("ins", n)
    first_run = next((r for r in source.iter(n("r")) if r.find(n("t")) is not None), None)
    ins.append(text_run(text, run_props(first_run, n), n))
    new.append(ins)
    holder.addnext(new)
    return new
