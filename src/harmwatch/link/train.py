"""Train the linkage model with Splink's EM and save it into the package.

    python -m harmwatch.link.train [--seed 7] [--out src/harmwatch/link/model.json]

Needs the shared data (UCDP GED Syria 2020, ``../shared/data``). The steps:

1. noisy per-report records of the UCDP events (:func:`harmwatch.link.synthetic.ucdp_reports`
   with a training seed, distinct from the evaluation seeds, and the harsher noise profile)
   and of 1,500 invented events (:func:`harmwatch.link.synthetic.synthetic_events`);
2. ``u`` probabilities by random sampling of record pairs;
3. the prior (probability that two random records match) from a deterministic
   rule (same day and same place skeleton) with an assumed recall;
4. ``m`` probabilities by expectation maximisation, in two sessions (blocked
   on the day, then on the place) so that every comparison is estimated;
5. the match threshold: the one that maximises pairwise F0.5, averaged over the
   *training* records and a dense set of invented events (3,000 in 60 days: a
   big archive crowds its towns), after the clustering rules of
   :mod:`harmwatch.link.cluster` (the only use of truth labels: one number, not
   weights).
   F0.5 weighs precision twice as much as recall: a false merge hides an
   incident inside another, a missed merge leaves a duplicate that a reviewer
   sees.

EM sees no labels. The evaluation (``python -m harmwatch.evaluation.linkage``)
uses other random seeds.
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
from pathlib import Path
from typing import Any

from harmwatch.link.cluster import Rows, density_adjusted, link_clusters, pairs_of
from harmwatch.link.features import feature_table
from harmwatch.link.model import MODEL_PATH, RETRAIN, settings, training_blocking_rules

TRAIN_SEED = 7
SYNTHETIC_EVENTS = 1500
DENSE_EVENTS = 3000
DENSE_DAYS = 60
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99)


def train(
    *, seed: int = TRAIN_SEED, out: Path = MODEL_PATH, sessions: list[str] | None = None, recall: float = 0.6
) -> dict[str, Any]:
    """Estimate the model on synthetic UCDP-derived reports and write it to ``out``."""
    import duckdb
    from splink import Linker
    from splink.backends.duckdb import DuckDBAPI

    from harmwatch.evaluation.linkage import pairwise_scores
    from harmwatch.link.engines import DuckDBEngine
    from harmwatch.link.synthetic import HARSH, REAL, noisy_reports, synthetic_events, ucdp_reports

    # The harsher noise profiles, so that every comparison level (month-precision dates,
    # a governorate or a district instead of a town, early tolls, ...) is seen by EM and
    # weighed as real reports need; and invented events over 2012-2024 beside the UCDP
    # ones, for the facilities UCDP rarely names.
    reports = ucdp_reports(seed, noise=HARSH)
    reports += list(noisy_reports(synthetic_events(SYNTHETIC_EVENTS, seed), seed, noise=REAL))
    table = feature_table((r.report_id, r.incident, False) for r in reports)
    db = DuckDBAPI(connection=duckdb.connect(":memory:"))
    linker = Linker(db.register(table), settings(None), log_level=logging.WARNING)
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=seed)
    linker.training.estimate_probability_two_random_records_match(
        ["l.day = r.day AND l.place_skel = r.place_skel"], recall=recall
    )
    for rule in sessions or training_blocking_rules():
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.json"
        linker.misc.save_model_to_json(str(path), overwrite=True)
        model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))

    # The threshold must hold where places are crowded too (a large archive packs many events
    # into each town and week): it is chosen on the training records and on a dense set of
    # invented events (DENSE_EVENTS in DENSE_DAYS days), F0.5 averaged over the two.
    crowded = synthetic_events(DENSE_EVENTS, seed + 1, days=DENSE_DAYS)
    dense = list(noisy_reports(crowded, seed + 1, noise=REAL))
    sets = [(reports, table), (dense, feature_table((r.report_id, r.incident, False) for r in dense))]
    curves: list[dict[str, dict[str, float]]] = []
    for recs, tab in sets:
        truth = {r.report_id: r.event_id for r in recs}
        rows = Rows(tab)
        with DuckDBEngine(model, match_threshold=min(THRESHOLDS)) as engine:
            pairs = engine.predict(tab)
        curve: dict[str, dict[str, float]] = {}
        for t in THRESHOLDS:
            kept = pairs[pairs["match_probability"] >= t]
            s = pairwise_scores(truth, link_clusters(rows, density_adjusted(rows, pairs_of(kept), t)))
            p, r = s["precision"], s["recall"]
            s["f05"] = round(1.25 * p * r / (0.25 * p + r), 4) if p + r else 0.0
            curve[str(t)] = s
        curves.append(curve)
    mean_f05 = {t: sum(c[t]["f05"] for c in curves) / len(curves) for t in curves[0]}
    best_t = float(max(mean_f05, key=lambda t: (mean_f05[t], float(t))))
    scores = curves[0]
    model["harmwatch"] = {
        "threshold": best_t,
        "records": len(reports),
        "trained_on": (
            f"ucdp_reports(seed={seed}, noise=HARSH) + noisy_reports(synthetic_events({SYNTHETIC_EVENTS}, "
            f"seed={seed}), noise=REAL): {len(reports)} records"
        ),
        "training_f1_by_threshold": scores,
        "dense_f1_by_threshold": curves[1],
        "dense_set": (
            f"noisy_reports(synthetic_events({DENSE_EVENTS}, seed={seed + 1}, days={DENSE_DAYS}), noise=REAL)"
        ),
        "retrain": RETRAIN,
    }
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    return model


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=TRAIN_SEED)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    model = train(seed=args.seed, out=args.out)
    info = model["harmwatch"]
    print(f"wrote {args.out}: threshold {info['threshold']}, {info['trained_on']}")
    for name in ("training_f1_by_threshold", "dense_f1_by_threshold"):
        print(name)
        for t, s in info[name].items():
            p, r, f1, f05 = s["precision"], s["recall"], s["f1"], s["f05"]
            print(f"  threshold {t}: P={p:.3f} R={r:.3f} F1={f1:.3f} F0.5={f05:.3f}")


if __name__ == "__main__":
    main()
