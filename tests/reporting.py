"""Test helpers for the CLI and report tests: fake rules and a fixed set of results.

The fake rules (codes XT...) are registered only inside the ``fake_rules``
fixture and removed afterwards, so they never leak into the real registry
(the README's generated rule list, other engineers' tests). CLI tests pass
``--select XT`` so the real rules, as they land, do not change the output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ncnd_check.engine import FileResult
from ncnd_check.errors import InputError
from ncnd_check.findings import Finding, Location
from ncnd_check.rules.registry import RULES, Rule

GOLDEN = Path(__file__).resolve().parent / "golden"


def _placeholder(ctx):
    """What it does: Flags a block that still holds the placeholder ``[NAME]``.

    Why it matters: A test rule.

    Example: Dear [NAME],

    How to fix: Put the requester's name in.
    """
    for block in ctx.document.blocks:
        if "[NAME]" in block.text:
            yield ctx.finding("Placeholder [NAME] left in", block.index, evidence=block.text, suggestion="Write the name")


def _http(ctx):
    """What it does: Flags an http:// link.

    Why it matters: A test rule.

    Example: http://example.org

    How to fix: Use https.
    """
    for block in ctx.document.blocks:
        if "http://" in block.text:
            yield ctx.finding("Insecure link", block.index, evidence=block.text)


def _drift(ctx):
    """What it does: Flags a paragraph that says "would confirm" instead of "will not confirm".

    Why it matters: A test rule for redlines.

    Example: The force would confirm.

    How to fix: Use the approved wording.
    """
    for block in ctx.document.blocks:
        if "would confirm" in block.text:
            redline = [("equal", "The force"), ("delete", "will not"), ("insert", "would"), ("equal", "confirm")]
            yield ctx.finding("Wording differs from the approved paragraph", block.index, evidence=block.text, redline=redline)


def _no_balance(ctx):
    """What it does: Flags a draft with no block mentioning the balance.

    Why it matters: A test rule with a document-level finding.

    Example: a draft with no balancing test.

    How to fix: Add one.
    """
    if not any("balanc" in b.text.lower() for b in ctx.document.blocks):
        yield ctx.finding("No balancing test", None)


FAKE_RULES = [
    Rule("XT101", "placeholder-left", "template-residue", "error", _placeholder, None),
    Rule("XT201", "insecure-http", "insecure-link", "warning", _http, None),
    Rule("XT301", "wording-drift", "wording-deviation", "warning", _drift, None),
    Rule("XT401", "no-balance", "missing-section", "info", _no_balance, None),
]


@pytest.fixture
def fake_rules():
    import ncnd_check.rules  # noqa: F401  (real families first, so ours are added, not replaced)

    for r in FAKE_RULES:
        RULES[r.code] = r
    try:
        yield FAKE_RULES
    finally:
        for r in FAKE_RULES:
            RULES.pop(r.code, None)


BAD_TEXT = """Dear [NAME],

The force would confirm that it holds information.

See http://example.org/policy for the policy.

We have weighed the balance of the public interest.
"""

GOOD_TEXT = """Dear Ms Smith,

The force will not confirm or deny that it holds information.

We have weighed the balance of the public interest.
"""


def sample_results() -> list[FileResult]:
    """A fixed set of results covering every shape a report must handle."""
    a = FileResult(
        path="drafts/a.txt",
        format="text",
        response={"type": "ncnd", "exemptions": ["s24(2)", "s31(3)"], "sections": ["request", "harm", "balancing-test"]},
        findings=[
            Finding(
                "XT101", "template-residue", "error", "Placeholder [NAME] left in",
                Location(0, 1, "request"), evidence="Dear [NAME],", suggestion="Write the requester's name",
            ),
            Finding(
                "XT301", "wording-deviation", "warning", "Wording differs from the approved paragraph",
                Location(3, 7, "harm"), evidence="The force [-will not-] {+would+} confirm",
                redline=[("equal", "The force"), ("delete", "will not"), ("insert", "would"), ("equal", "confirm")],
                exemption="s24(2)",
            ),
            Finding(
                "XT201", "insecure-link", "warning", 'Insecure link, 100% "plain", with: colons\nand a newline',
                Location(5, 11, "balancing-test"), evidence="http://example.org/a,b",
            ),
            Finding("XT401", "missing-section", "info", "No balancing test", Location(None, None, None)),
        ],
    )
    b = FileResult(
        path="drafts/b.docx",
        format="docx",
        response={"type": "partial-ncnd", "exemptions": ["s40(5B)"], "sections": []},
        findings=[
            Finding("XT101", "template-residue", "error", "Placeholder [NAME] left in", Location(11, None, None),
                    evidence="=SUM(A1) [NAME]"),
        ],
    )
    clean = FileResult(path="drafts/clean.html", format="html", response={"type": "ncnd", "exemptions": [], "sections": []})
    broken = FileResult(path="drafts/broken.docx", format="docx", error=InputError("unreadable", "not a zip file: the DOCX is damaged"))
    return [a, b, clean, broken]


def validate_report(data: dict) -> None:
    """Validate a JSON report against the schema shipped in the package."""
    import jsonschema

    from ncnd_check.report.json_report import schema

    jsonschema.Draft202012Validator(schema()).validate(data)


def load_json(text: str) -> dict:
    data = json.loads(text)
    validate_report(data)
    return data


def register_fake_rules() -> None:
    """For subprocess tests: ``python tests/reporting.py check ...`` runs the CLI with the fakes."""
    import ncnd_check.rules  # noqa: F401

    for r in FAKE_RULES:
        RULES[r.code] = r


if __name__ == "__main__":
    register_fake_rules()
    from ncnd_check.cli import main

    main()
