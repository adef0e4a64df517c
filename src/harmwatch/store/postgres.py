"""The server backend: PostgreSQL through psycopg 3.

Selected by ``open_store("postgresql://user:pass@host:5432/db")``. Every domain
operation is inherited from :class:`~harmwatch.store.base.Store`; this module
only supplies the connection, the placeholder style and the :data:`POSTGRES`
dialect, so the pipeline runs unchanged on either backend.

Where PostgreSQL and SQLite differ in ways the portable SQL would notice, this
backend makes PostgreSQL behave like the SQLite store:

* ``INTEGER`` columns are widened to ``BIGINT`` when migrations are rendered,
  because SQLite integers are 64-bit and PostgreSQL's ``INTEGER`` is 32-bit (a
  hostile report claiming ten billion dead must not make a save fail).
* JSON documents are kept as ``TEXT``, exactly as on SQLite: no ``\\u0000``
  refusals (``jsonb`` rejects them), and ``=``/``DISTINCT``/``UNION`` work on
  the column (they do not on ``json``). Cast with ``data::jsonb`` in ad-hoc
  queries.
* PostgreSQL text cannot hold the NUL character; NULs in string parameters are
  stored as U+FFFD. Bytes (the raw report, ``BYTEA``) are kept exactly.
* Outside :meth:`PostgresStore.transaction` every statement commits on its own
  (autocommit), as in the SQLite store.

The schema can be put in its own PostgreSQL schema with ``schema=`` (or with
libpq's ``options=-csearch_path=...`` in the URL); tests use that to isolate
each test.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from harmwatch.errors import MissingExtra, StoreError
from harmwatch.store.base import Dialect, Row, Store

if TYPE_CHECKING:
    import psycopg


class PostgresDialect(Dialect):
    """The :class:`Dialect` for PostgreSQL, widening ``INTEGER`` to ``BIGINT`` (see the module doc)."""

    def render(self, sql: str) -> str:
        return _INTEGER.sub("BIGINT", super().render(sql))


_INTEGER = re.compile(r"\bINTEGER\b", re.IGNORECASE)

POSTGRES = PostgresDialect(
    name="postgres",
    blob="BYTEA",
    json="TEXT",
    serial="BIGSERIAL PRIMARY KEY",
    real="DOUBLE PRECISION",
)

# Pieces of SQL text in which a ``?`` is not a placeholder: string literals, quoted
# identifiers, dollar-quoted bodies, comments. Everything else that matters is a
# lone ``?`` or ``%``.
_SQL_TOKENS = re.compile(
    r"""
      '(?:[^']|'')*'            # 'string literal'
    | "(?:[^"]|"")*"            # "quoted identifier"
    | \$(\w*)\$.*?\$\1\$        # $tag$ dollar-quoted body $tag$
    | --[^\n]*                  # -- line comment
    | /\*.*?\*/                 # /* block comment */
    | \?                        # a placeholder
    | %                         # a literal percent sign
    """,
    re.VERBOSE | re.DOTALL,
)


@lru_cache(maxsize=2048)
def to_pyformat(sql: str) -> str:
    """Translate ``?`` placeholders into psycopg's ``%s``, escaping literal ``%`` as ``%%``.

    Parameters always travel separately from the SQL, so only the ``%`` signs
    written in the SQL text itself (e.g. ``LIKE 'a%'`` or ``x % 2``) need
    escaping; a ``?`` inside a string literal, quoted identifier or comment is
    left alone.
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        return token.replace("%", "%%")

    return _SQL_TOKENS.sub(replace, sql)


def _clean(value: Any) -> Any:
    # PostgreSQL text cannot contain NUL; bytes (BYTEA) can, and are left as they are.
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _params(params: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(_clean(p) for p in params)


class PostgresStore(Store):
    """A store on a PostgreSQL server.

    One connection per store, in autocommit mode; :meth:`transaction` opens a
    real transaction, and nested calls join the outer one (as in
    :class:`~harmwatch.store.sqlite.SQLiteStore`). A lock serialises use of the
    connection across threads, and holds for a whole transaction.
    """

    dialect = POSTGRES

    def __init__(self, dsn: str, *, schema: str | None = None, connect_timeout: int = 10) -> None:
        try:
            import psycopg
            from psycopg import sql as pgsql
            from psycopg.rows import dict_row
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise MissingExtra("psycopg", "postgres") from e
        self._psycopg = psycopg
        self._sql = pgsql
        self._dict_row = dict_row
        self.dsn = dsn
        self.schema = schema
        self.connect_timeout = connect_timeout
        self._depth = 0
        self._lock = threading.RLock()
        self._closed = False
        self.conn: psycopg.Connection[Row] = self._connect()

    def _connect(self) -> psycopg.Connection[Row]:
        psycopg, pgsql = self._psycopg, self._sql
        try:
            conn = psycopg.connect(
                self.dsn, autocommit=True, row_factory=self._dict_row, connect_timeout=self.connect_timeout
            )
        except psycopg.Error as e:
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(self.dsn)}: {e}") from e
        if self.schema is not None:
            ident = pgsql.Identifier(self.schema)
            conn.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(ident))
            conn.execute(pgsql.SQL("SET search_path TO {}").format(ident))
        return conn

    def _live(self) -> psycopg.Connection[Row]:
        """The connection, opened again if the server dropped it (e.g. restarted).

        Only between transactions: inside one, a lost connection has lost the
        transaction, and the error must reach the caller. The statement that met
        the broken connection is not retried (it may have committed).
        """
        if self._closed:
            raise StoreError("the store is closed")
        if self.conn.broken and not self._depth:
            self.conn = self._connect()
        return self.conn

    # --- what base.Store needs ------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._lock:
            self._live().execute(to_pyformat(sql), _params(params))

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [_params(r) for r in rows]
        if not batch:
            return
        with self._lock, self._live().cursor() as cur:
            cur.executemany(to_pyformat(sql), batch)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock, self._live().cursor() as cur:
            cur.execute(to_pyformat(sql), _params(params))
            return list(cur.fetchall())

    def _executescript(self, sql: str) -> None:
        # Without parameters psycopg sends the text as one simple query, which may hold
        # several statements; inside transaction() they join the open transaction.
        with self._lock:
            self._live().execute(sql)

    def _table_exists(self, name: str) -> bool:
        rows = self._query(
            "SELECT 1 AS x FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_name = ?",
            (name,),
        )
        return bool(rows)

    def _blob(self, value: Any) -> bytes:
        return bytes(value)

    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        with self._live().transaction():
            yield

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if not self.conn.closed:
                self.conn.close()


def _redact(dsn: str) -> str:
    """The DSN without its password, for error messages."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", dsn)
