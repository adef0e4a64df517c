"""Weapons, event types, targets and facility events."""

from harmwatch.extract import extract_report


def first(text: str):  # type: ignore[no-untyped-def]
    ext = extract_report(text, published="2016-11-20")
    assert ext.incidents, text
    return ext, ext.incidents[0]


def test_weapons_and_types() -> None:
    cases = {
        "Helicopters dropped barrel bombs on Anadan on Friday, killing three.": (
            "barrel_bomb",
            "barrel bomb",
        ),
        "A chlorine attack on Sarmin on Monday killed a family of six.": ("chemical", "chlorine"),
        "Jets used vacuum bombs on Harasta on Monday, killing 8 people.": ("airstrike", "thermobaric"),
        "Bunker buster bombs hit Aleppo on Monday, killing 9 people.": ("airstrike", "bunker buster"),
        "Cluster munitions fell on Binnish on Monday, killing 2 boys.": ("airstrike", "cluster munition"),
        "A Tochka missile hit Kafr Nabl on Monday, killing 4 people.": (
            "missile",
            "ballistic missile (Tochka)",
        ),
        "A car bomb exploded in Azaz on Monday, killing 11 people.": ("explosion", "car bomb"),
    }
    for text, (etype, weapon) in cases.items():
        _, inc = first(text)
        assert inc.event_type == etype, text
        assert weapon in inc.weapons, text


def test_shooting_and_execution() -> None:
    _, inc = first("Gunmen opened fire on a minibus near Daraa on Monday, killing five passengers.")
    assert inc.event_type == "shooting"
    _, inc = first("Militants executed 12 captured soldiers near Palmyra on Monday.")
    assert inc.event_type == "execution"


def test_named_hospital_is_a_target_and_facility_event() -> None:
    text = "Air strikes destroyed Al-Amal Hospital in Atareb on Monday, killing two nurses."
    ext, inc = first(text)
    assert any(t.kind == "hospital" and t.name == "Al-Amal Hospital" for t in inc.targets)
    fe = [f for f in ext.facility_events if f.name == "Al-Amal Hospital"]
    assert fe and fe[0].status == "destroyed" and fe[0].incident_index == 0
    assert fe[0].quote in text and fe[0].date == "2016-11-14"


def test_named_hospital_forms() -> None:
    ext, _ = first("Shells hit the national hospital of Jisr al-Shughour on Monday, killing a doctor.")
    assert any(f.name and "national hospital of Jisr al-Shughour" in f.name for f in ext.facility_events)
    ext, _ = first("Jets bombed the M4 hospital in eastern Aleppo on Monday, killing three patients.")
    assert any(f.name == "M4 hospital" or f.name == "M4" for f in ext.facility_events)


def test_unnamed_facilities_and_statuses() -> None:
    text = (
        "Warplanes struck a children's hospital in Kafr Takharim on Monday, killing a nurse. "
        "The hospital went out of service. A field hospital moved underground continues to operate."
    )
    ext, _ = first(text)
    statuses = {(f.kind, f.status) for f in ext.facility_events}
    # one event per facility per incident, with the most severe status the report gives
    assert ("hospital", "out_of_service") in statuses
    assert [f.kind for f in ext.facility_events].count("hospital") == 1
    assert any(k == "field_hospital" for k, _ in statuses)


def test_wounded_treated_abroad_is_not_a_facility_event() -> None:
    ext, _ = first(
        "Shelling killed four people in Tafas on Monday. The wounded were taken to hospitals in Jordan."
    )
    assert ext.facility_events == []


def test_other_targets() -> None:
    _, inc = first("Jets bombed a school and a bakery in Maarat al-Numan on Monday, killing 9 civilians.")
    kinds = {t.kind for t in inc.targets}
    assert {"school", "bakery"} <= kinds


def test_facility_name_does_not_swallow_a_title() -> None:
    ext = extract_report(
        "Warplanes struck Al-Rahma hospital in Darkush on Monday, killing two nurses. Mustafa al-Mesri, "
        "the Managing Director of Al-Rahma hospital, said the hospital was out of service.",
        published="2017-04-25",
    )
    names = [f.name for f in ext.facility_events]
    assert names and all(n is not None and not n.lower().startswith("managing") for n in names)
    assert any(n is not None and n.startswith("Al-Rahma") for n in names)


