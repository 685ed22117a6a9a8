"""Headings -> canonical sections, and factor groups tied to their exemption.

A draft's argument is read from its headings: in DOCX and HTML they are styled
(Block.kind == "heading"), in plain text the reader finds them by shape, and
in every format a short paragraph ending in ":" can act as a lead-in. Each
heading is classified against ``sections.toml`` (data, so a team can add its
house style); the blocks under it belong to that section until the next
section heading or a closing heading ("Complaint rights").

Per-exemption headings ("Section 24(2) National Security:") set the exemption
that the factor groups, harm and public-interest parts after them argue.
Factor groups are read from headings, inline lead-ins ("Factors favouring
confirmation or denial: The public ..."), and two-column tables whose header
row (or first column) names the direction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ncnd_check import law
from ncnd_check.analysis.model import Citation, FactorGroup, Section
from ncnd_check.data_files import load_toml, read_toml_file
from ncnd_check.document import Block, Document
from ncnd_check.normalise import fold

__all__ = [
    "Structure",
    "SectionRules",
    "load_section_rules",
    "find_structure",
    "classify_heading_text",
    "factor_direction",
    "resolve_bare",
    "attribute_single_exemption",
]

#: Sections a per-exemption heading may sit inside (the exemption argued there).
ARGUMENT_SECTIONS = frozenset({"harm", "public-interest", "factors-for", "factors-against", "balancing-test", "conclusion"})
#: Sections that end the scope of a per-exemption heading.
_CONTEXT_RESET = frozenset({"request", "applicable-exemptions", "conclusion", "no-inference"})

_LEADING_NUMBER = re.compile(
    r"^\s*(?:(?:part|step|stage)\s+\d{1,2}\s*[-:.]?\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s+|[a-h][.)]\s+|\((?:[a-z]|\d{1,2}|[ivx]{1,5})\)\s+|[ivx]{1,5}[.)]\s+)",
    re.I,
)
_TRAILING = re.compile(r"[\s:;.\-\u2013\u2014]+$")
_WORDS = re.compile(r"[^\W\d_][\w'-]*")
#: A sentence that introduces the list of exemptions relied on ("... by virtue of the following exemptions:").
_INTRODUCES_LIST = re.compile(r"\b(?:exemptions?|virtue of|rel(?:y|ies|ied|ying) (?:up)?on|pursuant to|following)\b[^.]*:\s*$", re.I)


@dataclass(frozen=True)
class SectionRules:
    """The compiled contents of sections.toml (one object per file, see load_section_rules)."""

    sections: tuple[tuple[str, tuple[re.Pattern, ...]], ...]
    reject: tuple[re.Pattern, ...]
    closing: tuple[re.Pattern, ...]
    table_for: tuple[re.Pattern, ...]
    table_against: tuple[re.Pattern, ...]
    request_cues: tuple[re.Pattern, ...]
    empty: tuple[re.Pattern, ...]
    lead_in_words: int
    bare_heading_words: int
    exemption_extra_words: int


def _compile(patterns) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


def _rules_from(data: dict) -> SectionRules:
    limits = data.get("limits", {})
    return SectionRules(
        sections=tuple((s["name"], _compile(s["patterns"])) for s in data["section"]),
        reject=_compile(data.get("reject", {}).get("patterns", [])),
        closing=_compile(data.get("closing", {}).get("patterns", [])),
        table_for=_compile(data.get("table", {}).get("for", [])),
        table_against=_compile(data.get("table", {}).get("against", [])),
        request_cues=_compile(data.get("request", {}).get("cues", [])),
        empty=_compile(data.get("empty", {}).get("patterns", [])),
        lead_in_words=int(limits.get("lead_in_words", 16)),
        bare_heading_words=int(limits.get("bare_heading_words", 12)),
        exemption_extra_words=int(limits.get("exemption_heading_extra_words", 4)),
    )


@cache
def load_section_rules(path: str | None = None) -> SectionRules:
    """sections.toml from the package, or a team's own copy at ``path``; compiled once."""
    return _rules_from(load_toml("analysis/sections.toml") if path is None else read_toml_file(path))


_THREE_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_].*?[^\W\d_]", re.S)


def _introduces_list(text: str) -> bool:
    """"... by virtue of the following exemptions:"."""
    return _INTRODUCES_LIST.search(text) is not None


