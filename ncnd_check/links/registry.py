"""URL folding and registry look-up: is this link superseded, insecure or malformed?

Two addresses that a reader would call the same (http or https, with or
without ``www.``, a trailing slash, upper-case host, ``%7E`` for ``~``, an
explicit :443, a #fragment) fold to the same key, so one registry entry
catches every way a template spells it. Standard library only: urllib.parse
does all that is needed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

#: Schemes that are not web links and are never checked.
OTHER_SCHEMES = ("mailto", "tel", "ftp", "file", "data", "javascript", "news", "urn", "sms", "callto")
#: Scheme typos that make a link dead: "htp://", "http//", "https:/".
_BAD_SCHEME = re.compile(r"^(?:h?t?t?p?s?|hhttps?|htps?|htttps?|http?s?s):/{0,3}", re.I)
_SPACE = re.compile(r"\s")  # the characters str.isspace accepts
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
DEFAULT_PORTS = {"http": "80", "https": "443"}


@dataclass(frozen=True, slots=True)
class Folded:
    """A URL taken apart for comparison."""

    scheme: str  # "http", "https", or "" when the link had none ("www.x.uk/...")
    host: str  # lower case, no "www.", no default port
    path: str  # percent-decoded, no trailing slash
    query: str

    @property
    def key(self) -> str:
        """host/path?query, lower case: what registry entries are compared with."""
        q = f"?{self.query}" if self.query else ""
        return f"{self.host}{self.path}{q}".lower()


def fold_url(url: str) -> Folded | None:
    """The comparable form of a web address, or None if it is not one we can read."""
    raw = url.strip()
    if not raw:
        return None
    probe = raw if "://" in raw else "http://" + raw.lstrip("/")
    try:
        parts = urlsplit(probe)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower() if "://" in raw else ""
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if port is not None and str(port) != DEFAULT_PORTS.get(parts.scheme.lower(), ""):
        host = f"{host}:{port}"
    path = unquote(parts.path)
    path = re.sub(r"/{2,}", "/", path).rstrip("/")
    query = unquote(parts.query)
    return Folded(scheme=scheme, host=host, path=path, query=query)


def url_key(url: str) -> str | None:
    folded = fold_url(url)
    return folded.key if folded else None


def _entry_key(url: str) -> str:
    """A registry entry's address, folded the same way (prefixes keep their tail)."""
    folded = fold_url(url)
    if folded is None:
        return url.lower()
    key = folded.key
    if url.rstrip().endswith("/") and not key.endswith("/"):
        key += "/"
    return key


# --------------------------------------------------------------------------- malformed


def malformed_reason(url: str) -> str | None:
    """Why a link cannot work as written, or None if it looks like a web address.

    Relative links, anchors and other schemes (mailto:, tel:) are not judged.
    """
    raw = url.strip()
    if not raw or raw.startswith(("#", "/", "./", "../", "?")):
        return None
    lower = raw.lower()
    scheme = lower.split(":", 1)[0] if ":" in lower else ""
    if scheme in OTHER_SCHEMES:
        return None
    if _SPACE.search(raw):  # one regex search, not a Python test per character
        return "it contains a space"
    if re.match(r"^https?//", lower):
        return "the colon after the scheme is missing (expected https://)"
    if re.match(r"^https?:/(?!/)", lower):
        return "it has one slash after the scheme (expected https://)"
    if not lower.startswith(("http://", "https://")):
        if lower.startswith("www."):
            pass  # a scheme-less address: fine in running text
        elif _BAD_SCHEME.match(lower) and re.match(r"^[a-z]{2,6}:?/", lower):
            return f"the scheme {raw.split('/', 1)[0]!r} is misspelt (expected https://)"
        elif scheme and scheme not in ("http", "https"):
            return None  # some other scheme we do not check
        else:
            return None  # a relative link
    try:
        parts = urlsplit(raw if "://" in raw else "http://" + raw)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError as exc:
        return f"it cannot be parsed ({exc})"
    if "://" in raw and raw.split("://", 1)[1].startswith("/"):
        return "it has too many slashes after the scheme"
    host = parts.hostname or ""
    if not host:
        return "it has no host name"
    if host.endswith("."):
        host = host[:-1]
    if host == "localhost" or re.fullmatch(r"[\d.]+", host):
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")  # an international name: check its ASCII form
        except UnicodeError:
            return f"the host {host!r} is not a valid international domain name"
    labels = host.split(".")
    if len(labels) < 2:
        return f"the host {host!r} has no domain"
    if not all(_HOST_LABEL.match(label) for label in labels):
        return f"the host {host!r} contains characters a host name cannot have"
    if not re.fullmatch(r"[a-z]{2,63}|xn--[a-z0-9-]+", labels[-1]):
        return f"the host {host!r} does not end in a domain"
    return None


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True, slots=True)
class Superseded:
    """A registry hit for one link."""

    url: str
    entry: object  # library.LinkEntry
    replacement: str | None

    @property
    def verified(self) -> bool:
        return bool(getattr(self.entry, "verified", True))


