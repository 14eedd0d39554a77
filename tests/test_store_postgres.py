"""The store behaviours on both backends: SQLite and a real PostgreSQL server.

PostgreSQL tests need ``ACCORD_TEST_POSTGRES=postgresql://user:password@host:port/db`` (``.ci/postgres.sh``
sets one up). Without it they are skipped, unless ``ACCORD_REQUIRE_SERVICES`` is set (CI), where they fail.
Each test gets its own PostgreSQL schema, dropped afterwards.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from accord.errors import StoreError
from accord.models import Place, Skipped, Total, to_dict
from accord.pipeline import Pipeline, demo_corpus_path
from accord.reconcile import sort_incidents
from accord.store import SCHEMA_VERSION, IncidentQuery, Store, claim_id, open_store
from tests.test_store import make_article, make_extraction, make_incident

POSTGRES_URL = os.environ.get("ACCORD_TEST_POSTGRES")
REQUIRE_SERVICES = bool(os.environ.get("ACCORD_REQUIRE_SERVICES"))


def _postgres_url() -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    if REQUIRE_SERVICES:
        pytest.fail("ACCORD_REQUIRE_SERVICES is set but ACCORD_TEST_POSTGRES is not: source .ci/postgres.sh")
    pytest.skip("no PostgreSQL server: set ACCORD_TEST_POSTGRES (see .ci/postgres.sh)")


@pytest.fixture()
def pg_schema() -> Iterator[str]:
    """A URL whose connections work in a fresh, empty schema of the test database."""
    url = _postgres_url()
    psycopg = pytest.importorskip("psycopg")
    name = f"accord_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


#: When a store first saw an incident and last changed it: the time of each run, never equal across stores.
_RUN_TIMES = {"first_seen", "changed_at"}


def _without_times(value: Any) -> Any:
    """``value`` (incident records) without the run times, to compare two stores' incidents."""
    if isinstance(value, dict):
        return {key: _without_times(item) for key, item in value.items() if key not in _RUN_TIMES}
    if isinstance(value, list):
        return [_without_times(item) for item in value]
    return value


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store location for each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "nested" / "accord.db")
    return str(request.getfixturevalue("pg_schema"))


