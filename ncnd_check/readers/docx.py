"""The DOCX reader: WordprocessingML read with lxml, one pass over each part.

python-docx drops tracked insertions, hidden text and field-code links, which
are exactly what an FOI draft leaks, so this walks the XML itself. The body
becomes blocks in reading order with tracked changes accepted; everything a
draft hides (revisions, comments, hidden and highlighted text, placeholders,
properties) is recorded on the Document for the hygiene rules. Text boxes,
headers, footers, footnotes and endnotes go to ``Document.extras`` (part
"textbox", "header", ...): they are read and their links checked, but they
are not body paragraphs, so structure and wording rules never see them.

Accepting tracked changes follows Word: insertions and moves-to stay,
deletions and moves-from go, and a paragraph whose mark was deleted is
joined to the next one. Field instructions are never text; a field's
visible result is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ncnd_check.document import Block, Comment, Document, Link, Marked, Revision
from ncnd_check.errors import InputError
from ncnd_check.memo import Recent
from ncnd_check.readers.headings import heading_level, is_sign_off
from ncnd_check.readers.limits import MAX_BLOCK_CHARS, too_long
from ncnd_check.readers.ooxml_package import (
    M_NS,
    M_STRICT,
    MC_NS,
    R_NS,
    R_STRICT,
    W_NS,
    W_STRICT,
    Package,
    Relationship,
)
from ncnd_check.readers.ooxml_styles import (
    Numbering,
    StyleInfo,
    find_child,
    first_child,
    on_off,
    read_styles,
)
from ncnd_check.readers.ooxml_symbols import symbol_char
from ncnd_check.readers.safety import RatioError, iter_children, parse_part
from ncnd_check.readers.urls import find_urls
from ncnd_check.settings import Settings

#: Styles by the styles part's bytes (see _Reader._styles).
_RECENT_STYLES: Recent = Recent(32)

_MC_ALT = f"{{{MC_NS}}}AlternateContent"
_MC_CHOICE = f"{{{MC_NS}}}Choice"
_MC_FALLBACK = f"{{{MC_NS}}}Fallback"
_M_T = (f"{{{M_NS}}}t", f"{{{M_STRICT}}}t")
_R_ID = (f"{{{R_NS}}}id", f"{{{R_STRICT}}}id")
_NOTE_SKIP = {"separator", "continuationSeparator", "continuationNotice"}
_REVISION_KIND = {"ins": "insertion", "del": "deletion", "moveFrom": "move-from", "moveTo": "move-to"}
_FIELD_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
#: What a table of contents web-hides: tabs, leader dots and page numbers.
_PAGE_NUMBER = re.compile(r"^[\s.·…]*(?:\d+|[ivxlcdm]+|[IVXLCDM]+)?[\s.]*$")


def read_docx(data: bytes, name: str, settings: Settings | None = None) -> Document:
    """Read a .docx into a Document; bad or hostile input raises InputError."""
    settings = settings or Settings()
    pkg = Package(data, name, settings)
    try:
        body = pkg.zip.read(pkg.main)
    except KeyError:
        raise InputError("unreadable", f"part {pkg.main} is missing: the file may be damaged") from None
    except RatioError as exc:
        _refuse_long_paragraph(pkg, exc)
    # The body is streamed (safety.iter_children): a long document is never one whole tree.
    stream = iter_children(body, pkg.main, "body")
    del body
    try:
        root = next(stream, None)
        tag = root.tag if root is not None and isinstance(root.tag, str) else ""
        ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
        if ns not in (W_NS, W_STRICT) or not tag.endswith("}document"):
            for _ in stream:  # a syntax error anywhere says "damaged" first, as a whole parse would
                pass
            raise InputError("unreadable", "the main part is not a Word document body: the file may be damaged")
        return _Reader(pkg, ns, name).read(stream)
    except RecursionError:
        raise InputError("unreadable", "the document is nested too deeply to read: the file may be damaged or hostile") from None


def _refuse_long_paragraph(pkg: Package, ratio: RatioError):
    """The body compresses like a zip bomb: say so, unless the real reason is a paragraph too long to check.

    A paragraph of one phrase repeated for megabytes compresses hundreds to one;
    its size is still within the part limit, so it is safe to read and measure.
    """
    try:
        root = parse_part(pkg.zip.read(pkg.main, check_ratio=False), pkg.main)
    except InputError:
        raise ratio from None
    w = root.tag.split("}", 1)[0] + "}" if isinstance(root.tag, str) and root.tag.startswith("{") else ""
    for p in root.iter(w + "p"):
        length = sum(len(t.text or "") for t in p.iter(w + "t"))
        if length > MAX_BLOCK_CHARS:
            raise too_long(length) from None
    raise ratio


def parse_hyperlink_field(instr: str) -> str | None:
    """The target of a HYPERLINK field code (``HYPERLINK "url" \\l "anchor" \\o "tip"``)."""
    tokens = [a if a is not None and b == "" else b for a, b in _FIELD_TOKEN.findall(instr)]
    if not tokens or tokens[0].upper() != "HYPERLINK":
        return None
    url = anchor = None
    i = 1
    while i < len(tokens):
        tok = tokens[i]
        if tok.startswith("\\") and len(tok) == 2:
            if tok.lower() == "\\l" and i + 1 < len(tokens):
                anchor = tokens[i + 1]
            if tok.lower() in ("\\l", "\\o", "\\t"):
                i += 1
        elif url is None:
            url = tok
        i += 1
    if not url:
        return None  # an internal jump (\l only): not a link to check
    return f"{url}#{anchor}" if anchor else url


# ---------------------------------------------------------------- state


@dataclass(slots=True)
class _Part:
    """Where the blocks of one part go, and the relationships its r:ids use."""

    name: str
    target: list
    rels: dict[str, Relationship]
    record: bool = True  # False for comment bodies: they are reported as comments


@dataclass(slots=True)
class _Field:
    instr: list = field(default_factory=list)
    in_result: bool = False
    start: int = 0
    para: int = 0


@dataclass(slots=True)
class _Para:
    """Text collected from one paragraph, with the spans that point into it."""

    part: _Part
    index: int
    serial: int
    buf: list = field(default_factory=list)
    pos: int = 0
    links: list = field(default_factory=list)  # (start, end, target, source)
    marked: list = field(default_factory=list)  # [kind, detail, text, end_pos]
    textboxes: list = field(default_factory=list)
    deleted: int = 0
    deleted_text: list = field(default_factory=list)
    para_hidden: str | None = None

    def text(self) -> str:
        return "".join(self.buf)

    def mark(self, kind: str, detail: str | None, text: str, at: int) -> None:
        last = self.marked[-1] if self.marked else None
        if last and last[0] == kind and last[1] == detail and last[3] == at - (len(text) if kind != "hidden" else 0):
            last[2] += text
            last[3] = at
        else:
            self.marked.append([kind, detail, text, at])


@dataclass(slots=True)
class _ParaResult:
    text: str
    links: list
    textboxes: list
    style: StyleInfo | None
    outline: int | None
    num: tuple[str, int] | None
    #: The paragraph mark is a tracked deletion: accepted, it joins the next paragraph.
    mark_deleted: bool = False


def _damaged_as_none(read, *args):
    """``read(*args)``, or None if the part is damaged ("unreadable"); unsafe or
    oversized parts still raise, refusing the whole file."""
    try:
        return read(*args)
    except InputError as exc:
        if exc.kind == "unreadable":
            return None
        raise


class _Reader:
    def __init__(self, pkg: Package, ns: str, name: str) -> None:
        self.pkg = pkg
        w = self.w = "{%s}" % ns
        self.doc = Document(path=name, format="docx")
        self.styles = self._styles(w)
        self.numbering = Numbering(self._optional("numbering"), w)
        self.fields: list[_Field] = []
        #: Text of a paragraph whose mark was deleted, waiting for the next paragraph.
        self.carry: dict[int, tuple] = {}
        self.instr_depth = 0
        self.serial = 0
        self.open_comments: dict[str, list] = {}
        self.anchors: dict[str, tuple[int | None, str]] = {}
        self.tables = {"body": 0, "extra": 0}
        self.inline = {
            w + "r": self._run,
            w + "hyperlink": self._hyperlink,
            w + "fldSimple": self._fld_simple,
            w + "ins": self._ins,
            w + "moveTo": self._ins,
            w + "del": self._del,
            w + "moveFrom": self._del,
            w + "sdt": self._inline_sdt,
            w + "commentRangeStart": self._comment_start,
            w + "commentRangeEnd": self._comment_end,
            w + "txbxContent": lambda el, st: st.textboxes.append(el),
            _MC_ALT: lambda el, st: self._inline_children(self._branch(el), st),
            _M_T[0]: self._math_text,
            _M_T[1]: self._math_text,
        }
        # A run's properties and children by local name, looked up once per element:
        # comparing each tag with ``w + "name"`` built a new string per comparison,
        # and real Word runs carry many properties (fonts, sizes, language ...).
        self.run_props = {w + t: t for t in ("vanish", "webHidden", "highlight", "rStyle", "rPrChange")}
        self.run_children = {w + t: t for t in (
            "t", "tab", "ptab", "br", "cr", "delText", "fldChar", "instrText", "sym", "noBreakHyphen",
            "softHyphen", "drawing", "pict", "object", "commentReference",
        )}
        self.run_children[_MC_ALT] = "AlternateContent"
        self.inline_skip = {w + t for t in (
            "pPr", "rPr", "sdtPr", "sdtEndPr", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart",
            "permEnd", "p", "tbl", "customXmlPr", "smartTagPr", "fldData", "moveFromRangeStart",
            "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
        )}
        self.block_skip = {w + t for t in (
            "sectPr", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd", "sdtPr",
            "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr", "customXmlPr", "moveFromRangeStart",
            "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
        )}

    # -- entry point

    def read(self, body_children) -> Document:
        """Read the body from ``body_children`` (the streamed children of w:body), then the other parts."""
        w, doc = self.w, self.doc
        main = _Part("body", doc.blocks, self.pkg.main_rels)
        for child in body_children:
            self._child(child, main)
        self._close_part()
        for kind, part_name in (("header", "header"), ("footer", "footer")):
            for target in self.pkg.related(kind):
                hroot = self._side_part(target)
                if hroot is not None:
                    self._container(hroot, _Part(part_name, doc.extras, self.pkg.relationships(target)))
                    self._close_part()
        for kind in ("footnotes", "endnotes"):
            for target in self.pkg.related(kind)[:1]:
                nroot = self._side_part(target)
                if nroot is None:
                    continue
                part = _Part(kind[:-1], doc.extras, self.pkg.relationships(target))
                for note in nroot:
                    if note.tag == w + kind[:-1] and note.get(w + "type") not in _NOTE_SKIP:
                        self._container(note, part)
                        self._close_part()
        self._read_comments()
        self.doc.properties = self.pkg.properties()
        self._clamp()
        _headings_by_shape(doc)
        return doc

    def _styles(self, w: str):
        """The styles part, read once per distinct content: a force's letters share
        their template's styles.xml (often the largest part after the body), and
        Styles is only read once built."""
        targets = self.pkg.related("styles")
        data = _damaged_as_none(self.pkg.optional_bytes, targets[0]) if targets else None
        if data is None:
            return read_styles(None, w)
        key = (w, data)
        styles = _RECENT_STYLES.get(key)
        if styles is None:
            styles = _RECENT_STYLES.put(key, read_styles(_damaged_as_none(parse_part, data, targets[0]), w))
        return styles

    def _optional(self, kind: str):
        targets = self.pkg.related(kind)
        return self._side_part(targets[0]) if targets else None

    def _side_part(self, target: str):
        """A part other than the body: damaged ones are skipped so the body is still checked;
        unsafe or oversized ones still refuse the whole file."""
        return _damaged_as_none(self.pkg.optional_xml, target)

    def _close_part(self) -> None:
        self.fields.clear()
        self.instr_depth = 0

    def _clamp(self) -> None:
        """Point records from a paragraph that left no block at the last real block."""
        n_body, n_extra = len(self.doc.blocks), len(self.doc.extras)
        for rec in (*self.doc.revisions, *self.doc.marked):
            n = n_body if rec.part == "body" else n_extra
            if rec.block is not None and rec.block >= n:
                rec.block = n - 1 if n else None
        for c in self.doc.comments:
            if c.block is not None and c.block >= n_body:
                c.block = n_body - 1 if n_body else None

    # -- block level

    def _branch(self, alt):
        """One branch of mc:AlternateContent: the first Choice, else the Fallback."""
        choice = find_child(alt, _MC_CHOICE)
        if choice is not None and len(choice):
            return choice
        fallback = find_child(alt, _MC_FALLBACK)
        return fallback if fallback is not None else alt[:0]

    def _container(self, el, part: _Part) -> None:
        for child in el:
            self._child(child, part)

    def _child(self, child, part: _Part) -> None:
        """One block-level element: a paragraph, a table, a content control or a wrapper."""
        w = self.w
        tag = child.tag
        if tag == w + "p":
            self._body_paragraph(child, part)
        elif tag == w + "tbl":
            self._table(child, part)
        elif tag == w + "sdt":
            self._block_sdt(child, part)
        elif tag == _MC_ALT:
            self._container(self._branch(child), part)
        elif tag == w + "commentRangeStart":
            self.open_comments[child.get(w + "id") or ""] = [len(part.target)]
        elif tag == w + "commentRangeEnd":
            self._finish_comment(child.get(w + "id") or "")
        elif tag in self.block_skip or not isinstance(tag, str):
            return
        elif tag in (w + "del", w + "moveFrom"):
            return  # a deleted block-level wrapper
        else:
            self._container(child, part)  # customXml, ins and other wrappers

    def _body_paragraph(self, p, part: _Part) -> None:
        index = len(part.target)
        res = self._paragraph(p, part, index)
        carried = self.carry.pop(id(part.target), None) if self.carry else None
        if carried is not None and carried[0] is part.target:
            # Word joins the two with nothing between; a space keeps the last word of
            # one and the first of the other apart, as pandoc does.
            res.text = f"{carried[1]} {res.text}".strip() if carried[1] and res.text else (carried[1] or res.text)
            res.links = carried[2] + res.links
        if res.mark_deleted and not self._part_ends_after(p):
            # Word's "accept all" joins this paragraph to the next; the joined one
            # keeps the next paragraph's mark, so its style and kind.
            self.carry[id(part.target)] = (part.target, res.text, res.links)
        elif res.text.strip():
            kind, level, label = self._classify(res)
            self._add_block(part, kind, res.text, level, res.style, label, res.links)
        elif res.num is not None:
            self._classify(res)  # an empty numbered paragraph still advances its list
        self._textboxes(res.textboxes, part)

    def _part_ends_after(self, p) -> bool:
        """True when no paragraph follows ``p`` in its container (nothing to join)."""
        nxt = p.getnext()
        while nxt is not None and nxt.tag != self.w + "p":
            if nxt.tag == self.w + "tbl":
                return True
            nxt = nxt.getnext()
        return nxt is None

    def _textboxes(self, boxes: list, part: _Part) -> None:
        if not boxes:
            return
        tb_part = _Part("textbox", self.doc.extras, part.rels, part.record)
        for box in boxes:
            self._container(box, tb_part)

    def _classify(self, res: _ParaResult) -> tuple[str, int | None, str | None]:
        """(kind, level, label) from outline level, style and numbering."""
        label = None
        if res.num is not None and res.num[0] not in ("", "0") and self.numbering.exists(res.num[0]):
            label = self.numbering.label(res.num[0], res.num[1])
            is_list = True
        else:
            is_list = False
        if res.outline is not None and 0 <= res.outline < 9:
            return "heading", res.outline + 1, label
        st = res.style
        if st is not None and st.heading:
            return "heading", st.heading, label
        if st is not None and st.title:
            return "heading", 1, label
        if is_list:
            return "list-item", res.num[1], label
        return "paragraph", None, None

    def _add_block(self, part, kind, text, level, style, label, links, cell=None) -> None:
        idx = len(part.target)
        for link in links:
            link.block = idx
            link.part = part.name
        part.target.append(Block(
            index=idx, kind=kind, text=text, level=level, links=links, part=part.name,
            style=style.name if style is not None else None, cell=cell, label=label,
        ))

    def _block_sdt(self, sdt, part: _Part) -> None:
        content = find_child(sdt, self.w + "sdtContent")
        if content is None:
            return
        start = len(part.target)
        self._container(content, part)
        if self._showing_placeholder(sdt) and part.record:
            text = "\n".join(b.text for b in part.target[start:])
            if text.strip():
                self.doc.marked.append(Marked("placeholder", text, start, None, part.name))

    def _showing_placeholder(self, sdt) -> bool:
        pr = find_child(sdt, self.w + "sdtPr")
        return pr is not None and on_off(find_child(pr, self.w + "showingPlcHdr"), self.w)

    def _wrapped(self, el, wanted: str):
        """Children with tag ``wanted``, looking through sdt/customXml/AlternateContent wrappers."""
        w = self.w
        for child in el:
            tag = child.tag
            if tag == wanted:
                yield child
            elif tag == w + "sdt":
                content = find_child(child, w + "sdtContent")
                if content is not None:
                    yield from self._wrapped(content, wanted)
            elif tag == _MC_ALT:
                yield from self._wrapped(self._branch(child), wanted)
            elif tag in (w + "customXml", w + "ins", w + "moveTo"):
                yield from self._wrapped(child, wanted)

    def _table(self, tbl, part: _Part) -> None:
        w = self.w
        key = "body" if part.name == "body" else "extra"
        number = self.tables[key]
        self.tables[key] += 1
        for row_no, tr in enumerate(self._wrapped(tbl, w + "tr")):
            col = 0
            trpr = find_child(tr, w + "trPr")
            if trpr is not None:
                before = find_child(trpr, w + "gridBefore")
                if before is not None and (before.get(w + "val") or "").isdigit():
                    col = int(before.get(w + "val"))
            for tc in self._wrapped(tr, w + "tc"):
                span, merged = 1, False
                tcpr = first_child(tc, w + "tcPr")
                if tcpr is not None:
                    gs = find_child(tcpr, w + "gridSpan")
                    if gs is not None and (gs.get(w + "val") or "").isdigit():
                        span = max(1, int(gs.get(w + "val")))
                    vm = find_child(tcpr, w + "vMerge")
                    merged = vm is not None and (vm.get(w + "val") or "continue") != "restart"
                    hm = find_child(tcpr, w + "hMerge")  # legacy horizontal merge
                    merged = merged or (hm is not None and (hm.get(w + "val") or "continue") != "restart")
                if not merged:
                    self._cell(tc, part, (number, row_no, col))
                col += span

    def _cell(self, tc, part: _Part, coord: tuple[int, int, int]) -> None:
        w = self.w
        index = len(part.target)
        texts, links, nested, boxes = [], [], [], []
        style = None
        for child in self._cell_items(tc):
            if child.tag == w + "tbl":
                nested.append(child)
                continue
            res = self._paragraph(child, part, index)
            boxes.extend(res.textboxes)
            if res.text.strip():
                texts.append(res.text)
                links.extend(res.links)
                style = style or res.style
            if res.num is not None:
                self._classify(res)
        if texts:
            self._add_block(part, "table-cell", "\n".join(texts), None, style, None, links, coord)
        for t in nested:
            self._table(t, part)
        self._textboxes(boxes, part)

    def _cell_items(self, el):
        w = self.w
        for child in el:
            tag = child.tag
            if tag in (w + "p", w + "tbl"):
                yield child
            elif tag == w + "sdt":
                content = find_child(child, w + "sdtContent")
                if content is not None:
                    yield from self._cell_items(content)
            elif tag == _MC_ALT:
                yield from self._cell_items(self._branch(child))
            elif tag in (w + "customXml", w + "ins", w + "moveTo"):
                yield from self._cell_items(child)

    # -- paragraphs

    def _paragraph(self, p, part: _Part, index: int) -> _ParaResult:
        w = self.w
        self.serial += 1
        st = _Para(part, index, self.serial)
        style = outline = num = None
        ppr = first_child(p, w + "pPr")
        style_id = None
        prop_change = False
        mark_deleted = False
        if ppr is not None:
            for child in ppr:
                tag = child.tag
                if tag == w + "pStyle":
                    style_id = child.get(w + "val")
                elif tag == w + "numPr":
                    nid, ilvl = find_child(child, w + "numId"), find_child(child, w + "ilvl")
                    num = (
                        nid.get(w + "val") if nid is not None else None,
                        int(ilvl.get(w + "val")) if ilvl is not None and (ilvl.get(w + "val") or "").isdigit() else None,
                    )
                elif tag == w + "outlineLvl":
                    val = child.get(w + "val") or ""
                    outline = int(val) if val.isdigit() else None
                elif tag == w + "pPrChange":
                    prop_change = child
                elif tag == w + "rPr":
                    for mark in child:
                        kind = _REVISION_KIND.get(mark.tag[len(w):]) if mark.tag.startswith(w) else None
                        if kind in ("deletion", "move-from"):
                            mark_deleted = True
                        if kind and part.record:
                            self.doc.revisions.append(Revision(
                                kind, mark.get(w + "author"), mark.get(w + "date"), "", index, part.name))
        style = self.styles.para(style_id)
        if style is not None:
            st.para_hidden = style.hidden
            if style.num is not None:
                if num is None:
                    num = style.num
                elif num[0] is None:
                    num = (style.num[0], num[1])
        if num is not None:
            num = (num[0] or "", num[1] if num[1] is not None else (style.num[1] if style is not None and style.num else 0))
        self._inline_children(p, st)
        # Instructions never span paragraphs; a field left open there is damaged.
        while self.fields and not self.fields[-1].in_result:
            self.fields.pop()
        self.instr_depth = 0
        for buf in self.open_comments.values():
            if len(buf) > 1:
                buf.append("\n")
        raw = st.text()
        text = raw.strip()
        if part.record:
            if prop_change is not False:
                self.doc.revisions.append(Revision(
                    "property-change", prop_change.get(w + "author"), prop_change.get(w + "date"), text, index, part.name))
            for kind, detail, mtext, _ in st.marked:
                self.doc.marked.append(Marked(kind, mtext, index, detail, part.name))
        return _ParaResult(text, self._links(st, raw), st.textboxes, style, outline, num, mark_deleted)

    def _links(self, st: _Para, text: str) -> list[Link]:
        spans = sorted(st.links, key=lambda s: s[0])
        links = [Link(target=t, text=text[a:b].strip(), source=src) for a, b, t, src in spans]
        if "." in text:
            known = {_url_key(t) for _, _, t, _ in spans}
            for a, b, url in find_urls(text):
                if any(a < e and s < b for s, e, _, _ in spans) or _url_key(url) in known:
                    continue
                links.append(Link(target=url, text=url, source="text"))
        return links

    def _inline_children(self, el, st: _Para) -> None:
        handlers, skip = self.inline, self.inline_skip
        for child in el:
            tag = child.tag
            handler = handlers.get(tag)
            if handler is not None:
                handler(child, st)
            elif tag in skip or not isinstance(tag, str):
                continue
            elif len(child):
                self._inline_children(child, st)  # smartTag, customXml, dir, bdo, oMath ...

    def _emit(self, st: _Para, text: str) -> None:
        st.buf.append(text)
        st.pos += len(text)
        if self.open_comments:
            for buf in self.open_comments.values():
                buf.append(text)

    def _run(self, r, st: _Para) -> None:
        w = self.w
        hidden = highlight = None
        rpr = first_child(r, w + "rPr")
        change = None
        if rpr is not None:
            run_props = self.run_props
            for prop in rpr:
                name = run_props.get(prop.tag)
                if name is None:
                    continue
                if name == "vanish":
                    if on_off(prop, w):
                        hidden = "vanish"
                elif name == "webHidden":
                    if on_off(prop, w) and hidden is None:
                        hidden = "webHidden"
                elif name == "highlight":
                    val = prop.get(w + "val")
                    if val and val.lower() != "none":
                        highlight = val
                elif name == "rStyle":
                    cs = self.styles.character.get(prop.get(w + "val") or "")
                    if cs is not None and cs.hidden and hidden is None:
                        hidden = cs.hidden
                elif name == "rPrChange":
                    change = prop
        if hidden is None:
            hidden = st.para_hidden
        start = st.pos
        run_children = self.run_children
        for child in r:
            name = run_children.get(child.tag)
            if name == "t":
                text = child.text or ""
            elif name == "tab" or name == "ptab":
                text = "\t"
            elif name == "br" or name == "cr":
                text = "\n"
            elif name == "delText":
                if st.deleted:
                    st.deleted_text.append(child.text or "")
                continue
            elif name == "fldChar":
                if not st.deleted:
                    self._fld_char(child, st)
                continue
            elif name == "instrText":
                if self.fields and not self.fields[-1].in_result and not st.deleted:
                    self.fields[-1].instr.append(child.text or "")
                continue
            elif name == "sym":
                text = symbol_char(child.get(w + "font"), child.get(w + "char"))
            elif name == "noBreakHyphen":
                text = "\u2011"
            elif name == "softHyphen":
                text = "\u00ad"
            elif name in ("drawing", "pict", "object"):
                self._find_textboxes(child, st)
                continue
            elif name == "AlternateContent":
                self._find_textboxes(self._branch(child), st)
                continue
            elif name == "commentReference":
                cid = child.get(w + "id") or ""
                if cid not in self.anchors and cid not in self.open_comments:
                    self.anchors[cid] = (st.index if st.part.name == "body" else None, "")
                continue
            else:
                continue
            if not text:
                continue
            if st.deleted:
                st.deleted_text.append(text)
            elif self.instr_depth:
                continue  # inside a field instruction: code, not text
            elif hidden:
                # Word web-hides the page numbers of a table of contents: its own
                # machinery, not a drafter's hidden note, so not recorded.
                if not (hidden == "webHidden" and (_PAGE_NUMBER.match(text) or self._in_page_ref())):
                    st.mark("hidden", hidden, text, st.pos)
            else:
                self._emit(st, text)
        if highlight and st.pos > start:
            st.mark("highlight", highlight, "".join(st.buf)[start:], st.pos)
        if change is not None and st.part.record:
            self.doc.revisions.append(Revision(
                "property-change", change.get(w + "author"), change.get(w + "date"),
                "".join(st.buf)[start:], st.index, st.part.name))

    def _in_page_ref(self) -> bool:
        return any(f.in_result and "".join(f.instr).lstrip().upper().startswith("PAGEREF") for f in self.fields)

    def _find_textboxes(self, el, st: _Para) -> None:
        for child in el:
            tag = child.tag
            if tag == self.w + "txbxContent":
                st.textboxes.append(child)
            elif tag == _MC_ALT:
                self._find_textboxes(self._branch(child), st)
            elif isinstance(tag, str) and len(child):
                self._find_textboxes(child, st)

    def _math_text(self, el, st: _Para) -> None:
        if el.text and not st.deleted and not self.instr_depth:
            self._emit(st, el.text)

    # -- fields and links

    def _fld_char(self, el, st: _Para) -> None:
        kind = el.get(self.w + "fldCharType")
        if kind == "begin":
            self.fields.append(_Field(para=st.serial))
            self.instr_depth += 1
        elif kind == "separate":
            if self.fields and not self.fields[-1].in_result:
                f = self.fields[-1]
                f.in_result, f.start, f.para = True, st.pos, st.serial
                self.instr_depth = max(0, self.instr_depth - 1)
        elif kind == "end" and self.fields:
            f = self.fields.pop()
            if not f.in_result:
                self.instr_depth = max(0, self.instr_depth - 1)
                return
            target = parse_hyperlink_field("".join(f.instr).strip())
            if target:
                st.links.append((f.start if f.para == st.serial else 0, st.pos, target, "field"))

    def _fld_simple(self, el, st: _Para) -> None:
        start = st.pos
        self._inline_children(el, st)
        target = parse_hyperlink_field((el.get(self.w + "instr") or "").strip())
        if target:
            st.links.append((start, st.pos, target, "field"))

    def _hyperlink(self, el, st: _Para) -> None:
        start = st.pos
        self._inline_children(el, st)
        rid = el.get(_R_ID[0]) or el.get(_R_ID[1])
        rel = st.part.rels.get(rid) if rid else None
        if rel is None or not rel.target or not rel.external:
            return  # an internal jump to a bookmark (w:anchor only) or to another part
        anchor = el.get(self.w + "anchor")
        target = rel.target + (f"#{anchor}" if anchor and "#" not in rel.target else "")
        st.links.append((start, st.pos, target, "hyperlink"))

    # -- tracked changes, content controls, comments

    def _revision(self, el, st: _Para, kind: str) -> Revision | None:
        """Record a tracked change (in parts that record them); its text is filled in after."""
        if not st.part.record:
            return None
        rev = Revision(kind, el.get(self.w + "author"), el.get(self.w + "date"), "", st.index, st.part.name)
        self.doc.revisions.append(rev)
        return rev

    def _ins(self, el, st: _Para) -> None:
        rev = self._revision(el, st, "insertion" if el.tag == self.w + "ins" else "move-to")
        start = st.pos
        self._inline_children(el, st)
        if rev is not None:
            rev.text = "".join(st.buf)[start:]

    def _del(self, el, st: _Para) -> None:
        rev = self._revision(el, st, "deletion" if el.tag == self.w + "del" else "move-from")
        st.deleted += 1
        start = len(st.deleted_text)
        self._inline_children(el, st)
        st.deleted -= 1
        if rev is not None:
            rev.text = "".join(st.deleted_text[start:])

    def _inline_sdt(self, el, st: _Para) -> None:
        content = find_child(el, self.w + "sdtContent")
        if content is None:
            return
        start = st.pos
        self._inline_children(content, st)
        if self._showing_placeholder(el) and st.pos > start and st.part.record:
            st.mark("placeholder", None, "".join(st.buf)[start:], st.pos)

    def _comment_start(self, el, st: _Para) -> None:
        self.open_comments[el.get(self.w + "id") or ""] = [st.index if st.part.name == "body" else None]

    def _comment_end(self, el, st: _Para) -> None:
        self._finish_comment(el.get(self.w + "id") or "")

    def _finish_comment(self, cid: str) -> None:
        buf = self.open_comments.pop(cid, None)
        if buf is not None:
            self.anchors[cid] = (buf[0], "".join(buf[1:]).strip())

    def _read_comments(self) -> None:
        w = self.w
        for target in self.pkg.related("comments")[:1]:
            root = self._side_part(target)
            if root is None:
                continue
            for c in root.iter(w + "comment"):
                cid = c.get(w + "id") or ""
                scratch = _Part("comment", [], self.pkg.relationships(target), record=False)
                saved = self.open_comments
                self.open_comments = {}
                self._container(c, scratch)
                self._close_part()
                self.open_comments = saved
                block, anchor = self.anchors.get(cid, (None, ""))
                self.doc.comments.append(Comment(
                    id=cid, author=c.get(w + "author"), date=c.get(w + "date"),
                    text="\n".join(b.text for b in scratch.target), anchor_text=anchor, block=block,
                ))


def _headings_by_shape(doc: Document) -> None:
    """A document with no heading style at all gets its headings by shape, as text and HTML do.

    Many officers make headings with bold Normal text; without this "Balancing
    Test" would be a heading in the .txt draft and a paragraph in the .docx.
    """
    if any(b.kind == "heading" for b in doc.blocks):
        return
    for block in doc.blocks:
        if is_sign_off(block.text):
            return  # a name and a job title follow, not headings
        if block.kind == "paragraph" and "\n" not in block.text:
            level = heading_level(block.text)
            if level is not None:
                block.kind, block.level = "heading", level


def _url_key(url: str) -> str:
    u = url.strip().lower().rstrip("/")
    for prefix in ("https://", "http://"):
        if u.startswith(prefix):
            u = u[len(prefix):]
    return u
