"""Every real-world .docx in ../shared/corpus/docx-wild reads cleanly and agrees with pandoc.

pandoc's text (oracle-pandoc/docx-wild/<file>.txt) is an independent
reference, not ground truth. The comparison covers what both sides mean by
"the text of the document", made fair rather than loosened:

- pandoc prints footnotes and endnotes after the body, so the reader's
  footnote and endnote extras are added to its side; headers, footers,
  comments and text boxes are left out of both.
- pandoc keeps hidden text (w:vanish); the reader records it in
  Document.marked instead of the blocks, so marked hidden text is added back.
- pandoc writes note references as "[1]"; those markers are not words of the
  document and are taken out of the oracle.
- Known remaining differences, left in the score: pandoc drops the results of
  fields other than HYPERLINK (FILENAME, PAGE ...) and moves a Title-style
  paragraph into metadata, and renders equations as TeX; the reader keeps
  what Word shows.

Files pandoc could not read (RESULTS.tsv rc != 0) are not scored, but must
still read or be refused with an InputError.
"""

from __future__ import annotations

import re

import pytest
from conftest import shared_path
from token_f1 import f1, tokens

from ncnd_check.errors import ERROR_KINDS, InputError

MIN_MEAN_F1 = 0.97
_NOTE_MARK = re.compile(r"\[\d+\]")


def reader_text(document) -> str:
    parts = [b.text for b in document.blocks]
    parts += [b.text for b in document.extras if b.part in ("footnote", "endnote")]
    parts += [m.text for m in document.marked if m.kind == "hidden"]
    return "\n".join(parts)


def pandoc_ok() -> set[str]:
    results = shared_path("corpus", "oracle-pandoc", "docx-wild", "RESULTS.tsv")
    ok = set()
    for line in results.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 3 and cols[3] == "0":
            ok.add(cols[0])
    return ok


def corpus_files():
    folder = shared_path("corpus", "docx-wild")
    files = sorted(folder.glob("*.docx"))
    assert files
    return files


def test_every_docx_reads_or_is_refused_cleanly():
    from ncnd_check.readers import read_path

    refused = {}
    for path in corpus_files():
        try:
            document = read_path(path)
        except InputError as exc:
            assert exc.kind in ERROR_KINDS and exc.message and "\n" not in exc.message
            refused[path.name] = exc.kind
            continue
        assert document.format == "docx"
        for i, block in enumerate(document.blocks):
            assert block.index == i and block.text == block.text.strip() and block.text
            assert block.kind in ("heading", "paragraph", "list-item", "table-cell")
            assert all(link.block == i for link in block.links)
        for rec in (*document.revisions, *document.marked):
            assert rec.block is None or 0 <= rec.block < max(len(document.blocks), len(document.extras))
    # Only the broken, encrypted or hostile files are refused, never an ordinary one.
    assert set(refused) <= set(path.name for path in corpus_files()) - pandoc_ok()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("poi__ExternalEntityInText.docx", "unsafe"),
        ("poi__bug53475-password-is-pass.docx", "unsupported"),
        ("poi__truncated62886.docx", "unreadable"),
    ],
)
def test_hostile_corpus_files_get_their_error(name, kind):
    from ncnd_check.readers import read_path

    with pytest.raises(InputError) as info:
        read_path(shared_path("corpus", "docx-wild", name))
    assert info.value.kind == kind


@pytest.mark.parametrize("name", ["mammoth__strict-format.docx", "pandoc__ns0-reference.docx"])
def test_files_pandoc_cannot_read_are_read(name):
    from ncnd_check.readers import read_path

    document = read_path(shared_path("corpus", "docx-wild", name))
    assert document.blocks and document.blocks[0].text


def corpus_scores() -> list[tuple[float, str]]:
    from ncnd_check.readers import read_path

    oracle_dir = shared_path("corpus", "oracle-pandoc", "docx-wild")
    ok = pandoc_ok()
    scores = []
    for path in corpus_files():
        if path.name not in ok:
            continue
        document = read_path(path)
        oracle = (oracle_dir / f"{path.name}.txt").read_text(encoding="utf-8", errors="replace")
        scores.append((f1(tokens(reader_text(document)), tokens(_NOTE_MARK.sub(" ", oracle))), path.name))
    return scores


def test_text_agrees_with_pandoc(capsys, request):
    scores = corpus_scores()
    assert scores
    mean = sum(s for s, _ in scores) / len(scores)
    worst = sorted(scores)[:8]
    # Every file's score, for looking into a drop: .pytest_cache/d/docx-corpus/f1.tsv
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    record = cache.mkdir("docx-corpus") / "f1.tsv" if cache is not None else None
    if record is not None:
        record.write_text("".join(f"{score:.4f}\t{name}\n" for score, name in sorted(scores)) + f"{mean:.4f}\tMEAN\n", encoding="utf-8")
    with capsys.disabled():
        print(f"\nDOCX token F1 vs pandoc: mean {mean:.4f} over {len(scores)} files (all in {record}); worst:")
        for score, name in worst:
            print(f"  {score:.3f}  {name}")
    assert mean >= MIN_MEAN_F1, f"mean token F1 {mean:.4f}; worst: {worst}"


def test_tracked_changes_file_reads_accepted_with_revisions():
    from ncnd_check.readers import read_path

    document = read_path(shared_path("corpus", "docx-wild", "pandoc__track_changes_deletion.docx"))
    assert document.revisions and all(r.author for r in document.revisions)
    deleted = " ".join(r.text for r in document.revisions if r.kind == "deletion")
    assert deleted and deleted not in document.text


def test_live_pandoc_agrees_where_installed(tmp_path):
    """Optional: pandoc from Debian on a file the reader should match exactly."""
    import shutil
    import subprocess

    if not shutil.which("pandoc"):
        pytest.skip("pandoc is not installed")
    from ncnd_check.readers import read_path

    path = shared_path("corpus", "docx-wild", "pandoc__track_changes_insertion.docx")
    out = subprocess.run(["pandoc", "--track-changes=accept", "-t", "plain", str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert f1(tokens(reader_text(read_path(path))), tokens(out.stdout)) >= 0.97
