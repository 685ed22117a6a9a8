"""``ncnd-check audit``: summary table, CSV, the self-contained HTML report, parallel runs."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from reporting import BAD_TEXT, FAKE_RULES, GOOD_TEXT, fake_rules, load_json  # noqa: F401

from ncnd_check.commands.batch import file_month, month_of
from ncnd_check.cli import cli
from ncnd_check.rules.registry import RULES, Rule

TESTS = Path(__file__).resolve().parent


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def stamp(path: Path, year: int, month: int) -> None:
    t = datetime(year, month, 15, tzinfo=timezone.utc).timestamp()
    os.utime(path, (t, t))


@pytest.fixture
def sent(tmp_path, monkeypatch):
    """A folder of sent responses: two bad, one good, one damaged DOCX."""
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "sent"
    (d / "2023").mkdir(parents=True)
    (d / "a.txt").write_text(BAD_TEXT, encoding="utf-8")
    (d / "2023" / "b.md").write_text(BAD_TEXT.replace("http://example.org/policy", "the policy"), encoding="utf-8")
    (d / "good.html").write_text("<p>" + GOOD_TEXT.replace("\n\n", "</p><p>") + "</p>", encoding="utf-8")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 damaged")
    stamp(d / "a.txt", 2024, 3)
    stamp(d / "2023" / "b.md", 2023, 11)
    stamp(d / "good.html", 2023, 11)
    return d


class Counts(HTMLParser):
    """Collects what the HTML report shows: headline numbers, table rows, external references."""

    def __init__(self):
        super().__init__()
        self.ids: dict[str, str] = {}
        self.rows: list[dict] = []
        self.external: list[str] = []
        self.tags: list[str] = []
        self._id = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "tr" and "finding" in (a.get("class") or ""):
            self.rows.append(a)
        for key in ("src", "href"):
            if a.get(key) and not a[key].startswith("#"):
                self.external.append(f"{tag} {key}={a[key]}")
        if tag == "link":
            self.external.append("link")
        self._id = a.get("id")

    def handle_data(self, data):
        if self._id and data.strip():
            self.ids.setdefault(self._id, data.strip())


def parse_html(text: str) -> Counts:
    p = Counts()
    p.feed(text)
    return p


def test_audit_writes_csv_and_html_whose_counts_equal_the_json(sent, fake_rules):
    r = run("audit", "sent", "--select", "XT", "--report", "audit.html", "--csv", "audit.csv", "-f", "json", "-o", "audit.json")
    assert r.exit_code == 2  # the damaged DOCX
    data = load_json(Path("audit.json").read_text(encoding="utf-8"))
    findings = [(f["path"], x["rule"]) for f in data["files"] for x in f["findings"]]
    assert len(findings) == 5

    rows = list(csv.DictReader(io.StringIO(Path("audit.csv").read_text(encoding="utf-8"))))
    assert [(row["file"], row["rule"]) for row in rows if row["status"] == "finding"] == findings
    # Files without findings have a row too, the unreadable one with its reason (issue 12).
    assert sorted((row["file"], row["status"]) for row in rows if row["status"] != "finding") == [
        ("sent/broken.docx", "unreadable"), ("sent/good.html", "clean")]

    html = Path("audit.html").read_text(encoding="utf-8")
    page = parse_html(html)
    s = data["summary"]
    assert page.ids["count-files"] == str(s["files"])
    assert page.ids["count-unreadable"] == str(s["unreadable"])
    assert page.ids["count-findings"] == str(sum(s["findings"].values()))
    for sev in ("error", "warning", "info"):
        assert page.ids[f"count-{sev}"] == str(s["findings"][sev])
    assert [(row["data-file"], row["data-rule"]) for row in page.rows] == findings
    assert "sent/broken.docx" in html and "unreadable-file" in html
    statuses = re.findall(r'<tr class="file-row" data-status="([^"]+)"><td>([^<]+)</td>', html)
    assert sorted(statuses) == sorted(
        [("findings", "sent/a.txt"), ("findings", "sent/2023/b.md"), ("clean", "sent/good.html"), ("unreadable", "sent/broken.docx")]
    )


def test_html_is_self_contained(sent, fake_rules):
    run("audit", "sent", "--select", "XT", "--report", "audit.html", "-q")
    html = Path("audit.html").read_text(encoding="utf-8")
    page = parse_html(html)
    assert page.external == []
    assert "@import" not in html and not re.search(r"url\((?!#)", html)
    assert page.tags.count("svg") >= 3  # category, rule and month charts, inline
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    svg_ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(svg_ids) == len(set(svg_ids)), "ids must be unique across the inline charts"


def test_html_shows_months_and_redlines(sent, fake_rules):
    run("audit", "sent", "--select", "XT", "--report", "audit.html", "-q")
    html = Path("audit.html").read_text(encoding="utf-8")
    months = re.findall(r'<tr data-month="([^"]+)"><td>[^<]*</td><td class="num" data-count="(\d+)"', html)
    assert months == [("2023-11", "2"), ("2024-03", "3")]
    files = re.findall(r'<tr data-month="([^"]+)">.*?data-files="(\d+)"', html)
    assert files == [("2023-11", "2"), ("2024-03", "1")]  # good.html has no findings but counts as a file
    assert "<del>will not</del>" in html and "<ins>would</ins>" in html


def test_html_escapes_draft_text(sent, fake_rules):
    (sent / "evil.txt").write_text("Dear [NAME], <script>alert(1)</script>\n", encoding="utf-8")
    run("audit", "sent", "--select", "XT", "--report", "audit.html", "-q")
    html = Path("audit.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_summary_table_on_stdout(sent, fake_rules):
    r = run("audit", "sent", "--select", "XT")
    out = r.stdout
    assert re.search(r"files checked\s*│\s*4", out)
    assert re.search(r"could not be read\s*│\s*1", out)
    assert re.search(r"XT101\s*│\s*placeholder-left\s*│\s*2", out)
    assert re.search(r"template-residue\s*│\s*2", out)
    assert "Files with most findings" in out and "sent/a.txt" in out
    assert "Files that could not be read" in out and "sent/broken.docx" in out
    assert "\x1b[" not in out


def test_audit_exit_codes(sent, fake_rules):
    assert run("audit", "sent/good.html", "--select", "XT", "-q").exit_code == 0
    assert run("audit", "sent/a.txt", "sent/good.html", "--select", "XT", "-q").exit_code == 1
    assert run("audit", "sent/a.txt", "--select", "XT", "-q", "--exit-zero").exit_code == 0
    assert run("audit", "sent", "--select", "XT", "-q").exit_code == 2


def test_other_formats_put_the_table_on_stderr(sent, fake_rules):
    r = run("audit", "sent", "--select", "XT", "-f", "json")
    load_json(r.stdout)
    assert "files checked" in r.stderr


def test_jobs_runs_in_parallel_processes_with_the_same_result(sent, fake_rules):
    one = run("audit", "sent", "--select", "XT", "-f", "json", "-q", "--jobs", "1").stdout
    three = run("audit", "sent", "--select", "XT", "-f", "json", "-q", "--jobs", "3").stdout
    assert load_json(one) == load_json(three)


def _explode(ctx):
    """What it does: Crashes on 'EXPLODE'.

    Why it matters: A test rule for a crashing checker.

    Example: EXPLODE

    How to fix: Nothing.
    """
    for block in ctx.document.blocks:
        if "EXPLODE" in block.text:
            raise RuntimeError("boom")
    return []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crash_on_one_file_does_not_stop_the_run(sent, fake_rules, jobs):
    RULES["XT901"] = Rule("XT901", "explode", "template-residue", "error", _explode, None)
    try:
        (sent / "crash.txt").write_text("EXPLODE\n", encoding="utf-8")
        r = run("audit", "sent", "--select", "XT", "-f", "json", "-q", "--jobs", jobs)
    finally:
        RULES.pop("XT901")
    data = load_json(r.stdout)
    crash = next(f for f in data["files"] if f["path"].endswith("crash.txt"))
    assert crash["error"]["kind"] == "unreadable" and "RuntimeError: boom" in crash["error"]["message"]
    assert sum(len(f["findings"]) for f in data["files"]) == 5
    assert r.exit_code == 2


def test_progress_bar_only_when_asked_or_on_a_terminal(sent):
    env = {**os.environ, "COLUMNS": "120"}
    args = [sys.executable, str(TESTS / "reporting.py"), "audit", "sent", "--select", "XT", "-q"]
    hidden = subprocess.run(args, capture_output=True, text=True, env=env, cwd=sent.parent)
    assert "checking" not in hidden.stderr
    shown = subprocess.run(args + ["--progress"], capture_output=True, text=True, env=env, cwd=sent.parent)
    assert "checking" in shown.stderr


def test_month_from_docx_properties_else_mtime(tmp_path):
    f = tmp_path / "x.docx"
    f.write_bytes(b"")
    stamp(f, 2022, 7)
    doc = SimpleNamespace(properties={"created": "2021-01-05T09:00:00Z", "modified": "2021-02-01T10:00:00Z"})
    result = SimpleNamespace(analysis=SimpleNamespace(document=doc))
    assert file_month(str(f), result) == ("2021-02", "modified")
    assert file_month(str(f), SimpleNamespace(analysis=None)) == ("2022-07", "mtime")
    assert file_month(str(tmp_path / "gone.docx"), SimpleNamespace(analysis=None)) == (None, None)
    assert month_of("not a date") is None and month_of("2020-12-31") == "2020-12"


def test_audit_refuses_stdin():
    r = run("audit", "-")
    assert r.exit_code == 2 and "stdin" in r.stderr


def test_no_findings_report_still_renders(tmp_path, monkeypatch, fake_rules):
    monkeypatch.chdir(tmp_path)
    Path("ok.txt").write_text(GOOD_TEXT, encoding="utf-8")
    r = run("audit", "ok.txt", "--select", "XT", "--report", "r.html", "-q")
    assert r.exit_code == 0
    page = parse_html(Path("r.html").read_text(encoding="utf-8"))
    assert page.ids["count-findings"] == "0" and page.rows == []


def test_fake_rules_are_only_registered_inside_the_fixture():
    assert not any(r.code in RULES for r in FAKE_RULES)


def test_docx_month_comes_from_its_core_properties(tmp_path, monkeypatch, fake_rules):
    from docx_factory import build_docx, paragraph

    monkeypatch.chdir(tmp_path)
    body = paragraph("Dear [NAME],") + paragraph("We weighed the balance.")
    Path("old.docx").write_bytes(build_docx(body, core={"created": "2019-02-01T09:00:00Z", "modified": "2021-06-30T17:00:00Z"}))
    stamp(Path("old.docx"), 2025, 1)
    r = run("audit", "old.docx", "--select", "XT", "--report", "r.html", "-q")
    assert r.exit_code == 1
    html = Path("r.html").read_text(encoding="utf-8")
    assert re.findall(r'<tr data-month="([^"]+)">', html) == ["2021-06"]


def test_summary_table_to_output_file(sent, fake_rules):
    r = run("audit", "sent", "--select", "XT", "--output", "table.txt")
    assert r.stdout == "" and r.exit_code == 2
    table = Path("table.txt").read_text(encoding="utf-8")
    assert "files checked" in table and "\x1b[" not in table


def test_each_worker_warms_up_once(tmp_path, monkeypatch, fake_rules):
    """--jobs N: N worker processes, each loading the pipeline and library once, then checking many files."""
    import ncnd_check.commands.batch as audit_mod

    log = tmp_path / "warm.log"
    real_warm = audit_mod._warm

    def counting_warm(settings):
        with open(log, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        real_warm(settings)

    monkeypatch.setattr(audit_mod, "_warm", counting_warm)
    files = []
    for i in range(12):
        f = tmp_path / f"d{i}.txt"
        f.write_text(BAD_TEXT, encoding="utf-8")
        files.append(str(f))
    items = audit_mod.run_files(files, audit_mod.Settings(select=["XT"]), jobs=2, progress=False)
    assert [i.result.path for i in items] == files  # argument order kept
    assert all(i.result.findings for i in items)
    warmed = log.read_text().split()
    assert len(warmed) == 2 and len(set(warmed)) == 2 and str(os.getpid()) not in warmed


def test_unwritable_report_is_refused_before_the_run(sent, fake_rules):
    r = run("audit", "sent", "--select", "XT", "--report", "no/such/folder/r.html")
    assert r.exit_code == 2 and "cannot write no/such/folder/r.html" in r.stderr
    assert "files checked" not in r.stdout
