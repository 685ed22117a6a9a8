"""The approved-wording library: reference_texts/*.toml loaded into data.

An FOI team keeps its approved wording as TOML files (one per exemption,
``shared.toml`` for the parts every response has, ``links.toml`` for the link
registry) and edits them without code; reference_texts/README.md documents
the format. This module reads a folder of such files, and says what is wrong
with one (``refs validate``). It imports nothing heavy: ``refs list`` must be
quick.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ncnd_check.analysis.placeholders import LIBRARY_PLACEHOLDER
from ncnd_check.data_files import read_toml_file
from ncnd_check.wording.matching import LibraryIndex

#: Roles a paragraph can play in a response.
ROLES = ("harm", "factor-for", "factor-against", "balancing", "conclusion", "closing", "explanation")

#: Placeholders a paragraph may use, and what a draft puts there.
PLACEHOLDERS = {
    "authority": "the name of the force or authority sending the response",
    "subject": "the subject of the request, in a few words",
    "date": "a date (the request's or the response's)",
    "reference": "the request's reference number",
    "requester": "the requester's name",
    "exemptions": "the list of exemptions cited",
}

#: Fields every paragraph must have.
REQUIRED_FIELDS = ("id", "role", "required", "text")
#: Fields a paragraph may have.
OPTIONAL_FIELDS = ("version", "approved", "one_of", "topic", "notes", "exemption")
MATCH_KINDS = ("exact", "prefix", "pattern")
SHARED = "shared"
LINKS_FILE = "links.toml"
#: The manifest: whose wording the library is (``[library]`` name, authority, description).
MANIFEST_FILE = "library.toml"
MANIFEST_FIELDS = ("name", "authority", "description", "learned_from")

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One approved paragraph."""

    id: str
    exemption: str  # "s24(2)", or "shared"
    role: str
    required: bool
    text: str
    version: str | None = None
    approved: str | None = None
    #: Required paragraphs with the same one_of (within one exemption) are
    #: alternatives: any one of them satisfies the requirement.
    one_of: str | None = None
    topic: str | None = None
    notes: str | None = None
    source: str = ""
    #: Position in its file: adjacency for split and merged paragraphs.
    order: int = 0

    @property
    def placeholders(self) -> list[str]:
        return LIBRARY_PLACEHOLDER.findall(self.text)

    @property
    def is_shared(self) -> bool:
        return self.exemption == SHARED

    def filled(self, values: dict[str, str] | None = None) -> str:
        """The text with the placeholders we know filled in, the others left as {name}."""
        values = values or {}
        return LIBRARY_PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or m.group(0), self.text)


@dataclass(frozen=True, slots=True)
class LinkEntry:
    """A superseded or moved address, and what replaces it."""

    url: str
    match: str = "exact"  # exact | prefix | pattern
    replacement: str | None = None
    verified: bool = True
    rewrite: bool = False
    title: str | None = None
    reason: str | None = None
    since: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Exemption:
    id: str
    title: str = ""
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    source: str = ""


@dataclass
class Library:
    """Every approved paragraph, the exemptions they belong to, and the link registry."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    links: list[LinkEntry] = field(default_factory=list)
    https_hosts: list[str] = field(default_factory=list)
    exemptions: dict[str, Exemption] = field(default_factory=dict)
    folder: str | None = None
    #: From library.toml: a name for people, and the authority whose wording it is
    #: (None: not recorded, so the checker cannot tell whose it is).
    name: str | None = None
    authority: str | None = None
    #: Addresses the letters the library was learned from link to ([[current]] in links.toml).
    current_links: list[str] = field(default_factory=list)
    #: Problems met while loading (the loader is lenient; validate() is strict).
    problems: list[str] = field(default_factory=list)
    _by_id: dict[str, Paragraph] | None = field(default=None, repr=False)
    _index: object = field(default=None, repr=False)

    def get(self, paragraph_id: str) -> Paragraph | None:
        if self._by_id is None:
            self._by_id = {p.id: p for p in self.paragraphs}
        return self._by_id.get(paragraph_id)

    def canonical_exemption(self, exemption_id: str) -> str:
        """The library's id for an exemption the draft cites (aliases such as s40(5) -> s40(5B))."""
        if exemption_id in self.exemptions:
            return exemption_id
        for ex in self.exemptions.values():
            if exemption_id in ex.aliases:
                return ex.id
        return exemption_id

    def index(self):
        """The alignment index over this library, built once (see wording/matching.py)."""
        if self._index is None:
            self._index = LibraryIndex(self)
        return self._index


