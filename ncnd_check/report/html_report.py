"""The audit's HTML report: one self-contained page an auditor can open and share.

Everything is inline: the styles, a little vanilla JavaScript for sorting and
filtering the findings table, and the charts, which matplotlib renders
offline to SVG (text as paths, so no fonts are needed). matplotlib is
imported here only, and this module only by ``audit``.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone

from ncnd_check import __version__
from ncnd_check.findings import CATEGORIES
from ncnd_check.report import paragraph_number, rule_info


def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("ncnd_check.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("audit.html.j2")


def write(stream, spool, summary, paths_with_findings, title: str = "ncnd-check audit") -> None:
    """Stream the page into ``stream``, reading findings and file rows from the spool once each.

    The template iterates ``findings`` and ``file_rows`` exactly once, so a
    generator feeds it and no list of every finding is ever built.
    """
    _template().stream(**context(spool, summary, title, paths_with_findings)).dump(stream)


def context(spool, summary, title: str, paths_with_findings) -> dict:
    rules = [
        {"code": code, "count": n, "name": rule_info(code)["name"], "category": rule_info(code)["category"] or ""}
        for code, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    categories = [(c, summary.by_category.get(c, 0)) for c in CATEGORIES]
    months = sorted(summary.by_month.items())
    month_rows = [
        (m, summary.files_by_month.get(m, 0), summary.by_month.get(m, 0)) for m in sorted(summary.files_by_month)
    ]
    charts = {
        "category": bar_chart([c for c, _ in categories], [n for _, n in categories], "findings per category", "category"),
        "rule": bar_chart([r["code"] for r in rules], [r["count"] for r in rules], "findings per rule", "rule") if rules else "",
        "month": timeline_chart(dict(months)) if months else "",
    }
    return {
        "file_rows": spool.file_rows(),
        "title": title,
        "version": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": summary,
        "severity": {s: summary.by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "findings": spool.findings(),
        "rules": rules,
        "categories": categories,
        "months": months,
        "month_rows": month_rows,
        "charts": charts,
        "files": sorted(paths_with_findings),
        "date_sources": sorted(summary.date_sources),
    }


# --- charts ------------------------------------------------------------------


def _figure(height: float):
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, height))
    FigureCanvasSVG(fig)
    return fig


def _svg(fig, salt: str) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"ncnd-{salt}", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and DOCTYPE
    # Each chart's ids are unique within the page.
    return re.sub(r'id="([^"]+)"', lambda m: f'id="{salt}-{m.group(1)}"', svg).replace("url(#", f"url(#{salt}-").replace(
        'xlink:href="#', f'xlink:href="#{salt}-'
    )


def bar_chart(labels: list[str], values: list[int], title: str, salt: str) -> str:
    """Horizontal bars, largest label at the top."""
    fig = _figure(max(1.6, 0.32 * len(labels) + 0.8))
    ax = fig.add_subplot()
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color="#3b6ea8")
    ax.set_yticks(positions, labels)
    for y, v in zip(positions, values):
        ax.text(v, y, f" {v}", va="center", fontsize=8)
    ax.set_title(title, loc="left", fontsize=10)
    _tidy(ax, ax.xaxis)
    ax.set_xlim(0, max(values + [1]) * 1.15)
    return _svg(fig, salt)


def column_chart(labels: list[str], values: list[int], title: str, salt: str) -> str:
    fig = _figure(2.6)
    ax = fig.add_subplot()
    ax.bar(range(len(labels)), values, color="#3b6ea8", width=0.6)
    ax.set_xlim(-0.75, max(len(labels), 4) - 0.25)
    step = max(1, -(-len(labels) // 12))  # at most about 12 labels
    ticks = list(range(0, len(labels), step))
    rotate = len(ticks) > 6
    ax.set_xticks(ticks, [labels[i] for i in ticks], rotation=45 if rotate else 0, ha="right" if rotate else "center")
    ax.set_title(title, loc="left", fontsize=10)
    _tidy(ax, ax.yaxis)
    return _svg(fig, salt)


def timeline_chart(per_month: dict[str, int]) -> str:
    """Findings per month on a continuous timeline (empty months show as gaps).

    More than five years of months are summed per year, so the bars stay readable.
    """
    months = month_range(min(per_month), max(per_month))
    if len(months) > 60:
        years = [str(y) for y in range(int(months[0][:4]), int(months[-1][:4]) + 1)]
        values = [sum(n for m, n in per_month.items() if m.startswith(y)) for y in years]
        return column_chart(years, values, "findings per year (by the date of each document)", "month")
    return column_chart(months, [per_month.get(m, 0) for m in months], "findings per month", "month")


def month_range(first: str, last: str) -> list[str]:
    """Every 'YYYY-MM' from first to last inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _tidy(ax, count_axis) -> None:
    """Whole-number ticks on the count axis, no top or right frame."""
    from matplotlib.ticker import MaxNLocator

    count_axis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
