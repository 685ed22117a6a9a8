"""Build the review copy of a .docx: comments and tracked changes, nothing else changed.

Only the main part, its relationships, the comments part and
``[Content_Types].xml`` are rewritten (the last two only when a comments
part has to be added); every other zip member is copied byte for byte, so
styles, numbering, headers, footers, images, properties and the
drafter's own revisions and comments survive. A draft with nothing to say
gets its own bytes back.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ncnd_check.errors import InputError
from ncnd_check.readers.ooxml_package import R_NS, R_STRICT, Package
from ncnd_check.review import anchoring, comments, tracked
from ncnd_check.review.fixes import Fix
from ncnd_check.review.ooxml import Names, TextMap, parse, serialise

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_REL_TYPES = {
    False: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    True: "http://purl.oclc.org/ooxml/officeDocument/relationships/",
}


@dataclass
class DocxReview:
    data: bytes
    comments: int = 0
    changes: int = 0
    fixes: list[Fix] = field(default_factory=list)
    #: Fixes planned but not made (the comment still says what to do).
    skipped: list[Fix] = field(default_factory=list)


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def review_docx(data: bytes, name: str, document, findings, fixes: list[Fix], settings, date: str | None = None) -> DocxReview:
    """The review copy's bytes for one draft already read and checked."""
    if not findings:
        return DocxReview(data)
    date = date or now()

    pkg = Package(data, name, settings)
    reader_root, traced = anchoring.paragraphs_by_block(data, name, settings)
    main = pkg.main
    root = parse(pkg.zip.read(main), main)
    ns = root.tag[1:].split("}", 1)[0]
    n = Names(ns)
    strict = ns != "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r_ns = R_STRICT if strict else R_NS
    positions = anchoring.positions(reader_root, traced, n.w)
    all_p = list(root.iter(n("p")))
    paras = {b: [all_p[i] for i in pos if i < len(all_p)] for b, pos in positions.items()}

    folder, base = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    rels_root = parse(pkg.zip.read(rels_name), rels_name) if pkg.zip.has(rels_name) else None
    rel_targets = {}
    if rels_root is not None:
        for rel in rels_root:
            if isinstance(rel.tag, str) and rel.tag.endswith("Relationship"):
                rel_targets[rel.get("Id") or ""] = (rel.get("Target") or "").strip()
    rels = tracked.Relationships(rel_targets)

    comments_name = next(iter(pkg.related("comments")), None)
    comments_root = parse(pkg.zip.read(comments_name), comments_name) if comments_name and pkg.zip.has(comments_name) else None
    next_id = _max_id(root, n) + 1
    if comments_root is not None:
        next_id = max(next_id, _max_id(comments_root, n) + 1)

    # Comments first, on the untouched text: findings are about the draft as written.
    placed: list[tuple[int, object]] = []
    for f in findings:
        block = anchoring.anchor_block(f, document)
        ps = paras.get(block) if block is not None else None
        if not ps:
            block = next((b for b in sorted(paras) if paras[b]), None)
            ps = paras.get(block) if block is not None else None
            if not ps:
                continue
            f_span = anchoring.Span()
        else:
            f_span = anchoring.anchor_span(f, TextMap(ps, n).text, document, block)
        comments.mark_range(TextMap(ps, n), f_span, next_id, n)
        placed.append((next_id, f))
        next_id += 1

    revs = tracked.Revisions(next_id, date)
    made, skipped = [], []
    for fix in fixes:
        ps = paras.get(fix.block)
        try:
            if not ps:
                raise tracked.Skipped("paragraph not found")
            _apply(fix, ps, rels, revs, n, r_ns)
        except tracked.Skipped:
            skipped.append(fix)
            continue
        fix.applied = True
        made.append(fix)
    fixed_findings = {id(f.finding) for f in made}
    link_fixed = {(f.block, f.old) for f in made if f.kind == "link"}

    if comments_root is None:
        comments_root = comments.empty_comments_part(n)
    for cid, f in placed:
        done = id(f) in fixed_findings or (f.location.block, (f.evidence or "").strip()) in link_fixed
        text = comments.comment_text(f, done)
        comments_root.append(comments.comment_element(comments.NewComment(cid, text), date, n))

    replaced = {main: serialise(root), (comments_name or posixpath.join(folder, "comments.xml")): serialise(comments_root)}
    if rels_root is None:
        from lxml import etree

        rels_root = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
    for rid, url in rels.added.items():
        _add_rel(rels_root, rid, _REL_TYPES[strict] + "hyperlink", url, external=True)
    if comments_name is None:
        comments_name = posixpath.join(folder, "comments.xml")
        _add_rel(rels_root, _free_rid(rels_root, "rIdNcndComments"), _REL_TYPES[strict] + "comments",
                 posixpath.relpath(comments_name, folder or "."))
        replaced["[Content_Types].xml"] = _content_types(pkg, comments_name)
    if rels.added or comments_name not in rel_targets.values():
        replaced[rels_name] = serialise(rels_root)
    out = _rezip(data, replaced)
    return DocxReview(out, comments=len(placed), changes=revs.made, fixes=made, skipped=skipped)


