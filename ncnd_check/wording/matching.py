"""Aligning a draft's paragraphs with the approved wording, and the word-level redline.

How a paragraph is compared (DESIGN.md's lessons applied):

- Both sides become lists of word keys: the text folded (quotes, dashes,
  spaces: normalise.fold), a list label ("1.", "a)", "•") dropped, each word
  lower-cased with its punctuation removed. Case, punctuation and spacing
  never decide a match.
- The score is the LCS similarity of the two word lists (rapidfuzz
  ``Indel``), 0-100, where a library placeholder (``{authority}``) counts as
  matching any run of up to 12 words in the draft: another force's name or
  the request's subject is not a deviation.
- Never token_set_ratio: it scores 100 when the draft adds a sentence.
- Before scoring, a word-trigram index over the library picks a handful of
  candidates per paragraph (rarest trigrams first, capped posting lists), so
  a library 10 or 100 times larger costs about the same per draft.
- A drafter who split one approved paragraph in two, or merged two, is
  caught by also scoring adjacent pairs on either side.

rapidfuzz is imported inside functions: rule modules import this lazily.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from typing import TYPE_CHECKING, Iterable

from ncnd_check.analysis.placeholders import LIBRARY_PLACEHOLDER
from ncnd_check.memo import PAIRS, PARAGRAPHS, Recent
from ncnd_check.normalise import normalise_for_matching

if TYPE_CHECKING:
    from ncnd_check.document import Document
    from ncnd_check.wording.library import Library, Paragraph

#: Longest run of draft words one placeholder may stand for.
PLACEHOLDER_SPAN = 12
#: Draft paragraphs shorter than this (in words) are not aligned: headings,
#: link lines, "Section 24(2) National Security".
MIN_WORDS = 6
#: Lines shorter than this that end in a colon are lead-ins, not paragraphs.
LABEL_WORDS = 16
#: Candidates kept per draft paragraph after the index look-up.
CANDIDATES = 6
#: Trigrams used per look-up, rarest first, and the longest posting list used.
QUERY_FEATURES = 24
MAX_POSTINGS = 32
#: A candidate must share at least this share of the best candidate's trigram hits.
RELATIVE_HITS = 0.25

_LABEL = re.compile(
    r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\([ivxlc]{1,5}\)|[ivxlc]{1,5}[.)]|[•·▪◦‣*\-–—])\s+(?=\S)"
)
#: "24 (2)" written for "24(2)": the space must not make two words.
_CITATION_SPACE = re.compile(r"(\d)\s+\((?=\w{1,3}\))")
#: What a word's key drops (after lower-casing); the space between words is kept
#: so that the keys of a whole text can be made in one pass.
_KEY_DROP_KEEP_SPACES = re.compile(r"[^0-9a-z{}_ ]+")
#: The same characters as ASCII bytes, for bytes.translate (seven times faster than the regex).
_KEY_DROP_ASCII = bytes(c for c in range(128) if _KEY_DROP_KEEP_SPACES.fullmatch(chr(c)))


# --------------------------------------------------------------------------- words


@dataclass(slots=True)
class Words:
    """A text as parallel lists: display words and their comparison keys."""

    display: list[str]
    keys: list[str]

    def __len__(self) -> int:
        return len(self.keys)

    def __add__(self, other: "Words") -> "Words":
        return Words(self.display + other.display, self.keys + other.keys)


def words(text: str, strip_label: bool = True, *, normalised: bool = False) -> Words:
    """Split text into words with keys; placeholders become single words.

    ``normalised=True`` says the text is already ``normalise_for_matching``'s
    output (a Block's ``norm``, which the analysis has made for every block):
    it is not folded a second time.

    Keys are made for the whole text at once (one ``lower``, one regex pass
    that keeps the spaces, one split) rather than word by word: the folded
    text has single spaces only, so word positions line up, and a word whose
    key comes out empty (punctuation only) is dropped from both lists. This
    is several times faster than a regex per word, and every draft paragraph
    goes through it.
    """
    if not normalised:
        text = normalise_for_matching(text)
    if strip_label:
        text = _LABEL.sub("", text, count=1)
    if " (" in text:  # the regex scans every digit; most paragraphs cite nothing
        text = _CITATION_SPACE.sub(r"\1(", text)
    has_braces = "{" in text
    if has_braces:
        text = LIBRARY_PLACEHOLDER.sub(r" \g<0> ", text)
    display = text.split(" ")
    keys = _key_text(text.lower()).split(" ")
    if has_braces:  # a placeholder is its own key, case kept
        keys = [w if LIBRARY_PLACEHOLDER.fullmatch(w) else k for w, k in zip(display, keys)]
    return Words(list(compress(display, keys)), list(filter(None, keys)))


def _key_text(lowered: str) -> str:
    """The lower-cased text with every character a key drops removed, spaces kept."""
    if lowered.isascii():
        return lowered.encode("ascii").translate(None, _KEY_DROP_ASCII).decode("ascii")
    return _KEY_DROP_KEEP_SPACES.sub("", lowered)


def is_placeholder(key: str) -> bool:
    return key.startswith("{") and key.endswith("}")


def _trigrams(keys: list[str]) -> set[tuple[str, ...]]:
    """The word trigrams of the keys, placeholders left out (zip of shifted lists: no slicing per word)."""
    plain = [k for k in keys if not (k[0] == "{" and k[-1] == "}")]
    if len(plain) < 3:
        return {tuple(plain)} if plain else set()
    return set(zip(plain, plain[1:], plain[2:]))


# --------------------------------------------------------------------------- comparing


@dataclass(slots=True)
class Comparison:
    """One approved text against one draft text."""

    score: float
    redline: list[tuple[str, str]]
    #: placeholder -> the draft words that stood in for it (when a clean span did).
    fillers: dict[str, str]


def compare(approved: Words, draft: Words) -> Comparison:
    """Score (0-100) and word-level redline, with placeholders excused."""
    from rapidfuzz.distance import Indel

    total = len(approved) + len(draft)
    if not total:
        return Comparison(100.0, [], {})
    if approved.keys == draft.keys:
        # Word for word the approved text (the usual case): the opcodes would be one
        # "equal" run, so the redline is the draft's words; no LCS needed.
        return Comparison(100.0, [("equal", " ".join(draft.display))], {})
    matched = 0
    redline: list[tuple[str, str]] = []
    fillers: dict[str, str] = {}
    for tag, a1, a2, d1, d2 in _blocks(Indel.opcodes(approved.keys, draft.keys)):
        lib_keys = approved.keys[a1:a2]
        if tag == "equal":
            matched += 2 * (a2 - a1)
            push_redline(redline, "equal", draft.display[d1:d2])
            continue
        n_ph = sum(1 for k in lib_keys if is_placeholder(k))
        others = len(lib_keys) - n_ph
        n_draft = d2 - d1
        if n_ph and others == 0 and n_ph <= n_draft <= PLACEHOLDER_SPAN * n_ph and _one_phrase(draft.display[d1:d2]):
            # Only placeholders changed: the draft's name or subject fills them.
            matched += len(lib_keys) + n_draft
            push_redline(redline, "equal", draft.display[d1:d2])
            if n_ph == 1:
                fillers.setdefault(lib_keys[0][1:-1], " ".join(draft.display[d1:d2]))
            continue
        if n_ph:
            # Credit each placeholder with a short phrase, never a whole added sentence.
            extra = min(max(0, n_draft - others), PLACEHOLDER_SPAN * n_ph, _phrase_length(draft.display[d1:d2]) * n_ph)
            matched += n_ph + extra
        push_redline(redline, "delete", approved.display[a1:a2])
        push_redline(redline, "insert", draft.display[d1:d2])
    return Comparison(100.0 * matched / total, redline, fillers)


def _one_phrase(items: list[str]) -> bool:
    """True when no sentence ends inside the run: a name or a subject, not an added sentence."""
    return not any(w[-1:] in ".!?;:" and len(w) > 2 for w in items[:-1])


def _phrase_length(items: list[str]) -> int:
    """Words up to and including the first one that ends a sentence."""
    for n, w in enumerate(items, 1):
        if w[-1:] in ".!?;:" and len(w) > 2:
            return n
    return len(items)


def _blocks(opcodes) -> Iterable[tuple[str, int, int, int, int]]:
    """Opcodes with each run of deletes and inserts merged into one change block."""
    pending = None
    for op in opcodes:
        tag, a1, a2, d1, d2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if tag == "equal":
            if pending:
                yield pending
                pending = None
            yield ("equal", a1, a2, d1, d2)
        elif pending is None:
            pending = ("change", a1, a2, d1, d2)
        else:
            pending = ("change", pending[1], a2, pending[3], d2)
    if pending:
        yield pending


def push_redline(redline: list[tuple[str, str]], op: str, items: list[str]) -> None:
    """Append words to a redline, merged into the last segment when it has the same operation."""
    if not items:
        return
    text = " ".join(items)
    if redline and redline[-1][0] == op:
        redline[-1] = (op, redline[-1][1] + " " + text)
    else:
        redline.append((op, text))


def redline_text(redline: list[tuple[str, str]]) -> str:
    """The plain redline: ``[-deleted-]{+inserted+}``, equal text as is."""
    out = []
    for op, text in redline:
        if op == "delete":
            out.append(f"[-{text}-]")
        elif op == "insert":
            out.append(f"{{+{text}+}}")
        else:
            out.append(text)
    return " ".join(out)


def quick_score(approved: Words, draft: Words, placeholders: int) -> tuple[float, bool]:
    """(score or an upper bound on it, exact?) from the LCS length alone: no opcodes, no redline.

    Without placeholders the LCS similarity *is* the score; with them, each
    placeholder can add at most itself and PLACEHOLDER_SPAN draft words.
    """
    from rapidfuzz.distance import Indel

    total = len(approved) + len(draft)
    if not total:
        return 100.0, True
    lcs2 = total - Indel.distance(approved.keys, draft.keys)  # 2 x LCS
    if not placeholders:
        return 100.0 * lcs2 / total, True
    return min(100.0, 100.0 * (lcs2 + (1 + PLACEHOLDER_SPAN) * placeholders) / total), False


def score_bound(n: int, m: int, placeholders: int = 0) -> float:
    """The best score two texts of n and m words could reach (a cheap prefilter)."""
    if not n + m:
        return 100.0
    return 100.0 * (2 * min(n, m) + PLACEHOLDER_SPAN * placeholders * 2) / (n + m)


# --------------------------------------------------------------------------- the index


class LibraryIndex:
    """Word-trigram index over a library: a few candidates per draft paragraph, fast."""

    def __init__(self, library: "Library") -> None:
        self.paragraphs: list["Paragraph"] = list(library.paragraphs)
        self.words: list[Words] = [words(p.text, strip_label=False) for p in self.paragraphs]
        self.placeholders = [sum(1 for k in w.keys if is_placeholder(k)) for w in self.words]
        #: Word counts as plain ints: the alignment's length tests run for every candidate.
        self.sizes = [len(w.keys) for w in self.words]
        self.postings: dict[tuple[str, ...], list[int]] = {}
        for i, w in enumerate(self.words):
            for gram in _trigrams(w.keys):
                self.postings.setdefault(gram, []).append(i)
        #: Trigrams few enough paragraphs share to be worth a look-up (a set, so a draft
        #: paragraph's usable trigrams are one set intersection).
        self.rare: set[tuple[str, ...]] = {g for g, ids in self.postings.items() if len(ids) <= MAX_POSTINGS}
        #: Each trigram's place in the order rarest first (then alphabetical), computed
        #: once: sorting a draft paragraph's trigrams by it needs no key function per draft.
        self.rarity: dict[tuple[str, ...], int] = {
            g: n for n, g in enumerate(sorted(self.postings, key=lambda g: (len(self.postings[g]), g)))
        }
        # Neighbours within a file, for merged paragraphs.
        self.next: dict[int, int] = {}
        by_file: dict[str, list[int]] = {}
        for i, p in enumerate(self.paragraphs):
            by_file.setdefault(p.source + "\0" + p.exemption, []).append(i)
        for ids in by_file.values():
            ids.sort(key=lambda i: self.paragraphs[i].order)
            for a, b in zip(ids, ids[1:]):
                self.next[a] = b
        self.prev = {b: a for a, b in self.next.items()}
        self._allowed: dict[frozenset, set[int]] = {}
        #: draft text -> (Words, rare-trigram hits per library paragraph): template
        #: wording repeats across letters, and neither depends on the exemptions cited.
        #: Kept here, bounded, not with a block's facts: a long draft's words for every
        #: block would be held for as long as its analysis is.
        self._recent: Recent[tuple[Words, dict[int, int]]] = Recent(PARAGRAPHS)
        #: (draft texts, library paragraph ids, threshold) -> what align_document's
        #: scoring gave (see _score_pair).
        self.scored: Recent = Recent(PAIRS)

    def words_and_candidates(self, norm: str, allowed: set[int] | None) -> tuple[Words, list[int]]:
        """``words(norm)`` and its :meth:`candidates`, the words and hits remembered for recent texts."""
        found = self._recent.get(norm)
        if found is None:
            w = words(norm, normalised=True)
            found = self._recent.put(norm, (w, self._hits(w) if len(w) >= MIN_WORDS else {}))
        w, hits = found
        return w, self._best(hits, allowed)

    def candidates(self, draft: Words, allowed: set[int] | None, k: int = CANDIDATES) -> list[int]:
        """Library paragraphs sharing the most rare trigrams with the draft words.

        The hit counts are a sum over a set of trigrams, so their order does not
        matter: the trigrams are sorted (rarest first) only when there are more
        rare ones than QUERY_FEATURES and some must be left out. Counting in a
        plain dict and one sort by (hits, library order) replace Counter and
        its most_common, which cost more than the look-up itself.
        """
        return self._best(self._hits(draft), allowed, k)

    def _hits(self, draft: Words) -> dict[int, int]:
        """How many of the draft's rarest trigrams each library paragraph shares."""
        postings = self.postings
        grams = _trigrams(draft.keys) & postings.keys()
        if not grams:
            return {}
        usable = grams & self.rare
        if len(usable) > QUERY_FEATURES:
            usable = sorted(usable, key=self.rarity.__getitem__)[:QUERY_FEATURES]
        elif not usable:
            usable = sorted(grams, key=self.rarity.__getitem__)[:3]
        hits: dict[int, int] = {}
        for g in usable:
            for i in postings[g]:
                hits[i] = hits.get(i, 0) + 1
        return hits

    def _best(self, hits: dict[int, int], allowed: set[int] | None, k: int = CANDIDATES) -> list[int]:
        """The ``k`` allowed paragraphs with most hits, leaving out those with far fewer than the best."""
        if allowed is not None:
            hits = {i: n for i, n in hits.items() if i in allowed}
        if not hits:
            return []
        # Most hits first; ties broken by library order, so the answer never
        # depends on hash or insertion order.
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        # Paragraphs sharing far fewer rare trigrams than the best one are noise.
        least = max(1, int(ranked[0][1] * RELATIVE_HITS + 0.999))
        return [i for i, n in ranked[:k] if n >= least]

    def allowed_for(self, exemptions: Iterable[str] | None, library: "Library") -> set[int] | None:
        """Paragraph numbers for the shared parts and the cited exemptions (None: all), cached."""
        if exemptions is None:
            return None
        wanted = frozenset(library.canonical_exemption(e) for e in exemptions)
        if wanted not in self._allowed:
            sections = {_section_number(e) for e in wanted}
            self._allowed[wanted] = {
                i
                for i, p in enumerate(self.paragraphs)
                if p.is_shared or p.exemption in wanted or _section_number(p.exemption) in sections
            }
        return self._allowed[wanted]


def _section_number(exemption_id: str) -> str:
    m = re.match(r"s(\d+[A-Z]?)", exemption_id or "")
    return m.group(1) if m else exemption_id


# --------------------------------------------------------------------------- aligning a draft


@dataclass(slots=True)
class Alignment:
    """Draft block(s) aligned with approved paragraph(s)."""

    blocks: list[int]
    paragraphs: list["Paragraph"]
    score: float
    redline: list[tuple[str, str]]
    fillers: dict[str, str] = field(default_factory=dict)

    @property
    def first_block(self) -> int:
        return self.blocks[0]

    @property
    def ids(self) -> str:
        return " + ".join(p.id for p in self.paragraphs)

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.redline)

    @property
    def kind(self) -> str:
        """single, split (one approved paragraph written as two) or merged (two as one)."""
        if len(self.blocks) > 1:
            return "split"
        if len(self.paragraphs) > 1:
            return "merged"
        return "single"


