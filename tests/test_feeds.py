"""RSS feeds and `accord watch`: a feed and its pages served by a real HTTP server on localhost."""

from __future__ import annotations

import html
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from accord.ingest.feeds import read_feed
from accord.models import Article, Skipped
from accord.store import open_store
from tests.conftest import SHARED_DATA, require
from tests.test_robustness import _as_from_a_shell

ITEMS = 8


def _site(folder: Path, base: str) -> Path:
    """A feed of ITEMS GVA reports' pages, one more item whose page is missing (404), one page of no text."""
    docs = []
    for line in require(SHARED_DATA / "gva-dev" / "incidents.jsonl").read_text(encoding="utf-8").splitlines():
        docs += [d for d in json.loads(line)["documents"] if len(d.get("text") or "") > 800]
        if len(docs) >= ITEMS:
            break
    items = []
    for n, doc in enumerate(docs[:ITEMS]):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in doc["text"].split("\n") if p.strip())
        (folder / f"story-{n}.html").write_text(
            f"<html><head><title>{html.escape(doc['title'] or 'Story')}</title></head><body><article>{body}"
            "</article></body></html>", encoding="utf-8")
        items.append((f"{base}/story-{n}.html", doc["title"] or "Story"))
    (folder / "empty.html").write_text("<html><body><nav>Home | News</nav></body></html>", encoding="utf-8")
    items += [(f"{base}/gone.html", "A page that is gone"), (f"{base}/empty.html", "A page with no story")]
    entries = "".join(f"<item><title>{html.escape(t)}</title><link>{link}</link>"
                      "<pubDate>Tue, 02 Aug 2016 10:00:00 GMT</pubDate></item>" for link, t in items)
    feed = folder / "feed.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title>{entries}'
                    "</channel></rss>", encoding="utf-8")
    return feed


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "site"
    folder.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _site(folder, base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_a_feeds_items_are_fetched_and_read_and_bad_ones_skipped(site: str) -> None:
    items = list(read_feed(f"{site}/feed.rss"))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = {i.path: i.reason for i in items if isinstance(i, Skipped)}
    assert len(articles) == ITEMS and all(a.url and a.url.startswith(site) and a.text for a in articles)
    assert "HTTP 404" in skipped[f"{site}/gone.html"]
    assert "no article text" in skipped[f"{site}/empty.html"]
    assert list(read_feed(f"{site}/nothing.rss"))[0].reason.startswith("feed not read: HTTP 404")


def _watch(site: str, db: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "accord.cli", "watch", f"{site}/feed.rss", "--db", str(db),
                             "--out", str(out), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=_as_from_a_shell)  # SIGINT as a shell leaves it: Ctrl-C reaches it


def _state(db: Path) -> tuple[list[str], list[list[str]]]:
    """The stored articles' URLs and each incident's articles' URLs."""
    with open_store(db) as store:
        urls = {a.id: a.url or "" for a in store.articles()}
        incidents = sorted(sorted(urls[ref["id"]] for ref in i["articles"]) for i in store.iter_incidents())
    return sorted(urls.values()), incidents


def test_watch_killed_and_restarted_ends_with_the_store_of_one_clean_run(site: str, tmp_path: Path) -> None:
    clean = _watch(site, tmp_path / "clean.db", tmp_path / "clean", "--once")
    assert clean.wait(timeout=600) == 0
    expected = _state(tmp_path / "clean.db")
    assert len(expected[0]) == ITEMS
    watch = _watch(site, tmp_path / "w.db", tmp_path / "w", "--interval", "1")
    time.sleep(7)  # the model loading, or the feed being read or extracted
    watch.send_signal(signal.SIGKILL)
    watch.wait(timeout=60)
    again = _watch(site, tmp_path / "w.db", tmp_path / "w", "--interval", "1")
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and len(_state(tmp_path / "w.db")[0]) < ITEMS:
        time.sleep(2)
    time.sleep(3)  # one more poll: nothing new
    again.send_signal(signal.SIGINT)  # Ctrl-C
    assert again.wait(timeout=120) in (0, 130)
    assert _state(tmp_path / "w.db") == expected
    report = json.loads((tmp_path / "w" / "incidents.json").read_text(encoding="utf-8"))
    assert sorted(sorted(a["url"] for a in i["articles"]) for i in report) == expected[1]
