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
from typing import Any, BinaryIO

from harmwatch.errors import InputRejected, NotFound
from harmwatch.models import Bulletin, Extraction, Incident, Report
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


def extract_all(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    report_id: str | None = None,
) -> Extraction:
    """Everything one report says: incidents, facility events and bulletins (``harmwatch extract``)."""
    from harmwatch.bulletins import parse_bulletins
    from harmwatch.extract import extract_report

    extraction = extract_report(text, title=title, published=published, source=source, report_id=report_id)
    if extraction.language in (None, "en"):
        extraction.bulletins = parse_bulletins(text, published=published, source=source, report_id=report_id)
    if extraction.bulletins:
        kept = _without_tallies(extraction.incidents, extraction.bulletins)
        if len(kept) != len(extraction.incidents):
            # facility events point into the incident list: renumber, and unhook the dropped
            new_index = {id(inc): i for i, inc in enumerate(kept)}
            old = extraction.incidents
            for ev in extraction.facility_events:
                if ev.incident_index is not None and 0 <= ev.incident_index < len(old):
                    ev.incident_index = new_index.get(id(old[ev.incident_index]))
            extraction.incidents = kept
    return extraction


def _without_tallies(incidents: list[Incident], bulletins: list[Bulletin]) -> list[Incident]:
    """Drop "incidents" that are a bulletin's own tallies read as events.

    A bulletin's national total or a governorate's line ("113 people were killed
    yesterday", "Idlib: 31") is an aggregate over many events; kept as an incident
    it would be counted twice, once here and once in the events it sums.
    """
    tallies: set[int] = set()
    for b in bulletins:
        for r in (b.totals.killed, *(a.killed for a in b.by_area)):
            if r is not None and r.best is not None:
                tallies.add(r.best)
    kept = []
    for inc in incidents:
        killed = inc.victims.killed or inc.victims.killed_civilians
        if killed is not None and killed.best in tallies:
            continue
        kept.append(inc)
    return kept


def extract_documents(
    paths: list[Path],
    *,
    published: str | None = None,
    source: str | None = None,
    stdin: BinaryIO | None = None,
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Stateless extraction over files (or JSONL on stdin when ``paths`` is empty).

    Returns the SPEC output objects ``{id, incidents, bulletins, facility_events}`` and the
    inputs that could not be read, as ``(origin, reason)``. Inputs are decoded exactly as
    ``ingest`` decodes them, so both see the same text.
    """
    from harmwatch.ingest import DEFAULT_MAX_BYTES, report_from_bytes

    documents: list[tuple[str, bytes, str]] = []  # (origin, raw, media type)
    for path in paths:
        suffix = path.suffix.lower()
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise NotFound(f"cannot read {path}: {e.strerror or e}") from e
        if suffix in (".jsonl", ".ndjson"):
            documents += [(f"{path}:{n}", line, "application/json") for n, line in _lines(raw)]
        else:
            media = "text/html" if suffix in (".html", ".htm", ".xhtml") else "text/plain"
            documents.append((str(path), raw, media))
    if not paths and stdin is not None:
        documents += [(f"stdin:{n}", line, "application/json") for n, line in _lines(stdin.read())]
    results: list[dict[str, Any]] = []
    failures: list[tuple[str, str]] = []
    for origin, raw, media in documents:
        try:
            report = report_from_bytes(
                raw,
                media_type=media,
                origin=origin,
                published=published,
                source=source,
                max_bytes=DEFAULT_MAX_BYTES,
            )
        except InputRejected as e:
            failures.append((origin, str(e)))
            continue
        doc_id = report.external_id or (Path(origin).stem if media != "application/json" else report.id)
        extraction = extract_all(
            report.text,
            title=report.title,
            published=report.published,
            source=report.source,
            report_id=doc_id,
        )
        results.append(
            {
                "id": doc_id,
                "language": extraction.language,
                "incidents": [i.to_dict() for i in extraction.incidents],
                "bulletins": [b.to_dict() for b in extraction.bulletins],
                "facility_events": [f.to_dict() for f in extraction.facility_events],
            }
        )
    return results, failures


def _lines(raw: bytes) -> list[tuple[int, bytes]]:
    return [(n, line.rstrip(b"\r\n")) for n, line in enumerate(raw.splitlines(), start=1) if line.strip()]


def _extract_one(store: Store, report: Report, summary: ProcessSummary) -> None:
    from harmwatch.facilities import area_statements

    extraction = extract_all(
        report.text,
        title=report.title,
        published=report.published,
        source=report.source,
        report_id=report.id,
    )
    english = extraction.language in (None, "en")
    statements = (
        area_statements(report.text, published=report.published, report_id=report.id) if english else []
    )
    with store.transaction():
        store.save_report_incidents(report.id, extraction.incidents)
        store.save_facility_events(report.id, extraction.facility_events)
        for bulletin in extraction.bulletins:
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
    summary.bulletins += len(extraction.bulletins)
    summary.facility_events += len(extraction.facility_events)
    summary.area_statements += len(statements)
