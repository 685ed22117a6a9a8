"""Find every FOIA provision a draft cites, normalised to ids such as ``s24(2)``.

spaCy Matcher patterns find where a citation starts, over tokens from the one
pipeline (:mod:`ncnd_check.analysis.nlp`), whose tokenizer keeps ``24(2)`` and
``s.24(2)`` whole. From each start a short walk takes in what follows: a
spaced subsection (``section 24 (2)``), a list (``sections 23(5), 24(2) and
30(3)``, ``ss.23(5) & 24(2)``, ``24(2)/31(3)``, ``subsections 24(1) and (2)``),
the title written beside it (``Section 24(2) - National Security``) and the
name of the Act. A list that belongs to another enactment (``sections 23 and
24 of the Data Protection Act 2018``, ``s.19 RIPA``) is dropped whole.

Offsets are into ``Block.norm``; the text is tokenized only for blocks that
hold a digit, and the Matcher is built once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ncnd_check import law
from ncnd_check.analysis.model import Citation
from ncnd_check.analysis.nlp import ATTACHED_PREFIX, get_nlp, make_doc
from ncnd_check.normalise import normalise_for_matching

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Token

    from ncnd_check.document import Block, Document

__all__ = [
    "find_citations", "find_in_text", "citations_in_doc", "has_digit",
    "exemption_ids", "cited_ids", "referred_only", "relied_citations",
]

# --------------------------------------------------------------------------- token shapes

_PART = r"\((?:\d{1,3}[A-Za-z]{0,2}|[A-Za-z]{1,4})\)"
_NUMBER = rf"\d{{1,3}}[A-Za-z]?(?:{_PART})*"
_PIECE = rf"(?:{ATTACHED_PREFIX}?{_NUMBER}|(?:{_PART})+)"
#: A number token after a prefix word: 24, 24(2), 40(5B)(a)(i), 24(2)/31(3), 40(5)/(5B).
NUMBER_TOKEN = rf"^{_NUMBER}(?:/{_PIECE})*$"
#: A number token with a subsection, for citations written with no prefix at all.
NUMBER_WITH_PART_TOKEN = rf"^\d{{1,3}}[A-Za-z]?(?:{_PART})+(?:/{_PIECE})*$"
#: A prefix written against the number: s24(2), s.24(2), S31(3)(a), ss.23(5), S24, Section31(3).
ATTACHED_TOKEN = rf"^{ATTACHED_PREFIX}{_NUMBER}(?:/{_PIECE})*$"
#: Bracket groups alone: (2), (5B)(a)(i) - a subsection of the section just named.
BRACKETS_TOKEN = rf"^(?:{_PART})+$"
#: Words that introduce a section number (matched on the lower-cased token).
PREFIX_WORDS = frozenset({
    "section", "sections", "sec", "sec.", "secs", "secs.", "sect", "sect.", "sects", "sects.",
    "s", "s.", "ss", "ss.", "section(s)", "sections(s)", "\u00a7", "\u00a7\u00a7",
    "subsection", "subsections", "sub-section", "sub-sections", "subs", "subs.", "sub", "sub.",
})
#: Single-letter prefixes that could be an initial: they need a subsection after them.
_WEAK_PREFIXES = frozenset({"s", "s."})
#: "subsections 24(1) and (2)" names a section; "subsection 2" alone is a subsection
#: of something else, not section 2.
_SUBSECTION_PREFIXES = frozenset({
    "subsection", "subsections", "sub-section", "sub-sections", "subs", "subs.", "sub", "sub.",
})
#: "Section 24, subsection (2)": the subsection written out after the section.
_SUBSECTION_WORDS = frozenset({"subsection", "sub-section", "subs.", "subsec", "subsec.", "ss."})

_NUMBER_RE = re.compile(NUMBER_TOKEN)
_ATTACHED_RE = re.compile(ATTACHED_TOKEN)
_BRACKETS_RE = re.compile(BRACKETS_TOKEN)
_PIECE_SPLIT = re.compile(r"/")
_LEADING_PREFIX = re.compile(rf"^{ATTACHED_PREFIX}")
_PART_RE = re.compile(r"\(([0-9A-Za-z]{1,4})\)")
_SUBSECTION_TEXT = re.compile(r"^(?:\d{1,3}[A-Za-z]{0,2}|[a-z]{1,2}|[ivx]{1,5})$")

#: Words that join the items of a list of citations.
_SEPARATORS = frozenset({",", "and", "&", "/", "or", "and/or", "plus"})
#: Words right before a bare "24(2)" that make it a citation with no prefix.
_CONTEXT_WORDS = frozenset({"exemption", "exemptions", "foia", "foi", "under", "per"})
#: What may stand between a citation and its title.
_TITLE_LEADS = frozenset({"-", "--", ":", "(", "\u2013", "\u2014", "\u2012"})
#: Nouns that end the name of an enactment.
_ENACTMENT_NOUNS = frozenset({
    "act", "acts", "regulations", "regulation", "convention", "order", "code", "rules",
    "bill", "measure", "directive", "charter", "protocol",
})
#: Words after "section 5" that make it a part of the letter ("see section 5 below").
_LETTER_POINTERS = frozenset({"above", "below", "overleaf", "hereafter"})
_LETTER_NOUNS = frozenset({
    "letter", "response", "email", "e-mail", "document", "notice", "report", "policy",
    "guidance", "annex", "appendix", "template", "form", "manual", "procedure", "request",
})
#: Words that make "21 to 44" a range.
_RANGE_WORDS = frozenset({"to", "-", "\u2013", "\u2014"})
#: Lower-case words that may sit inside the name of an enactment.
_NAME_JOINERS = frozenset({"of", "and", "the", "for", "on", "&", "(", ")", "to", "in"})
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
#: The second half of a UK postcode ("2AB" in "S1 2AB").
_POSTCODE_INWARD = re.compile(r"^\d[A-Za-z]{2}[,.]?$")
_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """``any(ch.isdigit() for ch in text)``, without a Python step per character.

    In ASCII text str.isdigit and ``[0-9]`` both mean 0-9, so one regex search
    answers; other text keeps the exact test (isdigit also takes "²").
    """
    if text.isascii():
        return _DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


def _doc_text(doc: "Doc") -> str:
    """``Doc.text`` from the token strings and their trailing-space flags (no Token objects)."""
    from spacy.attrs import ORTH, SPACY

    strings = doc.vocab.strings
    return "".join(strings[orth] + " " if space else strings[orth] for orth, space in doc.to_array([ORTH, SPACY]).tolist())


# --------------------------------------------------------------------------- the matcher


@cache
def _matcher():
    """The Matcher over the shared vocabulary, built once per process."""
    from spacy.matcher import Matcher

    matcher = Matcher(get_nlp().vocab)
    # The first token of each pattern is tested on every token, so keep those tests
    # cheap: a set look-up for prefix words, one regex for numbers that stand alone.
    matcher.add("PREFIXED", [[{"LOWER": {"IN": sorted(PREFIX_WORDS)}}, {"TEXT": {"REGEX": NUMBER_TOKEN}}]])
    matcher.add("NUMBER", [[{"TEXT": {"REGEX": f"{ATTACHED_TOKEN}|{NUMBER_WITH_PART_TOKEN}"}}]])
    return matcher


# --------------------------------------------------------------------------- items


@dataclass(slots=True)
class _Item:
    """One provision found while walking: its section, parts and character span."""

    section: str
    parts: list[str]
    start: int
    end: int
    title: str | None = None

    def citation(self, text: str, block: int, prefix_start: int | None = None) -> Citation:
        start = self.start if prefix_start is None else prefix_start
        parsed = law.ParsedId(section=self.section, parts=tuple(self.parts))
        return Citation(
            id=parsed.id,
            full=parsed.full,
            section=self.section,
            subsection=parsed.subsection,
            text=text[start:self.end],
            block=block,
            start=start,
            end=self.end,
            title=self.title,
        )


def _norm_parts(raw: list[str], first: bool) -> list[str]:
    out = []
    for i, part in enumerate(raw):
        is_sub = first and i == 0 and part[:1].isdigit()
        out.append(part.upper() if is_sub else part.lower())
    return out


def _items_from_token(token: "Token", previous: _Item | None) -> list[_Item]:
    """Parse one number token (``24(2)``, ``s.24(2)/31(3)``, ``(5B)(a)``) into items."""
    items: list[_Item] = []
    offset = token.idx
    for piece in _PIECE_SPLIT.split(token.text):
        start, end = offset, offset + len(piece)
        offset = end + 1
        # The prefix of "s.24(2)" stays inside the span; only the number is parsed.
        body = _LEADING_PREFIX.sub("", piece) if piece[:1] in "sS" else piece
        if body.startswith("("):
            base = items[-1] if items else previous
            if base is None:
                continue
            raw = _PART_RE.findall(body)
            # "(2)" after "24(1)": a sibling subsection; "(a)" after "31(1)": the same one.
            if raw and raw[0][:1].isdigit():
                parts = _norm_parts(raw, first=True)
            else:
                parts = base.parts[:1] + _norm_parts(raw, first=False)
            items.append(_Item(base.section, parts, start, end))
            continue
        m = re.match(r"(\d{1,3})([A-Za-z]?)", body)
        if not m:
            continue
        section = str(int(m.group(1))) + m.group(2).upper()
        raw = _PART_RE.findall(body[m.end():])
        items.append(_Item(section, _norm_parts(raw, first=True), start, end))
    return items


def _spaced_brackets(doc: "Doc", j: int) -> tuple[list[str], int, int] | None:
    """``24 (2)``: a subsection written after a space, as "(2)" or "(", "2", ")"."""
    if j < len(doc) and _BRACKETS_RE.match(doc[j].text):
        return _PART_RE.findall(doc[j].text), j + 1, doc[j].idx + len(doc[j].text)
    if (
        j + 2 < len(doc)
        and doc[j].text == "("
        and doc[j + 2].text == ")"
        and _SUBSECTION_TEXT.match(doc[j + 1].text)
    ):
        return [doc[j + 1].text], j + 3, doc[j + 2].idx + 1
    return None


# --------------------------------------------------------------------------- titles


@cache
def _title_patterns(section: str) -> tuple[re.Pattern, ...]:
    """Each title of a section as a loose pattern: case, commas and spacing ignored."""
    out = []
    for title in law.titles(section):
        words = re.findall(r"[A-Za-z0-9]+", title.replace("&", " and "))
        if not words:
            continue
        joined = r"[\s,.\-]+".join(
            r"(?:and|&)" if w.lower() == "and" else re.escape(w) for w in words
        )
        out.append(re.compile(rf"{joined}\b", re.IGNORECASE))
    return tuple(out)


def _title_after(doc: "Doc", text: str, j: int, section: str) -> tuple[str, int] | None:
    """The section's title written at token ``j`` (after an optional dash or colon)."""
    k = j
    while k < len(doc) and doc[k].text in _TITLE_LEADS and k - j < 2:
        k += 1
    if k >= len(doc):
        return None
    start = doc[k].idx
    for pattern in _title_patterns(section):
        m = pattern.match(text, start)
        if m:
            end = m.end()
            # Take the closing bracket of "(National Security)" too.
            nxt = k
            while nxt < len(doc) and doc[nxt].idx < end:
                nxt += 1
            if doc[j].text == "(" and nxt < len(doc) and doc[nxt].text == ")":
                nxt += 1
            return text[start:end], nxt
    return None


