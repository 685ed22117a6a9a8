"""Bytes to text for the text and HTML readers.

Drafts arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM (Notepad's
"Unicode"), or Windows-1252 from older Windows tools. HTML may declare its
charset, but pages often lie about it, so a declaration is only trusted when
the bytes are valid in it.
"""

from __future__ import annotations

import codecs
import re

from ncnd_check.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: C0 controls other than tab, line feed, vertical tab, form feed and carriage return, plus DEL.
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
#: Share of control characters above which text is taken for a binary file.
_BINARY_SHARE = 0.05
_NEWLINES = re.compile(r"\r\n?")

#: Labels browsers treat as Windows-1252 (the WHATWG encoding standard does the same).
_CP1252_ALIASES = {"iso-8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "iso8859-1"}


def _cp1252_strict(data: bytes) -> str:
    """Windows-1252, with its five unassigned bytes kept as the C1 characters."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned; browsers map them to U+0081 etc.
        out = []
        for chunk in re.split(rb"([\x81\x8d\x8f\x90\x9d])", data):
            if len(chunk) == 1 and chunk in b"\x81\x8d\x8f\x90\x9d":
                out.append(chunk.decode("latin-1"))
            else:
                out.append(chunk.decode("cp1252"))
        return "".join(out)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a pasted Windows-1252 character), or None.

    Real UTF-8 text has many valid multi-byte characters for each stray byte;
    Windows-1252 text almost never forms a valid multi-byte sequence at all.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    if good >= 4 and good >= 4 * bad:
        return text
    return None


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    if label in _CP1252_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _check_binary(text: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = len(_CONTROL.findall(sample))
    if controls >= 4 and controls > _BINARY_SHARE * len(sample):
        raise InputError(
            "unreadable",
            "this looks like a binary file, not text (it is full of control characters)",
        )


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text with no BOM, else None.

    Text in a Latin script has a NUL as the high byte of nearly every
    character: at the odd offsets for little-endian, the even ones for
    big-endian, and almost never at the other parity. Binary files have NULs
    scattered at both.
    """
    sample = data[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    half = len(sample) // 2
    if half < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    for codec, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= 0.6 * half and other <= 0.02 * half:
            try:
                data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a draft's bytes; ``declared`` is a charset the file itself names (HTML).

    Order: a BOM; then UTF-8 if the bytes are valid in it (or nearly all valid,
    when nothing else is declared); then the declared charset if the bytes are
    valid in that; then Windows-1252. Raises
    InputError for NUL bytes outside UTF-16/32 and for binary garbage; valid
    UTF-8 without NUL bytes is always accepted as text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                text = data[len(bom):].decode(codec, errors="replace")
            if codec != "utf-8":
                if "\x00" in text:
                    raise InputError("unreadable", "contains NUL characters: this looks like a binary file, not text")
                _check_binary(text)
            elif "\x00" in text:
                raise InputError("unreadable", "contains NUL bytes: this looks like a binary file, not text")
            return normalise_newlines(text)
    if b"\x00" in data:
        codec = utf16_without_bom(data)
        if codec is None:
            raise InputError("unreadable", "contains NUL bytes: this looks like a binary file, not text")
        text = data[: len(data) - len(data) % 2].decode(codec, errors="replace")
        if "\x00" in text:
            raise InputError("unreadable", "contains NUL characters: this looks like a binary file, not text")
        _check_binary(text)
        return normalise_newlines(text)
    # Valid UTF-8 with any non-ASCII byte is almost never an accident, so it wins
    # over a declaration (pages declaring gb2312 or windows-1252 are often UTF-8).
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    codec = _codec_name(declared)
    text = _mostly_utf8(data)
    if text is not None and codec in (None, "utf-8"):
        return normalise_newlines(text)
    if codec and codec != "cp1252" and not codec.startswith(("utf-8", "utf-16", "utf-32")):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its charset: fall back to Windows-1252
        else:
            _check_binary(text)
            return normalise_newlines(text)
    text = _cp1252_strict(data)
    _check_binary(text)
    return normalise_newlines(text)
