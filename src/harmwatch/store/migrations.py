"""The schema, as an ordered list of named migrations.

Each migration is applied once and recorded in ``migrations``. SQL is written
once for every backend; the few type names that differ between SQLite and
PostgreSQL are placeholders filled in by the backend's :class:`Dialect`:
``{blob}``, ``{json}``, ``{serial}`` (an auto-numbered integer primary key),
``{real}``.

Records are kept as JSON documents (the SPEC shape) next to the columns that
queries filter on, so adding a field to a record needs no migration.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str
    # Backends (Dialect.name) this migration runs on; empty means all. On any other
    # backend it is recorded as applied without running, so names stay in step.
    dialects: tuple[str, ...] = ()


MIGRATIONS: list[Migration] = [
    Migration(
        "0001_reports",
        """
        CREATE TABLE reports (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            external_id TEXT,
            source TEXT,
            url TEXT,
            published TEXT,
            retrieved TEXT NOT NULL,
            title TEXT,
            language TEXT,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            text TEXT NOT NULL,
            raw {blob} NOT NULL,
            processed INTEGER NOT NULL DEFAULT 0,
            processed_at TEXT
        );
        CREATE INDEX reports_processed ON reports (processed);
        CREATE TABLE rejections (
            id TEXT PRIMARY KEY,
            origin TEXT NOT NULL,
            reason TEXT NOT NULL,
            sha256 TEXT,
            size INTEGER,
            at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        "0002_incidents",
        """
        CREATE TABLE incidents (
            seq {serial},
            id TEXT NOT NULL UNIQUE,
            date_start TEXT,
            date_end TEXT,
            date_precision TEXT,
            admin1_pcode TEXT,
            admin2_pcode TEXT,
            lat {real},
            lon {real},
            event_type TEXT,
            grade TEXT,
            killed_best INTEGER,
            actors TEXT,
            updated_at TEXT NOT NULL,
            data {json} NOT NULL
        );
        CREATE INDEX incidents_date ON incidents (date_start);
        CREATE INDEX incidents_admin1 ON incidents (admin1_pcode, date_start);
        CREATE INDEX incidents_latlon ON incidents (lat, lon);
        -- One row per incident a report describes: the record as extracted from
        -- that report alone, and the merged incident it was linked to.
        CREATE TABLE links (
            report_id TEXT NOT NULL REFERENCES reports (id),
            idx INTEGER NOT NULL,
            incident_id TEXT,
            score {real},
            data {json} NOT NULL,
            PRIMARY KEY (report_id, idx)
        );
        CREATE INDEX links_incident ON links (incident_id);
        CREATE TABLE claims (
            id {serial},
            incident_id TEXT NOT NULL,
            report_id TEXT,
            source TEXT,
            kind TEXT NOT NULL,
            field TEXT NOT NULL,
            value {json},
            quote TEXT NOT NULL
        );
        CREATE INDEX claims_incident ON claims (incident_id);
        """,
    ),
    Migration(
        "0003_bulletins_facilities",
        """
        CREATE TABLE bulletins (
            id TEXT PRIMARY KEY,
            report_id TEXT REFERENCES reports (id),
            source TEXT,
            date TEXT,
            scope TEXT,
            consistent INTEGER NOT NULL,
            data {json} NOT NULL
        );
        CREATE INDEX bulletins_date ON bulletins (date);
        CREATE TABLE facilities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            admin1_pcode TEXT,
            admin3_pcode TEXT,
            lat {real},
            lon {real},
            status TEXT,
            data {json} NOT NULL
        );
        CREATE TABLE facility_status (
            id {serial},
            facility_id TEXT NOT NULL REFERENCES facilities (id),
            date TEXT,
            status TEXT NOT NULL,
            incident_id TEXT,
            report_id TEXT,
            quote TEXT
        );
        CREATE INDEX facility_status_facility ON facility_status (facility_id, date);
        -- Statements about a whole area ("no hospital in the besieged districts still works").
        CREATE TABLE area_statements (
            id TEXT PRIMARY KEY,
            area TEXT NOT NULL,
            admin1_pcode TEXT,
            date TEXT,
            report_id TEXT,
            data {json} NOT NULL
        );
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value {json} NOT NULL
        );
        """,
    ),
    Migration(
        "0004_facility_events",
        """
        -- What each report says about each facility, before facilities are resolved.
        CREATE TABLE facility_events (
            report_id TEXT NOT NULL REFERENCES reports (id),
            idx INTEGER NOT NULL,
            facility_id TEXT,
            data {json} NOT NULL,
            PRIMARY KEY (report_id, idx)
        );
        CREATE INDEX facility_events_facility ON facility_events (facility_id);
        """,
    ),
    Migration(
        "0005_incidents_rtree",
        """
        -- SQLite only: an R*Tree over (lon, lat, day) so that a bbox + date-range query
        -- reads the matching incidents instead of scanning. ``id`` is incidents.seq;
        -- days count from 1970-01-01. A missing place sits at lon/lat 1000 and a
        -- missing date at day -1e7, outside any real query box. Triggers keep it in
        -- step with ``incidents`` (save_incident deletes and re-inserts).
        CREATE VIRTUAL TABLE incidents_rtree USING rtree (
            id, min_lon, max_lon, min_lat, max_lat, min_day, max_day
        );
        INSERT INTO incidents_rtree
            SELECT seq, COALESCE(lon, 1000), COALESCE(lon, 1000), COALESCE(lat, 1000), COALESCE(lat, 1000),
                   COALESCE(julianday(date_start) - 2440587.5, -10000000),
                   COALESCE(julianday(COALESCE(date_end, date_start)) - 2440587.5, -10000000)
            FROM incidents;
        CREATE TRIGGER incidents_rtree_insert AFTER INSERT ON incidents BEGIN
            INSERT INTO incidents_rtree VALUES (
                new.seq, COALESCE(new.lon, 1000), COALESCE(new.lon, 1000),
                COALESCE(new.lat, 1000), COALESCE(new.lat, 1000),
                COALESCE(julianday(new.date_start) - 2440587.5, -10000000),
                COALESCE(julianday(COALESCE(new.date_end, new.date_start)) - 2440587.5, -10000000)
            );
        END;
        CREATE TRIGGER incidents_rtree_delete AFTER DELETE ON incidents BEGIN
            DELETE FROM incidents_rtree WHERE id = old.seq;
        END;
        CREATE TRIGGER incidents_rtree_update AFTER UPDATE OF lat, lon, date_start, date_end ON incidents
        BEGIN
            DELETE FROM incidents_rtree WHERE id = old.seq;
            INSERT INTO incidents_rtree VALUES (
                new.seq, COALESCE(new.lon, 1000), COALESCE(new.lon, 1000),
                COALESCE(new.lat, 1000), COALESCE(new.lat, 1000),
                COALESCE(julianday(new.date_start) - 2440587.5, -10000000),
                COALESCE(julianday(COALESCE(new.date_end, new.date_start)) - 2440587.5, -10000000)
            );
        END;
        """,
        dialects=("sqlite",),
    ),
    Migration(
        "0006_incident_filter_indexes",
        """
        -- Pages of incidents come in seq order (a keyset cursor); these let a filtered
        -- page stop after its first matches instead of sorting every matching row.
        CREATE INDEX incidents_admin1_seq ON incidents (admin1_pcode, seq);
        CREATE INDEX incidents_admin2_seq ON incidents (admin2_pcode, seq);
        CREATE INDEX incidents_type_admin1_seq ON incidents (event_type, admin1_pcode, seq);
        CREATE INDEX incidents_grade_seq ON incidents (grade, seq);
        """,
    ),
    Migration(
        "0007_incident_points_index",
        """
        -- Covers the map's compact points query (/api/incidents/points), so drawing
        -- 100k incidents reads this index, not every record's JSON.
        CREATE INDEX incidents_points ON incidents (seq, lat, lon, date_start, event_type, killed_best, id);
        """,
    ),
]
