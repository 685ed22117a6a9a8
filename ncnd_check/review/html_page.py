"""The review page for HTML and text drafts: the letter, its findings in place, the fixes as a redline.

One self-contained page (inline style and script, nothing fetched), so it
opens offline and can be e-mailed. Each block of the letter is a row: the
text on the left with every finding's words highlighted and numbered, the
comments on the right beside it, and each fix drawn in the text as struck
and inserted words. A button copies the corrected letter (every fix
applied) to the clipboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ncnd_check.review import anchoring
from ncnd_check.review.fixes import Fix, fixed_blocks
from ncnd_check.review.tracked import word_edits


@dataclass
class Note:
    number: int
    finding: object
    fixed: bool


@dataclass
class Row:
    kind: str
    level: int | None
    html: str
    notes: list[Note] = field(default_factory=list)
    inserted: bool = False


def review_html(document, findings, fixes: list[Fix], date: str | None = None) -> bytes:
    """The page's bytes (UTF-8)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("ncnd_check.review", "templates"), autoescape=select_autoescape(["html", "j2"]))
    rows = build_rows(document, findings, fixes)
    corrected = "\n\n".join(fixed_blocks(document, fixes))
    page = env.get_template("review.html.j2").render(
        title=document.path, rows=rows, corrected=corrected, date=date or "",
        total=len(findings), fixes=len(fixes),
    )
    return page.encode("utf-8")


def build_rows(document, findings, fixes: list[Fix]) -> list[Row]:
    from markupsafe import Markup

    fixed_ids = {id(f.finding) for f in fixes}
    link_fixed = {(f.block, f.old) for f in fixes if f.kind == "link"}
    by_block: dict[int, list[tuple[Note, anchoring.Span]]] = {}
    for number, f in enumerate(findings, 1):
        block = anchoring.anchor_block(f, document)
        if block is None:
            continue
        span = anchoring.anchor_span(f, document.blocks[block].text, document, block)
        done = id(f) in fixed_ids or (f.location.block, (f.evidence or "").strip()) in link_fixed
        by_block.setdefault(block, []).append((Note(number, f, done), span))
    edits_by_block: dict[int, list[tuple[int, int, str]]] = {}
    inserts: dict[int, list[str]] = {}
    for fix in fixes:
        text = document.blocks[fix.block].text
        if fix.kind in ("link", "name"):
            i = text.find(fix.old)
            while i >= 0:
                edits_by_block.setdefault(fix.block, []).append((i, i + len(fix.old), fix.new))
                i = text.find(fix.old, i + len(fix.old))
        elif fix.kind == "restore":
            edits_by_block.setdefault(fix.block, []).extend(word_edits(text, fix.new))
        elif fix.kind == "insert":
            inserts.setdefault(fix.block, []).append(fix.new)
    rows = []
    for b in document.blocks:
        notes = by_block.get(b.index, [])
        html = render_text(b.text, [(n.number, s) for n, s in notes], edits_by_block.get(b.index, []))
        rows.append(Row(b.kind, b.level, Markup(html), [n for n, _ in notes]))
        for text in inserts.get(b.index, []):
            rows.append(Row("paragraph", None, Markup(f"<ins>{_esc(text)}</ins>"), inserted=True))
    return rows


def render_text(text: str, marks: list[tuple[int, anchoring.Span]], edits: list[tuple[int, int, str]]) -> str:
    """The block's text as HTML: highlights (``<mark>``) for findings, ``<del>``/``<ins>`` for edits."""
    spans = [(n, s.start or 0, s.end if s.end is not None else len(text), s.whole) for n, s in marks]
    cuts = {0, len(text)}
    for _, a, b, _ in spans:
        cuts.update((a, b))
    for a, b, _ in edits:
        cuts.update((a, b))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    badges = sorted({n for n, *_ in spans})
    for i, pos in enumerate(cuts):
        for a, b, new in edits:
            if b == pos and new:
                out.append(f"<ins>{_esc(new)}</ins>")
        if i + 1 == len(cuts):
            break
        nxt = cuts[i + 1]
        piece = _esc(text[pos:nxt])
        on = [n for n, a, b, whole in spans if not whole and a <= pos and nxt <= b]
        if any(a <= pos and nxt <= b and a < b for a, b, _ in edits):
            piece = f"<del>{piece}</del>"
        if on:
            piece = f'<mark data-n="{" ".join(map(str, on))}">{piece}</mark>'
        out.append(piece)
    refs = "".join(f'<sup class="ref"><a href="#note-{n}" id="ref-{n}">{n}</a></sup>' for n in badges)
    whole = [n for n, _, _, w in spans if w]
    body = "".join(out).replace("\n", "<br>")
    if whole:
        body = f'<span class="whole" data-n="{" ".join(map(str, whole))}">{body}</span>'
    return body + refs


def _esc(s: str) -> str:
    from markupsafe import escape

    return str(escape(s))
