"""Sentence classification for confirmation leaks.

An NCND response must never say whether the information is held. Yet the
words "held", "use" and "exists" fill every such letter, almost always in
hypotheticals ("to confirm or deny whether the force uses ... would ...") or
in talk about confirming ("confirmation that information is held would ...").
Each sentence is put in one of:

``held``          asserts the information is held, used or exists ("we use Office 365")
``not-held``      asserts it is not ("no information is held", "the force does not use ...")
``indirect``      reveals it indirectly (withheld, exempt from disclosure, "the attached table shows")
``hypothetical``  the cue sits under a modal, a condition or a quotation
``discussion``    the cue sits under talk of confirming or denying
``none``          no cue at all

The blank pipeline has tokens and sentences only (no tagger, no parser), so
the structure comes from word lists in ``data/leak_cues.toml`` (multi-word
cues found by a spaCy ``Matcher`` over lower-cased tokens): a cue verb,
the verb group before it (auxiliaries, negation, modals), the subject before
that (a holder such as "we", "the force" or an authority's name; or, for a
passive, the requested information), and the words further left that make
the clause hypothetical or a discussion, unless an assertion frame ("I can
confirm that") introduces it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from importlib import resources
from typing import TYPE_CHECKING, Iterable, NamedTuple

from ncnd_check.analysis.subject import singular
from ncnd_check.memo import PARAGRAPHS, SENTENCES, Recent

if TYPE_CHECKING:  # pragma: no cover
    from ncnd_check.analysis.model import Analysis

__all__ = [
    "LABELS",
    "LEAK_LABELS",
    "Verdict",
    "LeakSentence",
    "classify_span",
    "classify_sentence",
    "classify_text",
    "find_leaks",
]

LABELS = ("held", "not-held", "indirect", "hypothetical", "discussion", "none")
LEAK_LABELS = ("held", "not-held", "indirect")


@dataclass(frozen=True, slots=True)
class Verdict:
    label: str
    #: the cue word(s) that decided, as written
    cue: str | None = None
    #: what kind of cue: possess, locate, exist, existential, withhold, exempt, attach, show, release, answer
    kind: str | None = None

    @property
    def is_leak(self) -> bool:
        return self.label in LEAK_LABELS


@dataclass(frozen=True, slots=True)
class LeakSentence:
    block: int
    start: int  # offsets into Block.norm
    end: int
    text: str
    verdict: Verdict


# --- Cue data -------------------------------------------------------------------


@dataclass(frozen=True)
class _Cues:
    holders: frozenset[str]
    info_nouns: frozenset[str]
    possess: frozenset[str]
    use: frozenset[str]
    locate: frozenset[str]
    exist: frozenset[str]
    withhold: frozenset[str]
    release: frozenset[str]
    attach: frozenset[str]
    show: frozenset[str]
    show_subjects: frozenset[str]
    verb_group: frozenset[str]
    negations: frozenset[str]
    modals: frozenset[str]
    hypothetical: frozenset[str]
    hypothetical_phrases: tuple[tuple[str, ...], ...]
    discussion: frozenset[str]
    assert_verbs: frozenset[str]
    assert_aux: frozenset[str]
    generic_objects: frozenset[str]
    object_openers: frozenset[str]
    specific_markers: frozenset[str]
    not_held_answers: frozenset[str]
    letter_nouns: frozenset[str]


@cache
def cues() -> _Cues:
    raw = resources.files("ncnd_check.data").joinpath("leak_cues.toml").read_bytes()
    d = tomllib.loads(raw.decode("utf-8"))
    f = lambda key: frozenset(w.lower() for w in d.get(key, ()))  # noqa: E731
    return _Cues(
        holders=f("holders"),
        info_nouns=f("info_nouns"),
        possess=f("possess_verbs") | f("use_verbs"),
        use=f("use_verbs"),
        locate=f("locate_verbs"),
        exist=f("exist_verbs"),
        withhold=f("withhold_words"),
        release=f("release_verbs"),
        attach=f("attach_words"),
        show=f("show_verbs"),
        show_subjects=f("show_subjects"),
        verb_group=f("verb_group"),
        negations=f("negations"),
        modals=f("modals"),
        hypothetical=f("hypothetical_markers"),
        hypothetical_phrases=tuple(tuple(p.lower().split()) for p in d.get("hypothetical_phrases", ())),
        discussion=f("discussion_words"),
        assert_verbs=f("assert_verbs"),
        assert_aux=f("assert_aux"),
        generic_objects=f("generic_objects"),
        object_openers=f("object_openers"),
        specific_markers=f("specific_markers"),
        not_held_answers=f("not_held_answers"),
        letter_nouns=f("letter_nouns"),
    )


# --- Token helpers --------------------------------------------------------------

_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "'m"})
_CLAUSE_BREAK_WORDS = frozenset(
    {"that", "whether", "which", "who", "whom", "if", "because", "as", "since", "while", "whilst",
     "although", "though", "and", "but", "or", "so", "when", "where", "than", "unless", "nor"}
)
_RESET_WORDS = frozenset({"but", "however", "nevertheless", "nonetheless", "yet", "although", "though", "whilst", "while"})
_SUBORDINATORS = frozenset({"although", "though", "while", "whilst", "as", "since", "because", "given", "whereas", "after", "following", "once"})
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ld|pt|nt|ht|und|red|sed)$")
_QUOTE_SPAN = re.compile(r"\"[^\"]{1,200}\"|(?:(?<=^)|(?<=[\s(\[]))'[^']{1,200}'(?=[\s).,;:!?\]]|$)")
_WITHHOLDING_CITE = re.compile(r"(?i)\b(?:section|sections|sec\.?|s\.?|ss\.?)\s*(\d{1,3}[A-Z]?)\s*\(\s*(\d{1,2}[A-Z]?)\s*\)")
_NCND_DUTY = re.compile(r"(?i)duty\s+to\s+confirm\s+or\s+deny|confirm\s+or\s+deny|neither\s+confirm")


_DISCOURSE_NOUNS = frozenset(
    {"reasons", "ways", "points", "duties", "aspects", "factors", "exemptions", "issues", "questions", "parts",
     "elements", "considerations", "tests", "limbs", "stages", "options", "principles", "main", "key"}
)


_FIGURE = re.compile(r"\d[\d,.]*")


def _is_number(text: str, like_num: bool) -> bool:
    # The regex needs a digit first: most tokens fail that test without running it.
    return like_num or (text[:1].isdigit() and _FIGURE.fullmatch(text) is not None)


@dataclass
class _Sent:
    """One sentence's tokens, lower-cased, with what each token is.

    Plain lists of strings and flags rather than spaCy Token objects: a Token
    is created on every access, and the classifier reads each one many times.
    """

    words: list[str]
    texts: list[str]  # each token as written
    punct: list[bool]
    like_num: list[bool]
    text: str
    offsets: list[int]  # char offset of each token within text
    holder: list[bool]
    body: list[bool]
    quoted: list[bool]
    subject_terms: frozenset[str]
    #: (start, end, phrase) of the multi-word hypothetical cues the Matcher found
    phrases: list[tuple[int, int, str]]

    def is_number(self, k: int) -> bool:
        """Token k is a number ("12,500", "ten"): asked of a few tokens, so not precomputed."""
        return _is_number(self.texts[k], self.like_num[k])


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A Doc's (or Span's) tokens as plain lists, read once with ``to_array``.

    A spaCy Token object is created on every access, and the classifier
    reads each token many times; find_leaks reads a block once and every
    sentence of it takes slices.
    """

    texts: list[str]  # as written
    words: list[str]  # lower-cased
    punct: list[bool]
    like_num: list[bool]  # spaCy's LIKE_NUM; see is_number
    idx: list[int]  # character offset of each token, as Token.idx
    text: str

    @classmethod
    def of(cls, tokens) -> "_Tokens":
        from spacy.attrs import IS_PUNCT, LIKE_NUM, LOWER, ORTH, SPACY

        strings = tokens.vocab.strings
        rows = tokens.to_array([ORTH, LOWER, IS_PUNCT, LIKE_NUM, SPACY]).tolist()
        texts = [strings[row[0]] for row in rows]
        # A token starts where the one before ends, plus its trailing space (0 or 1):
        # how spaCy itself counts Token.idx and joins the text.
        pieces = [t + " " if row[4] else t for t, row in zip(texts, rows)]
        idx = list(accumulate(map(len, pieces), initial=0))[:-1]
        return cls(
            texts=texts,
            words=[strings[row[1]] for row in rows],
            punct=[bool(row[2]) for row in rows],
            like_num=[bool(row[3]) for row in rows],
            idx=idx,
            text="".join(pieces),
        )


