"""The event type of the main incident: what killed the victims."""

from harmwatch.extract import extract_report
from harmwatch.extract.text import furniture


def etype(text: str, title: str | None = None) -> str:
    ext = extract_report(text, title=title, published="2016-05-02", report_id="cause")
    assert ext.incidents, text
    return ext.incidents[0].event_type


def test_a_crashed_aircraft_is_not_an_air_strike() -> None:
    text = (
        "A military jet crashed into a crowded street in the town of Saraqib on Monday while on a "
        "bombing run, killing at least 14 people, a monitor said."
    )
    assert etype(text) == "other"
    assert etype("A cargo plane crashed near Palmyra on Sunday, killing all 9 people on board.") == "other"
    # An air raid and, in passing, a crash elsewhere: the raid killed.
    text = (
        "Warplanes bombed the market in Ariha on Monday, killing 12 people, a monitor said, adding that "
        "in the evening a helicopter crashed near the village of Mastuma."
    )
    assert etype(text) == "airstrike"


def test_a_downed_helicopter_is_not_gunfire() -> None:
    text = "Two pilots were killed on Tuesday when their helicopter was shot down over Hama province."
    assert etype(text) == "other"
    # The weapon that brought it down is still the weapon.
    text = "A missile shot down a helicopter over Hama province on Tuesday, killing its crew of four."
    assert etype(text) == "missile"


def test_shooting_is_still_shooting() -> None:
    text = "Snipers shot dead three men near a checkpoint in Daraa on Monday, activists said."
    assert etype(text) == "shooting"


def test_a_list_of_related_stories_is_furniture() -> None:
    story = "Kurdish fighters killed 12 Islamic State militants near Tabqa on Saturday, local media reported."
    related = (
        " ... 57 Related Air Strikes Kill 30 in Raqqa Province Car Bomb Hits Market in Azaz Tags Syria Raqqa"
    )
    spans, _ = furniture(story + related)
    start = len(story) + related.index("...")
    assert any(a <= start + 1 and b >= start + related.index("Tags") - 1 for a, b in spans)
    assert etype(story + related) != "airstrike"


def test_related_inside_a_story_is_not_cut() -> None:
    text = (
        "Three people were killed by shelling on Monday. Related to the attack, the governor said "
        "Schools would close."
    )
    spans, _ = furniture(text)
    assert not spans


def test_throat_slitting_is_an_execution() -> None:
    text = (
        "Militants killed 21 young men in eastern Syria, activists said. The monitor said the militants "
        "slit the throats of the men near the town of Mayadin on Wednesday."
    )
    assert etype(text) == "execution"


def test_a_bombing_campaign_is_air_bombing() -> None:
    text = "More than 300 people have been killed in the ongoing bombing campaign on the city of Homs."
    assert etype(text) == "airstrike"
    assert etype("A suicide bombing killed 8 people at a checkpoint in Azaz on Monday.") == "explosion"


def test_weapons_named_as_equipment_are_not_the_mechanism() -> None:
    text = (
        "The army killed 40 militants in the countryside of Hama on Monday and destroyed 6 vehicles "
        "equipped with heavy machine guns and a mortar shell factory."
    )
    assert etype(text) == "unknown"
    text = "The army killed 12 militants near Hama and destroyed their machinegun-equipped pickups."
    assert etype(text) == "unknown"
    assert etype("Gunmen opened fire with machine guns on a bus near Homs, killing 7 people.") == "shooting"


def test_headline_clash_toll_over_a_weapon_used_on_the_way() -> None:
    body = (
        "Kurdish fighters repelled an attack on their positions near the dam, killing at least 30 "
        "militants. The fighters also detonated two bomb-laden vehicles before they reached the lines."
    )
    assert etype(body) == "explosion"
    assert etype(body, title="30 militants killed in clashes near the dam") == "clash"
    # A headline toll by a named weapon is not overridden by a clash word.
    body2 = "A car bomb killed 9 people at a checkpoint in Azaz on Monday amid clashes nearby."
    assert etype(body2, title="9 killed in clashes in Azaz") == "explosion"


def test_a_ground_force_that_strikes_is_not_an_air_strike() -> None:
    text = (
        "The army killed 30 militants near Palmyra on Monday, a military source said. "
        "The army also strikes the militants' hideouts on a daily basis."
    )
    assert etype(text) == "unknown"
    assert (
        etype("Army strikes on the town of Palmyra killed 30 people on Monday, a monitor said.")
        == "airstrike"
    )


def test_a_weapon_only_in_an_aside_does_not_give_the_toll_its_mechanism() -> None:
    text = (
        "At least 12 fighters were killed on Monday near the town of Morek, the monitor said. "
        "The village was attacked two days after a car bombing there."
    )
    assert etype(text) == "unknown"


def test_more_weapon_vocabulary() -> None:
    cases = {
        "A gunman opened fire on worshippers in Daraa on Friday, killing 4 people.": "shooting",
        "Three policemen were killed in a gun battle with smugglers near Suwayda on Monday.": "shooting",
        "Howitzers pounded the village of Kafr Zita on Monday, killing 6 civilians.": "shelling",
        "A hand grenade thrown into a cafe in Qamishli killed 2 people on Monday.": "explosion",
        "Militants hanged 5 men in the main square of Maskanah on Monday.": "execution",
        "Rebel infighting killed 45 fighters near Deir ez-Zor on Monday, activists said.": "clash",
    }
    for text, want in cases.items():
        assert etype(text) == want, text


def test_an_ongoing_campaign_in_the_present_tense_is_background() -> None:
    text = (
        "The army killed some 70 militants near Qamishli on Friday, a television channel reported. "
        "The militants are also being targeted by air strikes carried out by an international coalition."
    )
    assert etype(text) == "unknown"


