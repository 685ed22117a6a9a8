"""The command line: every command, option and format, and the exit codes.

Findings come from fake rules (codes XT..., see tests/reporting.py) and each
run passes ``--select XT`` so the real rules do not change what is asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from reporting import BAD_TEXT, GOOD_TEXT, fake_rules, load_json, validate_report  # noqa: F401

from ncnd_check.cli import cli

TESTS = Path(__file__).resolve().parent
FAKE_CLI = [sys.executable, str(TESTS / "reporting.py")]


def run(*args, input=None, env=None):
    return CliRunner(env=env).invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    """good.txt, bad.txt and sub/bad.md in a folder; the working folder is tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    d = tmp_path / "drafts"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (d / "bad.txt").write_text(BAD_TEXT, encoding="utf-8")
    (d / "sub" / "bad.md").write_text(BAD_TEXT, encoding="utf-8")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a draft: folders skip it
    return d


def codes(data: dict, path_suffix: str) -> list[str]:
    entry = next(f for f in data["files"] if f["path"].endswith(path_suffix))
    return [f["rule"] for f in entry["findings"]]


# --- exit codes ------------------------------------------------------------------


def test_exit_0_on_a_good_draft(drafts, fake_rules):
    r = run("check", "drafts/good.txt", "--select", "XT")
    assert r.exit_code == 0, r.output
    header, last = r.stdout.strip().splitlines()
    assert header.startswith("library: ncnd-check bundled library") and last == "No findings in 1 file."


def test_exit_1_on_a_bad_draft(drafts, fake_rules):
    r = run("check", "drafts/bad.txt", "--select", "XT")
    assert r.exit_code == 1
    assert "XT101" in r.stdout and "drafts/bad.txt" in r.stdout


def test_exit_2_on_a_missing_file(drafts, fake_rules):
    r = run("check", "drafts/nothing.txt", "--select", "XT")
    assert r.exit_code == 2
    assert "drafts/nothing.txt" in r.stderr and "no such file" in r.stderr


def test_mix_of_good_bad_and_unreadable_reports_all_and_exits_2(drafts, fake_rules):
    (drafts / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    r = run("check", "drafts/good.txt", "drafts/broken.docx", "drafts/bad.txt", "drafts/gone.html", "--select", "XT", "-f", "json")
    assert r.exit_code == 2
    data = load_json(r.stdout)
    assert [f["path"] for f in data["files"]] == ["drafts/good.txt", "drafts/broken.docx", "drafts/bad.txt", "drafts/gone.html"]
    assert data["files"][0]["error"] is None and data["files"][0]["findings"] == []
    assert data["files"][1]["error"]["kind"] in ("unreadable", "unsafe", "unsupported")
    assert "XT101" in codes(data, "bad.txt")
    assert data["files"][3]["error"]["kind"] == "unreadable"
    assert data["summary"]["unreadable"] == 2 and data["summary"]["files"] == 4
    assert "drafts/broken.docx" in r.stderr and "drafts/gone.html" in r.stderr
    assert "Traceback" not in r.output


def test_exit_zero_turns_findings_into_0_but_not_unreadable(drafts, fake_rules):
    assert run("check", "drafts/bad.txt", "--select", "XT", "--exit-zero").exit_code == 0
    assert run("check", "drafts/bad.txt", "drafts/gone.txt", "--select", "XT", "--exit-zero").exit_code == 2


def test_fail_on_sets_the_threshold(drafts, fake_rules):
    # only the info rule fires on the good draft when the balance paragraph is gone
    (drafts / "info.txt").write_text("Dear Ms Smith,\n", encoding="utf-8")
    assert run("check", "drafts/info.txt", "--select", "XT").exit_code == 0
    assert run("check", "drafts/info.txt", "--select", "XT", "--fail-on", "warning").exit_code == 0
    assert run("check", "drafts/info.txt", "--select", "XT", "--fail-on", "info").exit_code == 1
    (drafts / "warn.txt").write_text("See http://example.org about the balance.\n", encoding="utf-8")
    assert run("check", "drafts/warn.txt", "--select", "XT").exit_code == 0
    assert run("check", "drafts/warn.txt", "--select", "XT", "--fail-on", "warning").exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check", "x.txt", "--bogus"],
        ["check"],
        ["check", "x.txt", "--format", "yaml"],
        ["check", "x.txt", "--fail-on", "fatal"],
        ["check", "x.txt", "--select", "NOPE999"],
        ["check", "x.txt", "--jobs", "0"],
        ["nosuchcommand"],
        ["rules", "NOPE999"],
        ["audit", "-"],
    ],
)
def test_usage_errors_exit_2_with_one_line(args, drafts, fake_rules):
    proc = subprocess.run(FAKE_CLI + args, capture_output=True, text=True, cwd=drafts.parent)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("ncnd-check:")
    assert "Traceback" not in proc.stderr


