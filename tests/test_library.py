"""The approved-wording library: loading, the shipped content, and validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import shared_path
from ncnd_check.cli import cli
from ncnd_check.wording.library import (
    PLACEHOLDERS,
    ROLES,
    default_reference_dir,
    load_library,
    placeholder_problems,
    validate_library,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def library():
    return load_library(None)


def test_bundled_library_is_found_and_clean(library):
    assert library.folder is not None and Path(library.folder).is_dir()
    assert not library.problems
    assert [p for p in validate_library(library.folder) if p.severity == "error"] == []


def test_bundled_library_covers_the_common_police_ncnd_exemptions(library):
    ids = set(library.exemptions)
    assert {"shared", "s23(5)", "s24(2)", "s30(3)", "s31(3)", "s38(2)", "s40(5B)"} <= ids
    assert ids & {"s27(4)", "s43(3)"}
    for ex in ids:
        assert [p for p in library.paragraphs if p.exemption == ex], ex


def test_every_paragraph_has_a_known_role_and_placeholders(library):
    for p in library.paragraphs:
        assert p.role in ROLES
        assert set(p.placeholders) <= set(PLACEHOLDERS)
        assert p.version or p.approved


def test_no_force_name_left_in_the_library(library):
    for p in library.paragraphs:
        assert "West Midlands" not in p.text, p.id


def test_alias_maps_legacy_40_5_to_40_5b(library):
    assert library.canonical_exemption("s40(5)") == "s40(5B)"
    assert library.canonical_exemption("s24(2)") == "s24(2)"


def test_seed_paragraphs_are_in_the_library(library):
    """The seed's s24(2), s31(3) and shared paragraphs, corrected, are approved wording."""
    seed = shared_path("seed", "000_a7a05b5f3e6f79d7.txt").read_text(encoding="utf-8")
    for pid in ("s24-2.factor-against.mosaic", "s31-3.harm.information-assurance", "shared.conclusion"):
        text = library.get(pid).text
        assert text[:60] in " ".join(seed.split())


def test_default_dir_prefers_the_installed_package_then_the_repository():
    found = default_reference_dir()
    assert found is not None
    assert found in (ROOT / "ncnd_check" / "reference_texts", ROOT / "reference_texts")


def test_pyproject_ships_the_library_in_the_wheel():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = data["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force.get("reference_texts") == "ncnd_check/reference_texts"


def test_reference_dir_points_at_another_library(tmp_path):
    (tmp_path / "s24-2.toml").write_text(
        '[exemption]\nid = "s24(2)"\n[[paragraph]]\nid = "ours.harm"\nrole = "harm"\nrequired = true\nversion = 1\n'
        'text = "Our own approved harm paragraph about {subject} for {authority}."\n',
        encoding="utf-8",
    )
    lib = load_library(str(tmp_path))
    assert [p.id for p in lib.paragraphs] == ["ours.harm"]
    assert lib.links == []


def test_placeholder_problems():
    assert placeholder_problems("fine {authority} and {subject}") == []
    assert any("not balanced" in m for m in placeholder_problems("bad {authority and more"))
    assert any("not balanced" in m for m in placeholder_problems("bad authority} here"))
    assert any("unknown placeholder {force}" in m for m in placeholder_problems("the {force} said"))


BAD_PARAGRAPHS = """
[exemption]
id = "s24(2)"

[[paragraph]]
id = "dup"
role = "harm"
required = true
version = 1
text = "One."

[[paragraph]]
id = "dup"
role = "harm"
required = true
version = 1
text = "Two."

[[paragraph]]
id = "odd-role"
role = "argument"
required = "yes"
text = "Three {authority."

[[paragraph]]
id = "no-text"
role = "closing"
required = false
version = 1
"""

BAD_LINKS = """
[[superseded]]
url = "not a url at all"
replacement = "also not"
reason = "x"
since = "2020"

[[superseded]]
url = "example.org/old/"
match = "prefix"
replacement = "https://example.org/new"
reason = "moved"
since = "2021"

[[superseded]]
url = "("
match = "pattern"
reason = "broken"
since = "2021"

[https]
hosts = ["ok.example.org", "bad host"]
"""


def test_validate_reports_each_kind_of_problem(tmp_path):
    (tmp_path / "bad.toml").write_text(BAD_PARAGRAPHS, encoding="utf-8")
    (tmp_path / "links.toml").write_text(BAD_LINKS, encoding="utf-8")
    (tmp_path / "broken.toml").write_text("[exemption\nid=", encoding="utf-8")
    messages = [str(p) for p in validate_library(tmp_path)]
    text = "\n".join(messages)
    assert "duplicate id" in text
    assert "unknown role 'argument'" in text
    assert "required must be true or false" in text
    assert "missing field 'text'" in text
    assert "not balanced" in text
    assert "url 'not a url at all' is not a URL" in text
    assert "replacement 'also not' is not a URL" in text
    assert "pattern does not compile" in text
    assert "'bad host' is not a host name" in text
    assert "broken.toml" in text and "not valid TOML" in text
    assert not any("example.org/old/" in m and "error" in m for m in messages)


def test_loader_skips_bad_entries_but_keeps_good_ones(tmp_path):
    (tmp_path / "bad.toml").write_text(BAD_PARAGRAPHS, encoding="utf-8")
    lib = load_library(str(tmp_path))
    assert [p.id for p in lib.paragraphs] == ["dup"]
    assert lib.problems


def test_refs_validate_exit_codes(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["refs", "validate", str(ROOT / "reference_texts")])
    assert ok.exit_code == 0, ok.output
    assert "OK" in ok.output
    (tmp_path / "bad.toml").write_text(BAD_PARAGRAPHS, encoding="utf-8")
    bad = runner.invoke(cli, ["refs", "validate", str(tmp_path)])
    assert bad.exit_code == 1
    assert "duplicate id" in bad.output
    missing = runner.invoke(cli, ["refs", "validate", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2


def test_refs_validate_strict_fails_on_warnings(tmp_path):
    (tmp_path / "s1.toml").write_text(
        '[exemption]\nid = "s24(2)"\n[[paragraph]]\nid = "a"\nrole = "harm"\nrequired = true\ntext = "No version."\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["refs", "validate", str(tmp_path)]).exit_code == 0
    assert runner.invoke(cli, ["refs", "validate", "--strict", str(tmp_path)]).exit_code == 1
