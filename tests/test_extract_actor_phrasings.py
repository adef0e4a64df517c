"""The main event's doer across phrasings: backers, fire from held areas, claims, own deeds.

Sentences are written for these tests (not taken from the evaluation data); each
group says the same deed several ways, and the doer must not depend on which.
"""

import pytest

from harmwatch.extract import extract_report
from harmwatch.extract.actors import find_actor_mentions, score_doers


def doers(sentence: str) -> list[str]:
    mentions = score_doers(sentence, find_actor_mentions(sentence), [])
    return [m.actor for m in sorted(mentions, key=lambda m: -m.score) if m.doer]


def first_perp(text: str, title: str | None = None) -> str:
    ext = extract_report(text, title=title, published="2016-05-03", source="test", report_id="r1")
    if not ext.incidents or not ext.incidents[0].perpetrators:
        return "unknown"
    return ext.incidents[0].perpetrators[0].actor


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Turkish-backed rebels shelled the Kurdish town of Tal Rifaat, killing six civilians.",
            "opposition",
        ),
        (
            "Syrian troops backed by Russian air power killed 40 rebels in an offensive near Aleppo.",
            "syria_gov",
        ),
        (
            "Syrian troops, supported by Russian warplanes, shelled the town, killing 40 civilians.",
            "syria_gov",
        ),
        (
            (
                "Government forces, backed by Iranian militias and Russian "
                "jets, stormed the town, killing 40 civilians."
            ),
            "syria_gov",
        ),
        ("Rebels backed by Turkish artillery attacked the town, killing 12 Kurdish fighters.", "opposition"),
        (
            "Kurdish fighters, with the support of coalition jets, attacked the village, killing 9 people.",
            "sdf_ypg",
        ),
        ("Russian-backed government forces shelled the town, killing six civilians.", "syria_gov"),
    ],
)
def test_the_backed_side_is_the_doer_not_its_backer(text: str, want: str) -> None:
    assert first_perp(text) == want


def test_the_backer_still_took_part() -> None:
    found = doers("Syrian troops backed by Russian air power killed 40 rebels in an offensive near Aleppo.")
    assert found[:2] == ["syria_gov", "russia"]


def test_a_backed_side_that_was_hit_makes_its_backer_no_doer() -> None:
    found = doers("Turkish-backed rebels were killed in the clashes near the town.")
    assert "turkey" not in found and "opposition" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Five civilians were killed in Damascus by rocket fire from rebel-held Eastern Ghouta.",
        "Mortar shells fired from rebel-held areas killed five civilians in Damascus.",
    ],
)
def test_fire_from_a_held_area_is_the_holders(text: str) -> None:
    assert first_perp(text) == "opposition"


def test_a_held_area_that_is_hit_is_still_the_target() -> None:
    assert first_perp("Government shelling of rebel-held Douma killed eight civilians.") == "syria_gov"
    assert "opposition" not in doers("Shells hit rebel-held areas of Douma, killing eight civilians.")


@pytest.mark.parametrize(
    "text",
    [
        (
            "Eight civilians were killed in a suicide bombing in Jableh "
            "on Monday, in an attack claimed by Islamic State."
        ),
        "A car bomb claimed by the Islamic State group killed 30 people in the city.",
        "Islamic State claimed a suicide bombing that killed eight civilians in Jableh on Monday.",
    ],
)
def test_an_attack_claimed_by_a_group_is_its(text: str) -> None:
    assert first_perp(text) == "isis"


def test_a_toll_claimed_by_a_side_is_no_claim_of_the_deed() -> None:
    assert "opposition" not in doers("The death toll claimed by rebels could not be verified.")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The Islamic State group said it had killed 20 Syrian soldiers near Palmyra.", "isis"),
        ("Rebels said on Monday they had ambushed an army convoy near Hama.", "opposition"),
        ("The Syrian army said its jets struck a convoy near Palmyra.", "syria_gov"),
    ],
)
def test_a_side_telling_of_its_own_deed_is_the_doer(text: str, want: str) -> None:
    assert doers(text)[:1] == [want]


