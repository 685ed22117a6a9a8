"""Citation finder: how drafters write FOIA provisions, and what is not one."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncnd_check import law
from ncnd_check.analysis.citations import (
    cited_ids,
    exemption_ids,
    find_citations,
    find_in_text,
)
from ncnd_check.document import Block

from conftest import shared_path


def ids(text: str) -> list[str]:
    return [c.id for c in find_in_text(text)]


# (phrasing, ids in the order written)
PHRASINGS = [
    # one citation, every prefix style
    ("Section 24(2)", ["s24(2)"]),
    ("section 24 (2)", ["s24(2)"]),
    ("SECTION 24(2)", ["s24(2)"]),
    ("s.24(2)", ["s24(2)"]),
    ("s. 24(2)", ["s24(2)"]),
    ("s24(2)", ["s24(2)"]),
    ("S. 31(3)", ["s31(3)"]),
    ("S.31(3)", ["s31(3)"]),
    ("s 31(3)", ["s31(3)"]),
    ("S 31(3)", ["s31(3)"]),
    ("Sec. 31(3)", ["s31(3)"]),
    ("Sect. 31(3)", ["s31(3)"]),
    ("sec 31(3)", ["s31(3)"]),
    ("S31(3)(a)", ["s31(3)"]),
    ("Section 40(5B)(a)(i)", ["s40(5B)"]),
    ("section 40(5b)(a)(i)", ["s40(5B)"]),
    ("Section 40(5A)", ["s40(5A)"]),
    ("section 1(1)(a)", ["s1(1)"]),
    ("Section 31(1)(a)(b)", ["s31(1)"]),
    ("Section 22A(2)", ["s22A(2)"]),
    ("section 22a(2)", ["s22A(2)"]),
    ("Section 40(5)", ["s40(5)"]),
    ("Section 24", ["s24"]),
    ("under Section 24 the force", ["s24"]),
    ("subsection 24(2)", ["s24(2)"]),
    ("(Section 24(2))", ["s24(2)"]),
    ("Section 24(2).", ["s24(2)"]),
    ("relying on s. 23(5).", ["s23(5)"]),
    # with the Act named
    ("Section 24(2) of the Freedom of Information Act 2000", ["s24(2)"]),
    ("section 31(3) of the Freedom of Information Act", ["s31(3)"]),
    ("Section 30(3) of the FOIA", ["s30(3)"]),
    ("Section 30(3) of FOIA", ["s30(3)"]),
    ("FOIA s24(2)", ["s24(2)"]),
    ("Section 1(1)(a) of the Act", ["s1(1)"]),
    ("section 17 of the 2000 Act", ["s17"]),
    ("Freedom of Information Act 2000, section 24(2)", ["s24(2)"]),
    # titles and headings
    ("Section 24(2) National Security", ["s24(2)"]),
    ("Section 24(2) \u2013 National Security", ["s24(2)"]),
    ("Section 31(3) - Law Enforcement", ["s31(3)"]),
    ("Section 30(3): Investigations and Proceedings", ["s30(3)"]),
    ("Section 24(2) National security Section 31(3) Law enforcement", ["s24(2)", "s31(3)"]),
    ("24(2) National Security", ["s24(2)"]),
    ("Section 40(5)/(5B)(a)(i) Personal Information", ["s40(5)", "s40(5B)"]),
    # lists
    ("sections 23(5) and 24(2)", ["s23(5)", "s24(2)"]),
    ("Sections 30(3), 31(3) and 40(5)", ["s30(3)", "s31(3)", "s40(5)"]),
    ("sections 23(5), 24(2), 30(3) & 31(3)", ["s23(5)", "s24(2)", "s30(3)", "s31(3)"]),
    ("Section 23 and 24", ["s23", "s24"]),
    ("Sections 24 and 31 are prejudice based", ["s24", "s31"]),
    ("ss.23(5) and 24(2)", ["s23(5)", "s24(2)"]),
    ("ss. 23(5) and 24(2)", ["s23(5)", "s24(2)"]),
    ("sections 24(2)/31(3)", ["s24(2)", "s31(3)"]),
    ("S24 and S31", ["s24", "s31"]),
    ("S23 & S40 are absolute exemptions", ["s23", "s40"]),
    ("subsections 24(1) and (2)", ["s24(1)", "s24(2)"]),
    ("Section 17(1) & (4) of the Act", ["s17(1)", "s17(4)"]),
    ("s.24(2) and s.31(3)", ["s24(2)", "s31(3)"]),
    ("Section 24(2) and Section 31(3)", ["s24(2)", "s31(3)"]),
    ("sections 23(5), 24(2), 30(3) and 31(3) of the Freedom of Information Act 2000", ["s23(5)", "s24(2)", "s30(3)", "s31(3)"]),
    ("Section 22A(2) Research and section 22(2)", ["s22A(2)", "s22(2)"]),
    ("exempt by virtue of 31(1)", ["s31(1)"]),
    ("the exemptions 24(2) and 31(3) apply", ["s24(2)", "s31(3)"]),
    ("Section31(3) applies", ["s31(3)"]),
    ("SECTION24(2)", ["s24(2)"]),
    ("(s.24(2) and s.31(3))", ["s24(2)", "s31(3)"]),
    ("section 40 (5) (b) (i)", ["s40(5)"]),
    ("Sections 23(5), 24(2), 30(3), and 31(3).", ["s23(5)", "s24(2)", "s30(3)", "s31(3)"]),
    ("in breach of s1(1)(a), 1(1)(b), 10(1), 17(1) and 17(3)(b)", ["s1(1)", "s1(1)", "s10(1)", "s17(1)", "s17(3)"]),
    ("NCND'd under 23(5), 24(2), 30(3) and 31(3)", ["s23(5)", "s24(2)", "s30(3)", "s31(3)"]),
    ("relying on 24(2) and 31(3) of the Act", ["s24(2)", "s31(3)"]),
    ("withheld under 40(2)", ["s40(2)"]),
    ("S23 & S40 are absolute exemptions", ["s23", "s40"]),
    ("Evidence of Harm Section 24", ["s24"]),
    ("Section 24(2) NATIONAL SECURITY", ["s24(2)"]),
    ("section 24(2) and section 24 of the DPA", ["s24(2)"]),
    ("s.24(2), s.31(3) and s.29 RIPA", ["s24(2)", "s31(3)"]),
    ("the s45 Code of Practice", ["s45"]),
    ("Section 31(3) Evidence of Harm", ["s31(3)"]),
    ("under the Freedom of Information Act 2000, section 24(2) applies", ["s24(2)"]),
    ("Section 30(3) Freedom of Information Act 2000", ["s30(3)"]),
    ("Section 24(2)-National Security", ["s24(2)"]),
    ("Section 24(2)/Section 31(3)", ["s24(2)", "s31(3)"]),
    ("S.24(2)/S.31(3)", ["s24(2)", "s31(3)"]),
    ("Section 24(2)and 31(3)", ["s24(2)", "s31(3)"]),
    ("Section 24(2)1 (a footnote mark)", ["s24(2)"]),
    ("Section(s) 24(2) and 31(3)", ["s24(2)", "s31(3)"]),
    ("\u00a724(2) and \u00a7 31(3)", ["s24(2)", "s31(3)"]),
    ("Section 24, subsection (2)", ["s24(2)"]),
    ("Section 24 subsection 2", ["s24(2)"]),
    ("subsection 2 of section 17", ["s17"]),
    ("under subsection (2)", []),
    # not FOIA: other enactments
    ("section 24 of the Data Protection Act 2018", []),
    ("s.19 RIPA", []),
    ("section 43 of the Police Act 1996", []),
    ("section 1 of the Terrorism Act 2000", []),
    ("Article 8 ECHR", []),
    ("regulation 12(5)(a) of the EIR", []),
    ("sections 23(5) and 24(2) of the Data Protection Act", []),
    ("section 26 of the Regulation of Investigatory Powers Act 2000", []),
    ("section 29 of the DPA", []),
    ("section 45 UK GDPR", []),
    ("RIPA s.26", []),
    ("Police Act 1997, section 113", []),
    ("section 58 of the Terrorism Act", []),
    ("Section 43 Police Act 1996", []),
    ("s.19 Regulation of Investigatory Powers Act 2000", []),
    ("PACE 1984 s.24", []),
    ("Section 24 of the Police and Criminal Evidence Act 1984", []),
    ("S24 Human Rights Act", []),
    ("RIPA sections 26(2) and 28(3)", []),
    ("sections 23(5), 24(2) and 31(3) of the DPA", []),
    ("Section 10 of the Terrorism Act and section 24(2)", ["s24(2)"]),
    # ranges of the Act are not provisions cited
    ("the exemptions in sections 21 to 44 of the Act", []),
    ("Part II (ss.21-44)", []),
    # parts of the letter, not provisions
    ("Section 4 - Our Response", []),
    ("Section 5: Review Rights", []),
    ("Section 17 - Refusal Notice", ["s17"]),
    ("as set out in section 5 below", []),
    ("see section 6 of this letter", []),
    ("section 4 of the policy", []),
    ("section 24(2) above", ["s24(2)"]),
    ("section 24 of the Act", ["s24"]),
    ("Section 31 above", ["s31"]),
    # not citations at all: dates, money, pages, times
    ("open 24/7", []),
    ("on 24/07/2024", []),
    ("page 24(2) of the report", []),
    ("see paragraph 31(3)", []),
    ("costs of \u00a324,000 in 2024", []),
    ("item 12(5)(a)", []),
    ("24 (2) officers", []),
    ("Office 365 accounts", []),
    ("at 3.5 per cent", []),
    ("Sheffield S35 2AB", []),
    ("Southend SS1 2AB", []),
    ("Rule 31(3) of the Civil Procedure Rules", []),
    ("see 12(5)(a) EIR", []),
    ("LTT64, EA/2009/0081, FS50318536, [2024] UKFTT 76, IC-171869-H8N0", []),
    ("see https://www.legislation.gov.uk/ukpga/2000/36/section/24 for the text", []),
    ("s.30(3) of the Freedom of Information (Scotland) Act 2002", []),
    ("section 12 of the Environmental Information Regulations 2004", []),
]


@pytest.mark.parametrize("text, expected", PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_phrasing(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


def test_the_table_is_big_enough() -> None:
    assert len(PHRASINGS) >= 60
    assert sum(1 for _, e in PHRASINGS if not e) >= 15


def test_full_keeps_every_paragraph() -> None:
    [c] = find_in_text("Section 40(5B)(a)(i)")
    assert (c.id, c.full, c.section, c.subsection) == ("s40(5B)", "s40(5B)(a)(i)", "40", "5B")


def test_bare_section_has_no_subsection() -> None:
    [c] = find_in_text("Section 24 is qualified")
    assert (c.id, c.full, c.subsection) == ("s24", "s24", None)


def test_title_is_captured_and_not_a_second_citation() -> None:
    [c] = find_in_text("Section 24(2) \u2013 National Security")
    assert c.title == "National Security"
    [c] = find_in_text("Section 23(5) Information supplied by, or concerning, certain Security Bodies")
    assert c.title == "Information supplied by, or concerning, certain Security Bodies"


def test_offsets_point_into_the_block_norm() -> None:
    block = Block(index=7, kind="paragraph", text="We rely on\u00a0s.\u00a024(2) and 31(3) here.")
    cites = find_citations([block])
    assert [c.block for c in cites] == [7, 7]
    for c in cites:
        assert block.norm[c.start:c.end] == c.text
    assert [c.text for c in cites] == ["s. 24(2)", "31(3)"]


def test_blocks_without_digits_are_skipped_and_reading_order_kept() -> None:
    blocks = [
        Block(index=0, kind="heading", text="Applicable Exemptions"),
        Block(index=1, kind="paragraph", text="Section 31(3) Law Enforcement"),
        Block(index=2, kind="paragraph", text="Section 24(2) National Security"),
    ]
    assert [c.id for c in find_citations(blocks)] == ["s31(3)", "s24(2)"]


def test_precomputed_docs_are_used() -> None:
    from ncnd_check.analysis.nlp import process

    texts = ["Section 24(2) applies.", "No digits here.", "s.31(3) too"]
    docs = process(texts)
    assert [c.id for c in find_citations(texts, docs=docs)] == ["s24(2)", "s31(3)"]


def test_docs_can_be_the_source() -> None:
    from ncnd_check.analysis.nlp import process

    docs = process(["Nothing here.", "Section 31(3) Law Enforcement"])
    [c] = find_citations(docs)
    assert (c.id, c.block, c.title) == ("s31(3)", 1, "Law Enforcement")


def test_exemption_ids_leaves_out_non_exemptions_and_sorts() -> None:
    cites = find_in_text(
        "Section 17(1) notice. Section 31(3), section 1(1)(a), Section 24(2), "
        "section 22A(2), section 22(2), section 12, section 14, section 16, section 10, section 2(1)(b), s24(2)"
    )
    assert exemption_ids(cites) == ["s22(2)", "s22A(2)", "s24(2)", "s31(3)"]
    assert "s1(1)" in cited_ids(cites) and "s17(1)" in cited_ids(cites)


def test_bare_section_kept_in_exemption_ids() -> None:
    assert exemption_ids(find_in_text("Section 24 and Section 31(3)")) == ["s24", "s31(3)"]


def test_bare_section_dropped_when_its_subsection_is_cited() -> None:
    text = "Section 23(5) and Section 30(3) apply. Section 23 is a class based absolute exemption; Section 30 is qualified."
    assert exemption_ids(find_in_text(text)) == ["s23(5)", "s30(3)"]


def test_numbers_foia_does_not_have_are_not_listed() -> None:
    cites = find_in_text("Section 24(2) applies, as does section 144 and section 399(1).")
    assert [c.id for c in cites][:1] == ["s24(2)"]
    assert exemption_ids(cites) == ["s24(2)"]


def test_seed_cites_24_2_and_31_3() -> None:
    from ncnd_check.readers import read_path

    seed = shared_path("seed", "000_a7a05b5f3e6f79d7.txt")
    cites = find_citations(read_path(seed))
    assert exemption_ids(cites) == ["s24(2)", "s31(3)"]
    assert "s1(1)" in cited_ids(cites)  # found, but not an exemption
    titles = {c.id: c.title for c in cites if c.title}
    assert titles.get("s24(2)", "").lower() == "national security"
    assert titles.get("s31(3)", "").lower() == "law enforcement"


# --------------------------------------------------------------------------- generated

SECTIONS = sorted(law.exemptions(), key=law.sort_key)
PREFIXES = ["Section ", "section ", "SECTION ", "s.", "s. ", "s", "S.", "S. ", "Sec. ", "Sect. "]
SUFFIXES = ["", " of the Freedom of Information Act 2000", " of the FOIA", " of FOIA", " of the Act", " FOIA"]
WORDS = st.sampled_from(
    ["the", "force", "relies", "on", "exemption", "to", "neither", "confirm", "nor", "deny",
     "request", "West", "Midlands", "Police", "information", "held", "which", "applies", "Therefore,",
     "No.", "e.g.", "etc.", "24/7", "\u00a35,000", "2024", "(see", "above)", "U.K.", "Ref:", "FOI/123/24",
     "page", "paragraph", "12th", "(NCND)", "\u2013"]
)


@st.composite
def provision(draw) -> tuple[str, str]:
    """A number as written (``40(5B)(a)(i)``) and its expected id (``s40(5B)``)."""
    section = draw(st.sampled_from(SECTIONS))
    letter = draw(st.sampled_from(["", "A", "B"]))
    sub = str(draw(st.integers(1, 9))) + letter
    written_sub = sub.lower() if draw(st.booleans()) else sub
    paras = draw(st.lists(st.sampled_from(["a", "b", "c", "i", "ii", "iv", "ab"]), max_size=2))
    text = section + f"({written_sub})" + "".join(f"({p})" for p in paras)
    return text, f"s{section}({sub})"


@st.composite
def citation(draw) -> tuple[str, str]:
    number, expected = draw(provision())
    prefix = draw(st.sampled_from(PREFIXES))
    if draw(st.booleans()):  # "section 24 (2)": a space before the subsection
        number = number.replace("(", " (", 1)
    return prefix + number, expected


@st.composite
def titled_citation(draw) -> tuple[str, str, str]:
    """A citation followed by its title, as in a heading: "Section 24(2) - National Security"."""
    written, expected = draw(citation())
    title = draw(st.sampled_from(law.titles(law.section_of(expected))))
    title = draw(st.sampled_from([title, title.upper(), title.lower()]))
    lead = draw(st.sampled_from([" ", " - ", " – ", ": "]))
    return written + lead + title, expected, title


@st.composite
def bare_section(draw) -> tuple[str, str]:
    """A section with no subsection: "Section 24", "s.24", "S24"."""
    section = draw(st.sampled_from(SECTIONS))
    prefix = draw(st.sampled_from(["Section ", "section ", "SECTION ", "s.", "s. ", "s", "S", "Sec. "]))
    return prefix + section, f"s{section}"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    cite=citation(),
    before=st.lists(WORDS, max_size=6),
    after=st.lists(WORDS, max_size=6),
    suffix=st.sampled_from(SUFFIXES),
    end=st.sampled_from(["", ".", ",", ";", ":"]),
)
def test_generated_citation_parses_back(cite, before, after, suffix, end) -> None:
    written, expected = cite
    text = " ".join([*before, written + suffix + end, *after])
    assert ids(text) == [expected], text


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(cite=titled_citation(), after=st.lists(WORDS, max_size=4))
def test_generated_heading_keeps_its_title(cite, after) -> None:
    written, expected, title = cite
    text = " ".join([written, *after])
    found = find_in_text(text)
    assert [c.id for c in found] == [expected], written
    # The longest title written wins ("Research" + "information" is the alias
    # "Research Information"); a closing "etc." full stop may end the sentence.
    assert found[0].title.lower().startswith(title.rstrip(".").lower())
    assert found[0].title in text


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(cite=bare_section(), before=st.lists(WORDS, max_size=4), after=st.lists(WORDS, max_size=4))
def test_generated_bare_section_parses_back(cite, before, after) -> None:
    written, expected = cite
    text = " ".join([*before, written, *after])
    assert ids(text) == [expected], text


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    first=citation(),
    rest=st.lists(st.one_of(provision(), citation()), min_size=1, max_size=3),
    joiners=st.lists(st.sampled_from([", ", " and ", " & ", ", and "]), min_size=3, max_size=3),
    suffix=st.sampled_from(SUFFIXES),
    before=st.lists(WORDS, max_size=4),
)
def test_generated_lists_parse_back_in_order(first, rest, joiners, suffix, before) -> None:
    text = first[0]
    for (written, _), joiner in zip(rest, joiners):
        text += joiner + written
    text = " ".join([*before, text + suffix])
    assert ids(text) == [first[1]] + [e for _, e in rest], text


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    cites=st.lists(provision(), min_size=1, max_size=3),
    act=st.sampled_from(
        [" of the Data Protection Act 2018", " of the Police Act 1996", " RIPA", " of the Terrorism Act 2000", " of the DPA"]
    ),
)
def test_generated_other_act_lists_are_not_foia(cites, act) -> None:
    text = "sections " + " and ".join(n for n, _ in cites) + act
    assert ids(text) == [], text


# --------------------------------------------------------------------------- relied on (issue 15)


@pytest.mark.parametrize(
    "text, relied",
    [
        ("Section 30(3) removes the duty to confirm or deny for information that is exempt under section 30(1) or (2).", ["s30(3)"]),
        ("Section 30(3) applies to information which is, or would be if it were held, exempt under section 30(1) or (2).", ["s30(3)"]),
        ("Section 23(5) applies to information supplied by any of the bodies listed in section 23(3).", ["s23(5)"]),
        ("Such information would be exempt under section 30(2) if it were held.", []),
        ("A trade secret, as defined in section 84, is not in point.", []),
        # A claim in the main clause stays a claim (the withholding-subsection rule needs it).
        ("The information is exempt under section 31(1).", ["s31(1)"]),
        ("We rely on sections 24(2) and 31(3).", ["s24(2)", "s31(3)"]),
    ],
)
def test_provisions_named_to_explain_another_are_not_relied_on(text, relied):
    from ncnd_check.analysis.citations import relied_citations

    assert [c.id for c in relied_citations(find_in_text(text), [text])] == relied
