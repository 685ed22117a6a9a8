"""The DOCX reader, feature by feature, on documents built with docx_factory."""

from __future__ import annotations

import io
import re

import pytest
from docx_factory import (
    W_NS,
    build_docx,
    bookmark,
    cell,
    commented,
    custom_xml,
    del_,
    docx_parts,
    endnote_ref,
    field,
    field_link,
    footnote_ref,
    format_change,
    heading,
    hyperlink,
    inserted_paragraph_mark,
    ins,
    line_break,
    list_item,
    move_from,
    move_to,
    no_break_hyphen,
    outline_paragraph,
    paragraph,
    run,
    sdt,
    smart_tag,
    soft_hyphen,
    style,
    styles_xml,
    symbol,
    tab,
    table,
    textbox,
    zip_parts,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncnd_check.errors import InputError
from ncnd_check.readers import read_bytes
from ncnd_check.readers.docx import parse_hyperlink_field, read_docx


def read(body: str, **kwargs):
    return read_docx(build_docx(body, **kwargs), "draft.docx")


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


# ------------------------------------------------------------ paragraphs and headings


def test_paragraphs_in_reading_order_and_format():
    doc = read(paragraph("First.") + paragraph("Second.") + paragraph("Third."))
    assert texts(doc) == ["First.", "Second.", "Third."]
    assert doc.format == "docx" and doc.path == "draft.docx"
    assert [b.index for b in doc.blocks] == [0, 1, 2]
    assert all(b.line is None and b.kind == "paragraph" for b in doc.blocks)


def test_sniffed_as_docx_whatever_the_name():
    doc = read_bytes(build_docx(paragraph("Hello")), "draft.bin")
    assert doc.format == "docx" and texts(doc) == ["Hello"]


def test_headings_from_styles_with_levels_and_style_names():
    doc = read(heading("Response", 1) + heading("Section 24", 2) + heading("Harm", 3) + paragraph("Body"))
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 1), ("heading", 2), ("heading", 3), ("paragraph", None)]
    assert doc.blocks[0].style == "heading 1"


def test_title_and_subtitle_styles_are_headings():
    extra = [style("Subtitle", "Subtitle", based_on="Normal")]
    doc = read(heading("Freedom of Information Response", 0) + paragraph("Reference 123", style="Subtitle"), extra_styles=extra)
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 1), ("heading", 2)]


def test_custom_style_based_on_heading_is_a_heading():
    extra = [style("ForceHeading", "Force Heading", based_on="Heading2"), style("ForceSub", "Force Sub", based_on="ForceHeading")]
    doc = read(paragraph("Public interest test", style="ForceHeading") + paragraph("Factors", style="ForceSub"), extra_styles=extra)
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 2), ("heading", 2)]
    assert doc.blocks[0].style == "Force Heading"


@pytest.mark.parametrize("name", ["Überschrift 1", "Titre 1", "Kop 1", "heading 1"])
def test_localised_heading_names(name):
    custom = styles_xml(heading_names=name.replace("1", "{n}"))
    # A LibreOffice-style document: heading styles without outline levels, only names.
    custom = re.sub(r"<w:pPr><w:outlineLvl[^>]*/></w:pPr>", "", custom)
    doc = read(heading("Antwort", 1) + paragraph("Text"), styles=custom)
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].level == 1


def test_heading_from_outline_level_in_paragraph_and_in_style():
    extra = [style("Big", "Big Type", outline=1)]
    doc = read(outline_paragraph("Outlined", 3) + paragraph("Styled", style="Big"), extra_styles=extra)
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 3), ("heading", 2)]


def test_body_text_outline_level_is_not_a_heading():
    doc = read(paragraph("Plain text.", ppr='<w:outlineLvl w:val="9"/>'))
    assert doc.blocks[0].kind == "paragraph"


# ------------------------------------------------------------ lists


def test_numbered_list_labels_and_levels():
    doc = read(list_item("One") + list_item("Two") + list_item("Two a", 1) + list_item("Two b", 1) + list_item("Three"))
    assert [(b.kind, b.level, b.label) for b in doc.blocks] == [
        ("list-item", 0, "1."), ("list-item", 0, "2."), ("list-item", 1, "a)"), ("list-item", 1, "b)"), ("list-item", 0, "3."),
    ]
    assert texts(doc) == ["One", "Two", "Two a", "Two b", "Three"]  # labels are not in the text


