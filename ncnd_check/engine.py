"""Read -> analyse -> rules, for one draft. The library behind the CLI and the API."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ncnd_check.errors import InputError
from ncnd_check.findings import Finding
from ncnd_check.rules.context import RuleContext
from ncnd_check.rules.registry import RULES, matches_selector, selected_rules
from ncnd_check.settings import Settings
from ncnd_check.wording.library import library_for

if TYPE_CHECKING:
    from ncnd_check.analysis.model import Analysis
    from ncnd_check.document import Document


@dataclass
class FileResult:
    """One file's entry in a report."""

    path: str
    format: str | None
    error: InputError | None = None
    response: dict | None = None
    findings: list[Finding] = field(default_factory=list)
    #: Kept for reports that show more than findings (diff, audit); not serialised.
    analysis: Any = field(default=None, repr=False)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "error": self.error.to_dict() if self.error else None,
            "response": self.response,
            "findings": [f.to_dict() for f in self.findings],
        }


def get_library(settings: Settings):
    """The approved-wording library, loaded once per process per folder (ncnd_check.wording.library.library_for)."""
    return library_for(settings)


def run_rules(analysis: "Analysis", path: str | None = None) -> list[Finding]:
    """Every selected rule over one analysed draft (with the settings and library it was analysed with), inline suppressions applied."""
    settings = analysis.settings
    ctx = RuleContext(analysis=analysis)
    findings: list[Finding] = []
    for rule in selected_rules(settings, path):
        if rule.applies_to is not None and analysis.response_type not in rule.applies_to:
            continue
        ctx.rule = rule
        findings.extend(rule.func(ctx))
    findings = _apply_directives(findings, analysis.document)
    findings.sort(key=Finding.sort_key)
    return findings


def _apply_directives(findings: list[Finding], document: "Document") -> list[Finding]:
    """Drop findings that an ``ncnd-check: ignore CODE`` marker in the draft silences."""
    if not document.directives:
        return findings
    def silenced(f: Finding) -> bool:
        rule = RULES.get(f.rule)
        for d in document.directives:
            if d.block is not None and d.block != f.location.block:
                continue
            for code in d.codes:
                if rule is not None and matches_selector(rule, code):
                    return True
                if rule is None and f.rule.upper().startswith(code.upper()):
                    return True
        return False

    return [f for f in findings if not silenced(f)]


def check_document(document: "Document", settings: Settings | None = None, library=None) -> FileResult:
    """Analyse a Document that a reader produced and run the rules over it."""
    from ncnd_check.analysis import analyse

    settings = settings or Settings()
    library = library if library is not None else get_library(settings)
    analysis = analyse(document, settings, library)
    findings = run_rules(analysis, document.path)
    return FileResult(
        path=document.path,
        format=document.format,
        response=analysis.response_dict(),
        findings=findings,
        analysis=analysis,
    )


def check_file(path: str | os.PathLike, settings: Settings | None = None, library=None) -> FileResult:
    """Check one file; an unreadable one gives a FileResult with ``error`` set."""
    from ncnd_check.readers import guess_format, read_path

    settings = settings or Settings()
    name = str(path)
    try:
        document = read_path(path, settings)
    except InputError as exc:
        return FileResult(path=name, format=guess_format(name), error=exc)
    return check_document(document, settings, library)


def check_bytes(data: bytes, name: str, fmt: str | None = None, settings: Settings | None = None, library=None) -> FileResult:
    """Check a draft given as bytes (stdin, an upload)."""
    from ncnd_check.readers import guess_format, read_bytes

    settings = settings or Settings()
    try:
        document = read_bytes(data, name, fmt, settings)
    except InputError as exc:
        return FileResult(path=name, format=fmt or guess_format(name), error=exc)
    return check_document(document, settings, library)


def check_text(text: str, fmt: str = "text", settings: Settings | None = None, library=None, name: str = "<text>") -> FileResult:
    """Check a draft given as a string (plain text by default, or HTML)."""
    return check_bytes(text.encode("utf-8"), name, fmt, settings, library)
