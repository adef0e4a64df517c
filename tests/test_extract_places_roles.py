"""Places a report names without the event happening there: where the fire came from, where
the wounded were treated, where people fled from, land held by another state, the capital
standing for its government. The main incident takes the place where the harm happened."""

from __future__ import annotations

import pytest

from harmwatch.extract import extract_report
from harmwatch.geo import get_gazetteer


def _roles(text: str) -> dict[str, str]:
    return {m.surface: m.role for m in get_gazetteer().find_mentions(text)}


@pytest.mark.parametrize(
    ("text", "origin", "event"),
    [
        ("Rockets fired from Idlib hit the town of Mhardeh, killing six people.", "Idlib", "town of Mhardeh"),
        (
            "Mortar shells fired by militants from Daraa fell on the town of Sweida, killing three.",
            "Daraa",
            "town of Sweida",
        ),
        (
            "Terrorists positioned in Binnish fired shells at the town of Saraqib.",
            "Binnish",
            "town of Saraqib",
        ),
        (
            "Regime forces shelled Kafr Nabl from their positions in Maarat al-Numan, killing two.",
            "Maarat al-Numan",
            "Kafr Nabl",
        ),
        (
            "The wounded were taken to hospitals in Idlib after the strike on Khan Tuman killed nine.",
            "Idlib",
            "Khan Tuman",
        ),
        ("Airstrikes killed 12 displaced people from Homs at a camp near Atmeh.", "Homs", "Atmeh"),
    ],
)
def test_origins_are_not_event_places(text: str, origin: str, event: str) -> None:
    roles = _roles(text)
    assert roles.get(origin) == "origin", roles
    assert roles.get(event) == "event", roles


def test_where_it_fell_stays_the_event() -> None:
    roles = _roles("A helicopter was shot down from the ground in Idlib province on Monday.")
    assert roles.get("Idlib province") == "event"
    roles = _roles("Warplanes fired missiles at the town of Saraqib, killing four.")
    assert roles.get("town of Saraqib") == "event"
    # a group holding a city is not another state's occupation
    roles = _roles("Fighting raged near the ISIS-occupied city of Raqqa, killing ten.")
    assert roles.get("city of Raqqa") == "event"


@pytest.mark.parametrize(
    ("title", "body", "admin1"),
    [
        (
            "Israeli strike kills three soldiers",
            "Israel, which occupies the Golan Heights, struck a military position near Kisweh south of "
            "Damascus on Monday, killing three soldiers, the army said.",
            "Rural Damascus",
        ),
        (
            "Israeli missiles hit army post",
            "Israeli jets fired missiles from the occupied Golan Heights at an army position near Kisweh, "
            "killing three soldiers.",
            "Rural Damascus",
        ),
        (
            "Rockets kill six",
            "Rockets fired from Idlib hit the town of Mhardeh in northern Hama, killing six people.",
            "Hama",
        ),
        (
            "Rebels kill four children",
            "The Damascus government said rebels shelled a school in Aleppo, killing four children.",
            "Aleppo",
        ),
        (
            "Car bomb kills 40 evacuees",
            "A car bomb struck buses carrying evacuees from the besieged towns of Foua and Kefraya in "
            "Idlib province as they waited on the western edge of Aleppo, killing at least 40 people.",
            "Aleppo",
        ),
    ],
)
def test_main_incident_takes_the_place_of_the_harm(title: str, body: str, admin1: str) -> None:
    ext = extract_report(body, title=title, published="2017-05-01")
    assert ext.incidents and ext.incidents[0].place.admin1 == admin1


def test_an_origins_own_locator_is_an_origin_too() -> None:
    roles = _roles("Russian warplanes based at Hmeimim airbase in Latakia struck Saraqib, killing seven.")
    assert roles.get("Latakia") == "origin" and roles.get("Saraqib") == "event"
    roles = _roles("Jets that took off from Hmeimim airbase in Latakia struck Saraqib, killing seven.")
    assert roles.get("Latakia") == "origin" and roles.get("Saraqib") == "event"
    ext = extract_report(
        "Russian warplanes based at Hmeimim airbase in Latakia struck Saraqib, killing seven civilians.",
        title="Russian jets kill seven",
        published="2017-05-01",
    )
    assert ext.incidents and ext.incidents[0].place.admin1 == "Idleb"
