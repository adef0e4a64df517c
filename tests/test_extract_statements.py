"""Statements that deny, admit or claim a strike (harmwatch.extract.statements).

Every sentence here was written for these tests; none is copied from an article.
"""

from __future__ import annotations

import pytest

from harmwatch.extract import extract_report
from harmwatch.extract.statements import (
    Statement,
    apply_statements,
    classify_report,
    find_statements,
    source_actor,
)
from harmwatch.models import Extraction


def kinds(
    text: str, source: str | None = "Example News", title: str | None = None
) -> set[tuple[str, str | None]]:
    """(kind, value) of the belligerent claims in a text."""
    return {
        (s.kind, s.value if isinstance(s.value, str) else repr(s.value))
        for s in find_statements(text, source=source, title=title)
        if s.kind in ("denial", "admission", "responsibility")
    }


def only(text: str, source: str | None = "Example News") -> list[Statement]:
    return [s for s in find_statements(text, source=source) if s.kind != "accusation"]


# --- who speaks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "actor", "official"),
    [
        ("Russian Ministry of Defence", "russia", True),
        ("Ministry of Defence of the Russian Federation", "russia", True),
        ("US Central Command", "coalition", True),
        ("CENTCOM", "coalition", True),
        ("SANA", "syria_gov", False),
        ("Turkish General Staff", "turkey", True),
        ("Amaq News Agency", "isis", True),
        ("Reuters", None, False),
        ("Syrian Observatory for Human Rights", None, False),
        ("", None, False),
        (None, None, False),
    ],
)
def test_source_actor(source: str | None, actor: str | None, official: bool) -> None:
    assert source_actor(source) == (actor, official)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The Kremlin on Thursday rejected accusations that its jets had bombed a clinic in Saraqib.",
            "russia",
        ),
        ("Moscow has flatly denied that its aircraft struck the bakery in Ariha.", "russia"),
        (
            "A spokesman for CENTCOM denied that coalition aircraft were involved in the raid on the school.",
            "coalition",
        ),
        ("Syrian state television denied that the army had dropped barrel bombs on the town.", "syria_gov"),
        (
            "Turkey's defence ministry denied that its artillery had shelled the hospital in Tal Rifaat.",
            "turkey",
        ),
        (
            "The Russian military, which has backed Damascus since 2015, denied carrying out any strikes "
            "on the market.",
            "russia",
        ),
        ("The airstrike on the clinic was denied by the Russian defence ministry.", "russia"),
    ],
)
def test_speaker_of_denials(sentence: str, speaker: str) -> None:
    sts = [s for s in only(sentence) if s.kind == "denial"]
    assert sts, sentence
    assert sts[0].speaker == speaker


# --- denials ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Russia has denied targeting hospitals in Idlib province.", "russia"),
        ("The Syrian government denies using chemical weapons in the town.", "syria_gov"),
        (
            "Damascus rejected the allegations that government helicopters dropped chlorine on the village.",
            "syria_gov",
        ),
        ("Ankara dismissed reports that Turkish jets had struck a school near Afrin as baseless.", "turkey"),
        ("The coalition denied that its aircraft had hit the mosque in the town.", "coalition"),
        (
            "Israel's military declined to comment, but an official denied Israeli involvement "
            "in the air raid.",
            "israel",
        ),
        (
            "The Russian defence ministry said its planes did not carry out any combat flights "
            "over Maarat al-Numan.",
            "russia",
        ),
    ],
)
def test_denial_in_news(sentence: str, actor: str) -> None:
    assert ("denial", actor) in kinds(sentence), find_statements(sentence, source="Example News")


def test_denial_of_an_earlier_accusation() -> None:
    text = (
        "An opposition spokesman said Syrian army helicopters had bombed the field hospital, "
        "an accusation Damascus rejected."
    )
    sts = only(text)
    assert [(s.kind, s.speaker, s.value) for s in sts] == [("denial", "syria_gov", "syria_gov")]


def test_two_parties_deny_together() -> None:
    text = "The Syrian government and its allies in Moscow have denied bombing clinics during the offensive."
    assert {("denial", "syria_gov"), ("denial", "russia")} <= kinds(text)


