"""Death tolls: clause boundaries, kinship nouns, chained verbs and widened tolls (round 4)."""

from __future__ import annotations

from harmwatch.extract import extract_report
from harmwatch.extract.casualties import find_casualties


def _read(sentence: str) -> list[tuple[str, str, int | None]]:
    return [(c.outcome, c.cls, c.range.best) for c in find_casualties(sentence)]


def test_a_new_clause_keeps_its_own_verb() -> None:
    got = _read("Nine villagers died in the raid, among them a boy and three women while 20 others were hurt")
    assert ("killed", "children", 1) in got
    assert ("killed", "women", 3) in got
    assert ("injured", "total", 20) in got


def test_a_chain_of_groups_still_shares_its_verb() -> None:
    got = _read("Seven boys and 4 guards were among the dead, the agency said.")
    assert ("killed", "children", 7) in got
    assert ("killed", "combatants", 4) in got


def test_a_child_named_by_kinship_is_counted() -> None:
    assert ("killed", "children", 1) in _read(
        "A farmer and his little son were killed when the shell hit the house"
    )
    assert ("killed", "children", 1) in _read("A nurse and her baby died under the rubble")
    # a grown son is not a child
    assert not [x for x in _read("The mayor and his son were killed") if x[1] == "children"]


def test_estimated_and_two_step_verbs_reach_the_count() -> None:
    assert ("killed", "total", 300) in _read("In the siege some 300 people are believed to have died.")
    assert ("killed", "combatants", 12) in _read("About 12 captured soldiers were rounded up and shot dead.")
    assert ("killed", "total", 3) in _read("Three men were abducted and later killed near the road.")


def test_named_victims_become_a_part_of_a_wider_toll() -> None:
    text = (
        "A woman and her child were killed when a bomb hit their home in Douma on Monday. "
        "At least 14 people were killed in the bombardment of Douma overnight, a monitor said."
    )
    inc = extract_report(text, title="Woman and child killed in Douma bombardment").incidents[0]
    v = inc.victims
    assert v.killed is not None and v.killed.best == 14
    assert v.killed_civilians is None or v.killed_civilians.best == 14
    assert v.killed_children is not None and v.killed_children.best == 1
    assert v.killed_women is not None and v.killed_women.best == 1


def test_a_toll_of_children_alone_is_not_replaced_by_another_places_toll() -> None:
    text = (
        "At least five children were killed when rockets hit a school in the west of Aleppo on Monday. "
        "The rockets hit the school yard as pupils left their classes, the agency said. "
        "Separately, a monitor said at least 12 people were killed in air raids on the town of Douma. "
        "In Idlib four civilians died in shelling on Sunday."
    )
    v = extract_report(text, title="Rockets kill 5 children at Aleppo school").incidents[0].victims
    assert v.killed_children is not None and v.killed_children.best == 5
    assert v.killed is None or v.killed.best == 5


def test_members_of_the_doers_own_ranks_are_fighters() -> None:
    assert ("killed", "combatants", 40) in _read(
        "The group has executed some 40 of its own fighters for desertion."
    )
    assert ("killed", "children", 2) in _read("The shell killed 2 of their children in the yard.")


def test_left_dead_reaches_past_an_aside() -> None:
    got = _read("The car bomb left 17 gunmen of the brigade, including two of its commanders, dead.")
    assert ("killed", "combatants", 17) in got


def test_an_earlier_event_inside_the_sentence_is_not_this_ones_toll() -> None:
    got = find_casualties(
        "Four civilians were killed in shelling on Homs on Friday, two days after air raids on a market "
        "in Hama left 30 people dead."
    )
    own = [(c.cls, c.range.best) for c in got if c.outcome == "killed" and not c.running]
    assert own == [("civilians", 4)]
    # with no toll of its own before it, the earlier event's toll is still read
    solo = find_casualties("Troops stormed the district a day after bombardments killed at least 20 people.")
    assert [(c.cls, c.range.best, c.running) for c in solo] == [("total", 20, False)]


def test_a_list_without_commas_is_still_a_breakdown() -> None:
    got = _read("The dead included 14 children 9 women and two paramedics.")
    assert ("killed", "children", 14) in got
    assert ("killed", "women", 9) in got


def test_a_bare_count_reaches_its_verb_past_auxiliaries() -> None:
    assert ("killed", "total", 900) in _read(
        "In the massacre more than 900 are believed to have been killed."
    )


def test_the_next_sentence_breaks_down_a_statement_toll() -> None:
    text = (
        "The opposition coalition urged the Security Council to act on Homs. "
        "A rights group said it had documented 130 civilians killed by bombing in Homs during May. "
        "The victims included 40 children 21 women and three nurses. "
        "The coalition also asked for aid corridors."
    )
    v = extract_report(text, title="Coalition urges UN action on Homs").incidents[0].victims
    assert v.killed_civilians is not None and v.killed_civilians.best == 130
    assert v.killed_children is not None and v.killed_children.best == 40
    assert v.killed_women is not None and v.killed_women.best == 21


def test_named_groups_among_a_larger_toll_do_not_break_down_ours() -> None:
    text = (
        "A car bomb killed four people outside the hospital in Qardaha on Sunday, a monitor said. "
        "The blast damaged the hospital gate. "
        "Elsewhere, on Saturday two women and two children were among eight people killed when a barrel "
        "bomb hit a building in Aleppo."
    )
    v = extract_report(text, title="Car bomb kills 4 in Qardaha").incidents[0].victims
    assert v.killed is not None and v.killed.best == 4
    assert v.killed_children is None and v.killed_women is None


def test_a_dashed_aside_holds_the_breakdown() -> None:
    got = _read("Nine villagers - among them two women - were killed on Friday.")
    assert ("killed", "civilians", 9) in got and ("killed", "women", 2) in got


def test_civilians_and_children_are_not_summed() -> None:
    got = _read("At least 12 civilians and four children were killed in the raids.")
    assert ("killed", "civilians", 12) in got and ("killed", "children", 4) in got
    assert not [x for x in got if x[2] == 16]
    # groups that are plainly apart still add up
    assert ("killed", "total", 9) in _read("Five children and four nurses were killed.")


def test_a_share_after_the_count_marks_it_as_victims() -> None:
    assert ("killed", "total", 240) in _read("The siege has killed more than 240 30% of them children.")
    assert not _read("The strike killed 40% of the crops.")


def test_victims_named_by_trade_kin_or_civil_body() -> None:
    assert ("killed", "civilians", 5) in _read("Five drivers were killed when the convoy was hit.")
    assert ("killed", "civilians", 7) in _read("Seven fishermen died in the strike on the river.")
    assert ("killed", "total", 2) in _read("Two brothers were killed in the shelling.")
    assert ("killed", "civilians", 3) in _read(
        "Three members of the White Helmets were killed in the double tap."
    )
    assert ("killed", "civilians", 2) in _read("Two local council members were killed in the raid.")
    assert ("killed", "combatants", 5) in _read("Five members of the Syrian army were killed.")


def test_a_smaller_total_after_a_toll_of_children_is_a_part() -> None:
    text = (
        "At least six children were killed in rocket attacks on the west of Aleppo on Thursday. "
        "Three children were killed when a rocket hit a school in the Shahba district. "
        "A second rocket hit a house in the Hamdaniyeh district, killing three brothers."
    )
    v = extract_report(text, title="Rockets kill six children in Aleppo").incidents[0].victims
    assert v.killed_children is not None and v.killed_children.best == 6
    assert v.killed is None or v.killed.best == 6
