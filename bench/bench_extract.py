"""Extraction throughput and memory on FA-KES-sized articles (one core).

Run with the venv python: ``python bench/bench_extract.py``. Prints a summary and
writes ``bench/results/extract.json``. Uses the shared FA-KES articles when present,
otherwise synthetic articles of the same size.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import time
from pathlib import Path

from harmwatch.extract import extract_report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "extract.json"


def articles() -> list[str]:
    shared = Path(os.environ.get("HARMWATCH_SHARED", ROOT.parent / "shared"))
    path = shared / "data" / "fakes" / "fakes_dev.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            return [r["article_content"] for r in csv.DictReader(fh)]
    unit = (
        "Tue 05 Jul 2016 Air strikes killed at least 16 civilians including 4 children in Idlib on Monday, "
        "activists said. Russian or Syrian warplanes were blamed. The hospital was damaged. "
    )
    return [unit * 10] * 400


def main() -> dict[str, float]:
    texts = articles()
    extract_report(texts[0])  # warm up: gazetteer load and regex compilation are one-off costs
    rounds = 2
    t0 = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            extract_report(t)
    elapsed = time.perf_counter() - t0
    n = rounds * len(texts)
    big = ("Shelling killed two men in Douma on Monday, activists said. The market was closed. " * 70000)[
        : 5 * 1024 * 1024
    ]
    t1 = time.perf_counter()
    extract_report(big, published="2016-01-05")
    big_s = time.perf_counter() - t1
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": n,
        "mean_chars": round(sum(len(t) for t in texts) / len(texts), 1),
        "articles_per_s": round(n / elapsed, 1),
        "ms_per_article": round(1000 * elapsed / n, 2),
        "report_5mb_s": round(big_s, 2),
        "peak_rss_mib": round(peak_mib, 1),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"extract: {result['articles_per_s']} articles/s ({result['ms_per_article']} ms each, "
        f"{result['mean_chars']} chars mean); 5 MB report in {result['report_5mb_s']} s; "
        f"peak RSS {result['peak_rss_mib']} MiB"
    )
    return result


if __name__ == "__main__":
    main()
