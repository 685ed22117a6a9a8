"""Review copies of the real Word and LibreOffice files in ../shared/corpus/docx-wild.

Every readable file gets a review copy (``--fixes all``, so the copies carry
tracked changes as well as comments) that must:

- keep every comment's three pieces under one id, and the reader's view of
  the copy with every tracked change rejected must be the draft's text;
- open in LibreOffice: it converts the copy to text, and every word of the
  draft's own LibreOffice text is still there (LibreOffice's text shows
  tracked deletions and insertions both, so nothing may go missing);
- convert to PDF.

LibreOffice takes about 0.1 s a file for text and 0.2 s for PDF when given
a whole batch in one call, so the conversions are batched. Under CI=true
every file is converted to PDF; elsewhere a fixed sample of 20 (every
readable file is still converted to text), to keep a local run near 30 s.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_path
from review_tools import block_texts, comment_structure, convert, resolve_revisions, soffice

from ncnd_check.errors import InputError
from ncnd_check.review import review_file
from ncnd_check.settings import Settings

pytestmark = pytest.mark.corpus
DATE = "2026-01-02T03:04:05Z"
LOCAL_PDF_SAMPLE = 20
NEW_URL = "https://example.org/ncnd-check-replaced"


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    folder = shared_path("corpus", "docx-wild")
    soffice()
    out = tmp_path_factory.mktemp("review-corpus")
    (out / "copies").mkdir()  # ncnd-check writes into a folder that exists; it makes none
    made = {}
    for path in sorted(folder.glob("*.docx")):
        try:
            result = review_file(path, Settings(), output=out / "copies" / f"{path.stem}.review.docx", fixes="all", date=DATE)
        except InputError:
            continue  # encrypted, truncated or hostile: refused, as by check
        made[path] = Path(result.output)
    assert len(made) > 100
    return out, made


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """Tracked changes on real run structures: the corpus has no NCND findings to fix, so each file
    gets two made-up fixes: its longest paragraph reworded (a word changed, one added) and its
    first web link pointed elsewhere."""
    from ncnd_check.findings import Finding, Location
    from ncnd_check.readers import read_bytes
    from ncnd_check.review.docx_copy import review_docx
    from ncnd_check.review.fixes import Fix

    folder = shared_path("corpus", "docx-wild")
    out = tmp_path_factory.mktemp("review-edited")
    made = {}
    for path in sorted(folder.glob("*.docx")):
        data = path.read_bytes()
        try:
            document = read_bytes(data, str(path))
        except InputError:
            continue
        fixes = []
        paragraphs = [b for b in document.blocks if b.kind in ("paragraph", "list-item") and len(b.text.split()) >= 4]
        if paragraphs:
            block = max(paragraphs, key=lambda b: len(b.text))
            old = block.text.split()
            new = " ".join([old[0], "REPLACED", *old[2:], "ADDED."])
            f = Finding("NCND301", "wording-deviation", "warning", "made up", Location(block=block.index), suggestion=new)
            fixes.append(Fix("restore", f, block.index, block.text, new))
        link = next((l for l in document.links if l.part == "body" and l.source in ("hyperlink", "field")
                     and l.target.startswith("http") and l.block is not None), None)
        if link is not None and not any(fix.block == link.block for fix in fixes):
            f = Finding("NCND401", "outdated-link", "error", "made up", Location(block=link.block), evidence=link.target)
            fixes.append(Fix("link", f, link.block, link.target, NEW_URL))
        if not fixes:
            continue
        review = review_docx(data, str(path), document, [fix.finding for fix in fixes], fixes, Settings(), DATE)
        target = out / f"{path.stem}.edited.docx"
        target.write_bytes(review.data)
        made[path] = (target, review)
    assert len(made) > 80
    return out, made


def test_tracked_edits_on_real_files_accept_to_the_fix_and_reject_to_the_draft(edited):
    _, made = edited
    applied = skipped = 0
    for source, (target, review) in made.items():
        data = target.read_bytes()
        original = block_texts(resolve_revisions(source.read_bytes(), accept=False))
        assert block_texts(resolve_revisions(data, accept=False)) == original, source.name
        accepted = block_texts(resolve_revisions(data, accept=True))
        for fix in review.fixes:
            applied += 1
            if fix.kind == "restore":
                assert fix.new in accepted, source.name
        skipped += len(review.skipped)
    assert applied >= 4 * skipped, (applied, skipped)


def test_tracked_edits_on_real_files_open_in_libreoffice(edited):
    out, made = edited
    copies = [target for target, _ in made.values()]
    texts = convert(copies, "txt:Text (encoded):UTF8", out / "txt")
    missing = [c.name for c in copies if c not in texts]
    assert not missing, missing


def words(path: Path) -> Counter:
    return Counter(path.read_text(encoding="utf-8", errors="replace").replace("\ufeff", " ").split())


def test_every_copy_keeps_comment_structure_and_rejecting_gives_the_draft(copies):
    _, made = copies
    for source, copy in made.items():
        data = copy.read_bytes()
        original = source.read_bytes()
        before = comment_structure(original)
        for cid, counts in comment_structure(data).items():
            # Ours are complete; the drafter's are as they were (some real files have a bare reference).
            assert counts == before.get(cid, {"start": 1, "end": 1, "ref": 1}), (source.name, cid)
        # The drafter's own revisions are rejected on both sides alike.
        assert block_texts(resolve_revisions(data, accept=False)) == block_texts(resolve_revisions(original, accept=False)), source.name


def test_every_copy_opens_in_libreoffice_and_loses_no_text(copies):
    out, made = copies
    sources = list(made)
    originals = convert(sources, "txt:Text (encoded):UTF8", out / "txt-original")
    reviewed = convert(list(made.values()), "txt:Text (encoded):UTF8", out / "txt-review")
    missing_copies = [s.name for s in sources if made[s] not in reviewed and s in originals]
    assert not missing_copies, f"LibreOffice could not open the review copies of {missing_copies}"
    lost = {}
    for source in sources:
        if source not in originals:
            continue  # LibreOffice cannot open the draft itself either
        gone = words(originals[source]) - words(reviewed[made[source]])
        # A FILENAME field shows the file's own name, which the copy does not share.
        gone = Counter({w: c for w, c in gone.items() if source.stem not in w})
        if gone:
            lost[source.name] = list(gone)[:5]
    assert not lost, lost


def test_copies_convert_to_pdf(copies):
    out, made = copies
    chosen = list(made.values())
    if os.environ.get("CI") != "true":
        step = max(1, len(chosen) // LOCAL_PDF_SAMPLE)
        chosen = chosen[::step][:LOCAL_PDF_SAMPLE]
    pdfs = convert(chosen, "pdf", out / "pdf")
    originals = {made_copy: src for src, made_copy in made.items()}
    failed = [originals[c].name for c in chosen if c not in pdfs]
    if failed:
        # A copy may fail only where LibreOffice cannot convert the draft itself.
        again = convert([originals[c] for c in chosen if c not in pdfs], "pdf", out / "pdf-original")
        assert not again, f"the drafts convert but their review copies do not: {[p.name for p in again]}"
    for c, pdf in pdfs.items():
        assert pdf.read_bytes()[:4] == b"%PDF"
