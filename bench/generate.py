"""Generate the benchmark corpus: NCND drafts in text, HTML and DOCX.

Drafts are assembled from the approved-wording library (``reference_texts/``
through :mod:`ncnd_check.wording.library`) when it has paragraphs, and from a small
built-in template otherwise, then varied the way real drafts vary: force
names and subjects, reworded and missing paragraphs, links (some outdated,
some ``http://``), a request table, and tracked changes in DOCX. Everything is
seeded, so the same arguments give byte-identical files.

Usage::

    python bench/generate.py OUT_DIR [--typical 200] [--long 1] [--seed 7]
"""

from __future__ import annotations

import argparse
import html
import io
import itertools
import random
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # docx_factory: raw OOXML with tracked changes

FORCES = [
    "West Midlands Police", "Northumbria Police", "South Wales Police", "Cleveland Police",
    "Dyfed-Powys Police", "Police Service of Northern Ireland", "Kent Police", "Durham Constabulary",
    "Warwickshire Police", "North Yorkshire Police", "Gwent Police", "Avon and Somerset Police",
]
SUBJECTS = [
    ("the use of Microsoft Office 365 across the force", "operating systems"),
    ("automatic number plate recognition camera locations", "ANPR cameras"),
    ("covert surveillance equipment purchased since 2020", "surveillance equipment"),
    ("the number of registered informants", "covert human intelligence sources"),
    ("contracts with mobile phone extraction suppliers", "digital forensics"),
    ("protest policing operations in the city centre", "public order tactics"),
    ("the cyber security incidents reported in 2024", "cyber security"),
    ("the use of facial recognition at events", "facial recognition"),
]
EXEMPTION_TITLES = {
    "s23(5)": "Section 23(5) Information supplied by, or concerning, certain Security Bodies",
    "s24(2)": "Section 24(2) National Security",
    "s30(3)": "Section 30(3) Investigations",
    "s31(3)": "Section 31(3) Law Enforcement",
    "s40(5B)": "Section 40(5B) Personal Information",
}
QUALIFIED = ("s24(2)", "s30(3)", "s31(3)")
CURRENT_LINKS = [
    ("the College of Policing guidance on freedom of information", "https://www.college.police.uk/app/information-management/freedom-information"),
    ("the ICO guidance on neither confirming nor denying", "https://ico.org.uk/for-organisations/foi/freedom-of-information-and-environmental-information-regulations/when-to-refuse-to-confirm-or-deny-holding-information/"),
    ("the Freedom of Information Act 2000", "https://www.legislation.gov.uk/ukpga/2000/36/contents"),
]
OUTDATED_LINKS = [
    ("the Authorised Professional Practice", "https://www.app.college.police.uk/app-content/information-management/"),
    ("the Community Security Policy", "http://library.college.police.uk/docs/APP-Community-Security-Policy-2014.pdf"),
    ("the ICO guidance", "https://ico.org.uk/media/for-organisations/documents/1166/when_to_refuse_to_confirm_or_deny_section_1_foia.pdf"),
    ("the Act", "http://www.legislation.hmso.gov.uk/acts/acts2000/20000036.htm"),
    ("the Ministry of Justice guidance", "http://www.justice.gov.uk/guidance/foi-exemptions-ncnd.htm"),
]
#: Word swaps that turn approved wording into a near match (a "reworded" paragraph).
REWORDINGS = [
    ("would", "could"), ("information", "data"), ("terrorists", "criminals"), ("extremely", "very"),
    ("confirm or deny", "confirm or not"), ("public", "community"), ("identify", "reveal"),
    ("police service", "force"), ("vitally important", "essential"), ("undermine", "weaken"),
]


@dataclass
class Para:
    """One approved paragraph: its role, the exemption it belongs to (None: shared), its text."""

    role: str
    exemption: str | None
    text: str


@dataclass
class Source:
    """What drafts are built from: paragraphs, exemption titles and which are qualified."""

    paragraphs: list[Para]
    titles: dict[str, str]
    qualified: set[str]
    name: str


