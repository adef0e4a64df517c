"""Web speed: the incidents API on 1M incidents, and the map page on 100k in headless Chromium.

1. ``/api/incidents`` with a bbox and a date range, against a SQLite database of
   1,000,000 synthetic incidents (``harmwatch.link.synthetic.synthetic_incidents``:
   places from the gazetteer weighted by population, dates over 2012-2024).
   Each query is a random box (0.1 to 2 degrees wide, centred on a random
   incident) and a random date window (7 to 365 days), ``limit=100``, sent over
   HTTP to uvicorn. Target: p95 under 50 ms.
2. The page at ``/`` over 100,000 incidents in Debian's headless Chromium:
   milliseconds from navigation until the markers are on the map and the page
   answers input (target: under 2 s), and until every marker is clustered.

The databases are bulk-loaded once (the same columns ``Store.save_incident``
writes, in one transaction; the R*Tree is filled by its triggers) and cached in
``$HARMWATCH_BENCH_DIR`` (default: the system temp dir) for later runs.

    .venv/bin/python bench/bench_web.py [--n 1000000] [--page-n 100000] [--queries 300] [--no-browser]

Writes ``bench/results/web.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from harmwatch.models import Incident, to_jsonable
from harmwatch.store import open_store
from harmwatch.store.base import now_iso

RESULTS = Path(__file__).resolve().parent / "results" / "web.json"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def incidents(n: int, seed: int) -> Iterator[Incident]:
    try:
        from harmwatch.link.synthetic import synthetic_incidents
    except ImportError:  # the linking stage not installed: a plain generator
        yield from _plain_incidents(n, seed)
        return
    yield from synthetic_incidents(n, seed)


def _plain_incidents(n: int, seed: int) -> Iterator[Incident]:
    from harmwatch.models import DateSpan, Perpetrator, Place, Range, Victims

    rng = random.Random(seed)
    for i in range(n):
        day = (date(2012, 1, 1) + timedelta(days=rng.randrange(4749))).isoformat()
        yield Incident(
            id=f"inc-{i:09d}",
            date=DateSpan(day, day, "day"),
            place=Place(lat=rng.uniform(32.3, 37.3), lon=rng.uniform(35.7, 42.4), precision="town"),
            event_type="airstrike",
            perpetrators=[Perpetrator("syria_gov")],
            victims=Victims(killed=Range.exact(rng.randint(1, 30))),
        )


TEMPLATES = 50_000  # distinct generated incidents; the rest are date-shifted copies


def build_db(path: Path, n: int, seed: int) -> float:
    """Bulk-load ``n`` incidents. Returns seconds taken.

    Generating and serialising a million realistic incidents takes a quarter of
    an hour, so up to ``TEMPLATES`` are generated and the rest are copies with
    their own id and a date moved by a whole number of weeks (same places,
    tolls and claims: the spatial density stays that of the generator).
    """
    t0 = time.perf_counter()
    first, span = date(2012, 1, 1), 4749
    templates = []
    for inc in incidents(min(n, TEMPLATES), seed):
        killed = inc.victims.killed
        row = (
            inc.date.precision, inc.place.admin1_pcode, inc.place.admin2_pcode, inc.place.lat, inc.place.lon,
            inc.event_type, inc.grade, killed.best if killed is not None else None,
            ",".join(sorted({p.actor for p in inc.perpetrators})),
        )  # fmt: skip
        start = date.fromisoformat(inc.date.start) if inc.date.start else None
        d = to_jsonable(inc)
        d["id"] = "\x00ID\x00"
        if start is not None:
            d["date"]["start"] = d["date"]["end"] = "\x00DAY\x00"
        text = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
        templates.append((inc.id, start, row, text))
    store = open_store(path)
    # Bulk-load trick: drop the incident indexes and triggers, insert, then rebuild
    # them with the schema's own statements (and fill the R*Tree as migration 0005 does).
    ddl = store._query(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'incidents'"
        " AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    )
    for item in ddl:
        store._execute(f"DROP {item['type'].upper()} {item['name']}")
    now = now_iso()
    batch: list[tuple[Any, ...]] = []

    def flush() -> None:
        store._executemany(
            "INSERT INTO incidents (id, date_start, date_end, date_precision, admin1_pcode, admin2_pcode,"
            " lat, lon, event_type, grade, killed_best, actors, updated_at, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )
        batch.clear()

    m = len(templates)
    with store.transaction():
        for k in range(n):
            tid, start, row, text = templates[k % m]
            copy = k // m
            iid = tid if copy == 0 else f"{tid}-{copy}"
            day = None
            if start is not None:
                day = (first + timedelta(days=((start - first).days + 7 * copy * 31) % span)).isoformat()
            data = text.replace('"\\u0000ID\\u0000"', json.dumps(iid)).replace(
                '"\\u0000DAY\\u0000"', f'"{day}"'
            )
            batch.append((iid, day, day, *row, now, data))
            if len(batch) >= 5000:
                flush()
                if (k + 1) % 200_000 == 0:
                    print(f"  loaded {k + 1:,} incidents", file=sys.stderr)
        if batch:
            flush()
    print("  building indexes ...", file=sys.stderr)
    with store.transaction():
        for item in ddl:
            store._execute(item["sql"])
        store._execute("DELETE FROM incidents_rtree")
        store._execute(_rtree_backfill())
    store._execute("ANALYZE")
    store.close()
    return time.perf_counter() - t0


def _rtree_backfill() -> str:
    """Migration 0005's statement that fills the R*Tree from ``incidents``."""
    from harmwatch.store.migrations import MIGRATIONS
    from harmwatch.store.sqlite import _split_sql

    (migration,) = [m for m in MIGRATIONS if m.name == "0005_incidents_rtree"]
    (statement,) = [x for x in _split_sql(migration.sql) if x.startswith("INSERT INTO incidents_rtree")]
    return statement


