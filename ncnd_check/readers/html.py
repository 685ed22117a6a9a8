"""The HTML reader: Word "Save as Web Page", LibreOffice and Google Docs exports, case-management pages.

Walks the parsed tree the way a browser lays it out: block elements (p, div,
h1-h6, li, td ...) start blocks, inline elements add to the open one. What a
reader of the page would not see is left out of the text: script, style, nav,
noscript, template, form controls, the head, comments (including Word's
conditional comments), and elements hidden with ``hidden``,
``aria-hidden="true"`` or ``display:none`` / ``visibility:hidden`` /
``mso-hide:all`` (inline, or through a class rule in the page's <style>);
hidden text is recorded in ``Document.marked`` (kind "hidden") for the
hygiene rules. Nothing is ever fetched and DTD entities are never expanded.

Choices worth knowing:
- Headings: h1-h6 by their level; Word's MsoTitle -> 1, MsoSubtitle -> 2,
  MsoHeadingN -> N; a lone paragraph whose text is all bold (b, strong,
  font-weight inline or by class) and heading-shaped (short, no closing full
  stop) -> 2, except after a sign-off ("Yours sincerely").
- Lists: the level is 0 for a top-level item and one more for each list it
  sits in (0-based, like Word's numbering level); ol items get the label a
  browser would render ("3.", "b.", "iv."), ul items "•". Word's list
  paragraphs (mso-list ... levelN) become list items of level N-1, and the
  bullet span Word marks ``mso-list:Ignore`` becomes the label, not text.
- Paragraphs inside a list item or a table cell join that item or cell with
  a line break; ``<br>`` is a line break in the block; two or more ``<br>`` in a
  row end a paragraph (case-management systems separate paragraphs that
  way), and such a piece that is heading-shaped becomes a heading. A page
  with no heading markup at all gets its headings by shape, as plain text.
  ``<pre>`` text is read by the plain-text rules.
- Tables: one block per cell, (table, row, column) with colspans counted;
  nested tables get their own numbers.
- Word's and LibreOffice's footnotes and endnotes, and LibreOffice's page
  headers and footers, go to ``Document.extras``.
- Links: every ``<a href>`` except ``#fragment``-only and ``javascript:``
  (``mailto:`` is kept; link rules skip it); bare URLs in the text, unless an
  anchor already carries them. Anchors with no visible text (image links)
  are dropped; images are not text (their alt text is left out).
- Highlighted runs (``<mark>``, Word's ``mso-highlight``, a marker-pen
  background) are recorded in ``Document.marked`` (kind "highlight") and
  stay in the text.
- Properties: Word's o:DocumentProperties (author, last editor, company,
  template), <title> and <meta name=author|generator> go to
  ``Document.properties`` under the DOCX reader's names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ncnd_check.document import Block, Comment, Document, Link, Marked, Revision
from ncnd_check.errors import InputError
from ncnd_check.readers.decode import decode_bytes
from ncnd_check.readers.directives import DirectiveCollector, parse_marker
from ncnd_check.readers.headings import heading_level, is_sign_off
from ncnd_check.readers.limits import MAX_BLOCK_CHARS
from ncnd_check.readers.text import read_text_str
from ncnd_check.readers.urls import find_urls
from ncnd_check.settings import Settings

#: Elements whose content a reader never sees.
DROPPED = frozenset(
    "script style nav noscript template head title meta link iframe object embed "
    "svg math canvas audio video source track select option datalist button input textarea "
    "frameset frame applet map area param".split()
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Elements that start a new block (besides headings, lists and tables).
BLOCKS = frozenset(
    "p div section article main header footer aside address blockquote pre figure figcaption "
    "dl dt dd form fieldset legend center details summary hgroup body html hr caption "
    "listing plaintext xmp dir menu multicol marquee noframes output".split()
)
LISTS = frozenset(("ul", "ol", "dir", "menu"))
PREFORMATTED = frozenset(("pre", "listing", "plaintext", "xmp"))
#: Block elements that break out of a list item or table cell instead of joining it.
BREAKING = frozenset(HEADINGS) | LISTS | {"table", "li"}

#: Elements whose text stands apart from its neighbours.
_SEPARATED = BLOCKS | BREAKING | {"br", "td", "th", "tr", "li", "img"}

_WS = re.compile(r"[ \t\n\r\f]+")
_BREAK = "\x00"  # a line break inside a block; NUL never survives decoding
_DECLARATION = re.compile(r"(?:^|;)\s*([a-z-]+)\s*:\s*([^;]*)", re.I)
#: Properties the reader looks at; the rest of a style is ignored.
_WATCHED = ("display", "visibility", "mso-hide", "font-weight", "mso-highlight", "background", "background-color")
_BOLD_WEIGHTS = frozenset(("bold", "bolder", "600", "700", "800", "900"))
_NORMAL_WEIGHTS = frozenset(("normal", "lighter", "100", "200", "300", "400", "500"))
_HIGHLIGHT_COLOURS = frozenset(("yellow", "lime", "aqua", "cyan", "#ffff00", "#ff0", "#00ff00", "#0f0"))
_CSS_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.S)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^\s*(?:[a-z][a-z0-9]*)?\.([\w-]+)\s*$", re.I)
_MSO_LIST = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.I)
_MSO_IGNORE = re.compile(r"mso-list\s*:\s*ignore", re.I)
_WORD_PROPERTY = re.compile(r"<o:(\w+)>([^<]*)</o:\1>", re.I)
#: Word's o:DocumentProperties names -> the names the DOCX reader uses.
_WORD_PROPERTY_NAMES = {
    "author": "creator", "lastauthor": "lastModifiedBy", "company": "company", "template": "template",
    "title": "title", "subject": "subject", "keywords": "keywords", "description": "description",
    "manager": "manager", "category": "category", "created": "created", "lastsaved": "modified",
    "revision": "revision",
}
_MSO_NOTE = re.compile(r"mso-element\s*:\s*(footnote|endnote|comment|header|footer)\b(?!-)", re.I)
_MARGIN_LEFT = re.compile(r"margin-left\s*:\s*(\d*\.?\d+)\s*(in|pt|cm|mm|px)", re.I)
#: The bullet or number Word's filtered HTML leaves at the start of a list paragraph.
_FILTERED_BULLET = re.compile(
    "^([\u00b7\u2022o\u00a7\u25aa\u25cf\u2013\uf0b7\uf0a7\uf0d8-]|\\d{1,3}[.)]|[a-zA-Z][.)]|[ivxlcIVXLC]{1,6}[.)]|\\(\\w{1,4}\\))"
    "[\\s\u00a0]+"
)
_MSO_VGLAYOUT = re.compile(r"mso-ignore\s*:\s*vglayout", re.I)
_MSO_COMMENT_REF = re.compile(r"mso-comment-reference\s*:\s*([\w-]+)", re.I)
_MSO_NOTE_REF = re.compile(r"mso-(?:footnote|endnote)-id\s*:", re.I)
#: LibreOffice's note numbers: the anchor in the text and the number heading the note.
_NOTE_MARKER_CLASSES = frozenset(("sdfootnoteanc", "sdendnoteanc", "sdfootnotesym", "sdendnotesym"))
#: "1.2 Harm", "1.1Harm" (LibreOffice glues heading numbers on): the number, and the text after it.
_HEADING_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)\s+(?=\S)|^(\d{1,3}(?:\.\d{1,3})*)(?=[A-Z][a-z])")
_MSO_COMMENT_DATE = re.compile(r"mso-comment-date\s*:\s*(\d{8}T\d{4})", re.I)
_MSO_COMMENT_AUTHOR = re.compile(r"mso-comment-author\s*:\s*[\"']?([^\"';]+)", re.I)
_NOTE_ID = re.compile(r"^(ftn|edn|sdfootnote|sdendnote)\d+$", re.I)
_MSO_HEADING = re.compile(r"^Mso(Title|Subtitle|Heading(\d))", re.I)
_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_SENTENCE_END = tuple(".!?;,")
#: Deepest element nesting read; the walk is recursive, and no real draft comes near it.
MAX_DEPTH = 150


@dataclass
class _Template:
    """What a block opened by an element will be, before its text is known."""

    kind: str
    line: int | None
    level: int | None = None
    label: str | None = None
    cell: tuple[int, int, int] | None = None
    style: str | None = None
    #: True for a plain <p>/<div>: may become a heading when all bold.
    may_be_bold_heading: bool = False
    #: Word list paragraph: the mso-list:Ignore span gives the label.
    word_list: bool = False
    #: Set once a block has been opened from this template (label and line go to the first).
    used: bool = False
    #: Word's filtered list paragraph: the label is the text's first token.
    filtered_list: bool = False


@dataclass
class _Open:
    """The block being filled with inline text."""

    template: _Template
    line: int | None
    pieces: list[tuple[str, bool, int | None]] = field(default_factory=list)
    #: (index of the piece the anchor starts at, link)
    links: list[tuple[int, Link]] = field(default_factory=list)
    label: str | None = None


@dataclass
class _Table:
    number: int
    row: int = -1
    col: int = 0
    #: column -> last row a cell spanning down from above covers it through.
    taken_until: dict = field(default_factory=dict)

    def place(self, colspan: int, rowspan: int) -> int:
        """The column of the next cell in this row, past columns spanned from rows above."""
        row = max(self.row, 0)
        while self.taken_until.get(self.col, -1) >= row:
            self.col += 1
        col = self.col
        if rowspan > 1 and len(self.taken_until) < 1000:  # bounded: a hostile page cannot make this slow
            for c in range(col, col + min(colspan, 200)):
                self.taken_until[c] = max(self.taken_until.get(c, -1), row + rowspan - 1)
        self.col += colspan
        return col


class _HtmlReader:
    def __init__(self, name: str) -> None:
        self.doc = Document(path=name, format="html")
        self.collector = DirectiveCollector()
        self.templates: list[_Template] = []
        self.open: _Open | None = None
        self.tables: list[_Table] = []
        self.table_count = 0
        self.list_stack: list[dict] = []
        self.bold = 0
        self.pending_marked: list[Marked] = []
        self.pending_revisions: list[Revision] = []
        #: Word comment number -> (anchor text, block, date) from the body's references.
        self.comment_anchors: dict[str, tuple[str, int | None, str | None]] = {}
        #: "body", or "footnote" / "endnote" / "header" / "footer" inside those parts.
        self.part = "body"
        #: Set after "Yours sincerely": a bold name or job title below is not a heading.
        self.signed_off = False
        #: Inside Word's positioning spans (mso-ignore:vglayout), where tables only place a box.
        self.layout = 0
        #: class name -> watched CSS properties, from the page's <style> elements.
        self.class_styles: dict[str, dict[str, str]] = {}

    # -- blocks ---------------------------------------------------------
    def push(self, template: _Template) -> None:
        self.flush()
        self.templates.append(template)

    def pop(self) -> None:
        self.flush()
        self.templates.pop()

    def add_text(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self.open is None:
            if not text.strip(" \t\n\r\f"):
                return  # inter-element white space opens nothing
            template = self.templates[-1] if self.templates else _Template("paragraph", None)
            first = not template.used
            template.used = True
            self.open = _Open(template=template, line=template.line if first and template.line else line,
                              label=template.label if first else None)
        self.open.pieces.append((text, self.bold > 0, line))

    def add_break(self, line: int | None) -> None:
        if self.open is not None:
            self.open.pieces.append((_BREAK, self.bold > 0, line))

    def flush(self) -> None:
        acc, self.open = self.open, None
        if acc is None:
            return
        groups = list(_split_paragraphs(acc))
        for n, (text, bold, line, start, end) in enumerate(groups):
            links = [link for at, link in acc.links if start <= at < end or (n == len(groups) - 1 and at >= end)]
            self.emit(acc, text, bold, line, links, first=n == 0, split=len(groups) > 1)

    def emit(self, acc: _Open, text: str, all_bold: bool, line: int | None, links: list[Link],
             first: bool, split: bool) -> None:
        t = acc.template
        kind, level = t.kind, t.level
        if is_sign_off(text):
            self.signed_off = True
        elif kind == "paragraph" and (t.may_be_bold_heading or t.line is None) and not self.signed_off:
            if all_bold and _heading_shaped(text):
                kind, level = "heading", 2
            elif split and heading_level(text) and _heading_shaped(text):
                # A paragraph of a <br><br>-separated page: headings by shape, as in plain text.
                kind, level = "heading", heading_level(text)
        label = acc.label if first else None
        if kind == "paragraph" and t.filtered_list and label is None and first:
            m = _FILTERED_BULLET.match(text)
            if m and text[m.end():].strip():
                kind, label, text = "list-item", m.group(1), text[m.end():].strip()
        if kind == "paragraph":
            level = None  # a Word paragraph with mso-list but no bullet is still a paragraph
        if kind == "heading" and label is None and text[:1].isdigit():
            m = _HEADING_NUMBER.match(text)
            if m and text[m.end():].strip():
                label, text = (m.group(1) or m.group(2)), text[m.end():].strip()
        for start, end, url in find_urls(text) if ("." in text) else ():
            if not any(url in link.text or url == link.target for link in links):
                links.append(Link(target=url, text=url, source="text"))
        self.append_block(Block(index=0, kind=kind, text=text, level=level, line=line,
                                label=label, cell=t.cell, style=t.style, links=links))

    def append_block(self, block: Block) -> None:
        """Add a block to the body, or to the extras inside a footnote or endnote."""
        target = self.doc.blocks if self.part == "body" else self.doc.extras
        block.index = index = len(target)
        block.part = self.part
        for link in block.links:
            link.block = index
            link.part = self.part
        target.append(block)
        if self.part == "body":
            self.collector.block_started(index)
        for m in self.pending_marked:
            m.block = index
            m.part = self.part
        self.doc.marked.extend(self.pending_marked)
        self.pending_marked = []
        for r in self.pending_revisions:
            r.block = index
            r.part = self.part
        self.doc.revisions.extend(self.pending_revisions)
        self.pending_revisions = []

    def current_block(self) -> int | None:
        """The index the block being read will get (body only)."""
        if self.part != "body":
            return None
        return len(self.doc.blocks)

    # -- the walk -------------------------------------------------------
    def walk_children(self, el) -> None:
        self.add_text(el.text, el.sourceline)
        for child in el:
            self.visit(child)
            tail = child.tail
            if tail:
                self.add_text(tail, _tail_line(child) if self.open is None and tail.strip() else child.sourceline)

    def visit(self, el) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            self.visit_special(el)
            return
        tag = tag.lower()
        if tag in DROPPED:
            return
        style = el.get("style") or ""
        props = self.properties(el, style)
        hidden = _hidden_reason(el, props)
        if hidden:
            text = _WS.sub(" ", _visible_text(el)).strip()
            if text:
                self.pending_marked.append(Marked(kind="hidden", text=text, block=None, detail=hidden))
            return
        weight = props.get("font-weight", "")
        bold = tag in ("b", "strong") or weight in _BOLD_WEIGHTS
        unbold = self.bold > 0 and weight in _NORMAL_WEIGHTS
        saved_bold = self.bold
        if bold:
            self.bold += 1
        if unbold:
            self.bold = 0
        try:
            self.visit_element(el, tag, style, props)
        finally:
            self.bold = saved_bold

    def word_comment(self, el) -> Comment:
        """A comment from Word's comment list: author, text, and the words it is anchored to."""
        author = None
        number = str(len(self.doc.comments) + 1)
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            m = _MSO_COMMENT_AUTHOR.search(node.get("style") or "")
            if m and author is None:
                author = m.group(1).strip()
            m = re.match(r"_msocom_(\d+)$", node.get("name") or "")
            if m:
                number = m.group(1)
        text = _WS.sub(" ", _visible_text(el, skip_classes=("msocomoff", "msocomanchor"))).replace("\xa0", " ").strip()
        anchor, block, date = self.comment_anchors.get(number, ("", None, None))
        return Comment(id=number, author=author, date=date, text=text, anchor_text=anchor, block=block)

    def properties(self, el, style: str) -> dict[str, str]:
        """The watched CSS properties of an element: its classes' rules, then its inline style."""
        props: dict[str, str] = {}
        if self.class_styles:
            for cls in (el.get("class") or "").split():
                rule = self.class_styles.get(cls)
                if rule:
                    props.update(rule)
        if style:
            props.update(_declarations(style))
        return props

    def visit_special(self, el) -> None:
        from lxml import etree

        if el.tag is etree.Comment:
            marker = parse_marker(el.text or "")
            if marker:
                self.flush()
                self.collector.add(*marker, line=el.sourceline)
        elif el.tag is etree.Entity:
            self.add_text(el.text, el.sourceline)

    def visit_element(self, el, tag: str, style: str, props: dict[str, str]) -> None:
        line = el.sourceline
        if tag == "br":
            self.add_break(line)
            return
        if tag in HEADINGS:
            self.push(_Template("heading", line, level=HEADINGS[tag], style=el.get("class"),
                                word_list=bool(_MSO_LIST.search(style))))
            self.walk_children(el)
            self.pop()
            return
        if tag in LISTS:
            self.flush()
            reversed_ = el.get("reversed") is not None
            # A reversed list counts down from its number of items, as browsers render it.
            first = len([c for c in el if isinstance(c.tag, str) and c.tag.lower() == "li"]) if reversed_ else 1
            self.list_stack.append({"ordered": tag == "ol", "next": _int(el.get("start"), first),
                                    "type": el.get("type") or "1", "reversed": reversed_})
            self.walk_children(el)
            self.flush()
            self.list_stack.pop()
            return
        if tag == "li":
            self.push(_Template("list-item", line, level=max(0, len(self.list_stack) - 1),
                                label=self.list_label(el), style=el.get("class")))
            self.walk_children(el)
            self.pop()
            return
        if self.layout and tag in ("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
            self.walk_children(el)  # Word's positioning tables round a text box: not a table
            return
        if tag == "table":
            self.flush()
            self.tables.append(_Table(self.table_count))
            self.table_count += 1
            self.walk_children(el)
            self.flush()
            self.tables.pop()
            return
        if tag == "tr" and self.tables:
            self.flush()
            self.tables[-1].row += 1
            self.tables[-1].col = 0
            self.walk_children(el)
            self.flush()
            return
        if tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            row = max(table.row, 0)
            col = table.place(max(1, min(_int(el.get("colspan"), 1), 1000)), max(1, _int(el.get("rowspan"), 1)))
            self.push(_Template("table-cell", line, cell=(table.number, row, col), style=el.get("class")))
            self.walk_children(el)
            self.pop()
            return
        if tag in ("ins", "del"):
            # Word's tracked changes: the text shows them accepted, each one is recorded.
            text = _WS.sub(" ", _visible_text(el)).strip()
            if text:
                self.pending_revisions.append(Revision(
                    "insertion" if tag == "ins" else "deletion", _cite_author(el.get("cite")),
                    el.get("datetime"), text, None, self.part))
            if tag == "del":
                return
        note = _note_part(el, tag, style)
        if note == "comment":
            self.doc.comments.append(self.word_comment(el))
            return
        if note and self.part == "body":
            self.flush()
            self.part = note
            self.templates.append(_Template("paragraph", line))  # not part of a cell around it
            try:
                self.walk_children(el)
                self.flush()
            finally:
                self.templates.pop()
                self.part = "body"
            return
        if tag in PREFORMATTED:
            self.visit_pre(el, line)
            return
        if tag in BLOCKS or tag in ("td", "th", "tr", "li"):
            inside = self.templates[-1] if self.templates else None
            if inside is not None and inside.kind in ("list-item", "table-cell") and tag not in ("body", "html"):
                # A paragraph inside a list item or cell joins it on a new line.
                self.add_break(line)
                self.walk_children(el)
                self.add_break(line)
                return
            template = _paragraph_template(el, tag, line, style)
            self.push(template)
            if tag == "hr":
                self.pop()
                return
            self.walk_children(el)
            self.pop()
            return
        if _MSO_VGLAYOUT.search(style):
            self.layout += 1
            try:
                self.visit_inline(el, tag, style, props)
            finally:
                self.layout -= 1
            return
        self.visit_inline(el, tag, style, props)

    def visit_pre(self, el, line: int | None) -> None:
        """Preformatted text is plain text: read it with the text reader's rules."""
        text = _visible_text(el, breaks="\n", separate=False)
        inside = self.templates[-1] if self.templates else None
        if inside is not None and inside.kind in ("list-item", "table-cell"):
            for n, part in enumerate(text.split("\n")):
                if n:
                    self.add_break(line)
                self.add_text(part, line)
            return
        self.flush()
        body = text.lstrip("\n")
        sub = read_text_str(body, self.doc.path)
        offset = (line or 1) - 1 + (len(text) - len(body))  # newlines before the first line
        first_body_block = len(self.doc.blocks)
        for block in sub.blocks:
            block.line = offset + block.line if block.line else line
            self.append_block(block)
        if self.part == "body":
            for d in sub.directives:
                block = None if d.block is None else first_body_block + d.block
                self.collector.directives.append(type(d)(codes=d.codes, block=block, line=offset + (d.line or 1)))

    def visit_inline(self, el, tag: str, style: str, props: dict[str, str]) -> None:
        line = el.sourceline
        cls = (el.get("class") or "").lower()
        if cls in _NOTE_MARKER_CLASSES or (tag == "a" and _MSO_NOTE_REF.search(style)):
            return  # a footnote's number in the text, or the number at the note's start
        if tag == "span" and (el.get("title") or "").lower() == "annotation":
            self.doc.comments.append(_libreoffice_annotation(el, len(self.doc.comments) + 1, self.current_block()))
            return
        if _MSO_IGNORE.search(style) or cls.startswith("listlabel_"):
            # Word's rendered bullet or number for a list paragraph: a label, not text.
            label = _WS.sub(" ", _visible_text(el)).replace("\xa0", " ").strip()
            template = self.templates[-1] if self.templates else None
            if template is not None and label:
                if template.kind == "paragraph" and template.word_list:
                    template.kind = "list-item"
                template.label = template.label or label
                if self.open is not None and self.open.label is None:
                    self.open.label = label
            return
        colour = "mark" if tag == "mark" else _highlight(props)
        if colour:
            text = _WS.sub(" ", _visible_text(el)).strip()
            if text:
                self.pending_marked.append(Marked(kind="highlight", text=text, block=None, detail=colour))
        if cls in ("msocomanchor", "msocommentreference"):
            return  # Word's "[JS1]" comment marker and its spacing, not the letter's text
        ref = _MSO_COMMENT_REF.search(style) if tag == "a" else None
        if ref:
            start = len(self.open.pieces) if self.open is not None else 0
            before = self.open
            self.walk_children(el)
            parts = [t for t, _, _ in self.open.pieces[start if self.open is before else 0:]] if self.open else []
            anchor = _WS.sub(" ", "".join(parts).replace(_BREAK, " ")).strip()
            number = ref.group(1).rsplit("_", 1)[-1]
            old = self.comment_anchors.get(number, ("", None, None))
            date = _MSO_COMMENT_DATE.search(style)
            self.comment_anchors[number] = (
                (old[0] + " " + anchor).strip(),
                old[1] if old[1] is not None else self.current_block(),
                old[2] or (_word_date(date.group(1)) if date else None),
            )
            return
        if tag == "a" and el.get("href") is not None:
            href = el.get("href").strip()
            before = self.open
            start = len(before.pieces) if before is not None else 0
            self.walk_children(el)
            acc = self.open
            if acc is None or not _keeps_link(href):
                return  # no visible text (an image link) or not a link to a document
            if acc is not before:
                start = 0  # the anchor wrapped a block: its text starts the open block
            parts = [t for t, _, _ in acc.pieces[start:]]
            text = _WS.sub(" ", "".join(parts).replace(_BREAK, " ")).strip()
            acc.links.append((start, Link(target=href, text=text, source="hyperlink")))
            return
        if tag == "img":
            return
        self.walk_children(el)

    def list_label(self, li) -> str:
        if not self.list_stack:
            return "•"
        ctx = self.list_stack[-1]
        if not ctx["ordered"]:
            return "•"
        number = _int(li.get("value"), ctx["next"])
        ctx["next"] = number - 1 if ctx["reversed"] else number + 1
        return _render_number(number, li.get("type") or ctx["type"]) + "."

    # -- entry ----------------------------------------------------------
    def read(self, root) -> Document:
        self.class_styles = _class_styles(root)
        body = root.find("body") if root.tag == "html" else None
        start = body if body is not None else root
        for el in root.iter("head"):
            self.doc.properties.update(_head_properties(el))
            for child in el:
                if not isinstance(child.tag, str):
                    self.visit_special(child)
        self.visit(start) if start.tag != "html" else self.walk_children(start)
        self.flush()
        if self.pending_marked:
            for m in self.pending_marked:
                m.block = len(self.doc.blocks) - 1 if self.doc.blocks else None
            self.doc.marked.extend(self.pending_marked)
        self.doc.directives = self.collector.directives
        _headings_by_shape(self.doc)
        return self.doc


def _headings_by_shape(doc: Document) -> None:
    """A page with no heading markup at all gets its headings by shape, as plain text does.

    Case-management systems and text-to-HTML converters write every line as a
    plain <p>; without this, "Balancing Test" would be a heading in the .txt
    draft and a paragraph in the same draft saved as HTML.
    """
    if any(b.kind == "heading" for b in doc.blocks):
        return
    for block in doc.blocks:
        if is_sign_off(block.text):
            return  # a name and a job title follow, not headings
        if block.kind == "paragraph" and block.cell is None and "\n" not in block.text:
            level = heading_level(block.text)
            if level is not None:
                block.kind, block.level = "heading", level


def _libreoffice_annotation(el, number: int, block: int | None) -> Comment:
    """A comment LibreOffice's XHTML export writes inline: [ANNOTATION: BY '...' ON '...' NOTE: '...']."""
    author = date = None
    note_parts = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        title = (child.get("title") or "").lower()
        text = _WS.sub(" ", child.text_content()).strip()
        if title == "dc:creator":
            author = re.sub(r"^BY\s+'?|'$", "", text) or None
        elif title == "dc:date":
            date = re.sub(r"^ON\s+'?|'$", "", text) or None
        elif text.startswith("NOTE:"):
            note_parts.append(re.sub(r"^NOTE:\s*'?|'$", "", text))
    return Comment(id=str(number), author=author, date=date, text=" ".join(note_parts), block=block)


def _word_date(value: str) -> str:
    """Word's ``20240305T1030`` as ``2024-03-05T10:30``."""
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[9:11]}:{value[11:13]}"


