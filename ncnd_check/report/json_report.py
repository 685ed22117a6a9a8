"""The JSON report, schema ``ncnd-check/report/v1`` (CONTRACT.md)."""

from __future__ import annotations

import json

from ncnd_check import __version__

SCHEMA = "ncnd-check/report/v1"


def build(results) -> dict:
    from ncnd_check.report import summary

    return {
        "schema": SCHEMA,
        "tool": {"name": "ncnd-check", "version": __version__},
        "files": [r.to_dict() for r in results],
        "summary": summary(results),
    }


def render(results, settings, **options) -> str:
    return json.dumps(build(results), indent=2, ensure_ascii=False) + "\n"
