"""Template residue (NCND7xx): placeholders, another authority, template mode, subject mismatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, shared_path
from convert import to_text, write_all
from docx_factory import build_docx, heading, paragraph, run, sdt
from ncnd_check.analysis.authorities import authorities, find_mentions, resolve
from ncnd_check.analysis.placeholders import find_placeholders, looks_like_placeholder
from ncnd_check.engine import check_bytes, check_file, check_text
from ncnd_check.settings import Settings

FORMATS = ("text", "html", "docx")
CATEGORY = "template-residue"


def _result(name: str, tmp_path: Path, fmt: str, **settings):
    md = (FIXTURES / "residue" / f"{name}.md").read_text(encoding="utf-8")
    result = check_file(write_all(md, tmp_path, name)[fmt], Settings(**settings))
    assert result.error is None
    return result


def _residue(result) -> list[tuple[str, int | None, str | None]]:
    return [(f.rule, f.location.block, f.evidence) for f in result.findings if f.category == CATEGORY]


def _block(result, snippet: str) -> int:
    return next(b.index for b in result.analysis.document.blocks if snippet in b.text)


# --- The authority table ------------------------------------------------------------


def test_table_has_every_territorial_force_and_the_special_ones():
    police = [a for a in authorities() if a.kind == "police"]
    assert len(police) == 48  # 43 in England and Wales + Police Scotland, PSNI, BTP, CNC, MDP
    names = {a.name for a in police}
    assert {"Police Scotland", "Police Service of Northern Ireland", "British Transport Police"} <= names
    assert len({a.name for a in authorities()}) == len(authorities())


@pytest.mark.parametrize(
    "text, name",
    [
        ("WMP holds", "West Midlands Police"),
        ("The Met will not", "Metropolitan Police Service"),
        ("the MPS", "Metropolitan Police Service"),
        ("GMP officers", "Greater Manchester Police"),
        ("the PSNI", "Police Service of Northern Ireland"),
        ("Avon & Somerset Constabulary", "Avon and Somerset Constabulary"),
        ("DYFED POWYS POLICE", "Dyfed-Powys Police"),
        ("the ICO", "Information Commissioner's Office"),
    ],
)
def test_short_forms_are_found(text, name):
    assert [m.authority.name for m in find_mentions(text)] == [name]


@pytest.mark.parametrize("text", ["we met the deadline", "see www.wmp.police.uk/foi", "gmp is lower case", "Kentish Town"])
def test_words_that_only_look_like_names_are_not(text):
    assert find_mentions(text) == ()


def test_configured_names_resolve_to_the_table():
    assert resolve("wmp").name == "West Midlands Police"
    assert resolve("kent police").name == "Kent Police"
    assert resolve("Isle of Man Constabulary").kind == "configured"
    assert resolve("") is None


# --- Placeholders -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        ("reference FOI/XXXX dated dd/mm/yyyy", ["XXXX", "dd/mm/yyyy"]),
        ("[INSERT DATE] and [Force name] and [name]", ["[INSERT DATE]", "[Force name]", "[name]"]),
        ("<<Requester>> {{subject}} {authority} «FirstName»", ["<<Requester>>", "{{subject}}", "{authority}", "«FirstName»"]),
        ("Response due: TBC", ["TBC"]),
        ("Date: DD/MM/YY", ["DD/MM/YY"]),
        ("Click or tap here to enter text.", ["Click or tap here to enter text."]),
    ],
)
def test_placeholder_forms(text, found):
    assert [p.text for p in find_placeholders(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "See Hargan v IC [2025] UKFTT 984 and the words [sic] and [redacted].",
        "The duty at Section 1(1)(a) [confirm or deny] does not apply.",
        "Windows XP was retired; the Xbox is not relevant.",
        "The request was tabled at the committee (tbc in the minutes).",
    ],
)
def test_ordinary_brackets_and_words_are_not_placeholders(text):
    assert find_placeholders(text) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_placeholders_left_in_a_letter(tmp_path, fmt):
    result = _result("placeholders", tmp_path, fmt)
    found = _residue(result)
    assert {e for r, _, e in found if r == "NCND701"} == {
        "XXXX", "<<Requester name>>", "dd/mm/yyyy", "[INSERT SUBJECT OF REQUEST]", "[Force name]",
        "{{officer_name}}", "{authority}",
    }
    assert ("NCND701", _block(result, "[Force name] can neither"), "[Force name]") in found
    assert all(f.severity == "error" for f in result.findings if f.rule == "NCND701")


@pytest.mark.parametrize("fmt", FORMATS)
def test_template_mode_accepts_the_library_placeholders(tmp_path, fmt):
    assert _residue(_result("template_good", tmp_path, fmt, mode="template")) == []
    # ...which are residue in a letter.
    letter = _residue(_result("template_good", tmp_path, fmt))
    assert {e for r, _, e in letter if r == "NCND701"} == {"{reference}", "{requester}", "{date}", "{subject}", "{authority}"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_template_mode_reports_misspelt_unbalanced_and_real_force(tmp_path, fmt):
    result = _result("template_bad", tmp_path, fmt, mode="template")
    by_rule = {r: (b, f) for r, b, f in _residue(result)}
    assert set(by_rule) == {"NCND705", "NCND706", "NCND707"}
    misspelt = next(f for f in result.findings if f.rule == "NCND705")
    assert misspelt.evidence == "{authorty}" and "{authority}" in misspelt.message + misspelt.suggestion
    assert by_rule["NCND706"][0] == _block(result, "{subject.")
    assert by_rule["NCND707"][0] == _block(result, "whether West Midlands Police holds")


def test_template_mode_reports_foreign_placeholder_forms():
    result = check_text("Dear [INSERT NAME],\n\nThank you for your request.", settings=Settings(mode="template"))
    assert [(f.rule, f.evidence) for f in result.findings if f.category == CATEGORY] == [("NCND705", "[INSERT NAME]")]


def test_highlight_and_content_control_placeholders_in_docx():
    data = build_docx(
        heading("Response", 1)
        + paragraph("Thank you for your request dated ", run("INSERT DATE", highlight="yellow"), ".")
        + paragraph("Reference: ", sdt("Click or tap here to enter text.", placeholder=True))
        + paragraph("The balance ", run("favours neither confirming nor denying", highlight="green"), "."),
    )
    result = check_bytes(data, "draft.docx", settings=Settings())
    placeholders = [(f.rule, f.location.block, f.evidence) for f in result.findings if f.rule == "NCND701"]
    assert placeholders == [("NCND701", 1, "INSERT DATE"), ("NCND701", 2, "Click or tap here to enter text.")]
    # The highlighted wording is hygiene, not residue.
    assert [(f.rule, f.location.block) for f in result.findings if f.rule == "NCND804"] == [("NCND804", 3)]


def test_looks_like_placeholder():
    assert looks_like_placeholder("FORCE NAME")
    assert looks_like_placeholder("[date]")
    assert not looks_like_placeholder("the balance favours neither confirming nor denying")


# --- Another authority ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_another_force_as_the_responding_body(tmp_path, fmt):
    result = _result("other_force", tmp_path, fmt, authority="Kent Police")
    wmp = _block(result, "West Midlands Police can neither")
    assert [(r, b) for r, b, _ in _residue(result)] == [("NCND702", wmp)]
    finding = next(f for f in result.findings if f.rule == "NCND702")
    assert "West Midlands Police" in finding.message and "Kent Police" in finding.suggestion
    # The same draft with the other force configured: Kent Police is now the stranger.
    flipped = _result("other_force", tmp_path, fmt, authority="WMP")
    # Letterhead and sign-off name the sender (NCND702, error); the harm and factors naming
    # Kent Police are the argument's own residue (NCND708, a warning).
    assert {r for r, _, _ in _residue(flipped)} == {"NCND702", "NCND708"}
    assert all("Kent Police" in f.message for f in flipped.findings if f.rule in ("NCND702", "NCND708"))
    assert all(f.severity == "warning" for f in flipped.findings if f.rule == "NCND708")


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_responding_bodies_without_a_configured_authority(tmp_path, fmt):
    result = _result("other_force", tmp_path, fmt)
    found = [f for f in result.findings if f.category == CATEGORY]
    assert [(f.rule, f.location.block) for f in found] == [("NCND703", _block(result, "West Midlands Police can neither"))]
    assert "Kent Police" in found[0].message and "West Midlands Police" in found[0].message


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("authority", [None, "Kent Police"])
def test_authorities_named_in_passing_are_fine(tmp_path, fmt, authority):
    assert _residue(_result("passing_mentions", tmp_path, fmt, authority=authority)) == []


def test_other_force_in_a_docx_header_is_reported():
    data = build_docx(
        paragraph("Kent Police can neither confirm nor deny that it holds the information you requested, "
                  "as the duty in Section 1(1)(a) does not apply by virtue of Section 31(3).")
        + paragraph("This should not be taken as an indication that the information is or is not held."),
        headers=["West Midlands Police"],
    )
    result = check_bytes(data, "draft.docx", settings=Settings(authority="Kent Police"))
    assert [(f.rule, f.location.block) for f in result.findings if f.category == CATEGORY] == [("NCND702", None)]


# --- Subject mismatch -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_harm_about_another_subject(tmp_path, fmt):
    result = _result("subject_mismatch", tmp_path, fmt)
    found = [f for f in result.findings if f.rule == "NCND704"]
    assert [f.location.block for f in found] == [_block(result, "mobile phone extraction kiosks")]
    assert "ANPR cameras" in found[0].evidence and "mobile phone extraction kiosks" in found[0].evidence
    assert found[0].severity == "warning"


def test_generic_harm_text_is_not_a_mismatch():
    md = (FIXTURES / "leaks" / "clean_kent_drones.md").read_text(encoding="utf-8")
    result = check_text(to_text(md))
    assert [f for f in result.findings if f.rule == "NCND704"] == []


def test_seed_harm_text_is_about_another_subject():
    result = check_file(shared_path("seed", "000_a7a05b5f3e6f79d7.txt"), Settings())
    found = [f for f in result.findings if f.rule == "NCND704"]
    assert len(found) == 1
    assert "office 365" in found[0].evidence.lower() and "a certain operating system" in found[0].evidence
    assert found[0].category == CATEGORY
    # No other residue: West Midlands Police is the only responding body.
    assert [f.rule for f in result.findings if f.category == CATEGORY] == ["NCND704"]


def test_placeholder_in_a_docx_footer():
    data = build_docx(
        paragraph("Kent Police can neither confirm nor deny that it holds the information you requested, "
                  "as the duty in Section 1(1)(a) does not apply by virtue of Section 31(3)."),
        footers=["Reference FOI/XXXX"],
    )
    result = check_bytes(data, "draft.docx", settings=Settings())
    assert [(f.rule, f.location.block, f.evidence) for f in result.findings if f.category == CATEGORY] == [
        ("NCND701", None, "XXXX")
    ]


def _analysis(texts: list[str]):
    from ncnd_check.analysis.model import Analysis
    from ncnd_check.document import Block, Document

    blocks = [Block(i, "paragraph", t) for i, t in enumerate(texts)]
    return Analysis(document=Document("<t>", "text", blocks), block_sections=[None] * len(blocks))


FILLER = ["Harm text that names nobody at all and goes on for a while to be long enough."] * 8


@pytest.mark.parametrize(
    "sentence, role, reason",
    [
        ("Essex Police can neither confirm nor deny that it holds the information you requested.", "responding", "ncnd-statement"),
        ("To confirm or deny whether Essex Police uses drones would harm law enforcement.", "responding", "subject"),
        ("It would highlight vulnerabilities within Essex Police to those intent on crime.", "responding", "holder-of"),
        ("Essex Police holds a great deal of sensitive data about its operations and staff.", "responding", "subject"),
        ("Other forces such as Essex Police have received similar requests this year.", "passing", None),
        ("Information is shared with Essex Police and Surrey Police under agreements.", "passing", None),
        ("The ICO has published guidance on when to neither confirm nor deny a request.", "passing", None),
        ("The ICO can neither confirm nor deny that it holds the information you requested.", "responding", "ncnd-statement"),
    ],
)
def test_roles_of_authority_mentions(sentence, role, reason):
    from ncnd_check.analysis.authorities import role_mentions

    mentions = role_mentions(_analysis(FILLER[:5] + [sentence] + FILLER))
    assert [(m.role, m.reason) for m in mentions][:1] == [(role, reason)]


def test_letterhead_and_sign_off_make_the_responder():
    from ncnd_check.analysis.authorities import infer_responder, role_mentions

    texts = ["Kent Police", "Freedom of Information Unit"] + FILLER + ["Yours sincerely,", "Information Rights, Kent Police"]
    analysis = _analysis(texts)
    assert {(m.block, m.reason) for m in role_mentions(analysis)} == {(0, "letterhead"), (len(texts) - 1, "sign-off")}
    assert infer_responder(analysis).name == "Kent Police"
    # One force in the NCND statement outweighs a single mention in passing elsewhere.
    texts = FILLER[:5] + ["Durham Constabulary can neither confirm nor deny that it holds the information."] + FILLER
    assert infer_responder(_analysis(texts)).name == "Durham Constabulary"
    assert infer_responder(_analysis(FILLER)) is None


# --- Issue 15: residue inside the argument, under any house style ----------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_other_force_inside_a_factor_paragraph_is_a_warning(tmp_path, fmt):
    """Another force as the subject of a factor (not "other forces such as ...") is residue, at warning."""
    for authority in (None, "Devon and Cornwall Police"):
        result = _result("other_force_in_factor", tmp_path, fmt, authority=authority)
        found = [f for f in result.findings if f.category == CATEGORY]
        assert [(f.rule, f.location.block) for f in found] == [
            ("NCND708", _block(result, "how Dorset Police uses"))
        ], found
        assert found[0].severity == "warning" and "Dorset Police" in found[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_unheaded_harm_about_another_subject(tmp_path, fmt):
    """Numbered paragraphs, no headings: the harm argues food inspections in a letter about covert CCTV."""
    result = _result("harm_other_subject_numbered", tmp_path, fmt)
    found = [f for f in result.findings if f.rule == "NCND704"]
    assert [f.location.block for f in found] == [_block(result, "Food premises inspections")]
    assert found[0].severity == "warning"
    assert not [f for f in result.findings if f.category == CATEGORY and f.rule != "NCND704"]
