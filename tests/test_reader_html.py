"""The HTML reader on pages in the style of Word, LibreOffice and a case-management system."""

from __future__ import annotations

import pytest

from ncnd_check.errors import InputError
from ncnd_check.readers import read_bytes
from ncnd_check.readers.html import read_html


def read(html: str | bytes):
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read_html(data, "draft.html")


def kinds(doc):
    return [(b.kind, b.level, b.text) for b in doc.blocks]


# Word's "Save as Web Page" (filtered and unfiltered share these features).
WORD_PAGE = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=Generator content="Microsoft Word 15 (filtered)">
<!--[if gte mso 9]><xml>
 <o:DocumentProperties><o:Author>J Bloggs</o:Author></o:DocumentProperties>
</xml><![endif]-->
<style>
<!-- p.MsoNormal {margin:0cm; font-family:"Arial",sans-serif;} -->
</style>
</head>
<body lang=EN-GB style='tab-interval:36.0pt'>
<div class=WordSection1>
<p class=MsoTitle>Freedom of Information Request 000123/24<o:p></o:p></p>
<p class=MsoNormal><b><span style='font-size:12.0pt'>Applicable Exemptions:<o:p></o:p></span></b></p>
<p class=MsoNormal>Section 24(2) National Security<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<h1>Harm in Confirming or Denying that Information is held</h1>
<p class=MsoNormal>Policing is an information-led activity, see
<a href="https://www.app.college.police.uk/app-content/information-management/">APP on
information management</a>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>&middot;<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Factors favouring disclosure<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='margin-left:72.0pt;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span><![endif]>The public interest in <span style='display:none;mso-hide:all'>DRAFT NOTE: check with legal </span>transparency<o:p></o:p></p>
<p class=MsoNormal><span style='background:yellow;mso-highlight:yellow'>[Name of force]</span> will neither confirm nor deny.</p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
 <tr><td width=301 valign=top><p class=MsoNormal><b>Exemption<o:p></o:p></b></p></td>
  <td width=301 valign=top><p class=MsoNormal><b>Test<o:p></o:p></b></p></td></tr>
 <tr><td><p class=MsoNormal>Section 24(2)<o:p></o:p></p><p class=MsoNormal>National Security<o:p></o:p></p></td>
  <td><p class=MsoNormal>Prejudice<o:p></o:p></p></td></tr>
</table>
<p class=MsoNormal>Yours sincerely<o:p></o:p></p>
</div>
</body>
</html>
"""

LIBREOFFICE_PAGE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html>
<head>
	<meta http-equiv="content-type" content="text/html; charset=utf-8"/>
	<title></title>
	<meta name="generator" content="LibreOffice 7.3.7.2 (Linux)"/>
	<style type="text/css">
		@page { size: 21cm 29.7cm; margin: 2cm }
		p { margin-bottom: 0.25cm; line-height: 115%; background: transparent }
		h2.western { font-family: "Liberation Sans", sans-serif; font-size: 16pt }
	</style>
</head>
<body lang="en-GB" link="#000080" vlink="#800000" dir="ltr"><h2 class="western">Public
Interest Considerations</h2>
<p class="western" style="margin-bottom: 0cm; line-height: 100%"><font face="Arial, sans-serif"><font size="2" style="font-size: 11pt"><b>Section
31(3) Law Enforcement</b></font></font></p>
<p class="western" style="margin-bottom: 0cm; line-height: 100%"><font face="Arial, sans-serif"><font size="2" style="font-size: 11pt">Confirming
that information exists would lead to a better informed public.</font></font></p>
<ol>
	<li><p class="western" style="margin-bottom: 0cm; line-height: 100%">
	<font face="Arial, sans-serif">Crime prevention</font></p>
	<li><p class="western" style="margin-bottom: 0cm; line-height: 100%">
	<font face="Arial, sans-serif">Apprehension of offenders</font></p>
</ol>
<table width="100%" cellpadding="4" cellspacing="0">
	<col width="128*"/><col width="128*"/>
	<tr valign="top">
		<td width="50%" style="border: 1px solid #000000; padding: 0.1cm"><p class="western">Factor</p></td>
		<td width="50%" style="border: 1px solid #000000; padding: 0.1cm"><p class="western">Weight</p></td>
	</tr>
</table>
<p class="western" style="margin-bottom: 0cm; line-height: 100%"><br/>
</p>
</body>
</html>
"""

