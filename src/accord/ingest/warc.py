"""WARC files of saved pages (``.warc``, ``.warc.gz``): each captured HTML or text page is an article
(``pip install 'accord[warc]'``, for warcio).

::

    read_warc(handle, "crawl.warc.gz") -> Iterator[Article | Skipped]

A ``response`` record (or a ``resource`` record, a page saved without its HTTP exchange) whose payload
is HTML or plain text becomes an article: its URL is the record's ``WARC-Target-URI``, its text is decoded
with the charset of the HTTP ``Content-Type`` (else the page's own ``<meta charset>``, else a guess), and
the capture's ``WARC-Date`` stands in for the publication date only when the page gives none.

Every other record is skipped with its reason, naming the file and the record (``record 7 (response
https://...)``): a revisit (its page is an earlier capture's), an image or a script, an HTTP error or
redirect, a capture the crawler truncated, a record whose digest does not match its bytes or that the file
ends inside of. The WARC's bookkeeping (``warcinfo``, ``request`` and ``metadata`` records) is counted in
one line per file. A file that is not a WARC, or whose records stop parsing, is skipped from there on; the
pages before it are kept. Records are streamed: a WARC of any size is read in the memory of one page.
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from collections.abc import Iterator
from email.message import Message
from typing import Any, BinaryIO

from accord.errors import InputError, MissingExtra, TooLarge
from accord.ingest.article import make_article, with_encoding
from accord.ingest.decode import declared_charset, decode_bytes
from accord.ingest.html import article_from_html, looks_like_html
from accord.ingest.limits import MAX_FILE_BYTES
from accord.ingest.publication_dates import normalise_published
from accord.ingest.text import headline_of
from accord.models import Article, Skipped

#: File names read as WARC (lower case).
WARC_SUFFIXES = (".warc", ".warc.gz")

#: Payload types that are pages: HTML and plain text. Anything else (images, scripts, style sheets,
#: PDFs, JSON) is skipped as not a page; a payload without a type is looked at.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})

#: Records that are the WARC's own bookkeeping, never a captured page.
BOOKKEEPING = ("warcinfo", "request", "metadata")

#: Characters of an error message kept in a skip reason (warcio's quote the bytes they could not parse).
MAX_ERROR_CHARS = 80

# What a damaged file raises while its records are read: warcio's own error, gzip's, a short read;
# warcio's header parser meets a record header cut short with a lookup on a missing header.
_DAMAGE: tuple[type[BaseException], ...] = (zlib.error, EOFError, OSError, ValueError)
_BAD_HEADERS: tuple[type[BaseException], ...] = (AttributeError, TypeError, KeyError, IndexError)


def is_warc(name: str) -> bool:
    """Whether a file name is a WARC's (``.warc`` or ``.warc.gz``)."""
    return name.lower().endswith(WARC_SUFFIXES)


def _warcio() -> tuple[Any, type[Exception]]:
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as e:
        raise MissingExtra("warc", "warcio") from e
    return ArchiveIterator, ArchiveLoadFailed


def require_warcio() -> None:
    """Raise ``MissingExtra`` (saying which extra to install) when warcio is not installed."""
    _warcio()


def read_warc(handle: BinaryIO, path: str, *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Article | Skipped]:
    """The pages of the WARC file open in ``handle`` (named ``path`` in messages), one article each, and
    a ``Skipped`` for every record that is not one. ``max_bytes`` bounds one page's payload."""
    archive_iterator, load_failed = _warcio()
    size = os.fstat(handle.fileno()).st_size
    records = archive_iterator(handle, check_digests="raise")
    damage = (load_failed, *_DAMAGE)
    unparsable = (*damage, *_BAD_HEADERS)
    bookkeeping: Counter[str] = Counter()
    number = 0
    while True:
        try:
            record = next(records, None)
        except unparsable as e:
            yield Skipped(path, _unreadable(number + 1, e))
            return
        if record is None:
            break
        number += 1
        if record.format != "warc":
            yield Skipped(path, "not a WARC file (it does not start with a WARC/1.0 or WARC/1.1 record)"
                          if number == 1 else f"record {number}: not a WARC record; the rest of the file is not read")
            return
        if record.rec_type in BOOKKEEPING:
            bookkeeping[record.rec_type] += 1
            continue
        try:
            yield _page(record, path, number, max_bytes)
        except damage as e:
            yield Skipped(path, f"{_where(record, number)}: corrupt ({_first_line(e)})")
    if number == 0:
        yield Skipped(path, "empty file: no WARC records")
    elif records.offset < size:
        yield Skipped(path, f"the file ends inside a record (at byte {records.offset:,} of {size:,}): truncated "
                            "or corrupt, the rest is not read")
    if bookkeeping:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(bookkeeping.items()))
        total = sum(bookkeeping.values())
        yield Skipped(path, f"{total} record{'s hold' if total > 1 else ' holds'} no page ({kinds}): not read")