# --------------------------------------------------------------------------- other Acts


def _act_name_is_foia(words: list[str]) -> bool:
    """Whether the words before "Act" name FOIA: "", "Freedom of Information", "2000"."""
    vocab = law.citation_vocabulary()
    name = " ".join(w for w in words if w != "the").strip()
    if name in ("", "2000", "this", "said", "above", "same"):
        return True
    if name.startswith("freedom of information"):
        # FOISA 2002 numbers its sections differently: not this Act.
        return "scotland" not in name
    return name in vocab.foia_names


def _other_act_after(doc: "Doc", j: int) -> bool:
    """Whether the words after a citation name another enactment.

    "of the Data Protection Act 2018", "under the Police Act 1996", "RIPA",
    "UK GDPR", "Police Act 1996" (no "of"), "of the EIR" - but not "of the
    Act", "of the FOIA" or "of the Freedom of Information Act 2000".
    """
    vocab = law.citation_vocabulary()
    n = len(doc)
    if j >= n:
        return False
    low = doc[j].lower_
    if low in vocab.other_act_acronyms or (
        low == "uk" and j + 1 < n and doc[j + 1].lower_ in vocab.other_act_acronyms
    ):
        return True
    k = j
    introduced = low in ("of", "under")
    if introduced:
        k += 1
        if k < n and doc[k].lower_ == "the":
            k += 1
        if k >= n:
            return False
        first = doc[k].lower_
        if first in vocab.foia_names:
            return False
        if first in vocab.other_act_acronyms:
            return True
    elif not doc[j].text[:1].isupper():
        return False
    # The name of an enactment is a run of capitalised words (and "of", "and"...).
    window: list[str] = []
    while k < n and len(window) < 10 and _name_word(doc[k]):
        window.append(doc[k].lower_)
        k += 1
    # "Act" ends the name even after "Regulation of Investigatory Powers".
    for noun in ("act", "acts"):
        if noun in window:
            return not _act_name_is_foia(window[: window.index(noun)])
    # Any other instrument "of the ... Regulations / Convention / Order" is not FOIA;
    # right after the number, "Section 45 Code of Practice" is a title, not an Act.
    return introduced and any(w in _ENACTMENT_NOUNS for w in window)