CMS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Case 2024/00123 - response</title>
<script>var tracking = "Applicable Exemptions";</script>
<style>.x { color: red }</style></head>
<body>
<nav><a href="/cases">Cases</a> | <a href="/logout">Log out</a></nav>
<div class="response-body">
Dear Applicant,<br><br>
Applicable Exemptions:<br><br>
Section 24(2) National Security<br>Section 31(3) Law Enforcement<br><br>
Balancing Test<br><br>
The balance favours neither confirming nor denying. See www.ico.org.uk/for-the-public for your rights.
<p>Contact <a href="mailto:foi@example.police.uk">the FOI team</a> or go <a href="#top">back to top</a>
or <a href="javascript:void(0)">print</a>.</p>
<noscript>Enable JavaScript</noscript>
<template><p>Template text</p></template>
<p hidden>Hidden by attribute</p>
<div aria-hidden="true">Hidden from screen readers</div>
<p style="visibility: hidden">Invisible</p>
</div>
</body></html>
"""


# -- Word ------------------------------------------------------------------

def test_word_page_blocks():
    doc = read(WORD_PAGE.encode("cp1252"))
    assert kinds(doc)[:6] == [
        ("heading", 1, "Freedom of Information Request 000123/24"),
        ("heading", 2, "Applicable Exemptions:"),
        ("paragraph", None, "Section 24(2) National Security"),
        ("heading", 1, "Harm in Confirming or Denying that Information is held"),
        ("paragraph", None, "Policing is an information-led activity, see APP on information management."),
        ("list-item", 0, "Factors favouring disclosure"),
    ]
    assert doc.format == "html"


def test_word_conditional_comments_and_styles_leave_no_text():
    text = read(WORD_PAGE).text
    assert "J Bloggs" not in text and "MsoNormal" not in text and "supportLists" not in text


def test_word_list_paragraph_bullet_becomes_the_label():
    doc = read(WORD_PAGE)
    items = [(b.label, b.level, b.text) for b in doc.blocks if b.kind == "list-item"]
    assert items == [
        ("\u00b7", 0, "Factors favouring disclosure"),
        ("a)", 1, "The public interest in transparency"),
    ]


def test_word_hidden_text_is_left_out_and_recorded():
    doc = read(WORD_PAGE)
    assert "DRAFT NOTE" not in doc.text
    hidden = [m for m in doc.marked if m.kind == "hidden"]
    assert [(m.text, m.detail) for m in hidden] == [("DRAFT NOTE: check with legal", "display:none")]
    assert doc.blocks[hidden[0].block].text == "The public interest in transparency"


def test_word_highlight_is_recorded_and_kept_in_text():
    doc = read(WORD_PAGE)
    highlights = [m for m in doc.marked if m.kind == "highlight"]
    assert [(m.text, m.detail) for m in highlights] == [("[Name of force]", "yellow")]
    assert doc.blocks[highlights[0].block].text == "[Name of force] will neither confirm nor deny."


def test_word_table_cells_and_paragraphs_inside_a_cell():
    doc = read(WORD_PAGE)
    cells = [(b.cell, b.text) for b in doc.blocks if b.kind == "table-cell"]
    assert cells == [
        ((0, 0, 0), "Exemption"),
        ((0, 0, 1), "Test"),
        ((0, 1, 0), "Section 24(2)\nNational Security"),
        ((0, 1, 1), "Prejudice"),
    ]


def test_word_nbsp_paragraph_is_not_a_block_and_sign_off_is_a_paragraph():
    doc = read(WORD_PAGE)
    assert all(b.text.strip() for b in doc.blocks)
    assert doc.blocks[-1].kind == "paragraph" and doc.blocks[-1].text == "Yours sincerely"


def test_anchor_is_a_hyperlink_with_its_text():
    doc = read(WORD_PAGE)
    links = [(l.target, l.text, l.source) for l in doc.links]
    assert links == [
        ("https://www.app.college.police.uk/app-content/information-management/", "APP on information management", "hyperlink")
    ]
    assert doc.links[0].block == 4


def test_source_lines_are_one_based_element_lines():
    doc = read(WORD_PAGE)
    lines = WORD_PAGE.split("\n")
    for block in doc.blocks:
        assert block.line is not None
        assert block.text.split()[0].strip("\u00b7") in " ".join(lines[block.line - 1 : block.line + 2]) or block.kind == "table-cell"
    assert doc.blocks[0].line == lines.index("<p class=MsoTitle>Freedom of Information Request 000123/24<o:p></o:p></p>") + 1


# -- LibreOffice -------------------------------------------------------------

def test_libreoffice_page_blocks():
    doc = read(LIBREOFFICE_PAGE)
    assert [(b.kind, b.level, b.label, b.text) for b in doc.blocks] == [
        ("heading", 2, None, "Public Interest Considerations"),
        ("heading", 2, None, "Section 31(3) Law Enforcement"),
        ("paragraph", None, None, "Confirming that information exists would lead to a better informed public."),
        ("list-item", 0, "1.", "Crime prevention"),
        ("list-item", 0, "2.", "Apprehension of offenders"),
        ("table-cell", None, None, "Factor"),
        ("table-cell", None, None, "Weight"),
    ]
    assert doc.blocks[0].style == "western"


# -- case-management system --------------------------------------------------

def test_cms_page_br_paragraphs_and_headings_by_shape():
    doc = read(CMS_PAGE)
    assert kinds(doc)[:5] == [
        ("paragraph", None, "Dear Applicant,"),
        ("heading", 2, "Applicable Exemptions:"),
        ("paragraph", None, "Section 24(2) National Security\nSection 31(3) Law Enforcement"),
        ("heading", 2, "Balancing Test"),
        ("paragraph", None, "The balance favours neither confirming nor denying. See www.ico.org.uk/for-the-public for your rights."),
    ]


def test_cms_page_drops_script_style_nav_noscript_template_and_head():
    text = read(CMS_PAGE).text
    for gone in ("tracking", "color: red", "Log out", "Cases", "Enable JavaScript", "Template text", "Case 2024/00123"):
        assert gone not in text


def test_cms_page_hidden_elements_recorded():
    doc = read(CMS_PAGE)
    assert [(m.text, m.detail) for m in doc.marked if m.kind == "hidden"] == [
        ("Hidden by attribute", "hidden"),
        ("Hidden from screen readers", "aria-hidden"),
        ("Invisible", "visibility:hidden"),
    ]
    assert "Hidden" not in doc.text and "Invisible" not in doc.text


def test_links_fragment_and_javascript_skipped_mailto_kept_bare_urls_found():
    doc = read(CMS_PAGE)
    assert [(l.target, l.text, l.source) for l in doc.links] == [
        ("www.ico.org.uk/for-the-public", "www.ico.org.uk/for-the-public", "text"),
        ("mailto:foi@example.police.uk", "the FOI team", "hyperlink"),
    ]


def test_anchor_whose_text_is_the_url_is_not_counted_twice():
    doc = read('<p>See <a href="https://example.org/a">https://example.org/a</a>.</p>')
    assert [l.source for l in doc.links] == ["hyperlink"]


# -- structure ------------------------------------------------------------------

def test_headings_h1_to_h6():
    doc = read("".join(f"<h{n}>Level {n}</h{n}>" for n in range(1, 7)))
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", n) for n in range(1, 7)]


@pytest.mark.parametrize(
    "html, kind",
    [
        ("<p><strong>Balancing Test</strong></p>", "heading"),
        ('<p style="font-weight:bold">Balancing Test</p>', "heading"),
        ('<p><span style="font-weight: 700">Balancing Test</span></p>', "heading"),
        ("<p><b>This whole paragraph is bold and ends with a full stop.</b></p>", "paragraph"),
        ("<p><b>Balancing</b> Test</p>", "paragraph"),
        ("<p>Balancing Test</p>", "paragraph"),
    ],
)
def test_lone_bold_paragraph_is_a_heading(html, kind):
    # The page has other heading markup, so plain paragraphs are not headings by shape.
    doc = read("<h1>Response</h1>" + html)
    assert doc.blocks[1].kind == kind


def test_page_without_heading_markup_gets_headings_by_shape():
    doc = read(
        "<p>Applicable Exemptions:</p><p>Section 24(2) National security Section 31(3) Law enforcement</p>"
        "<p>Balancing Test</p><p>The balance favours neither confirming nor denying.</p>"
        "<table><tr><td>Exemption</td></tr></table>"
    )
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 2), ("paragraph", None), ("heading", 2), ("paragraph", None), ("table-cell", None)
    ]


def test_bold_table_cell_stays_a_cell():
    doc = read("<table><tr><td><b>Exemption</b></td></tr></table>")
    assert doc.blocks[0].kind == "table-cell"


def test_nested_lists_levels_and_ordered_labels():
    doc = read(
        '<ol start="3" type="a"><li>first<ol type="i"><li><p>inner one</p></li><li>inner two</li></ol></li>'
        "<li>second</li></ol><ul><li>bullet</li></ul><ol reversed><li>x</li><li>y</li></ol>"
    )
    assert [(b.label, b.level, b.text) for b in doc.blocks] == [
        ("c.", 0, "first"),
        ("i.", 1, "inner one"),
        ("ii.", 1, "inner two"),
        ("d.", 0, "second"),
        ("\u2022", 0, "bullet"),
        ("2.", 0, "x"),
        ("1.", 0, "y"),
    ]


def test_nested_tables_get_their_own_numbers():
    doc = read(
        "<table><tr><td>A1</td><td colspan=2>B1</td><td>D1</td></tr>"
        "<tr><td>A2 before<table><tr><td>inner</td><th>head</th></tr></table>A2 after</td></tr></table>"
        "<table><tr><td>second table</td></tr></table>"
    )
    assert [(b.cell, b.text) for b in doc.blocks] == [
        ((0, 0, 0), "A1"),
        ((0, 0, 1), "B1"),
        ((0, 0, 3), "D1"),
        ((0, 1, 0), "A2 before"),
        ((1, 0, 0), "inner"),
        ((1, 0, 1), "head"),
        ((0, 1, 0), "A2 after"),
        ((2, 0, 0), "second table"),
    ]


def test_br_is_a_line_break_inside_a_block():
    doc = read("<p>Line one<br>Line two<br/>  Line three</p>")
    assert doc.blocks[0].text == "Line one\nLine two\nLine three"


def test_div_text_outside_paragraphs_is_a_paragraph():
    doc = read("<div>Loose text <span>here</span><p>In a paragraph.</p>and after</div>")
    assert [b.text for b in doc.blocks] == ["Loose text here", "In a paragraph.", "and after"]


def test_entities_are_decoded_and_spaces_collapsed():
    doc = read("<p>Fish &amp; chips &pound;5 &#8211; &ldquo;quoted&rdquo;\n   over   lines&nbsp;.</p>")
    assert doc.blocks[0].text == "Fish & chips \u00a35 \u2013 \u201cquoted\u201d over lines\u00a0."
    assert doc.blocks[0].norm == 'Fish & chips \u00a35 - "quoted" over lines .'


def test_fragment_without_html_or_body():
    doc = read("<p>Only a fragment</p>")
    assert kinds(doc) == [("paragraph", None, "Only a fragment")]


@pytest.mark.parametrize("data", [b"", b"   \n", b"<html></html>", b"<!-- nothing -->"])
def test_empty_pages_give_no_blocks(data):
    assert read(data).blocks == []


# -- encodings and safety -------------------------------------------------------

def test_declared_charset_that_lies_falls_back_to_utf8():
    doc = read('<meta charset="gb2312"><p>caf\u00e9 \u2013 \u201cok\u201d</p>'.encode("utf-8"))
    assert doc.blocks[0].text == "caf\u00e9 \u2013 \u201cok\u201d"


def test_declared_charset_is_honoured_when_the_bytes_fit():
    doc = read('<meta charset="iso-8859-7"><p>\u0391\u03b8\u03ae\u03bd\u03b1</p>'.encode("iso-8859-7"))
    assert doc.blocks[0].text == "\u0391\u03b8\u03ae\u03bd\u03b1"


def test_undeclared_cp1252_page():
    doc = read(b"<p>\x93Quoted\x94 \xa310</p>")
    assert doc.blocks[0].text == "\u201cQuoted\u201d \u00a310"


def test_utf16_page_with_bom():
    doc = read(b"\xff\xfe" + "<html><body><h2>Balancing Test</h2></body></html>".encode("utf-16-le"))
    assert kinds(doc) == [("heading", 2, "Balancing Test")]


def test_doctype_entities_are_never_expanded():
    doc = read(
        b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y "EXPANDED">]>'
        b"<html><body><p>a &x; b &y; c</p></body></html>"
    )
    assert "root:" not in doc.text and "EXPANDED" not in doc.text


def test_nul_bytes_in_html_are_refused():
    with pytest.raises(InputError) as err:
        read(b"<html><body><p>a\x00b</p></body></html>")
    assert err.value.kind == "unreadable"


def test_read_bytes_sniffs_html_by_content():
    doc = read_bytes(b"<!DOCTYPE html><html><body><h1>Response</h1></body></html>", "draft.txt")
    assert doc.format == "html"
    assert kinds(doc) == [("heading", 1, "Response")]


# -- preformatted text and notes -----------------------------------------------

def test_pre_is_read_as_plain_text():
    doc = read(
        "<p>Intro.</p>\n<pre>\nApplicable Exemptions:\n\nSection 24(2) applies\nto this request.\n"
        "ncnd-check: ignore NCND402\nSee http://a.police.uk/x\n</pre>"
    )
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("paragraph", "Intro.", 1),
        ("heading", "Applicable Exemptions:", 3),
        ("paragraph", "Section 24(2) applies to this request.", 5),
        ("paragraph", "See http://a.police.uk/x", 8),
    ]
    assert doc.blocks[3].links[0].target == "http://a.police.uk/x"
    assert [(d.codes, d.block, d.line) for d in doc.directives] == [(("NCND402",), 3, 7)]


def test_word_footnotes_go_to_the_extras():
    doc = read(
        "<p class=MsoNormal>Body text<a style='mso-footnote-id:ftn1' href=\"#_ftn1\" name=\"_ftnref1\">"
        "<span class=MsoFootnoteReference>[1]</span></a>.</p>"
        "<div style='mso-element:footnote-list'><br clear=all><hr align=left size=1 width=\"33%\">"
        "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText>"
        "<a style='mso-footnote-id:ftn1' href=\"#_ftnref1\" name=\"_ftn1\">[1]</a> See "
        "<a href=\"https://ico.org.uk/x\">ICO guidance</a>.</p></div>"
        "<div id=edn1><p class=MsoEndnoteText>[i] An endnote.</p></div></div><p>After.</p>"
    )
    # The note numbers Word writes as links are left out, in the text and in the notes.
    assert [b.text for b in doc.blocks] == ["Body text.", "After."]
    assert [(b.part, b.index, b.text) for b in doc.extras] == [
        ("footnote", 0, "See ICO guidance."),
        ("endnote", 1, "[i] An endnote."),
    ]
    assert [(l.target, l.part, l.block) for l in doc.extras[0].links] == [("https://ico.org.uk/x", "footnote", 0)]


def test_word_numbered_heading_keeps_heading_kind_with_label():
    doc = read(
        "<h2 style='mso-list:l1 level2 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.2"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>Balancing Test</h2>"
    )
    assert [(b.kind, b.level, b.label, b.text) for b in doc.blocks] == [("heading", 2, "1.2", "Balancing Test")]


def test_same_draft_as_text_and_as_html_reads_the_same():
    """One fixture draft, converted by tests/convert.py, gives the same blocks in both readers."""
    from convert import to_html, to_text

    from ncnd_check.readers.text import read_text

    md = (
        "# Response to your request\n\nb) Number of new office 365 accounts purchased\n\n"
        "## Applicable Exemptions\n\nSection 24(2) National Security and Section 31(3) Law Enforcement.\n\n"
        "<!-- ncnd-check: ignore NCND301 -->\nPolicing is an information-led activity, see www.ico.org.uk.\n\n"
        "- Crime prevention\n- Apprehension of offenders\n\n1. First\n2. Second\n\n"
        "| Exemption | Test |\n|---|---|\n| s24(2) | prejudice |\n\n## Balancing Test\n\n"
        "The balance favours neither confirming nor denying.\n"
    )
    as_text = read_text(to_text(md).encode("utf-8"), "draft.txt")
    as_html = read(to_html(md))
    assert [(b.kind, b.level, b.text, b.cell) for b in as_text.blocks] == [
        (b.kind, b.level, b.text, b.cell) for b in as_html.blocks
    ]
    assert [(d.codes, d.block) for d in as_text.directives] == [(d.codes, d.block) for d in as_html.directives]
    assert [l.target for l in as_text.links] == [l.target for l in as_html.links]


# -- robustness -------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TAGS = ["p", "div", "b", "span", "a href='http://x.uk/a'", "a href='#f'", "ul", "ol", "li", "table", "tr", "td",
         "th", "h2", "br", "pre", "script", "nav", "o:p", "font", "strong", "span style='display:none'",
         "p class=MsoListParagraph style='mso-list:l0 level2 lfo1'", "span style='mso-list:Ignore'",
         "div style='mso-element:footnote'"]
_soup = st.lists(
    st.one_of(
        st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(_TAGS).map(lambda t: f"</{t.split()[0]}>"),
        st.sampled_from(["<!-- ncnd-check: ignore NCND301 -->", "<!--[if gte mso 9]>x<![endif]-->", "&nbsp;", "&amp;",
                         "&#0;", "&bogus;", "<![if !supportLists]>", "<![endif]>", "\n", "<br><br>"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_soup)
def test_any_tag_soup_reads_without_error(html):
    doc = read(html.encode("utf-8"))
    for i, block in enumerate(doc.blocks):
        assert block.index == i and block.text.strip() == block.text and block.text
    for d in doc.directives:
        assert d.block is None or 0 <= d.block < len(doc.blocks)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=1500))
def test_any_bytes_give_a_document_or_an_input_error(data):
    try:
        read(data)
    except InputError as exc:
        assert exc.kind == "unreadable"


@pytest.mark.parametrize("tag", ["div", "b", "span"])
def test_absurdly_deep_nesting_is_refused_cleanly(tag):
    with pytest.raises(InputError) as err:
        read(f"<{tag}>" * 5000 + "deep text")
    assert err.value.kind == "unreadable" and "nested" in err.value.message


def test_ordinary_nesting_depth_reads():
    doc = read("<div>" * 60 + "<b>" * 20 + "deep text")
    assert doc.blocks[0].text == "deep text"


def test_bold_name_after_sign_off_is_not_a_heading():
    doc = read("<h1>Response</h1><p>Yours sincerely</p><p><b>J Bloggs</b></p><p><b>FOI Team</b></p>")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph", "paragraph"]


def test_word_document_properties_and_meta_tags_are_recorded():
    doc = read(WORD_PAGE.replace(
        "<o:Author>J Bloggs</o:Author>",
        "<o:Author>J Bloggs</o:Author><o:LastAuthor>jsmith</o:LastAuthor>"
        "<o:Template>C:\\Users\\jsmith\\Templates\\FOI NCND.dotm</o:Template><o:Company>A &amp; B</o:Company>",
    ))
    assert doc.properties == {
        "generator": "Microsoft Word 15 (filtered)",
        "creator": "J Bloggs",
        "lastModifiedBy": "jsmith",
        "template": "C:\\Users\\jsmith\\Templates\\FOI NCND.dotm",
        "company": "A & B",
    }
    assert "jsmith" not in doc.text


def test_title_and_author_meta():
    doc = read('<html><head><title> Case 1 </title><meta name="author" content="FOI Team"></head><body><p>x</p></body></html>')
    assert doc.properties == {"title": "Case 1", "creator": "FOI Team"}


GOOGLE_DOCS_PAGE = """<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">
<style type="text/css">@import url('https://themes.googleusercontent.com/fonts/css?kit=x');
ol{margin:0;padding:0}.c1{font-weight:700;font-size:11pt}.c2{font-weight:400}
.c5{display:none}.c6{background-color:#ffff00}
@media print{.c2{display:none}}</style></head>
<body class="c3 doc-content"><p class="c0"><span class="c1">Public Interest Considerations</span></p>
<p class="c0"><span class="c2">The public are entitled to know how public funds are spent.</span><span class="c5"> Internal: ask DPO.</span></p>
<p class="c0"><span class="c6">[Insert force name]</span><span class="c2"> cannot confirm.</span></p>
<p class="c0 c1">Balancing <span class="c2">Test</span></p></body></html>"""


def test_google_docs_classes_give_bold_headings_hidden_and_highlight():
    doc = read(GOOGLE_DOCS_PAGE)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Public Interest Considerations"),
        ("paragraph", "The public are entitled to know how public funds are spent."),
        ("paragraph", "[Insert force name] cannot confirm."),
        ("paragraph", "Balancing Test"),  # "Test" is set back to normal weight
    ]
    assert [(m.kind, m.text, m.detail) for m in doc.marked] == [
        ("hidden", "Internal: ask DPO.", "display:none"),
        ("highlight", "[Insert force name]", "#ffff00"),
    ]


def test_inline_style_overrides_class_style():
    doc = read("<style>.h{display:none}</style><h1>T</h1><p class=h style='display:block'>Shown</p>")
    assert [b.text for b in doc.blocks] == ["T", "Shown"]


def test_libreoffice_header_footer_and_footnote_go_to_the_extras():
    doc = read(
        '<body><div title="header"><p class="western">West Midlands Police - OFFICIAL</p></div>'
        '<p class="western">Body text<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>.</p>'
        '<div id="sdfootnote1"><p class="sdfootnote-western"><a class="sdfootnotesym" name="sdfootnote1sym" '
        'href="#sdfootnote1anc">1</a>See s.17(4).</p></div>'
        '<div title="footer"><p class="western">Page 1</p></div></body>'
    )
    assert [b.text for b in doc.blocks] == ["Body text."]
    assert [(b.part, b.text) for b in doc.extras] == [
        ("header", "West Midlands Police - OFFICIAL"), ("footnote", "See s.17(4)."), ("footer", "Page 1"),
    ]


WORD_REVIEWED = r"""<html><body><div class=WordSection1>
<p class=MsoNormal>Some <a style='mso-comment-reference:KS_1;mso-comment-date:20240305T1030'>noted</a><span
class=MsoCommentReference><span style='font-size:8.0pt'><a style='mso-comment-reference:KS_1;mso-comment-date:20240305T1030'>&nbsp;</a><span
style='mso-special-character:comment'>&nbsp;<![if !supportAnnotations]><a href="#_msocom_1" language=JavaScript id="_anchor_1"
class=msocomanchor name="_msoanchor_1">[KS1]</a><![endif]></span></span></span> text.</p>
<p class=MsoNormal>West Midlands Police <span class=msoDel><del cite="mailto:Jon%20Smith" datetime="2015-07-31T12:12">holds
</del></span><span class=msoIns><ins cite="mailto:Jon%20Smith" datetime="2015-07-31T12:13">can neither confirm nor deny
that it holds</ins></span> the information.</p>
</div>
<div style='mso-element:comment-list'><![if !supportAnnotations]><hr class=msocomoff align=left size=1 width="33%"><![endif]>
<div style='mso-element:comment'><![if !supportAnnotations]><div id="_com_1" class=msocomtxt language=JavaScript><![endif]>
<div><![if !supportAnnotations]><a name="_msocom_1"></a><![endif]><span style='mso-comment-author:"Kim Smith"'></span>
<p class=MsoCommentText><span class=MsoCommentReference><span style='font-size:8.0pt'><span
style='mso-special-character:comment'>&nbsp;<![if !supportAnnotations]><a href="#_msoanchor_1"
class=msocomoff>[KS1]</a><![endif]></span></span></span>Check this with <b>legal</b>.<o:p></o:p></p>
</div><![if !supportAnnotations]></div><![endif]></div>
</div></body></html>"""


def test_word_tracked_changes_are_accepted_and_recorded():
    doc = read(WORD_REVIEWED)
    assert doc.blocks[1].text == "West Midlands Police can neither confirm nor deny that it holds the information."
    assert [(r.kind, r.author, r.date, r.text, r.block) for r in doc.revisions] == [
        ("deletion", "Jon Smith", "2015-07-31T12:12", "holds", 1),
        ("insertion", "Jon Smith", "2015-07-31T12:13", "can neither confirm nor deny that it holds", 1),
    ]


def test_word_comments_are_recorded_not_read_as_text():
    doc = read(WORD_REVIEWED)
    assert [b.text for b in doc.blocks] == [
        "Some noted text.",
        "West Midlands Police can neither confirm nor deny that it holds the information.",
    ]
    assert [(c.id, c.author, c.date, c.text, c.anchor_text, c.block) for c in doc.comments] == [
        ("1", "Kim Smith", "2024-03-05T10:30", "Check this with legal.", "noted", 0)
    ]
    assert doc.extras == []


@pytest.mark.parametrize(
    "heading, label, text",
    [
        ("1.1Harm in confirming", "1.1", "Harm in confirming"),  # LibreOffice glues the number on
        ("1.2 Public Interest", "1.2", "Public Interest"),
        ("3. Balancing Test", "3.", "Balancing Test"),
        ("2020 Review", None, "2020 Review"),
        ("24(2) National Security", None, "24(2) National Security"),
    ],
)
def test_heading_numbers_become_labels(heading, label, text):
    block = read(f"<h2>{heading}</h2>").blocks[0]
    assert (block.kind, block.label, block.text) == ("heading", label, text)


def test_libreoffice_xhtml_list_labels_and_inline_annotations():
    doc = read(
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><ol><li><p class="P2"><span class="ListLabel_20_163" '
        'style="display:block;float:left;min-width:0cm;">1.</span><span class="T1">First point</span>'
        '<span class="T1"/><span class="odfLiEnd"/> </p></li></ol>'
        '<div class="Standard"><span title="annotation" class="annotation_style_by_filter"><br/>[ANNOTATION:<br/><br/>'
        "<span title=\"dc:creator\">BY 'Jane Smith'</span><br/><span title=\"dc:date\">ON '2024-03-01T10:00:00'</span>JS<br/>"
        "<span>NOTE: 'Check with legal.'</span>]</span>Ouch.</div></body></html>"
    )
    assert [(b.kind, b.label, b.text) for b in doc.blocks] == [("list-item", "1.", "First point"), ("paragraph", None, "Ouch.")]
    assert [(c.author, c.date, c.text, c.block) for c in doc.comments] == [
        ("Jane Smith", "2024-03-01T10:00:00", "Check with legal.", 1)
    ]


def test_libreoffice_export_reads_like_the_docx_it_came_from(tmp_path):
    """A DOCX and LibreOffice's real HTML export of it give the same blocks (skips without LibreOffice)."""
    import shutil
    import subprocess

    from convert import to_docx

    from ncnd_check.readers import read_path

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    md = (
        "# Response\n\nb) Number of new office 365 accounts purchased\n\n## Applicable Exemptions\n\n"
        "Section 24(2) National Security and Section 31(3) Law Enforcement.\n\n"
        "- Crime prevention\n- Apprehension of offenders\n\n| Exemption | Test |\n|---|---|\n| s24(2) | prejudice |\n\n"
        "## Balancing Test\n\nThe balance favours neither confirming nor denying, see https://ico.org.uk/x.\n"
    )
    docx = tmp_path / "draft.docx"
    docx.write_bytes(to_docx(md))
    profile = tmp_path / "profile"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "html",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, timeout=180,
    )
    html = tmp_path / "draft.html"
    if done.returncode != 0 or not html.exists():
        pytest.skip(f"LibreOffice could not convert: {done.stderr[-200:]!r}")
    from_docx, from_html = read_path(docx), read_path(html)
    assert from_html.format == "html"
    assert [(b.kind, b.level, b.text, b.cell) for b in from_html.blocks] == [
        (b.kind, b.level, b.text, b.cell) for b in from_docx.blocks
    ]
    assert [l.target for l in from_html.links] == [l.target for l in from_docx.links]


