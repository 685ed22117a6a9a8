"""SARIF 2.1.0 for code-scanning tools (GitHub, Azure DevOps, IDE viewers).

One run. ``tool.driver.rules`` holds every rule with its documentation as
help text and a ``category`` property; each result points at the file
(a relative URI under ``%SRCROOT%``) and, for text and HTML, the line. A
DOCX has no lines, so its results carry the paragraph as a logical
location and a region-less artifact location. Unreadable files become
tool execution notifications, not results.
"""

from __future__ import annotations

import hashlib
import json
import os
from urllib.parse import quote

from ncnd_check import __version__
from ncnd_check.report import join_segments, paragraph_number, rule_info
from ncnd_check.rules.registry import all_rules, selected_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/ncnd-check/"


def render(results, settings, **options) -> str:
    return json.dumps(build(results, settings), indent=2, ensure_ascii=False) + "\n"


def build(results, settings=None) -> dict:
    codes = _rule_codes(results, settings)
    index = {code: i for i, code in enumerate(codes)}
    sarif_results = []
    notifications = []
    artifacts: dict[str, int] = {}
    for r in results:
        uri, base = artifact_uri(r.path)
        if uri not in artifacts:
            artifacts[uri] = len(artifacts)
        if r.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{r.path}: {r.error.kind}: {r.error.message}"},
                    "descriptor": {"id": r.error.kind},
                    "locations": [{"physicalLocation": {"artifactLocation": _artifact(uri, base, artifacts[uri])}}],
                }
            )
            continue
        for f in r.findings:
            sarif_results.append(_result(f, r, uri, base, artifacts[uri], index))
    run = {
        "tool": {
            "driver": {
                "name": "ncnd-check",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(code) for code in codes],
            }
        },
        "automationDetails": {"id": "ncnd-check/"},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _cwd_uri()}},
        "artifacts": [_artifact_entry(uri, base, results) for uri, base in _artifact_list(results)],
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "columnKind": "utf16CodeUnits",
        "results": sarif_results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule_codes(results, settings) -> list[str]:
    """Every rule the run could report (selected ones), plus any code a result names."""
    codes = [rule.code for rule in selected_rules(settings)] if settings is not None else list(all_rules())
    for r in results:
        for f in r.findings:
            if f.rule not in codes:
                codes.append(f.rule)
    return sorted(codes)


def _rule(code: str) -> dict:
    info = rule_info(code)
    sections = info["sections"]
    short = info["summary"] or info["name"]
    full = sections.get("What it does") or short
    help_text = info["doc"] or short
    help_md = "\n\n".join(f"**{title}**\n\n{body}" for title, body in sections.items() if body) or short
    props = {"tags": [t for t in ("ncnd", info["category"]) if t]}
    if info["category"]:
        props["category"] = info["category"]
    return {
        "id": code,
        "name": _pascal(info["name"]),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS.get(info["severity"], "warning")},
        "properties": props,
    }


def _pascal(name: str) -> str:
    """SARIF rule names are identifiers: 'outdated-link' -> 'OutdatedLink'."""
    return "".join(part.capitalize() for part in name.replace("_", "-").split("-") if part) or "Rule"


def _result(f, r, uri, base, artifact_index, index) -> dict:
    text = f.message
    if f.suggestion:
        text += f"\n\nSuggestion: {f.suggestion}"
    physical: dict = {"artifactLocation": _artifact(uri, base, artifact_index)}
    if f.location.line is not None:
        region: dict = {"startLine": f.location.line}
        snippet = _snippet(f)
        if snippet:
            region["snippet"] = {"text": snippet}
        physical["region"] = region
    location: dict = {"physicalLocation": physical}
    logical = []
    if f.location.block is not None:
        logical.append({"name": f"paragraph {paragraph_number(f.location.block)}", "kind": "paragraph"})
    if f.location.section:
        logical.append({"name": f.location.section, "kind": "section"})
    if logical:
        location["logicalLocations"] = logical
    result = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"ncndFinding/v1": _fingerprint(r.path, f)},
        "properties": {"category": f.category, "block": f.location.block},
    }
    if f.evidence:
        result["properties"]["evidence"] = f.evidence
    if f.exemption:
        result["properties"]["exemption"] = f.exemption
    return result


def _snippet(f) -> str | None:
    """The draft's own words: for a redline, what the draft says (not the markup)."""
    if f.redline:
        return join_segments(text for op, text in f.redline if op != "delete" and text) or None
    return f.evidence


def _fingerprint(path: str, f) -> str:
    """Stable across runs and line shifts: file, rule, section, message and evidence."""
    key = "\x1f".join([path.replace(os.sep, "/"), f.rule, f.location.section or "", f.message, f.evidence or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def artifact_uri(path: str) -> tuple[str, str | None]:
    """A relative URI under %SRCROOT% where possible (what GitHub needs), else a file URI."""
    if path.startswith("<"):
        return quote(path.strip("<>")), "%SRCROOT%"
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    try:
        rel = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive on Windows
        rel = None
    if rel is not None and not rel.startswith(".."):
        return quote(rel.replace(os.sep, "/")), "%SRCROOT%"
    return "file://" + quote(absolute.replace(os.sep, "/")), None


def _artifact(uri: str, base: str | None, index: int) -> dict:
    out = {"uri": uri, "index": index}
    if base:
        out["uriBaseId"] = base
    return out


def _artifact_list(results):
    seen = {}
    for r in results:
        uri, base = artifact_uri(r.path)
        seen.setdefault(uri, base)
    return list(seen.items())


def _artifact_entry(uri: str, base: str | None, results) -> dict:
    entry: dict = {"location": {"uri": uri}}
    if base:
        entry["location"]["uriBaseId"] = base
    for r in results:
        if artifact_uri(r.path)[0] == uri and r.format:
            entry["mimeType"] = MIME_TYPES.get(r.format, "text/plain")
            break
    return entry


MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "text": "text/plain",
}


def _cwd_uri() -> str:
    cwd = os.getcwd().replace(os.sep, "/")
    if not cwd.startswith("/"):
        cwd = "/" + cwd
    return "file://" + quote(cwd.rstrip("/") + "/")
