"""Whether a clause is asserted in the authority's own voice, or only talked about.

Almost every "held" in an NCND letter sits under something that keeps it
from being an answer: a modal ("would reveal"), a condition ("if held"),
talk about confirming ("to confirm whether the force uses ..."), a noun of
talk ("an indication that ... is or is not held"), both outcomes
("irrespective of whether ..."), a quotation, or a question. This walks from
the predicate up the parse to the root and names the first such governor.
An assertion frame ("I can confirm that ...", "we are able to confirm ...")
makes what it governs an assertion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ties import is_holder
from .vocab import vocab

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["blocking_reason"]

_COMPLEMENT = ("ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "csubj", "csubjpass", "conj", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "appos", "oprd", "advmod", "npadvmod", "acomp", "amod", "compound", "poss", "dep", "parataxis")


def blocking_reason(predicate: "Token", denied: bool = False) -> str | None:
    """``"hypothetical"`` or ``"discussion"`` if the clause is not asserted, else None.

    ``denied``: the clause is a negated search or possession ("no records could be
    found"), which reports a search even under "could".
    """
    if _quoted(predicate):
        return "hypothetical"
    sent = predicate.sent
    if sent.text.rstrip().endswith("?"):
        return "discussion"
    v = vocab()
    if _after_talk(predicate, v):
        return "discussion"
    node = predicate
    first = True
    framed = False
    via_conj = False
    for _ in range(40):
        if _factual_clause(node, v) and not _quoted(node):
            return None  # "Although the force has never bought ...": asserted, whatever follows
        coordinated = via_conj and node.lemma_.lower() in v.talk_verbs and _holder_subject(node, v)
        reason = None if coordinated else _local_reason(node, first, v, framed, denied)
        if reason == "asserted":
            framed = True  # what the frame asserts stands unless the frame itself is conditional
        elif reason is not None:
            return reason
        if node.head.i == node.i or _across_semicolon(node, node.head):
            return None  # a clause after ";" stands on its own, however the parse joined them
        if node.dep_ == "conj" and _own_subject(node) and not any(c.dep_ == "mark" for c in node.children):
            # "... does not say whether ..., and the file was passed to the CPS": a clause of its
            # own, however the parse coordinated it; only a condition on its partner carries over.
            marks = {c.lower_ for c in node.head.children if c.dep_ == "mark"}
            return "hypothetical" if marks & (v.condition_marks - {"whether"}) else None
        via_conj = node.dep_ == "conj"  # "have considered ... and have located": coordinated, not governed
        node = node.head
        first = False
    return None


def _local_reason(node: "Token", first: bool, v, framed: bool = False, denied: bool = False) -> str | None:
    lemma = node.lemma_.lower()
    children = list(node.children)
    if not first and _sentence_initial_condition(node):
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in v.condition_marks for c in children):
        return "discussion" if any(c.lower_ == "whether" for c in children) else "hypothetical"
    if any(c.dep_ == "advmod" and c.lower_ in ("where", "when", "whenever") and c.i < node.i for c in children) and node.dep_ == "advcl":
        return "hypothetical"
    if not framed and (
        node.lower_ in v.both_outcomes
        or any(c.lower_ in v.both_outcomes and c.dep_ in ("advmod", "prep", "mark", "preconj") for c in children)
    ):
        return "hypothetical"
    if _inverted_condition(node):
        return "hypothetical"
    if node.dep_ in ("pcomp", "pobj", "ccomp", "csubj", "advcl", "xcomp") and _wh_clause(node):
        return "discussion"  # "openness about how the force deploys ...", "what information is held"
    if node.pos_ in ("VERB", "AUX") or node.tag_.startswith("VB"):
        if not first and lemma in v.talk_verbs:
            if framed:
                return None if lemma in v.frame_verbs else "discussion"
            return "asserted" if _assertion_frame(node, v) else "discussion"
        modal = _modal(node, v)
        if modal and not (first and modal in ("could", "can") and denied):
            return "hypothetical"  # but "no records could be found" reports a search
        if _infinitive(node) and not first and not _carried(node, v):
            return "hypothetical"
        if first and _infinitive(node) and not _carried(node, v):
            return "hypothetical"
        if node.tag_ == "VBG" and node.dep_ in ("csubj", "csubjpass", "pcomp", "pobj", "advcl") and not first:
            return "discussion" if lemma in v.talk_verbs else "hypothetical"
    if not first and node.pos_ in ("NOUN", "PROPN") and lemma in v.talk_nouns:
        return "discussion"
    return None


def _after_talk(predicate: "Token", v) -> bool:
    """A core talk word earlier in the sentence that is not an assertion frame.

    A parse can mis-attach a heading or a long sentence ("Harm in confirming or
    denying that information is held" parsed with "Harm" as the subject of
    "held"); the words of the NCND duty before the predicate keep it talk.
    """
    sent = predicate.sent
    start = max([t.i + 1 for t in sent if t.i < predicate.i and t.text in (":", ";")] or [sent.start])
    for tok in predicate.doc[start : predicate.i + 1]:
        if tok.i >= predicate.i:
            return False
        lemma = tok.lemma_.lower()
        if lemma in v.core_talk and (tok.pos_ in ("NOUN", "PROPN") or not _assertion_frame(tok, v)):
            if tok.pos_ in ("VERB", "AUX", "NOUN") or tok.tag_.startswith("VB"):
                return True
    return False


def _factual_clause(node: "Token", v) -> bool:
    """The clause opens with "although", "because", "since" ... (the parse may hang it on the subject)."""
    if any(c.dep_ == "mark" and c.lower_ in v.factual_marks for c in node.children):
        return True
    if not (node.pos_ in ("VERB", "AUX") or node.tag_.startswith("VB")):
        return False
    first = next(iter(node.subtree))
    return first.dep_ == "mark" and first.lower_ in v.factual_marks and first.i < node.i


def _holder_subject(node: "Token", v) -> bool:
    """"I have considered ...": the responder is doing the talking, not an impersonal "it should be assumed"."""
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ != "it" and is_holder(subject)


def _own_subject(node: "Token") -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children)


def _across_semicolon(node: "Token", head: "Token") -> bool:
    lo, hi = sorted((node.i, head.i))
    return any(t.text == ";" for t in node.doc[lo + 1 : hi])


def _wh_clause(node: "Token") -> bool:
    """An embedded question: the clause opens with how, what, which, why or whether."""
    first = next(iter(node.subtree))
    return first.lower_ in ("how", "what", "which", "why", "whether", "who", "whom", "where", "when") and first.i < node.i


def _modal(node: "Token", v) -> str | None:
    for c in node.children:
        if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" and c.lower_ in v.modals:
            return c.lower_
        if c.dep_ in ("aux", "auxpass") and c.lower_ in ("'d",):
            return "would"
    return None


def _infinitive(node: "Token") -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)


def _carried(node: "Token", v) -> bool:
    """"continues to use", "has been able to locate": the infinitive is still asserted."""
    head = node.head
    return node.dep_ in ("xcomp",) and head.i != node.i and head.lemma_.lower() in v.carry_on | v.deny_heads | {"able"} and _modal(head, v) is None


def _assertion_frame(node: "Token", v) -> bool:
    """"I can confirm that", "we are able to confirm", "it can be confirmed": a talk verb that asserts."""
    if node.lemma_.lower() not in v.frame_verbs:
        return False
    if any(c.dep_ == "neg" for c in node.children) or _modal(node, v) not in (None, "can", "will", "shall"):
        return False
    if any(c.lower_ in ("neither", "nor", "or") for c in node.children):
        return False  # "confirm or deny": the NCND statement itself
    if any(c.dep_ == "conj" and c.lemma_.lower() == "deny" for c in node.children):
        return False
    subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and node.dep_ == "xcomp":  # "we are able to confirm", "I am able to confirm"
        subject = next((c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and node.head.dep_ == "acomp":
            subject = next((c for c in node.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if any(c.dep_ == "neg" for c in node.head.children) or node.head.lemma_.lower() in v.deny_heads:
            return False
        if any(c.lemma_.lower() in v.deny_heads for c in node.head.children):
            return False
    if _infinitive(node) and node.dep_ != "xcomp":
        return False
    if node.tag_ == "VBG":
        return False
    if subject is None:
        # "Please note that ...", "Please be advised that ...": the responder's aside;
        # "Please tell me ..." is the requester asking.
        return node.dep_ == "ROOT" and node.lemma_.lower() in ("note", "advise", "inform") and not any(
            c.lower_ == "me" for c in node.children
        )
    if subject.dep_ == "nsubjpass" and subject.lower_ == "it":
        return True  # "it can be confirmed that"
    if subject.lemma_.lower() in v.frame_subjects:
        return True  # "This letter confirms that ..."
    return subject.lower_ in v.holder_pronouns - {"it"} or is_holder(subject)


def _quoted(tok: "Token") -> bool:
    """Inside quotation marks: "stating 'no information is held'"."""
    sent = tok.sent
    opened = False
    for t in sent:
        if t.i >= tok.i:
            break
        if t.text in ("'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "``", "''") and not (
            t.text in ("'", "\u2019") and t.i > sent.start and t.nbor(-1).text[-1:].isalpha() and t.whitespace_ == ""
        ):
            opened = not opened
    return opened


def _sentence_initial_condition(node: "Token") -> bool:
    """"Were we to confirm ...", "Should any records exist ...": the clause the opening word governs."""
    sent = node.sent
    opener = sent[0]
    if opener.lower_ not in ("were", "should", "had") or not opener.tag_.startswith(("VB", "MD")):
        return False
    return opener.head.i == node.i or opener.i == node.i


def _inverted_condition(node: "Token") -> bool:
    """"Should any information be held", "Were the force to confirm": a condition without "if"."""
    if node.dep_ != "advcl":
        return False
    first = next(iter(node.subtree))
    return first.lower_ in ("should", "were", "had") and first.head.i == node.i
