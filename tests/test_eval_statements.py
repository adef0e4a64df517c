"""Gate: the statements pass keeps its measured quality (see eval/statements.json)."""

from __future__ import annotations

from typing import Any

import pytest

from harmwatch.evaluation import statements as ev


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return ev.run(write=False)


def test_statement_scores_at_or_above_floors(result: dict[str, Any]) -> None:
    scores = result["scores"]
    low = {k: (scores.get(k), floor) for k, floor in ev.FLOORS.items() if k in scores and scores[k] < floor}
    assert not low, f"below floor: {low}; notes: {result['notes']}"
    for key in ("sample_denial_recall", "sample_denial_precision", "sample_denial_claim_recall"):
        assert key in scores


def test_statements_pass_is_cheap(result: dict[str, Any]) -> None:
    """The pass must stay well inside the extractor's 50 articles/s budget (CPU ms per article)."""
    if "ms_per_article" in result["scores"]:
        assert result["scores"]["ms_per_article"] < 4.0  # budget 2 ms; slack for a loaded machine
