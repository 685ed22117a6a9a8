"""Balancing conclusions: which sentences conclude the public-interest test, and which way.

A correct NCND conclusion favours neither confirming nor denying (s2(1)(b):
maintaining the exclusion of the duty to confirm or deny). Wrong ones favour
confirming or disclosure, or answer the s1(1)(b) disclosure test ("favours
non-disclosure", "maintaining the exemption"). The cue phrases live in
``conclusions.toml``; this module reads the verdict FORM (X favours Y, X
outweighs Y, Y is outweighed by X, a decision to neither confirm nor deny),
takes the winning side and classifies it, minding negation ("does not favour
confirming").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterable

from ncnd_check.analysis.model import Conclusion, Sentence
from ncnd_check.data_files import load_toml
from ncnd_check.normalise import fold

__all__ = [
    "ConclusionRules",
    "load_conclusion_rules",
    "classify_sentence",
    "find_conclusions",
    "is_no_inference",
    "no_inference_sentences",
]

#: Sections whose sentences are arguments, not verdicts (unless they speak of "the balance").
_ARGUMENT_ONLY = frozenset({"harm", "factors-for", "factors-against", "request", "applicable-exemptions"})
#: Sections where a bare decision ("we will therefore neither confirm nor deny") concludes the test.
_DECISION_SECTIONS = frozenset({"balancing-test", "conclusion", "public-interest", "no-inference"})

_NEG_BEFORE = re.compile(r"\b(?:does|do|did|would|will|can|could|should|is|are|was|were)\s*(?:not|n't)\s*$|\bcannot\s*$")
_CLAUSE_START = re.compile(r".*\b(?:that|therefore|thus|accordingly|conclude[sd]?|because|so)\b[, ]*", re.S)
#: Where the winning side's phrase ends: a reason or a concession ("..., although we will maintain our position").
_CUT = re.compile(r"\s(?:as|because|since|given|due to|in order|which|while|whilst|and that|but|although|though|however|yet|nevertheless|nonetheless|even so)\s|[;:,]\s+(?:although|though|however|but|yet|nevertheless|nonetheless|even so)\b|[;:]")
_OUTWEIGHED_BY = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?P<neg>not\s+)?outweighed\s+by\b")
_OUTWEIGHS = re.compile(r"\boutweigh(?:s|ed|ing)?\b")
#: A verdict that names only the winner: "... carry the greater weight", "... is the stronger", "... prevails".
_PREVAILS = re.compile(
    r"\b(?:carr(?:y|ies|ied)|ha(?:s|ve|d)|hold|holds|held)\s+(?:the\s+)?(?:greater|greatest|more|most|stronger|strongest|decisive)\s+weight\b"
    r"|\b(?:is|are|was|were)\s+(?:the\s+)?(?:stronger|weightier|more\s+compelling|more\s+persuasive)\b"
    r"|\b(?:narrowly\s+|clearly\s+|therefore\s+)?prevail(?:s|ed)?\b"
)
_WEIGHING_WORDS = re.compile(r"\b(?:public interest|factors?|arguments?|considerations?|case|weight|reasons?|benefits?|harm|risks?|need)\b")

VERDICT_OF = {"ncnd": "ncnd", "nondisclose": "disclosure-test", "confirm": "confirm", "disclose": "confirm", "openness": "confirm"}
NEGATED = {"ncnd": "confirm", "confirm": "ncnd", "nondisclose": "confirm", "disclose": "disclosure-test", "openness": "ncnd"}


@dataclass(frozen=True)
class ConclusionRules:
    """conclusions.toml, compiled (one object per process, see load_conclusion_rules)."""

    not_conclusion: tuple[re.Pattern, ...]
    favour: re.Pattern
    decisions: tuple[re.Pattern, ...]
    direction: tuple[tuple[str, tuple[re.Pattern, ...]], ...]
    no_inference: tuple[re.Pattern, ...]
    keywords: re.Pattern
    no_inference_keywords: re.Pattern


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


@cache
def load_conclusion_rules() -> ConclusionRules:
    """conclusions.toml, compiled once per process."""
    data = load_toml("analysis/conclusions.toml")
    favour = re.compile(
        r"\b" + data["favour_subjects"] + r"\b(?:\s+[\w'()-]+){0,6}?\s+(?P<neg>(?:does|do|did|would|will|is|was|are)\s+not\s+)?"
        + data["favour_verbs"] + r"\b"
    )
    direction = tuple((name, _compile(data["direction"][name])) for name in ("ncnd", "nondisclose", "confirm", "disclose", "openness"))
    return ConclusionRules(
        not_conclusion=_compile(data["not_conclusion"]),
        favour=favour,
        decisions=_compile(data["ncnd_decisions"]),
        direction=direction,
        no_inference=_compile(data["no_inference"]["patterns"]),
        keywords=re.compile(data["keywords"]),
        no_inference_keywords=re.compile(data["no_inference"]["keywords"]),
    )


def _side(text: str, rules: ConclusionRules) -> str | None:
    """Which position a phrase names: ncnd | nondisclose | confirm | disclose | openness."""
    for name, patterns in rules.direction:
        if any(p.search(text) for p in patterns):
            return name
    return None


_MAINTAIN_EXEMPTION = re.compile(r"\bmaintain\w* (?:the |these |those |this |each |both )?(?:exemptions?|exemption\(s\))\b")
_DISCLOSURE_WORDS = re.compile(r"\bnon[- ]?disclos|\bwithh(?:old|eld)|\bdisclos|\breleas")


def _against_confirming(winner: str, loser: str, rules: ConclusionRules) -> bool:
    """"maintaining the exemption" weighed against "confirming or denying": the NCND balance in looser words.

    The ICO itself writes it so; only "maintaining the exemption" against
    disclosure (or against nothing) is the s1(1)(b) test.
    """
    return (
        bool(_MAINTAIN_EXEMPTION.search(winner))
        and not _DISCLOSURE_WORDS.search(winner)
        and _side(loser, rules) == "confirm"
        and not _DISCLOSURE_WORDS.search(loser)
    )


def _near(text: str, words: int = 16) -> str:
    """The phrase right after a verdict verb, up to a reason clause."""
    m = _CUT.search(text)
    if m:
        text = text[: m.start()]
    return " ".join(text.split()[:words])


def _verdict(side: str | None, negated: bool) -> str:
    if side is None:
        return "unclear"
    return NEGATED[side] if negated else VERDICT_OF[side]


def classify_sentence(text: str, section: str | None = None) -> str | None:
    """The verdict of a balancing-conclusion sentence, or None if it is not one.

    ``section`` is the canonical section the sentence is in: argument sections
    (harm, factors) only conclude when they speak of the balance.
    """
    s = fold(text)
    return _in_section(s, section, lambda: balance_verdict(s), lambda: is_decision(s))


def sentence_verdict(sentence, section: str | None) -> str | None:
    """:func:`classify_sentence` of an analysed sentence, from its facts (:class:`SentenceFacts`)."""
    return _in_section(sentence.lowered, section, lambda: sentence.balance_verdict, lambda: sentence.is_decision)


def _in_section(s: str, section: str | None, weighed, decision) -> str | None:
    """A sentence's verdict where it stands: an argument section's sentence concludes only when it
    speaks of the balance; a bare decision concludes only in a concluding section (or none)."""
    if section in _ARGUMENT_ONLY and "balanc" not in s:
        return None
    verdict = weighed()
    if verdict is None and (section in _DECISION_SECTIONS or section is None) and decision():
        return "ncnd"
    return verdict


def _may_conclude(s: str, rules: ConclusionRules) -> bool:
    return rules.keywords.search(s) is not None and not any(p.search(s) for p in rules.not_conclusion)


def is_decision(s: str) -> bool:
    """A lower-case sentence that is a bare decision: "We have therefore decided to neither confirm nor deny"."""
    rules = load_conclusion_rules()
    return _may_conclude(s, rules) and any(p.search(s) for p in rules.decisions)


def balance_verdict(s: str) -> str | None:
    """The verdict a lower-case sentence's weighing reaches ("the public interest in X outweighs Y"),
    wherever it stands (see :func:`classify_sentence` for where it counts)."""
    rules = load_conclusion_rules()
    if not rules.keywords.search(s):
        return None  # no verdict form can match: the common case, kept cheap
    if any(p.search(s) for p in rules.not_conclusion):
        return None
    # "X is outweighed by Y": Y wins.
    m = _OUTWEIGHED_BY.search(s)
    if m and _WEIGHING_WORDS.search(s):
        won = _near(s[m.end():])
        winner = _side(won, rules)
        negated = bool(m.group("neg"))
        if winner is None:
            loser = _side(s[: m.start()], rules)
            return _verdict(loser, not negated) if loser else "unclear"
        if not negated and _against_confirming(won, s[: m.start()], rules):
            return "ncnd"
        return _verdict(winner, negated)
    # "X outweighs Y": X wins.
    m = _OUTWEIGHS.search(s)
    if m and _WEIGHING_WORDS.search(s):
        before = s[: m.start()]
        negated = bool(_NEG_BEFORE.search(before))
        clause = _CLAUSE_START.sub("", before) or before
        winner = _side(clause, rules)
        if winner is None:
            loser = _side(_near(s[m.end():]), rules)
            return _verdict(loser, not negated) if loser else "unclear"
        if not negated and _against_confirming(clause, _near(s[m.end():]), rules):
            return "ncnd"
        return _verdict(winner, negated)
    # "X carries the greater weight", "the case for X narrowly prevails": X wins.
    m = _PREVAILS.search(s)
    if m and _WEIGHING_WORDS.search(s[: m.start()]):
        before = s[: m.start()]
        clause = _CLAUSE_START.sub("", before) or before
        side = _side(clause, rules)
        if side is not None:
            return _verdict(side, bool(_NEG_BEFORE.search(before)))
    # "the balance favours X".
    m = rules.favour.search(s)
    if m:
        side = _side(_near(s[m.end():]), rules)
        return _verdict(side, bool(m.group("neg")))
    return None


def is_no_inference(text: str) -> bool:
    """The closing statement that nothing may be inferred about whether information is held."""
    return no_inference_in(fold(text))


def no_inference_in(s: str) -> bool:
    """:func:`is_no_inference` of a lower-case sentence."""
    rules = load_conclusion_rules()
    if not rules.no_inference_keywords.search(s):
        return False
    return any(p.search(s) for p in rules.no_inference)


def find_conclusions(
    sentences: list[Sentence],
    block_sections: list[str | None],
    sentence_exemptions,
    block_exemption,
) -> list[Conclusion]:
    """Every balancing-conclusion sentence, classified and tied to its exemption.

    ``sentence_exemptions(sentence)`` gives the Part II ids a sentence cites;
    ``block_exemption(block)`` the exemption of the per-exemption part a block is in.
    """
    out: list[Conclusion] = []
    for sent in sentences:
        section = block_sections[sent.block] if sent.block < len(block_sections) else None
        verdict = sentence_verdict(sent.facts, section)
        if verdict is None:
            continue
        named = sentence_exemptions(sent)
        exemption = named[0] if len(named) == 1 else (None if named else block_exemption(sent.block))
        out.append(Conclusion(block=sent.block, text=sent.text, verdict=verdict, exemption=exemption))
    return out


def no_inference_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences that are a no-inference statement."""
    return [s for s in sentences if s.facts.no_inference]