def _cite_author(cite: str | None) -> str | None:
    """The author Word writes as ``cite="mailto:Jane%20Smith"`` on a tracked change."""
    if not cite:
        return None
    from urllib.parse import unquote

    return unquote(cite.removeprefix("mailto:")).strip() or None


def _head_properties(head) -> dict[str, str]:
    """Document properties a page carries, under the DOCX reader's names.

    Word's "Save as Web Page" keeps the author, last editor, company and
    template in an ``<o:DocumentProperties>`` block inside a conditional
    comment; any page may name its author and generator in <meta> tags.
    """
    from lxml import etree

    out: dict[str, str] = {}
    for child in head:
        if child.tag is etree.Comment and "DocumentProperties" in (child.text or ""):
            for name, value in _WORD_PROPERTY.findall(child.text):
                key = _WORD_PROPERTY_NAMES.get(name.lower())
                value = _WS.sub(" ", _unescape(value)).strip()
                if key and value:
                    out[key] = value
        elif isinstance(child.tag, str) and child.tag.lower() == "meta":
            name = (child.get("name") or "").strip().lower()
            content = _WS.sub(" ", child.get("content") or "").strip()
            if name in ("author", "generator") and content:
                out.setdefault("creator" if name == "author" else "generator", content)
        elif isinstance(child.tag, str) and child.tag.lower() == "title":
            title = _WS.sub(" ", child.text_content()).strip()
            if title:
                out.setdefault("title", title)
    return out


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _note_part(el, tag: str, style: str) -> str | None:
    """The part a div holds apart from the body: Word's and LibreOffice's notes, headers and footers."""
    if tag != "div":
        return None
    m = _MSO_NOTE.search(style)
    if m:
        return m.group(1).lower()
    m = _NOTE_ID.match(el.get("id") or "")
    if m:
        return "footnote" if m.group(1).lower() in ("ftn", "sdfootnote") else "endnote"
    title = (el.get("title") or "").lower()
    if title in ("header", "footer"):  # LibreOffice writes page headers and footers so
        return title
    if el.get("v:shape") is not None:  # the text of a Word text box
        return "textbox"
    return None