def cached_db(n: int, seed: int) -> tuple[Path, float | None]:
    root = Path(os.environ.get("HARMWATCH_BENCH_DIR", tempfile.gettempdir())) / "harmwatch-bench"
    root.mkdir(parents=True, exist_ok=True)

    tag = f"{n}-{seed}-t{TEMPLATES}"
    path = root / f"web-{tag}.db"
    if path.exists():
        store = open_store(path)  # migrates, in case the schema moved on
        ok = store.get_meta("bench_complete") == tag
        store.close()
        if ok:
            return path, None
        path.unlink()
    print(f"building {path} with {n:,} incidents (once) ...", file=sys.stderr)
    seconds = build_db(path, n, seed)
    store = open_store(path)
    store.set_meta("bench_complete", tag)
    store.close()
    return path, seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    import uvicorn

    from harmwatch.web import create_app

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sample_queries(db: Path, k: int, seed: int) -> list[dict[str, str]]:
    store = open_store(db)
    top = store.last_incident_seq()
    rng = random.Random(seed)
    queries = []
    while len(queries) < k:
        rows = store._query(
            "SELECT lat, lon, date_start FROM incidents WHERE seq = ?", (rng.randint(1, top),)
        )
        if not rows or rows[0]["lat"] is None:
            continue
        lat, lon = rows[0]["lat"], rows[0]["lon"]
        half = rng.uniform(0.05, 1.0)
        start = date.fromisoformat(rows[0]["date_start"]) - timedelta(days=rng.randrange(0, 60))
        end = start + timedelta(days=rng.randint(7, 365))
        queries.append(
            {
                "bbox": f"{lon - half:.4f},{lat - half:.4f},{lon + half:.4f},{lat + half:.4f}",
                "since": start.isoformat(),
                "until": end.isoformat(),
                "limit": "100",
            }
        )
    store.close()
    return queries


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_api(db: Path, n_queries: int) -> dict[str, Any]:
    queries = sample_queries(db, n_queries + 20, seed=11)
    times: list[float] = []
    counts: list[int] = []
    pages: list[float] = []
    with serving(db) as url, httpx.Client(base_url=url, timeout=30) as client:
        for i, q in enumerate(queries):
            t0 = time.perf_counter()
            r = client.get("/api/incidents", params=q)
            dt = (time.perf_counter() - t0) * 1000
            r.raise_for_status()
            body = r.json()
            if i >= 20:  # the first 20 warm the caches
                times.append(dt)
                counts.append(len(body["incidents"]))
            if i >= 20 and body["next"] and len(pages) < 50:
                t0 = time.perf_counter()
                client.get("/api/incidents", params={**q, "cursor": body["next"]}).raise_for_status()
                pages.append((time.perf_counter() - t0) * 1000)
        # Unfiltered and date-only listing, for comparison.
        other: dict[str, float] = {}
        for name, params in (
            ("no filter", {}),
            ("one month, no bbox", {"since": "2016-03-01", "until": "2016-03-31"}),
            ("governorate + event type", {"area": "Idleb", "event_type": "chemical"}),
        ):
            ts = []
            for _ in range(20):
                t0 = time.perf_counter()
                client.get("/api/incidents", params={**params, "limit": "100"}).raise_for_status()
                ts.append((time.perf_counter() - t0) * 1000)
            other[name] = round(statistics.median(ts), 2)
    return {
        "queries": len(times),
        "p50_ms": round(pct(times, 50), 2),
        "p95_ms": round(pct(times, 95), 2),
        "p99_ms": round(pct(times, 99), 2),
        "max_ms": round(max(times), 2),
        "mean_results": round(statistics.mean(counts), 1),
        "full_pages": sum(1 for c in counts if c == 100),
        "next_page_p95_ms": round(pct(pages, 95), 2) if pages else None,
        "other_median_ms": other,
    }