@dataclass
class DocumentAlignment:
    """Every aligned paragraph of one draft, and the blocks that matched nothing."""

    alignments: list[Alignment]
    unmatched: list[int]
    exemptions: list[str] | None
    considered: list[int]
    #: placeholder -> the value the draft uses most (for filling suggestions).
    fillers: dict[str, str] = field(default_factory=dict)

    def for_block(self, block: int) -> Alignment | None:
        for a in self.alignments:
            if block in a.blocks:
                return a
        return None

    def matched_ids(self) -> set[str]:
        return {p.id for a in self.alignments for p in a.paragraphs}


def _is_label(text: str, w: Words) -> bool:
    """A short line ending in a colon ("Factors favouring confirming or denying:") introduces, it does not argue."""
    return len(w) < LABEL_WORDS and text.rstrip().endswith(":")


_UNSEEN = object()


def _score_pair(
    index: "LibraryIndex", draft: list[Words], para_ids: list[int], threshold: float
) -> tuple[float, Words, Words, Comparison | None] | None:
    """(score, approved words, draft words, comparison or None if exact) for draft paragraphs
    against library paragraphs, or None below ``threshold``."""
    ph = sum(index.placeholders[p] for p in para_ids)
    n_d = sum(len(w.keys) for w in draft)
    n_a = sum(index.sizes[p] for p in para_ids)
    # The length bound first: most pairs fail it, before any word list is joined or scored.
    if score_bound(n_a, n_d, ph) < threshold:
        return None
    d = draft[0]
    for extra in draft[1:]:
        d = d + extra
    a = index.words[para_ids[0]]
    for extra in para_ids[1:]:
        a = a + index.words[extra]
    score, exact = quick_score(a, d, ph)
    if score < threshold:
        return None
    comp = None
    if not exact:
        comp = compare(a, d)
        score = comp.score
        if score < threshold:
            return None
    return score, a, d, comp


