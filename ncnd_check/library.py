"""The approved-wording library. PLACEHOLDER until the library lands."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Library:
    paragraphs: list = field(default_factory=list)
    links: list = field(default_factory=list)


def load_library(reference_dir: str | None = None) -> Library:
    return Library()
