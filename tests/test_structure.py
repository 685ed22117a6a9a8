"""Headings -> canonical sections, and factor groups tied to their exemption, in every format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from ncnd_check.analysis import analyse
from ncnd_check.analysis.structure import classify_heading_text, factor_direction, load_section_rules
from ncnd_check.readers import read_bytes
from ncnd_check.readers.text import read_text_str
from tests import convert

HEADINGS = [
    ("Request", "request"),
    ("Your request", "request"),
    ("Applicable Exemptions:", "applicable-exemptions"),
    ("Exemptions relied upon", "applicable-exemptions"),
    ("Harm in Confirming or Denying that Information is held", "harm"),
    ("Evidence of Harm:", "harm"),
    ("Overall harm for the NCND", "harm"),
    ("Harm Test", "harm"),
    ("Evidence of Harm Section 24", "harm"),
    ("Harm in complying with S1(1)(a) - to confirm or not whether information is held", "harm"),
    ("Public Interest Considerations", "public-interest"),
    ("Public Interest Test", "public-interest"),
    ("Factors favouring complying with Section 1(1)(a) confirming that information is held:", "factors-for"),
    ("Factors favouring confirmation or denial", "factors-for"),
    ("Public interest considerations favouring confirming or denying", "factors-for"),
    ("Factors favouring disclosure", "factors-for"),
    ("Section 31(1) Public interest considerations favouring disclosure", "factors-for"),
    ("Factors against complying with Section 1(1)(a) neither confirming nor denying that information is held:", "factors-against"),
    ("Factors against confirmation or denial", "factors-against"),
    ("Factors favouring non disclosure", "factors-against"),
    ("Factors favouring neither confirming nor denying", "factors-against"),
    ("Factors favouring Section 31", "factors-against"),
    ("Balancing Test", "balancing-test"),
    ("Balance Test", "balancing-test"),
    ("Balancing the public interest", "balancing-test"),
    ("3. Balancing Test", "balancing-test"),
    ("BALANCING TEST", "balancing-test"),
    ("Conclusion", "conclusion"),
    ("Complaint rights", None),
    ("Section 24(2) National Security", None),
    ("Yours sincerely", None),
]


@pytest.mark.parametrize("heading,section", HEADINGS)
def test_heading_variants(heading: str, section: str | None) -> None:
    assert classify_heading_text(heading) == section


@pytest.mark.parametrize(
    "cell,direction",
    [
        ("Favouring confirmation or denial", "for"),
        ("Against confirmation or denial", "against"),
        ("For", "for"),
        ("Against", "against"),
        ("Factors favouring non-disclosure", "against"),
        ("Year", None),
    ],
)
def test_table_header_direction(cell: str, direction: str | None) -> None:
    assert factor_direction(cell) == direction


DRAFT = """# Request

Does the force use drones at protests?

# Response

The force can neither confirm nor deny that it holds the information by virtue of Section 24(2) National Security and Section 31(3) Law Enforcement.

# Harm

To confirm or deny would reveal capability that would be useful to offenders. The balancing test below explains more.

# Public Interest Considerations

## Section 24(2) National Security

### Factors favouring confirmation or denial

The public would be reassured.

### Factors against confirmation or denial

Terrorists would learn where drones are not used.

## Section 31(3) Law Enforcement

### Factors favouring confirmation or denial

### Factors against confirmation or denial

Offenders would move.

# Balancing Test

The balance favours neither confirming nor denying that information is held.
"""


def _read(md: str, fmt: str):
    if fmt == "text":
        return read_text_str(convert.to_text(md))
    if fmt == "html":
        return read_bytes(convert.to_html(md).encode(), "draft.html", "html")
    return read_bytes(convert.to_docx(md), "draft.docx", "docx")


@pytest.mark.parametrize("fmt", ["text", "html", "docx"])
def test_per_exemption_headings_tie_factor_groups(fmt: str) -> None:
    analysis = analyse(_read(DRAFT, fmt))
    groups = [(g.direction, g.exemption, g.is_empty) for g in analysis.factors]
    assert groups == [
        ("for", "s24(2)", False),
        ("against", "s24(2)", False),
        ("for", "s31(3)", True),  # a heading with no content before the next heading is EMPTY
        ("against", "s31(3)", False),
    ]
    assert analysis.section_names == [
        "request", "harm", "public-interest", "factors-for", "factors-against", "balancing-test",
    ]
    # Body text that mentions "balancing test" is not a heading.
    harm_body = next(b for b in analysis.document.blocks if "balancing test below" in b.text)
    assert analysis.section_of(harm_body.index) == "harm"


def test_factor_heading_naming_its_own_exemption() -> None:
    md = """Section 24(2) National Security

