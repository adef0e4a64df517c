"""Dump the full extraction output for a fixed set of inputs, to prove a change keeps it identical.

Usage (from the repo root, with the venv python)::

    PYTHONPATH=src python scripts/extract_snapshot.py /tmp/before.jsonl
    ... change the code ...
    PYTHONPATH=src python scripts/extract_snapshot.py /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

Why: speed work on the extractor must not change what it reads, and the eval
scores only a few fields of the first incident. This writes every field of every
``Extraction`` (all incidents, facility events, spans, notes) as one JSON line
per input, for: every FA-KES dev article (as the eval calls it), every UCDP
headline the eval uses, the bundled sample corpus (JSONL reports and the HTML
pages, read through ingest as the demo does) and a few synthetic long reports
from the extraction bench. Inputs whose data is absent are skipped, and the
counts are printed so two runs can be seen to cover the same inputs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harmwatch.evaluation.extraction import load_fakes, load_ucdp, shared_dir
from harmwatch.extract import extract_report
from harmwatch.models import to_jsonable

REPO = Path(__file__).resolve().parents[1]


def _fakes() -> Iterator[tuple[str, dict[str, Any]]]:
    path = shared_dir() / "data" / "fakes" / "fakes_dev.csv"
    if not path.exists():
        return
    for i, r in enumerate(load_fakes(path)):
        yield (
            f"fakes:{i}:{r['id']}",
            {"text": r["text"], "title": r["title"], "source": r["source"], "report_id": r["id"]},
        )


def _ucdp() -> Iterator[tuple[str, dict[str, Any]]]:
    path = shared_dir() / "data" / "ucdp_ged_syria_2020" / "ucdp_ged_syria_2020.csv"
    if not path.exists():
        return
    for i, r in enumerate(load_ucdp(path)):
        yield f"ucdp:{i}", {"text": r["headline"], "published": r["published"], "source": r["source"]}


def _sample() -> Iterator[tuple[str, dict[str, Any]]]:
    from harmwatch.demo import sample_dir
    from harmwatch.ingest import ingest
    from harmwatch.store import open_store

    store = open_store(":memory:")
    corpus = sample_dir()
    ingest(store, [str(corpus / "reports.jsonl"), str(corpus / "html")])
    for rep in sorted(store.list_reports(), key=lambda r: r.id):
        yield (
            f"sample:{rep.id}",
            {
                "text": rep.text,
                "title": rep.title,
                "published": rep.published,
                "source": rep.source,
                "report_id": rep.id,
            },
        )


def _long() -> Iterator[tuple[str, dict[str, Any]]]:
    sys.path.insert(0, str(REPO / "bench"))
    from bench_extract import long_report  # type: ignore[import-not-found]

    for size, seed in ((20_000, 1), (200_000, 7)):
        yield f"long:{size}:{seed}", {"text": long_report(size, seed), "published": "2016-01-05"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--skip", nargs="*", default=[], choices=["fakes", "ucdp", "sample", "long"])
    args = ap.parse_args()
    groups = {"fakes": _fakes, "ucdp": _ucdp, "sample": _sample, "long": _long}
    t0 = time.perf_counter()
    counts: dict[str, int] = {}
    with args.out.open("w", encoding="utf-8") as fh:
        for name, gen in groups.items():
            if name in args.skip:
                continue
            for key, kw in gen():
                ext = extract_report(kw.pop("text"), **kw)
                line = {"key": key, "extraction": to_jsonable(ext)}
                fh.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
                counts[name] = counts.get(name, 0) + 1
    print(f"wrote {args.out}: {counts} in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
