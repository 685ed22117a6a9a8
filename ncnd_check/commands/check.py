"""``ncnd-check check``: lint drafts and report."""

from __future__ import annotations

import sys

import click

from ncnd_check.commands.options import build_settings, output_options, settings_options


def run_check(paths, settings, stdin_format=None):
    """Check every path; unreadable ones become results with an error."""
    from ncnd_check.commands.paths import STDIN, PathProblem, collect
    from ncnd_check.engine import FileResult, check_bytes, check_file, get_library
    from ncnd_check.errors import InputError

    library = get_library(settings)
    results = []
    for item in collect(paths):
        if isinstance(item, PathProblem):
            results.append(FileResult(path=item.path, format=None, error=InputError(item.kind, item.message)))
        elif item == STDIN:
            data = sys.stdin.buffer.read()
            results.append(check_bytes(data, "<stdin>", stdin_format, settings, library))
        else:
            results.append(check_file(item, settings, library))
    return results


@click.command()
@click.argument("paths", nargs=-1, required=True)
@settings_options
@output_options
@click.option("--stdin-format", type=click.Choice(["docx", "html", "text"]), help="Format of - (stdin) when it cannot be sniffed.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings, no summary.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
def check(paths, stdin_format, statistics, quiet, exit_zero, output_format, output, **params):
    """Lint drafts: files, folders (recursed for .docx .html .htm .txt .md), or - for stdin.

    \b
    Examples:
      ncnd-check check draft.docx
      ncnd-check check drafts/ --format json --output report.json
      ncnd-check check - --stdin-format html < draft.html
      ncnd-check check draft.txt --select NCND4 --fail-on warning
    """
    from ncnd_check.commands.finish import finish
    from ncnd_check.errors import ConfigError

    try:
        settings = build_settings({**params, "output_format": output_format}, paths)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    results = run_check(paths, settings, stdin_format)
    finish(results, settings, output=output, statistics=statistics, quiet=quiet, exit_zero=exit_zero)
