"""Reading untrusted containers safely: hardened XML, bounded zips, OLE triage.

Drafts arrive from anywhere, so every part is treated as hostile: no DOCTYPE
(so no entity expansion and no external fetches), no part or archive bigger
than the settings allow, however the zip describes itself, and no compression
ratio that only a zip bomb has. Any refusal is an :class:`InputError`.
"""

from __future__ import annotations

import io
import re
import struct
import threading
import zipfile
import zlib

from ncnd_check.errors import InputError
from ncnd_check.settings import Settings

#: Parts smaller than this are exempt from the ratio test (tiny XML compresses well).
RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024
_ROOT_START = re.compile(rb"<[A-Za-z_]")


_LOCAL = threading.local()


class RatioError(InputError):
    """A part refused for its compression ratio alone: its size is within the limits.

    The DOCX reader catches it to look for the real reason (a paragraph too
    long to check) before giving this one.
    """

    def __init__(self, message: str) -> None:
        super().__init__("unsafe", message)


def xml_parser():
    """An lxml parser that never loads a DTD, expands an entity or touches the network.

    One per thread: lxml parsers must not be shared between threads.
    """
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = _make_parser()
    return parser


def _make_parser():
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )


def _has_doctype(data: bytes) -> bool:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return b"\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in data or b"D\x00O\x00C\x00T\x00Y\x00P\x00E" in data
        return "<!DOCTYPE" in text.upper()
    # A DOCTYPE can only stand in the prolog, before the root element's start tag.
    root = _ROOT_START.search(data)
    prolog = data[: root.start()] if root else data
    return b"<!doctype" in prolog.lower()


def parse_part(data: bytes, name: str):
    """Parse one OOXML part; a DOCTYPE anywhere is refused before parsing."""
    from lxml import etree

    if _has_doctype(data):
        raise InputError(
            "unsafe",
            f"part {name} declares a DOCTYPE (entities that could expand or fetch files): refused",
        )
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        detail = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise InputError("unreadable", f"part {name} is not well-formed XML ({detail}): the file may be damaged") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # belt and braces
        raise InputError("unsafe", f"part {name} declares a DOCTYPE: refused")
    return root


def iter_children(data: bytes, name: str, parent_tag: str):
    """Stream one OOXML part: yield its root element at once, then each child of the first
    ``parent_tag`` element (w:body) as soon as it may be read, and free it after.

    The body of a long document is most of its memory as a parsed tree; here
    only the child being read (and those waiting for it) are in memory. A
    child is handed on once the next ``w:p`` or ``w:tbl`` after it has been
    parsed, so a reader looking ahead with ``getnext()`` for the next
    paragraph sees the same siblings it would in the whole tree. Hardened
    like :func:`parse_part`: no DOCTYPE, entities, DTDs or network.
    """
    from lxml import etree

    if _has_doctype(data):
        raise InputError(
            "unsafe",
            f"part {name} declares a DOCTYPE (entities that could expand or fetch files): refused",
        )
    events = etree.iterparse(
        io.BytesIO(data), events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
        dtd_validation=False, huge_tree=False, remove_comments=True, remove_pis=True,
    )
    depth = 0
    parent = None
    waiting: list = []
    lookahead: tuple[str, ...] = ()
    try:
        for event, el in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    ns = el.tag[: el.tag.index("}") + 1] if el.tag.startswith("{") else ""
                    lookahead = (ns + "p", ns + "tbl")
                    parent_full = ns + parent_tag
                    yield el
                elif depth == 2 and parent is None and el.tag == parent_full:
                    parent = el
                continue
            depth -= 1
            if depth == 2 and parent is not None and el.getparent() is parent:
                if el.tag in lookahead and waiting:
                    yield from _hand_on(parent, waiting)
                    waiting = []
                waiting.append(el)
            elif el is parent:
                yield from _hand_on(parent, waiting)
                waiting = []
    except etree.XMLSyntaxError as exc:
        detail = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise InputError("unreadable", f"part {name} is not well-formed XML ({detail}): the file may be damaged") from None
    root = events.root
    if root is not None:
        info = root.getroottree().docinfo
        if info.doctype or info.internalDTD is not None:  # belt and braces
            raise InputError("unsafe", f"part {name} declares a DOCTYPE: refused")


