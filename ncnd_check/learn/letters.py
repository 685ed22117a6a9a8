"""Reading letters for learning: each file through the readers and the analysis,
reduced to the candidate paragraphs and the facts learning needs.

A worker returns small, picklable :class:`Letter` records (no Document, no
spaCy objects), so ``--jobs 2`` costs little more than the reading itself.
The variable parts a letter's own analysis can name (its authority, dates,
reference numbers, people, the request's subject) are turned into
placeholders here, before any letter is compared with another.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ncnd_check.analysis import analyse
from ncnd_check.analysis.nlp import get_nlp
from ncnd_check.errors import InputError
from ncnd_check.learn import variables
from ncnd_check.readers import read_path
from ncnd_check.settings import Settings
from ncnd_check.wording.matching import LABEL_WORDS, MIN_WORDS

#: Canonical section -> the library role of a paragraph in it.
SECTION_ROLES = {
    "harm": "harm",
    "factors-for": "factor-for",
    "factors-against": "factor-against",
    "balancing-test": "balancing",
    "conclusion": "conclusion",
    "no-inference": "closing",
}
#: A paragraph this short that cites an exemption is a list line ("Section 24(2) National Security").
CITATION_LINE_WORDS = 12


@dataclass(slots=True)
class Para:
    """One candidate paragraph of one letter, its variable parts already placeholders."""

    letter: int
    block: int
    #: Where it sits in the letter, 0 (top) to 1 (bottom): the learned file's order.
    position: float
    text: str
    role: str
    #: The exemption the letter's own structure attaches it to (section or citation), if any.
    exemption: str | None = None


@dataclass(slots=True)
class Letter:
    name: str
    exemptions: tuple[str, ...] = ()
    authority: str | None = None
    response_type: str = "other"
    paras: list[Para] = field(default_factory=list)
    links: tuple[str, ...] = ()
    error: str | None = None


def read_letter(index: int, path: str, name: str, settings: Settings, authority: str | None) -> Letter:
    """One file -> a Letter (``error`` set, never an exception, for a file that cannot be read)."""
    try:
        document = read_path(path, settings)
        analysis = analyse(document, settings)
    except InputError as exc:
        return Letter(name, error=f"{exc.kind}: {exc.message}")
    except Exception as exc:  # a bug in a reader must not stop a year of letters
        return Letter(name, error=f"internal error: {type(exc).__name__}: {exc}")
    return letter_from_analysis(index, name, analysis, authority)


def letter_from_analysis(index: int, name: str, analysis, authority: str | None) -> Letter:
    document = analysis.document
    blocks = document.blocks
    names = variables.authority_names(analysis, authority)
    subject = analysis.subject
    sections, section_exemption = _sections_by_block(analysis)
    conclusion_blocks = {c.block for c in analysis.conclusions if c.verdict == "ncnd"}
    closing_after = max([*conclusion_blocks, *(b for b, s in sections.items() if s == "no-inference")], default=None)
    cites = _citations_by_block(analysis)
    paras: list[Para] = []
    n = max(1, len(blocks) - 1)
    for b in blocks:
        if b.part != "body" or b.kind not in ("paragraph", "list-item"):
            continue
        norm = b.norm
        count = len(norm.split())
        if count < MIN_WORDS or (count < LABEL_WORDS and norm.endswith(":")):
            continue
        if cites.get(b.index) and count <= CITATION_LINE_WORDS:
            continue
        section = sections.get(b.index)
        if section == "request":
            continue  # the request as asked: each letter's own
        if b.index in conclusion_blocks and section != "no-inference":
            role = "conclusion"
        elif section in SECTION_ROLES:
            role = SECTION_ROLES[section]
        else:
            role = "explanation"
        if closing_after is not None and b.index > closing_after and role in ("explanation", "balancing", "conclusion"):
            role = "closing"
        exemption = section_exemption.get(b.index) or _own_citation(cites.get(b.index), analysis.exemptions)
        text = variables.substitute(norm, names, subject)
        paras.append(Para(index, b.index, round(b.index / n, 4), text, role, exemption))
    responder = names[0] if names else None
    links = tuple(dict.fromkeys(link.target for link in document.links if link.target.startswith(("http://", "https://"))))
    return Letter(name, tuple(analysis.exemptions), responder, analysis.response_type, paras, links)


def _sections_by_block(analysis) -> tuple[dict[int, str], dict[int, str]]:
    """Canonical section and its exemption per block; the no-inference statement wins where it sits."""
    sections: dict[int, str] = {}
    exemption: dict[int, str] = {}
    for i, name in enumerate(analysis.block_sections):
        if name:
            sections[i] = name
    for s in analysis.sections:
        for b in s.all_blocks:
            if s.name == "no-inference":
                sections[b] = "no-inference"
            if s.exemption and s.name != "no-inference":
                exemption.setdefault(b, s.exemption)
    for group in analysis.factors:
        if group.exemption:
            for b in group.all_blocks:
                exemption.setdefault(b, group.exemption)
    return sections, exemption


def _citations_by_block(analysis) -> dict[int, list]:
    out: dict[int, list] = {}
    for c in analysis.citations:
        out.setdefault(c.block, []).append(c)
    return out


def _own_citation(citations, cited: list[str]) -> str | None:
    """The one exemption of the letter's a paragraph itself cites ("Section 30 is a class-based ..."), if one."""
    if not citations:
        return None
    found = {e for c in citations for e in cited if _number(e) == c.section}
    return found.pop() if len(found) == 1 else None


def _number(exemption_id: str) -> str:
    import re

    m = re.match(r"s(\d+[A-Z]?)", exemption_id)
    return m.group(1) if m else exemption_id


# --------------------------------------------------------------------------- many files

_WORKER: tuple | None = None


def _init_worker(settings: Settings, authority: str | None) -> None:
    import signal

    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = (settings, authority)

    get_nlp()


def _read_one(job: tuple[int, str, str]) -> Letter:
    settings, authority = _WORKER or (Settings(), None)
    return read_letter(*job, settings, authority)


def read_letters(jobs_list: list[tuple[str, str]], settings: Settings, authority: str | None, jobs: int = 1, advance=None) -> list[Letter]:
    """Every (path, display name) read in order, ``jobs`` processes at a time."""
    work = [(i, path, name) for i, (path, name) in enumerate(jobs_list)]
    advance = advance or (lambda name: None)
    jobs = max(1, min(jobs, len(work) or 1))
    out: list[Letter] = []
    if jobs == 1:
        for i, path, name in work:
            out.append(read_letter(i, path, name, settings, authority))
            advance(name)
        return out
    import multiprocessing

    chunksize = max(1, min(16, len(work) // (jobs * 4)))
    pool = multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(settings, authority))
    try:
        for letter in pool.imap(_read_one, work, chunksize=chunksize):
            out.append(letter)
            advance(letter.name)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return out


def display_names(paths: list[str], roots: list[str]) -> list[str]:
    """Each file's name relative to the folder argument it came from (as given for a file argument)."""
    out = []
    for path, root in zip(paths, roots):
        if root and os.path.isdir(root):
            out.append(os.path.relpath(path, root).replace(os.sep, "/"))
        else:
            out.append(os.path.basename(path))
    return out
