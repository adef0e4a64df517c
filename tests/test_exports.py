"""CSV (ACLED/UCDP columns), HXL-tagged CSV and GeoJSON exports."""

from __future__ import annotations

import csv
import io
import json

from _web_records import incident
from harmwatch.models import Claim, Incident, Range
from harmwatch.publish.exports import (
    CSV_COLUMNS,
    HXL_TAGS,
    incidents_to_csv,
    incidents_to_geojson,
    incidents_to_hxl,
    safe_cell,
)

ACLED_UCDP = [
    "event_date",
    "time_precision",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "best",
    "low",
    "high",
    "actor1",
    "sub_event_type",
    "notes",
    "source",
]


def _csv(incidents: list[Incident]) -> list[dict[str, str]]:
    buf = io.StringIO()
    n = incidents_to_csv(incidents, buf)
    assert n == len(incidents)
    return list(csv.DictReader(io.StringIO(buf.getvalue())))


def test_columns_start_with_acled_ucdp_names() -> None:
    assert CSV_COLUMNS[: len(ACLED_UCDP)] == ACLED_UCDP
    for extra in ("incident_id", "event_type", "civilians", "children", "women", "grade", "admin1_pcode"):
        assert extra in CSV_COLUMNS


def test_row_values() -> None:
    inc = incident(
        "inc-1", "2017-04-04", 35.44, 36.65, killed=5, children=2, women=1, civilians=5, grade="fair"
    )
    (row,) = _csv([inc])
    assert row["event_date"] == "2017-04-04"
    assert row["time_precision"] == "1"
    assert row["admin1"] == "Idleb" and row["admin1_pcode"] == "SY07"
    assert row["location"] == "Khan Shaykhun"
    assert float(row["latitude"]) == 35.44 and float(row["longitude"]) == 36.65
    assert row["geo_precision"] == "1"
    assert row["fatalities"] == "5" and row["best"] == "5" and row["low"] == "5" and row["high"] == "5"
    assert row["children"] == "2" and row["women"] == "1" and row["civilians"] == "5"
    assert row["actor1"] == "syria_gov"
    assert row["sub_event_type"] == "Air/drone strike"
    assert row["event_type"] == "airstrike"
    assert row["grade"] == "fair"
    assert row["source"] == "Agency"


def test_unknown_counts_are_blank_not_zero() -> None:
    inc = incident("inc-2", "2017-01-01", None, None, killed=None, precision="month")
    (row,) = _csv([inc])
    assert row["fatalities"] == "" and row["best"] == "" and row["children"] == ""
    assert row["latitude"] == "" and row["geo_precision"] == ""
    assert row["time_precision"] == "3"


def test_at_least_counts_keep_open_high() -> None:
    inc = incident("inc-3", "2017-01-01", 35.0, 36.0, killed=None)
    inc.victims.killed = Range(None, 24, None)  # "dozens"
    (row,) = _csv([inc])
    assert row["best"] == "" and row["low"] == "24" and row["high"] == ""
    assert row["fatalities"] == "24"  # ACLED's single figure falls back to the lower bound


def test_csv_injection_is_neutralised() -> None:
    inc = incident("inc-4", "2017-01-01", 35.0, 36.0, name='=HYPERLINK("http://evil","x")')
    inc.claims = [
        Claim("r", "+cmd|' /C calc'!A0", "report", "victims.killed", 1, "q"),
        Claim("r", "@SUM(1+1)", "report", "victims.killed", 1, "q"),
    ]
    inc.summary = "-2+3"
    (row,) = _csv([inc])
    assert row["location"].startswith("'=")
    assert row["source"].startswith("'+")
    assert row["notes"] == "'-2+3"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@")), value
    assert safe_cell(-3.5) == -3.5  # numbers stay numbers
    assert safe_cell("\tx") == "'\tx"


def test_hxl_has_hashtag_row() -> None:
    buf = io.StringIO()
    incidents_to_hxl([incident("inc-5", "2017-01-01", 35.0, 36.0)], buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    header, tags, data = rows
    assert header == CSV_COLUMNS
    tag_of = dict(zip(header, tags, strict=True))
    assert tag_of["event_date"] == "#date"
    assert tag_of["admin1"] == "#adm1+name" and tag_of["admin1_pcode"] == "#adm1+code"
    assert tag_of["admin2"] == "#adm2+name" and tag_of["location"] == "#loc+name"
    assert tag_of["latitude"] == "#geo+lat" and tag_of["longitude"] == "#geo+lon"
    assert tag_of["fatalities"] == "#affected+killed"
    assert tag_of["children"] == "#affected+killed+children"
    assert tag_of["women"] == "#affected+killed+women"
    assert tag_of["civilians"] == "#affected+killed+civilians"
    assert tag_of["injured"] == "#affected+injured"
    assert tag_of["event_type"] == "#event+type" and tag_of["actor1"] == "#org+perpetrator"
    assert all(t.startswith("#") for t in tags)
    assert len(set(tags)) == len(tags) == len(HXL_TAGS)
    assert data[0] == "2017-01-01"


def test_geojson() -> None:
    gj = incidents_to_geojson(
        [
            incident("inc-6", "2017-01-01", 35.5, 36.5, killed=4),
            incident("inc-7", "2017-01-02", None, None),
        ]
    )
    json.dumps(gj)  # serialisable as is
    assert gj["type"] == "FeatureCollection"
    a, b = gj["features"]
    assert a["geometry"] == {"type": "Point", "coordinates": [36.5, 35.5]}  # lon, lat
    assert a["id"] == "inc-6" and a["properties"]["best"] == 4
    assert a["properties"]["event_type"] == "airstrike"
    assert b["geometry"] is None


def test_empty_export_still_has_header() -> None:
    buf = io.StringIO()
    assert incidents_to_csv([], buf) == 0
    assert buf.getvalue().strip() == ",".join(CSV_COLUMNS)


def test_write_incidents_dispatches_and_rejects_unknown_formats() -> None:
    import pytest

    from harmwatch.errors import BadQuery
    from harmwatch.publish import write_incidents

    incs = [incident("inc-8", "2017-01-01", 35.0, 36.0)]
    for fmt, check in (("csv", "event_date,"), ("hxl", "#date"), ("geojson", '"FeatureCollection"')):
        buf = io.StringIO()
        assert write_incidents(incs, fmt, buf) == 1
        assert check in buf.getvalue()
    with pytest.raises(BadQuery):
        write_incidents(incs, "xlsx", io.StringIO())
