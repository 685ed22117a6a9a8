"""An OOXML package: the main part found through relationships, and its properties.

Word writes word/document.xml, but the package format only promises that
_rels/.rels points at the main part (some tools rename it), that part names
are case-insensitive, and that Strict OOXML uses other namespace URIs. This
module hides all of that from the body reader.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ncnd_check.errors import InputError
from ncnd_check.readers.safety import SafeZip, identify_other_zip, parse_part
from ncnd_check.settings import Settings

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
M_STRICT = "http://purl.oclc.org/ooxml/officeDocument/math"

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: app.xml elements worth keeping (document-hygiene rules read them).
APP_PROPERTIES = ("Company", "Template", "Manager", "Application", "AppVersion", "HyperlinkBase")


@dataclass(slots=True)
class Relationship:
    id: str
    type: str  # the last segment of the type URI: hyperlink, styles, header ...
    target: str  # a part name for internal targets, the raw URL for external ones
    external: bool


def _rel_kind(type_uri: str) -> str:
    return type_uri.rstrip("/").rsplit("/", 1)[-1]


class Package:
    """The parts of one .docx, read lazily and safely."""

    def __init__(self, data: bytes, name: str, settings: Settings) -> None:
        self.name = name
        self.zip = SafeZip(data, settings)
        self._check_content_types()
        #: part -> its relationships, read once: the package's own (_rels/.rels) are
        #: needed twice, for the main part and for the properties.
        self._rels: dict[str, dict[str, Relationship]] = {}
        self.main = self._find_main_part()
        self.main_rels = self.relationships(self.main)

    def _check_content_types(self) -> None:
        """[Content_Types].xml is parsed like every part, so a DOCTYPE in it is refused as unsafe
        (nothing here needs its content; a damaged one does not stop the body being read)."""
        if self.zip.has("[Content_Types].xml"):
            try:
                self.xml("[Content_Types].xml")
            except InputError as exc:
                if exc.kind != "unreadable":
                    raise

    # -- parts

    def xml(self, part: str):
        """The parsed root of ``part`` (hardened parser; DOCTYPEs refused)."""
        try:
            data = self.zip.read(part)
        except KeyError:
            raise InputError("unreadable", f"part {part} is missing: the file may be damaged") from None
        return parse_part(data, part)

    def optional_bytes(self, part: str | None) -> bytes | None:
        """A part's bytes (size limits checked), or None if it is absent."""
        if not part or not self.zip.has(part):
            return None
        return self.zip.read(part)

    def optional_xml(self, part: str | None):
        """Like :meth:`xml`, but None for a part that is absent (styles, numbering ...)."""
        if not part or not self.zip.has(part):
            return None
        return self.xml(part)

    def relationships(self, part: str) -> dict[str, Relationship]:
        """rId -> Relationship for ``part`` ("" for the package itself); do not modify the result."""
        if part not in self._rels:
            self._rels[part] = self._read_relationships(part)
        return self._rels[part]

    def _read_relationships(self, part: str) -> dict[str, Relationship]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        root = self.optional_xml(rels_name)
        out: dict[str, Relationship] = {}
        if root is None:
            return out
        for rel in root:
            if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
                continue
            rid = rel.get("Id") or ""
            target = (rel.get("Target") or "").strip()
            # Some writers leave out TargetMode on hyperlinks; a URL is external either way.
            external = (rel.get("TargetMode") or "").lower() == "external" or bool(_SCHEME.match(target))
            if not external:
                target = _resolve(folder, target)
            out[rid] = Relationship(rid, _rel_kind(rel.get("Type") or ""), target, external)
        return out

    def related(self, kind: str) -> list[str]:
        """Internal parts the main part relates to with ``kind``, in relationship order."""
        return [r.target for r in self.main_rels.values() if r.type == kind and not r.external]

    def _find_main_part(self) -> str:
        pkg = self.relationships("")
        for rel in pkg.values():
            if rel.type == "officeDocument" and not rel.external and self.zip.has(rel.target):
                return self.zip.find(rel.target)
        found = self.zip.find("word/document.xml")
        if found:
            return found
        kind = identify_other_zip(self.zip.names())
        if kind:
            raise InputError("unsupported", kind)
        raise InputError("unreadable", "not a Word document: the zip holds no word/document.xml (save the draft as .docx)")

    # -- properties

    def properties(self) -> dict[str, str]:
        """Core (creator, lastModifiedBy, title ...) and app (company, template ...) properties."""
        out: dict[str, str] = {}
        pkg = self.relationships("")
        core = next((r.target for r in pkg.values() if r.type == "core-properties"), None) or "docProps/core.xml"
        app = next((r.target for r in pkg.values() if r.type == "extended-properties"), None) or "docProps/app.xml"
        root = self._properties_root(core)
        if root is not None:
            for el in root:
                if isinstance(el.tag, str) and el.text and el.text.strip():
                    out[_local(el.tag)] = el.text.strip()
        root = self._properties_root(app)
        if root is not None:
            for el in root:
                if not isinstance(el.tag, str):
                    continue
                local = _local(el.tag)
                if local in APP_PROPERTIES and el.text and el.text.strip():
                    out[local[0].lower() + local[1:]] = el.text.strip()
        return out

    def _properties_root(self, part: str):
        try:
            return self.optional_xml(part)
        except InputError as exc:
            if exc.kind == "unsafe":
                raise
            return None  # damaged metadata should not stop the body being checked


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