class LinkRegistry:
    """The library's superseded addresses and https hosts, ready to look up."""

    def __init__(self, entries, https_hosts) -> None:
        self.exact: dict[str, object] = {}
        self.prefixes: list[tuple[str, object]] = []
        self.patterns: list[tuple[re.Pattern, object]] = []
        for entry in entries:
            if entry.match == "exact":
                self.exact.setdefault(_entry_key(entry.url).rstrip("/"), entry)
            elif entry.match == "prefix":
                self.prefixes.append((_entry_key(entry.url), entry))
            else:
                self.patterns.append((re.compile(entry.url, re.I), entry))
        # Longest prefix first: the most specific entry wins.
        self.prefixes.sort(key=lambda p: -len(p[0]))
        self.https_exact = {h.lower().removeprefix("www.") for h in https_hosts if not h.startswith("*.")}
        self.https_suffixes = tuple(h[2:].lower() for h in https_hosts if h.startswith("*."))

    def superseded(self, url: str) -> Superseded | None:
        folded = fold_url(url)
        if folded is None or (folded.scheme and folded.scheme not in ("http", "https")):
            return None
        key = folded.key
        entry = self.exact.get(key)
        if entry is not None:
            return Superseded(url, entry, entry.replacement)
        for prefix, entry in self.prefixes:
            bare = prefix.rstrip("/")
            if prefix.endswith("/"):  # a whole path: the page itself, its sub-pages, its query forms
                hit = key == bare or key.startswith((bare + "/", bare + "?"))
            else:  # a name prefix such as justice.gov.uk/guidance/foi-
                hit = key.startswith(bare)
            if hit:
                replacement = entry.replacement
                if entry.rewrite and replacement:
                    replacement = replacement.rstrip("/") + "/" + key[len(bare) :].lstrip("/")
                return Superseded(url, entry, replacement)
        # Patterns see the host as written (a trailing dot kept), path case kept.
        pattern_key = _pattern_key(url)
        for pattern, entry in self.patterns:
            m = pattern.search(pattern_key)
            if m and m.start() == 0:
                replacement = entry.replacement
                if entry.rewrite and replacement:
                    try:
                        replacement = m.expand(replacement)
                    except (re.error, IndexError):
                        replacement = entry.replacement
                return Superseded(url, entry, replacement)
        return None

    def serves_https(self, host: str) -> bool:
        host = host.lower().rstrip(".").removeprefix("www.")
        if host in self.https_exact:
            return True
        return any(host == s or host.endswith("." + s) for s in self.https_suffixes)

    def insecure(self, url: str) -> str | None:
        """The https:// form of an http:// link to a host known to serve https, else None."""
        raw = url.strip()
        if not raw.lower().startswith("http://"):
            return None
        try:
            host = urlsplit(raw).hostname or ""
        except ValueError:
            return None
        if not self.serves_https(host):
            return None
        return "https://" + raw[len("http://") :]


def _pattern_key(url: str) -> str:
    """host/path?query with the host as written (lower case, no www.), the path decoded."""
    raw = url.strip()
    probe = raw if "://" in raw else "http://" + raw
    try:
        parts = urlsplit(probe)
    except ValueError:
        return raw
    host = parts.netloc.lower().rsplit("@", 1)[-1]
    host = re.sub(r":(80|443)$", "", host).removeprefix("www.")
    path = unquote(parts.path)
    query = f"?{unquote(parts.query)}" if parts.query else ""
    return f"{host}{path}{query}"


def registry(library) -> LinkRegistry:
    """The registry of a Library, built once per library object."""
    cached = getattr(library, "_link_registry", None)
    if cached is None:
        cached = LinkRegistry(getattr(library, "links", []), getattr(library, "https_hosts", []))
        try:
            library._link_registry = cached
        except AttributeError:  # a library object that takes no new attributes
            pass
    return cached


def suggestion_for(hit: Superseded) -> str:
    """The suggestion text of an outdated-link finding."""
    entry = hit.entry
    if not hit.replacement:
        return f"Remove the link or replace it with the current document ({entry.reason or 'no replacement is known'})."
    note = "" if hit.verified else " (replacement not verified: check it before sending)"
    return f"Link the current document instead: {hit.replacement}{note}"


def fixed_url(url: str, reg: LinkRegistry) -> str | None:
    """What --fix writes for this link: the replacement, else the https form; None to leave it."""
    hit = reg.superseded(url)
    if hit and hit.replacement:
        return hit.replacement
    return reg.insecure(url)


def draft_links(document) -> list:
    """(link, body block or None) for every distinct link, in reading order."""
    out = []
    seen: set[tuple[int | None, str]] = set()
    for link in document.links:
        block = link.block if link.part == "body" else None
        key = (block, link.target.strip())
        if not link.target.strip() or key in seen:
            continue
        seen.add(key)
        out.append((link, block))
    return out
