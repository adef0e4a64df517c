"""The as-of answer: which facilities of an area function on a given day.

``as_of(store, area="Idlib", on="2018-02-10")`` gives each facility's status
on that day (its last dated status on or before it), how many function, how
many do not, how many are unknown, the area-level statements made up to that
day, and, where a population is known, how many people are left without a
functioning facility.

A damaged facility counts as unknown: reports rarely say whether it still
works. Destroyed, out of service, evacuated and relocated count as not
functioning at that site.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from harmwatch.errors import BadQuery, InputRejected, NotFound
from harmwatch.facilities.names import fold
from harmwatch.facilities.places import (
    _names_same,
    distance_km,
    level,
    resolve_place,
    same_town,
)
from harmwatch.facilities.timeline import FUNCTIONING, NOT_FUNCTIONING, date_key, status_on
from harmwatch.models import Facility, Place, Range, to_jsonable

__all__ = ["as_of", "facility_in_area", "load_population", "statement_in_area"]

MAX_POPULATION_BYTES = 64 * 1024 * 1024
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_NAME_KEYS = (
    "area",
    "name",
    "town",
    "community",
    "location",
    "location_name",
    "place",
    "admin",
    "hot_name_en",
    "settlement",
    "locality",
    "facility",
)
_POP_KEYS = (
    "population",
    "total_population",
    "people",
    "population_served",
    "pop",
    "residents",
    "catchment_population",
    "beneficiaries",
)


def _area_place(area: str) -> Place:
    return resolve_place(area)


def facility_in_area(place: Place, area: str, area_place: Place | None = None) -> bool:
    """True when a facility's place lies in the area a user named (any admin level, or a town)."""
    a = area.strip()
    if not a:
        return True
    up = a.upper()
    if up.startswith("SY") and up in {place.admin1_pcode, place.admin2_pcode, place.admin3_pcode}:
        return True
    for name in (
        place.name,
        place.admin1,
        place.admin2,
        place.admin3,
        place.span.text if place.span else None,
    ):
        if name and _names_same(a, name):
            return True
    ap = area_place if area_place is not None else _area_place(a)
    if ap.precision == "admin1" and ap.admin1_pcode:
        return place.admin1_pcode == ap.admin1_pcode
    if ap.precision == "admin2" and ap.admin2_pcode:
        return place.admin2_pcode == ap.admin2_pcode
    if ap.precision == "admin3" and ap.admin3_pcode:
        return place.admin3_pcode == ap.admin3_pcode
    if ap.precision == "admin2" and ap.lat is not None and place.lat is not None and place.lon is not None:
        # a named region ("Eastern Ghouta") without codes: within its rough radius
        return distance_km(ap.lat, ap.lon or 0.0, place.lat, place.lon) <= 15.0
    if level(ap) == "town":
        return same_town(ap, place)
    return False


def statement_in_area(statement: dict[str, Any], area: str, area_place: Place | None = None) -> bool:
    """True when an area statement is about the area asked for, or a part of it."""
    if not area.strip():
        return True
    texts = [statement.get("area") or ""]
    sp = statement.get("place") or {}
    texts += [sp.get(k) or "" for k in ("name", "admin1", "admin2", "admin3")]
    fa = fold(area)
    for t in texts:
        if t and (_names_same(area, t) or (fa and fa in [*fold(t).split(), fold(t)])):
            return True
    if sp:
        place = Place(**{k: v for k, v in sp.items() if k in Place.__dataclass_fields__ and k != "span"})
        return facility_in_area(place, area, area_place)
    return False


def load_population(path: Path | str) -> list[tuple[str, int, float | None, float | None]]:
    """(name, population, lat, lon) rows from a CSV: an area, town or facility, and its people."""
    p = Path(path)
    if not p.is_file():
        raise NotFound(f"population file not found: {p}")
    if p.stat().st_size > MAX_POPULATION_BYTES:
        raise InputRejected(f"population file is too large: {p}")
    raw = p.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputRejected(f"population file looks binary, not CSV: {p}")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig", errors="replace")))
    fields = {(f or "").strip().lower(): f for f in reader.fieldnames or []}
    name_key = next((fields[k] for k in _NAME_KEYS if k in fields), None)
    pop_key = next((fields[k] for k in _POP_KEYS if k in fields), None)
    if name_key is None or pop_key is None:
        raise InputRejected(
            f"population file needs a name column (area, name, town, ...) and a population column: {p}"
        )
    lat_key = next((fields[k] for k in ("lat", "latitude") if k in fields), None)
    lon_key = next((fields[k] for k in ("lon", "lng", "longitude") if k in fields), None)
    out: list[tuple[str, int, float | None, float | None]] = []
    for row in reader:
        name = (row.get(name_key) or "").strip()
        digits = re.sub(r"[^\d]", "", (row.get(pop_key) or "").split(".")[0])
        if not name or not digits:
            continue
        lat = lon = None
        try:
            if lat_key and lon_key and row.get(lat_key) and row.get(lon_key):
                lat, lon = float(row[lat_key]), float(row[lon_key])
        except ValueError:
            lat = lon = None
        out.append((name[:200], int(digits), lat, lon))
    return out


