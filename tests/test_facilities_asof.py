"""As-of answers, area statements, attack patterns, exports and the SHCC loader."""

from __future__ import annotations

import csv
import io
import json

import pytest

from harmwatch.errors import BadQuery
from harmwatch.facilities import (
    area_statements,
    as_of,
    attack_patterns,
    facilities_to_csv,
    facilities_to_geojson,
    load_shcc,
    patterns,
    update_registry,
)
from harmwatch.models import DateSpan, FacilityEvent, Incident, Perpetrator, Place, Report, content_id

IDLIB_TOWNS = {
    "Saraqib": (35.8636, 36.8031),
    "Kafranbel": (35.6138, 36.5645),
    "Hass": (35.6161, 36.5922),
}


def _place(town: str) -> Place:
    lat, lon = IDLIB_TOWNS[town]
    return Place(name=town, admin1="Idleb", admin1_pcode="SY07", lat=lat, lon=lon, precision="town")


def _add(
    store,
    rid: str,
    events: list[FacilityEvent],
    incidents: list[Incident] | None = None,
    text: str = "",
    published: str | None = None,
) -> None:
    store.add_report(
        Report(
            id=rid,
            sha256=content_id("sha", rid),
            text=text or rid,
            published=published,
            retrieved="2026-01-01T00:00:00+00:00",
        ),
        rid.encode(),
    )
    if incidents:
        store.save_report_incidents(rid, incidents)
        for i, _inc in enumerate(incidents):
            store.set_link(rid, i, f"inc-{rid}-{i}")
    store.save_facility_events(rid, events)
    for st in area_statements(text, published=published, report_id=rid):
        store.save_area_statement(st["id"], st["area"], st["admin1_pcode"], st["date"], rid, st)


@pytest.fixture
def idlib(store):
    russia = [Perpetrator("russia", "alleged"), Perpetrator("syria_gov", "alleged")]
    inc = Incident(
        date=DateSpan("2018-01-29", "2018-01-29", "day"),
        event_type="airstrike",
        weapons=["missile"],
        perpetrators=russia,
    )
    _add(
        store,
        "r1",
        [
            FacilityEvent(
                "Oudai Hospital",
                "hospital",
                _place("Saraqib"),
                "2018-01-21",
                "damaged",
                russia,
                None,
                "an airstrike caused structural damage to Oudai hospital",
            ),
            FacilityEvent(
                "Owdai hospital",
                "hospital",
                _place("Saraqib"),
                "2018-01-29",
                "out_of_service",
                [],
                0,
                "the hospital became completely out of service",
            ),
        ],
        [inc],
    )
    _add(
        store,
        "r2",
        [
            FacilityEvent(
                "Kafranbel Surgical Hospital",
                "hospital",
                _place("Kafranbel"),
                "2018-02-05",
                "out_of_service",
                russia,
                None,
                "out of service",
            ),
            FacilityEvent(
                "Kafranbel Surgical Hospital",
                "hospital",
                _place("Kafranbel"),
                "2018-04-01",
                "functioning",
                [],
                None,
                "the hospital resumed its services",
            ),
            FacilityEvent(
                "Nabed al-Hayat Hospital",
                "hospital",
                _place("Hass"),
                "2018-02-06",
                "damaged",
                [],
                None,
                "the hospital was damaged",
            ),
        ],
    )
    update_registry(store)
    return store


def test_as_of_counts_each_status_on_the_day(idlib):
    ans = as_of(idlib, area="Idlib", on="2018-02-10")
    assert set(ans) >= {
        "area",
        "on",
        "functioning",
        "not_functioning",
        "unknown",
        "population_without_access",
        "facilities",
        "statements",
    }
    assert (ans["functioning"], ans["not_functioning"], ans["unknown"]) == (0, 2, 1)
    by = {f["name"]: f for f in ans["facilities"]}
    assert by["Oudai Hospital"]["status"] == "out_of_service"
    assert all(h["date"] <= "2018-02-10" for f in ans["facilities"] for h in f["status_history"])
    later = as_of(idlib, area="Idlib", on="2018-05-01")
    assert (later["functioning"], later["not_functioning"]) == (1, 1)
    before = as_of(idlib, area="Saraqib", on="2018-01-25")
    assert before["not_functioning"] == 0 and before["unknown"] == 1 and len(before["facilities"]) == 1
    assert as_of(idlib, area="Hama", on="2018-05-01")["facilities"] == []
    assert json.dumps(ans)  # plain JSON


