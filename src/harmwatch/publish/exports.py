"""Incidents as files analysts already know how to read: CSV, HXL-tagged CSV, GeoJSON.

The CSV columns follow ACLED and UCDP GED so that existing scripts run
unchanged on a harmwatch export: ``event_date``, ``time_precision``,
``admin1``, ``admin2``, ``location``, ``latitude``, ``longitude``,
``geo_precision``, ``fatalities``, ``actor1``, ``sub_event_type``, ``notes``,
``source`` (ACLED) and ``best``, ``low``, ``high``, ``date_prec``,
``where_prec`` (UCDP GED). harmwatch's own fields follow as extras
(``incident_id``, ``event_type``, ``civilians``, ``children``, ``women``,
``grade``, the P-codes, ...).

Precision codes:

``time_precision`` (ACLED style, extended past month):
    1 = the day is known, 2 = the week, 3 = the month, 4 = only the year;
    empty when unknown. ACLED itself stops at 3 ("month or coarser").
``date_prec`` (UCDP GED): 1 = day, 3 = week, 4 = month, 5 = longer; empty when unknown.
``geo_precision`` (ACLED style):
    1 = a point, neighbourhood or town, 2 = a sub-district or district (admin3/admin2),
    3 = a governorate (admin1), 4 = only the country; empty when unknown.
``where_prec`` (UCDP GED): 1 = exact place, 2 = within about 25 km (neighbourhood of a
    town is still 1; admin3 is 2), 3 = admin2, 4 = admin1, 6 = country; empty when unknown.

A count no report gives is an empty cell, never 0, as in the record itself.

Every text cell that a spreadsheet would read as a formula (it starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``:
report text is hostile, and an export is often opened in Excel.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from harmwatch.errors import BadQuery
from harmwatch.models import Incident, Range

__all__ = [
    "ACLED_SUB_EVENT_TYPES",
    "CSV_COLUMNS",
    "FORMATS",
    "GEO_PRECISION",
    "HXL_TAGS",
    "TIME_PRECISION",
    "incident_row",
    "incidents_to_csv",
    "incidents_to_geojson",
    "incidents_to_hxl",
    "safe_cell",
    "write_incidents",
]

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 4}
UCDP_DATE_PREC = {"day": 1, "week": 3, "month": 4, "year": 5}
GEO_PRECISION = {
    "point": 1,
    "neighbourhood": 1,
    "town": 1,
    "admin3": 2,
    "admin2": 2,
    "admin1": 3,
    "country": 4,
}
UCDP_WHERE_PREC = {
    "point": 1,
    "neighbourhood": 1,
    "town": 1,
    "admin3": 2,
    "admin2": 3,
    "admin1": 4,
    "country": 6,
}
# harmwatch event types in ACLED's sub-event vocabulary.
ACLED_SUB_EVENT_TYPES = {
    "airstrike": "Air/drone strike",
    "barrel_bomb": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "chemical": "Chemical weapon",
    "explosion": "Remote explosive/landmine/IED",
    "shooting": "Attack",
    "execution": "Attack",
    "clash": "Armed clash",
    "other": "Other",
    "unknown": "",
}

# (column, HXL hashtag). The order is the CSV's column order.
_COLUMNS: list[tuple[str, str]] = [
    ("event_date", "#date"),
    ("time_precision", "#date+precision"),
    ("admin1", "#adm1+name"),
    ("admin2", "#adm2+name"),
    ("location", "#loc+name"),
    ("latitude", "#geo+lat"),
    ("longitude", "#geo+lon"),
    ("geo_precision", "#geo+precision"),
    ("fatalities", "#affected+killed"),
    ("best", "#affected+killed+best"),
    ("low", "#affected+killed+min"),
    ("high", "#affected+killed+max"),
    ("actor1", "#org+perpetrator"),
    ("sub_event_type", "#event+type+sub"),
    ("notes", "#description"),
    ("source", "#meta+source"),
    ("incident_id", "#event+id"),
    ("event_type", "#event+type"),
    ("date_end", "#date+end"),
    ("date_prec", "#date+precision+ucdp"),
    ("where_prec", "#geo+precision+ucdp"),
    ("admin1_pcode", "#adm1+code"),
    ("admin2_pcode", "#adm2+code"),
    ("admin3", "#adm3+name"),
    ("admin3_pcode", "#adm3+code"),
    ("civilians", "#affected+killed+civilians"),
    ("children", "#affected+killed+children"),
    ("women", "#affected+killed+women"),
    ("combatants", "#affected+killed+combatants"),
    ("injured", "#affected+injured"),
    ("actors", "#org+perpetrator+all"),
    ("attribution", "#org+perpetrator+attribution"),
    ("weapons", "#event+weapon"),
    ("targets", "#event+target"),
    ("grade", "#status+grade"),
    ("report_count", "#meta+count"),
    ("report_ids", "#meta+id"),
]
CSV_COLUMNS = [c for c, _ in _COLUMNS]
HXL_TAGS = dict(_COLUMNS)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (numbers are left alone)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _best(r: Range | None) -> int | None:
    return r.best if r is not None else None


def _fatalities(r: Range | None) -> int | None:
    """ACLED's single figure: the best estimate, else the lower bound."""
    if r is None:
        return None
    return r.best if r.best is not None else r.low


