"""Limits on what a reader hands on, so every later stage sees input it can handle.

The analysis runs the spaCy pipeline over each block; spaCy refuses a text
over ``nlp.max_length`` (1,000,000 characters) with error E088, which is no
business of the user's. A paragraph that long is not a letter anyway, so the
reader refuses it as ``too-large`` and names the limit. Long documents of
ordinary paragraphs are fine: they are analysed block by block.
"""

from __future__ import annotations

from ncnd_check.errors import InputError

#: The longest block (paragraph, list item, table cell) a draft may have: spaCy's default max_length.
MAX_BLOCK_CHARS = 1_000_000


def check_block_sizes(document) -> None:
    """Raise ``too-large`` for the first block (body or extras) over MAX_BLOCK_CHARS."""
    for where, blocks in (("paragraph", document.blocks), ("header, footer or note paragraph", document.extras)):
        for block in blocks:
            length = len(block.text)
            # The analysis runs on the folded text, which can be longer (a ligature becomes two letters).
            if length > MAX_BLOCK_CHARS // 4:
                length = max(length, len(block.norm))
            if length > MAX_BLOCK_CHARS:
                raise too_long(length, f"{where} {block.index + 1}")


def too_long(length: int, where: str = "a paragraph") -> InputError:
    return InputError(
        "too-large",
        f"{where} is {length:,} characters long, over the limit of {MAX_BLOCK_CHARS:,} characters a paragraph: "
        "refused (split it into paragraphs to check it)",
    )
