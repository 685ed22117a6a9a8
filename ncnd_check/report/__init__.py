"""Report formats, one module each, all with ``render(results, settings, **options) -> str``."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "junit", "github")


def render(results, fmt: str, settings, **options) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    module = importlib.import_module(f"ncnd_check.report.{fmt}_report")
    return module.render(results, settings, **options)


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