def test_accusation_is_not_a_denial() -> None:
    text = "Syria's foreign ministry said coalition aircraft had hit the water station in the city."
    sts = find_statements(text, source="Example News")
    assert not [s for s in sts if s.kind == "denial"]
    assert [(s.kind, s.speaker, s.subject) for s in sts] == [("accusation", "syria_gov", "coalition")]


def test_striking_a_different_target_admits_the_strike_and_denies_the_target() -> None:
    text = (
        "The Pentagon said it had carried out a strike on a meeting of al Qaeda commanders "
        "but denied hitting the school next to it."
    )
    sts = only(text)
    got = {(s.kind, s.field, s.value) for s in sts}
    assert ("admission", "perpetrators", "coalition") in got
    assert ("denial", "targets", "school") in got
    assert not any(s.kind == "denial" and s.value == "hts_nusra" for s in sts)


@pytest.mark.parametrize(
    "sentence",
    [
        "The strikes were carried out to deny the militants the use of the bridge.",
        "The convoy was denied permission to enter the besieged town.",
        "Washington rejected calls from opposition groups to halt the bombing campaign.",
        "The rebels rejected the demand to hand over their heavy weapons.",
        "It was not clear who carried out the strike on the market.",
        "No group has claimed responsibility for the bombing so far.",
        "A senior commander denied that the group had ever pledged allegiance to al-Qaeda.",
        "The monitor said Russian jets killed 12 civilians in the village.",
    ],
)
def test_not_a_statement(sentence: str) -> None:
    assert not kinds(sentence), find_statements(sentence, source="Example News")


# --- admissions and claims --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "actor"),
    [
        (
            "Islamic State claimed responsibility for the car bomb through its Amaq news agency.",
            "responsibility",
            "isis",
        ),
        (
            "Hayat Tahrir al-Sham claimed responsibility for the double suicide attack in Damascus.",
            "responsibility",
            "hts_nusra",
        ),
        (
            "The coalition acknowledged that its aircraft had struck the building, killing civilians.",
            "admission",
            "coalition",
        ),
        (
            "The US military admitted responsibility for the deaths of civilians in the strike.",
            "admission",
            "coalition",
        ),
        (
            "The Israeli army said it had targeted Iranian positions near Damascus overnight.",
            "admission",
            "israel",
        ),
        (
            "An investigation by the coalition concluded that its strike had killed 11 civilians.",
            "admission",
            "coalition",
        ),
        ("The Turkish military said its jets had destroyed PKK shelters in the area.", "admission", "turkey"),
    ],
)
def test_admission_and_responsibility(sentence: str, kind: str, actor: str) -> None:
    assert (kind, actor) in kinds(sentence), find_statements(sentence, source="Example News")


def test_negated_admission_is_not_an_admission() -> None:
    assert not kinds("Russia has never acknowledged any civilian deaths from its air campaign.")


# --- whole statements -------------------------------------------------------------------

MOD_DENIAL = (
    "Reports spread by several foreign media outlets that Russian aircraft bombed a hospital in the town "
    "of Kafr Nabl on 3 May are false. The Russian Aerospace Forces did not carry out any combat missions "
    "in that area on that day. Objective monitoring data show that a drone of the international coalition "
    "was operating in the area at the time."
)


def test_ministry_denial_is_a_report_of_the_strike() -> None:
    ext = extract_report(
        MOD_DENIAL,
        title="On reports of a strike on a hospital in Kafr Nabl",
        published="2019-05-05",
        source="Russian Ministry of Defence",
        report_id="mod1",
    )
    assert classify_report(MOD_DENIAL, source="Russian Ministry of Defence") == {"denial"}
    assert len(ext.incidents) >= 1
    inc = ext.incidents[0]
    assert inc.date.start == "2019-05-03"
    assert any(t.kind == "hospital" for t in inc.targets)
    assert inc.place.admin1 == "Idleb"
    perps = {p.actor: p.attribution for p in inc.perpetrators}
    assert perps.get("russia") == "denied"
    assert perps.get("coalition") == "alleged"
    denials = [c for c in inc.claims if c.kind == "denial"]
    assert denials and all(c.quote in MOD_DENIAL for c in denials)
    assert all(c.report_id == "mod1" and c.source == "Russian Ministry of Defence" for c in denials)
    assert {c.value for c in denials} == {"russia"}
    # A party's own statement is not an independent report: only its statement claims.
    assert {c.kind for c in inc.claims} <= {"denial", "admission", "responsibility"}


