"""Turn one fixture draft (a small Markdown subset) into text, HTML and DOCX.

Fixture drafts are written once, in the form an officer would type them, and
checked in all three formats so a rule is shown to behave the same whatever
the file type. The subset:

- ``# Heading`` .. ``###### Heading``: headings (levels 1-6)
- ``- item`` / ``* item``: bullet list items; ``1. item`` / ``a) item``: numbered
- ``| a | b |`` rows: a table (a ``|---|`` rule line is skipped)
- ``[text](url)``: a hyperlink; bare URLs stay text
- blank lines separate paragraphs; ``<!-- ... -->`` lines are HTML comments
  (kept as comments in HTML and text, dropped in DOCX)

python-docx is fine for *building* fixtures (DESIGN.md); reading uses lxml.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+[.)]|[a-z][.)]|\([a-z]\))\s+(.*)$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_RULE_ROW = re.compile(r"^\|?\s*:?-{2,}")


@dataclass
class Item:
    kind: str  # heading | paragraph | bullet | number | table | comment
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def parse(md: str) -> list[Item]:
    items: list[Item] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            items.append(Item("paragraph", " ".join(s.strip() for s in para)))
            para.clear()

    for line in md.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("<!--") and stripped.endswith("-->"):
            flush()
            items.append(Item("comment", stripped[4:-3].strip()))
            continue
        if m := _HEADING.match(stripped):
            flush()
            items.append(Item("heading", m.group(2).strip(), len(m.group(1))))
            continue
        if stripped.startswith("|"):
            flush()
            if _RULE_ROW.match(stripped):
                continue
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if items and items[-1].kind == "table":
                items[-1].rows.append(cells)
            else:
                items.append(Item("table", rows=[cells]))
            continue
        if m := _BULLET.match(line):
            flush()
            items.append(Item("bullet", m.group(1).strip()))
            continue
        if m := _NUMBERED.match(line):
            flush()
            items.append(Item("number", m.group(2).strip()))
            continue
        para.append(stripped)
    flush()
    return items


def to_text(md: str) -> str:
    """The text version is the fixture as written, links shown as 'text (url)'."""
    return _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) != m.group(2) else m.group(2), md)


def _inline_html(text: str) -> str:
    out, pos = [], 0
    for m in _LINK.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append(f'<a href="{html.escape(m.group(2))}">{html.escape(m.group(1))}</a>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def to_html(md: str, title: str = "Response") -> str:
    body: list[str] = []
    open_list: str | None = None
    for item in parse(md):
        tag = {"bullet": "ul", "number": "ol"}.get(item.kind)
        if open_list and tag != open_list:
            body.append(f"</{open_list}>")
            open_list = None
        if tag and not open_list:
            body.append(f"<{tag}>")
            open_list = tag
        if item.kind == "heading":
            body.append(f"<h{item.level}>{_inline_html(item.text)}</h{item.level}>")
        elif item.kind == "paragraph":
            body.append(f"<p>{_inline_html(item.text)}</p>")
        elif tag:
            body.append(f"<li>{_inline_html(item.text)}</li>")
        elif item.kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td><p>{_inline_html(c)}</p></td>" for c in row) + "</tr>" for row in item.rows
            )
            body.append(f"<table>{rows}</table>")
        elif item.kind == "comment":
            body.append(f"<!-- {item.text} -->")
    if open_list:
        body.append(f"</{open_list}>")
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + html.escape(title)
        + "</title></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def to_docx(md: str, core: dict | None = None) -> bytes:
    """A Word document with real Heading and List styles, tables and hyperlinks."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()

    def add_inline(paragraph, text: str) -> None:
        pos = 0
        for m in _LINK.finditer(text):
            if m.start() > pos:
                paragraph.add_run(text[pos : m.start()])
            r_id = paragraph.part.relate_to(m.group(2), RT.HYPERLINK, is_external=True)
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), r_id)
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = m.group(1)
            t.set(qn("xml:space"), "preserve")
            run.append(t)
            link.append(run)
            paragraph._p.append(link)
            pos = m.end()
        if pos < len(text):
            paragraph.add_run(text[pos:])

    for item in parse(md):
        if item.kind == "heading":
            p = document.add_paragraph(style=f"Heading {min(item.level, 9)}")
            add_inline(p, item.text)
        elif item.kind == "paragraph":
            add_inline(document.add_paragraph(), item.text)
        elif item.kind == "bullet":
            add_inline(document.add_paragraph(style="List Bullet"), item.text)
        elif item.kind == "number":
            add_inline(document.add_paragraph(style="List Number"), item.text)
        elif item.kind == "table":
            width = max(len(r) for r in item.rows)
            table = document.add_table(rows=len(item.rows), cols=width)
            for r, row in enumerate(item.rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.paragraphs[0].text = ""
                    add_inline(cell.paragraphs[0], cell_text)
    for key, value in (core or {"author": "", "last_modified_by": ""}).items():
        setattr(document.core_properties, key, value)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def write_all(md: str, folder, stem: str) -> dict[str, "object"]:
    """Write stem.txt, stem.html and stem.docx into folder; return their paths by format."""
    from pathlib import Path

    folder = Path(folder)
    paths = {"text": folder / f"{stem}.txt", "html": folder / f"{stem}.html", "docx": folder / f"{stem}.docx"}
    paths["text"].write_text(to_text(md), encoding="utf-8")
    paths["html"].write_text(to_html(md), encoding="utf-8")
    paths["docx"].write_bytes(to_docx(md))
    return paths
