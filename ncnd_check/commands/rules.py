"""``ncnd-check rules``: list the rules, or explain one."""

from __future__ import annotations

import json
import sys

import click


@click.command()
@click.argument("code", required=False)
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules(code, output_format):
    """List the rules, or explain one (what, why, an example, how to fix).

    \b
    Examples:
      ncnd-check rules
      ncnd-check rules NCND401
      ncnd-check rules --format json
    """
    from ncnd_check.rules.registry import all_rules

    registry = all_rules()
    if code:
        rule = registry.get(code.upper())
        if rule is None:
            click.echo(f"ncnd-check: no rule {code!r}; `ncnd-check rules` lists them", err=True)
            sys.exit(2)
        if output_format == "json":
            click.echo(json.dumps(_rule_dict(rule), indent=2))
            return
        click.echo(f"{rule.code} {rule.name}")
        click.echo(f"category: {rule.category}    default severity: {rule.severity}")
        click.echo("")
        click.echo(rule.doc)
        return
    if output_format == "json":
        click.echo(json.dumps([_rule_dict(r) for r in registry.values()], indent=2))
        return
    for r in registry.values():
        click.echo(f"{r.code}  {r.severity:<7}  {r.category:<23}  {r.name}: {r.summary}")


def _rule_dict(rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "summary": rule.summary,
        "doc": rule.doc_sections(),
    }
