"""GitHub Actions workflow commands: annotations on the pull request.

``::error file=drafts/a.txt,line=58,title=NCND401::message``; warnings and
infos become ``::warning`` and ``::notice``. Values are escaped as the
runner expects (``%``, CR and LF everywhere; ``:`` and ``,`` in properties).
"""

from __future__ import annotations

from ncnd_check.report import location_text, summary_line
from ncnd_check.terminal import printable

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The runner's escapes, then any other control or escape character shown escaped (it reaches a log)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props) -> str:
    pairs = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{name}{' ' + pairs if pairs else ''}::{escape_data(message)}"


def repo_path(path: str) -> str:
    """Annotations need the path from the repository root: relative to the working folder."""
    import os

    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            rel = path
        if not rel.startswith(".."):
            path = rel
    return path.replace("\\", "/")


def render(results, settings, quiet=False, **options) -> str:
    lines = []
    for r in results:
        path = repo_path(r.path)
        if r.error:
            lines.append(command("error", f"{r.error.kind}: {r.error.message}", file=path, title="ncnd-check"))
            continue
        for f in r.findings:
            message = f.message if f.location.block is None else f"{f.message} ({location_text(f.location)})"
            if f.suggestion:
                message += f"\nSuggestion: {f.suggestion}"
            lines.append(command(COMMANDS[f.severity], message, file=path, line=f.location.line, title=f.rule))
    if not quiet:
        lines.append(summary_line(results))
    return "\n".join(lines) + "\n" if lines else ""
