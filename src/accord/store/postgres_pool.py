"""A pool of read-only connections to one PostgreSQL store, for readers that come and go (``accord serve``).

::

    with ReadPool("postgresql://...", size=8) as readers:
        with readers.store() as store:   # a PostgresStore on a lent connection
            store.stats()

Each connection is opened once (psycopg_pool, from the ``postgres`` extra) and lent to one reader at a
time: a request pays no connect and no schema check. A lent connection holds one ``REPEATABLE READ READ
ONLY`` transaction until the store is closed: every query of one request sees the same snapshot (a page
of incidents and its counts agree while a run commits), the server refuses any write on it, and, as every
PostgreSQL reader, it never waits for a writer's row locks. The transaction is rolled back when the store
is closed and the connection goes back to the pool; a connection found broken (a server restart) is
replaced before it is lent.
"""

from __future__ import annotations

from typing import Any

from accord.errors import MissingExtra, StoreError
from accord.store.postgres import CONNECT_TIMEOUT_S, Lent, PostgresStore, redact

#: Connections a pool keeps at most (``accord serve --pool-size``, ``ACCORD_POOL_SIZE``). uvicorn answers
#: up to 40 requests at once in threads; a page's queries take milliseconds, so a few connections serve
#: many readers, while each costs the server a process (PostgreSQL's default allows 100 connections).
DEFAULT_POOL_SIZE = 8

#: Seconds a reader waits for a connection when all are lent, before being told the server is busy.
POOL_WAIT_S = 30.0

#: How the pool's connections are named on the server (``pg_stat_activity.application_name``).
APPLICATION_NAME = "accord reader"

try:  # the ``postgres`` extra
    import psycopg
    from psycopg import IsolationLevel
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool, PoolTimeout
except ImportError:  # pragma: no cover - exercised only without the extra
    ConnectionPool = None  # type: ignore[assignment,misc]  # ReadPool() says which extra to install


class ReadPool:
    """Read-only connections to the PostgreSQL store at ``url``, lent one reader at a time."""

    def __init__(self, url: str, *, size: int = DEFAULT_POOL_SIZE) -> None:
        if ConnectionPool is None:
            raise MissingExtra("postgres", "psycopg_pool")
        if size < 1:
            raise StoreError(f"a pool needs at least one connection (asked for {size})")
        self.url = url
        self.size = size
        with PostgresStore(url, read_only=True) as store:  # the store is there, of this accord's schema
            self._schema, self._schema_hash = store.schema
        self._pool = ConnectionPool(
            url, min_size=1, max_size=size, open=False, name="accord-readers", timeout=POOL_WAIT_S,
            kwargs={"row_factory": dict_row, "connect_timeout": CONNECT_TIMEOUT_S,
                    "application_name": APPLICATION_NAME},
            configure=_read_only, check=ConnectionPool.check_connection,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as e:
            self._pool.close()
            raise StoreError(f"cannot open a pool of connections to {redact(url)}: the server did not accept "
                             f"one within {CONNECT_TIMEOUT_S} s") from e

    def store(self) -> PostgresStore:
        """A read-only store on a connection of the pool; closing it gives the connection back."""
        try:
            conn = self._pool.getconn()
        except PoolTimeout as e:
            raise StoreError(f"all {self.size} connections to the store are busy (waited {POOL_WAIT_S:.0f} s): "
                             "try again, or start the server with a larger --pool-size") from e

        def give_back() -> None:
            try:
                conn.rollback()  # ends the request's read-only transaction: the next reader sees a new snapshot
            except psycopg.Error:
                pass  # a broken connection: the pool finds it so and replaces it
            self._pool.putconn(conn)

        return PostgresStore(self.url, lent=Lent(conn, self._schema, self._schema_hash, give_back))

    @property
    def closed(self) -> bool:
        return bool(self._pool.closed)

    def stats(self) -> dict[str, int]:
        """The pool's own counters (psycopg_pool's ``get_stats``: pool_size, pool_available, requests_waiting…)."""
        return dict(self._pool.get_stats())

    def close(self) -> None:
        """Close every connection; a store still lent is closed when it is given back."""
        self._pool.close()

    def __enter__(self) -> ReadPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ReadPool({redact(self.url)!r}, size={self.size})"


def _read_only(conn: Any) -> None:
    """A new connection of the pool: every transaction on it read-only, one snapshot each."""
    conn.read_only = True
    conn.isolation_level = IsolationLevel.REPEATABLE_READ