def _functioning(status: str) -> bool | None:
    if status in FUNCTIONING:
        return True
    if status in NOT_FUNCTIONING:
        return False
    return None


def _town_matches(name: str, lat: float | None, lon: float | None, f: Facility) -> bool:
    p = f.place
    if lat is not None and lon is not None and p.lat is not None and p.lon is not None:
        return distance_km(lat, lon, p.lat, p.lon) <= 4.0
    return any(_names_same(name, n) for n in (p.name, p.span.text if p.span else None) if n)


def _population_without_access(
    area: str | None,
    rows: list[tuple[Facility, bool | None]],
    table: list[tuple[str, int, float | None, float | None]],
    statements: list[dict[str, Any]],
    notes: list[str],
) -> Range | None:
    low = high = 0
    used = False
    area_rows = [r for r in table if area and _names_same(area, r[0])]
    if area_rows and rows:
        pop = area_rows[0][1]
        states = [s for _f, s in rows]
        used = True
        if any(s is True for s in states):
            notes.append(f"{area}: population {pop} from the table; some facility functions")
        elif all(s is False for s in states):
            low = high = pop
            notes.append(f"{area}: population {pop} from the table; no facility functions")
        else:
            high = pop
            notes.append(f"{area}: population {pop} from the table; status of some facilities unknown")
    else:
        towns: dict[str, tuple[int, list[bool | None]]] = {}
        facility_rows = {fold(r[0]): r[1] for r in table}
        for f, state in rows:
            for name, pop, lat, lon in table:
                if _town_matches(name, lat, lon, f):
                    towns.setdefault(name, (pop, []))[1].append(state)
                    break
        for name, (pop, states) in towns.items():
            used = True
            if any(s is True for s in states):
                continue
            high += pop
            if all(s is False for s in states):
                low += pop
            notes.append(f"{name}: population {pop} from the table, functioning facilities: 0")
        if not towns:
            for f, state in rows:
                served = f.population_served
                for n in (f.name, *f.aliases):
                    served = facility_rows.get(fold(n), served)
                if served is None:
                    continue
                used = True
                if state is False:
                    low += served
                    high += served
                elif state is None:
                    high += served
            if used:
                notes.append("population served by facilities not functioning (catchments may overlap)")
    if used:
        return Range(low if low == high else None, low, high)
    # No table and no served figures: the latest statement about the area with a figure.
    for st in sorted(statements, key=lambda s: date_key(s.get("date")), reverse=True):
        fn = st.get("functioning") or {}
        if st.get("population") and fn.get("best") == 0:
            stated = Range.from_dict(st["population"])
            notes.append(f"population from a report's statement: {st.get('quote', '')[:200]}")
            return stated
    return None


def as_of(store: Any, *, area: str | None, on: str, population: Path | None = None) -> dict[str, Any]:
    """The SPEC as-of answer for ``area`` (None: everywhere) on day ``on``.

    Raises:
        BadQuery: ``on`` is not an ISO date.
        NotFound, InputRejected: the population file is missing or unreadable.
    """
    on = (on or "").strip()
    if not _DATE_RE.match(on):
        raise BadQuery(f"--on must be an ISO date (YYYY-MM-DD), not {on[:40]!r}")
    area = (area or "").strip()[:200] or None
    area_place = _area_place(area) if area else None
    table = load_population(population) if population is not None else []
    counts = {"functioning": 0, "not_functioning": 0, "unknown": 0}
    rows: list[tuple[Facility, bool | None]] = []
    out_facilities: list[dict[str, Any]] = []
    limit = date_key(on)
    for f in store.list_facilities():
        if area and not facility_in_area(f.place, area, area_place):
            continue
        status, entry = status_on(f, on)
        state = _functioning(status)
        counts["functioning" if state else "not_functioning" if state is False else "unknown"] += 1
        rows.append((f, state))
        d = to_jsonable(f)
        d["latest_status"] = f.status
        d["status"] = status
        d["functioning"] = state
        d["status_since"] = entry.date if entry else None
        d["status_entry"] = to_jsonable(entry) if entry else None
        d["status_history"] = [
            to_jsonable(s) for s in f.status_history if not s.date or date_key(s.date) <= limit
        ]
        out_facilities.append(d)
    statements = [
        s
        for s in store.list_area_statements()
        if (not s.get("date") or date_key(s["date"]) <= limit)
        and (area is None or statement_in_area(s, area, area_place))
    ]
    statements.sort(key=lambda s: date_key(s.get("date")), reverse=True)
    notes: list[str] = []
    pop = _population_without_access(area, rows, table, statements, notes)
    return {
        "area": area,
        "on": on,
        "functioning": counts["functioning"],
        "not_functioning": counts["not_functioning"],
        "unknown": counts["unknown"],
        "population_without_access": pop.to_dict() if pop is not None else None,
        "facilities": out_facilities,
        "statements": statements,
        "notes": notes,
    }
