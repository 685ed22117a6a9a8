"""The JSON report, schema ``ncnd-check/report/v1`` (CONTRACT.md).

The schema ships in the package as ``ncnd_check/schemas/report-v1.json``;
:func:`schema` loads it for anyone who wants to validate a report.
"""

from __future__ import annotations

import json
from importlib import resources

from ncnd_check import __version__
from ncnd_check.report import library_info, summary
from ncnd_check.report.text_report import statistics_data

SCHEMA = "ncnd-check/report/v1"


def build(results, settings=None) -> dict:
    tool = {"name": "ncnd-check", "version": __version__}
    library = library_info(settings)
    if library is not None:
        tool["library"] = library
    return {
        "schema": SCHEMA,
        "tool": tool,
        "files": [r.to_dict() for r in results],
        "summary": summary(results),
    }


def render(results, settings, statistics=False, **options) -> str:
    if statistics:
        return json.dumps(statistics_data(results), indent=2, ensure_ascii=False) + "\n"
    return json.dumps(build(results, settings), indent=2, ensure_ascii=False) + "\n"


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of the report."""
    return json.loads(resources.files("ncnd_check.schemas").joinpath("report-v1.json").read_text("utf-8"))
