"""The request's subject, and the topics harm and factor text argues about."""

from __future__ import annotations

import pytest

from conftest import shared_path
from ncnd_check.analysis.model import Analysis, Section
from ncnd_check.analysis.subject import (
    content_terms,
    shares_topic,
    find_subject,
    is_placeholder_only,
    request_blocks,
    topic_phrases,
)
from ncnd_check.document import Block, Document


def _analysis(items, sections=()):
    blocks = [Block(i, kind, text) for i, (kind, text) in enumerate(items)]
    doc = Document(path="<test>", format="text", blocks=blocks)
    return Analysis(document=doc, block_sections=[None] * len(blocks), sections=list(sections))


def test_request_section_gives_the_subject_without_the_asking_words():
    a = _analysis(
        [
            ("heading", "Your request"),
            ("paragraph", "Please provide the number of ANPR cameras operated in Leicestershire."),
            ("heading", "Response"),
            ("paragraph", "Leicestershire Police can neither confirm nor deny that it holds the information."),
        ],
        [Section("request", 0, [1])],
    )
    assert request_blocks(a) == [1]
    assert find_subject(a) == "ANPR cameras operated in Leicestershire"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Request: How many body worn video cameras does the force have?", "body worn video cameras does the force have"),
        ("You asked for copies of any contracts with NSO Group.", "any contracts with NSO Group"),
        ("Your request for information regarding the use of drones at Glastonbury.", "the use of drones at Glastonbury"),
        ("In your request you asked: Does the force use Cellebrite?", "Does the force use Cellebrite"),
    ],
)
def test_request_lead_ins_without_a_section(line, expected):
    a = _analysis([("paragraph", "Dear Mr Jones,"), ("paragraph", line), ("heading", "Decision"), ("paragraph", "Other text.")])
    assert find_subject(a) == expected


def test_items_after_a_request_heading_and_the_echo_at_the_top():
    a = _analysis(
        [
            ("heading", "Information requested"),
            ("list-item", "a) Number of Office 365 licences purchased"),
            ("list-item", "b) Cost of the licences"),
            ("heading", "Applicable exemptions"),
            ("paragraph", "Section 31(3)"),
        ]
    )
    assert request_blocks(a) == [1, 2]
    assert find_subject(a) == "Office 365 licences purchased; Cost of the licences"
    top = _analysis([("list-item", "Number of new office 365 account purchased"), ("heading", "Applicable Exemptions:")])
    assert find_subject(top) == "new office 365 account purchased"


def test_request_section_stops_at_the_answer():
    # A "Response" heading the structure did not know leaves the NCND statement in the request section.
    a = _analysis(
        [
            ("heading", "Request"),
            ("paragraph", "The number of drones used by the force."),
            ("paragraph", "Kent Police can neither confirm nor deny that it holds the information."),
        ],
        [Section("request", 0, [1, 2])],
    )
    assert request_blocks(a) == [1]


def test_no_request_no_subject():
    a = _analysis([("heading", "Harm"), ("paragraph", "To confirm or deny would harm law enforcement.")])
    assert find_subject(a) is None


def test_seed_subject_is_office_365():
    from ncnd_check.analysis import analyse
    from ncnd_check.readers import read_path

    analysis = analyse(read_path(shared_path("seed", "000_a7a05b5f3e6f79d7.txt")))
    subject = find_subject(analysis)
    assert subject is not None and {"office", "365", "account"} <= content_terms(subject)


def test_content_terms_fold_case_and_plurals_and_drop_generic_words():
    assert content_terms("The number of new Office 365 Accounts purchased") == {"office", "365", "account"}
    assert content_terms("Policies and batteries") == {"policy", "battery"}
    assert content_terms("any information relating to the force") == set()


@pytest.mark.parametrize(
    "text, phrases",
    [
        (
            "To confirm or deny whether West Midlands Police uses a certain operating system would identify vulnerable systems.",
            ["a certain operating system"],
        ),
        ("Confirming or denying whether the force holds information about ANPR camera locations would assist criminals.", ["ANPR camera locations"]),
        ("Confirmation of the use of covert listening devices would alert offenders.", ["covert listening devices"]),
        ("To confirm or deny whether the force uses this software would harm security.", []),
        ("To confirm or deny whether the requested information is held would be harmful.", []),
        # A passive "whether X are used" names X as the thing asked about (issue 15: harm written about
        # "whether listening devices are fitted" in a letter about ANPR cameras); "public funds" is still no topic.
        ("Confirming whether drones are used would inform public debate about the use of public funds.", ["drones"]),
        # Perfect and passive forms: what follows 'have been' is no object the force holds or uses.
        ("Confirming or denying would reveal whether particular groups have been the subject of investigation.", []),
    ],
)
def test_topic_phrases(text, phrases):
    assert [t.phrase for t in topic_phrases(text)] == phrases


def test_placeholder_only_subject():
    assert is_placeholder_only("{subject}")
    assert is_placeholder_only("[subject of request]")
    assert not is_placeholder_only("Office 365 accounts")


@pytest.mark.parametrize(
    "request_text, phrase, shared",
    [
        ("new office 365 account purchased", "a certain operating system", False),
        ("the locations of ANPR cameras", "automatic number plate recognition", True),
        ("automatic number plate recognition sites", "ANPR", True),
        ("Office 365 licences", "office 365", True),
        ("body worn video", "BWV footage", True),
        ("drones", "IMSI catchers", False),
    ],
)
def test_shares_topic(request_text, phrase, shared):
    assert shares_topic(request_text, phrase) is shared
