"""Telling formats apart by their bytes, and refusing the ones we cannot read.

The tests here are the ``sniff`` entries of :data:`ncnd_check.readers.registry.FORMATS`,
which puts them in order (see :func:`~ncnd_check.readers.registry.sniff_format`).
"""

from __future__ import annotations

import re

from ncnd_check.errors import InputError
from ncnd_check.readers.decode import utf16_without_bom
from ncnd_check.readers.safety import describe_ole

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: Other binary formats people drop into a drafts folder by mistake.
_OTHER_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF binary)"),
    (b"MZ\x90\x00", "a Windows program"),
)
_HTML_MARKERS = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|p|div|h[1-6]|table|ul|ol|br|span|a\s)[\s>/]", re.I
)


def looks_like_zip(data: bytes) -> bool:
    """A zip archive (a .docx is one), by its first bytes."""
    return data.startswith(ZIP_MAGIC) or data.startswith(b"PK\x05\x06")


def refuse(data: bytes) -> None:
    """Raise InputError for bytes in a format we refuse (legacy Word, RTF, images, PDF ...)."""
    head = data[:4096]
    if head.startswith(OLE_MAGIC):
        raise InputError(*describe_ole(data))
    if head.lstrip().startswith(b"{\\rtf"):
        raise InputError("unsupported", "an RTF file: open it in Word and save it as .docx")
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic):
            raise InputError("unsupported", f"{what}, not a draft: ncnd-check reads .docx, .html and .txt files")
    if head.startswith(b"%PDF"):
        raise InputError("unsupported", "a PDF: ncnd-check reads the draft itself (.docx, .html or .txt)")


def looks_like_html(data: bytes) -> bool:
    """Markup that starts with a tag and holds an HTML element, in any of the encodings the readers decode."""
    head = data[:4096]
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            probe = data[:8192].decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            probe = b""
    elif b"\x00" in head:
        codec = utf16_without_bom(data)
        if codec:
            probe = data[:8192].decode(codec, errors="replace").lstrip().encode("utf-8", "replace")
    return bool(_HTML_MARKERS.search(probe[:4096]) and re.match(rb"\s*<", probe))
