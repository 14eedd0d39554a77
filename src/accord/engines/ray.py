"""Extraction on Ray (``pip install 'accord[ray]'``): a Ray Data map over article batches.

The extract stage becomes ``Dataset.map_batches`` with a pool of actors, each
loading the spaCy pipeline once. Ray Data builds a dataset from a finite list,
while the pipeline hands the engine an open-ended stream of batches, so the
stream is cut into windows of ``workers * WINDOW_BATCHES_PER_WORKER`` batches:
each window is one dataset (``from_items``), executed with order preserved,
and its results are handed back batch by batch. Memory is bounded by one
window whatever the number of articles; each window restarts the actor pool
(one model load per actor), which the window size amortises.

Rows cross the Ray boundary as JSON strings (``accord.models.to_json``): plain
data, no pickled classes, and no Arrow schema to infer from nested records.

:meth:`RayEngine.read` reads JSON lines, Parquet and text/HTML files through
Ray Data's readers (so the files can live wherever the cluster reads from) and
turns each row into an ``Article`` with accord's own ingest rules.
"""

from __future__ import annotations

import json
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from accord.errors import InputError, MissingExtra
from accord.models import Article, ArticleExtraction, Skipped, from_json, to_json

logger = logging.getLogger(__name__)

#: Batches per actor in one Ray dataset. One model load per actor and window costs
#: about 3 s on a laptop core; 16 batches of 64 articles take minutes, so the reload is
#: a few percent, while a window of a few thousand articles stays small in memory.
WINDOW_BATCHES_PER_WORKER = 16

#: Object store for a Ray started by accord (not for an existing cluster): batches are
#: a few hundred kilobytes of text each, so 256 MB is plenty and keeps tests light.
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024

#: Tasks of a rebuild in flight per worker (RayEngine.run_tasks): enough to keep each busy while the
#: driver takes results, few enough that results in waiting stay small.
TASKS_PER_WORKER = 2

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Out = TypeVar("Out")

