"""Paging: a large table read a page at a time, and a stream cut into pages.

:func:`keyset_rows` reads in key order with one short query per page. Both stores use it to stream
articles (by ``seq``) and incidents (by ``ord``) without holding a table in memory and without a cursor
kept open between pages (a store's connection stays free for writes). :func:`chunked` cuts any stream
into lists: the pipeline's batches, a store's inserts, an export's pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

#: A store's query function: SQL and parameters in, rows (mappings by column name) out.
Read = Callable[[str, Sequence[Any]], Sequence[Mapping[str, Any]]]


def keyset_rows(read: Read, sql: str, key: str, start: Any, page: int) -> Iterator[Mapping[str, Any]]:
    """The rows of ``sql``, page by page. ``sql`` selects ``key`` and takes two parameters, the last key
    read and the page size: ``... WHERE key > ? ORDER BY key LIMIT ?`` (in the store's placeholder style);
    ``start`` is below every key."""
    last = start
    while True:
        found = read(sql, (last, page))
        yield from found
        if len(found) < page:
            return
        last = found[-1][key]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter, none empty), as they come."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
