"""Document hygiene (NCND8xx): what a DOCX carries besides the letter."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from convert import to_docx, to_html, to_text
from docx_factory import build_docx, commented, del_, heading, ins, paragraph, run
from ncnd_check.engine import check_bytes
from ncnd_check.rules.hygiene import looks_like_person
from ncnd_check.settings import Settings

CATEGORY = "document-hygiene"
NCND = (
    "Kent Police can neither confirm nor deny that it holds the information you requested, as the duty in "
    "Section 1(1)(a) does not apply by virtue of Section 31(3) Law Enforcement."
)


def _hygiene(data: bytes, name: str = "draft.docx"):
    result = check_bytes(data, name, settings=Settings())
    assert result.error is None
    return [f for f in result.findings if f.category == CATEGORY]


def _docx(*paragraphs, **kwargs) -> bytes:
    return build_docx(heading("Response", 1) + "".join(paragraphs), **kwargs)


def test_tracked_changes_one_finding_per_author_and_kind():
    data = _docx(
        paragraph(NCND),
        paragraph("The force ", del_("does not use Office 365", author="Jane Smith"), ins("may or may not hold information", author="Jane Smith"), "."),
        paragraph("Balance: ", ins("neither confirming nor denying", author="A Reviewer"), "."),
        paragraph("Also ", del_("we checked with IT", author="Jane Smith"), "."),
    )
    found = [f for f in _hygiene(data) if f.rule == "NCND801"]
    groups = sorted((f.message, f.location.block) for f in found)
    assert groups == [
        ("1 tracked insertion by A Reviewer still in the file", 3),
        ("1 tracked insertion by Jane Smith still in the file", 2),
        ("2 tracked deletions by Jane Smith still in the file", 2),
    ]
    deletion = next(f for f in found if "deletions" in f.message)
    assert "does not use Office 365" in deletion.evidence and "we checked with IT" in deletion.evidence
    assert "Accept All" in deletion.suggestion and deletion.severity == "error"


def test_comments_with_author_text_and_anchor():
    data = _docx(
        paragraph(NCND),
        paragraph("To confirm or deny whether ", commented("the force uses drones", 7), " would harm law enforcement."),
        comments=[{"id": 7, "author": "J Bloggs", "date": "2025-02-01T09:00:00Z", "text": "We don't have any drones - is NCND right?"}],
    )
    found = [f for f in _hygiene(data) if f.rule == "NCND802"]
    assert len(found) == 1
    f = found[0]
    assert f.location.block == 2 and "J Bloggs" in f.message and "the force uses drones" in f.message
    assert f.evidence == "We don't have any drones - is NCND right?" and f.severity == "error"


def test_hidden_text_and_highlight():
    data = _docx(
        paragraph(NCND, run(" (we hold 12 of these)", hidden=True)),
        paragraph("The balance ", run("favours neither confirming nor denying", highlight="yellow"), "."),
    )
    found = {f.rule: f for f in _hygiene(data)}
    assert set(found) == {"NCND803", "NCND804"}
    assert found["NCND803"].location.block == 1 and found["NCND803"].evidence == "(we hold 12 of these)"
    assert found["NCND804"].location.block == 2 and "yellow" in found["NCND804"].message
    assert found["NCND803"].severity == found["NCND804"].severity == "warning"


@pytest.mark.parametrize(
    "core, app, reported",
    [
        ({"creator": "Jane Smith", "lastModifiedBy": "Microsoft Office User"}, {"Company": "Kent Police"}, ["creator"]),
        ({"creator": "FOI Team", "lastModifiedBy": "jsmith01"}, {}, ["lastModifiedBy"]),
        ({"creator": "", "lastModifiedBy": "Information Management Unit"}, {"Company": "Kent Police"}, []),
        ({"creator": "Kent Police"}, {"Template": r"C:\Users\jsmith\AppData\Roaming\Microsoft\Templates\NCND.dotm"}, ["template"]),
        ({"creator": "Windows User"}, {"Template": "Normal.dotm"}, []),
    ],
)
def test_personal_metadata(core, app, reported):
    data = _docx(paragraph(NCND), core=core, app=app)
    found = [f for f in _hygiene(data) if f.rule == "NCND805"]
    assert sorted(f.evidence.split(" = ")[0].lower() for f in found) == sorted(k.lower() for k in reported)
    assert all(f.location.block is None and f.severity == "warning" and "Inspect Document" in f.suggestion for f in found)


@pytest.mark.parametrize(
    "value, person",
    [
        ("Jane Smith", True), ("J Smith", True), ("Smith, Jane", True), ("jane.smith@kent.police.uk", True),
        ("jsmith01", True), ("Microsoft Office User", False), ("FOI Team", False), ("West Midlands Police", False),
        ("python-docx", False), ("", False), ("foi@kent.police.uk", False), ("Disclosure Manager", False),
        ("Costa da Silva, Raniere", True), ("Raphaël Goubet", True), ("TORIN Alberto", True), ("Allison, Timothy B.", True),
        ("Your User Name", False), ("North Yorkshire", False), ("IT HQ", False), ("Online2PDF.com", False),
    ],
)
def test_looks_like_person(value, person):
    assert looks_like_person(value) is person


def test_a_clean_docx_has_no_hygiene_finding():
    md = (FIXTURES / "leaks" / "clean_kent_drones.md").read_text(encoding="utf-8")
    assert _hygiene(to_docx(md)) == []
    assert _hygiene(_docx(paragraph(NCND), core={"creator": "Kent Police FOI", "lastModifiedBy": ""})) == []


def test_text_and_html_drafts_give_no_hygiene_finding():
    md = (FIXTURES / "leaks" / "clean_kent_drones.md").read_text(encoding="utf-8")
    html = to_html(md).replace("<p>", '<p><span style="display:none">hidden note</span><mark>marked</mark>', 1)
    assert _hygiene(html.encode(), "draft.html") == []
    assert _hygiene(to_text(md).encode(), "draft.txt") == []


def test_hygiene_runs_for_every_response_type():
    # A disclosure letter (type "other") with a comment still in it.
    data = _docx(
        paragraph("I can confirm that the force holds the information. ", commented("The figures are below.", 1)),
        comments=[{"id": 1, "author": "A Reviewer", "date": "2025-01-01T00:00:00Z", "text": "check"}],
    )
    result = check_bytes(data, "d.docx", settings=Settings())
    assert result.response["type"] == "other"
    assert [f.rule for f in result.findings if f.category == CATEGORY] == ["NCND802"]