def test_as_of_rejects_bad_dates(idlib):
    with pytest.raises(BadQuery):
        as_of(idlib, area=None, on="yesterday")


def test_population_left_without_access_from_a_table(idlib, tmp_path):
    table = tmp_path / "pop.csv"
    table.write_text("town,population\nSaraqib,36000\nKafranbel,400000\nHass,9595\n", encoding="utf-8")
    ans = as_of(idlib, area="Idlib", on="2018-02-10", population=table)
    # Saraqib and Kafranbel have no working facility; Hass's is damaged (unknown)
    assert ans["population_without_access"] == {"best": None, "low": 436000, "high": 445595}
    area_table = tmp_path / "area.csv"
    area_table.write_text("area,population\nSaraqib,36000\n", encoding="utf-8")
    ans = as_of(idlib, area="Saraqib", on="2018-02-10", population=area_table)
    assert ans["population_without_access"] == {"best": 36000, "low": 36000, "high": 36000}


def test_population_from_a_report_statement(store):
    text = (
        "According to the health directorate, there are currently no functioning hospitals in the "
        "besieged eastern part of the city. This means that the approximately 250,000 people still "
        "living in eastern Aleppo are left without any hospital services."
    )
    _add(store, "w1", [], text=text, published="2016-11-20")
    ans = as_of(store, area="eastern Aleppo", on="2016-12-01")
    assert ans["statements"] and ans["statements"][0]["quote"] in text
    assert ans["population_without_access"]["best"] == 250000
    assert as_of(store, area="eastern Aleppo", on="2016-11-01")["statements"] == []


@pytest.mark.parametrize(
    ("text", "area", "functioning", "population"),
    [
        (
            "No hospital in eastern Aleppo is still working, leaving some 250,000 people without care.",
            "eastern Aleppo",
            0,
            250000,
        ),
        ("All hospitals in the besieged districts are out of service.", "besieged districts", 0, None),
        ("Only three hospitals remain open in Douma.", "Douma", 3, None),
        ("Eastern Ghouta has no functioning hospital.", "Eastern Ghouta", 0, None),
        ("The last hospital in Kafranbel was destroyed on 5 May 2019.", "Kafranbel", 0, None),
    ],
)
def test_area_statements(text, area, functioning, population):
    [st] = area_statements(text, published="2016-11-20", report_id="x")
    assert st["area"] == area
    assert st["functioning"]["best"] == functioning
    assert (st["population"] or {}).get("best") == population
    assert text[st["span"]["start"] : st["span"]["end"]] == st["quote"]


def test_area_statements_leave_single_facilities_and_junk_alone():
    assert area_statements("The hospital was hit and no one was hurt.", published=None, report_id=None) == []
    assert area_statements("\x00\x01" * 1000 + "no hospital in", published=None, report_id=None) == []
    assert area_statements("", published=None, report_id=None) == []


def test_patterns_count_repeated_attacks_by_perpetrator_and_month(idlib):
    p = patterns(idlib)
    assert p["attacks"] == 4  # Oudai twice, Kafranbel once, Hass once (a return to service is no attack)
    [rep] = p["repeated"]
    assert rep["name"] == "Oudai Hospital" and rep["dates"] == ["2018-01-21", "2018-01-29"]
    assert p["by_month"] == {"2018-01": 2, "2018-02": 2}
    assert p["by_perpetrator"]["russia"] == 3 and p["by_weapon"]["missile"] == 1
    assert p["attack_list"][1]["incident_id"] == "inc-r1-0"


