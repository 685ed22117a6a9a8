"""Readers: a path or bytes in, a :class:`~ncnd_check.document.Document` out.

The reader is chosen by content (a zip holding word/document.xml, HTML
markers), not by extension alone. The formats, with their suffixes,
content tests and readers, are one table:
:data:`~ncnd_check.readers.registry.FORMATS`. Any input that cannot be read
raises :class:`~ncnd_check.errors.InputError` with a one-line reason.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ncnd_check.errors import InputError
from ncnd_check.readers.limits import check_block_sizes
from ncnd_check.readers.registry import (  # noqa: F401  (the table and what is derived from it, for callers)
    FORMAT_NAMES,
    FORMATS,
    SUPPORTED_SUFFIXES,
    Format,
    format_for_suffix,
    format_named,
    sniff_format,
)
from ncnd_check.settings import Settings

if TYPE_CHECKING:
    from ncnd_check.document import Document


def read_path(path: str | os.PathLike, settings: Settings | None = None) -> Document:
    """Read one file from disk, never modifying it.

    Only regular files are read (a FIFO would block, a device never end), and
    never more than ``max_file_size`` plus one byte, whatever the size the
    file claims.
    """
    settings = settings or Settings()
    data = read_file_bytes(path, settings.max_file_size)
    return read_bytes(data, str(path), settings=settings)


def _too_large(what: str, size: int | None, limit: int) -> InputError:
    amount = f"is {size / 1048576:.1f} MB, over" if size is not None else "is over"
    return InputError(
        "too-large",
        f"{what} {amount} the {limit / 1048576:.0f} MB limit (raise max-file-size in the settings to check it)",
    )


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read (a FIFO, a device ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return f"is {what}, not a regular file: refused"
    return "is not a regular file: refused"


def os_reason(exc: OSError) -> str:
    """A one-line reason for an OSError met opening or reading an input."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop: the link leads back to itself"
    if exc.errno == errno.EACCES or exc.errno == errno.EPERM:
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return exc.strerror or str(exc)


def read_file_bytes(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit``; InputError for anything else."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError("unreadable", f"cannot open the file: {os_reason(exc)}") from None
    why = not_regular(st.st_mode)
    if why:
        raise InputError("unsupported", why)
    if st.st_size > limit:
        raise _too_large("file", st.st_size, limit)
    # O_NONBLOCK: should the path be swapped for a FIFO after the stat, opening it does not hang.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError("unreadable", f"cannot open the file: {os_reason(exc)}") from None
    try:
        why = not_regular(os.fstat(fd).st_mode)
        if why:
            raise InputError("unsupported", why)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = read_limited(fh, limit)
    except OSError as exc:
        raise InputError("unreadable", f"cannot read the file: {os_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_large("file", None, limit)
    return data


def read_limited(stream, limit: int) -> bytes:
    """At most ``limit + 1`` bytes from a binary stream: one more than allowed shows it is too large."""
    chunks = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_stdin(settings: Settings | None = None) -> bytes:
    """The bytes on standard input (at most the size limit plus one byte); InputError if closed or too large."""
    settings = settings or Settings()
    stream = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
    if stream is None or getattr(stream, "closed", False):
        raise InputError("unreadable", "standard input is closed: nothing to read (pipe a draft in, or name a file)")
    try:
        data = read_limited(stream, settings.max_file_size)
    except (OSError, ValueError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "standard input is closed"
        raise InputError("unreadable", f"cannot read standard input: {reason}") from None
    if len(data) > settings.max_file_size:
        raise _too_large("input", None, settings.max_file_size)
    return data


def read_bytes(
    data: bytes, name: str, fmt: str | None = None, settings: Settings | None = None
) -> Document:
    """Read a draft from bytes; ``fmt`` (a name in FORMAT_NAMES: docx, html, text) skips sniffing."""
    settings = settings or Settings()
    if len(data) > settings.max_file_size:
        raise InputError(
            "too-large",
            f"input is {len(data) / 1048576:.1f} MB, over the {settings.max_file_size / 1048576:.0f} MB limit",
        )
    document = format_named(fmt or sniff_format(data, name)).read(data, name, settings)
    check_block_sizes(document)
    return document


def guess_format(name: str) -> str | None:
    """The format a file's extension suggests, for reports about unreadable files."""
    found = format_for_suffix(Path(name).suffix)
    return found.name if found else None
