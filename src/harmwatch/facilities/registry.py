"""Read a user's facility registry: CSV or GeoJSON as healthsites.io, OpenStreetMap or HeRAMS export it.

Column (or property) names differ between these sources; each field below is
looked up under its usual names, case-insensitively. Other ``name:*`` columns
(``name:ar``, ``alt_name``, ``old_name``, ...) become aliases, so a registry
that knows "مستشفى القدس" and "Al-Quds" lets reports in either language meet.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from harmwatch.errors import InputRejected, NotFound
from harmwatch.facilities.places import resolve_place
from harmwatch.models import Facility, Place, StatusEntry, content_id

__all__ = ["MAX_REGISTRY_BYTES", "load_registry", "registry_from_rows"]

MAX_REGISTRY_BYTES = 64 * 1024 * 1024

NAME_KEYS = (
    "name",
    "name:en",
    "name_en",
    "facility_name",
    "hf_name",
    "health_facility_name",
    "healthfacilityname",
    "health_facility",
    "facility",
    "label",
    "title",
)
ALIAS_KEYS = (
    "aliases",
    "alias",
    "alt_name",
    "alt_names",
    "alt_name:en",
    "alt_name:ar",
    "old_name",
    "official_name",
    "short_name",
    "int_name",
    "loc_name",
    "nickname",
    "name:ar",
    "name_ar",
    "arabic_name",
    "other_names",
    "name_alt",
)
KIND_KEYS = (
    "kind",
    "healthcare",
    "amenity",
    "facility_type",
    "hf_type",
    "healthcare_type",
    "type",
    "category",
)
LAT_KEYS = ("lat", "latitude", "y", "_lat", "gps_latitude", "lat_y")
LON_KEYS = ("lon", "lng", "long", "longitude", "x", "_lon", "gps_longitude", "lon_x")
TOWN_KEYS = (
    "town",
    "city",
    "addr:city",
    "addr:town",
    "addr:village",
    "is_in:city",
    "community",
    "settlement",
    "locality",
    "village",
    "location",
    "admin4",
    "admin4_name",
)
ADMIN1_KEYS = (
    "admin1",
    "governorate",
    "adm1_name",
    "admin1_name",
    "addr:province",
    "addr:state",
    "is_in:state",
    "province",
    "state",
)
ADMIN1_PCODE_KEYS = ("admin1_pcode", "adm1_pcode", "admin1pcode")
ADMIN3_PCODE_KEYS = ("admin3_pcode", "adm3_pcode", "admin3pcode")
POP_KEYS = ("population_served", "catchment_population", "catchment", "beneficiaries", "population")
STATUS_KEYS = (
    "operational_status",
    "functionality",
    "functional_status",
    "functionality_status",
    "status",
    "operational status",
)
STATUS_DATE_KEYS = ("status_date", "date", "last_update", "updated", "date_modified", "changeset_timestamp")
ID_KEYS = ("id", "uuid", "osm_id", "@id", "hf_id", "ref", "code", "pcode")

_KIND_VALUES = {
    "hospital": "hospital",
    "hospitals": "hospital",
    "field_hospital": "field_hospital",
    "field hospital": "field_hospital",
    "clinic": "clinic",
    "doctors": "clinic",
    "health_post": "clinic",
    "health post": "clinic",
    "centre": "clinic",
    "health_centre": "clinic",
    "health centre": "clinic",
    "health center": "clinic",
    "primary": "clinic",
    "phc": "clinic",
    "primary health care centre": "clinic",
    "dispensary": "clinic",
    "polyclinic": "clinic",
    "medical point": "clinic",
    "dentist": "clinic",
    "birthing_centre": "clinic",
    "ambulance": "ambulance",
    "ambulance_station": "ambulance",
    "school": "school",
}
_STATUS_VALUES = [
    (
        re.compile(
            r"\b(non[- ]?(functional|functioning|operational)|not (functional|functioning|"
            r"operational)|closed|out of service|abandoned|disused)\b",
            re.I,
        ),
        "out_of_service",
    ),
    (re.compile(r"\bdestroyed\b", re.I), "destroyed"),
    (re.compile(r"\bdamaged\b", re.I), "damaged"),
    (re.compile(r"\b(relocated|moved)\b", re.I), "relocated"),
    (re.compile(r"\bevacuated\b", re.I), "evacuated"),
    (re.compile(r"\b(functional|functioning|operational|open|partially|working|yes)\b", re.I), "functioning"),
]


def _norm_key(k: str) -> str:
    return re.sub(r"\s+", "_", str(k).strip().lower().lstrip("\ufeff"))


def _get(row: Mapping[str, Any], keys: Iterable[str]) -> str | None:
    for k in keys:
        v = row.get(_norm_key(k))
        if v is not None and str(v).strip() and str(v).strip().lower() not in {"null", "none", "nan"}:
            return str(v).strip()
    return None


def _float(v: str | None) -> float | None:
    if v is None:
        return None
    try:
        f = float(v.replace(",", ".")) if v.count(",") == 1 and "." not in v else float(v)
    except ValueError:
        return None
    return f if f == f and abs(f) != float("inf") else None


def _int(v: str | None) -> int | None:
    if v is None:
        return None
    digits = re.sub(r"[ ,._'](?=\d{3}\b)", "", v)
    m = re.search(r"\d+", digits)
    return int(m.group(0)) if m else None


def _split_aliases(v: str) -> list[str]:
    return [a.strip() for a in re.split(r"[|;]", v) if a.strip()]


def _kind(value: str | None) -> str:
    if not value:
        return "hospital"
    v = value.strip().lower()
    if v in _KIND_VALUES:
        return _KIND_VALUES[v]
    if "field" in v and "hospital" in v:
        return "field_hospital"
    if "hospital" in v:
        return "hospital"
    if any(
        w in v
        for w in ("clinic", "health cent", "health post", "dispensary", "medical point", "primary", "phc")
    ):
        return "clinic"
    return "other"


def _status(value: str | None) -> str | None:
    if not value:
        return None
    for rx, status in _STATUS_VALUES:
        if rx.search(value):
            return status
    return None


def registry_from_rows(rows: Iterable[Mapping[str, Any]], *, origin: str) -> list[Facility]:
    """Facilities from registry rows (keys as in the file); rows with no name are skipped."""
    out: list[Facility] = []
    seen: set[str] = set()
    for n, raw in enumerate(rows, start=1):
        row = {_norm_key(k): v for k, v in raw.items() if k is not None}
        name = _get(row, NAME_KEYS)
        if not name:
            continue
        name = name[:300]
        aliases: list[str] = []
        for key in ALIAS_KEYS:
            v = _get(row, (key,))
            if v:
                aliases.extend(_split_aliases(v))
        for key, v in row.items():
            # any other language or variant of the name: name:fr, alt_name:ku, ...
            if (key.startswith("name:") or key.startswith("alt_name:")) and v and str(v).strip():
                aliases.extend(_split_aliases(str(v)))
        aliases = [a[:300] for a in dict.fromkeys(aliases) if a != name]
        lat, lon = _float(_get(row, LAT_KEYS)), _float(_get(row, LON_KEYS))
        if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            lat = lon = None
        town = _get(row, TOWN_KEYS)
        admin1 = _get(row, ADMIN1_KEYS)
        place = _registry_place(town, admin1, lat, lon)
        place.admin1_pcode = place.admin1_pcode or _get(row, ADMIN1_PCODE_KEYS)
        place.admin3_pcode = place.admin3_pcode or _get(row, ADMIN3_PCODE_KEYS)
        ext = _get(row, ID_KEYS)
        external = f"{origin}:{ext}" if ext else f"{origin}:row{n}"
        fid = content_id("fac", "registry", origin, ext or name, f"{lat}", f"{lon}")
        if fid in seen:
            fid = content_id("fac", "registry", origin, str(n))
        seen.add(fid)
        facility = Facility(
            id=fid,
            name=name,
            aliases=aliases,
            kind=_kind(_get(row, KIND_KEYS)),
            place=place,
        )
        facility.external_ids = [external]
        facility.population_served = _int(_get(row, POP_KEYS))
        status = _status(_get(row, STATUS_KEYS))
        if status:
            facility.status_history.append(
                StatusEntry(
                    date=_get(row, STATUS_DATE_KEYS),
                    status=status,
                    incident_id=None,
                    report_id=None,
                    quote=f"registry {origin}, row {n}: {_get(row, STATUS_KEYS)}"[:500],
                )
            )
            facility.status = status
        out.append(facility)
    return out


def _registry_place(town: str | None, admin1: str | None, lat: float | None, lon: float | None) -> Place:
    near = (lat, lon) if lat is not None and lon is not None else None
    place = resolve_place(town, admin1_hint=admin1, near=near) if town else Place(admin1=admin1)
    if town and not place.name:
        place.name = town
    if admin1 and not place.admin1:
        place.admin1 = admin1
    if near is not None:
        place.lat, place.lon, place.precision = lat, lon, "point"
    elif place.precision == "unknown" and town:
        place.precision = "town"
    elif place.precision == "unknown" and admin1:
        place.precision = "admin1"
        place.name = place.name or admin1
    return place


def _geojson_rows(doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    elif isinstance(doc, dict):
        features = doc.get("features") or []
    elif isinstance(doc, list):
        features = doc  # healthsites API answers a bare list of features
    else:
        features = []
    rows: list[dict[str, Any]] = []
    for feat in features:
        if not isinstance(feat, dict):
            continue
        props = dict(feat.get("properties") or {})
        attrs = props.pop("attributes", None)
        if isinstance(attrs, dict):
            props = {**attrs, **props}
        geom = feat.get("geometry") or props.pop("centroid", None)
        pt = _centroid(geom)
        if pt is not None:
            props.setdefault("lon", pt[0])
            props.setdefault("lat", pt[1])
        if feat.get("id") is not None:
            props.setdefault("id", feat["id"])
        rows.append({str(k): v for k, v in props.items() if not isinstance(v, (dict, list))})
    return rows


def _centroid(geom: Any) -> tuple[float, float] | None:
    """A Point's coordinates, or the mean vertex of a line or polygon (good enough for a building)."""
    if not isinstance(geom, dict):
        return None
    coords = geom.get("coordinates")
    pts: list[tuple[float, float]] = []

    def walk(c: Any) -> None:
        if isinstance(c, (list, tuple)) and len(c) >= 2 and all(isinstance(x, (int, float)) for x in c[:2]):
            pts.append((float(c[0]), float(c[1])))
        elif isinstance(c, (list, tuple)):
            for x in c:
                walk(x)

    walk(coords)
    if not pts:
        return None
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


