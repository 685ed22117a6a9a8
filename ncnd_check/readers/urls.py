"""Finding bare URLs in running text (every reader uses this)."""

from __future__ import annotations

import re

# A scheme URL, or a www. host, up to white space or a closing bracket/quote.
URL_RE = re.compile(
    r"""(?ix)
    \b(
      (?:https?|ftp)://[^\s<>"'\])}]+
      |
      www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[^\s<>"'\])}]*)?
    )
    """
)
_TRAILING = ".,;:!?'\"”’)"


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) for each URL, trailing punctuation trimmed."""
    if "://" not in text and "www." not in text.lower():
        # Every match holds one of these literally (case aside). The regex itself
        # is case-insensitive, so it has no literal prefix to skip ahead with and
        # tries every position: ~10 us per paragraph, most of which hold no URL.
        return []
    out = []
    for m in URL_RE.finditer(text):
        url = m.group(1)
        while url and url[-1] in _TRAILING:
            # Keep a closing bracket that balances one inside the URL.
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        if url:
            out.append((m.start(1), m.start(1) + len(url), url))
    return out
