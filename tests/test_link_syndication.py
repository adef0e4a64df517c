"""Syndicated copies of one wire story are one source."""

from __future__ import annotations

from harmwatch.link.syndication import find_copies, is_copy
from harmwatch.models import Report

WIRE = (
    "BEIRUT - Air strikes on a market in the town of Kafr Nabl in Idlib province killed at least "
    "fifteen civilians on Monday, a war monitor and rescue workers said. The strikes hit the main "
    "market in the early afternoon when it was crowded with shoppers, according to the civil defence. "
    "Rescue workers were still searching the rubble for survivors hours later, and the death toll was "
    "expected to rise. The monitor said the aircraft that carried out the raid belonged to the Russian "
    "air force, which has backed a government offensive in the region since December."
)
OWN_REPORT = (
    "Residents of Kafranbel said they buried twelve of their neighbours on Tuesday after warplanes "
    "struck the crowded market the day before. A local doctor told our correspondent that fourteen "
    "bodies were brought to the town's only field hospital and that several of the wounded were "
    "children. Opposition activists blamed Russian jets operating from the Hmeimim base."
)


def rep(rid: str, text: str, source: str, published: str) -> Report:
    return Report(id=rid, sha256=rid, text=text, source=source, published=published)


def test_copy_with_new_opening_and_footer_is_detected() -> None:
    copy = (
        "Syria: deadly raid on Idlib market. "
        + WIRE.replace("BEIRUT - Air strikes", "Airstrikes")
        + " Read more: our coverage of the war. (c) Outlet B 2020"
    )
    assert is_copy(WIRE, copy)


def test_independent_report_of_same_strike_is_not_a_copy() -> None:
    assert not is_copy(WIRE, OWN_REPORT)


def test_find_copies_points_to_earliest_original() -> None:
    reports = [
        rep("b", "Latest: " + WIRE + " More to follow.", "Outlet B", "2020-02-10T15:00"),
        rep("a", WIRE, "Agency", "2020-02-10T12:00"),
        rep("c", OWN_REPORT, "Outlet C", "2020-02-11"),
        rep("d", WIRE.upper(), "Outlet D", "2020-02-11"),
    ]
    assert find_copies(reports) == {"b": "a", "d": "a"}


def test_short_and_hostile_texts_do_not_crash() -> None:
    reports = [
        rep("a", "", "A", "2020"),
        rep("b", "\x00\x01 ok", "B", "2020"),
        rep("c", "x" * 200_000, "C", "2020"),
        rep("d", "x" * 200_000, "D", "2021"),
    ]
    assert find_copies(reports) == {"d": "c"}
