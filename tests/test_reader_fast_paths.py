"""The reader's fast paths keep their answers: style kinds skipped, run properties by name, URL pre-check."""

from __future__ import annotations

from docx_factory import build_docx, paragraph, run, style, styles_xml

from ncnd_check.readers import read_bytes
from ncnd_check.readers.ooxml_styles import read_styles
from ncnd_check.readers.urls import find_urls

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_table_style_sharing_an_id_does_not_shadow_the_paragraph_style():
    # The table style comes first with the same id and a heading-like name; only
    # paragraph styles decide headings, so the body line stays a paragraph and the
    # basedOn chain of the custom heading still resolves.
    styles = styles_xml([
        style("Custom", "heading 2", kind="table"),
        style("Custom", "Body custom", based_on="Normal"),
        style("MyHead", "Report Heading", based_on="Heading3"),
        style("Secret", "Secret", kind="character", rpr="<w:vanish/>"),
    ])
    data = build_docx(
        paragraph("Ordinary text in a custom style.", style="Custom")
        + paragraph("Harm", style="MyHead")
        + paragraph(run("Visible "), run("hidden note", style="Secret"), run(" end.")),
        styles=styles,
    )
    doc = read_bytes(data, "draft.docx")
    kinds = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert kinds[0] == ("paragraph", None, "Ordinary text in a custom style.")
    assert kinds[1] == ("heading", 3, "Harm")
    assert "hidden note" not in kinds[2][2] and "Visible" in kinds[2][2]
    assert any(m.text == "hidden note" for m in doc.marked)


def test_read_styles_keeps_only_paragraph_and_character_styles():
    from lxml import etree

    root = etree.fromstring(styles_xml([style("Grid2", "Grid 2", kind="table"), style("Quote", "Quote", kind="character")]).encode())
    styles = read_styles(root, W)
    assert "Heading1" in styles.paragraph and styles.paragraph["Heading1"].heading == 1
    assert "Quote" in styles.character
    assert "TableGrid" not in styles.paragraph and "Grid2" not in styles.paragraph and "Grid2" not in styles.character


def test_run_properties_other_than_the_known_ones_are_ignored_and_known_ones_still_count():
    data = build_docx(paragraph(
        run("Plain ", rpr='<w:rFonts w:ascii="Arial"/><w:sz w:val="24"/><w:lang w:val="en-GB"/>'),
        run("marked", highlight="yellow", bold=True),
        run(" gone", hidden=True, italic=True),
    ))
    doc = read_bytes(data, "draft.docx")
    assert doc.blocks[0].text == "Plain marked"
    assert {(m.kind, m.text) for m in doc.marked} == {("highlight", "marked"), ("hidden", " gone")}


def test_url_pre_check_lets_every_kind_of_url_through():
    text = "See WWW.Example.gov.uk/foi, https://x.police.uk/a) and ftp://files.example.org."
    assert [u for _, _, u in find_urls(text)] == ["WWW.Example.gov.uk/foi", "https://x.police.uk/a", "ftp://files.example.org"]
    assert find_urls("No link here, section 24(2) applies.") == []


def test_lists_read_on_first_use_keep_labels_overrides_and_last_definition_wins():
    from docx_factory import NAMESPACES, list_item

    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {NAMESPACES}>'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        # A repeated abstractNumId: the later definition is the one Word uses.
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="9"/></w:num>'
        "</w:numbering>"
    )
    body = (
        list_item("first", num_id=1) + list_item("second", num_id=1)
        + list_item("restarted", num_id=2) + list_item("no such abstract", num_id=3) + list_item("no such list", num_id=7)
    )
    doc = read_bytes(build_docx(body, numbering=numbering), "draft.docx")
    assert [(b.kind, b.label, b.text) for b in doc.blocks] == [
        ("list-item", "(A)", "first"),
        ("list-item", "(B)", "second"),
        ("list-item", "(D)", "restarted"),
        ("list-item", None, "no such abstract"),
        ("paragraph", None, "no such list"),
    ]
