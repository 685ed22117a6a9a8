"""Text on its way to a terminal: control and escape characters made visible.

A file name or a draft's text can hold an escape sequence (``ESC[2J`` clears
the screen, OSC 8 forges a link, a bidi override reverses what follows).
Everything the CLI prints that came from a file or a file name passes
through :func:`printable`, which shows such characters as Python-style
escapes (``\\x1b``, ``\\n``, ``\\u202e``) and leaves all other text alone.
"""

from __future__ import annotations

import re

#: C0 controls (tab and newline too: a name or a block is printed on one line), DEL,
#: C1 controls, and the bidirectional overrides and isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` with unsafe characters escaped; characters in ``keep`` (e.g. "\\n") are left as they are."""
    if not isinstance(text, str):
        text = str(text)
    if not _UNSAFE.search(text):
        return text
    if keep:
        return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) in keep else _escape(m), text)
    return _UNSAFE.sub(_escape, text)
