"""Build DOCX test fixtures from raw OOXML, so every Word feature can be expressed.

python-docx cannot write tracked changes, comments, hidden text, field codes or
text boxes; this writes the WordprocessingML parts straight into a zip. Helpers
return :class:`Xml` (a ``str`` marked as markup); plain ``str`` arguments are
text and get escaped. Typical use::

    from docx_factory import build_docx, heading, paragraph, run, ins, del_

    data = build_docx(
        heading("Response", 1)
        + paragraph("We can ", ins("neither confirm "), del_("confirm "), "nor deny.")
        + paragraph(hyperlink("the guidance", "https://example.org/g")),
        core={"creator": "J Smith", "lastModifiedBy": "A Reviewer"},
    )

Hyperlinks, headers and footers need relationships: the helpers leave a marker
that :func:`build_docx` turns into a real relationship, so callers never manage
``r:id`` values. The API is stable: other engineers' tests import it.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from html import escape as _escape
from typing import Iterable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'mc:Ignorable="w14"'
)

DEFAULT_DATE = "2025-01-15T10:00:00Z"
DEFAULT_AUTHOR = "A Reviewer"

_ids = itertools.count(100)
_LINK_MARK = re.compile(r'r:id="@@LINK:([^"]*)@@"')


class Xml(str):
    """A string that is already WordprocessingML markup (not to be escaped)."""

    def __add__(self, other: str) -> "Xml":
        # Concatenation joins markup; text goes through the helpers' arguments.
        return Xml(str(self) + str(other))

    def __radd__(self, other: str) -> "Xml":
        return Xml(str(other) + str(self))


def esc(text: str) -> str:
    return _escape(text, quote=True)


def _as_xml(item) -> str:
    """Markup stays markup; plain text becomes one run."""
    if isinstance(item, Xml):
        return str(item)
    if isinstance(item, str):
        return str(run(item)) if item else ""
    if isinstance(item, Iterable):
        return "".join(_as_xml(i) for i in item)
    raise TypeError(f"cannot put {type(item).__name__} into a paragraph")


def _text_content(text: str, tag: str = "w:t") -> str:
    """Text with \\n as a line break and \\t as a tab, as Word stores them."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<{tag} xml:space="preserve">{esc(piece)}</{tag}>')
    return "".join(out)


# ---------------------------------------------------------------- runs


def run(
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    hidden: bool = False,
    web_hidden: bool = False,
    highlight: str | None = None,
    shading: str | None = None,
    style: str | None = None,
    rpr: str = "",
    deleted: bool = False,
) -> Xml:
    """One run. ``hidden`` sets w:vanish, ``highlight`` a colour ("yellow")."""
    props = []
    if style:
        props.append(f'<w:rStyle w:val="{esc(style)}"/>')
    if bold:
        props.append("<w:b/>")
    if italic:
        props.append("<w:i/>")
    if hidden:
        props.append("<w:vanish/>")
    if web_hidden:
        props.append("<w:webHidden/>")
    if highlight:
        props.append(f'<w:highlight w:val="{esc(highlight)}"/>')
    if shading:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{esc(shading)}"/>')
    props.append(rpr)
    ppr = "".join(props)
    body = _text_content(text, "w:delText" if deleted else "w:t")
    return Xml(f"<w:r>{f'<w:rPr>{ppr}</w:rPr>' if ppr else ''}{body}</w:r>")


def symbol(char_hex: str, font: str = "Symbol") -> Xml:
    """A w:sym run (e.g. symbol("F0E0", "Wingdings"))."""
    return Xml(f'<w:r><w:sym w:font="{esc(font)}" w:char="{esc(char_hex)}"/></w:r>')


def tab() -> Xml:
    return Xml("<w:r><w:tab/></w:r>")


def line_break() -> Xml:
    return Xml("<w:r><w:br/></w:r>")


def page_break() -> Xml:
    return Xml('<w:r><w:br w:type="page"/></w:r>')


def no_break_hyphen() -> Xml:
    return Xml("<w:r><w:noBreakHyphen/></w:r>")


def soft_hyphen() -> Xml:
    return Xml("<w:r><w:softHyphen/></w:r>")


# ---------------------------------------------------------------- tracked changes


