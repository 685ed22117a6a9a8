"""``ncnd-check diff`` and ``ncnd-check refs``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from convert import write_all

from ncnd_check.cli import cli

WORDING = Path(__file__).parent / "fixtures" / "wording"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff")
    return write_all((WORDING / "reworded.md").read_text(encoding="utf-8"), folder, "reworded")


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env or {}, catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["text", "html", "docx"])
def test_diff_plain_redline(fmt, drafts):
    res = run("diff", str(drafts[fmt]), "--no-color", "--isolated")
    assert res.exit_code == 0, res.output
    out = res.output
    assert not ANSI.search(out)
    assert "[-would-] {+could+}" in out
    assert "{+However, we can confirm that the cameras are used on the strategic road network.+}" in out
    assert "= shared.two-duties (explanation) 100%  same as approved" in out
    assert "~ s24-2.harm.terrorist-benefit (harm)" in out
    assert "no approved paragraph (request-specific text)" in out
    assert re.search(r"\d+ same as approved, 4 changed, \d+ request-specific, 0 required missing", out)


def test_diff_only_changed(drafts):
    res = run("diff", str(drafts["text"]), "--no-color", "--only-changed", "--isolated")
    assert res.exit_code == 0
    assert res.output.count("  ~ ") == 4
    assert "  = " not in res.output
    assert "request-specific text" not in res.output


def test_diff_colour_on_a_terminal(drafts):
    res = run("diff", str(drafts["text"]), "--color", "--isolated")
    assert res.exit_code == 0
    assert ANSI.search(res.output)
    assert "[-" not in res.output and "{+" not in res.output
    assert "\x1b[9m" in res.output or "\x1b[31m" in res.output  # struck-through / red deletions
    plain = ANSI.sub("", res.output)
    assert "would could be extremely beneficial of some benefit" in plain  # deleted, then inserted


def test_diff_colour_follows_no_color(drafts):
    res = run("diff", str(drafts["text"]), "--isolated", env={"NO_COLOR": "1", "FORCE_COLOR": ""})
    assert not ANSI.search(res.output)
    forced = run("diff", str(drafts["text"]), "--isolated", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert ANSI.search(forced.output)


def test_diff_html_is_a_self_contained_side_by_side_page(drafts, tmp_path):
    out = tmp_path / "diff.html"
    res = run("diff", str(drafts["docx"]), "--format", "html", "--output", str(out), "--isolated")
    assert res.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<del>would</del>" in page and "<ins>could</ins>" in page
    assert "<th>Draft</th><th>Approved wording</th>" in page
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?https?:""", page)
    assert "s24-2.harm.terrorist-benefit" in page


def test_diff_escapes_html_in_the_draft(tmp_path):
    draft = tmp_path / "x.txt"
    draft.write_text(
        "Any incident that results from such a <script>alert(1)</script> disclosure would, by default, affect National Security.\n",
        encoding="utf-8",
    )
    out = tmp_path / "x.html"
    run("diff", str(draft), "--format", "html", "--output", str(out), "--isolated")
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_diff_unreadable_file_exits_2(tmp_path):
    res = run("diff", str(tmp_path / "nope.docx"), "--isolated")
    assert res.exit_code == 2


def test_diff_other_reference_dir(tmp_path, drafts):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "shared.toml").write_text(
        '[exemption]\nid = "shared"\n[[paragraph]]\nid = "ours.duties"\nrole = "explanation"\nrequired = false\nversion = 1\n'
        'text = """Section 1 of the Freedom of Information Act 2000 places two duties on public authorities. '
        "Unless exemptions apply, the first duty at Section 1(1)(a) is to confirm or deny whether the information "
        'specified in a request is held. The second duty is to disclose it."""\n',
        encoding="utf-8",
    )
    res = run("diff", str(drafts["text"]), "--no-color", "--isolated", "--reference-dir", str(lib))
    assert res.exit_code == 0
    assert "~ ours.duties" in res.output and "s24-2" not in res.output


def test_refs_list_and_show():
    listed = run("refs", "list")
    assert listed.exit_code == 0
    assert "s24-2.harm.terrorist-benefit" in listed.output and "required" in listed.output
    as_json = json.loads(run("refs", "list", "--format", "json", "--exemption", "s40(5)").output)
    assert as_json["paragraphs"] and {p["exemption"] for p in as_json["paragraphs"]} == {"s40(5B)"}
    shown = run("refs", "show", "shared.ncnd-statement")
    assert shown.exit_code == 0
    assert "placeholders: {authority}" in shown.output and "neither confirm nor deny" in shown.output
    exemption = run("refs", "show", "s23(5)")
    assert exemption.output.count("s23-5.") >= 3
    missing = run("refs", "show", "s24-2.harm.nope")
    assert missing.exit_code == 2 and "did you mean" in missing.output


def test_refs_list_other_library_and_missing_library(tmp_path):
    (tmp_path / "a.toml").write_text(
        '[exemption]\nid = "s38(2)"\n[[paragraph]]\nid = "team.harm"\nrole = "harm"\nrequired = true\nversion = 2\ntext = "Ours."\n',
        encoding="utf-8",
    )
    res = run("refs", "list", "--reference-dir", str(tmp_path))
    assert "team.harm" in res.output and "s24-2" not in res.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("refs", "list", "--reference-dir", str(empty)).exit_code == 2


def test_refs_list_imports_neither_spacy_nor_rapidfuzz():
    code = (
        "import sys\n"
        "from ncnd_check.cli import cli\n"
        "try:\n    cli(['refs', 'list'], prog_name='ncnd-check')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'rapidfuzz', 'lxml')]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
