"""The audit's HTML report in a real headless Chromium (Debian's), driven by Playwright.

Skips cleanly when chromium or the playwright package is absent. Playwright
is used with ``executable_path`` only: no browser download.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from reporting import BAD_TEXT, GOOD_TEXT, fake_rules, validate_report  # noqa: F401

from ncnd_check.cli import cli

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page():
    if not CHROMIUM:
        pytest.skip("chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tempfile.mkdtemp(prefix="ncnd-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS, offline=True
        )
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
        page.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith(("file:", "data:", "about:")) else None)
        try:
            yield page, problems
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def report(tmp_path, monkeypatch, fake_rules):
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "sent"
    d.mkdir()
    (d / "a.txt").write_text(BAD_TEXT, encoding="utf-8")
    (d / "b.md").write_text(BAD_TEXT.replace("[NAME]", "Mr Jones"), encoding="utf-8")
    (d / "c.txt").write_text(BAD_TEXT.replace("would confirm", "will not confirm"), encoding="utf-8")
    (d / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 damaged")
    r = CliRunner().invoke(
        cli, ["audit", "sent", "--select", "XT", "--report", "audit.html", "-f", "json", "-o", "audit.json", "-q"]
    )
    assert r.exit_code == 2, r.output
    data = json.loads(Path("audit.json").read_text(encoding="utf-8"))
    validate_report(data)
    return tmp_path / "audit.html", data


def shown(page) -> int:
    return int(page.inner_text("#shown-count"))


def visible_rules(page) -> list[str]:
    return page.eval_on_selector_all("#findings-table tbody tr.finding:not([hidden])", "rows => rows.map(r => r.dataset.rule)")


def test_report_loads_clean_and_counts_equal_the_json(browser_page, report):
    page, problems = browser_page
    html, data = report
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    s = data["summary"]
    assert int(page.inner_text("#count-files")) == s["files"]
    assert int(page.inner_text("#count-unreadable")) == s["unreadable"]
    assert int(page.inner_text("#count-findings")) == sum(s["findings"].values())
    for sev in ("error", "warning", "info"):
        assert int(page.inner_text(f"#count-{sev}")) == s["findings"][sev]
    all_findings = [x for f in data["files"] for x in f["findings"]]
    assert shown(page) == len(all_findings) == page.locator("#findings-table tbody tr.finding").count()
    for code in {x["rule"] for x in all_findings}:
        cell = page.locator(f'#rule-table tr[data-rule="{code}"] td[data-count]')
        assert int(cell.inner_text()) == sum(1 for x in all_findings if x["rule"] == code)
    for cat in {x["category"] for x in all_findings}:
        cell = page.locator(f'#category-table tr[data-category="{cat}"] td[data-count]')
        assert int(cell.inner_text()) == sum(1 for x in all_findings if x["category"] == cat)
    assert page.locator("#unreadable-table tr.unreadable-file").count() == s["unreadable"]
    assert page.locator("svg").count() >= 3
    assert problems == []


def test_filtering_by_category_rule_file_and_text(browser_page, report):
    page, problems = browser_page
    html, data = report
    page.goto(html.as_uri())
    findings = [(f["path"], x) for f in data["files"] for x in f["findings"]]

    page.select_option("#filter-category", "insecure-link")
    assert shown(page) == sum(1 for _, x in findings if x["category"] == "insecure-link")
    assert set(visible_rules(page)) == {"XT201"}

    page.select_option("#filter-category", "")
    page.select_option("#filter-rule", "XT101")
    assert shown(page) == sum(1 for _, x in findings if x["rule"] == "XT101")

    page.select_option("#filter-rule", "")
    page.select_option("#filter-file", "sent/b.md")
    assert shown(page) == sum(1 for p, _ in findings if p == "sent/b.md")

    page.select_option("#filter-file", "")
    page.fill("#filter-text", "wording differs")
    assert shown(page) == sum(1 for _, x in findings if "Wording differs" in x["message"])
    page.fill("#filter-text", "")
    assert shown(page) == len(findings)
    assert problems == []


def test_sorting_by_rule_and_paragraph(browser_page, report):
    page, problems = browser_page
    html, _ = report
    page.goto(html.as_uri())
    page.click('#findings-table th[data-key="rule"]')
    rules = visible_rules(page)
    assert rules == sorted(rules)
    page.click('#findings-table th[data-key="rule"]')
    assert visible_rules(page) == sorted(rules, reverse=True)
    page.click('#findings-table th[data-key="paragraph"]')
    paragraphs = page.eval_on_selector_all("#findings-table tbody tr.finding", "rows => rows.map(r => Number(r.dataset.paragraph))")
    assert paragraphs == sorted(paragraphs)
    assert page.get_attribute('#findings-table th[data-key="paragraph"]', "aria-sort") == "ascending"
    page.focus('#findings-table th[data-key="file"]')
    page.keyboard.press("Enter")  # sortable from the keyboard too
    files = page.eval_on_selector_all("#findings-table tbody tr.finding", "rows => rows.map(r => r.dataset.file)")
    assert files == sorted(files) and page.get_attribute('#findings-table th[data-key="file"]', "aria-sort") == "ascending"
    assert problems == []
