"""The link index in a SQL store: what ``accord.link.incremental`` reads, and the rows both stores write.

Tables (schema version 2): ``link_keys`` (a mention's keys with its time window, for candidate lookup),
``link_mentions`` (which incident each linked mention is in), ``link_words`` and ``link_lines`` (the
pool's word and per-site line counts), ``link_state`` (the pool's mention count, whether a full link
built the index) and ``link_done`` (the articles linked). A full rebuild replaces them all; an
incremental run changes the rows of the mentions it linked again and adds the new reports' counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

from accord.link.incremental import LinkChange, MentionKey, Posting
from accord.link.pool import IndexEntry, PoolFeatures
from accord.models import IncidentGroup

#: Statements that empty the link index (a full rebuild's first step).
CLEAR = ("DELETE FROM link_keys", "DELETE FROM link_mentions", "DELETE FROM link_words", "DELETE FROM link_lines",
         "DELETE FROM link_state", "DELETE FROM link_done")

#: Rows per statement when ids are passed as one list parameter.
_ID_CHUNK = 5000

#: Rows of a link statement written per ``executemany`` (a full rebuild's index is millions of rows: they
#: are made as they are written, a page at a time, never held as one list).
WRITE_PAGE = 5000

#: A link statement and its rows: ``[()]`` for a statement without parameters; rows may be a generator,
#: read once.
LinkStatement = tuple[str, Iterable[tuple[Any, ...]]]


def key_rows(entries: Iterable[IndexEntry]) -> Iterator[tuple[Any, ...]]:
    """``link_keys`` rows (key, wide, low, high, rank, article, idx) of index entries."""
    for e in entries:
        wide = int(e.wide)
        for rank, word in enumerate(e.words):
            yield ("w:" + word, wide, e.low, e.high, rank, e.article, e.index)
        for name in e.names:
            yield ("n:" + name, wide, e.low, e.high, 0, e.article, e.index)


def member_rows(groups: Iterable[IncidentGroup], entries: Iterable[IndexEntry]) -> Iterator[tuple[Any, ...]]:
    """``link_mentions`` rows (article, idx, incident, data): each mention's incident and record."""
    records = {(e.article, e.index): e.record for e in entries}
    for group in groups:
        for ref in group.members:
            yield (ref.article, ref.index, group.id, records[(ref.article, ref.index)])


def full_index_rows(pool: PoolFeatures) -> dict[str, list[tuple[Any, ...]]]:
    """Counts rows of a full link's pool: table -> rows (the keys and members are written apart)."""
    words = [(w, n, int(pool.stats.lower.get(w, 0))) for w, n in pool.stats.df.items()]
    lines = [(site, line, n) for site, counted in pool.lines.items() for line, n in counted.items() if n > 1]
    return {"words": words, "lines": lines}


