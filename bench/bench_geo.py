"""Benchmark the gazetteer: load time, toponym resolutions per second, mention spotting speed.

Run with the venv python: ``python bench/bench_geo.py``. Writes ``bench/results/geo.json``.

The resolution workload is every UCDP 2020 ``where_coordinates`` string and every IOM
community spelling (the real variety of names, descriptors and misses). ``*_cold`` resolves
each distinct string once on a fresh gazetteer with every normalisation cache emptied (no
answer comes from a cache of the same query; best of three runs); ``*_stream`` runs the whole
workload in order from empty caches (names recur, as in a stream of reports); ``*_cached``
repeats it warm. Wall-clock and CPU-time rates are both given: on a shared machine the
wall-clock figure depends on the load average, also recorded.
Without the shared data a synthetic list of spelling variants is used instead.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import statistics
import time
from pathlib import Path

from harmwatch.geo import geoparse, normalise
from harmwatch.geo.gazetteer import Gazetteer, load_data

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "results" / "geo.json"
SHARED = Path(os.environ.get("HARMWATCH_SHARED", REPO.parent / "shared")) / "data"


def workload() -> tuple[list[str], str]:
    names: list[str] = []
    ucdp = SHARED / "ucdp_ged_syria_2020" / "ucdp_ged_syria_2020.csv"
    iom = SHARED / "gazetteer" / "iom_hotosm_syria_communities_2455.csv"
    if ucdp.is_file() and iom.is_file():
        with ucdp.open(encoding="utf-8") as fh:
            names += [r["where_coordinates"] for r in csv.DictReader(fh)]
        with iom.open(encoding="utf-8") as fh:
            names += [r["location_name"] for r in csv.DictReader(fh)]
        return names, "UCDP where_coordinates + IOM spellings"
    base = [
        "Maarat al-Numan",
        "Khan Sheikhoun",
        "Jisr ash-Shughur",
        "#Rif_Dimashq",
        "Idlib town",
        "northern Hama countryside",
        "Saraqib",
        "Unknownville",
        "Douma",
        "Tall Abyad town",
    ]
    return base * 300, "synthetic variants"


def _clear_caches() -> None:
    """Empty the module-level normalisation caches (token folds, query keys)."""
    for f in (
        normalise.fold,
        normalise._tokens,
        normalise.skeleton_token,
        normalise.canon_token,
        normalise.canon_key,
        normalise.query_keys,
    ):
        f.cache_clear()


def main() -> dict[str, object]:
    # load time: json + index construction, five fresh loads
    loads, loads_cpu = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time()
        Gazetteer(load_data())
        loads.append(time.perf_counter() - t)
        loads_cpu.append(time.process_time() - c)
    names, source = workload()
    unique = list(dict.fromkeys(names))
    # Cold: each distinct string once, on a fresh gazetteer with every normalisation cache
    # emptied, so nothing is answered from a cache of the same query. Best of three runs
    # (wall clock and CPU time), since other jobs on a shared machine only ever slow it down.
    cold_wall, cold_cpu = [], []
    for _ in range(3):
        gaz = Gazetteer(load_data())
        _clear_caches()
        t, c = time.perf_counter(), time.process_time()
        for n in unique:
            gaz.resolve(n)
        cold_wall.append(time.perf_counter() - t)
        cold_cpu.append(time.process_time() - c)
    # Realistic: the full workload in order (names recur, as in a stream of reports).
    gaz = Gazetteer(load_data())
    _clear_caches()
    t, c = time.perf_counter(), time.process_time()
    for n in names:
        gaz.resolve(n)
    stream, stream_cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    for _ in range(3):
        for n in names:
            gaz.resolve(n)
    warm = (time.perf_counter() - t) / 3
    # mention spotting on a long synthetic report
    para = (
        "Syrian and Russian warplanes struck the town of Khan Sheikhoun in Idlib province on Tuesday, "
        "the London-based Syrian Observatory for Human Rights said. Moscow denied it. Shelling also hit "
        "Maarat al-Numan and the northern Hama countryside, while the wounded were taken to Reyhanli. "
    )
    text = para * (200_000 // len(para))
    t = time.perf_counter()
    ms = gaz.find_mentions(text)
    spot = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(200):
        geoparse(para, gazetteer=gaz)
    per_report = (time.perf_counter() - t) / 200
    res: dict[str, object] = {
        "load_seconds_median": round(statistics.median(loads), 4),
        "load_seconds_max": round(max(loads), 4),
        "load_cpu_seconds_median": round(statistics.median(loads_cpu), 4),
        "resolutions": len(names),
        "distinct_names": len(unique),
        "resolution_workload": source,
        "resolutions_per_second_cold": round(len(unique) / min(cold_wall)),
        "resolutions_per_cpu_second_cold": round(len(unique) / max(min(cold_cpu), 1e-9)),
        "resolutions_per_second_stream": round(len(names) / stream),
        "resolutions_per_cpu_second_stream": round(len(names) / max(stream_cpu, 1e-9)),
        "resolutions_per_second_cached": round(len(names) / warm),
        "mentions_text_chars": len(text),
        "mentions_found": len(ms),
        "mention_chars_per_second": round(len(text) / spot),
        "geoparse_ms_per_report": round(per_report * 1000, 3),
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {os.cpu_count()} cpus",
        "load_average_at_run": round(os.getloadavg()[0], 2),
        "command": "python bench/bench_geo.py",
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print("geo benchmark")
    for k, v in res.items():
        print(f"  {k:34s} {v}")
    return res


if __name__ == "__main__":
    main()
