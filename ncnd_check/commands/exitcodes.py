"""Exit codes: the contract CI jobs rely on (CONTRACT.md)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  #: no finding at or above --fail-on
    FINDINGS = 1  #: at least one such finding
    ERROR = 2  #: usage error, or an input that could not be read
