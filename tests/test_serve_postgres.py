"""`accord serve` over a real PostgreSQL store: requests read through a pool of read-only connections
(psycopg_pool), each in one snapshot, and never wait for a real run writing the same store.

Needs ``ACCORD_TEST_POSTGRES`` (``source .ci/postgres.sh``); skipped without it, failed under
``ACCORD_REQUIRE_SERVICES`` (CI), as tests/test_store_postgres.py.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from accord.errors import StoreError
from accord.models import Article, ArticleExtraction
from accord.pipeline import Pipeline, demo_corpus_path
from accord.store.postgres_pool import APPLICATION_NAME, ReadPool
from tests.conftest import gva_pool_file as _pool_file
from tests.serve_helpers import read_while_running, running_server
from tests.test_store import make_article, make_extraction
from tests.test_store_postgres import pg_schema  # noqa: F401  (a fixture this module uses)

pytest.importorskip("psycopg_pool")
pytest.importorskip("fastapi")


def _readers_on_server(url: str) -> int:
    """Connections of accord's reader pools open on the server now, whatever process holds them."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                           (APPLICATION_NAME,)).fetchone()
    return int(row[0]) if row else 0


@pytest.fixture()
def demo_store(pg_schema: str) -> str:  # noqa: F811  (the fixture imported above)
    with Pipeline(pg_schema) as pipeline:
        pipeline.run([demo_corpus_path()], out=None)
    return pg_schema


def test_a_lent_store_reads_one_snapshot_and_refuses_writes(demo_store: str) -> None:
    import psycopg

    with ReadPool(demo_store, size=2) as readers:
        store = readers.store()
        before = store.stats()["articles"]
        with Pipeline(demo_store) as writer:  # a writer commits while the reader's request is open
            article = make_article(9001)
            writer.store.save_batch([article], [make_extraction(article)], [])
        assert store.stats()["articles"] == before  # the request's snapshot, as of its first query
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            store._read("INSERT INTO skipped (path, line, reason) VALUES ('x', 1, 'y')")  # type: ignore[attr-defined]
        store.close()
        store.close()  # given back once
        with readers.store() as again:  # a new request sees what was committed
            assert again.stats()["articles"] == before + 1
        assert readers.stats()["pool_max"] == 2 and _readers_on_server(demo_store) <= 2
    assert readers.closed and _readers_on_server(demo_store) == 0


def test_a_pool_refuses_a_store_that_is_not_there(pg_schema: str) -> None:  # noqa: F811
    with pytest.raises(StoreError, match="holds no accord store"):
        ReadPool(pg_schema)


def test_the_app_reads_through_its_pool_answers_busy_with_503_and_closes_it(
        demo_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from accord.serve import create_app

    monkeypatch.setattr("accord.store.postgres_pool.POOL_WAIT_S", 0.5)
    app = create_app(demo_store, pool_size=1)
    with TestClient(app) as client:
        for path in ("/api/incidents", "/", "/api/articles", "/api/skipped"):
            assert client.get(path).status_code == 200, path
        assert _readers_on_server(demo_store) == 1  # every request on the one connection
        held = app.state.readers.store()  # a request that does not finish
        busy = client.get("/api/incidents")
        assert busy.status_code == 503 and "--pool-size" in busy.json()["detail"]
        held.close()
        assert client.get("/api/incidents").status_code == 200
    assert app.state.readers.closed and _readers_on_server(demo_store) == 0


def test_the_server_answers_while_a_run_writes_to_postgres(
        tmp_path: Path, pg_schema: str, gva_pool: list[tuple[Article, ArticleExtraction]]) -> None:  # noqa: F811
    """The SQLite test of tests/test_live.py on PostgreSQL: a real `accord run` writes the store (batch
    commits, the incident update, the report) while a real `accord serve --pool-size 2` answers over it."""
    with Pipeline(pg_schema) as pipeline:
        pipeline.store.save_batch([a for a, _ in gva_pool[:20]], [e for _, e in gva_pool[:20]], [])
        pipeline.update_incidents()
    corpus = _pool_file(tmp_path)  # the other 40 reports are new to the store: extracted and linked
    most_readers = 0
    with running_server(pg_schema, options=["--pool-size", "2"]) as base:
        run = subprocess.Popen([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", pg_schema,
                                "--out", str(tmp_path / "out"), "--workers", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        def several_readers() -> None:
            """Several readers at once: the pool lends its two connections in turn."""
            nonlocal most_readers
            threads = [threading.Thread(target=httpx.get, args=(base + "/api/incidents",), kwargs={"timeout": 30})
                       for _ in range(4)]
            for thread in threads:
                thread.start()
            most_readers = max(most_readers, _readers_on_server(pg_schema))
            for thread in threads:
                thread.join()

        try:
            answered, slowest = read_while_running(run, base, several_readers)
        finally:
            _, errors = run.communicate(timeout=600)
        assert run.returncode == 0, errors.decode()
        with Pipeline(pg_schema) as pipeline:
            stored = pipeline.store.stats()["articles"]
        assert httpx.get(base + "/api/articles", timeout=30).json()["total"] == stored
    assert answered >= 10 and slowest < 5.0, (answered, slowest)
    assert 1 <= most_readers <= 2
