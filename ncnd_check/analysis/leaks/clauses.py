"""The clauses of a parsed sentence that could say whether information is held.

A clause here is a predicate (hold, use, exist, locate, withhold, attach,
show, release, be-existential, the adjective "exempt") with what the parse
ties to it: its subject, its object, whether it is negated and whether it is
passive. Nothing is judged here; :mod:`.judge` decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .ties import partitive_head
from .vocab import lemma_of, surface_lemmas, vocab

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["Clause", "clauses_of"]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_OBJECTS = ("dobj", "attr", "oprd", "dative")


@dataclass(frozen=True, slots=True)
class Clause:
    predicate: "Token"
    kind: str  # possess | use | locate | exist | withhold | attach | show | release | there | exempt
    subject: "Token | None"  # head token of the subject phrase
    object: "Token | None"  # head token of what is held / used / shown
    passive: bool
    negated: bool
    agent: "Token | None" = None  # "by the council"


def clauses_of(doc: "Doc") -> list[Clause]:
    """Every clause of the sentence whose predicate can carry a leak."""
    v = vocab()
    out: list[Clause] = []
    for tok in doc:
        lemma = lemma_of(tok)
        verbal = tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
        if not verbal and tok.dep_ == "ROOT" and tok.lower_ in surface_lemmas() and tok.lower_ != lemma:
            verbal = True  # "... question 3 exists." tagged a plural noun at the root
        if verbal:
            if lemma == "be" and any(c.dep_ == "expl" for c in tok.children):
                out.append(_existential(tok))
            elif lemma == "be" and _gives_figure(tok, v):
                out.append(Clause(tok, "figure", None, _child(tok, ("nsubj",)), False, False))
            elif lemma in v.predicate_kind and _is_main_verb(tok):
                out.append(_verbal(tok, v.predicate_kind[lemma]))
            elif lemma in v.show_verbs and _is_main_verb(tok):
                out.append(_verbal(tok, "show"))
            elif lemma in v.release_verbs and _is_main_verb(tok):
                out.append(_verbal(tok, "release"))
        elif lemma == "exempt" and tok.pos_ == "ADJ":
            out.append(_adjectival(tok, "exempt"))
        elif lemma in v.available and tok.pos_ == "ADJ":
            out.append(_adjectival(tok, "available"))
        elif lemma in ("attach", "enclose") and tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            out.append(Clause(tok, "attach", None, tok.head, True, False))
    return out


def _is_main_verb(tok: "Token") -> bool:
    """Not an auxiliary ("have located": the predicate is "located")."""
    return tok.dep_ not in ("aux", "auxpass")


def _verbal(tok: "Token", kind: str) -> Clause:
    subject = _child(tok, _SUBJECTS) or _inherited_subject(tok)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON")
    )
    obj = _child(tok, _OBJECTS) or _prep_object(tok)
    agent = None
    for c in tok.children:
        if c.dep_ == "agent":
            agent = _child(c, ("pobj",))
    if passive:
        # The thing held is the passive subject, or the noun a participle modifies.
        if tok.dep_ in ("acl", "relcl") and not _child(tok, ("nsubjpass",)):
            subject, obj = None, tok.head
        else:
            subject, obj = agent, _child(tok, ("nsubjpass",)) or subject
    elif tok.dep_ == "relcl" and obj is None and tok.head.pos_ in ("NOUN", "PROPN"):
        obj = tok.head  # "the records we hold"
    if kind == "exist":
        obj, subject = subject, None
    return Clause(tok, kind, subject, obj, passive, _negated(tok, subject, obj), agent)


def _existential(tok: "Token") -> Clause:
    obj = _child(tok, ("attr", "nsubj", "dobj"))
    return Clause(tok, "there", None, obj, False, _negated(tok, None, obj))


def _adjectival(tok: "Token", kind: str) -> Clause:
    head = tok.head if tok.dep_ in ("acomp", "amod", "oprd") else tok
    subject = _child(head, ("nsubj", "nsubjpass")) or (tok.head if tok.dep_ == "amod" else None)
    return Clause(tok, kind, None, subject, False, _negated(head, None, subject))


def _gives_figure(tok: "Token", v) -> bool:
    """"The total cost was £45,000", "The number of officers trained is 12"."""
    subject = _child(tok, ("nsubj",))
    value = _child(tok, ("attr", "acomp"))
    if subject is None or value is None or subject.lemma_.lower() not in v.figure_subjects:
        return False
    if any(t.lemma_.lower() in v.figure_not_subjects for t in subject.subtree):
        return False
    if not any(c.dep_ in ("det", "poss") for c in subject.children):
        return False
    return any(t.like_num or t.text in ("£", "$", "€") or t.tag_ == "$" for t in value.subtree)


def _child(tok: "Token", deps: tuple[str, ...]) -> "Token | None":
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _inherited_subject(tok: "Token") -> "Token | None":
    """A conjoined or controlled verb takes its subject from its head: "we hold and use", "we continue to use"."""
    node = tok
    for _ in range(3):
        if node.dep_ in ("conj", "xcomp", "acomp") and node.head.i != node.i:
            node = node.head
            found = _child(node, ("nsubj", "nsubjpass"))
            if found is not None:
                return found
        else:
            break
    return None


def _prep_object(tok: "Token") -> "Token | None":
    """"relies on Azure", "spent on drones": the object of the verb's first preposition."""
    for c in tok.children:
        if c.dep_ == "prep" and c.i > tok.i and c.lower_ in ("on", "upon"):
            return _child(c, ("pobj",))
    return None


def _negated(tok: "Token", subject: "Token | None", obj: "Token | None") -> bool:
    """Not, never, no longer; or "no"/"none"/"nothing" on what is held; or "failed to locate"."""
    v = vocab()
    if any(c.dep_ == "neg" or c.lower_ in ("never", "nowhere") for c in tok.children):
        return True
    if any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in tok.children):
        return True  # "no longer uses"
    for phrase in (obj, subject):
        if phrase is None:
            continue
        if phrase.lower_ in vocab().partitives and phrase.lower_ != "none":
            phrase = partitive_head(phrase)
        if phrase.lower_ in ("none", "nothing", "neither"):
            return True
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in phrase.children):
            return True
        if any(c.lower_ == "none" for c in phrase.children):
            return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_.lower() in v.deny_heads:
        return True
    if tok.dep_ == "xcomp" and head.lemma_.lower() == "be" and any(
        c.lemma_.lower() in v.deny_heads for c in head.children
    ):
        return True
    if head.lemma_.lower() in v.deny_heads and tok.dep_ in ("xcomp", "acomp"):
        return True
    return False
