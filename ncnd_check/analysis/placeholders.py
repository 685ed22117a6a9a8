"""Placeholders: what a template leaves for the drafter to fill in.

Two kinds. A library paragraph's own ``{name}`` (:data:`LIBRARY_PLACEHOLDER`),
which the matcher treats as one word and a fix fills in. And, in a draft,
anything that looks left unfilled (:func:`find_placeholders`): braces,
merge fields, ``[INSERT DATE]``, ``XX/XX/XXXX``, TBC, Word's "Click or tap
here to enter text." -- the cue words and stock filler are data
(``data/placeholders.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ncnd_check.analysis.spans import leftmost_longest
from ncnd_check.data_files import load_toml

__all__ = ["LIBRARY_PLACEHOLDER", "Placeholder", "find_placeholders", "looks_like_placeholder", "placeholder_data"]

#: A library placeholder, ``{authority}``; group 1 is its name.
LIBRARY_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@cache
def placeholder_data() -> dict:
    """data/placeholders.toml: cue words, bracketed words that are not placeholders, stock filler."""
    return load_toml("data/placeholders.toml")


@dataclass(frozen=True, slots=True)
class Placeholder:
    text: str
    start: int
    end: int
    #: brace | double-brace | merge-field | bracket | mask | date-mask | tbc | stock
    form: str
    #: the name inside braces, for brace forms
    name: str | None = None


_DOUBLE_BRACE = re.compile(r"\{\{\s*([^{}]{1,60}?)\s*\}\}")
_BRACE = re.compile(r"(?<!\{)\{\s*([A-Za-z_][\w .\-]{0,40}?)\s*\}(?!\})")
# Word merge fields show as «FirstName» (no spaces inside); French quotes « like this » are prose.
_MERGE = re.compile(r"<<\s*([^<>]{1,60}?)\s*>>|«([A-Za-z_][\w.-]{0,40}(?: [A-Za-z_][\w.-]{0,20}){0,2})»")
_BRACKET = re.compile(r"\[\s*([^\[\]]{1,80}?)\s*\]")
_MASK = re.compile(r"(?<![A-Za-z0-9])(?:[Xx]{1,4}[/.\-]){0,2}[Xx]{3,}(?![A-Za-z0-9])|(?<![A-Za-z0-9])(?:[Xx]{2}[/.\-]){2}[Xx]{2,4}(?![A-Za-z0-9])")
_DATE_MASK = re.compile(r"(?<![A-Za-z])[dD]{1,2}\s*[/.\-]\s*[mM]{1,2}\s*[/.\-]\s*[yY]{2,4}(?![A-Za-z])|(?<![A-Za-z])[mM]{2}\s*/\s*[yY]{4}(?![A-Za-z])")
_TBC = re.compile(r"(?<![A-Za-z])(?:TBC|TBA|TBD|TODO)(?![A-Za-z])|\?{3,}")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _bracket_is_placeholder(content: str) -> bool:
    data = placeholder_data()
    low = content.strip().lower()
    if not low or low in data.get("not_placeholders", ()):
        return False
    if re.fullmatch(r"[\d\s().,/&a-z]{0,3}|\d[\d\s().,/&-]*|s?\d+[A-Za-z]?(?:\(\w+\))*", low):
        return False  # [2024], [a], (1)(a) style references
    letters = re.sub(r"[^A-Za-z]", "", content)
    if len(letters) >= 2 and letters.isupper():
        return True
    words = set(_words(content))
    for cue in data.get("cue_words", ()):
        if (" " in cue and cue in low) or cue in words:
            return True
    return False


def find_placeholders(text: str) -> list[Placeholder]:
    """Placeholders in one block's text as written, in order, not overlapping."""
    found: list[Placeholder] = []
    for m in _DOUBLE_BRACE.finditer(text):
        found.append(Placeholder(m.group(0), m.start(), m.end(), "double-brace", m.group(1).strip()))
    for m in _BRACE.finditer(text):
        found.append(Placeholder(m.group(0), m.start(), m.end(), "brace", m.group(1).strip()))
    for m in _MERGE.finditer(text):
        found.append(Placeholder(m.group(0), m.start(), m.end(), "merge-field", (m.group(1) or m.group(2)).strip()))
    for m in _BRACKET.finditer(text):
        if _bracket_is_placeholder(m.group(1)):
            found.append(Placeholder(m.group(0), m.start(), m.end(), "bracket"))
    low = text.lower()
    # Each of these patterns opens with a look-behind, so the regex engine tries
    # every position; run one only when the literal it cannot match without is there.
    for pattern, form, needed in (
        (_MASK, "mask", "xx" in low),
        (_DATE_MASK, "date-mask", "yy" in low),
        (_TBC, "tbc", "TB" in text or "TODO" in text or "???" in text),
    ):
        if not needed:
            continue
        for m in pattern.finditer(text):
            found.append(Placeholder(m.group(0), m.start(), m.end(), form))
    for filler in placeholder_data().get("stock_filler", ()):
        pos = low.find(filler.lower())
        if pos >= 0:
            found.append(Placeholder(text[pos : pos + len(filler)], pos, pos + len(filler), "stock"))
    return list(leftmost_longest(found))


def looks_like_placeholder(text: str) -> bool:
    """For highlighted runs: is this filler rather than real wording?"""
    stripped = text.strip()
    if not stripped:
        return False
    if find_placeholders(stripped):
        return True
    letters = re.sub(r"[^A-Za-z]", "", stripped)
    if len(letters) >= 3 and letters.isupper() and len(stripped.split()) <= 6:
        return True  # FORCE NAME, INSERT DATE
    words = set(_words(stripped))
    return bool(words & {"insert", "enter", "tbc", "tba"})