class LinkIndexReads:
    """The reads of ``accord.link.incremental.LinkIndex`` over the link tables (with SqlStoreBase's
    ``_read``, ``_one_of``, ``_ids`` and ``MARK``)."""

    MARK: ClassVar[str]

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError

    def _one_of(self, column: str) -> str:
        raise NotImplementedError

    def _ids(self, ids: Iterable[str]) -> Any:
        raise NotImplementedError

    def link_index_built(self) -> bool:
        return bool(self._read("SELECT value FROM link_state WHERE name = 'built'"))

    def unlinked_articles(self) -> list[str]:
        """Articles with an extraction that no link has seen yet, in store order."""
        return [r["id"] for r in self._read(
            "SELECT a.id FROM articles a JOIN extractions e ON e.article = a.id "
            "WHERE NOT EXISTS (SELECT 1 FROM link_done d WHERE d.article = a.id) ORDER BY a.seq")]

    def link_pool(self, words: Iterable[str]) -> tuple[int, dict[str, int], dict[str, int]]:
        found = self._read("SELECT value FROM link_state WHERE name = 'mentions'")
        pool = int(found[0]["value"]) if found else 0
        df: dict[str, int] = {}
        lower: dict[str, int] = {}
        wanted = list(words)
        for start in range(0, len(wanted), _ID_CHUNK):
            for r in self._read(f"SELECT word, df, lower FROM link_words WHERE {self._one_of('word')}",
                                (self._ids(wanted[start:start + _ID_CHUNK]),)):
                df[r["word"]] = int(r["df"])
                lower[r["word"]] = int(r["lower"])
        return pool, df, lower

    def link_site_lines(self, sites: Iterable[str], lines: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        out: dict[tuple[str, str], int] = {}
        for site in sorted(set(sites)):
            for r in self._read(f"SELECT line, n FROM link_lines WHERE site = {self.MARK} AND n >= 2", (site,)):
                out[(site, r["line"])] = int(r["n"])
        return out

    def link_postings(self, keys: Sequence[str], low: int, high: int, *, wide: bool,
                      heaviest: int | None = None) -> list[Posting]:
        if not keys:
            return []
        rank = f" AND rank < {int(heaviest)}" if heaviest is not None else ""
        columns = "key, article, idx, low, high"
        found = list(self._read(f"SELECT {columns} FROM link_keys WHERE {self._one_of('key')} AND wide = 0 "
                                f"AND low BETWEEN {self.MARK} AND {self.MARK}{rank}", (self._ids(keys), low, high)))
        if wide:
            found += self._read(f"SELECT {columns} FROM link_keys WHERE {self._one_of('key')} AND wide = 1{rank}",
                                (self._ids(keys),))
        return [Posting(r["key"], r["article"], int(r["idx"]), int(r["low"]), int(r["high"])) for r in found]

    def link_incidents_of(self, mentions: Iterable[MentionKey]) -> dict[MentionKey, str]:
        wanted = set(mentions)
        out: dict[MentionKey, str] = {}
        articles = sorted({article for article, _ in wanted})
        for start in range(0, len(articles), _ID_CHUNK):
            for r in self._read(f"SELECT article, idx, incident FROM link_mentions WHERE {self._one_of('article')}",
                                (self._ids(articles[start:start + _ID_CHUNK]),)):
                key = (r["article"], int(r["idx"]))
                if key in wanted:
                    out[key] = r["incident"]
        return out

    def link_records(self, mentions: Iterable[MentionKey]) -> dict[MentionKey, bytes]:
        wanted = set(mentions)
        out: dict[MentionKey, bytes] = {}
        articles = sorted({article for article, _ in wanted})
        for start in range(0, len(articles), _ID_CHUNK):
            for r in self._read(f"SELECT article, idx, data FROM link_mentions WHERE {self._one_of('article')}",
                                (self._ids(articles[start:start + _ID_CHUNK]),)):
                key = (r["article"], int(r["idx"]))
                if key in wanted:
                    out[key] = bytes(r["data"])
        return out

    def link_members(self, incidents: Iterable[str]) -> list[MentionKey]:
        wanted = sorted(set(incidents))
        out: list[MentionKey] = []
        for start in range(0, len(wanted), _ID_CHUNK):
            out += [(r["article"], int(r["idx"])) for r in self._read(
                f"SELECT article, idx FROM link_mentions WHERE {self._one_of('incident')}",
                (self._ids(wanted[start:start + _ID_CHUNK]),))]
        return out


def change_statements(change: LinkChange, mark: str) -> list[LinkStatement]:
    """(statement, rows) that apply an incremental link's ``change`` to the link tables, in order."""
    relinked = sorted({(e.article, e.index) for e in change.entries})
    upsert_words = (f"INSERT INTO link_words (word, df, lower) VALUES ({mark}, {mark}, {mark}) ON CONFLICT (word) "
                    "DO UPDATE SET df = link_words.df + excluded.df, lower = link_words.lower + excluded.lower")
    upsert_lines = (f"INSERT INTO link_lines (site, line, n) VALUES ({mark}, {mark}, {mark}) ON CONFLICT (site, line) "
                    "DO UPDATE SET n = link_lines.n + excluded.n")
    return [
        (f"DELETE FROM link_keys WHERE article = {mark} AND idx = {mark}", relinked),
        (f"DELETE FROM link_mentions WHERE article = {mark} AND idx = {mark}", relinked),
        (f"INSERT INTO link_keys (key, wide, low, high, rank, article, idx) VALUES ({', '.join([mark] * 7)})",
         list(key_rows(change.entries))),
        (f"INSERT INTO link_mentions (article, idx, incident, data) VALUES ({mark}, {mark}, {mark}, {mark})",
         list(member_rows(change.groups, change.entries))),
        (upsert_words, [(w, n, change.lower.get(w, 0)) for w, n in sorted(change.df.items())]),
        (upsert_lines, [(site, line, n) for (site, line), n in sorted(change.lines.items())]),
        (f"INSERT INTO link_state (name, value) VALUES ('mentions', {mark}) ON CONFLICT (name) "
         "DO UPDATE SET value = link_state.value + excluded.value", [(change.mentions,)]),
        (f"INSERT INTO link_done (article) VALUES ({mark}) ON CONFLICT (article) DO NOTHING",
         [(a,) for a in change.articles]),
    ]


def rebuild_statements(pool: PoolFeatures, groups: Sequence[IncidentGroup],
                       articles: Iterable[str], mark: str) -> list[LinkStatement]:
    """(statement, rows) that fill the emptied link tables from a full link. The keys' and members' rows
    (every mention's) are generators over ``pool.entries``: the store writes them a page at a time."""
    counts = full_index_rows(pool)
    return [
        (f"INSERT INTO link_keys (key, wide, low, high, rank, article, idx) VALUES ({', '.join([mark] * 7)})",
         key_rows(pool.entries)),
        (f"INSERT INTO link_mentions (article, idx, incident, data) VALUES ({mark}, {mark}, {mark}, {mark})",
         member_rows(groups, pool.entries)),
        (f"INSERT INTO link_words (word, df, lower) VALUES ({mark}, {mark}, {mark})", counts["words"]),
        (f"INSERT INTO link_lines (site, line, n) VALUES ({mark}, {mark}, {mark})", counts["lines"]),
        (f"INSERT INTO link_state (name, value) VALUES ('mentions', {mark})", [(pool.stats.mentions,)]),
        ("INSERT INTO link_state (name, value) VALUES ('built', 1)", [()]),
        (f"INSERT INTO link_done (article) VALUES ({mark}) ON CONFLICT (article) DO NOTHING",
         [(a,) for a in articles]),
    ]