def is_content(text: str, rules: SectionRules | None = None) -> bool:
    """Text that counts as content: some words, not a placeholder such as "None" or "N/A"."""
    if not _THREE_LETTERS.search(text[:400]):
        return False
    if len(text) > 80:
        return True  # placeholders are short
    rules = rules or load_section_rules()
    t = fold(text).strip()
    return not any(p.match(t) for p in rules.empty)


def _clean_heading(text: str) -> str:
    """Fold, drop a leading number ("3.", "b)") and trailing ":" / "-"."""
    t = fold(text)
    t = _LEADING_NUMBER.sub("", t, count=1)
    return _TRAILING.sub("", t).strip()


def classify_heading_text(text: str, rules: SectionRules | None = None) -> str | None:
    """The canonical section a heading's text names, or None."""
    rules = rules or load_section_rules()
    t = _clean_heading(text)
    if not t:
        return None
    for name, patterns in rules.sections:
        if any(p.search(t) for p in patterns):
            return name
    return None


def factor_direction(text: str, rules: SectionRules | None = None) -> str | None:
    """"for" / "against" for a table header cell or row label, else None."""
    rules = rules or load_section_rules()
    t = _clean_heading(text)
    if not t or len(t.split()) > 20:
        return None
    if any(p.search(t) for p in rules.table_against):
        return "against"
    if any(p.search(t) for p in rules.table_for):
        return "for"
    return None


@dataclass
class _Heading:
    """What one heading-like block says."""

    kind: str  # section | exemption | closing | other
    name: str | None = None
    exemptions: tuple[str, ...] = ()
    inline: bool = False  # content follows the lead-in colon in the same block
    phrase: str = ""


@dataclass
class Structure:
    """What find_structure returns, ready to copy into the Analysis."""

    block_sections: list[str | None]
    sections: list[Section]
    factors: list[FactorGroup]
    #: Blocks that are headings or lead-ins (a section's, an exemption's or a sub-heading).
    heading_blocks: set[int] = field(default_factory=set)
    #: Per-exemption headings: block -> the exemption ids it names.
    exemption_headings: dict[int, tuple[str, ...]] = field(default_factory=dict)


