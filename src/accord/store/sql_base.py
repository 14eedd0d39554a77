"""What both SQL stores share: every read (one query text each, written once) and closing.

SQLite and PostgreSQL differ, for reading, only in their parameter marker, in how a list of ids is
passed, and in the few expressions of the incident search; a store gives those as class attributes and
a ``_read(sql, params)`` that returns rows addressable by column name. Writes (transactions, conflicts,
retries) and full-text search stay with each store: there the two databases really differ.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, Self

from accord.models import Article, ArticleExtraction, Skipped, from_json
from accord.store import rows
from accord.store.history import Previous
from accord.store.incident_query import IncidentQuery, incident_page_sql, incident_points_sql
from accord.store.link_index import LinkIndexReads
from accord.store.paging import keyset_rows

CORRECTION_COLUMNS = "id, claim, action, incident, target, note, created_at"


class SqlStoreBase(LinkIndexReads):
    """Reads over the accord schema, for a store that gives its dialect's few differences, a connection
    (``_conn``) and the lock that guards it (``_lock``)."""

    #: The parameter marker: "?" (SQLite) or "%s" (PostgreSQL).
    MARK: ClassVar[str]
    #: A lower-casing function that knows Unicode, the perpetrators' JSON text of incident ``i``, and a
    #: collation clause giving code point order (empty where that is the default).
    LOWER: ClassVar[str]
    PERPETRATORS: ClassVar[str]
    #: The conservative figure of incident ``i``'s total of ``{measure}`` (everybody across groups), an integer.
    TOTAL: ClassVar[str]
    COLLATE: ClassVar[str] = ""

    _conn: Any
    _lock: threading.RLock

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows of one query, each addressable by column name."""
        raise NotImplementedError

    def _one_of(self, column: str) -> str:
        """A condition: ``column`` is one of the ids of a parameter made by :meth:`_ids`."""
        raise NotImplementedError

    def _ids(self, ids: Iterable[str]) -> Any:
        """The parameter holding a list of ids for :meth:`_one_of`."""
        raise NotImplementedError

    # ------------------------------------------------------------------ inputs

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        return {row["id"] for row in self._read(f"SELECT id FROM articles WHERE {self._one_of('id')}",
                                                (self._ids(wanted),))}

    def stale_article_ids(self, extractor: str) -> list[str]:
        """Stored articles to extract again, in store order: those whose extraction another version of
        the extractor made (``extractor`` names the current one), or that have none (a run stopped
        between forgetting an old extraction and storing the new one)."""
        found = self._read(
            "SELECT a.id FROM articles a LEFT JOIN extractions e ON e.article = a.id "
            f"WHERE e.article IS NULL OR e.extractor <> {self.MARK} ORDER BY a.seq", (extractor,))
        return [row["id"] for row in found]

    def articles(self) -> list[Article]:
        return [rows.article_from_row(r) for r in self._read(f"SELECT {rows.ARTICLE_COLUMNS} FROM articles ORDER BY seq")]

    def article(self, article_id: str) -> Article | None:
        found = self._read(f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE id = {self.MARK}", (article_id,))
        return rows.article_from_row(found[0]) if found else None

    def article_page(self, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Articles in store order without their texts (id, external_id, url, title, outlet, published,
        copy_of): the page asked for, and how many articles there are."""
        total = int(self._read("SELECT count(*) AS n FROM articles")[0]["n"])
        found = self._read(f"SELECT {rows.ARTICLE_SUMMARY_COLUMNS} FROM articles ORDER BY seq "
                           f"LIMIT {self.MARK} OFFSET {self.MARK}", (max(0, limit), max(0, offset)))
        return [dict(row) for row in found], total

    def extractions(self) -> list[ArticleExtraction]:
        found = self._read("SELECT e.data FROM extractions e JOIN articles a ON a.id = e.article ORDER BY a.seq")
        return [ArticleExtraction.from_dict(from_json(r["data"])) for r in found]

    def extraction(self, article_id: str) -> ArticleExtraction | None:
        found = self._read(f"SELECT data FROM extractions WHERE article = {self.MARK}", (article_id,))
        return ArticleExtraction.from_dict(from_json(found[0]["data"])) if found else None

    def iter_extracted(self, page: int = rows.READ_PAGE) -> Iterator[tuple[Article, ArticleExtraction]]:
        """Every article that has an extraction, with it, in store order, read ``page`` rows per query."""
        sql = (f"SELECT a.seq, {rows.ARTICLE_COLUMNS_A}, e.data FROM articles a JOIN extractions e "
               f"ON e.article = a.id WHERE a.seq > {self.MARK} ORDER BY a.seq LIMIT {self.MARK}")
        for row in keyset_rows(self._read, sql, "seq", 0, page):
            yield rows.article_from_row(row), ArticleExtraction.from_dict(from_json(row["data"]))

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` an article is stored under (what a feed poll need not fetch again)."""
        wanted = sorted(set(urls))
        if not wanted:
            return set()
        return {r["url"] for r in self._read(f"SELECT url FROM articles WHERE {self._one_of('url')}",
                                             (self._ids(wanted),))}

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        found = self._read(f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE {self._one_of('id')}",
                           (self._ids(sorted(set(ids))),))
        return {row["id"]: rows.article_from_row(row) for row in found}

    def extractions_by_id(self, ids: Iterable[str]) -> dict[str, ArticleExtraction]:
        found = self._read(f"SELECT article, data FROM extractions WHERE {self._one_of('article')}",
                           (self._ids(sorted(set(ids))),))
        return {row["article"]: ArticleExtraction.from_dict(from_json(row["data"])) for row in found}

    def signatures(self) -> dict[str, bytes]:
        return dict(self.iter_signatures())

    def iter_signatures(self, page: int = rows.READ_PAGE) -> Iterator[tuple[str, bytes]]:
        """(article id, MinHash signature) of every article that has one, in store order, ``page`` per query."""
        sql = (f"SELECT a.seq, s.article, s.minhash FROM signatures s JOIN articles a ON a.id = s.article "
               f"WHERE a.seq > {self.MARK} ORDER BY a.seq LIMIT {self.MARK}")
        for row in keyset_rows(self._read, sql, "seq", 0, page):
            yield row["article"], bytes(row["minhash"])

    def signature_candidates(self, buckets: list[int]) -> list[tuple[str, bytes]]:
        """Stored (article id, signature) pairs sharing one of ``buckets``, earliest stored first."""
        if not buckets:
            return []
        return [(r["id"], bytes(r["minhash"])) for r in self._read(
            "SELECT a.id, s.minhash FROM signatures s JOIN articles a ON a.id = s.article WHERE s.article IN "
            f"(SELECT article FROM signature_buckets WHERE bucket IN ({', '.join([self.MARK] * len(buckets))})) "
            "ORDER BY a.seq", buckets)]

    def index_signature_buckets(self) -> int:
        """Index the buckets of stored signatures that have none (a store migrated from schema 1); how many.
        PostgreSQL stores index them as they save (a migrated one finds no stored copies until rebuilt)."""
        return 0

    def skipped(self) -> list[Skipped]:
        return [Skipped(path=r["path"], reason=r["reason"], line=r["line"])
                for r in self._read("SELECT path, line, reason FROM skipped ORDER BY id")]

    # ------------------------------------------------------------------ derived

    def incidents(self) -> list[dict[str, Any]]:
        return [from_json(r["data"]) for r in self._read("SELECT data FROM incidents ORDER BY ord")]

    def iter_incidents(self, page: int = rows.READ_PAGE) -> Iterator[dict[str, Any]]:
        """The incidents in order, read ``page`` at a time: what a report over a large store walks."""
        sql = f"SELECT ord, data FROM incidents WHERE ord > {self.MARK} ORDER BY ord LIMIT {self.MARK}"
        for row in keyset_rows(self._read, sql, "ord", -1, page):
            yield from_json(row["data"])

    def incident_digests(self) -> list[tuple[str, str]]:
        """(id, digest of its stored data) of every incident, in order: what an incremental report
        compares with what it wrote last."""
        return [(r["id"], r["digest"] or "") for r in self._read("SELECT id, digest FROM incidents ORDER BY ord")]

    def incident_article_count(self) -> int:
        """How many articles the incidents cite (each once): the report's summary, without reading them."""
        return int(self._read("SELECT count(DISTINCT article) AS n FROM incident_articles")[0]["n"])

    def incidents_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        found = self._read(f"SELECT id, data FROM incidents WHERE {self._one_of('id')}", (self._ids(sorted(set(ids))),))
        return {r["id"]: from_json(r["data"]) for r in found}

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        found = self._read(f"SELECT data FROM incidents WHERE id = {self.MARK}", (incident_id,))
        return from_json(found[0]["data"]) if found else None

    def find_incidents(self, query: IncidentQuery) -> tuple[list[dict[str, Any]], int]:
        """The page of incidents ``query`` asks for, and how many incidents match in all."""
        page, count, params = incident_page_sql(query, param=self.MARK, lower=self.LOWER,
                                                perpetrators=self.PERPETRATORS, collate=self.COLLATE)
        total = int(self._read(count, params[:-2])[0]["n"])
        return [from_json(row["data"]) for row in self._read(page, params)], total

    def incident_points(self, query: IncidentQuery) -> list[dict[str, Any]]:
        """Where the incidents ``query`` filters for are, for a map: ``id``, ``title``, ``type``,
        ``place_country``, ``place_lat``, ``place_lon``, ``background``, ``killed`` and ``injured`` (the
        conservative figure of the total, else the largest of the groups'), newest first, at most
        ``query.limit`` of them."""
        sql, params = incident_points_sql(query, param=self.MARK, lower=self.LOWER, perpetrators=self.PERPETRATORS,
                                          total=self.TOTAL, collate=self.COLLATE)
        return [dict(row) for row in self._read(sql, params)]

    def claim_owners(self, article_id: str) -> dict[str, str]:
        """Claim id → the incident it is counted in (the first, when several), for one article's claims."""
        return {r["claim"]: r["incident"] for r in self._read(
            "SELECT claim, min(incident) AS incident FROM incident_claims "
            f"WHERE article = {self.MARK} GROUP BY claim", (article_id,))}

    def incidents_of_claim(self, claim: str) -> list[str]:
        """The incidents a claim (by id) is counted in."""
        return [r["incident"] for r in self._read(
            f"SELECT DISTINCT incident FROM incident_claims WHERE claim = {self.MARK} ORDER BY incident", (claim,))]

    def incident_history(self, ids: Iterable[str] | None = None) -> dict[str, Previous]:
        """What the store holds of incidents ``ids`` (every incident when None), to stamp their rebuilt
        selves with (accord.store.history)."""
        where, params = ("", ()) if ids is None else (f" WHERE {self._one_of('id')}", (self._ids(sorted(set(ids))),))
        out = {r["id"]: Previous(r["first_seen"], r["changed_at"], r["title"], frozenset())
               for r in self._read(f"SELECT id, title, first_seen, changed_at FROM incidents{where}", params)}
        if not out:
            return out
        where = "" if ids is None else f" WHERE {self._one_of('incident')}"
        params = () if ids is None else (self._ids(sorted(out)),)
        articles: dict[str, set[str]] = {}
        for r in self._read(f"SELECT incident, article FROM incident_articles{where}", params):
            articles.setdefault(r["incident"], set()).add(r["article"])
        for r in self._read('SELECT incident, measure, "group", conservative, consensus, high, status, changed_at '
                            f"FROM figures{where}", params):
            if r["incident"] in out:
                out[r["incident"]].figures[(r["measure"], r["group"])] = (
                    (r["conservative"], r["consensus"], r["high"], r["status"]), r["changed_at"])
        for incident, found in articles.items():
            if incident in out:
                out[incident].articles = frozenset(found)
        return out

    # ------------------------------------------------------------------ audit and misc

    def corrections(self) -> list[dict[str, Any]]:
        """Every correction, oldest first."""
        return [dict(r) for r in self._read(f"SELECT {CORRECTION_COLUMNS} FROM corrections ORDER BY id")]

    def stats(self) -> dict[str, int]:
        row = self._read(
            "SELECT (SELECT count(*) FROM incidents) AS incidents, "
            "(SELECT count(*) FROM incidents WHERE background = 1) AS background_incidents, "
            "(SELECT count(*) FROM articles) AS articles, "
            "(SELECT count(*) FROM articles WHERE copy_of IS NOT NULL) AS copies, "
            "(SELECT count(*) FROM claims WHERE statistic = 0) AS claims, "
            "(SELECT count(*) FROM claims WHERE statistic = 1) AS statistics, "
            "(SELECT count(*) FROM quotes) AS quotes, "
            "(SELECT count(*) FROM figures) AS figures, "
            "(SELECT count(*) FROM skipped) AS skipped, "
            "(SELECT count(*) FROM corrections) AS corrections"
        )[0]
        return {key: int(value) for key, value in dict(row).items()}

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
