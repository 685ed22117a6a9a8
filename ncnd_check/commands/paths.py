"""Turning the PATH arguments into a list of files to read.

Every path the user named, and every candidate found under a named folder,
is accounted for: it is either in the list to check or a
:class:`PathProblem` with its reason (reported like an unreadable file, so
exit code 2). Candidates under a folder are files with a supported extension
and legacy ``.doc`` files (refused with advice when read); folders that
cannot be listed, symbolic-link loops, broken links and FIFOs or devices
with a candidate's name are problems. Hidden entries (a name starting with
``.``) and earlier ``--fix`` and ``review`` copies (``NAME.fixed.EXT``, ``NAME.review.EXT``) are passed over.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from ncnd_check.readers import SUPPORTED_SUFFIXES, not_regular, os_reason

STDIN = "-"
#: Found under a folder and read (sniffing gives the advice): Word's legacy binary format.
LEGACY_SUFFIXES = (".doc",)
_CANDIDATES = SUPPORTED_SUFFIXES + LEGACY_SUFFIXES
_NO_CANDIDATE = f"folder holds no {', '.join(SUPPORTED_SUFFIXES[:-1])} or {SUPPORTED_SUFFIXES[-1]} file"


@dataclass(frozen=True)
class PathProblem:
    """A path that names nothing we can check, and why."""

    path: str
    kind: str
    message: str


def collect(paths: tuple[str, ...] | list[str]) -> list[str | PathProblem]:
    """Files in argument order; folders recursed (sorted) for supported files."""
    out: list[str | PathProblem] = []
    for raw in paths:
        if raw == STDIN:
            out.append(STDIN)
            continue
        try:
            st = os.stat(raw)
        except OSError as exc:
            out.append(_missing(raw, exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            found = list(_walk(raw, {(st.st_dev, st.st_ino)}))
            if not found:
                out.append(PathProblem(raw, "unsupported", _NO_CANDIDATE))
            out.extend(found)
        elif stat.S_ISREG(st.st_mode):
            out.append(raw)
        else:
            out.append(PathProblem(raw, "unsupported", not_regular(st.st_mode)))
    return out


def _missing(path: str, exc: OSError) -> PathProblem:
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return PathProblem(path, "unreadable", "broken symbolic link: what it points to does not exist")
    if exc.errno == errno.ENOENT:
        return PathProblem(path, "unreadable", "no such file or folder")
    return PathProblem(path, "unreadable", os_reason(exc))


def _is_candidate(name: str) -> bool:
    return name.lower().endswith(_CANDIDATES) and ".fixed." not in name and ".review." not in name


def _walk(folder: str, ancestors: set[tuple[int, int]]):
    """Candidates under ``folder`` in sorted order; problems as PathProblems, in place."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield PathProblem(folder, "unreadable", f"cannot list this folder: {os_reason(exc)}; its files were not checked")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            st = os.stat(path)  # links followed: a link to a draft is checked
        except OSError as exc:
            if exc.errno == errno.ELOOP or _is_candidate(entry.name) or entry.is_dir(follow_symlinks=False):
                yield _missing(path, exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield PathProblem(path, "unreadable", "symbolic link loop: it leads back to a folder it is in; not followed")
                continue
            yield from _walk(path, ancestors | {key})
        elif not _is_candidate(entry.name):
            continue
        elif stat.S_ISREG(st.st_mode):
            yield path
        else:
            yield PathProblem(path, "unsupported", not_regular(st.st_mode))


def display_path(path: str) -> str:
    """Paths as given, with the platform separator made forward."""
    return path.replace(os.sep, "/")
