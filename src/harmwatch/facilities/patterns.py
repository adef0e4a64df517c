"""Attack patterns: repeated attacks on one facility, and attacks by perpetrator, weapon and month.

The counts are there for a user to judge whether health care was targeted;
they judge nothing themselves. An *attack* is a facility event tied to an
incident, or one that reports the facility damaged or destroyed (or names a
perpetrator). Two reports of the same incident on the same facility count once.
"""

from __future__ import annotations

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
    return (ev.incident_index is not None or ev.status in {"damaged", "destroyed"}
            or bool(ev.perpetrators))


def attacks_from_store(store: Any) -> list[Attack]:
    """The attacks on stored facilities, one per (facility, incident) or (facility, day)."""
    facilities = {f.id: f for f in store.list_facilities()}
    links: dict[str, dict[int, tuple[str | None, Any]]] = {}
    merged: dict[str, Any] = {}
    attacks: dict[tuple[str, str], Attack] = {}
    for report_id, _idx, fid, ev in store.facility_events():
        if fid is None or fid not in facilities or not _is_attack(ev):
            continue
        f = facilities[fid]
        inc_id: str | None = None
        inc: Any = None
        if ev.incident_index is not None:
            if report_id not in links:
                links[report_id] = {i: (iid, x) for _r, i, iid, x in
                                    store.report_incidents(report_id=report_id)}
            inc_id, inc = links[report_id].get(ev.incident_index, (None, None))
            if inc_id:
                if inc_id not in merged:
                    try:
                        merged[inc_id] = store.get_incident(inc_id)
                    except Exception:  # linked but not saved yet: use the report's own version
                        merged[inc_id] = inc
                inc = merged[inc_id] or inc
        date = ev.date or (inc.date.start if inc is not None and inc.date.start else None)
        key = (fid, inc_id or date_key(date) or f"{report_id}")
        a = attacks.get(key)
        if a is None:
            a = attacks[key] = Attack(date=date, facility_id=fid, facility=f.name, town=f.place.name,
                                      admin1=f.place.admin1, incident_id=inc_id)
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
    return sorted(attacks.values(), key=lambda x: (date_key(x.date), x.facility or ""))


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
        {"facility_id": fid, "name": hits[0].facility, "town": hits[0].town, "attacks": len(hits),
         "dates": [h.date for h in hits],
         "perpetrators": sorted({p for h in hits for p in h.perpetrators}),
         "incident_ids": [h.incident_id for h in hits if h.incident_id]}
        for fid, hits in per_facility.items() if len(hits) > 1
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
        {"date": a.date, "facility_id": a.facility_id, "facility": a.facility, "town": a.town,
         "perpetrators": a.perpetrators, "weapons": a.weapons, "event_type": a.event_type,
         "incident_id": a.incident_id, "report_ids": a.report_ids, "status": a.status}
        for a in attacks
    ]
    return out
