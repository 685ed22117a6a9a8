"""Analysis: a Document in, the draft's argument (an Analysis) out.

PLACEHOLDER until the analysis lands: every block is outside any section.
"""

from __future__ import annotations

from ncnd_check.analysis.model import Analysis
from ncnd_check.document import Document


def analyse(document: Document, settings=None) -> Analysis:
    return Analysis(document=document, block_sections=[None] * len(document.blocks))
