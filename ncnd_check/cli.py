"""The ``ncnd-check`` command group.

Subcommands live in :mod:`ncnd_check.commands` and are imported only when
invoked, so ``--version``, ``rules`` and ``refs list`` never pay for spaCy.
"""

from __future__ import annotations

import importlib
import sys

import click

from ncnd_check import __version__

#: name -> "module:attribute", in the order --help lists them.
COMMANDS = {
    "check": "ncnd_check.commands.check:check",
    "diff": "ncnd_check.commands.diff:diff",
    "audit": "ncnd_check.commands.audit:audit",
    "rules": "ncnd_check.commands.rules:rules",
    "refs": "ncnd_check.commands.refs:refs",
    "dump": "ncnd_check.commands.dump:dump",
}

HELP = {
    "check": "Lint drafts: files, folders or - for stdin.",
    "diff": "Show each paragraph beside the approved wording, as a redline.",
    "audit": "Batch quality audit with a summary and an HTML report.",
    "rules": "List the rules, or explain one.",
    "refs": "Inspect and validate an approved-wording library.",
    "dump": "Print what was read from a draft, one block per line.",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help from a table, so `--help` imports no command module.
        with formatter.section("Commands"):
            formatter.write_dl([(name, HELP[name]) for name in COMMANDS])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ncnd-check", message="%(prog)s %(version)s")
def cli() -> None:
    """Check draft FOI responses that neither confirm nor deny (NCND).

    \b
    Examples:
      ncnd-check check draft.docx
      ncnd-check check drafts/ --format sarif --output results.sarif
      ncnd-check diff draft.docx
      ncnd-check audit sent/ --report audit.html --csv audit.csv
      ncnd-check rules NCND401
    """


def main() -> None:
    """Entry point: click handles usage errors with exit code 2."""
    try:
        cli(prog_name="ncnd-check")
    except KeyboardInterrupt:  # pragma: no cover
        click.echo("interrupted", err=True)
        sys.exit(2)
