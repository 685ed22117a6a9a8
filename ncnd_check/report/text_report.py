"""The text report: grouped by file, for a person at a terminal. (Minimal; to be extended.)"""

from __future__ import annotations


def render(results, settings, statistics=False, quiet=False, color=False, **options) -> str:
    lines: list[str] = []
    for r in results:
        if r.error:
            lines.append(f"{r.path}: {r.error.kind}: {r.error.message}")
            continue
        for f in r.findings:
            loc = f"paragraph {f.location.block}" if f.location.block is not None else "document"
            lines.append(f"{r.path}:{loc}: {f.severity} {f.rule} {f.message}")
    if not quiet:
        total = sum(len(r.findings) for r in results)
        lines.append(f"{total} finding(s) in {len(results)} file(s)")
    return "\n".join(lines) + "\n"