# --- paths -----------------------------------------------------------------------


def test_folders_are_recursed_for_drafts_only(drafts, fake_rules):
    r = run("check", "drafts", "--select", "XT", "-f", "json")
    data = load_json(r.stdout)
    assert sorted(f["path"] for f in data["files"]) == ["drafts/bad.txt", "drafts/good.txt", "drafts/sub/bad.md"]


def test_stdin(drafts, fake_rules):
    r = run("check", "-", "--select", "XT", "-f", "json", input=BAD_TEXT)
    assert r.exit_code == 1
    data = load_json(r.stdout)
    assert data["files"][0]["path"] == "<stdin>" and "XT101" in codes(data, "<stdin>")


# --- selection -------------------------------------------------------------------


@pytest.mark.parametrize(
    "select, expected",
    [
        ("XT101", {"XT101"}),
        ("XT1,XT2", {"XT101", "XT201"}),
        ("wording-deviation", {"XT301"}),
        ("insecure-http", {"XT201"}),
    ],
)
def test_select_by_code_prefix_category_or_name(select, expected, drafts, fake_rules):
    data = load_json(run("check", "drafts/bad.txt", "--select", select, "-f", "json").stdout)
    assert set(codes(data, "bad.txt")) == expected


def test_ignore_by_code_and_category(drafts, fake_rules):
    data = load_json(run("check", "drafts/bad.txt", "--select", "XT", "--ignore", "XT101", "--ignore", "insecure-link", "-f", "json").stdout)
    assert set(codes(data, "bad.txt")) == {"XT301"}


def test_inline_directive_silences_the_next_block(drafts, fake_rules):
    (drafts / "marked.txt").write_text("ncnd-check: ignore XT101\n" + BAD_TEXT, encoding="utf-8")
    data = load_json(run("check", "drafts/marked.txt", "--select", "XT", "-f", "json").stdout)
    assert set(codes(data, "marked.txt")) == {"XT201", "XT301"}


def test_inline_directive_in_markdown_comment_by_category(drafts, fake_rules):
    text = BAD_TEXT.replace("See http", "<!-- ncnd-check: ignore insecure-link -->\nSee http")
    (drafts / "marked.md").write_text(text, encoding="utf-8")
    data = load_json(run("check", "drafts/marked.md", "--select", "XT", "-f", "json").stdout)
    assert set(codes(data, "marked.md")) == {"XT101", "XT301"}


# --- outputs ---------------------------------------------------------------------


def test_text_output_is_plain_when_not_a_terminal(drafts, fake_rules):
    r = run("check", "drafts/bad.txt", "--select", "XT")
    assert "\x1b[" not in r.stdout
    assert "[-will not-] {+would+}" in r.stdout
    assert r.stdout.rstrip().splitlines()[-1] == "3 findings (1 error, 2 warnings, 0 info) in 1 file."


def test_statistics_and_quiet(drafts, fake_rules):
    r = run("check", "drafts", "--select", "XT", "--statistics")
    header, first = r.stdout.splitlines()[0], r.stdout.splitlines()[1].split()
    assert header.startswith("library: ") and first[:2] == ["2", "XT101"]
    q = run("check", "drafts", "--select", "XT", "--quiet")
    assert "findings (" not in q.stdout and "XT101" in q.stdout
    data = json.loads(run("check", "drafts", "--select", "XT", "--statistics", "-f", "json").stdout)
    assert {d["rule"]: d["count"] for d in data} == {"XT101": 2, "XT201": 2, "XT301": 2}


def test_output_file_leaves_stdout_empty(drafts, fake_rules):
    r = run("check", "drafts/bad.txt", "--select", "XT", "-f", "json", "--output", "out.json")
    assert r.exit_code == 1 and r.stdout == ""
    validate_report(json.loads(Path("out.json").read_text(encoding="utf-8")))


def test_output_to_an_unwritable_place_is_a_usage_error(drafts, fake_rules):
    r = run("check", "drafts/bad.txt", "--select", "XT", "--output", "no/such/folder/out.txt")
    assert r.exit_code == 2 and "cannot write" in r.stderr


def test_every_format_from_the_cli(drafts, fake_rules):
    sarif = json.loads(run("check", "drafts", "--select", "XT", "-f", "sarif").stdout)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"XT101", "XT201", "XT301"}
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    junit = ET.fromstring(run("check", "drafts", "--select", "XT", "-f", "junit").stdout)
    cases = {c.get("name"): c for c in junit.iter("testcase")}
    assert set(cases) == {"drafts/bad.txt", "drafts/good.txt", "drafts/sub/bad.md"}
    assert [f.get("type") for f in cases["drafts/bad.txt"].findall("failure")] == ["XT101"]
    assert cases["drafts/good.txt"].find("failure") is None
    github = run("check", "drafts", "--select", "XT", "-f", "github").stdout
    assert "::error file=drafts/bad.txt,line=1,title=XT101::" in github


