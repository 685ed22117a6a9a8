"""Whose wording a library is, and whether a draft is being measured against someone else's.

The bundled library is one force's wording (its ``library.toml`` says whose).
A draft from another authority, checked with no library of its own
configured (no ``reference-dir``), would be told its own approved complaint
paragraph "differs from approved wording" and that its own NCND statement is
"missing". The wording rules ask :func:`foreign_default_library` first and,
when it answers, say once that no library of the draft's own is configured
and how to learn one, instead of reporting against the default.
"""

from __future__ import annotations

from dataclasses import dataclass

from ncnd_check.analysis.authorities import resolve, same_authority


@dataclass(frozen=True, slots=True)
class Mismatch:
    library_authority: str
    draft_authority: str


def foreign_default_library(library, settings, analysis) -> Mismatch | None:
    """A Mismatch when the library is the default one, it is another authority's, and the draft's authority is known."""
    if getattr(settings, "reference_dir", None) or not getattr(library, "authority", None):
        return None

    draft = resolve(settings.authority) if getattr(settings, "authority", None) else analysis.responder
    if draft is None:
        return None
    owner = resolve(library.authority)
    if same_authority(owner, draft):
        return None
    return Mismatch(library.authority, draft.name)


def learn_hint(draft_authority: str) -> str:
    return (
        f'Learn a library from {draft_authority}\'s own templates or sent letters: '
        f'`ncnd-check refs learn LETTERS/ --output reference_texts --authority "{draft_authority}"`, '
        'then set reference-dir = "reference_texts" in ncnd-check.toml (or pass --reference-dir).'
    )