# A small built-in template, used when there is no approved-wording library.
# Written for the benchmark in the register of police NCND responses; roles
# are the library's (explanation, harm, factor-for, factor-against, balancing,
# conclusion, closing).
BUILTIN: list[Para] = [
    Para("explanation", None, "Section 1 of the Act places two duties on public authorities. Unless exemptions apply, the first duty at Section 1(1)(a) is to confirm or deny whether the information specified in a request is held. The second duty at Section 1(1)(b) is to disclose information that has been confirmed as being held."),
    Para("explanation", None, "Where exemptions are relied upon, Section 17 of the Act requires that we provide the applicant with a notice which states that fact, specifies the exemptions in question and states why each exemption applies. This letter serves as that Refusal Notice."),
    Para("explanation", None, "{authority} can neither confirm nor deny that it holds the information relevant to your request, as the duty in Section 1(1)(a) of the Freedom of Information Act 2000 does not apply by virtue of the following exemptions:"),
    Para("harm", None, "Policing is an information-led activity, and information assurance is fundamental to how the police service manages the challenges it faces. National guidance exists to make sure that the information assets of every force are protected in a consistent way."),
    Para("harm", None, "Any release under the Act is a release to the world. The cumulative effect of small pieces of information, gathered over time from different forces and sources, would give a detailed picture of policing capability across the country."),
    Para("harm", "s24(2)", "To confirm or deny whether {authority} holds information about {subject} would identify where the force is and is not equipped, and would give those who wish to cause harm actual knowledge of its capability. This type of information would be extremely useful to terrorists and terrorist organisations."),
    Para("harm", "s31(3)", "Confirming or denying that information is held about {subject} would allow offenders to map the tactics of individual forces and move their activity to areas where they believe the police are less able to respond, which would undermine the prevention and detection of crime."),
    Para("harm", "s30(3)", "Confirming or denying whether any investigation has been carried out into {subject} would tell the subjects of an investigation whether they had come to police attention and would allow them to destroy evidence or evade arrest."),
    Para("explanation", "s23(5)", "The duty to confirm or deny does not arise where doing so would reveal whether information was supplied by, or relates to, any of the security bodies listed in Section 23(3). This is an absolute, class based exemption and no public interest test is required."),
    Para("explanation", "s40(5B)", "Confirming or denying whether information is held about a named individual would itself disclose personal data about that person, and doing so would breach the first data protection principle."),
    Para("factor-for", "s24(2)", "The public is entitled to know how public funds are spent and how national security is protected. Confirming whether information is held about {subject} would enable the public to hold the force to account and would improve public debate."),
    Para("factor-against", "s24(2)", "Security measures are put in place to protect the community we serve. To confirm or deny that information is held would show those intent on causing harm where vulnerabilities may lie, and no information which may aid a terrorist should be placed into the public domain."),
    Para("factor-for", "s31(3)", "Confirming that information exists would lead to a better informed public, which may encourage individuals to provide intelligence and so reduce crime."),
    Para("factor-against", "s31(3)", "Confirming or denying that information is held would suggest which tactics are in use, compromise the effectiveness of law enforcement and place further demands on police resources."),
    Para("factor-for", "s30(3)", "There is a public interest in knowing that allegations are investigated properly and that public money is used effectively in the course of investigations."),
    Para("factor-against", "s30(3)", "Confirming or denying whether an investigation exists could prejudice any investigation that may be under way and would deter witnesses and informants from coming forward."),
    Para("balancing", None, "The public interest is not what interests the public, but what will be of greater good to the community as a whole. Factors that favour complying with Section 1(1)(a) must be weighed against the factors against complying with that duty."),
    Para("conclusion", None, "Weakening the mechanisms used to protect the public and to investigate crime would place the community at greater risk. Therefore, at this moment in time, it is our opinion that the balance test favours neither confirming nor denying that information is held."),
    Para("closing", None, "None of the above can be viewed as an inference that the information you seek does or does not exist."),
    Para("closing", None, "If you are dissatisfied with this response you may ask for an internal review within 40 working days. If you remain dissatisfied after the review you may complain to the Information Commissioner."),
]
BUILTIN_SOURCE = Source(BUILTIN, EXEMPTION_TITLES, set(QUALIFIED), "built-in template")


