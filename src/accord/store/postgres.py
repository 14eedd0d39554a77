"""A shared store on a PostgreSQL server, behind the same methods as the SQLite one.

``open_store("postgresql://user:password@host:5432/db")`` gives a
:class:`PostgresStore`. Several analysts' ``accord run`` and ``accord serve``
processes can share one database:

* every write is one transaction (``save_batch``, ``replace_incidents``,
  ``add_correction``); a transaction that loses a deadlock or a serialisation
  conflict to another process is retried from the start;
* ``save_batch`` inserts with ``ON CONFLICT DO NOTHING`` in id order, so two
  processes storing the same articles at once neither fail nor duplicate;
* ``replace_incidents`` takes a transaction-scoped advisory lock, so two
  rebuilds replace the incidents one after the other, never interleaved;
  readers see the old incidents or the new ones, never a mix;
* :meth:`PostgresStore.rebuild_lock` is the server-side equivalent of the
  SQLite store's lock file: held around read-link-reconcile-replace, the last
  rebuild always sees every committed article;
* readers never wait for writers (PostgreSQL's snapshots): ``accord serve`` lends each request a
  read-only connection from a pool (:class:`accord.store.postgres_pool.ReadPool`), whose one
  ``REPEATABLE READ READ ONLY`` transaction sees the store as of the request's first query.

The tables are the SQLite store's, written in PostgreSQL's dialect
(``accord.store.schema.POSTGRES_SCHEMA``), with the same ``SCHEMA_VERSION``; they live in the
connection's current schema, so one database can hold several stores
(``?options=-csearch_path%3Dteam_a``). Article search uses PostgreSQL's
full-text search (a stored ``tsvector`` over title and text).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from accord.errors import MissingExtra, StoreError
from accord.ingest.dedup import bucket_rows
from accord.models import Article, ArticleExtraction, Incident, Skipped
from accord.store import rows
from accord.store.base import CORRECTION_ACTIONS
from accord.store.link_index import WRITE_PAGE
from accord.store.paging import chunked
from accord.store.schema import POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SCHEMA_VERSION, TS_CONFIG
from accord.store.sql_base import CORRECTION_COLUMNS, SqlStoreBase

try:  # the ``postgres`` extra
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - exercised only without the extra
    psycopg = None  # type: ignore[assignment]  # no extra: PostgresStore() says which to install before any use

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds to wait for the server to accept a connection before telling the user it is not there.
CONNECT_TIMEOUT_S = 10

#: Seconds a statement waits for a lock another process holds (a long rebuild on a big store takes
#: tens of seconds; 120 s leaves room while a stuck session is still reported instead of hanging).
LOCK_TIMEOUT_S = 120

#: How often a transaction that lost a deadlock or a serialisation conflict is tried again (with
#: back-off from 50 ms). Rows are written in key order, so deadlocks need unusual interleavings; in the
#: concurrency tests (two and three processes writing the same rows) no retry was ever needed.
MAX_RETRIES = 5

#: Words longer than this are not search terms (the SQLite store's rule).
MAX_SEARCH_WORD = 64

_WORD = re.compile(r"\w+", re.UNICODE)


# Advisory lock keys, 32-bit halves: (accord, purpose). The schema name is mixed in at run time
# so stores in different schemas of one database do not wait on each other.
_LOCK_SCHEMA = 1
_LOCK_INCIDENTS = 2
_LOCK_REBUILD = 3

_ARTICLE_INSERT = (
    f"INSERT INTO articles ({rows.ARTICLE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT DO NOTHING"
)
_CLAIM_INSERT = (
    'INSERT INTO claims (article, statistic, idx, id, mention, measure, "group", low, high, hedge, '
    "modality, source_name, source_kind, source_via, span_start, span_end, text, sentence, as_of, outlet, "
    "extractor) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT DO NOTHING"
)
_QUOTE_INSERT = (
    "INSERT INTO quotes (article, idx, mention, text, span_start, span_end, cue, direct, speaker_name, "
    "speaker_kind, speaker_role, speaker_organisation, speaker_resolved) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
)
_INCIDENT_INSERT = (
    'INSERT INTO incidents (id, ord, title, type, start, "end", place_name, place_admin1, place_country, '
    "place_lat, place_lon, background, data, first_seen, changed_at, digest) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
# The SQLite store's INSERT OR REPLACE: a later figure row for the same key wins.
_FIGURE_INSERT = (
    'INSERT INTO figures (incident, measure, "group", conservative, consensus, high, latest, '
    "latest_official, status, sources, changed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
    'ON CONFLICT (incident, measure, "group") DO UPDATE SET conservative = EXCLUDED.conservative, '
    "consensus = EXCLUDED.consensus, high = EXCLUDED.high, latest = EXCLUDED.latest, "
    "latest_official = EXCLUDED.latest_official, status = EXCLUDED.status, sources = EXCLUDED.sources, "
    "changed_at = EXCLUDED.changed_at"
)
_INCIDENT_CLAIM_INSERT = (
    'INSERT INTO incident_claims (incident, measure, "group", claim, article, span_start, span_end) '
    "VALUES (%s, %s, %s, %s, %s, %s, %s)"
)


def _strip_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL characters (SQLite can); news text never needs them."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def _clean(row: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(_strip_nul(value) for value in row)


def redact(url: str) -> str:
    """A connection URL without its password, for messages and ``repr``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}" if len(netloc) == 2 else parts.netloc))