Section 31(1) Public interest considerations favouring disclosure

Disclosure would aid debate.
"""
    analysis = analyse(read_text_str(md))
    assert [(g.direction, g.exemption) for g in analysis.factors] == [("for", "s31(1)")]


def test_inline_lead_ins_carry_their_content() -> None:
    md = (
        "Section 31(3) Law Enforcement\n\n"
        "Factors favouring confirmation or denial: The public would know how crime is tackled.\n\n"
        "Factors against confirmation or denial: Offenders would adapt.\n\n"
        "Balancing Test: The balance favours neither confirming nor denying.\n"
    )
    for fmt in ("text", "html", "docx"):
        analysis = analyse(_read(md, fmt))
        assert [(g.direction, g.exemption, g.layout, g.is_empty) for g in analysis.factors] == [
            ("for", "s31(3)", "lead-in", False),
            ("against", "s31(3)", "lead-in", False),
        ], fmt
        assert analysis.conclusions and analysis.conclusions[0].verdict == "ncnd"


def test_two_column_table_and_first_column_table() -> None:
    columns = """Section 30(3) Investigations

| Favouring confirmation or denial | Against confirmation or denial |
|---|---|
| Public concern about the fire. | It would alert suspects. |
| Accountability. | |
"""
    rows = """Section 31(3) Law Enforcement

| Factors for | Openness about tactics. |
| Factors against | Offenders would adapt. |
"""
    for fmt in ("text", "html", "docx"):
        a = analyse(_read(columns, fmt))
        assert [(g.direction, g.exemption, len(g.blocks), g.layout) for g in a.factors] == [
            ("for", "s30(3)", 2, "table"),
            ("against", "s30(3)", 1, "table"),
        ], fmt
        b = analyse(_read(rows, fmt))
        assert [(g.direction, g.exemption, len(g.blocks)) for g in b.factors] == [
            ("for", "s31(3)", 1),
            ("against", "s31(3)", 1),
        ], fmt


def test_exemption_per_row_table() -> None:
    md = """Public Interest Test

| Exemption | Favouring confirmation or denial | Against confirmation or denial |
|---|---|---|
| Section 24(2) | Reassurance. | Terrorists would learn. |
| Section 31(3) | Openness. | Offenders would adapt. |
"""
    a = analyse(read_text_str(md))
    assert sorted((g.direction, g.exemption, len(g.blocks)) for g in a.factors) == [
        ("against", "s24(2)", 1),
        ("against", "s31(3)", 1),
        ("for", "s24(2)", 1),
        ("for", "s31(3)", 1),
    ]


def test_html_bold_paragraph_headings() -> None:
    html = b"""<html><body>
<p><b>Harm in confirming or denying</b></p>
<p>To confirm or deny would reveal capability.</p>
<p><strong>Factors favouring confirmation or denial</strong></p>
<p>The public would be reassured.</p>
<p><strong>Factors against confirmation or denial</strong></p>
<p>Offenders would adapt.</p>
<p><b>Balance Test</b></p>
<p>The balance favours neither confirming nor denying.</p>
</body></html>"""
    a = analyse(read_bytes(html, "draft.html", "html"))
    assert a.section_names == ["harm", "factors-for", "factors-against", "balancing-test"]
    assert [g.direction for g in a.factors if not g.is_empty] == ["for", "against"]


def test_request_echo_without_a_heading() -> None:
    md = "b) Number of new Office 365 accounts purchased\n\nApplicable Exemptions:\n\nSection 24(2) National Security\n"
    a = analyse(read_text_str(md))
    assert a.section_names[:2] == ["request", "applicable-exemptions"]


def test_exemption_list_lines_do_not_head_the_argument() -> None:
    md = """Kent Police can neither confirm nor deny that it holds the information by virtue of the following exemptions:

