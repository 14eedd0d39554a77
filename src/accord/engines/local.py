"""Extraction in local worker processes, each loading spaCy once.

Each batch is shared out among the workers (runs of consecutive articles with
about equal text) and submitted to a process pool with a bounded window (at most
``WINDOW_PER_WORKER`` shares in flight per worker), so memory does not grow
with the number of articles, and results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from accord.engines.memory import peak_rss_mb
from accord.extract import Extractor
from accord.models import Article, ArticleExtraction

#: Batches in flight per worker: 2 keeps every worker busy while the main process stores results.
WINDOW_PER_WORKER = 2

_worker_extractor: Extractor | None = None


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

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers do not inherit the parent's threads or open store connections
            # (spawn, where there is no forkserver: Windows).
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            context = multiprocessing.get_context(method)
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

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
