"""TOML files: the package's own data, and the ones a user points us at.

Every data file the package ships (``law/statute.toml``,
``data/placeholders.toml``, ``analysis/sections.toml`` ...) is read here,
once per process; the modules that use one keep their own checks and their
conversion to typed values. The table returned is shared: do not change it.

A user's files (settings, a team's headings file, a reference library) are
read with :func:`read_toml_file`, which leaves wording the error to the
caller, which knows what the file was for.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["load_toml", "read_toml_file"]

#: The installed package's folder: the data files ship inside it (a plain path,
#: not importlib.resources, whose import costs every command ~7 ms at start-up).
_PACKAGE = Path(__file__).resolve().parent


@cache
def load_toml(name: str) -> dict[str, Any]:
    """A TOML file shipped in the package, named by its path under ``ncnd_check``: ``"law/statute.toml"``."""
    with open(_PACKAGE.joinpath(*name.split("/")), "rb") as fh:
        return tomllib.load(fh)


def read_toml_file(path: str | os.PathLike) -> dict[str, Any]:
    """A user's TOML file; OSError if it cannot be read, tomllib.TOMLDecodeError if it is not TOML."""
    with open(path, "rb") as fh:
        return tomllib.load(fh)
