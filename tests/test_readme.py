"""The README and the integration files say what the code does, and cannot go stale."""

from __future__ import annotations

import dataclasses
import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from ncnd_check.cli import cli
from ncnd_check.rules.readme import rules_markdown, splice
from ncnd_check.commands.exitcodes import ExitCode
from ncnd_check.report import FORMATS
from ncnd_check.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README text under a '## title' heading, up to the next '## ' heading."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert m, f"README has no '## {title}' section"
    return m.group(1)


def test_rule_list_is_generated_from_the_registry():
    assert splice(README, rules_markdown()) == README, "README's rule list is stale: run `python -m ncnd_check.rules.readme --write`"


def test_every_registered_rule_is_in_the_readme():
    from ncnd_check.rules.registry import all_rules

    rules = section("Rules")
    for code in all_rules():
        assert f"##### {code}" in rules


def test_every_setting_is_documented():
    table = section("Configuration")
    for field in dataclasses.fields(Settings):
        name = field.name.replace("_", "-")
        assert f"| `{name}` |" in table, f"setting {name} is not in the README's configuration table"


def test_every_format_and_exit_code_is_documented():
    formats = section("Output formats")
    for fmt in FORMATS:
        assert f"| `{fmt}` |" in formats
    codes = section("Exit codes")
    for code in ExitCode:
        assert f"| {int(code)} |" in codes


def readme_commands() -> list[list[str]]:
    """Every `ncnd-check ...` line in the README's sh blocks, as argv (comments and redirects dropped)."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if "ncnd-check " not in line:
                continue
            line = line[line.index("ncnd-check ") :]
            line = re.split(r"\s[<>|]\s|&&", line)[0]
            commands.append(shlex.split(line)[1:])
    return commands


@pytest.mark.parametrize("argv", readme_commands(), ids=lambda a: " ".join(a))
def test_readme_commands_parse(argv):
    """Each documented command names real options (parsed, not run)."""
    ctx = cli.make_context("ncnd-check", list(argv[:1]), resilient_parsing=True)
    command = cli.get_command(ctx, argv[0])
    if command is None:
        pytest.skip(f"`{argv[0]}` is not built yet")
    try:
        command.make_context(argv[0], list(argv[1:]), parent=ctx)
    except click.UsageError as exc:
        pytest.fail(f"README command `ncnd-check {' '.join(argv)}` does not parse: {exc.format_message()}")


def test_pre_commit_hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "ncnd-check")
    assert hook["entry"] == "ncnd-check check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ("a.docx", "b.html", "c.htm", "d.md", "e.txt", "F.DOCX", "dir/g.Html"):
        assert files.search(name), name
    for name in ("a.pdf", "b.doc", "c.txt.bak", "docx"):
        assert not files.search(name), name


def test_github_actions_example_uploads_the_sarif_it_writes():
    flow = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["ncnd-check"]["steps"]
    run = next(s["run"] for s in steps if "--format sarif" in s.get("run", ""))
    output = shlex.split(run)[shlex.split(run).index("--output") + 1]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == output
    assert flow["permissions"]["security-events"] == "write"


def test_gitlab_example_publishes_the_junit_it_writes():
    job = yaml.safe_load((ROOT / "docs" / "gitlab-ci.yml").read_text(encoding="utf-8"))["ncnd-check"]
    run = next(line for line in job["script"] if "--format junit" in line)
    output = shlex.split(run)[shlex.split(run).index("--output") + 1]
    assert job["artifacts"]["reports"]["junit"] == output
    assert job["artifacts"]["when"] == "always"


@pytest.mark.parametrize("path", ["docs/github-actions.yml", "docs/gitlab-ci.yml"])
def test_ci_examples_use_real_options(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    for line in re.findall(r"ncnd-check (check [^\n#]*)", text):
        argv = shlex.split(line)
        cli.get_command(None, "check").make_context("check", argv[1:])
