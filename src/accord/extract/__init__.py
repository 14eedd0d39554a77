"""extract: one spaCy pass per article, turned into an :class:`ArticleExtraction`.

This is the pure, per-article part of the pipeline that parallelises. spaCy
objects never leave this package: :func:`extraction_from_doc` turns a
processed ``Doc`` into plain records.

``accord.extract`` is this package, and calling it extracts one text
(``accord.extract(text)`` is :func:`extract`): the package's module is made
callable, so ``accord.extract.figures`` and the other modules stay reachable
as attributes of the package.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from types import ModuleType
from urllib.parse import urlsplit

from spacy.language import Language
from spacy.tokens import Doc

from accord.extract.nlp import load_pipeline
from accord.models import Article, ArticleExtraction

#: The version of what extraction produces; it goes up whenever the output changes (a rule's id counts),
#: and the store extracts again every article an older version extracted (Pipeline.reextract_stale).
EXTRACTOR_VERSION = "accord.extract.v5"

#: Texts per nlp.pipe batch; spaCy's own default for CPU pipelines.
BATCH_SIZE = 64


def extraction_from_doc(doc: Doc) -> ArticleExtraction:
    """The plain records accord's components left on ``doc``."""
    return ArticleExtraction(
        article=doc._.article_id or "",
        claims=list(doc._.claims or []),
        quotes=list(doc._.quotes or []),
        dates=list(doc._.dates or []),
        places=list(doc._.places or []),
        actors=list(doc._.actors or []),
        mentions=list(doc._.mentions or []),
        statistics=list(doc._.statistics or []),
        event_type=doc._.event_type or "other",
        extractor=EXTRACTOR_VERSION,
    )


class Extractor:
    """Holds one loaded spaCy pipeline and extracts articles in batches."""

    def __init__(self, model: str | None = None, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(model)

    def make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.article_id = article.id
        doc._.published = article.published[:10] if article.published else None
        # the site's host says the outlet's country ("dawn.com.pk"); a name ("The Valley Courier") rarely does
        doc._.outlet = (urlsplit(article.url).hostname if article.url else None) or article.outlet
        return doc

    def extract_many(self, articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[ArticleExtraction]:
        """One ArticleExtraction per article, in input order, through one ``nlp.pipe``."""
        docs = (self.make_doc(article) for article in articles)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield extraction_from_doc(doc)

    def extract_article(self, article: Article) -> ArticleExtraction:
        return next(self.extract_many([article]))


_default: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide Extractor, loaded on first use."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default


class _CallablePackage(ModuleType):
    """The ``accord.extract`` package, callable as :func:`extract` (``accord.extract(text)``)."""

    def __call__(self, text: str, published: str | None = None, *,
                 article_id: str | None = None) -> ArticleExtraction:
        return extract(text, published, article_id=article_id)


sys.modules[__name__].__class__ = _CallablePackage


def extract(text: str, published: str | None = None, *, article_id: str | None = None) -> ArticleExtraction:
    """Extract claims, quotes, dates, places, actors and incident mentions from one text.

    >>> result = extract("Police said two people were killed on Tuesday.", published="2025-03-12")
    >>> [(c.measure, c.value.low) for c in result.claims]
    [('killed', 2)]
    """
    from accord.ingest.text import article_id_for

    article = Article(id=article_id or article_id_for(text), text=text, published=published)
    return default_extractor().extract_article(article)


__all__ = ["EXTRACTOR_VERSION", "Extractor", "extract", "extraction_from_doc", "default_extractor", "BATCH_SIZE"]
