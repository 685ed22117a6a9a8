"""Remembering work by text (ncnd_check.memo) changes speed, never results.

Template wording repeats within a letter and across a disclosure log, so
what a block's text holds (its facts: sentences, citations, mentions, words,
and each sentence's parse and leak verdicts) is kept in one bounded memo.
These tests hold the memos to three promises: they are bounded, a remembered
result is the one the work would give again, and a verdict that depends on
the request's subject is never reused for another subject.
"""

from __future__ import annotations

import pytest

from ncnd_check import memo
from ncnd_check.analysis import analyse, facts, leaks, nlp
from ncnd_check.memo import Recent, forget_all
from ncnd_check.readers.text import read_text_str


def test_recent_keeps_at_most_its_size_dropping_the_least_recently_used():
    memo = Recent(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # "a" is now the most recent
    memo.put("c", 3)
    assert len(memo) == 2
    assert memo.get("b") is None
    assert memo.get("a") == 1 and memo.get("c") == 3
    assert memo.get("missing", "default") == "default"


def test_recent_stores_falsy_values():
    memo = Recent(4)
    memo.put("empty", ())
    assert memo.get("empty", None) == ()


def test_a_repeated_block_text_gets_the_same_facts_and_the_order_is_kept():
    texts = ["The force holds records.", "Section 24(2) applies.", "The force holds records."]
    found = facts.facts_for(texts)
    assert [f.text for f in found] == texts
    assert found[0] is found[2]
    assert facts.block_facts(texts[0]) is found[0]
    assert [c.id for c in found[1].citations] == ["s24(2)"]


def test_a_sentence_shared_by_two_blocks_is_one_record():
    one, two = facts.facts_for(["Nothing is confirmed. The force holds records.", "The force holds records. Thank you."])
    assert one.sentences[1].facts is two.sentences[0].facts
    assert one.sentences[1].text == "The force holds records."


def test_facts_are_what_the_pipeline_gives_whether_remembered_or_not():
    text = "The force neither confirms nor denies it holds the information, by virtue of section 31(3). It is sorry."
    forget_all()
    fresh = facts.block_facts(text)
    remembered = facts.block_facts(text)
    forget_all()
    again = facts.block_facts(text)
    assert remembered is fresh and again is not fresh
    assert [(s.start, s.end, s.text) for s in again.sentences] == [(s.start, s.end, s.text) for s in fresh.sentences]
    assert again.citations == fresh.citations
    [doc] = nlp.process([text])
    assert [s.text.strip() for s in doc.sents] == [s.text for s in fresh.sentences]


def test_memos_stay_within_their_bounds_however_many_texts_are_seen():
    forget_all()
    texts = [f"Sentence number {i} of draft {i % 7}." for i in range(memo.PARAGRAPHS + 50)]
    found = facts.facts_for(texts)
    assert [f.text for f in found] == texts
    assert 0 < memo.entries() <= memo.capacity()
    # An evicted text is read again, to the same sentences.
    assert [s.text for s in facts.block_facts(texts[0]).sentences] == [s.text for s in found[0].sentences]


def _leaks(text: str, subject: str | None) -> list[str]:
    analysis = analyse(read_text_str(text))
    return [(s.text, s.verdict.label) for s in leaks.find_leaks(analysis, subject=subject)]


@pytest.mark.parametrize("order", [("drone logs", "body worn video"), ("body worn video", "drone logs")])
def test_a_verdict_that_depends_on_the_subject_is_not_reused_for_another(monkeypatch, order):
    forget_all()
    draft = "We have drone logs for 2023.\n\nBody worn video footage is retained for 31 days.\n"
    expected = {
        "drone logs": [("We have drone logs for 2023.", "held")],
        "body worn video": [("Body worn video footage is retained for 31 days.", "held")],
    }
    for subject in order:
        assert _leaks(draft, subject) == expected[subject]
    # With no subject known, a specific thing the responder says it has counts; a bare passive does not.
    assert _leaks(draft, None) == [("We have drone logs for 2023.", "held")]


def test_remembered_verdicts_equal_fresh_ones(monkeypatch):
    draft = (
        "The force holds body worn video footage. It is retained for 31 days.\n\n"
        "The force can neither confirm nor deny that it holds the information.\n\n"
        "Nil return.\n"
    )
    first = _leaks(draft, "body worn video footage")
    second = _leaks(draft, "body worn video footage")  # from the memos
    forget_all()
    assert first == second == _leaks(draft, "body worn video footage")
    assert first  # the draft does leak


def test_forget_all_empties_every_memo():
    analyse(read_text_str("The force holds records of the policies.\n\nSection 24(2) applies.\n"))
    assert memo.entries() > 0
    forget_all()
    assert memo.entries() == 0


def test_a_draft_checks_the_same_with_and_without_its_memos():
    from ncnd_check.engine import check_text
    from ncnd_check.memo import forget_all

    draft = (
        "Request\n\nYou asked whether Kent Police uses drones.\n\n"
        "Response\n\nKent Police can neither confirm nor deny that it holds the information, "
        "by virtue of section 24(2) and section 31(3). The force holds drone logs.\n"
    )
    forget_all()
    cold = [(f.rule, f.message) for f in check_text(draft).findings]
    warm = [(f.rule, f.message) for f in check_text(draft).findings]
    assert cold == warm and cold


def _docx_with_styles(styles_xml: bytes | None = None) -> bytes:
    from docx_factory import build_docx, docx_parts, heading, paragraph, zip_parts

    data = build_docx(heading("Public Interest Test") + paragraph("The force neither confirms nor denies."))
    if styles_xml is None:
        return data
    parts = docx_parts(data)
    parts["word/styles.xml"] = styles_xml
    return zip_parts(parts)


def test_a_styles_part_read_before_gives_the_same_headings():
    from ncnd_check.readers import read_bytes

    first = read_bytes(_docx_with_styles(), "a.docx")
    again = read_bytes(_docx_with_styles(), "b.docx")  # same styles part: remembered Styles
    assert [(b.kind, b.text) for b in again.blocks] == [(b.kind, b.text) for b in first.blocks]
    assert first.blocks[0].kind == "heading"


def test_a_styles_part_with_a_doctype_is_refused_even_after_the_same_styles_were_read():
    from docx_factory import docx_parts

    from ncnd_check.errors import InputError
    from ncnd_check.readers import read_bytes

    benign = _docx_with_styles()
    read_bytes(benign, "benign.docx")
    styles = docx_parts(benign)["word/styles.xml"]
    body = styles.split(b"?>", 1)[1] if styles.startswith(b"<?xml") else styles
    hostile = b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY x "y">]>' + body
    with pytest.raises(InputError) as info:
        read_bytes(_docx_with_styles(hostile), "hostile.docx")
    assert info.value.kind == "unsafe" and "DOCTYPE" in info.value.message


