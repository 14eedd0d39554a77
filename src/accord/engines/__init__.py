"""Engines run the extract stage, and a full rebuild's tasks: in this process, in local worker
processes, or on Ray.

An engine turns a stream of article batches into a stream of extraction batches, in the same order
(``extract_batches``), and runs tasks of a rebuild (``run_tasks``: a function of something every task
shares and of one item, over items; ``accord.rebuild``). Ingest and the store's writes stay in the main
process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from typing import Protocol, TypeVar, runtime_checkable

from accord.extract import Extractor
from accord.models import Article, ArticleExtraction


class EngineName(StrEnum):
    """Where extraction runs (``accord run --engine``)."""

    local = "local"  # worker processes on this machine (LocalEngine), or this process (InProcessEngine)
    ray = "ray"  # a Ray cluster (engines.ray.RayEngine; accord[ray])


Shared = TypeVar("Shared")
Item = TypeVar("Item")
Out = TypeVar("Out")


class Engine(Protocol):
    def extract_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[ArticleExtraction]]:
        """One list of extractions per batch of articles, in input order."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class TaskRunner(Protocol):
    """What runs a rebuild's tasks (every engine of accord; one that lacks it rebuilds in this process)."""

    def run_tasks(self, task: Callable[[Shared, Item], Out], shared: Shared,
                  items: Iterable[Item]) -> Iterator[Out]:
        """``task(shared, item)`` of each item, in input order. ``task`` is a module-level function (workers
        import it by name); ``shared`` is sent to each worker once."""
        ...

    def start_tasks(self) -> None:
        """Start the workers of :meth:`run_tasks` without waiting for them (they load accord meanwhile)."""
        ...


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

    def run_tasks(self, task: Callable[[Shared, Item], Out], shared: Shared,
                  items: Iterable[Item]) -> Iterator[Out]:
        for item in items:
            yield task(shared, item)

    def start_tasks(self) -> None:
        pass

    def close(self) -> None:
        pass


__all__ = ["Engine", "InProcessEngine", "TaskRunner"]