def test_a_side_telling_of_others_is_not() -> None:
    assert "opposition" not in doers("Rebels said government jets had struck the market.")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Russian warplanes struck a hospital in Idlib province on Tuesday, killing five medical staff.",
            "russia",
        ),
        (
            "A hospital in Idlib province was struck by Russian jets on Tuesday, killing five medical staff.",
            "russia",
        ),
        ("Five medical staff were killed on Tuesday in a Russian air raid on a hospital in Idlib.", "russia"),
        ("Twenty men were executed by Islamic State militants in Palmyra on Sunday.", "isis"),
        (
            "Mortar rounds fired by rebels killed eight people in a government-held district of Aleppo.",
            "opposition",
        ),
        (
            "At least 20 civilians were killed near Manbij by air strikes of the US-led coalition.",
            "coalition",
        ),
        ("Forces loyal to President Bashar al-Assad killed 15 people in a village near Homs.", "syria_gov"),
        (
            "Twelve Druze villagers were shot dead by members of the Nusra Front in Idlib province.",
            "hts_nusra",
        ),
        ("US-backed Syrian Democratic Forces shelled the village, killing four civilians.", "sdf_ypg"),
        ("Thirty Islamic State militants were killed by the Syrian army near Palmyra.", "syria_gov"),
        ("Shelling by Islamic State on government-held Deir Ezzor killed seven civilians.", "isis"),
        ("Twenty soldiers were killed when rebels ambushed their convoy near Hama.", "opposition"),
    ],
)
def test_active_and_passive_give_the_same_doer(text: str, want: str) -> None:
    assert first_perp(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb exploded in the city of Homs on Monday, killing 10 people.",
        "Ten people were killed when a bomb exploded in a bus in Damascus, state media said.",
        (
            "Terrorists fired mortar shells at a residential "
            "neighbourhood in Damascus, killing three civilians, SANA said."
        ),
        (
            "Air strikes killed eight civilians in the town of Saraqeb "
            "on Monday. It was not clear who carried out the raids."
        ),
        "Five civilians were killed by unidentified gunmen in Daraa province.",
    ],
)
def test_no_named_doer_is_unknown(text: str) -> None:
    assert first_perp(text) == "unknown"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Kurdish-led Syrian Democratic Forces (SDF) killed 35 militants near the town on Sunday.",
            "sdf_ypg",
        ),
        ("Reportedly the shelling of the market was carried out by Daesh (banned in Russia).", "isis"),
        (
            "Jabhat al-Nusra (outlawed in Russia) terrorists shelled the town, killing four civilians.",
            "hts_nusra",
        ),
    ],
)
def test_an_aside_in_brackets_does_not_hide_the_verb(text: str, want: str) -> None:
    assert doers(text)[:1] == [want]


def test_a_named_side_that_kills_uncounted_victims_is_an_event() -> None:
    text = (
        "The Syrian army killed a rebel commander and several of his guards near the village of Kafr Nabl, "
        "a military source said."
    )
    assert first_perp(text) == "syria_gov"


