"""Stage: publish. Incidents as files analysts already use (CSV, HXL, GeoJSON)."""

from __future__ import annotations

from harmwatch.publish.exports import (
    FORMATS,
    incidents_to_csv,
    incidents_to_geojson,
    incidents_to_hxl,
    write_incidents,
)

__all__ = ["FORMATS", "incidents_to_csv", "incidents_to_geojson", "incidents_to_hxl", "write_incidents"]
