"""Whose voice a clause is in, and whether what it is about is the requested information.

A leak is the responding body saying that *the requested information* (or
the activity asked about) is or is not held. So a clause counts only when
its subject is the responder ("we", "the force", "Kent Police", "searches
of our systems") or, in the passive, is left unsaid or names the responder;
and its object is the requested information: a specific information noun
("this information", "the records you asked for", "such contracts"), a
pronoun standing for it, or a phrase that shares a word with the request's
subject. General information ("the general statistics we publish"), powers
and duties ("no power to publish"), and third parties ("offenders gather
details") are not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ncnd_check.analysis.subject import singular

from .vocab import vocab

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["is_holder", "is_requested", "partitive_head", "phrase_words", "points_at_request"]


def phrase_words(tok: "Token") -> list["Token"]:
    """The tokens of a noun phrase, without relative clauses or long trailing modifiers."""
    out = []
    for t in tok.subtree:
        if t.i != tok.i and _below_clause(t, tok):
            continue
        out.append(t)
    return out


def _below_clause(t: "Token", head: "Token") -> bool:
    node = t
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp") and node.head is not None:
            return True
        node = node.head
    return False


def is_holder(tok: "Token | None") -> bool:
    """The responding body (or a search of its systems) speaking of itself."""
    if tok is None:
        return False
    v = vocab()
    lower = tok.lower_
    if lower in v.holder_pronouns:
        return True
    words = phrase_words(tok)
    lemmas = {t.lemma_.lower() for t in words}
    if any(t.dep_ == "poss" and t.lower_ in v.holder_possessives for t in words):
        return tok.lemma_.lower() in v.holder_nouns | v.searches or tok.lemma_.lower() in ("system", "database", "record")
    if tok.lemma_.lower() in v.searches:
        return True
    if tok.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in words):
        # "Kent Police", "Leeds City Council", "PSNI", "the Met": a named body
        if lemmas & (v.holder_nouns | v.roles) or any(t.lower_ in ("nhs", "hm", "ministry", "met") for t in words):
            return True  # roles count in a name: "the Monitoring Officer", "the Covert Finance Manager"
        return tok.pos_ == "PROPN" and tok.text.isupper() and 2 <= len(tok.text) <= 6
    if tok.tag_ == "NNS" or tok.tag_ == "NNPS":
        return False  # "police forces", "offenders": a generic plural, not the responder
    if tok.lemma_.lower() in v.holder_nouns:
        dets = {t.lower_ for t in words if t.dep_ in ("det", "poss")}
        return bool(dets & {"the", "this", "our", "my"})
    return False


def is_requested(tok: "Token | None", subject_terms: Iterable[str], strict: bool = True) -> bool:
    """The phrase headed by ``tok`` stands for the requested information.

    ``strict`` is False when the request's subject is unknown: then any
    concrete, specific thing the responder says it holds or uses counts.
    """
    if tok is None:
        return False
    v = vocab()
    tok = partitive_head(tok)
    terms = set(subject_terms)
    lemma = tok.lemma_.lower()
    words = phrase_words(tok)
    lowers = {t.lower_ for t in words}
    if points_at_request(tok):
        return True  # "the matter you refer to", "the incident you describe"
    if lemma in v.abstract or any(t.lemma_.lower() in ("section", "sections", "act") for t in words):
        return False  # a power or duty, or a provision of the Act ("relies on Section 31(3)")
    if lowers & v.general and not lowers & v.request_words:
        return False
    if tok.pos_ == "PRON" or tok.lower_ in v.info_pronouns:
        return tok.lower_ in v.info_pronouns
    if terms and any(_term(t) in terms for t in words if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "VERB") and not _holder_word(t, v)):
        return True
    if lemma in v.info_nouns or singular(tok.lower_) in v.info_nouns:
        if lowers & v.specific or lowers & v.request_words or _request_clause(tok, v):
            return True
        if any(t.dep_ == "nummod" or t.like_num for t in words):
            return True
    if not strict and tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in v.holder_pronouns:
        # Subject unknown: any concrete thing the responder holds or uses; a bare
        # noun in the subject's place ("Data held by the force is ...") is generic.
        return tok.dep_ not in ("nsubj", "nsubjpass") or any(t.dep_ in ("det", "poss", "nummod") for t in words)
    return False


def partitive_head(tok: "Token") -> "Token":
    """"some of the information", "none of the records": the noun after "of"."""
    if tok.lower_ in vocab().partitives:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
    return tok


def _term(t: "Token") -> str:
    return singular(t.lower_)


def _holder_word(t: "Token", v) -> bool:
    return t.lemma_.lower() in v.holder_nouns or t.lower_ in v.holder_pronouns


def points_at_request(tok: "Token") -> bool:
    """A definite phrase whose relative clause has the requester as subject of a request verb."""
    v = vocab()
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in v.request_verbs and any(
            g.dep_ == "nsubj" and g.lower_ == "you" for g in c.children
        ):
            return True
    return False


def _request_clause(tok: "Token", v) -> bool:
    """"the information you requested", "records relating to your request"."""
    for t in tok.subtree:
        if t.lemma_.lower() in v.request_words and t.i != tok.i:
            return True
    return False