#: Input formats read through Ray Data readers; the rest goes through accord.ingest locally.
RAY_JSONL = (".jsonl", ".ndjson")
RAY_PARQUET = (".parquet",)
RAY_FILES = (".txt", ".html", ".htm", ".xhtml")


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (the Data library is the extra's point)
    except ImportError as error:
        raise MissingExtra("ray", "ray") from error
    return ray


class _ExtractActor:
    """One Ray actor: loads the spaCy pipeline once, then extracts batch after batch."""

    def __init__(self, model: str | None) -> None:
        from accord.extract import Extractor

        self.extractor = Extractor(model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        articles = [Article.from_dict(from_json(row)) for row in batch["article"]]
        extractions = [to_json(e) for e in self.extractor.extract_many(articles)]
        return {"extraction": np.array(extractions, dtype=object)}


#: In a Ray worker: the shared value of the rebuild's tasks it last ran, by its object id (one at a time).
_worker_shared: dict[str, Any] = {}


def _run_task(task: Callable[[Any, Any], Any], shared: list[Any], item: Any) -> Any:
    """Run one task in a Ray worker. ``shared`` holds the shared value's object ref in a list, so that Ray
    does not fetch and unpickle it for every task: a worker gets it once and keeps it."""
    import ray

    (ref,) = shared
    key = ref.hex()
    if key not in _worker_shared:
        _worker_shared.clear()
        _worker_shared[key] = ray.get(ref)
    return task(_worker_shared[key], item)


def _load_rebuild() -> None:
    import accord.rebuild  # noqa: F401  (accord, spaCy's import and the stages: seconds, once per worker)


class RayEngine:
    """The extract stage as a Ray Data map with an actor pool of ``workers`` actors.

    ``address`` connects to an existing cluster (whose workers must have accord
    installed); without it Ray is started in this process and stopped by :meth:`close`.
    """

    def __init__(self, model: str | None = None, address: str | None = None, workers: int | None = None,
                 *, object_store_memory: int | None = LOCAL_OBJECT_STORE_BYTES) -> None:
        self._ray = _import_ray()
        self.model = model
        self.address = address
        self._workers = workers
        self.object_store_memory = object_store_memory
        self._started = False

    # ------------------------------------------------------------------ setup

    @property
    def workers(self) -> int:
        """Actors in the pool: as asked, else one per CPU of the cluster (of this machine before Ray runs)."""
        if self._workers:
            return self._workers
        if self._ray.is_initialized():
            return max(1, int(self._ray.cluster_resources().get("CPU", 1)))
        return _local_cores()

    def _ensure_ray(self) -> None:
        ray = self._ray
        if not ray.is_initialized():
            if self.address:
                ray.init(address=self.address, log_to_driver=False, logging_level=logging.WARNING)
            else:
                ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False,
                         object_store_memory=self.object_store_memory, logging_level=logging.WARNING)
            self._started = True
            # Ray Data logs every execution at INFO; a run's own progress is accord's to report.
            logging.getLogger("ray.data").setLevel(logging.WARNING)
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        context.print_on_execution_start = False

    def close(self) -> None:
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()
        self._started = False

    # ------------------------------------------------------------------ extract

    def extract_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[ArticleExtraction]]:
        """One list of extractions per batch, in input order, one window of batches at a time."""
        # Ray starts with the first window that has articles: a re-run with nothing new never starts it.
        window_size = max(1, self.workers * WINDOW_BATCHES_PER_WORKER)
        iterator = iter(batches)
        while window := list(islice(iterator, window_size)):
            yield from self._extract_window(window)

    def _extract_window(self, window: list[list[Article]]) -> Iterator[list[ArticleExtraction]]:
        rows = [{"article": to_json(article)} for batch in window for article in batch]
        if not rows:  # only empty batches (every article already stored)
            yield from ([] for _ in window)
            return
        self._ensure_ray()
        largest = max(len(batch) for batch in window)
        dataset = self._ray.data.from_items(rows, override_num_blocks=len(window)).map_batches(
            _ExtractActor, fn_constructor_args=(self.model,), batch_size=largest,
            compute=self._ray.data.ActorPoolStrategy(size=min(self.workers, len(window))), num_cpus=1,
            batch_format="numpy",
        )
        results = (ArticleExtraction.from_dict(from_json(row["extraction"])) for row in dataset.iter_rows())
        for batch in window:
            extracted = list(islice(results, len(batch)))
            if [e.article for e in extracted] != [a.id for a in batch]:
                raise RuntimeError("Ray returned extractions out of order or incomplete")
            yield extracted

    # ------------------------------------------------------------------ rebuild tasks

    def start_tasks(self) -> None:
        """Start Ray and one task per worker that loads accord, without waiting for them."""
        self._ensure_ray()
        remote = self._ray.remote(num_cpus=1)(_load_rebuild)
        for _ in range(self.workers):
            remote.remote()

    def run_tasks(self, task: Callable[[Shared, Item], Out], shared: Shared,
                  items: Iterable[Item]) -> Iterator[Out]:
        """``task(shared, item)`` of each item as Ray tasks of one CPU each (``shared`` put in the object
        store once), at most TASKS_PER_WORKER per worker in flight; results in input order."""
        self._ensure_ray()
        ray = self._ray
        remote = ray.remote(num_cpus=1, max_retries=0)(_run_task)
        box = [ray.put(shared)]
        window: deque[Any] = deque()
        limit = max(1, self.workers * TASKS_PER_WORKER)
        try:
            for item in items:
                window.append(remote.remote(task, box, item))
                if len(window) >= limit:
                    yield ray.get(window.popleft())
            while window:
                yield ray.get(window.popleft())
        finally:
            for ref in window:
                ray.cancel(ref)

    # ------------------------------------------------------------------ read

    def read(self, paths: Sequence[str | os.PathLike[str]]) -> Iterator[Article | Skipped]:
        """Articles of ``paths`` (files and folders), JSONL, Parquet and text/HTML read by Ray Data.

        Each row becomes an article (or a ``Skipped`` with the reason) by accord's ingest rules,
        exactly as :func:`accord.ingest.iter_inputs` would make it; other formats (``.json``)
        are read by ``accord.ingest`` in this process.
        """
        from accord.ingest import read_file
        from accord.ingest.walk import iter_files

        self._ensure_ray()
        for item in iter_files(paths):
            if isinstance(item, Skipped):
                yield item
                continue
            suffix = item.suffix.lower()
            if suffix in RAY_JSONL:
                yield from self._read_jsonl(item)
            elif suffix in RAY_PARQUET:
                yield from self._read_parquet(item)
            elif suffix in RAY_FILES:
                yield from self._read_files(item)
            else:
                yield from read_file(item)

    def _read_jsonl(self, path: Path) -> Iterator[Article | Skipped]:
        from accord.ingest import article_from_record

        found = False
        lines = self._ray.data.read_text(str(path), drop_empty_lines=False).iter_rows()
        for number, row in enumerate(lines, 1):
            line = row["text"]
            if not line.strip():
                continue
            found = True
            try:
                yield article_from_record(json.loads(line), path=f"{path}:{number}")
            except json.JSONDecodeError as error:
                yield Skipped(str(path), f"malformed JSON line ({error.msg} at column {error.colno})", number)
            except InputError as error:
                yield Skipped(str(path), str(error), number)
        if not found:
            yield Skipped(str(path), "empty file")

    def _read_parquet(self, path: Path) -> Iterator[Article | Skipped]:
        from accord.ingest import article_from_record

        for number, row in enumerate(self._ray.data.read_parquet(str(path)).iter_rows(), 1):
            try:
                # A column a record lacks reads as null: drop it, as if the field were absent.
                record = {key: value for key, value in _plain(dict(row)).items() if value is not None}
                yield article_from_record(record, path=f"{path}:{number}")
            except InputError as error:
                yield Skipped(str(path), str(error), number)

    def _read_files(self, path: Path) -> Iterator[Article | Skipped]:
        from accord.ingest.article import make_article
        from accord.ingest.decode import decode_bytes
        from accord.ingest.html import article_from_html, looks_like_html
        from accord.ingest.text import headline_of

        for row in self._ray.data.read_binary_files(str(path), include_paths=False).iter_rows():
            try:
                text = decode_bytes(row["bytes"]).text
                if path.suffix.lower() != ".txt" or looks_like_html(text):
                    yield article_from_html(text, path=str(path))
                else:
                    yield make_article(text, title=headline_of(text), path=str(path))
            except InputError as error:
                yield Skipped(str(path), str(error))


def _plain(value: Any) -> Any:
    """Arrow/numpy values of a Parquet row as plain Python (lists, dicts, str, numbers)."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _local_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


__all__ = ["RayEngine", "WINDOW_BATCHES_PER_WORKER"]
