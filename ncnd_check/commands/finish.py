"""Rendering a report, writing it, and choosing the exit code."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from ncnd_check.commands.exitcodes import ExitCode
from ncnd_check.findings import SEVERITY_RANK
from ncnd_check.outputs import OutputError, atomic_output, check_output, input_ids
from ncnd_check.report import render
from ncnd_check.terminal import printable


def exit_code(results, fail_on: str) -> ExitCode:
    """2 if any file was unreadable, else 1 if a finding reaches fail_on, else 0."""
    if any(r.error for r in results):
        return ExitCode.ERROR
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


@contextmanager
def open_output(path: str, newline: str = "\n", inputs=()):
    """A report file opened for writing through :func:`ncnd_check.outputs.atomic_output`:
    whole or not at all, never through a link, never over an input. A refusal or a
    failed write is one line and exit 2."""
    try:
        with atomic_output(path, inputs, newline=newline) as fh:
            yield fh
    except OutputError as exc:
        raise click.ClickException(safe(exc.message)) from None


def refuse_outputs(outputs, inputs) -> None:
    """Before a long run: every output path must be writable and none may be an input (exit 2)."""
    ids = input_ids(inputs)
    for path in outputs:
        if path:
            try:
                check_output(path, ids)
            except OutputError as exc:
                raise click.ClickException(safe(exc.message)) from None


def safe(text: str) -> str:
    """Text for a terminal: control and escape characters shown escaped (see ncnd_check.terminal)."""
    return printable(text)


def write_report(results, settings, output=None, statistics=False, quiet=False, inputs=()) -> None:
    """Render in the chosen format to --output, or to stdout."""
    text = render(results, settings.format, settings, statistics=statistics, quiet=quiet, color=want_color(output))
    if output:
        with open_output(output, inputs=inputs) as fh:
            fh.write(text)
    elif text:
        click.echo(text, nl=not text.endswith("\n"))


def finish(results, settings, output=None, statistics=False, quiet=False, exit_zero=False, inputs=(), failed=False) -> None:
    """Write the report, list unreadable files on stderr, exit with the contract's code.

    ``failed``: something else went wrong that the user must hear about (a
    --fix copy that could not be written): exit 2, as for an unreadable file.
    """
    write_report(results, settings, output=output, statistics=statistics, quiet=quiet, inputs=inputs)
    # Unreadable files also go to stderr, unless the text report on this terminal just listed them.
    shown_here = settings.format == "text" and not output and not statistics and sys.stdout.isatty()
    for r in results:
        if r.error and not shown_here:
            click.echo(f"ncnd-check: {safe(r.path)}: {safe(r.error.message)}", err=True)
    code = ExitCode.ERROR if failed else exit_code(results, settings.fail_on)
    if exit_zero and code == ExitCode.FINDINGS:
        code = ExitCode.OK
    sys.exit(int(code))


def want_color(output=None, stream=None) -> bool:
    """Colour only on a terminal: never into a file, a pipe, or with NO_COLOR set."""
    if output or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())
