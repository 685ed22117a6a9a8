"""``ncnd-check check``: lint drafts and report."""

from __future__ import annotations

import json
import os
from dataclasses import fields

import click

from ncnd_check.commands.batch import run_files
from ncnd_check.commands.finish import finish, refuse_outputs, safe
from ncnd_check.commands.options import (
    build_settings,
    jobs_option,
    output_options,
    settings_options,
    warn_about_library,
)
from ncnd_check.commands.paths import STDIN, PathProblem, collect
from ncnd_check.config import find_config
from ncnd_check.engine import FileResult, check_bytes, get_library
from ncnd_check.errors import ConfigError, InputError
from ncnd_check.links.fixer import run_fixes
from ncnd_check.outputs import OutputError, check_output
from ncnd_check.readers import read_stdin
from ncnd_check.readers.registry import FORMAT_NAMES


def run_check(paths, settings, stdin_format=None, collected=None):
    """Check every path in argument order; unreadable ones become results with an error."""
    if collected is None:
        collected = collect(paths)
    files = [p for p in collected if isinstance(p, str) and p != STDIN]
    checked = iter(run_files(files, settings, jobs=settings.jobs, progress=False))
    results = []
    for item in collected:
        if isinstance(item, PathProblem):
            results.append(FileResult(path=item.path, format=None, error=InputError(item.kind, item.message)))
        elif item == STDIN:
            results.append(_check_stdin(stdin_format, settings))
        else:
            results.append(next(checked).result)
    return results


def _check_stdin(stdin_format, settings):
    """Check - (stdin); a crash inside the checker becomes an error for it, as for files."""
    try:
        data = read_stdin(settings)
    except InputError as exc:
        return FileResult(path="<stdin>", format=stdin_format, error=exc)
    try:
        result = check_bytes(data, "<stdin>", stdin_format, settings, get_library(settings))
    except Exception as exc:  # a bug must not become a traceback
        message = " ".join(f"internal error while checking: {type(exc).__name__}: {exc} (please report this)".split())
        return FileResult(path="<stdin>", format=stdin_format, error=InputError("unreadable", message))
    result.analysis = None
    return result


@click.command()
@click.argument("paths", nargs=-1, required=True)
@settings_options
@output_options
@jobs_option
@click.option("--stdin-format", type=click.Choice(FORMAT_NAMES), help="Format of - (stdin) when it cannot be sniffed.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings, no summary line.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (2 still means an input could not be read).")
@click.option("--fix", is_flag=True, help="Also write a copy of each draft with its links corrected (NAME.fixed.EXT, replaced if it exists, never through a link); the draft is not changed.")
@click.option("--fix-output", type=click.Path(dir_okay=False), help="Where --fix writes the corrected copy (one draft only; implies --fix).")
@click.option("--show-settings", is_flag=True, help="Print the settings file found and the settings in force, then exit.")
def check(paths, stdin_format, statistics, quiet, exit_zero, show_settings, output_format, output, jobs, **params):
    """Lint drafts: files, folders (recursed for .docx .html .htm .txt .md), or - for stdin.

    Settings come from [tool.ncnd-check] in the nearest pyproject.toml or
    from ncnd-check.toml, found walking up from the first PATH; flags win.
    Exit code 0: nothing at or above --fail-on; 1: something is; 2: a usage
    error or a file that could not be read (the others are still reported).

    Output files (--output, --fix copies) are written whole or not at all;
    an existing one is replaced, but never an input, a symbolic link or a
    special file (refused, exit 2).

    \b
    Examples:
      ncnd-check check draft.docx
      ncnd-check check drafts/ --format json --output report.json
      ncnd-check check drafts/ --format sarif --output results.sarif
      ncnd-check check - --stdin-format html < draft.html
      ncnd-check check draft.txt --select NCND4 --fail-on warning
      ncnd-check check drafts/ --ignore wording-deviation --statistics
      ncnd-check check drafts/ --show-settings
    """
    if list(paths).count("-") > 1:
        raise click.UsageError("- (stdin) can be given only once")
    try:
        settings = build_settings({**params, "output_format": output_format, "jobs": jobs}, paths)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    fix, fix_output = params.pop("fix", False), params.pop("fix_output", None)
    if show_settings:
        click.echo(settings_report(settings, params, paths))
        return

    collected = collect(paths)
    inputs = [p for p in collected if isinstance(p, str)]
    refuse_outputs([output], inputs)  # before the run, not after it
    if fix_output:
        refuse_fix_output(fix_output, inputs)
    warn_about_library(settings)
    results = run_check(paths, settings, stdin_format, collected=collected)
    failed = False
    if fix or fix_output:
        _, failed = run_fixes(results, settings, fix_output, inputs=inputs)
    finish(results, settings, output=output, statistics=statistics, quiet=quiet, exit_zero=exit_zero, inputs=inputs, failed=failed)


def refuse_fix_output(fix_output: str, inputs) -> None:
    """--fix-output may not be an input, a link or a special file: a usage error before any work."""

    if not os.path.isdir(os.path.dirname(os.path.abspath(fix_output))):
        return  # fix_file creates the folder
    try:
        check_output(fix_output, inputs)
    except OutputError as exc:
        raise click.UsageError(f"--fix-output: {safe(exc.message)}") from None


def settings_report(settings, params, paths) -> str:
    """Which settings file applies to the first PATH, and every setting in force."""

    if params.get("isolated"):
        source = "none (--isolated)"
    elif params.get("config_file"):
        source = params["config_file"]
    else:
        first = paths[0] if paths and paths[0] != "-" else None
        found = find_config(first)
        source = str(found) if found else "none found (defaults)"
    lines = [f"# settings file: {source}"]
    for f in fields(settings):
        lines.append(f"{f.name.replace('_', '-')} = {json.dumps(getattr(settings, f.name))}")
    return "\n".join(lines)