def test_bullet_list():
    doc = read(list_item("Apples", 0, num_id=2) + list_item("Pears", 0, num_id=2))
    assert [b.label for b in doc.blocks] == ["•", "•"]


def test_list_from_style_numbering():
    extra = [style("Numbered", "Numbered Para", based_on="Normal").replace(
        "</w:style>", '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')]
    doc = read(paragraph("Alpha", style="Numbered") + paragraph("Beta", style="Numbered"), extra_styles=extra)
    assert [(b.kind, b.label) for b in doc.blocks] == [("list-item", "1."), ("list-item", "2.")]


def test_list_without_numbering_part_is_not_a_list():
    doc = read(list_item("An orphan item."), numbering=False)
    assert doc.blocks[0].kind == "paragraph" and doc.blocks[0].text == "An orphan item."


# ------------------------------------------------------------ tables


def test_table_cells_in_order_with_coordinates():
    doc = read(table([["Exemption", "Type"], ["s24(2)", "qualified"]]))
    assert [(b.kind, b.text, b.cell) for b in doc.blocks] == [
        ("table-cell", "Exemption", (0, 0, 0)), ("table-cell", "Type", (0, 0, 1)),
        ("table-cell", "s24(2)", (0, 1, 0)), ("table-cell", "qualified", (0, 1, 1)),
    ]


def test_merged_cells_are_not_duplicated():
    rows = [
        [cell("Spans two", span=2), "C"],
        [cell("Tall", vmerge="restart"), "B2", "C2"],
        [cell("", vmerge="continue"), "B3", "C3"],
    ]
    doc = read(table(rows))
    assert texts(doc) == ["Spans two", "C", "Tall", "B2", "C2", "B3", "C3"]
    assert doc.blocks[1].cell == (0, 0, 2)
    assert doc.blocks[5].cell == (0, 2, 1)


def test_nested_tables_and_multi_paragraph_cells():
    inner = table([["inner 1", "inner 2"]])
    doc = read(table([[cell(paragraph("Outer first"), paragraph("second line"), inner), "Right"]]) + paragraph("After"))
    assert texts(doc) == ["Outer first\nsecond line", "inner 1", "inner 2", "Right", "After"]
    assert doc.blocks[1].cell == (1, 0, 0) and doc.blocks[3].cell == (0, 0, 1)


# ------------------------------------------------------------ text boxes and characters


def test_text_box_read_once_into_extras():
    doc = read(paragraph("Before", textbox("Reference: FOI/2025/123")) + paragraph("After"))
    assert texts(doc) == ["Before", "After"]
    boxes = [b for b in doc.extras if b.part == "textbox"]
    assert [b.text for b in boxes] == ["Reference: FOI/2025/123"]


def test_vml_only_text_box():
    doc = read(paragraph(textbox("Only VML", alternate=False)))
    assert [b.text for b in doc.extras] == ["Only VML"] and doc.blocks == []


def test_breaks_tabs_symbols_and_hyphens():
    doc = read(paragraph("Line one", line_break(), "Line two", tab(), "col", symbol("2022"), "re", no_break_hyphen(), "use", soft_hyphen(), "d"))
    assert doc.blocks[0].text == "Line one\nLine two\tcol\u2022re\u2011use\u00add"
    assert doc.blocks[0].norm == "Line one Line two col\u2022re-used"


def test_symbol_font_characters_mapped_to_unicode():
    doc = read(paragraph("a", symbol("F0DA", "Symbol"), "b", symbol("00B3", "Symbol"), "c", symbol("F0E0", "Wingdings")))
    assert doc.blocks[0].text == "a\u2228b\u2265c\uf0e0"


def test_smart_quotes_and_spaces_kept_for_display_folded_for_matching():
    doc = read(paragraph("\u201cNeither\u201d confirm\u00a0nor deny \u2013 it\u2019s s.\u00a024(2)"))
    block = doc.blocks[0]
    assert block.text == "\u201cNeither\u201d confirm\u00a0nor deny \u2013 it\u2019s s.\u00a024(2)"
    assert block.norm == "\"Neither\" confirm nor deny - it's s. 24(2)"