def test_state_media_denial_with_counter_accusation() -> None:
    text = (
        "Damascus, SANA - A military source denied on Sunday the claims that the army used toxic gas in "
        "Saraqib, and held the terrorist groups responsible for staging the incident."
    )
    ext = extract_report(
        text,
        title="Military source: no chemical use in Saraqib",
        published="2018-02-05",
        source="SANA",
        report_id="sana1",
    )
    inc = ext.incidents[0]
    perps = {p.actor: p.attribution for p in inc.perpetrators}
    assert perps.get("syria_gov") == "denied"
    assert perps.get("opposition") == "alleged"
    assert inc.place.name and "sar" in inc.place.name.lower()


def test_own_announcement_is_responsibility_and_later_admission() -> None:
    first = (
        "On 10 January, coalition aircraft struck an ISIS headquarters near Hajin. "
        "The school near the site was not the target of the strike."
    )
    assert classify_report(first, source="Combined Joint Task Force - Operation Inherent Resolve") == {
        "responsibility",
        "denial",
    }
    later = (
        "An investigation found that the strike near Hajin on 10 January killed four civilians in a school "
        "building. The coalition regrets the unintentional loss of civilian life."
    )
    assert classify_report(later, source="US Central Command") == {"admission"}


def test_news_report_with_a_denial_is_not_a_statement() -> None:
    text = (
        "Air strikes killed 14 people at a market in Ariha on Monday, rescuers said. "
        "The Russian defence ministry denied that its aircraft had flown over the town."
    )
    assert classify_report(text, source="Example News") == set()
    ext = extract_report(text, published="2020-01-29", source="Example News", report_id="n1")
    inc = ext.incidents[0]
    assert any(c.kind == "denial" and c.value == "russia" for c in inc.claims)
    assert any(c.kind == "report" for c in inc.claims)  # a news report keeps its own claims


def test_correction_discounts() -> None:
    text = "Correction: no air strike took place in the village on Tuesday, contrary to our earlier report."
    sts = find_statements(text, source="Example News")
    assert any(s.kind == "correction" and s.field == "occurred" and s.value is False for s in sts)
    claim = next(s for s in sts if s.kind == "correction").claim("r9", "Example News")
    assert claim.kind == "report" and claim.field == "occurred" and claim.value is False


# --- hostile input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01 denied",
        "denied " * 5000,
        "said " * 20000,
        "Moscow denied." * 3000,
        "\u202e denied \ud7ff",
    ],
)
def test_hostile_input_never_raises(text: str) -> None:
    find_statements(text, source="Russian Ministry of Defence", title="denied")
    ext = Extraction(id="x")
    apply_statements(ext, text, source="SANA", published="not a date", report_id="x")


# --- more parties, more phrasings -----------------------------------------------------