# --------------------------------------------------------------------------- locating


def default_reference_dir() -> Path | None:
    """The bundled library: inside the installed package, else the repository's folder."""
    package = Path(__file__).resolve().parent.parent  # ncnd_check/
    for candidate in (package / "reference_texts", package.parent / "reference_texts"):
        if candidate.is_dir():
            return candidate
    return None


def resolve_reference_dir(reference_dir: str | None) -> Path | None:
    return Path(reference_dir) if reference_dir else default_reference_dir()


# --------------------------------------------------------------------------- loading


_LOADED: dict[str | None, "Library"] = {}


def library_for(settings) -> Library:
    """The library the settings name (``reference_dir``, else the bundled one), loaded once per process per folder."""
    key = getattr(settings, "reference_dir", None)
    if key not in _LOADED:
        _LOADED[key] = load_library(key)
    return _LOADED[key]


def load_library(reference_dir: str | None = None) -> Library:
    """Load a library folder, leniently: a bad entry is skipped and noted in ``problems``.

    Callers that check drafts use :func:`library_for`, which loads each folder once per process.
    """
    folder = resolve_reference_dir(reference_dir)
    library = Library(folder=str(folder) if folder else None)
    if folder is None or not folder.is_dir():
        library.problems.append(f"{reference_dir or 'reference_texts'}: no such folder")
        return library
    problems, parsed = _parse_folder(folder)
    library.problems.extend(problems)
    for path, data in parsed:
        if path.name == LINKS_FILE:
            _load_links(library, path, data)
        elif path.name == MANIFEST_FILE:
            _load_manifest(library, data)
        else:
            _load_paragraphs(library, path, data)
    return library


def _load_manifest(library: Library, data: dict) -> None:
    table = data.get("library") or {}
    if isinstance(table, dict):
        library.name = _opt(table.get("name")) or None
        library.authority = _opt(table.get("authority")) or None


def library_label(library: Library) -> str:
    """How a report names a library: its manifest name, else its folder's name."""
    if library.name:
        return library.name
    return Path(library.folder).name if library.folder else "(none)"


def _parse_folder(folder: Path) -> tuple[list[str], list[tuple[Path, dict]]]:
    problems: list[str] = []
    parsed: list[tuple[Path, dict]] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            parsed.append((path, read_toml_file(path)))
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{path.name}: not valid TOML: {exc}")
        except OSError as exc:
            problems.append(f"{path.name}: cannot read: {exc.strerror or exc}")
    return problems, parsed


def _text(value) -> str:
    return _SPACES.sub(" ", str(value)).strip()


