"""Settings files: ``[tool.ncnd-check]`` in pyproject.toml, or ncnd-check.toml.

The nearest file walking up from the checked path (or the working folder)
wins; command-line flags win over it. A setting with a wrong name or type is
a :class:`ConfigError` that names it.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from pathlib import Path

from ncnd_check.data_files import read_toml_file
from ncnd_check.errors import ConfigError
from ncnd_check.findings import SEVERITIES
from ncnd_check.settings import Settings

CONFIG_NAMES = ("ncnd-check.toml", "pyproject.toml")


def find_config(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest ncnd-check.toml, or pyproject.toml with a [tool.ncnd-check] table."""
    try:
        here = Path(start or os.getcwd()).resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop: look from where the link is
        here = Path(os.path.abspath(start or os.getcwd()))
    if not _is_dir(here):
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if _is_file(candidate):
                if name == "pyproject.toml" and "ncnd-check" not in _read_toml(candidate).get("tool", {}):
                    continue
                return candidate
    return None


def _is_file(path: Path) -> bool:
    """Path.is_file, but a folder we may not look into has no settings file (not a traceback)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _read_toml(path: Path) -> dict:
    try:
        return read_toml_file(path)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc}") from None


def table_from(path: Path) -> dict:
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        return data.get("tool", {}).get("ncnd-check", {})
    return data


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _check_type(name: str, value, default):
    kind = type(default)
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, list):
        if isinstance(value, str):
            value = [value]
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif isinstance(default, dict):
        ok = isinstance(value, dict)
    elif default is None:
        ok = isinstance(value, str)
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise ConfigError(f"setting {name!r} has the wrong type: {value!r}")
    return value


#: Settings whose value must be one of a fixed list.
CHOICES = {
    "fail_on": ("error", "warning", "info"),
    "format": ("text", "json", "sarif", "junit", "github"),
    "mode": ("letter", "template"),
}
#: Settings that are a percentage.
PERCENTAGES = ("wording_threshold", "wording_accept")


def _check_value(raw_name: str, name: str, value) -> None:
    """Values a type check lets through but that make no sense."""
    if name in CHOICES and value not in CHOICES[name]:
        raise ConfigError(f"setting {raw_name!r} must be one of {', '.join(CHOICES[name])}, not {value!r}")
    if name in PERCENTAGES and not 0 <= value <= 100:
        raise ConfigError(f"setting {raw_name!r} must be between 0 and 100, not {value!r}")
    if name == "severity":
        for code, level in value.items():
            if level not in SEVERITIES:
                raise ConfigError(f"setting {raw_name!r}: {code} = {level!r} is not one of {', '.join(SEVERITIES)}")
    if name == "per_file_ignores":
        for glob, codes in value.items():
            if isinstance(codes, str):
                codes = [codes]
            if not (isinstance(codes, list) and all(isinstance(c, str) for c in codes)):
                raise ConfigError(f"setting {raw_name!r}: {glob!r} must list rule codes, prefixes or categories")
    if name in ("jobs", "max_file_size", "max_part_size", "max_zip_entries", "link_timeout") and value <= 0:
        raise ConfigError(f"setting {raw_name!r} must be above 0, not {value!r}")


def settings_from_table(table: dict, base: Settings | None = None, origin: str = "settings") -> Settings:
    """Apply a settings table (names with - or _) to ``base``."""
    settings = base or Settings()
    changes = {}
    defaults = Settings()
    for raw_name, value in table.items():
        name = raw_name.replace("-", "_")
        if name not in _FIELDS:
            raise ConfigError(f"{origin}: unknown setting {raw_name!r}")
        try:
            value = _check_type(raw_name, value, getattr(defaults, name))
            _check_value(raw_name, name, value)
        except ConfigError as exc:
            raise ConfigError(f"{origin}: {exc}") from None
        if name == "per_file_ignores":
            value = {glob: [codes] if isinstance(codes, str) else list(codes) for glob, codes in value.items()}
        changes[name] = value
    return settings.copy(**changes)


def resolve_rule_names(settings: Settings) -> Settings:
    """Check every rule selector names some rule, and spread severity overrides to codes.

    ``severity = {wording-deviation = "warning"}`` or ``{NCND3 = "info"}`` sets
    every rule the selector names; an exact code set later wins over a prefix.
    """
    from ncnd_check.rules.registry import all_rules, matches_selector  # every rule module: only when asked

    rules = all_rules()

    def check(selector: str, where: str) -> list:
        named = [r for r in rules.values() if matches_selector(r, selector)]
        if not named and selector.strip().upper() != "ALL":
            raise ConfigError(f"{where}: {selector!r} names no rule (a code, a code prefix, a category or ALL)")
        return named

    for sel in settings.select:
        check(sel, "select")
    for sel in settings.ignore:
        check(sel, "ignore")
    for glob, codes in settings.per_file_ignores.items():
        for sel in codes:
            check(sel, f"per-file-ignores {glob!r}")
    severity: dict[str, str] = {}
    # Broad selectors first, so a full code overrides its prefix or category.
    for sel, level in sorted(settings.severity.items(), key=lambda kv: kv[0] in rules):
        for r in check(sel, "severity"):
            severity[r.code] = level
    return settings.copy(severity=severity)


def anchor_globs(per_file_ignores: dict, folder: Path) -> dict:
    """Globs with a folder in them also match relative to the settings file's folder.

    ``"drafts/legacy/*.docx"`` in /repo/pyproject.toml then matches
    /repo/drafts/legacy/a.docx whichever folder ncnd-check runs from.
    """
    out = dict(per_file_ignores)
    for glob, codes in per_file_ignores.items():
        if "/" in glob and not glob.startswith(("*", "/")):
            anchored = (folder.resolve() / glob).as_posix()
            out.setdefault(anchored, codes)
    return out


def load_settings(
    flags: dict | None = None,
    config_file: str | None = None,
    isolated: bool = False,
    start: str | None = None,
) -> Settings:
    settings = Settings()
    if not isolated:
        path = Path(config_file) if config_file else find_config(start if start and start != "-" else None)
        if config_file and not Path(config_file).is_file():
            raise ConfigError(f"--config {config_file}: no such file")
        if path is not None:
            settings = settings_from_table(table_from(path), settings, origin=str(path))
            if settings.reference_dir and not os.path.isabs(settings.reference_dir):
                settings.reference_dir = str((path.parent / settings.reference_dir).resolve())
            if settings.headings_file and not os.path.isabs(settings.headings_file):
                settings.headings_file = str((path.parent / settings.headings_file).resolve())
            settings.per_file_ignores = anchor_globs(settings.per_file_ignores, path.parent)
    for name, value in (flags or {}).items():
        _check_value(name.replace("_", "-"), name, value)
    settings = settings.copy(**(flags or {}))
    check_headings_file(settings.headings_file)
    return settings


def check_headings_file(path: str | None) -> None:
    """A house-style headings file must exist and compile, or it is a settings error (exit 2)."""
    if not path:
        return
    if not Path(path).is_file():
        raise ConfigError(f"setting 'headings-file': no such file {path}")
    from ncnd_check.analysis.structure import load_section_rules  # the analysis package: only for a headings file

    try:
        load_section_rules(path)
    except Exception as exc:  # TOML syntax, a bad regular expression, a missing key
        raise ConfigError(f"setting 'headings-file': {path} is not a valid headings file: {type(exc).__name__}: {exc}") from None


def settings_for(path: str | os.PathLike | None = None, config_file: str | None = None, isolated: bool = False, **flags) -> Settings:
    """The settings the CLI would use for ``path``: the nearest settings file, then ``flags``.

    For the Python API: ``check_file(p, settings_for(p, authority="Kent Police"))``
    gives what ``ncnd-check check p --authority "Kent Police"`` reports.
    """
    settings = load_settings(flags, config_file=config_file, isolated=isolated, start=str(path) if path else None)
    return resolve_rule_names(settings)