def _wkt_point(row: dict[str, Any]) -> None:
    for key in ("geometry", "wkt", "the_geom", "geom"):
        v = row.get(key)
        if isinstance(v, str):
            m = re.search(r"POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", v, re.I)
            if m:
                row.setdefault("lon", m.group(1))
                row.setdefault("lat", m.group(2))


def load_registry(path: Path | str) -> list[Facility]:
    """Facilities from a registry file (``.csv``/``.tsv`` or ``.geojson``/``.json``).

    Raises:
        NotFound: the file does not exist.
        InputRejected: the file is too big, binary, or neither CSV nor GeoJSON.
    """
    p = Path(path)
    if not p.is_file():
        raise NotFound(f"registry file not found: {p}")
    if p.stat().st_size > MAX_REGISTRY_BYTES:
        raise InputRejected(f"registry file is larger than {MAX_REGISTRY_BYTES // 2**20} MiB: {p}")
    data = p.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputRejected(f"registry file looks binary, not CSV or GeoJSON: {p}")
    text = data.decode("utf-8-sig", errors="replace")
    origin = p.name
    stripped = text.lstrip()
    if p.suffix.lower() in {".geojson", ".json"} or stripped.startswith(("{", "[")):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputRejected(f"registry file is not valid JSON ({e.msg}, line {e.lineno}): {p}") from e
        return registry_from_rows(_geojson_rows(doc), origin=origin)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    if getattr(dialect, "delimiter", ",") == "|":
        dialect = csv.excel  # a pipe is the alias separator inside a comma-separated file
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or not any(_norm_key(f) in NAME_KEYS for f in reader.fieldnames):
        raise InputRejected(
            f"registry file has no name column (expected one of name, name:en, facility_name): {p}"
        )
    rows: list[dict[str, Any]] = []
    for row in reader:
        r = {k: v for k, v in row.items() if k is not None}
        norm = {_norm_key(k): v for k, v in r.items()}
        _wkt_point(norm)
        rows.append(norm)
    return registry_from_rows(rows, origin=origin)
