"""Text folding for matching: smart quotes, dashes and odd spaces made plain.

Readers keep the text as written for display; everything that compares text
(citations, alignment, leak cues) works on the folded form, so a curly quote
or a non-breaking space never decides whether two paragraphs match.
"""

from __future__ import annotations

import unicodedata

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00ad": None,
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
        "\u2008": " ", "\u3000": " ", "\t": " ", "\u000b": " ", "\u2028": " ", "\u2029": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
        "\u2026": "...",
    }
)


def normalise_for_matching(text: str) -> str:
    """Fold quotes, dashes and spaces; drop zero-width characters; keep case.

    Runs of whitespace become one space with ``" ".join(text.split())``: the
    same characters as the regex ``\\s+`` (both use str.isspace), stripped at
    the ends, and about five times faster than a regex substitution that
    rewrites every single space.
    """
    if text.isascii():
        out = " ".join(text.split())
        return text if out == text else out  # one string, not two equal ones, per block of a long draft
    folded = unicodedata.normalize("NFKC", text.translate(_TRANSLATE))
    return " ".join(folded.split())


def fold(text: str) -> str:
    """The matching form, lower-cased: what fuzzy comparisons see."""
    return normalise_for_matching(text).lower()
