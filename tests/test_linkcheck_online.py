"""``--check-links-online`` against an HTTP server the test starts on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ncnd_check.document import Block, Document, Link
from ncnd_check.engine import check_document
from ncnd_check.links.online import LinkCache, check_url, check_urls
from ncnd_check.settings import Settings


class Handler(BaseHTTPRequestHandler):
    """A tiny site: a live page, a 404, a 410, a moved page, a trailing-slash redirect, a HEAD-refusing page."""

    requests: list[tuple[str, str]] = []

    def _answer(self, body: bool) -> None:
        type(self).requests.append((self.command, self.path))
        routes = {
            "/ok": (200, None),
            "/missing": (404, None),
            "/gone": (410, None),
            "/moved": (301, "/new-document"),
            "/new-document": (200, None),
            "/folder": (301, "/folder/"),
            "/folder/": (200, None),
            "/hop1": (302, "/hop2"),
            "/hop2": (301, "/ok-final"),
            "/ok-final": (200, None),
            "/moved-away": (301, "/missing"),
        }
        if self.path == "/no-head":
            status, location = (405, None) if self.command == "HEAD" else (200, None)
        else:
            status, location = routes.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):  # noqa: N802
        self._answer(body=False)

    def do_GET(self):  # noqa: N802
        self._answer(body=True)

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """urllib honours *_proxy variables; the local server must be reached directly."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server():
    Handler.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def settings_for(tmp_path, **extra) -> Settings:
    return Settings(check_links_online=True, link_timeout=3.0, link_cache_dir=str(tmp_path / "cache"), **extra)


def test_statuses_redirects_and_head_fallback(server, tmp_path):
    urls = [f"{server}{p}" for p in ("/ok", "/missing", "/gone", "/moved", "/folder", "/hop1", "/no-head")]
    results = check_urls(urls, settings_for(tmp_path))
    assert results[f"{server}/ok"].status == 200 and not results[f"{server}/ok"].moved
    assert results[f"{server}/missing"].status == 404
    assert results[f"{server}/gone"].status == 410
    moved = results[f"{server}/moved"]
    assert moved.status == 200 and moved.moved and moved.redirects == [f"{server}/new-document"]
    slash = results[f"{server}/folder"]
    assert slash.redirects and not slash.moved  # a trailing slash is the same document
    hops = results[f"{server}/hop1"]
    assert hops.redirects == [f"{server}/hop2", f"{server}/ok-final"] and hops.final_url == f"{server}/ok-final"
    no_head = results[f"{server}/no-head"]
    assert no_head.status == 200 and no_head.method == "GET"
    # HEAD stays HEAD through redirects.
    assert ("HEAD", "/new-document") in Handler.requests


def test_cache_is_used_and_expires(server, tmp_path):
    settings = settings_for(tmp_path)
    url = f"{server}/ok"
    check_urls([url], settings)
    assert (tmp_path / "cache" / "links.json").is_file()
    assert url in json.loads((tmp_path / "cache" / "links.json").read_text())
    count = len(Handler.requests)
    check_urls([url], settings)
    assert len(Handler.requests) == count  # answered from the cache
    check_urls([url], settings_for(tmp_path, link_cache_ttl=0.0))
    assert len(Handler.requests) > count  # expired: fetched again


def test_network_failure_is_not_cached_or_reported(tmp_path):
    cache = LinkCache(tmp_path / "cache")
    status = check_url("http://127.0.0.1:9/nothing-listens-here", timeout=1.0)
    assert status.error is not None and status.status is None
    cache.put(status)
    assert cache.get(status.url) is None


def test_rules_report_dead_and_moved_links_only_when_asked(server, tmp_path):
    links = {p: f"{server}{p}" for p in ("/ok", "/missing", "/gone", "/moved", "/folder", "/moved-away")}
    blocks = [
        Block(i, "paragraph", f"See {url} for details.", links=[Link(url, url, "text", i)])
        for i, url in enumerate(links.values())
    ]
    doc = Document(path="<t>", format="text", blocks=blocks)
    result = check_document(doc, settings_for(tmp_path, select=["NCND404", "NCND405"]))
    found = sorted((f.rule, f.location.block) for f in result.findings)
    assert found == [("NCND404", 1), ("NCND404", 2), ("NCND404", 5), ("NCND405", 3)]
    moved = next(f for f in result.findings if f.rule == "NCND405")
    assert moved.evidence == f"{links['/moved']} -> {server}/new-document"
    assert moved.suggestion.endswith(f"{server}/new-document")
    dead = next(f for f in result.findings if f.location.block == 5)
    assert "->" in dead.evidence  # the redirect that ended in a 404 is recorded

    count = len(Handler.requests)
    offline = check_document(doc, Settings(select=["NCND404", "NCND405"], link_cache_dir=str(tmp_path / "other")))
    assert offline.findings == [] and len(Handler.requests) == count


def test_cli_flag_switches_the_online_check_on(server, tmp_path):
    from click.testing import CliRunner

    from ncnd_check.cli import cli

    (tmp_path / "ncnd-check.toml").write_text(f'link_cache_dir = "{tmp_path / "cache"}"\n', encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(f"The policy was at {server}/gone and the guidance at {server}/ok today.\n", encoding="utf-8")
    runner = CliRunner()
    off = runner.invoke(cli, ["check", str(draft), "--select", "NCND404", "--format", "json"])
    assert '"NCND404"' not in off.output
    on = runner.invoke(cli, ["check", str(draft), "--select", "NCND404", "--check-links-online", "--format", "json"])
    assert on.exit_code == 1, on.output
    assert f'"evidence": "{server}/gone"' in on.output
    assert (tmp_path / "cache" / "links.json").is_file()
