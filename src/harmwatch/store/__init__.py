"""Where the record lives.

``open_store(url)`` picks the backend from the URL: a file path (or
``sqlite:///path``) opens SQLite, ``postgresql://...`` opens PostgreSQL. The
schema is migrated on open.
"""

from __future__ import annotations

import os
from pathlib import Path

from harmwatch.store.base import IncidentQuery, Store
from harmwatch.store.sqlite import SQLiteStore

__all__ = ["IncidentQuery", "SQLiteStore", "Store", "default_db", "open_store"]


def default_db() -> str:
    return os.environ.get("HARMWATCH_DB") or "harmwatch.db"


def open_store(url: str | Path | None = None, *, migrate: bool = True, **kwargs: object) -> Store:
    target = str(url) if url is not None else default_db()
    store: Store
    if target.startswith(("postgresql://", "postgres://")):
        from harmwatch.store.postgres import PostgresStore

        store = PostgresStore(target)
    else:
        if target.startswith("sqlite:///"):
            target = target[len("sqlite:///") :]
        store = SQLiteStore(target, **kwargs)  # type: ignore[arg-type]
    if migrate:
        store.migrate()
    return store
