"""Merge the per-report records of one event into one incident, keeping every claim.

A merged incident must not lose what any source said: each member's claims
(with their quotes) are kept verbatim, and the headline values are chosen by
rules written down here, so a reader can always see which source said what and
why the record shows the value it shows.

The rules:

* **date**: the day most independent sources give (a syndicated copy votes
  with its original); a tie goes to the earlier day. Sources that state the
  event's date outvote those whose date is only their own publication day
  (``REPORT_DATE_USED`` in their review notes). Without any day-precise
  member, the narrowest date span. Sources that disagree by more than
  :data:`DATE_SPREAD_DAYS` days are flagged for review.
* **place**: the most precise place any member gives (point, then
  neighbourhood, town, admin3 ...); among equally precise places the spelling
  most members use, then the earliest report. Missing admin names and P-codes
  are filled from members whose codes agree.
* **event type**: the type most members give, ``unknown`` only if no member
  knows; a tie goes to the more specific type (``barrel_bomb`` over
  ``airstrike``).
* **weapons, targets, report ids, claims**: the union, in report order.
* **perpetrators**: every actor named. An actor who admits keeps
  ``admitted``. When sources blame different parties (see
  :func:`blame_conflict`) every blamed actor becomes ``contested``. Otherwise
  the strongest attribution wins (``stated`` > ``alleged`` > ``denied``), so a
  belligerent's denial is kept as a claim but does not erase others' blame.
* **counts** (each field of ``victims``): ``low`` is the smallest lower bound
  any member gives; ``high`` is the largest upper bound, and ``null`` when any
  member leaves its count open ("at least 15") because then no source bounds
  it. ``best`` follows UCDP GED practice of a single most-likely figure: take
  each independent source's most recent figure (tolls rise as bodies are
  found; a publisher's later report supersedes its earlier one; a syndicated
  copy is its original), then the median of those (the lower middle value for
  an even number), kept within ``[low, high]``. Example: 12, 14 and "at least
  15" from three sources give ``best=14, low=12, high=null``.
"""

from __future__ import annotations

import json
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from datetime import date

from harmwatch.link.provenance import (
    Provenance,
    _root,
    is_belligerent_statement,
    member_report_id,
    member_source,
)
from harmwatch.models import (
    REPORT_DATE_USED,
    Claim,
    DateSpan,
    Incident,
    Perpetrator,
    Place,
    Range,
    Target,
    Victims,
    to_jsonable,
)

DATE_SPREAD_DAYS = 2
PLACE_RANK = {
    "point": 0, "neighbourhood": 1, "town": 2, "admin3": 3, "admin2": 4, "admin1": 5,
    "country": 6, "unknown": 7,
}  # fmt: skip
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
# More specific first: used to break ties between equally supported event types.
EVENT_SPECIFICITY = (
    "chemical", "barrel_bomb", "missile", "airstrike", "shelling", "explosion", "execution",
    "shooting", "clash", "other", "unknown",
)  # fmt: skip
# Families of event types that reports of one event plausibly mix up. Types in
# different families ("shooting" vs "airstrike") are a serious contradiction.
EVENT_FAMILY = {
    "airstrike": "bombardment", "shelling": "bombardment", "missile": "bombardment",
    "barrel_bomb": "bombardment", "chemical": "bombardment",
    "shooting": "ground", "execution": "ground", "clash": "ground",
}  # fmt: skip
ATTRIBUTION_STRENGTH = {"admitted": 5, "contested": 4, "stated": 3, "alleged": 2, "denied": 1, "unknown": 0}
ADMITTING = frozenset({"admission", "responsibility"})
ACTOR_FIELDS = frozenset({"perpetrator", "perpetrators", "actor"})
BLAMING = frozenset({"stated", "alleged", "contested", "admitted"})


