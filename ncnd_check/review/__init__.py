"""``ncnd-check review``: the draft itself, with the findings as a reviewer would leave them.

For a .docx, a copy with each finding as a Word comment on the words it is
about and each fix as a tracked change authored "ncnd-check"
(:mod:`~ncnd_check.review.docx_copy`). For HTML and text drafts, one
self-contained HTML page with the findings highlighted in place and the
fixes as a redline (:mod:`~ncnd_check.review.html_page`). The findings come
from the public engine with the usual settings, so ``--select`` and
``--ignore`` choose what a review copy says exactly as they do for ``check``.

Modules: ``anchoring`` (block to XML paragraph, finding to words),
``comments`` (comment markers and part), ``tracked`` (tracked changes),
``fixes`` (which findings give which fixes), ``docx_copy`` (the package),
``html_page`` (the page), ``output`` (where the copy goes, written atomically).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ncnd_check.engine import check_document, get_library
from ncnd_check.errors import InputError
from ncnd_check.readers import read_bytes
from ncnd_check.review.docx_copy import review_docx
from ncnd_check.review.fixes import FIX_LEVELS, Fix, plan_fixes
from ncnd_check.review.html_page import review_html
from ncnd_check.review.output import (
    check_target,
    review_path,
    same_file,
    write_atomically,
)
from ncnd_check.settings import Settings

__all__ = ["FIX_LEVELS", "ReviewResult", "review_file", "review_path"]


@dataclass
class ReviewResult:
    source: str
    output: str
    format: str
    findings: list = field(default_factory=list)
    comments: int = 0
    #: Tracked changes (DOCX) or redline edits (HTML) made.
    changes: int = 0
    fixes: list[Fix] = field(default_factory=list)
    skipped: list[Fix] = field(default_factory=list)


def review_file(
    path: str | os.PathLike,
    settings=None,
    output: str | os.PathLike | None = None,
    fixes: str = "safe",
    date: str | None = None,
) -> ReviewResult:
    """Check one draft and write its review copy; the draft is only read."""
    settings = settings or Settings()
    if fixes not in FIX_LEVELS:
        raise ValueError(f"fixes must be one of {FIX_LEVELS}")
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > settings.max_file_size:
            raise InputError("too-large", f"file is {size / 1048576:.1f} MB, over the {settings.max_file_size / 1048576:.0f} MB limit")
        data = source.read_bytes()
    except OSError as exc:
        raise InputError("unreadable", f"cannot open the file: {exc.strerror or exc}") from None
    document = read_bytes(data, str(source), settings=settings)
    target = Path(output) if output else review_path(source, document.format)
    if same_file(target, source):
        raise InputError("unsupported", "the review copy would overwrite the draft itself; choose another --output")
    check_target(target, source)
    library = get_library(settings)
    result = check_document(document, settings, library)
    findings = result.findings
    plan = plan_fixes(findings, document, library, fixes, settings)
    if document.format == "docx":
        made = review_docx(data, str(source), document, findings, plan, settings, date)
        out, comments, changes, applied, skipped = made.data, made.comments, made.changes, made.fixes, made.skipped
    else:
        out, applied = review_html(document, findings, plan, date), plan
        comments, changes, skipped = len(findings), len(plan), []
        for fix in plan:
            fix.applied = True
    write_atomically(target, out, source)
    return ReviewResult(str(source), str(target), document.format, findings, comments, changes, applied, skipped)
