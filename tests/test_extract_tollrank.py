"""The learned toll ranker: candidates, how a chosen toll rewrites the victims, the weights file."""

from __future__ import annotations

from harmwatch.extract import extract_report, tollrank
from harmwatch.extract.casualties import find_casualties
from harmwatch.extract.tollrank import TollSentence, apply_toll, candidates, choose
from harmwatch.models import Range, Victims


def _sent(text: str, role: str, start: int = 0) -> TollSentence:
    return TollSentence(text, find_casualties(text, start), role, start)


def test_candidates_mark_headline_and_corroboration() -> None:
    head = _sent("Air strikes kill 12 civilians in a market town", "head")
    lead = _sent("At least 12 civilians were killed on Monday when jets struck the market.", "lead", 100)
    side = _sent("Elsewhere 3 people died in shelling.", "other", 200)
    v = Victims(killed_civilians=Range(12, 12, None))
    cands = candidates([head, lead, side], v)
    vals = {(c.sentence.role, c.casualty.range.best) for c in cands}
    assert ("head", 12) in vals and ("lead", 12) in vals and ("other", 3) in vals
    by_role = {c.sentence.role: c for c in cands}
    assert by_role["head"].features["corroborated"] == 1.0
    assert by_role["lead"].features["corroborated"] == 1.0
    assert by_role["other"].features["corroborated"] == 0.0
    assert by_role["other"].features["head_disagrees"] == 1.0
    assert by_role["lead"].features["agrees"] == 1.0
    assert by_role["other"].features["agrees"] == 0.0
    assert set(by_role["lead"].features) == set(tollrank.FEATURES)


def test_apply_total_drops_a_smaller_civilian_part() -> None:
    v = Victims(killed=Range(9, 9, 9), killed_civilians=Range(9, 9, 9))
    c = find_casualties("the raid killed 13 people")[0]
    out = apply_toll(v, c)
    assert out.killed is not None and out.killed.best == 13
    assert out.killed_civilians is None
    assert v.killed is not None and v.killed.best == 9  # the input is not changed


def test_apply_fighters_stand_for_all_dead_without_civilians() -> None:
    v = Victims(killed=Range(9, 9, 9))
    c = next(x for x in find_casualties("jets killed 9 IS fighters") if x.cls == "combatants")
    out = apply_toll(v, c)
    assert out.killed_combatants is not None and out.killed_combatants.best == 9
    assert out.killed is not None and out.killed.best == 9


def test_choose_follows_the_weights_and_keeps_rules_otherwise() -> None:
    head = _sent("Shelling kills 20 people in a village", "head")
    lead = _sent("Shelling killed 7 people in the village on Sunday.", "lead", 100)
    v = Victims(killed=Range(7, 7, 7))
    assert choose([head, lead], v, weights={"head": 0.0}) is None
    pick = choose([head, lead], v, weights={"head": 2.0})
    assert pick is not None and pick.casualty.range.best == 20
    assert pick.result is not None and pick.result.killed is not None and pick.result.killed.best == 20
    # A margin larger than the lead's deficit keeps the rules' figure.
    assert choose([head, lead], v, weights={"head": 2.0, "__margin__": 5.0}) is None


def test_record_sees_candidates_even_without_weights() -> None:
    seen: list[int] = []
    lead = _sent("Shelling killed 7 people in the village on Sunday.", "lead")
    choose([lead], Victims(), weights={}, record=lambda cs: seen.append(len(cs)))
    assert seen == [1]


def test_shipped_weights_load_and_cover_the_features() -> None:
    w = tollrank.load_weights()
    assert w, "tollrank.json missing or empty"
    assert set(tollrank.FEATURES) <= set(w)


def test_report_keeps_a_single_plain_toll() -> None:
    text = (
        "BEIRUT, March 3 2016. Air strikes killed 14 civilians in the town of Saraqeb on Thursday, "
        "a monitor said. The jets hit a market and a bakery."
    )
    ext = extract_report(text, title="Air strikes kill 14 civilians in Syrian town")
    v = ext.incidents[0].victims
    assert v.killed_civilians is not None and v.killed_civilians.best == 14


def test_hostile_input_does_not_crash() -> None:
    for t in ("", "killed " * 5000, "\x00\x01 99999999999 killed", "1 2 3 4 5 6 7 8 9 killed " * 200):
        extract_report(t, title="kills 5")


def test_is_acronym_is_a_group_not_a_verb() -> None:
    got = [
        (c.cls, c.outcome, c.range.best)
        for c in find_casualties("Turkish jets kill 9 IS fighters in the north")
    ]
    assert got == [("combatants", "killed", 9)]
    got = [(c.cls, c.range.best) for c in find_casualties("The raid killed 35 IS jihadists and 4 civilians.")]
    assert ("combatants", 35) in got and ("civilians", 4) in got


def test_later_breakdown_that_sums_to_the_toll_fills_the_groups() -> None:
    text = (
        "BEIRUT, May 4 2015. A car bomb killed four people at a checkpoint in the town of Salamiyeh on "
        "Sunday, a monitor said. The blast came as troops had executed 30 people in another province "
        'earlier this week. "Two women and two soldiers were killed in the bombing," the monitor\'s '
        "director said."
    )
    ext = extract_report(text, title="Car bomb kills 4 in central Syrian town")
    v = ext.incidents[0].victims
    assert v.killed is not None and v.killed.best == 4
    assert v.killed_women is not None and v.killed_women.best == 2
    assert v.killed_combatants is not None and v.killed_combatants.best == 2