def load_source(reference_dir: str | Path | None = None) -> Source:
    """The approved-wording library's paragraphs (reference_texts/*.toml), or the built-in template.

    The TOML files are read directly (one ``[exemption]`` table and
    ``[[paragraph]]`` entries each, see reference_texts/README.md), so the
    corpus does not depend on the loader's Python API.
    """
    import tomllib

    folder = Path(reference_dir) if reference_dir else ROOT / "reference_texts"
    paragraphs: list[Para] = []
    titles: dict[str, str] = {}
    qualified: set[str] = set()
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        ex = data.get("exemption") or {}
        eid = ex.get("id") if ex.get("id") not in (None, "shared") else None
        if eid:
            titles[eid] = f"Section {eid[1:]} {ex.get('title', '')}".strip()
            if ex.get("kind") == "qualified":
                qualified.add(eid)
        for p in data.get("paragraph") or []:
            text = " ".join(str(p.get("text", "")).split())
            if text:
                paragraphs.append(Para(str(p.get("role", "explanation")), eid, text))
    if len(paragraphs) < 8 or not titles:
        return BUILTIN_SOURCE
    return Source(paragraphs, titles, qualified, f"approved-wording library {folder.name}/ ({len(paragraphs)} paragraphs)")


# ---------------------------------------------------------------- the draft model

@dataclass
class Seg:
    """A piece of a paragraph: plain text, a link, or a tracked insertion/deletion (DOCX)."""

    kind: str  # text | link | ins | del
    text: str
    url: str = ""


@dataclass
class Item:
    kind: str  # heading | para | bullet | table
    segs: list[Seg] = field(default_factory=list)
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)

    @property
    def words(self) -> int:
        if self.kind == "table":
            return sum(len(c.split()) for r in self.rows for c in r)
        return sum(len(s.text.split()) for s in self.segs if s.kind != "del")


@dataclass
class Draft:
    name: str
    authority: str
    items: list[Item]

    @property
    def words(self) -> int:
        return sum(i.words for i in self.items)


def _text(t: str) -> list[Seg]:
    return [Seg("text", t)]


