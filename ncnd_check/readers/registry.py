"""The formats ncnd-check reads, in one table.

Each :class:`Format` names a format, the suffixes that mark it, a test that
recognises its bytes and the reader that reads it. Everything that depends
on the list of formats (the suffixes a folder is searched for, the format a
file name suggests, sniffing an input's format, the reader a format uses and
the ``--stdin-format`` choices) is derived from :data:`FORMATS`, so a new
format is one entry here.

Readers are imported only when a draft of their format is read: importing
this module loads no parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ncnd_check.errors import InputError
from ncnd_check.readers.sniff import looks_like_html, looks_like_zip, refuse

if TYPE_CHECKING:
    from ncnd_check.document import Document
    from ncnd_check.settings import Settings


@dataclass(frozen=True)
class Format:
    """One format a draft may be in.

    ``sniff(data)`` is true when the bytes are in this format. A file whose
    name ends with one of ``suffixes`` but whose bytes do not sniff as this
    format is taken as this format anyway, unless ``misnamed`` is set: then
    it is refused as unreadable with that message. Formats are tried in
    table order, so a later format's sniff sees only what earlier ones
    passed over.
    """

    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes, str, "Settings"], "Document"]
    misnamed: str | None = None

    def named(self, name: str) -> bool:
        """Whether ``name`` ends with one of this format's suffixes (any case)."""
        return name.lower().endswith(self.suffixes)


def _read_docx(data: bytes, name: str, settings: Settings) -> Document:
    from ncnd_check.readers.docx import read_docx

    return read_docx(data, name, settings)


def _read_html(data: bytes, name: str, settings: Settings) -> Document:
    from ncnd_check.readers.html import read_html

    return read_html(data, name, settings)


def _read_text(data: bytes, name: str, settings: Settings) -> Document:
    from ncnd_check.readers.text import read_text

    return read_text(data, name, settings)


def _anything(data: bytes) -> bool:
    return True


#: Every format read, in the order content is sniffed; the last takes whatever is left.
FORMATS: tuple[Format, ...] = (
    Format(
        "docx",
        (".docx",),
        looks_like_zip,
        _read_docx,
        misnamed="not a valid .docx (it is not a zip archive): the file may be damaged",
    ),
    Format("html", (".html", ".htm"), looks_like_html, _read_html),
    Format("text", (".txt", ".md"), _anything, _read_text),
)

#: Format names, as ``--stdin-format`` offers them and reports give them.
FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)

#: Extensions a folder is recursed for.
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)

_BY_NAME = {f.name: f for f in FORMATS}
_BY_SUFFIX = {s: f for f in FORMATS for s in f.suffixes}


def format_named(fmt: str) -> Format:
    """The format called ``fmt``; InputError if there is none."""
    try:
        return _BY_NAME[fmt]
    except KeyError:
        raise InputError("unsupported", f"unknown format {fmt!r}") from None


def format_for_suffix(suffix: str) -> Format | None:
    """The format a file extension (``".docx"``, any case) marks, or None."""
    return _BY_SUFFIX.get(suffix.lower())


def sniff_format(data: bytes, name: str) -> str:
    """The name of the format ``data`` is in, or raise InputError for what we refuse."""
    refuse(data)
    for fmt in FORMATS:
        if fmt.sniff(data):
            return fmt.name
        if fmt.named(name):
            if fmt.misnamed:
                raise InputError("unreadable", fmt.misnamed)
            return fmt.name
    raise AssertionError("the last entry of FORMATS must sniff anything as its own")