# ------------------------------------------------------------ links


def test_hyperlink_relationship_with_anchor():
    doc = read(paragraph("See ", hyperlink("the guidance", "https://ico.org.uk/guide", anchor="s24"), "."))
    (link,) = doc.blocks[0].links
    assert (link.target, link.text, link.source, link.block) == ("https://ico.org.uk/guide#s24", "the guidance", "hyperlink", 0)
    assert doc.blocks[0].text == "See the guidance."


def test_internal_bookmark_jump_is_not_a_link():
    doc = read(paragraph(hyperlink("see below", "", anchor="_Toc1")))
    assert doc.blocks[0].links == [] and doc.blocks[0].text == "see below"


def test_field_code_links_simple_and_complex():
    doc = read(
        paragraph("Read ", field_link("the policy", "http://example.org/policy.pdf"), " now.")
        + paragraph(field_link("simple", "https://example.org/s", simple=True))
        + paragraph(field_link("tipped", "https://example.org/t", switches='\\o "tooltip text"'))
    )
    assert doc.blocks[0].text == "Read the policy now."  # the instruction is not text
    assert [(lnk.target, lnk.text, lnk.source) for b in doc.blocks for lnk in b.links] == [
        ("http://example.org/policy.pdf", "the policy", "field"),
        ("https://example.org/s", "simple", "field"),
        ("https://example.org/t", "tipped", "field"),
    ]


def test_nested_fields_keep_only_the_visible_result():
    nested = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/outer" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("Outer ")
        + field("PAGE", "7")
        + run(" text")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    from docx_factory import Xml

    doc = read(paragraph(Xml(nested)))
    assert doc.blocks[0].text == "Outer 7 text"
    assert [(lnk.target, lnk.text) for lnk in doc.blocks[0].links] == [("https://example.org/outer", "Outer 7 text")]


def test_non_hyperlink_field_shows_its_result_only():
    doc = read(paragraph("Page ", field("PAGE", "3"), " of ", field("NUMPAGES", "9")))
    assert doc.blocks[0].text == "Page 3 of 9" and doc.blocks[0].links == []


def test_bare_urls_found_and_not_double_counted():
    doc = read(paragraph(
        "Visit ", hyperlink("https://www.gov.uk/foi", "https://www.gov.uk/foi"),
        " or www.ico.org.uk/for-the-public, or http://example.org/a.",
    ))
    links = [(lnk.target, lnk.source) for lnk in doc.blocks[0].links]
    assert links == [
        ("https://www.gov.uk/foi", "hyperlink"),
        ("www.ico.org.uk/for-the-public", "text"),
        ("http://example.org/a", "text"),
    ]
    assert all(lnk.block == 0 for lnk in doc.blocks[0].links)


def test_parse_hyperlink_field():
    assert parse_hyperlink_field('HYPERLINK "https://a.org/x" \\l "sec"') == "https://a.org/x#sec"
    assert parse_hyperlink_field('HYPERLINK \\l "_Toc12"') is None
    assert parse_hyperlink_field("HYPERLINK https://a.org/y") == "https://a.org/y"
    assert parse_hyperlink_field('PAGEREF _Toc1 \\h') is None


# ------------------------------------------------------------ notes, headers, footers, comments


def test_footnotes_endnotes_headers_footers_are_extras_with_links():
    doc = read(
        paragraph("Body text", footnote_ref(1), " more", endnote_ref(1)),
        footnotes={1: paragraph(run("See "), hyperlink("ICO", "https://ico.org.uk"))},
        endnotes={1: "An endnote."},
        headers=["OFFICIAL - West Mercia Police"],
        footers=[paragraph("Page footer www.example.org/footer")],
    )
    assert texts(doc) == ["Body text more"]
    by_part = {b.part: b for b in doc.extras}
    assert by_part["header"].text == "OFFICIAL - West Mercia Police"
    assert by_part["footer"].text == "Page footer www.example.org/footer"
    assert by_part["footnote"].text == "See ICO"
    assert by_part["endnote"].text == "An endnote."
    assert [(lnk.target, lnk.part) for lnk in by_part["footnote"].links] == [("https://ico.org.uk", "footnote")]
    assert [lnk.target for lnk in by_part["footer"].links] == ["www.example.org/footer"]
    assert {lnk.target for lnk in doc.links} == {"https://ico.org.uk", "www.example.org/footer"}