def _name_word(token: "Token") -> bool:
    text = token.text
    return text[:1].isupper() or text.isdigit() or token.lower_ in _NAME_JOINERS


def _other_act_before(doc: "Doc", i: int) -> bool:
    """Whether the words just before a citation name another enactment.

    "RIPA s.26", "PACE 1984 s.24", "Police Act 1997, section 113"; but not
    "FOIA s24(2)" or "the Freedom of Information Act 2000, section 24".
    """
    vocab = law.citation_vocabulary()
    k = i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k >= 0 and _YEAR.match(doc[k].text):
        k -= 1
    if k < 0:
        return False
    low = doc[k].lower_
    if low in vocab.other_act_acronyms:
        return True
    if low in _ENACTMENT_NOUNS:
        words: list[str] = []
        k -= 1
        while k >= 0 and len(words) < 8 and _name_word(doc[k]):
            words.insert(0, doc[k].lower_)
            k -= 1
        return not _act_name_is_foia(words)
    return False


# --------------------------------------------------------------------------- the walk


def _walk(doc: "Doc", text: str, match_id: str, start: int, end: int) -> tuple[list[_Item], int, int] | None:
    """From a Matcher hit, take in the whole citation or list.

    Returns the items (empty for another Act's list), the first token and the
    token after the list; None when the hit is not a citation at all.
    """
    vocab = law.citation_vocabulary()
    number_tok = doc[end - 1]
    items = _items_from_token(number_tok, None)
    if not items:
        return None
    prefix = doc[start].lower_ if match_id == "PREFIXED" else None
    j = _absorb_spaced(doc, end, items[-1])
    j = _absorb_subsection_words(doc, j, items[-1])
    first_has_sub = bool(items[0].parts)
    if prefix in _SUBSECTION_PREFIXES and not first_has_sub:
        return None
    # "sections 21 to 44", "ss.21-44": a range of the Act, not a provision cited.
    if (
        not first_has_sub
        and j + 1 < len(doc)
        and doc[j].lower_ in _RANGE_WORDS
        and doc[j + 1].text.isdigit()
        and _section_number(items[-1].section) < int(doc[j + 1].text) <= vocab.max_section
    ):
        return [], start, j + 2
    title = _title_after(doc, text, j, items[-1].section)
    if title:
        items[-1].title, j = title
    # "Section 4 - Our Response", "see section 5 below": a part of the letter, not
    # the Act - when the number is no FOIA provision a draft would cite.
    elif (
        not first_has_sub
        and len(items) == 1
        and not law.is_part_ii(items[0].section)
        and law.provision(items[0].section) is None
        and (_letter_part_after(doc, j) or _label_after(doc, j))
    ):
        return None

    if match_id == "BARE":
        # "24(2)" with no prefix: a citation after "exemption", "under", "by virtue of",
        # before its title, or when it is a known NCND or withholding subsection.
        before = doc[start - 1].lower_ if start else ""
        if before in vocab.other_instrument_words:
            return None
        first_id = law.ParsedId(items[0].section, tuple(items[0].parts)).id
        known = law.is_ncnd_subsection(first_id) or law.is_withholding_subsection(first_id)
        if not (
            title
            or known
            or before in _CONTEXT_WORDS
            or (start >= 2 and doc[start - 2].lower_ == "virtue")
        ):
            return None
    # "S1 2AB", "SS14 3XX": a postcode, not section 1.
    if (
        match_id == "ATTACHED"
        and not first_has_sub
        and j < len(doc)
        and _POSTCODE_INWARD.match(doc[j].text)
    ):
        return None
    # "s 31(3)", "S. 31(3)": a lone letter is a prefix only before a subsection or a title.
    if prefix in _WEAK_PREFIXES and not (first_has_sub or title) and doc[start].text != "s.":
        return None

    # The rest of a list: ", 24(2)", " and 31(3)", " & s.30(3)", " and (2)".
    group = 0
    while j < len(doc):
        k = j
        seps = 0
        while k < len(doc) and doc[k].lower_ in _SEPARATORS and seps < 2:
            k += 1
            seps += 1
        if seps == 0 or k >= len(doc):
            break
        tok = doc[k]
        new: list[_Item] = []
        nxt = k + 1
        if tok.lower_ in PREFIX_WORDS and k + 1 < len(doc) and _NUMBER_RE.match(doc[k + 1].text):
            new = _items_from_token(doc[k + 1], items[-1])
            if new:
                new[0].start = tok.idx
            nxt = k + 2
        elif _ATTACHED_RE.match(tok.text) or _BRACKETS_RE.match(tok.text):
            new = _items_from_token(tok, items[-1])
        elif _NUMBER_RE.match(tok.text):
            new = _items_from_token(tok, items[-1])
            # A bare "and 12" only continues a list of bare sections ("Sections 23 and 24").
            if new and not new[0].parts and first_has_sub:
                new = []
        else:
            spaced = _spaced_brackets(doc, k)
            if spaced and items:
                raw, nxt, stop = spaced
                parts = _norm_parts(raw, first=raw[0][:1].isdigit())
                if not raw[0][:1].isdigit():
                    parts = items[-1].parts[:1] + parts
                new = [_Item(items[-1].section, parts, tok.idx, stop)]
        new = [it for it in new if _section_number(it.section) <= vocab.max_section]
        if not new:
            break
        if tok.lower_ in PREFIX_WORDS or _ATTACHED_RE.match(tok.text):
            group = len(items)  # "24(2) and section 24 of the DPA": a new citation
        nxt = _absorb_spaced(doc, nxt, new[-1])
        title = _title_after(doc, text, nxt, new[-1].section)
        if title:
            new[-1].title, nxt = title
        items.extend(new)
        j = nxt

    # Another Act's citation: nothing found, but the whole list is used up, so
    # its later numbers ("RIPA sections 26(2) and 28(3)") are not matched again.
    if _other_act_before(doc, start):
        return [], start, j
    if _other_act_after(doc, j):
        # The Act named after a list governs the list, back to the last prefix written.
        items = items[:group]
    return items, start, j


