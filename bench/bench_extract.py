"""Extraction throughput and memory on FA-KES-sized articles (one core), and one 5 MB report.

Run with the venv python: ``python bench/bench_extract.py``. Prints a summary and
writes ``bench/results/extract.json``. Uses the shared FA-KES articles when present,
otherwise synthetic articles of the same size.

Throughput is given twice: per second of this process's CPU time (what one core
does, whatever else the machine is running) and per second of wall-clock time,
after a warm-up that loads what a process loads once (gazetteer, spaCy model);
that start-up is given apart.
The 5 MB report is built from varied sentences (numbers, places, weekdays,
background and quotes), not one sentence repeated, so that nothing can be saved
by recognising repeats; its time is measured at 1 MB too, to show it is linear.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import time
from pathlib import Path

from harmwatch.extract import extract_report, parse

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "extract.json"

_PLACES = ["Douma", "Saraqib", "Aleppo", "Khan Sheikhoun", "Raqqa", "Deir ez-Zor", "Hama", "Daraa", "Homs"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SENTENCES = [
    "Shelling killed {n} men in {p} on {d}, activists said.",
    "Air strikes on a market in {p} killed at least {n} civilians including {k} children on {d}.",
    "The hospital in {p} was damaged and stopped working, a doctor said.",
    "Rebel rocket fire wounded {n} people in {p}, state media reported.",
    "The market was closed for {k} days.",
    "Residents said they had not seen such bombing since {y}.",
    "The monitor said the toll could rise because {n} people were badly hurt.",
    '"We buried {k} of our neighbours," a resident of {p} told reporters.',
    "Talks in Geneva are due to resume next month.",
]


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


def long_report(size: int, seed: int = 7) -> str:
    """A report of ``size`` characters made of varied news sentences."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        s = rng.choice(_SENTENCES).format(
            n=rng.randint(2, 90),
            k=rng.randint(1, 12),
            p=rng.choice(_PLACES),
            d=rng.choice(_DAYS),
            y=rng.randint(2011, 2016),
        )
        parts.append(s)
        total += len(s) + 1
        if rng.random() < 0.1:
            parts.append("\n\n")
    return " ".join(parts)[:size]


def _timed(fn: object) -> tuple[float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    fn()  # type: ignore[operator]
    return time.process_time() - c0, time.perf_counter() - w0


def main() -> dict[str, float]:
    texts = articles()
    # Warm up: the gazetteer, the regexes and the spaCy model (only some articles
    # need it) are loaded once per process, and that start-up is reported apart.
    start_cpu, _ = _timed(lambda: (extract_report(texts[0]), parse.available()))
    rounds = 2

    def run_all() -> None:
        for _ in range(rounds):
            for t in texts:
                extract_report(t)

    cpu, wall = _timed(run_all)
    n = rounds * len(texts)
    one_mb, five_mb = long_report(1024 * 1024), long_report(5 * 1024 * 1024)
    cpu1, wall1 = _timed(lambda: extract_report(one_mb, published="2016-01-05"))
    cpu5, wall5 = _timed(lambda: extract_report(five_mb, published="2016-01-05"))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": n,
        "mean_chars": round(sum(len(t) for t in texts) / len(texts), 1),
        "startup_cpu_s": round(start_cpu, 2),
        "articles_per_cpu_s": round(n / cpu, 1),
        "articles_per_s": round(n / wall, 1),
        "ms_per_article_cpu": round(1000 * cpu / n, 2),
        "report_1mb_cpu_s": round(cpu1, 2),
        "report_5mb_cpu_s": round(cpu5, 2),
        "report_5mb_s": round(wall5, 2),
        "report_1mb_s": round(wall1, 2),
        "peak_rss_mib": round(peak_mib, 1),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    r = result
    print(
        f"extract: {r['articles_per_cpu_s']} articles per CPU second ({r['articles_per_s']} per wall second; "
        f"{r['mean_chars']} chars mean); 1 MB report {r['report_1mb_cpu_s']} s CPU, 5 MB report "
        f"{r['report_5mb_cpu_s']} s CPU ({r['report_5mb_s']} s wall); peak RSS {r['peak_rss_mib']} MiB; "
        f"start-up (gazetteer, model) {r['startup_cpu_s']} s CPU once"
    )
    return result


if __name__ == "__main__":
    main()
