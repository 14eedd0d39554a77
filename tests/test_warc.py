"""WARC files of saved pages, written by warcio's own writer: read by `accord run` and `accord watch`."""

from __future__ import annotations

import gzip
import html
import json
import signal
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import pytest

from accord.errors import MissingExtra
from accord.ingest import iter_inputs
from accord.models import Article, Skipped
from accord.store import open_store
from tests.conftest import SHARED_DATA, require
from tests.test_robustness import _as_from_a_shell

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402  (after the extra's check)
from warcio.warcwriter import WARCWriter  # noqa: E402

#: GVA reports saved as pages: the first archive holds the first PAGES, the second the next PAGES.
PAGES = 4
CAPTURED = "2016-08-03T09:30:00Z"


def _reports(count: int) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = []
    for line in require(SHARED_DATA / "gva-dev" / "incidents.jsonl").read_text(encoding="utf-8").splitlines():
        docs += [d for d in json.loads(line)["documents"] if len(d.get("text") or "") > 800]
        if len(docs) >= count:
            return docs[:count]
    return docs


def _page(doc: dict[str, str], *, dated: bool) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in doc["text"].split("\n") if p.strip())
    meta = f'<meta property="article:published_time" content="{doc["published"]}">' if dated else ""
    return (f"<html><head><title>{html.escape(doc['title'] or 'Story')}</title>{meta}</head>"
            f"<body><article><h1>{html.escape(doc['title'] or 'Story')}</h1>{body}</article></body></html>")


def _response(writer: WARCWriter, url: str, payload: bytes, content_type: str, *,
              status: str = "200 OK", extra: list[tuple[str, str]] | None = None) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": CAPTURED}))
    request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""), http_headers=request))


def _archive(path: Path, docs: list[dict[str, str]], *, gzipped: bool, junk: bool) -> list[str]:
    """A WARC of ``docs`` as pages (the URLs of the pages, in order); with ``junk``, records that are no page."""
    urls = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "accord tests"}))
        for n, doc in enumerate(docs):
            url = f"https://news.example/{path.stem.split('.')[0]}/story-{n}"
            page = _page(doc, dated=n % 2 == 0)
            if n == 1:  # a legacy page: Windows-1252 bytes, said only by the HTTP header
                page = page.replace("</h1>", "</h1><p>Residents said the shooting \u201cwas the worst the street "
                                             "had seen\u201d in years, and the caf\u00e9 owner agreed with them.</p>")
                _response(writer, url, page.encode("cp1252"), "text/html; charset=windows-1252")
            elif n == 2:  # sent compressed: the HTTP content encoding is undone
                _response(writer, url, gzip.compress(page.encode()), "text/html; charset=utf-8",
                          extra=[("Content-Encoding", "gzip")])
            else:
                _response(writer, url, page.encode(), "text/html; charset=utf-8")
            urls.append(url)
        if junk:
            _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
            _response(writer, "https://news.example/gone", b"<html><body>Not found</body></html>",
                      "text/html", status="404 Not Found")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_revisit_record(
                urls[0], digest="sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", refers_to_uri=urls[0],
                refers_to_date=CAPTURED, http_headers=headers))
    return urls


