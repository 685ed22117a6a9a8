"""The leak analysis's words, read once from ``data/leak_vocab.toml``.

Every list the clause test consults lives in that file; this module only
turns it into frozen sets so the code reads ``VOCAB.talk_verbs`` rather than
string literals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ncnd_check.data_files import load_toml

__all__ = ["Vocab", "inflections", "lemma_of", "surface_lemmas", "vocab"]


@dataclass(frozen=True)
class Vocab:
    predicate_kind: dict[str, str]  # lemma -> possess | use | locate | exist | withhold | attach
    show_verbs: frozenset[str]
    release_verbs: frozenset[str]
    frame_verbs: frozenset[str]
    talk_verbs: frozenset[str]
    talk_nouns: frozenset[str]
    modals: frozenset[str]
    condition_marks: frozenset[str]
    both_outcomes: frozenset[str]
    carry_on: frozenset[str]
    deny_heads: frozenset[str]
    holder_pronouns: frozenset[str]
    holder_possessives: frozenset[str]
    holder_nouns: frozenset[str]
    searches: frozenset[str]
    info_nouns: frozenset[str]
    specific: frozenset[str]
    request_words: frozenset[str]
    info_pronouns: frozenset[str]
    general: frozenset[str]
    abstract: frozenset[str]
    procedural: frozenset[str]
    show_subjects: frozenset[str]
    own_markers: frozenset[str]
    not_held_answers: frozenset[str]
    partitives: frozenset[str]
    roles: frozenset[str]
    request_verbs: frozenset[str]
    factual_marks: frozenset[str]
    frame_subjects: frozenset[str]
    figure_subjects: frozenset[str]
    figure_not_subjects: frozenset[str]
    available: frozenset[str]
    core_talk: frozenset[str]

    @property
    def cue_lemmas(self) -> frozenset[str]:
        """Every lemma that can start a leak: a sentence with none of them is not parsed."""
        return frozenset(self.predicate_kind) | self.show_verbs | self.release_verbs | self.available | {"exempt", "be"}


_IRREGULAR = {
    "hold": {"held"}, "keep": {"kept"}, "have": {"has", "had", "'ve"}, "find": {"found"}, "buy": {"bought"},
    "run": {"ran"}, "spend": {"spent"}, "send": {"sent"}, "show": {"shown"}, "be": {"is", "are", "was", "were", "'s", "'re"},
    "trial": {"trialled", "trialling", "trialed", "trialing"}, "install": {"installed", "installing", "instal"},
}


def inflections(lemma: str) -> set[str]:
    """The regular and listed irregular forms of a verb lemma: hold -> holds, held, holding."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    out = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d", lemma + "ed"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", lemma):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out | _IRREGULAR.get(lemma, set())


@cache
def surface_lemmas() -> dict[str, str]:
    """Inflected form -> the vocabulary's lemma, for tokens the tagger lemmatised oddly ("instal", "exists"/NNS)."""
    v = vocab()
    out: dict[str, str] = {}
    for lemma in sorted(set(v.predicate_kind) | v.show_verbs | v.release_verbs):
        for form in inflections(lemma):
            out.setdefault(form, lemma)
    return out


def lemma_of(tok) -> str:
    """The token's lemma in the vocabulary's terms."""
    lemma = tok.lemma_.lower()
    v = vocab()
    if lemma in v.predicate_kind or lemma in v.show_verbs or lemma in v.release_verbs:
        return lemma
    return surface_lemmas().get(tok.lower_, lemma)


@cache
def vocab() -> Vocab:
    raw = load_toml("data/leak_vocab.toml")
    s = lambda *path: frozenset(_dig(raw, path))  # noqa: E731
    kinds: dict[str, str] = {}
    for kind, lemmas in raw["predicates"].items():
        if kind in ("show", "release"):
            continue
        for lemma in lemmas:
            kinds.setdefault(lemma, kind)
    return Vocab(
        predicate_kind=kinds,
        show_verbs=s("predicates", "show"),
        release_verbs=s("predicates", "release"),
        frame_verbs=s("talk", "frame_verbs"),
        talk_verbs=s("talk", "verbs"),
        talk_nouns=s("talk", "nouns"),
        modals=s("scope", "modals"),
        condition_marks=s("scope", "condition_marks"),
        both_outcomes=s("scope", "both_outcomes"),
        carry_on=s("scope", "carry_on"),
        deny_heads=s("scope", "deny_heads"),
        holder_pronouns=s("holders", "pronouns"),
        holder_possessives=s("holders", "possessives"),
        holder_nouns=s("holders", "nouns"),
        searches=s("holders", "searches"),
        info_nouns=s("information", "nouns"),
        specific=s("information", "specific"),
        request_words=s("information", "request_words"),
        info_pronouns=s("information", "pronouns"),
        general=s("information", "general"),
        abstract=s("abstract", "nouns"),
        procedural=s("attachments", "procedural"),
        show_subjects=s("show_subjects", "nouns"),
        own_markers=s("show_subjects", "own_markers"),
        not_held_answers=s("answers", "not_held"),
        partitives=s("information", "partitives"),
        roles=s("holders", "roles"),
        request_verbs=s("information", "request_verbs"),
        factual_marks=s("scope", "factual_marks"),
        frame_subjects=s("talk", "frame_subjects"),
        figure_subjects=s("figures", "subjects"),
        figure_not_subjects=s("figures", "not_subjects"),
        available=s("figures", "available"),
        core_talk=s("talk", "core"),
    )


def _dig(raw: dict, path: tuple[str, ...]) -> list[str]:
    node = raw
    for key in path:
        node = node[key]
    return [w.lower() for w in node]
