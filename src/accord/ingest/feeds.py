"""RSS and Atom feeds: each item's page fetched and read as an article (``pip install 'accord[feeds]'``).

::

    read_feed("https://example.com/news.rss") -> Iterator[Article | Skipped]
    iter_sources(["news.rss", "https://...", "folder/"]) -> Iterator[Article | Skipped]

A feed is a URL (``http://``, ``https://``) or a file ending ``.rss``, ``.atom`` or ``.xml``. Each
item's link is fetched and its page read by ``ingest.html`` (trafilatura); the item's title and date
fill what the page lacks. An item whose page cannot be fetched (a dead URL, a timeout, an error
status) or has no article text is skipped with its reason; the rest of the feed goes on. ``skip_urls``
leaves out items already stored (a watch polling the feed again fetches only new items); a page fetched
twice is one article anyway (its id is a hash of its text).
"""

from __future__ import annotations

import calendar
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from accord.errors import InputError, MissingExtra
from accord.ingest.html import article_from_html
from accord.ingest.reader import iter_inputs
from accord.models import Article, Skipped

FEED_SUFFIXES = (".rss", ".atom", ".xml")

#: Seconds to wait for a feed or a page; a server slower than this is skipped until the next poll.
FETCH_TIMEOUT_S = 20.0

#: Largest page or feed read (bytes): beyond it the rest is not read.
MAX_FETCH_BYTES = 10_000_000

USER_AGENT = "accord (+https://github.com/accord) feed reader"

#: Fetches a URL's body as text; raises OSError (urllib's errors are) when it cannot.
Fetch = Callable[[str], str]


def is_feed(source: str) -> bool:
    """Whether ``source`` names a feed (a URL, or a file with a feed's suffix)."""
    return is_url(source) or Path(source).suffix.lower() in FEED_SUFFIXES


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch_url(url: str) -> str:
    """The body of ``url`` as text (its declared charset, else UTF-8 with replacement)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:  # noqa: S310 - http(s) only
        body = response.read(MAX_FETCH_BYTES)
        charset = response.headers.get_content_charset() or "utf-8"
    return body.decode(charset, errors="replace")


def _why(error: Exception) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return f"cannot reach it ({error.reason})"
    return f"{type(error).__name__}: {error}"


def read_feed(source: str, *, fetch: Fetch = fetch_url, skip_urls: Callable[[list[str]], set[str]] | None = None
              ) -> Iterator[Article | Skipped]:
    """The articles of a feed's items (``source``: a URL or a file), and a Skipped for each item that is not one."""
    try:
        import feedparser
    except ImportError as e:  # pragma: no cover - the extra is installed in CI
        raise MissingExtra("feeds", "feedparser") from e
    try:
        body = fetch(source) if is_url(source) else Path(source).read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError) as e:
        yield Skipped(source, f"feed not read: {_why(e)}")
        return
    parsed = feedparser.parse(body)
    if not parsed.entries:
        reason = f"not an RSS or Atom feed ({parsed.bozo_exception})" if parsed.bozo else "feed has no items"
        yield Skipped(source, reason)
        return
    links = [str(entry.get("link") or "") for entry in parsed.entries]
    stored = skip_urls([link for link in links if link]) if skip_urls else set()
    for entry, link in zip(parsed.entries, links, strict=True):
        if not link:
            yield Skipped(source, f"feed item without a link: {entry.get('title') or '(untitled)'}")
        elif link not in stored:
            yield _item(source, entry, link, fetch)


def _item(source: str, entry: dict, link: str, fetch: Fetch) -> Article | Skipped:
    """One feed item's page as an article, or why not."""
    try:
        html = fetch(link)
    except (OSError, ValueError) as e:
        return Skipped(link, f"page of a feed item not fetched: {_why(e)}")
    try:
        article = article_from_html(html, url=link, path=link, metadata={"feed": source})
    except InputError as e:
        return Skipped(link, str(e))
    article.url = link  # the item's link, not a canonical link the page may give: what the feed is polled by
    if not article.title and entry.get("title"):
        article.title = str(entry["title"])
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    if not article.published and published:
        article.published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(published)))
    return article


def iter_sources(sources: Iterable[str | Path], *, fetch: Fetch = fetch_url,
                 skip_urls: Callable[[list[str]], set[str]] | None = None) -> Iterator[Article | Skipped]:
    """Every article of ``sources``: feeds (URLs, .rss/.atom/.xml files) item by item, and files and
    folders as ``ingest.iter_inputs`` reads them."""
    files: list[str | Path] = []
    for source in sources:
        if is_feed(str(source)):
            if files:
                yield from iter_inputs(files)
                files = []
            yield from read_feed(str(source), fetch=fetch, skip_urls=skip_urls)
        else:
            files.append(source)
    if files:
        yield from iter_inputs(files)