@dataclass(frozen=True)
class Lent:
    """A connection a pool lends a store for a while (one ``accord serve`` request), with what the store
    would otherwise ask the server when it connects, and how to give it back."""

    conn: Any  # psycopg.Connection, in a read-only transaction
    schema: str
    schema_hash: int
    give_back: Callable[[], None]


class PostgresStore(SqlStoreBase):
    """An accord store in a PostgreSQL database, shared by any number of processes.

    ``read_only``: the connection refuses writes (``default_transaction_read_only``) and the store must
    exist at this accord's schema. ``lent``: a connection lent by a pool (no connect, no schema check);
    :meth:`close` gives it back instead of closing it.
    """

    MARK = "%s"
    LOWER = "lower"
    PERPETRATORS = "(i.data::jsonb -> 'perpetrators')::text"
    TOTAL = "((i.data::jsonb) #>> '{totals,{measure},conservative}')::integer"
    COLLATE = 'COLLATE "C"'  # byte order, as SQLite and Python compare ids and ISO dates

    def __init__(self, url: str, *, read_only: bool = False, lent: Lent | None = None) -> None:
        if psycopg is None:
            raise MissingExtra("postgres", "psycopg")
        self.url = url
        self._lock = threading.RLock()
        self._give_back = lent.give_back if lent else None
        if lent is not None:
            self._conn, self._schema, self._schema_hash = lent.conn, lent.schema, lent.schema_hash
            return
        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=dict_row,
                                         connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as e:
            raise StoreError(f"cannot connect to the PostgreSQL store {redact(url)}: {_first_line(e)}") from e
        try:
            self._conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
            self._schema = self._current_schema()
            found = self._conn.execute("SELECT hashtext(%s) AS h", (f"accord:{self._schema}",)).fetchone()
            self._schema_hash = int(found["h"]) if found else 0
            if read_only:
                self.check_version()
                self._conn.execute("SET default_transaction_read_only = on")
            else:
                self._ensure_schema()
        except psycopg.Error as e:
            self._conn.close()
            raise StoreError(f"cannot open the PostgreSQL store {redact(url)}: {_first_line(e)}") from e
        except StoreError:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ set-up

    def _current_schema(self) -> str:
        row = self._conn.execute("SELECT current_schema() AS name").fetchone()
        if not row or row["name"] is None:
            raise StoreError(
                f"{redact(self.url)}: no schema to create the store in (search_path names no existing schema)"
            )
        return str(row["name"])

    def _lock_key(self, purpose: int) -> tuple[int, int]:
        # Two 32-bit halves: what the lock is for, and a hash of the store's schema name.
        return purpose, self._schema_hash

    def _ensure_schema(self) -> None:
        if self._current_version() == SCHEMA_VERSION:
            return  # the common case (every ``accord serve`` request opens a store): no lock needed

        def ensure(cur: psycopg.Cursor[Any]) -> None:
            # Two processes opening a new database at once: one creates, the other waits and then finds it.
            cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", self._lock_key(_LOCK_SCHEMA))
            tables = {r["table_name"] for r in cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (self._schema,))}
            if "schema_version" not in tables:
                if tables:
                    raise StoreError(
                        f"{redact(self.url)} (schema {self._schema}) holds tables but is not an accord store "
                        "(no schema_version table): use an empty database or another schema"
                    )
                for statement in POSTGRES_SCHEMA:
                    cur.execute(statement)
                cur.execute("INSERT INTO schema_version (version) VALUES (%s)", (SCHEMA_VERSION,))
                return
            row = cur.execute("SELECT max(version) AS v FROM schema_version").fetchone()
            version = int((row or {}).get("v") or 0)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{redact(self.url)} was written by a newer accord (store schema {version}; this accord reads "
                    f"up to {SCHEMA_VERSION}): upgrade accord (`pip install -U accord`) or use another database"
                )
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in POSTGRES_MIGRATIONS[target]:
                    cur.execute(statement)
                cur.execute("UPDATE schema_version SET version = %s", (target,))
                logger.info("%s: migrated the store to schema %d", redact(self.url), target)

        self._transaction(ensure)

    def check_version(self) -> None:
        """Raise ``StoreError`` unless the store exists at this accord's schema version (what a reader needs)."""
        version = self._current_version()
        if version is None:
            raise StoreError(f"{redact(self.url)} (schema {self._schema}) holds no accord store: run `accord run` "
                             "on it first")
        if version != SCHEMA_VERSION:
            raise StoreError(f"{redact(self.url)} has store schema {version}, this accord reads {SCHEMA_VERSION}: "
                             "run `accord run` or `accord rebuild` on it once to bring it up to date")

    @property
    def schema(self) -> tuple[str, int]:
        """The PostgreSQL schema the store's tables live in, and the hash its advisory locks use."""
        return self._schema, self._schema_hash

    def close(self) -> None:
        with self._lock:
            if self._give_back is None:
                self._conn.close()
                return
            give_back, self._give_back = self._give_back, _given_back  # given back once, however often closed
            give_back()

    def _current_version(self) -> int | None:
        """The stored schema version, or None when this schema has no accord store (yet)."""
        found = self._conn.execute("SELECT to_regclass('schema_version') IS NOT NULL AS present").fetchone()
        if not found or not found["present"]:
            return None
        row = self._conn.execute("SELECT max(version) AS v FROM schema_version").fetchone()
        return int(row["v"]) if row and row["v"] is not None else None

    @property
    def schema_version(self) -> int:
        row = self._one("SELECT max(version) AS v FROM schema_version")
        return int(row["v"])

    def _transaction(self, work: Callable[[psycopg.Cursor[Any]], T], *, retry: bool = True) -> T:
        """Run ``work`` in one transaction; start again when the server chose it as a deadlock victim
        (unless ``retry`` is false: ``work`` consumed a stream that cannot be read again)."""
        for attempt in range(MAX_RETRIES + 1 if retry else 1):
            with self._lock:
                try:
                    with self._conn.transaction(), self._conn.cursor() as cur:
                        return work(cur)
                except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure) as e:
                    if attempt == MAX_RETRIES or not retry:
                        raise StoreError(f"cannot write to the store {redact(self.url)}: {_first_line(e)}") from e
                    logger.info("store write conflicted with another process (%s); retrying", _first_line(e))
                except pg_errors.LockNotAvailable as e:
                    raise StoreError(
                        f"cannot write to the store {redact(self.url)}: another process held a lock for over "
                        f"{LOCK_TIMEOUT_S} s; try again when it is done"
                    ) from e
            time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _read(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _one_of(self, column: str) -> str:
        return f"{column} = ANY(%s)"

    def _ids(self, ids: Iterable[str]) -> list[str]:
        return list(ids)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any]:
        found = self._read(sql, params)
        return found[0]

    @contextmanager
    def rebuild_lock(self) -> Iterator[None]:
        """Hold the store's rebuild lock (across processes and machines) for a read-link-replace cycle."""
        key = self._lock_key(_LOCK_REBUILD)
        with self._lock:
            # Wait as long as the other rebuild takes (as the SQLite store's flock does): a rebuild of a
            # large store can outlast LOCK_TIMEOUT_S, and giving up would lose this run's rebuild.
            self._conn.execute("SET lock_timeout = 0")
            try:
                self._conn.execute("SELECT pg_advisory_lock(%s, %s)", key)
            finally:
                self._conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
        try:
            yield
        finally:
            with self._lock:
                self._conn.execute("SELECT pg_advisory_unlock(%s, %s)", key)

    # ------------------------------------------------------------------ inputs

    def forget_extractions(self, ids: Iterable[str]) -> None:
        wanted = self._ids(ids)

        def forget(cur: psycopg.Cursor[Any]) -> None:
            for table in ("claims", "quotes", "extractions"):
                cur.execute(f"DELETE FROM {table} WHERE {self._one_of('article')}", (wanted,))

        self._transaction(forget)

    def save_batch(
        self,
        articles: Sequence[Article],
        extractions: Sequence[ArticleExtraction],
        skipped: Sequence[Skipped],
        signatures: Mapping[str, bytes] | None = None,
    ) -> None:
        # Rows go in in key order, so two processes saving overlapping batches take row locks in the
        # same order and wait for each other instead of deadlocking.
        article_rows = sorted((_clean(rows.article_row(a)) for a in articles), key=lambda r: r[0])
        ordered = sorted(extractions, key=lambda e: e.article)
        skipped_rows = sorted({_clean(rows.skipped_row(s)) for s in skipped},
                              key=lambda r: (r[0], -1 if r[1] is None else r[1], r[2]))
        signature_rows = sorted((k, bytes(v)) for k, v in (signatures or {}).items())

        def save(cur: psycopg.Cursor[Any]) -> None:
            # Known articles are left out before the INSERT: PostgreSQL computes the search vector of a
            # row before it finds the conflict, and that is most of an article's cost. ON CONFLICT still
            # covers an article another process stores in between.
            known = {r["id"] for r in cur.execute("SELECT id FROM articles WHERE id = ANY(%s)",
                                                  ([r[0] for r in article_rows],))} if article_rows else set()
            new_rows = [r for r in article_rows if r[0] not in known]
            if new_rows:
                cur.executemany(_ARTICLE_INSERT, new_rows)
            if ordered:
                # One pipelined round trip; RETURNING names the extractions that were not stored before.
                cur.executemany(
                    "INSERT INTO extractions (article, extractor, data) VALUES (%s, %s, %s) "
                    "ON CONFLICT DO NOTHING RETURNING article",
                    [(e.article, e.extractor, _strip_nul(rows.dumps(e))) for e in ordered],
                    returning=True,
                )
                inserted = _returned(cur, "article")
                fresh = [e for e in ordered if e.article in inserted]  # the others came with their claims
                claim_rows = [_clean(rows.claim_row(c, e.article, i, statistic=False))
                              for e in fresh for i, c in enumerate(e.claims)]
                claim_rows += [_clean(rows.claim_row(c, e.article, i, statistic=True))
                               for e in fresh for i, c in enumerate(e.statistics)]
                if claim_rows:
                    cur.executemany(_CLAIM_INSERT, claim_rows)
                quote_rows = [_clean(rows.quote_row(q, e.article, i)) for e in fresh for i, q in enumerate(e.quotes)]
                if quote_rows:
                    cur.executemany(_QUOTE_INSERT, quote_rows)
            if skipped_rows:
                cur.executemany("INSERT INTO skipped (path, line, reason) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                                skipped_rows)
            if signature_rows:
                cur.executemany("INSERT INTO signatures (article, minhash) VALUES (%s, %s) ON CONFLICT DO NOTHING "
                                "RETURNING article", signature_rows, returning=True)
                indexed = _returned(cur, "article")
                buckets = [row for article_id, sig in signature_rows if article_id in indexed
                           for row in bucket_rows(article_id, sig)]
                if buckets:
                    cur.executemany("INSERT INTO signature_buckets (bucket, article) VALUES (%s, %s)", buckets)

        self._transaction(save)

    def search_articles(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles whose title or text hold every word of ``query``, best match first.

        The words are joined for ``plainto_tsquery``, which reads no operators: user input can
        never be read as tsquery syntax. A title match weighs more than a text match.
        """
        words = [w for w in _WORD.findall(query) if len(w) <= MAX_SEARCH_WORD]
        if not words:
            return []
        return self._read(
            f"WITH q AS (SELECT plainto_tsquery('{TS_CONFIG}', %(words)s) AS query) "
            "SELECT a.id, a.external_id, a.url, a.title, a.outlet, a.published, "
            f"ts_headline('{TS_CONFIG}', a.text, q.query, "
            "'StartSel=[, StopSel=], MaxFragments=1, MaxWords=24, MinWords=8, FragmentDelimiter=\" … \"') AS snippet, "
            "-ts_rank(a.search, q.query) AS rank "
            "FROM articles a, q WHERE a.search @@ q.query ORDER BY rank, a.seq LIMIT %(limit)s",
            {"words": " ".join(words), "limit": max(0, int(limit))},
        )

    # ------------------------------------------------------------------ derived

    def replace_incidents(self, incidents: Iterable[Incident]) -> int:
        """Replace every incident in one transaction, taking them one at a time (a generator keeps memory
        flat); they are numbered by ``rows.renumber_incidents`` whatever order they come in. Returns how many.

        A transaction the server aborts (deadlock) is tried again only when ``incidents`` can be read
        twice (a sequence); a stream that was consumed cannot, and the error says to run again.
        """
        return self.update_incidents(incidents)

    def update_incidents(self, incidents: Iterable[Incident], *, removed: Iterable[str] | None = None,
                         link: Sequence[tuple[str, Iterable[tuple[Any, ...]]]] = ()) -> int:
        """In one transaction: drop the incidents ``removed`` (every incident when None), store
        ``incidents`` and run the link index's ``link`` statements; number them all again."""
        replayable = isinstance(incidents, Sequence)
        dropped = None if removed is None else sorted(set(removed))

        def replace(cur: psycopg.Cursor[Any]) -> int:
            # One rebuild at a time: two DELETE-then-INSERT transactions would otherwise both insert.
            cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", self._lock_key(_LOCK_INCIDENTS))
            if dropped is None:
                cur.execute("DELETE FROM incidents")  # children go through ON DELETE CASCADE
            else:
                cur.execute("DELETE FROM incidents WHERE id = ANY(%s)", (dropped,))
            count = 0
            for chunk in chunked(incidents, rows.READ_PAGE):
                cur.executemany(_INCIDENT_INSERT, [_clean(rows.incident_row(inc, count + i))
                                                   for i, inc in enumerate(chunk)])
                figure_rows = [r for inc in chunk for r in rows.figure_rows(inc)]
                if figure_rows:
                    cur.executemany(_FIGURE_INSERT, figure_rows)
                link_rows = sorted({(inc.id, ref.id) for inc in chunk for ref in inc.articles})
                if link_rows:
                    cur.executemany("INSERT INTO incident_articles (incident, article) VALUES (%s, %s) "
                                    "ON CONFLICT DO NOTHING", link_rows)
                claim_rows = [r for inc in chunk for r in rows.incident_claim_rows(inc)]
                if claim_rows:
                    cur.executemany(_INCIDENT_CLAIM_INSERT, claim_rows)
                count += len(chunk)
            for statement, params in link:
                if params == [()]:
                    cur.execute(statement)
                    continue
                for page in chunked(params, WRITE_PAGE):  # a page of rows at a time: a full rebuild's are millions
                    cur.executemany(statement, [_clean(p) for p in page])
            # COLLATE "C": byte order, as SQLite and Python compare ids and ISO dates.
            cur.execute(rows.renumber_incidents('COLLATE "C"'))
            return count

        return self._transaction(replace, retry=replayable)

    # ------------------------------------------------------------------ audit

    def add_correction(self, claim: str, action: str, *, incident: str | None = None, target: str | None = None,
                       note: str | None = None) -> dict[str, Any]:
        """Record a user's correction of a claim and return it. Corrections are never changed or deleted."""
        if action not in CORRECTION_ACTIONS:
            raise StoreError(f"unknown correction {action!r}: use one of {', '.join(CORRECTION_ACTIONS)}")
        if action == "reassign" and not target:
            raise StoreError("a 'reassign' correction needs the incident the claim belongs to (target)")

        def add(cur: psycopg.Cursor[Any]) -> dict[str, Any]:
            owner = incident
            if owner is None:
                found = cur.execute("SELECT min(incident) AS i FROM incident_claims WHERE claim = %s",
                                    (claim,)).fetchone()
                owner = found["i"] if found else None
            cur.execute(
                f"INSERT INTO corrections (claim, action, incident, target, note) VALUES (%s, %s, %s, %s, %s) "
                f"RETURNING {CORRECTION_COLUMNS}",
                _clean((claim, action, owner, target, note)),
            )
            row = cur.fetchone()
            assert row is not None  # RETURNING gives the row just inserted
            return dict(row)

        return self._transaction(add)

    # ------------------------------------------------------------------ misc

    def __repr__(self) -> str:
        return f"PostgresStore({redact(self.url)!r})"


def _returned(cur: psycopg.Cursor[Any], column: str) -> set[Any]:
    """The ``column`` of every row an ``executemany(..., returning=True)`` gave back."""
    found: set[Any] = set()
    while True:
        found.update(row[column] for row in cur.fetchall())
        if not cur.nextset():
            return found


def _given_back() -> None:
    """What closing a lent store again does: nothing (its connection went back to the pool)."""


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
