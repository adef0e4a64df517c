"""Compare a day's bulletins with the incidents on record for that day.

A monitoring group says "22 killed in Rural Damascus"; the record holds three
incidents there with 9 deaths between them. Either the record is missing
events (the bulletin's notes often say which: "most of them in the shelling of
Douma"), or the group counted what the record does not have yet. The other
way round, a record above the bulletin often means one event entered twice
under two reports; pairs of incidents on the same day, in the same place, of
the same kind and with similar tolls are listed as possible double counts.

Incidents that rest only on bulletin reports are left out (a bulletin is not
reconciled against itself), and incidents whose date spans several days are
listed apart instead of being counted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from harmwatch.bulletins.areas import area_pcodes, normalise, resolve_governorate
from harmwatch.bulletins.record import (
    DayRecord,
    day_record,
    figures,
    governorate_name,
    incident_brief,
    safe,
    value,
)
from harmwatch.models import Bulletin, Incident
from harmwatch.store import Store

ROLES = ("killed", "children", "women")


@dataclass
class AreaReconciliation:
    """One governorate: what the bulletin says, what the record holds, and the gap."""

    area: str
    admin1_pcode: str | None
    bulletin: dict[str, int | None]
    record: dict[str, int]
    difference: dict[str, int | None]  # record minus bulletin
    incidents: list[dict[str, Any]] = field(default_factory=list)
    possible_duplicates: list[dict[str, Any]] = field(default_factory=list)
    no_figure: list[str] = field(default_factory=list)  # incidents with no death toll
    notes: str | None = None
    findings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "admin1_pcode": self.admin1_pcode,
            "bulletin": self.bulletin,
            "record": self.record,
            "difference": self.difference,
            "incidents": self.incidents,
            "possible_duplicates": self.possible_duplicates,
            "no_figure": self.no_figure,
            "notes": self.notes,
            "findings": self.findings,
        }


@dataclass
class BulletinReconciliation:
    bulletin_id: str
    source: str | None
    report_id: str | None
    national: AreaReconciliation | None
    areas: list[AreaReconciliation] = field(default_factory=list)
    record_only: list[AreaReconciliation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "bulletin_id": self.bulletin_id,
            "source": self.source,
            "report_id": self.report_id,
            "national": self.national.to_dict() if self.national else None,
            "areas": [a.to_dict() for a in self.areas],
            "record_only": [a.to_dict() for a in self.record_only],
        }


@dataclass
class Reconciliation:
    """Every stored bulletin of one day set against the incident record."""

    date: str
    area: str | None = None
    bulletins: list[BulletinReconciliation] = field(default_factory=list)
    uncertain_day: list[dict[str, Any]] = field(default_factory=list)
    excluded_bulletin_only: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "area": self.area,
            "bulletins": [b.to_dict() for b in self.bulletins],
            "uncertain_day": self.uncertain_day,
            "excluded_bulletin_only": self.excluded_bulletin_only,
            "findings": self.findings,
        }

    def to_text(self) -> str:
        out = [f"Reconciliation for {self.date}" + (f" ({safe(self.area)})" if self.area else "")]
        out.extend(f"  {safe(f, 400)}" for f in self.findings)
        for br in self.bulletins:
            out.append("")
            out.append(
                f"{safe(br.source or 'unknown group')} bulletin {br.bulletin_id}"
                + (f" (report {br.report_id})" if br.report_id else "")
            )
            for a in [*([br.national] if br.national else []), *br.areas, *br.record_only]:
                out.append(f"  {_line(a)}")
                out.extend(f"      {safe(f, 400)}" for f in a.findings)
                for inc in a.incidents:
                    out.append(f"      - {_incident_line(inc)}")
        if self.uncertain_day:
            out.append("")
            out.append("Not counted (date spans several days):")
            out.extend(f"  - {_incident_line(i)}" for i in self.uncertain_day)
        if self.excluded_bulletin_only:
            out.append("")
            out.append("Left out (rest only on bulletins): " + ", ".join(self.excluded_bulletin_only))
        return "\n".join(out) + "\n"


def _fmt(v: int | None) -> str:
    return "-" if v is None else str(v)


def _line(a: AreaReconciliation) -> str:
    b, r, d = a.bulletin, a.record, a.difference
    parts = []
    for role in ROLES:
        diff = d.get(role)
        parts.append(f"{role} {_fmt(b.get(role))} vs {r[role]}" + (f" ({diff:+d})" if diff else ""))
    where = safe(a.area) + (f" ({a.admin1_pcode})" if a.admin1_pcode else "")
    return f"{where}: bulletin vs record: " + "; ".join(parts)


def _incident_line(inc: dict[str, Any]) -> str:
    who = ",".join(inc.get("perpetrators") or []) or "perpetrator unknown"
    return (
        f"{inc['id']} {inc.get('date')} {safe(inc.get('place') or '?', 60)}: {inc.get('event_type')}, "
        f"{_fmt(inc.get('killed'))} killed ({_fmt(inc.get('children'))} children, "
        f"{_fmt(inc.get('women'))} women), {who}, grade {inc.get('grade')}, "
        f"reports {', '.join(inc.get('report_ids') or [])}"
    )


def reconcile(store: Store, date: str, *, area: str | None = None) -> Reconciliation:
    """Set each bulletin stored for ``date`` against the incidents on record that day.

    ``area`` (any spelling of a governorate) limits the comparison to it.
    """
    rec = day_record(store, date)
    result = Reconciliation(rec.date, area)
    only: tuple[str, ...] | None = None
    if area:
        hit = resolve_governorate(area)
        if hit is None:
            from harmwatch.errors import BadQuery

            raise BadQuery(f"{area!r} is not a governorate harmwatch knows")
        only = (hit[1],)
        result.area = hit[0]
    result.excluded_bulletin_only = [i.id for i in rec.bulletin_only]
    result.uncertain_day = [
        incident_brief(i) for i in rec.uncertain_day if only is None or i.place.admin1_pcode in only
    ]
    bulletins = store.list_bulletins(date=rec.date)
    if not bulletins:
        result.findings.append(f"no bulletin is stored for {rec.date}; nothing to reconcile")
    for b in bulletins:
        result.bulletins.append(_reconcile_one(b, rec, only))
    return result


def _reconcile_one(b: Bulletin, rec: DayRecord, only: tuple[str, ...] | None) -> BulletinReconciliation:
    incidents = rec.counted
    national = None
    if only is None:
        totals = {r: value(getattr(b.totals, r)) for r in ROLES}
        national = _compare("Syria (all governorates)", None, totals, incidents, None, list_incidents=False)
    br = BulletinReconciliation(b.id, b.source, b.report_id, national)
    seen: set[str] = set()
    for line in b.by_area:
        pcodes = area_pcodes(line.area, line.admin1_pcode)
        if only is not None and not set(pcodes) & set(only):
            continue
        seen.update(pcodes)
        if not pcodes:
            a = AreaReconciliation(
                line.area,
                None,
                _counts(line),
                {r: 0 for r in ROLES},
                {r: None for r in ROLES},
                notes=line.notes,
            )
            a.findings.append(f"cannot compare: {line.area!r} is not a known governorate")
            br.areas.append(a)
            continue
        a = _compare(
            line.area,
            line.admin1_pcode,
            _counts(line),
            [i for i in incidents if i.place.admin1_pcode in pcodes],
            line.notes,
        )
        _note_uncertain(a, [i for i in rec.uncertain_day if i.place.admin1_pcode in pcodes])
        br.areas.append(a)
    if b.by_area:
        rest: dict[str | None, list[Incident]] = {}
        for inc in incidents:
            p = inc.place.admin1_pcode
            if p in seen or (only is not None and p not in only):
                continue
            rest.setdefault(p, []).append(inc)
        for p, incs in sorted(rest.items(), key=lambda kv: kv[0] or "~"):
            a = _compare(governorate_name(p), p, {r: None for r in ROLES}, incs, None)
            a.findings.insert(0, "the bulletin has no line for this governorate")
            br.record_only.append(a)
    return br


def _note_uncertain(a: AreaReconciliation, uncertain: list[Incident]) -> None:
    """Incidents dated over several days may hold some of the deaths the record lacks."""
    if not uncertain or (a.difference.get("killed") or 0) >= 0:
        return
    n = sum(figures(i)["killed"] or 0 for i in uncertain)
    ids = ", ".join(i.id for i in uncertain)
    a.findings.append(f"{n} death(s) in incidents with a date spanning several days may belong here: {ids}")


def _counts(line: Any) -> dict[str, int | None]:
    return {r: value(getattr(line, r)) for r in ROLES}


def _compare(
    area: str,
    pcode: str | None,
    bulletin: dict[str, int | None],
    incidents: list[Incident],
    notes: str | None,
    *,
    list_incidents: bool = True,
) -> AreaReconciliation:
    record = {r: 0 for r in ROLES}
    given = {r: 0 for r in ROLES}  # how many incidents state the figure at all
    no_figure: list[str] = []
    for inc in incidents:
        f = figures(inc)
        if f["killed"] is None:
            no_figure.append(inc.id)
        for r in ROLES:
            record[r] += f[r] or 0
            given[r] += f[r] is not None
    diff: dict[str, int | None] = {}
    for r in ROLES:
        stated = bulletin[r]
        diff[r] = None if stated is None else record[r] - stated
    a = AreaReconciliation(area, pcode, bulletin, record, diff, no_figure=no_figure, notes=notes)
    if list_incidents:
        a.incidents = [incident_brief(i) for i in incidents]
        a.possible_duplicates = possible_duplicates(incidents)
    n = len(incidents)
    stated_killed = bulletin["killed"]
    if stated_killed is not None:
        d = diff["killed"] or 0
        if n == 0 and stated_killed > 0:
            a.findings.append(
                f"the record holds no incident here; it is missing all {_deaths(stated_killed)}"
                + (f" (the bulletin says: {safe(notes, 200)})" if notes else "")
            )
        elif d < 0:
            a.findings.append(
                f"the record is missing {-d} of the bulletin's {_deaths(stated_killed)}"
                + (f" (the bulletin says: {safe(notes, 200)})" if notes else "")
            )
        elif d > 0:
            a.findings.append(
                f"the record has {_deaths(d, 'more ')} than the bulletin"
                + ("; see the possible double counts" if a.possible_duplicates else "")
            )
        else:
            a.findings.append(f"killed agree ({stated_killed}) across {n} incident(s)")
    for r in ("children", "women"):
        stated, gap = bulletin[r], diff[r]
        if stated is not None and gap and n and not given[r]:
            a.findings.append(
                f"{r}: no incident on record here says how many were {r}; the bulletin says {stated}"
            )
        elif stated is not None and gap:
            a.findings.append(
                f"{r}: the record {'lacks' if gap < 0 else 'has'} {abs(gap)} "
                f"{'of the' if gap < 0 else 'more than the'} bulletin's {stated}"
            )
    for dup in a.possible_duplicates:
        a.findings.append(
            f"possible double count: {dup['incidents'][0]} and {dup['incidents'][1]} ({dup['reason']})"
        )
    if no_figure:
        a.findings.append(f"{len(no_figure)} incident(s) give no death toll: {', '.join(no_figure)}")
    return a


def _deaths(n: int, more: str = "") -> str:
    return f"{n} {more}death{'s' if n != 1 else ''}"


def possible_duplicates(incidents: list[Incident]) -> list[dict[str, Any]]:
    """Pairs of incidents that may be one event entered twice."""
    out: list[dict[str, Any]] = []
    names = {i.id: normalise(i.place.name) if i.place.name else "" for i in incidents}
    for i, a in enumerate(incidents):
        for b in incidents[i + 1 :]:
            reason = _same_event(a, b, names)
            if reason:
                out.append({"incidents": [a.id, b.id], "reason": reason})
    return out


def _same_event(a: Incident, b: Incident, names: dict[str, str]) -> str | None:
    if a.place.admin1_pcode != b.place.admin1_pcode:
        return None
    same_place = False
    why_place = ""
    if names.get(a.id) and names.get(a.id) == names.get(b.id):
        same_place, why_place = True, f"both in {safe(a.place.name, 40)}"
    elif a.place.admin3_pcode and a.place.admin3_pcode == b.place.admin3_pcode:
        same_place, why_place = True, f"same sub-district {a.place.admin3_pcode}"
    elif None not in (a.place.lat, a.place.lon, b.place.lat, b.place.lon):
        km = _km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)  # type: ignore[arg-type]
        if km <= 3.0:
            same_place, why_place = True, f"{km:.1f} km apart"
    if not same_place:
        return None
    ea, eb = a.event_type, b.event_type
    if ea != eb and "unknown" not in (ea, eb) and "other" not in (ea, eb):
        return None
    ka, kb = figures(a)["killed"], figures(b)["killed"]
    if ka is not None and kb is not None and abs(ka - kb) > max(1, round(0.25 * max(ka, kb))):
        return None
    kind = ea if ea == eb else f"{ea}/{eb}"
    toll = f"{ka} and {kb} killed" if ka is not None and kb is not None else "toll missing on one"
    return f"same day, {why_place}, {kind}, {toll}"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
