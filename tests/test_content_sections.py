"""Argument parts read from what paragraphs say (issue 15): no headings, other headings, inline factors."""

from __future__ import annotations

from ncnd_check.analysis import analyse
from ncnd_check.analysis.content import lead_in, sentence_kinds
from ncnd_check.analysis.topics import prejudice_claims
from ncnd_check.readers.text import read_text_str


def test_sentence_kinds():
    assert sentence_kinds("Confirming or denying would be likely to undermine the prevention of crime.") == {"harm"}
    assert sentence_kinds("There is a public interest in transparency and accountability.") == {"for"}
    assert sentence_kinds("Section 31 is a qualified exemption, so we must articulate the harm that would follow.") == frozenset()
    assert sentence_kinds("If we were to confirm that a team is based in a town, employers would learn where visits are likely.") == {"harm"}


def test_lead_ins():
    assert lead_in("4. In favour of confirming or denying, there is a public interest in openness.") == "for"
    assert lead_in("Against confirming or denying, investigations would suffer.") == "against"
    assert lead_in("Considerations favouring neither confirming nor denying: ...") == "against"
    assert lead_in("Set against that, the value of the tactic depends on surprise.") == "contrast"


def test_prejudice_claims_name_the_exemption_by_its_interest():
    assert prejudice_claims("confirming or denying would be likely to prejudice the prevention or detection of crime.") == {"31"}
    assert prejudice_claims("it would undermine national security.") == {"24"}
    # Topic words alone claim nothing.
    assert prejudice_claims("offenders gather details of covert tactics from many sources.") == frozenset()


def test_numbered_paragraphs_with_no_headings():
    text = "\n\n".join([
        "1. You asked how many officers are deployed at the port.",
        "2. Kent Police neither confirms nor denies that it holds the information. Section 31(3) applies.",
        "3. Confirming or denying would reveal the force's capability and would be likely to prejudice the prevention of crime.",
        "4. In favour of confirming or denying, there is a public interest in transparency about policing.",
        "5. Against confirming or denying, offenders would exploit any gap in cover.",
        "6. The public interest in maintaining the exclusion of the duty to confirm or deny outweighs the public interest in confirming or denying.",
        "7. Nothing should be read into this reply about whether information exists.",
    ])
    analysis = analyse(read_text_str(text, "draft.txt"))
    names = analysis.section_names
    for name in ("harm", "factors-for", "factors-against", "balancing-test", "no-inference"):
        assert name in names, names
    assert {g.direction for g in analysis.factors if g.blocks} == {"for", "against"}
    assert [c.verdict for c in analysis.conclusions] == ["ncnd"]


def test_the_statutory_test_described_is_no_harm_argument():
    """The NCND statement restating s31(3) must not stand in for a harm argument that was removed."""
    assert sentence_kinds(
        "We rely on section 31(3), which removes the duty to confirm or deny where confirming or denying "
        "would, or would be likely to, prejudice any of the matters listed in section 31(1)."
    ) == frozenset()
    assert sentence_kinds("Section 31(3) applies where confirming or denying would be likely to prejudice the prevention of crime.") == {"harm"}
