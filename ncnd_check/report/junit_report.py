"""JUnit XML for CI dashboards (GitLab, Jenkins, Azure): one test case per file.

A finding at or above ``fail_on`` is a ``<failure>``; findings below it are
listed in the case's ``<system-out>``; an unreadable file is an ``<error>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ncnd_check.findings import SEVERITY_RANK
from ncnd_check.report import location_text, redline_plain


def render(results, settings, **options) -> str:
    threshold = SEVERITY_RANK[getattr(settings, "fail_on", "error")]
    suites = ET.Element("testsuites", name="ncnd-check")
    suite = ET.SubElement(suites, "testsuite", name="ncnd-check")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for r in results:
        case = ET.SubElement(suite, "testcase", classname="ncnd-check", name=r.path, file=r.path, time="0")
        totals["tests"] += 1
        if r.error:
            err = ET.SubElement(case, "error", message=f"{r.error.kind}: {r.error.message}", type=r.error.kind)
            err.text = r.error.message
            totals["errors"] += 1
            continue
        failing = [f for f in r.findings if SEVERITY_RANK[f.severity] >= threshold]
        for f in failing:
            failure = ET.SubElement(case, "failure", message=f"{f.rule}: {f.message}", type=f.rule)
            failure.text = _details(f)
        if failing:
            totals["failures"] += 1
        rest = [f for f in r.findings if SEVERITY_RANK[f.severity] < threshold]
        if rest:
            out = ET.SubElement(case, "system-out")
            out.text = "\n\n".join(f"{f.severity} {f.rule}: {f.message}\n{_details(f)}" for f in rest)
    for el in (suites, suite):
        for key, value in totals.items():
            el.set(key, str(value))
        el.set("time", "0")
    suite.set("skipped", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _details(f) -> str:
    lines = [f"{f.category} at {location_text(f.location)}"]
    if f.redline:
        lines.append(f"redline: {redline_plain(f.redline)}")
    elif f.evidence:
        lines.append(f"evidence: {f.evidence}")
    if f.suggestion:
        lines.append(f"suggestion: {f.suggestion}")
    return "\n".join(lines)
