"""Gate: the geo evaluation (UCDP place strings, IOM/OSM spelling pairs) holds its floors.

Recomputes the scores without the threshold sweeps (the sweeps only document how the
cut-offs were chosen) and fails if any score falls below the floor in eval/geo.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmwatch.evaluation import geo as ev

BASELINE = Path(__file__).resolve().parents[1] / "eval" / "geo.json"


@pytest.mark.slow
def test_geo_scores_hold(shared_data: Path) -> None:
    result = ev.run(write=False, sweep=False)
    scores = result["scores"]
    for name, floor in ev.FLOORS.items():
        assert scores[name] >= floor, (name, scores[name], floor)
    assert set(result) >= {"scores", "floors", "notes", "command"}


def test_recorded_baseline_matches_floors() -> None:
    if not BASELINE.is_file():
        pytest.skip("eval/geo.json not written yet")
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert recorded["floors"] == ev.FLOORS
    for name, floor in recorded["floors"].items():
        assert recorded["scores"][name] >= floor, name
