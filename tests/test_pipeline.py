"""The whole pipeline on the bundled sample corpus: ingest, process, and what the record holds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmwatch.demo import sample_dir
from harmwatch.ingest import ingest
from harmwatch.pipeline import process
from harmwatch.store import Store, open_store

TRUTH = json.loads((sample_dir() / "truth.json").read_text())


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("pipeline") / "sample.db"
    store = open_store(db)
    ingest(store, [str(sample_dir() / "reports.jsonl"), str(sample_dir() / "html")])
    process(store, registry=sample_dir() / "facilities.csv")
    yield store
    store.close()


def _by_external(store: Store) -> dict[str, str]:
    return {r.external_id: r.id for r in store.list_reports() if r.external_id}


def test_every_report_is_processed(record: Store) -> None:
    assert record.list_reports(processed=False) == []
    assert record.count_incidents() > 20


def test_processing_again_adds_nothing(record: Store) -> None:
    before = record.count_incidents()
    summary = process(record)
    assert summary.reports == 0 and record.count_incidents() == before


def test_every_number_traces_to_a_report_and_a_quote(record: Store) -> None:
    reports = {r.id: r for r in record.list_reports()}
    for incident in record.query_incidents():
        assert incident.report_ids and set(incident.report_ids) <= set(reports)
        for claim in incident.claims:
            assert claim.quote, claim
            if claim.report_id in reports:
                report = reports[claim.report_id]
                assert claim.quote in f"{report.title or ''}\n{report.text}", claim


def test_bulletins_are_read_and_the_inconsistent_one_is_caught(record: Store) -> None:
    ids = _by_external(record)
    bulletins = record.list_bulletins()
    assert {b.report_id for b in bulletins} >= {ids[x] for x in TRUTH["bulletins"]}
    flagged = {b.report_id for b in bulletins if not b.consistent}
    assert flagged == {ids[x] for x in TRUTH["inconsistent_bulletins"]}


def test_denials_and_admissions_are_kept_as_claims(record: Store) -> None:
    ids = _by_external(record)
    kinds: dict[str, set[str]] = {}
    for incident in record.query_incidents():
        for claim in incident.claims:
            kinds.setdefault(claim.report_id or "", set()).add(claim.kind)
    denied = [x for x in TRUTH["denials"] if "denial" in kinds.get(ids[x], set())]
    assert len(denied) >= len(TRUTH["denials"]) // 2
    assert all("admission" in kinds.get(ids[x], set()) for x in TRUTH["admissions"])


def test_same_event_reports_are_linked(record: Store) -> None:
    """Pairwise recall over the corpus's known same-event groups (a small real-shaped check)."""
    ids = _by_external(record)
    incident_of: dict[str, set[str]] = {}
    for report_id, _idx, incident_id, _inc in record.report_incidents():
        if incident_id:
            incident_of.setdefault(report_id, set()).add(incident_id)
    pairs = linked = 0
    for group in TRUTH["same_event_groups"]:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pairs += 1
                linked += bool(incident_of.get(ids[a], set()) & incident_of.get(ids[b], set()))
    assert linked / pairs >= 0.5, f"{linked}/{pairs} same-event pairs linked"


def test_attacked_hospitals_are_in_the_registry(record: Store) -> None:
    names = " | ".join(" | ".join([f.name, *f.aliases]).lower() for f in record.list_facilities())
    for town_word in ("quds", "m10", "kafr", "oudai"):
        assert town_word in names


def test_demo_summary(tmp_path: Path) -> None:
    from harmwatch.demo import run_demo

    text = run_demo(tmp_path / "demo.db")
    assert "61 new, 0 duplicate, 0 rejected" in text
    assert "incidents on record" in text and "bulletins: 5, 1 inconsistent" in text


def test_facility_events_of_a_dropped_tally_point_nowhere(record: Store) -> None:
    # Every facility event's incident index points at an incident its report kept: a bulletin's
    # own tallies are dropped as incidents, and mentions read from them lose their tie.
    for report_id, _idx, _fid, ev in record.facility_events():
        if ev.incident_index is not None:
            kept = {i for _r, i, _iid, _inc in record.report_incidents(report_id=report_id)}
            assert ev.incident_index in kept, (report_id, ev.quote[:80])
