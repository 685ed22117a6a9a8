"""``ncnd-check diff``: each paragraph of a draft beside the approved wording it matched.

Paragraphs are numbered from 1, as in the check report.

Text output is a word-level redline: colour on a terminal (deleted approved
words red and struck through, inserted draft words green and underlined),
``[-deleted-]{+inserted+}`` without colour. ``--format html`` writes a
self-contained side-by-side page.
"""

from __future__ import annotations

import sys

import click

from ncnd_check.analysis import analyse
from ncnd_check.commands.finish import open_output, refuse_outputs, safe
from ncnd_check.commands.options import build_settings, settings_options
from ncnd_check.engine import get_library
from ncnd_check.errors import ConfigError, InputError
from ncnd_check.readers import read_bytes, read_path, read_stdin
from ncnd_check.readers.registry import FORMAT_NAMES
from ncnd_check.report import redline_coloured
from ncnd_check.terminal import printable
from ncnd_check.wording.matching import cited_exemptions, missing_paragraphs, redline_text, similarity

#: How much of an unchanged or unmatched paragraph the text output shows.
PREVIEW = 110


def diff_rows(analysis) -> tuple[list[dict], list]:
    """One row per body block (aligned, unmatched or skipped) and the missing required paragraphs."""
    document, library, settings = analysis.document, analysis.wording_library, analysis.settings
    exemptions = cited_exemptions(analysis)
    aligned = analysis.alignment
    rows: list[dict] = []
    done: set[int] = set()
    for block in document.blocks:
        if block.index in done:
            continue
        line = block.line
        a = aligned.for_block(block.index)
        section = analysis.section_of(block.index)
        if a is not None:
            done.update(a.blocks)
            status = "same" if (a.score >= settings.wording_accept or not a.changed) else "changed"
            rows.append(
                {
                    "blocks": a.blocks,
                    "line": line,
                    "section": section,
                    "status": status,
                    "alignment": a,
                    "draft": " ".join(document.blocks[i].text for i in a.blocks),
                    "approved": " ".join(p.text for p in a.paragraphs),
                }
            )
        else:
            status = "unmatched" if block.index in aligned.considered else "skipped"
            rows.append({"blocks": [block.index], "line": line, "section": section, "status": status, "alignment": None, "draft": block.text, "approved": ""})
    missing = missing_paragraphs(library, aligned.matched_ids(), exemptions)
    return rows, missing


def _preview(text: str) -> str:
    """The start of a paragraph, on one line, with control and escape characters shown escaped."""
    return printable(text if len(text) <= PREVIEW else text[: PREVIEW - 1].rstrip() + "…")


