"""``ncnd-check rules``: list the rules, or explain one.

Imports the registry only (rule modules are light): no spaCy, so it answers
at once.
"""

from __future__ import annotations

import json
import sys

import click

from ncnd_check.rules.registry import all_rules, matches_selector


@click.command()
@click.argument("selector", required=False)
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text", help="text for people, json for scripts.")
def rules(selector, output_format):
    """List the rules, or explain one (what, why, an example, how to fix).

    SELECTOR is a rule code (explained in full), or a code prefix, category
    or ALL (listed).

    \b
    Examples:
      ncnd-check rules
      ncnd-check rules NCND401
      ncnd-check rules NCND4
      ncnd-check rules wording-deviation
      ncnd-check rules --format json
    """
    registry = all_rules()
    if selector and selector.upper() in registry:
        rule = registry[selector.upper()]
        if output_format == "json":
            click.echo(json.dumps(rule_dict(rule), indent=2, ensure_ascii=False))
        else:
            click.echo(explain(rule))
        return
    chosen = [r for r in registry.values() if not selector or matches_selector(r, selector)]
    if not chosen:
        click.echo(f"ncnd-check: error: no rule matches {selector!r}; `ncnd-check rules` lists them", err=True)
        sys.exit(2)
    if output_format == "json":
        click.echo(json.dumps([rule_dict(r) for r in chosen], indent=2, ensure_ascii=False))
        return
    name_width = max(len(r.name) for r in chosen)
    for r in chosen:
        click.echo(f"{r.code:<8} {r.severity:<7}  {r.category:<23}  {r.name:<{name_width}}  {r.summary}")


def explain(rule) -> str:
    """The rule's documentation as `rules CODE` prints it."""
    lines = [f"{rule.code} {rule.name}", f"category: {rule.category}    default severity: {rule.severity}"]
    if rule.applies_to:
        lines.append(f"applies to: {', '.join(rule.applies_to)} responses")
    sections = rule.doc_sections()
    if not sections:
        return "\n".join(lines + ["", rule.doc])
    for title, body in sections.items():
        lines += ["", f"{title}:", _indent(body)]
    return "\n".join(lines)


def _indent(text: str) -> str:
    import textwrap

    return textwrap.indent(textwrap.dedent(text).strip(), "  ")


def rule_dict(rule) -> dict:

    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "applies_to": list(rule.applies_to) if rule.applies_to else None,
        "summary": rule.summary,
        "doc": rule.doc_sections(),
    }