def _absorb_spaced(doc: "Doc", j: int, item: _Item) -> int:
    """``section 24 (2)``, ``section 40 (5) (b) (i)``: brackets written after a space."""
    if item.parts:
        return j
    while True:
        spaced = _spaced_brackets(doc, j)
        if not spaced:
            return j
        raw, nxt, stop = spaced
        if not item.parts:
            if not raw[0][:1].isdigit():
                return j
            item.parts = _norm_parts(raw, first=True)
        elif all(not r[:1].isdigit() for r in raw):
            item.parts += _norm_parts(raw, first=False)
        else:
            return j
        item.end, j = stop, nxt


def _letter_part_after(doc: "Doc", j: int) -> bool:
    """Whether "section 5" points into the letter itself: "above", "of this letter"."""
    if j >= len(doc):
        return False
    low = doc[j].lower_
    if low in _LETTER_POINTERS:
        return True
    if low == "of" and j + 2 < len(doc):
        owner, noun = doc[j + 1].lower_, doc[j + 2].lower_
        return owner in ("this", "the", "our", "my") and noun in _LETTER_NOUNS
    return False


def _label_after(doc: "Doc", j: int) -> bool:
    """Whether a heading label follows: "Section 4 - Our Response"."""
    return j + 1 < len(doc) and doc[j].text in _TITLE_LEADS and doc[j + 1].text[:1].isupper()


