"""Reconciling bulletins with the incident record, and writing a day's tally from it."""

from __future__ import annotations

import hashlib
import json

import pytest

from harmwatch.bulletins import day_view, parse_bulletins, reconcile, write_daily
from harmwatch.errors import BadQuery
from harmwatch.models import (
    Claim,
    DateSpan,
    Incident,
    Perpetrator,
    Place,
    Range,
    Report,
    Victims,
)
from harmwatch.store import Store

DAY = "2016-02-12"

BULLETIN = """By the end of Friday, 12 February 2016, the Violations Documentation Center
documented 30 deaths,
among them 6 children and 4 women.
#Aleppo 12 (3 children, 2 women), most in airstrikes on Anadan
#Idlib 10 (2 children, 1 woman)
#Rif_Dimashq 8 (1 child, 1 woman), in the shelling of Douma
"""


def _report(store: Store, rid: str, source: str, text: str, title: str) -> None:
    raw = text.encode()
    store.add_report(
        Report(
            id=rid,
            sha256=hashlib.sha256(raw).hexdigest(),
            text=text,
            source=source,
            title=title,
            published=DAY,
            retrieved="2016-02-13T00:00:00+00:00",
            size=len(raw),
        ),
        raw,
    )


def _incident(
    iid: str,
    pcode: str,
    place: str,
    killed: int | None,
    children: int | None = None,
    women: int | None = None,
    *,
    event: str = "airstrike",
    reports: tuple[str, ...] = ("rep-a",),
    date: tuple[str, str] = (DAY, DAY),
    precision: str = "day",
    actor: str = "syria_gov",
    lat: float | None = None,
    lon: float | None = None,
) -> Incident:
    v = Victims(
        killed=Range.exact(killed) if killed is not None else None,
        killed_children=Range.exact(children) if children is not None else None,
        killed_women=Range.exact(women) if women is not None else None,
    )
    return Incident(
        id=iid,
        date=DateSpan(date[0], date[1], precision),  # type: ignore[arg-type]
        place=Place(name=place, admin1_pcode=pcode, lat=lat, lon=lon, precision="town"),
        event_type=event,
        perpetrators=[Perpetrator(actor, "stated")],
        victims=v,
        claims=[Claim(reports[0], "test", "report", "victims.killed", killed, f"{killed} killed in {place}")],
        report_ids=list(reports),
    )


@pytest.fixture
def day_store(store: Store) -> Store:
    _report(store, "rep-a", "SOHR", "Airstrikes on Anadan killed 7 ...", "Airstrikes on Anadan")
    _report(store, "rep-b", "Reuters", "Anadan strike killed 7 ...", "Strike on Anadan <script>x</script>")
    _report(store, "rep-c", "SNHR", "Shelling in Idlib ...", "Idlib shelling")
    _report(store, "rep-bul", "VDC", BULLETIN, "VDC daily")
    with store.transaction():
        # Aleppo: the same strike entered twice from two reports (a double count), plus one more.
        store.save_incident(
            _incident("inc-1", "SY02", "Anadan", 7, 2, 1, reports=("rep-a",), lat=36.29, lon=37.04)
        )
        store.save_incident(
            _incident("inc-2", "SY02", "Anadan", 7, 2, 1, reports=("rep-b",), lat=36.30, lon=37.05)
        )
        store.save_incident(
            _incident("inc-3", "SY02", "Aleppo city", 5, 1, 1, event="shelling", reports=("rep-a",))
        )
        # Idlib: the record is missing 4 of the bulletin's 10.
        store.save_incident(
            _incident(
                "inc-4", "SY07", "Saraqib", 6, 1, None, event="shelling", reports=("rep-c",), actor="russia"
            )
        )
        # Hama: not in the bulletin at all.
        store.save_incident(_incident("inc-5", "SY05", "Kafr Zita", 2, reports=("rep-c",)))
        # An incident dated over several days, and one resting only on the bulletin: not counted.
        store.save_incident(
            _incident(
                "inc-6", "SY07", "Ariha", 3, date=("2016-02-10", DAY), precision="week", reports=("rep-c",)
            )
        )
        store.save_incident(_incident("inc-7", "SY03", "Douma", 8, reports=("rep-bul",)))
        for b in parse_bulletins(BULLETIN, published="2016-02-13", source="VDC", report_id="rep-bul"):
            store.save_bulletin(b)
    return store


