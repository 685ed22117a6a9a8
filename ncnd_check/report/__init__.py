"""Report formats, one module each, all with ``render(results, settings, **options) -> str``.

Helpers every format shares (the summary, how a location reads, how a
redline is spelt in plain text) live here so the formats agree.
"""

from __future__ import annotations

import importlib

from ncnd_check.rules.registry import all_rules
from ncnd_check.terminal import printable
from ncnd_check.wording.library import library_for, library_label

FORMATS = ("text", "json", "sarif", "junit", "github")


def render(results, fmt: str, settings, **options) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    module = importlib.import_module(f"ncnd_check.report.{fmt}_report")
    return module.render(results, settings, **options)


def library_info(settings) -> dict | None:
    """Which approved-wording library the findings were measured against: path, name, authority.

    None when the caller gave no settings (the library is the one the settings name,
    loaded once per process by library.library_for).
    """
    if settings is None:
        return None

    library = library_for(settings)
    return {"path": library.folder, "name": library_label(library), "authority": library.authority}


def library_line(settings) -> str | None:
    """The text report's header: the library in use, whose wording it is, where it is."""
    info = library_info(settings)
    if info is None:
        return None
    whose = f", {info['authority']}'s wording" if info["authority"] else ", whose wording not recorded"
    return f"library: {info['name']}{whose} ({info['path']})"


def summary(results) -> dict:
    """The summary object of the JSON report."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.findings:
            counts[f.severity] += 1
    return {
        "files": len(results),
        "unreadable": sum(1 for r in results if r.error),
        "findings": counts,
    }


def summary_line(results) -> str:
    """One line a person reads at the end of a run."""
    s = summary(results)
    c = s["findings"]
    files = _plural(s["files"], "file")
    unreadable = f"; {_plural(s['unreadable'], 'file')} could not be read" if s["unreadable"] else ""
    total = sum(c.values())
    if not total:
        return f"No findings in {files}{unreadable}."
    parts = f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {c['info']} info"
    return f"{_plural(total, 'finding')} ({parts}) in {files}{unreadable}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def paragraph_number(block: int | None) -> int | None:
    """Paragraphs are counted from 1 for people; ``location.block`` counts from 0."""
    return None if block is None else block + 1


def location_text(location) -> str:
    """'paragraph 42, line 58 [balancing-test]', or 'document' when nothing is known."""
    parts = []
    if location.block is not None:
        parts.append(f"paragraph {paragraph_number(location.block)}")
    if location.line is not None:
        parts.append(f"line {location.line}")
    text = ", ".join(parts) or "document"
    if location.section:
        text += f" [{location.section}]"
    return text


def redline_coloured(redline) -> str:
    """A redline for a terminal: deletions struck through in red, insertions underlined in green."""
    import click

    parts = []
    for op, text in redline:
        text = printable(text)
        if op == "delete":
            parts.append(click.style(text, fg="red", strikethrough=True))
        elif op == "insert":
            parts.append(click.style(text, fg="green", underline=True))
        else:
            parts.append(text)
    return " ".join(parts)


def redline_plain(redline) -> str:
    """A redline as ``[-deleted-]{+inserted+}`` text (wdiff's notation)."""
    return join_segments(
        f"[-{text.strip()}-]" if op == "delete" else f"{{+{text.strip()}+}}" if op == "insert" else text
        for op, text in redline
        if text
    )


def join_segments(pieces) -> str:
    """Join redline pieces with one space between words, whatever spacing each carried."""
    out = ""
    for piece in pieces:
        if not out:
            out = piece
        elif out[-1].isspace() or piece[:1].isspace():
            out += piece
        else:
            out += " " + piece
    return " ".join(out.split())


def rule_info(code: str) -> dict:
    """Name, category, summary and docs of a rule, or blanks for a code not registered."""
    rule = all_rules().get(code)
    if rule is None:
        return {"name": code.lower(), "category": None, "severity": "warning", "summary": "", "sections": {}, "doc": ""}
    return {
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "summary": rule.summary,
        "sections": rule.doc_sections(),
        "doc": rule.doc,
    }
