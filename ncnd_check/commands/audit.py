"""``ncnd-check audit``: check a body of sent responses and summarise their quality."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext

import click

from ncnd_check.commands.batch import AuditItem, FindingSpool, SummaryBuilder, iter_files
from ncnd_check.commands.exitcodes import ExitCode
from ncnd_check.commands.finish import (
    open_output,
    refuse_outputs,
    safe,
    want_color,
    write_report,
)
from ncnd_check.commands.options import (
    build_settings,
    jobs_option,
    output_options,
    settings_options,
    warn_about_library,
)
from ncnd_check.commands.paths import STDIN, PathProblem, collect
from ncnd_check.engine import FileResult
from ncnd_check.errors import ConfigError, InputError
from ncnd_check.findings import CATEGORIES, SEVERITY_RANK
from ncnd_check.report import rule_info
from ncnd_check.report.csv_report import writer_for
from ncnd_check.report.html_report import write as write_html
from ncnd_check.terminal import printable


@click.command()
@click.argument("paths", nargs=-1, required=True)
@settings_options
@output_options
@jobs_option
@click.option("--report", "report_file", type=click.Path(dir_okay=False), help="Write a self-contained HTML report to FILE (replaced whole if it exists).")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False), help="Write every finding as a CSV row to FILE, and one row for each file without findings (replaced whole if it exists).")
@click.option("--title", default="ncnd-check audit", show_default=True, help="Title of the HTML report.")
@click.option("--worst", default=10, show_default=True, type=click.IntRange(min=1), help="How many of the worst files to list.")
@click.option("--quiet", "-q", is_flag=True, help="No summary table.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal).")
def audit(paths, output_format, output, jobs, report_file, csv_file, title, worst, quiet, exit_zero, progress, **params):
    """Batch quality audit of many drafts or sent responses.

    Folders are recursed for .docx .html .htm .txt and .md files. Prints a
    summary table (files, unreadable files, findings per category and per rule,
    the worst files); --report writes one self-contained HTML page with charts
    and a sortable, filterable table of every finding; --csv writes one row
    per finding and one for each file without any (clean, or the reason it
    could not be read). Exit codes are those of `check`.

    Outputs are written whole or not at all (an interrupted run leaves any
    previous file as it was); an existing one is replaced, but an output
    that is one of the inputs, a symbolic link or a special file is refused
    (exit 2) before anything is checked.

    \b
    Examples:
      ncnd-check audit sent/ --report audit.html
      ncnd-check audit sent/ --report audit.html --csv audit.csv --jobs 4
      ncnd-check audit sent/ --format json --output audit.json --quiet
    """
    if STDIN in paths:
        raise click.UsageError("audit reads files and folders, not - (stdin); use `check -` for one draft")
    try:
        settings = build_settings({**params, "output_format": output_format, "jobs": jobs}, paths)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None

    collected = collect(paths)
    files = [p for p in collected if not isinstance(p, PathProblem)]
    named = [t for t in (report_file, csv_file, output) if t]
    if len({os.path.abspath(t) for t in named}) < len(named):
        raise click.UsageError("--report, --csv and --output must name different files")
    refuse_outputs(named, files)  # before a long run, not after it
    warn_about_library(settings)

    # One file at a time: counted into the summary, its findings spooled for the
    # HTML report and written to the CSV, then dropped. Only the machine-readable
    # formats (json, sarif, junit, github), which list every file, keep results.
    summary = SummaryBuilder(worst)
    replaced: dict[str, bool] = {}
    keep_results = settings.format != "text"
    results = []
    threshold = SEVERITY_RANK[settings.fail_on]
    reached = False
    # Every output is written whole or not at all (ncnd_check.outputs): Ctrl-C or
    # SIGTERM mid-run leaves no partial CSV that looks complete.
    csv_file_cm = open_output(csv_file, newline="", inputs=files) if csv_file else nullcontext()
    with csv_file_cm as csv_out, (FindingSpool() if report_file else nullcontext()) as spool:
        csv_rows = _csv_writer(csv_out)
        checked = iter_files(files, settings, jobs=settings.jobs, progress=progress)
        for p in collected:
            if isinstance(p, PathProblem):
                item = AuditItem(FileResult(path=p.path, format=None, error=InputError(p.kind, p.message)))
            else:
                item = next(checked)
            summary.add(item)
            if spool is not None:
                spool.add(item)
            if csv_rows is not None:
                csv_rows(item.result)
            reached = reached or any(SEVERITY_RANK[f.severity] >= threshold for f in item.result.findings)
            if keep_results:
                item.result.analysis = None
                results.append(item.result)
        totals = summary.result()
        if report_file:
            with open_output(report_file, inputs=files) as fh:
                write_html(fh, spool, totals, summary.paths_with_findings, title=title)
            replaced[report_file] = fh.replaced
        if csv_out is not None:
            replaced[csv_file] = csv_out.replaced

    if settings.format == "text":
        if not quiet:
            _write_or_echo(output, summary_table(totals, color=_color(output)), files)
    else:
        write_report(results, settings, output=output, quiet=quiet, inputs=files)
        if not quiet:
            click.echo(summary_table(totals, color=_color(None, stream=sys.stderr)), err=True, nl=False)
    for path, _kind, message in totals.unreadable_files:
        click.echo(f"ncnd-check: {safe(path)}: {safe(message)}", err=True)
    for label, path in (("HTML report", report_file), ("CSV", csv_file)):
        if path and not quiet:
            again = " (replacing the file that was there)" if replaced.get(path) else ""
            click.echo(f"{label} written to {safe(path)}{again}", err=True)
    code = ExitCode.ERROR if totals.unreadable else ExitCode.FINDINGS if reached else ExitCode.OK
    if exit_zero and code == ExitCode.FINDINGS:
        code = ExitCode.OK
    sys.exit(int(code))


def _csv_writer(stream):
    """A function writing one result's findings as CSV rows, or None without --csv."""
    if stream is None:
        return None

    return writer_for(stream)


