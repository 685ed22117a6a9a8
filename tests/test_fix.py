"""``check --fix``: a corrected copy with links brought up to date; the draft itself untouched."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from convert import write_all
from docx_factory import build_docx, field_link, hyperlink, paragraph

from ncnd_check.cli import cli
from ncnd_check.errors import InputError
from ncnd_check.links.fixer import fix_file, fixed_path
from ncnd_check.readers import read_path
from ncnd_check.settings import Settings

WORDING = Path(__file__).parent / "fixtures" / "wording"
PDF_2014 = "http://library.college.police.uk/docs/APP-Community-Security-Policy-2014.pdf"
KNOWLEDGE_HUB = "https://knowledgehub.group/web/national-standards"
APP_FOI = "https://www.app.college.police.uk/app-content/information-management/freedom-of-information/#freedom-of-information-exemptions"
APP_FOI_NEW = "https://www.college.police.uk/app/information-management/freedom-information"
LEGISLATION_HTTP = "http://www.legislation.gov.uk/ukpga/2000/36/section/24"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def drafts(tmp_path):
    return write_all((WORDING / "links.md").read_text(encoding="utf-8"), tmp_path, "links")


def targets(path: Path) -> list[str]:
    return [link.target for link in read_path(path).links]


@pytest.mark.parametrize("fmt", ["text", "html", "docx"])
def test_fix_writes_a_corrected_copy_and_leaves_the_draft_alone(fmt, drafts):
    source = drafts[fmt]
    before = sha(source)
    result = fix_file(source, Settings())
    assert sha(source) == before
    out = Path(result.output)
    assert out == fixed_path(source) and out.name == f"links.fixed{source.suffix}"
    fixed = targets(out)
    assert PDF_2014 not in fixed and KNOWLEDGE_HUB in fixed
    assert APP_FOI not in fixed and APP_FOI_NEW in fixed
    assert LEGISLATION_HTTP not in fixed and "https://www.legislation.gov.uk/ukpga/2000/36/section/24" in fixed
    assert "http://example.com/blog" in fixed  # a host we know nothing about is left alone
    assert {old for old, _, _ in result.changes} >= {PDF_2014, APP_FOI, LEGISLATION_HTTP}
    # Everything else reads the same.
    original_text = [b.text for b in read_path(source).blocks]
    fixed_text = [b.text for b in read_path(out).blocks]
    assert len(original_text) == len(fixed_text)
    changed = [i for i, (a, b) in enumerate(zip(original_text, fixed_text)) if a != b]
    assert all(any(u in original_text[i] for u in ("http", "www.")) for i in changed)


def test_fixed_copy_passes_the_link_rules_it_can_fix(drafts):
    from ncnd_check.engine import check_file

    result = fix_file(drafts["html"], Settings())
    findings = check_file(result.output, Settings(select=["NCND401", "NCND402"])).findings
    assert findings == []


def test_html_visible_text_and_href_both_change(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        f'<html><body><p>See <a href="{PDF_2014}">{PDF_2014}</a> and '
        '<a href="http://www.legislation.gov.uk/ukpga/2000/36/section/2/2004-04-01/data.xht?view=snippet&amp;wrap=true">s2</a>.</p>'
        "</body></html>",
        encoding="utf-8",
    )
    out = Path(fix_file(page, Settings()).output)
    html = out.read_text(encoding="utf-8")
    assert PDF_2014 not in html and html.count(KNOWLEDGE_HUB) == 2
    assert 'href="https://www.legislation.gov.uk/ukpga/2000/36/section/2/2004-04-01"' in html


def test_docx_relationships_field_codes_and_visible_text(tmp_path):
    data = build_docx(
        paragraph("Policy: ", hyperlink(PDF_2014, PDF_2014), ".")
        + paragraph("Guidance: ", field_link("the old MoJ page", "http://www.justice.gov.uk/guidance/foi-exemptions-ncnd.htm"), ".")
        + paragraph("Act: ", field_link("section 24", LEGISLATION_HTTP, simple=True), ".")
        + paragraph("Typed: see http://www.legislation.gov.uk/ukpga/2000/36/section/31 for section 31."),
        footers=[paragraph("ICO: ", hyperlink("guidance", "http://www.ico.gov.uk/"))],
    )
    source = tmp_path / "letter.docx"
    source.write_bytes(data)
    before = sha(source)
    out = tmp_path / "out" / "corrected.docx"
    result = fix_file(source, Settings(), output=out)
    assert sha(source) == before
    assert Path(result.output) == out
    fixed = targets(out)
    assert PDF_2014 not in fixed and KNOWLEDGE_HUB in fixed
    assert "http://www.justice.gov.uk/guidance/foi-exemptions-ncnd.htm" not in fixed
    assert "https://www.legislation.gov.uk/ukpga/2000/36/section/24" in fixed
    assert "https://www.legislation.gov.uk/ukpga/2000/36/section/31" in fixed
    assert not any(t.startswith("http://www.ico.gov.uk") for t in fixed)
    # The visible text of the first link was the address itself: it changed too.
    doc = read_path(out)
    assert KNOWLEDGE_HUB in doc.blocks[0].text and PDF_2014 not in doc.blocks[0].text
    # Every part other than the ones holding links is byte-identical.
    with zipfile.ZipFile(io.BytesIO(data)) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        changed = {n for n in a.namelist() if a.read(n) != b.read(n)}
    assert changed <= {"word/document.xml", "word/_rels/document.xml.rels", "word/footer1.xml", "word/_rels/footer1.xml.rels"}
    # python-docx still opens it.
    import docx

    opened = docx.Document(str(out))
    assert KNOWLEDGE_HUB in opened.paragraphs[0].text
    external = {r.target_ref for r in opened.part.rels.values() if r.is_external}
    assert KNOWLEDGE_HUB in external and PDF_2014 not in external


def test_fix_refuses_to_overwrite_the_draft(drafts):
    with pytest.raises(InputError):
        fix_file(drafts["text"], Settings(), output=drafts["text"])


def test_cli_fix_and_fix_output(drafts, tmp_path):
    runner = CliRunner()
    before = sha(drafts["text"])
    res = runner.invoke(cli, ["check", str(drafts["text"]), "--fix", "--select", "NCND4", "--isolated"])
    assert res.exit_code == 1  # the findings are still reported
    assert sha(drafts["text"]) == before
    assert fixed_path(drafts["text"]).exists()
    assert "wrote" in res.output or "wrote" in (res.stderr if res.stderr_bytes is not None else "")
    target = tmp_path / "elsewhere.html"
    res = runner.invoke(cli, ["check", str(drafts["html"]), "--fix-output", str(target), "--select", "NCND4", "--isolated"])
    assert target.exists()
    both = runner.invoke(cli, ["check", str(drafts["html"]), str(drafts["text"]), "--fix-output", str(target), "--isolated"])
    assert both.exit_code == 2


def test_docx_address_split_over_runs_is_replaced_whole(tmp_path):
    from docx_factory import run

    half = len(PDF_2014) // 2
    split_field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://www.justice.gov.uk/guid</w:instrText></w:r>'
        '<w:r><w:instrText xml:space="preserve">ance/foi-exemptions-ncnd.htm" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("MoJ guidance")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    from docx_factory import Xml

    data = build_docx(
        paragraph("Policy: ", run(PDF_2014[:half]), run(PDF_2014[half:]), " applies.")
        + paragraph("See ", Xml(split_field), ".")
    )
    source = tmp_path / "split.docx"
    source.write_bytes(data)
    assert PDF_2014 in read_path(source).blocks[0].text
    out = Path(fix_file(source, Settings()).output)
    doc = read_path(out)
    assert doc.blocks[0].text == f"Policy: {KNOWLEDGE_HUB} applies."
    fixed = targets(out)
    assert "http://www.justice.gov.uk/guidance/foi-exemptions-ncnd.htm" not in fixed
    assert any("when-to-refuse-to-confirm-or-deny" in t for t in fixed)
    import docx

    assert docx.Document(str(out)).paragraphs[0].text == f"Policy: {KNOWLEDGE_HUB} applies."
