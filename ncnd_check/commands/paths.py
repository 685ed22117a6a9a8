"""Turning the PATH arguments into a list of files to read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ncnd_check.readers import SUPPORTED_SUFFIXES

STDIN = "-"


@dataclass(frozen=True)
class PathProblem:
    """A PATH argument that names nothing we can check."""

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
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and ".fixed." not in f.name
                and ".review." not in f.name
            )
            if not found:
                out.append(PathProblem(raw, "unsupported", "folder holds no .docx, .html, .htm, .txt or .md file"))
            out.extend(found)
        elif p.exists():
            out.append(raw)
        else:
            out.append(PathProblem(raw, "unreadable", "no such file or folder"))
    return out


def display_path(path: str) -> str:
    """Paths as given, with the platform separator made forward."""
    return path.replace(os.sep, "/")
