"""Links: URL folding, the registry, and the NCND4xx rules on drafts in three formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from convert import write_all
from docx_factory import build_docx, field_link, hyperlink, paragraph

from conftest import shared_path
from ncnd_check.engine import check_file
from ncnd_check.wording.library import load_library
from ncnd_check.links.registry import fold_url, malformed_reason, registry, url_key
from ncnd_check.settings import Settings

WORDING = Path(__file__).parent / "fixtures" / "wording"
APP_OLD = "https://www.app.college.police.uk/app-content/information-management/"
PDF_2014 = "http://library.college.police.uk/docs/APP-Community-Security-Policy-2014.pdf"


@pytest.fixture(scope="module")
def reg():
    return registry(load_library(None))


def link_settings() -> Settings:
    return Settings(select=["NCND4"])


@pytest.mark.parametrize(
    "variant",
    [
        "http://www.app.college.police.uk/app-content/information-management",
        "https://APP.College.Police.UK/app-content/information-management/",
        "https://www.app.college.police.uk:443/app-content/information-management/#top",
        "https://www.app.college.police.uk/app%2Dcontent/information-management/",
        "www.app.college.police.uk/app-content/information-management/",
    ],
)
def test_spellings_of_one_address_fold_together(variant):
    assert url_key(variant) == url_key(APP_OLD)


def test_different_documents_do_not_fold_together():
    assert url_key("https://ico.org.uk/a") != url_key("https://ico.org.uk/b")
    assert url_key("https://ico.org.uk:8443/a") != url_key("https://ico.org.uk/a")
    assert fold_url("not a url at all [") is None or url_key("x") != url_key("y")


def test_exact_prefix_and_pattern_entries(reg):
    assert reg.superseded(PDF_2014).replacement == "https://knowledgehub.group/web/national-standards"
    assert not reg.superseded(PDF_2014).verified
    sub = reg.superseded("https://www.app.college.police.uk/app-content/information-management/freedom-of-information/?s=")
    assert sub.replacement == "https://www.college.police.uk/app/information-management/freedom-information"
    assert reg.superseded("https://www.app.college.police.uk/app-content/operations/firearms/").replacement.startswith(
        "https://www.college.police.uk/app"
    )
    ico_pdf = "https://ico.org.uk/media/for-organisations/documents/1166/when_to_refuse_to_confirm_or_deny_section_1_foia.pdf"
    assert reg.superseded(ico_pdf).verified
    snippet = "http://www.legislation.gov.uk/ukpga/2000/36/section/2/2004-04-01/data.xht?view=snippet&wrap=true"
    assert reg.superseded(snippet).replacement == "https://www.legislation.gov.uk/ukpga/2000/36/section/2/2004-04-01"
    dot = "http://www.legislation.gov.uk./ukpga/2000/36/section/44/data.html"
    assert reg.superseded(dot).replacement == "https://www.legislation.gov.uk/ukpga/2000/36/section/44"
    for old in (
        "http://www.justice.gov.uk/guidance/foi-exemptions-ncnd.htm",
        "http://www.foi.gov.uk/guidance/exguide/sec24/chap04.htm",
        "http://www.dca.gov.uk/foi/guidance/exguide/intro/chap05.htm",
        "http://opsi.gov.uk/acts/acts2000/en/00en36-a.htm",
        "http://www.legislation.hmso.gov.uk/acts/acts2000/20000036.htm",
        "http://www.ico.gov.uk/",
        "http://legislation.data.gov.uk/ukpga/2000/36/notes/division/4/2/16/data.xht",
        "https://ico.org.uk/for-organisations/guide-to-freedom-of-information/refusing-a-request/",
        "http://www.uklaws.org/acts_uk/document135/page2.htm",
        "https://ico.org.uk./for-organisations/foi/freedom-of-information-and-environmental-information-regulations/",
    ):
        assert reg.superseded(old) is not None, old


def test_current_addresses_are_not_outdated(reg):
    for ok in (
        "https://www.legislation.gov.uk/ukpga/2000/36/section/24",
        "https://www.legislation.gov.uk/ukpga/2000/36/section/2/2004-04-01",
        "https://ico.org.uk/for-organisations/foi/freedom-of-information-and-environmental-information-regulations/",
        "https://www.college.police.uk/app/information-management",
        "https://library.college.police.uk/docs/some-current-document.pdf.not-in-docs",
    ):
        assert reg.superseded(ok) is None, ok


def test_insecure_only_for_hosts_known_to_serve_https(reg):
    assert reg.insecure("http://www.legislation.gov.uk/ukpga/2000/36") == "https://www.legislation.gov.uk/ukpga/2000/36"
    assert reg.insecure("http://foi.west-midlands.police.uk/x") == "https://foi.west-midlands.police.uk/x"
    assert reg.insecure("http://example.com/") is None
    assert reg.insecure("https://ico.org.uk/") is None


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("htp://www.legislation.gov.uk/", "misspelt"),
        ("http//www.legislation.gov.uk/", "colon"),
        ("https:/www.legislation.gov.uk/", "one slash"),
        ("http://exa mple.org/", "space"),
        ("http://localhost-only", "no domain"),
        ("http://bad_host.org/", "characters"),
        ("https://ico.org.uk:44x/", "parsed"),
    ],
)
def test_malformed_reasons(url, fragment):
    assert fragment in (malformed_reason(url) or "")


@pytest.mark.parametrize("url", ["https://ico.org.uk/", "https://bücher.example.de/x", "www.ico.org.uk/x", "mailto:foi@example.org", "#top", "/relative", "tel:101"])
def test_wellformed_or_not_judged(url):
    assert malformed_reason(url) is None


@pytest.fixture(scope="module")
def link_drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("links")
    return write_all((WORDING / "links.md").read_text(encoding="utf-8"), folder, "links")


@pytest.mark.parametrize("fmt", ["text", "html", "docx"])
def test_link_rules_on_a_draft(fmt, link_drafts):
    result = check_file(link_drafts[fmt], link_settings())
    by_rule: dict[str, list[str]] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f.evidence)
    outdated = by_rule.get("NCND401", [])
    assert any("app-content/information-management/freedom-of-information" in e for e in outdated)
    assert PDF_2014 in outdated
    assert any("ico.gov.uk" in e for e in outdated)
    assert not any("ico.org.uk/for-organisations/foi/" in e for e in outdated)
    insecure = by_rule.get("NCND402", [])
    assert PDF_2014 not in insecure  # superseded: NCND401 says so, with an https replacement
    assert "http://www.legislation.gov.uk/ukpga/2000/36/section/24" in insecure
    assert not any("example.com" in e for e in insecure)
    if fmt != "text":  # in plain text "htp://" is not recognised as a link at all
        assert by_rule.get("NCND403") == ["htp://legislation.gov.uk/ukpga/2000/36/section/31"]
    finding = next(f for f in result.findings if f.rule == "NCND401" and f.evidence == PDF_2014)
    assert finding.category == "outdated-link" and finding.severity == "error"
    assert "knowledgehub.group" in finding.suggestion and "not verified" in finding.suggestion
    assert finding.location.block is not None


def test_field_codes_and_footers_in_docx_are_checked(tmp_path):
    data = build_docx(
        paragraph("See ", field_link("the old guidance", "http://www.justice.gov.uk/guidance/foi-exemptions-ncnd.htm"), ".")
        + paragraph("And ", field_link("the PDF", PDF_2014, simple=True), ".")
        + paragraph("Also ", hyperlink("APP", APP_OLD), "."),
        footers=[paragraph("Guidance: ", hyperlink("ICO", "http://www.ico.gov.uk/"))],
    )
    path = tmp_path / "fields.docx"
    path.write_bytes(data)
    result = check_file(path, link_settings())
    outdated = {f.evidence: f for f in result.findings if f.rule == "NCND401"}
    assert "http://www.justice.gov.uk/guidance/foi-exemptions-ncnd.htm" in outdated
    assert PDF_2014 in outdated
    assert APP_OLD in outdated
    footer = outdated["http://www.ico.gov.uk/"]
    assert footer.location.block is None and "footer" in footer.message


def test_links_rules_apply_to_every_response_type():
    from ncnd_check.rules.registry import all_rules

    rules = all_rules()
    for code in ("NCND401", "NCND402", "NCND403", "NCND404", "NCND405"):
        assert rules[code].applies_to is None


def test_seed_links():
    """The seed: outdated-link for the 2014 PDF and the old APP address; the PDF's http:// is not reported twice."""
    result = check_file(shared_path("seed", "000_a7a05b5f3e6f79d7.txt"), link_settings())
    got = sorted((f.rule, f.evidence) for f in result.findings)
    assert got == [
        ("NCND401", PDF_2014),
        ("NCND401", APP_OLD),
    ]


def test_seed_wording_only_the_corrected_paragraphs_deviate():
    """Against the default library the seed deviates only where the library corrected it."""
    result = check_file(shared_path("seed", "000_a7a05b5f3e6f79d7.txt"), Settings(select=["NCND301"]))
    messages = sorted(f.message.split()[5] for f in result.findings)
    assert messages == ["s31-3.balancing.security-standards", "shared.balancing-lead-in"]
    lead_in = next(f for f in result.findings if "balancing-lead-in" in f.message)
    assert "[-confirmed or denied,-] {+released,+}" in lead_in.evidence
