"""Which exemption an argument is about, read from its words (``law/topics.toml``).

A letter argues an exemption when it argues what the exemption protects,
whether or not it writes the section number: "confirming or denying would be
likely to prejudice the prevention or detection of crime" argues s31 even with
no "section 31" in sight. Two strengths: a claim that confirming or denying
would prejudice (harm, undermine ...) an interest in the statute's words is
the exemption's own test; looser topic vocabulary only shows the topic is
discussed. Pure Python: no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ncnd_check.data_files import load_toml

__all__ = ["Topic", "topics", "sections_discussed", "harmed_topics", "prejudice_claims"]

#: The prejudice formula: a consequence modal, a harm verb, then (within the clause) the interest.
_PREJUDICE = re.compile(
    r"\b(?:would|could|will|may|might)\s+(?:also\s+|therefore\s+|thus\s+|itself\s+|both\s+)?(?:be\s+likely\s+to\s+|be\s+liable\s+to\s+|risk\s+|tend\s+to\s+)?"
    r"(?:prejudice|harm|undermine|damage|compromise|endanger|jeopardi[sz]e|impede|hinder|weaken|threaten|be\s+detrimental\s+to|adversely\s+affect)\b"
    r"(?P<object>[^.;:]{0,160})"
)


@dataclass(frozen=True)
class Topic:
    section: str
    interests: re.Pattern
    vocabulary: re.Pattern
    #: The verbs of the exemption's own test, if only they make a claim of it (s38: "endanger").
    verbs: re.Pattern | None = None


def _alternation(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x")


@cache
def topics() -> tuple[Topic, ...]:
    data = load_toml("law/topics.toml")["topics"]
    return tuple(
        Topic(
            section,
            _alternation(row.get("interests", [])),
            _alternation(row.get("interests", []) + row.get("vocabulary", [])),
            re.compile(row["verbs"]) if row.get("verbs") else None,
        )
        for section, row in data.items()
    )


def sections_discussed(text: str) -> frozenset[str]:
    """Sections whose topic the (lower-case, folded) text discusses at all."""
    return frozenset(t.section for t in topics() if t.vocabulary.search(text))


def harmed_topics(text: str) -> frozenset[str]:
    """Sections whose topic, in its looser words, the text says confirming or denying would harm.

    "It would undermine any investigation": the s30 argument, thinly put. Enough
    to say a cited exemption is argued, never to say an uncited one is.
    """
    out: set[str] = set()
    for m in _PREJUDICE.finditer(text):
        out.update(t.section for t in topics() if t.vocabulary.search(m.group("object")))
    return frozenset(out)


def prejudice_claims(text: str) -> frozenset[str]:
    """Sections whose statutory interest the (lower-case, folded) text says confirming or denying would prejudice."""
    out: set[str] = set()
    for m in _PREJUDICE.finditer(text):
        obj, verb = m.group("object"), text[m.start() : m.start("object")]
        out.update(t.section for t in topics() if t.interests.search(obj) and (t.verbs is None or t.verbs.search(verb)))
    return frozenset(out)