def bench_page(db: Path) -> dict[str, Any]:
    """Load the page three times (fresh browser context each) and time it with the page's own clock.

    ``ready_ms``: navigation start until the first markers are on the map and
    the page takes input. ``filter_ms``: how long a filter change made right
    then takes to show (the page is still adding the rest of the markers).
    ``interactive_ms`` is their sum. ``all_markers_ms``: until every marker is
    in the cluster.
    """
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    runs: list[dict[str, float]] = []
    with serving(db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for _ in range(3):
            ctx = browser.new_context(viewport={"width": 1280, "height": 800})

            def route(r: Any) -> None:
                if r.request.url.startswith(url):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            ctx.route("**/*", route)
            page = ctx.new_page()
            page.goto(url + "/", wait_until="commit")
            page.wait_for_selector("body[data-state=ready]", timeout=60000)
            page.select_option("#filter-type", "chemical")
            page.wait_for_selector("body[data-type=chemical]", timeout=60000)
            t = page.evaluate("window.harmwatch.timings")
            # From the input event's timestamp (so time spent queued behind a busy
            # main thread counts) to the filtered markers being on the map.
            filter_ms = t["input_shown"] - t["input_at"]
            page.select_option("#filter-type", "")
            page.wait_for_selector("body[data-markers=loaded][data-type=all]", timeout=120000)
            t = page.evaluate("window.harmwatch.timings")
            ready_ms = t["script_start"] + t["ready"]
            runs.append(
                {
                    "ready_ms": ready_ms,
                    "filter_ms": filter_ms,
                    "interactive_ms": ready_ms + filter_ms,
                    "points_loaded_ms": t["script_start"] + t["points_loaded"],
                    "all_markers_ms": t["script_start"] + t.get("all_markers", float("nan")),
                    "points": page.evaluate("window.harmwatch.state.n"),
                }
            )
            ctx.close()
        browser.close()

    def med(k: str) -> float:
        return round(statistics.median(r[k] for r in runs), 1)

    return {
        "points": int(runs[0]["points"]),
        "interactive_ms": med("interactive_ms"),
        "ready_ms": med("ready_ms"),
        "filter_ms": med("filter_ms"),
        "points_loaded_ms": med("points_loaded_ms"),
        "all_markers_ms": med("all_markers_ms"),
        "interactive_ms_runs": [round(r["interactive_ms"], 1) for r in runs],
        "outside_requests": len(outside),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--page-n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()

    result: dict[str, Any] = {
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cpus",
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    db, built = cached_db(args.n, seed=1)
    result["api"] = {
        "incidents": args.n,
        "db_build_s": round(built, 1) if built else "cached",
        **bench_api(db, args.queries),
    }
    api = result["api"]
    print(
        f"/api/incidents, bbox + dates, {args.n:,} incidents, {api['queries']} queries:"
        f" p50 {api['p50_ms']} ms, p95 {api['p95_ms']} ms (target < 50), p99 {api['p99_ms']} ms;"
        f" next page p95 {api['next_page_p95_ms']} ms; {api['full_pages']} full pages"
    )
    print(f"  other listings (median): {api['other_median_ms']}")
    if not args.no_browser and Path(CHROMIUM).exists():
        page_db, _ = cached_db(args.page_n, seed=2)
        result["page"] = {"incidents": args.page_n, **bench_page(page_db)}
        pg = result["page"]
        print(
            f"map page, {args.page_n:,} incidents: interactive in {pg['interactive_ms']} ms (target < 2000:"
            f" markers on the map at {pg['ready_ms']} ms, then a filter change in {pg['filter_ms']} ms);"
            f" all markers clustered at {pg['all_markers_ms']} ms; {pg['outside_requests']} requests outside"
            " localhost"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