def test_word_filtered_list_paragraphs_take_their_bullet_as_label():
    doc = read(
        "<p class=MsoListParagraphCxSpFirst style='text-indent:-.25in'><span style='font-family:Symbol'>\u00b7"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>Crime prevention</p>"
        "<p class=MsoListParagraphCxSpLast style='margin-left:1.0in;text-indent:-.25in'><span>a)"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span>Apprehension</p>"
        "<p class=MsoListParagraph>Ordinary sentence in a list style.</p>"
    )
    assert [(b.kind, b.level, b.label, b.text) for b in doc.blocks] == [
        ("list-item", 0, "\u00b7", "Crime prevention"),
        ("list-item", 1, "a)", "Apprehension"),
        ("paragraph", None, None, "Ordinary sentence in a list style."),
    ]


def test_word_text_box_goes_to_the_extras_and_its_layout_tables_are_not_tables():
    doc = read(
        "<p class=MsoNormal><![if !vml]><span style='mso-ignore:vglayout;position:absolute'><table cellpadding=0 "
        "cellspacing=0><tr><td width=194><![endif]><div v:shape=\"Text_x0020_Box_x0020_2\" class=shape>"
        "<p class=MsoNormal><b>Inside</b> the box.<o:p></o:p></p></div><![if !vml]></td></tr></table></span><![endif]>"
        "Beside the box.</p><table><tr><td>Real cell</td></tr></table>"
    )
    assert [(b.kind, b.text, b.cell) for b in doc.blocks] == [
        ("paragraph", "Beside the box.", None),
        ("table-cell", "Real cell", (0, 0, 0)),
    ]
    assert [(b.part, b.kind, b.text) for b in doc.extras] == [("textbox", "paragraph", "Inside the box.")]


def test_word_header_file_parts_go_to_the_extras():
    doc = read(
        "<body><div style='mso-element:header' id=h1><p class=MsoHeader>Running head</p></div>"
        "<div style='mso-element:footer' id=f1><p class=MsoFooter>Page footer</p></div></body>"
    )
    assert doc.blocks == []
    assert [(b.part, b.text) for b in doc.extras] == [("header", "Running head"), ("footer", "Page footer")]


def test_rowspan_and_colspan_keep_columns_aligned():
    doc = read(
        "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
        "<tr><td>C</td><td>D</td></tr><tr><td>E</td><td>F</td><td>G</td></tr></table>"
    )
    assert [(b.cell, b.text) for b in doc.blocks] == [
        ((0, 0, 0), "A"), ((0, 0, 1), "B"), ((0, 1, 1), "C"), ((0, 1, 2), "D"),
        ((0, 2, 0), "E"), ((0, 2, 1), "F"), ((0, 2, 2), "G"),
    ]