def _build(span, subject_terms: frozenset[str], table: _Tokens | None = None) -> _Sent:
    """The sentence ``span`` as a _Sent; ``table`` holds the tokens of the span's whole Doc, if read already."""
    from ncnd_check.analysis.authorities import find_mentions

    if table is None:
        table, first = _Tokens.of(span), 0
    else:
        first = span.start
    last = first + len(span)
    texts = table.texts[first:last]
    base = table.idx[first] if texts else 0
    offsets = [i - base for i in table.idx[first:last]]
    text = table.text[base : base + offsets[-1] + len(texts[-1])] if texts else ""  # Span.text
    n = len(texts)
    holder = [False] * n
    body = [False] * n
    for mention in find_mentions(text):
        # The ICO, the NPCC, the College of Policing are never the holder asked.
        flags = body if mention.authority.kind == "body" else holder
        for k, off in enumerate(offsets):
            if mention.start <= off < mention.end:
                flags[k] = True
    quoted = [False] * n
    for m in _QUOTE_SPAN.finditer(text):
        for k, off in enumerate(offsets):
            if m.start() < off < m.end() - 1:
                quoted[k] = True
    return _Sent(
        table.words[first:last], texts, table.punct[first:last], table.like_num[first:last],
        text, offsets, holder, body, quoted, subject_terms, _phrases(span),
    )


@cache
def _phrase_matcher():
    """A spaCy PhraseMatcher over lower-cased tokens for the multi-word hypothetical cues.

    Each phrase is a Doc of its words as written (not re-tokenised), so it
    matches exactly what a token Matcher with ``{"LOWER": word}`` patterns
    would, about 30 times faster (a hash look-up per token, not a state machine).
    """
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    from ncnd_check.analysis.nlp import get_nlp

    vocab = get_nlp().vocab
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for phrase in cues().hypothetical_phrases:
        matcher.add(" ".join(phrase), [Doc(vocab, words=list(phrase))])
    return matcher