def _hand_on(parent, elements):
    """Yield each element, then drop it from the tree so its memory is freed."""
    for el in elements:
        yield el
        el.clear()
        parent.remove(el)


class SafeZip:
    """A zip archive read with limits that do not trust its own size claims."""

    def __init__(self, data: bytes, settings: Settings | None = None, what: str = ".docx") -> None:
        self.settings = settings or Settings()
        self.data = data
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error, NotImplementedError) as exc:
            raise InputError(
                "unreadable", f"not a valid {what}: the zip archive is damaged or truncated ({_short(exc)})"
            ) from None
        if len(infos) > self.settings.max_zip_entries:
            raise InputError(
                "unsafe", f"zip holds {len(infos)} entries, over the limit of {self.settings.max_zip_entries}: refused"
            )
        total = sum(i.file_size for i in infos)
        if total > self.max_total:
            raise InputError(
                "unsafe",
                f"zip claims {total / 1048576:.0f} MB uncompressed, over the {self.max_total / 1048576:.0f} MB limit: refused",
            )
        self.infos = {}
        self._lower = {}
        for info in infos:
            name = info.filename.replace("\\", "/").lstrip("/")
            if name.endswith("/"):
                self.infos.setdefault(name, info)  # a folder entry: holds nothing
                continue
            # Part names are case-insensitive (OPC); Word and python-docx read the last
            # of two entries with one name, so the first could hide text from the linter.
            if name.lower() in self._lower:
                raise InputError(
                    "unsafe", f"zip holds two entries named {name}: a reader could see either one, so it is refused"
                )
            self.infos[name] = info
            self._lower[name.lower()] = name

    @property
    def max_total(self) -> int:
        return 4 * self.settings.max_part_size

    def names(self) -> list[str]:
        return list(self.infos)

    def find(self, name: str) -> str | None:
        """The stored name matching ``name`` (part names are case-insensitive in OPC)."""
        name = name.lstrip("/")
        if name in self.infos:
            return name
        return self._lower.get(name.lower())

    def has(self, name: str) -> bool:
        return self.find(name) is not None

    def read(self, name: str, check_ratio: bool = True) -> bytes:
        """A part's bytes, refused when declared or actual size or the ratio is too big.

        ``check_ratio=False`` still bounds the size (the part limit); it lets a
        caller that caught a :class:`RatioError` see what the part holds.
        """
        real = self.find(name)
        if real is None:
            raise KeyError(name)
        info = self.infos[real]
        limit = self.settings.max_part_size
        if info.flag_bits & 0x1:
            raise InputError("unsupported", f"part {real} is encrypted: remove the password and save again")
        if info.file_size > limit:
            raise InputError(
                "unsafe", f"part {real} is {info.file_size / 1048576:.0f} MB uncompressed, over the {limit / 1048576:.0f} MB part limit: refused"
            )
        if check_ratio:
            self._check_ratio(real, info.file_size, info.compress_size)
        try:
            if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                out = self._read_raw(info, limit, check_ratio)
            else:
                out = self._read_via_zipfile(info, limit)
        except InputError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error, zlib.error, NotImplementedError) as exc:
            raise InputError("unreadable", f"part {real} is damaged ({_short(exc)}): the file may be truncated") from None
        if len(out) != info.file_size:
            if len(out) > info.file_size:
                raise InputError(
                    "unsafe", f"part {real} holds more data than its header declares (a zip bomb?): refused"
                )
            raise InputError("unreadable", f"part {real} is shorter than its header says: the file may be truncated")
        if zlib.crc32(out) != info.CRC:
            raise InputError("unreadable", f"part {real} fails its checksum: the file is damaged")
        return out

    def _check_ratio(self, name: str, size: int, compressed: int) -> None:
        if size > RATIO_FLOOR and size / max(compressed, 1) > self.settings.max_compression_ratio:
            raise RatioError(
                f"part {name} compresses {size / max(compressed, 1):.0f}:1, over the {self.settings.max_compression_ratio:.0f}:1 limit (a zip bomb?): refused",
            )

    def _read_raw(self, info: zipfile.ZipInfo, limit: int, check_ratio: bool = True) -> bytes:
        """Decompress from the local entry ourselves, so the stream, not the header, decides the size."""
        buf = self.data
        off = info.header_offset
        if buf[off:off + 4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("bad local file header")
        name_len, extra_len = struct.unpack("<HH", buf[off + 26:off + 30])
        start = off + 30 + name_len + extra_len
        raw = buf[start:start + info.compress_size]
        if len(raw) < info.compress_size:
            raise EOFError("entry runs past the end of the file")
        if info.compress_type == zipfile.ZIP_STORED:
            if len(raw) > limit:
                raise InputError("unsafe", f"part {info.filename} is over the part limit: refused")
            return bytes(raw)
        # Allow a little more than declared so a lying header shows itself.
        cap = min(limit, info.file_size) + 1
        d = zlib.decompressobj(-15)
        out = bytearray()
        for i in range(0, len(raw), _CHUNK):
            out += d.decompress(raw[i:i + _CHUNK], cap - len(out))
            if len(out) >= cap:
                break
        else:
            out += d.flush()
        if len(out) > limit:
            raise InputError("unsafe", f"part {info.filename} decompresses past the {limit / 1048576:.0f} MB part limit: refused")
        produced = len(out)
        if check_ratio and produced > RATIO_FLOOR and produced / max(len(raw), 1) > self.settings.max_compression_ratio:
            raise RatioError(f"part {info.filename} has a compression ratio typical of a zip bomb: refused")
        return bytes(out)

    def _read_via_zipfile(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        out = bytearray()
        with self.zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise InputError("unsafe", f"part {info.filename} decompresses past the part limit: refused")
        return bytes(out)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def identify_other_zip(names: list[str]) -> str | None:
    """Name the kind of a zip that is not a Word document, for a helpful message."""
    lower = {n.lower() for n in names}
    if "xl/workbook.xml" in lower:
        return "an Excel workbook (.xlsx), not a Word document"
    if "ppt/presentation.xml" in lower:
        return "a PowerPoint file (.pptx), not a Word document"
    if "content.xml" in lower and "mimetype" in lower:
        return "an OpenDocument file (.odt): open it and save it as .docx"
    if "index.xml" in lower or any(n.startswith("index/document") for n in lower):
        return "a Pages document: export it as .docx"
    return None


def describe_ole(data: bytes) -> tuple[str, str]:
    """(kind, message) for an OLE compound file: encrypted DOCX, legacy .doc, or other."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile raises many types on a damaged header
        return ("unreadable", "a damaged Office compound file (legacy .doc or password-protected document): open it in Word and save as .docx")
    try:
        streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    except Exception:
        streams = set()
    finally:
        ole.close()
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        return ("unsupported", "password-protected DOCX: remove the password (File > Info > Protect Document) and save again")
    if "worddocument" in streams:
        return ("unsupported", "legacy Word .doc: open it in Word and save as .docx")
    if "workbook" in streams or "book" in streams:
        return ("unsupported", "a legacy Excel workbook, not a Word document")
    if "powerpoint document" in streams:
        return ("unsupported", "a legacy PowerPoint file, not a Word document")
    return ("unsupported", "an Office compound (OLE) file that is not a Word document: save the draft as .docx")
