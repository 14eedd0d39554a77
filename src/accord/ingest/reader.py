"""Read files and folders into articles; every input that cannot be read becomes a ``Skipped``."""

from __future__ import annotations

import codecs
import json
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from accord.errors import EmptyInput, InputError, MissingExtra, TooLarge, UnsupportedInput
from accord.ingest.article import make_article, with_encoding
from accord.ingest.decode import Decoded, declared_charset, decode_bytes
from accord.ingest.html import article_from_html, looks_like_html
from accord.ingest.limits import MAX_FILE_BYTES
from accord.ingest.records import article_from_record
from accord.ingest.text import headline_of
from accord.ingest.walk import iter_files, os_reason
from accord.ingest.warc import is_warc, read_warc, require_warcio
from accord.models import Article, Skipped

# File extension (lower case) -> how the file is read.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",  # web archives of saved pages: ingest.warc, with the warc extra
    ".warc.gz": "warc",
}

Item = Article | Skipped

logger = logging.getLogger(__name__)

def iter_inputs(paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Item]:
    """Every article in ``paths`` (files and folders), and a ``Skipped`` for every input that is not one.

    Never raises for bad input. Files are read in the order given, folders
    walked in sorted order. ``max_bytes`` bounds a file (for JSON lines: one line).
    """
    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many items :func:`iter_inputs` will yield, counted without reading an article: one per
    file or unreadable input, one per non-blank line of a JSON lines file. A ``.json`` file holding
    a list counts one (telling its length means parsing it): a progress bar's total grows there."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    total = 0
    for item in iter_files(paths):
        if isinstance(item, Path) and file_kind(item) == "jsonl":
            total += max(1, _nonblank_lines(item))  # an empty file is one skipped input
        else:
            total += 1
    return total


def _nonblank_lines(path: Path) -> int:
    try:
        with _open(path) as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, InputError):
        return 1  # read_file says why, as one skipped input


def file_kind(path: Path) -> str | None:
    """How a file is read, from its name (``FORMATS``), or None when accord does not read it."""
    return "warc" if is_warc(path.name) else FORMATS.get(path.suffix.lower())


def read_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Item]:
    """The articles of one file, by its extension, or why it has none.

    Raises ``MissingExtra`` for a WARC file when warcio is not installed: every WARC would be skipped
    for the same reason, so the run stops and says which extra to install."""
    path = Path(path)
    name = str(path)
    kind = file_kind(path)
    if kind == "warc":
        require_warcio()
    if kind is None:
        what = f"'{path.suffix}'" if path.suffix else "no extension"
        yield Skipped(name, f"unsupported file type ({what}); accord reads {', '.join(sorted(FORMATS))}")
        return
    try:
        if kind == "jsonl":
            yield from _read_jsonl(path, max_bytes)
            return
        if kind == "warc":  # max_bytes bounds each page of the archive, not the archive
            with _open(path) as handle:
                yield from read_warc(handle, name, max_bytes=max_bytes)
            return
        data = _read_bytes(path, max_bytes)
        decoded = decode_bytes(data, declared=declared_charset(data) if kind == "html" else None)
        if kind == "json":
            yield from _read_json(decoded, name)
            return
        article = _html_article(decoded.text, name) if kind == "html" else _text_article(decoded.text, name)
        yield with_encoding(article, decoded)
    except TooLarge as e:
        hint = "; use JSON lines (.jsonl), read line by line, for large collections" if kind == "json" else ""
        yield Skipped(name, f"{e}{hint}")
    except InputError as e:
        yield Skipped(name, str(e))
    except OSError as e:
        yield Skipped(name, os_reason(e, path))
    except MissingExtra:
        raise
    except Exception as e:  # a parser bug must not stop a batch: record it and go on
        logger.exception("unexpected error reading %s", name)
        yield Skipped(name, f"unexpected error while reading ({type(e).__name__}: {e})")


def _nonblocking(path: str, flags: int) -> int:
    # Opening a named pipe for reading would wait for a writer: never block on one.
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _open(path: Path) -> BinaryIO:
    handle = open(path, "rb", opener=_nonblocking)  # closed by the caller's with-block
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise UnsupportedInput("not a regular file (a device, pipe or socket)")
    return handle


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    with _open(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise TooLarge(_too_large(size, max_bytes))
        data = handle.read(max_bytes + 1)  # the file may have grown since its size was read
    if len(data) > max_bytes:
        raise TooLarge(_too_large(len(data), max_bytes, more=True))
    return data


def _too_large(size: int, max_bytes: int, *, more: bool = False) -> str:
    return f"file too large ({'over ' if more else ''}{size:,} bytes, limit {max_bytes:,})"


def _text_article(text: str, path: str) -> Article:
    if looks_like_html(text):
        return _html_article(text, path)
    return make_article(text, title=headline_of(text), path=path)


def _html_article(text: str, path: str) -> Article:
    return article_from_html(text, path=path)


# --------------------------------------------------------------------------- JSON


def _read_json(decoded: Decoded, path: str) -> Iterator[Item]:
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # several objects, one a line: JSON lines under a .json name
            yield from _records_from_lines(enumerate(decoded.text.splitlines(), 1), path)
            return
        raise InputError(f"malformed JSON ({e.msg} at line {e.lineno}, column {e.colno})") from e
    if not isinstance(value, list):
        yield _record_article(value, path, None)
        return
    if not value:
        yield Skipped(path, "empty JSON list: no articles")
    for index, record in enumerate(value):
        yield _record_article(record, f"{path}[{index}]", index)


def _record_article(record: Any, path: str, index: int | None) -> Item:
    try:
        return article_from_record(record, path=path)
    except InputError as e:
        if index is None:
            return Skipped(path, str(e))
        return Skipped(path.rsplit("[", 1)[0], f"item {index}: {e}")


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    with _open(path) as handle:
        head = handle.read(4)
        handle.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # UTF-16 cannot be split on newline bytes: decode the whole (bounded) file.
            text = decode_bytes(_read_bytes(path, max_bytes)).text
            yield from _records_from_lines(enumerate(text.splitlines(), 1), str(path))
            return
        yield from _records_from_lines(_byte_lines(handle, max_bytes), str(path))


def _byte_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | TooLarge]]:
    """Numbered lines of a file, streamed; a line over ``max_bytes`` is skipped unread."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):  # drain the rest of the long line
                line = handle.readline(1 << 20)
                size += len(line)
            yield number, TooLarge(_too_large(size, max_bytes))
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        yield number, line


def _records_from_lines(lines: Iterable[tuple[int, bytes | str | TooLarge]], path: str) -> Iterator[Item]:
    found = False
    for number, line in lines:
        if isinstance(line, TooLarge):
            found = True
            yield Skipped(path, f"line too long: {line}", number)
            continue
        if not line.strip():
            continue
        found = True
        try:
            text = (line if isinstance(line, str) else _decode_line(line)).rstrip("\r\n")
            record = json.loads(text)
            yield article_from_record(record, path=f"{path}:{number}")
        except json.JSONDecodeError as e:
            # json's messages end in "at" or "starting at" before the position it adds itself.
            message = e.msg.removesuffix(" at").removesuffix(" starting")
            yield Skipped(path, f"malformed JSON line ({message} at column {e.colno})", number)
        except InputError as e:
            yield Skipped(path, str(e), number)
    if not found:
        yield Skipped(path, str(EmptyInput("empty file")))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(line).text  # a line written in a legacy encoding
