"""A sentence's verdict from its clauses: does it, in the responder's voice, say the information is held?

Each clause (:mod:`.clauses`) is asked, in order: is it asserted
(:mod:`.scope`)? is it in the responder's voice, and about the requested
information (:mod:`.ties`)? The first clause that passes decides the label
(held, not-held, indirect); otherwise the sentence is hypothetical,
discussion or none, after the first reason that stopped a clause.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ncnd_check import law
from ncnd_check.analysis.subject import singular

from .clauses import Clause, clauses_of
from .scope import blocking_reason
from .ties import is_holder, is_requested, partitive_head, phrase_words, points_at_request
from .vocab import vocab

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["judge"]

#: A provision cited in the sentence: 24(1), 31(1)(a), 40(2), 43(2).
_CITE = re.compile(r"\b(\d{2}A?)\s*\((\d{1,2}[A-Z]?)\)", re.IGNORECASE)


def _cites_withholding(text: str) -> bool:
    """Whether the sentence cites a withholding (s1(1)(b)) subsection, by the statute table."""
    return any(law.is_withholding_subsection(f"s{sec.upper()}({sub.upper()})") for sec, sub in _CITE.findall(text))


def judge(doc: "Doc", terms: frozenset[str], known_subject: bool | None = None) -> tuple[str, str | None, str | None]:
    """(label, cue, kind) for one parsed sentence.

    ``terms``: the request's words that the sentence holds; ``known_subject``:
    whether the request's subject is known (default: whether ``terms`` is non-empty).
    """
    strict = bool(terms) if known_subject is None else known_subject
    v = vocab()
    text = doc.text.strip()
    if re.sub(r"[^a-z ]", "", text.lower()).strip() in v.not_held_answers:
        return "not-held", text, "answer"
    first_reason: str | None = None
    found = _presupposed(doc, terms) if terms else None
    for clause in clauses_of(doc):
        reason = blocking_reason(clause.predicate, denied=clause.negated and clause.kind in ("locate", "possess"))
        if reason is not None:
            first_reason = first_reason or reason
            continue
        label = _leak_label(clause, terms, text, strict)
        if label is not None:
            return label, _cue(clause), _KIND_NAMES.get(clause.kind, clause.kind)
    if found is not None:
        return "indirect", found, "presupposes"
    return first_reason or "none", None, None


def _presupposed(doc: "Doc", terms: frozenset[str]) -> str | None:
    """An asserted statement about a definite, named part of the request: it exists.

    "The drone logs for the Fernbank Lane site show eleven flights", "The
    Trust's contract with Sentinel Guarding Ltd is worth ...": whatever the
    verb, speaking of the requested thing as a definite fact presupposes it.
    The phrase must be headed by a common noun (not a power, a duty or talk),
    be definite, and carry a named or numbered word of the request (a proper
    noun or a number among the request's terms), so general talk about the
    topic ("the use of facial recognition is controversial") is not caught.
    """
    v = vocab()
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or tok.pos_ != "NOUN":
            continue
        lemma = tok.lemma_.lower()
        if lemma in v.abstract or lemma in v.talk_nouns or lemma in v.request_words:
            continue
        if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any", "no", "every", "each", "some") for c in tok.children):
            continue
        words = [w for w in tok.subtree if w.dep_ != "mark"]
        if {w.lower_ for w in words} & v.general:
            continue
        if {w.lemma_.lower() for w in words} & {"section", "act", "exemption", "foia", "regulation"}:
            continue  # the Act and its provisions, not the request
        named = [
            w for w in words
            if _is_name(w) and singular(w.lower_) in terms and not _in_holder_name(w, v)
        ]
        if _owned(tok, v) and any(singular(w.lower_) in terms for w in words if w.pos_ in ("NOUN", "PROPN", "ADJ")):
            # "our contract with the supplier", "our supplier's contract for the facial recognition
            # units": the responder's own instance of the thing asked about.
            named = [tok]
        if not named or any(w.lower_ in ("your", "you") for w in words):
            continue
        verb = tok.head
        if verb.lemma_.lower() in v.core_talk or blocking_reason(verb) is not None:
            continue
        return doc[min(w.i for w in words) : max(w.i for w in words) + 1].text
    return None


_KIND_NAMES = {"there": "existential"}


def _leak_label(c: Clause, terms: frozenset[str], text: str, strict: bool) -> str | None:
    v = vocab()
    if c.kind == "act":
        # An action on the requested thing says it exists; only with the request's own words.
        voice = (c.agent is None or is_holder(c.agent)) if c.passive else is_holder(c.subject)
        if not (voice and strict and c.object is not None):
            return None
        if points_at_request(c.object):
            return "not-held" if c.negated else "held"
        if not _names_terms(partitive_head(c.object), terms) or c.object.lemma_.lower() in v.abstract:
            return None
        return "not-held" if c.negated else "held"
    if c.kind in ("possess", "use", "locate"):
        voice = (c.agent is None or is_holder(c.agent)) if c.passive else is_holder(c.subject)
        if c.predicate.dep_ == "acl" and c.subject is None and c.object is not None and not _determined(c.object):
            return None  # "information held for the purposes of ...": a class of information, defined
        if c.passive and not c.negated and c.agent is None and c.object is not None and c.object.tag_ == "NNS" and not _determined(c.object):
            return None  # "Electric buses are bought with public funding": a bare plural is a generic statement
        if not voice or not is_requested(c.object, terms, strict):
            return None
        if not strict and c.predicate.lemma_.lower() == "have" and not (
            _counted(c.object) or c.negated or c.object.lemma_.lower() in v.info_nouns
        ):
            return None  # "has" alone is too common: without the request's subject, only a count
        return "not-held" if c.negated else "held"
    if c.kind in ("exist", "there"):
        if not is_requested(c.object, terms, strict=True) and not (not strict and _counted(c.object)):
            return None
        return "not-held" if c.negated else "held"
    if c.kind == "figure":
        return "held"
    if c.kind == "available":
        if c.negated:
            return None
        obj = c.object
        if obj is None or any(t.dep_ == "poss" and t.lower_ not in ("our", "my") for t in obj.children):
            return None  # "The ICO's guidance is available": another body's material
        return "held" if is_requested(obj, terms, strict=True) else None
    if c.kind == "withhold":
        voice = (c.agent is None or is_holder(c.agent)) if c.passive else is_holder(c.subject)
        obj = partitive_head(c.object) if c.object is not None else None
        revealed = is_requested(obj, terms, strict) or (obj is not None and obj.lemma_.lower() in v.info_nouns)
        return "indirect" if voice and revealed else None
    if c.kind == "exempt":
        from_disclosure = any(t.lower_ == "disclosure" for t in c.predicate.subtree)
        if c.negated or not (from_disclosure or _cites_withholding(text)):
            return None
        return "indirect" if is_requested(c.object, terms, strict=True) else None
    if c.kind == "attach":
        lemmas = {t.lemma_.lower() for t in c.predicate.sent}
        return None if lemmas & v.procedural else "indirect"
    if c.kind == "show":
        subject = c.subject
        if subject is None or subject.lemma_.lower() not in v.show_subjects:
            return None
        marks = {t.lower_ for t in phrase_words(subject)} | {t.lemma_.lower() for t in phrase_words(subject)}
        if not marks & v.own_markers or marks & v.general:
            return None
        return "not-held" if c.negated else "indirect"
    if c.kind == "release":
        voice = (c.agent is None or is_holder(c.agent)) if c.passive else is_holder(c.subject)
        obj = c.object
        if not voice or obj is None or obj.lemma_.lower() == "information":
            return None
        if strict:
            tied = _names_terms(obj, terms)
        else:
            tied = obj.lemma_.lower() in v.info_nouns and is_requested(obj, terms, strict=True)
        if not (tied and _definite(obj)):
            return None  # releasing or publishing is only telling when it is of the request's own subject
        return "held" if c.predicate.lemma_.lower() == "publish" else "indirect"
    return None


def _counted(tok) -> bool:
    """"341 encounters", "14 officers": a count of something, which only a holder could give."""
    if tok is None:
        return False
    tok = partitive_head(tok)
    return any(c.dep_ == "nummod" or (c.like_num and c.dep_ in ("amod", "quantmod")) for c in tok.children)


def _owned(tok, v) -> bool:
    """The phrase is the responder's: "our X", "our supplier's X"."""
    node = tok
    for _ in range(3):
        poss = next((c for c in node.children if c.dep_ == "poss"), None)
        if poss is None:
            return False
        if poss.lower_ in v.holder_possessives - {"its"}:
            return True
        node = poss
    return False


def _is_name(w) -> bool:
    """A proper name or a number as written: capitalised inside the sentence, or with a digit."""
    if any(ch.isdigit() for ch in w.text):
        return True
    return w.pos_ == "PROPN" and w.text[:1].isupper() and w.i > w.sent.start


def _in_holder_name(w, v) -> bool:
    """A word of a body's name ("Northern Ireland" in "Police Service of Northern Ireland")."""
    node = w
    for _ in range(4):
        if node.lemma_.lower() in v.holder_nouns:
            return True
        if node.dep_ not in ("compound", "pobj", "prep", "flat", "appos") or node.head.i == node.i:
            break
        node = node.head
    return False


def _determined(tok) -> bool:
    """A particular thing, not a class: "the records held", not "any information held" or "information held"."""
    head = partitive_head(tok)
    particular = ("the", "this", "these", "those", "our", "its", "such", "that", "my")
    return any((t.dep_ == "poss") or (t.dep_ in ("det", "nummod") and (t.lower_ in particular or t.like_num)) for t in head.children)


def _names_terms(tok, terms: frozenset[str]) -> bool:
    return any(singular(t.lower_) in terms for t in phrase_words(tok))


def _definite(tok) -> bool:
    return any(t.dep_ in ("det", "poss") and t.lower_ in ("the", "this", "these", "those", "our", "such") for t in tok.children)


def _cue(c: Clause) -> str:
    """The words that decided, as written: the subject (if any) through the predicate."""
    tokens = [c.predicate]
    if c.subject is not None and c.subject.i < c.predicate.i:
        start = min(t.i for t in phrase_words(c.subject))
        return c.predicate.doc[start : c.predicate.i + 1].text
    if c.object is not None:
        words = phrase_words(c.object)
        lo = min([c.predicate.i] + [t.i for t in words])
        hi = max([c.predicate.i] + [t.i for t in words])
        if hi - lo <= 8:
            return c.predicate.doc[lo : hi + 1].text
    return " ".join(t.text for t in tokens)
