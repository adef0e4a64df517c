"""Attack patterns: repeated attacks on one facility, and attacks by perpetrator, weapon and month.

The counts are there for a user to judge whether health care was targeted;
they judge nothing themselves. An *attack* is a facility event tied to an
incident, or one that reports the facility damaged or destroyed (or names a
perpetrator). Two reports of the same incident on the same facility count once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from harmwatch.facilities.timeline import date_key

__all__ = ["Attack", "attack_patterns", "attacks_from_store", "patterns"]


@dataclass
class Attack:
    """One attack on one facility, as the patterns count it."""

    date: str | None
    facility_id: str | None = None
    facility: str | None = None
    town: str | None = None
    admin1: str | None = None
    perpetrators: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    event_type: str | None = None
    incident_id: str | None = None
    report_ids: list[str] = field(default_factory=list)
    status: str | None = None
    facilities_destroyed: int = 0
    facilities_damaged: int = 0


def _is_attack(ev: Any) -> bool:
    """A mention that tells of an attack: damage, a doer, or a tie to an incident that is not
    the facility working (the hospital where the wounded were treated was not attacked)."""
    if ev.status == "functioning" and not ev.perpetrators:
        return False
    return ev.incident_index is not None or ev.status in {"damaged", "destroyed"} or bool(ev.perpetrators)


def attacks_from_store(store: Any) -> list[Attack]:
    """The attacks on stored facilities, one per (facility, incident) or (facility, day)."""
    facilities = {f.id: f for f in store.list_facilities()}
    links: dict[str, dict[int, tuple[str | None, Any]]] = {}
    merged: dict[str, Any] = {}
    attacks: dict[tuple[str, str], Attack] = {}
    rows = store.facility_events()
    # A report that ties one mention of a facility to an incident ties its undated mentions too
    # ("Al Rahma medical point was struck ..." and "the medical point had been receiving ...").
    sibling: dict[tuple[str, str], int] = {}
    for report_id, _idx, fid, ev in rows:
        if fid is not None and ev.incident_index is not None:
            sibling.setdefault((report_id, fid), ev.incident_index)
    for report_id, _idx, fid, ev in rows:
        if fid is None or fid not in facilities or not _is_attack(ev):
            continue
        f = facilities[fid]
        inc_id: str | None = None
        inc: Any = None
        index = ev.incident_index
        if index is None and not ev.date:  # a dated mention tells of its own day
            index = sibling.get((report_id, fid))
        if index is not None:
            if report_id not in links:
                links[report_id] = {
                    i: (iid, x) for _r, i, iid, x in store.report_incidents(report_id=report_id)
                }
            inc_id, inc = links[report_id].get(index, (None, None))
            if inc_id:
                if inc_id not in merged:
                    try:
                        merged[inc_id] = store.get_incident(inc_id)
                    except Exception:  # linked but not saved yet: use the report's own version
                        merged[inc_id] = inc
                inc = merged[inc_id] or inc
        date = ev.date
        if inc_id and inc is not None and inc.date.start:
            own, merged_day = _day(ev.date), _day(inc.date.start)
            if own is None or merged_day is None or abs((own - merged_day).days) <= FOLLOWUP_DAYS:
                date = inc.date.start  # the incident's date, as its sources settle it
            else:
                inc_id, inc = None, None  # the mention tells of another day than its incident's
        key = (fid, f"incident {inc_id}" if inc_id else date_key(date) or f"report {report_id}")
        a = attacks.get(key)
        if a is None:
            a = attacks[key] = Attack(
                date=date,
                facility_id=fid,
                facility=f.name,
                town=f.place.name,
                admin1=f.place.admin1,
                incident_id=inc_id,
            )
        if report_id not in a.report_ids:
            a.report_ids.append(report_id)
        for p in list(ev.perpetrators) + (list(inc.perpetrators) if inc is not None else []):
            if p.actor not in a.perpetrators:
                a.perpetrators.append(p.actor)
        if inc is not None:
            for w in inc.weapons:
                if w not in a.weapons:
                    a.weapons.append(w)
            if inc.event_type and inc.event_type != "unknown":
                a.event_type = a.event_type or inc.event_type
        if ev.status in {"destroyed", "out_of_service", "damaged", "evacuated"}:
            a.status = ev.status
    folded = _fold_same_day(_fold_followups(list(attacks.values())))
    return sorted(folded, key=lambda x: (date_key(x.date), x.facility or ""))


#: A mention tied to no incident this many days after an attack on the same facility is news of it.
FOLLOWUP_DAYS = 3


def _fold_followups(attacks: list[Attack]) -> list[Attack]:
    """Fold mentions tied to no incident into the attack on that facility they follow.

    "Al-Quds hospital destroyed in air strike", a headline the day after the
    strike, is a report of that strike, not a second attack; undated, it joins the
    attack its own report ties the facility to elsewhere; dated, the latest
    incident-tied attack on the same facility at most :data:`FOLLOWUP_DAYS` days
    before it. A mention with no such attack stays an attack of its own.
    """
    tied = [a for a in attacks if a.incident_id]
    kept = list(tied)
    for a in attacks:
        if a.incident_id:
            continue
        day = _day(a.date)
        same = [t for t in tied if t.facility_id == a.facility_id]
        # the same report ties another mention of the facility to an attack: it is that one
        before = [t for t in same if day is None and set(t.report_ids) & set(a.report_ids)] or [
            t
            for t in same
            if day is not None and (d := _day(t.date)) is not None and 0 <= (day - d).days <= FOLLOWUP_DAYS
        ]
        if not before:
            kept.append(a)
            continue
        _absorb(max(before, key=lambda t: date_key(t.date)), a)
    return kept


def _fold_same_day(attacks: list[Attack]) -> list[Attack]:
    """One facility hit on one day is one attack, even where linking left two incidents."""
    by_day: dict[tuple[str | None, str], Attack] = {}
    kept: list[Attack] = []
    for a in sorted(attacks, key=lambda x: x.incident_id is None):
        day = date_key(a.date)
        first = by_day.get((a.facility_id, day)) if len(day) == 10 else None
        if first is None:
            if len(day) == 10:
                by_day[(a.facility_id, day)] = a
            kept.append(a)
            continue
        _absorb(first, a)
    return kept


def _absorb(target: Attack, other: Attack) -> None:
    target.report_ids.extend(r for r in other.report_ids if r not in target.report_ids)
    target.perpetrators.extend(p for p in other.perpetrators if p not in target.perpetrators)
    target.weapons.extend(w for w in other.weapons if w not in target.weapons)
    target.incident_id = target.incident_id or other.incident_id
    target.event_type = target.event_type or other.event_type
    target.status = target.status or other.status


def _day(value: str | None) -> dt.date | None:
    key = date_key(value)
    try:
        return dt.date.fromisoformat(key) if len(key) == 10 else None
    except ValueError:
        return None


def attack_patterns(attacks: list[Attack]) -> dict[str, Any]:
    """Counts by month, year, perpetrator, weapon and event type, and facilities hit repeatedly."""
    by_month: Counter[str] = Counter()
    by_year: Counter[str] = Counter()
    by_perp: Counter[str] = Counter()
    by_combo: Counter[str] = Counter()
    by_weapon: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    per_facility: dict[str, list[Attack]] = {}
    destroyed = damaged = 0
    for a in attacks:
        month = date_key(a.date)[:7] or "unknown"
        by_month[month] += 1
        by_year[month[:4] if month != "unknown" else "unknown"] += 1
        perps = sorted(set(a.perpetrators)) or ["unknown"]
        for p in perps:
            by_perp[p] += 1
        by_combo[" or ".join(perps)] += 1
        for w in sorted(set(a.weapons)) or ["unknown"]:
            by_weapon[w] += 1
        by_type[a.event_type or "unknown"] += 1
        destroyed += a.facilities_destroyed
        damaged += a.facilities_damaged
        if a.facility_id:
            per_facility.setdefault(a.facility_id, []).append(a)
    repeated: list[dict[str, Any]] = [
        {
            "facility_id": fid,
            "name": hits[0].facility,
            "town": hits[0].town,
            "attacks": len(hits),
            "dates": [h.date for h in hits],
            "perpetrators": sorted({p for h in hits for p in h.perpetrators}),
            "incident_ids": [h.incident_id for h in hits if h.incident_id],
        }
        for fid, hits in per_facility.items()
        if len(hits) > 1
    ]
    repeated.sort(key=lambda r: (-len(r["dates"]), str(r["name"] or "")))
    return {
        "attacks": len(attacks),
        "facilities_attacked": len(per_facility),
        "repeated": repeated,
        "by_month": dict(sorted(by_month.items())),
        "by_year": dict(sorted(by_year.items())),
        "by_perpetrator": dict(by_perp.most_common()),
        "by_perpetrator_combination": dict(by_combo.most_common()),
        "by_weapon": dict(by_weapon.most_common()),
        "by_event_type": dict(by_type.most_common()),
        "facilities_destroyed": destroyed,
        "facilities_damaged": damaged,
    }


def patterns(store: Any) -> dict[str, Any]:
    """Attack patterns over every facility in the store (``harmwatch facilities --patterns``)."""
    attacks = attacks_from_store(store)
    out = attack_patterns(attacks)
    out["attack_list"] = [
        {
            "date": a.date,
            "facility_id": a.facility_id,
            "facility": a.facility,
            "town": a.town,
            "perpetrators": a.perpetrators,
            "weapons": a.weapons,
            "event_type": a.event_type,
            "incident_id": a.incident_id,
            "report_ids": a.report_ids,
            "status": a.status,
        }
        for a in attacks
    ]
    return out
