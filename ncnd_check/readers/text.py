"""The plain-text (and light Markdown) reader.

Blocks are split on blank lines and on heading-like lines; list items, one
per marker line; Markdown tables cell by cell; Markdown links and bare URLs
kept as links; whole-line ``<!-- comments -->`` dropped, as HTML drops
them; ``ncnd-check: ignore`` marker lines become directives. Text is kept as
written; ``Block.norm`` folds quotes and spaces for matching.

Lines and paragraphs:
- Hard-wrapped text (an e-mail wrapped at 72 columns) is joined back into
  paragraphs: a line runs on when it starts in lower case, or when the line
  before was full (its next word would not have fitted). Short lines in a row
  stay separate paragraphs.
- Text whose lines run past 120 characters is not hard-wrapped (Word's "Save
  as Plain Text" writes one paragraph a line), so each line is a paragraph.
- After a sign-off ("Yours sincerely") no line is a heading by shape.

Levels: ``#`` headings have their ``#`` count, ``===`` underlines 1 and
``---`` underlines 2, ALL CAPS lines 1, Title Case lines and short labels
ending in a colon 2 (headings.py has the shape rules). A numbered,
heading-shaped line standing alone between blank lines ("2. Applicable
Exemptions") is a heading with its number as the label. List items have
level 0 at the list's first indent and one more for each deeper indent
(0-based, like Word's numbering level); the marker ("1.", "a)", "-") is the
label, not part of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ncnd_check.document import Block, Document, Link
from ncnd_check.readers.decode import decode_bytes, normalise_newlines
from ncnd_check.readers.directives import DirectiveCollector, parse_marker_line
from ncnd_check.readers.headings import heading_level, is_sign_off
from ncnd_check.readers.urls import find_urls
from ncnd_check.settings import Settings

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,})$")
_LIST = re.compile(
    r"""(?x)
    ^(?P<indent>[ \t]*)
    (?P<label>
        [-*+•‣◦▪●○–]
      | \d{1,3}[.)]
      | [a-z][.)]
      | \((?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})\)
      | [ivxlc]{1,6}[.)]
      | [A-Z]\)
    )
    [ \t]+(?P<text>\S.*)$
    """
)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^\s*[^|\s][^|]*(?:\|[^|]*){2,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]*[^\]\s][^\]\n]*)\]\((<[^>\n]*>|[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_].*?)\1\s*$")
#: A line counts as full when it plus its next word pass this share of the wrap width.
WRAP_FILL = 1.0
#: Text whose prose lines run longer than this is not hard-wrapped: each line is a paragraph.
MAX_WRAP_WIDTH = 120
_SENTENCE_END = tuple(".:!?;)\"'”’")
#: A whole-line HTML comment: invisible in Markdown, so not a block (as in HTML).
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


@dataclass
class _Pending:
    """A block being built from one or more source lines."""

    kind: str
    lines: list[str]
    line: int
    level: int | None = None
    label: str | None = None
    indent: int = 0


class _TextReader:
    def __init__(self, name: str) -> None:
        self.doc = Document(path=name, format="text")
        self.collector = DirectiveCollector()
        self.pending: _Pending | None = None
        self.list_indents: list[int] = []
        self.tables = 0
        self.signed_off = False

    # -- emitting -------------------------------------------------------
    def flush(self) -> None:
        p, self.pending = self.pending, None
        if p is None:
            return
        text = " ".join(part.strip() for part in p.lines).strip()
        if not text:
            return
        self.emit(p.kind, text, p.line, level=p.level, label=p.label)

    def emit(self, kind, text, line, *, level=None, label=None, cell=None) -> None:
        text, links = _links(text)
        if not text.strip():
            return  # an empty "#" heading or "[](url)": no block
        index = len(self.doc.blocks)
        block = Block(index=index, kind=kind, text=text, level=level, line=line, label=label, cell=cell)
        for link in links:
            link.block = index
        block.links = links
        self.doc.blocks.append(block)
        self.collector.block_started(index)

    def end_list(self) -> None:
        self.list_indents = []

    # -- reading --------------------------------------------------------
    def read(self, text: str) -> Document:
        lines = text.split("\n")
        self.wrap_width = _wrap_width(lines)
        # Word's "Save as Plain Text" writes one paragraph a line: nothing is hard-wrapped.
        self.hard_wrapped = 0 < self.wrap_width <= MAX_WRAP_WIDTH
        n = len(lines)
        i = 0
        while i < n:
            raw = lines[i]
            lineno = i + 1
            stripped = raw.strip()
            if not stripped:
                self.flush()
                self.end_list()
                i += 1
                continue
            marker = parse_marker_line(raw)
            if marker:
                self.flush()
                self.collector.add(*marker, line=lineno)
                i += 1
                continue
            if _COMMENT_LINE.match(raw):
                self.flush()
                i += 1
                continue
            # Setext underline: the line before, alone, becomes a heading.
            m = _SETEXT.match(raw)
            if m and self.pending and self.pending.kind == "paragraph" and len(self.pending.lines) == 1:
                self.pending.kind = "heading"
                self.pending.level = 1 if m.group(1)[0] == "=" else 2
                self.flush()
                i += 1
                continue
            if _RULE.match(raw):
                self.flush()
                self.end_list()
                i += 1
                continue
            m = _ATX.match(raw)
            if m:
                self.flush()
                self.end_list()
                self.emit("heading", (m.group(2) or "").strip(), lineno, level=len(m.group(1)))
                i += 1
                continue
            if self.starts_table(raw, lines[i + 1] if i + 1 < n else ""):
                self.flush()
                self.end_list()
                i = self.read_table(lines, i)
                continue
            m = _LIST.match(raw)
            if m and self.numbered_heading(m, lines, i):
                self.flush()
                self.end_list()
                text = m.group("text").strip()
                self.emit("heading", text, lineno, level=heading_level(text), label=m.group("label"))
                i += 1
                continue
            if m:
                self.flush()
                indent = len(m.group("indent").expandtabs(4))
                while self.list_indents and indent < self.list_indents[-1]:
                    self.list_indents.pop()
                if not self.list_indents or indent > self.list_indents[-1]:
                    self.list_indents.append(indent)
                self.pending = _Pending(
                    "list-item", [m.group("text")], lineno,
                    level=len(self.list_indents) - 1, label=m.group("label"), indent=indent,
                )
                i += 1
                continue
            m = _BOLD_LINE.match(raw)
            if m and (self.pending is None or self.pending.kind != "paragraph"):
                self.flush()
                self.end_list()
                self.emit("heading", m.group("text").strip(), lineno, level=2)
                i += 1
                continue
            nxt = lines[i + 1] if i + 1 < n else ""
            if self.is_heading_here(raw, nxt):
                self.flush()
                self.end_list()
                level = heading_level(raw)
                self.emit("heading", stripped, lineno, level=level)
                i += 1
                continue
            if is_sign_off(raw):
                self.signed_off = True
            # A continuation line: joins the paragraph or list item being built.
            if self.pending is not None and self.joins_pending(raw):
                self.pending.lines.append(raw)
            else:
                self.flush()
                self.end_list()
                self.pending = _Pending("paragraph", [raw], lineno)
            i += 1
        self.flush()
        self.doc.directives = self.collector.directives
        return self.doc

    @staticmethod
    def starts_table(raw: str, nxt: str) -> bool:
        """A Markdown table row: "| a | b |", or "a | b" over a "---|---" rule."""
        if "|" not in raw:
            return False
        if raw.strip().startswith("|") and raw.count("|") >= 2 and _TABLE_ROW.match(raw):
            return True
        return "|" in nxt and bool(_TABLE_SEP.match(nxt))

    def joins_pending(self, raw: str) -> bool:
        p = self.pending
        if p.kind == "paragraph":
            return self.wrapped(p.lines[-1], raw)
        # A list item wraps onto an indented line, or onto any line while its sentence runs on.
        indent = len(raw) - len(raw.lstrip())
        if indent > p.indent:
            return True
        return self.hard_wrapped and not p.lines[-1].rstrip().endswith(_SENTENCE_END)

    def numbered_heading(self, m: re.Match, lines: list[str], i: int) -> bool:
        """"2. Applicable Exemptions" standing alone between blank lines, not in a list.

        Only numbered (not bulleted) lines whose text is heading-shaped, with a
        blank line on each side and no list item before or after: numbered
        questions ("1. How many vehicles?") and spaced-out lists stay list items.
        """
        if m.group("label")[0] in "-*+•‣◦▪●○–" or self.signed_off or m.group("indent"):
            return False
        if heading_level(m.group("text")) is None:
            return False
        if i > 0 and lines[i - 1].strip():
            return False
        if i + 1 < len(lines) and lines[i + 1].strip():
            return False
        following = _next_non_blank(lines, i, +1)
        before = _next_non_blank(lines, i, -1)
        return not any(ln is not None and _LIST.match(ln) for ln in (following, before))

    def wrapped(self, previous: str, line: str) -> bool:
        """Whether ``line`` continues ``previous`` (hard-wrapped text) rather than starting anew.

        A line runs on when it starts in lower case, or when the line before was
        full: its next word would not have fitted in the width the text is
        wrapped at. Short lines in a row ("Section 24(2) National Security" over
        "Section 31(3) Law Enforcement") are separate paragraphs.
        """
        text = line.lstrip()
        if text[:1].islower():
            return self.hard_wrapped or not previous.rstrip().endswith(_SENTENCE_END)
        if not self.hard_wrapped:
            return False  # one paragraph a line
        return len(previous.rstrip()) + 1 + len(text.split()[0]) > WRAP_FILL * self.wrap_width

    def is_heading_here(self, raw: str, nxt: str) -> bool:
        """A heading-shaped line that is not the middle or start of a wrapped paragraph."""
        if self.signed_off or heading_level(raw) is None:
            return False  # after "Yours sincerely" come a name and a job title, not headings
        p = self.pending
        if self.hard_wrapped and p is not None and not p.lines[-1].rstrip().endswith(_SENTENCE_END):
            return False  # the sentence before runs on into this line
        following = nxt.strip()
        if following and not raw.rstrip().endswith(":") and following[0].islower() and not _LIST.match(nxt):
            return False  # this line runs on into the next
        if following and _SETEXT.match(nxt):
            return False  # the underline will make it a heading
        return True

    def read_table(self, lines: list[str], i: int) -> int:
        """Read a Markdown table starting at line ``i``; return the line after it."""
        table = self.tables
        self.tables += 1
        row = 0
        n = len(lines)
        while i < n and lines[i].strip() and "|" in lines[i]:
            raw = lines[i]
            if _TABLE_SEP.match(raw):
                i += 1
                continue
            cells = _split_row(raw)
            for col, cell in enumerate(cells):
                if cell.strip():
                    self.emit("table-cell", cell.strip(), i + 1, cell=(table, row, col))
            row += 1
            i += 1
        return i


def _next_non_blank(lines: list[str], i: int, step: int) -> str | None:
    """The first non-blank line after (step +1) or before (step -1) line ``i``."""
    j = i + step
    while 0 <= j < len(lines):
        if lines[j].strip():
            return lines[j]
        j += step
    return None


def _wrap_width(lines: list[str]) -> int:
    """The width the text is wrapped at: a high percentile of its prose line lengths."""
    lengths = sorted(len(ln.rstrip()) for ln in lines if len(ln.split()) >= 3 and "|" not in ln)
    if not lengths:
        return 0
    return lengths[int(0.9 * (len(lengths) - 1))]


def _split_row(raw: str) -> list[str]:
    s = raw.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


def _links(text: str) -> tuple[str, list[Link]]:
    """Replace Markdown links by their text; collect them and the bare URLs."""
    found: list[tuple[int, Link]] = []
    spans: list[tuple[int, int]] = []
    if "](" in text:
        out = []
        pos = 0
        for m in _MD_LINK.finditer(text):
            out.append(text[pos:m.start()])
            start = sum(len(s) for s in out)
            label = m.group(1)
            out.append(label)
            spans.append((start, start + len(label)))
            found.append((start, Link(target=m.group(2).strip("<>"), text=label, source="hyperlink")))
            pos = m.end()
        out.append(text[pos:])
        text = "".join(out)
    if "." in text:
        for start, end, url in find_urls(text):
            if any(s <= start < e for s, e in spans):
                continue
            found.append((start, Link(target=url, text=url, source="text")))
    found.sort(key=lambda pair: pair[0])  # reading order, hyperlinks and bare URLs together
    return text, [link for _, link in found]


def read_text(data: bytes, name: str, settings: Settings | None = None) -> Document:
    """Read a plain-text or Markdown draft from its bytes."""
    text = decode_bytes(data)
    return _TextReader(name).read(text)


def read_text_str(text: str, name: str = "<text>") -> Document:
    """Read an already-decoded string (tests, the API, <pre> text in HTML)."""
    return _TextReader(name).read(normalise_newlines(text))
