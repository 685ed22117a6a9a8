"""Where the review copy goes, and writing it without ever touching the draft.

The copy is written by the project's one output writer
(:mod:`ncnd_check.outputs`): a temporary file in the same folder, then a
rename, so a reader never sees half a copy and an interrupted run leaves
the old file (or none); a link at the output path, or the draft itself, is
refused rather than written through.
"""

from __future__ import annotations

import os
from pathlib import Path

from ncnd_check.errors import InputError
from ncnd_check.outputs import OutputError, check_output, write_bytes


def review_path(source: str | os.PathLike, fmt: str) -> Path:
    """DRAFT.review.docx beside a .docx draft; DRAFT.review.html beside an HTML or text one."""
    p = Path(source)
    return p.with_name(f"{p.stem}.review{'.docx' if fmt == 'docx' else '.html'}")


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when the two paths name one file (resolved, or the same inode)."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_target(path: str | os.PathLike, source: str | os.PathLike) -> None:
    """Refuse, before any work, an output the shared writer would refuse (a link, the draft itself)."""
    try:
        check_output(path, [source])
    except OutputError as exc:
        raise _input_error(exc) from None


def write_atomically(path: str | os.PathLike, data: bytes, source: str | os.PathLike | None = None) -> None:
    """Write ``data`` with the project's one output writer (:mod:`ncnd_check.outputs`)."""
    try:
        write_bytes(path, data, [source] if source is not None else ())
    except OutputError as exc:
        raise _input_error(exc) from None


def _input_error(exc: OutputError) -> InputError:
    kind = "unsafe" if "link" in exc.reason or "input" in exc.reason else "unreadable"
    return InputError(kind, exc.message)
