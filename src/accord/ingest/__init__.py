"""ingest: files, folders and JSON lines to ``Article`` records (and ``Skipped`` for the rest).

::

    iter_inputs(paths) ──► Article | Skipped      files and folders, any mix (WARC archives: ingest.warc)
    article_from_html(html) ──► Article            one HTML page, through trafilatura
    NearDuplicateIndex                             syndicated copies (MinHash LSH)
"""

from __future__ import annotations

from accord.ingest.article import make_article
from accord.ingest.dedup import NearDuplicateIndex
from accord.ingest.html import article_from_html
from accord.ingest.limits import MAX_ARTICLE_CHARS, MAX_FILE_BYTES
from accord.ingest.reader import FORMATS, count_inputs, iter_inputs, read_file
from accord.ingest.records import article_from_record
from accord.ingest.text import article_id_for, normalise_text

__all__ = [
    "FORMATS",
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "NearDuplicateIndex",
    "article_from_html",
    "article_from_record",
    "article_id_for",
    "count_inputs",
    "iter_inputs",
    "make_article",
    "normalise_text",
    "read_file",
]