class _Builder:
    def __init__(self, document: Document, citations: list[Citation], rules: SectionRules) -> None:
        self.doc = document
        self.blocks = [b for b in document.blocks]
        self.rules = rules
        self.by_block: dict[int, list[Citation]] = {}
        for c in citations:
            self.by_block.setdefault(c.block, []).append(c)
        cited = [c.id for c in citations if law.is_part_ii(c.id)]
        self.cited = list(dict.fromkeys(cited))
        self.block_sections: list[str | None] = [None] * len(self.blocks)
        self.sections: list[Section] = []
        self.factors: list[FactorGroup] = []
        self.heading_blocks: set[int] = set()
        self.exemption_headings: dict[int, tuple[str, ...]] = {}
        # state
        self.current: Section | None = None
        self.parent: Section | None = None  # the enclosing non-factor section
        self.group: FactorGroup | None = None
        self.context: str | None = None  # exemption of a per-exemption heading
        self.context_level: int | None = None  # that heading's level
        self.context_from_section = False  # set by a section heading naming it, not an exemption heading

    # -- helpers ---------------------------------------------------------
    def resolve(self, cit: Citation) -> str:
        return resolve_bare(cit, self.cited)

    def exemptions_in(self, index: int, end: int | None = None) -> tuple[str, ...]:
        out = []
        for c in self.by_block.get(index, []):
            if end is not None and c.start >= end:
                continue
            if law.is_part_ii(c.id):
                out.append(self.resolve(c))
        return tuple(dict.fromkeys(out))

    def is_content(self, text: str) -> bool:
        return is_content(text, self.rules)

    def titled(self, cleaned: str) -> tuple[str, ...]:
        """The cited exemption whose title is the whole of a heading ("Law Enforcement", "Health and Safety")."""
        words = [w for w in _WORDS.findall(cleaned) if w not in {"section", "the", "exemption", "s"}]
        if not words or len(words) > 10:
            return ()
        text = " ".join(words)
        out = []
        for e in self.cited:
            section = law.section_of(e)
            for t in law.titles(section or ""):
                title = " ".join(_WORDS.findall(fold(t)))
                if title and len(title) >= 6 and (text == title or text.startswith(title + " ") and len(words) - len(title.split()) <= 2):
                    out.append(e)
                    break
        out = [e for e in out if law.is_ncnd_subsection(e)] or out
        return tuple(dict.fromkeys(out))[:1] if len({law.section_of(e) for e in out}) == 1 else ()

    def _is_exemption_phrase(self, index: int, phrase: str, end: int | None) -> bool:
        """A phrase made of citation(s) and the exemption's title, little else."""
        cits = [c for c in self.by_block.get(index, []) if (end is None or c.start < end)]
        cits = [c for c in cits if law.is_part_ii(c.id)]
        if not cits:
            return False
        norm = self.blocks[index].norm
        rest = norm[: end if end is not None else len(norm)]
        for c in sorted(cits, key=lambda c: c.start, reverse=True):
            rest = rest[: c.start] + " " + rest[c.end :]
        low = fold(rest)
        for c in cits:
            for t in law.titles(c.section):
                low = low.replace(fold(t), " ")
            if c.title:
                low = low.replace(fold(c.title), " ")
        words = [w for w in _WORDS.findall(low) if w not in {"section", "sections", "and", "s", "ss", "foia", "of", "the", "act", "exemption", "freedom", "information", "2000"}]
        return len(words) <= self.rules.exemption_extra_words

    def read_heading(self, block: Block) -> _Heading | None:
        """Is this block a heading or lead-in, and of what?"""
        if block.kind == "table-cell":
            return None
        norm = block.norm
        if not norm:
            return None
        styled = block.kind == "heading"
        phrase, inline, end = norm, False, None
        colon = norm.find(":")
        if not styled:
            if colon <= 0:
                # A bare paragraph: a heading only if short and wholly a heading.
                if len(norm.split()) > self.rules.bare_heading_words or norm.rstrip()[-1:] in ".;,":
                    return None
            else:
                head = norm[:colon]
                if len(head.split()) > self.rules.lead_in_words or "http" in head.lower():
                    return None
                phrase, end = head, colon
                inline = self.is_content(norm[colon + 1 :])
        elif colon > 0 and self.is_content(norm[colon + 1 :]) and len(norm[:colon].split()) <= self.rules.lead_in_words:
            phrase, end, inline = norm[:colon], colon, True
        cleaned = _clean_heading(phrase)
        if not cleaned:
            return None
        gate_reject = (not styled) or phrase.rstrip().endswith(":") or end is not None
        rejected = gate_reject and any(p.search(cleaned) for p in self.rules.reject)
        name = None if rejected else classify_heading_text(phrase, self.rules)
        # A bare paragraph must be wholly a section heading, not a sentence that
        # merely contains "balancing test".
        if name and not styled and colon <= 0 and not self._wholly_heading(cleaned):
            name = None
        exemptions = self.exemptions_in(block.index, end) or self.titled(cleaned)
        if name:
            return _Heading("section", name, exemptions, inline, phrase)
        if exemptions and not self.exemptions_in(block.index, end) and (styled or end is not None or len(cleaned.split()) <= 8):
            # "Law Enforcement" alone over a part of the argument: the cited exemption of that title.
            return _Heading("exemption", None, exemptions, inline, phrase)
        if exemptions and self._is_exemption_phrase(block.index, phrase, end):
            return _Heading("exemption", None, exemptions, inline, phrase)
        if styled or end is not None:
            if any(p.search(cleaned) for p in self.rules.closing):
                return _Heading("closing", None, (), inline, phrase)
            if styled:
                return _Heading("other", None, exemptions, inline, phrase)
        return None

    @staticmethod
    def _wholly_heading(cleaned: str) -> bool:
        # No sentence punctuation inside and title-ish length.
        return not re.search(r"[.;!?]\s", cleaned) and len(cleaned.split()) <= 12

    # -- building --------------------------------------------------------
    def close_group(self) -> None:
        self.group = None

    def open_section(self, name: str, index: int | None, heading: _Heading) -> Section:
        exemption = self.pick_exemption(heading.exemptions)
        if exemption is None and name in ARGUMENT_SECTIONS:
            exemption = self.context
        section = Section(
            name=name,
            heading_block=None if heading.inline else index,
            blocks=[index] if heading.inline and index is not None else [],
            exemption=exemption,
            heading=heading.phrase.strip(),
        )
        self.sections.append(section)
        self.current = section
        return section

    @staticmethod
    def pick_exemption(exemptions: tuple[str, ...]) -> str | None:
        return exemptions[0] if len(exemptions) == 1 else None

    def add_to_current(self, index: int) -> None:
        if self.current is not None:
            self.block_sections[index] = self.current.name
            if (not self.current.blocks or self.current.blocks[-1] != index) and index != self.current.heading_block:
                self.current.blocks.append(index)
        if self.group is not None and self.is_content(self.blocks[index].text):
            if not self.group.blocks or self.group.blocks[-1] != index:
                self.group.blocks.append(index)

    def build(self) -> Structure:
        balancing_headings = 0
        headings: dict[int, _Heading] = {}
        for block in self.blocks:
            h = self.read_heading(block)
            if h is not None:
                headings[block.index] = h
                if h.kind == "section" and h.name == "balancing-test":
                    balancing_headings += 1
        self.per_exemption_balancing = balancing_headings > 1
        list_entries = self.exemption_list_entries(headings)

        i = 0
        n = len(self.blocks)
        previous_meaningful: str | None = None  # "exemptions-heading" | "entry" | other
        while i < n:
            block = self.blocks[i]
            if block.kind == "table-cell":
                i = self.read_table(i)
                previous_meaningful = "content"
                continue
            h = headings.get(i)
            if h is None:
                self.add_to_current(i)
                if self.is_content(block.text):
                    previous_meaningful = "content"
                i += 1
                continue
            self.heading_blocks.add(i)
            if h.kind == "section":
                self.handle_section(i, h)
                previous_meaningful = "exemptions-heading" if h.name == "applicable-exemptions" and not h.inline else h.name
            elif h.kind == "exemption":
                in_list = i in list_entries or block.kind == "list-item" or (
                    self.current is not None
                    and self.current.name == "applicable-exemptions"
                    and (previous_meaningful in ("exemptions-heading", "entry") or block.kind != "heading")
                ) or len(h.exemptions) > 1
                if in_list:
                    self.add_to_current(i)
                    previous_meaningful = "entry"
                elif h.inline and self.current is not None and self.current.name in ("factors-for", "factors-against"):
                    self.add_factor_lead_in(i)
                    previous_meaningful = "content"
                else:
                    self.exemption_headings[i] = h.exemptions
                    self.context = h.exemptions[0]
                    self.context_from_section = False
                    self.context_level = block.level if block.kind == "heading" else None
                    self.close_group()
                    if self.current is not None and self.current.name in ("applicable-exemptions", "request"):
                        self.current = self.parent = None
                    elif self.current is not None and self.current.name.startswith("factors"):
                        self.current = self.parent
                    if self.current is not None:
                        self.block_sections[i] = self.current.name
                    previous_meaningful = "exemption"
            elif h.kind == "closing":
                self.close_group()
                self.current = self.parent = None
                self.context = None
                previous_meaningful = "closing"
            else:  # an unrecognised heading: a sub-heading inside the current section
                self.add_to_current(i)
                previous_meaningful = "other"
            i += 1
        return Structure(
            block_sections=self.block_sections,
            sections=self.sections,
            factors=self.factors,
            heading_blocks=self.heading_blocks,
            exemption_headings=self.exemption_headings,
        )

    def exemption_list_entries(self, headings: dict[int, _Heading]) -> set[int]:
        """Exemption lines that list the exemptions relied on rather than head an argument.

        Consecutive exemption lines naming different exemptions are a list
        ("Section 24(2) National Security", "Section 31(3) Law Enforcement"),
        and so is a line right after a sentence that introduces the list
        ("... by virtue of the following exemptions:"). An exemption named
        again after the list heads its own part of the argument.
        """
        order = [b.index for b in self.blocks if b.kind != "table-cell" and self.is_content(b.text)]
        entries: set[int] = set()
        run: list[int] = []
        named: set[str] = set()
        introduced = False

        def close() -> None:
            if len(run) >= 2 or (run and introduced):
                entries.update(run)

        for pos, i in enumerate(order):
            h = headings.get(i)
            if h is None or h.kind != "exemption":
                close()
                run, named = [], set()
                introduced = h is None and _introduces_list(self.blocks[i].norm)
                continue
            if run and named & set(h.exemptions):
                close()  # the same exemption again: a new part, not the list
                run, named, introduced = [], set(), False
            run.append(i)
            named |= set(h.exemptions)
        close()
        return entries

    def handle_section(self, i: int, h: _Heading) -> None:
        name = h.name
        self.close_group()
        if name in _CONTEXT_RESET or (name == "balancing-test" and not self.per_exemption_balancing and not h.exemptions):
            self.context = None
        elif name in ("harm", "public-interest", "balancing-test"):
            named = self.pick_exemption(h.exemptions)
            block = self.blocks[i]
            if (
                named is None
                and not self.context_from_section
                and self.context_level is not None
                and block.kind == "heading"
                and block.level is not None
                and block.level <= self.context_level
            ):
                # "## Section 23(5)" then "## Harm in confirming or denying": a sibling
                # heading ends that exemption's part; the harm is the letter's, not 23(5)'s.
                self.context = None
            if named is not None:
                # "Public Interest Test - Section 31(3)": the factors below argue 31(3).
                self.context, self.context_from_section = named, True
            elif self.context_from_section:
                self.context = None  # a generic part after a per-exemption one
        if name in ("factors-for", "factors-against"):
            section = self.open_section(name, i, h)
            direction = "for" if name == "factors-for" else "against"
            group = FactorGroup(
                direction=direction,
                exemption=section.exemption,
                heading_block=i,
                blocks=[i] if h.inline else [],
                layout="lead-in" if h.inline else "heading",
            )
            self.factors.append(group)
            self.group = group
        else:
            self.open_section(name, i, h)
            self.parent = self.current
        self.block_sections[i] = name

    def add_factor_lead_in(self, index: int) -> None:
        """'Section 24: Confirming or denying would ...' under a factors heading.

        The factors stay in the section they are under, and each exemption the
        paragraph names gets a factor group of its own (a drafter may run
        "Section 24: ... Section 31: ..." into one paragraph), rather than the
        lead-in reading as a new per-exemption part of the argument.
        """
        self.add_to_current(index)
        direction = "for" if self.current.name == "factors-for" else "against"
        for exemption in self.exemptions_in(index):
            self.factors.append(FactorGroup(direction, exemption, None, [index], layout="lead-in"))

    def read_table(self, start: int) -> int:
        """Read one table's cells; factor tables give a group per direction column (or row)."""
        table = self.blocks[start].cell[0] if self.blocks[start].cell else None
        end = start
        while end < len(self.blocks) and self.blocks[end].kind == "table-cell" and (
            self.blocks[end].cell is None or self.blocks[end].cell[0] == table
        ):
            end += 1
        cells = self.blocks[start:end]
        header = {b.cell[2]: factor_direction(b.text, self.rules) for b in cells if b.cell and b.cell[1] == 0}
        columns = {c: d for c, d in header.items() if d}
        first_col = {b.cell[1]: factor_direction(b.text, self.rules) for b in cells if b.cell and b.cell[2] == 0}
        rows = {r: d for r, d in first_col.items() if d}
        if len(set(columns.values())) >= 1 and len(columns) >= 1 and (len(columns) >= 2 or not rows):
            self.table_groups(cells, by="column", labels=columns)
        elif rows:
            self.table_groups(cells, by="row", labels=rows)
        else:
            for b in cells:
                self.add_to_current(b.index)
        return end

    def table_groups(self, cells: list[Block], by: str, labels: dict[int, str]) -> None:
        self.close_group()
        parent = self.current
        # A column (or row) of exemption names makes the table per exemption.
        groups: dict[tuple[int, str | None], FactorGroup] = {}
        exemption_of_line: dict[int, str] = {}
        for b in cells:
            r, c = b.cell[1], b.cell[2]
            line, pos = (r, c) if by == "column" else (c, r)
            if pos not in labels and line != 0:
                ex = self.exemptions_in(b.index)
                if len(ex) == 1:
                    exemption_of_line[line] = ex[0]
        for b in cells:
            r, c = b.cell[1], b.cell[2]
            line, pos = (r, c) if by == "column" else (c, r)
            if line == 0 and pos in labels:  # the label cell itself
                key = (pos, None)
                if key not in groups:
                    direction = labels[pos]
                    name = "factors-for" if direction == "for" else "factors-against"
                    exemption = self.pick_exemption(self.exemptions_in(b.index)) or self.context
                    group = FactorGroup(direction, exemption, b.index, [], layout="table")
                    groups[key] = group
                    self.factors.append(group)
                    self.sections.append(Section(name, b.index, [], exemption, b.text.strip()))
                self.block_sections[b.index] = "factors-for" if labels[pos] == "for" else "factors-against"
                self.heading_blocks.add(b.index)
                continue
            if pos in labels:
                direction = labels[pos]
                line_ex = exemption_of_line.get(line)
                base = groups.get((pos, None))
                if line_ex and base is not None and line_ex != base.exemption:
                    key = (pos, line_ex)
                    if key not in groups:
                        group = FactorGroup(direction, line_ex, base.heading_block, [], layout="table")
                        groups[key] = group
                        self.factors.append(group)
                    target = groups[key]
                else:
                    target = base
                name = "factors-for" if direction == "for" else "factors-against"
                self.block_sections[b.index] = name
                if target is not None and self.is_content(b.text):
                    target.blocks.append(b.index)
                for s in self.sections:
                    if s.heading_block == (base.heading_block if base else None) and s.name == name:
                        s.blocks.append(b.index)
                        break
            else:
                if parent is not None:
                    self.block_sections[b.index] = parent.name
                    parent.blocks.append(b.index)
        # Exemption-per-row tables: the base groups may be empty shells; drop them
        # when every row carried its own exemption.
        if exemption_of_line:
            for key, group in list(groups.items()):
                if key[1] is None and not group.blocks and any(k[0] == key[0] and k[1] for k in groups):
                    self.factors.remove(group)
        self.current = parent


