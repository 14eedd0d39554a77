"""Engines run the extract stage: in this process, in local worker processes, or on Ray.

An engine has one job: turn a stream of article batches into a stream of
extraction batches, in the same order. Everything else (ingest, link,
reconcile, store) stays in the main process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Protocol

from accord.extract import Extractor
from accord.models import Article, ArticleExtraction


class EngineName(StrEnum):
    """Where extraction runs (``accord run --engine``)."""

    local = "local"  # worker processes on this machine (LocalEngine), or this process (InProcessEngine)
    ray = "ray"  # a Ray cluster (engines.ray.RayEngine; accord[ray])


class Engine(Protocol):
    def extract_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[ArticleExtraction]]:
        """One list of extractions per batch of articles, in input order."""
        ...

    def close(self) -> None: ...


class InProcessEngine:
    """Extraction in the calling process, with one spaCy pipeline loaded on first use."""

    def __init__(self, *, extractor: Extractor | None = None, model: str | None = None) -> None:
        self._extractor = extractor
        self._model = model

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(self._model)
        return self._extractor

    def extract_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[ArticleExtraction]]:
        for batch in batches:
            yield list(self.extractor.extract_many(batch)) if batch else []

    def close(self) -> None:
        pass


__all__ = ["Engine", "InProcessEngine"]
