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