@pytest.fixture
def inbox(tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    """A folder of one plain WARC with junk records, a gzipped one, a truncated one and a .warc that is not one."""
    docs = _reports(2 * PAGES + 1)
    folder = tmp_path / "inbox"
    folder.mkdir()
    _archive(folder / "crawl-a.warc", docs[:PAGES], gzipped=False, junk=True)
    _archive(folder / "crawl-b.warc.gz", docs[PAGES:2 * PAGES], gzipped=True, junk=False)
    whole = tmp_path / "whole.warc.gz"
    _archive(whole, docs[2 * PAGES:], gzipped=True, junk=False)
    data = whole.read_bytes()
    (folder / "cut.warc.gz").write_bytes(data[: len(data) // 2])  # the download stopped inside the page
    (folder / "notes.warc").write_text("These are my notes, not a web archive.\n", encoding="utf-8")
    return folder, docs


def test_the_pages_of_warc_files_are_articles_and_the_rest_is_skipped(inbox: tuple[Path, list[dict[str, str]]]) -> None:
    folder, docs = inbox
    items = list(iter_inputs([folder]))
    articles = {a.url: a for a in items if isinstance(a, Article)}
    skipped = [str(s) for s in items if isinstance(s, Skipped)]
    assert sorted(articles) == sorted(f"https://news.example/crawl-{k}/story-{n}" for k in "ab" for n in range(PAGES))
    first = articles["https://news.example/crawl-a/story-0"]
    assert first.path == f"{folder / 'crawl-a.warc'}:2" and first.metadata["fetched"] == "2016-08-03T09:30:00+00:00"
    # the page's own date wins; a page without one is dated by its capture
    assert first.published is not None and first.published[:10] == docs[0]["published"][:10]
    undated = articles["https://news.example/crawl-a/story-1"]
    assert undated.published == "2016-08-03T09:30:00+00:00" and undated.metadata["published_from"] == "WARC-Date"
    assert "\u201cwas the worst the street had seen\u201d" in undated.text and "caf\u00e9 owner" in undated.text
    assert undated.metadata["encoding"] == "cp1252"
    assert docs[2]["text"].split("\n")[0][:60] in articles["https://news.example/crawl-a/story-2"].text
    assert len({a.id for a in articles.values()}) == 2 * PAGES
    a, cut, notes = folder / "crawl-a.warc", folder / "cut.warc.gz", folder / "notes.warc"
    assert f"{a}: record 10 (response https://news.example/logo.png): not an HTML or text page (image/png)" in skipped
    assert any(s.startswith(f"{a}: record 12 (response https://news.example/gone): HTTP status 404") for s in skipped)
    assert any(s.startswith(f"{a}: record 14 (revisit https://news.example/crawl-a/story-0): a revisit") for s in skipped)
    assert f"{a}: 7 records hold no page (6 request, 1 warcinfo): not read" in skipped
    assert any(s.startswith(f"{cut}: record 2 (response https://news.example/whole/story-0): truncated: the file ends")
               for s in skipped)
    assert f"{notes}: not a WARC file (it does not start with a WARC/1.0 or WARC/1.1 record)" in skipped


def test_a_record_cut_short_or_damaged_is_skipped_and_the_file_goes_on(tmp_path: Path) -> None:
    docs = _reports(2)
    whole = tmp_path / "whole.warc"
    _archive(whole, docs, gzipped=False, junk=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index(b"<p>", data.index(b"story-1")) + 100])  # inside the last page's text
    items = list(iter_inputs([cut]))
    assert [i.url for i in items if isinstance(i, Article)] == ["https://news.example/whole/story-0"]
    assert any("record 4 (response https://news.example/whole/story-1): truncated: the file ends" in str(i)
               for i in items if isinstance(i, Skipped))
    damaged = tmp_path / "damaged.warc"
    at = data.index(b"<p>", data.index(b"story-0"))  # a byte of the first page changed: its digest fails
    damaged.write_bytes(data[:at] + b"<P>" + data[at + 3:])
    items = list(iter_inputs([damaged]))
    assert [i.url for i in items if isinstance(i, Article)] == ["https://news.example/whole/story-1"]
    assert any("record 2 (response https://news.example/whole/story-0): corrupt (" in str(i) and "digest" in str(i)
               for i in items if isinstance(i, Skipped))


def test_without_warcio_a_warc_file_says_which_extra_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "a.warc"
    _archive(archive, _reports(1), gzipped=False, junk=False)
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)  # import fails as if not installed
    with pytest.raises(MissingExtra, match=r"pip install 'accord\[warc\]'"):
        list(iter_inputs([archive]))
    # accord run stops with that line (before reading the archive), the extra's name intact
    script = ("import sys; sys.modules['warcio.archiveiterator'] = None; from accord.cli import main; "
              f"sys.argv = ['accord', 'run', {str(archive)!r}, '--db', {str(tmp_path / 'a.db')!r}, '--out', "
              f"{str(tmp_path / 'out')!r}, '--workers', '1']; main()")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "error: warcio is not installed: run `pip install 'accord[warc]'`" in done.stderr


def test_accord_run_reads_warc_files_to_incidents_and_records_the_skips(
        inbox: tuple[Path, list[dict[str, str]]], tmp_path: Path) -> None:
    folder, _ = inbox
    db, out = tmp_path / "run.db", tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "accord.cli", "run", str(folder), "--db", str(db), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "skipped" in done.stdout and "notes.warc: not a WARC file" in done.stdout
    with open_store(db) as store:
        stats = store.stats()
        assert stats["articles"] == 2 * PAGES and stats["claims"] > 0
        reasons = [str(s) for s in store.skipped()]
    assert any("image/png" in r for r in reasons) and any("not a WARC file" in r for r in reasons)
    report = json.loads((out / "incidents.json").read_text(encoding="utf-8"))
    urls = {a["url"] for i in report for a in i["articles"]}
    assert urls == {f"https://news.example/crawl-{k}/story-{n}" for k in "ab" for n in range(PAGES)}
    # run again: nothing new, nothing recorded twice
    again = subprocess.run([sys.executable, "-m", "accord.cli", "run", str(folder), "--db", str(db), "--out", str(out)],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    with open_store(db) as store:
        assert store.stats()["articles"] == 2 * PAGES and [str(s) for s in store.skipped()] == reasons


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    with open_store(db, read_only=True) as store:
        return store.stats()["articles"]


def _watch(folder: Path, db: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "accord.cli", "watch", str(folder), "--db", str(db),
                             "--out", str(out), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=_as_from_a_shell)  # SIGINT as a shell leaves it: Ctrl-C reaches it


def test_watch_takes_in_a_warc_dropped_into_its_folder_and_a_restart_adds_nothing(tmp_path: Path) -> None:
    docs = _reports(2 * PAGES)
    folder, db, out = tmp_path / "drop", tmp_path / "watch.db", tmp_path / "report"
    folder.mkdir()
    _archive(folder / "morning.warc.gz", docs[:PAGES], gzipped=True, junk=True)
    watch = _watch(folder, db, out, "--interval", "1")
    try:
        deadline = time.monotonic() + 600
        while _count(db) < PAGES and time.monotonic() < deadline and watch.poll() is None:
            time.sleep(1)
        assert _count(db) == PAGES
        # A crawler finishes its archive under a hidden name, then renames it: the watch sees it whole.
        partial = folder / ".evening.warc.gz.part"
        _archive(partial, docs[PAGES:], gzipped=True, junk=False)
        partial.rename(folder / "evening.warc.gz")
        while _count(db) < 2 * PAGES and time.monotonic() < deadline and watch.poll() is None:
            time.sleep(1)
        assert _count(db) == 2 * PAGES
    finally:
        watch.send_signal(signal.SIGINT)  # Ctrl-C
        assert watch.wait(timeout=120) in (0, 130)
    with open_store(db) as store:
        ids, skipped = sorted(a.id for a in store.articles()), [str(s) for s in store.skipped()]
    assert any("image/png" in s for s in skipped)
    restarted = _watch(folder, db, out, "--once")
    assert restarted.wait(timeout=600) == 0
    with open_store(db) as store:
        assert sorted(a.id for a in store.articles()) == ids and [str(s) for s in store.skipped()] == skipped
    report = json.loads((out / "incidents.json").read_text(encoding="utf-8"))
    assert len({a["id"] for i in report for a in i["articles"]}) == 2 * PAGES
