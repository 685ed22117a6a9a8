"""Faults and misuse (issue 12): every bad input and mistaken command gets the contract's answer.

Each test builds its input here and checks what the user sees: the exit code,
one line naming the file and the reason, the other files still reported, no
traceback, inputs byte-identical, no output file left half-written. Most run
the real CLI in a subprocess (a closed stdin, a FIFO and a signal can only be
tried that way).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from docx_factory import build_docx, docx_parts, paragraph  # noqa: E402

DRAFT = """Request

You asked whether the force holds information about covert surveillance.

Response

The force can neither confirm nor deny that it holds the information you requested.
Section 31(3) of the Act applies. See http://www.example.org/guidance.
"""

FAST = ["--isolated", "--select", "NCND4"]


def cli(*args, cwd, stdin=subprocess.DEVNULL, timeout=120, close_stdin=False):
    """Run ``python -m ncnd_check`` and return the CompletedProcess (text)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "ncnd_check", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
        stdin=None if close_stdin else stdin,
        preexec_fn=(lambda: os.close(0)) if close_stdin else None,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr


def report(proc) -> dict:
    return {f["path"]: f for f in json.loads(proc.stdout)["files"]}


def leftovers(folder: Path) -> list[str]:
    """Temporary files the atomic writer would leave if it failed to clean up."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


# --- 1. stdin closed ------------------------------------------------------------


def test_closed_stdin_is_an_unreadable_input_not_a_traceback(tmp_path):
    proc = cli("check", "-", *FAST, cwd=tmp_path, close_stdin=True)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "ncnd-check: <stdin>: standard input is closed" in proc.stderr


# --- 2. symlink loops, unreadable folders ---------------------------------------


def test_symlink_loop_first_is_reported_and_the_other_files_checked(tmp_path, draft):
    os.symlink("loop", tmp_path / "loop")
    proc = cli("check", "loop", "d.txt", *FAST, "-f", "json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    files = report(proc)
    assert "symbolic link loop" in files["loop"]["error"]["message"]
    assert files["d.txt"]["error"] is None and files["d.txt"]["response"]
    assert "ncnd-check: loop: symbolic link loop" in proc.stderr


def test_unreadable_subfolder_is_reported_not_skipped(tmp_path, monkeypatch):
    from ncnd_check.commands.paths import PathProblem, collect

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(DRAFT)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(DRAFT)
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = collect([str(tmp_path)])
    problems = [p for p in found if isinstance(p, PathProblem)]
    assert str(tmp_path / "ok" / "a.txt") in found
    assert [p.path for p in problems] == [str(tmp_path / "locked")]
    assert "permission denied" in problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_file_in_a_folder_the_user_cannot_read(tmp_path, draft):  # pragma: no cover - not as root
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(DRAFT)
    locked.chmod(0)
    try:
        proc = cli("check", "locked/b.txt", "d.txt", *FAST, "-f", "json", cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "permission denied" in report(proc)["locked/b.txt"]["error"]["message"]


def test_file_the_reader_may_not_open_is_unreadable(tmp_path, draft, monkeypatch):
    from ncnd_check.engine import check_file

    real = os.open

    def deny(path, *args, **kwargs):
        if os.fspath(path) == str(draft):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = check_file(draft)
    assert result.error.kind == "unreadable" and "permission denied" in result.error.message


# --- 3. texts over spaCy's limit ------------------------------------------------


def test_a_paragraph_over_a_million_characters_is_too_large_in_check_and_diff(tmp_path):
    (tmp_path / "long.txt").write_text(DRAFT + "\n\n" + "word " * 220_000 + "\n", encoding="utf-8")
    for command in ("check", "diff"):
        proc = cli(command, "long.txt", "--isolated", cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2, command
        assert "E088" not in proc.stderr + proc.stdout
        line = [ln for ln in proc.stderr.splitlines() if ln.startswith("ncnd-check: long.txt:")]
        assert line and "1,000,000 characters" in line[0], proc.stderr


def test_a_long_text_of_ordinary_paragraphs_is_checked(tmp_path):
    from ncnd_check.engine import check_file

    paragraph_text = "The force can neither confirm nor deny that it holds the information, reference %d."
    (tmp_path / "many.txt").write_text("\n\n".join(paragraph_text % i for i in range(13_000)), encoding="utf-8")
    assert (tmp_path / "many.txt").stat().st_size > 1_000_000
    result = check_file(tmp_path / "many.txt")
    assert result.error is None


# --- 4. FIFOs, devices, endless stdin -------------------------------------------


def test_fifo_is_refused_without_blocking_and_the_other_file_checked(tmp_path, draft):
    os.mkfifo(tmp_path / "pipe.txt")
    proc = cli("check", "pipe.txt", "d.txt", *FAST, "-f", "json", cwd=tmp_path, timeout=60)
    no_traceback(proc)
    assert proc.returncode == 2
    files = report(proc)
    assert files["pipe.txt"]["error"]["kind"] == "unsupported"
    assert "FIFO" in files["pipe.txt"]["error"]["message"]
    assert files["d.txt"]["error"] is None and files["d.txt"]["response"]


def test_a_device_is_refused_not_read_forever(tmp_path):
    started = time.monotonic()
    proc = cli("check", "/dev/zero", *FAST, cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 60
    no_traceback(proc)
    assert proc.returncode == 2
    assert "ncnd-check: /dev/zero: is a character device, not a regular file" in proc.stderr


def test_endless_stdin_is_read_only_to_the_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        proc = cli("check", "-", *FAST, cwd=tmp_path, stdin=zero, timeout=60)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "ncnd-check: <stdin>: input is over the 25 MB limit" in proc.stderr


def test_readers_read_at_most_the_limit_plus_one_byte():
    from ncnd_check.readers import read_limited

    class Endless(io.RawIOBase):
        given = 0

        def readable(self):
            return True

        def readinto(self, b):
            b[:] = b"x" * len(b)
            Endless.given += len(b)
            return len(b)

    data = read_limited(io.BufferedReader(Endless(), 65536), 1000)
    assert len(data) == 1001
    assert Endless.given <= 1001 + 65536


def test_a_file_that_grows_past_the_limit_after_stat_is_cut_off(tmp_path):
    from ncnd_check.errors import InputError
    from ncnd_check.readers import read_file_bytes

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_file_bytes(path, 100) == b"x" * 100
    with pytest.raises(InputError) as exc:
        read_file_bytes(path, 99)
    assert exc.value.kind == "too-large"


# --- 5. outputs that are inputs ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_check_output_naming_the_draft_is_refused(tmp_path, draft, fmt):
    before = sha(draft)
    proc = cli("check", "d.txt", "-o", "d.txt", "-f", fmt, *FAST, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert sha(draft) == before
    assert proc.stderr.strip().splitlines()[-1].startswith("ncnd-check: error: cannot write d.txt: it is one of the input files")


def test_output_that_is_a_hard_link_or_symlink_to_the_draft_is_refused(tmp_path, draft):
    before = sha(draft)
    os.link(draft, tmp_path / "hard.txt")
    os.symlink("d.txt", tmp_path / "soft.json")
    for out in ("hard.txt", "soft.json"):
        proc = cli("check", "d.txt", "-o", out, "-f", "json", *FAST, cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2, out
        assert f"cannot write {out}" in proc.stderr
    assert sha(draft) == before
    assert os.path.islink(tmp_path / "soft.json")


def test_audit_report_and_csv_over_inputs_are_refused(tmp_path):
    folder = tmp_path / "sent"
    folder.mkdir()
    (folder / "a.html").write_text(f"<html><body><p>{DRAFT}</p></body></html>")
    (folder / "b.txt").write_text(DRAFT)
    before = {p.name: sha(p) for p in folder.iterdir()}
    proc = cli("audit", "sent", "--report", "sent/a.html", "--csv", "sent/b.txt", *FAST, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "cannot write sent/a.html: it is one of the input files" in proc.stderr
    assert {p.name: sha(p) for p in folder.iterdir()} == before


# --- 6. --fix and links at the output path ----------------------------------------


def test_fix_never_writes_through_a_symlink_at_the_fixed_path(tmp_path, draft):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    os.symlink("victim.txt", tmp_path / "d.fixed.txt")
    proc = cli("check", "d.txt", "--fix", *FAST, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert victim.read_text() == "precious"
    assert os.path.islink(tmp_path / "d.fixed.txt")
    assert "d.txt: --fix: cannot write d.fixed.txt: it is a symbolic link" in proc.stderr


def test_fix_says_when_it_replaces_an_existing_copy(tmp_path, draft):
    (tmp_path / "d.fixed.txt").write_text("old copy")
    proc = cli("check", "d.txt", "--fix", *FAST, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode in (0, 1)  # the copy was written
    assert "wrote d.fixed.txt" in proc.stderr and "replacing the existing file" in proc.stderr
    assert (tmp_path / "d.fixed.txt").read_text() != "old copy"
    assert not leftovers(tmp_path)


# --- 7. interrupted runs leave no partial output ----------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_audit_csv_leaves_no_partial_csv(tmp_path, sig):
    folder = tmp_path / "sent"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(DRAFT + f"\nReference {i}.\n")
    (tmp_path / "out.csv").write_text("previous,run\n")
    before = sha(tmp_path / "out.csv")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ncnd_check", "audit", "sent", "--csv", "out.csv", "--quiet", "--isolated"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not leftovers(tmp_path) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert leftovers(tmp_path), "the CSV was never being written"
    time.sleep(0.3)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in err
    assert "interrupted" in err
    assert sha(tmp_path / "out.csv") == before  # the old CSV, whole; never a partial new one
    assert not leftovers(tmp_path)


def test_atomic_output_leaves_nothing_on_an_exception(tmp_path):
    from ncnd_check.outputs import atomic_output

    target = tmp_path / "r.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as fh:
            fh.write("half a report")
            raise RuntimeError("stop")
    assert target.read_text() == "old"
    assert not leftovers(tmp_path)


def test_atomic_output_replaces_whole_and_keeps_the_mode(tmp_path):
    from ncnd_check.outputs import write_text

    target = tmp_path / "r.txt"
    assert write_text(target, "first") is False
    target.chmod(0o640)
    assert write_text(target, "second") is True
    assert target.read_text() == "second"
    assert (target.stat().st_mode & 0o777) == 0o640


def test_atomic_output_refusals(tmp_path, draft):
    from ncnd_check.outputs import OutputError, check_output

    os.mkfifo(tmp_path / "pipe")
    os.symlink("nowhere", tmp_path / "dangling")
    cases = {
        tmp_path / "pipe": "FIFO",
        tmp_path / "dangling": "symbolic link",
        tmp_path / "missing" / "r.txt": "no such folder",
        tmp_path: "folder",
        draft: "one of the input files",
    }
    for path, reason in cases.items():
        with pytest.raises(OutputError) as exc:
            check_output(path, [draft])
        assert reason in str(exc.value) and str(path) in str(exc.value)


# --- 8. duplicate part names --------------------------------------------------------


def _with_duplicate(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about a duplicate name (not one differing in case)
            dst.writestr(name, content)
    return out.getvalue()


def test_two_document_parts_are_refused_as_unsafe(tmp_path, draft):
    data = build_docx(paragraph("The force can neither confirm nor deny that it holds the information."))
    hidden = docx_parts(data)["word/document.xml"].replace(b"neither confirm nor deny", b"confirm")
    (tmp_path / "two.docx").write_bytes(_with_duplicate(data, "word/document.xml", hidden))
    proc = cli("check", "two.docx", "d.txt", *FAST, "-f", "json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    files = report(proc)
    assert files["two.docx"]["error"]["kind"] == "unsafe"
    assert "two entries named word/document.xml" in files["two.docx"]["error"]["message"]
    assert files["d.txt"]["error"] is None


def test_duplicate_names_differing_only_in_case_are_refused():
    from ncnd_check.errors import InputError
    from ncnd_check.readers import read_bytes

    data = build_docx(paragraph("Text."))
    with pytest.raises(InputError) as exc:
        read_bytes(_with_duplicate(data, "WORD/document.xml", b"<x/>"), "case.docx")
    assert exc.value.kind == "unsafe"


# --- 9. UTF-16 without a BOM ----------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_as_text(codec):
    from ncnd_check.readers import read_bytes

    text = DRAFT.replace("force", "forcé")
    doc = read_bytes(text.encode(codec), "u.txt")
    assert doc.blocks[0].text == "Request"
    assert any("forcé can neither confirm" in b.text for b in doc.blocks)
    html = read_bytes(f"<html><body><p>{text}</p></body></html>".encode(codec), "u.html")
    assert html.format == "html" and "neither confirm nor deny" in html.text


def test_binary_with_nul_bytes_is_still_refused():
    from ncnd_check.errors import InputError
    from ncnd_check.readers import read_bytes

    with pytest.raises(InputError) as exc:
        read_bytes(bytes(range(256)) * 40, "b.txt")
    assert "binary" in exc.value.message


# --- 10. the real reason for huge paragraphs ----------------------------------------


def test_html_paragraph_over_10_mb_is_too_large_not_nested(tmp_path):
    (tmp_path / "big.html").write_text("<html><body><p>" + "word " * 2_100_000 + "</p></body></html>")
    proc = cli("check", "big.html", *FAST, "-f", "json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    error = report(proc)["big.html"]["error"]
    assert error["kind"] == "too-large" and "nested" not in error["message"]
    assert "1,000,000 characters a paragraph" in error["message"]


def test_repetitive_5_mb_docx_paragraph_is_too_large_not_a_zip_bomb():
    from ncnd_check.errors import InputError
    from ncnd_check.readers import read_bytes

    data = build_docx(paragraph("word " * 1_000_000))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("word/document.xml")
        assert info.file_size / info.compress_size > 200  # what used to be called a zip bomb
    with pytest.raises(InputError) as exc:
        read_bytes(data, "rep.docx")
    assert exc.value.kind == "too-large"
    assert "paragraph" in exc.value.message and "1,000,000" in exc.value.message
    assert "zip bomb" not in exc.value.message


def test_a_real_zip_bomb_is_still_refused_as_unsafe():
    from ncnd_check.errors import InputError
    from ncnd_check.readers import read_bytes

    body = "".join(paragraph("word " * 40) for _ in range(60_000))  # many small repetitive paragraphs
    data = build_docx(body)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("word/document.xml")
        if info.file_size / info.compress_size <= 200:
            pytest.skip("zlib compressed this less than 200:1")
    with pytest.raises(InputError) as exc:
        read_bytes(data, "bomb.docx")
    assert exc.value.kind == "unsafe"


# --- 11. every path accounted for, in every format ----------------------------------


def test_folder_problems_are_reported_in_json_and_csv(tmp_path):
    sent = tmp_path / "sent"
    (sent / "sub").mkdir(parents=True)
    (sent / "a.txt").write_text(DRAFT)
    (sent / "clean.txt").write_text("Hello.\n")
    (sent / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (sent / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    os.mkfifo(sent / "pipe.txt")
    os.symlink("..", sent / "sub" / "up")
    os.symlink("self", sent / "self")
    os.symlink("gone.txt", sent / "dangling.txt")
    expected = {
        "sent/a.txt": None, "sent/clean.txt": None,
        "sent/old.doc": "unreadable", "sent/broken.docx": "unreadable", "sent/pipe.txt": "unsupported",
        "sent/sub/up": "unreadable", "sent/self": "unreadable", "sent/dangling.txt": "unreadable",
    }
    proc = cli("audit", "sent", "-f", "json", "-o", "audit.json", "--csv", "audit.csv", "--quiet", *FAST, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    data = json.loads((tmp_path / "audit.json").read_text())
    kinds = {f["path"]: (f["error"] or {}).get("kind") for f in data["files"]}
    assert set(kinds) == set(expected)
    assert all((kinds[p] is None) == (k is None) for p, k in expected.items())
    assert data["summary"]["unreadable"] == 6
    import csv

    rows = list(csv.DictReader(io.StringIO((tmp_path / "audit.csv").read_text())))
    assert {r["file"] for r in rows} == set(expected)  # one row at least for every file
    by_file = {r["file"]: r for r in rows if r["status"] != "finding"}
    assert by_file["sent/clean.txt"]["status"] == "clean"
    assert by_file["sent/pipe.txt"]["status"] == "unsupported" and "FIFO" in by_file["sent/pipe.txt"]["message"]
    assert "legacy Word .doc" in by_file["sent/old.doc"]["message"] or by_file["sent/old.doc"]["message"]
    for path in expected:
        if expected[path]:
            assert f"ncnd-check: {path}: " in proc.stderr


def test_check_reports_each_problem_under_a_folder(tmp_path):
    sent = tmp_path / "sent"
    sent.mkdir()
    (sent / "a.txt").write_text(DRAFT)
    os.symlink("self", sent / "self")
    proc = cli("check", "sent", *FAST, "-f", "json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert set(report(proc)) == {"sent/a.txt", "sent/self"}


# --- 12. exit codes of --fix ----------------------------------------------------------


def test_fix_output_naming_the_draft_exits_2(tmp_path, draft):
    before = sha(draft)
    proc = cli("check", "d.txt", "--fix-output", "d.txt", *FAST, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "--fix-output" in proc.stderr and "d.txt" in proc.stderr
    assert sha(draft) == before


def test_fixed_copy_that_cannot_be_written_exits_2(tmp_path, draft):
    (tmp_path / "d.fixed.txt").mkdir()
    proc = cli("check", "d.txt", "--fix", *FAST, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "ncnd-check: d.txt: --fix: cannot write d.fixed.txt: it is a folder" in proc.stderr


# --- 13. escape sequences stay escaped ------------------------------------------------


def test_escape_sequences_in_file_names_and_dump_output_are_shown_escaped(tmp_path):
    name = "evil\x1b]0;pwned\x07\x1b[2J.txt"
    (tmp_path / name).write_text("Heading\n\nText with \x1b[31mred\x1b[0m and \u202e reversed.\n")
    os.symlink("gone", tmp_path / ("x\x1b[1m.txt"))
    proc = cli("check", name, "x\x1b[1m.txt", *FAST, cwd=tmp_path)
    no_traceback(proc)
    assert "\x1b" not in proc.stdout + proc.stderr
    assert "x\\x1b[1m.txt" in proc.stderr
    dumped = cli("dump", name, cwd=tmp_path)
    assert dumped.returncode == 0
    assert "\x1b" not in dumped.stdout and "\u202e" not in dumped.stdout
    assert "\\x1b[31mred\\x1b[0m" in dumped.stdout and "\\u202e" in dumped.stdout


def test_printable_leaves_ordinary_text_alone():
    from ncnd_check.terminal import printable

    assert printable("Café – “quoted” 24(2)") == "Café – “quoted” 24(2)"
    assert printable("a\tb\nc\x9b") == "a\\tb\\nc\\x9b"
    assert printable("a\nb", keep="\n") == "a\nb"


# --- 14. DOCTYPE in [Content_Types].xml ---------------------------------------------


def test_doctype_in_content_types_is_refused(tmp_path, draft):
    data = build_docx(paragraph("The force can neither confirm nor deny."))
    parts = docx_parts(data)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"<Types", b'<!DOCTYPE Types [<!ENTITY x "y">]><Types', 1
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    (tmp_path / "dt.docx").write_bytes(out.getvalue())
    proc = cli("check", "dt.docx", "d.txt", *FAST, "-f", "json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    error = report(proc)["dt.docx"]["error"]
    assert error["kind"] == "unsafe" and "[Content_Types].xml" in error["message"] and "DOCTYPE" in error["message"]
    assert report(proc)["d.txt"]["error"] is None
