"""Which place the extractor gives the main incident, and the spotting it relies on.

Sentences here are written for the tests; none is taken from the evaluation data.
"""

from __future__ import annotations

import pytest

import harmwatch.geo as geo
from harmwatch.extract import extract_report
from harmwatch.geo import get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> geo.Gazetteer:
    return get_gazetteer()


def _spotted(gaz: geo.Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.place.admin1) for m in gaz.find_mentions(text)]


def test_longer_variant_beats_a_shorter_known_prefix(gaz: geo.Gazetteer) -> None:
    # "Tal" and "Khan" are names on their own; the two-word variant spelling is meant.
    got = _spotted(gaz, "Jets struck the outskirts of Tal Hamis on Monday.")
    assert got and got[0][0].endswith("Tal Hamis") and got[0][1] == "Al-Hasakeh"
    got = _spotted(gaz, "Shells fell on Khan Shaikhoun at dawn.")
    assert got and got[0][0] == "Khan Shaikhoun" and got[0][1] == "Idleb"
    got = _spotted(gaz, "A strike on the city of Khan-Shaikhoun killed three.")
    assert got and got[0][0].endswith("Khan-Shaikhoun") and got[0][1] == "Idleb"


def test_short_name_in_canonical_spelling(gaz: geo.Gazetteer) -> None:
    # "Marea" is "Mare'": a consonant skeleton too short to trust, but the same canonical key.
    got = _spotted(gaz, "A missile hit the town of Marea overnight.")
    assert got and got[0][0].endswith("Marea") and got[0][1] == "Aleppo"


def test_prefix_stays_when_next_word_is_not_part_of_the_name(gaz: geo.Gazetteer) -> None:
    got = _spotted(gaz, "Rebels shelled Aleppo Tuesday and Hama on Wednesday.")
    assert [a for _s, a in got][:2] == ["Aleppo", "Hama"]


def test_main_incident_in_a_variant_spelt_town() -> None:
    ext = extract_report(
        "Warplanes bombed a market on the outskirts of Tal Hamis on Tuesday, killing 12 civilians, "
        "a monitor said.",
        title="Air strikes kill 12 in northeast Syria",
    )
    assert ext.incidents and ext.incidents[0].place.admin1 == "Al-Hasakeh"


def test_where_people_fled_from_is_not_the_event(gaz: geo.Gazetteer) -> None:
    roles = {
        m.place.admin1: m.role
        for m in gaz.find_mentions("Families who fled from Raqqa were killed by a mine near Hasakeh.")
    }
    assert roles == {"Ar-Raqqa": "origin", "Al-Hasakeh": "event"}
    # "in" ends the stretch that says where they came from
    ms = gaz.find_mentions("A bomb hit evacuees from besieged towns in Idlib province.")
    assert [m.role for m in ms] == ["event"]


def test_a_name_a_person_goes_by_is_not_a_place(gaz: geo.Gazetteer) -> None:
    text = "An activist who uses the name Abu Hasan said the shelling of the town of Marea went on."
    assert [m.place.admin1 for m in gaz.find_mentions(text)] == ["Aleppo"]
    assert [m.place.name for m in gaz.find_mentions("Shells hit the village of Abu Hasan.")] == ["Abu Hasan"]


def test_evacuees_killed_away_from_their_home_towns() -> None:
    ext = extract_report(
        "A car bomb killed 40 evacuees from the towns of Kafraya and Binnish at a bus depot west of "
        "Hama on Saturday, a monitor said.",
        title="Car bomb kills 40 evacuees",
    )
    assert ext.incidents and ext.incidents[0].place.admin1 == "Hama"


def test_related_links_block_is_not_the_story() -> None:
    text = (
        "16.04.2017 Kurdish-led fighters killed 20 militants in northern Syria, media reported. "
        "The fighting took place near the town of Tabqa on Saturday night. ... 87 Related "
        "Army Frees Villages Near Deir ez-Zor Airbase Air Strikes Kill 9 Militants Near Palmyra "
        "Tags militants Kurds"
    )
    ext = extract_report(text, title="Kurdish fighters kill 20 militants in northern Syria")
    assert ext.incidents and ext.incidents[0].place.admin1 == "Ar-Raqqa"


def test_related_block_the_story_runs_on_after_is_kept() -> None:
    from harmwatch.extract.text import furniture

    text = (
        "Views 120 Related Aid convoy reaches Homs Rebels shell Hama Rockets killed 15 civilians in "
        "western Aleppo on Friday, a monitor said. The rebels also targeted the airport."
    )
    spans, _ = furniture(text)
    assert not any(a <= text.index("Rockets") < b for a, b in spans)


def test_topic_headline_yields_to_the_lead_toll_elsewhere() -> None:
    text = (
        "The opposition leader said the world's silence was a licence for more crimes. "
        "At least 13 civilians were killed on Saturday when regime forces shelled a market in Douma "
        "in Rural Damascus. Aircraft also hit the Aleppo districts of Sukkari and Shaar."
    )
    ext = extract_report(text, title="Opposition: silence encourages the bombing of Aleppo")
    assert ext.incidents and ext.incidents[0].place.admin1 == "Rural Damascus"


