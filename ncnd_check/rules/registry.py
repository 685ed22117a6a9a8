"""The rule registry: one table from code to rule, as in ruff.

A rule is a small pure function of a :class:`RuleContext` that yields
findings. Its docstring, written to a fixed template (What it does / Why it
matters / Example / How to fix), *is* the documentation that
``ncnd-check rules CODE`` prints and the README lists.

Rule modules must stay cheap to import (no spaCy, no lxml at import time):
``ncnd-check rules`` loads them all and must answer in well under a second.
"""

from __future__ import annotations

import fnmatch
import inspect
import os
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from ncnd_check.findings import CATEGORIES, SEVERITIES, Finding

RuleFunc = Callable[["RuleContext"], Iterable[Finding]]  # noqa: F821

#: A full stop that ends a sentence: followed by space and a capital, a quote or a bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(])")

#: Headings of the docstring template, in order.
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "How to fix")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    func: RuleFunc
    #: Which response types the rule applies to ("ncnd" covers partial-ncnd's
    #: NCND part); None means every draft.
    applies_to: tuple[str, ...] | None = ("ncnd", "partial-ncnd")

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        """The first sentence of "What it does", on one line (however the docstring wraps)."""
        text = " ".join(self.doc_sections().get("What it does", "").split())
        return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""

    def doc_sections(self) -> dict[str, str]:
        """The docstring split on the template's headings."""
        sections: dict[str, list[str]] = {}
        current = None
        for line in self.doc.splitlines():
            stripped = line.strip()
            heading = next((h for h in DOC_SECTIONS if stripped.startswith(h + ":")), None)
            if heading:
                current = heading
                rest = stripped[len(heading) + 1 :].strip()
                sections[current] = [rest] if rest else []
            elif current:
                sections[current].append(line)
        return {k: "\n".join(v).strip() for k, v in sections.items()}


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    category: str,
    severity: str = "error",
    applies_to: tuple[str, ...] | None = ("ncnd", "partial-ncnd"),
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under ``code``."""
    if category not in CATEGORIES:
        raise ValueError(f"{code}: category {category!r} is not in CONTRACT.md")
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: unknown severity {severity!r}")

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        missing = [h for h in DOC_SECTIONS if h + ":" not in (func.__doc__ or "")]
        if missing:
            raise ValueError(f"{code}: docstring lacks {', '.join(missing)}")
        RULES[code] = Rule(code, name, category, severity, func, applies_to)
        return func

    return register


def all_rules() -> dict[str, Rule]:
    """Every registered rule, importing the rule families on first use."""
    import ncnd_check.rules  # noqa: F401  (the import registers the families)

    return dict(sorted(RULES.items()))


def selected_rules(settings, path: str | None = None) -> list[Rule]:
    """The rules --select / --ignore / per-file ignores leave switched on."""
    ignore = list(settings.ignore)
    if path:
        norm = path.replace(os.sep, "/")
        absolute = os.path.abspath(path).replace(os.sep, "/")
        for pattern, codes in settings.per_file_ignores.items():
            if any(fnmatch.fnmatch(p, pattern) for p in (norm, os.path.basename(norm), absolute)):
                ignore.extend(codes)
    return [
        rule_
        for rule_ in all_rules().values()
        if any(matches_selector(rule_, s) for s in settings.select)
        and not any(matches_selector(rule_, s) for s in ignore)
    ]


def matches_selector(rule_: Rule, selector: str) -> bool:
    """True when ``selector`` (a code, a code prefix, a category, a name or ALL) names the rule."""
    sel = selector.strip()
    if not sel:
        return False
    if sel.upper() == "ALL":
        return True
    return (
        rule_.code.upper().startswith(sel.upper())
        or rule_.category == sel.lower()
        or rule_.name == sel.lower()
    )