def test_comments_with_anchor_text_and_block():
    doc = read(
        paragraph("Intro.") + paragraph("We ", commented("can confirm", 3), " nothing."),
        comments=[{"id": 3, "author": "Jo Bloggs", "date": "2025-02-01T09:00:00Z", "text": "Is this a leak?"}],
    )
    (c,) = doc.comments
    assert (c.id, c.author, c.date, c.text, c.anchor_text, c.block) == (
        "3", "Jo Bloggs", "2025-02-01T09:00:00Z", "Is this a leak?", "can confirm", 1)
    assert texts(doc) == ["Intro.", "We can confirm nothing."]
    assert all(b.part != "comment" for b in doc.extras)


def test_comment_spanning_paragraphs():
    from docx_factory import Xml

    body = (
        paragraph(Xml('<w:commentRangeStart w:id="1"/>'), "First part")
        + paragraph("second part", Xml('<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>'))
    )
    doc = read(body, comments=[{"id": 1, "text": "Spans"}])
    assert doc.comments[0].anchor_text == "First part\nsecond part" and doc.comments[0].block == 0


# ------------------------------------------------------------ tracked changes


def test_tracked_changes_accepted_and_recorded():
    doc = read(paragraph(
        "We ", ins("neither confirm nor deny", author="Editor", date="2025-03-01T10:00:00Z"),
        del_("can confirm", author="Editor"), " that ", move_from("old place "), "information ", move_to("moved "), "is held.",
    ))
    assert doc.blocks[0].text == "We neither confirm nor deny that information moved is held."
    kinds = [(r.kind, r.author, r.text, r.block) for r in doc.revisions]
    assert kinds == [
        ("insertion", "Editor", "neither confirm nor deny", 0),
        ("deletion", "Editor", "can confirm", 0),
        ("move-from", "A Reviewer", "old place ", 0),
        ("move-to", "A Reviewer", "moved ", 0),
    ]
    assert doc.revisions[0].date == "2025-03-01T10:00:00Z"


def test_property_changes_and_paragraph_mark_revisions_recorded():
    doc = read(
        paragraph("Bold now: ", format_change("this"))
        + paragraph("Restyled", ppr='<w:pPrChange w:id="9" w:author="Styler" w:date="2025-01-01T00:00:00Z"><w:pPr/></w:pPrChange>')
        + paragraph("New para", ppr=inserted_paragraph_mark("Adder"))
    )
    assert texts(doc) == ["Bold now: this", "Restyled", "New para"]
    found = {(r.kind, r.author, r.block, r.text) for r in doc.revisions}
    assert ("property-change", "A Reviewer", 0, "this") in found
    assert ("property-change", "Styler", 1, "Restyled") in found
    assert ("insertion", "Adder", 2, "") in found


def test_wholly_deleted_paragraph_leaves_no_block_but_its_revision():
    doc = read(paragraph("Kept") + paragraph(del_("Gone entirely")))
    assert texts(doc) == ["Kept"]
    assert [(r.kind, r.text, r.block) for r in doc.revisions] == [("deletion", "Gone entirely", 0)]


def test_revisions_in_footnotes_carry_their_part():
    doc = read(paragraph("Body", footnote_ref(1)), footnotes={1: paragraph(ins("added note"))})
    assert [(r.kind, r.part, r.text) for r in doc.revisions] == [("insertion", "footnote", "added note")]


# ------------------------------------------------------------ hidden, highlighted, placeholders


def test_hidden_text_left_out_and_recorded():
    doc = read(paragraph("Visible ", run("secret note ", hidden=True), run("web only", web_hidden=True), " end"))
    assert doc.blocks[0].text == "Visible  end"
    assert [(m.kind, m.detail, m.text, m.block) for m in doc.marked] == [
        ("hidden", "vanish", "secret note ", 0), ("hidden", "webHidden", "web only", 0)]


