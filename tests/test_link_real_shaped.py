"""What real multi-source reports do to linkage: areas for towns, named facilities, denials, no chaining."""

from __future__ import annotations

from _reports import add_report
from harmwatch.link import link_pending
from harmwatch.link.cluster import Profile, Rows, density_adjusted, link_clusters, specific
from harmwatch.link.features import facility_key, feature_table, incident_row, with_facility_events
from harmwatch.models import (
    Claim,
    DateSpan,
    FacilityEvent,
    Incident,
    Perpetrator,
    Place,
    Range,
    Target,
    Victims,
)  # fmt: skip
from harmwatch.store import Store

IDLEB = {"admin1": "Idleb", "admin1_pcode": "SY07"}
MAARAT = Place(
    name="Maarat al-Numan", admin2="Al Ma'ra", admin2_pcode="SY0703", admin3_pcode="SY070300",
    lat=35.6479, lon=36.6735, precision="town", **IDLEB,
)  # fmt: skip
SARAQIB = Place(
    name="Saraqib", admin2="Idleb", admin2_pcode="SY0700", admin3_pcode="SY070003",
    lat=35.8636, lon=36.8064, precision="town", **IDLEB,
)  # fmt: skip
GOVERNORATE = Place(name="Idlib province", precision="admin1", **IDLEB)


def record(
    place: Place,
    *,
    day: str = "2016-02-15",
    event: str = "missile",
    killed: Range | None = None,
    targets: list[Target] | None = None,
    weapons: list[str] | None = None,
    kind: str = "report",
    actor: tuple[str, str] = ("russia", "alleged"),
) -> Incident:
    return Incident(
        date=DateSpan(day, day, "day"),
        place=place,
        event_type=event,
        weapons=weapons or [],
        perpetrators=[Perpetrator(*actor)],
        victims=Victims(killed=killed),
        targets=targets or [],
        claims=[Claim(None, None, kind, "perpetrators", actor[0], "quote")],
    )


def link(store: Store, *incidents: Incident) -> list[set[str]]:
    """Save each record as its own report, link, and return the groups of report ids."""
    ids = []
    for n, inc in enumerate(incidents):
        rid = add_report(store, f"outlet-{n}", inc.date.start or "2016-02-16")
        inc.report_ids = [rid]
        with store.transaction():
            store.save_report_incidents(rid, [inc])
        ids.append(rid)
    link_pending(store)
    by_incident: dict[str, set[str]] = {}
    for rid, _idx, iid, _inc in store.report_incidents():
        by_incident.setdefault(iid or rid, set()).add(rid)
    return sorted(by_incident.values(), key=lambda g: sorted(g))


def test_governorate_and_date_alone_never_link(store: Store) -> None:
    """Two strikes on one day in one governorate: same type, nothing specific in common."""
    groups = link(store, record(GOVERNORATE), record(MAARAT), record(SARAQIB))
    assert all(len(g) == 1 for g in groups)


def test_governorate_report_links_to_the_town_on_a_named_facility(store: Store) -> None:
    hospital = [Target("hospital", "the National Hospital of Maarat al-Numan")]
    named = [Target("hospital", "Maarrat an-Nu'man National hospital")]
    groups = link(
        store, record(GOVERNORATE, targets=hospital, killed=Range.exact(7)), record(MAARAT, targets=named)
    )
    assert len(groups) == 1


def test_governorate_report_links_to_the_town_on_an_agreeing_toll(store: Store) -> None:
    """'Nine killed in Idlib province' and '9 killed in Maarat al-Numan', same day, same type."""
    groups = link(store, record(GOVERNORATE, killed=Range.exact(9)), record(MAARAT, killed=Range.exact(9)))
    assert len(groups) == 1


def test_unknown_type_and_missing_toll_are_neutral_and_a_denial_links(store: Store) -> None:
    """A ministry denies striking the hospital: no toll, the type unknown, its date, town and hospital."""
    report = record(MAARAT, killed=Range.exact(25), targets=[Target("hospital", "Al-Nour hospital")])
    denial = record(
        MAARAT, event="unknown", targets=[Target("hospital", "al Nour Hospital")], kind="denial",
        actor=("russia", "denied"),
    )  # fmt: skip
    assert len(link(store, report, denial)) == 1