def _phrases(span) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every hypothetical phrase, as token offsets within the span."""
    strings = span.doc.vocab.strings if hasattr(span, "doc") else span.vocab.strings
    base = getattr(span, "start", 0)  # the PhraseMatcher gives offsets in the whole Doc
    return sorted((start - base, end - base, strings[match_id]) for match_id, start, end in _phrase_matcher()(span))


def _has_phrase(s: "_Sent", start: int, end: int) -> str | None:
    return next((phrase for a, b, phrase in s.phrases if a >= start and b <= end), None)


def _scope_start(s: _Sent, i: int) -> int:
    """Where the clause holding token i starts, for the purpose of hypothetical markers."""
    start = 0
    for k in range(i - 1, -1, -1):
        w = s.words[k]
        if w in (";", ":") or (w in _RESET_WORDS and k > 0 and s.words[k - 1] in (",", ";")):
            start = k + 1
            break
        if w == "," and k > 0:
            # "Although ... , <main clause>": the subordinate clause's markers do not carry over.
            lead = next((j for j in range(k - 1, -1, -1) if s.words[j] in (",", ";")), -1) + 1
            if s.words[lead] in _SUBORDINATORS or s.words[lead] in _RESET_WORDS:
                start = k + 1
                break
    return start


def _verb_group(s: _Sent, i: int) -> int:
    """Index of the first token of the auxiliaries/adverbs just before token i."""
    c = cues()
    k = i
    while k - 1 >= 0:
        w = s.words[k - 1]
        if w in c.verb_group or (w.endswith("ly") and w.isalpha() and len(w) > 3):
            k -= 1
            continue
        break
    return k


_PREPOSITIONS = frozenset({"for", "of", "in", "on", "at", "from", "with", "by", "to", "about", "during", "over", "under", "within"})


def _subject(s: _Sent, end: int) -> tuple[int, int]:
    """The subject noun phrase ending before ``end``: (start, end) token indices.

    A coordinated verb ("The unit was set up in 2019 and has eight officers")
    takes the subject of the first clause.
    """
    k = end
    limit = max(0, end - 8)
    while k - 1 >= limit:
        w = s.words[k - 1]
        if w == "that" and k - 2 >= 0 and s.words[k - 2] in _PREPOSITIONS:
            k -= 1  # "the diary for that week": a determiner
            continue
        if w in _CLAUSE_BREAK_WORDS or (s.punct[k - 1] and w not in ("'s", "-", "&")):
            break
        k -= 1
    if k == end and k > 0 and s.words[k - 1] in ("and", "but"):
        first_verb = next((j for j in range(k - 1) if s.words[j] in cues().verb_group), None)
        if first_verb:
            start = next((j + 1 for j in range(first_verb - 1, -1, -1) if s.words[j] in _CLAUSE_BREAK_WORDS or s.punct[j]), 0)
            return start, first_verb
    return k, end


def _assertion_frame_end(s: _Sent, start: int, i: int) -> int | None:
    """The index after an assertion frame ("I can confirm that") between start and i, if any."""
    c = cues()
    found = None
    for k in range(start, i):
        if s.words[k] not in c.assert_verbs:
            continue
        g = k
        while g - 1 >= start and s.words[g - 1] in c.assert_aux:
            g -= 1
        group = s.words[g:k]
        if any(w in c.negations for w in group) or (("would" in group or "should" in group) and "like" not in group):
            continue
        if "to" in group and not any(w in ("able", "like", "wish", "pleased", "writing", "happy") for w in group):
            continue  # "were the force to state that ...": an infinitive, not an assertion
        if g - 1 < start:
            # "Please be advised that ..." at the start of the sentence
            if group and group[0] == "please":
                found = k + 1
            continue
        head = s.words[g - 1]
        if head in c.holders or s.holder[g - 1] or head in ("letter", "response", "reply", "email"):
            found = k + 1
    if found is not None and found < i and s.words[found] == "that":
        found += 1
    return found


def _markers(s: _Sent, start: int, end: int) -> tuple[str | None, str | None]:
    """(label, word) of the first hypothetical or discussion marker in [start, end)."""
    c = cues()
    phrase = _has_phrase(s, start, end)
    for k in range(start, end):
        w = s.words[k]
        if w in c.discussion:
            return "discussion", s.texts[k]
        if w in c.hypothetical:
            if w == "any" and k > 0 and s.words[k - 1] == "in":
                continue  # "in any event"
            if w == "were" and k != start and "to" not in s.words[k + 1 : k + 5]:
                continue  # "there were two occasions": not the subjunctive "Were we to ..."
            return "hypothetical", s.texts[k]
    if phrase:
        return "hypothetical", phrase
    return None, None


def _right_hypothetical(s: _Sent, i: int) -> str | None:
    return _has_phrase(s, i, min(len(s.words), i + 8))


_PRONOUNS = frozenset({"it", "this", "these", "they", "them", "that", "those"})


def _is_info(s: _Sent, start: int, end: int) -> bool:
    """Does the phrase stand for the requested information ("the figures", "no records", "it")?"""
    c = cues()
    words = s.words[start:end]
    if any(w in c.letter_nouns for w in words) or any(s.body[start:end]):
        return False  # "this letter", "the ICO's guidance": the letter and its enclosures
    content = [w for w in words if w not in ("all", "of", "some", "none", "any")]
    for w in words:
        if w in _PRONOUNS:
            if len(content) == 1:
                return True  # "it is held": the pronoun is the whole subject
            continue  # "this letter": a determiner, not the information
        if w in c.info_nouns or _term(w) in s.subject_terms:
            return True
    return False


#: A word's form as a subject term ("policies" -> "policy"), as content_terms makes them.
_term = singular


_GENERIC_DETERMINERS = frozenset({"each", "every", "any", "all", "other", "another", "individual", "a", "an", "some", "many", "most", "no"})


def _is_holder(s: _Sent, start: int, end: int) -> bool:
    c = cues()
    if end <= start:
        return False
    head = end - 1
    if s.body[head]:
        return False
    if any(w in _GENERIC_DETERMINERS for w in s.words[start:head]):
        return False  # "each force", "any authority": forces in general, not this one
    if s.holder[head] or s.words[head] in c.holders:
        return True
    return "our" in s.words[start:end]


def _object_generic(s: _Sent, i: int) -> bool:
    """Is what follows the verb at i generic ("a range of tactics", "its responsibilities")?"""
    c = cues()
    obj = []
    for k in range(i + 1, min(len(s.words), i + 10)):
        w = s.words[k]
        if s.punct[k] or w in ("to", "for", "which", "that", "in", "because", "so", "as", "when"):
            break
        obj.append(w)
    if not obj:
        return False
    tail = s.words[i + 1 : i + 13]
    if any(w in ("your", "request", "requested", "relevant", "pertinent", "about", "regarding", "concerning", "relating", "pertaining", "relation") or _term(w) in s.subject_terms for w in tail):
        return False  # tied to this request: "information in relation to your request"
    content = [w for w in obj if w not in c.object_openers]
    return not content or content[0] in c.generic_objects


_SPECIFIC_ANTECEDENT = frozenset({"your", "request", "requested", "relevant", "pertinent", "only", "this", "these", "such", "that"})


def _generic_relative(s: _Sent, subject_start: int, i: int) -> bool:
    """ "... protect the information it holds.": a relative clause about information in general."""
    k = subject_start - 1
    if k >= 0 and s.words[k] in ("that", "which"):
        k -= 1
    if k < 0 or s.words[k] not in cues().info_nouns or s.words[k] in ("it", "this", "these", "they", "them"):
        return False
    antecedent = s.words[max(0, k - 4) : k]
    if any(w in _SPECIFIC_ANTECEDENT for w in antecedent):
        return False
    rest = [s.words[k] for k in range(i + 1, len(s.words)) if not s.punct[k]]
    return not rest or rest[0] in ("securely", "safely", "is", "are", "must", "should", "will", "and", "to", "for", "in")


#: Things a force "has" that are not information: "has a duty", "has a strong interest".
_NOT_POSSESSIONS = frozenset(
    {"duty", "responsibility", "obligation", "interest", "role", "right", "need", "requirement", "aim", "view",
     "position", "approach", "commitment", "statutory", "legal", "legitimate", "strong", "clear", "important",
     "public", "significant", "vital", "key", "long", "number", "range", "variety", "wide", "great", "lot",
     "policy", "process", "procedure", "system"}
)
#: Verbs before an -ing form that make it a verb: "stopped using", "began trialling".
_ASPECT_VERBS = frozenset({"stopped", "ceased", "started", "began", "begun", "continue", "continues", "continued", "keep", "keeps", "kept"})


def _infinitive(group: list[str]) -> bool:
    """ "to hold", "to be operated", "not to use"; not "the database you refer to is used"."""
    if "to" not in group:
        return False
    after = group[len(group) - 1 - group[::-1].index("to") + 1 :]
    return all(w in ("be", "have", "been", "not", "never", "also", "only", "continue") for w in after)


def _generic_agent(s: _Sent, i: int) -> bool:
    """A passive whose agent is forces in general: "withheld by police forces across the country"."""
    n = len(s.words)
    if i + 1 >= n or s.words[i + 1] != "by":
        return False
    agent = range(i + 2, min(n, i + 6))
    if any(s.holder[k] for k in agent):
        return False
    return not any(s.words[k] in cues().holders for k in agent)


def _cite_is_withholding(text: str) -> bool:
    from ncnd_check.law import is_withholding_subsection

    for m in _WITHHOLDING_CITE.finditer(text):
        try:
            if is_withholding_subsection(f"s{m.group(1)}({m.group(2)})"):
                return True
        except Exception:  # noqa: BLE001 - an id the statute table does not know
            continue
    return False


# --- The classifier ---------------------------------------------------------------


@dataclass
class _Cue:
    index: int
    kind: str
    negated: bool = False
    subject: tuple[int, int] = (0, 0)


_IRREGULAR_PARTICIPLES = frozenset(
    {"held", "kept", "found", "bought", "spent", "run", "shown", "withheld", "sent", "made", "given", "known", "seen",
     "taken", "done", "put", "set", "sold"}
)


def _passive(word: str, group: list[str]) -> bool:
    """A be-form before a participle, with no "to" between ("were unable to locate" is active)."""
    last_be = max((k for k, w in enumerate(group) if w in _BE), default=-1)
    if last_be < 0 or "to" in group[last_be:]:
        return False
    return word.endswith("ed") or word in _IRREGULAR_PARTICIPLES or word in ("available", "in")


#: The cue words _find_cues tests for literally (the others come from leak_cues.toml).
_IN_USE_WORDS = ("use", "operation", "service")
_AVAILABLE = "available"
_EXEMPT = "exempt"
_THERE = "there"
_COST_WORDS = ("cost", "costs")
_CURRENCY = ("£", "$", "€")


def _find_cues(s: _Sent) -> list[_Cue]:
    out: list[_Cue] = []
    starts = _cue_starts()
    for i, w in enumerate(s.words):
        if w not in starts or s.punct[i]:
            continue  # no cue can start here: skip the tests
        kind = _cue_kind(s, i)
        if kind is None:
            continue
        cue = _check_cue(s, i, kind)
        if cue is not None:
            out.append(cue)
    return out


def _cue_kind(s: _Sent, i: int) -> str | None:
    """What kind of cue word i could be, before its subject and verb group are checked."""
    words, n, w = s.words, len(s.words), s.words[i]
    if w in _IN_USE_WORDS and i > 0 and words[i - 1] == "in" and any(x in _BE for x in words[max(0, i - 4) : i - 1]):
        return "in-use"
    kind = _word_kinds().get(w)
    if kind is not None:
        return kind
    if w == _AVAILABLE and any(x in _BE for x in words[max(0, i - 3) : i]):
        return "possess"
    if w == _THERE and i + 1 < n and words[i + 1] in _BE:
        return "existential"
    if w in _BE and i + 1 < n and (words[i + 1] in _CURRENCY or s.is_number(i + 1)):
        return "figure"
    if w in _COST_WORDS and i + 1 < n and words[i + 1] in _CURRENCY:
        return "figure"  # "the licence cost £12,500"
    return None


class _Site(NamedTuple):
    """Where a cue word sits: its verb group, its subject, and whether it is negated or passive.

    A tuple, so each cue check unpacks it in one line.
    """

    s: _Sent
    i: int
    words: list[str]
    n: int
    nxt: str
    vg: int
    group: list[str]
    negated: bool
    subj: tuple[int, int]
    passive: bool


def _site(s: _Sent, i: int) -> _Site:
    words = s.words
    n = len(words)
    nxt = words[i + 1] if i + 1 < n else ""
    vg = _verb_group(s, i)
    group = words[vg:i]
    c = cues()
    negated = any(w in c.negations for w in group) or nxt in ("no", "none", "nothing")
    if "no" in group and "longer" in group:
        negated = True
    return _Site(s, i, words, n, nxt, vg, group, negated, _subject(s, vg), _passive(words[i], group))


def _check_in_use(site: _Site) -> _Cue | None:
    """The information "is currently in use"."""
    c = cues()
    s, i, words, vg, group, negated, subj = site.s, site.i, site.words, site.vg, site.group, site.negated, site.subj
    kind = "in-use"
    vg = _verb_group(s, i - 1)
    group = words[vg : i - 1]
    subj = _subject(s, vg)
    subject_words = words[subj[0] : subj[1]]
    definite = any(w in ("the", "this", "that", "these", "those", "such", "no", "your", "it", "they") for w in subject_words)
    if not (definite or _is_info(s, *subj)):
        return None
    negated = any(w in c.negations for w in group) or any(w in ("no", "none") for w in subject_words)
    return _Cue(i, "possess", negated, subj)


def _check_existential(site: _Site) -> _Cue | None:
    """Cue: "There are no records of ...", "there were 12 incidents"."""
    s, i, words, n = site.s, site.i, site.words, site.n
    kind = "existential"
    k = i + 2
    while k < n and words[k] in ("currently", "also", "still", "only", "now", "therefore", "not"):
        k += 1
    if k >= n:
        return None
    det = words[k]
    window_end = min(n, k + 5)
    if det in ("no", "none", "nothing") or words[i + 2 : k].count("not"):
        if _is_info(s, k, window_end) or det == "nothing":
            return _Cue(i, kind, True, (i, i + 1))
        return None
    if s.is_number(k) or det in ("several",):
        noun = words[k + 1] if k + 1 < n else ""
        if noun in _DISCOURSE_NOUNS:
            return None  # "there are two duties", "there are three reasons"
        return _Cue(i, kind, False, (i, i + 1))
    if det in ("some", "a") and _is_info(s, k, window_end) and "number" in words[k:window_end]:
        return _Cue(i, kind, False, (i, i + 1))
    return None


def _check_attach(site: _Site) -> _Cue | None:
    """Cue: "Please find attached a copy of the policy" (not the letter's own leaflets)."""
    c = cues()
    i, words, nxt, subj = site.i, site.words, site.nxt, site.subj
    kind = "attach"
    if nxt == "to" or (i > 0 and words[i - 1] in ("importance", "weight", "significance", "value", "conditions")):
        return None
    if any(w in c.letter_nouns for w in words[max(0, i - 6) : i + 7]):
        return None  # "please find attached our response", "the attached leaflet on your rights"
    return _Cue(i, kind, False, subj)


def _check_show(site: _Site) -> _Cue | None:
    """Cue: "The table below shows the figures"."""
    c = cues()
    i, words, nxt, subj, passive = site.i, site.words, site.nxt, site.subj, site.passive
    kind = "show"
    after = [w for w in words[i + 1 : i + 6] if w not in c.object_openers and w not in ("out", "below", "above")]
    if after and (after[0] in c.generic_objects or after[0] in c.letter_nouns or after[0] in _DISCOURSE_NOUNS or after[0] in ("harm", "reasons", "why", "how")):
        return None  # "the table below sets out the exemptions relied upon"
    if words[subj[0] : subj[1]] and any(w in c.show_subjects for w in words[subj[0] : subj[1]]):
        if words[i] in ("details", "lists", "sets") and not passive and subj[1] - subj[0] > 0:
            # "details" is usually a noun; only "the table below details ..." counts
            if not any(w in ("below", "above", "attached", "enclosed") for w in words[subj[0] : subj[1]]):
                return None
        return _Cue(i, kind, False, subj)
    if words[i] == "shown" and (nxt in ("below", "above", "in") and any(w in c.show_subjects for w in words[i + 1 : i + 5])):
        return _Cue(i, kind, False, subj)
    return None


def _check_exempt(site: _Site) -> _Cue | None:
    """Cue: "Exempt from disclosure" or exempt under a withholding subsection (24(1), 31(1))."""
    s, i, subj = site.s, site.i, site.subj
    kind = "exempt"
    rest = s.text[s.offsets[i] :]
    if _NCND_DUTY.search(rest[:120]):
        return None
    if not (re.match(r"(?i)exempt\s+from\s+(?:disclosure|release|publication)", rest) or _cite_is_withholding(rest[:160])):
        return None
    if not (_is_info(s, *subj) or _is_holder(s, *subj)):
        return None
    return _Cue(i, kind, False, subj)


def _check_withhold(site: _Site) -> _Cue | None:
    """Cue: "This information has been withheld", "we are withholding", "redacted"."""
    s, i, words, group, subj, passive = site.s, site.i, site.words, site.group, site.subj, site.passive
    kind = "withhold"
    if words[i] in ("withhold",) and "to" in group and not _is_holder(s, *subj):
        return None
    if passive:
        definite = any(w in ("the", "this", "that", "these", "those", "some", "all", "certain") for w in words[subj[0] : subj[1]])
        if not (_is_info(s, *subj) or definite) or _generic_agent(s, i):
            return None
    elif not (_is_holder(s, *subj) or words[i] in ("withheld", "redacted")):
        return None
    return _Cue(i, kind, False, subj)


def _check_release(site: _Site) -> _Cue | None:
    """Cue: "We will not be providing the figures": refusing something definite."""
    s, i, words, n, group, subj, passive = site.s, site.i, site.words, site.n, site.group, site.subj, site.passive
    kind = "release"
    if not _is_holder(s, *subj) or passive and not any(w in ("be", "being") for w in group):
        return None
    obj = words[i + 1 : i + 6]
    if not obj or obj[0] not in ("the", "this", "these", "those", "that", "such", "any", "it", "them"):
        return None
    if obj[0] in ("it", "them"):
        return _Cue(i, kind, False, subj)
    if not _is_info(s, i + 1, min(n, i + 6)):
        return None
    if obj[0] == "any":
        return None
    return _Cue(i, kind, False, subj)


def _check_locate(site: _Site) -> _Cue | None:
    """Cue: "We have located three documents", "searches found no records"."""
    s, i, words, n, nxt, vg, group, negated, subj, passive = site
    kind = "locate"
    subject_words = words[subj[0] : subj[1]]
    searched = any(w.startswith(("search", "enquir", "inquir", "check", "review", "trawl")) for w in subject_words)
    if words[i] in ("find", "finds", "locate", "locates", "identify", "identifies", "trace", "retrieve") and not ("to" in group and ("unable" in group or "failed" in group)):
        if not searched:
            return None
    if passive:
        if not _is_info(s, *subj) or (words[i] == "found" and nxt in ("at", "on", "in", "via", "here", "online", "below")):
            return None
        negated = negated or any(w in ("no", "none", "nothing") for w in words[subj[0] : subj[1]])
    elif not (_is_holder(s, *subj) or searched):
        return None
    if not passive and not negated and not searched:
        # "we have located", "we identified": must be a finite past, with an object
        if not ({"have", "has", "had"} & set(group) or words[i] in ("located", "found", "identified", "retrieved", "traced", "discovered", "uncovered")):
            return None
    return _Cue(i, kind, negated, subj)


def _check_exist(site: _Site) -> _Cue | None:
    """Cue: "No such records exist", "records of these meetings exist"."""
    c = cues()
    s, i, words, negated, subj = site.s, site.i, site.words, site.negated, site.subj
    kind = "exist"
    if words[i] == "existing":
        return None
    if not _is_info(s, *subj):
        return None
    specific = any(w in c.specific_markers for w in words[subj[0] : subj[1]])
    if not specific and not negated:
        return None
    return _Cue(i, kind, negated or any(w in ("no", "none") for w in words[subj[0] : subj[1]]), subj)


def _check_possess(site: _Site) -> _Cue | None:
    """Cue: "The force holds / uses / has / purchased ...", active or passive."""
    c = cues()
    s, i, words, n, nxt, vg, group, negated, subj, passive = site
    kind = "possess"
    if _infinitive(group) and not ("unable" in group or "failed" in group or "able" in group):
        return None  # "to hold", "expects cameras to be operated": an infinitive, not an assertion
    if words[i] in ("have", "has", "had"):
        counted = i + 1 < n and s.is_number(i + 1)
        if nxt in _BE or nxt == "to" or (not counted and nxt and _PARTICIPLE.search(nxt) and nxt not in c.info_nouns and nxt != "no"):
            return None  # an auxiliary ("has been", "have considered") or "have to"
        thing = words[i + 2] if nxt in ("a", "an") and i + 2 < n else ""
        owns_a_thing = bool(thing) and thing.isalpha() and thing not in _NOT_POSSESSIONS
        if not (nxt in ("no", "none", "nothing") or counted or negated or owns_a_thing):
            obj_terms = {_term(w) for w in words[i + 1 : i + 6]}
            if not (obj_terms & s.subject_terms):
                return None
    if words[i] in ("hold", "holds", "holding") and "account" in words[i + 1 : i + 7] and "to" in words[i + 1 : i + 7]:
        return None  # "hold the force to account"
    if words[i].endswith("ing") and not any(w in _BE or w in _ASPECT_VERBS for w in group):
        return None  # "using", "trialling": only as a verb ("we are using", "stopped using")
    if i > 0 and words[i - 1] in ("the", "a", "an", "its", "their", "our", "this", "of") and words[i] in ("use", "record", "records", "purchase", "run", "spend"):
        return None  # a noun: "the use of", "a record of"
    if words[i] in ("available", "published", "publish", "publishes") and passive:
        subject_words = words[subj[0] : subj[1]]
        tied = subject_words[:1] and subject_words[0] in ("the", "this", "these", "that", "those", "such", "no", "it")
        tied = tied or any(w in ("requested", "request", "asked", "you") or _term(w) in s.subject_terms for w in subject_words)
        if not tied or not _is_info(s, *subj):
            return None  # "further information about the Act is available at ..."
    if passive:
        subject_words = words[subj[0] : subj[1]]
        definite = any(w in ("the", "this", "that", "these", "those", "such", "no", "your") for w in subject_words)
        owned = subject_words[:1] in (["the"], ["this"], ["these"], ["those"], ["your"], ["our"]) and (
            "'s" in subject_words or words[i] in ("held", "kept", "retained", "stored", "recorded", "maintained")
        )
        letterish = any(w in c.letter_nouns for w in subject_words) or any(s.body[subj[0] : subj[1]])
        if letterish or not (_is_info(s, *subj) or (words[i] in c.use and definite) or owned):
            return None
        if not (any(w in c.specific_markers for w in subject_words) or {_term(w) for w in subject_words} & s.subject_terms):
            return None  # "Information is held securely by forces": generic
        if _generic_agent(s, i):
            return None  # "held by police forces" in general
        negated = negated or any(w in ("no", "none", "nothing") for w in subject_words)
        return _Cue(i, "possess", negated, subj)
    if not _is_holder(s, *subj):
        return None
    if _generic_relative(s, subj[0], i):
        return None
    if words[i] in ("receive", "receives", "received", "signed", "issued", "issue", "issues") and any(
        w in c.letter_nouns or w in ("request", "requests", "your", "you", "enquiry", "enquiries", "correspondence") for w in words[i + 1 : i + 8]
    ):
        return None  # "we received your request", "I have signed this response": the letter, not the information
    if _object_generic(s, i) and not negated:
        return None
    return _Cue(i, "possess", negated, subj)


#: Subjects of "is <number>" that are about the letter or the Act, not the information.
_NOT_FIGURES = frozenset(
    {"limit", "fee", "fees", "charge", "deadline", "date", "reference", "section", "sections", "page", "paragraph",
     "version", "telephone", "phone", "tel", "time", "year", "age", "code", "postcode", "extension"}
)


def _check_figure(site: _Site) -> _Cue | None:
    """Cue: "The unit's budget for 2024/25 is £1.2 million": a figure stated for something definite."""
    s, i, words = site.s, site.i, site.words
    subj = _subject(s, i)
    subject_words = words[subj[0] : subj[1]]
    if not subject_words or subject_words[0] not in ("the", "our", "its", "this", "these") and "'s" not in subject_words:
        return None
    if any(w in _NOT_FIGURES or w in cues().letter_nouns for w in subject_words) or any(s.body[subj[0] : subj[1]]):
        return None
    if s.words[i + 1] not in ("£", "$", "€") and "(" in s.text[s.offsets[i + 1] : s.offsets[i + 1] + 6]:
        return None  # "is 24(2)": a citation
    return _Cue(i, "possess", False, subj)


_CHECKS = {
    "in-use": _check_in_use,
    "existential": _check_existential,
    "attach": _check_attach,
    "show": _check_show,
    "exempt": _check_exempt,
    "withhold": _check_withhold,
    "release": _check_release,
    "locate": _check_locate,
    "exist": _check_exist,
    "possess": _check_possess,
    "figure": _check_figure,
}


def _check_cue(s: _Sent, i: int, kind: str) -> _Cue | None:
    """A cue word counts when its subject and verb group make it a statement about the information."""
    return _CHECKS[kind](_site(s, i))


def _label_for(cue: _Cue) -> str:
    if cue.kind in ("withhold", "exempt", "attach", "show", "release"):
        return "indirect"
    return "not-held" if cue.negated else "held"


def _judge(s: _Sent, cue: _Cue) -> Verdict:
    """The verdict for one cue: a leak unless something scopes it."""
    c = cues()
    i = cue.index
    word = s.texts[i]
    if s.quoted[i]:
        return Verdict("hypothetical", word, "quoted")
    start = _scope_start(s, i)
    frame = _assertion_frame_end(s, start, i)
    if frame is not None:
        start = frame
    vg = _verb_group(s, i) if cue.kind != "existential" else i
    group = s.words[vg:i]
    modal = next((w for w in group if w in c.modals), None)
    past_ability = modal in ("could", "can") and cue.kind == "locate" and cue.negated
    if modal and not (modal in ("can", "will") and cue.kind in ("withhold", "release")) and not past_ability:
        return Verdict("hypothetical", f"{modal} {word}", cue.kind)
    label, marker = _markers(s, start, vg)
    if label:
        return Verdict(label, f"{marker} ... {word}", cue.kind)
    right = _right_hypothetical(s, i)
    if right and right not in ("such as", "for example", "for instance"):
        return Verdict("hypothetical", f"{word} ... {right}", cue.kind)
    end = i + 1
    if end < len(s.words) and s.words[end] in ("no", "none", "nothing", "under", "from", "by"):
        end += 1
    cue_text = s.text[s.offsets[cue.subject[0]] if cue.subject[1] > cue.subject[0] else s.offsets[i] : s.offsets[end - 1] + len(s.texts[end - 1])]
    return Verdict(_label_for(cue), cue_text.strip(), cue.kind)


def classify_span(span, subject_terms: Iterable[str] = (), table: _Tokens | None = None) -> Verdict:
    """Classify one sentence (a spaCy Span or Doc); ``table``: its Doc's tokens, if read already."""
    c = cues()
    s = _build(span, frozenset(subject_terms), table)
    text = s.text.strip()
    if not s.words:
        return Verdict("none")
    if text.endswith("?"):
        return Verdict("discussion", None, "question")
    if _is_answer(text):
        return Verdict("not-held", text, "answer")
    best: Verdict | None = None
    for cue in _find_cues(s):
        verdict = _judge(s, cue)
        if verdict.is_leak:
            return verdict
        if best is None:
            best = verdict
    if best is not None:
        return best
    if _NCND_DUTY.search(text) or any(w in c.discussion for w in s.words):
        return Verdict("discussion")
    return Verdict("none")


def classify_text(text: str, subject_terms: Iterable[str] = ()) -> list[tuple[str, Verdict]]:
    """Split ``text`` into sentences and classify each (for tests and the CLI dump)."""
    from ncnd_check.analysis.nlp import process
    from ncnd_check.normalise import normalise_for_matching

    doc = process([normalise_for_matching(text)])[0]
    return [(sent.text, classify_span(sent, subject_terms)) for sent in doc.sents]


def classify_sentence(text: str, subject_terms: Iterable[str] = ()) -> Verdict:
    """Classify ``text`` as one sentence (whatever punctuation it holds)."""
    from ncnd_check.analysis.nlp import make_doc
    from ncnd_check.normalise import normalise_for_matching

    return classify_span(make_doc(normalise_for_matching(text))[:], subject_terms)


# --- Over a whole draft -------------------------------------------------------------


def _docs(analysis: "Analysis") -> list:
    blocks = analysis.document.blocks
    if len(analysis.docs) == len(blocks) and all(d is not None for d in analysis.docs):
        return list(analysis.docs)
    from ncnd_check.analysis.nlp import process

    return process([b.norm for b in blocks])


@cache
def _word_kinds() -> dict[str, str]:
    """The cue kind each listed word starts, the first list that holds it winning
    (possess, locate, exist, withhold, exempt, attach, show, release: the order
    _find_cues has always tested them in)."""
    c = cues()
    kinds: dict[str, str] = {}
    for kind, words in (
        ("possess", c.possess), ("locate", c.locate), ("exist", c.exist), ("withhold", c.withhold),
        ("exempt", (_EXEMPT,)), ("attach", c.attach), ("show", c.show), ("release", c.release),
    ):
        for word in words:
            kinds.setdefault(word, kind)
    return kinds


@cache
def _cue_words() -> frozenset[str]:
    """Every lower-cased word that can start a cue in :func:`_find_cues`, built from the same data.

    A sentence holding none of them has no cue, so :func:`classify_span` can
    only call it a question, a discussion, "none" or, if it is a bare answer
    ("Nil return."), not held: find_leaks tests that with :func:`_is_answer`,
    the test classify_span itself uses. The set is
    the union of the cue kinds' word lists in leak_cues.toml and the literal
    words _find_cues tests (the same constants), so it cannot fall out of step
    with them. A be-form only starts a cue ("figure") before a number or a
    currency sign; :func:`_may_leak` tests that pair on its own.
    """
    return frozenset(_word_kinds()).union(_IN_USE_WORDS, _COST_WORDS, (_AVAILABLE, _THERE))


@cache
def _cue_starts() -> frozenset[str]:
    """Every word at which _find_cues can find a cue: the cue words plus the be-forms ("figure")."""
    return _cue_words() | _BE


def _may_leak(table: _Tokens, start: int, end: int) -> bool:
    """Whether tokens [start, end) hold a cue word, or a be-form before a number or currency sign.

    A cheap test on lower-cased strings (no Token objects, no _Sent): about a
    third of the NCND blocks' sentences in a typical draft fail it and skip the classifier.
    """
    words = table.words[start:end]
    if not _cue_words().isdisjoint(words):
        return True
    return any(
        words[k] in _BE and (words[k + 1] in _CURRENCY or _is_number(table.texts[j + 1], table.like_num[j + 1]))
        for k, j in enumerate(range(start, end - 1))
    )


def _is_answer(text: str) -> bool:
    """A bare "not held" answer ("Nil return.", "None"): its letters and spaces are one of the answers."""
    return re.sub(r"[^a-z ]", "", text.lower()).strip() in cues().not_held_answers


#: The sentences of a block text that may leak (see :func:`_candidates`), by text.
_CANDIDATES: Recent[tuple] = Recent(PARAGRAPHS)
#: Verdicts by (sentence text, the request's terms among its words).
_VERDICTS: Recent[Verdict] = Recent(SENTENCES)


class _Candidate(NamedTuple):
    """A sentence of a block that :func:`_may_leak` lets through, with what its verdict depends on."""

    start: int  # token offsets in the block's Doc
    end: int
    start_char: int
    end_char: int
    text: str
    #: The subject-term forms of its words: only these of the request's terms can matter.
    terms: frozenset[str]


def _candidates(table: _Tokens, doc) -> tuple[_Candidate, ...]:
    """The sentences of a block's Doc that need the classifier (the rest cannot leak)."""
    out = []
    for sent in doc.sents:
        sentence = table.text[sent.start_char : sent.end_char]  # Span.text, without joining Tokens again
        if not _may_leak(table, sent.start, sent.end) and not _is_answer(sentence.strip()):
            continue
        terms = frozenset(map(singular, set(table.words[sent.start : sent.end])))
        out.append(_Candidate(sent.start, sent.end, sent.start_char, sent.end_char, sentence, terms))
    return tuple(out)


def find_leaks(analysis: "Analysis", blocks: Iterable[int] | None = None, subject: str | None = None) -> list[LeakSentence]:
    """Every sentence of the given body blocks that asserts or reveals whether information is held.

    Sentences that :func:`_may_leak` rules out (no cue word) are not
    classified: their verdict could not be a leak. A sentence's verdict
    depends only on its tokens and on which of the request's terms it holds,
    so verdicts are remembered by (text, those terms): template wording is
    classified once per process, not once per letter. A block's tokens are
    read into a :class:`_Tokens` table only when one of its sentences is new.
    """
    from ncnd_check.analysis.subject import content_terms

    terms = frozenset(content_terms(subject)) if subject else frozenset()
    wanted = set(blocks) if blocks is not None else None
    docs = _docs(analysis)
    out: list[LeakSentence] = []
    for block, doc in zip(analysis.document.blocks, docs):
        if wanted is not None and block.index not in wanted:
            continue
        if doc is None:
            continue
        table = None
        candidates = _CANDIDATES.get(block.norm)
        if candidates is None:
            table = _Tokens.of(doc)
            candidates = _CANDIDATES.put(block.norm, _candidates(table, doc))
        for cand in candidates:
            key = (cand.text, cand.terms & terms)
            verdict = _VERDICTS.get(key)
            if verdict is None:
                table = table or _Tokens.of(doc)
                verdict = _VERDICTS.put(key, classify_span(doc[cand.start : cand.end], key[1], table))
            if verdict.is_leak:
                out.append(LeakSentence(block.index, cand.start_char, cand.end_char, cand.text, verdict))
    return out
