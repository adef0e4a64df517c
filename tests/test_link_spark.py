"""The same linkage on Splink's Spark backend, in local mode (local[2]), on a small set."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from harmwatch.link import link_pending
from harmwatch.link.engines import DuckDBEngine, SparkEngine
from harmwatch.link.features import feature_table
from harmwatch.link.synthetic import synthetic_reports
from harmwatch.models import Report
from harmwatch.store import Store

pytestmark = [pytest.mark.spark, pytest.mark.timeout(300)]
pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark_engine() -> Iterator[SparkEngine]:
    engine = SparkEngine(master="local[2]")
    yield engine
    engine.close()


def _partition(frame) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    groups: dict[str, set[str]] = {}
    for uid, cid in zip(frame["unique_id"], frame["cluster_id"], strict=True):
        groups.setdefault(str(cid), set()).add(uid)
    return {frozenset(g) for g in groups.values()}


def test_spark_clusters_match_duckdb(spark_engine: SparkEngine) -> None:
    reports = list(synthetic_reports(150, seed=3))
    table = feature_table((r.report_id, r.incident, False) for r in reports)
    with DuckDBEngine() as duck:
        expected_pairs = duck.predict(table)
        expected = _partition(duck.cluster(table))
    pairs = spark_engine.predict(table)
    assert len(pairs) == len(expected_pairs) > 0
    got = dict(zip(zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True), pairs["match_probability"],
                   strict=True))  # fmt: skip
    for a, b, p in zip(expected_pairs["unique_id_l"], expected_pairs["unique_id_r"],
                       expected_pairs["match_probability"], strict=True):  # fmt: skip
        assert got[(a, b)] == pytest.approx(p, abs=1e-6)
    assert _partition(spark_engine.cluster(table)) == expected
    truth = {r.report_id: r.event_id for r in reports}
    assert len(expected) <= len(set(truth.values())) + 5


def test_link_pending_on_spark(store: Store, spark_engine: SparkEngine) -> None:
    reports = list(synthetic_reports(40, seed=11))
    for r in reports:
        sha = hashlib.sha256(r.report_id.encode()).hexdigest()
        store.add_report(Report(id=r.report_id, sha256=sha, text=r.text, source=r.source,
                                published=r.published, retrieved="2024-01-01"), r.text.encode())  # fmt: skip
        with store.transaction():
            store.save_report_incidents(r.report_id, [r.incident])
    summary = link_pending(store, engine=spark_engine)
    assert summary.records == 40 and summary.engine == "spark"
    incidents = store.query_incidents()
    assert sum(len(i.report_ids) for i in incidents) == 40
    assert len(incidents) <= len({r.event_id for r in reports}) + 3
