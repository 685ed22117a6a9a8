"""The one reader of the package's TOML data files and of a user's TOML file."""

from __future__ import annotations

import tomllib

import pytest

from ncnd_check.data_files import load_toml, read_toml_file


def test_package_files_load_once():
    assert load_toml("law/statute.toml")["schema"] == 1
    assert load_toml("data/placeholders.toml") is load_toml("data/placeholders.toml")
    assert "harm" in load_toml("analysis/content_cues.toml")


def test_user_file_errors_are_left_to_the_caller(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text('a = 1\n', encoding="utf-8")
    assert read_toml_file(good) == {"a": 1}
    bad = tmp_path / "bad.toml"
    bad.write_text("a = \n", encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        read_toml_file(bad)
    with pytest.raises(OSError):
        read_toml_file(tmp_path / "missing.toml")