def _sources(incident: Incident) -> list[str]:
    seen: dict[str, None] = {}
    for claim in incident.claims:
        if claim.source:
            seen.setdefault(claim.source, None)
    return list(seen)


def _notes(incident: Incident) -> str:
    if incident.summary:
        return incident.summary
    parts = [incident.event_type.replace("_", " ")]
    if incident.place.name:
        parts.append(f"in {incident.place.name}")
    killed = _fatalities(incident.victims.killed)
    if killed is not None:
        parts.append(f"({killed} killed)")
    return " ".join(parts)


def incident_row(incident: Incident) -> dict[str, Any]:
    """One incident as a flat dict of the export columns (typed; None for unknown)."""
    v = incident.victims
    p = incident.place
    killed = v.killed
    perps = incident.perpetrators
    return {
        "event_date": incident.date.start,
        "time_precision": TIME_PRECISION.get(incident.date.precision),
        "admin1": p.admin1,
        "admin2": p.admin2,
        "location": p.name,
        "latitude": p.lat,
        "longitude": p.lon,
        "geo_precision": GEO_PRECISION.get(p.precision),
        "fatalities": _fatalities(killed),
        "best": killed.best if killed is not None else None,
        "low": killed.low if killed is not None else None,
        "high": killed.high if killed is not None else None,
        "actor1": perps[0].actor if perps else None,
        "sub_event_type": ACLED_SUB_EVENT_TYPES.get(incident.event_type, "Other"),
        "notes": _notes(incident),
        "source": "; ".join(_sources(incident)) or None,
        "incident_id": incident.id,
        "event_type": incident.event_type,
        "date_end": incident.date.end,
        "date_prec": UCDP_DATE_PREC.get(incident.date.precision),
        "where_prec": UCDP_WHERE_PREC.get(p.precision),
        "admin1_pcode": p.admin1_pcode,
        "admin2_pcode": p.admin2_pcode,
        "admin3": p.admin3,
        "admin3_pcode": p.admin3_pcode,
        "civilians": _best(v.killed_civilians),
        "children": _best(v.killed_children),
        "women": _best(v.killed_women),
        "combatants": _best(v.killed_combatants),
        "injured": _best(v.injured),
        "actors": ";".join(x.actor for x in perps) or None,
        "attribution": perps[0].attribution if perps else None,
        "weapons": ";".join(incident.weapons) or None,
        "targets": ";".join(t.kind + (f":{t.name}" if t.name else "") for t in incident.targets) or None,
        "grade": incident.grade,
        "report_count": len(incident.report_ids),
        "report_ids": ";".join(incident.report_ids) or None,
    }


def _csv_values(row: dict[str, Any]) -> list[Any]:
    return ["" if row[c] is None else safe_cell(row[c]) for c in CSV_COLUMNS]


def incidents_to_csv(incidents: Iterable[Incident], fh: IO[str]) -> int:
    """Write ACLED/UCDP-style CSV to a text file handle. Returns the number of rows.

    Open the file with ``newline=""`` so the csv module controls line endings.
    """
    writer = csv.writer(fh)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for incident in incidents:
        writer.writerow(_csv_values(incident_row(incident)))
        n += 1
    return n


def incidents_to_hxl(incidents: Iterable[Incident], fh: IO[str]) -> int:
    """Write HXL-tagged CSV: the CSV header, then a row of HXL hashtags, then the data."""
    writer = csv.writer(fh)
    writer.writerow(CSV_COLUMNS)
    writer.writerow([HXL_TAGS[c] for c in CSV_COLUMNS])
    n = 0
    for incident in incidents:
        writer.writerow(_csv_values(incident_row(incident)))
        n += 1
    return n


def incident_feature(incident: Incident) -> dict[str, Any]:
    """One incident as a GeoJSON Feature; geometry is null when the place has no coordinates."""
    p = incident.place
    geometry = (
        {"type": "Point", "coordinates": [p.lon, p.lat]} if p.lat is not None and p.lon is not None else None
    )
    props = incident_row(incident)
    props.pop("latitude")
    props.pop("longitude")
    return {"type": "Feature", "id": incident.id, "geometry": geometry, "properties": props}


def incidents_to_geojson(incidents: Iterable[Incident]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946: WGS 84, [lon, lat] order)."""
    return {"type": "FeatureCollection", "features": [incident_feature(i) for i in incidents]}


FORMATS = ("csv", "hxl", "geojson")


def write_incidents(incidents: Iterable[Incident], fmt: str, fh: IO[str]) -> int:
    """Write incidents in one of :data:`FORMATS` to a text handle (``harmwatch incidents --format``).

    Returns the number of incidents written. Open files with ``newline=""``.
    """
    if fmt == "csv":
        return incidents_to_csv(incidents, fh)
    if fmt == "hxl":
        return incidents_to_hxl(incidents, fh)
    if fmt == "geojson":
        collection = incidents_to_geojson(incidents)
        json.dump(collection, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
        return len(collection["features"])
    raise BadQuery(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
