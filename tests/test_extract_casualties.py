"""Casualty figures: qualifiers, breakdowns, killed vs injured, civilians vs combatants."""

from harmwatch.extract import extract_report
from harmwatch.extract.casualties import find_casualties
from harmwatch.models import Range


def rng(r: Range | None) -> tuple[int | None, int | None, int | None] | None:
    return None if r is None else (r.best, r.low, r.high)


def victims(text: str, published: str = "2017-02-01"):  # type: ignore[no-untyped-def]
    ext = extract_report(text, published=published)
    assert ext.incidents, text
    return ext.incidents[0].victims


def test_qualified_totals_and_spans() -> None:
    text = "Rockets killed at least 9 people in a market in Hama on Monday."
    v = victims(text)
    assert rng(v.killed) == (9, 9, None)
    assert v.killed is not None and v.killed.span is not None
    assert text[v.killed.span.start : v.killed.span.end] == "at least 9 people"


def test_breakdown_children_and_women() -> None:
    v = victims("Air raids on a village killed 21 civilians, including 8 children and 4 women, on Friday.")
    assert rng(v.killed_civilians) == (21, 21, 21)
    assert rng(v.killed_children) == (8, 8, 8)
    assert rng(v.killed_women) == (4, 4, 4)


def test_killed_apart_from_injured() -> None:
    v = victims("The car bomb killed seven people and wounded 23 others in Azaz on Sunday.")
    assert rng(v.killed) == (7, 7, 7)
    assert rng(v.injured) == (23, 23, 23)


def test_combatants_apart_from_civilians() -> None:
    v = victims("Warplanes struck a convoy, killing 31 ISIL terrorists near Palmyra on Sunday.")
    assert rng(v.killed_combatants) == (31, 31, 31)
    assert v.killed_civilians is None


def test_the_rest_were_fighters() -> None:
    v = victims(
        "Four civilians were among 19 people killed in strikes on Raqqa on Monday. "
        "The rest of the dead were jihadist fighters, the monitor said."
    )
    assert rng(v.killed) == (19, 19, 19)
    assert rng(v.killed_civilians) == (4, 4, 4)
    assert rng(v.killed_combatants) == (15, 15, 15)


def test_vague_and_family_counts() -> None:
    v = victims("Dozens of civilians were killed when jets bombed a bakery in Aleppo on Monday.")
    assert rng(v.killed_civilians) == (None, 24, None)
    v = victims("A family of five was killed when a shell hit their home in Douma on Monday.")
    assert rng(v.killed_civilians) == (5, 5, 5)


def test_running_total_is_not_this_incidents_toll() -> None:
    cas = find_casualties(
        "Shelling killed three more people on Monday, bringing the toll since the offensive began to 140."
    )
    own = [c for c in cas if not c.running]
    assert [(c.outcome, c.range.best) for c in own] == [("killed", 3)]
    assert any(c.running and c.range.best == 140 for c in cas)


def test_war_totals_are_background() -> None:
    ext = extract_report(
        "Artillery killed two farmers near Daraa on Monday. "
        "More than 300,000 people have been killed since the war began in 2011.",
        published="2017-02-01",
    )
    assert len(ext.incidents) == 1
    civilians = ext.incidents[0].victims.killed_civilians
    assert civilians is not None and civilians.best == 2


def test_violence_over_a_period_beside_the_event_is_context() -> None:
    ext = extract_report(
        "A car bomb killed 11 people in the town of Sajo near Azaz on Monday. "
        "Government shelling and rebel rockets have killed dozens over the past week around the city. "
        "It was the latest in a series of car bombings that have killed scores in the area.",
        published="2020-07-21",
    )
    assert len(ext.incidents) == 1
    killed = ext.incidents[0].victims.killed
    assert killed is not None and killed.best == 11
    # As the story itself, a period stays the main incident.
    week = extract_report(
        "Air strikes killed 40 fighters in Raqqa over the past week.", published="2017-02-01"
    )
    assert len(week.incidents) == 1


def test_coordinated_groups_add_up() -> None:
    v = victims("Three nurses and two children were killed when a hospital in Idlib was bombed on Monday.")
    assert rng(v.killed_children) == (2, 2, 2)
    assert rng(v.killed_civilians) == (5, 5, 5)
    assert rng(v.killed) == (5, 5, 5)


def test_death_toll_update() -> None:
    v = victims("The death toll from Saturday's suicide bombing in Jableh rose to 48, officials said.")
    assert rng(v.killed) == (48, 48, 48)


def test_parts_and_wider_scopes_do_not_replace_the_toll() -> None:
    v = victims(
        "Air strikes killed at least 16 civilians across Idlib province on Monday. "
        "In Khan Sheikhoun air strikes killed seven people including two women. "
        "Seven days of strikes have left more than 75 civilians dead in the province."
    )
    assert rng(v.killed_civilians) == (16, 16, None)
    assert v.killed_women is None


def test_breakdown_told_in_its_own_sentence() -> None:
    v = victims(
        "At least 20 people were killed in a car bomb blast at a checkpoint in Azaz on Monday. "
        "At least 14 of the dead were rebels. Among the dead were three children."
    )
    assert rng(v.killed) == (20, 20, None)
    assert v.killed_combatants is not None and v.killed_combatants.best == 14
    assert v.killed_children is not None and v.killed_children.best == 3


def test_war_totals_and_martyrs() -> None:
    v = victims(
        "Shelling killed 4 people in Homs on Monday. "
        "More than 210000 people have died in the Syrian conflict."
    )
    assert rng(v.killed) == (4, 4, 4)
    cs = find_casualties("51 martyrs were escorted from the military hospital.")
    assert cs and cs[0].outcome == "killed" and cs[0].range.best == 51


def test_toll_verb_far_after_the_word_toll() -> None:
    from harmwatch.extract.casualties import find_casualties

    s = (
        "The death toll from the shelling attacks launched by the militants on neighborhoods in areas of the "
        "province in the past 24 hours has reached 20 people in addition to tens of others injured."
    )
    found = [(c.outcome, c.cls, c.range.best) for c in find_casualties(s, 0, [])]
    assert ("killed", "total", 20) in found


def test_military_statement_verbs_report_killed_fighters() -> None:
    # State-media wording: fighters "destroyed" or "eliminated" are killed fighters,
    # and the statement alone is an incident (no other attack word in the sentence).
    for verb in ("destroyed", "eliminated", "neutralized", "liquidated"):
        text = f"The army {verb} over 60 terrorists near Palmyra on Monday."
        ext = extract_report(text, published="2016-08-13")
        assert ext.incidents, verb
        v = ext.incidents[0].victims
        assert v.killed_combatants is not None and v.killed_combatants.low == 60, verb
        assert v.killed_civilians is None
        assert [p.actor for p in ext.incidents[0].perpetrators] == ["syria_gov"], verb
