"""Which actor mention is the doer: speakers, backers, targets and downed aircraft are not."""

from harmwatch.extract import extract_report
from harmwatch.extract.actors import find_actor_mentions, score_doers


def doers(sentence: str) -> list[str]:
    mentions = score_doers(sentence, find_actor_mentions(sentence), [])
    return [m.actor for m in mentions if m.doer]


def perps(text: str, title: str | None = None) -> list[str]:
    ext = extract_report(text, title=title, published="2016-10-05", source="test", report_id="r1")
    assert ext.incidents, text
    return [p.actor for p in ext.incidents[0].perpetrators]


def test_the_side_that_blames_is_not_the_doer() -> None:
    found = doers("Local rebels blamed Russian warplanes for the raid on the market.")
    assert "russia" in found and "opposition" not in found


def test_those_who_say_are_not_the_doer() -> None:
    assert "opposition" not in doers(
        "It was a gas attack that opposition groups say killed dozens of people."
    )


def test_that_the_actor_did_it() -> None:
    # "that the X" is not "at the X": the mention after "that the" can be the doer.
    assert "isis" in doers("The ministry said that the Islamic State group had killed 30 people in the town.")


def test_backers_and_media_are_not_doers() -> None:
    assert "opposition" not in doers("The truce was brokered partly by rebel backer Qatar, officials said.")
    assert "russia" not in doers("The statement was quoted by Russian news agencies on Tuesday.")


def test_advances_by_is_not_an_attack() -> None:
    assert "syria_gov" not in doers("It came despite significant advances by Assad's army in the south.")


def test_anti_group_operation_targets_the_group() -> None:
    found = doers("Syrian fighter jets in a wide anti-ISIL operation targeted ISIL positions near Tabqa.")
    assert found[:1] == ["syria_gov"] and "isis" not in found


def test_downed_aircraft_is_the_victim_side() -> None:
    assert doers("A Russian military helicopter that was shot down over Idlib killed five on board.") == []
    assert (
        perps("A Russian military helicopter was shot down over Idlib on Monday, killing all five on board.")
        == []
    )


def test_killed_in_fighting_with() -> None:
    assert perps(
        "At least 40 Islamic State militants were killed in fighting with Kurdish fighters near Tal Tamr."
    ) == ["sdf_ypg"]


def test_rebel_coalition_is_not_the_international_coalition() -> None:
    assert {m.actor for m in find_actor_mentions("an assault by the rebel coalition")} == {"opposition"}


def test_x_and_other_groups_share_the_role() -> None:
    found = doers(
        "The army said that the Nusra Front and what it called other terrorist groups had killed 30 people."
    )
    assert "hts_nusra" in found


def test_alliance_including_a_member_is_the_doer() -> None:
    mentions = score_doers(
        s := "A new opposition alliance including Al-Qaeda's affiliate attacked the city on Thursday.",
        find_actor_mentions(s),
        [],
    )
    best = max((m for m in mentions if m.doer), key=lambda m: m.score)
    assert best.actor == "opposition"


def test_behind_the_attack() -> None:
    assert "syria_gov" in doers(
        "Western capitals say forces loyal to President Assad were behind the gas attack."
    )
    assert "opposition" in doers("Residents said the rebels could be responsible for the chemical attack.")


def test_headline_doer_leads_over_an_aside() -> None:
    text = (
        "Some 70 Islamic State fighters were killed near Qamishli in two days of fighting, a TV said. "
        "IS fighters are also being targeted by airstrikes carried out by the US-led coalition."
    )
    assert perps(text, title="Syrian Army Kills 70 IS Militants Near Qamishli")[0] == "syria_gov"


def test_the_group_refers_back_to_the_named_doer() -> None:
    text = (
        "The opposition condemned the massacre committed by Islamic State militants near Al-Bab. "
        "Activists said 41 men were rounded up and executed by the extremist group on Friday."
    )
    assert perps(text) == ["isis"]


def test_feared_or_possible_attacks_have_no_doer() -> None:
    assert doers("Residents said they feared revenge attacks by pro-government forces.") == []
    assert doers("The deal could avert possible U.S. military strikes.") == []
    assert doers("It showed that the rebels could still strike back.") == []


def test_a_visit_by_is_not_an_attack() -> None:
    assert doers("The blasts coincided with a rare trip by President Bashar Assad to the coast.") == []


def test_counted_or_passive_dead_are_victims() -> None:
    assert doers("More than 50 Syria rebels jihadists killed NGO") == []
    assert doers("The number of rebel fighters killed in battles near the town has risen to 39.") == []
    assert doers("Three Russian jets killed 20 civilians in Idlib.") == ["russia"]
    assert doers("Syrian air force strikes killed at least 70 people in Douma.") == ["syria_gov"]


def test_who_overran_the_place_in_a_toll_sentence() -> None:
    assert perps(
        "More than 50 rebels were killed in Hasakeh province as the Islamic State group overran a town."
    ) == ["isis"]


def test_islam_army_is_not_the_syrian_army() -> None:
    assert {m.actor for m in find_actor_mentions("rocket attacks by Islam Army insurgents")} == {"opposition"}


def test_unnamed_lead_doer_not_replaced_by_a_later_strike_without_toll() -> None:
    text = (
        "Seven people were killed on Monday in terrorist rocket attacks on the Midan district of Aleppo. "
        "Later, Nusra Front terrorists fired more than ten rocket shells at Midan, causing material damage."
    )
    assert perps(text) == []
    text = (
        "Seven people were killed on Monday in terrorist rocket attacks on the Midan district of Aleppo. "
        "Nusra Front terrorists fired more shells at Midan, killing two more people."
    )
    assert perps(text) == ["hts_nusra"]


def test_side_of_another_kind_of_attack_without_toll_is_not_the_doer() -> None:
    text = (
        "A car bomb exploded in western Damascus on Thursday, killing four people. "
        "Government artillery shelled rebel positions in Jobar, the monitor said."
    )
    assert perps(text) == []


def test_other_sides_head_noun_is_not_the_syrian_army() -> None:
    assert [m.actor for m in find_actor_mentions("Cross-border fire by Turkish troops hit the town.")] == [
        "turkey"
    ]
    assert {m.actor for m in find_actor_mentions("Iranian-backed troops advanced.")} == {"iran", "syria_gov"}


def test_aircraft_only_heard_is_no_attack() -> None:
    assert doers("Syrian warplanes were heard over Raqqa after the assault.") == []


def test_infighting_among_groups() -> None:
    assert "opposition" in doers("Clashes among the Faylaq al-Rahman and other factions killed 50 fighters.")


def test_the_campaign_refers_back_to_its_named_doer() -> None:
    text = (
        "Eastern Aleppo has been subjected to a ferocious onslaught by the Assad regime since November 15. "
        "Over 300 people have been killed in the ongoing bombing campaign on the city."
    )
    assert perps(text) == ["syria_gov"]


def test_strikes_that_have_stopped_are_not_the_event() -> None:
    assert doers("As Russian airstrikes over Aleppo have temporarily calmed, the town was quiet.") == []


def test_related_headlines_glued_to_the_story_give_no_doer() -> None:
    text = (
        "Kurdish-led forces killed 35 Islamic State militants near Tabqa on Saturday, an agency reported. "
        "Share 87 Related Turkey Detains Suspects Ahead Of Vote US Coalition Strikes Kill Two Senior Leaders "
        "Near Border Army Frees Territories Near Airbase."
    )
    assert perps(text) == ["sdf_ypg"]
