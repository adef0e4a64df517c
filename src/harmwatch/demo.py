"""The main job on the bundled sample corpus: build a fresh database and summarise it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from harmwatch.facilities.patterns import patterns
from harmwatch.ingest import ingest
from harmwatch.models import Incident
from harmwatch.pipeline import process
from harmwatch.store import Store, open_store


def sample_dir() -> Path:
    """The folder of the bundled sample corpus (reports.jsonl, html/, facilities.csv)."""
    return Path(str(resources.files("harmwatch") / "sample"))


def run_demo(db: str | Path) -> str:
    """Ingest and process the sample corpus into a new database at ``db``; return a summary."""
    path = Path(db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    corpus = sample_dir()
    with open_store(path) as store:
        summary = ingest(store, [str(corpus / "reports.jsonl"), str(corpus / "html")])
        lines = [f"harmwatch demo: {path}", f"ingested the sample corpus: {summary.line()}"]
        processed = process(store, registry=corpus / "facilities.csv")
        lines += processed.lines()
        lines += _summarise(store)
        lines.append(
            f"\nreports stored: {store.count_reports()}; rejected inputs: {len(store.list_rejections())}"
        )
    return "\n".join(lines)


def _summarise(store: Store) -> list[str]:
    incidents = store.query_incidents()
    lines = ["", f"incidents on record: {len(incidents)}"]
    lines.append("  by grade: " + _counts(i.grade for i in incidents))
    lines.append("  by event type: " + _counts(i.event_type for i in incidents))
    multi = [i for i in incidents if len(i.report_ids) > 1]
    lines.append(f"  reported by more than one report: {len(multi)}")
    denials = sum(1 for i in incidents for c in i.claims if c.kind == "denial")
    admissions = sum(1 for i in incidents for c in i.claims if c.kind in ("admission", "responsibility"))
    lines.append(f"  denials on record: {denials}; admissions or claims of responsibility: {admissions}")
    lines.append("  deadliest:")
    for inc in sorted(incidents, key=_killed, reverse=True)[:6]:
        lines.append("    " + _incident_line(inc))
    bulletins = store.list_bulletins()
    lines.append("")
    lines.append(f"bulletins: {len(bulletins)}, {sum(not b.consistent for b in bulletins)} inconsistent")
    for b in bulletins:
        if not b.consistent:
            lines.append(f"  {b.date} {b.source}: " + "; ".join(b.discrepancies))
    facilities = store.list_facilities()
    lines.append("")
    lines.append(f"facilities: {len(facilities)}; latest status: " + _counts(f.status for f in facilities))
    for r in patterns(store)["repeated"]:
        days = ", ".join(d or "?" for d in r["dates"])
        lines.append(f"  attacked {r['attacks']} times: {r['name']} ({r['town'] or 'unplaced'}): {days}")
    return lines


def _killed(incident: Incident) -> int:
    k = incident.victims.killed or incident.victims.killed_civilians
    return (k.best or k.low or 0) if k else 0


def _incident_line(inc: Incident) -> str:
    k = inc.victims.killed or inc.victims.killed_civilians
    toll = "?" if k is None else str(k.best if k.best is not None else f">={k.low}")
    if k is not None and k.low is not None and k.high is not None and k.low != k.high:
        toll += f" ({k.low}-{k.high})"
    actors = ", ".join(f"{p.actor} ({p.attribution})" for p in inc.perpetrators) or "perpetrator unknown"
    return (
        f"{inc.date.start or '????-??-??'}  {inc.place.name or 'place unknown'}, {inc.place.admin1 or '?'}: "
        f"{inc.event_type}, {toll} killed, {actors}; {inc.grade}, {len(inc.report_ids)} report(s)"
    )


def _counts(values: Iterable[str]) -> str:
    counts = Counter(values)
    return ", ".join(f"{n} {k}" for k, n in counts.most_common()) or "none"
