"""Insert and query throughput of the store, on SQLite and (when a server is given) PostgreSQL.

Saves N synthetic incidents (each with two claims) in one transaction, the way
the linking stage does, then times a few filtered queries and the live feed.
PostgreSQL is measured when ``HARMWATCH_TEST_PG`` holds a DSN (see
``.ci/start-postgres.sh``); the run uses its own schema and drops it after.

    .venv/bin/python bench/bench_store.py [--n 10000]

Writes ``bench/results/store.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from harmwatch.models import Claim, DateSpan, Incident, Perpetrator, Place, Range, Victims
from harmwatch.store import IncidentQuery, Store, open_store

RESULTS = Path(__file__).resolve().parent / "results" / "store.json"
ADMIN1 = ["SY01", "SY02", "SY03", "SY04", "SY05", "SY06", "SY07", "SY08", "SY09", "SY10"]
ACTORS = ["syria_gov", "russia", "coalition", "turkey", "isis", "opposition", "sdf_ypg"]
EVENTS = ["airstrike", "shelling", "missile", "barrel_bomb", "explosion", "shooting"]
GRADES = ["confirmed", "fair", "weak", "contested"]


def synthetic_incidents(n: int, seed: int = 7) -> list[Incident]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = f"{rng.randint(2011, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        killed = rng.randint(0, 60)
        out.append(
            Incident(
                id=f"inc-{i:08d}",
                date=DateSpan(start=day, end=day, precision="day"),
                place=Place(
                    name=f"place {i % 500}",
                    admin1_pcode=rng.choice(ADMIN1),
                    lat=round(rng.uniform(32.3, 37.3), 5),
                    lon=round(rng.uniform(35.7, 42.4), 5),
                    precision="town",
                ),
                event_type=rng.choice(EVENTS),
                perpetrators=[Perpetrator(actor=rng.choice(ACTORS), attribution="alleged")],
                victims=Victims(killed=Range.exact(killed)),
                claims=[
                    Claim(
                        report_id=f"rep-{i}-{k}",
                        source="bench",
                        kind="report",
                        field="victims.killed",
                        value={"best": killed},
                        quote=f"{killed} people were killed",
                    )
                    for k in range(2)
                ],
                grade=rng.choice(GRADES),
                report_ids=[f"rep-{i}-0", f"rep-{i}-1"],
            )
        )
    return out


@contextmanager
def sqlite_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        try:
            yield store
        finally:
            store.close()


@contextmanager
def postgres_store(dsn: str) -> Iterator[Store]:
    import psycopg
    from psycopg import sql

    from harmwatch.store.postgres import PostgresStore

    schema = f"hw_bench_{uuid.uuid4().hex[:12]}"
    store = PostgresStore(dsn, schema=schema)
    try:
        store.migrate()
        yield store
    finally:
        store.close()
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def timed(fn: Callable[[], Any], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(store: Store, incidents: list[Incident]) -> dict[str, Any]:
    def insert_all() -> None:
        with store.transaction():
            for inc in incidents:
                store.save_incident(inc)

    insert_s = timed(insert_all)
    assert store.count_incidents() == len(incidents)

    def resave() -> None:  # the linker saves merged incidents again as reports arrive
        with store.transaction():
            for inc in incidents[:1000]:
                store.save_incident(inc)

    resave_s = timed(resave)
    queries = {
        "admin1+since": IncidentQuery(admin1_pcode="SY02", since="2016-01-01", limit=100),
        "actor": IncidentQuery(actor="russia", limit=100),
        "bbox": IncidentQuery(bbox=(36.0, 35.5, 37.5, 36.5), limit=100),
        "count_all": None,
    }
    query_ms: dict[str, float] = {}
    for name, q in queries.items():
        if q is None:
            query_ms[name] = 1000 * timed(store.count_incidents, repeat=5)
        else:
            query_ms[name] = 1000 * timed(lambda q=q: store.query_incidents(q), repeat=5)
    feed_ms = 1000 * timed(lambda: store.incidents_changed_since(len(incidents) // 2, limit=100), repeat=5)
    return {
        "n": len(incidents),
        "insert_seconds": round(insert_s, 3),
        "inserts_per_second": round(len(incidents) / insert_s, 1),
        "resave_1000_seconds": round(resave_s, 3),
        "query_ms": {k: round(v, 2) for k, v in query_ms.items()},
        "feed_100_ms": round(feed_ms, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="incidents to insert (default 10000)")
    args = parser.parse_args(argv)
    incidents = synthetic_incidents(args.n)

    results: dict[str, Any] = {}
    with sqlite_store() as store:
        results["sqlite"] = measure(store, incidents)
    dsn = os.environ.get("HARMWATCH_TEST_PG")
    if dsn:
        with postgres_store(dsn) as store:
            results["postgres"] = measure(store, incidents)
    else:
        results["postgres"] = {"skipped": "HARMWATCH_TEST_PG not set"}

    for backend, r in results.items():
        if "skipped" in r:
            print(f"{backend:9s} skipped: {r['skipped']}")
            continue
        print(
            f"{backend:9s} {r['n']} incidents in {r['insert_seconds']:.2f} s"
            f" ({r['inserts_per_second']:.0f}/s); re-save 1000: {r['resave_1000_seconds']:.2f} s;"
            f" queries (ms): "
            + ", ".join(f"{k} {v:.1f}" for k, v in r["query_ms"].items())
            + f"; feed {r['feed_100_ms']:.1f} ms"
        )
    out = {
        "results": results,
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "command": "python bench/bench_store.py --n " + str(args.n),
        "notes": [
            "each incident carries two claims, so one save is 1 incident row + 2 claim rows",
            "all inserts in one transaction, as the linking stage does",
            "PostgreSQL is a local server over TCP on 127.0.0.1; numbers are per round trip bound",
        ],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
