"""CSV export for auditors: one row per finding, ready for a spreadsheet.

Cells that a spreadsheet would take for a formula (starting ``=``, ``+``,
``-``, ``@``) are prefixed with ``'`` so opening the file runs nothing.
"""

from __future__ import annotations

import csv
import io

from ncnd_check.report import redline_plain

COLUMNS = ("file", "rule", "category", "severity", "section", "block", "line", "message", "evidence", "suggestion")


def rows(results):
    for r in results:
        for f in r.findings:
            evidence = redline_plain(f.redline) if f.redline else f.evidence
            yield {
                "file": r.path,
                "rule": f.rule,
                "category": f.category,
                "severity": f.severity,
                "section": f.location.section or "",
                "block": "" if f.location.block is None else f.location.block,
                "line": "" if f.location.line is None else f.location.line,
                "message": f.message,
                "evidence": evidence or "",
                "suggestion": f.suggestion or "",
            }


def _safe(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def writer_for(stream):
    """Write the header now; return a function that writes one result's rows (the audit streams)."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()

    def write(result) -> None:
        for row in rows([result]):
            writer.writerow({k: _safe(v) for k, v in row.items()})

    return write


def render(results, settings=None, **options) -> str:
    buf = io.StringIO()
    write = writer_for(buf)
    for result in results:
        write(result)
    return buf.getvalue()
