"""Balancing conclusions: which sentences conclude, which way, and the no-inference statement."""

from __future__ import annotations

import pytest

from ncnd_check.analysis import analyse
from ncnd_check.analysis.conclusions import classify_sentence, is_no_inference
from ncnd_check.readers.text import read_text_str

VERDICTS = [
    # Correct NCND conclusions, in several forces' wording.
    ("Therefore, at this moment in time, it is my opinion that for these issues the balance test favours neither confirming nor denying that information is held.", "ncnd"),
    ("The balance lies in favour of neither confirming nor denying.", "ncnd"),
    ("The public interest in maintaining the exclusion of the duty to confirm or deny outweighs the public interest in disclosing whether the information is held.", "ncnd"),
    ("For both exemptions the balance favours maintaining the NCND position.", "ncnd"),
    ("The MPS has concluded that the public interest favours maintaining the NCND position for this request.", "ncnd"),
    ("The public interest in confirming whether the software is used is outweighed by the public interest in maintaining the exclusion of the duty to confirm or deny.", "ncnd"),
    ("The public interest does not favour confirming or denying whether licences were bought.", "ncnd"),
    ("The public interest in confirming or denying does not outweigh the harm that would follow.", "ncnd"),
    ("The force has decided it must maintain a position of neither confirming nor denying that any information is held.", "ncnd"),
    ("Accordingly, the balance is in favour of neither confirming nor denying that the information is held.", "ncnd"),
    ("Although there is a general public interest in openness, it does not outweigh the rights of the individual concerned.", "ncnd"),
    # Conclusions for confirming or disclosure.
    ("Having weighed the factors, the public interest in confirming whether the technology is used outweighs the harm identified.", "confirm"),
    ("The balance favours confirming that information is held.", "confirm"),
    ("On balance the public interest favours disclosure.", "confirm"),
    ("The balance test is in favour of releasing the information.", "confirm"),
    # The s1(1)(b) disclosure test instead of s1(1)(a).
    ("Therefore the balance favours non-disclosure of the information requested.", "disclosure-test"),
    ("For Section 31(3), the balance is in favour of maintaining the exemption.", "disclosure-test"),
    ("The public interest in disclosure is outweighed by the public interest in maintaining the exemption.", "disclosure-test"),
    ("The balance lies in favour of withholding the information.", "disclosure-test"),
    ("The balance does not favour disclosure.", "disclosure-test"),
    # A verdict form that names no side.
    ("The balance firmly favours the approach taken by the force.", "unclear"),
    # Not conclusions at all.
    ("For this public interest test, factors that favour complying with Section 1(1)(a) need to be measured with factors against complying with Section 1(1)(a).", None),
    ("The points above highlight the merits of confirming or denying the requested information exists.", None),
    ("The public interest is not what interests the public, or a particular individual, but what will be the greater good, if released, to the community as a whole.", None),
    ("We must consider whether the public interest in confirming outweighs the public interest in maintaining the exclusion.", None),
    ("Confirming or denying would reassure the public that the force uses its camera network responsibly.", None),
    ("West Midlands Police can neither confirm nor deny that it holds the information.", None),
]


@pytest.mark.parametrize("sentence,verdict", VERDICTS)
def test_verdict(sentence: str, verdict: str | None) -> None:
    assert classify_sentence(sentence, "balancing-test") == verdict


def test_factor_text_is_not_a_conclusion_unless_it_speaks_of_the_balance() -> None:
    text = "The public interest in transparency would favour confirming whether the equipment is held."
    assert classify_sentence(text, "factors-for") is None
    assert classify_sentence(text, "balancing-test") == "confirm"
    assert classify_sentence("The balance favours neither confirming nor denying.", "factors-against") == "ncnd"


NO_INFERENCE = [
    ("This response should not be taken as conclusive evidence that the information you have requested exists or does not exist.", True),
    ("This response should not be taken as necessarily indicating that any information that meets your request exists or does not exist.", True),
    ("This should not be taken as an indication that the information you requested does or does not exist.", True),
    ("None of the above can be viewed as an inference that the information you seek does or does not exist.", True),
    ("No inference can be drawn from this response as to whether or not any information is held.", True),
    ("This response does not imply that information is or is not held.", True),
    ("Irrespective of what information is or isn't held, the public entrust the Police Service to make appropriate decisions.", False),
    ("Confirming would not suggest weakness, but would indicate that the force holds the data.", False),
    ("The balance favours neither confirming nor denying that information is held.", False),
    ("To confirm or deny whether the force holds information would reveal its capability.", False),
]


