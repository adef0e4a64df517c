"""Facility exports: CSV (one row per facility) and GeoJSON (one point per placed facility)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from harmwatch.models import Facility, to_jsonable

__all__ = ["CSV_COLUMNS", "facilities_to_csv", "facilities_to_geojson"]

CSV_COLUMNS = (
    "id",
    "name",
    "aliases",
    "kind",
    "status",
    "last_status_date",
    "attacks",
    "place_name",
    "admin1",
    "admin1_pcode",
    "admin2",
    "admin3",
    "admin3_pcode",
    "lat",
    "lon",
    "precision",
    "population_served",
    "status_history",
)


def _safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas: report text must never run in a user's spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _row(f: Facility | dict[str, Any]) -> dict[str, Any]:
    d = f if isinstance(f, dict) else to_jsonable(f)
    place = d.get("place") or {}
    history = d.get("status_history") or []
    dated = [h for h in history if h.get("date")]
    return {
        "id": d.get("id"),
        "name": d.get("name"),
        "aliases": "|".join(d.get("aliases") or []),
        "kind": d.get("kind"),
        "status": d.get("status"),
        "last_status_date": max((h["date"] for h in dated), default=None),
        "attacks": sum(
            1 for h in history if h.get("incident_id") or h.get("status") in ("damaged", "destroyed")
        ),
        "place_name": place.get("name"),
        "admin1": place.get("admin1"),
        "admin1_pcode": place.get("admin1_pcode"),
        "admin2": place.get("admin2"),
        "admin3": place.get("admin3"),
        "admin3_pcode": place.get("admin3_pcode"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "precision": place.get("precision"),
        "population_served": d.get("population_served"),
        "status_history": "; ".join(f"{h.get('date') or '?'} {h.get('status')}" for h in history),
    }


def facilities_to_csv(facilities: Iterable[Facility | dict[str, Any]], fh: IO[str]) -> None:
    """Write facilities (records or as-of dicts) as CSV to an open text file."""
    writer = csv.DictWriter(fh, fieldnames=list(CSV_COLUMNS))
    writer.writeheader()
    for f in facilities:
        writer.writerow({k: _safe(v) for k, v in _row(f).items()})


def facilities_to_geojson(facilities: Iterable[Facility | dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection; facilities without coordinates get ``geometry: null``."""
    features: list[dict[str, Any]] = []
    for f in facilities:
        d = f if isinstance(f, dict) else to_jsonable(f)
        place = d.get("place") or {}
        lat, lon = place.get("lat"), place.get("lon")
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        )
        props = {k: v for k, v in d.items() if k != "id"}
        features.append({"type": "Feature", "id": d.get("id"), "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}
