"""Gate: the bulletin reader keeps its measured quality (see eval/bulletins.json)."""

from __future__ import annotations

from harmwatch.evaluation import bulletins as ev


def test_bulletin_scores_at_or_above_floors() -> None:
    result = ev.run(write=False)
    scores = result["scores"]
    low = {k: (scores.get(k), floor) for k, floor in ev.FLOORS.items() if k in scores and scores[k] < floor}
    assert not low, f"below floor: {low}; notes: {result['notes']}"
    for key in ("counts_exact", "inconsistencies_caught", "false_alarm_free"):
        assert key in scores
