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

from accord.errors import StoreError
from accord.store.base import CORRECTION_ACTIONS, Store
from accord.store.incident_query import IncidentQuery
from accord.store.rows import claim_id
from accord.store.schema import SCHEMA_VERSION
from accord.store.sqlite import SQLiteStore

__all__ = ["CORRECTION_ACTIONS", "SCHEMA_VERSION", "IncidentQuery", "SQLiteStore", "Store", "claim_id", "open_store"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_SQLITE_SCHEME = "sqlite:///"


def open_store(db: str | Path, *, read_only: bool = False) -> Store:
    """The store at ``db``: a SQLite file path (or ``sqlite:///path``), created when missing, or a
    ``postgresql://user:password@host:port/database`` URL (tables created when missing).

    ``read_only``: a SQLite store opened read-only (it must exist and be of this accord's schema): it never
    takes the write lock, and under WAL its reads never wait for a writer."""
    location = str(db)
    if location.startswith(_POSTGRES_SCHEMES):
        # Imported here: psycopg is an optional extra, and SQLite users never need it.
        from accord.store.postgres import PostgresStore

        return PostgresStore(location)
    if location.startswith(_SQLITE_SCHEME):
        location = location[len(_SQLITE_SCHEME):]
    if not location or location == ":memory:":
        raise StoreError("the store must be a file (WAL needs one): pass a path such as accord.db")
    return SQLiteStore(location, read_only=read_only)