def test_hidden_text_via_character_style():
    extra = [style("Secret", "Secret Char", kind="character", rpr="<w:vanish/>")]
    doc = read(paragraph("Shown ", run("styled hidden", style="Secret")), extra_styles=extra)
    assert doc.blocks[0].text == "Shown"
    assert [(m.kind, m.text) for m in doc.marked] == [("hidden", "styled hidden")]


def test_vanish_switched_off_is_visible():
    doc = read(paragraph(run("on screen", rpr='<w:vanish w:val="0"/>')))
    assert doc.blocks[0].text == "on screen" and doc.marked == []


def test_highlighted_runs_recorded_with_colour():
    doc = read(paragraph("Insert ", run("[NAME OF FORCE]", highlight="yellow"), " here ", run("x", highlight="none")))
    assert doc.blocks[0].text == "Insert [NAME OF FORCE] here x"
    assert [(m.kind, m.detail, m.text) for m in doc.marked] == [("highlight", "yellow", "[NAME OF FORCE]")]


def test_placeholder_content_controls():
    doc = read(
        paragraph("Dear ", sdt("Click or tap here to enter text.", placeholder=True), ",")
        + sdt("Whole paragraph placeholder", placeholder=True, block=True)
        + paragraph(sdt("Filled in", placeholder=False))
    )
    assert texts(doc) == ["Dear Click or tap here to enter text.,", "Whole paragraph placeholder", "Filled in"]
    assert [(m.kind, m.text, m.block) for m in doc.marked] == [
        ("placeholder", "Click or tap here to enter text.", 0), ("placeholder", "Whole paragraph placeholder", 1)]


# ------------------------------------------------------------ properties


def test_core_and_app_properties():
    doc = read(paragraph("x"), core={
        "creator": "J Smith", "lastModifiedBy": "A Reviewer", "title": "FOI 123", "subject": "NCND",
        "description": "d", "keywords": "k", "created": "2025-01-01T00:00:00Z", "modified": "2025-01-02T00:00:00Z",
        "revision": "4", "category": "FOI",
    }, app={"Company": "Other Constabulary", "Template": "NCND-template.dotx", "Manager": "M", "Application": "Microsoft Office Word", "AppVersion": "16.0000", "TotalTime": "5"})
    p = doc.properties
    assert p["creator"] == "J Smith" and p["lastModifiedBy"] == "A Reviewer" and p["title"] == "FOI 123"
    assert p["company"] == "Other Constabulary" and p["template"] == "NCND-template.dotx" and p["manager"] == "M"
    assert p["created"] == "2025-01-01T00:00:00Z" and p["revision"] == "4" and p["category"] == "FOI"
    assert p["application"] == "Microsoft Office Word" and p["appVersion"] == "16.0000"
    assert "totalTime" not in p and "TotalTime" not in p


def test_no_properties_parts():
    assert read(paragraph("x")).properties == {}


# ------------------------------------------------------------ robustness


def test_empty_document_is_not_an_error():
    doc = read("")
    assert doc.blocks == [] and doc.extras == [] and doc.format == "docx"


def test_ns0_prefixed_document():
    doc = read(heading("Prefixed", 1) + paragraph("Body ", ins("added")), prefix="ns0")
    assert texts(doc) == ["Prefixed", "Body added"] and doc.blocks[0].kind == "heading"


def test_renamed_main_part_found_through_relationships():
    doc = read(paragraph("Renamed main part ", hyperlink("x", "https://example.org")), document_name="word/main.xml")
    assert texts(doc) == ["Renamed main part x"] and doc.blocks[0].links[0].target == "https://example.org"


def test_missing_styles_and_numbering():
    doc = read(heading("Styled but no styles part.", 1) + list_item("item"), styles=False, numbering=False)
    assert texts(doc) == ["Styled but no styles part.", "item"]
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]


def test_headings_by_shape_when_no_heading_style_is_used():
    doc = read(
        paragraph("APPLICABLE EXEMPTIONS")
        + paragraph("Section 24(2) applies to this request.")
        + paragraph("Public Interest Considerations")
        + paragraph("Yours sincerely")
        + paragraph("Information Compliance Team")
    )
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 1), ("paragraph", None), ("heading", 2), ("paragraph", None), ("paragraph", None)]


def test_no_shape_headings_when_styles_mark_headings():
    doc = read(heading("Response", 1) + paragraph("Public Interest Considerations"))
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]