class DraftMaker:
    """Builds varied drafts from library paragraphs with one seeded random source."""

    def __init__(self, source: Source, seed: int = 7):
        self.rng = random.Random(seed)
        self.source = source
        self.paragraphs = source.paragraphs

    # ---- variation
    def _vary(self, text: str, authority: str, subject: str, ref: str, p_reword: float = 0.25) -> str:
        rng = self.rng
        link_text, _ = rng.choice(CURRENT_LINKS)
        text = (
            text.replace("{authority}", authority).replace("{subject}", subject)
            .replace("{link}", link_text).replace("{reference}", ref)
        )
        text = re.sub(r"\{[^}]*\}", subject, text)
        if rng.random() < p_reword:
            for old, new in rng.sample(REWORDINGS, 3):
                text = text.replace(old, new)
            sentences = re.split(r"(?<=[.!?])\s+", text)
            if len(sentences) > 2 and rng.random() < 0.5:
                sentences.pop(rng.randrange(len(sentences)))
            text = " ".join(sentences)
        return text

    def _para(self, text: str, docx_changes: bool) -> Item:
        """A paragraph, sometimes with a tracked change (the accepted text is ``text``)."""
        rng = self.rng
        words = text.split(" ")
        if docx_changes and len(words) > 12 and rng.random() < 0.3:
            at = rng.randrange(3, len(words) - 3)
            before, mid, after = " ".join(words[:at]) + " ", words[at], " " + " ".join(words[at + 1 :])
            return Item("para", [Seg("text", before), Seg("del", "previously "), Seg("ins", mid), Seg("text", after)])
        return Item("para", _text(text))

    def _pick(self, role: str, exemption: str | None) -> list[Para]:
        return [p for p in self.paragraphs if p.role == role and p.exemption == exemption]

    def _link_para(self) -> Item:
        rng = self.rng
        text, url = rng.choice(OUTDATED_LINKS if rng.random() < 0.4 else CURRENT_LINKS)
        lead = rng.choice(["A copy of the guidance can be found at", "Further information is available in", "See"])
        return Item("para", [Seg("text", f"{lead} "), Seg("link", text, url), Seg("text", ".")])

    # ---- a whole draft
    def draft(self, name: str, docx_changes: bool = True, target_words: int = 1000) -> Draft:
        rng = self.rng
        src = self.source
        authority = rng.choice(FORCES)
        subject, short = rng.choice(SUBJECTS)
        ref = f"FOI/{rng.randrange(1000, 99999)}/{rng.choice([23, 24, 25])}"
        pool = sorted(src.titles)
        exemptions = sorted(rng.sample(pool, k=min(len(pool), rng.choice([1, 2, 2, 3]))))
        items: list[Item] = []
        p_missing = 0.08

        def add(role: str, exemption: str | None = None, limit: int = 4) -> None:
            for p in self._pick(role, exemption)[:limit]:
                if rng.random() < p_missing:
                    continue  # a missing paragraph
                items.append(self._para(self._vary(p.text, authority, short, ref), docx_changes))

        def heading(text: str, level: int = 2) -> None:
            items.append(Item("heading", _text(text), level=level))

        heading(f"Freedom of Information Request Reference No: {ref}", 1)
        items.append(Item("para", _text(f"I write in connection with your request for information received by {authority} about {subject}.")))
        heading("Request")
        items.append(Item("table", rows=[["Question", "Response"]] + [
            [f"{q}) {rng.choice(['Number of', 'Cost of', 'Locations of', 'Suppliers of'])} {short} in {year}", "See below"]
            for q, year in zip("abcd", range(2021, 2021 + rng.randint(2, 4)))
        ]))
        heading("Response")
        add("explanation", None, limit=4)
        for e in exemptions:
            items.append(Item("bullet", _text(src.titles.get(e, e))))
        for e in exemptions:
            add("explanation", e, limit=2)
        heading(rng.choice(["Harm in Confirming or Denying that Information is held", "Evidence of Harm", "Overall harm for the NCND"]))
        add("harm", None, limit=2)
        for e in exemptions:
            add("harm", e, limit=3)
        items.append(self._link_para())
        qualified = [e for e in exemptions if e in src.qualified]
        if qualified:
            heading("Public Interest Considerations")
        for e in qualified:
            heading(src.titles.get(e, e), 3)
            items.append(Item("para", _text("Factors favouring complying with Section 1(1)(a) confirming that information is held:")))
            add("factor-for", e, limit=2)
            items.append(Item("para", _text("Factors against complying with Section 1(1)(a) neither confirming nor denying that information is held:")))
            add("factor-against", e, limit=3)
        heading("Balancing Test")
        add("balancing", None, limit=2)
        for e in qualified:
            add("balancing", e, limit=1)
        items.append(self._link_para())
        add("conclusion", None, limit=1)
        # Long drafts: appendices of further argument until the target length.
        appendix = 0
        while sum(i.words for i in items) < target_words * 0.9:
            if rng.random() < 0.05 or appendix == 0:
                appendix += 1
                heading(f"Appendix {appendix}: further considerations")
            p = rng.choice(self.paragraphs)
            items.append(self._para(self._vary(p.text, authority, short, ref, p_reword=0.5), docx_changes))
            if rng.random() < 0.03:
                items.append(self._link_para())
        add("closing", None, limit=3)
        items.append(Item("para", _text(f"Yours sincerely, Freedom of Information Unit, {authority}")))
        return Draft(name, authority, items)


# ---------------------------------------------------------------- writers

def _seg_plain(s: Seg) -> str:
    if s.kind == "del":
        return ""
    if s.kind == "link":
        return f"{s.text} ({s.url})"
    return s.text


def to_text(d: Draft) -> str:
    out = []
    for i in d.items:
        if i.kind == "table":
            out.append("\n".join(" | ".join(r) for r in i.rows))
        elif i.kind == "bullet":
            out.append("- " + "".join(_seg_plain(s) for s in i.segs))
        else:
            out.append("".join(_seg_plain(s) for s in i.segs))
    return "\n\n".join(out) + "\n"


def _seg_html(s: Seg) -> str:
    if s.kind == "del":
        return ""
    if s.kind == "link":
        return f'<a href="{html.escape(s.url)}">{html.escape(s.text)}</a>'
    return html.escape(s.text)