@pytest.mark.parametrize(
    ("source", "sentence", "kind", "value"),
    [
        (
            "CJTF-OIR",
            "After a review, the Coalition has concluded that a Coalition strike on 12 May near al-Bukamal "
            "unintentionally killed four civilians.",
            "admission",
            "coalition",
        ),
        (
            "Reuters",
            "The Pentagon acknowledged that a U.S. air strike killed civilians near Raqqa last week.",
            "admission",
            "coalition",
        ),
        (
            "Reuters",
            "The Russian Defence Ministry called the reports of civilian deaths in the raid fake news.",
            "denial",
            "russia",
        ),
        (
            "Russian Ministry of Defence",
            "No Russian aircraft operated in the area of the settlement on 15 March.",
            "denial",
            "russia",
        ),
        (
            "Amaq News Agency",
            "A martyrdom-seeker from the Islamic State detonated his explosive vest amid a gathering "
            "of PKK fighters.",
            "responsibility",
            "isis",
        ),
        (
            "Reuters",
            "Hayat Tahrir al-Sham announced that its fighters had shelled regime positions in Jurin.",
            "responsibility",
            "hts_nusra",
        ),
        (
            "Ministry of National Defence of Turkey",
            "Claims that civilians were harmed in the operation are baseless; "
            "only terrorist targets were hit.",
            "denial",
            "turkey",
        ),
        (
            "Reuters",
            "Turkey's defence ministry said its forces had neutralised 27 YPG militants in the strikes.",
            "admission",
            "turkey",
        ),
        (
            "Reuters",
            "Asked about the strike on the school, a Kremlin spokesman said Russia's air force "
            "had not been involved.",
            "denial",
            "russia",
        ),
        (
            "Russian Ministry of Defence",
            "The footage of the so-called attack was staged by the White Helmets.",
            "denial",
            "False",
        ),
    ],
)
def test_party_phrasings(source: str, sentence: str, kind: str, value: str) -> None:
    assert (kind, value) in kinds(sentence, source=source), find_statements(sentence, source=source)


def test_an_allegation_by_a_party_is_alleged_not_denied() -> None:
    text = (
        "Missiles hit an air base near Homs on Monday, killing five soldiers. "
        "Syrian state media said Israeli jets had fired the missiles from Lebanese airspace."
    )
    ext = extract_report(text, published="2018-04-09", source="Example News", report_id="n2")
    perps = {p.actor: p.attribution for p in ext.incidents[0].perpetrators}
    assert perps.get("israel") == "alleged"
    assert not [c for c in ext.incidents[0].claims if c.kind == "denial"]


def test_victims_named_after_a_party_are_not_accused() -> None:
    text = "Turkey's defence ministry said its forces had neutralised 27 YPG militants in the strikes."
    assert not [s for s in find_statements(text, source="Example News") if s.kind == "accusation"]


def test_state_media_lead_announcing_the_army_strike() -> None:
    lead = (
        "Idleb, SANA - Army units destroyed hideouts of terrorists in the village of Kafr Sajna "
        "in the southern countryside of Idleb on Sunday."
    )
    assert ("responsibility", "syria_gov") in kinds(lead, source="SANA")
    # Further down a state-media story, the army's actions are narrated, not announced as the event.
    story = (
        "Daesh terrorists attacked the village of al-Sukkari at dawn, killing 12 citizens, a local source "
        "told SANA. Army units later killed dozens of the terrorists in the area."
    )
    assert ("responsibility", "syria_gov") not in kinds(story, source="SANA")


def test_party_outlet_blaming_its_enemy_is_an_allegation() -> None:
    text = (
        "Aleppo, SANA - Two citizens were killed on Monday when terrorists of Jabhat al-Nusra fired rocket "
        "shells at al-Midan neighbourhood in Aleppo city, a police source said."
    )
    ext = extract_report(text, published="2016-05-02", source="SANA", report_id="sana2")
    perps = {p.actor: p.attribution for p in ext.incidents[0].perpetrators}
    assert perps.get("hts_nusra") == "alleged"


def test_statement_about_another_town_gets_its_own_incident() -> None:
    text = (
        "Militants of Hayat Tahrir al-Sham shelled the town of Suqaylabiyah on 13 May, killing two "
        "civilians. Russian aviation did not fly in the area of Kafr Nabl on 13 May. Reports that Russian "
        "aircraft hit a school in Kafr Nabl are a fabrication."
    )
    ext = extract_report(text, published="2019-05-14", source="Russian Ministry of Defence", report_id="m2")
    main = ext.incidents[0]
    assert main.place.name and "kaf" in main.place.name.lower()
    assert {p.actor: p.attribution for p in main.perpetrators}.get("russia") == "denied"
    assert len({i.id for i in ext.incidents}) == len(ext.incidents)
