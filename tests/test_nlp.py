"""The one pipeline: sentences that survive legal abbreviations, tokens that keep 24(2) whole."""

from __future__ import annotations

import functools
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncnd_check.analysis.nlp import get_nlp, process


def sentences(text: str) -> list[str]:
    return [s.text for s in get_nlp()(text).sents]


def tokens(text: str) -> list[str]:
    return [t.text for t in get_nlp().make_doc(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The force relies on s. 23(5). It is absolute.",
        "See No. 5 in the list for details. Then reply.",
        "Some factors, e.g. a public debate, favour confirmation. Others do not.",
        "That is, i.e. the duty to confirm or deny, is excluded. So we refuse.",
        "See Sect. 24 and para. 3 of the notice. Then reply.",
        "Under ss. 23(5) and 24(2) we refuse. That ends it.",
        "Under Sec. 31(3) we refuse. That ends it.",
        "It would expose passwords, etc., to attack. That is the harm.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert len(sentences(text)) == 2, sentences(text)


def test_s_23_5_sentence_kept_whole() -> None:
    assert sentences("The force relies on s. 23(5). It is absolute.")[0] == "The force relies on s. 23(5)."


def test_bracketed_paragraph_is_not_a_boundary() -> None:
    text = "A refusal notice must (a) state that fact, (b) specify the exemption. It must also say why."
    assert sentences(text) == [
        "A refusal notice must (a) state that fact, (b) specify the exemption.",
        "It must also say why.",
    ]


def test_ordinary_sentences_split() -> None:
    assert sentences("The public has a right to know. The police must protect sources! Is that fair?") == [
        "The public has a right to know.",
        "The police must protect sources!",
        "Is that fair?",
    ]


def test_etc_then_capital_ends_the_sentence() -> None:
    assert sentences("Servers, laptops, etc. The force holds them.") == [
        "Servers, laptops, etc.",
        "The force holds them.",
    ]


def test_abbreviation_at_the_end_of_a_sentence_still_ends_it() -> None:
    assert sentences("Was it held? The answer is no. The force explains why.") == [
        "Was it held?",
        "The answer is no.",
        "The force explains why.",
    ]
    assert len(sentences("Quote Ref No. FOI/123/24 in any reply. Thank you.")) == 2
    assert len(sentences("Logs (servers, laptops, etc.) are held. Thank you.")) == 2


def test_a_full_stop_after_a_url_ending_in_a_slash_ends_the_sentence() -> None:
    assert sentences("See https://ico.org.uk/for-organisations/. Then reply.") == [
        "See https://ico.org.uk/for-organisations/.",
        "Then reply.",
    ]
    assert "https://ico.org.uk/for-organisations/" in tokens("See https://ico.org.uk/for-organisations/.")


def test_list_label_stays_with_its_sentence() -> None:
    assert sentences("1. The public are entitled to know. They are.") == [
        "1. The public are entitled to know.",
        "They are.",
    ]


@pytest.mark.parametrize(
    "text, token",
    [
        ("Section 24(2).", "24(2)"),
        ("Section 40(5B)(a)(i),", "40(5B)(a)(i)"),
        ("section 1(1)(a)", "1(1)(a)"),
        ("under s.24(2) today", "s.24(2)"),
        ("S31(3)(a) applies", "S31(3)(a)"),
        ("(Section 22A(2))", "22A(2)"),
        ("sections 24(2)/31(3)", "24(2)/31(3)"),
        ("17(1) & (4), of", "(4)"),
        ("ss.23(5) and", "ss.23(5)"),
        ("Section 24(2)-National Security", "24(2)"),
        ("Section 24(2)/Section 31(3)", "24(2)"),
        ("Section 24(2)and", "24(2)"),
    ],
)
def test_citation_numbers_stay_whole(text: str, token: str) -> None:
    assert token in tokens(text)


def test_bracketed_words_are_not_bracket_groups() -> None:
    assert tokens("(NCND) (ICO) (sic)") == ["(", "NCND", ")", "(", "ICO", ")", "(", "sic", ")"]
    assert tokens("(a) (iv) (ab)") == ["(a)", "(iv)", "(ab)"]


def test_ordinary_numbers_are_tokenized_as_usual() -> None:
    assert tokens("\u00a324,000 on 24/07/2024 (2018) at 3.5%") == [
        "\u00a3", "24,000", "on", "24/07/2024", "(", "2018", ")", "at", "3.5", "%"
    ]


def test_pipeline_is_built_once_and_process_runs_it() -> None:
    assert get_nlp() is get_nlp()
    assert get_nlp().pipe_names == ["sentencizer", "ncnd_sentence_fixes"]
    docs = process(["One. Two.", "", "Three"])
    assert [len(list(d.sents)) for d in docs] == [2, 0, 1]


def test_importing_the_module_does_not_import_spacy() -> None:
    code = "import sys, ncnd_check.analysis.nlp, ncnd_check.analysis.citations, ncnd_check.law; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# Words that hold none of what the tokenizer was taught (citations, bracket
# groups, the abbreviations): on these it must cut exactly as spaCy's English does.
ORDINARY = [
    "The", "force's", '"quoted"', "(see", "above)", "well-known", "\u00a35,000", "10%", "e-mail",
    "...", "Hello!", "what?", "((((", "))))", "'single'", "U.K.", "don't", "can't", "5km",
    "co-operate", "x/y", "a.m.", "1990s", "24/7", "[note]", "{x}", "--", "Mr.", "St.", "Jan.",
    "http://example.org/page", "www.police.uk", "name@example.org", ":-)", "a;b", "end.",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ORDINARY), min_size=1, max_size=12))
def test_ordinary_text_is_tokenized_as_spacy_english(words) -> None:
    text = " ".join(words)
    assert tokens(text) == [t.text for t in _plain_english().make_doc(text)]


def test_long_bracket_runs_tokenize_like_spacy_english() -> None:
    for text in ("(" * 300 + "1", ")" * 300, "(" * 100 + "word" + ")" * 100):
        assert tokens(text) == [t.text for t in _plain_english().make_doc(text)]


@functools.cache
def _plain_english():
    import spacy

    return spacy.blank("en")