def test_one_event_per_facility_per_incident_with_its_town() -> None:
    page = (
        "Warplanes struck the National Hospital in Kafr Nabl on Monday, killing three patients. "
        + "Staff said the hospital was hit twice and the hospital lost power. " * 20
        + "The hospital stopped working after the raid."
    )
    ext = extract_report(page, published="2017-04-25")
    health = [f for f in ext.facility_events if f.kind == "hospital"]
    assert len(health) == 1
    ev = health[0]
    assert ev.status == "out_of_service" and ev.incident_index == 0
    assert ev.place.precision in ("town", "admin3", "point", "neighbourhood") and ev.place.admin1 == "Idleb"


def test_dates_in_file_names_and_links_are_not_dates() -> None:
    ext = extract_report(
        "Screen Shot 2017-05-11 at 10.42 shows the hospital. Warplanes struck the hospital in Kafr Nabl "
        "on Monday, killing three people, a doctor said.",
        published="2017-04-25",
    )
    assert ext.incidents[0].date.start == "2017-04-24"


def test_weapon_in_an_aside_is_not_the_mechanism() -> None:
    text = (
        "Twelve civilians were killed on Monday in air strikes on the town of Saraqib a day after "
        "the reported execution of a captured pilot, activists said."
    )
    ext = extract_report(text, report_id="aside")
    assert ext.incidents[0].event_type == "airstrike"


def test_toll_sentence_mechanism_first() -> None:
    text = (
        "Warplanes have been seen over Idlib province for days. Eight people were killed on Tuesday "
        "by mortar shells that hit a market in the town of Ariha, a monitor said."
    )
    ext = extract_report(text, report_id="toll-first")
    assert ext.incidents[0].event_type == "shelling"


def test_headline_settles_a_mixed_weapon_sentence() -> None:
    text = (
        "Nine people were killed on Sunday in rocket fire and air strikes on the town of Douma, "
        "a monitor said."
    )
    assert extract_report(text, report_id="mixed").incidents[0].event_type == "airstrike"
    ext = extract_report(text, title="Rocket fire kills nine in Douma", report_id="mixed")
    assert ext.incidents[0].event_type == "shelling"


def test_execute_is_an_execution() -> None:
    ext = extract_report("Militants execute 12 men in the town of Mayadin in Deir ez-Zor province.")
    assert ext.incidents[0].event_type == "execution"


def test_a_facility_that_was_bombed_is_an_incident() -> None:
    # No toll and no named weapon: "was bombed" and the hospital it names make the event.
    ext = extract_report("The M10 hospital in eastern Aleppo was bombed again on 1 October 2016.")
    assert len(ext.incidents) == 1
    inc = ext.incidents[0]
    assert inc.date.start == "2016-10-01"
    assert [t.kind for t in inc.targets] == ["hospital"]
    assert ext.facility_events and ext.facility_events[0].incident_index == 0


def test_bombed_areas_without_a_named_target_are_a_summary_not_an_event() -> None:
    ext = extract_report("Rebel-held areas in Aleppo and Idlib provinces were bombed despite the truce.")
    assert ext.incidents == []


def test_an_earlier_strike_told_in_the_past_perfect_is_background() -> None:
    text = (
        "Barrel bombs hit the Al-Bayan hospital in Aleppo on Saturday, killing two patients. "
        "The hospital had already been hit by air strikes on Wednesday."
    )
    ext = extract_report(text, published="2016-10-02")
    assert [i.date.start for i in ext.incidents] == ["2016-10-01"]


def test_a_name_with_an_arabic_article_opening_the_sentence_is_the_facility_name() -> None:
    ext = extract_report("Al-Quds hospital in Aleppo was destroyed in an air strike on 27 April 2016.")
    assert [t.name for t in ext.incidents[0].targets] == ["Al-Quds hospital"]
    # A plain capitalised word there is still no name.
    ext = extract_report("Hospitals were hit in Aleppo on Monday, killing 3.")
    assert [t.name for t in ext.incidents[0].targets] == [None]
