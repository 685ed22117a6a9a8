"""Rendering a report, writing it, and choosing the exit code."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from ncnd_check.exitcodes import ExitCode
from ncnd_check.findings import SEVERITY_RANK


def exit_code(results, fail_on: str) -> ExitCode:
    """2 if any file was unreadable, else 1 if a finding reaches fail_on, else 0."""
    if any(r.error for r in results):
        return ExitCode.ERROR
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


@contextmanager
def open_output(path: str, newline: str = "\n"):
    """A report file opened for writing; a failure to open or write it is a usage error (exit 2)."""
    try:
        with open(path, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
    except OSError as exc:
        raise click.UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_report(results, settings, output=None, statistics=False, quiet=False) -> None:
    """Render in the chosen format to --output, or to stdout."""
    from ncnd_check.report import render

    text = render(results, settings.format, settings, statistics=statistics, quiet=quiet, color=want_color(output))
    if output:
        with open_output(output) as fh:
            fh.write(text)
    elif text:
        click.echo(text, nl=not text.endswith("\n"))


def finish(results, settings, output=None, statistics=False, quiet=False, exit_zero=False) -> None:
    write_report(results, settings, output=output, statistics=statistics, quiet=quiet)
    # Unreadable files also go to stderr, unless the text report on this terminal just listed them.
    shown_here = settings.format == "text" and not output and not statistics and sys.stdout.isatty()
    for r in results:
        if r.error and not shown_here:
            click.echo(f"ncnd-check: {r.path}: {r.error.message}", err=True)
    code = exit_code(results, settings.fail_on)
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