def _absorb_subsection_words(doc: "Doc", j: int, item: _Item) -> int:
    """``Section 24, subsection (2)`` / ``Section 24 subsection 2``: the subsection in words."""
    if item.parts:
        return j
    k = j + 1 if j < len(doc) and doc[j].text == "," else j
    if k + 1 >= len(doc) or doc[k].lower_ not in _SUBSECTION_WORDS:
        return j
    nxt = doc[k + 1]
    if nxt.text.isdigit() and len(nxt.text) <= 2:
        item.parts, item.end = [nxt.text], nxt.idx + len(nxt.text)
        return k + 2
    if _BRACKETS_RE.match(nxt.text):
        raw = _PART_RE.findall(nxt.text)
        if raw and raw[0][:1].isdigit():
            item.parts = _norm_parts(raw, first=True)
            item.end = nxt.idx + len(nxt.text)
            return k + 2
    return j


def _section_number(section: str) -> int:
    m = re.match(r"\d+", section)
    return int(m.group()) if m else 0


def citations_in_doc(doc: "Doc", text: str, block: int = 0) -> list[Citation]:
    """The citations in one block's Doc (made from ``text`` by the project's pipeline), in order."""
    matches = _matcher()(doc)
    if not matches:
        return []
    strings = doc.vocab.strings
    # Longer matches first at the same start (PREFIXED before ATTACHED/BARE).
    hits = sorted(((s, -(e - s), strings[m], e) for m, s, e in matches))
    consumed_until = -1
    out: list[Citation] = []
    for start, _neg, name, end in hits:
        if start < consumed_until or (end - 1) < consumed_until:
            continue
        if name == "NUMBER":
            name = "ATTACHED" if _ATTACHED_RE.match(doc[start].text) else "BARE"
        walked = _walk(doc, text, name, start, end)
        if walked is None:
            continue
        items, first, nxt = walked
        consumed_until = nxt
        for i, item in enumerate(items):
            prefix_start = doc[first].idx if i == 0 and name == "PREFIXED" else None
            out.append(item.citation(text, block, prefix_start))
    return out