Section 24(2) National Security

Section 31(3) Law Enforcement

Harm

Confirming or denying would reveal where cameras are.
"""
    a = analyse(read_text_str(md))
    harm = a.sections_named("harm")[0]
    assert harm.exemption is None  # generic: it argues both, not just the last one listed


def test_house_style_headings_come_from_data(tmp_path) -> None:
    import tomllib

    from ncnd_check.analysis import structure

    data = (structure.__file__.rsplit("/", 1)[0]) + "/sections.toml"
    text = open(data, encoding="utf-8").read().replace(
        "  '\\bharms?\\b',", "  '\\bharms?\\b',\n  '^why we cannot say\\b',"
    )
    custom = tmp_path / "sections.toml"
    custom.write_text(text, encoding="utf-8")
    tomllib.loads(text)
    rules = load_section_rules(str(custom))
    assert classify_heading_text("Why we cannot say", rules) == "harm"
    assert classify_heading_text("Why we cannot say") is None


def test_section_heading_naming_an_exemption_scopes_the_factors_below() -> None:
    md = """Public Interest Test - Section 24(2)

Factors favouring confirmation or denial

Reassurance.

Factors against confirmation or denial

Terrorists would learn.

Public Interest Test - Section 31(3)

Factors favouring confirmation or denial

Openness.

Factors against confirmation or denial

Offenders would adapt.

Public Interest Test

Factors against confirmation or denial

Both: the mosaic effect.
"""
    a = analyse(read_text_str(md))
    assert [(g.direction, g.exemption) for g in a.factors] == [
        ("for", "s24(2)"),
        ("against", "s24(2)"),
        ("for", "s31(3)"),
        ("against", "s31(3)"),
        ("against", None),
    ]


def test_sibling_withholding_heading_argues_the_same_interest() -> None:
    from ncnd_check.analysis.argument import covers

    assert covers("s31(1)", "s31(3)")  # "Section 31(1) Evidence of Harm" in an NCND letter
    assert covers("s24", "s24(2)")
    assert covers(None, "s24(2)")
    assert not covers("s31(3)", "s24(2)")
    assert not covers("s30(3)", "s31(3)")


_PIECES = [
    "Request", "Applicable Exemptions:", "Section 24(2) National Security", "Section 31(3) Law Enforcement:",
    "Harm in confirming or denying", "Public Interest Test", "Factors favouring confirmation or denial:",
    "Factors against confirmation or denial", "Balancing Test", "BALANCE TEST", "Complaint rights",
    "The balance favours neither confirming nor denying.", "Offenders would adapt.", "None",
    "Factors favouring confirmation or denial: The public would know.", "| For | Against |", "| a | b |",
    "We can neither confirm nor deny any other information.", "Please find attached the figures.",
    "Question 2", "1. A numbered factor.", "- a bullet", "This should not be taken as an indication either way.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_any_arrangement_gives_a_consistent_analysis(pieces: list[str]) -> None:
    analysis = analyse(read_text_str("\n\n".join(pieces)))
    n = len(analysis.document.blocks)
    assert len(analysis.block_sections) == n
    assert analysis.ncnd_blocks <= set(range(n))
    assert analysis.response_type in ("ncnd", "partial-ncnd", "other")
    assert (analysis.response_type == "other") == (not analysis.ncnd_blocks)
    for g in analysis.factors:
        assert all(0 <= b < n for b in g.blocks)
        assert g.direction in ("for", "against")
    for c in analysis.conclusions:
        assert c.verdict in ("ncnd", "confirm", "disclosure-test", "unclear")


def test_a_long_draft_is_read_whole_across_tokenising_chunks() -> None:
    # The analysis streams the blocks through the pipeline and keeps no Docs:
    # citations and sentences past a batch boundary keep their block numbers.
    filler = [f"Paragraph {i} says nothing in particular." for i in range(600)]
    text = "\n\n".join(filler + ["The duty to confirm or deny does not arise by virtue of section 24(2)."] + filler[:10])
    analysis = analyse(read_text_str(text))
    [citation] = [c for c in analysis.citations if c.id == "s24(2)"]
    assert citation.block == 600
    assert analysis.exemptions == ("s24(2)",)
    assert sorted({s.block for s in analysis.sentences}) == list(range(611))
