"""The default store: one SQLite file in WAL mode.

Every write is one ``BEGIN IMMEDIATE`` transaction on the store's single
connection (a lock keeps threads from interleaving), so a crash loses at most
the batch in flight, and two processes writing one file queue on SQLite's
busy timeout instead of failing. Reads see the last committed state.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from accord.errors import StoreError
from accord.ingest.dedup import bucket_rows
from accord.models import Article, ArticleExtraction, Incident, Skipped
from accord.store import rows
from accord.store.base import CORRECTION_ACTIONS
from accord.store.link_index import WRITE_PAGE
from accord.store.paging import chunked
from accord.store.schema import MIGRATIONS, SCHEMA, SCHEMA_VERSION
from accord.store.sql_base import CORRECTION_COLUMNS, SqlStoreBase

logger = logging.getLogger(__name__)

#: Seconds a writer waits for another process's transaction before giving up.
#: A batch of 64 articles commits in well under a second on a laptop; 60 s
#: leaves room for a slow disk and a dozen concurrent writers.
BUSY_TIMEOUT_S = 60.0

#: Words longer than this are not search terms (a pasted hash or URL would
#: otherwise make a query that matches nothing and costs a full scan).
MAX_SEARCH_WORD = 64

_WORD = re.compile(r"\w+", re.UNICODE)


class SQLiteStore(SqlStoreBase):
    """An accord store in one SQLite file (created, with its folder, when missing)."""

    MARK = "?"
    LOWER = "accord_lower"  # Python's str.lower, registered on the connection
    PERPETRATORS = "json_extract(i.data, '$.perpetrators')"
    TOTAL = "CAST(json_extract(i.data, '$.totals.{measure}.conservative') AS INTEGER)"

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE itself.
            # Read-only: a URI with mode=ro; under WAL (set by the writer that made the store) its reads
            # see the last commit and never wait for a writer.
            target = f"{self.path.resolve().as_uri()}?mode=ro" if read_only else str(self.path)
            self._conn = sqlite3.connect(
                target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False, uri=read_only,
            )
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the store {self.path}: {e}") from e
        self._conn.row_factory = sqlite3.Row
        try:
            if read_only:
                self._check_read_only()
            else:
                self._configure()
                self._ensure_schema()
        except sqlite3.OperationalError as e:  # locked, read-only, disk I/O: the file itself may be fine
            self._conn.close()
            raise StoreError(f"cannot open the store {self.path}: {e}") from e
        except sqlite3.DatabaseError as e:
            self._conn.close()
            raise StoreError(
                f"{self.path} is not an accord store ({e}): point --db at a new file or at a store accord made"
            ) from e
        except StoreError:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ set-up

    def _configure(self) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            # Network file systems cannot share WAL's memory index; SQLite falls back. Still correct, slower.
            logger.warning("%s: WAL is not available here (journal mode %s)", self.path, mode)
        # FULL, not NORMAL: with WAL, NORMAL may lose the last commits on power loss,
        # and DESIGN promises that nothing committed is lost. Batches are large, so the cost is small.
        conn.execute("PRAGMA synchronous = FULL")
        # SQLite's own lower() folds ASCII only; the incident search folds as Python does.
        conn.create_function("accord_lower", 1, lambda text: text.lower() if isinstance(text, str) else text,
                             deterministic=True)

    def _check_read_only(self) -> None:
        """Set up a read-only connection: its functions, and a check that the store is of this schema."""
        self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        self._conn.create_function("accord_lower", 1, lambda text: text.lower() if isinstance(text, str) else text,
                                   deterministic=True)
        version = int(self._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0)
        if version != SCHEMA_VERSION:
            raise StoreError(f"{self.path} has store schema {version}, this accord reads {SCHEMA_VERSION}: "
                             "run `accord run` or `accord rebuild` on it once to bring it up to date")

    def _ensure_schema(self) -> None:
        with self._write() as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "schema_version" not in tables:
                if tables:
                    raise StoreError(
                        f"{self.path} is a SQLite database but not an accord store (no schema_version table): "
                        "point --db at a new file"
                    )
                for statement in SCHEMA:
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
                return
            row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            version = int(row[0] or 0)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} was written by a newer accord (store schema {version}; this accord reads up to "
                    f"{SCHEMA_VERSION}): upgrade accord (`pip install -U accord`) or use another --db file"
                )
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target]:
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = ?", (target,))
                logger.info("%s: migrated the store to schema %d", self.path, target)

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0])

    @property
    def journal_mode(self) -> str:
        with self._lock:
            return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0])

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken before anything is read so it never has to upgrade a read lock."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                raise StoreError(
                    f"cannot write to the store {self.path}: {e} (another process held it for over "
                    f"{BUSY_TIMEOUT_S:.0f} s, or the file is read-only); try again when it is done"
                ) from e
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:  # some errors have already rolled SQLite back
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _one_of(self, column: str) -> str:
        # One JSON parameter instead of N placeholders: no limit on how many ids are asked about.
        return f"{column} IN (SELECT value FROM json_each(?))"

    def _ids(self, ids: Iterable[str]) -> str:
        return json.dumps(list(ids))

    # ------------------------------------------------------------------ inputs

    def save_batch(
        self,
        articles: Sequence[Article],
        extractions: Sequence[ArticleExtraction],
        skipped: Sequence[Skipped],
        signatures: Mapping[str, bytes] | None = None,
    ) -> None:
        with self._write() as conn:
            conn.executemany(
                f"INSERT OR IGNORE INTO articles ({rows.ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [rows.article_row(article) for article in articles],
            )
            for extraction in extractions:
                inserted = conn.execute(
                    "INSERT OR IGNORE INTO extractions (article, extractor, data) VALUES (?, ?, ?)",
                    (extraction.article, extraction.extractor, rows.dumps(extraction)),
                ).rowcount
                if not inserted:
                    continue  # stored before, with its claims and quotes
                conn.executemany(rows.CLAIM_INSERT, [
                    rows.claim_row(claim, extraction.article, i, statistic=False)
                    for i, claim in enumerate(extraction.claims)
                ])
                conn.executemany(rows.CLAIM_INSERT, [
                    rows.claim_row(claim, extraction.article, i, statistic=True)
                    for i, claim in enumerate(extraction.statistics)
                ])
                conn.executemany(rows.QUOTE_INSERT, [
                    rows.quote_row(quote, extraction.article, i) for i, quote in enumerate(extraction.quotes)
                ])
            conn.executemany(
                "INSERT OR IGNORE INTO skipped (path, line, reason) VALUES (?, ?, ?)",
                [rows.skipped_row(item) for item in skipped],
            )
            if signatures:
                conn.executemany(
                    "INSERT OR IGNORE INTO signatures (article, minhash) VALUES (?, ?)",
                    [(article_id, bytes(signature)) for article_id, signature in signatures.items()],
                )
                conn.executemany("INSERT INTO signature_buckets (bucket, article) VALUES (?, ?)",
                                 [row for article_id, sig in signatures.items() for row in bucket_rows(article_id, sig)])

    def index_signature_buckets(self) -> int:
        """Put the buckets of stored signatures that have none (a store of schema 1) in the table; how many."""
        missing = [(r["article"], bytes(r["minhash"])) for r in self._read(
            "SELECT s.article, s.minhash FROM signatures s "
            "WHERE NOT EXISTS (SELECT 1 FROM signature_buckets b WHERE b.article = s.article)")]
        if missing:
            with self._write() as conn:
                conn.executemany("INSERT INTO signature_buckets (bucket, article) VALUES (?, ?)",
                                 [row for article_id, sig in missing for row in bucket_rows(article_id, sig)])
        return len(missing)

    def forget_extractions(self, ids: Iterable[str]) -> None:
        wanted = self._ids(ids)
        with self._write() as conn:
            for table in ("claims", "quotes"):
                conn.execute(f"DELETE FROM {table} WHERE {self._one_of('article')}", (wanted,))
            conn.execute(f"DELETE FROM extractions WHERE {self._one_of('article')}", (wanted,))

    def search_articles(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles whose title or text hold every word of ``query``, best match first.

        The words are quoted, so user input is never read as FTS5 syntax
        (a stray quote or ``-`` cannot make the query fail).
        """
        words = [w for w in _WORD.findall(query) if len(w) <= MAX_SEARCH_WORD]
        if not words:
            return []
        match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        found = self._read(
            "SELECT a.id, a.external_id, a.url, a.title, a.outlet, a.published, "
            "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(articles_fts, 5.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank, a.seq LIMIT ?",
            (match, max(0, int(limit))),
        )
        return [dict(r) for r in found]

    # ------------------------------------------------------------------ derived

    def replace_incidents(self, incidents: Iterable[Incident]) -> int:
        """Replace every incident in one transaction, taking them one at a time (a generator keeps memory
        flat); they are numbered by ``rows.renumber_incidents`` whatever order they come in. Returns how many."""
        return self.update_incidents(incidents)

    def update_incidents(self, incidents: Iterable[Incident], *, removed: Iterable[str] | None = None,
                         link: Sequence[tuple[str, Iterable[tuple[Any, ...]]]] = ()) -> int:
        """In one transaction: drop the incidents ``removed`` (every incident when None), store
        ``incidents`` (taken one at a time) and run the link index's ``link`` statements; number them all
        again. Returns how many incidents were stored."""
        count = 0
        with self._write() as conn:
            # Children go with their incident through ON DELETE CASCADE.
            if removed is None:
                conn.execute("DELETE FROM incidents")
            else:
                conn.execute(f"DELETE FROM incidents WHERE {self._one_of('id')}", (self._ids(sorted(set(removed))),))
            for incident in incidents:
                conn.execute(rows.INCIDENT_INSERT, rows.incident_row(incident, count))
                conn.executemany(rows.FIGURE_INSERT, rows.figure_rows(incident))
                conn.executemany("INSERT OR IGNORE INTO incident_articles (incident, article) VALUES (?, ?)",
                                 [(incident.id, ref.id) for ref in incident.articles])
                conn.executemany(rows.INCIDENT_CLAIM_INSERT, rows.incident_claim_rows(incident))
                count += 1
            for statement, params in link:  # a page of rows at a time: a full rebuild's are millions
                for page in chunked(params, WRITE_PAGE):
                    conn.executemany(statement, page)
            conn.execute(rows.renumber_incidents())
        return count

    # ------------------------------------------------------------------ audit

    def add_correction(self, claim: str, action: str, *, incident: str | None = None, target: str | None = None,
                       note: str | None = None) -> dict[str, Any]:
        """Record a user's correction of a claim and return it. Corrections are never changed or deleted.

        ``incident`` is the incident the claim was counted in when corrected
        (looked up when not given); ``target`` the one it belongs to (for 'reassign').
        """
        if action not in CORRECTION_ACTIONS:
            raise StoreError(f"unknown correction {action!r}: use one of {', '.join(CORRECTION_ACTIONS)}")
        if action == "reassign" and not target:
            raise StoreError("a 'reassign' correction needs the incident the claim belongs to (target)")
        with self._write() as conn:
            if incident is None:
                found = conn.execute("SELECT min(incident) FROM incident_claims WHERE claim = ?", (claim,)).fetchone()
                incident = found[0]
            cursor = conn.execute(
                "INSERT INTO corrections (claim, action, incident, target, note) VALUES (?, ?, ?, ?, ?)",
                (claim, action, incident, target, note),
            )
            row = conn.execute(f"SELECT {CORRECTION_COLUMNS} FROM corrections WHERE id = ?",
                               (cursor.lastrowid,)).fetchone()
        return dict(row)

    # ------------------------------------------------------------------ misc

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"
