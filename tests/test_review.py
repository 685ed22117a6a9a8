"""``ncnd-check review``: a copy of the draft with findings as comments and fixes as tracked changes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_factory import build_docx, commented, field_link, heading, hyperlink, ins, paragraph, run
from review_tools import block_texts, comment_structure, convert, resolve_revisions, revision_authors

from ncnd_check.cli import cli
from ncnd_check.errors import InputError
from ncnd_check.readers import read_bytes, read_path
from ncnd_check.review import review_file, review_path
from ncnd_check.settings import Settings

DATE = "2026-01-02T03:04:05Z"
APP_OLD = "https://www.app.college.police.uk/app-content/information-management/freedom-of-information/#freedom-of-information-exemptions"
APP_NEW = "https://www.college.police.uk/app/information-management/freedom-information"
PDF_2014 = "http://library.college.police.uk/docs/APP-Community-Security-Policy-2014.pdf"
KNOWLEDGE_HUB = "https://knowledgehub.group/web/national-standards"
LEAK = "I can confirm that the force holds a register of the kits it has bought."
CLOSING_DRAFT = "This response should not be taken as a sign that the information exists or does not exist."
CLOSING_APPROVED = "This response should not be taken as conclusive evidence that the information you have requested exists or does not exist."


def draft_docx() -> bytes:
    """A Norfolk-style NCND draft with one of each kind of finding the review copy anchors."""
    body = (
        heading("Request", 2)
        + paragraph(commented("Which Norfolk Constabulary stations hold stocks of the drug-testing kits used in custody?", 7))
        + heading("Response", 2)
        + paragraph("Norfolk Constabulary neither confirms nor denies that it holds the information requested by virtue of Section 31(3) Law Enforcement.")
        + heading("Harm", 2)
        + paragraph("Confirming or denying which stations hold testing kits would be likely to reveal where suspects can expect "
                    "to be tested, prejudicing the prevention and detection of crime. " + LEAK + " Offenders would adapt.")
        + paragraph("The national guidance is on ", hyperlink("the APP freedom of information page", APP_OLD), " for all forces.")
        + paragraph("The policy is at ", field_link(PDF_2014, PDF_2014), " and applies to all forces.")
        + heading("Factors favouring confirmation or denial", 2)
        + heading("Factors against confirmation or denial", 2)
        + paragraph("Offenders would avoid areas served by stations known to test for drugs.", ins(" This is a drafter's insertion."))
        + heading("Balancing Test", 2)
        + paragraph("The balance favours neither confirming nor denying that the information is held.")
        + paragraph(run(CLOSING_DRAFT[:40]), run(CLOSING_DRAFT[40:], bold=True))
    )
    return build_docx(
        body,
        comments=[{"id": 7, "author": "J Drafter", "text": "Check the request wording with the requester."}],
        headers=["Norfolk Constabulary - OFFICIAL"],
        footers=["Page footer text"],
        core={"creator": "", "lastModifiedBy": ""},
    )


def _bundled() -> Settings:
    """The bundled library named explicitly: the fixture letters are other forces' drafts,
    which ncnd-check would otherwise not measure against West Midlands Police's wording."""
    return Settings(reference_dir=str(Path(__file__).resolve().parent.parent / "reference_texts"))


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "draft.docx"
    path.write_bytes(draft_docx())
    return path


@pytest.fixture
def reviewed(draft):
    before = draft.read_bytes()
    result = review_file(draft, _bundled(), fixes="safe", date=DATE)
    assert draft.read_bytes() == before  # the draft is only read
    return result, Path(result.output).read_bytes()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def comments_of(data: bytes):
    return {c.id: c for c in read_bytes(data, "x.docx").comments}


def ours(data: bytes):
    """Our comments, their anchors read in the draft's own words (every tracked change rejected)."""
    return [c for c in read_bytes(resolve_revisions(data, accept=False), "x.docx").comments if c.author == "ncnd-check"]