def _page(record: Any, path: str, number: int, max_bytes: int) -> Article | Skipped:
    """One record as an article, or why it is none."""
    where = _where(record, number)
    reason = _not_a_page(record)
    if reason:
        return Skipped(path, f"{where}: {reason}")
    headers = record.http_headers or record.rec_headers
    mime, charset = _content_type(headers.get_header("Content-Type"))
    payload = _payload(record, max_bytes)
    if isinstance(payload, str):
        return Skipped(path, f"{where}: {payload}")
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        decoded = decode_bytes(payload, declared=charset or declared_charset(payload))
        if mime == "text/plain" or (not mime and not looks_like_html(decoded.text)):
            article = make_article(decoded.text, title=headline_of(decoded.text), url=uri, path=f"{path}:{number}")
        else:
            article = article_from_html(decoded.text, url=uri, path=f"{path}:{number}")
    except InputError as e:
        return Skipped(path, f"{where}: {e}")
    article.url = uri  # the address the page was captured from, not a canonical link it may name
    fetched = normalise_published(record.rec_headers.get_header("WARC-Date"))
    article.metadata.update({"warc": path, "fetched": fetched})
    if not article.published and fetched:
        # The capture's date: a page is published on or before it, usually the same day for news.
        article.published = fetched
        article.metadata["published_from"] = "WARC-Date"
    return with_encoding(article, decoded)


def _not_a_page(record: Any) -> str | None:
    """Why a record holds no page to read, from its headers alone (its payload not yet read)."""
    kind = record.rec_type
    if kind == "revisit":
        return "a revisit: its page is the same as an earlier capture's, which holds the text"
    if kind not in ("response", "resource"):
        return f"a {kind} record holds no captured page"
    truncated = record.rec_headers.get_header("WARC-Truncated")
    if truncated:
        return f"the crawler truncated this capture (WARC-Truncated: {truncated})"
    if record.http_headers is not None and record.http_headers.get_statuscode():
        status = str(record.http_headers.get_statuscode())
        if not status.startswith("2"):
            return f"HTTP status {record.http_headers.statusline}, not a page"
    headers = record.http_headers or record.rec_headers
    mime, _ = _content_type(headers.get_header("Content-Type"))
    if mime and mime not in PAGE_TYPES:
        return f"not an HTML or text page ({mime})"
    return None


def _payload(record: Any, max_bytes: int) -> bytes | str:
    """The record's payload (HTTP transfer and content encodings undone), or why it cannot be read."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(1 << 16):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return str(TooLarge(f"page too large (over {max_bytes:,} bytes)"))
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # the file ended before the record's Content-Length did
        return f"truncated: the file ends {missing:,} bytes before this record does"
    return b"".join(chunks)


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """A Content-Type header's media type and charset (each None when not given)."""
    if not value:
        return None, None
    message = Message()
    message["Content-Type"] = value
    return message.get_content_type(), message.get_content_charset()


def _where(record: Any, number: int) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    return f"record {number} ({record.rec_type}{f' {uri}' if uri else ''})"


def _unreadable(number: int, error: BaseException) -> str:
    if number == 1:
        return f"not a WARC file ({_first_line(error)})"
    return f"record {number}: corrupt ({_first_line(error)}); the rest of the file is not read"


def _first_line(error: BaseException) -> str:
    """An error's first line, short and printable (warcio quotes the bytes it could not parse)."""
    text = str(error).strip()
    if not text:
        return type(error).__name__
    line = " ".join(text.splitlines()[0].split())
    shown = "".join(c if c.isprintable() and ord(c) < 0x7F else "?" for c in line[:MAX_ERROR_CHARS])
    return shown + ("…" if len(line) > MAX_ERROR_CHARS else "")