# --------------------------------------------------------------------------- public API


def _texts(source: Any) -> list[tuple[int, str, Any]]:
    """(block index, norm text, Doc or None) from a Document, Blocks, Docs, or plain strings."""
    blocks = getattr(source, "blocks", source)
    out = []
    for position, item in enumerate(blocks):
        if isinstance(item, str):
            out.append((position, normalise_for_matching(item), None))
        elif hasattr(item, "vocab"):  # a spaCy Doc: its text is taken as already folded
            out.append((position, item.text, item))
        else:
            index = getattr(item, "index", position)
            out.append((index if index is not None else position, item.norm, None))
    return out


def find_citations(
    source: "Document | Sequence[Block] | Sequence[str]",
    docs: "Sequence[Doc | None] | None" = None,
) -> list[Citation]:
    """Every FOIA citation in reading order, one per provision (a list gives several).

    ``source`` is a Document, its blocks, spaCy Docs, or plain strings (for
    Docs and strings, block = position). ``docs``, if given, are spaCy Docs
    over each block's ``norm`` from :func:`ncnd_check.analysis.nlp.process`
    (the analysis has them already); otherwise blocks are tokenized here with
    the same tokenizer. Blocks with no digit are skipped. (The analysis reads
    each block's citations from its facts, :mod:`ncnd_check.analysis.facts`.)
    """
    out: list[Citation] = []
    for position, (block, text, doc) in enumerate(_texts(source)):
        if not has_digit(text):
            continue
        if doc is None and docs is not None and position < len(docs):
            doc = docs[position]
        if doc is None or _doc_text(doc) != text:
            doc = make_doc(text)
        out.extend(citations_in_doc(doc, text, block))
    return out


def find_in_text(text: str) -> list[Citation]:
    """Citations in one string (block 0): handy in tests and at the REPL."""
    return find_citations([text])


def cited_ids(citations: Iterable[Citation]) -> list[str]:
    """Every distinct id cited, exemptions or not, sorted by section then subsection."""
    return sorted({c.id for c in citations}, key=law.sort_key)