def _indent_level(style: str) -> int:
    """A list level from a filtered Word paragraph's left margin (0.5in a level)."""
    m = _MARGIN_LEFT.search(style)
    if not m:
        return 0
    value, unit = float(m.group(1)), m.group(2).lower()
    points = value * {"in": 72.0, "pt": 1.0, "cm": 28.35, "mm": 2.835, "px": 0.75}[unit]
    return max(0, round(points / 36.0) - 1)


def _paragraph_template(el, tag: str, line: int | None, style: str) -> _Template:
    cls = el.get("class") or ""
    m = _MSO_HEADING.match(cls)
    if m:
        level = 1 if m.group(1).lower() == "title" else 2 if m.group(1).lower() == "subtitle" else int(m.group(2))
        return _Template("heading", line, level=min(level, 6), style=cls)
    word_list = _MSO_LIST.search(style)
    if word_list and tag == "p":
        return _Template("paragraph", line, level=max(0, int(word_list.group(1)) - 1), style=cls or None, word_list=True)
    if tag == "p" and cls.lower().startswith("msolistparagraph"):
        # Word's filtered HTML: no mso-list, the bullet is plain text at the start.
        return _Template("paragraph", line, level=_indent_level(style), style=cls, word_list=True,
                         filtered_list=True)
    return _Template("paragraph", line, style=cls or None, may_be_bold_heading=tag in ("p", "div", "center"))