def test_along_with_adds_a_second_group_of_the_same_event() -> None:
    cas = find_casualties(
        "At least 12 soldiers were killed in the assault along with five militiamen, a monitor said."
    )
    got = [(c.cls, c.range.best, c.sub) for c in cas]
    assert ("combatants", 12, False) in got and ("combatants", 5, False) in got
    assert ("combatants", 17, True) in got  # the two groups together


def test_statement_story_takes_the_attack_toll_it_cites() -> None:
    text = (
        "PARIS, Sept 2 2013. France accused government forces of a chemical attack on Damascus suburbs and "
        "asked the Security Council on Monday to condemn the shelling. "
        "Western states say the attack on August 21 killed more than 900 people. Russia opposes the text."
    )
    ext = extract_report(text, title="France seeks U.N. resolution on Syria")
    v = ext.incidents[0].victims
    assert v.killed is not None and v.killed.best == 900


def test_murder_of_and_killing_of_are_death_outcomes() -> None:
    got = [
        (c.cls, c.outcome, c.range.best) for c in find_casualties("A video shows the murder of two activists")
    ]
    assert got == [("civilians", "killed", 2)]
    got = [(c.outcome, c.range.best) for c in find_casualties("The shell led to the killing of one person.")]
    assert got == [("killed", 1)]


def test_of_them_breakdown_without_a_verb() -> None:
    cas = find_casualties("Shelling killed at least 15 civilians, six of them children, in the town.")
    got = [(c.cls, c.range.best, c.sub) for c in cas]
    assert ("civilians", 15, False) in got and ("children", 6, True) in got
    assert [
        (c.cls, c.range.best) for c in find_casualties("12 people were killed, three of them in Aleppo")
    ] == [("total", 12)]


def test_claiming_the_life_of_one_victim() -> None:
    got = [
        (c.cls, c.outcome, c.range.best) for c in find_casualties("a shell fell claiming the life of a woman")
    ]
    assert got == [("women", "killed", 1)]


def test_chosen_toll_brings_its_own_breakdown() -> None:
    s = _sent("Air raids killed 30 civilians including 9 children in the town.", "other")
    c = next(x for x in s.casualties if x.cls == "civilians")
    cands = candidates([s], Victims())
    assert cands[0].result is not None
    kids = cands[0].result.killed_children
    assert kids is not None and kids.best == 9
    assert apply_toll(Victims(), c).killed_children is None


def test_last_of_two_nouns_is_the_head() -> None:
    got = [(c.cls, c.range.best) for c in find_casualties("Five rebel fighters were killed in the clashes.")]
    assert got == [("combatants", 5)]
    got = [(c.cls, c.range.best) for c in find_casualties("Two civilian workers died in the blast.")]
    assert got == [("civilians", 2)]


def test_members_of_a_tribe_are_not_fighters() -> None:
    got = [
        (c.cls, c.range.best) for c in find_casualties("The militants executed 40 members of a local tribe.")
    ]
    assert got == [("civilians", 40)]


def test_kin_of_a_counted_group_are_the_victims() -> None:
    assert find_casualties("The wives of the five rebels were also among the dead.") == []


def test_fighters_that_complete_the_total_belong_to_the_incident() -> None:
    text = (
        "ALEPPO, July 2 2015. At least nine people were killed on Thursday as rebels attacked "
        "government-held districts of Aleppo city, a monitor said. The monitor said four civilians had "
        "been killed and dozens wounded by rocket fire. Rebels fired hundreds of rockets into the city. "
        "Another five rebel fighters were killed in clashes with government forces in the west of the city."
    )
    ext = extract_report(text, title="9 dead as rebels attack Aleppo")
    v = ext.incidents[0].victims
    assert v.killed_civilians is not None and v.killed_civilians.best == 4
    assert v.killed_combatants is not None and v.killed_combatants.best == 5


def test_killed_injured_without_and_is_not_a_death_toll() -> None:
    assert find_casualties("175 Terrorists Killed Injured near the road") == []


def test_rules_total_with_full_breakdown_is_kept() -> None:
    v = Victims(
        killed=Range(50, 50, None), killed_civilians=Range(15, 15, 15), killed_combatants=Range(27, 27, 27)
    )
    c = find_casualties("The attack killed more than 50 people.")[0]
    out = apply_toll(v, c)
    assert out.killed_civilians is not None and out.killed_civilians.best == 15


def test_another_single_victim_elsewhere_is_not_a_breakdown() -> None:
    text = (
        "IDLIB, Oct 24 2016. Sixteen civilians including three children were killed on Monday in air "
        "strikes on the town of Khan Sheikhun, a monitor said. Another man and a woman were killed in "
        "rocket fire on a nearby village."
    )
    ext = extract_report(text, title="Air strikes kill 16 civilians in Idlib town")
    v = ext.incidents[0].victims
    assert v.killed_civilians is not None and v.killed_civilians.best == 16
    assert v.killed_women is None