@pytest.mark.parametrize("sentence,expected", NO_INFERENCE)
def test_no_inference(sentence: str, expected: bool) -> None:
    assert is_no_inference(sentence) is expected


def test_conclusions_are_found_per_exemption_and_located() -> None:
    draft = """Request

Is the MPS guarding the Palace of Westminster at night?

The MPS can neither confirm nor deny that it holds the information by virtue of Sections 24(2) and 31(3).

Section 24(2) National Security

Balancing test

For Section 24(2), the balance favours neither confirming nor denying that information is held.

Section 31(3) Law Enforcement

Balancing test

The balance is in favour of maintaining the exemption.
"""
    analysis = analyse(read_text_str(draft))
    found = [(c.verdict, c.exemption) for c in analysis.conclusions]
    assert found == [("ncnd", "s24(2)"), ("disclosure-test", "s31(3)")]
    for c in analysis.conclusions:
        assert c.text in analysis.document.blocks[c.block].norm


def test_sentences_cover_every_block_in_order() -> None:
    draft = "Request\n\nHow many drones? And where.\n\nThe balance favours neither confirming nor denying. It is s. 23(5) that applies.\n"
    analysis = analyse(read_text_str(draft))
    assert sorted({s.block for s in analysis.sentences}) == [b.index for b in analysis.document.blocks]
    assert [s.block for s in analysis.sentences] == sorted(s.block for s in analysis.sentences)
    texts = [s.text for s in analysis.sentences]
    assert "It is s. 23(5) that applies." in texts  # "s." does not end a sentence
    for s in analysis.sentences:
        assert analysis.document.blocks[s.block].norm[s.start : s.end].strip() == s.text


# --------------------------------------------------------------------------- other authorities' wording (issue 15)


@pytest.mark.parametrize(
    "sentence, verdict",
    [
        ("The public interest lies in maintaining the exemption from the duty to confirm or deny.", "ncnd"),
        ("We consider that the public interest is best served by neither confirming nor denying.", "ncnd"),
        ("The arguments against confirming or denying carry the greater weight.", "ncnd"),
        # Flipped balances: the verdict favours confirming, whatever position is then kept.
        ("On balance, the public interest favours confirming whether information is held, although on this occasion we will maintain our position.", "confirm"),
        ("We have decided that the public interest narrowly favours telling you whether we hold the information; nevertheless we will maintain our position.", "confirm"),
        ("The arguments for saying whether the information is held carry the greater weight, but we will neither confirm nor deny.", "confirm"),
        # Still the disclosure test.
        ("It is our view that the public interest in maintaining the exemption outweighs that in disclosure.", "disclosure-test"),
    ],
)
def test_conclusions_in_other_wordings(sentence, verdict):
    assert classify_sentence(sentence, "balancing-test") == verdict


@pytest.mark.parametrize(
    "sentence",
    [
        "Nothing should be read into this reply about whether information exists.",
        "None of the above should be taken as an indication that the information is or is not held.",
        "It should not be assumed from this response that any information does, or does not, exist.",
        "Please do not take this response as an indication that any complaint has or has not been made.",
        "You should not assume from this reply that any information is held.",
    ],
)
def test_no_inference_in_other_words(sentence):
    assert is_no_inference(sentence)


def test_a_factor_about_published_statistics_is_no_conclusion():
    assert classify_sentence("That interest is met by the general statistics we already publish about fraud.", None) is None


@pytest.mark.parametrize(
    "sentence, verdict",
    [
        # "maintaining the exemption" weighed against confirming or denying: the NCND balance in looser words.
        ("The public interest in maintaining the exemption outweighs the public interest in confirming or denying whether information is held.", "ncnd"),
        ("The public interest in confirming or denying is outweighed by the public interest in maintaining the exemption.", "ncnd"),
        # Against disclosure, or against nothing, it is still the s1(1)(b) test.
        ("On balance the public interest in maintaining the exemption outweighs that in disclosure.", "disclosure-test"),
        ("The balance favours maintaining the exemption.", "disclosure-test"),
    ],
)
def test_maintaining_the_exemption_against_confirming_is_the_ncnd_balance(sentence, verdict):
    assert classify_sentence(sentence, "balancing-test") == verdict
