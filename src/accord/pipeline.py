"""Wires the stages: ingest → extract → link → reconcile → store → report.

Articles stream through ingest and extract in batches; each batch is committed
to the store in one transaction, so an interrupted run (Ctrl-C, or even a
SIGKILL) loses at most the batch in flight and a re-run picks up where it
stopped (stored articles are not extracted again). Link and reconcile then run
over everything in the store, so running on A and then on B gives the same
incidents as running on A and B together.

Two runs on one store at once: SQLite serialises their batch commits, and the
incident rebuild (read everything, link, reconcile, replace) is serialised by a
lock (a file beside a SQLite store, an advisory lock on PostgreSQL), so the run
that rebuilds last sees every commit.
The guarantees and their tests are in ``docs/robustness.md``.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from accord.engines import Engine, InProcessEngine, TaskRunner
from accord.errors import AccordError
from accord.extract import EXTRACTOR_VERSION, Extractor
from accord.ingest import count_inputs, iter_inputs
from accord.ingest.dedup import NearDuplicateIndex
from accord.ingest.feeds import is_feed, iter_sources
from accord.link import pool_features
from accord.link.incremental import relink
from accord.models import Article, ArticleExtraction, Claim, Incident, Skipped
from accord.rebuild import link_pool, reconciled, store_address
from accord.reconcile import iter_incidents, sort_incidents
from accord.report.incremental import update_report
from accord.store import Store, open_store
from accord.store.history import now, stamp
from accord.store.link_index import CLEAR, change_statements, rebuild_statements
from accord.store.paging import chunked

logger = logging.getLogger(__name__)

DEFAULT_OUT = Path("accord-report")
DEFAULT_DB = "accord.db"

#: Articles per extraction batch, and so per store transaction. What an interrupted
#: run loses is at most the batch in flight: under load a 64-article batch of local
#: news takes 5-30 s to extract on one core, 32 halves that. Throughput does not
#: suffer: 64 GVA reports in batches of 32 took 19-46 s against 22-66 s in one batch
#: of 64 (three interleaved runs on a loaded 2-core machine; spaCy batches inside).
BATCH_SIZE = 32

#: Most claims (and, apart, most statistics) kept from one article; the first ones in
#: text order are kept and a warning is recorded with the article. Calibrated on the
#: dev data: the most claims found in one of the 1,132 GVA local news texts is 21 (a
#: round-up of several shootings), in one seed report 7; statistics, at most 2.
#: 200 leaves ten times that room. Beyond a few hundred an
#: "article" is a table or a casualty list, whose rows would swamp its incident.
MAX_CLAIMS_PER_ARTICLE = 200

#: New reports linked incrementally per transaction: each chunk's candidates and touched incidents are
#: read, linked and replaced together.
INCREMENTAL_CHUNK = 200

#: When a run brings more new reports than this share of the store, it links the whole store again
#: (accord rebuild) instead: past it, a full link costs less than looking up each report's candidates.
FULL_REBUILD_SHARE = 0.25

#: Called with (event, count): "read" with the input items of each committed batch; then, after
#: extraction, "linking" once (count 0) when link starts, "incidents" per incident reconciled and
#: stored, and "report" per incident written to the report. Before a stage whose size is known,
#: "STAGE.total" with that size ("read.total": the input items, counted first; a .json list counts one).
ProgressCallback = Callable[[str, int], None]


@dataclass
class Result:
    """What a run did and where it put it."""

    incidents: list[Incident]  # every incident, sorted; empty when the run was asked not to keep them
    articles: int  # articles in the store after the run
    new_articles: int  # articles this run added
    claims: int  # claims in the store after the run
    skipped: list[Skipped]  # inputs of this run that were skipped, with reasons
    duplicates: int = 0  # inputs of this run already stored (same text)
    report: dict[str, Path] = field(default_factory=dict)
    db: str = DEFAULT_DB
    interrupted: bool = False
    # Where an interrupted run stopped: "ingest", "incident rebuild" or "report".
    stopped_during: str | None = None
    # Articles kept but not whole (e.g. claims over MAX_CLAIMS_PER_ARTICLE), with why.
    warnings: list[Skipped] = field(default_factory=list)
    incident_count: int = 0  # incidents in the store after the run, kept in ``incidents`` or not
    background_count: int = 0  # of which background incidents

    @property
    def main_incidents(self) -> list[Incident]:
        return [incident for incident in self.incidents if not incident.background]


def demo_corpus_path() -> Path:
    """The folder of demo articles shipped inside the package."""
    return Path(str(resources.files("accord").joinpath("demo_corpus")))


def _capped(claims: list[Claim], limit: int) -> list[Claim]:
    """The first ``limit`` claims in text order (all of them, in their order, when within it)."""
    if len(claims) <= limit:
        return claims
    return sorted(claims, key=lambda claim: (claim.span, claim.measure, claim.group))[:limit]


def cap_claims(extraction: ArticleExtraction, article: Article,
               limit: int = MAX_CLAIMS_PER_ARTICLE) -> Skipped | None:
    """Keep at most ``limit`` claims and ``limit`` statistics of an article.

    Returns the warning (also put in ``article.metadata["warnings"]``, which the
    store keeps with the article) when something was cut, else None.
    """
    found = {"claims": len(extraction.claims), "statistics": len(extraction.statistics)}
    over = {name: count for name, count in found.items() if count > limit}
    if not over:
        return None
    extraction.claims = _capped(extraction.claims, limit)
    extraction.statistics = _capped(extraction.statistics, limit)
    cut = ", ".join(f"{count:,} {name}" for name, count in over.items())
    reason = (f"too many figures: {cut} found, only the first {limit:,} of each kept "
              f"(MAX_CLAIMS_PER_ARTICLE); is it a table or a list rather than an article?")
    article.metadata.setdefault("warnings", []).append(reason)
    return note_about(article, reason)


def note_about(article: Article, reason: str) -> Skipped:
    """A skipped-input record (file, line, reason) for an article read from ``article.path``."""
    path, _, line = (article.path or article.id).rpartition(":")
    if path and line.isdigit():  # "file.jsonl:12": a line of a JSON lines file
        return Skipped(path, reason, int(line))
    return Skipped(article.path or article.id, reason)


def finish_extraction(extraction: ArticleExtraction, article: Article) -> ArticleExtraction:
    """Fill what only the article knows: outlet on claims and stable claim ids."""
    for kind, claims in (("c", extraction.claims), ("s", extraction.statistics)):
        for claim in claims:
            claim.outlet = claim.outlet or article.outlet
            claim.as_of = claim.as_of or (article.published[:10] if article.published else None)
            claim.id = f"{article.id}:{kind}:{claim.span[0]}-{claim.span[1]}:{claim.measure}:{claim.group}"
    for quote in extraction.quotes:
        quote.article = article.id
    return extraction


@contextmanager
def _exclusive(lock_path: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (a no-op without one): filelock's, an advisory ``flock``
    on POSIX and ``LockFileEx`` on Windows, released on exit, also when the process dies."""
    if lock_path is None:
        yield
        return
    from filelock import FileLock

    lock = FileLock(lock_path)
    try:
        lock.acquire()
    except OSError as e:  # a read-only folder: a store there has no concurrent writer to fear
        logger.info("no rebuild lock at %s (%s): rebuilding without it", lock_path, e.strerror or e)
        yield
        return
    try:
        yield
    finally:
        lock.release()


