"""The storage interface every backend implements.

:class:`Store` holds all the domain operations (add a report, save an incident,
query incidents, ...) written once in portable SQL. A backend subclass supplies
only the connection: how to run a statement, how to open a transaction, and a
:class:`Dialect` for the handful of type names and operators that differ.
This is the pattern of splink's ``DatabaseAPI``: no ``if backend == ...``
anywhere else.

SQL placeholders are written ``?``; a backend that wants another style
translates them (PostgreSQL: ``?`` -> ``%s`` in ``postgres.to_pyformat``).

Portable SQL that behaves the same on SQLite and PostgreSQL:

* ``ORDER BY`` a nullable column says ``NULLS FIRST`` (SQLite's default;
  PostgreSQL would otherwise put NULLs last), so pages and listings agree.
* ``LIKE`` is case-sensitive on PostgreSQL and not on SQLite: compare
  ``LOWER(...) LIKE LOWER(?)`` when the case must not matter.
* No ``INSERT OR REPLACE``/``REPLACE INTO``; delete-then-insert, or
  ``ON CONFLICT (...) DO NOTHING``. No SQLite-only functions (``instr``,
  ``json_extract``, ``group_concat``); a backend-specific feature goes through a
  :class:`Dialect` hook.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from harmwatch.errors import BadQuery, MigrationError, NotFound
from harmwatch.models import (
    Bulletin,
    Facility,
    FacilityEvent,
    Incident,
    Rejection,
    Report,
    StatusEntry,
    to_jsonable,
)
from harmwatch.store.migrations import MIGRATIONS

Row = dict[str, Any]


@dataclass(frozen=True)
class Dialect:
    name: str
    blob: str
    json: str
    serial: str
    real: str

    def render(self, sql: str) -> str:
        return sql.format(blob=self.blob, json=self.json, serial=self.serial, real=self.real)


@dataclass
class IncidentQuery:
    """Filters shared by the CLI, the API and the exports."""

    since: str | None = None
    until: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    area: str | None = None  # free text, resolved by the caller to admin1_pcode when possible
    actor: str | None = None
    event_type: str | None = None
    grade: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    limit: int | None = None
    offset: int = 0
    after_seq: int | None = None  # for the live feed: incidents changed after this sequence number


def incident_filters(q: Any, alias: str = "") -> tuple[list[str], list[Any]]:
    """The WHERE clauses (ANDed) and parameters for incident filters, in portable SQL.

    ``q`` is an :class:`IncidentQuery` or anything with the same filter attributes
    (the web layer's ``Filters``); ``alias`` prefixes the columns (``"i."``). Every
    path that lists incidents (CLI, API, page, exports, bulletins) filters here.
    """
    a = alias
    clauses: list[str] = []
    params: list[Any] = []
    if q.since:
        clauses.append(f"({a}date_end >= ? OR ({a}date_end IS NULL AND {a}date_start >= ?))")
        params += [q.since, q.since]
    if q.until:
        clauses.append(f"{a}date_start <= ?")
        params.append(q.until)
    if q.admin1_pcode:
        clauses.append(f"{a}admin1_pcode = ?")
        params.append(q.admin1_pcode)
    if getattr(q, "admin2_pcode", None):
        clauses.append(f"{a}admin2_pcode = ?")
        params.append(q.admin2_pcode)
    if q.actor:
        # actors are stored as a comma list of lower-case vocabulary ids
        clauses.append(f"(',' || {a}actors || ',') LIKE ?")
        params.append(f"%,{q.actor.lower()},%")
    if q.event_type:
        clauses.append(f"{a}event_type = ?")
        params.append(q.event_type)
    if q.grade:
        clauses.append(f"{a}grade = ?")
        params.append(q.grade)
    if q.bbox:
        min_lon, min_lat, max_lon, max_lat = q.bbox
        if min_lon > max_lon or min_lat > max_lat:
            raise BadQuery("bbox must be min_lon,min_lat,max_lon,max_lat")
        clauses.append(f"{a}lat BETWEEN ? AND ? AND {a}lon BETWEEN ? AND ?")
        params += [min_lat, max_lat, min_lon, max_lon]
    return clauses, params


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(ABC):
    """A harmwatch database. Use as a context manager, or call :meth:`close`."""

    dialect: Dialect

    # --- what a backend provides --------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    @abstractmethod
    def _executescript(self, sql: str) -> None: ...

    @abstractmethod
    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        """Begin a transaction; commit when the block ends, roll back if it raises."""
        yield

    # Set by each backend's __init__: a re-entrant lock around the connection, and how
    # deeply transaction() calls are nested.
    _lock: threading.RLock
    _depth: int

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all. Nested calls join the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            # The depth is set only once the backend has begun: beginning may reconnect.
            with self._outer_transaction():
                self._depth = 1
                try:
                    yield
                finally:
                    self._depth = 0

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _table_exists(self, name: str) -> bool: ...

    def _blob(self, value: Any) -> bytes:
        return bytes(value)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ----------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; return their names."""
        applied: list[str] = []
        with self.transaction():
            if not self._table_exists("migrations"):
                self._execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r["name"] for r in self._query("SELECT name FROM migrations")}
        known = {m.name for m in MIGRATIONS}
        unknown = done - known
        if unknown:
            raise MigrationError(
                f"database has migrations this version does not know: {sorted(unknown)}; upgrade harmwatch"
            )
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            with self.transaction():
                if not migration.dialects or self.dialect.name in migration.dialects:
                    self._executescript(self.dialect.render(migration.sql))
                self._execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (migration.name, now_iso())
                )
            applied.append(migration.name)
        return applied

    def schema_version(self) -> list[str]:
        return [r["name"] for r in self._query("SELECT name FROM migrations ORDER BY name")]

    # --- reports ---------------------------------------------------------------

    def add_report(self, report: Report, raw: bytes) -> bool:
        """Store a report and its exact bytes. Returns False if those bytes are already stored."""
        rows = self._query("SELECT id FROM reports WHERE sha256 = ?", (report.sha256,))
        if rows:
            return False
        self._execute(
            "INSERT INTO reports (id, sha256, external_id, source, url, published, retrieved, title,"
            " language, media_type, size, text, raw, processed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (sha256) DO NOTHING",
            (
                report.id,
                report.sha256,
                report.external_id,
                report.source,
                report.url,
                report.published,
                report.retrieved,
                report.title,
                report.language,
                report.media_type,
                report.size,
                report.text,
                raw,
            ),
        )
        return True

    def has_report(self, sha256: str) -> bool:
        return bool(self._query("SELECT 1 AS x FROM reports WHERE sha256 = ?", (sha256,)))

    _REPORT_COLUMNS = (
        "id, sha256, external_id, source, url, published, retrieved, title, language,"
        " media_type, size, text, processed"
    )

    def get_report(self, report_id: str) -> Report:
        rows = self._query(f"SELECT {self._REPORT_COLUMNS} FROM reports WHERE id = ?", (report_id,))
        if not rows:
            raise NotFound(f"no report with id {report_id!r}")
        return _report_from_row(rows[0])

    def get_report_raw(self, report_id: str) -> bytes:
        rows = self._query("SELECT raw FROM reports WHERE id = ?", (report_id,))
        if not rows:
            raise NotFound(f"no report with id {report_id!r}")
        return self._blob(rows[0]["raw"])

    def list_reports(self, *, processed: bool | None = None) -> list[Report]:
        sql = f"SELECT {self._REPORT_COLUMNS} FROM reports"
        params: tuple[Any, ...] = ()
        if processed is not None:
            sql += " WHERE processed = ?"
            params = (int(processed),)
        sql += " ORDER BY published NULLS FIRST, id"
        return [_report_from_row(r) for r in self._query(sql, params)]

    def count_reports(self) -> int:
        return int(self._query("SELECT COUNT(*) AS n FROM reports")[0]["n"])

    def mark_processed(self, report_id: str) -> None:
        self._execute(
            "UPDATE reports SET processed = 1, processed_at = ? WHERE id = ?", (now_iso(), report_id)
        )

    def add_rejection(self, rejection: Rejection) -> bool:
        """Record a refused input. The same refusal (same origin and bytes) is kept once."""
        if self._query("SELECT 1 AS x FROM rejections WHERE id = ?", (rejection.id,)):
            return False
        self._execute(
            "INSERT INTO rejections (id, origin, reason, sha256, size, at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                rejection.id,
                rejection.origin,
                rejection.reason,
                rejection.sha256,
                rejection.size,
                rejection.at or now_iso(),
            ),
        )
        return True

    def list_rejections(self) -> list[Rejection]:
        rows = self._query("SELECT id, origin, reason, sha256, size, at FROM rejections ORDER BY at, id")
        return [Rejection(**r) for r in rows]

    # --- links: what each report says, and which incident it feeds ----------------

    def save_report_incidents(self, report_id: str, incidents: Sequence[Incident]) -> None:
        """Keep the incidents as extracted from one report, before linking."""
        self._execute("DELETE FROM links WHERE report_id = ?", (report_id,))
        self._executemany(
            "INSERT INTO links (report_id, idx, incident_id, score, data) VALUES (?, ?, ?, ?, ?)",
            [(report_id, i, inc.id or None, None, _dumps(inc)) for i, inc in enumerate(incidents)],
        )

    def set_link(self, report_id: str, idx: int, incident_id: str, score: float | None = None) -> None:
        self._execute(
            "UPDATE links SET incident_id = ?, score = ? WHERE report_id = ? AND idx = ?",
            (incident_id, score, report_id, idx),
        )

    def report_incidents(
        self, *, report_id: str | None = None, incident_id: str | None = None
    ) -> list[tuple[str, int, str | None, Incident]]:
        """(report_id, idx, incident_id, extracted incident) rows, filtered by report or incident."""
        sql = "SELECT report_id, idx, incident_id, data FROM links"
        params: tuple[Any, ...] = ()
        if report_id is not None:
            sql += " WHERE report_id = ?"
            params = (report_id,)
        elif incident_id is not None:
            sql += " WHERE incident_id = ?"
            params = (incident_id,)
        sql += " ORDER BY report_id, idx"
        return [
            (r["report_id"], r["idx"], r["incident_id"], Incident.from_dict(_loads(r["data"])))
            for r in self._query(sql, params)
        ]

    def unlinked_report_incidents(self) -> list[tuple[str, int, str | None, Incident]]:
        """The extracted per-report incidents not yet linked to a merged incident (for ``link``).

        A row is unlinked while its ``incident_id`` is empty or names no merged
        incident (the extractor may pre-fill its own per-report id).
        """
        rows = self._query(
            "SELECT report_id, idx, incident_id, data FROM links l WHERE l.incident_id IS NULL"
            " OR NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = l.incident_id)"
            " ORDER BY report_id, idx"
        )
        return [
            (r["report_id"], r["idx"], r["incident_id"], Incident.from_dict(_loads(r["data"]))) for r in rows
        ]

    def incidents_of_report(self, report_id: str) -> list[str]:
        rows = self._query(
            "SELECT DISTINCT incident_id FROM links WHERE report_id = ? AND incident_id IS NOT NULL",
            (report_id,),
        )
        return [r["incident_id"] for r in rows]

    # --- incidents ---------------------------------------------------------------

    def save_incident(self, incident: Incident) -> None:
        """Insert or replace a merged incident, with its claims in their own table."""
        killed = incident.victims.killed
        actors = ",".join(sorted({p.actor for p in incident.perpetrators}))
        params = (
            incident.date.start,
            incident.date.end,
            incident.date.precision,
            incident.place.admin1_pcode,
            incident.place.admin2_pcode,
            incident.place.lat,
            incident.place.lon,
            incident.event_type,
            incident.grade,
            killed.best if killed is not None else None,
            actors,
            now_iso(),
            _dumps(incident),
        )
        # Delete-then-insert moves the row to a new ``seq``, which the live feed follows.
        self._execute("DELETE FROM incidents WHERE id = ?", (incident.id,))
        self._execute(
            "INSERT INTO incidents (id, date_start, date_end, date_precision, admin1_pcode, admin2_pcode,"
            " lat, lon, event_type, grade, killed_best, actors, updated_at, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (incident.id, *params),
        )
        self._execute("DELETE FROM claims WHERE incident_id = ?", (incident.id,))
        self._executemany(
            "INSERT INTO claims (incident_id, report_id, source, kind, field, value, quote)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    incident.id,
                    c.report_id,
                    c.source,
                    c.kind,
                    c.field,
                    json.dumps(to_jsonable(c.value)),
                    c.quote,
                )
                for c in incident.claims
            ],
        )

    def delete_incident(self, incident_id: str) -> None:
        self._execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
        self._execute("DELETE FROM claims WHERE incident_id = ?", (incident_id,))

    def get_incident(self, incident_id: str) -> Incident:
        rows = self._query("SELECT data FROM incidents WHERE id = ?", (incident_id,))
        if not rows:
            raise NotFound(f"no incident with id {incident_id!r}")
        return Incident.from_dict(_loads(rows[0]["data"]))

    def query_incidents(self, q: IncidentQuery | None = None) -> list[Incident]:
        where, params = self._incident_where(q or IncidentQuery())
        sql = f"SELECT data FROM incidents{where} ORDER BY date_start NULLS FIRST, seq"
        sql += self._page(q)
        return [Incident.from_dict(_loads(r["data"])) for r in self._query(sql, params)]

    def count_incidents(self, q: IncidentQuery | None = None) -> int:
        where, params = self._incident_where(q or IncidentQuery())
        return int(self._query(f"SELECT COUNT(*) AS n FROM incidents{where}", params)[0]["n"])

    def incidents_changed_since(self, seq: int, limit: int = 100) -> list[tuple[int, Incident]]:
        rows = self._query("SELECT seq, data FROM incidents WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit))
        return [(int(r["seq"]), Incident.from_dict(_loads(r["data"]))) for r in rows]

    def last_incident_seq(self) -> int:
        rows = self._query("SELECT MAX(seq) AS m FROM incidents")
        return int(rows[0]["m"] or 0)

    def _incident_where(self, q: IncidentQuery) -> tuple[str, list[Any]]:
        clauses, params = incident_filters(q)
        if q.after_seq is not None:
            clauses.append("seq > ?")
            params.append(q.after_seq)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    @staticmethod
    def _page(q: IncidentQuery | None) -> str:
        if q is None or q.limit is None:
            return ""
        return f" LIMIT {int(q.limit)} OFFSET {int(q.offset)}"

    # --- bulletins -----------------------------------------------------------------

    def save_bulletin(self, bulletin: Bulletin) -> None:
        self._execute("DELETE FROM bulletins WHERE id = ?", (bulletin.id,))
        self._execute(
            "INSERT INTO bulletins (id, report_id, source, date, scope, consistent, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                bulletin.id,
                bulletin.report_id,
                bulletin.source,
                bulletin.date,
                bulletin.scope,
                int(bulletin.consistent),
                _dumps(bulletin),
            ),
        )

    def list_bulletins(self, *, date: str | None = None) -> list[Bulletin]:
        sql = "SELECT data FROM bulletins"
        params: tuple[Any, ...] = ()
        if date:
            sql += " WHERE date = ?"
            params = (date,)
        sql += " ORDER BY date NULLS FIRST, id"
        return [Bulletin.from_dict(_loads(r["data"])) for r in self._query(sql, params)]

    # --- facilities ----------------------------------------------------------------

    def save_facility(self, facility: Facility) -> None:
        """Insert or replace a facility and its whole status timeline."""
        self._execute("DELETE FROM facility_status WHERE facility_id = ?", (facility.id,))
        self._execute("DELETE FROM facilities WHERE id = ?", (facility.id,))
        p = facility.place
        self._execute(
            "INSERT INTO facilities (id, name, kind, admin1_pcode, admin3_pcode, lat, lon, status, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                facility.id,
                facility.name,
                facility.kind,
                p.admin1_pcode,
                p.admin3_pcode,
                p.lat,
                p.lon,
                facility.status,
                _dumps(facility),
            ),
        )
        self._executemany(
            "INSERT INTO facility_status (facility_id, date, status, incident_id, report_id, quote)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (facility.id, s.date, s.status, s.incident_id, s.report_id, s.quote)
                for s in facility.status_history
            ],
        )

    def list_facilities(self) -> list[Facility]:
        rows = self._query("SELECT data FROM facilities ORDER BY name, id")
        return [Facility.from_dict(_loads(r["data"])) for r in rows]

    def get_facility(self, facility_id: str) -> Facility:
        rows = self._query("SELECT data FROM facilities WHERE id = ?", (facility_id,))
        if not rows:
            raise NotFound(f"no facility with id {facility_id!r}")
        return Facility.from_dict(_loads(rows[0]["data"]))

    def delete_facility(self, facility_id: str) -> None:
        self._execute("DELETE FROM facility_status WHERE facility_id = ?", (facility_id,))
        self._execute("DELETE FROM facilities WHERE id = ?", (facility_id,))

    def status_entries(self, facility_id: str) -> list[StatusEntry]:
        rows = self._query(
            "SELECT date, status, incident_id, report_id, quote FROM facility_status"
            " WHERE facility_id = ? ORDER BY date NULLS FIRST, id",
            (facility_id,),
        )
        return [StatusEntry(**r) for r in rows]

    def save_facility_events(self, report_id: str, events: Sequence[FacilityEvent]) -> None:
        self._execute("DELETE FROM facility_events WHERE report_id = ?", (report_id,))
        self._executemany(
            "INSERT INTO facility_events (report_id, idx, facility_id, data) VALUES (?, ?, ?, ?)",
            [(report_id, i, None, _dumps(ev)) for i, ev in enumerate(events)],
        )

    def facility_events(
        self, *, unresolved_only: bool = False
    ) -> list[tuple[str, int, str | None, FacilityEvent]]:
        """(report_id, idx, facility_id, event) rows; ``facility_id`` is None until resolved."""
        sql = "SELECT report_id, idx, facility_id, data FROM facility_events"
        if unresolved_only:
            sql += " WHERE facility_id IS NULL"
        sql += " ORDER BY report_id, idx"
        return [
            (r["report_id"], r["idx"], r["facility_id"], FacilityEvent.from_dict(_loads(r["data"])))
            for r in self._query(sql)
        ]

    def set_facility_event_facility(self, report_id: str, idx: int, facility_id: str) -> None:
        self._execute(
            "UPDATE facility_events SET facility_id = ? WHERE report_id = ? AND idx = ?",
            (facility_id, report_id, idx),
        )

    def save_area_statement(
        self,
        statement_id: str,
        area: str,
        admin1_pcode: str | None,
        date: str | None,
        report_id: str | None,
        data: dict[str, Any],
    ) -> None:
        self._execute("DELETE FROM area_statements WHERE id = ?", (statement_id,))
        self._execute(
            "INSERT INTO area_statements (id, area, admin1_pcode, date, report_id, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (statement_id, area, admin1_pcode, date, report_id, json.dumps(data, ensure_ascii=False)),
        )

    def list_area_statements(self) -> list[dict[str, Any]]:
        rows = self._query("SELECT data FROM area_statements ORDER BY date NULLS FIRST, id")
        return [_loads(r["data"]) for r in rows]

    # --- small key/value settings (e.g. a trained linkage model) --------------------

    def get_meta(self, key: str) -> Any:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return _loads(rows[0]["value"]) if rows else None

    def set_meta(self, key: str, value: Any) -> None:
        self._execute("DELETE FROM meta WHERE key = ?", (key,))
        self._execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, json.dumps(value)))


def _dumps(record: Any) -> str:
    return json.dumps(to_jsonable(record), ensure_ascii=False, separators=(",", ":"))


def _loads(value: Any) -> Any:
    # PostgreSQL's json type comes back already decoded.
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _report_from_row(row: Row) -> Report:
    data = dict(row)
    data["processed"] = bool(data["processed"])
    return Report(**data)
