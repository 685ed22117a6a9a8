"""Does a line of plain text look like a heading?

Plain-text drafts (pasted from email, saved from Notepad) carry no styles, so
headings are recognised by shape: short, no closing full stop, and either ALL
CAPS, Title Case, or a short label ending in a colon ("Applicable
Exemptions:"). Levels: ALL CAPS -> 1; Title Case or colon label -> 2
(Markdown ``#`` and underlined headings get their own levels in the reader).
"""

from __future__ import annotations

import re

#: Longest line, in words, that can be a shape-detected heading.
MAX_HEADING_WORDS = 12
#: Colon labels may be a little longer ("Factors against complying with ... held:").
MAX_COLON_WORDS = 16
MAX_HEADING_CHARS = 120
#: Share of significant words that must start with a capital for Title Case.
TITLE_SHARE = 0.75

#: Words Title Case leaves in lower case.
MINOR_WORDS = frozenset(
    "a an and as at but by for from if in into is are be nor of on or per so the than that "
    "this to up via vs with within without not its it was were has have".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
#: Closing lines of a letter: what follows them (name, job title, team) is not a heading.
_SIGN_OFF = re.compile(
    r"^\s*(yours\s+(sincerely|faithfully|truly)|(kind|best|warm)\s+regards|regards|best\s+wishes|"
    r"many\s+thanks|thanks\s+again)\s*[,.!]?\s*$",
    re.I,
)
_URL_ONLY = re.compile(r"^\s*(?:<)?(?:https?://|ftp://|www\.)\S+\s*$", re.I)
_TERMINAL = tuple(".,;!?…")


def heading_level(line: str) -> int | None:
    """1 for an ALL CAPS heading, 2 for Title Case or a colon label, None otherwise."""
    text = line.strip()
    if not text or len(text) > MAX_HEADING_CHARS or _URL_ONLY.match(text):
        return None
    if text.endswith(_TERMINAL) or text.endswith(("\"", "”", "'", "’")) and text.rstrip("\"”'’").endswith(_TERMINAL):
        return None
    words = text.split()
    letters = _WORD.findall(text)
    if not letters:
        return None
    if letters[0].lower() == "dear":  # a salutation, however it is cased
        return None
    label, colon, value = text[:-1].partition(":")
    if colon and any(ch.isdigit() for ch in value):
        return None  # "Reference No: 000123/24", "Date: 3 March 2024": a label and its value
    if not (letters[0][0].isupper() or text[0].isdigit() or text.startswith(("(", "“", "\""))):
        return None
    cased = [w for w in letters if w[0].isalpha() and w.upper() != w.lower()]
    all_caps = bool(cased) and all(w.isupper() for w in cased) and sum(len(w) for w in cased) >= 2
    if all_caps and len(words) <= MAX_COLON_WORDS:
        return 1
    if text.endswith(":"):
        # A short label, not a sentence introducing a list ("In response, I can advise:").
        if len(words) <= MAX_COLON_WORDS and "," not in text and ". " not in text:
            return 2
        return None
    if len(words) > MAX_HEADING_WORDS:
        return None
    significant = [w for w in cased if w.lower() not in MINOR_WORDS]
    if not significant:
        return None
    capitalised = sum(1 for w in significant if w[0].isupper())
    if capitalised / len(significant) >= TITLE_SHARE:
        return 2
    return None


def is_sign_off(line: str) -> bool:
    """"Yours sincerely", "Kind regards" ...: the letter's body has ended."""
    return bool(_SIGN_OFF.match(line))
