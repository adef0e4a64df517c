"""Linkage at scale: 10k, 100k and 1M extracted incident records on DuckDB (or Spark).

    python bench/bench_link.py [--sizes 10000,100000,1000000] [--engine duckdb]

The records are noisy per-report records of invented events over 2012-2024
(:func:`harmwatch.link.synthetic.synthetic_reports`, STRESS noise), turned into
the feature table once per size and cached as Parquet in ``bench/.cache/``
(generating 1M records takes a few minutes and is not part of the timing).
Each size is then linked in a fresh child process, so that its peak memory is
its own: Splink ``predict`` with the model's threshold, then the engine's
clustering (:meth:`harmwatch.link.engines.LinkEngine.cluster`: crowded places
discounted, specific agreement, no chaining). Reported per size: seconds,
peak RSS, clusters, and pairwise precision/recall/F1 against the known events.

Writes ``bench/results/link.json``. Target on the 2-core machine: 1M records in
under 10 minutes and under 8 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
OUT = ROOT / "results" / "link.json"
SEED = 2024
BATCH = 100_000


def build(n: int) -> Path:
    """The cached feature table for ``n`` records (with the true event id of each)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from harmwatch.link.features import feature_table
    from harmwatch.link.synthetic import synthetic_reports

    path = CACHE / f"link_{n}_{SEED}_{_version()}.parquet"
    if path.is_file():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    writer = None
    batch: list = []
    events: list[str] = []

    def flush() -> None:
        nonlocal writer, batch, events
        if not batch:
            return
        table = feature_table(batch).append_column("event_id", pa.array(events, pa.string()))
        if writer is None:
            writer = pq.ParquetWriter(tmp, table.schema)
        writer.write_table(table)
        batch, events = [], []

    for rep in synthetic_reports(n, seed=SEED):
        batch.append((rep.report_id, rep.incident, False))
        events.append(rep.event_id)
        if len(batch) >= BATCH:
            flush()
    flush()
    if writer is not None:
        writer.close()
    tmp.rename(path)
    return path


def _version() -> str:
    """A short hash of the feature and generator code: a cached table is stale when either changes."""
    import hashlib

    import harmwatch.link.features as features
    import harmwatch.link.synthetic as synthetic

    digest = hashlib.sha1()
    for module in (features, synthetic):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:8]


def child(path: Path, engine_name: str) -> dict[str, object]:
    """Link one cached table; runs in its own process."""
    import pyarrow.parquet as pq

    from harmwatch.evaluation.linkage import pairwise_scores
    from harmwatch.link.engines import get_engine

    table = pq.read_table(path)
    truth_col = table.column("event_id").to_pylist()
    ids = table.column("unique_id").to_pylist()
    features = table.drop(["event_id"])
    started = time.perf_counter()
    with get_engine(engine_name) as engine:
        clusters = engine.cluster(features)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    predicted = dict(zip(clusters["unique_id"], clusters["cluster_id"].astype(str), strict=True))
    scores = pairwise_scores(dict(zip(ids, truth_col, strict=True)), predicted)
    return {
        "records": len(ids),
        "seconds": round(seconds, 1),
        "peak_rss_mib": round(peak_kib / 1024),
        "incidents": len(set(predicted.values())),
        "precision": scores["precision"],
        "recall": scores["recall"],
        "f1": scores["f1"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--engine", default="duckdb")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.engine)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    previous = json.loads(OUT.read_text()) if OUT.is_file() else {}
    runs: dict[str, object] = dict(previous.get("runs", {})) if previous.get("engine") == args.engine else {}
    for n in sizes:
        t0 = time.perf_counter()
        path = build(n)
        generated = time.perf_counter() - t0
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(path), "--engine", args.engine],
            capture_output=True, text=True, check=False, env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )  # fmt: skip
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"linking {n} records failed")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        result["generate_seconds"] = round(generated, 1)
        runs[str(n)] = result
        print(
            f"{n:>9,} records: {result['seconds']:>7.1f} s, peak {result['peak_rss_mib']:>6,} MiB, "
            f"{result['incidents']:,} incidents, P={result['precision']:.3f} R={result['recall']:.3f} "
            f"F1={result['f1']:.3f}"
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "engine": args.engine,
        "machine": f"{os.cpu_count()} cores",
        "target": "1M records in < 600 s and < 8 GiB",
        "command": "python bench/bench_link.py --sizes " + ",".join(sorted(runs, key=int)),
        "runs": runs,
        "notes": [
            "seconds and peak RSS are for linking only (Splink predict + clustering, in a child process); "
            "generate_seconds is building the cached feature table",
            "the invented events crowd the big towns at 1M (hundreds of events a week over ~2,800 places, "
            "weighted by population): distinct events in one town on one day then share every extracted "
            "field but the toll; scores are discounted by the events a place holds around that day "
            "(harmwatch.link.cluster.density_adjusted) and clusters may not chain (link_clusters)",
            "before those two (plain connected components, the prior EM learned on ~6,000 records): "
            "1M in 222.8 s, 3,749 MiB, P=0.408 R=0.984 F1=0.577",
        ],
    }
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
