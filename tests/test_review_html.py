"""``ncnd-check review`` on HTML and text drafts: one self-contained page with findings in place."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from convert import write_all

from ncnd_check.cli import cli
from ncnd_check.review import review_file
from ncnd_check.settings import Settings

WORDING = Path(__file__).parent / "fixtures" / "wording"
PDF_2014 = "http://library.college.police.uk/docs/APP-Community-Security-Policy-2014.pdf"
KNOWLEDGE_HUB = "https://knowledgehub.group/web/national-standards"


class Page(HTMLParser):
    """What the page pulls in from elsewhere, and its highlighted, struck and inserted text."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.stack: list[str] = []
        self.text = {"mark": [], "del": [], "ins": [], "textarea": []}
        self.buttons: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if tag in ("script", "link", "img", "iframe") and value and not value.startswith(("#", "data:")):
                self.external.append(value)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        for tag in self.text:
            if tag in self.stack:
                self.text[tag].append(data)
        if "button" in self.stack:
            self.buttons.append(data)


@pytest.fixture(params=["text", "html"])
def page(request, tmp_path):
    drafts = write_all((WORDING / "links.md").read_text(encoding="utf-8"), tmp_path, "links")
    source = drafts[request.param]
    before = source.read_bytes()
    result = review_file(source, Settings(), date="2026-01-02T03:04:05Z")
    assert source.read_bytes() == before
    parser = Page()
    html = Path(result.output).read_text(encoding="utf-8")
    parser.feed(html)
    return result, parser, html


def test_the_page_is_written_beside_the_draft_as_html(page):
    result, _, html = page
    assert result.output.endswith("links.review.html") and html.startswith("<!DOCTYPE html>")


def test_the_page_is_self_contained(page):
    _, parser, html = page
    assert parser.external == []
    assert "<style>" in html and "<script>" in html


def test_findings_are_highlighted_in_place_with_their_comment_beside(page):
    result, parser, html = page
    marked = " ".join(parser.text["mark"])
    assert PDF_2014 in marked
    for f in result.findings:
        assert f.rule in html
    assert len(re.findall(r'class="note ', html)) == len(result.findings)


def test_fixes_are_a_redline(page):
    _, parser, _ = page
    assert PDF_2014 in " ".join(parser.text["del"])
    assert KNOWLEDGE_HUB in " ".join(parser.text["ins"])


def test_the_copy_button_copies_the_corrected_text(page):
    _, parser, html = page
    assert any("Copy corrected text" in b for b in parser.buttons)
    corrected = "".join(parser.text["textarea"])
    assert KNOWLEDGE_HUB in corrected and PDF_2014 not in corrected
    assert "navigator.clipboard" in html


def test_cli_reviews_a_text_draft(tmp_path):
    drafts = write_all((WORDING / "links.md").read_text(encoding="utf-8"), tmp_path, "links")
    res = CliRunner().invoke(cli, ["review", str(drafts["text"]), "--isolated", "--fixes", "none"])
    assert res.exit_code in (0, 1), res.output
    html = (tmp_path / "links.review.html").read_text(encoding="utf-8")
    assert "<ins>" not in html and "<mark" in html