def resolve_bare(cit: Citation, cited: list[str]) -> str:
    """A bare "Section 24" means the 24(x) the draft cites (its NCND subsection first)."""
    if cit.subsection is None:
        same = [i for i in cited if law.section_of(i) == cit.section and i != cit.id and law.parse_id(i).parts]
        ncnd = [i for i in same if law.is_ncnd_subsection(i)]
        if ncnd or same:
            return (ncnd or same)[0]
    return cit.id


#: A block where the answer begins: a citation of the Act or the NCND statement.
_ANSWER_STARTS = re.compile(
    r"\bneither\s+confirm|\b(?:sections?|s\.?)\s?\d{1,2}[A-Z]?\s?\(|\bfreedom of information act\b.*\b(?:appl|rel[yi]|exempt)",
    re.I,
)


#: A heading where the authority's answer begins in a Request/Answer layout.
_ANSWER_HEADING = re.compile(r"^(?:our |the |my )?(?:answer|response|reply)s?\b", re.I)


def _add_request(structure: Structure, document: Document, rules: SectionRules) -> None:
    """A request echo with no heading: the question-like blocks before the first section."""
    if any(s.name == "request" for s in structure.sections):
        return
    first = min((s.heading_block if s.heading_block is not None else (s.blocks[0] if s.blocks else 10**9)) for s in structure.sections) if structure.sections else len(document.blocks)
    # A letter with no headings at all: the echo ends where the answer starts
    # (the first block that cites the Act or neither confirms nor denies), not at
    # the last "requested" of the letter.
    first = min(first, next((b.index for b in document.blocks if _ANSWER_STARTS.search(b.norm)), first))
    # A Request/Answer layout: the echo ends at the first answer heading ("Answer 1", "Response").
    first = min(first, next((b.index for b in document.blocks if b.kind == "heading" and _ANSWER_HEADING.match(fold(b.text))), first))
    found: list[int] = []
    for block in document.blocks[:first]:
        if structure.block_sections[block.index] is not None:
            continue
        t = fold(block.text)
        if block.kind == "list-item" or any(p.search(t) for p in rules.request_cues):
            found.append(block.index)
    if not found:
        return
    # "You asked:" then the request itself, quoted or listed on the lines after it.
    last = max(found)
    while document.blocks[last].norm.rstrip().endswith(":") and last + 1 < len(document.blocks):
        nxt = document.blocks[last + 1]
        if nxt.kind == "heading" or structure.block_sections[nxt.index] is not None or _ANSWER_STARTS.search(nxt.norm):
            break
        if not (nxt.norm.lstrip()[:1] in "\"'\u201c\u2018" or nxt.kind == "list-item" or "?" in nxt.norm):
            break
        last += 1
        while last + 1 < len(document.blocks) and document.blocks[last + 1].kind == "list-item" and document.blocks[last].kind == "list-item":
            last += 1
    blocks = list(range(found[0], last + 1))
    section = Section("request", None, blocks, None, "request")
    structure.sections.insert(0, section)
    for b in blocks:
        if structure.block_sections[b] is None:
            structure.block_sections[b] = "request"


def find_structure(document: Document, citations: list[Citation], rules: SectionRules | None = None) -> Structure:
    """Sections, per-block section names and factor groups of one draft."""
    rules = rules or load_section_rules()
    structure = _Builder(document, citations, rules).build()
    _add_request(structure, document, rules)
    return structure


def attribute_single_exemption(factors: list[FactorGroup], sections: list[Section], qualified: list[str]) -> None:
    """With one qualified exemption cited, un-attributed factor groups argue it."""
    if len(qualified) != 1:
        return
    only = qualified[0]
    for g in factors:
        if g.exemption is None:
            g.exemption = only
    for s in sections:
        if s.exemption is None and s.name in ("factors-for", "factors-against", "public-interest"):
            s.exemption = only
