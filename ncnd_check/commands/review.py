"""``ncnd-check review``: write a review copy of a draft for the FOI officer."""

from __future__ import annotations

import sys

import click

from ncnd_check.commands.finish import exit_code
from ncnd_check.commands.options import (
    build_settings,
    settings_options,
    warn_about_library,
)
from ncnd_check.engine import FileResult
from ncnd_check.errors import ConfigError, InputError
from ncnd_check.review import review_file


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Where to write the review copy (default DRAFT.review.docx, or DRAFT.review.html for HTML and text drafts, beside the draft).")
@click.option("--fixes", type=click.Choice(["none", "safe", "all"]), default="safe", show_default=True,
              help="Which fixes become tracked changes: none; safe (links, the responder's name, approved wording, "
              "missing approved text, when the result needs no placeholder filled); all (also those that leave a placeholder to fill).")
@click.option("--date", "when", metavar="ISO-8601", help="Date recorded on the comments and tracked changes (default now, UTC).")
@settings_options
def review(path, output, fixes, when, **params):
    """Write a review copy of a draft: the findings as comments, the fixes as tracked changes.

    For a .docx draft the copy (DRAFT.review.docx beside it, never the draft
    itself) opens in Word or LibreOffice with each finding as a comment
    authored "ncnd-check" on the words it is about (the link, the sentence,
    the paragraph, the section heading; the first paragraph for findings
    about the whole letter), and each fix as a tracked change to accept or
    reject. Everything else in the file is left as it was, the drafter's own
    comments and revisions included. For HTML and text drafts it writes one
    self-contained HTML page: the letter with the findings highlighted, each
    comment beside it, the fixes as a redline and a button that copies the
    corrected text.

    The same settings as `check` choose the findings (--select, --ignore,
    --authority, the settings file). Exit code 0: the copy was written and
    nothing reached --fail-on; 1: it was written and something did; 2: a
    usage error or a draft that could not be read or written.

    \b
    Examples:
      ncnd-check review draft.docx
      ncnd-check review draft.docx --output for-approval.docx --authority "Kent Police"
      ncnd-check review draft.docx --fixes none --select NCND4
      ncnd-check review draft.html          # writes draft.review.html
    """

    try:
        settings = build_settings(params, [path])
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    when = _word_date(when)
    warn_about_library(settings)
    try:
        result = review_file(path, settings, output=output, fixes=fixes, date=when)
    except InputError as exc:
        click.echo(f"ncnd-check: {path}: {exc.message}", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug must not become a traceback
        message = " ".join(f"internal error while reviewing: {type(exc).__name__}: {exc} (please report this)".split())
        click.echo(f"ncnd-check: {path}: {message}", err=True)
        sys.exit(2)
    made = [f for f in result.fixes if f.applied]
    changes = "tracked change" if result.format == "docx" else "redline edit"
    click.echo(
        f"ncnd-check: {path}: wrote {result.output} ({_count(len(result.findings), 'finding')}, "
        f"{_count(result.comments, 'comment')}, {_count(result.changes, changes)} for {_count(len(made), 'fix', 'fixes')})",
        err=True,
    )
    for fix in result.skipped:
        click.echo(f"ncnd-check: {path}: paragraph {fix.block + 1}: {fix.finding.rule}: fix left to the comment "
                   "(the words are split across a field or revision)", err=True)
    code = exit_code([FileResult(path=path, format=result.format, findings=result.findings)], settings.fail_on)
    sys.exit(int(code))


def _word_date(value: str | None) -> str | None:
    """--date as Word writes it (2026-01-31T09:30:00Z); a date alone means midnight UTC."""
    if value is None:
        return None
    from datetime import datetime, timezone

    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date such as 2026-01-31T09:30:00Z", param_hint="--date") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc)
    return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
