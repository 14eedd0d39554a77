"""The SQLite store on real files: round trips, idempotence, schema check, WAL, concurrent writers, search."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from accord.errors import StoreError
from accord.models import (
    Article,
    ArticleExtraction,
    ArticleRef,
    Claim,
    Figure,
    Incident,
    IncidentMention,
    Interval,
    Place,
    Quote,
    Skipped,
    Source,
    Speaker,
    to_dict,
)
from accord.store import SCHEMA_VERSION, SQLiteStore, Store, claim_id, open_store


def make_article(n: int, text: str | None = None) -> Article:
    text = text or f"Report {n}: gunmen attacked a checkpoint near Velmora and police said {n} officers were killed."
    return Article(id=f"art{n:04d}", text=text, title=f"Checkpoint attack report {n}", outlet="Daily Example",
                   published="2025-03-12", url=f"https://daily.example/{n}", external_id=f"ext{n}",
                   path=f"in/{n}.txt", metadata={"language": "en", "n": n})


def make_extraction(article: Article) -> ArticleExtraction:
    sentence = article.text
    phrase = sentence[sentence.index("police said") + len("police said "):sentence.index(" were killed")]
    start = sentence.index(phrase)
    claim = Claim(
        measure="killed", group="security", value=Interval(int(phrase.split()[0]), int(phrase.split()[0])),
        hedge="exact", modality="reported", source=Source(name="police", kind="security"), article=article.id,
        sentence=sentence, span=(start, start + len(phrase)), sentence_span=(0, len(sentence)), text=phrase,
        as_of=article.published, outlet=article.outlet,
    )
    quote = Quote(text="officers were killed", span=(10, 30), cue="said", cue_span=(5, 9),
                  speaker=Speaker(name="police", kind="security"), direct=False, article=article.id)
    mention = IncidentMention(index=0, article=article.id, event_type="armed_assault", date="2025-03-11",
                              place=Place(name="Velmora", country="XA", lat=1.5, lon=2.5))
    return ArticleExtraction(article=article.id, claims=[claim], quotes=[quote], mentions=[mention],
                             event_type="armed_assault")


def make_incident(articles: list[Article], extractions: list[ArticleExtraction]) -> Incident:
    claims = [c for e in extractions for c in e.claims]
    return Incident(
        id="inc1", title="Checkpoint attack near Velmora", type="armed_assault", start="2025-03-11", end=None,
        place=Place(name="Velmora", country="XA", lat=1.5, lon=2.5), perpetrators=["Unknown gunmen"],
        articles=[ArticleRef(id=a.id, title=a.title, outlet=a.outlet, published=a.published) for a in articles],
        figures=[Figure(measure="killed", group="security", conservative=1, consensus=2, high=3, status="disputed",
                        claims=claims, latest=3, sources=len(claims))],
    )


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "accord.db"


def test_open_store_creates_a_wal_sqlite_file(db: Path) -> None:
    with open_store(db) as store:
        assert isinstance(store, Store) and isinstance(store, SQLiteStore)
        assert store.journal_mode == "wal"
        assert store.schema_version == SCHEMA_VERSION
    assert db.exists()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file
    conn.close()


def test_round_trip_survives_close_and_reopen(db: Path) -> None:
    articles = [make_article(n) for n in (1, 2, 3)]
    extractions = [make_extraction(a) for a in articles]
    signatures = {a.id: bytes([n]) * 16 for n, a in enumerate(articles)}
    skipped = [Skipped(path="in/bad.html", reason="empty after extraction"), Skipped(path="in/x.jsonl", line=4, reason="not JSON")]
    incident = make_incident(articles, extractions)
    with open_store(db) as store:
        store.save_batch(articles, extractions, skipped, signatures)
        store.replace_incidents([incident])

    with open_store(db) as store:
        assert store.articles() == articles
        assert store.article("art0002") == articles[1]
        assert store.article("missing") is None
        assert [to_dict(e) for e in store.extractions()] == [to_dict(e) for e in extractions]
        assert store.signatures() == signatures
        assert list(store.iter_signatures(page=1)) == list(signatures.items())  # in store order, a row a page
        assert store.skipped() == skipped
        assert store.known_article_ids(["art0001", "nope", "art0003"]) == {"art0001", "art0003"}
        assert store.known_article_ids([]) == set()
        (stored,) = store.incidents()
        assert stored["id"] == "inc1" and stored["figures"][0]["status"] == "disputed"
        assert stored == store.incident("inc1")
        assert stored["figures"][0]["claims"][0]["value"] == {"low": 1, "high": 1}
        assert store.incident("nope") is None
        stats = store.stats()
        assert (stats["incidents"], stats["articles"], stats["claims"], stats["skipped"]) == (1, 3, 3, 2)
        assert stats["quotes"] == 3 and stats["figures"] == 1


def test_save_batch_is_idempotent(db: Path) -> None:
    articles = [make_article(n) for n in (1, 2)]
    extractions = [make_extraction(a) for a in articles]
    skipped = [Skipped(path="in/bad.bin", reason="binary"), Skipped(path="in/x.jsonl", line=2, reason="empty")]
    with open_store(db) as store:
        for _ in range(3):
            store.save_batch(articles, extractions, skipped, {a.id: b"sig" for a in articles})
        # The same id with other text is not stored again: the first write wins.
        store.save_batch([make_article(1, text="changed text, police said 9 officers were killed")], [], [])
        assert store.stats()["articles"] == 2 and store.stats()["claims"] == 2 and store.stats()["skipped"] == 2
        assert store.article("art0001") == articles[0]


def test_claims_and_quotes_tables_are_queryable(db: Path) -> None:
    article = make_article(7)
    extraction = make_extraction(article)
    with open_store(db) as store:
        store.save_batch([article], [extraction], [])
    conn = sqlite3.connect(db)
    row = conn.execute('SELECT article, mention, measure, "group", low, high, hedge, modality, source_name, '
                       "source_kind, span_start, span_end, sentence, id FROM claims").fetchone()
    claim = extraction.claims[0]
    assert row == ("art0007", 0, "killed", "security", 7, 7, "exact", "reported", "police", "security",
                   claim.span[0], claim.span[1], claim.sentence, claim_id(claim))
    assert conn.execute("SELECT speaker_name, direct FROM quotes").fetchone() == ("police", 0)
    conn.close()


def test_replace_incidents_replaces_and_keeps_corrections(db: Path) -> None:
    articles = [make_article(n) for n in (1, 2)]
    extractions = [make_extraction(a) for a in articles]
    incident = make_incident(articles, extractions)
    with open_store(db) as store:
        store.save_batch(articles, extractions, [])
        store.replace_incidents([incident])
        cid = claim_id(extractions[0].claims[0])
        assert store.incidents_of_claim(cid) == ["inc1"]
        first = store.add_correction(cid, "wrong", note="misread")
        assert (first["claim"], first["action"], first["incident"], first["note"]) == (cid, "wrong", "inc1", "misread")
        assert first["created_at"] and isinstance(first["id"], int)
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
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="audit trail"):
        conn.execute("DELETE FROM corrections")
    conn.close()


def test_foreign_keys_are_enforced(db: Path) -> None:
    orphan = make_extraction(make_article(5))
    with open_store(db) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.save_batch([], [orphan], [])
        assert store.stats()["claims"] == 0  # the whole batch rolled back


def test_a_newer_schema_is_refused(db: Path) -> None:
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer accord.*upgrade accord"):
        open_store(db)


def test_other_files_are_refused(tmp_path: Path) -> None:
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not a database, just some text long enough to fill a header " * 20)
    with pytest.raises(StoreError, match="not an accord store"):
        open_store(not_db)
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE things (x)")
    conn.close()
    with pytest.raises(StoreError, match="not an accord store"):
        open_store(foreign)
    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store("postgresql://localhost/accord")


def test_search_finds_a_word(db: Path) -> None:
    articles = [make_article(1), make_article(2, text="Floods displaced thousands in the Orvane valley on Sunday.")]
    articles[1].title = "Valley floods"
    with open_store(db) as store:
        store.save_batch(articles, [], [])
        hits = store.search_articles("orvane")
        assert [h["id"] for h in hits] == ["art0002"]
        assert "[Orvane]" in hits[0]["snippet"]
        assert [h["id"] for h in store.search_articles("checkpoint attack")] == ["art0001"]
        assert store.search_articles('"unbalanced -quote AND') == []  # never an FTS syntax error
        assert store.search_articles("   ") == []


def _write_many(db: str, worker: int, count: int, start: Any) -> None:
    with open_store(db) as store:
        start.wait(timeout=60)  # both processes hold an open store before either writes
        for n in range(count):
            article = make_article(worker * 1000 + n)
            store.save_batch([article], [make_extraction(article)], [Skipped(path=f"w{worker}", line=n, reason="x")])


def test_two_processes_write_concurrently(db: Path) -> None:
    open_store(db).close()
    # fork where there is one: a spawned child re-imports pytest, which costs seconds on a busy machine.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    start = context.Barrier(2)
    workers = [context.Process(target=_write_many, args=(str(db), w, 30, start)) for w in (1, 2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0, 0]
    with open_store(db) as store:
        stats = store.stats()
        assert (stats["articles"], stats["claims"], stats["skipped"]) == (60, 60, 60)