def by_rule(data: bytes, rule: str):
    return [c for c in ours(data) if c.text.startswith(rule)]


# ------------------------------------------------------------------ the copy


def test_review_copy_is_beside_the_draft_and_the_draft_is_untouched(draft, reviewed):
    result, _ = reviewed
    assert Path(result.output) == draft.with_name("draft.review.docx") == review_path(draft, "docx")
    assert result.comments == len(result.findings) > 0


def test_every_comment_has_its_range_and_reference(reviewed):
    _, data = reviewed
    structure = comment_structure(data)
    assert len(structure) == len(ours(data)) + 1  # the drafter's own comment is kept
    for cid, counts in structure.items():
        assert counts == {"start": 1, "end": 1, "ref": 1}, cid


def test_comments_are_authored_dated_and_say_rule_message_and_suggestion(reviewed):
    result, data = reviewed
    comments = ours(data)
    assert {c.author for c in comments} == {"ncnd-check"} and {c.date for c in comments} == {DATE}
    for finding in result.findings:
        text = next(c.text for c in comments if c.text.startswith(f"{finding.rule} ") and finding.message in c.text)
        if finding.suggestion:
            assert finding.suggestion in text


def test_the_drafters_comment_is_kept_with_its_anchor(reviewed):
    _, data = reviewed
    kept = comments_of(data)["7"]
    assert kept.author == "J Drafter" and kept.text == "Check the request wording with the requester."
    assert kept.anchor_text.startswith("Which Norfolk Constabulary stations")


def test_link_findings_are_anchored_on_the_link_text(reviewed):
    _, data = reviewed
    anchors = {c.anchor_text for c in by_rule(data, "NCND401")}
    assert "the APP freedom of information page" in anchors
    assert any(PDF_2014 in a for a in anchors)


def test_a_leak_is_anchored_on_its_sentence(reviewed):
    _, data = reviewed
    leaks = [c for c in ours(data) if c.text.startswith("NCND60")]
    assert leaks and leaks[0].anchor_text == LEAK


def test_a_wording_deviation_is_anchored_on_its_paragraph(reviewed):
    _, data = reviewed
    [c] = by_rule(data, "NCND301")
    assert " ".join(c.anchor_text.split()) == CLOSING_DRAFT


def test_a_missing_factor_is_anchored_on_the_section_heading(reviewed):
    _, data = reviewed
    [c] = by_rule(data, "NCND151")
    assert c.anchor_text == "Factors favouring confirmation or denial"


def test_a_document_wide_finding_is_anchored_on_the_first_paragraph(tmp_path):
    # Hygiene findings about the properties are about the whole file.
    path = tmp_path / "props.docx"
    path.write_bytes(build_docx(heading("Response", 1) + paragraph("We can neither confirm nor deny that the information is held."),
                                core={"creator": "Jane Smith", "lastModifiedBy": "Jane Smith"}))
    result = review_file(path, _bundled(), date=DATE)
    data = Path(result.output).read_bytes()
    wide = [f for f in result.findings if f.location.block is None]
    assert wide
    anchored = [c for c in ours(data) if c.text.startswith(wide[0].rule)]
    assert anchored[0].anchor_text == "We can neither confirm nor deny that the information is held."


def test_tracked_changes_are_authored_and_accepting_gives_the_fixed_text(reviewed):
    result, data = reviewed
    assert set(revision_authors(data)) == {"ncnd-check", "A Reviewer"}
    kinds = sorted(f.kind for f in result.fixes)
    assert kinds == ["link", "link", "restore"], kinds
    accepted = block_texts(resolve_revisions(data, accept=True))
    original = block_texts(draft_docx())
    assert accepted[-1] == CLOSING_APPROVED
    assert [t for t in accepted if t.startswith("The policy is at")] == [f"The policy is at {KNOWLEDGE_HUB} and applies to all forces."]
    changed = [i for i, (a, b) in enumerate(zip(original, accepted)) if a != b]
    assert len(original) == len(accepted) and len(changed) == 2  # the field link's text and the closing
    links = [link.target for link in read_bytes(resolve_revisions(data, accept=True), "a.docx").links]
    assert APP_NEW in links and KNOWLEDGE_HUB in links and APP_OLD not in links and PDF_2014 not in links