def merge(
    members: Sequence[Incident], *, incident_id: str = "", provenance: Provenance | None = None
) -> Incident:
    """One incident from the per-report records of one event.

    Args:
        members: the records as extracted from each report (one report id each).
        incident_id: the id to give the merged incident.
        provenance: publishers, dates and syndicated copies of the reports;
            optional, see :mod:`harmwatch.link.provenance`.

    Returns:
        A new :class:`Incident` (grade left at its default; see
        :func:`harmwatch.link.grade.grade`).
    """
    if not members:
        raise ValueError("merge needs at least one member")
    ordered = _chronological(members, provenance)
    voters = _voters(ordered, provenance)
    review: list[str] = []
    for m in ordered:
        for reason in m.review:
            if reason not in review:
                review.append(reason)
    for reason in contradictions(ordered, provenance):
        if reason not in review:
            review.append(reason)
    if any(REPORT_DATE_USED not in m.review and _day(m.date) is not None for m in ordered):
        review = [r for r in review if r != REPORT_DATE_USED]  # some source states the date
    return Incident(
        id=incident_id,
        date=_merge_date(ordered, voters),
        place=_merge_place(ordered),
        event_type=_merge_event_type(voters or ordered),
        weapons=_union_strings(w for m in ordered for w in m.weapons),
        perpetrators=_merge_perpetrators(ordered, provenance),
        victims=_merge_victims(ordered, provenance),
        targets=_merge_targets(ordered),
        claims=_merge_claims(ordered),
        grade="weak",
        report_ids=_unique(r for m in ordered for r in (m.report_ids or [member_report_id(m)])),
        review=review,
        summary=next((m.summary for m in ordered if m.summary), None),
    )


# --- conflicts shared with grading ----------------------------------------------------


def blame_sets(members: Sequence[Incident], provenance: Provenance | None = None) -> dict[str, set[str]]:
    """The actors each source blames (stated, alleged, contested or admitted), by source."""
    out: dict[str, set[str]] = {}
    for m in members:
        blamed = {p.actor for p in m.perpetrators if p.attribution in BLAMING and p.actor != "unknown"}
        if blamed:
            out.setdefault(member_source(m, provenance), set()).update(blamed)
    return out


def blame_conflict(members: Sequence[Incident], provenance: Provenance | None = None) -> bool:
    """True when two sources blame disjoint sets of parties.

    One report that says "Syrian or Russian jets" is not a conflict, nor are two
    sources that both name Russia while one adds the Syrian government. A
    source that blames only the opposition while another blames only the
    government is. A denial that accuses someone else counts as blame.
    """
    sets = [s for s in blame_sets(members, provenance).values() if s]
    return any(a.isdisjoint(b) for i, a in enumerate(sets) for b in sets[i + 1 :])


def contradictions(members: Sequence[Incident], provenance: Provenance | None = None) -> list[str]:
    """Serious contradictions between independent sources, as human-readable reasons.

    Serious means: day-precise dates more than :data:`DATE_SPREAD_DAYS` apart,
    death tolls that cannot describe the same count (the largest lower bound
    above three times the smallest upper bound plus five), or event types of
    different families (a shooting vs an airstrike). Ordinary disagreement (12
    vs 14 killed, a date a day late) is not serious.
    """
    voters = _voters(list(members), provenance)
    reasons: list[str] = []
    days = sorted({d for m in voters if (d := _day(m.date)) is not None})
    if len(days) >= 2 and (days[-1] - days[0]).days > DATE_SPREAD_DAYS:
        reasons.append(f"sources disagree on the date: {days[0].isoformat()} to {days[-1].isoformat()}")
    lowers: list[int] = []
    uppers: list[int] = []
    for m in voters:
        r = m.victims.killed
        if r is None or r.is_empty():
            continue
        lo = r.low if r.low is not None else r.best
        hi = r.high if r.high is not None else (r.best if r.low is None else None)
        if lo is not None:
            lowers.append(lo)
        if hi is not None:
            uppers.append(hi)
    if lowers and uppers and max(lowers) > 3 * min(uppers) + 5:
        reasons.append(f"sources disagree on the death toll: {min(uppers)} vs at least {max(lowers)}")
    families = {EVENT_FAMILY[m.event_type] for m in voters if m.event_type in EVENT_FAMILY}
    if len(families) > 1:
        types = sorted({m.event_type for m in voters if m.event_type in EVENT_FAMILY})
        reasons.append(f"sources disagree on what happened: {', '.join(types)}")
    return reasons