def align_document(
    document: "Document",
    library: "Library",
    exemptions: Iterable[str] | None = None,
    threshold: float = 70.0,
) -> DocumentAlignment:
    """Align each eligible block with its best approved paragraph (or pair), greedily by score."""
    index: LibraryIndex = library.index()
    allowed = index.allowed_for(exemptions, library)
    # Words are kept only for blocks that can align: those with a candidate approved
    # paragraph and their neighbours (a paragraph written as two). A long draft of
    # other text then costs a list of block numbers, not its words.
    draft_words = {}
    cands = {}
    norms = {}
    order: list[int] = []
    held_back: tuple[int, object, str] | None = None  # the last eligible block without candidates
    for b in document.blocks:
        if b.kind != "heading" and b.part == "body":
            w, found = index.words_and_candidates(b.norm, allowed)
            if len(w) >= MIN_WORDS and not _is_label(b.text, w):
                i = b.index
                order.append(i)
                near = (i - 1) in cands and bool(cands[i - 1])
                if found or near:
                    if found and held_back is not None and held_back[0] == i - 1:
                        j, jw, jn = held_back
                        draft_words[j], cands[j], norms[j] = jw, [], jn
                    draft_words[i], cands[i], norms[i] = w, found, b.norm
                    held_back = None
                else:
                    held_back = (i, w, b.norm)
    size = {i: len(w.keys) for i, w in draft_words.items()}

    options: list[tuple[float, int, list[int], list[int], tuple, Comparison | None]] = []

    def consider(block_ids: list[int], para_ids: list[int]) -> None:
        # Draft paragraphs against library paragraphs: remembered by their texts, as
        # template wording repeats across letters (Comparisons are only read).
        key = (tuple(norms[b] for b in block_ids), tuple(para_ids), threshold)
        scored = index.scored.get(key, _UNSEEN)
        if scored is _UNSEEN:
            scored = index.scored.put(key, _score_pair(index, [draft_words[b] for b in block_ids], para_ids, threshold))
        if scored is not None:
            score, a, d, comp = scored
            options.append((score, len(block_ids) + len(para_ids), block_ids, para_ids, key, comp))

    for i in sorted(draft_words):
        nxt = i + 1 if (i + 1) in draft_words else None
        for p in cands[i]:
            consider([i], [p])
            if size[i] > index.sizes[p] * 1.2:  # the draft may hold this paragraph and its neighbour
                if p in index.next and (allowed is None or index.next[p] in allowed):
                    consider([i], [p, index.next[p]])
                if p in index.prev and (allowed is None or index.prev[p] in allowed):
                    consider([i], [index.prev[p], p])
        if nxt is not None:
            for p in dict.fromkeys(cands[i] + cands[nxt]):
                if index.sizes[p] > max(size[i], size[nxt]) * 1.2:
                    consider([i, nxt], [p])

    # Best first; on a tie, the simpler alignment (fewer parts), then reading order.
    options.sort(key=lambda o: (-o[0], o[1], o[2][0], o[3][0]))
    taken: set[int] = set()
    chosen: list[Alignment] = []
    for score, _, block_ids, para_ids, key, comp in options:
        if any(b in taken for b in block_ids):
            continue
        taken.update(block_ids)
        if comp is None:  # the redline, only for the alignments kept (placeholder ones have it already)
            _, a, d, _ = index.scored.get(key) or _score_pair(index, [draft_words[b] for b in block_ids], para_ids, threshold)
            comp = compare(a, d)
            index.scored.put(key, (score, a, d, comp))
        chosen.append(Alignment(block_ids, [index.paragraphs[p] for p in para_ids], score, comp.redline, comp.fillers))
    chosen.sort(key=lambda a: a.first_block)
    fillers: dict[str, Counter] = {}
    for a in chosen:
        for name, value in a.fillers.items():
            fillers.setdefault(name, Counter())[value] += 1
    return DocumentAlignment(
        alignments=chosen,
        unmatched=[i for i in order if i not in taken],
        exemptions=list(exemptions) if exemptions is not None else None,
        considered=order,
        fillers={name: c.most_common(1)[0][0] for name, c in fillers.items()},
    )


