"""Checks on the bundled sample corpus (src/harmwatch/sample).

The demo and several stage tests use this corpus and its ground truth, so a
broken line, a dangling id or a bulletin that silently stops adding up would
turn into confusing failures elsewhere. These tests catch that at the source.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "harmwatch" / "sample"
REQUIRED = ("id", "source", "published", "title", "text")


def _reports() -> list[dict[str, Any]]:
    lines = (SAMPLE / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _truth() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
    return data


def test_enough_reports_with_unique_ids() -> None:
    reports = _reports()
    assert len(reports) >= 40
    ids = [r["id"] for r in reports]
    assert len(ids) == len(set(ids))


def test_fields_types_and_dates() -> None:
    for r in _reports():
        for key in REQUIRED:
            assert isinstance(r.get(key), str), (r.get("id"), key)
        assert r["text"].strip(), r["id"]
        assert r["title"].strip(), r["id"]
        assert r["source"].strip(), r["id"]
        dt.date.fromisoformat(r["published"])
        if "url" in r:
            assert r["url"].startswith("https://example.org/"), r["id"]
        words = len(r["text"].split())
        assert 60 <= words <= 350, (r["id"], words)


def test_truth_ids_exist() -> None:
    ids = {r["id"] for r in _reports()}
    truth = _truth()
    referenced: list[str] = []
    for group in truth["same_event_groups"]:
        referenced.extend(group)
    for key in ("inconsistent_bulletins", "denials", "admissions", "bulletins"):
        referenced.extend(truth[key])
    referenced.extend(h["report_id"] for h in truth["hospital_attacks"])
    referenced.extend(p["same_event_as"] for p in truth["html_pages"])
    missing = sorted(set(referenced) - ids)
    assert not missing, missing


def test_duplicate_groups_have_two_distinct_sources() -> None:
    by_id = {r["id"]: r for r in _reports()}
    for group in _truth()["same_event_groups"]:
        assert len(group) >= 2, group
        sources = {by_id[i]["source"] for i in group}
        assert len(sources) >= 2, group


def test_syndicated_pair_is_near_identical_under_two_outlets() -> None:
    by_id = {r["id"]: r for r in _reports()}
    for a, b in _truth()["syndicated_pairs"]:
        ra, rb = by_id[a], by_id[b]
        assert ra["source"] != rb["source"]
        wa, wb = set(ra["text"].split()), set(rb["text"].split())
        assert len(wa & wb) / len(wa | wb) > 0.9


def test_hospital_attacks_name_registry_facilities() -> None:
    with (SAMPLE / "facilities.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = {row["name"] for row in rows}
    for attack in _truth()["hospital_attacks"]:
        assert attack["facility"] in names, attack
        dt.date.fromisoformat(attack["date"])


def test_facility_registry_shape() -> None:
    with (SAMPLE / "facilities.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 8
    for row in rows:
        assert set(row) == {
            "name",
            "kind",
            "lat",
            "lon",
            "aliases",
            "admin1",
            "town",
            "population_served",
        }
        lat, lon = float(row["lat"]), float(row["lon"])
        # Inside Syria's bounding box: none of these facilities is in Turkey.
        assert 32.3 <= lat <= 37.4 and 35.6 <= lon <= 42.4, row["name"]
        if row["population_served"]:
            assert int(row["population_served"]) > 0


_TALLY = re.compile(r"^(?P<area>[A-Za-z' -]+?)\s*\|\s*(?P<k>\d+)\s*\|\s*(?P<c>\d+)\s*\|\s*(?P<w>\d+)\s*$")


def test_table_bulletin_rows_add_up() -> None:
    """The VDC-style table is declared consistent: its rows must sum to its Total row."""
    by_id = {r["id"]: r for r in _reports()}
    rows = [m for line in by_id["s021"]["text"].splitlines() if (m := _TALLY.match(line.strip()))]
    body = [m for m in rows if m["area"].strip() != "Total"]
    total = next(m for m in rows if m["area"].strip() == "Total")
    for col in ("k", "c", "w"):
        assert sum(int(m[col]) for m in body) == int(total[col])


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "meta":
            d = {k: v or "" for k, v in attrs}
            key = d.get("name") or d.get("property")
            if key:
                self.meta[key] = d.get("content", "")


@pytest.mark.parametrize("page", sorted((SAMPLE / "html").glob("*.html")), ids=lambda p: p.name)
def test_html_pages_parse(page: Path) -> None:
    parser = _Collector()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    assert "title" in parser.tags
    date = parser.meta.get("date") or parser.meta.get("article:published_time", "")
    dt.date.fromisoformat(date[:10])


def test_html_pages_do_not_copy_jsonl_text() -> None:
    texts = [" ".join(r["text"].split()) for r in _reports()]
    pages = sorted((SAMPLE / "html").glob("*.html"))
    assert len(pages) >= 2
    assert any("<script" in p.read_text(encoding="utf-8") for p in pages)
    for page in pages:
        flat = " ".join(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")).split())
        assert all(t not in flat for t in texts), page.name
    listed = {p["file"] for p in _truth()["html_pages"]}
    assert listed == {f"html/{p.name}" for p in pages}