def render_text(path: str, rows: list[dict], missing: list, color: bool, only_changed: bool = False) -> str:
    style = click.style if color else (lambda t, **_: t)
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("same", "changed", "unmatched")}

    lines = [style(printable(path), bold=True)]
    for row in rows:
        if row["status"] == "skipped" or (only_changed and row["status"] != "changed"):
            continue
        where = "+".join(str(b + 1) for b in row["blocks"])
        line = row.get("line")
        section = (f" line {line}" if line else "") + (f" [{row['section']}]" if row["section"] else "")
        a = row["alignment"]
        if a is None:
            lines.append(f"¶{where}{section}  " + style("no approved paragraph (request-specific text)", dim=True))
            lines.append("    " + style(_preview(row["draft"]), dim=True))
            continue
        roles = "/".join(dict.fromkeys(p.role for p in a.paragraphs))
        shape = {"split": ", split in two", "merged": ", two merged"}.get(a.kind, "")
        if row["status"] == "same":
            mark = style("=", fg="green", bold=True)
            lines.append(f"¶{where}{section}  {mark} {a.ids} ({roles}{shape}) {a.score:.0f}%  same as approved")
            lines.append("    " + _preview(row["draft"]))
        else:
            mark = style("~", fg="yellow", bold=True)
            lines.append(f"¶{where}{section}  {mark} {a.ids} ({roles}{shape}) {similarity(a.score)}  differs")
            lines.append("    " + (redline_coloured(a.redline) if color else printable(redline_text(a.redline))))
    for p, others in missing:
        mark = style("-", fg="red", bold=True)
        alternatives = f" (or {', '.join(q.id for q in others)})" if others else ""
        lines.append(f"missing  {mark} {p.id}{alternatives} ({p.role}), required for {'every NCND response' if p.is_shared else p.exemption}")
        lines.append("    " + _preview(p.text))
    lines.append(
        f"{counts['same']} same as approved, {counts['changed']} changed, {counts['unmatched']} request-specific, {len(missing)} required missing"
    )
    return "\n".join(lines) + "\n"


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ncnd-check diff: {{ path }}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem; color: #1b1b1b; }
h1 { font-size: 1.2rem; } .meta { color: #555; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid #ddd; padding: .5rem .6rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; position: sticky; top: 0; }
col.n { width: 4.5rem; } col.info { width: 14rem; }
del { background: #fde2e2; color: #8a1111; } ins { background: #dcf5dc; color: #145214; text-decoration: underline; }
tr.same td.info { color: #145214; } tr.changed td.info { color: #8a5a00; } tr.unmatched td { color: #666; }
.score { font-weight: 600; } .missing { background: #fff4f4; }
</style></head><body>
<h1>Draft against approved wording: {{ path }}</h1>
<p class="meta">Library: {{ library }}. Exemptions aligned: {{ exemptions }}.
{{ counts.same }} same as approved, {{ counts.changed }} changed, {{ counts.unmatched }} request-specific, {{ missing|length }} required missing.</p>
<table>
<colgroup><col class="n"><col><col><col class="info"></colgroup>
<thead><tr><th>¶</th><th>Draft</th><th>Approved wording</th><th>Match</th></tr></thead>
<tbody>
{% for row in rows if row.status != "skipped" %}
<tr class="{{ row.status }}">
<td>{{ row.where }}</td>
<td>{{ row.draft_html }}</td>
<td>{{ row.approved_html }}</td>
<td class="info">{% if row.alignment %}<code>{{ row.alignment.ids }}</code><br>{{ row.roles }}{{ row.shape }}<br><span class="score">{{ row.similarity }}</span> {{ "same" if row.status == "same" else "differs" }}{% else %}request-specific{% endif %}{% if row.section %}<br><small>{{ row.section }}</small>{% endif %}</td>
</tr>
{% endfor %}
{% for p, others in missing %}
<tr class="missing"><td>–</td><td><em>missing</em></td><td>{{ p.text }}</td><td class="info"><code>{{ p.id }}</code>{% if others %} (or {{ others|map(attribute="id")|join(", ") }}){% endif %}<br>{{ p.role }}, required for {{ "every NCND response" if p.is_shared else p.exemption }}</td></tr>
{% endfor %}
</tbody></table>
</body></html>
"""


def render_html(path: str, rows: list[dict], missing: list, library_folder: str | None, exemptions) -> str:
    from jinja2 import Environment
    from markupsafe import Markup, escape

    def side(redline, keep: str) -> Markup:
        out = []
        for op, text in redline:
            if op == "equal":
                out.append(str(escape(text)))
            elif op == keep == "insert":
                out.append(f"<ins>{escape(text)}</ins>")
            elif op == keep == "delete":
                out.append(f"<del>{escape(text)}</del>")
        return Markup(" ".join(out))

    for row in rows:
        a = row["alignment"]
        row["where"] = "+".join(str(b + 1) for b in row["blocks"])
        if a is None:
            row["draft_html"], row["approved_html"] = row["draft"], ""
        else:
            row["draft_html"] = side(a.redline, "insert")
            row["approved_html"] = side(a.redline, "delete")
            row["roles"] = "/".join(dict.fromkeys(p.role for p in a.paragraphs))
            row["similarity"] = similarity(a.score) if row["status"] == "changed" else f"{a.score:.0f}%"
            row["shape"] = {"split": ", split in two", "merged": ", two merged"}.get(a.kind, "")
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("same", "changed", "unmatched")}
    env = Environment(autoescape=True)
    return env.from_string(_PAGE).render(
        path=path,
        rows=rows,
        missing=missing,
        counts=counts,
        library=library_folder or "(none)",
        exemptions=", ".join(exemptions) if exemptions else "all (none cited)",
    )


def _terminal_wants_colour() -> bool:
    import os

    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


@click.command()
@click.argument("path")
@settings_options
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "html"]), default="text", help="text: a redline per paragraph; html: a side-by-side page.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to FILE instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the redline (default: when stdout is a terminal and NO_COLOR is unset).")
@click.option("--only-changed", is_flag=True, help="Text output: show only the paragraphs that differ (and what is missing).")
@click.option("--stdin-format", type=click.Choice(FORMAT_NAMES), help="Format of - (stdin) when it cannot be sniffed.")
def diff(path, output_format, output, color, only_changed, stdin_format, **params):
    """Show each paragraph of PATH beside the approved wording it matched, as a word-level redline.

    \b
    Examples:
      ncnd-check diff draft.docx
      ncnd-check diff draft.txt --no-color
      ncnd-check diff draft.txt --only-changed
      ncnd-check diff draft.docx --format html --output diff.html
      ncnd-check diff draft.txt --reference-dir ../our-templates/reference_texts
    """
    try:
        settings = build_settings(params, [path])
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    refuse_outputs([output], [path])
    try:
        if path == "-":
            document = read_bytes(read_stdin(settings), "<stdin>", stdin_format, settings)
        else:
            document = read_path(path, settings)
    except InputError as exc:
        click.echo(f"ncnd-check: {safe(path)}: {safe(exc.message)}", err=True)
        sys.exit(2)
    library = get_library(settings)
    if not library.paragraphs:
        click.echo(f"ncnd-check: the approved-wording library at {library.folder or '(none)'} has no paragraphs", err=True)
        sys.exit(2)
    analysis = analyse(document, settings, library)
    rows, missing = diff_rows(analysis)
    if output_format == "html":
        text = render_html(path, rows, missing, library.folder, cited_exemptions(analysis))
    else:
        if color is None:
            color = _terminal_wants_colour()
        text = render_text(path, rows, missing, bool(color) and not output, only_changed)
    if output:
        with open_output(output, inputs=[path]) as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False, color=bool(color) if output_format == "text" else None)
