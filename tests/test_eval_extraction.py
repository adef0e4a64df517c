"""Quality gate: recompute the extraction scores and hold them above their floors."""

import pytest

from harmwatch.evaluation import extraction


def test_scores_above_floors() -> None:
    if not (extraction.shared_dir() / "data" / "fakes" / "fakes_dev.csv").exists():
        pytest.skip("shared data not available")
    result = extraction.run(write=False, verbose=False)
    below = {
        k: (result["scores"].get(k), f) for k, f in result["floors"].items() if result["scores"].get(k, 0) < f
    }
    assert not below, below
    assert result["floors"], "floors must be set"
