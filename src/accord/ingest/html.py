"""HTML pages to articles, through trafilatura: text, title, date, outlet, canonical URL."""

from __future__ import annotations

import logging
from typing import Any

from accord.errors import EmptyInput, InputError
from accord.ingest.article import make_article
from accord.ingest.limits import MIN_HTML_PROSE_CHARS, MIN_PROSE_LINE_WORDS
from accord.models import Article

# trafilatura logs every page it finds empty at ERROR level; accord reports those pages
# itself, as skipped inputs with a reason, so its own messages would only be noise.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# htmldate's extensive search falls back to any year on the page and turns a footer's
# "Copyright 2025" into 2025-01-01; without it, dates still come from meta tags, <time>
# elements, bylines ("Published 12 March 2025") and the URL. Prefer the first publication
# date to a "last updated" one: an article's figures are as of when it was first written.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}

# Metadata trafilatura finds that has no field of its own in ``Article``.
_EXTRA_FIELDS = ("author", "description", "hostname", "categories", "tags", "language", "image")


def article_from_html(
    html: str,
    *,
    path: str | None = None,
    url: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Article:
    """The article in an HTML page.

    ``url`` is where the page came from (trafilatura prefers the page's canonical
    link when it has one). Raises ``EmptyInput`` when the page has no article text,
    and the other ``InputError`` subclasses of :func:`make_article`.
    """
    import trafilatura  # imported here: only HTML inputs pay for it

    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_images=False,
            date_extraction_params=_DATE_SEARCH,
        )
    except (ValueError, TypeError, AttributeError, LookupError) as e:  # lxml trees it cannot walk
        raise InputError(f"HTML could not be parsed ({type(e).__name__}: {e})") from e
    text = getattr(document, "text", None) or ""
    if not has_prose(text):
        raise EmptyInput("HTML page has no article text (only menus, links or short fragments)")
    extra: dict[str, Any] = {}
    for name in _EXTRA_FIELDS:
        value = getattr(document, name, None)
        if value:
            extra[name] = value
    extra.update(metadata or {})
    return make_article(
        text,
        title=getattr(document, "title", None),
        url=getattr(document, "url", None) or url,
        outlet=getattr(document, "sitename", None),
        published=getattr(document, "date", None),
        path=path,
        metadata=extra,
    )


def has_prose(text: str) -> bool:
    """Whether extracted text has sentence-length lines, not only menus and link lists."""
    prose = 0
    for line in text.splitlines():
        if len(line.split()) >= MIN_PROSE_LINE_WORDS:
            prose += len(line)
            if prose >= MIN_HTML_PROSE_CHARS:
                return True
    return False


def looks_like_html(text: str) -> bool:
    """Whether a text file is in fact an HTML page (saved with the wrong extension)."""
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:2000].lower()
