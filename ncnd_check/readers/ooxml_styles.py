"""Word styles and numbering, resolved once per document into plain lookups.

A heading in Word is whatever style says so: "heading 1", a custom style
based on it, a localised name ("Überschrift 1", "Titre 1"), or any style with
an outline level. List numbers are not in the text at all; they are computed
from numbering.xml, so the reader keeps simple counters per list and level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Localised names Word and LibreOffice give the heading styles ("<word> <n>").
_HEADING_NAME = re.compile(
    r"^(?:heading|überschrift|berschrift|titre|titolo|título|titulo|kop|rubrik|otsikko|nagłówek|"
    r"заголовок|overskrift|cabeçalho|encabezado|nadpis|címsor|kopregel|rubrica)\s*([1-9])$",
    re.I,
)
_TITLE_NAME = re.compile(r"^(?:title|titel|titre|titolo|título|titulo|tytuł|заголовок|název|otsikko)$", re.I)
_SUBTITLE_NAME = re.compile(r"^(?:subtitle|untertitel|sous-titre|sottotitolo|subtítulo|subtitulo|ondertitel)$", re.I)
_OFF = {"0", "false", "off", "none"}
#: The style kinds the reader looks up (Styles.paragraph and Styles.character).
_USED_KINDS = ("paragraph", "character")


def find_child(el, tag: str):
    """The first child with ``tag``; a plain loop is several times faster than lxml's find()."""
    for c in el:
        if c.tag == tag:
            return c
    return None


def first_child(el, tag: str):
    """The child with ``tag`` if it comes first, as pPr, rPr, tcPr and trPr must."""
    if len(el):
        c = el[0]
        if c.tag == tag:
            return c
    return None


def on_off(el, w: str) -> bool:
    """A WordprocessingML toggle: present means on unless w:val says 0/false/off."""
    if el is None:
        return False
    val = el.get(w + "val")
    return val is None or val.lower() not in _OFF


@dataclass(slots=True)
class StyleInfo:
    name: str
    heading: int | None = None  # 1..9, from name, outline level or basedOn chain
    title: bool = False
    num: tuple[str, int] | None = None  # (numId, ilvl) for list styles
    hidden: str | None = None  # "vanish" / "webHidden" from the style's rPr


@dataclass(slots=True)
class Styles:
    paragraph: dict[str, StyleInfo] = field(default_factory=dict)
    character: dict[str, StyleInfo] = field(default_factory=dict)
    default_paragraph: str | None = None

    def para(self, style_id: str | None) -> StyleInfo | None:
        if style_id is None:
            style_id = self.default_paragraph
        return self.paragraph.get(style_id) if style_id else None


def read_styles(root, w: str) -> Styles:
    """StyleInfo for every paragraph and character style, basedOn chains followed."""
    styles = Styles()
    if root is None:
        return styles
    raw: dict[str, dict] = {}
    style_tag = w + "style"
    for st in root:  # styles are children of w:styles; iter() would walk every run property
        if st.tag != style_tag:
            continue
        sid = st.get(w + "styleId")
        if not sid:
            continue
        kind = st.get(w + "type") or "paragraph"
        if kind not in _USED_KINDS:
            # Table and numbering styles are never looked up, and basedOn never leaves
            # a kind; a template's table styles are most of its styles.xml (100 of
            # python-docx's 164), so skipping them halves the work.
            continue
        # The first child with each tag, in one pass instead of a find_child per tag.
        children: dict[str, object] = {}
        for c in st:
            children.setdefault(c.tag, c)
        name_el = children.get(w + "name")
        name = name_el.get(w + "val") if name_el is not None else sid
        based = children.get(w + "basedOn")
        ppr = children.get(w + "pPr")
        rpr = children.get(w + "rPr")
        outline = num = None
        if ppr is not None:
            ol = find_child(ppr, w + "outlineLvl")
            if ol is not None and (ol.get(w + "val") or "").isdigit():
                outline = int(ol.get(w + "val"))
            npr = find_child(ppr, w + "numPr")
            if npr is not None:
                nid = find_child(npr, w + "numId")
                ilvl = find_child(npr, w + "ilvl")
                if nid is not None:
                    num = (nid.get(w + "val") or "0", int(ilvl.get(w + "val") or 0) if ilvl is not None else 0)
        hidden = None
        if rpr is not None:
            if on_off(find_child(rpr, w + "vanish"), w):
                hidden = "vanish"
            elif on_off(find_child(rpr, w + "webHidden"), w):
                hidden = "webHidden"
        raw[(kind, sid)] = {
            "name": name or sid,
            "sid": sid,
            "based": based.get(w + "val") if based is not None else None,
            "outline": outline,
            "num": num,
            "hidden": hidden,
        }
        if kind == "paragraph" and st.get(w + "default") in ("1", "true", "on"):
            styles.default_paragraph = sid

    memo: dict[tuple, StyleInfo] = {}

    def resolve(kind: str, sid: str, depth: int = 0) -> StyleInfo | None:
        key = (kind, sid)
        if key in memo:
            return memo[key]
        item = raw.get(key)
        if item is None or depth > 20:  # a basedOn loop in a damaged file
            return None
        memo[key] = info = StyleInfo(name=item["name"])
        parent = resolve(kind, item["based"], depth + 1) if item["based"] else None
        m = _HEADING_NAME.match(item["name"].strip()) or _HEADING_NAME.match(item["sid"])
        if m:
            info.heading = int(m.group(1))
        elif item["outline"] is not None:
            info.heading = item["outline"] + 1 if item["outline"] < 9 else None
        elif _TITLE_NAME.match(item["name"].strip()) or item["sid"].lower() == "title":
            info.title = True
        elif _SUBTITLE_NAME.match(item["name"].strip()) or item["sid"].lower() == "subtitle":
            info.heading = 2  # as the HTML reader reads Word's MsoSubtitle
        elif parent is not None:
            info.heading, info.title = parent.heading, parent.title
        info.num = item["num"] or (parent.num if parent else None)
        info.hidden = item["hidden"] or (parent.hidden if parent else None)
        return info

    for kind, sid in raw:
        info = resolve(kind, sid)
        if info is None:
            continue
        if kind == "paragraph":
            styles.paragraph[sid] = info
        elif kind == "character":
            styles.character[sid] = info
    return styles