def test_rejecting_every_tracked_change_gives_the_original(reviewed):
    _, data = reviewed
    rejected = resolve_revisions(data, accept=False)
    # The drafter's own insertion is rejected too: compare with the original rejected the same way.
    assert block_texts(rejected) == block_texts(resolve_revisions(draft_docx(), accept=False))
    links = [link.target for link in read_bytes(rejected, "r.docx").links]
    assert APP_OLD in links and PDF_2014 in links and APP_NEW not in links and KNOWLEDGE_HUB not in links


def test_only_the_changed_words_are_struck_and_inserted(reviewed):
    _, data = reviewed
    root = parts(data)["word/document.xml"].decode()
    deleted = re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", root)
    inserted_closing = "".join(deleted)
    assert "This response should not" not in inserted_closing  # the equal words stay as they were
    assert "a sign" in inserted_closing


def test_everything_but_the_body_and_comments_is_copied_byte_for_byte(draft, reviewed):
    _, data = reviewed
    before, after = parts(draft.read_bytes()), parts(data)
    rewritten = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels"}
    assert set(before) <= set(after)
    for name, content in before.items():
        if name not in rewritten:
            assert after[name] == content, name


def test_a_draft_without_comments_part_gets_one_registered(tmp_path):
    path = tmp_path / "plain.docx"
    path.write_bytes(build_docx(paragraph("The policy is at ", PDF_2014, " for all forces.")))
    data = Path(review_file(path, Settings(select=["NCND4"]), date=DATE).output).read_bytes()
    p = parts(data)
    assert b"comments+xml" in p["[Content_Types].xml"] and b"/comments" in p["word/_rels/document.xml.rels"]
    # One comment: a superseded http:// link is NCND401's alone (its replacement is https).
    assert [c.anchor_text for c in ours(data)] == [PDF_2014]
    assert block_texts(resolve_revisions(data, accept=True)) == [f"The policy is at {KNOWLEDGE_HUB} for all forces."]


def test_python_docx_opens_the_copy(reviewed):
    docx = pytest.importorskip("docx")
    _, data = reviewed
    document = docx.Document(io.BytesIO(data))
    assert any("Norfolk" in p.text for p in document.paragraphs)
    if hasattr(document, "comments"):
        assert any(c.author == "ncnd-check" for c in document.comments)


def test_libreoffice_converts_the_copy(reviewed, tmp_path):
    result, _ = reviewed
    out = convert([Path(result.output)], "pdf", tmp_path / "pdf")
    assert out and out[Path(result.output)].read_bytes().startswith(b"%PDF")


def test_a_draft_with_no_findings_gets_an_identical_copy(tmp_path):
    data = build_docx(heading("Response", 1) + paragraph("Thank you for your request."))
    path = tmp_path / "clean.docx"
    path.write_bytes(data)
    result = review_file(path, Settings(select=["NCND4"]), date=DATE)
    assert result.findings == [] and result.comments == 0
    assert Path(result.output).read_bytes() == data


# ------------------------------------------------------------------ options


def test_fixes_none_gives_comments_only(draft):
    result = review_file(draft, _bundled(), fixes="none", date=DATE)
    data = Path(result.output).read_bytes()
    assert result.changes == 0 and set(revision_authors(data)) == {"A Reviewer"}
    assert block_texts(data) == block_texts(draft.read_bytes())


def test_select_and_ignore_choose_the_comments(draft):
    result = review_file(draft, Settings(select=["NCND4"]), date=DATE)
    assert {f.rule[:5] for f in result.findings} == {"NCND4"}
    assert len(ours(Path(result.output).read_bytes())) == len(result.findings)