def test_exports(idlib):
    facilities = idlib.list_facilities()
    buf = io.StringIO()
    facilities_to_csv(facilities, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 3 and {r["name"] for r in rows} >= {"Oudai Hospital"}
    gj = facilities_to_geojson(as_of(idlib, area=None, on="2018-02-10")["facilities"])
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 3
    assert gj["features"][0]["geometry"]["type"] == "Point"


def test_csv_export_defuses_formulas(store):
    _add(store, "x", [FacilityEvent('=HYPERLINK("http://evil")', "hospital", _place("Hass"), "2018-01-01")])
    update_registry(store)
    buf = io.StringIO()
    facilities_to_csv(store.list_facilities(), buf)
    assert "'=HYPERLINK" in buf.getvalue()


def test_shcc_rows_become_attacks_whose_counts_match_the_columns(shared_data):
    folder = shared_data / "health_attacks"
    for path in sorted(folder.glob("shcc_syria_*.csv")):
        year = path.stem.rsplit("_", 1)[1]
        with path.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        attacks = load_shcc(path)
        p = attack_patterns(attacks)
        assert p["attacks"] == len(rows)
        assert p["by_year"] == {year: len(rows)}
        assert sum(p["by_month"].values()) == len(rows)

        def col(name: str, rows=rows) -> int:
            key = next(k for k in rows[0] if k.strip().lower() == name)
            return sum(int(float(r[key])) for r in rows if r[key].strip())

        prefix = "total number of attacks on facilities which reported "
        assert p["facilities_destroyed"] == col(prefix + "destruction")
        assert p["facilities_damaged"] == col(prefix + "damage")
    p2018 = attack_patterns(load_shcc(folder / "shcc_syria_2018.csv"))
    assert p2018["by_perpetrator"]["state_actor"] == 174  # SHCC's "StateActor" rows


def test_follow_up_mentions_are_the_attack_they_report_not_new_attacks(store):
    strike = Incident(date=DateSpan("2016-04-27", "2016-04-27", "day"), event_type="airstrike")
    aleppo = Place(
        name="Aleppo", admin1="Aleppo", admin1_pcode="SY02", lat=36.1755, lon=37.142, precision="point"
    )
    _add(
        store,
        "night",
        [
            FacilityEvent(
                "Al-Quds Hospital",
                "hospital",
                aleppo,
                "2016-04-27",
                "destroyed",
                [],
                0,
                "an air strike destroyed al-Quds hospital",
            ),
        ],
        [strike],
    )
    _add(
        store,
        "next-day",
        [  # a headline the day after, tied to no incident
            FacilityEvent(
                "Al-Quds Hospital",
                "hospital",
                aleppo,
                "2016-04-28",
                "destroyed",
                [],
                None,
                "Al-Quds hospital destroyed in air strike",
            ),
        ],
    )
    _add(
        store,
        "treated",
        [  # the wounded were taken to a working hospital: no attack on it
            FacilityEvent(
                "Bab al-Hawa Hospital",
                "hospital",
                _place("Saraqib"),
                "2016-04-27",
                "functioning",
                [],
                0,
                "the wounded were taken to Bab al-Hawa hospital",
            ),
        ],
        [strike],
    )
    update_registry(store)
    p = patterns(store)
    assert p["attacks"] == 1 and p["repeated"] == []
    [attack] = p["attack_list"]
    assert attack["facility"] == "Al-Quds Hospital" and attack["date"] == "2016-04-27"
    assert attack["report_ids"] == ["night", "next-day"]


def test_one_incident_is_one_attack_on_its_settled_date(store):
    kafranbel = _place("Kafranbel")
    stated = Incident(date=DateSpan("2019-05-05", "2019-05-05", "day"), event_type="airstrike")
    assumed = Incident(date=DateSpan("2019-05-06", "2019-05-06", "day"), event_type="airstrike")
    for rid, inc in (("r-a", stated), ("r-b", assumed)):
        _add(
            store,
            rid,
            [
                FacilityEvent(
                    "Kafranbel Surgical Hospital",
                    "hospital",
                    kafranbel,
                    inc.date.start,
                    "damaged",
                    [],
                    0,
                    "the hospital was hit",
                )
            ],
            [inc],
        )
        store.set_link(rid, 0, "inc-shared")  # linking put both reports in one incident
    store.save_incident(
        Incident(
            id="inc-shared",
            date=DateSpan("2019-05-05", "2019-05-05", "day"),
            event_type="airstrike",
            report_ids=["r-a", "r-b"],
        )
    )
    update_registry(store)
    [attack] = patterns(store)["attack_list"]
    assert attack["date"] == "2019-05-05" and attack["incident_id"] == "inc-shared"
    assert sorted(attack["report_ids"]) == ["r-a", "r-b"]