@dataclass
class _Batch:
    """One batch on its way to the store: its new articles, skipped inputs and signatures."""

    fresh: list[Article]
    skipped: list[Skipped]
    signatures: dict[str, bytes]
    size: int  # input items it stands for (progress)


@dataclass
class _Tally:
    """What ingest has committed so far; kept outside the loop so an interrupt does not lose it."""

    new: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)


class Pipeline:
    """A store and a loaded extractor, reusable across runs (the CLI and the API use one each)."""

    def __init__(self, db: str | Path = DEFAULT_DB, *, extractor: Extractor | None = None,
                 model: str | None = None, engine: Engine | None = None) -> None:
        self.db = str(db)
        self.store: Store = open_store(self.db)
        self.engine: Engine = engine if engine is not None else InProcessEngine(extractor=extractor, model=model)

    def close(self) -> None:
        self.engine.close()
        self.store.close()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, paths: Sequence[str | Path]) -> Iterable[Article | Skipped]:
        """Inputs as articles: through the engine's own readers when it has them (Ray Data), else ingest's."""
        reader = getattr(self.engine, "read", None)
        if any(is_feed(str(path)) for path in paths):  # feeds are read here, whatever the engine
            return iter_sources(paths, skip_urls=self.store.known_urls)
        return reader(paths) if callable(reader) else iter_inputs(paths)

    def ingest(self, paths: Sequence[str | Path], *, batch_size: int = BATCH_SIZE,
               progress: ProgressCallback | None = None) -> tuple[int, int, list[Skipped]]:
        """Read, extract and store every new article under ``paths``.

        Returns (new articles, inputs already stored, skipped inputs).
        """
        return self.ingest_items(self._read(paths), batch_size=batch_size, progress=progress)

    def ingest_items(self, items: Iterable[Article | Skipped], *, batch_size: int = BATCH_SIZE,
                     progress: ProgressCallback | None = None) -> tuple[int, int, list[Skipped]]:
        """Extract and store articles (and record skipped inputs), one transaction per batch.

        Batches flow through the engine in order; the engine may extract a few batches
        ahead (bounded), while this process commits the finished ones.
        Returns (new articles, inputs already stored, skipped inputs).
        """
        tally = _Tally()
        self._ingest(items, tally, batch_size=batch_size, progress=progress)
        return tally.new, tally.duplicates, tally.skipped

    def _ingest(self, items: Iterable[Article | Skipped], tally: _Tally, *, batch_size: int,
                progress: ProgressCallback | None) -> None:
        """The work of :meth:`ingest_items`, counting into ``tally`` as each batch is committed.

        An extractor bug on one article does not stop the run: the batch it was in is
        extracted again article by article, the failing one recorded as skipped, and the
        batches the engine had in flight are sent again.
        """
        self.reextract_stale(batch_size=batch_size)
        source = self._prepared_batches(items, tally, batch_size)
        requeued: deque[_Batch] = deque()
        pending: deque[_Batch] = deque()  # sent to the engine, in order, not yet committed

        def feed() -> Iterator[list[Article]]:
            while True:
                batch = requeued.popleft() if requeued else next(source, None)
                if batch is None:
                    return
                pending.append(batch)
                yield batch.fresh

        while True:
            try:
                for extracted in self.engine.extract_batches(feed()):
                    self._commit(pending.popleft(), extracted, tally, progress)
                return
            except AccordError:
                raise  # no model, a store that cannot be written: nothing to do per article
            except Exception as error:  # an extractor bug: engines yield in order, so it is pending[0]'s
                if not pending:
                    raise
                failed = pending.popleft()
                requeued.extendleft(reversed(pending))
                pending.clear()
                self._commit_one_by_one(failed, error, tally, progress)

    def reextract_stale(self, *, batch_size: int = BATCH_SIZE) -> int:
        """Extract again the stored articles that an older extractor version extracted (or that have no
        extraction), so that what a new version finds reaches what was stored before it. An article's
        old extraction is replaced only once its new one is made; one that fails keeps it (and is tried
        again next run). Returns how many were extracted again."""
        stale = self.store.stale_article_ids(EXTRACTOR_VERSION)
        if stale:
            logger.info("%d stored articles were extracted by an older accord: extracting them again", len(stale))
        done = 0
        for ids in chunked(stale, batch_size):
            by_id = self.store.articles_by_id(ids)
            articles = [by_id[i] for i in ids if i in by_id]
            try:
                extracted = [e for part in self.engine.extract_batches([articles]) for e in part]
            except AccordError:
                raise
            except Exception as error:  # an extractor bug: the old extractions stay
                logger.warning("extracting stored articles again failed (%s: %s); they keep their old extraction",
                               type(error).__name__, error)
                continue
            for article, extraction in zip(articles, extracted, strict=True):
                cap_claims(extraction, article)
            extractions = [finish_extraction(e, a) for a, e in zip(articles, extracted, strict=True)]
            self.store.forget_extractions(ids)
            self.store.save_batch(articles, extractions, [])
            done += len(articles)
        return done

    def _prepared_batches(self, items: Iterable[Article | Skipped], tally: _Tally,
                          batch_size: int) -> Iterator[_Batch]:
        """Batches of new articles: stored and repeated ones counted as duplicates, wire copies marked."""
        # Stored texts are looked up by their buckets in the store: nothing is loaded that grows with it.
        self.store.index_signature_buckets()
        dedup = NearDuplicateIndex(stored=self.store.signature_candidates)
        try:
            for batch in chunked(items, batch_size):
                articles = [item for item in batch if isinstance(item, Article)]
                known = self.store.known_article_ids(article.id for article in articles)
                fresh: list[Article] = []
                signatures: dict[str, bytes] = {}
                for article in articles:
                    if article.id in known or article.id in dedup:  # stored before, or read before in this run
                        tally.duplicates += 1
                        continue
                    signature = dedup.signature(article.text)
                    article.copy_of = dedup.find_signature(signature)
                    dedup.add_signature(article.id, signature)
                    signatures[article.id] = signature
                    fresh.append(article)
                yield _Batch(fresh, [item for item in batch if isinstance(item, Skipped)], signatures, len(batch))
        finally:
            dedup.close()

    def _commit(self, batch: _Batch, extracted: Sequence[ArticleExtraction], tally: _Tally,
                progress: ProgressCallback | None) -> None:
        """Store one extracted batch in one transaction, then count it."""
        warnings = [cap_claims(e, a) for a, e in zip(batch.fresh, extracted, strict=True)]
        extractions = [finish_extraction(e, a) for a, e in zip(batch.fresh, extracted, strict=True)]
        self.store.save_batch(batch.fresh, extractions, batch.skipped, batch.signatures)
        tally.new += len(batch.fresh)
        tally.skipped.extend(batch.skipped)
        for item in batch.skipped:
            logger.warning("skipped %s", item)
        for warning in filter(None, warnings):
            tally.warnings.append(warning)
            logger.warning("kept partly %s", warning)
        if progress:
            progress("read", batch.size)

    def _commit_one_by_one(self, batch: _Batch, error: Exception, tally: _Tally,
                           progress: ProgressCallback | None) -> None:
        """Extract a failed batch article by article; record the ones that fail as skipped."""
        logger.warning("extraction failed on a batch (%s: %s): retrying it article by article",
                       type(error).__name__, error)
        kept: list[Article] = []
        extractions: list[ArticleExtraction] = []
        for article in batch.fresh:
            try:
                (extraction,) = [e for part in self.engine.extract_batches([[article]]) for e in part]
            except AccordError:
                raise
            except Exception as e:
                logger.exception("extraction failed on %s", article.path or article.id)
                batch.skipped.append(note_about(
                    article, f"extraction failed ({type(e).__name__}: {e}); this is a bug in accord, please report it"))
                batch.signatures.pop(article.id, None)
                continue
            kept.append(article)
            extractions.append(extraction)
        if batch.fresh and not kept:
            raise error  # every article fails alone too: not one article's problem (a dead worker pool...)
        batch.fresh = kept
        self._commit(batch, extractions, tally, progress)

    def rebuild_incidents(self, *, keep: bool = True, progress: ProgressCallback | None = None) -> list[Incident]:
        """Link and reconcile everything in the store and store the incidents (and the link index an
        incremental run reads); returns them, sorted (none when ``keep`` is false). ``accord rebuild``.

        Memory does not grow with the store: link reads it page by page and keeps compact features,
        and incidents are built a round of groups at a time and stored as they come. ``keep=True``
        holds them all, for a caller who asked for the list.

        Read, compute and replace happen under one lock shared by every run on this
        store: a run that committed articles after another run read the store waits,
        then rebuilds from everything, so the last rebuild never drops a commit.
        """
        with self._rebuild_lock():
            return self._rebuild(keep=keep, progress=progress)

    def _rebuild(self, *, keep: bool, progress: ProgressCallback | None) -> list[Incident]:
        """Link the whole store and store its incidents. The engine runs the scoring, the blocks' links and
        (with workers) the reconciling of rounds of incidents (``accord.rebuild``); this process reads
        the pool's features and writes."""
        kept: list[Incident] = []
        at = now()

        # An engine of accord's own runs the tasks; another one (extraction only) leaves them to this process.
        runner = self.engine if isinstance(self.engine, TaskRunner) else InProcessEngine()

        def built() -> Iterator[Incident]:
            incidents = iter_incidents(groups, self.store.articles_by_id, self.store.extractions_by_id) \
                if isinstance(runner, InProcessEngine) else reconciled(groups, store_address(self.store, self.db), runner)
            for incident in incidents:
                stamp(incident, history, at)
                if keep:
                    kept.append(incident)
                if progress:
                    progress("incidents", 1)
                yield incident

        if progress:
            progress("linking", 0)
        started = time.perf_counter()
        runner.start_tasks()  # workers load accord while this process reads the pool
        pool = pool_features(self.store.iter_extracted, index=True)
        read = time.perf_counter()
        groups = link_pool(pool.features, runner)
        linked = time.perf_counter()
        logger.info("rebuild (%s): %d mentions read and their features made in %.1f s, linked into %d incidents "
                    "in %.1f s", type(self.engine).__name__, len(pool.features), read - started, len(groups),
                    linked - read)
        pool.features = []  # grouped: what is left of the pool is the index entries the link index is written from
        history = self.store.incident_history()
        if progress:
            progress("incidents.total", len(groups))
        # the index's rows are made as the store writes them, a page at a time (never one list of millions)
        statements = [*((sql, [()]) for sql in CLEAR), *rebuild_statements(pool, groups, (), self.store.MARK),
                      ("INSERT INTO link_done (article) SELECT article FROM extractions", [()])]
        del pool
        self.store.update_incidents(built(), link=statements)
        logger.info("rebuild: incidents reconciled and stored in %.1f s", time.perf_counter() - linked)
        return sort_incidents(kept)

    def update_incidents(self, *, progress: ProgressCallback | None = None) -> int:
        """Link the reports no link has seen yet into the stored incidents, re-reconcile and store only
        the incidents they touch (a full rebuild when the store has no link index yet, or when the new
        reports are more than FULL_REBUILD_SHARE of it). Returns how many reports were linked."""
        with self._rebuild_lock():
            pending = self.store.unlinked_articles()
            if not pending:
                return 0
            if not self.store.link_index_built() or \
                    len(pending) > FULL_REBUILD_SHARE * self.store.stats()["articles"]:
                self._rebuild(keep=False, progress=progress)
                return len(pending)
            if progress:
                progress("linking", 0)
            for chunk in chunked(pending, INCREMENTAL_CHUNK):
                self._link_new(chunk, progress)
            return len(pending)

    def _link_new(self, article_ids: list[str], progress: ProgressCallback | None) -> None:
        """Link one chunk of new reports and store the incidents they touch, in one transaction."""
        articles = self.store.articles_by_id(article_ids)
        extractions = self.store.extractions_by_id(article_ids)
        pairs = [(articles[a], extractions[a]) for a in article_ids if a in articles and a in extractions]
        change = relink(pairs, self.store)
        logger.info("linked %d new reports: %d stored mentions were candidates, %d incidents replaced by %d",
                    len(pairs), change.candidates, len(change.removed), len(change.groups))
        history = self.store.incident_history({*change.removed, *(g.id for g in change.groups)})
        at = now()
        if progress:
            progress("incidents.total", len(change.groups))

        def built() -> Iterator[Incident]:
            for incident in iter_incidents(change.groups, self.store.articles_by_id, self.store.extractions_by_id):
                if progress:
                    progress("incidents", 1)
                yield stamp(incident, history, at)

        self.store.update_incidents(built(), removed=change.removed,
                                    link=change_statements(change, self.store.MARK))

    def write_report(self, out: str | Path, *, progress: ProgressCallback | None = None) -> dict[str, Path]:
        """Write the report of the stored incidents into ``out`` (under the rebuild lock: one rebuild's
        incidents, never a mix of two), rendering only the incidents that changed since the report
        already there (accord.report.incremental); the others' pieces are copied from it."""
        with self._rebuild_lock():
            order = self.store.incident_digests()
            if progress:
                progress("report.total", len(order))
            files, rendered = update_report(Path(out), order, self.store.incidents_by_id,
                                            skipped=[str(item) for item in self.store.skipped()],
                                            articles=self.store.incident_article_count())
            logger.info("report: %d of %d incidents rendered again", rendered, len(order))
            if progress:
                progress("report", len(order))
            return files

    def _rebuild_lock(self) -> AbstractContextManager[None]:
        """The store's own rebuild lock when it has one (PostgreSQL: an advisory lock on the
        server); for a SQLite file, ``STORE-rebuild.lock`` beside it; else none."""
        store_lock = getattr(self.store, "rebuild_lock", None)
        if callable(store_lock):
            return store_lock()
        path = getattr(self.store, "path", None)
        return _exclusive(Path(f"{path}-rebuild.lock") if isinstance(path, Path) else None)

    def run(self, paths: Sequence[str | Path], *, out: str | Path | None = DEFAULT_OUT,
            batch_size: int = BATCH_SIZE, progress: ProgressCallback | None = None,
            keep_incidents: bool = True) -> Result:
        """Ingest ``paths``, rebuild the incidents, write the report.

        ``keep_incidents=False`` leaves ``Result.incidents`` empty (the counts are still there): memory
        then stays flat however large the store, and only the new reports are linked, into the incidents
        they may belong to (:meth:`update_incidents`; the CLI runs this way). ``keep_incidents=True``
        links the whole store again (:meth:`rebuild_incidents`) and returns every incident.

        Ctrl-C (KeyboardInterrupt) never loses a committed batch: during ingest the
        run stops reading, rebuilds the incidents from what is stored and reports
        them; during the rebuild or the report it stops at once, leaving the incidents
        of the previous rebuild. ``Result.interrupted`` and ``stopped_during`` say so.
        """
        tally = _Tally()
        stage = "ingest"
        incidents: list[Incident] = []
        report: dict[str, Path] = {}
        interrupted = False
        try:
            try:
                if progress:
                    progress("read.total", count_inputs([p for p in paths if not is_feed(str(p))]))
                self._ingest(self._read(paths), tally, batch_size=batch_size, progress=progress)
            except KeyboardInterrupt:
                # Every committed batch is kept and counted; incidents are rebuilt from what is stored.
                interrupted = True
                logger.warning("interrupted during ingest after %d new articles", tally.new)
            stage = "incident rebuild"
            if keep_incidents:  # every incident asked for: link the whole store and keep what it gives
                incidents = self.rebuild_incidents(keep=True, progress=progress)
            else:
                self.update_incidents(progress=progress)
            stage = "report"
            if out is not None:
                report = self.write_report(out, progress=progress)
            stage = "ingest" if interrupted else ""
        except KeyboardInterrupt:
            interrupted = True
            logger.warning("interrupted during the %s", stage)
        stats = self.store.stats()
        return Result(
            incidents=incidents, articles=stats["articles"], new_articles=tally.new, claims=stats["claims"],
            skipped=tally.skipped, duplicates=tally.duplicates, report=report, db=self.db,
            interrupted=interrupted, stopped_during=stage if interrupted else None, warnings=tally.warnings,
            incident_count=stats["incidents"], background_count=stats["background_incidents"],
        )


def run(paths: str | Path | Sequence[str | Path], *, out: str | Path | None = DEFAULT_OUT,
        db: str | Path = DEFAULT_DB, model: str | None = None, engine: Engine | None = None,
        progress: ProgressCallback | None = None, keep_incidents: bool = True) -> Result:
    """Run the whole pipeline on files and folders; write the report into ``out`` (None: no report).

    ``keep_incidents=False``: ``Result.incidents`` stays empty, for stores too large to hold in memory;
    read them from the store (``accord.store.open_store(db).iter_incidents()``) or the report.

    >>> result = run("articles/", out="accord-report", db="accord.db")  # doctest: +SKIP
    >>> [(f.measure, f.group, f.conservative, f.status) for f in result.incidents[0].figures]  # doctest: +SKIP
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    with Pipeline(db, model=model, engine=engine) as pipeline:
        return pipeline.run(list(paths), out=out, progress=progress, keep_incidents=keep_incidents)
