"""Test helpers for review copies: accept or reject every tracked change, check comments, run LibreOffice.

Accepting and rejecting are done here on the XML, independently of the
code under test: accepting drops w:del and w:moveFrom and unwraps w:ins and
w:moveTo (and removes paragraphs whose mark was deleted); rejecting does the
opposite. The result has no revisions left, so reading it gives one text.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def main_parts(data: bytes) -> tuple[str, str | None]:
    """(main part, comments part or None), found through the relationships as the reader does."""
    from ncnd_check.readers.ooxml_package import Package
    from ncnd_check.settings import Settings

    pkg = Package(data, "x.docx", Settings())
    comments = pkg.related("comments")
    return pkg.main, (comments[0] if comments else None)


def _ns(root) -> str:
    return root.tag.split("}", 1)[0] + "}"


def _read(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return z.read(info)
    except zipfile.BadZipFile:
        return b""  # a damaged member the reader never opens (one corpus file's theme)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: _read(z, i) for i in z.infolist()}


def _rezip(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, content if info.filename == name else _read(src, info))
    return out.getvalue()


def _unwrap(el) -> None:
    parent = el.getparent()
    i = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(i, child)
    parent.remove(el)


def resolve_revisions(data: bytes, accept: bool) -> bytes:
    """The package with every tracked change in the main part accepted (or rejected)."""
    part = main_parts(data)[0]
    root = etree.fromstring(_parts(data)[part])
    W = _ns(root)
    drop, keep = (("del", "moveFrom"), ("ins", "moveTo")) if accept else (("ins", "moveTo"), ("del", "moveFrom"))
    # Paragraph marks first: a paragraph whose mark goes, goes with its content (ours are whole paragraphs).
    for mark in list(root.iter(*(W + d for d in drop))):
        parent = mark.getparent()
        if parent is not None and parent.tag == W + "rPr" and parent.getparent() is not None and parent.getparent().tag == W + "pPr":
            p = parent.getparent().getparent()
            if p.getparent() is not None:
                p.getparent().remove(p)
    for mark in list(root.iter(*(W + k for k in keep))):
        parent = mark.getparent()
        if parent is not None and parent.tag == W + "rPr":
            parent.remove(mark)
    for el in list(root.iter(*(W + d for d in drop))):
        if el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(root.iter(*(W + k for k in keep))):
        if el.getparent() is not None:
            _unwrap(el)
    # A hyperlink whose runs all went is gone too, as Word removes it.
    for el in list(root.iter(W + "hyperlink", W + "fldSimple")):
        if not any(True for _ in el.iter(W + "r")) and el.getparent() is not None:
            el.getparent().remove(el)
    if not accept:
        for t in root.iter(W + "delText"):
            t.tag = W + "t"
        for t in root.iter(W + "delInstrText"):
            t.tag = W + "instrText"
    return _rezip(data, part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def block_texts(data: bytes, name: str = "review.docx") -> list[str]:
    """The body text as the project's reader sees it, spaces squeezed."""
    from ncnd_check.readers import read_bytes

    return [" ".join(b.text.split()) for b in read_bytes(data, name).blocks]


def comment_structure(data: bytes) -> dict[str, dict[str, int]]:
    """comment id -> how many starts, ends and references the body has; ids from word/comments.xml."""
    parts = _parts(data)
    main, comments_part = main_parts(data)
    body = etree.fromstring(parts[main])
    W = _ns(body)
    comments = etree.fromstring(parts[comments_part]) if comments_part in parts else None
    ids = [c.get(W + "id") for c in comments.iter(W + "comment")] if comments is not None else []
    out = {i: {"start": 0, "end": 0, "ref": 0} for i in ids}
    for tag, key in (("commentRangeStart", "start"), ("commentRangeEnd", "end"), ("commentReference", "ref")):
        for el in body.iter(W + tag):
            out.setdefault(el.get(W + "id"), {"start": 0, "end": 0, "ref": 0})[key] += 1
    return out


def revision_authors(data: bytes) -> list[str]:
    body = etree.fromstring(_parts(data)[main_parts(data)[0]])
    W = _ns(body)
    return [el.get(W + "author") for el in body.iter(W + "ins", W + "del")]


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    return path


def convert(files: list[Path], fmt: str, outdir: Path, timeout: int = 900) -> dict[Path, Path]:
    """Convert files with one soffice call (its own profile); source -> output that was written."""
    exe = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="ncnd-lo-profile-"))
    try:
        subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
            check=False, capture_output=True, timeout=timeout, env={**os.environ, "HOME": str(profile)},
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = fmt.split(":", 1)[0]
    out = {}
    for f in files:
        target = outdir / f"{f.stem}.{ext}"
        if target.exists() and target.stat().st_size > 0:
            out[f] = target
    return out
