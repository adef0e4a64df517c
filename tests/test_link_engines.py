"""Engines, the packaged model, candidate selection, the synthetic generator, the public surface."""

from __future__ import annotations

import sys
from datetime import date

import pytest

import harmwatch.link as link
from harmwatch.errors import MissingExtra, UserError
from harmwatch.link.engines import DuckDBEngine, SparkEngine, get_engine
from harmwatch.link.features import incident_row, normalise_place, skeleton, unlinkable_reasons
from harmwatch.link.model import ModelMismatch, comparisons, load_model, settings
from harmwatch.link.pending import _candidates
from harmwatch.link.synthetic import synthetic_incidents
from harmwatch.models import GRADES, DateSpan, Incident, Place
from harmwatch.store import Store


def test_exports_are_complete() -> None:
    for name in link.__all__:
        assert hasattr(link, name), name
    assert {"link_pending", "merge", "grade", "synthetic_incidents", "LinkSummary"} <= set(link.__all__)


def test_unknown_engine_is_a_user_error() -> None:
    with pytest.raises(UserError):
        get_engine("oracle")
    assert isinstance(get_engine("duckdb"), DuckDBEngine)


def test_spark_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(MissingExtra) as info:
        SparkEngine()
    assert info.value.extra == "spark"


def test_packaged_model_is_em_trained_and_fits_the_comparisons() -> None:
    model = load_model()
    assert model["harmwatch"]["threshold"] > 0.5
    assert "ucdp_reports" in model["harmwatch"]["trained_on"]
    names = {c.create_output_column_name() for c in comparisons()}
    assert names == {c["output_column_name"] for c in model["comparisons"]}
    settings(model)  # every level gets its trained m and u


def test_a_changed_comparison_asks_for_retraining() -> None:
    model = load_model()
    broken = {**model, "comparisons": [c for c in model["comparisons"] if c["output_column_name"] != "date"]}
    with pytest.raises(ModelMismatch, match=r"harmwatch\.link\.train"):
        settings(broken)


def test_spelling_variants_share_a_skeleton() -> None:
    keys = {skeleton(normalise_place(n)) for n in ("Kafr Nabl", "Kafranbel", "Kafr Nubl", "Kafr-Nabl town")}
    assert len(keys) == 1
    assert normalise_place("Al-Bab") == normalise_place("al Bab") == "bab"


def test_features_do_not_invent_values() -> None:
    row = incident_row("x", Incident())
    assert row["day"] is None and row["admin1"] is None and row["killed_lo"] is None
    assert unlinkable_reasons(Incident()) == [
        "missing date: not linked to other reports",
        "missing place: not linked to other reports",
    ]
    coarse = Incident(
        date=DateSpan("2020-01-01", "2020-01-01", "day"),
        place=Place(name="Idlib", admin1_pcode="SY07", lat=35.9, lon=36.6, precision="admin1"),
    )
    row = incident_row("y", coarse)
    assert row["lat"] is None and row["place_norm"] is None  # a governorate is not a point


def test_candidates_are_only_those_blocked_with_the_new_records(store: Store) -> None:
    near = Incident(
        id="inc-near",
        date=DateSpan("2020-02-09", "2020-02-09", "day"),
        place=Place(name="Saraqib", admin1_pcode="SY07", precision="town"),
    )
    far_in_time = Incident(
        id="inc-later",
        date=DateSpan("2020-06-01", "2020-06-01", "day"),
        place=Place(name="Saraqib", admin1_pcode="SY07", precision="town"),
    )
    elsewhere = Incident(
        id="inc-else",
        date=DateSpan("2020-02-10", "2020-02-10", "day"),
        place=Place(name="Douma", admin1_pcode="SY03", precision="town"),
    )
    for inc in (near, far_in_time, elsewhere):
        store.save_incident(inc)
    new = Incident(
        date=DateSpan("2020-02-10", "2020-02-10", "day"),
        place=Place(name="Saraqeb", admin1_pcode="SY07", precision="town"),
    )
    assert set(_candidates(store, [new])) == {"inc-near"}


def test_synthetic_incidents_look_merged_and_are_deterministic() -> None:
    first = list(synthetic_incidents(200, seed=5))
    again = list(synthetic_incidents(200, seed=5))
    assert [i.id for i in first] == [i.id for i in again]
    assert len({i.id for i in first}) == 200
    for inc in first:
        assert inc.grade in GRADES
        assert inc.report_ids and len(inc.claims) >= len(inc.report_ids)
        assert inc.place.admin1_pcode and inc.place.lat is not None
        assert date(2012, 1, 1) <= date.fromisoformat(inc.date.start or "") <= date(2024, 12, 31)
        assert all(c.quote for c in inc.claims)
