"""Linkage quality gate: recompute on a few thousand synthetic records and compare with the floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.evaluation.linkage import (
    FLOORS,
    pairwise_scores,
    sample_scores,
    sparse_scores,
    synthetic_scores,
)


def test_pairwise_scores_counts_pairs() -> None:
    truth = {"a": "1", "b": "1", "c": "1", "d": "2"}
    assert pairwise_scores(truth, {"a": "x", "b": "x", "c": "y", "d": "y"}) == {
        "precision": 0.5, "recall": 0.3333, "f1": 0.4, "true_pairs": 3, "predicted_pairs": 2, "records": 4,
    }  # fmt: skip


def test_synthetic_ucdp_stress_set_above_floors(shared_data: Path) -> None:
    if not (shared_data / "ucdp_ged_syria_2020").is_dir():
        pytest.skip("UCDP data absent")
    s = synthetic_scores(101)
    assert s["records"] > 2000
    assert s["f1"] >= FLOORS["synthetic_f1"], s
    assert s["precision"] >= FLOORS["synthetic_precision"], s
    assert s["recall"] >= FLOORS["synthetic_recall"], s


def test_sparse_synthetic_set_above_floors() -> None:
    s = sparse_scores(101, n_events=1000)
    assert s["f1"] >= FLOORS["synthetic_sparse_f1"], s
    assert s["precision"] >= FLOORS["synthetic_sparse_precision"], s
    assert s["recall"] >= FLOORS["synthetic_sparse_recall"], s


def test_sample_corpus_report_pairs_above_floors() -> None:
    """The real-shaped dev check: the sample corpus through the whole pipeline."""
    s = sample_scores()
    assert s["precision"] >= FLOORS["sample_pair_precision"], s
    assert s["recall"] >= FLOORS["sample_pair_recall"], s
