"""Merge rules and grade rules, on hand-made per-report records."""

from __future__ import annotations

from harmwatch.link.grade import grade
from harmwatch.link.merge import blame_conflict, contradictions, merge
from harmwatch.link.provenance import Provenance, independent_sources
from harmwatch.models import (
    REPORT_DATE_USED,
    Claim,
    DateSpan,
    Incident,
    Perpetrator,
    Place,
    Range,
    Target,
    Victims,
)


def report(
    rid: str,
    source: str,
    *,
    day: str = "2020-02-10",
    place: str = "Kafr Nabl",
    precision: str = "town",
    killed: Range | None = None,
    event: str = "airstrike",
    actors: tuple[tuple[str, str], ...] = (("russia", "alleged"),),
    claims: list[Claim] | None = None,
    weapons: tuple[str, ...] = (),
    targets: tuple[Target, ...] = (),
) -> Incident:
    return Incident(
        date=DateSpan(day, day, "day"),
        place=Place(
            name=place,
            admin1="Idleb",
            admin1_pcode="SY07",
            admin2_pcode="SY0703",
            lat=35.53,
            lon=36.56,
            precision=precision,
        ),  # type: ignore[arg-type]
        event_type=event,
        weapons=list(weapons),
        perpetrators=[Perpetrator(a, att) for a, att in actors],
        victims=Victims(killed=killed),
        targets=list(targets),
        claims=claims
        if claims is not None
        else [
            Claim(rid, source, "report", "killed", killed.to_dict() if killed else None, f"quote from {rid}")
        ],
        report_ids=[rid],
    )


def five_outlets() -> list[Incident]:
    return [
        report("r1", "Outlet A", killed=Range.exact(12)),
        report("r2", "Outlet B", killed=Range.exact(14), place="Kafranbel"),
        report("r3", "Outlet C", killed=Range(15, 15, None)),
        report("r4", "Outlet D", killed=Range.exact(14), day="2020-02-11"),
        report("r5", "Outlet E", killed=Range.exact(12)),
    ]


def test_ranges_low_min_high_open_best_median() -> None:
    inc = merge(five_outlets(), incident_id="inc-1")
    killed = inc.victims.killed
    assert killed is not None
    assert killed.low == 12
    assert killed.high is None  # "at least 15" leaves the upper bound open
    assert killed.best == 14  # median of 12, 14, 15, 14, 12
    assert inc.id == "inc-1"


def test_bounded_ranges_take_max_high() -> None:
    inc = merge([report("a", "A", killed=Range.exact(3)), report("b", "B", killed=Range(5, 4, 6))])
    assert inc.victims.killed is not None
    assert (inc.victims.killed.low, inc.victims.killed.high, inc.victims.killed.best) == (3, 6, 3)


def test_count_no_source_gives_stays_null() -> None:
    inc = merge(five_outlets())
    assert inc.victims.injured is None
    assert inc.victims.killed_children is None


def test_latest_figure_of_one_source_supersedes_its_earlier_one() -> None:
    members = [
        report("a1", "A", killed=Range.exact(5)),
        report("a2", "A", killed=Range.exact(9)),
        report("b", "B", killed=Range.exact(9)),
    ]
    prov = Provenance(published={"a1": "2020-02-10", "a2": "2020-02-11", "b": "2020-02-10"})
    inc = merge(members, provenance=prov)
    assert inc.victims.killed is not None
    assert inc.victims.killed.best == 9
    assert inc.victims.killed.low == 5


def test_date_majority_and_place_spelling_majority() -> None:
    inc = merge(five_outlets())
    assert inc.date.start == "2020-02-10" and inc.date.precision == "day"
    assert inc.place.name == "Kafr Nabl"
    assert inc.place.admin1_pcode == "SY07"


def test_stated_date_outvotes_report_days_standing_in_for_it() -> None:
    # Two next-day follow-ups give no event date (their own day stands in); one report says "on Tuesday".
    stated = report("a", "Outlet A", day="2017-04-04")
    follow_ups = [report(r, f"Outlet {r}", day="2017-04-05") for r in ("b", "c")]
    for f in follow_ups:
        f.review.append(REPORT_DATE_USED)
    inc = merge([stated, *follow_ups])
    assert inc.date.start == "2017-04-04"
    assert REPORT_DATE_USED not in inc.review
    only_assumed = merge(follow_ups)
    assert only_assumed.date.start == "2017-04-05" and REPORT_DATE_USED in only_assumed.review


def test_keeps_every_claim_and_report() -> None:
    members = five_outlets()
    inc = merge(members)
    assert inc.report_ids == ["r1", "r2", "r3", "r4", "r5"]
    assert [c.report_id for c in inc.claims] == ["r1", "r2", "r3", "r4", "r5"]
    assert all(c.quote for c in inc.claims)


def test_more_precise_place_wins_and_admin_filled() -> None:
    coarse = report("a", "A", place="Idlib governorate", precision="admin1")
    fine = report("b", "B", place="Kafr Nabl", precision="town")
    fine.place.admin3_pcode = "SY070300"
    coarse.place.admin2_pcode = None
    inc = merge([coarse, fine])
    assert inc.place.name == "Kafr Nabl"
    assert inc.place.admin3_pcode == "SY070300"


def test_event_type_majority_then_specific() -> None:
    members = [report("a", "A", event="airstrike"), report("b", "B", event="barrel_bomb")]
    assert merge(members).event_type == "barrel_bomb"
    members.append(report("c", "C", event="airstrike"))
    assert merge(members).event_type == "airstrike"


