"""store: articles, extractions and incidents kept between runs.

``open_store(db)`` opens (or creates) a store: a SQLite file by default, or a
PostgreSQL database for shared deployments (``postgresql://...``, needs the
``postgres`` extra). The :class:`Store` protocol is what the rest of accord
relies on; both stores implement it.

>>> with open_store("accord.db") as store:  # doctest: +SKIP
...     store.stats()["articles"]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from accord.errors import StoreError
from accord.store.base import CORRECTION_ACTIONS, Store
from accord.store.incident_query import IncidentQuery
from accord.store.rows import claim_id
from accord.store.schema import SCHEMA_VERSION
from accord.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from accord.store.postgres_pool import ReadPool

__all__ = ["CORRECTION_ACTIONS", "SCHEMA_VERSION", "IncidentQuery", "SQLiteStore", "Store", "claim_id", "open_read_pool",
           "open_store"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_SQLITE_SCHEME = "sqlite:///"


def open_store(db: str | Path, *, read_only: bool = False) -> Store:
    """The store at ``db``: a SQLite file path (or ``sqlite:///path``), created when missing, or a
    ``postgresql://user:password@host:port/database`` URL (tables created when missing).

    ``read_only``: the store must exist and be of this accord's schema, and is only read: a SQLite store
    never takes the write lock, and under WAL its reads never wait for a writer; a PostgreSQL connection
    refuses writes (its readers never wait for writers anyway)."""
    location = str(db)
    if location.startswith(_POSTGRES_SCHEMES):
        # Imported here: psycopg is an optional extra, and SQLite users never need it.
        from accord.store.postgres import PostgresStore

        return PostgresStore(location, read_only=read_only)
    if location.startswith(_SQLITE_SCHEME):
        location = location[len(_SQLITE_SCHEME):]
    if not location or location == ":memory:":
        raise StoreError("the store must be a file (WAL needs one): pass a path such as accord.db")
    return SQLiteStore(location, read_only=read_only)


def open_read_pool(db: str | Path, *, size: int | None = None) -> ReadPool | None:
    """Read-only connections kept open for readers that come and go (``accord serve``'s requests): a
    :class:`~accord.store.postgres_pool.ReadPool` of at most ``size`` connections for a PostgreSQL store,
    None for a SQLite file (opening a read-only SQLite connection costs a file open: each reader opens
    its own with ``open_store(db, read_only=True)``)."""
    if not str(db).startswith(_POSTGRES_SCHEMES):
        return None
    from accord.store.postgres_pool import DEFAULT_POOL_SIZE, ReadPool

    return ReadPool(str(db), size=size or DEFAULT_POOL_SIZE)