# --- helpers -------------------------------------------------------------------------


def _chronological(members: Sequence[Incident], provenance: Provenance | None) -> list[Incident]:
    published = provenance.published if provenance else {}
    indexed = list(enumerate(members))
    indexed.sort(key=lambda im: (published.get(member_report_id(im[1])) or "9999", im[0]))
    return [m for _, m in indexed]


def _voters(members: list[Incident], provenance: Provenance | None) -> list[Incident]:
    """Members whose values count as votes: one per wire story, and no belligerent's own statement."""
    copy_of = provenance.copy_of if provenance else {}
    present = {member_report_id(m) for m in members}
    roots: set[str] = set()
    out: list[Incident] = []
    for m in members:
        if is_belligerent_statement(m):
            continue
        rid = member_report_id(m)
        root = _root(rid, copy_of)
        if (root != rid and root in present) or root in roots:
            continue  # a copy: its original (or an earlier copy) already votes
        roots.add(root)
        out.append(m)
    return out


def _day(d: DateSpan) -> date | None:
    if d.precision != "day" or not d.start:
        return None
    return _parse_date(d.start)


def _parse_date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _merge_date(members: list[Incident], voters: list[Incident]) -> DateSpan:
    pool = voters or members
    # A report that states no event date stands in its own day; a date read from the text wins.
    stated = [m for m in pool if REPORT_DATE_USED not in m.review and _day(m.date) is not None]
    pool = stated or pool
    days = [d for m in pool if (d := _day(m.date)) is not None]
    if not days:
        days = [d for m in members if (d := _day(m.date)) is not None]
    if days:
        counts = Counter(days)
        top = max(counts.values())
        best = min(d for d, c in counts.items() if c == top)
        return DateSpan(best.isoformat(), best.isoformat(), "day")
    dated = [m for m in members if m.date.start]
    if not dated:
        return DateSpan()

    def width(m: Incident) -> tuple[int, int, str]:
        start = _parse_date(m.date.start)
        end = _parse_date(m.date.end) or start
        span = (end - start).days if start and end else 10**6
        return (DATE_RANK.get(m.date.precision, 4), span, m.date.start or "")

    chosen = min(dated, key=width)
    return DateSpan(chosen.date.start, chosen.date.end, chosen.date.precision)


