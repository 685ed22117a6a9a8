"""Inline suppression markers written in the draft itself.

``ncnd-check: ignore NCND301`` (or ``ignore NCND301, NCND4``) silences those
codes on the next block; ``ncnd-check: ignore-file CODE`` on the whole file.
In HTML and Markdown the marker is a comment (``<!-- ncnd-check: ... -->``);
in plain text it is a line of its own, optionally after ``#`` or ``//`` or
inside ``[ ]``. Markers never become blocks.
"""

from __future__ import annotations

import re

from ncnd_check.document import Directive

_MARKER = re.compile(
    r"""(?ix)
    ^\s*ncnd-check\s*:\s*
    (?P<scope>ignore-file|ignore)
    (?P<codes>(?:[\s,]+[a-z][a-z0-9_-]*)+)
    [\s,]*$
    """
)
_TEXT_LINE = re.compile(
    r"""(?x)
    ^\s*(?:
        <!--(?P<comment>.*?)-->
      | \[(?P<bracket>[^\]]*)\]
      | (?:\#+|//)(?P<hash>.*)
      | (?P<bare>ncnd-check\s*:.*)
    )\s*$
    """,
    re.I,
)


def parse_marker(text: str) -> tuple[str, tuple[str, ...]] | None:
    """("ignore" | "ignore-file", codes) for the inside of a marker, else None."""
    m = _MARKER.match(text)
    if not m:
        return None
    codes = tuple(c.upper() for c in re.split(r"[\s,]+", m.group("codes")) if c)
    return m.group("scope").lower(), codes


def parse_marker_line(line: str) -> tuple[str, tuple[str, ...]] | None:
    """A whole line of plain text or Markdown that is a marker, else None."""
    if "ncnd-check" not in line.lower():
        return None
    m = _TEXT_LINE.match(line)
    if not m:
        return None
    inner = next(g for g in m.groups() if g is not None)
    return parse_marker(inner)


class DirectiveCollector:
    """Holds "ignore" markers until the next block exists, then ties them to it."""

    def __init__(self) -> None:
        self.directives: list[Directive] = []
        self._pending: list[tuple[tuple[str, ...], int | None]] = []

    def add(self, scope: str, codes: tuple[str, ...], line: int | None = None) -> None:
        if scope == "ignore-file":
            self.directives.append(Directive(codes=codes, block=None, line=line))
        else:
            self._pending.append((codes, line))

    def block_started(self, index: int) -> None:
        """Call when block ``index`` is created: pending markers apply to it."""
        for codes, line in self._pending:
            self.directives.append(Directive(codes=codes, block=index, line=line))
        self._pending.clear()
