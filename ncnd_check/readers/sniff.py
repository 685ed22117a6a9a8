"""Telling formats apart by their bytes, and refusing the ones we cannot read."""

from __future__ import annotations

import re

from ncnd_check.errors import InputError

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
    (b"MZ\\x90\\x00", "a Windows program"),
)
_HTML_MARKERS = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|p|div|h[1-6]|table|ul|ol|br|span|a\s)[\s>/]", re.I
)


def sniff_format(data: bytes, name: str) -> str:
    """Return "docx", "html" or "text", or raise InputError for what we refuse."""
    head = data[:4096]
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.startswith(OLE_MAGIC):
        from ncnd_check.readers.safety import describe_ole

        raise InputError(*describe_ole(data))
    if head.lstrip().startswith(b"{\\rtf"):
        raise InputError("unsupported", "an RTF file: open it in Word and save it as .docx")
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic):
            raise InputError("unsupported", f"{what}, not a draft: ncnd-check reads .docx, .html and .txt files")
    if head.startswith(b"%PDF"):
        raise InputError("unsupported", "a PDF: ncnd-check reads the draft itself (.docx, .html or .txt)")
    if name.lower().endswith(".docx"):
        raise InputError("unreadable", "not a valid .docx (it is not a zip archive): the file may be damaged")
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            probe = data[:8192].decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            probe = b""
    elif b"\x00" in head:
        from ncnd_check.readers.decode import utf16_without_bom

        codec = utf16_without_bom(data)
        if codec:
            probe = data[:8192].decode(codec, errors="replace").lstrip().encode("utf-8", "replace")
    if _HTML_MARKERS.search(probe[:4096]) and (
        name.lower().endswith((".html", ".htm")) or re.match(rb"\s*<", probe)
    ):
        return "html"
    if name.lower().endswith((".html", ".htm")):
        return "html"
    return "text"
