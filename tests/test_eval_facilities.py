"""Gate: facility resolution on the Syrian Archive hospital-attack investigations.

Recomputes the scores (a few seconds) and fails if one drops below its floor,
or if a hospital is split into two records or two hospitals merged into one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmwatch.evaluation import facilities as ev

BASELINE = Path(__file__).resolve().parents[1] / "eval" / "facilities.json"


def test_facility_scores_hold(shared_data):
    result = ev.evaluate(shared_data)
    scores = result["scores"]
    for name, floor in ev.FLOORS.items():
        assert scores[name] >= floor, (name, scores[name], floor, result["details"])
    for name in ("split_count", "wrongly_merged"):
        assert scores[name] <= ev.CEILINGS[name], (name, scores[name], result["details"])
    if BASELINE.is_file():
        recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
        for name, floor in ev.FLOORS.items():
            assert recorded["floors"][name] == floor
            assert recorded["scores"][name] >= floor


def test_extraction_and_resolution_end_to_end(shared_data):
    result = ev.evaluate_end_to_end(shared_data)
    if result is None:
        pytest.skip("harmwatch.extract is not available")
    scores = result["scores"]
    for name, floor in ev.E2E_FLOORS.items():
        assert scores[name] >= floor, (name, scores[name], result["details"])
    assert scores["e2e_split_count"] == 0, result["details"]


def test_header_blocks_found(shared_data):
    events = ev.load_events(shared_data)
    keys = {(rel, key.split(" ")[0]) for rel, key, _e in events}
    assert set(ev.GOLD_BLOCKS) <= keys
    # earlier attacks listed in the headers become events of their own
    assert any("previous" in key for _rel, key, _e in events)
