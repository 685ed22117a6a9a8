"""Bad and hostile input: one test per case, each file built inside the test.

For every case the CLI must exit 2, print one stderr line naming the file and
the reason, show no traceback, still check and report the good file given
beside it, and write nothing next to the input.
"""

from __future__ import annotations

import io
import json
import socket
import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_factory import build_docx, del_, docx_parts, heading, ins, ole_file, paragraph, zip_parts

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncnd_check.cli import cli
from ncnd_check.errors import InputError
from ncnd_check.readers import read_bytes
from ncnd_check.readers.safety import SafeZip, describe_ole, parse_part
from ncnd_check.settings import MB, Settings

GOOD_TEXT = "Freedom of Information request\n\nThank you for your request for information.\n"


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def run_hostile(tmp_path: Path, name: str, content: bytes | None, *, expect_kind: str, reason: str) -> dict:
    """Check good.txt beside the hostile file and assert the contract for bad input."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    hostile = tmp_path / name
    if content is not None:
        hostile.write_bytes(content)
    before = _listing(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(good), str(hostile)])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    err_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(err_lines) == 1, result.stderr
    assert str(hostile) in err_lines[0] and reason.lower() in err_lines[0].lower(), err_lines[0]
    report = json.loads(result.stdout)
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path[str(good)]["error"] is None and by_path[str(good)]["format"] == "text"
    bad = by_path[str(hostile)]
    assert bad["error"]["kind"] == expect_kind, bad["error"]
    assert bad["findings"] == []
    assert _listing(tmp_path) == before, "something was written next to the input"
    return bad


def _document(body: str, doctype: str = "") -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<w:document {ns}><w:body>{body}</w:body></w:document>'.encode()


def _with_document(document_xml: bytes, compression=zipfile.ZIP_DEFLATED) -> bytes:
    parts = docx_parts(build_docx(paragraph("placeholder")))
    parts["word/document.xml"] = document_xml
    return zip_parts(parts, compression)


# ------------------------------------------------------------ containers


def test_not_a_zip(tmp_path):
    run_hostile(tmp_path, "draft.docx", b"This is a plain text file with a .docx name.\n", expect_kind="unreadable", reason="not a zip")


def test_truncated_zip(tmp_path):
    data = build_docx(heading("Response", 1) + paragraph("We neither confirm nor deny. " * 200))
    run_hostile(tmp_path, "cut.docx", data[: len(data) // 2], expect_kind="unreadable", reason="damaged or truncated")


def test_zip_without_document_xml(tmp_path):
    data = zip_parts({"[Content_Types].xml": "<Types/>", "notes/readme.xml": "<a/>"})
    run_hostile(tmp_path, "empty.docx", data, expect_kind="unreadable", reason="no word/document.xml")


def test_legacy_word_doc(tmp_path):
    data = ole_file({"WordDocument": b"\xec\xa5\xc1\x00" + b"\x00" * 60, "1Table": b"\x00" * 64})
    run_hostile(tmp_path, "old.docx", data, expect_kind="unsupported", reason="save as .docx")


def test_password_protected_docx(tmp_path):
    data = ole_file({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x00" * 60, "EncryptedPackage": b"\x00" * 512})
    run_hostile(tmp_path, "secret.docx", data, expect_kind="unsupported", reason="password-protected")


def test_rtf(tmp_path):
    data = rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} We neither confirm nor deny.\par }"
    run_hostile(tmp_path, "draft.txt", data, expect_kind="unsupported", reason="save it as .docx")


def test_binary_garbage(tmp_path):
    import random

    rng = random.Random(20261127)
    data = bytes(rng.randrange(256) for _ in range(8192))
    bad = run_hostile(tmp_path, "garbage.txt", data, expect_kind="unreadable", reason="garbage.txt")
    assert bad["error"]["message"]


def test_nul_bytes_in_text(tmp_path):
    data = b"Dear requester,\n\x00\x00\x00We neither confirm nor deny\x00 that\x00 information is held.\x00\n"
    bad = run_hostile(tmp_path, "nul.txt", data, expect_kind="unreadable", reason="nul.txt")
    assert bad["error"]["message"]


def test_folder_with_no_supported_file(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "notes.rtf").write_bytes(rb"{\rtf1 x}")
    run_hostile(tmp_path, "drafts", None, expect_kind="unsupported", reason="holds no .docx")


# ------------------------------------------------------------ XML


def test_billion_laughs(tmp_path):
    lol = "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE w:document [<!ENTITY lol0 "lol">{lol}]>\n'
    document = _document('<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>', doctype)
    run_hostile(tmp_path, "laughs.docx", _with_document(document), expect_kind="unsafe", reason="DOCTYPE")


def test_external_entity_local_file(tmp_path):
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    document = _document("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", doctype)
    run_hostile(tmp_path, "xxe.docx", _with_document(document), expect_kind="unsafe", reason="DOCTYPE")
    # Whatever happens, the file's content must never reach a Document.
    with pytest.raises(InputError) as info:
        read_bytes(_with_document(document), "xxe.docx")
    assert "root:" not in info.value.message


def test_external_entity_url_is_not_fetched(tmp_path):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    try:
        doctype = (
            f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/secret">'
            '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>\n'
        )
        document = _document("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", doctype)
        run_hostile(tmp_path, "xxe-url.docx", _with_document(document), expect_kind="unsafe", reason="DOCTYPE")
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected
    finally:
        listener.close()


def test_parse_part_refuses_doctype_even_without_entities():
    with pytest.raises(InputError) as info:
        parse_part(b'<?xml version="1.0"?><!DOCTYPE x><x/>', "word/styles.xml")
    assert info.value.kind == "unsafe" and "word/styles.xml" in info.value.message


def test_parse_part_refuses_doctype_in_utf16():
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode("utf-16")
    with pytest.raises(InputError) as info:
        parse_part(data, "word/document.xml")
    assert info.value.kind == "unsafe"


# ------------------------------------------------------------ zip bombs and sizes


def _patch_sizes(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the uncompressed size of ``member`` in its local and central headers."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
    struct.pack_into("<I", buf, info.header_offset + 22, size)
    name = member.encode()
    pos = buf.find(b"PK\x01\x02")  # first central header
    while pos != -1:
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46:pos + 46 + name_len]) == name:
            struct.pack_into("<I", buf, pos + 24, size)
            break
        pos = buf.find(b"PK\x01\x02", pos + 4)
    return bytes(buf)


def test_zip_bomb_declared_size_over_part_limit(tmp_path):
    data = _with_document(_document("<w:p><w:r><w:t>small</w:t></w:r></w:p>"))
    data = _patch_sizes(data, "word/document.xml", 60 * MB)
    run_hostile(tmp_path, "declared.docx", data, expect_kind="unsafe", reason="part limit")


def test_zip_bomb_header_lies_about_size(tmp_path):
    filler = "<w:p><w:r><w:t>" + " " * (8 * MB) + "</w:t></w:r></w:p>"
    data = _with_document(_document(filler))
    data = _patch_sizes(data, "word/document.xml", 2000)  # header says 2 KB; the stream holds 8 MB
    run_hostile(tmp_path, "liar.docx", data, expect_kind="unsafe", reason="more data than its header")


def test_zip_bomb_compression_ratio(tmp_path):
    filler = "<w:p><w:r><w:t>" + "a" * (20 * MB) + "</w:t></w:r></w:p>"
    bad = run_hostile(tmp_path, "ratio.docx", _with_document(_document(filler)), expect_kind="unsafe", reason="compresses")
    assert ":1" in bad["error"]["message"]


def test_too_many_zip_entries():
    parts = docx_parts(build_docx(paragraph("ok")))
    parts.update({f"junk/{i}.xml": "<a/>" for i in range(60)})
    with pytest.raises(InputError) as info:
        read_bytes(zip_parts(parts), "many.docx", settings=Settings(max_zip_entries=50))
    assert info.value.kind == "unsafe" and "entries" in info.value.message


def test_total_uncompressed_size_capped():
    data = _patch_sizes(build_docx(paragraph("ok")), "word/styles.xml", 49 * MB)
    data = _patch_sizes(data, "word/numbering.xml", 49 * MB)
    with pytest.raises(InputError) as info:
        SafeZip(data, Settings(max_part_size=20 * MB))
    assert info.value.kind == "unsafe"


def test_file_over_max_file_size(tmp_path):
    data = b"We neither confirm nor deny.\n" * (26 * MB // 29 + 10)
    run_hostile(tmp_path, "huge.txt", data, expect_kind="too-large", reason="limit")


# ------------------------------------------------------------ OLE triage


def test_describe_ole_on_damaged_header():
    kind, message = describe_ole(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert kind == "unreadable" and ".docx" in message


def test_describe_ole_other_office_file():
    kind, message = describe_ole(ole_file({"Workbook": b"\x09\x08"}))
    assert kind == "unsupported" and "Excel" in message


def test_zip_that_is_a_spreadsheet():
    data = zip_parts({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
    with pytest.raises(InputError) as info:
        read_bytes(data, "book.docx")
    assert info.value.kind == "unsupported" and "Excel" in info.value.message


# ------------------------------------------------------------ fuzzing

_VALID = build_docx(
    heading("Response", 1)
    + paragraph("We neither confirm nor deny that information is held. " * 5)
    + paragraph(ins("inserted"), del_("deleted"))
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8), st.integers(16, len(_VALID)))
def test_damaged_docx_never_raises_anything_but_input_error(flips, cut):
    data = bytearray(_VALID[:cut])
    for pos, value in flips:
        if pos < len(data):
            data[pos] = value
    try:
        read_bytes(bytes(data), "fuzzed.docx")
    except InputError as exc:
        assert exc.kind in ("unreadable", "unsupported", "unsafe", "too-large") and "\n" not in exc.message


_LEAVES = st.sampled_from([
    "<w:t>word</w:t>", "<w:t xml:space=\"preserve\"> http://example.org/x </w:t>", "<w:delText>gone</w:delText>",
    "<w:tab/>", "<w:br/>", '<w:sym w:font="Symbol" w:char="F0DA"/>', '<w:sym w:char="zz"/>',
    '<w:fldChar w:fldCharType="begin"/>', '<w:fldChar w:fldCharType="separate"/>', '<w:fldChar w:fldCharType="end"/>',
    '<w:instrText> HYPERLINK "https://example.org" </w:instrText>', '<w:vanish/>', '<w:highlight w:val="yellow"/>',
    '<w:commentRangeStart w:id="1"/>', '<w:commentRangeEnd w:id="1"/>', '<w:commentReference w:id="9"/>',
    '<w:numPr><w:ilvl w:val="12"/><w:numId w:val="1"/></w:numPr>', '<w:outlineLvl w:val="x"/>', '<w:gridSpan w:val="-3"/>',
    '<w:vMerge/>', '<w:pStyle w:val="Nope"/>', '<w:showingPlcHdr/>', "", "text between",
])
_WRAPPERS = st.sampled_from([
    "w:p", "w:r", "w:rPr", "w:pPr", "w:hyperlink", "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:sdt", "w:sdtContent",
    "w:sdtPr", "w:smartTag", "w:customXml", "w:fldSimple", "w:tbl", "w:tr", "w:tc", "w:tcPr", "w:txbxContent",
    "mc:AlternateContent", "mc:Choice", "mc:Fallback", "w:drawing", "w:pict", "w:body",
])
_TREES = st.recursive(
    _LEAVES,
    lambda inner: st.tuples(_WRAPPERS, st.lists(inner, max_size=4)).map(
        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TREES, max_size=6))
def test_well_formed_but_nonsensical_structure_never_crashes(trees):
    """Elements in places the schema forbids (a cell outside a row, a field end with no
    begin, a paragraph in a run) read as something or refuse cleanly, never crash."""
    from ncnd_check.readers.docx import read_docx

    body = "".join(trees).replace("<w:fldSimple>", '<w:fldSimple w:instr="HYPERLINK &quot;https://e.org&quot;">')
    data = build_docx(body, comments=[{"id": 1, "text": "c"}])
    try:
        doc = read_docx(data, "odd.docx")
    except InputError as exc:
        assert exc.kind == "unreadable"
        return
    for i, block in enumerate(doc.blocks):
        assert block.index == i and block.text


def test_zip_slip_names_are_never_extracted(tmp_path):
    parts = docx_parts(build_docx(paragraph("Body text.")))
    parts["../../escaped.txt"] = "should never be written"
    parts["/abs/escaped.txt"] = "nor this"
    before = _listing(tmp_path.parent)
    doc = read_bytes(zip_parts(parts), "slip.docx")
    assert [b.text for b in doc.blocks] == ["Body text."]
    assert _listing(tmp_path.parent) == before


def test_encrypted_zip_member_is_refused():
    data = bytearray(build_docx(paragraph("x")))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    struct.pack_into("<H", data, info.header_offset + 6, info.flag_bits | 0x1)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + name_len]) == b"word/document.xml":
            struct.pack_into("<H", data, pos + 8, info.flag_bits | 0x1)
        pos = data.find(b"PK\x01\x02", pos + 4)
    with pytest.raises(InputError) as exc:
        read_bytes(bytes(data), "locked.docx")
    assert exc.value.kind == "unsupported" and "encrypted" in exc.value.message