def _write_or_echo(output, text: str, inputs=()) -> None:
    if output:
        with open_output(output, inputs=inputs) as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)


def _color(output, stream=None) -> bool:
    return want_color(output, stream)


def summary_table(summary, color: bool = False) -> str:
    """The end-of-run summary as rich tables, rendered to a string."""
    import io

    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=100, highlight=False, markup=False, emoji=False)

    head = Table(title="ncnd-check audit", show_header=False, title_justify="left")
    head.add_column("what")
    head.add_column("count", justify="right")
    head.add_row("files checked", str(summary.files))
    head.add_row("could not be read", str(summary.unreadable))
    head.add_row("with no findings", str(summary.clean))
    head.add_row("findings", str(summary.findings))
    for sev in ("error", "warning", "info"):
        head.add_row(f"  {sev}", str(summary.by_severity.get(sev, 0)))
    console.print(head)

    cats = Table(title="Findings per category", title_justify="left")
    cats.add_column("category")
    cats.add_column("findings", justify="right")
    for c in CATEGORIES:
        if summary.by_category.get(c):
            cats.add_row(c, str(summary.by_category[c]))
    if summary.by_category:
        console.print(cats)

    rules = Table(title="Findings per rule", title_justify="left")
    rules.add_column("rule")
    rules.add_column("name")
    rules.add_column("findings", justify="right")
    for code, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        rules.add_row(code, rule_info(code)["name"], str(n))
    if summary.by_rule:
        console.print(rules)

    if summary.worst:
        worst = Table(title="Files with most findings", title_justify="left")
        worst.add_column("file", overflow="fold")
        worst.add_column("errors", justify="right")
        worst.add_column("findings", justify="right")
        for path, n, errors in summary.worst:
            worst.add_row(printable(path), str(errors), str(n))
        console.print(worst)

    if summary.unreadable_files:
        bad = Table(title="Files that could not be read", title_justify="left")
        bad.add_column("file", overflow="fold")
        bad.add_column("problem")
        bad.add_column("detail", overflow="fold")
        for path, kind, message in summary.unreadable_files:
            bad.add_row(printable(path), kind, printable(message))
        console.print(bad)
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())
