"""``check --fix``: a corrected copy of a draft with its links brought up to date.

Outdated links become their registry replacement and ``http://`` becomes
``https://`` where the host is known to serve it. The copy is written beside
the draft as NAME.fixed.EXT (or where ``--fix-output`` says); the draft itself
is never written to. Only the link text changes: in text and HTML the
address wherever it appears (href and visible text); in DOCX the
relationship targets (word/_rels/*.rels and other parts' rels), HYPERLINK
field codes (instrText, fldSimple) and the visible text runs, even where
Word split one address over several runs. Parts without a changed link are
copied byte for byte; parts with one are re-serialised by lxml (parsed
without DTDs, entities or network access), so the copy opens wherever the
original did.
"""

from __future__ import annotations

import codecs
import html
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ncnd_check.engine import get_library
from ncnd_check.errors import InputError
from ncnd_check.links.registry import fixed_url, registry
from ncnd_check.outputs import OutputError, check_output, input_ids, write_bytes
from ncnd_check.readers import read_bytes, read_file_bytes
from ncnd_check.readers.decode import utf16_without_bom
from ncnd_check.settings import Settings
from ncnd_check.terminal import printable

# A URL may not continue with these; a final "." or "," is punctuation unless a word follows.
_AFTER = r"(?![\w/%~?#=&+@-])(?!\.\w)(?!,\w)"
_BEFORE = r"(?<![\w/.:@-])"


@dataclass
class FixResult:
    source: str
    output: str
    #: (old address, new address, how many times it was replaced)
    changes: list[tuple[str, str, int]] = field(default_factory=list)
    #: An existing file at ``output`` was replaced.
    replaced: bool = False

    @property
    def count(self) -> int:
        return sum(n for _, _, n in self.changes)


def fixed_path(path: str | os.PathLike) -> Path:
    """NAME.fixed.EXT beside the draft."""
    p = Path(path)
    return p.with_name(f"{p.stem}.fixed{p.suffix}")


def link_fixes(document, library) -> dict[str, str]:
    """old address -> new address, for every link in the draft that --fix would change."""
    reg = registry(library)
    mapping: dict[str, str] = {}
    for link in document.links:
        for candidate in (link.target, link.text):
            url = (candidate or "").strip()
            if not url or url in mapping or not re.match(r"(?i)^(https?://|www\.)\S+$", url):
                continue
            new = fixed_url(url, reg)
            if new and new != url:
                mapping[url] = new
    return mapping


class _Replacer:
    """One pass over a string replacing every old address (longest first) with its new one."""

    def __init__(self, mapping: dict[str, str], escape=None) -> None:
        self.escape = escape or (lambda s: s)
        self.lookup = {self.escape(old): self.escape(new) for old, new in mapping.items()}
        self.originals = {self.escape(old): old for old in mapping}
        self.counts: dict[str, int] = {}
        keys = sorted(self.lookup, key=len, reverse=True)
        self.pattern = re.compile(_BEFORE + "(" + "|".join(re.escape(k) for k in keys) + ")" + _AFTER) if keys else None

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text

        def swap(m: re.Match) -> str:
            old = self.originals[m.group(1)]
            self.counts[old] = self.counts.get(old, 0) + 1
            return self.lookup[m.group(1)]

        return self.pattern.sub(swap, text)


def _decode(data: bytes) -> tuple[str, str, bytes]:
    """(text, codec, BOM) so the copy is written back in the draft's own encoding."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="surrogateescape" if codec == "utf-8" else "strict"), codec, bom
    if b"\x00" in data:
        codec = utf16_without_bom(data)
        if codec:
            return data.decode(codec), codec, b""
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="surrogateescape"), "cp1252", b""


def fix_text_bytes(data: bytes, mapping: dict[str, str], is_html: bool = False) -> tuple[bytes, dict[str, int]]:
    text, codec, bom = _decode(data)
    counts: dict[str, int] = {}
    replacers = [_Replacer(mapping)]
    if is_html:
        # href="...&amp;..." and visible text with entities.
        replacers.append(_Replacer(mapping, escape=lambda s: html.escape(s, quote=False)))
    for r in replacers:
        text = r(text)
        for k, v in r.counts.items():
            counts[k] = counts.get(k, 0) + v
    errors = "surrogateescape" if codec in ("utf-8", "cp1252") else "strict"
    return bom + text.encode(codec, errors=errors), counts


_RELS_TARGET = re.compile(r'(\bTarget=")([^"]*)(")')
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _xml_unescape(s: str) -> str:
    return html.unescape(s) if "&" in s else s


def _xml_escape(s: str, attribute: bool = False) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace('"', "&quot;") if attribute else s


def _parser():
    """Safe like the reader's (no DTD, no entities, no network), but keeps comments and PIs."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _replace_across(nodes, replace: _Replacer) -> bool:
    """Replace addresses in the text of consecutive nodes, even when Word split one over several runs.

    The new address goes into the node where the old one began; the rest of
    the old address is removed from the nodes it ran on into.
    """
    texts = [n.text or "" for n in nodes]
    joined = "".join(texts)
    if replace.pattern is None:
        return False
    matches = list(replace.pattern.finditer(joined))
    if not matches:
        return False
    starts, lengths = [], [len(t) for t in texts]
    pos = 0
    for n in lengths:
        starts.append(pos)
        pos += n

    def locate(offset: int) -> tuple[int, int]:
        """The node holding character ``offset`` of the joined text, and the offset within it."""
        for i, (start, n) in enumerate(zip(starts, lengths)):
            if start <= offset < start + n:
                return i, offset - start
        return len(texts) - 1, offset - starts[-1]

    for m in reversed(matches):
        key = m.group(1)
        new = replace.lookup[key]
        old = replace.originals[key]
        replace.counts[old] = replace.counts.get(old, 0) + 1
        i, ls = locate(m.start(1))
        j, le = locate(m.end(1) - 1)
        le += 1
        if i == j:
            texts[i] = texts[i][:ls] + new + texts[i][le:]
        else:
            texts[i] = texts[i][:ls] + new
            for k in range(i + 1, j):
                texts[k] = ""
            texts[j] = texts[j][le:]
    for node, text in zip(nodes, texts):
        if (node.text or "") != text:
            node.text = text
            if node.tag == f"{{{W_NS}}}t" or node.tag == f"{{{W_NS}}}instrText":
                node.set(XML_SPACE, "preserve")
    return True