def test_a_long_draft_keeps_no_more_sentence_records_than_the_memo_bound():
    # A draft's analysis holds every block's facts, but a sentence's record lives in the
    # memo only: a draft of thousands of distinct sentences must not keep one for each.
    import gc

    forget_all()
    count = memo.SENTENCES + 1500
    draft = "\n\n".join(f"Paragraph {i} says that the force would weigh the harm, case {i}." for i in range(count))
    analysis = analyse(read_text_str(draft))
    assert len(analysis.sentences) == count
    gc.collect()
    alive = sum(1 for o in gc.get_objects() if type(o) is facts.SentenceFacts)
    assert alive <= memo.SENTENCES
    # Every sentence still answers, its record made again from the memo when it was let go.
    assert [s.facts.text for s in analysis.sentences[:3]] == [s.text for s in analysis.sentences[:3]]


def test_a_block_record_is_kept_by_the_text_as_written_and_reads_the_folded_text():
    curly = facts.block_facts("Dear [Name], the force\u2019s reply to FOI/XXXX under section 24(2).")
    straight = facts.block_facts("Dear [Name], the force's reply to FOI/XXXX under section 24(2).")
    assert curly is not straight and curly.norm == straight.norm == straight.text
    # Placeholders quote the letter as written; citations are found in the folded text.
    assert [p.text for p in curly.placeholders] == ["[Name]", "XXXX"]
    assert [c.id for c in curly.citations] == [c.id for c in straight.citations] == ["s24(2)"]
