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
    "review": "ncnd_check.commands.review:review",
    "audit": "ncnd_check.commands.audit:audit",
    "rules": "ncnd_check.commands.rules:rules",
    "refs": "ncnd_check.commands.refs:refs",
    "dump": "ncnd_check.commands.dump:dump",
}

HELP = {
    "check": "Lint drafts: files, folders or - for stdin.",
    "diff": "Show each paragraph beside the approved wording, as a redline.",
    "review": "Write a review copy: findings as comments, fixes as tracked changes.",
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
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None  # a command not built yet reads as "No such command"
        return getattr(module, attr)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run, turning every usage or settings error into one line and exit code 2."""
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            hint = ""
            ctx = getattr(exc, "ctx", None)
            if isinstance(exc, click.UsageError) and ctx is not None and "--help" not in exc.format_message():
                hint = f" (see `{ctx.command_path} --help`)"
            message = " ".join(exc.format_message().split())
            click.echo(f"ncnd-check: error: {message}{hint}", err=True)
            if not standalone_mode:
                raise
            sys.exit(2)
        except click.Abort:
            click.echo("ncnd-check: interrupted", err=True)
            sys.exit(2)
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv

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
      ncnd-check review draft.docx
      ncnd-check audit sent/ --report audit.html --csv audit.csv
      ncnd-check rules NCND401

    Exit codes: 0 no finding at or above --fail-on, 1 at least one,
    2 a usage error or an input that could not be read.
    """


def _terminated(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C, so outputs being written are removed, not left half-written."""
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: click handles usage errors with exit code 2."""
    import signal

    try:
        signal.signal(signal.SIGTERM, _terminated)
    except (ValueError, OSError):  # not the main thread, or no SIGTERM here
        pass
    try:
        cli(prog_name="ncnd-check")
    except KeyboardInterrupt:  # pragma: no cover
        click.echo("interrupted", err=True)
        sys.exit(2)
