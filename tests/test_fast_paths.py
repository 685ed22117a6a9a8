"""Shortcuts taken for speed give what the slow way gives (citations, subject topics, authorities)."""

from __future__ import annotations

import pytest

from ncnd_check.analysis import citations, subject
from ncnd_check.analysis.nlp import process

TEXTS = [
    "",
    "abc",
    "Section 24(2) and s.23(5) apply.  Two  spaces here, etc. The end. ",
    "a² is not a citation",
    "٣ is an Arabic-Indic digit",
    "To confirm or deny whether the force uses ANPR cameras would reveal its capability.",
    "Confirmation of the existence of covert surveillance equipment would harm law enforcement.",
    "Information about the deployment of drones is sensitive.",
    "Thank you for your request.",
    "Disclosing whether the force holds records on Operation X would help criminals.",
    "REVEAſING whether the force uses drones",  # IGNORECASE takes "ſ" for "s"; str.lower() does not
]


@pytest.mark.parametrize("text", TEXTS)
def test_has_digit_is_isdigit_of_any_character(text):
    assert citations.has_digit(text) == any(ch.isdigit() for ch in text)


@pytest.mark.parametrize("text", TEXTS)
def test_doc_text_from_the_token_table_is_doc_text(text):
    [doc] = process([text])
    assert citations._doc_text(doc) == doc.text == text


@pytest.mark.parametrize("text", TEXTS)
def test_topic_phrases_equal_an_unguarded_search(text):
    slow = []
    for pattern, _ in subject._TOPIC_PATTERNS:
        slow.extend(m.group("object") for m in pattern.finditer(text))
    fast = subject.topic_phrases(text)
    # Every phrase found comes from some match, and a text with a match is never skipped.
    assert bool(fast) <= bool(slow)
    for pattern, needed in subject._TOPIC_PATTERNS:
        if pattern.search(text):
            assert subject._may_match(text, text.lower(), needed)


def test_topic_phrases_still_finds_the_object():
    [topic] = subject.topic_phrases("To confirm or deny whether the force uses ANPR cameras would reveal its capability.")
    assert "ANPR cameras" in topic.phrase


def _authority_spellings():
    from ncnd_check.analysis.authorities import authorities

    for authority in authorities():
        for alias in (authority.name, *authority.aliases):
            yield from (
                f"We wrote to {alias} today.",
                f"{alias.upper()} said so.",
                f"the {alias.replace(' ', '-')}'s view",
                alias.replace("'", "\u2019"),
                alias.lower(),
                alias.replace(" and ", " & "),
            )


def _mentions_by_the_full_patterns(text: str) -> list[tuple[str, int, int]]:
    """What find_mentions gave before its key-word shortcut: both full alternations, always."""
    from ncnd_check.analysis import authorities as a

    found = []
    for pattern in a._full_patterns():
        for m in pattern.finditer(text):
            authority = a._lookup(m.group(0))
            if authority is not None:
                found.append((authority.name, m.start(), m.end()))
    found.sort(key=lambda x: (x[1], -(x[2] - x[1])))
    out = []
    for mention in found:
        if out and mention[1] < out[-1][2]:
            continue
        out.append(mention)
    return out


def test_the_authority_key_word_shortcut_finds_what_the_full_patterns_find():
    from ncnd_check.analysis.authorities import find_mentions

    named = 0
    extra = ["Eſſex Police said", "KENT POLICE and the ICO", "Thames Valley Police / TVP", "the Met & MPS"]
    for text in [*_authority_spellings(), *TEXTS, *extra]:
        expected = _mentions_by_the_full_patterns(text)
        assert [(m.authority.name, m.start, m.end) for m in find_mentions(text)] == expected, text
        named += bool(expected)
    assert named > 300