def suggestion_text(alignment: Alignment, defaults: dict[str, str] | None = None) -> str:
    """The approved text, placeholders filled from this paragraph, the draft, or the settings."""
    values = dict(defaults or {})
    values.update({k: v for k, v in alignment.fillers.items() if v})
    return " ".join(p.filled(values) for p in alignment.paragraphs)


def cited_exemptions(analysis) -> list[str] | None:
    """The exemptions the draft cites, or None (align against everything) when none were found."""
    found = list(analysis.exemptions)
    return found or None


def similarity(score: float) -> str:
    """A percentage that never reads 100% for a paragraph that differs."""
    return f"{score:.0f}%" if score < 99.5 else f"{min(score, 99.9):.1f}%"


def missing_paragraphs(library, matched_ids: set[str], exemptions) -> list[tuple]:
    """Required paragraphs with no aligned draft paragraph: (paragraph, its one_of alternatives).

    Shared required paragraphs always count; an exemption's only when the draft cites it.
    A one_of group is reported once, and not at all if any member matched.
    """
    wanted = {"shared"} | {library.canonical_exemption(e) for e in (exemptions or [])}
    satisfied = {(p.exemption, p.one_of) for p in library.paragraphs if p.id in matched_ids and p.one_of}
    reported: set[tuple[str, str]] = set()
    out = []
    for p in library.paragraphs:
        if not p.required or p.exemption not in wanted or p.id in matched_ids:
            continue
        others = []
        if p.one_of:
            group = (p.exemption, p.one_of)
            if group in satisfied or group in reported:
                continue
            reported.add(group)
            others = [q for q in library.paragraphs if (q.exemption, q.one_of) == group and q.id != p.id]
        out.append((p, others))
    return out