def test_format_from_config(drafts, fake_rules):
    (drafts.parent / "ncnd-check.toml").write_text('format = "github"\n', encoding="utf-8")
    r = run("check", "drafts/bad.txt", "--select", "XT")
    assert r.stdout.startswith("::")


def test_jobs_gives_the_same_report(drafts, fake_rules):
    one = load_json(run("check", "drafts", "--select", "XT", "-f", "json").stdout)
    two = load_json(run("check", "drafts", "--select", "XT", "-f", "json", "--jobs", "2").stdout)
    assert one == two


# --- colour: a real terminal, a pipe, NO_COLOR ---------------------------------------


def _run_on_pty(args, env) -> str:
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(FAKE_CLI + args, stdout=slave, stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_colour_on_a_terminal_and_not_with_no_color(drafts):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm"
    args = ["check", str(drafts / "bad.txt"), "--select", "XT"]
    coloured = _run_on_pty(args, env)
    assert "\x1b[31m" in coloured and "XT101" in coloured
    assert "[-will not-]" not in coloured  # the redline is in colour instead
    plain = _run_on_pty(args, {**env, "NO_COLOR": "1"})
    assert "XT101" in plain and "\x1b[" not in plain
    piped = subprocess.run(FAKE_CLI + args, capture_output=True, text=True, env=env)
    assert "XT101" in piped.stdout and "\x1b[" not in piped.stdout


# --- the other commands ------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "audit", "rules", "dump"])
def test_help_has_examples(command):
    r = run(command, "--help")
    assert r.exit_code == 0
    assert "Examples:" in r.stdout and f"ncnd-check {command}" in r.stdout


def test_top_level_help_and_version():
    r = run("--help")
    assert r.exit_code == 0 and "Exit codes" in r.stdout
    from ncnd_check import __version__

    v = run("--version")
    assert v.exit_code == 0 and v.stdout.strip() == f"ncnd-check {__version__}"


def test_rules_lists_and_explains(fake_rules):
    listing = run("rules")
    assert listing.exit_code == 0
    line = next(l for l in listing.stdout.splitlines() if l.startswith("XT101"))
    assert "template-residue" in line and "error" in line
    one = run("rules", "xt101")
    assert one.exit_code == 0
    for heading in ("What it does", "Why it matters", "Example", "How to fix"):
        assert heading in one.stdout
    data = json.loads(run("rules", "--format", "json").stdout)
    assert any(d["code"] == "XT301" and d["category"] == "wording-deviation" for d in data)


def test_dump_text_and_json(drafts):
    r = run("dump", "drafts/bad.txt")
    assert r.exit_code == 0 and "Dear [NAME]," in r.stdout
    data = json.loads(run("dump", "drafts/bad.txt", "--format", "json").stdout)
    assert data["format"] == "text" and data["blocks"][0]["text"] == "Dear [NAME],"
    missing = run("dump", "drafts/none.txt")
    assert missing.exit_code == 2 and "drafts/none.txt" in missing.stderr


def test_dump_shows_list_labels(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.txt").write_text("You asked for:\n\na) The number of accounts\nb) The cost\n", encoding="utf-8")
    text = run("dump", "list.txt").stdout
    assert "b) The cost" in text
    blocks = json.loads(run("dump", "list.txt", "--format", "json").stdout)["blocks"]
    assert [b.get("label") for b in blocks if b["kind"] == "list-item"] == ["a)", "b)"]


