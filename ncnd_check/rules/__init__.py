"""Rule families, one module each; importing this package registers them all."""

from __future__ import annotations

import importlib

#: The families, by module name; importing each registers its rules.
FAMILIES = (
    "structure",
    "factors",
    "exemptions",
    "conclusion",
    "wording",
    "links",
    "leaks",
    "residue",
    "hygiene",
)

for _family in FAMILIES:
    importlib.import_module(f"ncnd_check.rules.{_family}")
