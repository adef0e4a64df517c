"""The orchestrator behind ``harmwatch process``: every stored report not yet
processed goes through the stages in order. It is incremental: a second run
with nothing new does nothing, and a new report links into the incidents
already on record.

1. Extract each new report: incidents, bulletins, facility events and
   area-level statements. One report's results are saved in one transaction;
   a report that fails is logged with its id and the batch carries on.
2. Link the newly extracted incidents into merged incidents, and grade them.
3. Resolve facility events into the facility registry with status timelines.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from harmwatch.models import Report
from harmwatch.store import Store

log = logging.getLogger(__name__)


@dataclass
class ProcessSummary:
    reports: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (report id, reason)
    not_english: list[tuple[str, str]] = field(default_factory=list)  # (report id, language)
    extracted_incidents: int = 0
    bulletins: int = 0
    facility_events: int = 0
    area_statements: int = 0
    incidents: int = 0  # merged incidents on record after linking
    facilities: int = 0

    def lines(self) -> list[str]:
        out = [
            f"processed {self.reports} reports: {self.extracted_incidents} incident reports, "
            f"{self.bulletins} bulletins, {self.facility_events} facility mentions, "
            f"{self.area_statements} area statements",
            f"record: {self.incidents} incidents, {self.facilities} facilities",
        ]
        out += [f"not mined (language {lang}): {rid}" for rid, lang in self.not_english]
        out += [f"failed: {rid}: {why}" for rid, why in self.failed]
        return out


def process(store: Store, *, engine: str = "duckdb", registry: Path | None = None) -> ProcessSummary:
    """Run every stage on the reports not yet processed. See the module docstring."""
    from harmwatch.facilities import update_registry
    from harmwatch.link import link_pending

    summary = ProcessSummary()
    for report in store.list_reports(processed=False):  # 1. extract
        try:
            _extract_one(store, report, summary)
        except Exception as e:  # one bad report must not stop the batch
            log.exception("report %s failed", report.id)
            summary.failed.append((report.id, f"{type(e).__name__}: {e}"))
    link_pending(store, engine=engine)  # 2. link, merge, grade
    update_registry(store, registry=registry)  # 3. facilities
    summary.incidents = store.count_incidents()
    summary.facilities = len(store.list_facilities())
    return summary


def _extract_one(store: Store, report: Report, summary: ProcessSummary) -> None:
    from harmwatch.bulletins import parse_bulletins
    from harmwatch.extract import extract_report
    from harmwatch.facilities import area_statements

    extraction = extract_report(
        report.text,
        title=report.title,
        published=report.published,
        source=report.source,
        report_id=report.id,
    )
    english = extraction.language in (None, "en")
    bulletins = (
        parse_bulletins(report.text, published=report.published, source=report.source, report_id=report.id)
        if english
        else []
    )
    statements = (
        area_statements(report.text, published=report.published, report_id=report.id) if english else []
    )
    with store.transaction():
        store.save_report_incidents(report.id, extraction.incidents)
        store.save_facility_events(report.id, extraction.facility_events)
        for bulletin in bulletins:
            store.save_bulletin(bulletin)
        for statement in statements:
            store.save_area_statement(
                statement["id"],
                statement["area"],
                statement.get("admin1_pcode"),
                statement.get("date"),
                report.id,
                statement,
            )
        store.mark_processed(report.id)
    summary.reports += 1
    if not english:
        summary.not_english.append((report.id, extraction.language or "und"))
    summary.extracted_incidents += len(extraction.incidents)
    summary.bulletins += len(bulletins)
    summary.facility_events += len(extraction.facility_events)
    summary.area_statements += len(statements)