def to_html(d: Draft) -> str:
    body, in_list = [], False
    for i in d.items:
        if i.kind != "bullet" and in_list:
            body.append("</ul>")
            in_list = False
        inner = "".join(_seg_html(s) for s in i.segs)
        if i.kind == "heading":
            body.append(f"<h{i.level}>{inner}</h{i.level}>")
        elif i.kind == "bullet":
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{inner}</li>")
        elif i.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in i.rows)
            body.append(f'<table class="request">{rows}</table>')
        else:
            body.append(f"<p>{inner}</p>")
    if in_list:
        body.append("</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>FOI response</title>'
        "<style>body{font-family:Arial}</style></head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body></html>\n"
    )


def to_docx(d: Draft) -> bytes:
    import docx_factory as F

    def runs(segs: list[Seg]) -> str:
        out = []
        for s in segs:
            if s.kind == "link":
                out.append(F.hyperlink(s.text, s.url))
            elif s.kind == "ins":
                out.append(F.ins(s.text))
            elif s.kind == "del":
                out.append(F.del_(s.text))
            else:
                # Word splits a paragraph into several runs; one per sentence is a fair middle.
                out.extend(F.run(part) for part in re.split(r"(?<=[.,;:])(?= )", s.text) if part)
        return "".join(out)

    body = []
    for i in d.items:
        if i.kind == "heading":
            body.append(F.paragraph(F.Xml(runs(i.segs)), style=f"Heading{i.level}"))
        elif i.kind == "bullet":
            body.append(F.paragraph(F.Xml(runs(i.segs)), style="ListParagraph", num=(2, 0)))
        elif i.kind == "table":
            body.append(F.table(i.rows))
        else:
            body.append(F.paragraph(F.Xml(runs(i.segs))))
    F._ids = itertools.count(100)  # revision ids restart, so a seed gives the same bytes
    data = F.build_docx(
        "".join(body),
        core={"title": "FOI response", "creator": "FOI Unit", "lastModifiedBy": "FOI Unit",
              "created": "2025-01-15T10:00:00Z", "modified": "2025-01-16T09:30:00Z"},
        app={"Application": "Microsoft Office Word", "Company": d.authority},
    )
    return _fixed_dates(data)


def _fixed_dates(data: bytes) -> bytes:
    """The same zip with every member dated 2025-01-16, so output is byte-for-byte reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2025, 1, 16, 9, 30, 0)), src.read(info), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


WRITERS = {"text": (".txt", lambda d: to_text(d).encode("utf-8")), "html": (".html", lambda d: to_html(d).encode("utf-8")), "docx": (".docx", to_docx)}


def write_draft(d: Draft, folder: Path, fmt: str) -> Path:
    suffix, writer = WRITERS[fmt]
    path = folder / f"{d.name}{suffix}"
    path.write_bytes(writer(d))
    return path


def generate(
    out: Path,
    typical: int = 200,
    long: int = 1,
    seed: int = 7,
    formats: tuple[str, ...] = ("docx", "html", "text"),
    reference_dir: str | None = None,
    typical_words: int = 1000,
    long_words: int = 50_000,
) -> dict:
    """Write ``typical`` drafts per format into out/typical/<fmt>/ and ``long`` into out/long/<fmt>/.

    Returns {"typical": {fmt: [paths]}, "long": {fmt: [paths]}, "source": str, "words": {...}}.
    """
    source = load_source(reference_dir)
    maker = DraftMaker(source, seed)
    result: dict = {"typical": {}, "long": {}, "source": source.name, "words": {}}
    for kind, count, words in (("typical", typical, typical_words), ("long", long, long_words)):
        drafts = [maker.draft(f"{kind}_{n:04d}", target_words=words) for n in range(count)]
        result["words"][kind] = sum(d.words for d in drafts) / max(1, len(drafts))
        for fmt in formats:
            folder = out / kind / fmt
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.iterdir():
                old.unlink()
            result[kind][fmt] = [write_draft(d, folder, fmt) for d in drafts]
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--typical", type=int, default=200)
    ap.add_argument("--long", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reference-dir")
    args = ap.parse_args(argv)
    r = generate(args.out, args.typical, args.long, args.seed, reference_dir=args.reference_dir)
    print(f"source: {r['source']}; words per draft: typical {r['words']['typical']:.0f}, long {r['words'].get('long', 0):.0f}")
    for kind in ("typical", "long"):
        for fmt, paths in r[kind].items():
            print(f"{kind:8} {fmt:5} {len(paths)} files in {paths[0].parent if paths else '-'}")


if __name__ == "__main__":
    main()
