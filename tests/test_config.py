"""Settings files: discovery walking up, flags win, --config, --isolated, errors that name the setting."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from reporting import BAD_TEXT, fake_rules, load_json  # noqa: F401

from ncnd_check.cli import cli
from ncnd_check.config import find_config, load_settings, resolve_rule_names, settings_from_table
from ncnd_check.errors import ConfigError
from ncnd_check.settings import Settings


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """project/drafts/deep/bad.txt with the working folder elsewhere (tmp_path/elsewhere)."""
    deep = tmp_path / "project" / "drafts" / "deep"
    deep.mkdir(parents=True)
    (deep / "bad.txt").write_text(BAD_TEXT, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return tmp_path / "project"


def rules_found(project, *extra) -> set[str]:
    r = run("check", str(project / "drafts" / "deep" / "bad.txt"), "-f", "json", *extra)
    assert r.exit_code in (0, 1), r.output
    return {f["rule"] for f in load_json(r.stdout)["files"][0]["findings"]}


def test_pyproject_found_walking_up_from_the_checked_file(project, fake_rules):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.ncnd-check]\nselect = ["XT"]\nignore = ["XT101"]\n')
    assert rules_found(project) == {"XT201", "XT301"}


def test_pyproject_without_our_table_is_passed_over(project, fake_rules):
    (project / "pyproject.toml").write_text('[tool.ncnd-check]\nselect = ["XT"]\nignore = ["XT201"]\n')
    (project / "drafts" / "pyproject.toml").write_text('[project]\nname = "other"\n')
    assert find_config(project / "drafts" / "deep" / "bad.txt") == project / "pyproject.toml"
    assert rules_found(project) == {"XT101", "XT301"}


def test_nearest_ncnd_check_toml_wins(project, fake_rules):
    (project / "pyproject.toml").write_text('[tool.ncnd-check]\nselect = ["XT"]\nignore = ["XT201"]\n')
    (project / "drafts" / "ncnd-check.toml").write_text('select = ["XT"]\nignore = ["XT301"]\n')
    assert rules_found(project) == {"XT101", "XT201"}


def test_flags_win_over_the_file(project, fake_rules):
    (project / "ncnd-check.toml").write_text('select = ["XT1", "XT2"]\nignore = ["XT101"]\nfail-on = "info"\n')
    assert rules_found(project, "--select", "XT") == {"XT201", "XT301"}  # --select replaces the file's
    assert rules_found(project, "--select", "XT", "--ignore", "XT201") == {"XT301"}  # --ignore adds to it
    r = run("check", str(project / "drafts" / "deep" / "bad.txt"), "--fail-on", "error", "--ignore", "XT1")
    assert r.exit_code == 0  # fail-on error from the flag: only warnings remain


def test_config_flag_names_a_file(project, fake_rules, tmp_path):
    other = tmp_path / "elsewhere" / "strict.toml"
    other.write_text('select = ["XT1"]\n')
    (project / "ncnd-check.toml").write_text('select = ["XT3"]\n')
    assert rules_found(project, "--config", str(other)) == {"XT101"}


def test_isolated_ignores_settings_files(project, fake_rules):
    (project / "ncnd-check.toml").write_text('select = ["XT3"]\n')
    assert rules_found(project, "--isolated", "--select", "XT") == {"XT101", "XT201", "XT301"}
    assert rules_found(project) == {"XT301"}


def test_per_file_ignores_by_glob(project, fake_rules):
    (project / "drafts" / "deep" / "keep.txt").write_text(BAD_TEXT, encoding="utf-8")
    (project / "ncnd-check.toml").write_text(
        'select = ["XT"]\n[per-file-ignores]\n"*/deep/bad.txt" = ["XT101", "wording-deviation"]\n'
    )
    r = run("check", str(project / "drafts"), "-f", "json")
    data = load_json(r.stdout)
    by_file = {f["path"].rsplit("/", 1)[-1]: {x["rule"] for x in f["findings"]} for f in data["files"]}
    assert by_file == {"bad.txt": {"XT201"}, "keep.txt": {"XT101", "XT201", "XT301"}}


def test_severity_overrides_by_code_and_category(project, fake_rules):
    (project / "ncnd-check.toml").write_text(
        'select = ["XT"]\n[severity]\ninsecure-link = "error"\nXT101 = "info"\n'
    )
    r = run("check", str(project / "drafts" / "deep" / "bad.txt"), "-f", "json")
    sev = {f["rule"]: f["severity"] for f in load_json(r.stdout)["files"][0]["findings"]}
    assert sev == {"XT101": "info", "XT201": "error", "XT301": "warning"}
    assert r.exit_code == 1


def test_exact_code_beats_category_in_severity(fake_rules):
    s = resolve_rule_names(Settings(severity={"XT101": "info", "template-residue": "warning"}))
    assert s.severity["XT101"] == "info"


@pytest.mark.parametrize(
    "toml, words",
    [
        ('selekt = ["XT"]\n', ["unknown setting", "selekt"]),
        ("fail-on = 3\n", ["fail-on", "wrong type"]),
        ('fail-on = "fatal"\n', ["fail-on", "fatal"]),
        ("wording-threshold = 140\n", ["wording-threshold", "between 0 and 100"]),
        ('[severity]\nXT101 = "loud"\n', ["severity", "loud"]),
        ('select = ["NOPE9"]\n', ["select", "NOPE9", "names no rule"]),
        ('[per-file-ignores]\n"*.txt" = [1]\n', ["per-file-ignores"]),
        ("select = [\n", ["cannot read settings"]),
    ],
)
def test_bad_settings_are_named_and_exit_2(project, fake_rules, toml, words):
    (project / "ncnd-check.toml").write_text(toml)
    r = run("check", str(project / "drafts" / "deep" / "bad.txt"))
    assert r.exit_code == 2
    assert r.stdout == ""
    message = r.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    for word in words:
        assert word in message


def test_missing_config_file_is_an_error(project):
    r = run("check", str(project / "drafts"), "--config", "nope.toml")
    assert r.exit_code == 2 and "nope.toml" in r.stderr


def test_reference_dir_is_relative_to_the_settings_file(tmp_path):
    (tmp_path / "lib").mkdir()
    cfg = tmp_path / "ncnd-check.toml"
    cfg.write_text('reference-dir = "lib"\nauthority = "Kent Police"\n')
    s = load_settings(config_file=str(cfg))
    assert s.reference_dir == str((tmp_path / "lib").resolve()) and s.authority == "Kent Police"


def test_table_accepts_dashes_and_underscores():
    s = settings_from_table({"fail_on": "warning", "check-links-online": True, "jobs": 3})
    assert (s.fail_on, s.check_links_online, s.jobs) == ("warning", True, 3)
    with pytest.raises(ConfigError, match="jobs"):
        settings_from_table({"jobs": 0})
    with pytest.raises(ConfigError, match="mode"):
        settings_from_table({"mode": "draft"})


def test_dump_ignores_settings(project):
    (project / "ncnd-check.toml").write_text("bogus = 1\n")
    r = run("dump", str(project / "drafts" / "deep" / "bad.txt"), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["blocks"]


def test_per_file_glob_is_relative_to_the_settings_file(project, fake_rules):
    (project / "ncnd-check.toml").write_text('select = ["XT"]\n[per-file-ignores]\n"drafts/deep/*.txt" = ["XT1"]\n')
    assert rules_found(project) == {"XT201", "XT301"}  # run from another folder, absolute path


def test_missing_reference_dir_is_an_error(project, tmp_path):
    r = run("check", str(project / "drafts"), "--reference-dir", str(tmp_path / "nolib"))
    assert r.exit_code == 2 and "no such folder" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    (project / "ncnd-check.toml").write_text('reference-dir = "nolib"\n')
    r = run("check", str(project / "drafts"))
    assert r.exit_code == 2 and "reference-dir" in r.stderr


def test_library_problems_are_warned_about(project, tmp_path, fake_rules):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "broken.toml").write_text("x = [\n")
    r = run("check", str(project / "drafts"), "--reference-dir", str(lib), "--select", "XT")
    assert "warning: approved-wording library: broken.toml" in r.stderr
    assert r.exit_code == 1  # the drafts are still checked


def test_settings_for_gives_the_api_what_the_cli_uses(project, fake_rules):
    from ncnd_check import check_file
    from ncnd_check.config import settings_for

    (project / "ncnd-check.toml").write_text('select = ["XT"]\n[severity]\ninsecure-link = "info"\n')
    draft = project / "drafts" / "deep" / "bad.txt"
    settings = settings_for(draft, ignore=["XT101"])
    api = [f.to_dict() for f in check_file(draft, settings).findings]
    cli_data = load_json(run("check", str(draft), "--ignore", "XT101", "-f", "json").stdout)
    assert api == cli_data["files"][0]["findings"]
    assert {f["rule"]: f["severity"] for f in api} == {"XT201": "info", "XT301": "warning"}


def test_show_settings_names_the_file_and_the_values(project):
    (project / "pyproject.toml").write_text('[tool.ncnd-check]\nauthority = "Kent Police"\n')
    r = run("check", str(project / "drafts" / "deep" / "bad.txt"), "--show-settings", "--fail-on", "warning")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == f"# settings file: {project / 'pyproject.toml'}"
    assert 'authority = "Kent Police"' in lines and 'fail-on = "warning"' in lines
    iso = run("check", str(project / "drafts"), "--show-settings", "--isolated")
    assert iso.stdout.splitlines()[0] == "# settings file: none (--isolated)" and "authority = null" in iso.stdout


def test_headings_file_setting_teaches_a_house_style(tmp_path, monkeypatch):
    """A team's copy of sections.toml, named in the settings, maps its own headings."""
    from importlib import resources

    from ncnd_check import check_text
    from ncnd_check.config import load_settings

    monkeypatch.chdir(tmp_path)
    bundled = resources.files("ncnd_check.analysis").joinpath("sections.toml").read_text(encoding="utf-8")
    house = bundled.replace("  '\\bharms?\\b',", "  '\\bharms?\\b',\n  '^why we cannot say\\b',")
    assert house != bundled
    (tmp_path / "house-headings.toml").write_text(house, encoding="utf-8")
    (tmp_path / "ncnd-check.toml").write_text('headings-file = "house-headings.toml"\n', encoding="utf-8")
    draft = (
        "Kent Police can neither confirm nor deny that it holds the information requested by virtue of "
        "Section 31(3) Law Enforcement.\n\nWhy We Cannot Say\n\nConfirming or denying would be likely to "
        "help offenders avoid detection.\n"
    )
    plain = check_text(draft, settings=load_settings(isolated=True))
    house_style = check_text(draft, settings=load_settings(start=str(tmp_path / "draft.txt")))
    assert "harm" not in plain.response["sections"]
    assert "harm" in house_style.response["sections"]


def test_headings_file_that_is_missing_or_broken_is_a_settings_error(tmp_path):
    from ncnd_check.config import load_settings
    from ncnd_check.errors import ConfigError

    with pytest.raises(ConfigError, match="headings-file"):
        load_settings({"headings_file": str(tmp_path / "none.toml")}, isolated=True)
    (tmp_path / "bad.toml").write_text("[[section]]\nname = 'harm'\npatterns = ['(']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a valid headings file"):
        load_settings({"headings_file": str(tmp_path / "bad.toml")}, isolated=True)