def _rev_attrs(author: str | None, date: str | None) -> str:
    attrs = f'w:id="{next(_ids)}"'
    if author is not None:
        attrs += f' w:author="{esc(author)}"'
    if date is not None:
        attrs += f' w:date="{esc(date)}"'
    return attrs


def ins(text: str = "", *, runs: str | None = None, author: str | None = DEFAULT_AUTHOR, date: str | None = DEFAULT_DATE) -> Xml:
    """A tracked insertion (text, or ``runs`` markup)."""
    return Xml(f"<w:ins {_rev_attrs(author, date)}>{runs if runs is not None else run(text)}</w:ins>")


def del_(text: str = "", *, author: str | None = DEFAULT_AUTHOR, date: str | None = DEFAULT_DATE) -> Xml:
    """A tracked deletion: the text is stored as w:delText."""
    return Xml(f"<w:del {_rev_attrs(author, date)}>{run(text, deleted=True)}</w:del>")


def move_from(text: str, *, author: str | None = DEFAULT_AUTHOR, date: str | None = DEFAULT_DATE) -> Xml:
    return Xml(f"<w:moveFrom {_rev_attrs(author, date)}>{run(text, deleted=True)}</w:moveFrom>")


def move_to(text: str, *, author: str | None = DEFAULT_AUTHOR, date: str | None = DEFAULT_DATE) -> Xml:
    return Xml(f"<w:moveTo {_rev_attrs(author, date)}>{run(text)}</w:moveTo>")


def format_change(text: str, *, author: str | None = DEFAULT_AUTHOR, date: str | None = DEFAULT_DATE) -> Xml:
    """A bold run whose tracked property change says it used to be plain."""
    return run(text, bold=True, rpr=f"<w:rPrChange {_rev_attrs(author, date)}><w:rPr/></w:rPrChange>")


def inserted_paragraph_mark(author: str = DEFAULT_AUTHOR, date: str = DEFAULT_DATE) -> str:
    """pPr content marking the paragraph mark itself as inserted (pass as ``ppr``)."""
    return f"<w:rPr><w:ins {_rev_attrs(author, date)}/></w:rPr>"


# ---------------------------------------------------------------- links and fields


def hyperlink(text: str, url: str, *, anchor: str | None = None, style: str | None = "Hyperlink") -> Xml:
    """A w:hyperlink with a relationship to ``url`` (made by build_docx)."""
    runs = run(text, style=style)
    anchor_attr = f' w:anchor="{esc(anchor)}"' if anchor else ""
    if not url:
        return Xml(f"<w:hyperlink{anchor_attr}>{runs}</w:hyperlink>")
    return Xml(f'<w:hyperlink r:id="@@LINK:{esc(url)}@@"{anchor_attr}>{runs}</w:hyperlink>')


def field_link(text: str, url: str, *, simple: bool = False, switches: str = "") -> Xml:
    """A HYPERLINK field: fldSimple, or the begin/instrText/separate/end form."""
    instr = f' HYPERLINK "{url}" {switches}'.rstrip() + " "
    if simple:
        return Xml(f'<w:fldSimple w:instr="{esc(instr)}">{run(text, style="Hyperlink")}</w:fldSimple>')
    return Xml(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{esc(instr)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(text, style='Hyperlink')}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def field(instr: str, result: str = "") -> Xml:
    """Any complex field (PAGE, REF, DATE ...) with its shown result."""
    return Xml(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result) if result else ''}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


# ---------------------------------------------------------------- paragraphs


