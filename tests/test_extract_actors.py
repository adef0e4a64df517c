"""Perpetrators and the status of each attribution."""

from harmwatch.extract import extract_report


def perps(text: str) -> list[tuple[str, str]]:
    ext = extract_report(text, published="2016-10-05", source="test", report_id="r1")
    assert ext.incidents, text
    return [(p.actor, p.attribution) for p in ext.incidents[0].perpetrators]


def test_stated() -> None:
    assert perps("Regime helicopters dropped barrel bombs on Darayya on Monday, killing four people.") == [
        ("syria_gov", "stated")
    ]


def test_alleged_by_hedge() -> None:
    assert perps("Suspected Russian air strikes killed 11 people in Maarat al-Numan on Tuesday.") == [
        ("russia", "alleged")
    ]
    assert perps("Activists said Turkish artillery shelled Tal Rifaat on Monday, killing two women.") == [
        ("turkey", "alleged")
    ]


def test_either_or_gives_two_alleged_actors() -> None:
    found = perps("Russian or Syrian warplanes struck a school in Haas on Wednesday, killing 20 children.")
    assert ("russia", "alleged") in found and ("syria_gov", "alleged") in found


def test_denial() -> None:
    text = (
        "Russian jets bombed a market in Idlib on Monday, killing 12 people, activists said. "
        "Moscow denied that its aircraft had carried out any strikes in the area."
    )
    ext = extract_report(text, published="2016-10-05", source="test", report_id="r1")
    inc = ext.incidents[0]
    assert [(p.actor, p.attribution) for p in inc.perpetrators] == [("russia", "denied")]
    denial = [c for c in inc.claims if c.kind == "denial"]
    assert denial and denial[0].value == "russia" and denial[0].quote in text
    assert denial[0].report_id == "r1" and denial[0].source == "test"


def test_admission_and_responsibility() -> None:
    found = perps(
        "The US-led coalition said its aircraft struck an Islamic State headquarters in Raqqa on Monday, "
        "killing 14 militants."
    )
    assert ("coalition", "admitted") in found
    found = perps(
        "A car bomb killed nine people in Qamishli on Tuesday. Islamic State claimed responsibility."
    )
    assert ("isis", "admitted") in found


def test_victims_are_not_perpetrators() -> None:
    assert perps("Kurdish fighters killed 25 Islamic State militants near Hasakeh on Monday.") == [
        ("sdf_ypg", "stated")
    ]


def test_contested() -> None:
    text = (
        "Shells hit a school in Aleppo on Monday, killing six children. "
        "The opposition blamed government forces, while state media accused rebels of firing the shells "
        "and the army denied any role."
    )
    found = dict(perps(text))
    assert found.get("syria_gov") == "contested" and found.get("opposition") == "contested"


def test_targets_as_verb_in_a_headline() -> None:
    ext = extract_report(
        "Jets struck positions near the village on Saturday, killing 25 fighters.",
        title="Syrian Air Force Targets ISIS in Deir Ezzor",
        published="2016-10-05",
        report_id="r1",
    )
    assert ext.incidents and ext.incidents[0].perpetrators
    assert ext.incidents[0].perpetrators[0].actor == "syria_gov"


def test_doer_named_once_outside_the_event_sentences() -> None:
    text = (
        "At least 40 civilians were killed in Aleppo over the past week, a rights group said. "
        "The opposition council urged the United Nations to act. "
        "It said the airstrikes by the Assad regime on the city were deliberate."
    )
    found = perps(text)
    assert found and found[0][0] == "syria_gov"
