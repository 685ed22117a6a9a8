"""Writing output files (reports, CSVs, --fix copies, HTML pages) so no user file is ever damaged.

Every command that writes a file goes through :func:`atomic_output` (or the
:func:`write_text` / :func:`write_bytes` shorthands)::

    from ncnd_check.outputs import OutputError, atomic_output

    with atomic_output("audit.csv", inputs=files, newline="") as fh:
        fh.write(...)

The rules, the same for every output:

- The file appears whole or not at all: it is written to a temporary file in
  the same folder, flushed and fsynced, then renamed over the output path.
  An exception, Ctrl-C or SIGTERM (the CLI turns SIGTERM into an interrupt)
  removes the temporary file and leaves any existing output as it was.
- An existing regular file at the output path is **replaced** (the rename is
  atomic, so a reader sees the old file or the new one); ``replaced`` on the
  handle says whether there was one, for commands that report it.
- A symbolic link at the output path is refused, never written through; so
  is anything that is not a regular file (a folder, a FIFO, a device).
- An output that is one of the inputs is refused: compared by device and
  inode (``os.stat``), so hard links and symlinks to an input count.
- The folder must exist; it is not created.

A refusal or a failed write raises :class:`OutputError`, whose message names
the file and the reason (the CLI prints it as one line and exits 2).
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from typing import IO, Iterable, Iterator

__all__ = ["OutputError", "atomic_output", "check_output", "input_ids", "write_bytes", "write_text"]


class OutputError(Exception):
    """An output file that may not or could not be written; the message names it."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")
        self.message = str(self)


def input_ids(paths: Iterable[str | os.PathLike]) -> set[tuple[int, int]]:
    """(device, inode) of every input that exists, links followed: what an output may not be."""
    ids: set[tuple[int, int]] = set()
    for p in paths:
        if isinstance(p, (str, os.PathLike)) and os.fspath(p) != "-":
            try:
                st = os.stat(p)
            except (OSError, ValueError):
                continue
            ids.add((st.st_dev, st.st_ino))
    return ids


_KIND = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
         (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _what(mode: int) -> str:
    for test, name in _KIND:
        if test(mode):
            return name
    return "not a regular file"


def check_output(path: str | os.PathLike, inputs: Iterable | set[tuple[int, int]] = ()) -> bool:
    """Raise OutputError if ``path`` may not be written; return True if it exists (and will be replaced).

    ``inputs`` is paths, or the set :func:`input_ids` made from them.
    """
    path = os.fspath(path)
    if not path:
        raise OutputError(path, "no file name given")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError(path, "no such folder")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(path, "it is a symbolic link; ncnd-check never writes through a link (remove it or name another file)")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(path, f"it is {_what(st.st_mode)}, not a regular file")
    ids = inputs if isinstance(inputs, set) else input_ids(inputs)
    if (st.st_dev, st.st_ino) in ids:
        raise OutputError(path, "it is one of the input files (or a link to one); an input is never overwritten")
    return True


class _Handle:
    """What :func:`atomic_output` yields: the open file, plus whether it replaces one."""

    def __init__(self, fh: IO, replaced: bool) -> None:
        self._fh = fh
        self.replaced = replaced

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __iter__(self):
        return iter(self._fh)


@contextmanager
def atomic_output(
    path: str | os.PathLike,
    inputs: Iterable | set[tuple[int, int]] = (),
    *,
    binary: bool = False,
    encoding: str = "utf-8",
    newline: str | None = "\n",
) -> Iterator[_Handle]:
    """Open ``path`` for writing so that it appears whole or not at all (see the module docstring).

    Text mode by default (``encoding``, ``newline`` as for :func:`open`);
    ``binary=True`` for bytes. Raises OutputError before anything is written
    if the path is refused, and after (leaving no trace) if writing fails.
    """
    path = os.fspath(path)
    replaced = check_output(path, inputs)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None
    try:
        try:
            if binary:
                fh = os.fdopen(fd, "wb")
            else:
                fh = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        except BaseException:
            os.close(fd)
            raise
        with fh:
            yield _Handle(fh, replaced)
            fh.flush()
            os.fsync(fh.fileno())
        _set_mode(tmp, path if replaced else None)
        # Checked again just before the rename: a link or an input may have appeared meanwhile.
        check_output(path, inputs)
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(path, exc.strerror or str(exc)) from None
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(folder)


def write_text(path, text: str, inputs=(), newline: str | None = "\n") -> bool:
    """Write ``text`` atomically; True if an existing file was replaced."""
    with atomic_output(path, inputs, newline=newline) as fh:
        fh.write(text)
    return fh.replaced


def write_bytes(path, data: bytes, inputs=()) -> bool:
    """Write ``data`` atomically; True if an existing file was replaced."""
    with atomic_output(path, inputs, binary=True) as fh:
        fh.write(data)
    return fh.replaced


def _set_mode(tmp: str, existing: str | None) -> None:
    """mkstemp makes 0600 files: give the output the existing file's mode, else 0666 less the umask."""
    if existing is not None:
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(existing).st_mode))
            return
        except OSError:
            pass
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _sync_folder(folder: str) -> None:
    """fsync the folder so the rename itself survives a crash (best effort: not every OS allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
