"""``ncnd-check dump``: print what a reader saw, to debug a draft that checks oddly."""

from __future__ import annotations

import json
import sys

import click

from ncnd_check.analysis import analyse
from ncnd_check.errors import InputError
from ncnd_check.readers import read_bytes, read_path, read_stdin
from ncnd_check.readers.registry import FORMAT_NAMES
from ncnd_check.settings import Settings
from ncnd_check.terminal import printable as p


def document_dict(doc) -> dict:
    def block_dict(b, section=None):
        return {
            "index": b.index,
            "kind": b.kind,
            "level": b.level,
            "part": b.part,
            "section": section,
            "text": b.text,
            "links": [link.to_dict() for link in b.links],
            "location": {"block": b.index if b.part == "body" else None, "line": b.line},
            **({"cell": list(b.cell)} if b.cell else {}),
            **({"style": b.style} if b.style else {}),
            **({"label": b.label} if b.label else {}),
        }

    return {"path": doc.path, "format": doc.format, "blocks": [block_dict(b) for b in doc.blocks],
            "extras": [block_dict(b) for b in doc.extras],
            "revisions": [vars_of(r) for r in doc.revisions],
            "comments": [vars_of(c) for c in doc.comments],
            "marked": [vars_of(m) for m in doc.marked],
            "properties": doc.properties,
            "directives": [vars_of(d) for d in doc.directives]}


def vars_of(obj) -> dict:
    return {name: getattr(obj, name) for name in obj.__slots__ if not name.startswith("_")}


@click.command()
@click.argument("path")
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text", help="text: one block per line; json: blocks with kind, level, section, links, location.")
@click.option("--stdin-format", type=click.Choice(FORMAT_NAMES), help="Format of - (stdin) when it cannot be sniffed.")
def dump(path, output_format, stdin_format):
    """Print what was read from PATH: one block per line.

    \b
    Examples:
      ncnd-check dump draft.docx
      ncnd-check dump draft.html --format json
    """
    try:
        if path == "-":
            doc = read_bytes(read_stdin(Settings()), "<stdin>", stdin_format, Settings())
        else:
            doc = read_path(path, Settings())
    except InputError as exc:
        click.echo(f"ncnd-check: {p(path)}: {p(exc.message)}", err=True)
        sys.exit(2)
    sections = _sections(doc)
    if output_format == "json":
        data = document_dict(doc)
        for b, s in zip(data["blocks"], sections):
            b["section"] = s
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for b, s in zip(doc.blocks, sections):
        where = f"L{b.line}" if b.line else f"#{b.index}"
        kind = b.kind + (f"{b.level}" if b.level is not None else "")
        section = f" [{s}]" if s else ""
        number = f"{b.label} " if b.label else ""
        # Everything from the draft is shown escaped: one block a line, and no escape
        # sequence in a hostile draft reaches the terminal.
        click.echo(f"{b.index:>4} {where:>6} {kind:<12}{section} {p(number)}{p(b.text)}")
        for link in b.links:
            click.echo(f"{'':>24}-> {p(link.target)} ({link.source})")
    for b in doc.extras:
        click.echo(f"   - {b.part:>6} {b.kind:<12} {p(b.text)}")
    for r in doc.revisions:
        click.echo(f"   ! tracked {r.kind} by {p(r.author or '?')}: {p(r.text)}")
    for c in doc.comments:
        click.echo(f"   ! comment by {p(c.author or '?')}: {p(c.text)}")
    for m in doc.marked:
        click.echo(f"   ! {m.kind} ({p(m.detail or '')}): {p(m.text)}")
    for k, v in doc.properties.items():
        click.echo(f"   @ {p(k)}: {p(v)}")


def _sections(doc) -> list:
    """Canonical section per block, from the analysis (cheap enough for a debug command)."""
    try:
        return list(analyse(doc).block_sections)
    except Exception:  # the dump must show what was read even if analysis fails
        return [None] * len(doc.blocks)