def _split_paragraphs(acc: _Open):
    """(text, all bold, first line, first piece, end piece) for each paragraph in an open block.

    Two or more line breaks in a row end a paragraph, as they do on screen.
    """
    pieces = acc.pieces
    groups: list[list[tuple[str, bool, int | None]]] = [[]]
    starts = [0]
    breaks = 0
    for i, piece in enumerate(pieces):
        if piece[0] == _BREAK:
            breaks += 1
            groups[-1].append(piece)
            continue
        if breaks >= 2 and piece[0].strip(" \t\n\r\f\xa0") and acc.template.kind == "paragraph":
            groups.append([])
            starts.append(i)
        if piece[0].strip(" \t\n\r\f"):
            breaks = 0
        groups[-1].append(piece)
    starts.append(len(pieces))
    first = True
    for n, group in enumerate(groups):
        raw = "".join(t for t, _, _ in group)
        lines = [ln.strip() for ln in _WS.sub(" ", raw).split(_BREAK)]
        text = "\n".join(ln for ln in lines if ln)
        if not text.strip():
            continue
        bold_chars = [t for t, b, _ in group if t != _BREAK and t.strip() and not b]
        line = acc.line if first else next((ln for t, _, ln in group if t != _BREAK and t.strip()), acc.line)
        first = False
        yield text.strip(), not bold_chars, line, starts[n], starts[n + 1]


