"""Facility resolution: names, place scoping, timelines, registries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmwatch.facilities import load_registry, status_on, update_registry
from harmwatch.facilities.names import aliases_from_text, analyse_name, names_match, skeleton
from harmwatch.facilities.places import same_town
from harmwatch.models import (
    DateSpan,
    Facility,
    FacilityEvent,
    Incident,
    Perpetrator,
    Place,
    Report,
    StatusEntry,
    content_id,
)

KHAN = Place(
    name="Khan Shaykhoun", admin1="Idleb", admin1_pcode="SY07", lat=35.44, lon=36.647, precision="town"
)
MAARRAT = Place(
    name="Ma'arrat an-Nu'man", admin1="Idleb", admin1_pcode="SY07", lat=35.647, lon=36.678, precision="town"
)
JABLEH = Place(
    name="Jableh", admin1="Lattakia", admin1_pcode="SY06", lat=35.362, lon=35.928, precision="town"
)
ALEPPO = Place(
    name="Aleppo", admin1="Aleppo", admin1_pcode="SY02", lat=36.2012, lon=37.1612, precision="town"
)


def _report(store, rid: str) -> str:
    store.add_report(
        Report(id=rid, sha256=content_id("sha", rid), text=rid, retrieved="2026-01-01T00:00:00+00:00"),
        rid.encode(),
    )
    return rid


def _events(store, rid: str, *events: FacilityEvent) -> None:
    _report(store, rid)
    store.save_facility_events(rid, list(events))


def _ev(
    name: str | None,
    place: Place,
    date: str,
    status: str = "unknown",
    quote: str = "",
    kind: str = "hospital",
    **kw,
) -> FacilityEvent:
    return FacilityEvent(
        name=name, kind=kind, place=place, date=date, status=status, quote=quote or f"{name} was hit", **kw
    )


def _by_name(store) -> dict[str, Facility]:
    return {f.name: f for f in store.list_facilities()}


# --- names ---------------------------------------------------------------------------


def test_name_parts_set_aside_kind_and_town():
    n = analyse_name("The Rahmeh hospital in Khan Shaykhoun", ["Khan Shaykhoun"])
    assert n.core == {"rahmeh"} and n.kind == "hospital" and n.place_hint == "khan shaykhoun"
    m = analyse_name("The medical point of Khan Shaykoun (Al Rahmeh)", ["Khan Shaykhoun"])
    assert m.bare and m.kind == "clinic" and m.aliases == ("Al Rahmeh",)
    assert names_match(n, analyse_name("Al Rahmeh")) == "core"


def test_generic_names_and_code_names():
    assert analyse_name("the national hospital").generic
    assert analyse_name("the MSF-supported hospital in Sukkari").generic
    assert analyse_name("Shanan hospital for women and children", ["Shanan"]).generic
    assert analyse_name("M10").core == {"m10"}
    assert names_match(analyse_name("M10"), analyse_name("M2")) is None


def test_transliterations_and_arabic_meet():
    assert skeleton("الرحمة") == skeleton("Rahmeh") == skeleton("Rahme")
    assert names_match(analyse_name("مستشفى القدس"), analyse_name("Al-Quds Hospital")) == "core"
    assert names_match(analyse_name("Oudai Hospital"), analyse_name("Owdai hospital")) == "core"
    assert names_match(analyse_name("Rahman hospital"), analyse_name("Rahmeh hospital")) is None


def test_aliases_from_text():
    assert aliases_from_text("Abadeen, also known as the cave hospital as it lies in a cave") == [
        "the cave hospital"
    ]
    assert "M10" in aliases_from_text('the hospital, code-named "M10", was hit')


def test_same_town_by_name_code_and_distance():
    assert same_town(
        Place(name="Marret Numan", precision="town"), Place(name="Maarat al-Numan", precision="town")
    )
    assert not same_town(KHAN, MAARRAT)
    assert not same_town(
        Place(name="Abdin", admin3_pcode="SY070201", precision="town"),
        Place(name="Abdin", admin3_pcode="SY120003", precision="town"),
    )
    assert not same_town(Place(name="Al-Quds", precision="unknown"), ALEPPO)


# --- resolution ------------------------------------------------------------------------


def test_same_hospital_named_differently_is_one_facility(store):
    _events(
        store,
        "r1",
        _ev(
            "The medical point of Khan Shaykoun (Al Rahmeh)",
            KHAN,
            "2017-04-04",
            "out_of_service",
            kind="clinic",
        ),
    )
    _events(store, "r2", _ev("The Rahmeh hospital in Khan Shaykhoun", KHAN, "2017-09-19", "damaged"))
    _events(
        store,
        "r3",
        _ev(
            "The Rahman hospital in Altah",
            Place(name="Al-Tah", lat=35.56, lon=36.69, precision="town"),
            "2017-09-19",
        ),
    )
    summary = update_registry(store)
    assert summary.events_resolved == 3
    facilities = store.list_facilities()
    assert len(facilities) == 2
    rahmeh = next(f for f in facilities if "Rahmeh" in f.name or "Rahmeh" in " ".join(f.aliases))
    assert {s.date for s in rahmeh.status_history} == {"2017-04-04", "2017-09-19"}
    assert rahmeh.status == "damaged"
    assert rahmeh.kind == "hospital"  # ties go to the larger kind


def test_generic_names_merge_only_within_one_town(store):
    _events(store, "r1", _ev("the national hospital", MAARRAT, "2017-04-02"))
    _events(store, "r2", _ev("The National Hospital of Maarat al-Numan", MAARRAT, "2018-02-04"))
    _events(store, "r3", _ev("Jableh National Hospital", JABLEH, "2016-05-23"))
    _events(store, "r4", _ev("Al-Salaam hospital", MAARRAT, "2018-01-03"))
    update_registry(store)
    facilities = store.list_facilities()
    assert len(facilities) == 3
    towns = sorted(f.place.name for f in facilities)
    assert towns == ["Jableh", "Ma'arrat an-Nu'man", "Ma'arrat an-Nu'man"]


def test_unplaced_facility_never_merges_with_a_placed_namesake(store):
    _events(store, "r1", _ev("Al-Quds Hospital", ALEPPO, "2016-04-27", "destroyed"))
    _events(store, "r2", _ev("Al-Quds Hospital", Place(precision="unknown"), "2016-05-01"))
    _events(store, "r3", _ev("al-Quds hospital", Place(name="somewhere", precision="unknown"), "2016-06-01"))
    update_registry(store)
    facilities = store.list_facilities()
    placed = [f for f in facilities if f.place.precision == "town"]
    unplaced = [f for f in facilities if f.place.precision == "unknown"]
    assert len(placed) == 1 and len(placed[0].status_history) == 1
    assert unplaced and all(f.place.precision == "unknown" for f in unplaced)


def test_bare_name_joins_the_only_facility_in_town_but_not_an_ambiguous_one(store):
    kafranbel = Place(name="Kafranbel", lat=35.614, lon=36.564, precision="town")
    _events(store, "r1", _ev("The Kafranbel (Orient) Hospital", kafranbel, "2018-02-05"))
    _events(store, "r2", _ev("The Kafranbel Hospital", kafranbel, "2017-09-19", "damaged"))
    _events(
        store,
        "r3",
        _ev(
            "Kafranbel Surgical Hospital (Orient Hospital)",
            kafranbel,
            "2019-05-05",
            quote="the hospital was rendered out of service",
        ),
    )
    _events(
        store,
        "r4",
        _ev("the hospital", MAARRAT, "2017-01-01"),
        _ev("National hospital", MAARRAT, "2017-01-02"),
        _ev("Al-Salaam hospital", MAARRAT, "2017-01-03"),
    )
    _events(store, "r5", _ev("a hospital", MAARRAT, "2017-05-05"))
    summary = update_registry(store)
    k = [f for f in store.list_facilities() if f.place.name == "Kafranbel"]
    assert len(k) == 1
    assert "Orient" in k[0].name
    assert status_on(k[0], "2019-06-01")[0] == "out_of_service"  # inferred from the quote
    assert status_on(k[0], "2018-01-01")[0] == "damaged"
    assert status_on(k[0], "2017-01-01")[0] == "unknown"
    assert summary.ambiguous >= 1


def test_resolution_is_incremental_and_idempotent(store):
    _events(store, "r1", _ev("Al-Quds Hospital", ALEPPO, "2016-04-27"))
    update_registry(store)
    again = update_registry(store)
    assert again.events_resolved == 0 and len(store.list_facilities()) == 1
    _events(store, "r2", _ev("al-Quds hospital", ALEPPO, "2016-05-01", "out_of_service"))
    update_registry(store)
    [f] = store.list_facilities()
    assert [s.date for s in f.status_history] == ["2016-04-27", "2016-05-01"]
    assert f.status == "out_of_service"


def test_status_entries_carry_incident_ids(store):
    _report(store, "r1")
    inc = Incident(
        date=DateSpan(start="2016-04-27", precision="day"),
        place=ALEPPO,
        event_type="airstrike",
        weapons=["missile"],
        perpetrators=[Perpetrator(actor="syria_gov", attribution="alleged")],
    )
    store.save_report_incidents("r1", [inc])
    store.set_link("r1", 0, "inc-1")
    store.save_facility_events(
        "r1",
        [_ev("Al-Quds Hospital", ALEPPO, None, incident_index=0, quote="Al-Quds hospital was destroyed")],
    )
    update_registry(store)
    [f] = store.list_facilities()
    [entry] = f.status_history
    assert entry.incident_id == "inc-1" and entry.report_id == "r1"
    assert entry.date == "2016-04-27"  # taken from the incident when the event has none
    assert entry.status == "destroyed" and entry.quote


# --- registries ----------------------------------------------------------------------------


def test_sample_registry_format(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text(
        "name,kind,lat,lon,aliases,admin1,town,population_served\n"
        "M10 Hospital,hospital,36.2195,37.1898,M10|Sakhour hospital,Aleppo,Aleppo,\n"
        "Al-Rahma Medical Point,clinic,35.441,36.648,Al Rahmeh|Rahme hospital,Idleb,"
        "Khan Shaykhun,5000\n",
        encoding="utf-8",
    )
    regs = load_registry(p)
    assert [f.name for f in regs] == ["M10 Hospital", "Al-Rahma Medical Point"]
    assert regs[0].aliases == ["M10", "Sakhour hospital"]
    assert regs[1].kind == "clinic" and regs[1].population_served == 5000
    assert regs[1].place.lat == 35.441 and regs[1].place.precision == "point"


def test_osm_style_geojson_registry(tmp_path):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "way/1",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[37.0, 36.0], [37.002, 36.0], [37.002, 36.002], [37.0, 36.002]]],
                },
                "properties": {
                    "name": "مستشفى القدس",
                    "name:en": "Al-Quds Hospital",
                    "amenity": "hospital",
                    "alt_name": "Quds hospital;MSF hospital",
                },
            },
            {"type": "Feature", "geometry": None, "properties": {"healthcare": "clinic"}},
        ],
    }
    p = tmp_path / "osm.geojson"
    p.write_text(json.dumps(doc), encoding="utf-8")
    [f] = load_registry(p)
    assert f.name in {"مستشفى القدس", "Al-Quds Hospital"}
    assert {"Quds hospital", "MSF hospital"} <= set(f.aliases)
    assert f.place.lat == pytest.approx(36.001, abs=1e-3) and f.kind == "hospital"


def test_registry_rejects_bad_files(tmp_path):
    from harmwatch.errors import InputRejected, NotFound

    with pytest.raises(NotFound):
        load_registry(tmp_path / "missing.csv")
    bad = tmp_path / "b.csv"
    bad.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputRejected):
        load_registry(bad)
    nojson = tmp_path / "b.geojson"
    nojson.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputRejected):
        load_registry(nojson)


def test_reports_match_registry_aliases(store, tmp_path):
    p = tmp_path / "f.csv"
    p.write_text(
        "name,kind,lat,lon,aliases,admin1,town,population_served\n"
        "M10 Hospital,hospital,36.2195,37.1898,M10|Sakhour hospital,Aleppo,Aleppo,\n",
        encoding="utf-8",
    )
    _events(store, "r1", _ev("M10", ALEPPO, "2016-10-01", "damaged"))
    _events(store, "r2", _ev("the Sakhour hospital", ALEPPO, "2016-10-03", "out_of_service"))
    s = update_registry(store, registry=p)
    assert s.registry_rows == 1
    [f] = store.list_facilities()
    assert f.name == "M10 Hospital" and f.place.precision == "point"
    assert [e.status for e in f.status_history] == ["damaged", "out_of_service"]
    # loading the registry again changes nothing
    update_registry(store, registry=p)
    assert len(store.list_facilities()) == 1


def test_registry_baseline_status(store, tmp_path):
    p = tmp_path / "h.csv"
    p.write_text(
        "name,amenity,latitude,longitude,operational_status\n"
        "Al-Shami Hospital,hospital,35.813,36.609,Functional\n",
        encoding="utf-8",
    )
    update_registry(store, registry=p)
    _events(
        store,
        "r1",
        _ev(
            "al-Shami hospital",
            Place(name="Ariha", lat=35.8126, lon=36.6104, precision="town"),
            "2020-01-29",
            "out_of_service",
        ),
    )
    update_registry(store)
    [f] = store.list_facilities()
    assert status_on(f, "2020-01-01")[0] == "functioning"
    assert status_on(f, "2020-02-01")[0] == "out_of_service"


def test_status_on_ignores_unknown_and_later_entries():
    f = Facility(
        status_history=[
            StatusEntry(date="2017-04-02", status="out_of_service"),
            StatusEntry(date="2017-06", status="functioning"),
            StatusEntry(date="2018-02-04", status="unknown"),
        ]
    )
    assert status_on(f, "2017-04-01")[0] == "unknown"
    assert status_on(f, "2017-05-31")[0] == "out_of_service"
    assert status_on(f, "2018-03-01")[0] == "functioning"


def test_hostile_names_do_not_crash(store):
    junk = "\x00" * 10 + "𝕳" * 5000 + "(((" + "<script>alert(1)</script>"
    _events(
        store,
        "r1",
        _ev(junk, ALEPPO, "2016-01-01"),
        _ev(None, Place(), None),
        _ev("", Place(name="", precision="town"), "not a date"),
    )
    summary = update_registry(store)
    assert summary.events_resolved == 3
    assert store.list_facilities() and all(len(f.name) <= 300 for f in store.list_facilities())
    assert not store.facility_events(unresolved_only=True)


def test_unnamed_mentions_join_the_facility_their_report_names(store):
    _events(
        store,
        "r1",
        _ev(
            "Kafar Takharim Hospital",
            Place(name="Kafr Takharim", lat=36.117, lon=36.517, precision="town"),
            "2017-04-25",
        ),
        _ev(
            None,
            Place(name="Idleb", admin1="Idleb", precision="admin1"),
            "2017-04-25",
            quote="The hospital is out of service as a result of the attack.",
        ),
        _ev("hospitals in Idlib", Place(name="Idleb", precision="admin1"), "2017-04-25"),
        _ev(None, Place(), None, kind="ambulance"),
    )
    _events(store, "r2", _ev(None, Place(name="Idleb", admin1="Idleb", precision="admin1"), "2017-05-01"))
    summary = update_registry(store)
    [f] = store.list_facilities()
    assert f.status == "out_of_service" and len(f.status_history) == 1
    assert summary.events_resolved == 5 and not store.facility_events(unresolved_only=True)


def test_a_town_named_in_the_facility_name_places_it(store):
    idleb = Place(name="Idleb", admin1="Idleb", admin1_pcode="SY07", precision="admin1")
    _events(store, "r1", _ev("the university hospital in Saraqib", idleb, "2017-04-27"))
    update_registry(store)
    [f] = store.list_facilities()
    assert f.place.precision == "town" and f.place.admin1_pcode == "SY07"


def test_sample_registry_file_loads():
    p = Path(__file__).resolve().parents[1] / "src" / "harmwatch" / "sample" / "facilities.csv"
    if not p.is_file():
        pytest.skip("sample registry not present")
    regs = load_registry(p)
    assert len(regs) >= 10 and all(f.place.lat is not None for f in regs)


def test_public_surface():
    import harmwatch.facilities as fac

    assert all(hasattr(fac, name) for name in fac.__all__)
    assert {
        "update_registry",
        "load_registry",
        "area_statements",
        "as_of",
        "patterns",
        "facilities_to_csv",
        "facilities_to_geojson",
    } <= set(fac.__all__)


def test_hospital_in_a_named_quarter_or_village_is_only_a_facility_there(store):
    # Al-Quds sits in the Sukkari quarter of Aleppo; a report's town for both mentions is Aleppo.
    quds = Place(
        name="Aleppo", admin1="Aleppo", admin1_pcode="SY02", lat=36.1755, lon=37.1420, precision="point"
    )
    _events(store, "r1", _ev("Al-Quds Hospital", quds, "2016-04-27", "destroyed"))
    _events(store, "r2", _ev("hospital in al-Sukkari", ALEPPO, "2016-04-27", "destroyed"))
    # A village the gazetteer does not place: its hospital is no facility of the city.
    _events(store, "r3", _ev("the hospital in Kafr Hamra", ALEPPO, "2016-07-17", "out_of_service"))
    update_registry(store)
    names = _by_name(store)
    assert "hospital in al-Sukkari" in names["Al-Quds Hospital"].aliases
    assert [f for f in names if "Kafr Hamra" in f and f != "Al-Quds Hospital"]
    assert not any("Kafr Hamra" in a for a in names["Al-Quds Hospital"].aliases)