def test_reconcile_finds_missing_and_double_counted(day_store: Store) -> None:
    rec = reconcile(day_store, DAY)
    assert len(rec.bulletins) == 1
    br = rec.bulletins[0]
    assert br.source == "VDC"
    areas = {a.admin1_pcode: a for a in br.areas}
    aleppo = areas["SY02"]
    assert aleppo.bulletin["killed"] == 12 and aleppo.record["killed"] == 19
    assert aleppo.difference["killed"] == 7
    assert aleppo.possible_duplicates and aleppo.possible_duplicates[0]["incidents"] == ["inc-1", "inc-2"]
    idlib = areas["SY07"]
    assert idlib.record["killed"] == 6 and idlib.difference["killed"] == -4
    assert any("missing 4" in f for f in idlib.findings)
    rural = areas["SY03"]
    # inc-7 rests only on the bulletin itself: the bulletin is not reconciled against itself.
    assert rural.record["killed"] == 0 and any("missing all 8" in f for f in rural.findings)
    assert "inc-7" in rec.excluded_bulletin_only
    assert [a.admin1_pcode for a in br.record_only] == ["SY05"]
    assert [i["id"] for i in rec.uncertain_day] == ["inc-6"]
    assert br.national is not None and br.national.record["killed"] == 27
    text = rec.to_text()
    assert "possible double count: inc-1 and inc-2" in text
    assert json.loads(json.dumps(rec.to_dict()))["date"] == DAY


def test_reconcile_one_governorate_by_any_spelling(day_store: Store) -> None:
    rec = reconcile(day_store, DAY, area="Idlib countryside")
    (br,) = rec.bulletins
    assert [a.admin1_pcode for a in br.areas] == ["SY07"]
    assert br.record_only == [] and br.national is None
    with pytest.raises(BadQuery):
        reconcile(day_store, DAY, area="Narnia")


def test_reconcile_without_bulletin_says_so(day_store: Store) -> None:
    rec = reconcile(day_store, "2016-02-11")
    assert rec.bulletins == [] and "no bulletin" in rec.findings[0]


def test_bad_date_is_a_bad_query(day_store: Store) -> None:
    with pytest.raises(BadQuery):
        write_daily(day_store, "12/02/2016")


def test_write_daily_traces_every_number(day_store: Store) -> None:
    t = write_daily(day_store, DAY)
    assert t.totals.killed is not None and t.totals.killed.best == 27
    assert t.totals.children is not None and t.totals.children.best == 6
    assert t.totals.women is not None and t.totals.women.best == 3
    # Every number is a sum of traced incident figures.
    for role in ("killed", "children", "women"):
        total = getattr(t.totals, role)
        assert total.best == sum(tr.value for tr in t.totals.trace[role])
        assert all(tr.report_ids for tr in t.totals.trace[role])
    for a in t.areas:
        assert a.tally.killed is not None
        assert a.tally.killed.best == sum(tr.value for tr in a.tally.trace["killed"])
    # Governorates by count, largest first.
    assert [a.admin1_pcode for a in t.areas] == ["SY02", "SY07", "SY05"]
    assert t.areas[0].area == "Aleppo"
    causes = {c.event_type: c for c in t.causes}
    assert causes["airstrike"].killed == 16 and causes["shelling"].killed == 11
    assert {s["report_id"] for s in t.sources} == {"rep-a", "rep-b", "rep-c"}
    not_counted = {n["id"] for n in t.not_counted}
    assert not_counted == {"inc-6", "inc-7"}


def test_write_daily_text_and_json_carry_the_same_content(day_store: Store) -> None:
    t = write_daily(day_store, DAY)
    text = t.to_text()
    assert "27 killed, including 6 children and 3 women" in text
    assert "killed 27 = inc-1 (7) + inc-2 (7) + inc-3 (5) + inc-4 (6) + inc-5 (2)" in text
    assert "Aleppo (SY02): 19 killed" in text
    assert "<script>" in text  # plain text; the web layer escapes. No control codes get through:
    assert "\x1b" not in text
    d = json.loads(json.dumps(t.to_dict()))
    assert d["totals"]["killed"]["best"] == 27
    assert [x["incident_id"] for x in d["totals"]["trace"]["killed"]] == [
        "inc-1",
        "inc-2",
        "inc-3",
        "inc-4",
        "inc-5",
    ]
    assert d["areas"][0]["admin1_pcode"] == "SY02"


def test_write_daily_on_an_empty_day(store: Store) -> None:
    t = write_daily(store, DAY)
    assert t.totals.killed is None
    assert "No incident with a death toll" in t.to_text()


def test_day_view_for_the_cli(day_store: Store) -> None:
    v = day_view(day_store, DAY, reconcile_=True)
    d = v.to_dict()
    assert set(d) == {"date", "bulletins", "tally", "reconciliation"}
    assert len(d["bulletins"]) == 1
    text = v.to_text()
    assert "harmwatch daily tally for Friday 12 February 2016" in text
    assert "Reconciliation for 2016-02-12" in text


def test_control_codes_in_report_titles_do_not_reach_the_terminal(store: Store) -> None:
    _report(store, "rep-x", "evil\x1b[2J", "x", "title\x1b]0;pwn\x07")
    store.save_incident(_incident("inc-x", "SY02", "Aleppo", 1, reports=("rep-x",)))
    text = write_daily(store, DAY).to_text()
    assert "\x1b" not in text and "\x07" not in text
