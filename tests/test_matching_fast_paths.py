"""The fast paths in text folding, word keys and candidate look-up give the same answers as the plain versions.

Each optimisation in normalise.py and matching.py replaced a simple
implementation; the simple one is kept here as the oracle and compared on
generated text that mixes ASCII, smart quotes, odd spaces, placeholders,
list labels and citations.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from ncnd_check.analysis.placeholders import LIBRARY_PLACEHOLDER
from ncnd_check.wording.library import load_library
from ncnd_check.wording.matching import (
    _CITATION_SPACE,
    _LABEL,
    MAX_POSTINGS,
    QUERY_FEATURES,
    RELATIVE_HITS,
    Words,
    _trigrams,
    is_placeholder,
    words,
)
from ncnd_check.normalise import _TRANSLATE, normalise_for_matching

_SPACES = re.compile(r"\s+")
_KEY_DROP = re.compile(r"[^0-9a-z{}_]+")


def plain_normalise(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(_TRANSLATE))
    return _SPACES.sub(" ", text).strip()


def plain_words(text: str, strip_label: bool = True) -> Words:
    """Word by word, a regex each: the original implementation."""
    text = plain_normalise(text)
    if strip_label:
        text = _LABEL.sub("", text, count=1)
    text = _CITATION_SPACE.sub(r"\1(", text)
    text = LIBRARY_PLACEHOLDER.sub(r" \g<0> ", text)
    display, keys = [], []
    for word in text.split():
        key = word if LIBRARY_PLACEHOLDER.fullmatch(word) else _KEY_DROP.sub("", word.lower())
        if key:
            display.append(word)
            keys.append(key)
    return Words(display, keys)


def plain_trigrams(keys: list[str]) -> set[tuple[str, ...]]:
    plain = [k for k in keys if not is_placeholder(k)]
    if len(plain) < 3:
        return {tuple(plain)} if plain else set()
    return {tuple(plain[i : i + 3]) for i in range(len(plain) - 2)}


def plain_candidates(index, draft: Words, allowed, k: int) -> list[int]:
    """Every trigram sorted rarest first, a Counter, most_common: the original look-up."""
    grams = [g for g in plain_trigrams(draft.keys) if g in index.postings]
    if not grams:
        return []
    grams.sort(key=lambda g: (len(index.postings[g]), g))
    usable = [g for g in grams if len(index.postings[g]) <= MAX_POSTINGS][:QUERY_FEATURES] or grams[:3]
    hits: Counter[int] = Counter()
    for g in usable:
        hits.update(i for i in index.postings[g] if allowed is None or i in allowed)
    ranked = hits.most_common()
    if not ranked:
        return []
    least = max(1, int(ranked[0][1] * RELATIVE_HITS + 0.999))
    ranked = [kv for kv in ranked if kv[1] >= least]
    if len(ranked) > k:
        ranked = [kv for kv in ranked if kv[1] >= ranked[k - 1][1]]
    return [i for i, _ in sorted(ranked, key=lambda kv: (-kv[1], kv[0]))[:k]]


_PIECES = st.sampled_from(
    [
        "the", "Police", "force", "section", "24(2)", "24 (2)", "30 (3)", "(a)", "1.", "a)", "•", "-", "—",
        "{authority}", "{subject}", "{Bad", "x}", "{}", "’s", "“quoted”", "don't", "e.g.", "...", "…",
        "café", "ﬁle", "Σ", "K", "İ", "\u00a0", "\u200b", "\t", "\n", "  ", " ", ":", ";", "?", "12", "_x_",
    ]
)
TEXTS = st.lists(_PIECES, max_size=40).map(" ".join) | st.text(max_size=80)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_normalise_joins_whitespace_like_the_regex(text):
    assert normalise_for_matching(text) == plain_normalise(text)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.booleans())
def test_words_whole_text_keys_match_word_by_word_keys(text, strip_label):
    fast, plain = words(text, strip_label), plain_words(text, strip_label)
    assert (fast.display, fast.keys) == (plain.display, plain.keys)
    assert _trigrams(fast.keys) == plain_trigrams(plain.keys)


def test_placeholders_keep_their_case_and_punctuation_only_words_go():
    w = words("To {Authority}, – the “{subject}” … 24 (2) applies.", strip_label=False)
    assert w.keys == ["to", "{Authority}", "the", "{subject}", "242", "applies"]
    assert w.display == ["To", "{Authority}", "the", "{subject}", "24(2)", "applies."]


def test_candidates_match_the_plain_look_up_on_library_and_mixed_text():
    library = load_library(None)
    index = library.index()
    texts = [p.text for p in library.paragraphs]
    # Mixed paragraphs: halves of two approved ones, so ranks tie and trigrams exceed QUERY_FEATURES.
    texts += [a.text[: len(a.text) // 2] + " " + b.text[len(b.text) // 2 :] for a, b in zip(library.paragraphs, library.paragraphs[3:])]
    allowed_sets = [None, index.allowed_for(["s24(2)", "s31(3)"], library), index.allowed_for(["s23(5)"], library)]
    for text in texts:
        w = words(text)
        for allowed in allowed_sets:
            for k in (1, 3, 6):
                assert index.candidates(w, allowed, k) == plain_candidates(index, w, allowed, k)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.booleans())
def test_words_of_already_folded_text_match_words_of_the_raw_text(text, strip_label):
    folded = words(normalise_for_matching(text), strip_label, normalised=True)
    raw = words(text, strip_label)
    assert (folded.display, folded.keys) == (raw.display, raw.keys)


def test_identical_keys_give_one_equal_run_of_the_draft_words():
    from ncnd_check.wording.matching import compare

    c = compare(words("The “cat”, sat – quietly."), words("the cat sat quietly"))
    assert c.score == 100.0 and c.redline == [("equal", "the cat sat quietly")] and c.fillers == {}
    changed = compare(words("the cat sat quietly"), words("the cat sat loudly"))
    assert changed.redline == [("equal", "the cat sat"), ("delete", "quietly"), ("insert", "loudly")]