def test_a_denial_placed_only_in_the_governorate_links_on_the_hospital(store: Store) -> None:
    """'Our missiles struck no hospital in Idlib', against the report of a hospital hit in a town."""
    report = record(MAARAT, killed=Range.exact(25), targets=[Target("hospital")])
    denial = record(GOVERNORATE, targets=[Target("hospital")], kind="denial", actor=("russia", "denied"))
    assert len(link(store, report, denial)) == 1
    # without a health facility on both sides, the governorate and the day alone still link nothing
    assert not specific(incident_row("a", record(GOVERNORATE)), incident_row("b", record(MAARAT)))


def test_two_towns_with_one_toll_on_one_day_stay_apart(store: Store) -> None:
    groups = link(store, record(MAARAT, killed=Range.exact(12)), record(SARAQIB, killed=Range.exact(12)))
    assert len(groups) == 2


def test_facility_mentions_name_a_nameless_target() -> None:
    inc = record(MAARAT, targets=[Target("hospital")])
    mention = FacilityEvent(name="Al Quds hospital", kind="hospital", incident_index=0)
    row = incident_row("x", with_facility_events(inc, [mention]))
    assert row["facilities"] == [facility_key("al-Quds Hospital")]
    assert row["target_kinds"] == ["medical"]
    assert inc.targets == [Target("hospital")]  # the record itself is unchanged


def test_facility_keys_absorb_spelling_and_descriptors() -> None:
    assert (
        facility_key("Al-Quds hospital") == facility_key("al Kuds Hospital") == facility_key("Quds hospital")
    )
    assert facility_key("the hospital") is None
    assert facility_key("main hospital of Afrin") == facility_key("Afrin hospital")


def test_dead_counted_by_kind_are_an_open_toll() -> None:
    inc = record(MAARAT)
    inc.victims = Victims(killed_civilians=Range.exact(14))
    row = incident_row("x", inc)
    assert (row["killed_lo"], row["killed_hi"], row["killed_best"]) == (14, None, None)


def test_clusters_do_not_chain_through_incompatible_tolls_or_days() -> None:
    """Saraqib: 11 dead on one day and 88 three days later; the reports between must not chain them."""
    rows = [
        record(SARAQIB, day="2020-02-28", killed=Range.exact(11), event="clash"),
        record(SARAQIB, day="2020-02-29", event="clash"),
        record(SARAQIB, day="2020-03-01", event="clash"),
        record(SARAQIB, day="2020-03-02", killed=Range.exact(88), event="clash"),
    ]
    r = Rows(feature_table((f"r{i}", inc, False) for i, inc in enumerate(rows)))
    chain = [("r0", "r1", 0.99), ("r1", "r2", 0.99), ("r2", "r3", 0.99)]
    clusters = link_clusters(r, chain)
    assert clusters["r0"] != clusters["r3"]
    assert clusters["r0"] == clusters["r1"]  # the first link is kept
    assert not Profile.of(r["r0"]).union(Profile.of(r["r3"])).consistent()
    assert specific(r["r0"], r["r1"])  # same town


def test_a_crowded_place_weakens_a_town_and_day_match() -> None:
    """Twelve reports in Saraqib over three days hold several events: a 0.9 pair drops below 0.9 there."""
    quiet = Rows(feature_table([("a", record(SARAQIB), False), ("b", record(SARAQIB), False)]))
    assert density_adjusted(quiet, [("a", "b", 0.9)], 0.9) == [("a", "b", 0.9)]
    busy = [(f"r{i}", record(SARAQIB, day=f"2016-02-{14 + i % 3}"), False) for i in range(12)]
    crowded = Rows(feature_table(busy))
    assert density_adjusted(crowded, [("r0", "r1", 0.9)], 0.9) == []
    assert density_adjusted(crowded, [("r0", "r1", 0.999)], 0.9)  # strong evidence still links


def test_two_groups_bridged_by_one_edge_stay_apart() -> None:
    """Two well-knit pairs of reports and a single link between them: two incidents."""
    rows = Rows(feature_table((f"r{i}", record(SARAQIB, killed=Range.exact(5)), False) for i in range(4)))
    edges = [("r0", "r1", 0.99), ("r2", "r3", 0.99), ("r1", "r2", 0.95)]
    clusters = link_clusters(rows, edges)
    assert clusters["r0"] == clusters["r1"] != clusters["r2"] == clusters["r3"]
    knit = [*edges, ("r0", "r2", 0.95), ("r1", "r3", 0.95)]
    assert len(set(link_clusters(rows, knit).values())) == 1
