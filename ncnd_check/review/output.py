"""Where the review copy goes, and writing it without ever touching the draft.

``write_atomically`` is the one place that writes a file: a temporary file
in the same folder, then ``os.replace``, so a reader never sees half a copy
and an interrupted run leaves the old file (or none). A symlink at the
output path is refused rather than followed. When the project's shared
atomic-write helper lands, this function should call it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ncnd_check.errors import InputError


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


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and os.replace; never through a symlink."""
    target = Path(path)
    if target.is_symlink():
        raise InputError("unsafe", f"{target} is a symbolic link: refusing to write through it")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError("unreadable", f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600; a copy to share gets the usual mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputError("unreadable", f"cannot write {target}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