def exemption_ids(citations: Iterable[Citation]) -> list[str]:
    """The ids for ``response.exemptions``: distinct, sorted, FOIA non-exemptions left out.

    s1, s2, s10, s12, s14, s16, s17 (and the other provisions in statute.toml)
    are FOIA but not exemptions. A bare ``s24`` stays ``s24`` unless a
    subsection of the same section is cited too ("Section 23 is a class based
    absolute exemption" beside "Section 23(5)" names no second provision).
    A number FOIA does not have ("section 144") is no FOIA provision at all;
    the rules still see it among the citations.
    """
    ids = [i for i in cited_ids(citations) if law.is_exemption_id(i) and law.is_foia_section(i)]
    with_subsection = {i.split("(", 1)[0] for i in ids if "(" in i}
    return [i for i in ids if "(" in i or i not in with_subsection]


# --------------------------------------------------------------------------- relied on or referred to

#: Words just before a citation that make it a reference used to explain another
#: provision, not a provision relied on: "the bodies listed in section 23(3)",
#: "as defined in section 84", "information that is exempt under section 30(1)".
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:listed|named|specified|set\s+out|described|defined|referred\s+to|mentioned|contained|detailed|"
    r"enumerated|identified|provided\s+for)\s+(?:in|at|by|under|within)"
    r"|\bbod(?:y|ies)\s+(?:\w+\s+){0,2}(?:in|at|under|of)"
    r"|\bwithin\s+the\s+meaning\s+of|\bfor\s+the\s+purposes?\s+of|\bmeaning\s+given\s+(?:in|by)|\bas\s+in"
    # "section 31(3), read with section 31(1)(g) and the purposes in section 31(2)"
    r"|\bread\s+(?:together\s+)?with|\bin\s+conjunction\s+with|\bpurposes?\s+(?:in|at|under)"
    # "information which is, or would be if it were held, exempt under", "... would be exempt under 30(2) if held"
    r"|\b(?:that|which)\b[^.;:]{0,50}?\bexempt(?:ed)?(?:\s+information)?(?:\s+from\s+disclosure)?\s+(?:under|by\s+virtue\s+of)"
    r"|\bwould\s+(?:also\s+|itself\s+)?be\s+exempt(?:ed)?(?:\s+information)?(?:\s+from\s+disclosure)?\s+(?:under|by\s+virtue\s+of)"
    r"|\b(?:that|which)\s+(?:falls?|fell|would\s+fall|comes?|would\s+come)\s+(?:with)?in|\bby\s+reference\s+to"
    r"|\b(?:mirrors?|reflects?|equivalent\s+(?:of|to)|counterpart\s+(?:of|to)|corresponds?\s+to))"
    r"\s+(?:the\s+)?(?:provisions?\s+(?:of|in)\s+)?$",
    re.I,
)
#: What may join the items of one list of citations ("section 30(1) or (2)").
_LIST_JOIN = re.compile(r"^\s*(?:,|and|or|&|/|and/or)?\s*(?:,|and|or|&|/)?\s*(?:sections?\s+|s\.?\s*|ss\.?\s*|subsections?\s+)?$", re.I)


def referred_only(citations: Sequence[Citation], texts: Sequence[str]) -> set[int]:
    """Positions (in ``citations``) of citations that only explain another provision.

    ``texts[block]`` is the block's norm text. A citation listed after one that
    is a reference ("exempt under section 30(1) or (2)") is one too.
    """
    out: set[int] = set()
    previous: Citation | None = None
    previous_ref = False
    for n, c in enumerate(citations):
        text = texts[c.block] if c.block < len(texts) else ""
        if previous is not None and previous.block == c.block and _LIST_JOIN.match(text[previous.end : c.start]):
            ref = previous_ref
        else:
            before = text[max(0, c.start - 120) : c.start]
            cut = max(before.rfind(". "), before.rfind("; "))
            ref = bool(_REFERENCE_BEFORE.search(before[cut + 1 :] if cut >= 0 else before))
        if ref:
            out.add(n)
        previous, previous_ref = c, ref
    return out


def relied_citations(citations: Sequence[Citation], texts: Sequence[str]) -> list[Citation]:
    """The citations that are not mere references (see :func:`referred_only`)."""
    skip = referred_only(citations, texts)
    return [c for n, c in enumerate(citations) if n not in skip]
