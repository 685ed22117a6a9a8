"""The statute table: complete, consistent, and as DOMAIN.md describes the law."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from ncnd_check import law
from ncnd_check.settings import Settings

PART_II = ["21", "22", "22A", "23", "24", "26", "27", "28", "29", "30", "31", "32", "33",
           "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44"]

#: DOMAIN.md 1.3: withholding subsection -> NCND subsection.
PAIRS = {
    "s22(1)": ["s22(2)"], "s22A(1)": ["s22A(2)"], "s23(1)": ["s23(5)"], "s24(1)": ["s24(2)"],
    "s26(1)": ["s26(3)"], "s27(1)": ["s27(4)"], "s27(2)": ["s27(4)"], "s28(1)": ["s28(3)"],
    "s29(1)": ["s29(2)"], "s30(1)": ["s30(3)"], "s30(2)": ["s30(3)"], "s31(1)": ["s31(3)"],
    "s32(1)": ["s32(3)"], "s32(2)": ["s32(3)"], "s33(2)": ["s33(3)"], "s34(1)": ["s34(2)"],
    "s35(1)": ["s35(3)"], "s36(2)": ["s36(3)"], "s37(1)": ["s37(2)"], "s38(1)": ["s38(2)"],
    "s39(1)": ["s39(2)"], "s40(1)": ["s40(5A)"], "s40(2)": ["s40(5B)"], "s41(1)": ["s41(2)"],
    "s42(1)": ["s42(2)"], "s43(2)": ["s43(3)"], "s44(1)": ["s44(2)"],
    "s43(1)": [], "s21(1)": [],
}
NCND = ["s22(2)", "s22A(2)", "s23(5)", "s24(2)", "s26(3)", "s27(4)", "s28(3)", "s29(2)", "s30(3)",
        "s31(3)", "s32(3)", "s33(3)", "s34(2)", "s35(3)", "s36(3)", "s37(2)", "s38(2)", "s39(2)",
        "s40(5A)", "s40(5B)", "s41(2)", "s42(2)", "s43(3)", "s44(2)"]
REQUIRED = ("title", "aliases", "part_ii", "ncnd", "withholding", "status", "basis",
            "harm_expected", "pit_required", "police_use", "notes", "sources")


def raw_table() -> dict:
    return tomllib.loads(resources.files("ncnd_check.law").joinpath("statute.toml").read_text("utf-8"))


def test_every_part_ii_exemption_is_there_with_every_field() -> None:
    table = raw_table()["exemptions"]
    assert sorted(table, key=law.sort_key) == PART_II
    for section, row in table.items():
        missing = [f for f in REQUIRED if f not in row]
        assert not missing, f"s{section} lacks {missing}"
        assert row["status"] in law.STATUSES, section
        assert row["basis"] in law.BASES, section
        assert row["sources"] and all(u.startswith("http") for u in row["sources"]), section
        for ncnd in row["ncnd"]:
            assert ncnd in row.get("mirrors", {}), f"{ncnd} says nothing of what it mirrors"


def test_ncnd_subsections_are_the_domain_list() -> None:
    found = sorted((n for ex in law.exemptions().values() for n in ex.ncnd), key=law.sort_key)
    assert found == NCND
    assert all(law.is_ncnd_subsection(n) for n in NCND)
    assert law.exemption("21").ncnd == () and not law.has_ncnd("s21")


@pytest.mark.parametrize("withholding, ncnd", PAIRS.items())
def test_withholding_maps_to_its_ncnd_subsection(withholding: str, ncnd: list[str]) -> None:
    assert law.ncnd_for_withholding(withholding) == ncnd
    assert law.is_withholding_subsection(withholding)
    assert not law.is_ncnd_subsection(withholding)


@pytest.mark.parametrize("ncnd", NCND)
def test_ncnd_maps_back_to_its_withholding_limbs(ncnd: str) -> None:
    expected = sorted((w for w, ns in PAIRS.items() if ncnd in ns), key=law.sort_key)
    assert sorted(law.withholding_for_ncnd(ncnd), key=law.sort_key) == expected
    for withholding in expected:
        assert ncnd in law.ncnd_for_withholding(withholding)


def test_legacy_40_5_is_ncnd_but_flagged() -> None:
    assert law.is_ncnd_subsection("s40(5)")
    assert law.is_legacy("s40(5)") and not law.is_legacy("s40(5B)")
    assert law.withholding_for_ncnd("s40(5)") == ["s40(1)", "s40(2)"]
    assert "s40(5)" not in law.ncnd_for_withholding("s40(2)")


def test_absolute_provisions_are_those_of_section_2_3() -> None:
    # s2(3): s21, s23, s32, s34, s36 (Parliament only), s37 royal limbs, s40 limbs, s41, s44.
    absolute = {s for s, ex in law.exemptions().items() if ex.status == "absolute"}
    assert absolute == {"21", "23", "32", "34", "41", "44"}
    partly = {s for s, ex in law.exemptions().items() if ex.status == "partly-absolute"}
    assert partly == {"36", "37", "40"}
    for ncnd in ("s23(5)", "s32(3)", "s34(2)", "s41(2)", "s44(2)", "s40(5A)"):
        assert law.is_absolute(ncnd) and not law.needs_pit(ncnd), ncnd
    for royal in ("s37(1)(a)", "s37(1)(aa)", "s37(1)(ab)"):
        assert law.is_absolute(royal), royal
    assert not law.is_absolute("s37(1)(b)")  # honours: qualified
    assert not law.is_absolute("s36(3)")  # absolute only for the Houses of Parliament
    assert "House of Commons" in law.exemption("36").absolute_when
    assert "(a) to (ab)" in law.exemption("37").absolute_when
    assert law.is_absolute("s40(1)") and law.is_absolute("s40(2)")
    qualified = [n for n in NCND if n not in ("s23(5)", "s32(3)", "s34(2)", "s41(2)", "s44(2)",
                                              "s40(5A)", "s40(5B)")]
    for ncnd in qualified:
        assert not law.is_absolute(ncnd) and law.needs_pit(ncnd), ncnd


def test_40_5b_follows_the_setting() -> None:
    limb = law.exemption("40").limbs["5B"]
    assert limb.configurable and limb.ico_view == "absolute" and limb.tribunal_view == "qualified"
    assert law.is_absolute("s40(5B)") and not law.needs_pit("s40(5B)", Settings())
    assert not law.is_absolute("s40(5B)", pit_for_40_5b=True)
    assert law.needs_pit("s40(5B)(a)(i)", Settings(pit_for_40_5b=True))
    assert law.needs_pit("s40(5)", Settings(pit_for_40_5b=True)) and not law.needs_pit("s40(5)")


def test_harm_and_basis() -> None:
    for ncnd in ("s22A(2)", "s24(2)", "s26(3)", "s28(3)", "s29(2)", "s31(3)", "s33(3)", "s36(3)",
                 "s38(2)", "s43(3)", "s27(4)"):
        assert law.needs_harm(ncnd), ncnd
    for ncnd in ("s22(2)", "s23(5)", "s30(3)", "s32(3)", "s34(2)", "s35(3)", "s37(2)", "s39(2)",
                 "s40(5B)", "s41(2)", "s42(2)", "s44(2)"):
        assert not law.needs_harm(ncnd), ncnd
    assert law.basis("s24(2)") == "required-for"
    assert law.basis("s27(4)") == "mixed"
    assert law.basis("s27(4)(a)") == "prejudice" and law.basis("s27(4)(b)") == "class"
    assert not law.needs_harm("s27(4)(b)")
    assert law.basis("s38(2)") == "endangerment"
    assert law.basis("s43(1)") == "class" and law.basis("s43(3)") == "prejudice"


def test_titles_as_forces_write_them() -> None:
    assert law.title("24") == "National Security"
    assert law.title("s31(3)") == "Law Enforcement"
    assert law.title("30") == "Investigations and Proceedings"
    assert law.title("40") == "Personal Information"
    assert law.title("38") == "Health and Safety"
    assert law.title("22a") == "Research"
    assert law.title("17") == "Refusal of Request"
    assert law.title("99") is None


def test_part_ii_and_non_exemptions() -> None:
    assert all(law.is_part_ii(s) for s in PART_II)
    for s in ("s1(1)(a)", "s1(1)(b)", "s2", "s10", "s12", "s14", "s16", "s17(1)", "s17(4)", "s25"):
        assert not law.is_part_ii(s) and not law.is_exemption_id(s) and law.is_foia_section(s), s
        assert law.provision(s) is not None
    assert law.is_exemption_id("s24(2)") and law.is_exemption_id("s99")
    assert not law.is_foia_section("s99")
    with pytest.raises(KeyError):
        law.exemption("12")


def test_police_notes() -> None:
    assert "never" in law.exemption("35").police_use
    assert "43(1)" in law.exemption("43").notes


def test_parse_and_sort() -> None:
    parsed = law.parse_id("S.40(5b)(A)(i)")
    assert (parsed.id, parsed.full) == ("s40(5B)", "s40(5B)(a)(i)")
    assert law.parse_id("not a section") is None
    ids = ["s31(3)", "s22A(2)", "s24", "s24(2)", "s22(2)", "s24(1)", "s40(5B)", "s40(5)", "s40(5A)"]
    assert sorted(ids, key=law.sort_key) == [
        "s22(2)", "s22A(2)", "s24", "s24(1)", "s24(2)", "s31(3)", "s40(5)", "s40(5A)", "s40(5B)"
    ]


def test_sources_are_the_domain_urls() -> None:
    # Every source must appear in DOMAIN.md when it is here, so the table cites what the brief read.
    from conftest import shared_path

    # DOMAIN.md writes some hosts with a trailing dot ("ico.org.uk./"); the table does not.
    domain = shared_path("DOMAIN.md").read_text("utf-8").replace(".uk./", ".uk/")
    table = raw_table()
    for section, row in table["exemptions"].items():
        for url in row["sources"]:
            if "legislation.gov.uk/ukpga/2000/36/section/" in url and url.startswith("https://www"):
                continue  # the canonical statute URL, which DOMAIN.md gives as a pattern
            assert url in domain, f"s{section}: {url}"


def test_is_qualified_follows_the_pit_and_the_40_5b_setting():
    assert law.is_qualified("s31(3)", Settings()) and law.is_qualified("s24(2)")
    assert not law.is_qualified("s23(5)", Settings())
    assert not law.is_qualified("s40(5B)", Settings())
    assert law.is_qualified("s40(5B)", Settings(pit_for_40_5b=True))
    assert not law.is_qualified("s17(1)") and not law.is_qualified("s99(1)")


def test_is_prejudice_based():
    assert law.is_prejudice_based("s31(3)") and law.is_prejudice_based("s38(2)")
    assert not law.is_prejudice_based("s23(5)") and not law.is_prejudice_based("s17(1)")


def test_section_name_and_label():
    assert law.section_name("s24(2)") == "Section 24(2)"
    assert law.section_name("s40(5B)(a)(i)") == "Section 40(5B)(a)(i)"
    assert law.label("s24(2)") == "Section 24(2) (National Security)"
    assert law.label("s99(1)") == "Section 99(1)"


def test_several_provisions_are_named_as_a_letter_names_them():
    assert law.sections_named(["s31(3)"]) == "Section 31(3)"
    assert law.sections_named(["s31(3)", "s30(3)"]) == "Section 31(3) or 30(3)"
    assert law.sections_named(["s23(5)", "s24(2)"], "and") == "Section 23(5) and 24(2)"
    assert law.sections_named([]) == ""