def test_weapons_and_targets_union() -> None:
    a = report("a", "A", weapons=("barrel bomb",), targets=(Target("hospital"),))
    b = report(
        "b",
        "B",
        weapons=("Barrel bomb", "cluster munition"),
        targets=(Target("hospital", "Al-Shami Hospital"), Target("market")),
    )
    inc = merge([a, b])
    assert inc.weapons == ["barrel bomb", "cluster munition"]
    assert [(t.kind, t.name) for t in inc.targets] == [("hospital", "Al-Shami Hospital"), ("market", None)]


def test_attribution_conflict_becomes_contested() -> None:
    members = [
        report("a", "A", actors=(("russia", "alleged"),)),
        report("b", "B", actors=(("opposition", "stated"),)),
    ]
    assert blame_conflict(members)
    inc = merge(members)
    assert {(p.actor, p.attribution) for p in inc.perpetrators} == {
        ("russia", "contested"),
        ("opposition", "contested"),
    }
    assert grade(inc, members) == "contested"


def test_overlapping_blame_is_not_contested() -> None:
    members = [
        report("a", "A", actors=(("russia", "alleged"), ("syria_gov", "alleged"))),
        report("b", "B", actors=(("russia", "stated"),)),
    ]
    assert not blame_conflict(members)
    inc = merge(members)
    assert grade(inc, members) == "fair"
    assert {p.attribution for p in inc.perpetrators} == {"alleged", "stated"}


def denial(rid: str = "d1") -> Incident:
    return report(
        rid,
        "Russian Ministry of Defence",
        killed=None,
        actors=(("russia", "denied"),),
        claims=[
            Claim(
                rid,
                "Russian Ministry of Defence",
                "denial",
                "perpetrator",
                "russia",
                "Russian aircraft carried out no strikes in the area",
            )
        ],
    )


def admission(rid: str = "ad1") -> Incident:
    return report(
        rid,
        "Russian Ministry of Defence",
        killed=None,
        actors=(("russia", "admitted"),),
        day="2020-02-10",
        claims=[
            Claim(
                rid,
                "Russian Ministry of Defence",
                "admission",
                "perpetrator",
                "russia",
                "footage released by the ministry shows the strike",
            )
        ],
    )


def test_denial_kept_as_claim_and_does_not_erase_blame() -> None:
    members = [*five_outlets(), denial()]
    inc = merge(members)
    russia = next(p for p in inc.perpetrators if p.actor == "russia")
    assert russia.attribution == "alleged"
    assert any(c.kind == "denial" and "no strikes" in c.quote for c in inc.claims)
    assert grade(inc, members) == "fair"


def test_admission_a_year_later_confirms() -> None:
    members = [*five_outlets(), denial(), admission()]
    inc = merge(members)
    assert grade(inc, members) == "confirmed"
    assert next(p for p in inc.perpetrators if p.actor == "russia").attribution == "admitted"
    kinds = [c.kind for c in inc.claims]
    assert "denial" in kinds and "admission" in kinds


def test_single_source_is_weak_and_belligerent_statement_is_no_source() -> None:
    one = [report("a", "A", killed=Range.exact(3))]
    assert grade(merge(one), one) == "weak"
    with_denial = [*one, denial()]
    assert independent_sources(with_denial) == ["a"]
    assert grade(merge(with_denial), with_denial) == "weak"


def test_same_publisher_twice_is_one_source() -> None:
    members = [report("a1", "SOHR"), report("a2", "sohr ")]
    assert grade(merge(members), members) == "weak"


def test_syndicated_copies_count_once() -> None:
    members = [report("w1", "Agency wire"), report("w2", "Outlet B"), report("w3", "Outlet C")]
    prov = Provenance(copy_of={"w2": "w1", "w3": "w1"})
    assert independent_sources(members, prov) == ["agency wire"]
    assert grade(merge(members, provenance=prov), members, provenance=prov) == "weak"
    assert grade(merge(members), members) == "fair"


def test_copy_votes_once_for_the_toll() -> None:
    members = [
        report("w1", "Wire", killed=Range.exact(20)),
        report("w2", "B", killed=Range.exact(20)),
        report("w3", "C", killed=Range.exact(20)),
        report("x", "X", killed=Range.exact(10)),
        report("y", "Y", killed=Range.exact(11)),
    ]
    prov = Provenance(copy_of={"w2": "w1", "w3": "w1"})
    inc = merge(members, provenance=prov)
    assert inc.victims.killed is not None
    assert inc.victims.killed.best == 11  # median of 20, 10, 11 — not of 20, 20, 20, 10, 11


def test_discounted_by_a_correction() -> None:
    members = [report("a", "A"), report("b", "B")]
    members.append(
        report(
            "c",
            "B",
            claims=[
                Claim(
                    "c",
                    "B",
                    "report",
                    "occurred",
                    False,
                    "An earlier version of this story wrongly reported an airstrike on the village",
                )
            ],
        )
    )
    inc = merge(members)
    assert grade(inc, members) == "discounted"


def test_denial_alone_never_discounts() -> None:
    members = [report("a", "A")]
    members.append(
        report(
            "d",
            "Ministry",
            actors=(("russia", "denied"),),
            claims=[Claim("d", "Ministry", "denial", "occurred", False, "no such strike took place")],
        )
    )
    assert grade(merge(members), members) == "weak"


def test_serious_contradiction_blocks_fair() -> None:
    members = [report("a", "A", killed=Range.exact(2)), report("b", "B", killed=Range.exact(40))]
    reasons = contradictions(members)
    assert reasons and "death toll" in reasons[0]
    inc = merge(members)
    assert any("death toll" in r for r in inc.review)
    assert grade(inc, members) == "weak"


def test_ordinary_disagreement_is_not_serious() -> None:
    assert contradictions(five_outlets()) == []