def _heading_shaped(text: str) -> bool:
    """Short, one line, and not a sentence ending in a full stop."""
    t = text.strip()
    return bool(t) and "\n" not in t and len(t) <= 150 and len(t.split()) <= 16 and not t.endswith(_SENTENCE_END)


def _keeps_link(href: str) -> bool:
    low = href.lower()
    return bool(href) and not href.startswith("#") and not low.startswith("javascript:")


def _hidden_reason(el, props: dict[str, str]) -> str | None:
    if el.get("hidden") is not None:
        return "hidden"
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return "aria-hidden"
    if props.get("display") == "none":
        return "display:none"
    if props.get("visibility") == "hidden":
        return "visibility:hidden"
    if props.get("mso-hide") == "all":
        return "mso-hide:all"
    return None


def _highlight(props: dict[str, str]) -> str | None:
    """The highlight colour of Word's mso-highlight or a marker-pen background."""
    colour = props.get("mso-highlight")
    if colour and colour not in ("none", "auto"):
        return colour
    for name in ("background", "background-color"):
        value = props.get(name, "")
        if value in _HIGHLIGHT_COLOURS:
            return value
    return None


def _declarations(style: str) -> dict[str, str]:
    """The watched properties of a style attribute or CSS rule, lower-cased, last one winning."""
    out = {}
    for name, value in _DECLARATION.findall(style):
        name = name.lower()
        if name in _WATCHED:
            out[name] = _WS.sub(" ", value.replace("!important", "")).strip().lower()
    return out


