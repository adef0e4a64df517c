"""link_pending on a real (SQLite) store with the DuckDB engine: hand-made records, no extractor."""

from __future__ import annotations

from _reports import add_report
from harmwatch.link import link_pending
from harmwatch.models import (
    Claim,
    DateSpan,
    Incident,
    Perpetrator,
    Place,
    Range,
    Target,
    Victims,
    content_id,
)  # fmt: skip
from harmwatch.store import Store


def kafr_nabl(
    rid: str,
    source: str,
    *,
    day: str | None = "2020-02-10",
    name: str | None = "Kafr Nabl",
    killed: Range | None = None,
    kind: str = "report",
    actor: tuple[str, str] = ("russia", "alleged"),
    event: str = "airstrike",
    lat: float = 35.5386,
    lon: float = 36.5596,
) -> Incident:
    place = (
        Place(
            name=name,
            admin1="Idleb",
            admin1_pcode="SY07",
            admin2="Maarrat An Nu'man",
            admin2_pcode="SY0703",
            admin3_pcode="SY070302",
            lat=lat,
            lon=lon,
            precision="town",
        )
        if name
        else Place()
    )
    return Incident(
        date=DateSpan(day, day, "day") if day else DateSpan(),
        place=place,
        event_type=event,
        perpetrators=[Perpetrator(*actor)],
        victims=Victims(killed=killed),
        targets=[Target("market")],
        claims=[Claim(rid, source, kind, "killed", killed.to_dict() if killed else None, f"text of {rid}")],
        report_ids=[rid],
    )


def other_event(rid: str, source: str) -> Incident:
    """A different strike: another town, another governorate, two weeks later."""
    return Incident(
        date=DateSpan("2020-02-24", "2020-02-24", "day"),
        place=Place(
            name="Al-Bab",
            admin1="Aleppo",
            admin1_pcode="SY02",
            admin2_pcode="SY0202",
            lat=36.37,
            lon=37.52,
            precision="town",
        ),
        event_type="shelling",
        victims=Victims(killed=Range.exact(3)),
        claims=[Claim(rid, source, "report", "killed", {"best": 3}, f"text of {rid}")],
        report_ids=[rid],
    )


def ingest(store: Store, source: str, published: str, incidents_of) -> str:  # type: ignore[no-untyped-def]
    rid = add_report(store, source, published)
    with store.transaction():
        store.save_report_incidents(rid, incidents_of(rid, source))
    return rid


def test_five_outlets_one_strike_one_incident(store: Store) -> None:
    tolls = [Range.exact(12), Range.exact(14), Range(15, 15, None), Range.exact(14), Range.exact(12)]
    names = ["Kafr Nabl", "Kafranbel", "Kafr Nabl", "Kafr Nubl", "Kafr Nabl"]
    days = ["2020-02-10"] * 4 + ["2020-02-11"]
    rids = [
        ingest(
            store,
            f"Outlet {i}",
            days[i],
            lambda rid, src, i=i: [kafr_nabl(rid, src, killed=tolls[i], name=names[i], day=days[i])],
        )
        for i in range(5)
    ]
    other = ingest(store, "Outlet X", "2020-02-24", lambda rid, src: [other_event(rid, src)])
    summary = link_pending(store)
    assert summary.records == 6
    assert summary.incidents_created == 2
    incidents = store.query_incidents()
    assert len(incidents) == 2
    strike = next(i for i in incidents if i.place.admin1_pcode == "SY07")
    assert sorted(strike.report_ids) == sorted(rids)
    assert strike.id == content_id("inc", min(rids[:4]), "0")  # from the earliest report
    assert strike.victims.killed is not None
    assert (strike.victims.killed.low, strike.victims.killed.best, strike.victims.killed.high) == (
        12,
        14,
        None,
    )
    assert strike.grade == "fair"
    assert len(strike.claims) == 5
    lone = next(i for i in incidents if i.place.admin1_pcode == "SY02")
    assert lone.report_ids == [other] and lone.grade == "weak"
    # nothing left to link: a second run is a no-op
    assert link_pending(store).records == 0


