"""CSV export for auditors: one row per finding, ready for a spreadsheet.

Every file is accounted for: a file with no finding still gets one row,
with an empty rule and ``status`` saying why (``clean``, or the reason it
could not be read: ``unreadable``, ``unsupported``, ``too-large``,
``unsafe``, with the message). Finding rows have status ``finding``.

Cells that a spreadsheet would take for a formula (starting ``=``, ``+``,
``-``, ``@``) are prefixed with ``'`` so opening the file runs nothing.
"""

from __future__ import annotations

import csv
import io

from ncnd_check.report import redline_plain

COLUMNS = ("file", "rule", "category", "severity", "section", "block", "line", "message", "evidence", "suggestion", "status")


def rows(results):
    for r in results:
        if r.error or not r.findings:
            yield {
                **{c: "" for c in COLUMNS},
                "file": r.path,
                "message": r.error.message if r.error else "",
                "status": r.error.kind if r.error else "clean",
            }
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
                "status": "finding",
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
