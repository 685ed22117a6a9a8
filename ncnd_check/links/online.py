"""The optional online link check (``--check-links-online``): is each link alive, has it moved?

Standard library only (urllib and a small thread pool): HEAD first, GET
when HEAD is refused or fails; redirects followed (HEAD stays HEAD) and every
hop recorded; a timeout per request; at most ``MAX_WORKERS`` requests at
once; answers cached on disk as JSON with an expiry, so checking a folder of
drafts that share a template fetches each address once a day. Network
failures are not cached and not reported as dead links.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ncnd_check import __version__
from ncnd_check.links.registry import url_key

MAX_WORKERS = 4
MAX_REDIRECTS = 10
#: How long a cached answer is trusted, in seconds (one day).
CACHE_TTL = 24 * 3600
CACHE_FILE = "links.json"
USER_AGENT = f"ncnd-check/{__version__} (link check)"


@dataclass
class LinkStatus:
    url: str
    status: int | None = None
    final_url: str | None = None
    redirects: list[str] = field(default_factory=list)
    error: str | None = None
    method: str = "HEAD"
    checked_at: float = 0.0

    @property
    def moved(self) -> bool:
        """True when the link ends at a different document (not just https, www. or a slash)."""
        if not self.redirects or not self.final_url:
            return False
        return url_key(self.url) != url_key(self.final_url)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects, keeping the method (HEAD stays HEAD) and recording each hop."""

    max_redirections = MAX_REDIRECTS

    def __init__(self) -> None:
        super().__init__()
        self.hops: list[str] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method() if req.get_method() in ("HEAD", "GET") else "GET"
            self.hops.append(newurl)
        return new


def _fetch(url: str, method: str, timeout: float) -> LinkStatus:
    handler = _Redirects()
    opener = urllib.request.build_opener(handler)
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    result = LinkStatus(url=url, method=method, checked_at=time.time())
    try:
        with opener.open(request, timeout=timeout) as response:
            result.status = response.status
            result.final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        result.status = exc.code
        result.final_url = exc.geturl() or (handler.hops[-1] if handler.hops else url)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        result.error = str(reason) or type(exc).__name__
    result.redirects = list(handler.hops)
    return result


def check_url(url: str, timeout: float = 5.0) -> LinkStatus:
    """HEAD, then GET if HEAD failed or was refused (some servers answer 405 or 404 to HEAD)."""
    target = url.strip()
    if target.lower().startswith("www."):
        target = "https://" + target
    first = _fetch(target, "HEAD", timeout)
    if first.error is None and first.status is not None and first.status < 400:
        return _with_original(first, url)
    second = _fetch(target, "GET", timeout)
    if second.error is not None and first.error is None:
        return _with_original(first, url)
    return _with_original(second, url)


def _with_original(status: LinkStatus, url: str) -> LinkStatus:
    status.url = url
    return status


class LinkCache:
    """Answers by URL in one JSON file, each with the time it was fetched."""

    def __init__(self, folder: str | os.PathLike | None, ttl: float = CACHE_TTL) -> None:
        base = Path(folder) if folder else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ncnd-check"
        self.path = base / CACHE_FILE
        self.ttl = ttl
        self.lock = threading.Lock()
        self.entries: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.entries = {k: v for k, v in data.items() if isinstance(v, dict)}
        except (OSError, ValueError):
            pass
        self.dirty = False

    def get(self, url: str) -> LinkStatus | None:
        entry = self.entries.get(url)
        if not entry or time.time() - float(entry.get("checked_at", 0)) > self.ttl:
            return None
        try:
            return LinkStatus(**entry)
        except TypeError:
            return None

    def put(self, status: LinkStatus) -> None:
        if status.error is not None:
            return  # a network failure says nothing about the link
        with self.lock:
            self.entries[status.url] = asdict(status)
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".links-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.entries, fh, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
            self.dirty = False
        except OSError:
            pass  # a cache we cannot write only costs time


def _checkable(url: str) -> bool:
    lower = url.strip().lower()
    return lower.startswith(("http://", "https://", "www."))


def check_urls(urls, settings=None, cache: LinkCache | None = None) -> dict[str, LinkStatus]:
    """Status of each distinct web link, from the cache or fetched (at most MAX_WORKERS at once)."""
    timeout = getattr(settings, "link_timeout", 5.0) or 5.0
    ttl = getattr(settings, "link_cache_ttl", CACHE_TTL)
    cache = cache or LinkCache(getattr(settings, "link_cache_dir", None), ttl)
    results: dict[str, LinkStatus] = {}
    todo: list[str] = []
    for url in dict.fromkeys(u for u in urls if _checkable(u)):
        cached = cache.get(url)
        if cached is not None:
            results[url] = cached
        else:
            todo.append(url)
    if todo:
        with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(todo))) as pool:
            for status in pool.map(lambda u: check_url(u, timeout), todo):
                results[status.url] = status
                cache.put(status)
        cache.save()
    return results
