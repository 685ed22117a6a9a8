"""The plain-text reader: blocks, headings by shape, lists, tables, links, encodings."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncnd_check.errors import InputError
from ncnd_check.readers import read_bytes
from ncnd_check.readers.text import read_text
from conftest import shared_path


def read(text: str):
    return read_text(text.encode("utf-8"), "draft.txt")


def shape(doc):
    return [(b.kind, b.level, b.label, b.text, b.line) for b in doc.blocks]


# -- paragraphs and headings -----------------------------------------------

def test_blank_lines_separate_paragraphs_and_wrapped_lines_join():
    doc = read("First line of a paragraph\nthat wraps onto a second.\n\nAnother paragraph.\n")
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("paragraph", "First line of a paragraph that wraps onto a second.", 1),
        ("paragraph", "Another paragraph.", 4),
    ]


@pytest.mark.parametrize(
    "line, level",
    [
        ("Applicable Exemptions:", 2),
        ("Harm in Confirming or Denying that Information is held", 2),
        ("Public Interest Considerations", 2),
        ("Section 24(2) National Security:", 2),
        ("Factors favouring complying with Section 1(1)(a) confirming that information is held:", 2),
        ("Balancing Test", 2),
        ("PUBLIC INTEREST TEST", 1),
        ("Request", 2),
        ("Section 24(2): National Security", 2),
    ],
)
def test_heading_shaped_lines_are_headings(line, level):
    doc = read(f"Some sentence before it.\n\n{line}\n\nA sentence after it.\n")
    assert doc.blocks[1].kind == "heading"
    assert doc.blocks[1].level == level
    assert doc.blocks[1].text == line


@pytest.mark.parametrize(
    "line",
    [
        "Any incident that results from such a disclosure would, by default, affect National Security.",
        "https://www.app.college.police.uk/app-content/information-management/",
        "Section 24(2) National security Section 31(3) Law enforcement",
        "Yours sincerely",
        "Dear Mr Smith",
        "In response to your request, I can advise the following:",
        "this is all lower case and no heading",
        "Reference No: 000123/24",
        "Date: 3 March 2024",
    ],
)
def test_sentences_urls_and_sign_offs_stay_paragraphs(line):
    doc = read(f"Before.\n\n{line}\n\nAfter.\n")
    assert doc.blocks[1].kind == "paragraph"
    assert doc.blocks[1].text == line


def test_heading_without_blank_line_splits_the_paragraph():
    doc = read("Applicable Exemptions:\nSection 24(2) and Section 31(3) apply.\nBalancing Test\nThe balance favours NCND.\n")
    assert shape(doc) == [
        ("heading", 2, None, "Applicable Exemptions:", 1),
        ("paragraph", None, None, "Section 24(2) and Section 31(3) apply.", 2),
        ("heading", 2, None, "Balancing Test", 3),
        ("paragraph", None, None, "The balance favours NCND.", 4),
    ]


def test_title_case_line_that_runs_on_is_not_a_heading():
    doc = read("The Chief Constable of West Midlands Police\nhas considered your request.\n")
    assert shape(doc) == [
        ("paragraph", None, None, "The Chief Constable of West Midlands Police has considered your request.", 1)
    ]


def test_markdown_and_underlined_headings():
    doc = read("# Response\n\nTitle here\n==========\n\nSub title\n---------\n\n### Deep ###\n")
    assert [(b.kind, b.level, b.text, b.line) for b in doc.blocks] == [
        ("heading", 1, "Response", 1),
        ("heading", 1, "Title here", 3),
        ("heading", 2, "Sub title", 6),
        ("heading", 3, "Deep", 9),
    ]


def test_horizontal_rule_is_not_a_block():
    doc = read("One.\n\n---\n\nTwo.\n")
    assert [b.text for b in doc.blocks] == ["One.", "Two."]


def test_bold_line_in_markdown_is_a_heading():
    doc = read("Before.\n\n**Harm in confirming or denying**\n\nAfter.\n")
    assert (doc.blocks[1].kind, doc.blocks[1].text) == ("heading", "Harm in confirming or denying")


# -- lists ----------------------------------------------------------------

def test_list_items_with_labels_and_levels():
    doc = read(
        "Please note:\n"
        "- first point\n"
        "- second point that\n"
        "  wraps\n"
        "    * nested point\n"
        "- back out\n"
        "\n"
        "1. one\n"
        "2) two\n"
        "a) letter\n"
        "(b) bracketed\n"
        "iv. roman\n"
        "• bullet\n"
    )
    items = [(b.label, b.level, b.text) for b in doc.blocks if b.kind == "list-item"]
    assert items == [
        ("-", 0, "first point"),
        ("-", 0, "second point that wraps"),
        ("*", 1, "nested point"),
        ("-", 0, "back out"),
        ("1.", 0, "one"),
        ("2)", 0, "two"),
        ("a)", 0, "letter"),
        ("(b)", 0, "bracketed"),
        ("iv.", 0, "roman"),
        ("•", 0, "bullet"),
    ]
    assert doc.blocks[0].kind == "heading"


def test_request_line_from_the_seed_is_a_list_item():
    doc = read("b) Number of new office 365 account purchased\n\nApplicable Exemptions:\n")
    assert shape(doc)[0] == ("list-item", 0, "b)", "Number of new office 365 account purchased", 1)


def test_initials_and_abbreviations_are_not_list_markers():
    doc = read("e.g. this is an example.\n\nJ. Smith wrote this.\n")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]


# -- tables and links ----------------------------------------------------

def test_markdown_table_cells_with_coordinates():
    doc = read("| Exemption | Test |\n|---|:---:|\n| s24(2) | prejudice |\n| s31(3) | |\n\nAfter.\n")
    cells = [(b.cell, b.text, b.line) for b in doc.blocks if b.kind == "table-cell"]
    assert cells == [
        ((0, 0, 0), "Exemption", 1),
        ((0, 0, 1), "Test", 1),
        ((0, 1, 0), "s24(2)", 3),
        ((0, 1, 1), "prejudice", 3),
        ((0, 2, 0), "s31(3)", 4),
    ]
    assert doc.blocks[-1].kind == "paragraph"


def test_markdown_links_and_bare_urls():
    doc = read("See [the APP page](https://www.app.college.police.uk/x) and www.ico.org.uk/for-the-public.\n")
    block = doc.blocks[0]
    assert block.text == "See the APP page and www.ico.org.uk/for-the-public."
    assert [(l.target, l.text, l.source, l.block) for l in block.links] == [
        ("https://www.app.college.police.uk/x", "the APP page", "hyperlink", 0),
        ("www.ico.org.uk/for-the-public", "www.ico.org.uk/for-the-public", "text", 0),
    ]


def test_link_whose_text_is_the_url_is_one_link():
    doc = read("[https://a.example/x](https://a.example/x)\n")
    assert [l.source for l in doc.blocks[0].links] == ["hyperlink"]


def test_display_text_is_kept_and_norm_is_folded():
    doc = read("It said \u201cno information is held\u201d\u00a0here.\n")
    assert doc.blocks[0].text == "It said \u201cno information is held\u201d\u00a0here."
    assert doc.blocks[0].norm == 'It said "no information is held" here.'


def test_comment_lines_are_not_blocks():
    doc = read("One.\n\n<!-- a note for the author -->\n\nTwo.\n")
    assert [b.text for b in doc.blocks] == ["One.", "Two."]


# -- encodings and line ends ---------------------------------------------

SAMPLE = (
    "Applicable Exemptions:\n\n"
    "Section 24(2) \u201cNational Security\u201d costs \u00a35 \u2013 see https://example.org/a.\n\n"
    "- item one\n- item two\n"
)


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        b"\xff\xfe" + SAMPLE.encode("utf-16-le"),
        b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("cp1252"),
        SAMPLE.replace("\n", "\r\n").encode("utf-8"),
        SAMPLE.replace("\n", "\r").encode("cp1252"),
        b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "cp1252", "crlf", "cr-cp1252", "bom-crlf"],
)
def test_encodings_and_line_ends_give_identical_blocks(data):
    assert shape(read_text(data, "x.txt")) == shape(read(SAMPLE))


def test_cp1252_smart_quotes_and_pound():
    doc = read_text(b"The \x93fee\x94 is \xa310 \x96 payable.", "x.txt")
    assert doc.blocks[0].text == "The \u201cfee\u201d is \u00a310 \u2013 payable."


def test_utf8_with_one_stray_cp1252_byte_stays_utf8():
    data = "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u2013 d\u00e9j\u00e0 vu, ".encode("utf-8") + b"\xa3" + b"5 paid."
    text = read_text(data, "x.txt").blocks[0].text
    assert text.startswith("Caf\u00e9 na\u00efve")


def test_nul_bytes_are_refused():
    with pytest.raises(InputError) as err:
        read_text(b"Dear Sir\x00\x00 hello", "x.txt")
    assert err.value.kind == "unreadable"
    assert "NUL" in err.value.message


def test_binary_garbage_is_refused():
    garbage = bytes((i * 37 + 11) % 256 for i in range(4096)).replace(b"\x00", b"\x01")
    with pytest.raises(InputError) as err:
        read_text(garbage, "x.txt")
    assert err.value.kind == "unreadable"


def test_utf16_without_nul_check_confusion():
    # UTF-16 text is full of NUL bytes, but it is text.
    doc = read_text(b"\xff\xfe" + "Balancing Test\n\nDone.\n".encode("utf-16-le"), "x.txt")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]


def test_empty_and_blank_input_give_no_blocks():
    assert read_text(b"", "x.txt").blocks == []
    assert read_text(b" \n\r\n\t\n", "x.txt").blocks == []


def test_read_bytes_routes_text_here():
    doc = read_bytes(b"Balancing Test\n\nThe balance favours NCND.\n", "draft.txt")
    assert doc.format == "text"
    assert doc.blocks[0].kind == "heading"


# -- properties ----------------------------------------------------------

_DIRECTIVE_OR_COMMENT = re.compile(r"(?im)^.*(ncnd-check|<!--).*$")


def _non_space(s: str) -> str:
    return "".join(s.split())


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _alnum(s: str) -> list[str]:
    return sorted(ch for ch in s if ch.isalnum())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_document_or_an_input_error(data):
    try:
        doc = read_text(data, "x.txt")
    except InputError as exc:
        assert exc.kind == "unreadable"
    else:
        assert all(b.text for b in doc.blocks)


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=1500,
)
_draftish = st.lists(
    st.one_of(
        st.sampled_from(["", "Balancing Test", "Applicable Exemptions:", "- item", "1. item", "# Head", "#", "[](x)", "[ ](y)",
                         "| a | b |", "|---|---|", "=====", "----", "see https://x.org/a.", "[t](http://u.k/)",
                         "A sentence that ends.", "  indented line", "b) Number of accounts"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n"), max_size=60),
    ),
    max_size=40,
).map("\n".join)


def _check_keeps_text(text: str) -> None:
    doc = read_text(text.encode("utf-8"), "x.txt")  # must not raise
    source = _DIRECTIVE_OR_COMMENT.sub("", text)  # marker and comment lines are not text
    out = "".join((b.label or "") + b.text for b in doc.blocks)
    hyperlink_targets = "".join(l.target for b in doc.blocks for l in b.links if l.source == "hyperlink")
    # Nothing invented and the order kept: the output is a subsequence of the input.
    assert _is_subsequence(_non_space(out), _non_space(text))
    # Nothing lost: every letter and digit is in a block, its label, or a Markdown link target.
    if source == text:
        assert _alnum(out + hyperlink_targets) == _alnum(source)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_text)
def test_any_text_is_read_without_error_and_keeps_every_character(text):
    _check_keeps_text(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_draftish)
def test_draft_like_text_keeps_every_character(text):
    _check_keeps_text(text)


# -- the seed --------------------------------------------------------------

def test_seed_draft_blocks():
    doc = read_text(shared_path("seed", "000_a7a05b5f3e6f79d7.txt").read_bytes(), "seed.txt")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    for expected in [
        "Applicable Exemptions:",
        "Harm in Confirming or Denying that Information is held",
        "Public Interest Considerations",
        "Section 24(2) National Security:",
        "Factors favouring complying with Section 1(1)(a) confirming that information is held:",
        "Balancing Test",
        "Section 31(3) Law Enforcement",
    ]:
        assert expected in headings
    assert doc.blocks[0].kind == "list-item" and doc.blocks[0].label == "b)"
    url_blocks = [b for b in doc.blocks if b.text.startswith("http")]
    assert len(url_blocks) == 2
    assert all(b.kind == "paragraph" and b.links[0].target == b.text for b in url_blocks)
    assert all(b.kind == "paragraph" for b in doc.blocks if b.text.endswith("."))


# -- hard-wrapped email text ---------------------------------------------------------

EMAIL = """FREEDOM OF INFORMATION REQUEST

