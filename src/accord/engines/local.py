"""Extraction in local worker processes, each loading spaCy once.

Each batch is shared out among the workers (runs of consecutive articles with
about equal text) and submitted to a process pool with a bounded window (at most
``WINDOW_PER_WORKER`` shares in flight per worker), so memory does not grow
with the number of articles, and results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from accord.engines.memory import peak_rss_mb
from accord.extract import Extractor
from accord.models import Article, ArticleExtraction

#: Batches in flight per worker: 2 keeps every worker busy while the main process stores results.
WINDOW_PER_WORKER = 2

_worker_extractor: Extractor | None = None

#: In a task worker: the shared value of the rebuild's tasks it last ran, by the file it came in (one at a time).
_worker_shared: dict[str, Any] = {}

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Out = TypeVar("Out")


#: One short report each worker extracts when it starts: accord's lexicons and gazetteer load on first
#: use (seconds), so a started worker (LocalEngine.start, which a benchmark waits for) is a ready one.
WARM_UP = Article(id="warm-up", text="Police said two people were killed in Nairobi on Monday.")


def _init_worker(model: str | None) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(model)
    list(_worker_extractor.extract_many([WARM_UP]))


def _extract_batch(batch: list[Article]) -> list[ArticleExtraction]:
    assert _worker_extractor is not None, "worker not initialised"
    return list(_worker_extractor.extract_many(batch))


def _run_task(task: Callable[[Any, Any], Any], shared: str, item: Any) -> Any:
    """Run one task; the shared value is read from its file once per worker and kept."""
    if shared not in _worker_shared:
        _worker_shared.clear()
        _worker_shared[shared] = pickle.loads(Path(shared).read_bytes())
    return task(_worker_shared[shared], item)


def _load_rebuild() -> None:
    import accord.rebuild  # noqa: F401  (accord, spaCy's import and the stages: seconds, once per worker)


def _start_method() -> str:
    # forkserver: workers do not inherit the parent's threads or open store connections
    # (spawn, where there is no forkserver: Windows).
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _worker_pid() -> int:
    # Held briefly so that concurrent warm-up calls land on different workers.
    time.sleep(0.05)
    return os.getpid()


def _worker_peak_rss_mb() -> tuple[int, float | None]:
    time.sleep(0.05)
    return os.getpid(), peak_rss_mb()


def split_among(batch: list[Article], workers: int) -> list[list[Article]]:
    """``batch`` cut into at most ``workers`` runs of consecutive articles with about equal text each.

    Each batch is shared out rather than given whole to one worker: otherwise the last batches of a run
    leave a worker idle while another extracts a whole batch (with 2 workers and batches of 32 reports,
    several seconds of a 300-report run).
    """
    if workers <= 1 or len(batch) <= 1:
        return [batch] if batch else []
    total = sum(len(article.text) for article in batch)
    shares: list[list[Article]] = [[]]
    done = 0
    for article in batch:
        # The next share starts with the article whose middle lies past this share's part of the text.
        middle = done + len(article.text) / 2
        if shares[-1] and len(shares) < workers and middle >= total * len(shares) / workers:
            shares.append([])
        shares[-1].append(article)
        done += len(article.text)
    return shares


def _joined(shares: list[Future[list[ArticleExtraction]]]) -> list[ArticleExtraction]:
    return [extraction for share in shares for extraction in share.result()]


def default_workers() -> int:
    """One worker per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


class LocalEngine:
    """Extraction spread over ``workers`` processes (1: a single worker process)."""

    def __init__(self, workers: int | None = None, *, model: str | None = None) -> None:
        self.workers = workers or default_workers()
        self.model = model
        self._pool: ProcessPoolExecutor | None = None
        self._task_pool: ProcessPoolExecutor | None = None  # a rebuild's tasks (run_tasks)

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context(_start_method())
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                             initargs=(self.model,))
        return self._pool

    def start(self) -> None:
        """Start every worker and wait until each has loaded the model (a benchmark starts its clock after)."""
        pool = self._ensure_pool()
        pids: set[int] = set()
        while len(pids) < self.workers:
            pids |= {future.result() for future in [pool.submit(_worker_pid) for _ in range(self.workers)]}

    def worker_peak_rss_mb(self) -> float | None:
        """The largest resident-set high-water mark among the running workers, in MB (0 if none run;
        None where the platform does not tell)."""
        if self._pool is None:
            return 0.0
        peaks: dict[int, float | None] = {}
        while len(peaks) < self.workers:
            futures = [self._pool.submit(_worker_peak_rss_mb) for _ in range(self.workers)]
            peaks.update(future.result() for future in futures)
        known = [peak for peak in peaks.values() if peak is not None]
        return max(known) if known else None

    def extract_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[ArticleExtraction]]:
        pool = self._ensure_pool()
        window: deque[list[Future[list[ArticleExtraction]]]] = deque()  # each batch's shares, in order
        in_flight = 0
        limit = self.workers * WINDOW_PER_WORKER
        for batch in batches:
            shares = [pool.submit(_extract_batch, share) for share in split_among(batch, self.workers)]
            window.append(shares)
            in_flight += len(shares)
            while in_flight >= limit:
                in_flight -= len(window[0])
                yield _joined(window.popleft())
        while window:
            yield _joined(window.popleft())

    def _tasks(self) -> ProcessPoolExecutor:
        if self._task_pool is None:
            self._task_pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(_start_method()))
        return self._task_pool

    def start_tasks(self) -> None:
        """Start the task workers, each loading accord, without waiting (a rebuild reads its pool meanwhile)."""
        pool = self._tasks()
        for _ in range(self.workers):
            pool.submit(_load_rebuild)

    def run_tasks(self, task: Callable[[Shared, Item], Out], shared: Shared,
                  items: Iterable[Item]) -> Iterator[Out]:
        """``task(shared, item)`` of each item in a pool of ``workers`` processes kept for the engine's life
        (apart from extraction's: they load no model), at most WINDOW_PER_WORKER tasks in flight per
        worker; results in input order. ``shared`` goes through a temporary file each worker reads once
        (a process pool cannot send a value to each of its workers)."""
        pool = self._tasks()
        window: deque[Future[Out]] = deque()
        # A new name for each call (a worker keeps the value by its file's name); read by name, also on Windows.
        path = Path(tempfile.gettempdir()) / f"accord-shared-{os.getpid()}-{uuid.uuid4().hex}.pickle"
        path.write_bytes(pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL))
        try:
            for item in items:
                window.append(pool.submit(_run_task, task, str(path), item))
                if len(window) >= self.workers * WINDOW_PER_WORKER:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            for future in window:
                future.cancel()
            path.unlink(missing_ok=True)

    def close(self) -> None:
        for pool in (self._pool, self._task_pool):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._task_pool = None
