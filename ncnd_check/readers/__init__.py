"""Readers: a path or bytes in, a :class:`~ncnd_check.document.Document` out.

The reader is chosen by content (a zip holding word/document.xml, HTML
markers), not by extension alone. Any input that cannot be read raises
:class:`~ncnd_check.errors.InputError` with a one-line reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from ncnd_check.document import Document
from ncnd_check.errors import InputError
from ncnd_check.settings import Settings

#: Extensions a folder is recursed for.
SUPPORTED_SUFFIXES = (".docx", ".html", ".htm", ".txt", ".md")


def read_path(path: str | os.PathLike, settings: Settings | None = None) -> Document:
    """Read one file from disk, never modifying it."""
    settings = settings or Settings()
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("unsupported", "is a folder, not a file")
        size = p.stat().st_size
        if size > settings.max_file_size:
            raise InputError(
                "too-large",
                f"file is {size / 1048576:.1f} MB, over the {settings.max_file_size / 1048576:.0f} MB limit "
                "(raise max_file_size in the settings to check it)",
            )
        data = p.read_bytes()
    except InputError:
        raise
    except OSError as exc:
        raise InputError("unreadable", f"cannot open the file: {exc.strerror or exc}") from None
    return read_bytes(data, str(path), settings=settings)


def read_bytes(
    data: bytes, name: str, fmt: str | None = None, settings: Settings | None = None
) -> Document:
    """Read a draft from bytes; ``fmt`` (docx, html, text) skips sniffing."""
    from ncnd_check.readers.sniff import sniff_format

    settings = settings or Settings()
    if len(data) > settings.max_file_size:
        raise InputError(
            "too-large",
            f"input is {len(data) / 1048576:.1f} MB, over the {settings.max_file_size / 1048576:.0f} MB limit",
        )
    fmt = fmt or sniff_format(data, name)
    if fmt == "docx":
        from ncnd_check.readers.docx import read_docx

        return read_docx(data, name, settings)
    if fmt == "html":
        from ncnd_check.readers.html import read_html

        return read_html(data, name, settings)
    if fmt == "text":
        from ncnd_check.readers.text import read_text

        return read_text(data, name, settings)
    raise InputError("unsupported", f"unknown format {fmt!r}")


def guess_format(name: str) -> str | None:
    """The format a file's extension suggests, for reports about unreadable files."""
    suffix = Path(name).suffix.lower()
    return {".docx": "docx", ".html": "html", ".htm": "html", ".txt": "text", ".md": "text"}.get(suffix)
