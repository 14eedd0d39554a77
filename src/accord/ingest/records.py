"""JSON records to articles: ``text`` (or ``html``) required, known fields mapped, the rest kept."""

from __future__ import annotations

import dataclasses
from typing import Any

from accord.errors import UnsupportedInput
from accord.ingest.article import make_article
from accord.ingest.html import article_from_html
from accord.ingest.publication_dates import normalise_published
from accord.models import Article

# Record fields with a place of their own in ``Article``; every other field goes to
# ``Article.metadata``.
KNOWN_FIELDS = frozenset({"text", "html", "title", "url", "published", "outlet", "id"})


def article_from_record(record: Any, *, path: str | None = None) -> Article:
    """The article in one JSON value: an object with ``text`` (or ``html``).

    Raises ``UnsupportedInput`` when the value is not such an object, and the
    ``InputError`` subclasses of :func:`make_article` for its text.
    """
    if not isinstance(record, dict):
        raise UnsupportedInput(f"not an article: a JSON {_json_type(record)}, expected an object with a 'text' field")
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and not text.strip() and html is not None:
        text = None  # an empty "text" beside the page itself: read the page
    if text is None and html is None:
        keys = ", ".join(sorted(map(str, record))[:8]) or "none"
        raise UnsupportedInput(f"not an article: JSON object has no 'text' or 'html' field (keys: {keys})")
    metadata = {key: value for key, value in record.items() if key not in KNOWN_FIELDS}
    if text is not None:
        if not isinstance(text, str):
            raise UnsupportedInput(f"not an article: 'text' is a JSON {_json_type(text)}, not a string")
        return make_article(
            text, title=_string(record.get("title")), url=_string(record.get("url")),
            outlet=_string(record.get("outlet")), published=record.get("published"),
            external_id=_string(record.get("id")), path=path, metadata=metadata,
        )
    if not isinstance(html, str):
        raise UnsupportedInput(f"not an article: 'html' is a JSON {_json_type(html)}, not a string")
    article = article_from_html(html, path=path, url=_string(record.get("url")), metadata=metadata)
    # What the record states beats what was guessed from the page.
    given_published = normalise_published(record.get("published"))
    return dataclasses.replace(
        article,
        title=_string(record.get("title")) or article.title,
        outlet=_string(record.get("outlet")) or article.outlet,
        published=given_published or article.published,
        external_id=_string(record.get("id")),
    )


def _string(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "null"
    return "object"