def test_the_other_authority_is_replaced_by_the_responder(tmp_path):
    path = tmp_path / "kent.docx"
    path.write_bytes(build_docx(
        heading("Response", 1)
        + paragraph("West Midlands Police can neither confirm nor deny that it holds the information you requested.")
    ))
    result = review_file(path, Settings(authority="Kent Police"), date=DATE)
    assert "name" in {f.kind for f in result.fixes}
    accepted = block_texts(resolve_revisions(Path(result.output).read_bytes(), accept=True))
    assert accepted[1].startswith("Kent Police can neither confirm nor deny")


def test_a_missing_no_inference_statement_is_inserted_as_a_tracked_paragraph(tmp_path):
    md = (Path(__file__).parent / "fixtures" / "argument" / "bad_essex_no_closing.md").read_text(encoding="utf-8")
    from convert import to_docx

    path = tmp_path / "essex.docx"
    path.write_bytes(to_docx(md))
    result = review_file(path, _bundled(), date=DATE)
    inserts = [f for f in result.fixes if f.kind == "insert"]
    assert inserts, [f.rule for f in result.findings]
    data = Path(result.output).read_bytes()
    accepted = block_texts(resolve_revisions(data, accept=True))
    assert inserts[0].new in accepted
    assert block_texts(resolve_revisions(data, accept=False)) == block_texts(path.read_bytes())


# ------------------------------------------------------------------ the command


def test_cli_writes_the_copy_and_says_so(draft):
    res = CliRunner().invoke(cli, ["review", str(draft), "--date", DATE, "--isolated"])
    assert res.exit_code == 1, res.output  # error findings reached --fail-on
    assert "wrote" in res.stderr and "draft.review.docx" in res.stderr
    assert draft.with_name("draft.review.docx").exists()


def test_cli_refuses_to_write_over_the_draft(draft):
    res = CliRunner().invoke(cli, ["review", str(draft), "--output", str(draft), "--isolated"])
    assert res.exit_code == 2 and "overwrite the draft" in res.stderr and "Traceback" not in res.output


def test_cli_refuses_a_symlink_at_the_output(draft, tmp_path):
    elsewhere = tmp_path / "elsewhere.docx"
    elsewhere.write_bytes(b"keep me")
    link = tmp_path / "out.docx"
    link.symlink_to(elsewhere)
    res = CliRunner().invoke(cli, ["review", str(draft), "--output", str(link), "--isolated"])
    assert res.exit_code == 2 and "symbolic link" in res.stderr
    assert elsewhere.read_bytes() == b"keep me"


