"""Stage: publish. Incidents as files analysts already use (CSV, HXL, GeoJSON)."""

from __future__ import annotations

from harmwatch.publish.exports import incidents_to_csv, incidents_to_geojson, incidents_to_hxl

__all__ = ["incidents_to_csv", "incidents_to_geojson", "incidents_to_hxl"]