def _apply(fix: Fix, ps, rels, revs, n, r_ns) -> None:
    if fix.kind == "link":
        if not tracked.replace_link(ps, fix.old, fix.new, rels, revs, n, r_ns):
            raise tracked.Skipped("link not found")
    elif fix.kind == "name":
        count = 0
        for p in ps:
            while True:
                tmap = TextMap([p], n)
                i = tmap.text.find(fix.old)
                if i < 0:
                    break
                tracked.replace_text(tmap, i, i + len(fix.old), fix.new, revs, n)
                count += 1
        if not count:
            raise tracked.Skipped("name not found")
    elif fix.kind == "restore":
        if len(ps) != 1:
            raise tracked.Skipped("the block is more than one paragraph")
        old = TextMap(ps, n).text
        lead = len(old) - len(old.lstrip())
        edits = tracked.word_edits(old.strip(), fix.new)
        tracked.apply_edits(lambda: TextMap(ps, n), [(s + lead, e + lead, t) for s, e, t in edits], revs, n)
    elif fix.kind == "insert":
        tracked.insert_paragraph_after(ps[-1], fix.new, revs, n, like=_body_like(ps[-1], n))


def _body_like(p, n):
    """A paragraph whose style an inserted one copies: ``p`` unless it is a heading (then none)."""
    style = p.find(f"{n('pPr')}/{n('pStyle')}")
    if style is not None and "heading" in (style.get(n("val")) or "").lower():
        return n.el("p")
    return p


def _max_id(root, n) -> int:
    best = -1
    attr = n("id")
    for el in root.iter():
        v = el.get(attr) if isinstance(el.tag, str) else None
        if v and v.isdigit():
            best = max(best, int(v))
    return best


def _free_rid(rels_root, want: str) -> str:
    used = {r.get("Id") for r in rels_root}
    rid, i = want, 1
    while rid in used:
        i += 1
        rid = f"{want}{i}"
    return rid


def _add_rel(rels_root, rid: str, rtype: str, target: str, external: bool = False) -> None:
    from lxml import etree

    ns = rels_root.tag[1:].split("}", 1)[0] if rels_root.tag.startswith("{") else PKG_RELS
    rel = etree.SubElement(rels_root, f"{{{ns}}}Relationship", {"Id": rid, "Type": rtype, "Target": target})
    if external:
        rel.set("TargetMode", "External")


def _content_types(pkg, comments_name: str) -> bytes:
    from lxml import etree

    name = pkg.zip.find("[Content_Types].xml") or "[Content_Types].xml"
    root = parse(pkg.zip.read(name), name)
    ns = root.tag[1:].split("}", 1)[0]
    part = "/" + comments_name
    if not any((o.get("PartName") or "").lower() == part.lower() for o in root):
        etree.SubElement(root, f"{{{ns}}}Override", {"PartName": part, "ContentType": COMMENTS_TYPE})
    return serialise(root)


def _member(src: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> bytes:
    """A member's bytes; one whose stored CRC is wrong (a theme or image some writers damage, which
    the reader never opens) is taken as stored rather than refusing the whole copy."""
    try:
        return src.read(info)
    except zipfile.BadZipFile:
        import struct
        import zlib

        offset = info.header_offset
        name_len, extra_len = struct.unpack("<HH", data[offset + 26:offset + 30])
        start = offset + 30 + name_len + extra_len
        raw = data[start:start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            return raw
        if info.compress_type == zipfile.ZIP_DEFLATED:
            return zlib.decompressobj(-15).decompress(raw)
        raise


def _rezip(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """The package with ``replaced`` parts swapped in (or added); every other member byte for byte."""
    lower = {k.lower(): v for k, v in replaced.items()}
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            done = set()
            for info in src.infolist():
                key = info.filename.lower()
                if key in lower:
                    dst.writestr(info, lower[key], compress_type=zipfile.ZIP_DEFLATED)
                    done.add(key)
                else:
                    dst.writestr(info, _member(src, info, data))
            for name, content in replaced.items():
                if name.lower() not in done:
                    dst.writestr(name, content)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
        raise InputError("unreadable", f"cannot rewrite the DOCX package: {exc}") from None
    return out.getvalue()