def test_smart_tags_custom_xml_nested_sdt_and_bookmarks():
    doc = read(
        paragraph("In ", smart_tag("London"), " and ", custom_xml(run("wrapped")), bookmark("b1", run(" marked")))
        + sdt(sdt(paragraph("Deep"), block=True), block=True)
        + custom_xml(paragraph("Block wrapped"))
    )
    assert texts(doc) == ["In London and wrapped marked", "Deep", "Block wrapped"]


def test_strict_ooxml_namespaces():
    data = build_docx(heading("Strict", 1) + paragraph("See ", hyperlink("site", "https://example.org")))
    parts = docx_parts(data)
    strict_w = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    strict_r = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    for name in list(parts):
        text = parts[name].decode()
        text = text.replace(W_NS, strict_w).replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships", strict_r)
        parts[name] = text.encode()
    doc = read_docx(zip_parts(parts), "strict.docx")
    assert texts(doc) == ["Strict", "See site"] and doc.blocks[0].kind == "heading"
    assert doc.blocks[1].links[0].target == "https://example.org"


def test_utf8_bom_in_parts():
    data = build_docx(paragraph("BOM"))
    parts = docx_parts(data)
    parts["word/document.xml"] = b"\xef\xbb\xbf" + parts["word/document.xml"]
    assert texts(read_docx(zip_parts(parts), "bom.docx")) == ["BOM"]


def test_malformed_xml_is_unreadable():
    parts = docx_parts(build_docx(paragraph("x")))
    parts["word/document.xml"] = b"<w:document><w:body><w:p>"
    with pytest.raises(InputError) as info:
        read_docx(zip_parts(parts), "broken.docx")
    assert info.value.kind == "unreadable" and "word/document.xml" in info.value.message


def test_doctype_in_styles_is_refused():
    parts = docx_parts(build_docx(paragraph("x")))
    parts["word/styles.xml"] = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + parts["word/styles.xml"].split(b"?>", 1)[1]
    with pytest.raises(InputError) as info:
        read_docx(zip_parts(parts), "x.docx")
    assert info.value.kind == "unsafe"


# ------------------------------------------------------------ a Word-like document (python-docx)


def test_python_docx_document_with_word_styles():
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Freedom of Information Request", 0)
    d.add_heading("Applicable exemptions", level=1)
    d.add_paragraph("Section 24(2) applies.")
    d.add_paragraph("First factor", style="List Bullet")
    d.add_paragraph("Second factor", style="List Number")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "A", "B"
    d.core_properties.author = "Officer"
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx(buf.getvalue(), "word.docx")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Freedom of Information Request"),
        ("heading", 1, "Applicable exemptions"),
        ("paragraph", None, "Section 24(2) applies."),
        ("list-item", 0, "First factor"),
        ("list-item", 0, "Second factor"),
        ("table-cell", None, "A"),
        ("table-cell", None, "B"),
    ]
    assert doc.blocks[3].label == "•" and doc.blocks[4].label == "1."
    assert doc.properties["creator"] == "Officer"


# ------------------------------------------------------------ property: round trip

_WORDS = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "S"), max_codepoint=0x2FFF), min_size=1, max_size=12)
_TEXT = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)
_ITEM = st.one_of(
    st.tuples(st.just("p"), _TEXT),
    st.tuples(st.just("h"), _TEXT, st.integers(1, 6)),
    st.tuples(st.just("li"), _TEXT, st.integers(0, 2)),
    st.tuples(st.just("tbl"), st.lists(st.lists(_TEXT, min_size=1, max_size=3), min_size=1, max_size=3)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ITEM, max_size=12))
def test_round_trip_generated_documents(items):
    body, expected = "", []
    for item in items:
        if item[0] == "p":
            body += paragraph(item[1])
            expected.append(("paragraph", item[1]))
        elif item[0] == "h":
            body += heading(item[1], item[2])
            expected.append(("heading", item[1]))
        elif item[0] == "li":
            body += list_item(item[1], item[2])
            expected.append(("list-item", item[1]))
        else:
            body += table(item[1])
            expected.extend(("table-cell", c) for row in item[1] for c in row)
    doc = read(body)
    assert [b.text for b in doc.blocks] == [text for _, text in expected]
    # Without any heading style, heading-shaped paragraphs become headings by shape.
    shape_ok = not any(kind == "heading" for kind, _ in expected)
    for block, (kind, _) in zip(doc.blocks, expected):
        assert block.kind == kind or (shape_ok and kind == "paragraph" and block.kind == "heading")
    assert [b.index for b in doc.blocks] == list(range(len(expected)))


