"""Findings: what a rule reports, in the shape of the JSON report."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

#: The category list in CONTRACT.md. Fixed: other tools rely on it.
CATEGORIES = (
    "missing-section",
    "missing-factor",
    "exemption-mismatch",
    "wording-deviation",
    "missing-approved-text",
    "outdated-link",
    "insecure-link",
    "inconsistent-conclusion",
    "confirmation-leak",
    "template-residue",
    "document-hygiene",
)


@dataclass(slots=True)
class Location:
    block: int | None = None
    line: int | None = None
    section: str | None = None

    def to_dict(self) -> dict:
        return {"block": self.block, "line": self.line, "section": self.section}


@dataclass(slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    location: Location = field(default_factory=Location)
    evidence: str | None = None
    suggestion: str | None = None
    exemption: str | None = None
    #: A structured redline for wording deviations: [(op, text)] with op in
    #: "equal" | "delete" | "insert". Not in the JSON contract; reports use it.
    redline: list[tuple[str, str]] | None = None

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "evidence": self.evidence,
            "suggestion": self.suggestion,
            "exemption": self.exemption,
        }

    def sort_key(self) -> tuple:
        block = self.location.block if self.location.block is not None else -1
        return (block, -SEVERITY_RANK[self.severity], self.rule, self.message)