def test_the_other_sides_response_is_not_the_main_deed() -> None:
    text = (
        "Terrorists targeted the town with rocket shells, killing three civilians, a police source said. "
        "Army units responded to the attack and killed a number of terrorists."
    )
    assert first_perp(text) == "unknown"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Nusra Front stages deadly suicide bombing in Aleppo, killing 12 people.", "hts_nusra"),
        ("IS mounted a suicide attack on an army checkpoint, killing 12 soldiers.", "isis"),
        ("ISIL crucifies nine men in northern Aleppo province.", "isis"),
        ("Russia says it kills 180 militants in Syria.", "russia"),
        ("Assad regime commits horrific massacre in Idlib countryside.", "syria_gov"),
        ("Over 20 Daesh terrorists killed in SDF operations in northern Syria.", "sdf_ypg"),
        ("Dozens of insurgents killed as Kurdish forces advance in the Aleppo countryside.", "sdf_ypg"),
        ("Fifty rebels were killed as government forces advanced on the town of Rastan.", "syria_gov"),
    ],
)
def test_headline_verbs_of_the_deed(text: str, want: str) -> None:
    assert first_perp(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The Syrian army alongside a volunteer militia has killed some 70 Islamic State fighters nearby.",
            "syria_gov",
        ),
        ("Rebels together with Nusra Front fighters shelled the town, killing 12 civilians.", "opposition"),
        ("Nusra Front drove rebels out of the base in fighting that killed 29 fighters.", "hts_nusra"),
        ("Forty soldiers were killed as Islamic State fighters drove the army out of the town.", "isis"),
    ],
)
def test_partners_and_the_side_that_drove_the_other_out(text: str, want: str) -> None:
    assert first_perp(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Regime forces shell villages near Ariha, while rebels kill two soldiers on the frontline.",
            "opposition",
        ),
        (
            "Rebels target an army truck, killing four soldiers, and regime forces shell nearby villages.",
            "opposition",
        ),
        ("Turkish-backed factions shell a Kurdish village, killing two civilians.", "opposition"),
        ("Opposition snipers shoot dead two soldiers on the frontline near Hama.", "opposition"),
        ("Islamic State cells shoot dead a Kurdish fighter near Deir Ezzor.", "isis"),
        ("The “Asayish” kill seven Islamic State members near the prison.", "sdf_ypg"),
        (
            "At least 20 civilians were killed near Manbij by air strikes of the US-led coalition.",
            "coalition",
        ),
    ],
)
def test_short_bulletin_phrasings(text: str, want: str) -> None:
    assert first_perp(text) == want


@pytest.mark.parametrize(
    ("text", "not_doer"),
    [
        ("Regime soldier killed and two others injured in an explosion near Daraa.", "syria_gov"),
        ("Turkish soldiers killed or injured in a rocket attack near Idlib.", "turkey"),
        ("Six regime soldiers slaughtered in the desert east of Homs.", "syria_gov"),
        ("Death toll of regime forces rises to eight as Islamic State attacks continue.", "syria_gov"),
        ("Unknown gunmen target Islamic State members near the town, killing one.", "isis"),
    ],
)
def test_the_dead_and_the_targets_are_not_doers(text: str, not_doer: str) -> None:
    assert not_doer not in doers(text)


def test_who_was_behind_the_attack_is_read_anywhere_in_the_story() -> None:
    text = (
        "The Security Council met on Monday to discuss the nerve gas attack on the town, which killed "
        "more than 80 people last week. Diplomats argued for hours over the wording of a resolution. "
        "Britain and France say forces loyal to President Bashar al-Assad were behind the attack."
    )
    assert first_perp(text) == "syria_gov"


def test_a_doer_of_another_attack_is_not_blamed_for_this_one() -> None:
    text = (
        "A car bomb killed 12 people at a market in the town on Monday. No group said it carried out "
        "the bombing. Government warplanes later struck rebel positions to the north."
    )
    assert first_perp(text) == "unknown"


def test_a_plural_side_before_target_is_its_subject() -> None:
    assert first_perp("Rebels target regime forces near the town, killing three soldiers.") == "opposition"
    text = "Russian jets struck rebel targets in the town of Idlib on Monday, killing five people, it said."
    assert first_perp(text) == "russia"
    assert "opposition" not in doers("Russian jets struck rebel targets in Idlib, killing five people.")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Congress was asked to approve strikes to punish the Syrian government over the gas attack.",
            "syria_gov",
        ),
        ("The UN held the Islamic State group responsible for the bombing that killed 30.", "isis"),
        ("The minister said the world must hold Assad accountable for the chemical attack.", "syria_gov"),
    ],
)
def test_the_side_to_be_punished_for_the_deed_is_named_its_doer(text: str, want: str) -> None:
    assert doers(text)[:1] == [want]