def _class_styles(root) -> dict[str, dict[str, str]]:
    """Single-class CSS rules (``.c3 {font-weight:700}``, ``p.MsoTitle {...}``) from the page's <style>s.

    Google Docs and some case-management systems make text bold or hidden
    through classes. @media blocks (print-only rules) are left out.
    """
    out: dict[str, dict[str, str]] = {}
    for style in root.iter("style"):
        css = _strip_at_blocks(_CSS_COMMENT.sub(" ", style.text or ""))
        for selectors, body in _CSS_RULE.findall(css):
            decls = _declarations(body)
            if not decls:
                continue
            for selector in selectors.split(","):
                m = _CLASS_SELECTOR.match(selector)
                if m:
                    out.setdefault(m.group(1), {}).update(decls)
    return out


def _strip_at_blocks(css: str) -> str:
    """CSS without @media/@supports/... blocks (their braces nest)."""
    if "@" not in css:
        return css
    out, i, n = [], 0, len(css)
    while i < n:
        at = css.find("@", i)
        if at < 0:
            out.append(css[i:])
            break
        out.append(css[i:at])
        brace, semi = css.find("{", at), css.find(";", at)
        if brace < 0 or (0 <= semi < brace):
            i = (semi + 1) if semi >= 0 else n  # @import ...; @charset ...;
            continue
        depth, j = 0, brace
        while j < n:
            if css[j] == "{":
                depth += 1
            elif css[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        i = j + 1
    return "".join(out)


def _visible_text(el, breaks: str = " ", separate: bool = True, skip_classes: tuple[str, ...] = ()) -> str:
    """All text under an element except dropped elements and comments; blocks apart."""
    out = []

    def walk(node):
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if tag in DROPPED:
            return
        if skip_classes and tag and (node.get("class") or "").lower() in skip_classes:
            return  # its tail belongs to the parent, which adds it
        if tag == "br":
            out.append(breaks)
        apart = separate and tag in _SEPARATED
        if apart:
            out.append(" ")
        if tag and node.text:
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if apart:
            out.append(" ")

    walk(el)
    return "".join(out)


def _tail_line(el) -> int | None:
    """Approximate line of an element's tail: its last descendant's line."""
    line = el.sourceline
    for node in el.iterdescendants():
        if node.sourceline and (line is None or node.sourceline > line):
            line = node.sourceline
    return line


def _int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _render_number(n: int, kind: str) -> str:
    if kind in ("a", "A") and n > 0:
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(ord("a") + r) + s
        return s.upper() if kind == "A" else s
    if kind in ("i", "I") and 0 < n < 4000:
        s = _roman(n)
        return s.upper() if kind == "I" else s
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in a <meta> tag or an XML declaration."""
    m = _CHARSET.search(data[:16384])
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii", "replace")


def read_html(data: bytes, name: str, settings: Settings | None = None) -> Document:
    """Read an HTML draft from its bytes; never fetches anything."""
    import lxml.html
    from lxml import etree

    text = decode_bytes(data, declared_charset(data))
    if not text.strip():
        return Document(path=name, format="html")
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=False, remove_pis=True, no_network=True,
        huge_tree=False, default_doctype=False,
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        if "empty" in str(exc).lower():
            return Document(path=name, format="html")
        raise InputError("unreadable", f"not readable as HTML: {exc}") from None
    # libxml2 stops at a text node of 10 MB and at 256 levels, and drops the rest
    # of the page without raising: name which limit it was.
    limits = [e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    if any("depth" not in m.lower() for m in limits):
        raise InputError("too-large", "the HTML holds a run of text of over 10,000,000 characters with no markup "
                         f"in it, over the limit of {MAX_BLOCK_CHARS:,} characters a paragraph: refused")
    if limits or _deeper_than(root, MAX_DEPTH):
        raise InputError("unreadable", f"the HTML is nested more than {MAX_DEPTH} elements deep: "
                         "not a document ncnd-check can read completely")
    try:
        return _HtmlReader(name).read(root)
    except RecursionError:
        raise InputError("unreadable", "the HTML is nested too deeply to read") from None


def _deeper_than(root, limit: int) -> bool:
    """Whether any element sits more than ``limit`` levels down (checked without recursion)."""
    from lxml import etree

    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > limit:
            return True
    return False
