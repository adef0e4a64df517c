"""Ingest throughput and peak memory for 10,000 reports (a JSONL file and a folder of .txt files).

    python bench/bench_ingest.py [--n 10000]

Writes bench/results/ingest.json.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from harmwatch.ingest import ingest
from harmwatch.store import open_store

PLACES = ["Douma", "Saraqib", "Maarat al-Numan", "Khan Shaykhun", "Jisr al-Shughur", "Ariha", "Darayya"]
OPENINGS = ["Warplanes struck", "Shelling hit", "A barrel bomb fell on", "Missiles struck"]


def make_text(rng: random.Random, i: int) -> str:
    body = (
        f"{rng.choice(OPENINGS)} {rng.choice(PLACES)} on Sunday, killing {rng.randint(1, 60)} civilians "
        f"including {rng.randint(0, 12)} children, according to local activists. "
    )
    return f"Report {i}. " + body * rng.randint(3, 12)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(7)
    results: dict[str, object] = {"n": args.n}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        jsonl = root / "reports.jsonl"
        with jsonl.open("w") as fh:
            for i in range(args.n):
                fh.write(
                    json.dumps({"id": f"b{i}", "text": make_text(rng, i), "published": "2019-05-05"}) + "\n"
                )
        folder = root / "txt"
        folder.mkdir()
        for i in range(args.n):
            (folder / f"{i:05d}.txt").write_text(make_text(rng, i + args.n))
        for name, target in (("jsonl", jsonl), ("txt_folder", folder)):
            db = root / f"{name}.db"
            with open_store(db) as store:
                started = time.perf_counter()
                summary = ingest(store, [str(target)])
                elapsed = time.perf_counter() - started
                again = time.perf_counter()
                repeat = ingest(store, [str(target)])
                elapsed_again = time.perf_counter() - again
            results[name] = {
                "seconds": round(elapsed, 2),
                "reports_per_second": round(summary.new / elapsed, 1),
                "reingest_seconds": round(elapsed_again, 2),
                "reingest_new": repeat.new,
            }
            print(
                f"{name}: {summary.line()} in {elapsed:.1f} s ({summary.new / elapsed:.0f}/s); "
                f"re-ingest {repeat.line()} in {elapsed_again:.1f} s"
            )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["peak_rss_mib"] = round(peak_mib, 1)
    results["python"] = sys.version.split()[0]
    print(f"peak RSS: {peak_mib:.0f} MiB")
    out = Path(__file__).parent / "results" / "ingest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
