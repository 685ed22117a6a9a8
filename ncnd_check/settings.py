"""Settings: every knob a user can turn, with its default.

Loaded from ``[tool.ncnd-check]`` in pyproject.toml or from ncnd-check.toml by
:mod:`ncnd_check.config`; command-line flags win. Kept free of heavy imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MB = 1024 * 1024


@dataclass(slots=True)
class Settings:
    #: The authority that should be sending the response ("West Midlands Police").
    authority: str | None = None
    #: An approved-wording library to use instead of the bundled one.
    reference_dir: str | None = None
    #: A house-style copy of the package's analysis/sections.toml: the heading
    #: wording that maps to each canonical section (used instead of the bundled one).
    headings_file: str | None = None
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    #: glob -> codes/prefixes/categories ignored in files matching it.
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    #: code -> severity override.
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    format: str = "text"
    #: "letter" (a response to send) or "template" (a template repository).
    mode: str = "letter"
    #: Similarity (0-100) at or above which a paragraph counts as the approved one.
    wording_threshold: float = 70.0
    #: Similarity at or above which an aligned paragraph is identical enough to pass.
    #: 100: any changed word is reported (case, punctuation, spacing and
    #: placeholders never count); 97 or 99 let one-word changes in long
    #: paragraphs through (measured: tests/measure_wording.py).
    wording_accept: float = 100.0
    check_links_online: bool = False
    link_timeout: float = 5.0
    link_cache_dir: str | None = None
    #: Seconds an online link-check answer is reused from the cache (one day).
    link_cache_ttl: float = 86400.0
    #: Treat s40(5B) as qualified (Dunhill v IC 2025) and require a public-interest test.
    pit_for_40_5b: bool = False
    max_file_size: int = 25 * MB
    max_part_size: int = 50 * MB
    max_compression_ratio: float = 200.0
    max_zip_entries: int = 5000
    jobs: int = 1

    def copy(self, **changes) -> "Settings":
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return Settings(**values)
