"""The one error a reader raises for input it will not or cannot read."""

from __future__ import annotations

#: The error kinds CONTRACT.md allows in a report.
ERROR_KINDS = ("unreadable", "unsupported", "too-large", "unsafe")


class InputError(Exception):
    """A file that cannot be checked; ``kind`` is one of ERROR_KINDS.

    The message is one line, written for the person who has the file:
    it says what is wrong and, where there is one, what to do.
    """

    def __init__(self, kind: str, message: str) -> None:
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown input error kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message

    def to_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message}


class ConfigError(Exception):
    """A setting with a wrong name, type or value; the message names it."""
