"""The text report: grouped by file, for a person at a terminal.

Colour (ANSI, via click.style) only when the caller says the output is a
terminal; without colour a redline reads ``[-deleted-]{+inserted+}``.
"""

from __future__ import annotations

from collections import Counter

import click

from ncnd_check.report import join_segments, library_line, location_text, redline_plain, rule_info, summary_line
from ncnd_check.terminal import printable

SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(results, settings, statistics=False, quiet=False, color=False, **options) -> str:
    style = _styler(color)
    lines: list[str] = []
    header = None if quiet else library_line(settings)
    if statistics:
        lines.extend(statistics_lines(results, style))
    else:
        for r in results:
            lines.extend(_file_lines(r, style))
    if not quiet:
        if lines:
            lines.append("")
        lines.append(style(summary_line(results), bold=True))
    if header:
        lines.insert(0, style(header, dim=True))
    return "\n".join(lines) + "\n" if lines else ""


def _styler(color: bool):
    if color:
        return click.style
    return lambda text, **_: text


def _file_lines(result, style) -> list[str]:
    if result.error:
        return [style(printable(result.path), bold=True), f"  {style(result.error.kind, fg='red', bold=True)}: {printable(result.error.message)}"]
    if not result.findings:
        return []
    lines = [style(printable(result.path), bold=True)]
    for f in result.findings:
        severity = style(f"{f.severity:<7}", fg=SEVERITY_COLOURS.get(f.severity))
        lines.append(f"  {location_text(f.location)}  {severity} {style(f.rule, bold=True)}  {_one_line(f.message)}")
        if f.redline:
            lines.append(f"      redline:    {_redline(f.redline, style)}")
        elif f.evidence:
            lines.append(f"      evidence:   {style(_one_line(f.evidence), dim=True)}")
        if f.suggestion:
            lines.append(f"      suggestion: {_one_line(f.suggestion)}")
    return lines


def _redline(redline, style) -> str:
    if style is not click.style:
        return printable(redline_plain(redline))
    pieces = []
    for op, text in redline:
        if not text:
            continue
        text = printable(text)
        if op == "delete":
            pieces.append(style(text.strip(), fg="red", strikethrough=True))
        elif op == "insert":
            pieces.append(style(text.strip(), fg="green", underline=True))
        else:
            pieces.append(text)
    return join_segments(pieces)


def _one_line(text: str) -> str:
    """One line, with any control or escape character from the draft shown escaped."""
    return printable(" ".join(text.split()))


def statistics_lines(results, style=None) -> list[str]:
    """Counts per rule, most frequent first (ruff's --statistics)."""
    style = style or _styler(False)
    counts = Counter((f.rule, f.severity) for r in results for f in r.findings)
    lines = []
    for (code, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        info = rule_info(code)
        sev = style(f"{severity:<7}", fg=SEVERITY_COLOURS.get(severity))
        lines.append(f"{n:>5}  {style(f'{code:<8}', bold=True)}  {sev}  {info['category'] or '':<23}  {info['name']}")
    return lines


def statistics_data(results) -> list[dict]:
    """The same counts for machines (``--statistics --format json``)."""
    counts = Counter((f.rule, f.category, f.severity) for r in results for f in r.findings)
    return [
        {"rule": code, "category": category, "severity": severity, "count": n, "name": rule_info(code)["name"]}
        for (code, category, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