def _opt(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _load_paragraphs(library: Library, path: Path, data: dict) -> None:
    header = data.get("exemption") or {}
    ex_id = str(header.get("id") or path.stem)
    if ex_id not in library.exemptions:
        aliases = header.get("aliases") or []
        library.exemptions[ex_id] = Exemption(
            id=ex_id,
            title=str(header.get("title") or ""),
            kind=_opt(header.get("kind")),
            aliases=tuple(str(a) for a in aliases) if isinstance(aliases, list) else (),
            source=path.name,
        )
    seen = {p.id for p in library.paragraphs}
    for order, item in enumerate(data.get("paragraph") or []):
        if not isinstance(item, dict):
            library.problems.append(f"{path.name}: paragraph {order + 1} is not a table")
            continue
        missing = [f for f in REQUIRED_FIELDS if f not in item]
        if missing or item.get("role") not in ROLES or item.get("id") in seen:
            library.problems.append(f"{path.name}: paragraph {item.get('id') or order + 1} skipped (see refs validate)")
            continue
        seen.add(item["id"])
        library.paragraphs.append(
            Paragraph(
                id=str(item["id"]),
                exemption=str(item.get("exemption") or ex_id),
                role=item["role"],
                required=bool(item["required"]),
                text=_text(item["text"]),
                version=_opt(item.get("version")),
                approved=_opt(item.get("approved")),
                one_of=_opt(item.get("one_of")),
                topic=_opt(item.get("topic")),
                notes=_text(item["notes"]) if item.get("notes") else None,
                source=path.name,
                order=order,
            )
        )


def _load_links(library: Library, path: Path, data: dict) -> None:
    for item in data.get("superseded") or []:
        if not isinstance(item, dict) or not item.get("url"):
            library.problems.append(f"{path.name}: a [[superseded]] entry without url skipped")
            continue
        match = item.get("match", "exact")
        if match not in MATCH_KINDS:
            library.problems.append(f"{path.name}: {item['url']}: unknown match {match!r}, entry skipped")
            continue
        if match == "pattern":
            try:
                re.compile(item["url"])
            except re.error as exc:
                library.problems.append(f"{path.name}: {item['url']}: bad pattern: {exc}")
                continue
        library.links.append(
            LinkEntry(
                url=str(item["url"]),
                match=match,
                replacement=_opt(item.get("replacement")) or None,
                verified=bool(item.get("verified", True)),
                rewrite=bool(item.get("rewrite", False)),
                title=_opt(item.get("title")),
                reason=_text(item["reason"]) if item.get("reason") else None,
                since=_opt(item.get("since")),
                source=path.name,
            )
        )
    for item in data.get("current") or []:
        if isinstance(item, dict) and item.get("url"):
            library.current_links.append(str(item["url"]))
    hosts = (data.get("https") or {}).get("hosts") or []
    library.https_hosts.extend(str(h).lower() for h in hosts if isinstance(h, str))


# --------------------------------------------------------------------------- validating


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a library, in words an FOI team can act on."""

    file: str
    where: str
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{self.file}:{where} {self.severity}: {self.message}"


def validate_library(reference_dir: str | Path) -> list[Problem]:
    """Every problem in a library folder: the strict check behind ``refs validate``."""
    folder = Path(reference_dir)
    if not folder.is_dir():
        return [Problem(str(folder), "", "no such folder")]
    problems: list[Problem] = []
    parse_problems, parsed = _parse_folder(folder)
    for text in parse_problems:
        name, _, message = text.partition(": ")
        problems.append(Problem(name, "", message))
    if not parsed and not parse_problems:
        problems.append(Problem(str(folder), "", "holds no .toml file"))
    ids: dict[str, str] = {}
    exemption_ids: dict[str, str] = {}
    for path, data in parsed:
        if path.name == LINKS_FILE:
            problems.extend(_validate_links(path.name, data))
            continue
        if path.name == MANIFEST_FILE:
            problems.extend(_validate_manifest(path.name, data))
            continue
        problems.extend(_validate_paragraph_file(path.name, data, ids, exemption_ids))
    return problems


def _validate_paragraph_file(name: str, data: dict, ids: dict[str, str], exemption_ids: dict[str, str]) -> list[Problem]:
    out: list[Problem] = []
    header = data.get("exemption")
    if not isinstance(header, dict) or not header.get("id"):
        out.append(Problem(name, "[exemption]", "missing table with an id (e.g. id = \"s24(2)\", or \"shared\")"))
    else:
        ex_id = str(header["id"])
        if ex_id != SHARED and not re.fullmatch(r"s\d+[A-Z]?\(\d+[A-Z]?\)", ex_id):
            out.append(Problem(name, "[exemption]", f"id {ex_id!r} is not an exemption id like s24(2) or s40(5B)"))
        if ex_id in exemption_ids:
            out.append(Problem(name, "[exemption]", f"exemption {ex_id} is also defined in {exemption_ids[ex_id]}", "warning"))
        exemption_ids.setdefault(ex_id, name)
    known = set(data) - {"exemption", "paragraph"}
    for key in sorted(known):
        out.append(Problem(name, "", f"unknown table {key!r} (expected [exemption] and [[paragraph]])", "warning"))
    paragraphs = data.get("paragraph")
    if not isinstance(paragraphs, list) or not paragraphs:
        out.append(Problem(name, "", "no [[paragraph]] entries"))
        return out
    for n, item in enumerate(paragraphs, 1):
        where = f"paragraph {n}"
        if not isinstance(item, dict):
            out.append(Problem(name, where, "is not a table"))
            continue
        if item.get("id"):
            where = f"paragraph {item['id']}"
        for f in REQUIRED_FIELDS:
            if f not in item or item[f] in ("", None):
                out.append(Problem(name, where, f"missing field {f!r}"))
        for f in sorted(set(item) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)):
            out.append(Problem(name, where, f"unknown field {f!r}", "warning"))
        pid = item.get("id")
        if pid:
            if pid in ids:
                out.append(Problem(name, where, f"duplicate id (also in {ids[pid]})"))
            else:
                ids[pid] = name
        role = item.get("role")
        if role is not None and role not in ROLES:
            out.append(Problem(name, where, f"unknown role {role!r}; use one of: {', '.join(ROLES)}"))
        if "required" in item and not isinstance(item["required"], bool):
            out.append(Problem(name, where, "required must be true or false"))
        if "version" not in item and "approved" not in item:
            out.append(Problem(name, where, "no version or approved date", "warning"))
        text = item.get("text")
        if isinstance(text, str):
            out.extend(Problem(name, where, m) for m in placeholder_problems(text))
        elif text is not None:
            out.append(Problem(name, where, "text must be a string"))
    return out


def _validate_manifest(name: str, data: dict) -> list[Problem]:
    out: list[Problem] = []
    for key in sorted(set(data) - {"library"}):
        out.append(Problem(name, "", f"unknown table {key!r} (expected [library])", "warning"))
    table = data.get("library")
    if not isinstance(table, dict):
        return out + [Problem(name, "[library]", "missing table (name, authority)")]
    for key in sorted(set(table) - set(MANIFEST_FIELDS)):
        out.append(Problem(name, "[library]", f"unknown field {key!r}", "warning"))
    for key in ("name", "authority", "description"):
        if key in table and not isinstance(table[key], str):
            out.append(Problem(name, "[library]", f"{key} must be a string"))
    if not table.get("authority"):
        out.append(Problem(name, "[library]", "no authority: the checker cannot tell whose wording this is", "warning"))
    return out


def placeholder_problems(text: str) -> list[str]:
    """Unbalanced braces and unknown placeholder names in one paragraph's text."""
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
            if depth > 1:
                out.append("a '{' inside a placeholder: braces are not balanced")
                break
        elif ch == "}":
            depth -= 1
            if depth < 0:
                out.append("a '}' without a matching '{': braces are not balanced")
                break
    else:
        if depth > 0:
            out.append("a '{' that is never closed: braces are not balanced")
    for name in LIBRARY_PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            out.append(f"unknown placeholder {{{name}}}; known: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS))
    for bad in re.findall(r"\{([^{}]*)\}", text):
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", bad):
            out.append(f"placeholder {{{bad}}} is not a plain name")
    return out


def _is_url_like(value: str) -> bool:
    from urllib.parse import urlsplit

    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        return False
    probe = value if "://" in value else "https://" + value
    try:
        parts = urlsplit(probe)
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and re.fullmatch(r"[a-z0-9.-]+", host) is not None


def _validate_links(name: str, data: dict) -> list[Problem]:
    out: list[Problem] = []
    for key in sorted(set(data) - {"superseded", "https", "current"}):
        out.append(Problem(name, "", f"unknown table {key!r} (expected [[superseded]], [[current]] and [https])", "warning"))
    for n, item in enumerate(data.get("current") or [], 1):
        if not isinstance(item, dict) or not _is_url_like(item.get("url")):
            out.append(Problem(name, f"current {n}", "needs a url that is a URL"))
    entries = data.get("superseded") or []
    seen: dict[str, int] = {}
    for n, item in enumerate(entries, 1):
        where = f"superseded {n}"
        if not isinstance(item, dict):
            out.append(Problem(name, where, "is not a table"))
            continue
        url = item.get("url")
        where = f"superseded {url or n}"
        match = item.get("match", "exact")
        if match not in MATCH_KINDS:
            out.append(Problem(name, where, f"unknown match {match!r}; use exact, prefix or pattern"))
        if not url:
            out.append(Problem(name, where, "missing field 'url'"))
        elif match == "pattern":
            try:
                re.compile(url)
            except re.error as exc:
                out.append(Problem(name, where, f"pattern does not compile: {exc}"))
        elif not _is_url_like(url):
            out.append(Problem(name, where, f"url {url!r} is not a URL"))
        if url:
            if url in seen:
                out.append(Problem(name, where, f"duplicate of superseded entry {seen[url]}"))
            seen.setdefault(url, n)
        replacement = item.get("replacement")
        if replacement and not (item.get("rewrite") and "\\" in replacement) and not _is_url_like(replacement):
            out.append(Problem(name, where, f"replacement {replacement!r} is not a URL"))
        if replacement and not str(replacement).startswith("https://"):
            out.append(Problem(name, where, "replacement should be an https:// address", "warning"))
        for f in ("reason", "since"):
            if not item.get(f):
                out.append(Problem(name, where, f"missing field {f!r}", "warning"))
    hosts = (data.get("https") or {}).get("hosts", [])
    if not isinstance(hosts, list):
        out.append(Problem(name, "[https]", "hosts must be a list of host names"))
    else:
        for h in hosts:
            host = str(h)[2:] if str(h).startswith("*.") else str(h)
            if not isinstance(h, str) or not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", host.lower()):
                out.append(Problem(name, "[https]", f"{h!r} is not a host name"))
    return out
