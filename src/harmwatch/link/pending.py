"""The pipeline step: link newly extracted per-report records into merged incidents.

Linking is incremental. Only the records not yet linked are read; the merged
incidents they are compared with are only those that share a blocking key with
them (same governorate within the date window, or the same place name in the
same month), fetched by indexed queries. Nothing else is recomputed.

For each new record:

1. A record without a date or without a place is never linked (it would match
   anything on the missing field): it becomes its own incident, marked for
   review with the reason.
2. The others (each with the facilities its report's facility mentions tie to
   it) are scored by the Splink model against each other and against the
   candidate incidents; scores are discounted where a place is crowded
   (:func:`harmwatch.link.cluster.density_adjusted`). New records joined by a
   match form a group (:func:`harmwatch.link.cluster.link_clusters`: a match
   must agree on something specific, the town, a facility, a weapon or a toll,
   and a group must stay one event by its dates, places and tolls). A group joins the
   existing incident it matches best and stays one event with; it never
   merges two existing incidents (a new report that matches
   two settled incidents is noted in ``review`` instead, for a human to decide:
   chaining incidents through one ambiguous report is how linkage goes wrong).
   A group that matches no incident becomes a new one, whose id is derived
   from its earliest report: ``content_id("inc", report_id, idx)``.
3. Every touched incident is re-merged from all of its members
   (:func:`harmwatch.link.merge.merge`, with syndicated copies found among its
   reports), graded (:func:`harmwatch.link.grade.grade`) and saved.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from harmwatch.errors import NotFound
from harmwatch.link.cluster import Profile, Rows, density_adjusted, link_clusters, pairs_of, specific
from harmwatch.link.engines import LinkEngine, get_engine
from harmwatch.link.features import (
    SAME_REGION,
    feature_table,
    linking_admin1,
    normalise_place,
    skeleton,
    unlinkable_reasons,
    with_facility_events,
)
from harmwatch.link.grade import grade
from harmwatch.link.merge import merge
from harmwatch.link.provenance import Provenance
from harmwatch.link.syndication import find_copies
from harmwatch.models import Incident, Report, content_id
from harmwatch.store import Store
from harmwatch.store.base import IncidentQuery

log = logging.getLogger(__name__)

#: Candidate incidents are fetched this many days either side of a new record's dates.
WINDOW_DAYS = 7


@dataclass
class LinkSummary:
    """What one call of :func:`link_pending` did."""

    records: int = 0  # new per-report records read
    linked_to_existing: int = 0  # records that joined an incident already on record
    incidents_created: int = 0
    incidents_updated: int = 0
    not_linkable: int = 0  # records missing a date or a place (own incident, for review)
    engine: str = ""
    touched: list[str] = field(default_factory=list)  # incident ids saved


@dataclass
class _New:
    uid: str
    report_id: str
    idx: int
    incident: Incident


def link_pending(store: Store, *, engine: str | LinkEngine = "duckdb") -> LinkSummary:
    """Link every unlinked per-report record, merge and grade what changed. See the module docstring."""
    rows = store.unlinked_report_incidents()
    summary = LinkSummary(records=len(rows), engine=engine if isinstance(engine, str) else engine.name)
    if not rows:
        return summary
    news = [_New(f"{rid}#{idx}", rid, idx, _with_report(inc, rid)) for rid, idx, _, inc in rows]
    _add_facility_events(store, news)
    published = _published(store, {n.report_id for n in news})
    news.sort(key=lambda n: (published.get(n.report_id) or "9999", n.report_id, n.idx))

    assignments: dict[str, tuple[str, float | None]] = {}  # uid -> (incident id, score)
    notes: dict[str, list[str]] = defaultdict(list)
    to_link = [n for n in news if not unlinkable_reasons(n.incident)]
    summary.not_linkable = len(news) - len(to_link)
    for n in news:
        if unlinkable_reasons(n.incident):  # stays alone; the reason goes into ``review``
            assignments[n.uid] = (content_id("inc", n.report_id, str(n.idx)), None)

    if to_link:
        existing = _candidates(store, [n.incident for n in to_link])
        records = [(n.uid, n.incident, False) for n in to_link]
        records += [(inc.id, inc, True) for inc in existing.values()]
        table = feature_table(records)
        owned = isinstance(engine, str)
        eng = get_engine(engine)
        try:
            pairs = eng.predict(table)
        finally:
            if owned:
                eng.close()
        features = Rows(table)
        kept = density_adjusted(features, pairs_of(pairs), eng.threshold)
        _assign(to_link, existing, kept, assignments, notes, features)

    touched: list[str] = []
    with store.transaction():
        existing_ids = {iid for iid, _ in assignments.values() if _incident_exists(store, iid)}
        for n in news:
            iid, score = assignments[n.uid]
            store.set_link(n.report_id, n.idx, iid, score)
            if iid in existing_ids:
                summary.linked_to_existing += 1
            if iid not in touched:
                touched.append(iid)
        for iid in touched:
            _remerge(store, iid, extra_review=notes.get(iid, []))
    summary.touched = touched
    summary.incidents_updated = len(existing_ids)
    summary.incidents_created = len(touched) - len(existing_ids)
    return summary


def _add_facility_events(store: Store, news: list[_New]) -> None:
    """Give each new record, for comparison only, the facilities its report ties to it.

    The extractor often finds a facility's name in a sentence of its own ("the
    building, known as al-Quds hospital") as a facility event with the index of
    the incident, while the incident's target stays a nameless "hospital". An
    event without an index belongs to the report's only incident, if it has one.
    The stored per-report record is not changed.
    """
    by_report: dict[str, list[_New]] = defaultdict(list)
    for n in news:
        by_report[n.report_id].append(n)
    events: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for rid, _idx, _fid, ev in store.facility_events(unresolved_only=True):
        members = by_report.get(rid)
        if not members:
            continue
        if ev.incident_index is not None:
            events[(rid, ev.incident_index)].append(ev)
        elif len(members) == 1:
            events[(rid, members[0].idx)].append(ev)
    for n in news:
        if found := events.get((n.report_id, n.idx)):
            n.incident = with_facility_events(n.incident, found)


def _with_report(inc: Incident, report_id: str) -> Incident:
    if not inc.report_ids:
        inc.report_ids = [report_id]
    return inc


def _published(store: Store, report_ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for rid in report_ids:
        try:
            out[rid] = store.get_report(rid).published or ""
        except NotFound:
            out[rid] = ""
    return out


def _incident_exists(store: Store, incident_id: str) -> bool:
    try:
        store.get_incident(incident_id)
    except NotFound:
        return False
    return True


def _day(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _candidates(store: Store, incidents: Sequence[Incident]) -> dict[str, Incident]:
    """Merged incidents that share a blocking key with any of ``incidents`` (indexed queries only)."""
    windows: dict[str | None, list[tuple[date, date]]] = defaultdict(list)
    names: set[str] = set()
    for inc in incidents:
        start = _day(inc.date.start)
        if start is None:
            continue
        end = _day(inc.date.end) or start
        windows[linking_admin1(inc.place.admin1_pcode)].append(
            (start - timedelta(days=WINDOW_DAYS), max(end, start) + timedelta(days=WINDOW_DAYS))
        )
        if (key := skeleton(normalise_place(inc.place.name))) is not None:
            names.add(key)
    found: dict[str, Incident] = {}
    for admin1, spans in windows.items():
        codes = [admin1, *(c for c, region in SAME_REGION.items() if region == admin1)]
        for lo, hi in _merge_spans(spans):
            for code in codes:
                query = IncidentQuery(admin1_pcode=code, since=lo.isoformat(), until=hi.isoformat())
                for inc in store.query_incidents(query):
                    if admin1 is not None or skeleton(normalise_place(inc.place.name)) in names:
                        found[inc.id] = inc
    return found


def _merge_spans(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _assign(
    news: list[_New],
    existing: dict[str, Incident],
    pairs: list[tuple[str, str, float]],
    assignments: dict[str, tuple[str, float | None]],
    notes: dict[str, list[str]],
    rows: Rows,
) -> None:
    new_ids = {n.uid for n in news}
    report_of = {n.uid: n.report_id for n in news}
    new_edges: list[tuple[str, str, float]] = []
    to_existing: dict[str, dict[str, float]] = defaultdict(dict)  # new uid -> {incident id: p}
    best_score: dict[str, float] = {}
    for a, b, p in pairs:
        if a in existing:
            a, b = b, a
        if a not in new_ids:
            continue
        if b in new_ids:
            if report_of[a] == report_of[b]:
                continue  # one page that lists several events: the extractor already told them apart
            new_edges.append((a, b, p))
        elif b in existing:
            if report_of[a] in existing[b].report_ids or not specific(rows[a], rows[b]):
                continue
            to_existing[a][b] = max(p, to_existing[a].get(b, 0.0))
        else:
            continue
        for uid in (a, b):
            if uid in new_ids:
                best_score[uid] = max(best_score.get(uid, 0.0), p)
    order = [n.uid for n in news]
    components = link_clusters(rows, new_edges, nodes=order)
    groups: dict[str, list[_New]] = defaultdict(list)
    for n in news:  # ``news`` is in publication order, so each group's first member is its earliest
        groups[components[n.uid]].append(n)
    for members in groups.values():
        scores: dict[str, float] = defaultdict(float)
        for m in members:
            for iid, p in to_existing.get(m.uid, {}).items():
                scores[iid] = max(scores[iid], p)
        # The group joins the incident it matches best among those it stays one event with.
        group = Profile()
        for m in members:
            group = group.union(Profile.of(rows[m.uid]))
        fits = {i: s for i, s in scores.items() if group.union(Profile.of(rows[i])).consistent()}
        if fits:
            target = max(sorted(fits), key=lambda i: fits[i])
            for other in sorted(i for i in scores if i != target):
                notes[target].append(f"a linked report also matches incident {other}: may be the same event")
        else:
            first = members[0]
            target = content_id("inc", first.report_id, str(first.idx))
        for m in members:
            assignments[m.uid] = (target, best_score.get(m.uid))


def _remerge(store: Store, incident_id: str, *, extra_review: Sequence[str] = ()) -> Incident:
    """Merge all members of one incident again, grade it and save it."""
    rows = store.report_incidents(incident_id=incident_id)
    members = [_with_report(inc, rid) for rid, _, _, inc in rows]
    reports: list[Report] = []
    for rid in dict.fromkeys(rid for rid, _, _, _ in rows):
        try:
            reports.append(store.get_report(rid))
        except NotFound:
            continue
    provenance = Provenance(
        source={r.id: r.source for r in reports if r.source},
        published={r.id: r.published for r in reports if r.published},
        copy_of=find_copies(reports) if len(reports) > 1 else {},
    )
    merged = merge(members, incident_id=incident_id, provenance=provenance)
    for m in members:
        for reason in unlinkable_reasons(m):
            if reason not in merged.review:
                merged.review.append(reason)
    try:
        previous = store.get_incident(incident_id)
        kept = [r for r in previous.review if r.startswith("a linked report also matches")]
    except NotFound:
        kept = []
    for reason in [*kept, *extra_review]:
        if reason not in merged.review:
            merged.review.append(reason)
    merged.grade = grade(merged, members, provenance=provenance)
    store.save_incident(merged)
    return merged