def test_headline_that_tells_of_killing_keeps_its_place() -> None:
    text = (
        "Government aircraft killed a rebel commander near Aleppo on Monday. "
        "Elsewhere, shelling killed four people in Douma in Rural Damascus."
    )
    ext = extract_report(text, title="Army kills rebel commander in Aleppo")
    assert ext.incidents and ext.incidents[0].place.admin1 == "Aleppo"


def test_x_in_y_reads_x_within_y(gaz: geo.Gazetteer) -> None:
    # A namesake of X elsewhere is not taken when the text says X lies in Y.
    ms = gaz.find_mentions("Fighting went on near al-Rasafa in Raqqa on Sunday.")
    assert {m.place.admin1 for m in ms} == {"Ar-Raqqa"}
    ms = gaz.find_mentions("Shells fell on the town of Kafraya in Idlib.")
    assert [m.place.admin1 for m in ms] == ["Idleb", "Idleb"]


def test_descriptor_in_the_span_still_marks_the_event(gaz: geo.Gazetteer) -> None:
    ms = gaz.find_mentions("Rockets hit the town of Kafraya.")
    assert [(m.place.name, m.role) for m in ms] == [("Kafraya", "event")]


def test_rural_before_a_governorate(gaz: geo.Gazetteer) -> None:
    ms = gaz.find_mentions("Israeli strikes on rural Damascus killed three.")
    assert [m.place.admin1 for m in ms] == ["Rural Damascus"]
    ms = gaz.find_mentions("Clashes went on in western rural Idlib.")
    assert [(m.surface, m.place.admin1) for m in ms] == [("western rural Idlib", "Idleb")]


def test_town_that_shares_a_channels_name(gaz: geo.Gazetteer) -> None:
    # "Al-Mayadeen" is a town and a TV channel: the town only where something happens in it.
    ms = gaz.find_mentions("A landmine killed two soldiers in Al-Mayadeen on Monday.")
    assert [m.place.admin1 for m in ms] == ["Deir-ez-Zor"]
    assert gaz.find_mentions("Al-Mayadeen reported that the talks had failed.") == []
    assert gaz.find_mentions("He told Al Mayadeen TV the talks had failed.") == []
    # a group's name stays a group's name after a locative
    assert gaz.find_mentions("Divisions grew in Ahrar al-Sham.") == []


def test_neighbourhood_of_a_city_is_read_in_that_city(gaz: geo.Gazetteer) -> None:
    text = (
        "Shelling hit Aleppo and the Aleppo countryside. A bomber struck the Salihiah "
        "neighbourhood of Hasakah city."
    )
    ms = [m for m in gaz.find_mentions(text) if m.surface.startswith("Salihiah")]
    assert ms and ms[0].place.admin1 == "Al-Hasakeh"


def test_short_name_only_with_a_place_word(gaz: geo.Gazetteer) -> None:
    ms = gaz.find_mentions("Jets struck a school in the town of Hass on Wednesday.")
    assert [m.place.admin1 for m in ms] == ["Idleb"]
    assert gaz.find_mentions("Hass said the talks would go on.") == []


def test_generic_word_opening_an_unknown_name_is_not_a_village(gaz: geo.Gazetteer) -> None:
    ms = gaz.find_mentions("Clashes went on near the villages of Khirbat-Jawed and Tam Hawa in Hama.")
    assert {m.place.admin1 for m in ms} == {"Hama"}


def test_foreign_leaders_first_names_are_not_villages(gaz: geo.Gazetteer) -> None:
    assert gaz.find_mentions("Barack Obama said strikes were possible.") == []
    assert gaz.find_mentions("Maria Zakharova said the talks had failed.") == []


@pytest.mark.parametrize(
    ("name", "area"),
    [("Jobar", "Jowbar"), ("Mezzeh", "Mazzeh"), ("Barzeh", "Burza"), ("Kafr Sousa", "Kafar Soussa")],
)
def test_damascus_districts_resolve(gaz: geo.Gazetteer, name: str, area: str) -> None:
    p = gaz.resolve(name)
    assert p.name == area and p.admin1 == "Damascus" and p.precision == "neighbourhood"


def test_road_highway_and_motorway_are_one_word(gaz: geo.Gazetteer) -> None:
    assert gaz.resolve("Damascus-Aleppo road").name == gaz.resolve("Damascus-Aleppo highway").name
    assert gaz.resolve("Aleppo-Latakia road").admin1 == "Idleb"


def test_a_tag_list_glued_to_the_story_is_cut_where_the_prose_starts() -> None:
    from harmwatch.extract.text import furniture

    text = (
        "Islamic State posted a video of two killings. Tags Syria Islamic State video Palmyra "
        "The group has released a video purporting to show the killing of two men in Raqqa."
    )
    spans, _ = furniture(text)
    cut = [text[s:e] for s, e in spans]
    assert any(c.startswith("Tags") and "Palmyra" in c and "The group" not in c for c in cut)
    ext = extract_report(text, published="2015-07-06")
    assert ext.incidents and ext.incidents[0].place.name != "Palmyra"
