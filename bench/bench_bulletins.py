"""Bulletin reading, reconciliation and daily-tally throughput (one core).

Run with the venv python: ``python bench/bench_bulletins.py``. Prints a summary and
writes ``bench/results/bulletins.json``. Reads the written test bulletins, the FA-KES
articles when present (the common case: a news story that is not a bulletin), a
200,000-character hostile input, and reconciles/writes a day holding 2,000 incidents.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from harmwatch.bulletins import parse_bulletins, reconcile, write_daily
from harmwatch.models import DateSpan, Incident, Place, Range, Report, Victims

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "bulletins.json"
CASES = ROOT / "tests" / "data" / "bulletins"


def _rate(texts: list[str], rounds: int = 3) -> tuple[float, float]:
    t0 = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            parse_bulletins(t, published="2016-02-13")
    dt = time.perf_counter() - t0
    n = len(texts) * rounds
    return n / dt, dt / n * 1000


def main() -> dict[str, float]:
    from harmwatch.store import open_store

    files = [p for p in sorted(CASES.iterdir()) if p.suffix in (".txt", ".md") and p.name != "README.md"]
    bulletins = [p.read_text(encoding="utf-8") for p in files]
    parse_bulletins(bulletins[0])  # warm up: gazetteer load and regex compilation are one-off costs
    results: dict[str, float] = {}
    per_s, ms = _rate(bulletins)
    results["bulletins_per_s"], results["bulletin_ms"] = round(per_s, 1), round(ms, 2)
    shared = Path(os.environ.get("HARMWATCH_SHARED", ROOT.parent / "shared"))
    fakes = shared / "data" / "fakes" / "fakes_dev.csv"
    if fakes.exists():
        with fakes.open(encoding="utf-8", newline="") as fh:
            news = [r["article_content"] for r in csv.DictReader(fh)]
        per_s, ms = _rate(news, rounds=1)
        results["news_articles_per_s"], results["news_article_ms"] = round(per_s, 1), round(ms, 2)
    hostile = "Aleppo: 12 martyrs, " * 10_000
    t0 = time.perf_counter()
    parse_bulletins(hostile)
    results["hostile_200k_chars_s"] = round(time.perf_counter() - t0, 2)

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        pcodes = [f"SY{i:02d}" for i in range(1, 15)]
        with store.transaction():
            for i in range(2000):
                store.save_incident(
                    Incident(
                        id=f"inc-{i:05d}",
                        date=DateSpan("2016-02-12", "2016-02-12", "day"),
                        place=Place(name=f"town {i % 300}", admin1_pcode=pcodes[i % 14], precision="town"),
                        event_type=("airstrike", "shelling", "explosion")[i % 3],
                        victims=Victims(killed=Range.exact(i % 7), killed_children=Range.exact(i % 2)),
                        report_ids=[f"rep-{i % 500}"],
                    )
                )
            lines = "\n".join(f"#{p} 400" for p in ("Aleppo", "Idlib"))
            text = f"VDC, 12 February 2016: 6000 deaths.\n{lines}"
            raw = text.encode()
            store.add_report(
                Report(
                    id="rep-bulletin",
                    sha256=hashlib.sha256(raw).hexdigest(),
                    text=text,
                    retrieved="2016-02-13T00:00:00+00:00",
                    size=len(raw),
                ),
                raw,
            )
            for b in parse_bulletins(text, report_id="rep-bulletin"):
                store.save_bulletin(b)
        t0 = time.perf_counter()
        write_daily(store, "2016-02-12").to_text()
        results["write_daily_2000_incidents_s"] = round(time.perf_counter() - t0, 2)
        t0 = time.perf_counter()
        reconcile(store, "2016-02-12").to_text()
        results["reconcile_2000_incidents_s"] = round(time.perf_counter() - t0, 2)
        store.close()
    return results


if __name__ == "__main__":
    res = main()
    for k, v in res.items():
        print(f"{k:32s} {v}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
