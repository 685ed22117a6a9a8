"""The Analysis is frozen and complete: rules read its parts, which are built once."""

from __future__ import annotations

import dataclasses

import pytest

from ncnd_check.analysis import analyse
from ncnd_check.engine import check_document, get_library
from ncnd_check.readers import read_bytes
from ncnd_check.settings import Settings

DRAFT = """Freedom of Information Request Reference No: 123/26

Your request: Do you use drones to watch the Fernbank Lane site?

West Midlands Police can neither confirm nor deny that it holds the information you requested, as the duty in section 1(1)(a) of the Freedom of Information Act 2000 does not apply by virtue of section 31(3).

West Midlands Police uses drones at the Fernbank Lane site.

Please note that this should not be taken as an indication that the information you requested is or is not held.
"""


def _analysis(settings: Settings | None = None):
    settings = settings or Settings()
    document = read_bytes(DRAFT.encode(), "draft.txt", "text", settings)
    return analyse(document, settings, get_library(settings))


def test_analysis_is_frozen():
    analysis = _analysis()
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.subject = "something else"


def test_parts_are_built_once_and_kept():
    analysis = _analysis()
    assert analysis.alignment is analysis.alignment
    assert analysis.leaks is analysis.leaks
    assert analysis.argument is analysis.argument
    assert analysis.responder is analysis.responder


def test_parts_answer_what_the_rules_report():
    analysis = _analysis()
    assert analysis.responder is not None and analysis.responder.name == "West Midlands Police"
    assert [leak.verdict.label for leak in analysis.leaks] == ["held"]
    assert analysis.alignment.alignments, "the NCND statement aligns with the bundled library"
    assert analysis.foreign_library is None


def test_findings_come_from_the_analysis_parts():
    settings = Settings()
    document = read_bytes(DRAFT.encode(), "draft.txt", "text", settings)
    result = check_document(document, settings)
    leaks = [f for f in result.findings if f.category == "confirmation-leak"]
    assert [(f.rule, f.location.block) for f in leaks] == [
        ("NCND601", leak.block) for leak in result.analysis.leaks
    ]


def test_analysis_without_settings_or_library_uses_the_defaults():
    document = read_bytes(DRAFT.encode(), "draft.txt", "text", Settings())
    analysis = analyse(document)
    assert analysis.settings == Settings()
    assert analysis.wording_library is get_library(Settings())


def test_the_analysis_holds_its_structure_in_tuples_nothing_can_append_to():
    from ncnd_check.analysis import analyse
    from ncnd_check.readers.text import read_text_str

    analysis = analyse(read_text_str(
        "Response\n\nThe force can neither confirm nor deny that it holds the information, by virtue of section 31(3).\n"
    ))
    for name in ("block_sections", "sections", "citations", "exemptions", "factors", "conclusions", "sentences", "facts"):
        assert isinstance(getattr(analysis, name), tuple), name
    assert isinstance(analysis.ncnd_blocks, frozenset)
    assert analysis.exemptions == ("s31(3)",)
    # Each sentence carries its text's facts, the very record its block's facts hold.
    first = analysis.sentences[0]
    assert first.facts is analysis.facts[first.block].sentences[0].facts
