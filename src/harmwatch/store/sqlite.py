"""The default backend: one SQLite file in WAL mode."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from harmwatch.errors import StoreError
from harmwatch.store.base import Dialect, Row, Store

SQLITE = Dialect(
    name="sqlite",
    blob="BLOB",
    json="TEXT",
    serial="INTEGER PRIMARY KEY AUTOINCREMENT",
    real="REAL",
)


class SQLiteStore(Store):
    """A store in one file (or ``:memory:``).

    Autocommit is off at the driver level; :meth:`transaction` issues
    ``BEGIN IMMEDIATE`` so that a writer takes the lock up front and a batch
    either lands whole or not at all, even if the process is killed.
    """

    dialect = SQLITE

    def __init__(self, path: str | Path = "harmwatch.db", *, check_same_thread: bool = True) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=30, check_same_thread=check_same_thread
            )
        except sqlite3.Error as e:
            raise StoreError(f"cannot open database {self.path}: {e}") from e
        self.conn.row_factory = sqlite3.Row
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._depth = 0
        self._lock = threading.RLock()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._lock:
            self.conn.execute(sql, tuple(params))

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._lock:
            self.conn.executemany(sql, [tuple(r) for r in rows])

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    def _executescript(self, sql: str) -> None:
        # executescript would COMMIT the open transaction; run statements one by one instead.
        for statement in _split_sql(sql):
            self._execute(statement)

    def _table_exists(self, name: str) -> bool:
        rows = self._query("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return bool(rows)

    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so a batch lands whole or not at all.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        # Wait for any statement another thread is running: closing the connection
        # under a running query crashes the sqlite3 module.
        with self._lock:
            self.conn.close()


def _split_sql(script: str) -> list[str]:
    """Statements of a script; a trigger's BEGIN ... END body stays one statement."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    statements: list[str] = []
    current = ""
    for piece in "\n".join(lines).split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip().rstrip(";").strip())
            current = ""
    if current.strip(" \n;"):
        statements.append(current.strip().rstrip(";").strip())
    return statements
