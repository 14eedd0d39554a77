"""The one place an ``Article`` is made: normalise, check, give it its id."""

from __future__ import annotations

from typing import Any

from accord.errors import EmptyInput, TooLarge
from accord.ingest.decode import Decoded
from accord.ingest.language import check_english
from accord.ingest.limits import MAX_ARTICLE_CHARS
from accord.ingest.publication_dates import normalise_published
from accord.ingest.text import id_of_normalised, normalise_text
from accord.models import Article


def make_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: Any = None,
    external_id: str | None = None,
    path: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Article:
    """An ``Article`` from extracted text and metadata.

    Raises ``EmptyInput`` (no text), ``TooLarge`` (over ``MAX_ARTICLE_CHARS``) or
    ``NotEnglish``. A publication date in any common format becomes ISO 8601; one
    that cannot be read is kept in ``metadata["published_raw"]``.
    """
    body = normalise_text(text)
    if not body:
        raise EmptyInput("no article text")
    if len(body) > MAX_ARTICLE_CHARS:
        raise TooLarge(f"article text too long ({len(body):,} characters, limit {MAX_ARTICLE_CHARS:,})")
    check_english(body)
    extra = dict(metadata or {})
    iso_published = normalise_published(published)
    if published not in (None, "") and iso_published is None:
        extra["published_raw"] = published
    return Article(
        id=id_of_normalised(body),
        text=body,
        title=_clean(title),
        url=_clean(url),
        outlet=_clean(outlet),
        published=iso_published,
        external_id=None if external_id is None else str(external_id),
        path=path,
        metadata=extra,
    )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    cleaned = " ".join(str(value).split())
    return cleaned or None


def with_encoding(article: Article, decoded: Decoded) -> Article:
    """``article`` with the encoding its bytes were decoded from in its metadata, when that was not
    plain UTF-8: the reader of a report may want to know."""
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        article.metadata["encoding"] = decoded.encoding
    if decoded.damaged:
        article.metadata["encoding"] = "utf-8 (invalid bytes replaced)"
    return article