def test_cli_reports_an_unreadable_draft_in_one_line(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    res = CliRunner().invoke(cli, ["review", str(bad), "--isolated"])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "bad.docx" in res.stderr
    assert not (tmp_path / "bad.review.docx").exists()


def test_cli_date_is_checked_and_written_as_word_writes_it(draft):
    res = CliRunner().invoke(cli, ["review", str(draft), "--date", "last tuesday", "--isolated"])
    assert res.exit_code == 2 and "--date" in res.stderr
    res = CliRunner().invoke(cli, ["review", str(draft), "--date", "2026-03-04", "--isolated"])
    assert res.exit_code == 1
    assert {c.date for c in ours(draft.with_name("draft.review.docx").read_bytes())} == {"2026-03-04T00:00:00Z"}


def test_review_is_in_the_help():
    res = CliRunner().invoke(cli, ["--help"])
    assert "review" in res.output
    res = CliRunner().invoke(cli, ["review", "--help"])
    assert res.exit_code == 0 and "--fixes" in res.output and "tracked change" in res.output


def test_an_unreadable_draft_raises_input_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(InputError):
        review_file(bad, _bundled())


# ------------------------------------------------------------------ the seed


def test_the_seed_draft_gets_its_comments_and_tracked_link_replacements(tmp_path):
    from conftest import shared_path
    from convert import to_docx

    seed = sorted(shared_path("seed").glob("*.txt"))
    assert seed
    path = tmp_path / "seed.docx"
    path.write_bytes(to_docx(seed[0].read_text(encoding="utf-8")))
    result = review_file(path, _bundled(), date=DATE)
    data = Path(result.output).read_bytes()
    comments = ours(data)
    texts = [c.text for c in comments]
    assert any("NCND401" in t and "2014" in t for t in texts)
    assert any("NCND401" in t and "APP information management" in t for t in texts)
    assert any(t.startswith("NCND704") for t in texts)  # the subject mismatch
    assert {f.old for f in result.fixes if f.kind == "link"} >= {PDF_2014, "https://www.app.college.police.uk/app-content/information-management/"}
    accepted = read_bytes(resolve_revisions(data, accept=True), "a.docx")
    assert KNOWLEDGE_HUB in accepted.text and PDF_2014 not in accepted.text
    assert "https://www.college.police.uk/app/information-management" in accepted.text
    assert block_texts(resolve_revisions(data, accept=False)) == block_texts(path.read_bytes())
    for cid, counts in comment_structure(data).items():
        assert counts == {"start": 1, "end": 1, "ref": 1}, cid
    assert read_path(path).text == read_bytes(path.read_bytes(), "seed.docx").text  # the draft is untouched


# ------------------------------------------------------------------ word-level edits


def _apply(text: str, edits) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.parametrize(("old", "new"), [
    ("the balance favours disclosure if released", "the balance favours neither confirming nor denying if confirmed or denied"),
    ("information security a national policy", "information security, national policing information security"),
    ("Policing is key.", "policing is key"),
    ("one two three", "zero one two three four"),
    ("drop these words please", "drop please"),
    ("", "all new"),
])
def test_word_edits_turn_the_draft_into_the_approved_text(old, new):
    from ncnd_check.review.tracked import word_edits

    assert " ".join(_apply(old, word_edits(old, new)).split()) == " ".join(new.split())


def test_word_edits_keep_the_equal_words():
    from ncnd_check.review.tracked import word_edits

    edits = word_edits("the greater good, if released, to the community", "the greater good, if confirmed or denied, to the community")
    assert [(s, e) for s, e, _ in edits if e > s] == [(21, 30)]  # only "released," is struck


def test_word_edits_hypothesis():
    from hypothesis import given, settings, strategies as st

    from ncnd_check.review.tracked import word_edits

    word = st.sampled_from(["the", "public", "interest", "test,", "favours", "NCND.", "Section", "24(2)", "held"])
    text = st.lists(word, max_size=12).map(" ".join)

    @settings(max_examples=200, deadline=None)
    @given(text, text)
    def check(old, new):
        assert " ".join(_apply(old, word_edits(old, new)).split()) == " ".join(new.split())

    check()


def test_a_fix_that_leaves_a_placeholder_is_only_made_with_fixes_all():
    from ncnd_check.document import Block, Document
    from ncnd_check.engine import get_library
    from ncnd_check.findings import Finding, Location
    from ncnd_check.review.fixes import plan_fixes

    text = "To confirm or deny whether the force holds information about drones would reveal tactics."
    document = Document(path="x.txt", format="text", blocks=[Block(index=0, kind="paragraph", text=text)])
    finding = Finding("NCND301", "wording-deviation", "warning", "Paragraph differs from approved wording x (90% similar)",
                      Location(block=0), suggestion="To confirm or deny whether the force holds information about {subject} would reveal tactics.")
    library = get_library(_bundled())
    assert plan_fixes([finding], document, library, "safe") == []
    assert [f.kind for f in plan_fixes([finding], document, library, "all")] == ["restore"]
    assert plan_fixes([finding], document, library, "none") == []


def test_checking_a_folder_passes_over_review_copies(draft):
    from ncnd_check.commands.paths import collect

    review_file(draft, _bundled(), date=DATE)
    assert collect([str(draft.parent)]) == [str(draft)]