def test_light_commands_do_not_import_spacy():
    """--version, rules and refs list answer without loading spaCy (they must stay fast)."""
    script = (
        "import sys\n"
        "from ncnd_check.cli import cli\n"
        "for args in (['--version'], ['rules'], ['rules', '--format', 'json'], ['--help'], ['refs', 'list']):\n"
        "    try:\n"
        "        cli.main(args, prog_name='ncnd-check')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.stderr.strip().splitlines()[-1] == "NO-SPACY", proc.stderr


def test_python_api_matches_the_cli(drafts, fake_rules):
    from ncnd_check import Settings, check_file, check_text

    settings = Settings(select=["XT"])
    api = check_file(drafts / "bad.txt", settings)
    cli_data = load_json(run("check", "drafts/bad.txt", "--select", "XT", "-f", "json").stdout)
    assert [f.to_dict() for f in api.findings] == cli_data["files"][0]["findings"]
    assert [f.to_dict() for f in check_text(BAD_TEXT, settings=settings).findings] == cli_data["files"][0]["findings"]


def test_python_api_severity_overrides_by_category_and_prefix(drafts, fake_rules):
    from ncnd_check import Settings, check_file

    plain = check_file(drafts / "bad.txt", Settings(select=["XT"])).findings
    assert plain, "the fake rules must fire on bad.txt"
    by_prefix = check_file(drafts / "bad.txt", Settings(select=["XT"], severity={"XT": "info"})).findings
    assert {f.severity for f in by_prefix} == {"info"}
    category = plain[0].category
    by_category = check_file(drafts / "bad.txt", Settings(select=["XT"], severity={category: "warning", "XT": "info"})).findings
    assert {f.severity for f in by_category if f.category == category} == {"warning"}  # the longer selector wins


def test_rules_lists_by_prefix_or_category(fake_rules):
    assert [l.split()[0] for l in run("rules", "XT").stdout.splitlines()] == ["XT101", "XT201", "XT301", "XT401"]
    assert [l.split()[0] for l in run("rules", "insecure-link").stdout.splitlines() if l.startswith("XT")] == ["XT201"]
    one_line = next(l for l in run("rules", "XT3").stdout.splitlines())
    assert one_line.endswith('Flags a paragraph that says "would confirm" instead of "will not confirm".')


def test_docx_findings_have_paragraphs_not_lines(drafts, fake_rules):
    from docx_factory import build_docx, paragraph

    (drafts / "letter.docx").write_bytes(build_docx(paragraph("Hello,") + paragraph("Dear [NAME],") + paragraph("The balance.")))
    data = load_json(run("check", "drafts/letter.docx", "--select", "XT", "-f", "json").stdout)
    finding = data["files"][0]["findings"][0]
    assert data["files"][0]["format"] == "docx"
    assert finding["rule"] == "XT101" and finding["location"]["block"] == 1 and finding["location"]["line"] is None
    text = run("check", "drafts/letter.docx", "--select", "XT").stdout
    assert "  paragraph 2  error" in text
    sarif = json.loads(run("check", "drafts/letter.docx", "--select", "XT", "-f", "sarif").stdout)
    loc = sarif["runs"][0]["results"][0]["locations"][0]
    assert "region" not in loc["physicalLocation"] and loc["logicalLocations"][0]["name"] == "paragraph 2"
    github = run("check", "drafts/letter.docx", "--select", "XT", "-f", "github").stdout
    assert github.startswith("::error file=drafts/letter.docx,title=XT101::")


def test_inline_directive_in_html_and_whole_file(drafts, fake_rules):
    html = "<html><body><!-- ncnd-check: ignore XT101 --><p>Dear [NAME],</p><p>Dear [NAME] again,</p><p>See http://example.org</p></body></html>"
    (drafts / "marked.html").write_text(html, encoding="utf-8")
    data = load_json(run("check", "drafts/marked.html", "--select", "XT", "-f", "json").stdout)
    entry = data["files"][0]["findings"]
    assert [(f["rule"], f["location"]["block"]) for f in entry if f["rule"] == "XT101"] == [("XT101", 1)]
    (drafts / "whole.txt").write_text("ncnd-check: ignore-file XT101, XT2\n\n" + BAD_TEXT, encoding="utf-8")
    assert set(codes(load_json(run("check", "drafts/whole.txt", "--select", "XT", "-f", "json").stdout), "whole.txt")) == {"XT301"}


def test_check_does_not_import_matplotlib(drafts):
    """matplotlib (the audit report's charts) is imported by audit only."""
    script = (
        "import sys\n"
        "from ncnd_check.cli import cli\n"
        "try:\n"
        "    cli.main(['check', 'drafts/bad.txt', '-f', 'json'], prog_name='ncnd-check')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('matplotlib' in sys.modules, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=drafts.parent)
    assert proc.stderr.strip().splitlines()[-1] == "False", proc.stderr


def test_empty_folder_and_unsupported_file_are_errors(drafts, fake_rules):
    (drafts / "empty").mkdir()
    data = load_json(run("check", "drafts/empty", "drafts/notes.pdf", "drafts/good.txt", "--select", "XT", "-f", "json").stdout)
    errors = [(f["path"], f["error"]["kind"] if f["error"] else None) for f in data["files"]]
    assert errors[0] == ("drafts/empty", "unsupported")
    assert errors[1][0] == "drafts/notes.pdf" and errors[1][1] in ("unsupported", "unreadable")
    assert errors[2] == ("drafts/good.txt", None)
    assert run("check", "drafts/empty", "--select", "XT").exit_code == 2