def test_incremental_denial_then_admission_join_existing(store: Store) -> None:
    for i in range(2):
        ingest(
            store, f"Outlet {i}", "2020-02-10", lambda rid, src: [kafr_nabl(rid, src, killed=Range.exact(12))]
        )
    link_pending(store)
    (before,) = store.query_incidents()
    assert before.grade == "fair"

    def denial(rid: str, src: str) -> list[Incident]:
        inc = kafr_nabl(rid, src, kind="denial", actor=("russia", "denied"))
        inc.claims = [Claim(rid, src, "denial", "perpetrator", "russia", "no Russian aircraft flew there")]
        return [inc]

    ingest(store, "Russian MoD", "2020-02-11", denial)
    summary = link_pending(store)
    assert summary.records == 1 and summary.linked_to_existing == 1 and summary.incidents_created == 0
    (after,) = store.query_incidents()
    assert after.id == before.id and len(after.report_ids) == 3
    assert after.grade == "fair"
    assert any(c.kind == "denial" for c in after.claims)

    def admission(rid: str, src: str) -> list[Incident]:
        inc = kafr_nabl(rid, src, actor=("russia", "admitted"))
        inc.claims = [Claim(rid, src, "admission", "perpetrator", "russia", "our footage shows the strike")]
        return [inc]

    ingest(store, "Russian MoD", "2021-03-01", admission)
    link_pending(store)
    (final,) = store.query_incidents()
    assert final.id == before.id and final.grade == "confirmed" and len(final.report_ids) == 4


def test_missing_date_or_place_stays_alone_for_review(store: Store) -> None:
    ingest(store, "A", "2020-02-10", lambda rid, src: [kafr_nabl(rid, src, killed=Range.exact(12))])
    no_date = ingest(
        store, "B", "2020-02-10", lambda rid, src: [kafr_nabl(rid, src, day=None, killed=Range.exact(12))]
    )
    no_place = ingest(
        store, "C", "2020-02-10", lambda rid, src: [kafr_nabl(rid, src, name=None, killed=Range.exact(12))]
    )
    summary = link_pending(store)
    assert summary.not_linkable == 2
    incidents = {tuple(i.report_ids): i for i in store.query_incidents()}
    assert len(incidents) == 3
    assert any("missing date" in r for r in incidents[(no_date,)].review)
    assert any("missing place" in r for r in incidents[(no_place,)].review)


def test_one_page_listing_two_events_is_not_merged_with_itself(store: Store) -> None:
    ingest(
        store,
        "Bulletin",
        "2020-02-10",
        lambda rid, src: [
            kafr_nabl(rid, src, killed=Range.exact(4)),
            kafr_nabl(rid, src, killed=Range.exact(4)),
        ],
    )
    link_pending(store)
    assert store.count_incidents() == 2


def test_syndicated_copies_are_one_source(store: Store) -> None:
    wire = (
        "Air strikes hit the market of Kafr Nabl in Idlib province on Monday and killed twelve "
        "people, according to a war monitor and local rescue workers who searched the rubble."
    )
    for i, text in enumerate([wire, "UPDATE: " + wire + " More soon."]):
        rid = add_report(store, f"Outlet {i}", "2020-02-10", text)
        with store.transaction():
            store.save_report_incidents(rid, [kafr_nabl(rid, f"Outlet {i}", killed=Range.exact(12))])
    link_pending(store)
    (inc,) = store.query_incidents()
    assert len(inc.report_ids) == 2
    assert inc.grade == "weak"  # one wire story, two outlets


def test_extractor_prefilled_ids_are_still_linked(store: Store) -> None:
    def with_id(rid: str, src: str) -> list[Incident]:
        inc = kafr_nabl(rid, src, killed=Range.exact(12))
        inc.id = content_id("inc", rid, "0")
        return [inc]

    ingest(store, "A", "2020-02-10", with_id)
    ingest(store, "B", "2020-02-10", with_id)
    summary = link_pending(store)
    assert summary.records == 2
    assert store.count_incidents() == 1
