"""ncnd-check: lint draft FOI responses that neither confirm nor deny.

The Python API returns the same findings as the CLI::

    from ncnd_check import check_file, check_text
    result = check_file("draft.docx")
    for finding in result.findings:
        print(finding.rule, finding.message)

Heavy modules (spaCy, lxml, rapidfuzz) load only when a check runs.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "check_file", "check_text", "check_bytes", "Settings"]


def __getattr__(name: str):
    if name in ("check_file", "check_text", "check_bytes"):
        from ncnd_check import engine

        return getattr(engine, name)
    if name == "Settings":
        from ncnd_check.settings import Settings

        return Settings
    raise AttributeError(name)
