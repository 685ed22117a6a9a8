"""Response type (ncnd / partial-ncnd / other) and the NCND part, scoped per answer block."""

from __future__ import annotations

import pytest

from ncnd_check.analysis import analyse
from ncnd_check.analysis.response_type import ncnd_part
from ncnd_check.readers.text import read_text_str

TWO_DUTIES = (
    "Section 1 of the Freedom of Information Act 2000 places two duties on public authorities. Unless "
    "exemptions apply, the first duty at Section 1(1)(a) is to confirm or deny whether the information "
    "specified in a request is held. The second duty at Section 1(1)(b) is to disclose information that "
    "has been confirmed as being held."
)

CASES = [
    ("ncnd", "Gwent Police can neither confirm nor deny that it holds the information by virtue of Section 31(3)."),
    ("ncnd", "The duty in Section 1(1)(a) does not apply by virtue of Section 24(2) National Security."),
    ("ncnd", "The duty to confirm or deny does not arise by virtue of Section 23(5)."),
    ("ncnd", "Essex Police will not confirm or deny whether it holds this information (Section 31(3))."),
    ("ncnd", "The force is providing an NCND response under Section 40(5B)."),
    ("other", "I can confirm that Essex Police holds the information you requested. Please find the figures below."),
    ("other", "Merseyside Police does not hold any information relevant to your request."),
    ("other", "Enquiries failed to locate any records of the kind you describe."),
    ("other", "Under Section 12(2) the duty to confirm or deny does not arise, as estimating whether the information is held would exceed the appropriate limit."),
    ("other", "The information is reasonably accessible to you and is exempt under Section 21. It is published on our website."),
    ("other", "I can confirm that the force holds the information; however we are withholding it under Section 31(1)."),
    ("other", TWO_DUTIES),
    (
        "partial-ncnd",
        "Please find the figures below. Above is all the information we will release. The force can neither "
        "confirm nor deny that it holds any other information by virtue of Section 24(2).",
    ),
]


@pytest.mark.parametrize("expected,statement", CASES)
def test_type(expected: str, statement: str) -> None:
    draft = f"Request\n\nHow many?\n\n{TWO_DUTIES}\n\n{statement}\n"
    assert analyse(read_text_str(draft)).response_type == expected


def test_ncnd_subsections_alone_make_an_ncnd_response() -> None:
    """The seed's only NCND cues are its exemptions and factor headings: that is enough."""
    draft = """Applicable Exemptions:

Section 24(2) National Security

Harm

To confirm or deny would reveal capability.
"""
    analysis = analyse(read_text_str(draft))
    assert analysis.response_type == "ncnd"
    assert analysis.ncnd_blocks == set(range(len(analysis.document.blocks)))


def test_withholding_subsections_alone_do_not() -> None:
    draft = "Applicable Exemptions:\n\nSection 24(1) National Security\n\nHarm\n\nDisclosure would reveal capability.\n"
    assert analyse(read_text_str(draft)).response_type == "other"


def test_hypotheticals_in_the_argument_are_not_answers() -> None:
    draft = f"""{TWO_DUTIES}

The force can neither confirm nor deny that it holds the information by virtue of Section 31(3).

Factors against confirming or denying

No information (such as stating 'no information is held') which may aid an offender should be disclosed. To confirm information is held would highlight vulnerabilities.
"""
    assert analyse(read_text_str(draft)).response_type == "ncnd"


PARTIAL = """Question 1

How many CHIS were paid in 2024?

Answer: I can confirm that the force holds this information. Please find attached the total. Some figures are withheld under Section 40(2).

Question 2

Were any sources tasked at the protest?

Answer: The force can neither confirm nor deny that it holds any information relevant to this question by virtue of Section 24(2) and Section 30(3).

Harm

To confirm or deny would put sources at risk.
"""


def test_partial_scopes_the_ncnd_part_per_answer_block() -> None:
    analysis = analyse(read_text_str(PARTIAL))
    assert analysis.response_type == "partial-ncnd"
    blocks = analysis.document.blocks
    answer1 = next(b.index for b in blocks if "Please find attached" in b.text)
    answer2 = next(b.index for b in blocks if "neither confirm" in b.text)
    harm = next(b.index for b in blocks if "sources at risk" in b.text)
    assert answer1 not in analysis.ncnd_blocks
    assert {answer2, harm} <= analysis.ncnd_blocks
    part = ncnd_part(analysis)
    assert part.part_ii == ["s24(2)", "s30(3)"]  # s40(2) belongs to the answered part


def test_not_held_answer_then_ncnd_answer() -> None:
    draft = """Question 1

Does the force hold records of drone purchases?

Response: The force does not hold any information relevant to this part of your request.

Question 2

Which covert units use drones?

Response: The force neither confirms nor denies that it holds information on this question by virtue of Section 31(3).
"""
    analysis = analyse(read_text_str(draft))
    assert analysis.response_type == "partial-ncnd"
    not_held = next(b.index for b in analysis.document.blocks if "does not hold" in b.text)
    assert not_held not in analysis.ncnd_blocks


def test_other_response_has_no_ncnd_part() -> None:
    analysis = analyse(read_text_str(f"{TWO_DUTIES}\n\nMerseyside Police does not hold the information.\n"))
    assert analysis.ncnd_blocks == set()
    assert ncnd_part(analysis).part_ii == []


def test_ncnd_explainer_mentioning_held_and_not_held_is_not_an_answer() -> None:
    draft = f"""{TWO_DUTIES}

Gwent Police can neither confirm nor deny that it holds the information by virtue of Section 31(3).

'Neither Confirm nor Deny' (NCND)

There may be occasions when stating that no information is held, or that it is held, would itself cause harm. A neither confirm nor deny response is used consistently whether or not information is held, so that no inference can be drawn.
"""
    assert analyse(read_text_str(draft)).response_type == "ncnd"


@pytest.mark.parametrize(
    "expected,paragraphs",
    [
        # Issue 15: a lone confirmation beside the NCND statement is a leak in an NCND letter, checked whole.
        ("ncnd", ["We can confirm that the force holds this information; however, it is exempt.",
                  "The force neither confirms nor denies that it holds the information by virtue of Section 31(3)."]),
        # An answer of another kind, or an NCND of the rest, still makes it partial.
        ("partial-ncnd", ["I can confirm that the force holds information about arrests. The figures are set out below.",
                          "The force neither confirms nor denies that it holds any further information by virtue of Section 30(3)."]),
        ("partial-ncnd", ["We can confirm that the force holds a policy on drones.",
                          "For the remainder of your request, the force neither confirms nor denies that it holds information (Section 31(3))."]),
        # "Each question is set out below" is no answer.
        ("ncnd", ["Each question is set out below with the force's answer.",
                  "The force neither confirms nor denies that it holds the information by virtue of Section 31(3)."]),
    ],
)
def test_lone_confirmation_and_partial_answers(expected, paragraphs):
    analysis = analyse(read_text_str("\n\n".join(paragraphs), "draft.txt"))
    assert analysis.response_type == expected
    if expected == "ncnd":
        assert analysis.ncnd_blocks == set(range(len(analysis.document.blocks)))