def paragraph(*content, style: str | None = None, ppr: str = "", num: tuple[int, int] | None = None) -> Xml:
    """A w:p. ``content``: plain text or markup from the other helpers.

    ``num`` = (num_id, ilvl) adds list numbering; ``ppr`` is extra pPr markup.
    """
    props = ""
    if style:
        props += f'<w:pStyle w:val="{esc(style)}"/>'
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    return Xml(f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{_as_xml(content)}</w:p>")


def heading(text, level: int = 1) -> Xml:
    """A heading by style (Heading1..9); level 0 is the Title style."""
    return paragraph(text, style="Title" if level == 0 else f"Heading{level}")


def list_item(text, level: int = 0, num_id: int = 1) -> Xml:
    """A numbered (num_id 1: 1. a) i.) or bulleted (num_id 2) list item."""
    return paragraph(text, style="ListParagraph", num=(num_id, level))


def outline_paragraph(text, level: int) -> Xml:
    """A paragraph that is a heading only by its outline level (0-based in XML)."""
    return paragraph(text, ppr=f'<w:outlineLvl w:val="{level - 1}"/>')


# ---------------------------------------------------------------- tables


def cell(*content, span: int = 1, vmerge: str | None = None) -> Xml:
    """A table cell; ``span`` = gridSpan, ``vmerge`` = "restart" or "continue"."""
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge:
        props += "<w:vMerge/>"
    inner = ""
    for item in content or ("",):
        if isinstance(item, Xml) and (item.startswith("<w:p") or item.startswith("<w:tbl") or item.startswith("<w:sdt")):
            inner += item
        else:
            inner += paragraph(item)
    if not inner.rstrip().endswith("</w:p>"):
        inner += "<w:p/>"  # Word requires a paragraph last in a cell
    return Xml(f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{inner}</w:tc>")


def table(rows: list[list]) -> Xml:
    """A w:tbl; each cell is text, paragraph/table markup, or a :func:`cell`."""
    width = max((len(r) for r in rows), default=0)
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(width))
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for row in rows:
        out.append("<w:tr>")
        for c in row:
            out.append(c if isinstance(c, Xml) and c.startswith("<w:tc") else cell(c))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return Xml("".join(out))


# ---------------------------------------------------------------- wrappers


def textbox(*paragraphs, alternate: bool = True) -> Xml:
    """A run holding a text box: mc:AlternateContent with a DrawingML choice and a
    VML fallback (both hold the same text, as Word writes them), or VML only."""
    inner = "".join(p if isinstance(p, Xml) else paragraph(p) for p in paragraphs)
    vml = f'<w:pict><v:shape id="tb{next(_ids)}"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>'
    if not alternate:
        return Xml(f"<w:r>{vml}</w:r>")
    dml = (
        '<w:drawing><wp:anchor><wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
        f"<w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    return Xml(
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{dml}</mc:Choice>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def sdt(*content, placeholder: bool = False, block: bool = False, tag: str | None = None) -> Xml:
    """A content control around runs (or paragraphs when ``block``)."""
    props = ""
    if tag:
        props += f'<w:tag w:val="{esc(tag)}"/>'
    if placeholder:
        props += '<w:placeholder><w:docPart w:val="DefaultPlaceholder"/></w:placeholder><w:showingPlcHdr/>'
    inner = "".join(str(c) if isinstance(c, Xml) else (paragraph(c) if block else run(c)) for c in content)
    return Xml(f"<w:sdt><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>")


def smart_tag(text: str) -> Xml:
    return Xml(f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">{run(text)}</w:smartTag>')


def custom_xml(*content) -> Xml:
    return Xml(f'<w:customXml w:element="field">{_as_xml(content)}</w:customXml>')


def bookmark(name: str, *content) -> Xml:
    bid = next(_ids)
    return Xml(f'<w:bookmarkStart w:id="{bid}" w:name="{esc(name)}"/>{_as_xml(content)}<w:bookmarkEnd w:id="{bid}"/>')


# ---------------------------------------------------------------- notes and comments


def footnote_ref(note_id: int) -> Xml:
    return Xml(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>')


def endnote_ref(note_id: int) -> Xml:
    return Xml(f'<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="{note_id}"/></w:r>')


def commented(text, comment_id: int) -> Xml:
    """Text anchored to comment ``comment_id`` (give the comment to build_docx)."""
    return Xml(
        f'<w:commentRangeStart w:id="{comment_id}"/>{_as_xml(text)}<w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{comment_id}"/></w:r>'
    )


def _notes_xml(kind: str, notes: dict[int, str] | str) -> str:
    if isinstance(notes, str):
        return notes
    tag = kind[:-1]  # footnotes -> footnote
    body = [
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>',
    ]
    for nid, content in notes.items():
        ref = f'<w:r><w:rPr><w:rStyle w:val="{tag.capitalize()}Reference"/></w:rPr><w:{tag}Ref/></w:r>'
        paras = content if isinstance(content, Xml) and content.startswith("<w:p") else paragraph(Xml(ref), " ", content)
        body.append(f'<w:{tag} w:id="{nid}">{paras}</w:{tag}>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} {NAMESPACES}>{"".join(body)}</w:{kind}>'


def _comments_xml(comments) -> str:
    if isinstance(comments, str):
        return comments
    out = []
    for c in comments:
        if isinstance(c, dict):
            cid, author, date, text = c["id"], c.get("author", DEFAULT_AUTHOR), c.get("date", DEFAULT_DATE), c.get("text", "")
            initials = c.get("initials", "AR")
        else:
            cid, author, text = c[0], c[1], c[2]
            date, initials = DEFAULT_DATE, "AR"
        paras = text if isinstance(text, Xml) and text.startswith("<w:p") else paragraph(text)
        out.append(
            f'<w:comment w:id="{cid}" w:author="{esc(author)}" w:date="{esc(date)}" w:initials="{esc(initials)}">{paras}</w:comment>'
        )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {NAMESPACES}>{"".join(out)}</w:comments>'


def _hdr_ftr_xml(kind: str, content) -> str:
    if isinstance(content, str) and content.lstrip().startswith("<?xml"):
        return content
    paras = content if isinstance(content, Xml) and content.startswith("<w:") else paragraph(content)
    tag = "hdr" if kind == "header" else "ftr"
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{tag} {NAMESPACES}>{paras}</w:{tag}>'


# ---------------------------------------------------------------- styles and numbering


def _style(sid: str, name: str, *, kind: str = "paragraph", based_on: str | None = None, outline: int | None = None, extra: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    ppr = f'<w:pPr><w:outlineLvl w:val="{outline}"/></w:pPr>' if outline is not None else ""
    return f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{esc(name)}"/>{based}{ppr}{extra}</w:style>'


def style(sid: str, name: str | None = None, *, kind: str = "paragraph", based_on: str | None = None, outline: int | None = None, rpr: str = "") -> str:
    """One w:style element to pass in ``extra_styles`` (e.g. a custom heading)."""
    return _style(sid, name or sid, kind=kind, based_on=based_on, outline=outline, extra=f"<w:rPr>{rpr}</w:rPr>" if rpr else "")


def styles_xml(extra_styles: Iterable[str] = (), *, heading_names: str = "heading {n}", title_name: str = "Title") -> str:
    """A Word-like styles.xml: Normal, Heading1-9 (with outline levels), Title, lists, links."""
    parts = [_style("Normal", "Normal")]
    for n in range(1, 10):
        parts.append(_style(f"Heading{n}", heading_names.format(n=n), based_on="Normal", outline=n - 1))
    parts += [
        _style("Title", title_name, based_on="Normal"),
        _style("ListParagraph", "List Paragraph", based_on="Normal"),
        _style("Hyperlink", "Hyperlink", kind="character", extra='<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>'),
        _style("FootnoteReference", "footnote reference", kind="character"),
        _style("CommentReference", "annotation reference", kind="character"),
        _style("TableGrid", "Table Grid", kind="table"),
    ]
    parts.extend(extra_styles)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {NAMESPACES}>{"".join(parts)}</w:styles>'


def numbering_xml() -> str:
    """numId 1: decimal "1." / lowerLetter "a)" / lowerRoman "i."; numId 2: bullets."""
    fmts = [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3.")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>'
        for i, (f, t) in enumerate(fmts * 3)
    )
    bullets = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{b}"/></w:lvl>'
        for i, b in enumerate("•o▪" * 3)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {NAMESPACES}>'
        f'<w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="1">{bullets}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )


# ---------------------------------------------------------------- properties


def core_xml(props: dict[str, str]) -> str:
    """docProps/core.xml from lower-camel names (creator, lastModifiedBy, title, created ...)."""
    where = {
        "title": "dc", "subject": "dc", "creator": "dc", "description": "dc",
        "keywords": "cp", "lastModifiedBy": "cp", "revision": "cp", "category": "cp",
        "lastPrinted": "cp", "contentStatus": "cp",
        "created": "dcterms", "modified": "dcterms",
    }
    out = []
    for key, value in props.items():
        prefix = where.get(key, "cp")
        typ = ' xsi:type="dcterms:W3CDTF"' if prefix == "dcterms" else ""
        out.append(f"<{prefix}:{key}{typ}>{esc(str(value))}</{prefix}:{key}>")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{''.join(out)}</cp:coreProperties>"
    )


def app_xml(props: dict[str, str]) -> str:
    """docProps/app.xml from the XML names (Company, Template, Manager, Application ...)."""
    out = "".join(f"<{k}>{esc(str(v))}</{k}>" for k, v in props.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{out}</Properties>'
    )


# ---------------------------------------------------------------- the package


def _rels_xml(rels: list[tuple[str, str, str, bool]]) -> str:
    out = []
    for rid, rtype, target, external in rels:
        mode = ' TargetMode="External"' if external else ""
        full_type = rtype if "://" in rtype else REL_TYPE + rtype
        out.append(f'<Relationship Id="{rid}" Type="{full_type}" Target="{esc(target)}"{mode}/>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_RELS_NS}">{"".join(out)}</Relationships>'


_CT = {
    "document": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}


def build_docx(
    body_xml: str,
    *,
    styles: str | bool | None = True,
    extra_styles: Iterable[str] = (),
    numbering: str | bool | None = True,
    rels: list[tuple[str, str, str, bool]] | None = None,
    core: dict[str, str] | None = None,
    app: dict[str, str] | None = None,
    comments=None,
    footnotes: dict[int, str] | str | None = None,
    endnotes: dict[int, str] | str | None = None,
    headers: list | None = None,
    footers: list | None = None,
    extra_parts: dict[str, bytes | str] | None = None,
    document_name: str = "word/document.xml",
    prefix: str = "w",
    document_xml: str | None = None,
) -> bytes:
    """A complete .docx (bytes) whose body is ``body_xml``.

    - ``styles``: True for :func:`styles_xml` (plus ``extra_styles``), a string for
      your own styles.xml, False/None to leave the part out (same for ``numbering``).
    - ``rels``: extra (rId, type, target, external) document relationships; the
      type may be short ("hyperlink") or a full URI.
    - ``core`` / ``app``: docProps values, e.g. {"creator": ..} / {"Company": ..}.
    - ``comments``: [{"id", "author", "date", "text"}] or raw comments.xml.
    - ``footnotes`` / ``endnotes``: {id: text} or raw XML.
    - ``headers`` / ``footers``: a list of text or paragraph markup, one per part.
    - ``extra_parts``: name -> content written as-is (overrides anything above).
    - ``document_name``: where the main part lives (found via _rels/.rels).
    - ``prefix``: write the main part with another prefix for the w namespace ("ns0").
    - ``document_xml``: the whole main part verbatim (body_xml is then ignored).
    """
    doc_rels: list[tuple[str, str, str, bool]] = list(rels or [])
    ct_overrides: dict[str, str] = {}
    parts: dict[str, bytes | str] = {}
    word_dir = document_name.rsplit("/", 1)[0] if "/" in document_name else ""
    counter = itertools.count(1)

    def add_part(short: str, name: str, content: str, ct_key: str) -> str:
        rid = f"rIdF{next(counter)}"
        parts[f"{word_dir}/{name}" if word_dir else name] = content
        ct_overrides["/" + (f"{word_dir}/{name}" if word_dir else name)] = _CT[ct_key]
        doc_rels.append((rid, short, name, False))
        return rid

    if styles:
        add_part("styles", "styles.xml", styles if isinstance(styles, str) else styles_xml(extra_styles), "styles")
    if numbering:
        add_part("numbering", "numbering.xml", numbering if isinstance(numbering, str) else numbering_xml(), "numbering")
    if comments is not None:
        add_part("comments", "comments.xml", _comments_xml(comments), "comments")
    if footnotes is not None:
        add_part("footnotes", "footnotes.xml", _notes_xml("footnotes", footnotes), "footnotes")
    if endnotes is not None:
        add_part("endnotes", "endnotes.xml", _notes_xml("endnotes", endnotes), "endnotes")
    sect = []
    for i, content in enumerate(headers or [], 1):
        rid = add_part("header", f"header{i}.xml", _hdr_ftr_xml("header", content), "header")
        sect.append(f'<w:headerReference w:type="{"default" if i == 1 else "first"}" r:id="{rid}"/>')
    for i, content in enumerate(footers or [], 1):
        rid = add_part("footer", f"footer{i}.xml", _hdr_ftr_xml("footer", content), "footer")
        sect.append(f'<w:footerReference w:type="{"default" if i == 1 else "first"}" r:id="{rid}"/>')

    def link_replacer(rel_list: list) -> "object":
        """Turn hyperlink markers into relationships of the part that holds them."""
        ids: dict[str, str] = {}

        def link_rel(m: re.Match) -> str:
            from html import unescape

            url = m.group(1)
            if url not in ids:
                ids[url] = f"rIdL{len(ids) + 1}"
                rel_list.append((ids[url], "hyperlink", unescape(url), True))
            return f'r:id="{ids[url]}"'

        return link_rel

    link_rel = link_replacer(doc_rels)

    if document_xml is None:
        body = _LINK_MARK.sub(link_rel, str(body_xml))
        sect_pr = f'<w:sectPr>{"".join(sect)}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
        document_xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:document {NAMESPACES}><w:body>{body}{sect_pr}</w:body></w:document>"
        )
        if prefix != "w":
            document_xml = re.sub(r"(</?|\s)w:", rf"\g<1>{prefix}:", document_xml).replace(
                f'xmlns:w="{W_NS}"', f'xmlns:{prefix}="{W_NS}"'
            )
    # Hyperlinks in notes, headers and footers: relationships of their own part.
    for name, content in list(parts.items()):
        if isinstance(content, str) and "@@LINK:" in content:
            part_rels: list = []
            parts[name] = _LINK_MARK.sub(link_replacer(part_rels), content)
            folder, base = name.rsplit("/", 1) if "/" in name else ("", name)
            parts[f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"] = _rels_xml(part_rels)
    parts[document_name] = document_xml
    ct_overrides["/" + document_name] = _CT["document"]

    rels_name = f"{word_dir}/_rels/{document_name.rsplit('/', 1)[-1]}.rels" if word_dir else f"_rels/{document_name}.rels"
    parts[rels_name] = _rels_xml(doc_rels)

    pkg_rels = [("rId1", "officeDocument", document_name, False)]
    if core is not None:
        parts["docProps/core.xml"] = core_xml(core)
        ct_overrides["/docProps/core.xml"] = _CT["core"]
        pkg_rels.append(("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml", False))
    if app is not None:
        parts["docProps/app.xml"] = app_xml(app)
        ct_overrides["/docProps/app.xml"] = _CT["app"]
        pkg_rels.append(("rId3", "extended-properties", "docProps/app.xml", False))
    parts["_rels/.rels"] = _rels_xml(pkg_rels)

    overrides = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in ct_overrides.items())
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )
    parts.update(extra_parts or {})

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


def write_docx(path, body_xml: str, **kwargs) -> "object":
    """build_docx and write it to ``path`` (a str or Path); returns the path."""
    from pathlib import Path

    p = Path(path)
    p.write_bytes(build_docx(body_xml, **kwargs))
    return p


def zip_parts(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip holding exactly ``parts`` (for broken and hostile packages)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


def docx_parts(data: bytes) -> dict[str, bytes]:
    """Every part of a .docx, to tamper with and re-zip with :func:`zip_parts`."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


# ---------------------------------------------------------------- OLE compound files


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (CFB v3) holding ``streams`` at the root.

    olefile cannot write, so this lays the sectors out by hand: one FAT
    sector, one directory sector (so at most three streams) and each stream
    padded to 4096 bytes so it lives in ordinary sectors, not the mini stream.
    Enough for "legacy .doc" (a WordDocument stream) and "encrypted DOCX"
    (EncryptionInfo + EncryptedPackage) fixtures.
    """
    import struct

    if len(streams) > 3:
        raise ValueError("ole_file holds at most three streams")
    free, end, fat_sect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    sector = 512
    per_stream = 8  # 4096 bytes each
    fat = [fat_sect, end]
    starts = []
    for _ in streams:
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + per_stream))
        fat.append(end)
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", nostream, right, child)
            + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, 1 if names else nostream, nostream, end, 0)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else nostream
        directory += entry(name, 2, nostream, right, starts[i], 4096)
    while len(directory) < sector:
        directory += b"\x00" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", nostream, nostream, nostream) + b"\x00" * 48

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0) + struct.pack("<I", free) * 108
    )
    body = struct.pack("<128I", *fat) + directory
    for data in streams.values():
        body += data[:4096].ljust(4096, b"\x00")
    return header + body
