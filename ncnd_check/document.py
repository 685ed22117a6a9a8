"""The one document model every reader produces.

Nothing after the readers looks at XML or file formats: a rule tested on a
plain-text draft behaves the same on the DOCX and HTML versions of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ncnd_check.normalise import normalise_for_matching

#: Kinds of block, in the vocabulary of the JSON dump.
BLOCK_KINDS = ("heading", "paragraph", "list-item", "table-cell")

#: Parts of a document that are kept apart from the body.
EXTRA_PARTS = ("header", "footer", "footnote", "endnote", "comment", "textbox")


@dataclass(slots=True)
class Link:
    """A link a block carries: a hyperlink, a field code, or a bare URL in the text."""

    target: str
    text: str = ""
    #: "hyperlink" (DOCX relationship or HTML anchor), "field" (HYPERLINK
    #: field code), or "text" (a bare URL found in the words).
    source: str = "text"
    block: int | None = None
    part: str = "body"

    def to_dict(self) -> dict:
        return {"target": self.target, "text": self.text, "source": self.source}


@dataclass(slots=True)
class Block:
    """One paragraph-like unit in reading order.

    ``text`` is what a reader sees (tracked changes accepted, hidden text
    left out); ``norm`` is the same text folded for matching.
    """

    index: int
    kind: str
    text: str
    level: int | None = None
    line: int | None = None
    links: list[Link] = field(default_factory=list)
    part: str = "body"
    style: str | None = None
    #: (table number, row, column) for table cells, 0-based.
    cell: tuple[int, int, int] | None = None
    #: Numbering prefix that a list item carried ("1.", "a)", "•"), if any.
    label: str | None = None
    _norm: str | None = field(default=None, repr=False)

    @property
    def norm(self) -> str:
        if self._norm is None:
            self._norm = normalise_for_matching(self.text)
        return self._norm

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass(slots=True)
class Revision:
    """A tracked change still in a DOCX (the text shows it accepted)."""

    kind: str  # insertion | deletion | move-from | move-to | property-change
    author: str | None
    date: str | None
    text: str
    block: int | None
    part: str = "body"


@dataclass(slots=True)
class Comment:
    """A reviewer's comment, with the text it is anchored to."""

    id: str
    author: str | None
    date: str | None
    text: str
    anchor_text: str = ""
    block: int | None = None


@dataclass(slots=True)
class Marked:
    """A run of text that is hidden, highlighted or a content-control placeholder."""

    kind: str  # hidden | highlight | placeholder
    text: str
    block: int | None
    detail: str | None = None  # colour, "vanish", "webHidden", "display:none" ...
    part: str = "body"


@dataclass(slots=True)
class Directive:
    """An inline ``ncnd-check: ignore CODE`` marker written in the draft itself.

    ``block`` is the block the marker applies to (the next one), or None for
    a whole-file directive.
    """

    codes: tuple[str, ...]
    block: int | None
    line: int | None = None


@dataclass(slots=True)
class Document:
    """Everything a reader found in one draft."""

    path: str
    format: str  # docx | html | text
    blocks: list[Block] = field(default_factory=list)
    #: Headers, footers, footnotes, endnotes: read, but not body text.
    extras: list[Block] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    marked: list[Marked] = field(default_factory=list)
    #: Core and app properties: creator, lastModifiedBy, company, title, template ...
    properties: dict[str, str] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)

    @property
    def links(self) -> list[Link]:
        """Every link in the body and the extras, in reading order."""
        # Built on each call (the link rules ask a few times per draft); most blocks have no links.
        return [link for block in (*self.blocks, *self.extras) if block.links for link in block.links]

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    def block_line(self, index: int | None) -> int | None:
        if index is None or not (0 <= index < len(self.blocks)):
            return None
        return self.blocks[index].line