def test_what_the_bound_weapon_carried_killed_too() -> None:
    text = (
        "The army said rebels had killed 20 people in Aleppo on Monday in a bombardment that included "
        "chemical weapons and rocket fire."
    )
    assert etype(text) == "chemical"
    assert etype(text, title="Rebel bombardment of Aleppo killed 20, army says") == "chemical"
    text = "Twelve people were killed in a bombardment of Aleppo on Monday, and rockets hit Idlib."
    assert etype(text) == "shelling"


def test_many_related_words_stay_cheap() -> None:
    spans, _ = furniture("Related A " * 50_000 + "Tags Syria")
    assert len(spans) <= 2
    assert etype("Related " * 20_000 + "A car bomb killed 9 people in Azaz on Monday.") == "explosion"


def test_a_bare_bombing_takes_the_means_its_story_names() -> None:
    text = (
        "Government forces shelled the besieged suburb of Douma on Monday. "
        "Five days of heavy bombing have killed 40 people there, a monitor said."
    )
    assert etype(text) == "shelling"
    # With no other word for the means, a state force's bombing is from the air.
    text = "A monitor said 270 civilians were killed by Russian bombing in Aleppo during April."
    assert etype(text) == "airstrike"
    # The headline can name the means too.
    text = "The bombing killed 12 people in the town of Ariha on Monday, rescuers said."
    assert etype(text, title="Air strikes kill 12 in Ariha") == "airstrike"


def test_a_bombing_with_a_blast_or_a_device_stays_an_explosion() -> None:
    text = (
        "A bombing killed 9 people at a checkpoint in Azaz on Monday. The blast was heard across town, "
        "and shelling hit nearby villages later in the day."
    )
    assert etype(text) == "explosion"
    text = (
        "The bombing killed 9 people in Azaz on Monday. Police said a car bomb had been parked near "
        "the market, and artillery fire was heard in the evening."
    )
    assert etype(text) == "explosion"
    # A bombing by a rebel group is not an air strike.
    text = "Rebels said their bombing of the checkpoint in Azaz killed 9 soldiers on Monday."
    assert etype(text) == "explosion"


def test_since_a_day_is_a_period_not_an_aside() -> None:
    text = "Since Saturday air strikes on the town of Douma have killed 40 civilians, a monitor said."
    assert etype(text) == "airstrike"
    # "since" before another event still marks an aside.
    text = (
        "At least 12 fighters were killed on Monday near the town of Morek, the monitor said, "
        "the worst losses since the car bombing there."
    )
    assert etype(text) == "unknown"


def test_fights_are_clashes() -> None:
    text = "Ten militants were killed during fights near the town of Tabqa on Saturday, local media said."
    assert etype(text) == "clash"


def test_bare_raids_are_air_raids_unless_a_ground_group_mounts_them() -> None:
    assert etype("Raids killed 16 civilians in Douma on Monday, the monitor said.") == "airstrike"
    text = "Syrian and Russian raids on towns west of Aleppo killed 27 people on Monday."
    assert etype(text) == "airstrike"
    text = "Islamic State fighters mounted raids on Christian villages near Tal Tamr, killing 12 people."
    assert etype(text) != "airstrike"
    assert etype("Ground raids by special forces killed 5 militants near Raqqa on Monday.") != "airstrike"


def test_bombs_by_a_state_force_fall_from_the_air() -> None:
    text = "Two children were killed by regime bombs in Aleppo on Monday, the monitor said."
    assert etype(text) == "airstrike"
    assert etype("Bombs killed 22 soldiers at an army checkpoint in Homs on Tuesday.") == "explosion"


def test_a_hedged_or_time_marked_weapon_with_its_own_toll_is_what_killed() -> None:
    # With no other weapon word in the sentence, a hedge or a time adverb does
    # not make the toll's own weapon an aside.
    cases = {
        "At least 80 people were killed in the alleged chemical attack on Khan Sheikhoun.": "chemical",
        "The death toll from the suspected sarin attack in Khan Sheikhoun rose to 86 on Monday.": "chemical",
        "Earlier on Monday air strikes on Douma killed 10 people the monitor said.": "airstrike",
        "Following weeks of calm shelling on Douma killed 12 people on Monday.": "shelling",
    }
    for text, want in cases.items():
        assert etype(text) == want, text
    # An event told as the time mark of the toll stays an aside, even with a toll of its own.
    text = (
        "At least 19 people were killed near Douma on Tuesday just hours after a suspected chemical "
        "attack left dozens dead in the town."
    )
    assert etype(text) != "chemical"


def test_people_named_by_what_they_suffered_do_not_give_the_mechanism() -> None:
    # The headline names the patients by an earlier chemical attack; the strike
    # on the clinic was by aircraft.
    title = "Clinic treating chemical attack victims in Saraqib struck hours later"
    text = (
        "The clinic in Saraqib was struck on Monday morning, four hours after the chemical attack on the "
        "town. Staff said the building was hit by several air strikes in succession."
    )
    assert etype(text, title) == "airstrike"
    # The attack itself told in the headline keeps its mechanism.
    title = "Chemical attack kills 20 in Saraqib"
    text = "A chemical attack on Saraqib killed at least 20 people on Monday, medics said."
    assert etype(text, title) == "chemical"


def test_a_downed_aircraft_is_read_the_same_after_a_dotted_capital_i() -> None:
    # "İ" lowers to two characters with str.lower(); the type offsets must still hold.
    plain = "Rebels shot down a helicopter near Hama on Monday, killing the crew."
    for text in (plain, "İİ " + plain):
        ext = extract_report(text, published="2017-03-10")
        assert ext.incidents and ext.incidents[0].event_type == "other", text