def _norm_name(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _merge_place(members: list[Incident]) -> Place:
    placed = [m.place for m in members if _has_place(m.place)]
    if not placed:
        return Place()
    names = Counter(_norm_name(p.name) for p in placed if p.name)
    best = min(
        enumerate(placed),
        key=lambda ip: (PLACE_RANK.get(ip[1].precision, 7), -names.get(_norm_name(ip[1].name), 0), ip[0]),
    )[1]
    merged = replace(best, span=None)
    for p in placed:
        merged = _fill_admin(merged, p)
    return merged


def _has_place(p: Place) -> bool:
    return bool(p.name or p.admin1_pcode or p.admin2_pcode or p.admin3_pcode or p.lat is not None)


def _fill_admin(target: Place, other: Place) -> Place:
    """Fill target's missing admin levels from ``other`` when their known codes agree."""
    for level in ("admin1", "admin2", "admin3"):
        mine = getattr(target, f"{level}_pcode")
        theirs = getattr(other, f"{level}_pcode")
        if mine and theirs and mine != theirs:
            return target  # a conflict at this level: trust nothing finer from `other`
        if not mine and theirs:
            target = replace(target, **{f"{level}_pcode": theirs, level: getattr(other, level)})
        elif mine and not getattr(target, level) and getattr(other, level) and mine == theirs:
            target = replace(target, **{level: getattr(other, level)})
    if not target.country and other.country:
        target = replace(target, country=other.country)
    return target


def _merge_event_type(members: Sequence[Incident]) -> str:
    known = [m.event_type for m in members if m.event_type not in ("unknown", "")]
    if not known:
        return "unknown"
    specific = [t for t in known if t != "other"] or known
    counts = Counter(specific)
    top = max(counts.values())
    tied = [t for t, c in counts.items() if c == top]
    order = {t: i for i, t in enumerate(EVENT_SPECIFICITY)}
    return min(tied, key=lambda t: order.get(t, len(order)))


def _merge_perpetrators(members: list[Incident], provenance: Provenance | None) -> list[Perpetrator]:
    by_actor: dict[str, list[str]] = {}
    for m in members:
        for p in m.perpetrators:
            by_actor.setdefault(p.actor, []).append(p.attribution or "unknown")
    admitted = _admitting_actors(members)
    for actor in admitted:
        by_actor.setdefault(actor, []).append("admitted")
    if len(by_actor) > 1:
        by_actor.pop("unknown", None)
    conflict = blame_conflict(members, provenance)
    out: list[Perpetrator] = []
    for actor, attributions in by_actor.items():
        if "admitted" in attributions:
            attribution = "admitted"
        elif conflict and any(a in BLAMING for a in attributions):
            attribution = "contested"
        else:
            attribution = max(attributions, key=lambda a: ATTRIBUTION_STRENGTH.get(a, 0))
        out.append(Perpetrator(actor=actor, attribution=attribution))
    return out


def _admitting_actors(members: Iterable[Incident]) -> list[str]:
    """Actors named by admission or responsibility claims (field ``perpetrator``/``actor``)."""
    actors: list[str] = []
    for m in members:
        for c in m.claims:
            if c.kind in ("admission", "responsibility") and c.field in (
                "perpetrator",
                "actor",
                "perpetrators",
            ):
                value = c.value.get("actor") if isinstance(c.value, dict) else c.value
                if isinstance(value, str) and value and value not in actors:
                    actors.append(value)
    return actors


def _merge_victims(members: list[Incident], provenance: Provenance | None) -> Victims:
    voters = _voters(members, provenance) or members
    merged = Victims()
    for f in fields(Victims):
        ranges = [
            (m, r) for m in members if (r := getattr(m.victims, f.name)) is not None and not r.is_empty()
        ]
        if not ranges:
            continue
        lows = [lo for _, r in ranges if (lo := r.low if r.low is not None else r.best) is not None]
        open_ended = any(r.high is None and (r.low is not None or r.best is not None) for _, r in ranges)
        highs = [hi for _, r in ranges if (hi := r.high if r.high is not None else r.best) is not None]
        low = min(lows) if lows else None
        high = None if open_ended or not highs else max(highs)
        # one figure per independent source: its latest report's best
        latest: dict[str, int] = {}
        voting = {id(v) for v in voters}
        for m, r in ranges:
            if id(m) in voting and r.best is not None:
                latest[member_source(m, provenance)] = r.best
        if not latest:
            latest = {str(i): r.best for i, (_, r) in enumerate(ranges) if r.best is not None}
        best = statistics.median_low(latest.values()) if latest else None
        if best is not None:
            if low is not None and best < low:
                best = low
            if high is not None and best > high:
                best = high
        setattr(merged, f.name, Range(best, low, high))
    return merged


def _merge_targets(members: list[Incident]) -> list[Target]:
    out: list[Target] = []
    for m in members:
        for t in m.targets:
            key = _norm_name(t.name)
            same = next((o for o in out if o.kind == t.kind and _norm_name(o.name) == key), None)
            if same is not None:
                if same.facility_id is None and t.facility_id:
                    same.facility_id = t.facility_id
                continue
            unnamed = next((o for o in out if o.kind == t.kind and not o.name), None)
            if unnamed is not None and t.name:
                out[out.index(unnamed)] = replace(t, span=None)
                continue
            if not t.name and any(o.kind == t.kind for o in out):
                continue
            out.append(replace(t, span=None))
    return out


def _merge_claims(members: list[Incident]) -> list[Claim]:
    out: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    for m in members:
        for c in m.claims:
            key = (c.report_id, c.kind, c.field, json.dumps(to_jsonable(c.value), sort_keys=True), c.quote)
            if key not in seen:
                seen.add(key)
                out.append(c)
    return out


def _union_strings(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for v in values:
        key = " ".join(v.casefold().split())
        if key and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
