"""Evaluate the bulletin reader: exact counts, caught inconsistencies, no false alarms.

The numbers, written to ``eval/bulletins.json``:

* ``counts_exact`` — over the test bulletins in ``tests/data/bulletins`` (written
  in LCC, SOHR, SNHR and VDC styles, prose and tables), the share of figures
  (national and per-governorate killed, children, women; a figure the bulletin
  does not give must come back as null) read exactly.
* ``inconsistencies_caught`` — the share of the known arithmetic problems
  (areas not adding up; children plus women above killed) that ``check`` reports,
  and ``false_alarm_free`` — the share of bulletins with no invented problem.
* ``fakes_false_positive_rate`` — the share of FA-KES news articles (ordinary
  stories about strikes, from ``../shared/data/fakes/fakes_dev.csv``) read as
  bulletins. Lower is better; the gate is a ceiling, stored as ``1 - rate``
  in ``fakes_not_bulletin`` so that every score is "higher is better".
* ``ucdp_daily_tolls_read`` / ``ucdp_single_events_not_bulletin`` — over the SOHR
  headlines that UCDP GED 2020 cites, the national daily tolls ("52 persons
  killed across Syria yesterday, including ...", picked out by their wording)
  read with the right total, and the headlines about single events left alone.

Run: ``python -m harmwatch.evaluation.bulletins``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from harmwatch.bulletins import parse_bulletins
from harmwatch.models import Bulletin, Range

REPO = Path(__file__).resolve().parents[3]
CASES_DIR = REPO / "tests" / "data" / "bulletins"
OUT = REPO / "eval" / "bulletins.json"

FLOORS = {
    "counts_exact": 0.97,
    "inconsistencies_caught": 0.98,
    "false_alarm_free": 0.98,
    "dates_exact": 0.98,
    "sources_exact": 0.98,
    "completeness_flag": 0.98,
    "news_rejected": 0.98,
    "fakes_not_bulletin": 0.98,
    "ucdp_daily_tolls_read": 0.93,
    "ucdp_single_events_not_bulletin": 0.99,
}


def shared_data() -> Path:
    root = os.environ.get("HARMWATCH_SHARED")
    return (Path(root) if root else REPO.parent / "shared") / "data"


def safe_line(s: str) -> str:
    return re.sub(r"\s+", " ", s)[:200]


def load_cases(directory: Path = CASES_DIR) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    for case in cases:
        case["text"] = (directory / case["file"]).read_text(encoding="utf-8")
    return cases


def inconsistency_tags(b: Bulletin) -> set[str]:
    """The kinds of problem ``check`` reported, as ``sum:<role>`` / ``cw:<pcode|national>``."""
    by_name = {a.area: a.admin1_pcode or f"?{a.area}" for a in b.by_area}
    tags: set[str] = set()
    for d in b.discrepancies:
        m = re.match(r"^(killed|children|women): the governorates add up", d)
        if m:
            tags.add(f"sum:{m.group(1)}")
            continue
        m = re.match(r"^nationally: ", d)
        if m:
            tags.add("cw:national")
            continue
        m = re.match(r"^(.+) is listed \d+ times \(", d)
        if m:
            tags.add(f"dup:{by_name.get(m.group(1), m.group(1))}")
            continue
        m = re.match(r"^in (.+?): \d+ (?:children|women)", d)
        if m:
            tags.add(f"cw:{by_name.get(m.group(1), m.group(1))}")
            continue
        tags.add("other")
    return tags


def _best(r: Range | None) -> int | None:
    if r is None:
        return None
    return r.best if r.best is not None else r.low


def score_case(case: dict[str, Any], bulletins: list[Bulletin]) -> dict[str, Any]:
    """Compare one parsed text with its gold record."""
    if case.get("not_bulletin"):
        return {
            "file": case["file"],
            "not_bulletin": True,
            "false_positive": bool(bulletins),
            "errors": [f"read as {len(bulletins)} bulletin(s)"] if bulletins else [],
        }
    gold_areas: dict[str, list[int | None]] = case["areas"]
    n_counts = 3 + 3 * len(gold_areas)
    out: dict[str, Any] = {"file": case["file"], "counts": n_counts, "exact": 0, "errors": []}
    gold_incons = set(case["inconsistencies"])
    out["inconsistencies"] = len(gold_incons)
    if len(bulletins) != 1:
        out["errors"].append(f"expected one bulletin, got {len(bulletins)}")
        out.update(caught=0, false_alarm=False, date_ok=False, source_ok=False, complete_ok=False)
        return out
    b = bulletins[0]
    got_totals = [_best(b.totals.killed), _best(b.totals.children), _best(b.totals.women)]
    for role, g, v in zip(("killed", "children", "women"), case["totals"], got_totals, strict=True):
        if g == v:
            out["exact"] += 1
        else:
            out["errors"].append(f"total {role}: expected {g}, got {v}")
    got: dict[str, list[int | None]] = {}
    for a in b.by_area:
        key = a.admin1_pcode or f"?{a.area}"
        got[key] = [_best(a.killed), _best(a.children), _best(a.women)]
    for key, gvals in gold_areas.items():
        vals = got.get(key, [None, None, None])
        for role, g, v in zip(("killed", "children", "women"), gvals, vals, strict=True):
            if g == v and key in got:
                out["exact"] += 1
            else:
                out["errors"].append(f"{key} {role}: expected {g}, got {v if key in got else 'no line'}")
    for key in got:
        if key not in gold_areas:
            out["errors"].append(f"unexpected line {key}")
            out["exact"] -= 1 if out["exact"] > 0 else 0
    tags = inconsistency_tags(b)
    out["caught"] = len(gold_incons & tags)
    out["false_alarm"] = bool(tags - gold_incons)
    if out["false_alarm"]:
        out["errors"].append(f"invented problems: {sorted(tags - gold_incons)}: {b.discrepancies}")
    if gold_incons - tags:
        out["errors"].append(f"missed problems: {sorted(gold_incons - tags)}")
    out["date_ok"] = b.date == case["date"]
    out["source_ok"] = b.source == case["source"]
    out["complete_ok"] = b.complete == case["complete"]
    for flag, what in (("date_ok", "date"), ("source_ok", "source"), ("complete_ok", "complete")):
        if not out[flag]:
            out["errors"].append(f"{what}: expected {case[what]}, got {getattr(b, what)}")
    return out


def evaluate_cases(cases: list[dict[str, Any]]) -> tuple[dict[str, float], list[dict[str, Any]]]:
    all_results = []
    for case in cases:
        bulletins = parse_bulletins(case["text"], published=case.get("published"), report_id=case["file"])
        all_results.append(score_case(case, bulletins))
    results = [r for r in all_results if not r.get("not_bulletin")]
    negatives = [r for r in all_results if r.get("not_bulletin")]
    n = len(results) or 1
    counts = sum(r["counts"] for r in results) or 1
    incons = sum(r["inconsistencies"] for r in results)
    scores = {
        "counts_exact": sum(r["exact"] for r in results) / counts,
        "inconsistencies_caught": (sum(r["caught"] for r in results) / incons) if incons else 1.0,
        "false_alarm_free": sum(not r["false_alarm"] for r in results) / n,
        "dates_exact": sum(r["date_ok"] for r in results) / n,
        "sources_exact": sum(r["source_ok"] for r in results) / n,
        "completeness_flag": sum(r["complete_ok"] for r in results) / n,
        "news_rejected": (sum(not r["false_positive"] for r in negatives) / len(negatives))
        if negatives
        else 1.0,
    }
    return scores, all_results


def fakes_false_positives(path: Path | None = None) -> tuple[int, int, list[str]] | None:
    """(articles read as bulletins, articles, their ids) over FA-KES, or None if the file is absent."""
    path = path or shared_data() / "fakes" / "fakes_dev.csv"
    if not path.is_file():
        return None
    csv.field_size_limit(10_000_000)
    hits: list[str] = []
    n = 0
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            n += 1
            if parse_bulletins(row.get("article_content") or "", report_id=row.get("unit_id")):
                hits.append(str(row.get("unit_id")))
    return len(hits), n, hits


# A UCDP headline that is a SOHR national daily toll, told apart by its wording alone
# (independently of the reader): "<N> persons killed across Syria yesterday ...".
_DAILY_HEADLINE = re.compile(
    r"(?:^|\bamong\s+|\|\s*)(?P<n>[\w-]+)\s+(?:persons|people)\s+(?:were\s+)?killed\s+(?:yesterday\s+)?"
    r"(?:in\s+different\s+circumstances\s+)?across\s+Syria",
    re.I,
)


def ucdp_headlines(path: Path | None = None) -> dict[str, Any] | None:
    """SOHR headlines cited by UCDP GED 2020: daily national tolls read, single events left alone."""
    from harmwatch.bulletins.numbers import words_to_int

    path = path or shared_data() / "ucdp_ged_syria_2020" / "ucdp_ged_syria_2020.csv"
    if not path.is_file():
        return None
    seen: set[str] = set()
    daily = daily_ok = other = other_fp = 0
    misses: list[str] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for part in re.findall(r'"([^"]*)"', row.get("source_article") or ""):
                bits = part.split(",", 2)
                if len(bits) < 3 or bits[2] in seen:
                    continue
                seen.add(bits[2])
                source, published, headline = bits
                got = parse_bulletins(headline, published=published, source=source)
                m = _DAILY_HEADLINE.search(headline)
                if m:
                    daily += 1
                    want = words_to_int(m.group("n"))
                    if got and got[0].totals.killed is not None and got[0].totals.killed.best == want:
                        daily_ok += 1
                    else:
                        misses.append(headline)
                else:
                    other += 1
                    if got:
                        other_fp += 1
                        misses.append(f"read as a bulletin: {headline}")
    return {"daily": daily, "daily_ok": daily_ok, "other": other, "other_fp": other_fp, "misses": misses}


def run(write: bool = True) -> dict[str, Any]:
    """Score everything and write ``eval/bulletins.json``."""
    cases = load_cases()
    scores, results = evaluate_cases(cases)
    notes = [
        f"{sum(not c.get('not_bulletin') for c in cases)} written test bulletins "
        f"({', '.join(sorted({c['style'] for c in cases if not c.get('not_bulletin')}))}) and "
        f"{sum(bool(c.get('not_bulletin')) for c in cases)} written news stories; "
        f"{sum(r.get('counts', 0) for r in results)} figures; "
        f"{sum(r.get('inconsistencies', 0) for r in results)} known inconsistencies",
    ]
    for r in results:
        for e in r["errors"]:
            notes.append(f"{r['file']}: {e}")
    fakes = fakes_false_positives()
    if fakes is None:
        notes.append("FA-KES not found; false-positive rate not measured")
    else:
        fp, n, ids = fakes
        scores["fakes_false_positive_rate"] = fp / n if n else 0.0
        scores["fakes_not_bulletin"] = 1 - scores["fakes_false_positive_rate"]
        notes.append(f"FA-KES dev: {fp} of {n} news articles read as bulletins {ids[:10]}")
    ucdp = ucdp_headlines()
    if ucdp is None:
        notes.append("UCDP GED 2020 not found; SOHR headline scores not measured")
    else:
        scores["ucdp_daily_tolls_read"] = ucdp["daily_ok"] / ucdp["daily"] if ucdp["daily"] else 1.0
        fp_rate = ucdp["other_fp"] / ucdp["other"] if ucdp["other"] else 0.0
        scores["ucdp_single_events_not_bulletin"] = 1 - fp_rate
        notes.append(
            f"UCDP GED 2020 SOHR headlines: {ucdp['daily_ok']} of {ucdp['daily']} national daily "
            f"tolls read with the right total; {ucdp['other_fp']} of {ucdp['other']} other "
            "headlines read as bulletins"
        )
        notes.extend(f"UCDP: {safe_line(m)}" for m in ucdp["misses"][:10])
    result = {
        "scores": {k: round(v, 4) for k, v in scores.items()},
        "floors": FLOORS,
        "notes": notes,
        "command": "python -m harmwatch.evaluation.bulletins",
    }
    if write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    res = run()
    json.dump(res, sys.stdout, indent=2, ensure_ascii=False)
    print()
