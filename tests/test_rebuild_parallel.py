"""A full rebuild shared out (``accord rebuild --workers 2``, ``--engine ray``): the link cut into blocks
that link apart, incidents reconciled by workers; the same incidents as one process, on SQLite and
PostgreSQL."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from accord.engines import Engine, InProcessEngine
from accord.engines.local import LocalEngine
from accord.link import groups_of, pool_features
from accord.link.blocks import blocks_of, components, tasks_of
from accord.link.cluster import candidate_pairs, score_pairs
from accord.models import Article, ArticleExtraction
from accord.pipeline import Pipeline
from accord.rebuild import link_pool
from accord.store import open_store
from tests.conftest import unstamped
from tests.test_store_postgres import pg_schema  # noqa: F401  (a fixture: a fresh PostgreSQL schema)

Pool = list[tuple[Article, ArticleExtraction]]


def test_components_are_the_connected_parts_of_the_edges() -> None:
    edges = [(0.5, 0, 3), (0.2, 3, 5), (0.9, 1, 4)]
    assert components(7, edges) == [[0, 3, 5], [1, 4], [2], [6]]


def test_blocks_link_to_the_groups_of_the_whole_pool(gva_pool: Pool) -> None:
    features = pool_features(lambda: iter(gva_pool)).features
    edges = score_pairs(features, candidate_pairs(features))
    blocks = blocks_of(features, edges)
    assert sum(len(b.features) for b in blocks) == len(features)
    assert 1 < len(blocks) < len(features)  # the cut means something: some blocks hold several mentions
    assert max(len(b.features) for b in blocks) < len(features) / 2
    assert sum(len(task) for task in tasks_of(blocks, 20)) == len(blocks)
    whole = groups_of(features)
    assert link_pool(features, InProcessEngine()) == whole
    assert len(whole) < len(features)  # some mentions were linked: the comparison means something


def _store_with(db: str, pool: Pool) -> None:
    with open_store(db) as store:
        store.save_batch([a for a, _ in pool], [e for _, e in pool], [])


def _rebuilt(db: str, engine: Engine) -> tuple[list[dict[str, Any]], dict[tuple[str, int], str]]:
    """A full rebuild of ``db`` with ``engine`` (kept open for the next): its incidents (less the run
    times) and each linked mention's incident."""
    pipeline = Pipeline(db, engine=engine)
    try:
        pipeline.rebuild_incidents(keep=False)
        mentions = {(r["article"], int(r["idx"])): r["incident"]
                    for r in pipeline.store._read("SELECT article, idx, incident FROM link_mentions")}  # type: ignore[attr-defined]
        return unstamped(pipeline.store.incidents()), mentions
    finally:
        pipeline.store.close()


@pytest.fixture(params=["sqlite", "postgres"])
def pool_db(request: pytest.FixtureRequest, tmp_path: Path, gva_pool: Pool) -> str:
    """A store of the GVA pool, not linked yet, on each backend."""
    db = str(tmp_path / "pool.db") if request.param == "sqlite" else request.getfixturevalue("pg_schema")
    _store_with(db, gva_pool)
    return db


@pytest.fixture(scope="module")
def two_workers() -> Iterator[LocalEngine]:
    engine = LocalEngine(2)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def ray_engine() -> Iterator[Engine]:
    if importlib.util.find_spec("ray") is None:
        pytest.skip("ray is not installed (pip install 'accord[ray]')")
    from accord.engines.ray import RayEngine

    engine = RayEngine(workers=2)
    yield engine
    engine.close()


@pytest.mark.slow
def test_two_local_workers_rebuild_the_one_process_incidents(pool_db: str, two_workers: LocalEngine) -> None:
    one = _rebuilt(pool_db, InProcessEngine())
    assert one[0] and any(len(i["articles"]) > 1 for i in one[0])  # incidents of several reports to compare
    assert _rebuilt(pool_db, two_workers) == one


@pytest.mark.slow
def test_ray_rebuilds_the_one_process_incidents(pool_db: str, ray_engine: Engine) -> None:
    one = _rebuilt(pool_db, InProcessEngine())
    assert _rebuilt(pool_db, ray_engine) == one
