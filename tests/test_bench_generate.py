"""The benchmark's corpus generator and its smoke mode (no timing assertions)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402
import library_scale  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench-corpus")
    return generate.generate(out, typical=3, long=1, seed=3, long_words=8000)


def test_three_formats_for_every_draft(corpus):
    for kind in ("typical", "long"):
        for fmt in ("docx", "html", "text"):
            paths = corpus[kind][fmt]
            assert len(paths) == (3 if kind == "typical" else 1)
            assert all(p.stat().st_size > 0 for p in paths)


def test_drafts_read_back_with_the_project_readers(corpus):
    from ncnd_check.readers import read_path

    for fmt in ("docx", "html", "text"):
        doc = read_path(corpus["typical"][fmt][0])
        assert doc.format == fmt
        assert any(b.kind == "heading" for b in doc.blocks)
        assert "neither confirm nor deny" in doc.text
        assert len(doc.text.split()) > 600


def test_docx_is_valid_ooxml_with_tracked_changes_and_links(corpus):
    from lxml import etree

    tracked = 0
    for path in corpus["typical"]["docx"]:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
            xml = zf.read("word/document.xml")
            etree.fromstring(xml)  # well-formed
            rels = zf.read("word/_rels/document.xml.rels").decode()
        tracked += xml.count(b"<w:ins ") + xml.count(b"<w:del ")
        assert "hyperlink" in rels
    assert tracked > 0


def test_same_seed_same_corpus(tmp_path):
    a = generate.generate(tmp_path / "a", typical=2, long=0, seed=5)
    b = generate.generate(tmp_path / "b", typical=2, long=0, seed=5)
    for fmt in ("text", "html", "docx"):
        for pa, pb in zip(a["typical"][fmt], b["typical"][fmt]):
            assert pa.read_bytes() == pb.read_bytes()


def test_long_draft_is_much_longer(corpus):
    typical = len(corpus["typical"]["text"][0].read_text().split())
    long = len(corpus["long"]["text"][0].read_text().split())
    assert long > 3 * typical


def test_scaled_library_has_ten_times_the_paragraphs(tmp_path):
    base = ROOT / "reference_texts"
    try:
        n = library_scale.paragraph_count(base)
    except library_scale.NoLibrary:
        pytest.skip("no approved-wording library yet")
    big = library_scale.scaled_library(base, tmp_path / "x10", 10)
    assert library_scale.paragraph_count(big) == 10 * n


def test_quick_run_prints_its_table(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "measure" in out and "x floor" in out and "target" in out
    assert "bare spaCy" in out
    assert "[start-up] ncnd-check --version" in out
    assert (tmp_path / "results.json").exists()
