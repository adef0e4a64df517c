"""Incident filters for the API, the exports and the page, and the SQL they become.

The list endpoint pages with a keyset cursor on the incident's ``seq`` (the
order in which incidents were recorded or last updated) instead of
``OFFSET``/``COUNT(*)``: a page costs the same on page 1 and page 10,000, and
nothing has to count a million rows per request. The same ``seq`` drives the
live feed.

SQL here is portable (``?`` placeholders, no dialect functions). When the
backend's schema has the SQLite R*Tree index ``incidents_rtree`` (migration
``0005_incidents_rtree``, SQLite only), bbox and date-range filters are answered
from it; on other backends the same filters run on the plain columns.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from harmwatch.errors import BadQuery
from harmwatch.models import ACTORS, EVENT_TYPES, GRADES, Incident
from harmwatch.store.base import Store, incident_filters

__all__ = [
    "POINT_COLUMNS",
    "Filters",
    "area_pcode",
    "incident_page",
    "incident_page_json",
    "incident_points",
    "incident_points_json",
    "iter_incidents",
    "parse_filters",
]

MAX_PAGE = 1000
POINT_COLUMNS = ["id", "lat", "lon", "date", "event_type", "killed"]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PCODE = re.compile(r"^SY\d{2}(\d{2})?$", re.IGNORECASE)
# The R*Tree keeps a day number; these stand in for a missing date or place so
# that every incident has a box (see migration 0005).
_NO_DAY = -1.0e7
_NO_COORD = 1000.0


@dataclass
class Filters:
    """What a caller may filter incidents by. Everything optional; all of it ANDed."""

    since: str | None = None
    until: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    actor: str | None = None
    event_type: str | None = None
    grade: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat


def _check_date(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    value = value.strip()
    if not _ISO_DATE.match(value):
        raise BadQuery(f"{name} must be an ISO date (YYYY-MM-DD), got {value[:40]!r}")
    try:
        date.fromisoformat(value)
    except ValueError as e:
        raise BadQuery(f"{name} is not a real date: {value!r}") from e
    return value


def _check_vocab(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    value = value.strip().lower()
    if value not in allowed:
        raise BadQuery(f"{name} must be one of {', '.join(allowed)}; got {value[:40]!r}")
    return value


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` (the GeoJSON / OGC order)."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise BadQuery("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError as e:
        raise BadQuery("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from e
    if not all(-180 <= x <= 180 for x in (min_lon, max_lon)) or not all(
        -90 <= y <= 90 for y in (min_lat, max_lat)
    ):
        raise BadQuery("bbox is outside the world (lon -180..180, lat -90..90)")
    if min_lon > max_lon or min_lat > max_lat:
        raise BadQuery("bbox must be min_lon,min_lat,max_lon,max_lat with min <= max")
    return (min_lon, min_lat, max_lon, max_lat)


def area_pcode(area: str) -> str:
    """A governorate or district (English or Arabic, any common spelling, or a P-code) -> P-code.

    Names go through the gazetteer, so "Idlib", "Idleb", "#Rif_Dimashq" and "the Damascus
    countryside" all work.
    """
    from harmwatch.geo import get_gazetteer

    area = area.strip()
    if _PCODE.match(area):
        return area.upper()
    gazetteer = get_gazetteer()
    place = gazetteer.resolve(area)
    if place.precision == "admin1" and place.admin1_pcode:
        return place.admin1_pcode
    if place.precision == "admin2" and place.admin2_pcode:
        return place.admin2_pcode
    if place.precision == "unknown":  # hashtags and "X countryside" forms
        governorate = gazetteer.admin1(area)
        if governorate is not None:
            return governorate[1]
    raise BadQuery(f"unknown area {area[:60]!r}: give a governorate or district name, or a P-code")


def parse_filters(
    *,
    since: str | None = None,
    until: str | None = None,
    area: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    grade: str | None = None,
    bbox: str | None = None,
) -> Filters:
    """Validate raw filter strings (from a URL or the command line) into :class:`Filters`."""
    f = Filters(
        since=_check_date("since", since),
        until=_check_date("until", until),
        actor=_check_vocab("actor", actor, ACTORS),
        event_type=_check_vocab("event_type", event_type, EVENT_TYPES),
        grade=_check_vocab("grade", grade, GRADES),
        bbox=parse_bbox(bbox),
    )
    if f.since and f.until and f.since > f.until:
        raise BadQuery("since must not be after until")
    if area:
        pcode = area_pcode(area)
        if len(pcode) == 4:
            f.admin1_pcode = pcode
        else:
            f.admin2_pcode = pcode[:6]
    return f


# --- SQL ------------------------------------------------------------------------


def _has_rtree(store: Store) -> bool:
    cached = getattr(store, "_hw_has_rtree", None)
    if cached is None:
        cached = store._table_exists("incidents_rtree")  # only backends whose migrations built one
        store._hw_has_rtree = cached  # type: ignore[attr-defined]
    return bool(cached)


def _day(iso: str) -> float:
    return float(date.fromisoformat(iso).toordinal() - 719163)  # days since 1970-01-01


def _rtree_box(f: Filters) -> tuple[str, list[Any]] | None:
    """The R*Tree range for the bbox and dates; None when neither is filtered."""
    if not f.bbox and not f.since and not f.until:
        return None
    min_lon, min_lat, max_lon, max_lat = f.bbox or (-180.0, -90.0, 180.0, 90.0)
    lo_day = _day(f.since) if f.since else _NO_DAY + 1
    hi_day = _day(f.until) if f.until else 1.0e7
    if not f.bbox:
        # Without a bbox, incidents with no coordinates match too.
        min_lon, min_lat, max_lon, max_lat = -1.0e4, -1.0e4, 1.0e4, 1.0e4
    sql = (
        "r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?"
        " AND r.max_day >= ? AND r.min_day <= ?"
    )
    return sql, [min_lon, max_lon, min_lat, max_lat, lo_day, hi_day]


def _page_seqs(store: Store, f: Filters, after_seq: int | None, want: int) -> list[int]:
    """Up to ``want`` seqs of matching incidents after ``after_seq``, ascending."""
    clauses, params = incident_filters(f, "i.")
    box = _rtree_box(f) if _has_rtree(store) else None
    only_box = box is not None and not (
        f.admin1_pcode or f.admin2_pcode or f.actor or f.event_type or f.grade
    )
    if box is not None and only_box:
        return _rtree_seqs(store, box, clauses, params, after_seq, want)
    if after_seq is not None:
        clauses.append("i.seq > ?")
        params.append(after_seq)
    if box is not None:
        box_sql, box_params = box
        # CROSS JOIN makes SQLite drive the query from the R*Tree.
        where = " AND ".join([box_sql, *clauses])
        sql = (
            "SELECT i.seq AS seq FROM incidents_rtree r CROSS JOIN incidents i ON i.seq = r.id"
            f" WHERE {where} ORDER BY i.seq LIMIT {int(want)}"
        )
        return [int(r["seq"]) for r in store._query(sql, box_params + params)]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = f"SELECT i.seq AS seq FROM incidents i{where} ORDER BY i.seq LIMIT {int(want)}"
    return [int(r["seq"]) for r in store._query(sql, params)]


def _rtree_seqs(
    store: Store,
    box: tuple[str, list[Any]],
    clauses: list[str],
    params: list[Any],
    after_seq: int | None,
    want: int,
) -> list[int]:
    """Page through R*Tree candidates in id order, keeping those the exact filters accept.

    The R*Tree alone finds the page (its ids are the seqs); the table is read
    only for the candidates, to re-check the exact values (R*Tree coordinates
    are 32-bit floats, rounded outwards).
    """
    box_sql, box_params = box
    out: list[int] = []
    cursor = after_seq if after_seq is not None else 0
    while len(out) < want:
        need = want - len(out)
        cand = [
            int(r["id"])
            for r in store._query(
                f"SELECT r.id AS id FROM incidents_rtree r WHERE {box_sql} AND r.id > ?"
                f" ORDER BY r.id LIMIT {int(need)}",
                [*box_params, cursor],
            )
        ]
        if not cand:
            break
        marks = ",".join("?" for _ in cand)
        exact = " AND ".join([f"i.seq IN ({marks})", *clauses])
        out += [
            int(r["seq"])
            for r in store._query(
                f"SELECT i.seq AS seq FROM incidents i WHERE {exact} ORDER BY i.seq", [*cand, *params]
            )
        ]
        cursor = cand[-1]
        if len(cand) < need:
            break
    return out[:want]


def incident_page_json(
    store: Store, f: Filters, *, after_seq: int | None = None, limit: int = 100
) -> tuple[list[tuple[int, str]], bool]:
    """One page of matching incidents as their stored JSON text (the SPEC record), in ``seq`` order.

    The API sends these strings as they are: rebuilding and re-serialising
    each record would cost more than the query.
    """
    if limit < 1 or limit > MAX_PAGE:
        raise BadQuery(f"limit must be between 1 and {MAX_PAGE}")
    seqs = _page_seqs(store, f, after_seq, limit + 1)
    has_more = len(seqs) > limit
    seqs = seqs[:limit]
    if not seqs:
        return [], False
    marks = ",".join("?" for _ in seqs)
    rows = store._query(f"SELECT seq, data FROM incidents WHERE seq IN ({marks}) ORDER BY seq", seqs)
    out = [
        (
            int(r["seq"]),
            r["data"] if isinstance(r["data"], str) else json.dumps(r["data"], ensure_ascii=False),
        )
        for r in rows
    ]
    return out, has_more


def incident_page(
    store: Store, f: Filters, *, after_seq: int | None = None, limit: int = 100
) -> tuple[list[tuple[int, Incident]], bool]:
    """One page of matching incidents, ``(seq, incident)`` in ``seq`` order, and whether more follow."""
    page, has_more = incident_page_json(store, f, after_seq=after_seq, limit=limit)
    return [(seq, Incident.from_dict(json.loads(text))) for seq, text in page], has_more


def iter_incidents(store: Store, f: Filters, *, batch: int = 500) -> Any:
    """Every matching incident, fetched a page at a time (for streaming exports)."""
    after: int | None = None
    while True:
        page, more = incident_page(store, f, after_seq=after, limit=batch)
        for seq, inc in page:
            after = seq
            yield inc
        if not more:
            return


def incident_points(store: Store, f: Filters) -> tuple[list[list[Any]], int]:
    """``[id, lat, lon, date, event_type, killed]`` for every matching incident with coordinates.

    The page draws the map from these (a few dozen bytes each) and fetches a
    full record only when one is clicked. Also returns the highest ``seq`` seen,
    where the live feed should start.
    """
    clauses, params = incident_filters(f)
    clauses += ["lat IS NOT NULL", "lon IS NOT NULL"]
    sql = (
        "SELECT seq, id, lat, lon, date_start, event_type, killed_best FROM incidents WHERE "
        + " AND ".join(clauses)
        + " ORDER BY seq"
    )
    points: list[list[Any]] = []
    last = 0
    for r in store._query(sql, params):
        points.append(
            [
                r["id"],
                round(float(r["lat"]), 5),
                round(float(r["lon"]), 5),
                r["date_start"],
                r["event_type"],
                r["killed_best"],
            ]
        )
        last = max(last, int(r["seq"]))
    return points, last


def _day_number(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal() - 719163
    except ValueError:
        return None


def _type_case() -> str:
    codes = " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(EVENT_TYPES))
    return f"CASE event_type {codes} ELSE {EVENT_TYPES.index('unknown')} END"


# The columns as JSON arrays built inside the database: for 100k incidents this
# is several times faster than building them in Python. One entry per dialect
# that has JSON aggregates; any other backend goes through incident_points().
_POINT_AGGREGATES = {
    "sqlite": (
        "SELECT json_group_array(id) AS id, json_group_array(round(lat, 5)) AS lat,"
        " json_group_array(round(lon, 5)) AS lon,"
        " json_group_array(CAST(julianday(date_start) - 2440587.5 AS INTEGER)) AS day,"
        f" json_group_array({_type_case()}) AS type, json_group_array(killed_best) AS killed,"
        " MAX(seq) AS last, COUNT(*) AS n"
        " FROM (SELECT seq, id, lat, lon, date_start, event_type, killed_best FROM incidents"
        " WHERE {where} ORDER BY seq)"
    ),
}
POINT_ARRAYS = ("id", "lat", "lon", "day", "type", "killed")


def incident_points_json(store: Store, f: Filters) -> str:
    """Every matching incident with coordinates, as compact JSON columns for the map.

    ``{"count", "seq", "event_types", "id": [...], "lat": [...], "lon": [...],
    "day": [...], "type": [...], "killed": [...]}``: ``day`` counts days since
    1970-01-01 (null when unknown), ``type`` indexes ``event_types``, and
    ``seq`` is where the live feed should start. Parallel arrays parse several
    times faster in a browser than one small array per incident.
    """
    head = {"event_types": list(EVENT_TYPES)}
    template = _POINT_AGGREGATES.get(store.dialect.name)
    if template is not None:
        clauses, params = incident_filters(f)
        clauses += ["lat IS NOT NULL", "lon IS NOT NULL"]
        row = store._query(template.replace("{where}", " AND ".join(clauses)), params)[0]
        n, last = int(row["n"] or 0), int(row["last"] or 0)
        arrays = {k: row[k] if n else "[]" for k in POINT_ARRAYS}
    else:
        points, last = incident_points(store, f)
        n = len(points)
        cols: dict[str, list[Any]] = {k: [] for k in POINT_ARRAYS}
        for pid, lat, lon, day, etype, killed in points:
            cols["id"].append(pid)
            cols["lat"].append(lat)
            cols["lon"].append(lon)
            cols["day"].append(_day_number(day))
            cols["type"].append(
                EVENT_TYPES.index(etype) if etype in EVENT_TYPES else EVENT_TYPES.index("unknown")
            )
            cols["killed"].append(killed)
        arrays = {k: json.dumps(v, ensure_ascii=False, separators=(",", ":")) for k, v in cols.items()}
    head.update({"count": n, "seq": last})  # type: ignore[dict-item]
    return json.dumps(head)[:-1] + "," + ",".join(f'"{k}":{arrays[k]}' for k in POINT_ARRAYS) + "}"


def data_version(store: Store) -> tuple[int, int]:
    """Changes whenever an incident is saved or deleted: (highest seq, number of incidents)."""
    row = store._query("SELECT MAX(seq) AS last, COUNT(*) AS n FROM incidents")[0]
    return int(row["last"] or 0), int(row["n"] or 0)


def point_of(incident: Incident) -> list[Any] | None:
    """The compact point for one incident (as :func:`incident_points` returns), or None."""
    p = incident.place
    if p.lat is None or p.lon is None:
        return None
    killed = incident.victims.killed
    return [
        incident.id,
        round(p.lat, 5),
        round(p.lon, 5),
        incident.date.start,
        incident.event_type,
        killed.best if killed is not None else None,
    ]


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, (str, bytes)) else value
