"""Checking many files: in order, in parallel processes, with a progress bar.

``check --jobs N`` and ``audit`` both run through :func:`run_files` (and
``refs`` shows its progress bar); it is the commands' shared machinery, so it
sits with them rather than beside ``commands/audit.py`` at the package root. Each
worker process loads the spaCy pipeline and the approved-wording library once
(in its initializer), then checks its share of the files. Results come back
in argument order, whatever order the workers finish in.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ncnd_check.analysis.nlp import get_nlp
from ncnd_check.engine import FileResult, check_file, get_library
from ncnd_check.errors import InputError
from ncnd_check.readers import guess_format
from ncnd_check.report import paragraph_number
from ncnd_check.settings import Settings
from ncnd_check.terminal import printable

#: Document properties that carry a date, best first (DOCX core properties).
DATE_PROPERTIES = ("modified", "dcterms:modified", "created", "dcterms:created")


@dataclass
class AuditItem:
    """One checked file plus what the audit report needs beyond the findings."""

    result: object  # engine.FileResult
    #: "YYYY-MM" from the DOCX core properties, else the file's mtime; None if unknown.
    month: str | None = None
    date_source: str | None = None


@dataclass
class AuditSummary:
    files: int = 0
    unreadable: int = 0
    findings: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    by_month: Counter = field(default_factory=Counter)
    #: Readable files per month, so a month's findings can be read as a rate.
    files_by_month: Counter = field(default_factory=Counter)
    #: (path, findings, errors) for the files with most findings, worst first.
    worst: list[tuple[str, int, int]] = field(default_factory=list)
    unreadable_files: list[tuple[str, str, str]] = field(default_factory=list)
    clean: int = 0
    #: Where file months came from: "modified", "created", "mtime".
    date_sources: set = field(default_factory=set)


class SummaryBuilder:
    """The audit summary, counted as results arrive, so no finding is kept for it.

    Memory grows only with what the summary lists by name (unreadable files,
    paths with findings for the report's file filter), not with findings.
    """

    def __init__(self, worst: int = 10) -> None:
        self.summary = AuditSummary()
        self._worst_n = worst
        self._worst: list[tuple[str, int, int]] = []
        #: Paths with at least one finding (the HTML report's file filter).
        self.paths_with_findings: list[str] = []

    def add(self, item: AuditItem) -> None:
        s = self.summary
        r = item.result
        s.files += 1
        if item.date_source:
            s.date_sources.add(item.date_source)
        if r.error:
            s.unreadable += 1
            s.unreadable_files.append((r.path, r.error.kind, r.error.message))
            return
        if item.month:
            s.files_by_month[item.month] += 1
        if not r.findings:
            s.clean += 1
            return
        errors = 0
        for f in r.findings:
            s.findings += 1
            s.by_severity[f.severity] += 1
            s.by_category[f.category] += 1
            s.by_rule[f.rule] += 1
            errors += f.severity == "error"
            if item.month:
                s.by_month[item.month] += 1
        self.paths_with_findings.append(r.path)
        self._worst.append((r.path, len(r.findings), errors))
        if len(self._worst) > 4 * self._worst_n:
            self._trim()

    def _trim(self) -> None:
        self._worst.sort(key=lambda t: (-t[2], -t[1], t[0]))
        del self._worst[self._worst_n :]

    def result(self) -> AuditSummary:
        self._trim()
        self.summary.worst = list(self._worst)
        return self.summary


class FindingSpool:
    """Findings written to a temporary file as files are checked, read back once for the report.

    The HTML report lists every finding; keeping them all in memory grew the
    audit by ~45 KB a file. One JSON line per file holds its row in the
    files table and its findings, in the shape the report template reads.
    """

    def __init__(self) -> None:
        import tempfile

        self._fh = tempfile.TemporaryFile("w+", encoding="utf-8")

    def add(self, item: AuditItem) -> None:

        r = item.result
        findings = [
            {
                "file": r.path,
                "paragraph": paragraph_number(f.location.block),
                "line": f.location.line,
                "section": f.location.section or "",
                "severity": f.severity,
                "rule": f.rule,
                "category": f.category,
                "message": f.message,
                "evidence": f.evidence or "",
                "suggestion": f.suggestion or "",
                "redline": [(op, text) for op, text in (f.redline or []) if text],
                "month": item.month or "",
            }
            for f in r.findings
        ]
        row = {
            "path": r.path,
            "format": r.format or "",
            "month": item.month or "",
            "status": r.error.kind if r.error else ("clean" if not r.findings else "findings"),
            "findings": len(r.findings),
            "errors": sum(1 for f in r.findings if f.severity == "error"),
        }
        self._fh.write(json.dumps({"row": row, "findings": findings}, ensure_ascii=False) + "\n")

    def _records(self):
        self._fh.flush()
        self._fh.seek(0)
        for line in self._fh:
            yield json.loads(line)

    def file_rows(self):
        for record in self._records():
            yield record["row"]

    def findings(self):
        for record in self._records():
            yield from record["findings"]

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> "FindingSpool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- running -----------------------------------------------------------------

_WORKER_SETTINGS: Settings | None = None


def _warm(settings: Settings) -> None:
    """Load the pipeline and library once, so no file pays for it."""
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings

    get_nlp()
    get_library(settings)
    # What is loaded now lives as long as the process: keep it out of the cyclic
    # collector's full passes, which otherwise walk the pipeline and library again
    # and again while thousands of files are checked. (No gc.collect() first: it
    # costs ~20 ms, a cold single-file check's whole margin.)
    gc.freeze()


def _warm_worker(settings: Settings) -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (no traceback per worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler unwinds; a worker just stops
    _warm(settings)


def _check_one(path: str) -> tuple:
    """Check one file in a worker; returns plain, picklable parts."""
    settings = _WORKER_SETTINGS or Settings()
    result = check_path(path, settings)
    month, source = file_month(path, result)
    error = (result.error.kind, result.error.message) if result.error else None
    return (result.path, result.format, error, result.response, result.findings, month, source)


def check_path(path: str, settings: Settings):
    """engine.check_file, but a crash inside the checker becomes an error for that file."""
    try:
        return check_file(path, settings, get_library(settings))
    except Exception as exc:  # a bug must not hide the other files' results
        message = f"internal error while checking: {type(exc).__name__}: {exc} (please report this)"
        return FileResult(path=path, format=guess_format(path), error=InputError("unreadable", " ".join(message.split())))


def _rebuild(parts: tuple) -> AuditItem:
    path, fmt, error, response, findings, month, source = parts
    result = FileResult(path=path, format=fmt, error=InputError(*error) if error else None, response=response, findings=findings)
    return AuditItem(result, month, source)


def run_files(paths: list[str], settings: Settings, jobs: int = 1, progress: bool | None = None) -> list[AuditItem]:
    """Check ``paths`` (files only), ``jobs`` processes at a time, in argument order."""
    return list(iter_files(paths, settings, jobs, progress))


def iter_files(paths: list[str], settings: Settings, jobs: int = 1, progress: bool | None = None):
    """Like run_files, but yields each AuditItem as soon as it is ready (in argument order).

    The audit consumes this one file at a time, so its memory does not grow
    with the number of files.
    """
    jobs = max(1, min(jobs, len(paths) or 1))
    with progress_bar(len(paths), progress) as advance:
        if jobs == 1:
            _warm(settings)
            for path in paths:
                yield _rebuild(_check_one(path))
                advance(path)
            return
        import multiprocessing

        chunksize = max(1, min(8, len(paths) // (jobs * 4)))
        pool = multiprocessing.Pool(jobs, initializer=_warm_worker, initargs=(settings,))
        try:
            for parts in pool.imap(_check_one, paths, chunksize=chunksize):
                yield _rebuild(parts)
                advance(parts[0])
            pool.close()
        except BaseException:
            pool.terminate()  # Ctrl-C or an abandoned generator: stop now, not after every queued file
            raise
        finally:
            pool.join()


class progress_bar:
    """A rich progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int, show: bool | None = None, label: str = "checking") -> None:
        self.total = total
        self.label = label
        self.show = sys.stderr.isatty() if show is None else show
        self.forced = bool(show)
        self._progress = None

    def __enter__(self):
        if not self.show or self.total < 2:
            return lambda path: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn(self.label),
            BarColumn(bar_width=30),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}", style="dim"),
            console=Console(stderr=True, force_terminal=True if self.forced else None),
            transient=True,
        )
        self._progress.start()
        task = self._progress.add_task("", total=self.total)

        def advance(path: str) -> None:
            name = printable(os.path.basename(path))
            self._progress.update(task, advance=1, description=name if len(name) <= 40 else name[:39] + "…")

        return advance

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()


# --- dates -------------------------------------------------------------------


def file_month(path: str, result) -> tuple[str | None, str | None]:
    """The month a draft was written: DOCX core properties, else the file's mtime."""
    props = result.analysis.document.properties if result.analysis is not None else {}
    for key in DATE_PROPERTIES:
        month = month_of(props.get(key))
        if month:
            return month, key.split(":")[-1]
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return None, None
    return datetime.fromtimestamp(mtime, tz=timezone.utc).strftime("%Y-%m"), "mtime"


def month_of(value) -> str | None:
    """'2023-05-01T10:00:00Z' -> '2023-05'; None for anything that is not an ISO date."""
    if not isinstance(value, str) or len(value) < 7:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).strftime("%Y-%m")
    except ValueError:
        return None
