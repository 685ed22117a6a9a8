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

from ncnd_check.errors import ConfigError
from ncnd_check.settings import Settings

CONFIG_NAMES = ("ncnd-check.toml", "pyproject.toml")


def find_config(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest ncnd-check.toml, or pyproject.toml with a [tool.ncnd-check] table."""
    here = Path(start or os.getcwd()).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and "ncnd-check" not in _read_toml(candidate).get("tool", {}):
                    continue
                return candidate
    return None


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
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


def settings_from_table(table: dict, base: Settings | None = None, origin: str = "settings") -> Settings:
    """Apply a settings table (names with - or _) to ``base``."""
    settings = base or Settings()
    changes = {}
    defaults = Settings()
    for raw_name, value in table.items():
        name = raw_name.replace("-", "_")
        if name not in _FIELDS:
            raise ConfigError(f"{origin}: unknown setting {raw_name!r}")
        changes[name] = _check_type(raw_name, value, getattr(defaults, name))
    return settings.copy(**changes)


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
    return settings.copy(**(flags or {}))