# ---------------------------------------------------------------- numbering


@dataclass(slots=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


class Numbering:
    """numId -> levels, and the running counters that turn them into labels.

    A list's levels are read the first time a paragraph uses it: templates
    define dozens of lists of nine levels each, and a draft uses one or two,
    so interpreting them all cost more than parsing numbering.xml.
    """

    def __init__(self, root, w: str) -> None:
        self.w = w
        #: numId -> levels, abstractNumId and start overrides, filled by _load on first use.
        self.levels: dict[str, dict[int, Level]] = {}
        self.abstract_of: dict[str, str] = {}
        self.start_override: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        #: The elements, by id; a repeated id: the last one wins.
        self._abstract_els: dict[str, object] = {}
        self._num_els: dict[str, object] = {}
        self._abstract_levels: dict[str, dict[int, Level]] = {}
        if root is None:
            return
        for an in root.findall(w + "abstractNum"):
            self._abstract_els[an.get(w + "abstractNumId") or ""] = an
        for num in root.findall(w + "num"):
            self._num_els[num.get(w + "numId") or ""] = num

    def _load(self, nid: str) -> dict[int, Level] | None:
        """The levels of list ``nid`` (None if numbering.xml has no such list), read once."""
        if nid in self.levels:
            return self.levels[nid]
        num = self._num_els.get(nid)
        if num is None:
            return None
        w = self.w
        aid_el = find_child(num, w + "abstractNumId")
        aid = aid_el.get(w + "val") if aid_el is not None else ""
        if aid not in self._abstract_levels:
            an = self._abstract_els.get(aid)
            self._abstract_levels[aid] = self._levels(an, w) if an is not None else {}
        levels = dict(self._abstract_levels[aid])
        overrides: dict[int, int] = {}
        for ov in num.findall(w + "lvlOverride"):
            ilvl = int(ov.get(w + "ilvl") or 0)
            so = find_child(ov, w + "startOverride")
            if so is not None and (so.get(w + "val") or "").isdigit():
                overrides[ilvl] = int(so.get(w + "val"))
            lvl = find_child(ov, w + "lvl")
            if lvl is not None:
                levels[ilvl] = self._level(lvl, w)
        self.levels[nid] = levels
        self.abstract_of[nid] = aid
        self.start_override[nid] = overrides
        return levels

    @staticmethod
    def _level(lvl, w: str) -> Level:
        out = Level()
        for child, attr in (("numFmt", "fmt"), ("lvlText", "text"), ("start", "start")):
            el = find_child(lvl, w + child)
            if el is not None and el.get(w + "val") is not None:
                val = el.get(w + "val")
                if attr == "start":
                    out.start = int(val) if val.lstrip("-").isdigit() else 1
                else:
                    setattr(out, attr, val)
        return out

    def _levels(self, an, w: str) -> dict[int, Level]:
        levels = {}
        for lvl in an.findall(w + "lvl"):
            ilvl = lvl.get(w + "ilvl") or "0"
            levels[int(ilvl) if ilvl.isdigit() else 0] = self._level(lvl, w)
        return levels

    def exists(self, num_id: str) -> bool:
        return num_id in self._num_els

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter for (list, level) and render its label ("3.", "b)", "•")."""
        levels = self._load(num_id)
        if not levels:
            return None
        key = self.abstract_of.get(num_id) or num_id
        counters = self.counters.setdefault(key, [None] * 10)
        ilvl = max(0, min(ilvl, 9))
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl_no, start in self.start_override.get(num_id, {}).items():
                if 0 <= lvl_no < 10:
                    counters[lvl_no] = start - 1
        lvl = levels.get(ilvl, Level())
        counters[ilvl] = (counters[ilvl] if counters[ilvl] is not None else lvl.start - 1) + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if lvl.fmt == "bullet":
            return _bullet(lvl.text)
        if lvl.fmt == "none":
            return None

        def sub(m: re.Match) -> str:
            n = int(m.group(1)) - 1
            if not 0 <= n < 10:
                return ""
            ref = levels.get(n, Level())
            value = counters[n] if counters[n] is not None else ref.start
            return format_number(value, ref.fmt if n != ilvl else lvl.fmt)

        text = re.sub(r"%([1-9])", sub, lvl.text)
        return text or None


def _bullet(text: str) -> str:
    if not text or any(0xE000 <= ord(c) <= 0xF8FF for c in text):
        return "•"  # Symbol/Wingdings private-use glyphs
    return text


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letters(n)
        return s if fmt == "lowerLetter" else s.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "lowerRoman" else s.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    # Word repeats the letter past z: aa, bb ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)