# ------------------------------------------------------------ the dump command


def test_dump_prints_blocks_and_hygiene_of_a_docx(tmp_path):
    from click.testing import CliRunner

    from ncnd_check.cli import cli

    path = tmp_path / "draft.docx"
    path.write_bytes(build_docx(
        heading("Freedom of Information Request", 1)
        + paragraph("We ", ins("neither confirm nor deny"), del_("confirm"), " that information is held.")
        + paragraph(run("internal note", hidden=True)),
        core={"creator": "J Smith"},
        comments=[{"id": 1, "text": "check wording"}],
    ))
    result = CliRunner().invoke(cli, ["dump", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "heading1" in lines[0] and "Freedom of Information Request" in lines[0]
    assert "We neither confirm nor deny that information is held." in lines[1]
    out = result.stdout
    assert "insertion" in out and "deletion" in out and "internal note" in out and "J Smith" in out
    assert "Traceback" not in out


def test_hyperlink_relationship_without_target_mode_is_external():
    from docx_factory import Xml

    body = paragraph(Xml('<w:hyperlink r:id="rIdX"><w:r><w:t>site</w:t></w:r></w:hyperlink>'))
    doc = read(body, rels=[("rIdX", "hyperlink", "https://no-mode.example.org/", False)])
    assert [(lnk.target, lnk.source) for lnk in doc.blocks[0].links] == [("https://no-mode.example.org/", "hyperlink")]


def test_damaged_header_is_skipped_but_body_read():
    parts = docx_parts(build_docx(paragraph("Body survives"), headers=["head"]))
    parts["word/header1.xml"] = b"<w:hdr><w:p>"
    doc = read_docx(zip_parts(parts), "x.docx")
    assert texts(doc) == ["Body survives"] and doc.extras == []


def test_doctype_in_header_refuses_the_file():
    parts = docx_parts(build_docx(paragraph("Body"), headers=["head"]))
    parts["word/header1.xml"] = b'<?xml version="1.0"?><!DOCTYPE h [<!ENTITY x "y">]><h>&x;</h>'
    with pytest.raises(InputError) as info:
        read_docx(zip_parts(parts), "x.docx")
    assert info.value.kind == "unsafe" and "header1.xml" in info.value.message


def test_table_of_contents_page_numbers_are_not_reported_as_hidden():
    from docx_factory import Xml

    toc_entry = paragraph(
        hyperlink("Public interest test", "", anchor="_Toc1"),
        run("\t", web_hidden=True),
        Xml(field("PAGEREF _Toc1 \\h", "4").replace("<w:r>", "<w:r><w:rPr><w:webHidden/></w:rPr>")),
        style="TOC1",
    )
    static_entry = paragraph("Balancing test", run("\t", web_hidden=True), run("12", web_hidden=True))
    doc = read(toc_entry + static_entry + paragraph("Note ", run("drafting note", web_hidden=True)))
    assert texts(doc) == ["Public interest test", "Balancing test", "Note"]
    assert [(m.kind, m.detail, m.text) for m in doc.marked] == [("hidden", "webHidden", "drafting note")]


def test_deleted_paragraph_mark_joins_paragraphs_when_accepted():
    from docx_factory import Xml

    deleted_mark = Xml('<w:rPr><w:del w:id="7" w:author="Editor" w:date="2025-01-01T00:00:00Z"/></w:rPr>')
    doc = read(
        paragraph("We neither confirm ", ppr=deleted_mark)
        + paragraph("nor deny.", style="Heading2")
        + paragraph("Last paragraph, mark deleted", ppr=deleted_mark)
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [("heading", "We neither confirm nor deny."), ("paragraph", "Last paragraph, mark deleted")]
    assert [(r.kind, r.author, r.block) for r in doc.revisions] == [("deletion", "Editor", 0), ("deletion", "Editor", 1)]
