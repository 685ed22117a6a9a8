"""The one table of formats: suffixes, format guesses, sniffing and the CLI choices all come from it."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from click.testing import CliRunner
from docx_factory import build_docx, paragraph

from ncnd_check.cli import cli
from ncnd_check.errors import InputError
from ncnd_check.readers import FORMAT_NAMES, FORMATS, SUPPORTED_SUFFIXES, guess_format, read_bytes
from ncnd_check.readers.registry import sniff_format

#: A small draft in each registered format, with the text it holds.
SAMPLES = {
    "docx": build_docx(paragraph("Neither confirm nor deny.")),
    "html": b"<!DOCTYPE html><html><body><p>Neither confirm nor deny.</p></body></html>",
    "text": b"Neither confirm nor deny.\n",
}


def test_every_format_has_a_sample_and_the_names_are_the_table():
    assert FORMAT_NAMES == tuple(f.name for f in FORMATS) == ("docx", "html", "text")
    assert set(SAMPLES) == set(FORMAT_NAMES)


def test_supported_suffixes_are_the_registered_ones_in_table_order():
    assert SUPPORTED_SUFFIXES == tuple(s for f in FORMATS for s in f.suffixes)
    assert SUPPORTED_SUFFIXES == (".docx", ".html", ".htm", ".txt", ".md")
    assert len(set(SUPPORTED_SUFFIXES)) == len(SUPPORTED_SUFFIXES)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_each_registered_suffix_is_guessed_as_its_format(fmt):
    for suffix in fmt.suffixes:
        assert guess_format(f"draft{suffix}") == fmt.name
        assert guess_format(f"folder/Draft{suffix.upper()}") == fmt.name


@pytest.mark.parametrize("name", ["draft.pdf", "draft.doc", "draft", "draft.docx.bak", "<stdin>", ".docx"])
def test_an_unknown_suffix_is_guessed_as_nothing(name):
    assert guess_format(name) is None


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_content_picks_the_reader_whatever_the_name(fmt):
    data = SAMPLES[fmt.name]
    assert fmt.sniff(data)
    for name in ("draft.bin", "<stdin>", "draft.txt"):
        assert sniff_format(data, name) == fmt.name
        doc = read_bytes(data, name)
        assert doc.format == fmt.name
        assert [b.text for b in doc.blocks] == ["Neither confirm nor deny."]


def test_a_named_format_skips_sniffing():
    doc = read_bytes(SAMPLES["html"], "draft.bin", "text")
    assert doc.format == "text"


def test_an_unregistered_format_name_is_refused():
    with pytest.raises(InputError) as err:
        read_bytes(SAMPLES["text"], "draft.txt", "rtf")
    assert err.value.kind == "unsupported" and str(err.value) == "unknown format 'rtf'"


def test_a_docx_name_on_other_bytes_is_refused_but_an_html_name_is_trusted():
    with pytest.raises(InputError) as err:
        sniff_format(SAMPLES["text"], "draft.docx")
    assert err.value.kind == "unreadable"
    assert str(err.value) == "not a valid .docx (it is not a zip archive): the file may be damaged"
    assert sniff_format(SAMPLES["text"], "draft.HTM") == "html"
    assert sniff_format(b"a < b, and <p> is a tag", "draft.txt") == "text"


def test_stdin_format_choices_are_the_registered_formats():
    for command in ("check", "dump", "diff"):
        out = CliRunner().invoke(cli, [command, "--help"], catch_exceptions=False).output
        assert "[" + "|".join(FORMAT_NAMES) + "]" in " ".join(out.split()), command


def test_the_report_schema_allows_exactly_the_registered_formats():
    schema = json.loads(resources.files("ncnd_check").joinpath("schemas/report-v1.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["file"]["properties"]["format"]["enum"] == [*FORMAT_NAMES, None]


def test_a_folder_with_no_supported_file_names_every_suffix(tmp_path):
    from ncnd_check.commands.paths import PathProblem, collect

    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    [problem] = collect([str(tmp_path)])
    assert isinstance(problem, PathProblem)
    assert problem.message == "folder holds no .docx, .html, .htm, .txt or .md file"


def test_a_windows_program_named_as_a_draft_is_refused_as_one():
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64)
    with pytest.raises(InputError) as caught:
        read_bytes(program, "letter.txt")
    assert "Windows program" in caught.value.message
