"""Wires the stages: ingest → extract → link → reconcile → store → report.

Articles stream through ingest and extract in batches; each batch is committed
to the store in one transaction, so an interrupted run loses at most the batch
in flight and a re-run picks up where it stopped (stored articles are not
extracted again). Link and reconcile then run over everything in the store, so
running on A and then on B gives the same incidents as running on A and B
together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from accord.engines import Engine, InProcessEngine
from accord.extract import BATCH_SIZE, Extractor
from accord.ingest import iter_inputs
from accord.ingest.dedup import NearDuplicateIndex
from accord.link import link_mentions
from accord.models import Article, ArticleExtraction, Incident, Skipped
from accord.reconcile import build_incidents
from accord.report import write_report
from accord.store import Store, open_store

logger = logging.getLogger(__name__)

DEFAULT_OUT = Path("accord-report")
DEFAULT_DB = "accord.db"

#: Called with (event, count): "read" per input item, "extracted" per article.
ProgressCallback = Callable[[str, int], None]


@dataclass
class Result:
    """What a run did and where it put it."""

    incidents: list[Incident]
    articles: int  # articles in the store after the run
    new_articles: int  # articles this run added
    claims: int  # claims in the store after the run
    skipped: list[Skipped]  # inputs of this run that were skipped, with reasons
    duplicates: int = 0  # inputs of this run already stored (same text)
    report: dict[str, Path] = field(default_factory=dict)
    db: str = DEFAULT_DB
    interrupted: bool = False

    @property
    def main_incidents(self) -> list[Incident]:
        return [incident for incident in self.incidents if not incident.background]


def demo_corpus_path() -> Path:
    """The folder of demo articles shipped inside the package."""
    return Path(str(resources.files("accord").joinpath("demo_corpus")))


def _batched(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    batch: list[Article | Skipped] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


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

    def ingest(self, paths: Sequence[str | Path], *, batch_size: int = BATCH_SIZE,
               progress: ProgressCallback | None = None) -> tuple[int, int, list[Skipped]]:
        """Read, extract and store every new article under ``paths``.

        Returns (new articles, inputs already stored, skipped inputs).
        """
        return self.ingest_items(iter_inputs(paths), batch_size=batch_size, progress=progress)

    def ingest_items(self, items: Iterable[Article | Skipped], *, batch_size: int = BATCH_SIZE,
                     progress: ProgressCallback | None = None) -> tuple[int, int, list[Skipped]]:
        """Extract and store articles (and record skipped inputs), one transaction per batch.

        Batches flow through the engine in order; the engine may extract a few batches
        ahead (bounded), while this process commits the finished ones.
        """
        dedup = NearDuplicateIndex()
        for article_id, signature in self.store.signatures().items():
            dedup.add_signature(article_id, signature)
        counts = {"new": 0, "duplicates": 0}
        skipped: list[Skipped] = []
        seen: set[str] = set()
        pending: list[tuple[list[Article], list[Skipped], dict[str, bytes], int]] = []

        def fresh_batches() -> Iterator[list[Article]]:
            for batch in _batched(items, batch_size):
                articles = [item for item in batch if isinstance(item, Article)]
                known = self.store.known_article_ids(article.id for article in articles)
                fresh: list[Article] = []
                for article in articles:
                    if article.id in known or article.id in seen:
                        counts["duplicates"] += 1
                        continue
                    seen.add(article.id)
                    fresh.append(article)
                signatures: dict[str, bytes] = {}
                for article in fresh:
                    signature = dedup.signature(article.text)
                    article.copy_of = dedup.find_signature(signature)
                    dedup.add_signature(article.id, signature)
                    signatures[article.id] = signature
                pending.append((fresh, [i for i in batch if isinstance(i, Skipped)], signatures, len(batch)))
                yield fresh

        for extracted in self.engine.extract_batches(fresh_batches()):
            fresh, batch_skipped, signatures, size = pending.pop(0)
            extractions = [finish_extraction(e, a) for a, e in zip(fresh, extracted, strict=True)]
            self.store.save_batch(fresh, extractions, batch_skipped, signatures)
            counts["new"] += len(fresh)
            skipped.extend(batch_skipped)
            for item in batch_skipped:
                logger.warning("skipped %s", item)
            if progress:
                progress("read", size)
        return counts["new"], counts["duplicates"], skipped

    def rebuild_incidents(self) -> list[Incident]:
        """Link and reconcile everything in the store, and store the incidents."""
        articles = self.store.articles()
        extractions = self.store.extractions()
        groups = link_mentions(articles, extractions)
        incidents = build_incidents(
            groups, {a.id: a for a in articles}, {e.article: e for e in extractions},
        )
        self.store.replace_incidents(incidents)
        return incidents

    def run(self, paths: Sequence[str | Path], *, out: str | Path | None = DEFAULT_OUT,
            batch_size: int = BATCH_SIZE, progress: ProgressCallback | None = None) -> Result:
        interrupted = False
        try:
            new_count, duplicates, skipped = self.ingest(paths, batch_size=batch_size, progress=progress)
        except KeyboardInterrupt:
            # Every committed batch is kept; incidents are rebuilt from what is stored.
            interrupted = True
            new_count, duplicates, skipped = 0, 0, []
        incidents = self.rebuild_incidents()
        report = write_report(incidents, Path(out), skipped=self.store.skipped()) if out is not None else {}
        stats = self.store.stats()
        return Result(
            incidents=incidents, articles=stats["articles"], new_articles=new_count, claims=stats["claims"],
            skipped=skipped, duplicates=duplicates, report=report, db=self.db, interrupted=interrupted,
        )


def run(paths: str | Path | Sequence[str | Path], *, out: str | Path | None = DEFAULT_OUT,
        db: str | Path = DEFAULT_DB, model: str | None = None, engine: Engine | None = None,
        progress: ProgressCallback | None = None) -> Result:
    """Run the whole pipeline on files and folders; write the report into ``out`` (None: no report).

    >>> result = run("articles/", out="accord-report", db="accord.db")  # doctest: +SKIP
    >>> [(f.measure, f.group, f.conservative, f.status) for f in result.incidents[0].figures]  # doctest: +SKIP
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    with Pipeline(db, model=model, engine=engine) as pipeline:
        return pipeline.run(list(paths), out=out, progress=progress)