def _execute(db: str, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Raw SQL on the store's database, outside accord (as another program would)."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(sql.replace("?", "%s"), params)
    else:
        import sqlite3

        conn = sqlite3.connect(db)
        try:
            conn.execute(sql, params)
            conn.commit()
        finally:
            conn.close()


def test_open_store_gives_each_backend(db: str) -> None:
    with open_store(db) as store:
        assert isinstance(store, Store)
        assert store.schema_version == SCHEMA_VERSION  # type: ignore[attr-defined]
        assert type(store).__name__ == ("PostgresStore" if db.startswith("postgresql://") else "SQLiteStore")
    with open_store(db) as store:  # opening an existing store creates nothing
        assert store.stats()["articles"] == 0


def test_round_trip_survives_close_and_reopen(db: str) -> None:
    articles = [make_article(n) for n in (1, 2, 3)]
    articles[0].text += " A stray NUL\x00 byte and non-ASCII: Garissa — “quoted” 日本."
    extractions = [make_extraction(a) for a in articles]
    signatures = {a.id: bytes([n, 0, 255]) * 16 for n, a in enumerate(articles)}
    skipped = [Skipped(path="in/bad.html", reason="empty after extraction"), Skipped(path="in/x.jsonl", line=4, reason="not JSON")]
    incident = make_incident(articles, extractions)
    with open_store(db) as store:
        store.save_batch(articles, extractions, skipped, signatures)
        store.replace_incidents([incident])
    if db.startswith("postgresql://"):
        articles[0].text = articles[0].text.replace("\x00", "")  # PostgreSQL text holds no NUL
    with open_store(db) as store:
        assert store.articles() == articles
        assert store.article("art0002") == articles[1]
        assert store.article("missing") is None
        assert [to_dict(e) for e in store.extractions()] == [to_dict(e) for e in extractions]
        assert store.extraction("art0003") is not None and store.extraction("nope") is None
        assert store.signatures() == signatures
        assert list(store.iter_signatures(page=1)) == list(signatures.items())  # in store order, a row a page
        assert store.skipped() == skipped
        assert store.known_article_ids(["art0001", "nope", "art0003"]) == {"art0001", "art0003"}
        assert store.known_article_ids([]) == set()
        (stored,) = store.incidents()
        assert stored == to_dict(incident) == store.incident("inc1")
        assert store.incident("nope") is None
        stats = store.stats()
        assert (stats["incidents"], stats["articles"], stats["claims"], stats["skipped"]) == (1, 3, 3, 2)
        assert stats["quotes"] == 3 and stats["figures"] == 1 and stats["corrections"] == 0


def test_stores_stream_their_tables_a_page_at_a_time(db: str) -> None:
    """What a rebuild of a large store reads and writes: pages of articles with their extractions,
    records by id, incidents given one at a time (in any order) and read back in pages, in order."""
    articles = [make_article(n) for n in range(1, 8)]
    extractions = [make_extraction(a) for a in articles]
    incidents = []
    for n, (start, background) in enumerate([("2025-03-01", False), (None, False), ("2025-04-02", True),
                                              ("2025-04-02", False), ("2024-12-31", False), (None, True)]):
        incident = make_incident(articles[n:n + 1], extractions[n:n + 1])
        incident.id, incident.start, incident.background = f"inc{n}", start, background
        incidents.append(incident)
    with open_store(db) as store:
        store.save_batch(articles[:3], extractions[:3], [])
        store.save_batch(articles[3:], extractions[3:], [])
        streamed = list(store.iter_extracted(page=2))
        assert [a.id for a, _ in streamed] == [a.id for a in articles]
        assert [to_dict(e) for _, e in streamed] == [to_dict(e) for e in extractions]
        assert store.articles_by_id(["art0002", "nope", "art0005"]) == {"art0002": articles[1], "art0005": articles[4]}
        assert set(store.extractions_by_id(["art0003", "art0003"])) == {"art0003"}
        assert store.articles_by_id([]) == {}

        assert store.replace_incidents(incident for incident in reversed(incidents)) == 6
        # Main before background, dated before undated, newest first, then by id: sort_incidents' order.
        expected = ["inc3", "inc0", "inc4", "inc1", "inc2", "inc5"]
        assert [i.id for i in sort_incidents(incidents)] == expected
        assert [i["id"] for i in store.incidents()] == expected
        assert [i["id"] for i in store.iter_incidents(page=4)] == expected
        assert [i["id"] for i in store.iter_incidents(page=6)] == expected
        assert store.replace_incidents(iter(())) == 0
        assert list(store.iter_incidents()) == []


def _reference_page(incidents: list[dict[str, Any]], query: IncidentQuery) -> tuple[list[str], int]:
    """What a page of ``query`` is, computed in Python over every incident (in store order)."""
    chosen = []
    for incident in incidents:
        place = incident.get("place") or {}
        haystack = " ".join([incident["title"], place.get("name") or "", place.get("admin1") or "",
                             place.get("country") or "", " ".join(incident["perpetrators"])]
                            + [a["title"] or "" for a in incident["articles"]]).lower()
        if (query.type and incident["type"] != query.type
                or query.countries and (place.get("country") or "").lower() not in query.countries
                or query.since and (incident["end"] or incident["start"] or "") < query.since
                or query.until and (incident["start"] or "9999") > query.until
                or query.background is not None and incident["background"] != query.background
                or not all(word in haystack for word in query.words)):
            continue
        chosen.append(incident)
    keys = {"start": lambda i: i["start"] or "", "title": lambda i: i["title"].lower(),
            "type": lambda i: i["type"], "articles": lambda i: len(i["articles"])}
    chosen.sort(key=keys[query.sort.lstrip("-")], reverse=query.sort.startswith("-"))
    return [i["id"] for i in chosen[query.offset:query.offset + query.limit]], len(chosen)


def test_the_database_filters_sorts_and_pages_incidents_as_python_would(db: str) -> None:
    """The web UI's list is chosen in SQL; it must be the page a filter over every record gives."""
    articles = [make_article(n) for n in range(1, 7)]
    articles[2].title = "Ürümqi market: 50% of stalls shut_down"
    extractions = [make_extraction(a) for a in articles]
    incidents = []
    specs = [("armed_assault", "KE", "2025-03-01", None, False, "Attack on a bus in Lamu", ["al-Shabaab"]),
             ("bombing", "PK", "2025-04-02", "2025-04-03", False, "Station bombing in Quetta", ["BLA"]),
             ("bombing", "KE", None, None, True, "Earlier bombing", []),
             ("shooting", "US", "2024-12-31", None, False, "ÉCOLE shooting in Austin", []),
             ("hijacking", "PK", "2025-03-11", "2025-03-12", False, "Jaffar Express hijacking", ["BLA"]),
             ("shooting", "us", "2025-04-02", None, True, "shooting near a school", ["Unknown gunmen"])]
    for n, (kind, country, start, end, background, title, perpetrators) in enumerate(specs):
        incident = make_incident(articles[n:n + 1 + n % 2], extractions[n:n + 1 + n % 2])
        incident.id, incident.type, incident.start, incident.end = f"inc{n}", kind, start, end
        incident.background, incident.title, incident.perpetrators = background, title, perpetrators
        incident.place = Place(name=["Lamu", "Quetta", "Hindi", "Austin", "Bolan", "Dallas"][n], country=country)
        incidents.append(incident)
    queries = [IncidentQuery(), IncidentQuery(sort="-start"), IncidentQuery(sort="title"),
               IncidentQuery(sort="-articles"), IncidentQuery(sort="type", limit=2, offset=2),
               IncidentQuery(type="bombing"), IncidentQuery(countries=("pk",)), IncidentQuery(countries=("us",)),
               IncidentQuery(since="2025-03-11"), IncidentQuery(until="2025-03-11"),
               IncidentQuery(since="2025-03-02", until="2025-04-02", sort="-start"),
               IncidentQuery(background=True), IncidentQuery(background=False, type="shooting"),
               IncidentQuery(words=("bla",)), IncidentQuery(words=("shabaab", "lamu")), IncidentQuery(words=("école",)),
               IncidentQuery(words=("ürümqi",)), IncidentQuery(words=("50%",)), IncidentQuery(words=("t_d",)),
               IncidentQuery(words=("%",)), IncidentQuery(words=("_",)), IncidentQuery(words=("checkpoint", "report")),
               IncidentQuery(words=("nowhere",)), IncidentQuery(limit=2, offset=5)]
    with open_store(db) as store:
        store.save_batch(articles, extractions, [])
        store.replace_incidents(incidents)
        stored = store.incidents()
        for query in queries:
            page, total = store.find_incidents(query)
            assert ([i["id"] for i in page], total) == _reference_page(stored, query), query
        assert store.find_incidents(IncidentQuery(words=("ürümqi",)))[1] == 2  # Unicode case folding
        summaries, total = store.article_page(2, 3)
        assert total == 6 and [a["id"] for a in summaries] == ["art0003", "art0004", "art0005"]
        assert "text" not in summaries[0] and summaries[0]["title"] == articles[2].title
        assert store.claim_owners("art0002") == {claim_id(extractions[1].claims[0]): "inc1"}
        # art0003's claim is counted in inc1 and inc2: the first, as a correction records it
        assert store.claim_owners("art0003") == {claim_id(extractions[2].claims[0]): "inc1"}
        assert store.claim_owners("nope") == {}


def test_incident_points_are_the_located_incidents_with_their_tolls(db: str) -> None:
    """What the list's map reads: every incident a filter keeps that has coordinates, newest first,
    with the largest conservative figure of killed and of injured."""
    articles = [make_article(n) for n in range(1, 5)]
    extractions = [make_extraction(a) for a in articles]
    incidents = []
    specs = [("bombing", "KE", "2025-03-01", (-1.3, 36.8)), ("bombing", "PK", "2025-04-02", (30.2, 67.0)),
             ("shooting", "US", "2024-12-31", None), ("hijacking", "PK", "2025-03-11", (29.6, 67.6))]
    for n, (kind, country, start, where) in enumerate(specs):
        incident = make_incident(articles[n:n + 1], extractions[n:n + 1])
        incident.id, incident.type, incident.start = f"inc{n}", kind, start
        lat, lon = where if where else (None, None)
        incident.place = Place(name=f"place {n}", country=country, lat=lat, lon=lon)
        figure = incident.figures[0]
        incident.figures = [dataclasses.replace(figure, measure="killed", group="security", conservative=n + 1),
                            dataclasses.replace(figure, measure="killed", group="attackers", conservative=10 * n),
                            dataclasses.replace(figure, measure="injured", group="all", conservative=7)]
        incidents.append(incident)
    # A total (everybody killed, across groups) is the incident's toll where it has one.
    incidents[3].totals = {"killed": Total(measure="killed", conservative=42, consensus=45, high=50,
                                           derivation="stated")}
    with open_store(db) as store:
        store.save_batch(articles, extractions, [])
        store.replace_incidents(incidents)
        points = store.incident_points(IncidentQuery(limit=50))
        assert [p["id"] for p in points] == ["inc1", "inc3", "inc0"]  # newest first; inc2 has no coordinates
        first = points[0]
        assert (first["type"], first["place_country"], first["place_lat"], first["place_lon"]) == (
            "bombing", "PK", 30.2, 67.0)
        assert (first["killed"], first["injured"], bool(first["background"])) == (10, 7, False)
        assert points[-1]["killed"] == 1  # the larger of 1 and 0
        assert (points[1]["killed"], points[1]["injured"]) == (42, 7)  # its total; no total of injured
        assert [p["id"] for p in store.incident_points(IncidentQuery(countries=("pk",), limit=1))] == ["inc1"]
        assert [p["id"] for p in store.incident_points(IncidentQuery(type="hijacking", offset=5))] == ["inc3"]


def test_save_batch_is_idempotent(db: str) -> None:
    articles = [make_article(n) for n in (1, 2)]
    extractions = [make_extraction(a) for a in articles]
    skipped = [Skipped(path="in/bad.bin", reason="binary"), Skipped(path="in/x.jsonl", line=2, reason="empty")]
    with open_store(db) as store:
        for _ in range(3):
            store.save_batch(articles, extractions, skipped, {a.id: b"sig" for a in articles})
        store.save_batch([make_article(1, text="changed text, police said 9 officers were killed")], [], [])
        assert store.stats()["articles"] == 2 and store.stats()["claims"] == 2 and store.stats()["skipped"] == 2
        assert store.article("art0001") == articles[0]


def test_replace_incidents_replaces_and_keeps_corrections(db: str) -> None:
    articles = [make_article(n) for n in (1, 2)]
    extractions = [make_extraction(a) for a in articles]
    incident = make_incident(articles, extractions)
    with open_store(db) as store:
        store.save_batch(articles, extractions, [])
        store.replace_incidents([incident])
        cid = claim_id(extractions[0].claims[0])
        assert store.incidents_of_claim(cid) == ["inc1"]  # type: ignore[attr-defined]
        first = store.add_correction(cid, "wrong", note="misread")
        assert (first["claim"], first["action"], first["incident"], first["note"]) == (cid, "wrong", "inc1", "misread")
        assert first["created_at"].endswith("Z") and isinstance(first["id"], int)
        store.add_correction(cid, "reassign", incident="inc1", target="inc2")
        with pytest.raises(StoreError):
            store.add_correction(cid, "reassign")
        with pytest.raises(StoreError):
            store.add_correction(cid, "delete")
        incident.id, incident.title = "inc2", "Renamed"
        store.replace_incidents([incident])
        assert [i["id"] for i in store.incidents()] == ["inc2"]
        assert store.stats()["figures"] == 1
        assert [(c["action"], c["target"]) for c in store.corrections()] == [("wrong", None), ("reassign", "inc2")]
        store.replace_incidents([])
        assert store.incidents() == [] and len(store.corrections()) == 2
    for statement in ("DELETE FROM corrections", "UPDATE corrections SET note = 'x'"):
        with pytest.raises(Exception, match="audit trail"):
            _execute(db, statement)
    if db.startswith("postgresql://"):
        with pytest.raises(Exception, match="audit trail"):
            _execute(db, "TRUNCATE corrections")


def test_foreign_keys_are_enforced(db: str) -> None:
    orphan = make_extraction(make_article(5))
    with open_store(db) as store:
        with pytest.raises(Exception, match="(?i)foreign key"):
            store.save_batch([], [orphan], [])
        assert store.stats()["claims"] == 0  # the whole batch rolled back
        store.save_batch([make_article(6)], [], [])  # the store is still usable
        assert store.stats()["articles"] == 1


def test_a_newer_schema_is_refused(db: str) -> None:
    open_store(db).close()
    _execute(db, "UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer accord.*upgrade accord"):
        open_store(db)


def test_search_finds_a_word(db: str) -> None:
    articles = [make_article(1), make_article(2, text="Floods displaced thousands in the Orvane valley on Sunday.")]
    articles[1].title = "Valley floods"
    with open_store(db) as store:
        store.save_batch(articles, [], [])
        hits = store.search_articles("orvane")
        assert [h["id"] for h in hits] == ["art0002"]
        assert "[Orvane]" in hits[0]["snippet"]
        assert hits[0]["title"] == "Valley floods" and hits[0]["outlet"] == "Daily Example"
        assert [h["id"] for h in store.search_articles("checkpoint attack")] == ["art0001"]
        assert [h["id"] for h in store.search_articles("VALLEY")] == ["art0002"]
        assert store.search_articles("valley checkpoint") == []  # every word must match
        assert store.search_articles('"unbalanced -quote AND') == []  # never a query syntax error
        assert store.search_articles("a & b | !c <-> (d:*") == []
        assert store.search_articles("   ") == []
        assert len(store.search_articles("report", limit=1)) == 1


def _write_many(db: str, worker: int, count: int, start: Any, shared: bool) -> None:
    with open_store(db) as store:
        start.wait(timeout=60)  # both processes hold an open store before either writes
        for n in range(count):
            # shared: both workers write the same articles (two analysts running the same folder).
            article = make_article(n if shared else worker * 1000 + n)
            store.save_batch([article], [make_extraction(article)],
                             [Skipped(path=f"w{0 if shared else worker}", line=n, reason="x")])


def _run_two(db: str, shared: bool, count: int = 30) -> None:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    start = context.Barrier(2)
    workers = [context.Process(target=_write_many, args=(db, w, count, start, shared)) for w in (1, 2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0, 0]


def test_two_processes_write_concurrently(db: str) -> None:
    open_store(db).close()
    _run_two(db, shared=False)
    with open_store(db) as store:
        stats = store.stats()
        assert (stats["articles"], stats["claims"], stats["skipped"]) == (60, 60, 60)


def test_two_processes_writing_the_same_articles_store_them_once(db: str) -> None:
    open_store(db).close()
    _run_two(db, shared=True)
    with open_store(db) as store:
        stats = store.stats()
        assert (stats["articles"], stats["claims"], stats["quotes"], stats["skipped"]) == (30, 30, 30, 30)


def _open_and_rebuild(db: str, start: Any, worker: int) -> None:
    start.wait(timeout=60)
    with open_store(db) as store:  # both create the schema at once on a fresh database
        articles = [make_article(n) for n in (1, 2)]
        extractions = [make_extraction(a) for a in articles]
        store.save_batch(articles, extractions, [])
        for n in range(10):
            incident = make_incident(articles, extractions)
            incident.title = f"worker {worker} rebuild {n}"
            store.replace_incidents([incident])


def test_concurrent_first_open_and_rebuilds_on_postgres(pg_schema: str) -> None:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    start = context.Barrier(3)
    workers = [context.Process(target=_open_and_rebuild, args=(pg_schema, start, w)) for w in (1, 2, 3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0, 0, 0]
    with open_store(pg_schema) as store:
        (incident,) = store.incidents()  # one rebuild's incidents, never two interleaved
        assert incident["title"].endswith("rebuild 9")
        stats = store.stats()
        assert (stats["incidents"], stats["figures"], stats["articles"]) == (1, 1, 2)


def test_the_pipeline_on_postgres_matches_sqlite_and_a_second_run_changes_nothing(
        pg_schema: str, tmp_path: Path, extractor: Any) -> None:
    corpus = [demo_corpus_path()]
    with Pipeline(tmp_path / "demo.db", extractor=extractor) as pipeline:
        pipeline.run(corpus, out=None)
        expected, expected_stats = pipeline.store.incidents(), pipeline.store.stats()
    with Pipeline(pg_schema, extractor=extractor) as pipeline:
        first = pipeline.run(corpus, out=None)
        assert first.new_articles == expected_stats["articles"] > 0
        incidents, stats = pipeline.store.incidents(), pipeline.store.stats()
        assert stats == expected_stats
        assert _without_times(incidents) == _without_times(expected)
        hits = pipeline.store.search_articles("hostages")
        assert hits and all("[" in h["snippet"] for h in hits)
    with Pipeline(pg_schema, extractor=extractor) as pipeline:
        again = pipeline.run(corpus, out=None)
        assert again.new_articles == 0 and again.duplicates == stats["articles"]
        assert pipeline.store.stats() == stats and pipeline.store.incidents() == incidents


def test_postgres_refuses_a_database_that_is_not_a_store(pg_schema: str) -> None:
    _execute(pg_schema, "CREATE TABLE things (x integer)")
    with pytest.raises(StoreError, match="not an accord store"):
        open_store(pg_schema)


def test_postgres_errors_are_clear_and_hide_the_password(pg_schema: str) -> None:
    from accord.store.postgres import redact
    from accord.store.schema import MIGRATIONS, POSTGRES_MIGRATIONS

    assert set(POSTGRES_MIGRATIONS) == set(MIGRATIONS)
    with open_store(pg_schema) as store:
        assert "***" in repr(store) or "@" not in pg_schema
    bad = "postgresql://nobody:secret-pass@127.0.0.1:1/none"
    with pytest.raises(StoreError, match="PostgreSQL") as caught:
        open_store(bad)
    assert "secret-pass" not in str(caught.value)
    assert redact(bad) == "postgresql://nobody:***@127.0.0.1:1/none"


def _hold_rebuild_lock(db: str, start: Any, times: Any, worker: int) -> None:
    import time

    with open_store(db) as store:
        start.wait(timeout=60)
        with store.rebuild_lock():  # type: ignore[attr-defined]
            entered = time.monotonic()
            time.sleep(0.3)
            times.put((worker, entered, time.monotonic()))


def test_rebuild_lock_excludes_other_processes_on_postgres(pg_schema: str) -> None:
    open_store(pg_schema).close()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    start, times = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_hold_rebuild_lock, args=(pg_schema, start, times, w)) for w in (1, 2)]
    for process in workers:
        process.start()
    spans = sorted(times.get(timeout=60)[1:] for _ in workers)
    for process in workers:
        process.join(timeout=60)
    assert [p.exitcode for p in workers] == [0, 0]
    (_, first_left), (second_entered, _) = spans
    assert second_entered >= first_left  # the second process waited for the first to let go


@pytest.mark.slow
def test_two_accord_run_processes_on_one_postgres_database(pg_schema: str, tmp_path: Path, extractor: Any) -> None:
    """Two analysts run the same folder at the same moment: one store, as if it had been run once."""
    import subprocess
    import sys

    corpus = str(demo_corpus_path())
    runs = [subprocess.Popen([sys.executable, "-m", "accord.cli", "run", corpus, "--db", pg_schema,
                              "--out", str(tmp_path / f"out{n}")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with Pipeline(tmp_path / "once.db", extractor=extractor) as pipeline:
        pipeline.run([demo_corpus_path()], out=None)
        expected, expected_stats = pipeline.store.incidents(), pipeline.store.stats()
    with open_store(pg_schema) as store:
        assert store.stats() == expected_stats
        assert _without_times(store.incidents()) == _without_times(expected)


def test_stale_extractions_are_found_forgotten_and_stored_anew(db: str) -> None:
    articles = [make_article(n) for n in (1, 2, 3)]
    old = [dataclasses.replace(make_extraction(a), extractor="accord.extract.v0") for a in articles[:2]]
    with open_store(db) as store:
        store.save_batch(articles[:2], old, [])
        store.save_batch(articles[2:], [dataclasses.replace(make_extraction(articles[2]), extractor="accord.extract.v9")], [])
        assert store.stale_article_ids("accord.extract.v9") == ["art0001", "art0002"]
        store.forget_extractions(["art0001"])
        assert store.extraction("art0001") is None and store.stats()["claims"] == 2
        assert store.stale_article_ids("accord.extract.v9") == ["art0001", "art0002"]  # none: stale too
        renewed = dataclasses.replace(make_extraction(articles[0]), extractor="accord.extract.v9")
        store.save_batch([articles[0]], [renewed], [])
        assert store.stale_article_ids("accord.extract.v9") == ["art0002"]
        assert store.stats()["articles"] == 3 and store.stats()["claims"] == 3
