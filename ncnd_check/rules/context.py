"""What a rule sees: the finished analysis, the approved-wording library, the settings.

A rule reads these and yields findings; it computes no analysis of its own
(the costly parts, such as the alignment and the leaks, are parts of the
Analysis, built once on first use).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ncnd_check.findings import Finding, Location
from ncnd_check.rules.registry import matches_selector

if TYPE_CHECKING:
    from ncnd_check.analysis.model import Analysis
    from ncnd_check.document import Document
    from ncnd_check.rules.registry import Rule
    from ncnd_check.settings import Settings


def severity_for(rule: "Rule", overrides: dict[str, str]) -> str:
    """The rule's severity after overrides: by exact code first, else by prefix or category.

    The CLI spreads category and prefix overrides to codes when it reads the
    settings; this keeps ``Settings(severity={"wording-deviation": "info"})``
    meaning the same through the Python API.
    """
    if not overrides:
        return rule.severity
    if rule.code in overrides:
        return overrides[rule.code]

    matching = [sel for sel in overrides if matches_selector(rule, sel)]
    return overrides[max(matching, key=len)] if matching else rule.severity


@dataclass
class RuleContext:
    """One draft's Analysis and the rule being run; the library and settings are the analysis's own."""

    analysis: "Analysis"
    rule: "Rule | None" = None

    @property
    def document(self) -> "Document":
        return self.analysis.document

    @property
    def library(self):
        """The approved-wording library the draft was analysed against."""
        return self.analysis.wording_library

    @property
    def settings(self) -> "Settings":
        return self.analysis.settings

    def finding(
        self,
        message: str,
        block: int | None = None,
        *,
        evidence: str | None = None,
        suggestion: str | None = None,
        exemption: str | None = None,
        redline: list[tuple[str, str]] | None = None,
        line: int | None = None,
        section: str | None = None,
    ) -> Finding:
        """A finding for the current rule, located at body block ``block``."""
        assert self.rule is not None, "finding() is only for use inside a rule"
        rule = self.rule
        severity = severity_for(rule, self.settings.severity)
        return Finding(
            rule=rule.code,
            category=rule.category,
            severity=severity,
            message=message,
            location=Location(
                block=block,
                line=line if line is not None else self.document.block_line(block),
                section=section if section is not None else self.analysis.section_of(block),
            ),
            evidence=evidence,
            suggestion=suggestion,
            exemption=exemption,
            redline=redline,
        )
