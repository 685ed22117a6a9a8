"""The leak pre-check and token table (analysis/leaks.py) change speed, never verdicts.

find_leaks skips the classifier for a sentence with no cue word (and no bare
"not held" answer), and reads each block's tokens once into a table the
sentences slice. These tests hold both to what the classifier itself says.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest
from test_leaks import LEAKING, NOT_LEAKING

from ncnd_check.analysis import leaks
from ncnd_check.analysis.nlp import process
from ncnd_check.normalise import normalise_for_matching

SENTENCES = [text for _, text in LEAKING] + list(NOT_LEAKING) + [
    "Nil return.",
    "None.",
    "The cost was £12,500 in 2023.",
    "The total is 42.",
    "Is it held?",
    "Thank you for your request.",
    "Yours sincerely, Information Management Unit",
]


def _sentences(texts):
    for doc in process([normalise_for_matching(t) for t in texts]):
        table = leaks._Tokens.of(doc)
        for sent in doc.sents:
            yield doc, table, sent


def test_every_cue_list_of_the_data_file_is_in_the_pre_check():
    data = tomllib.loads(resources.files("ncnd_check.data").joinpath("leak_cues.toml").read_text("utf-8"))
    keys = ["possess_verbs", "use_verbs", "locate_verbs", "exist_verbs", "withhold_words", "release_verbs",
            "attach_words", "show_verbs"]
    for key in keys:
        assert {w.lower() for w in data[key]} <= leaks._cue_words(), key


@pytest.mark.parametrize("text", SENTENCES)
def test_a_sentence_the_pre_check_skips_is_never_a_leak(text):
    for _, table, sent in _sentences([text]):
        if not leaks._may_leak(table, sent.start, sent.end) and not leaks._is_answer(sent.text.strip()):
            assert not leaks.classify_span(sent).is_leak


def test_the_pre_check_keeps_every_leaking_example():
    for _, table, sent in _sentences([text for _, text in LEAKING]):
        if leaks.classify_span(sent).is_leak:
            assert leaks._may_leak(table, sent.start, sent.end) or leaks._is_answer(sent.text.strip())


def test_the_pre_check_skips_a_sentence_with_no_cue():
    [(_, table, sent)] = list(_sentences(["Thank you for your email of 3 May."]))
    assert not leaks._may_leak(table, sent.start, sent.end)


def test_token_table_matches_spacy_tokens():
    texts = SENTENCES + ["See s.24(2) and 23(5).  Two  spaces, etc. The end.", "(((( odd ))))", ""]
    for _, table, sent in _sentences(texts):
        s_table = leaks._build(sent, frozenset(), table)
        s_alone = leaks._build(sent, frozenset())
        tokens = list(sent)
        for s in (s_table, s_alone):
            assert s.text == sent.text
            assert s.texts == [t.text for t in tokens]
            assert s.words == [t.lower_ for t in tokens]
            assert s.punct == [t.is_punct for t in tokens]
            assert s.offsets == [t.idx - sent.start_char for t in tokens]
            assert [s.is_number(k) for k in range(len(tokens))] == [
                t.like_num or bool(re.fullmatch(r"\d[\d,.]*", t.text)) for t in tokens
            ]


def test_classify_span_with_and_without_the_table_agree():
    for _, table, sent in _sentences(SENTENCES):
        assert leaks.classify_span(sent, (), table) == leaks.classify_span(sent)
