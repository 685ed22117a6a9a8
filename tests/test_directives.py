"""Inline ``ncnd-check: ignore`` markers: parsed by the readers, applied by the engine."""

from __future__ import annotations

import pytest

from ncnd_check.document import Directive, Document
from ncnd_check.engine import _apply_directives, check_text
from ncnd_check.findings import Finding, Location
from ncnd_check.readers.directives import parse_marker, parse_marker_line
from ncnd_check.readers.html import read_html
from ncnd_check.readers.text import read_text

OLD_LINK = "http://library.college.police.uk/docs/APP-Community-Security-Policy-2014.pdf"
#: Superseded links are NCND401's alone; NCND402 is seen on a current http:// link.
INSECURE_LINK = "http://www.kent.police.uk/about-us/freedom-of-information/"


@pytest.mark.parametrize(
    "text, expected",
    [
        (" ncnd-check: ignore NCND301 ", ("ignore", ("NCND301",))),
        ("ncnd-check: ignore NCND301, NCND4", ("ignore", ("NCND301", "NCND4"))),
        ("ncnd-check: ignore ncnd301 ncnd402", ("ignore", ("NCND301", "NCND402"))),
        ("ncnd-check: ignore-file NCND301", ("ignore-file", ("NCND301",))),
        ("NCND-CHECK : IGNORE-FILE wording-deviation", ("ignore-file", ("WORDING-DEVIATION",))),
        ("ncnd-check: ignore", None),
        ("ncnd-check: disable NCND301", None),
        ("see ncnd-check: ignore NCND301 for details", None),
    ],
)
def test_parse_marker(text, expected):
    assert parse_marker(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "ncnd-check: ignore NCND301",
        "# ncnd-check: ignore NCND301",
        "## ncnd-check: ignore NCND301",
        "// ncnd-check: ignore NCND301",
        "[ncnd-check: ignore NCND301]",
        "[ ncnd-check: ignore NCND301 ]",
        "<!-- ncnd-check: ignore NCND301 -->",
        "   <!--ncnd-check: ignore NCND301-->  ",
    ],
)
def test_marker_line_forms(line):
    assert parse_marker_line(line) == ("ignore", ("NCND301",))


@pytest.mark.parametrize(
    "line",
    [
        "The tool ncnd-check: ignore NCND301 was used.",
        "ncnd-check is a linter.",
        "Balancing Test",
    ],
)
def test_ordinary_lines_are_not_markers(line):
    assert parse_marker_line(line) is None


def test_text_marker_applies_to_the_next_block_and_is_not_a_block():
    doc = read_text(
        b"First paragraph.\n\n# ncnd-check: ignore NCND301, NCND402\nSecond paragraph.\n\n"
        b"[ncnd-check: ignore-file NCND403]\n\nThird.\n",
        "x.txt",
    )
    assert [b.text for b in doc.blocks] == ["First paragraph.", "Second paragraph.", "Third."]
    assert doc.directives == [
        Directive(codes=("NCND301", "NCND402"), block=1, line=3),
        Directive(codes=("NCND403",), block=None, line=6),
    ]


def test_markdown_comment_marker_in_text():
    doc = read_text(b"<!-- ncnd-check: ignore NCND301 -->\nOnly paragraph.\n", "x.md")
    assert doc.directives == [Directive(codes=("NCND301",), block=0, line=1)]
    assert [b.text for b in doc.blocks] == ["Only paragraph."]


def test_marker_at_the_end_applies_to_nothing():
    doc = read_text(b"Only paragraph.\n\nncnd-check: ignore NCND301\n", "x.txt")
    assert doc.directives == []


def test_html_comment_marker_applies_to_the_next_block():
    doc = read_html(
        b"<html><head><!-- ncnd-check: ignore-file NCND302 --></head><body>"
        b"<p>First.</p>\n<!-- ncnd-check: ignore NCND301 -->\n<p>Second.</p>"
        b"<!-- an ordinary comment --><p>Third.</p></body></html>",
        "x.html",
    )
    assert [b.text for b in doc.blocks] == ["First.", "Second.", "Third."]
    assert doc.directives == [
        Directive(codes=("NCND302",), block=None, line=1),
        Directive(codes=("NCND301",), block=1, line=2),
    ]


def test_html_marker_inside_a_paragraph_applies_to_the_next_block():
    doc = read_html(b"<p>Before <!-- ncnd-check: ignore NCND301 --> inside</p><p>Next.</p>", "x.html")
    assert [b.text for b in doc.blocks] == ["Before", "inside", "Next."]
    assert doc.directives == [Directive(codes=("NCND301",), block=1, line=1)]


# -- the engine applies them -----------------------------------------------------

def _finding(rule: str, block: int | None) -> Finding:
    return Finding(rule=rule, category="wording-deviation", severity="warning", message="m",
                   location=Location(block=block))


def test_apply_directives_block_scope_and_prefixes():
    doc = Document(path="x", format="text", directives=[Directive(codes=("NCND30",), block=1)])
    findings = [_finding("NCND301", 0), _finding("NCND301", 1), _finding("NCND401", 1)]
    kept = _apply_directives(findings, doc)
    assert [(f.rule, f.location.block) for f in kept] == [("NCND301", 0), ("NCND401", 1)]


def test_apply_directives_file_scope():
    doc = Document(path="x", format="text", directives=[Directive(codes=("NCND301",), block=None)])
    kept = _apply_directives([_finding("NCND301", 0), _finding("NCND301", None), _finding("NCND302", 3)], doc)
    assert [f.rule for f in kept] == ["NCND302"]


def _link_draft(marker: str) -> str:
    return f"Balancing Test\n\nA copy can be found at the below links:\n\n{marker}\n{OLD_LINK} {INSECURE_LINK}\n"


def test_end_to_end_text_marker_silences_only_its_code():
    plain = {f.rule for f in check_text(_link_draft("")).findings}
    assert "NCND402" in plain  # an http:// link to a police.uk host
    silenced = check_text(_link_draft("ncnd-check: ignore NCND402")).findings
    assert "NCND402" not in {f.rule for f in silenced}
    assert plain - {"NCND402"} == {f.rule for f in silenced}


def test_end_to_end_html_ignore_file():
    html = f"<html><body><!-- ncnd-check: ignore-file NCND402 --><h2>Balancing Test</h2><p>{OLD_LINK} {INSECURE_LINK}</p></body></html>"
    rules = {f.rule for f in check_text(html, fmt="html").findings}
    assert "NCND402" not in rules
    assert "NCND402" in {f.rule for f in check_text(html.replace("ignore-file", "nothing"), fmt="html").findings}


def test_marker_by_rule_name_or_category():
    for selector in ("insecure-link", "NCND4", "ALL"):
        rules = {f.rule for f in check_text(_link_draft(f"ncnd-check: ignore {selector}")).findings}
        assert "NCND402" not in rules, selector