Dear Mr Smith,

Thank you for your request for information dated 3 March 2024, which
has been considered under the Freedom of Information Act 2000 (the
Act).

YOUR REQUEST:
1. How many covert vehicles does the force operate?

OUR RESPONSE:
West Midlands Police can neither confirm nor deny that it holds the
information you requested, as the duty in Section 1(1)(a) of the Act
does not apply by virtue of the following exemptions:

Section 23(5) Information relating to security bodies
Section 24(2) National Security
Section 31(3) Law Enforcement

Yours sincerely

J. Bloggs
Freedom of Information Officer
"""


def test_hard_wrapped_email_draft():
    doc = read(EMAIL)
    assert [(b.kind, b.level, b.text, b.line) for b in doc.blocks] == [
        ("heading", 1, "FREEDOM OF INFORMATION REQUEST", 1),
        ("paragraph", None, "Dear Mr Smith,", 3),
        ("paragraph", None, "Thank you for your request for information dated 3 March 2024, which has been "
         "considered under the Freedom of Information Act 2000 (the Act).", 5),
        ("heading", 1, "YOUR REQUEST:", 9),
        ("list-item", 0, "How many covert vehicles does the force operate?", 10),
        ("heading", 1, "OUR RESPONSE:", 12),
        ("paragraph", None, "West Midlands Police can neither confirm nor deny that it holds the information you "
         "requested, as the duty in Section 1(1)(a) of the Act does not apply by virtue of the following "
         "exemptions:", 13),
        # Short lines in a row are separate lines, not a wrapped paragraph.
        ("paragraph", None, "Section 23(5) Information relating to security bodies", 17),
        ("paragraph", None, "Section 24(2) National Security", 18),
        ("paragraph", None, "Section 31(3) Law Enforcement", 19),
        ("paragraph", None, "Yours sincerely", 21),
        # After the sign-off, a name and a job title are not headings.
        ("paragraph", None, "J. Bloggs", 23),
        ("paragraph", None, "Freedom of Information Officer", 24),
    ]


def test_line_starting_in_lower_case_always_continues():
    doc = read("A long line that was wrapped by hand quite early\nbecause the author pressed enter.\n\n"
               + "x " * 60 + "\n")
    assert doc.blocks[0].text == "A long line that was wrapped by hand quite early because the author pressed enter."


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "1. Request\n\nHow many cars?\n\n2. Applicable Exemptions:\n\nSection 24(2) applies.\n",
            [("heading", "1.", "Request"), ("paragraph", None, "How many cars?"),
             ("heading", "2.", "Applicable Exemptions:"), ("paragraph", None, "Section 24(2) applies.")],
        ),
        (
            "1. Crime Prevention\n\n2. Apprehension Of Offenders\n\nAfter.\n",
            [("list-item", "1.", "Crime Prevention"), ("list-item", "2.", "Apprehension Of Offenders"),
             ("paragraph", None, "After.")],
        ),
        (
            "- Balancing Test\n\nAfter.\n",
            [("list-item", "-", "Balancing Test"), ("paragraph", None, "After.")],
        ),
    ],
)
def test_numbered_heading_standing_alone(text, expected):
    assert [(b.kind, b.label, b.text) for b in read(text).blocks] == expected


def test_word_save_as_plain_text_one_paragraph_a_line():
    """Word's .txt export has no blank lines: each line is a paragraph, headings still found."""
    seed = shared_path("seed", "000_a7a05b5f3e6f79d7.txt").read_text(encoding="utf-8")
    spaced = read(seed)
    packed = read_text(seed.replace("\n\n", "\r\n").encode("cp1252", "replace"), "word.txt")
    assert [(b.kind, b.level, b.label, b.text) for b in packed.blocks] == [
        (b.kind, b.level, b.label, b.text) for b in spaced.blocks
    ]


def test_markdown_table_without_outer_pipes():
    doc = read("Exemption | Test\n---|---\ns24(2) | prejudice\n")
    assert [(b.cell, b.text) for b in doc.blocks] == [
        ((0, 0, 0), "Exemption"), ((0, 0, 1), "Test"), ((0, 1, 0), "s24(2)"), ((0, 1, 1), "prejudice")
    ]
    assert read("A | B is not a table\n").blocks[0].kind == "paragraph"