def _fix_xml_part(data: bytes, replace: _Replacer) -> bytes | None:
    """Visible text (w:t) and field codes (w:instrText, w:fldSimple/@w:instr) of one part; None if unchanged."""
    from lxml import etree

    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return None
    p_tag = f"{{{W_NS}}}p"
    changed = False

    def own_paragraph(node):
        parent = node.getparent()
        while parent is not None and parent.tag != p_tag:
            parent = parent.getparent()
        return parent

    for p in root.iter(p_tag):
        for tag in ("t", "instrText"):
            nodes = [n for n in p.iter(f"{{{W_NS}}}{tag}") if own_paragraph(n) is p]
            if nodes and _replace_across(nodes, replace):
                changed = True
    instr_attr = f"{{{W_NS}}}instr"
    for field in root.iter(f"{{{W_NS}}}fldSimple"):
        value = field.get(instr_attr) or ""
        new = replace(value)
        if new != value:
            field.set(instr_attr, new)
            changed = True
    if not changed:
        return None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def fix_docx_bytes(data: bytes, mapping: dict[str, str]) -> tuple[bytes, dict[str, int]]:
    """Rewrite link targets, field codes and visible text in every part; copy the rest byte for byte."""
    replace = _Replacer(mapping)

    def rels(text: str) -> str:
        def swap(m: re.Match) -> str:
            plain = _xml_unescape(m.group(2))
            new = replace(plain)
            return m.group(0) if new == plain else m.group(1) + _xml_escape(new, True) + m.group(3)

        return _RELS_TARGET.sub(swap, text)

    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                content = src.read(info)
                name = info.filename
                if mapping and name.endswith(".rels"):
                    try:
                        text = content.decode("utf-8")
                    except UnicodeDecodeError:
                        text = None
                    if text is not None:
                        new = rels(text)
                        if new != text:
                            content = new.encode("utf-8")
                elif mapping and name.startswith("word/") and name.endswith(".xml"):
                    fixed = _fix_xml_part(content, replace)
                    if fixed is not None:
                        content = fixed
                dst.writestr(info, content)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise InputError("unreadable", f"cannot rewrite the DOCX package: {exc}") from None
    return out.getvalue(), dict(replace.counts)


def fix_file(
    path: str | os.PathLike, settings=None, library=None, output: str | os.PathLike | None = None, inputs=()
) -> FixResult:
    """Write a corrected copy of one draft; the draft itself is only read.

    The copy is written with :func:`ncnd_check.outputs.atomic_output`: whole or
    not at all, never through a symbolic link, never over the draft or another
    of ``inputs``; an existing copy is replaced (``FixResult.replaced`` says so).
    A refused or failed copy raises InputError.
    """
    settings = settings or Settings()
    library = library if library is not None else get_library(settings)
    source = Path(path)
    target = Path(output) if output else fixed_path(source)
    ids = input_ids([source, *inputs])
    if _same_file(target, source):
        raise InputError("unsupported", f"--fix-output {target} is the draft itself; the draft is never overwritten")
    try:
        if output:
            target.parent.mkdir(parents=True, exist_ok=True)
        check_output(target, ids)
    except OSError as exc:
        raise InputError("unreadable", f"cannot write {target}: {exc.strerror or exc}") from None
    except OutputError as exc:
        raise InputError("unsupported", exc.message) from None
    data = read_file_bytes(source, settings.max_file_size)
    document = read_bytes(data, str(source), settings=settings)
    mapping = link_fixes(document, library)
    if document.format == "docx":
        new, counts = fix_docx_bytes(data, mapping)
    else:
        new, counts = fix_text_bytes(data, mapping, is_html=document.format == "html")
    try:
        replaced = write_bytes(target, new, ids)
    except OutputError as exc:
        raise InputError("unreadable", exc.message) from None
    changes = [(old, mapping[old], n) for old, n in counts.items() if n]
    return FixResult(source=str(source), output=str(target), changes=changes, replaced=replaced)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def run_fixes(results, settings, fix_output: str | None = None, inputs=()) -> tuple[list[FixResult], bool]:
    """``check --fix``: a corrected copy of each readable file checked; one line each on stderr.

    Returns the copies written and whether any could not be (the caller exits 2).
    """
    import click

    files = [r for r in results if r.error is None and r.path != "<stdin>"]
    if fix_output and len(files) > 1:
        raise click.UsageError("--fix-output names one file, but more than one draft was checked")
    done: list[FixResult] = []
    failed = False
    for r in files:
        try:
            fixed = fix_file(r.path, settings, output=fix_output, inputs=inputs)
        except InputError as exc:
            click.echo(f"ncnd-check: {printable(r.path)}: --fix: {printable(exc.message)}", err=True)
            failed = True
            continue
        done.append(fixed)
        links = "link" if fixed.count == 1 else "links"
        replaced = ", replacing the existing file" if fixed.replaced else ""
        click.echo(f"ncnd-check: {printable(r.path)}: wrote {printable(fixed.output)} ({fixed.count} {links} corrected{replaced})", err=True)
    return done, failed
