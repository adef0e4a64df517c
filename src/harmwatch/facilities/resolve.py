"""Resolve what reports say about facilities into facility records with status timelines.

The facility events the extractor emits are matched against the facilities
already known (and a user's registry, when given). The rules, in order:

1. A facility nobody could place (precision ``unknown``) is only ever matched
   to another unplaced facility with the same distinctive name; it is never
   merged with a same-named facility somewhere else.
2. In one town, a name whose distinctive part matches ("Rahmeh" and "Al
   Rahmeh", "Oudai" and "Owdai") is the same facility.
3. Generic names ("the national hospital") match only a facility with the
   same descriptors in the same town.
4. A bare name ("the hospital", "Kafranbel Hospital") matches the only
   facility of that kind the town has; with several, it is ambiguous and gets
   its own record rather than being guessed into one.
5. A name placed only at governorate/district level matches a distinctive
   name inside that area when exactly one does.

Every other name the facility goes by is kept as an alias. The timeline is
rebuilt from all of a facility's events each time, so it also picks up
incident ids that linking assigned later.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harmwatch.errors import NotFound
from harmwatch.facilities.names import (
    DESCRIPTORS,
    KIND_WORDS,
    STOP,
    NameInfo,
    aliases_from_text,
    analyse_name,
    cores_match,
    descriptors_match,
    fold,
)
from harmwatch.facilities.places import (
    _names_same,
    contains,
    distance_km,
    level,
    more_precise,
    place_names,
    resolve_place,
    same_town,
)
from harmwatch.facilities.registry import load_registry
from harmwatch.facilities.timeline import date_key, infer_status, latest_status
from harmwatch.models import FACILITY_STATUSES, Facility, FacilityEvent, Place, StatusEntry, content_id

__all__ = ["RegistrySummary", "match_facility", "update_registry"]

log = logging.getLogger(__name__)

HEALTH_KINDS = {"hospital", "field_hospital", "clinic"}
WILDCARD_KINDS = {"", "unknown", "other"}
MAX_QUOTE = 1000


@dataclass
class RegistrySummary:
    """What one ``update_registry`` run did."""

    events_resolved: int = 0
    facilities_created: int = 0
    facilities_updated: int = 0
    events_merged: int = 0
    registry_rows: int = 0
    registry_matched: int = 0
    unplaced: int = 0
    ambiguous: int = 0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class _Candidate:
    facility: Facility
    names: list[NameInfo]
    from_registry: bool = False
    touched: bool = False
    created: bool = False


NO_FACILITY = "fac-none"
"""Where an event that names no identifiable facility is filed ("hospitals in Idlib", an
unnamed hospital somewhere in a governorate), so it is not resolved again on every run."""


def _is_named(ev: FacilityEvent) -> bool:
    return bool(ev.name and ev.name.strip())


_PLURAL = re.compile(
    r"\b(hospitals|clinics|facilities|dispensaries|cent(?:er|re)s|points|posts|"
    r"مستشفيات|مشافي|مراكز)\b",
    re.I,
)


def _is_plural(ev: FacilityEvent) -> bool:
    """ "hospitals in Idlib" is a statement about an area, not a facility."""
    return bool(ev.name and _PLURAL.search(ev.name))


def _place_with_hint(ev: FacilityEvent, report_places: list[Place] | None = None) -> Place:
    """The event's place, or the town its name gives when that is finer.

    "hospital in Dar Sharqi" names its town outright. "Kafar Takharim Hospital"
    may too, but "Al-Quds Hospital" does not (a village called Al Quds exists):
    a town read from the name itself is used only when it lies in the event's
    governorate or is where the same report places other events.
    """
    place = ev.place
    if level(place) == "town" or not ev.name:
        return place
    info = analyse_name(ev.name, place_names(place))
    tries: list[tuple[str, bool]] = []
    hint = info.place_hint
    if not hint:
        m = re.search(r"\b(?:of|in|at)\s+((?:[A-Z][\w'’-]+\s*){1,3})\s*$", ev.name.strip())
        hint = m.group(1).strip() if m else None
    if hint and len(hint) <= 60:
        tries.append((re.sub(r"^(?:the\s+)?(?:town|city|village)\s+of\s+", "", hint, flags=re.I), True))
    residue = " ".join(
        t
        for t in fold(re.sub(r"\(.*?\)", " ", ev.name)).split()
        if t not in STOP and t not in KIND_WORDS and t not in DESCRIPTORS
    )
    if residue and residue not in {fold(h) for h, _ in tries} and len(residue) <= 40:
        tries.append((residue, False))
    admin1 = place.admin1_pcode or place.admin1
    for text, explicit in tries:
        found = resolve_place(text, admin1_hint=admin1)
        if level(found) != "town":
            continue
        if any(same_town(found, rp) for rp in report_places or []):
            return found
        if explicit and (level(place) == "unplaced" or contains(place, found)):
            return found
    return place


def _residue(name: str) -> str:
    """A name without kind, article or linking words: "hospital of Deir Sharqi" -> "deir sharqi"."""
    toks = [
        t
        for t in fold(re.sub(r"\(.*?\)", " ", name)).split()
        if t not in STOP and t not in KIND_WORDS and t not in DESCRIPTORS
    ]
    return " ".join(toks)


def _residue_same(a: str, b: str) -> bool:
    ra, rb = _residue(a), _residue(b)
    return bool(ra and rb) and _names_same(ra, rb)


def _same_report_match(
    names: list[NameInfo],
    ev: FacilityEvent,
    place: Place,
    report_id: str,
    siblings: list[tuple[int, str | None, FacilityEvent]],
    assigned: dict[tuple[str, int], str],
    cands: list[_Candidate],
) -> tuple[_Candidate | None, str]:
    """One report that names a facility twice means one facility, wherever it placed each mention."""
    by_id = {c.facility.id: c for c in cands}
    for j, fid, other in siblings:
        target = assigned.get((report_id, j), fid)
        if not target or target == NO_FACILITY or target not in by_id or not _is_named(other):
            continue
        if not _kinds_compatible(ev.kind, other.kind):
            continue
        o_names = _analyse_all(_event_names(other), other.place)
        same = (
            _core_hits(names, o_names) > 0
            or {fold(n.raw) for n in names} & {fold(n.raw) for n in o_names}
            or _desc_hit(names, o_names)
            or _residue_same(ev.name or "", other.name or "")
        )
        if not same:
            continue
        c = by_id[target]
        fp = c.facility.place
        if level(place) == "town" and level(fp) == "town" and not same_town(place, fp):
            continue  # the report names two towns' namesakes
        return c, "same report"
    return None, "new"


def _anchor(
    report_id: str,
    idx: int,
    ev: FacilityEvent,
    siblings: list[tuple[int, str | None, FacilityEvent]],
    assigned: dict[tuple[str, int], str],
) -> str | None:
    """The facility of the nearest named mention of a compatible kind in the same report."""
    best: tuple[int, str] | None = None
    for j, fid, other in siblings:
        if j == idx or not _is_named(other) or _is_plural(other):
            continue
        if _kind_family(other.kind) == "*" or not _kinds_compatible(ev.kind, other.kind):
            continue
        target = assigned.get((report_id, j), fid)
        if not target or target == NO_FACILITY:
            continue
        # a preceding mention wins over a following one at the same distance
        dist = (idx - j) * 2 if j < idx else (j - idx) * 2 + 1
        if best is None or dist < best[0]:
            best = (dist, target)
    return best[1] if best else None


def _kind_family(kind: str | None) -> str:
    k = (kind or "").strip()
    if k in HEALTH_KINDS:
        return "health"
    if k in WILDCARD_KINDS:
        return "*"
    return k


def _kinds_compatible(a: str | None, b: str | None) -> bool:
    fa, fb = _kind_family(a), _kind_family(b)
    return fa == "*" or fb == "*" or fa == fb


def _analyse_all(names: list[str], place: Place) -> list[NameInfo]:
    pn = place_names(place)
    out: list[NameInfo] = []
    for n in names:
        if not n:
            continue
        info = analyse_name(n, pn)
        out.append(info)
        for alias in info.aliases:
            out.append(analyse_name(alias, pn))
    return out


def _facility_names(f: Facility) -> list[NameInfo]:
    return _analyse_all([f.name, *f.aliases], f.place)


def _event_names(ev: FacilityEvent) -> list[str]:
    names = [ev.name] if ev.name else []
    names.extend(aliases_from_text(ev.quote))
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def _core_hits(a: list[NameInfo], b: list[NameInfo]) -> int:
    return sum(1 for x in a for y in b if cores_match(x.core, y.core))


def _desc_hit(a: list[NameInfo], b: list[NameInfo]) -> bool:
    return any(
        not x.core and not y.core and descriptors_match(x.descriptors, y.descriptors) for x in a for y in b
    )


def _best(cands: list[tuple[int, _Candidate]]) -> _Candidate | None:
    if not cands:
        return None
    cands.sort(key=lambda t: -t[0])
    if len(cands) > 1 and cands[0][0] == cands[1][0]:
        return None  # two equally good: ambiguous
    return cands[0][1]


def match_facility(
    names: list[NameInfo],
    kind: str | None,
    place: Place,
    candidates: list[_Candidate],
    *,
    strict: bool = False,
) -> tuple[_Candidate | None, str]:
    """The known facility these names and this place refer to, and why (or why not).

    ``strict`` (used for registry rows) allows only name matches, not the
    "only facility in town" rule, since a registry lists facilities on purpose.
    """
    lvl = level(place)
    pool = [c for c in candidates if _kinds_compatible(kind, c.facility.kind)]
    has_core = any(n.distinctive for n in names)
    if lvl == "unplaced":
        hits = [(_core_hits(names, c.names), c) for c in pool if level(c.facility.place) == "unplaced"]
        found = _best([h for h in hits if h[0] > 0])
        return found, ("core, unplaced" if found else "unplaced")
    if lvl == "coarse":
        hits = [
            (_core_hits(names, c.names), c)
            for c in pool
            if contains(place, c.facility.place)
            or (level(c.facility.place) == "coarse" and (contains(c.facility.place, place)))
        ]
        found = _best([h for h in hits if h[0] > 0])
        return found, ("core, in area" if found else "coarse")
    town = [c for c in pool if same_town(place, c.facility.place)]
    hits = [(n, c) for c in town if (n := _core_hits(names, c.names)) > 0]
    if hits:
        found = _best(hits)
        return found, ("core" if found else "ambiguous")
    if has_core:
        coarse = [
            (n, c)
            for c in pool
            if level(c.facility.place) == "coarse"
            and contains(c.facility.place, place)
            and (n := _core_hits(names, c.names)) > 0
        ]
        if len(coarse) == 1:
            return coarse[0][1], "core, refined place"
    # "hospital in Kafr Hamra": the words after "in" say which quarter or village; only a
    # facility there can be it, not any facility of the wider town the event was placed in.
    hints = [n.place_hint for n in names if n.place_hint]
    if hints:
        admin1 = place.admin1_pcode or place.admin1
        resolved = [resolve_place(h, admin1_hint=admin1) for h in hints]
        points = [
            (p.lat, p.lon) for p in resolved if level(p) == "town" and p.lat is not None and p.lon is not None
        ]
        town = [c for c in town if _hint_fits(hints, points, c)]
    gen = [c for c in town if _desc_hit(names, c.names)]
    if len(gen) == 1:
        return gen[0], "descriptors"
    if len(gen) > 1:
        return None, "ambiguous"
    if strict:
        return None, "new"
    bare = all(n.bare for n in names) or not names
    if bare:
        if len(town) == 1:
            return town[0], "only one in town"
        with_bare = [c for c in town if any(n.bare for n in c.names)]
        if len(with_bare) == 1:
            return with_bare[0], "bare name"
        return None, ("ambiguous" if town else "new")
    # A named report about a town whose only known facility has no name of its own yet.
    if len(town) == 1 and all(n.bare for n in town[0].names):
        return town[0], "only one in town"
    return None, "new"


#: A place named in a facility's name and the facility's point are one place this close.
HINT_KM = 1.5


def _hint_fits(hints: list[str], points: list[tuple[float, float]], c: _Candidate) -> bool:
    """Does a known facility lie at the place a name's "in X" gives?

    Yes when the facility goes by that place in its own names, or when X resolved
    (``points``) to a point within :data:`HINT_KM` of the facility's. A hint that
    resolves to nothing, on a facility that does not name it, is no evidence: no match.
    """
    own = [n.place_hint for n in c.names if n.place_hint] + place_names(c.facility.place)
    if any(_names_same(h, o) for h in hints for o in own):
        return True
    fp = c.facility.place
    if fp.lat is None or fp.lon is None:
        return False
    return any(distance_km(lat, lon, fp.lat, fp.lon) <= HINT_KM for lat, lon in points)


def _add_alias(f: Facility, name: str | None) -> None:
    if not name:
        return
    name = name.strip()[:300]
    known = {fold(x) for x in [f.name, *f.aliases]}
    if name and fold(name) not in known:
        f.aliases.append(name)


def _merge_place(f: Facility, place: Place) -> None:
    old = f.place
    if level(old) == "unplaced" or (more_precise(place, old) and level(place) != "unplaced"):
        new = Place(**{k: getattr(place, k) for k in place.__dataclass_fields__})
        # keep what the old place knew that the new one does not (codes, names)
        for attr in ("admin1", "admin1_pcode", "admin2", "admin2_pcode", "admin3", "admin3_pcode", "country"):
            if getattr(new, attr) is None and getattr(old, attr) is not None:
                setattr(new, attr, getattr(old, attr))
        if new.name is None and old.name is not None:
            new.name = old.name
        f.place = new


def _choose_name(f: Facility, from_registry: bool) -> None:
    """Name a facility by the distinctive name most of its names agree on.

    "The Kafranbel Hospital", "The Kafranbel (Orient) Hospital" and "Kafranbel
    Surgical Hospital (Orient Hospital)" agree on "Orient"; a bare name ("the
    medical point") gives way to a distinctive one. A registry's name is kept.
    """
    if from_registry:
        return
    pn = place_names(f.place)
    all_names = [f.name, *f.aliases]
    infos = {
        n: [analyse_name(n, pn), *(analyse_name(a, pn) for a in analyse_name(n, pn).aliases)]
        for n in all_names
    }

    def support(n: str) -> tuple[int, int, int, int, int]:
        mine = [i for i in infos[n] if i.distinctive]
        agree = sum(
            1
            for other in all_names
            if other != n
            for i in infos[other]
            for m in mine
            if cores_match(m.core, i.core)
        )
        generic = any(i.generic for i in infos[n])
        return (1 if mine else 0, agree, 1 if generic else 0, 1 if infos[n][0].kind else 0, -len(n))

    best = max(all_names, key=support)
    if best != f.name and support(best) > support(f.name):
        old = f.name
        f.name = best
        f.aliases = [a for a in f.aliases if a != best]
        _add_alias(f, old)


def _new_facility(ev: FacilityEvent, report_id: str, idx: int) -> Facility:
    kind = ev.kind if ev.kind and ev.kind not in WILDCARD_KINDS else "hospital"
    name = (ev.name or "").strip()[:300]
    if not name:
        where = ev.place.name or "unknown place"
        name = f"{kind.replace('_', ' ')} in {where}"
    f = Facility(
        id=content_id("fac", report_id, str(idx)),
        name=name,
        kind=kind,
        place=Place(**{k: getattr(ev.place, k) for k in ev.place.__dataclass_fields__}),
    )
    for alias in _event_names(ev)[1:] if ev.name else _event_names(ev):
        _add_alias(f, alias)
    return f


def _order(row: tuple[str, int, str | None, FacilityEvent]) -> tuple[int, str, str, int]:
    ev = row[3]
    names = _analyse_all(_event_names(ev), ev.place)
    lvl = level(ev.place)
    if lvl == "town":
        group = 0 if any(n.distinctive for n in names) else 1 if any(n.generic for n in names) else 2
    else:
        group = 3 if lvl == "coarse" else 4
    return group, date_key(ev.date), row[0], row[1]


def _merge_registry(cand: _Candidate, reg: Facility) -> None:
    f = cand.facility
    if not cand.from_registry:
        old = f.name
        f.name = reg.name
        _add_alias(f, old)
    for a in reg.aliases:
        _add_alias(f, a)
    _merge_place(f, reg.place)
    if reg.place.lat is not None:
        f.place.lat, f.place.lon, f.place.precision = reg.place.lat, reg.place.lon, "point"
    if reg.kind and reg.kind not in WILDCARD_KINDS:
        f.kind = reg.kind
    f.population_served = reg.population_served or f.population_served
    for e in reg.external_ids:
        if e not in f.external_ids:
            f.external_ids.append(e)
    have = {(s.date, s.status, s.quote) for s in f.status_history}
    for s in reg.status_history:
        if (s.date, s.status, s.quote) not in have:
            f.status_history.append(s)
    cand.from_registry = True
    cand.names = _facility_names(f)


def _apply_registry(path: Path, cands: list[_Candidate], summary: RegistrySummary) -> None:
    rows = load_registry(path)
    summary.registry_rows = len(rows)
    by_ext = {e: c for c in cands for e in c.facility.external_ids}
    for reg in rows:
        known = next((by_ext[e] for e in reg.external_ids if e in by_ext), None)
        names = _facility_names(reg)
        found = known
        if found is None:
            found, _why = match_facility(names, reg.kind, reg.place, cands, strict=True)
            if found is not None and found.from_registry:
                # two registry rows are one facility only if they are the same building
                fp, rp = found.facility.place, reg.place
                if (
                    fp.lat is None
                    or rp.lat is None
                    or not same_town(
                        Place(lat=fp.lat, lon=fp.lon, precision="point", name=None),
                        Place(lat=rp.lat, lon=rp.lon, precision="point", name=None),
                    )
                    or fold(found.facility.name) != fold(reg.name)
                ):
                    found = None
        if found is None:
            c = _Candidate(facility=reg, names=names, from_registry=True, touched=True, created=True)
            cands.append(c)
            for e in reg.external_ids:
                by_ext[e] = c
            summary.facilities_created += 1
            continue
        summary.registry_matched += 1
        _merge_registry(found, reg)
        found.touched = True


_STATUS_RANK = {
    "destroyed": 0,
    "out_of_service": 1,
    "evacuated": 2,
    "relocated": 3,
    "damaged": 4,
    "functioning": 5,
    "unknown": 6,
}


def _status_of(ev: FacilityEvent) -> str:
    if ev.status in FACILITY_STATUSES and ev.status != "unknown":
        return ev.status
    return infer_status(ev.quote)[0]


def _published(store: Any, report_id: str, cache: dict[str, str | None]) -> str | None:
    if report_id not in cache:
        try:
            cache[report_id] = (store.get_report(report_id).published or "")[:10] or None
        except NotFound:
            cache[report_id] = None
    return cache[report_id]


def _rebuild_timeline(
    store: Any,
    f: Facility,
    events: list[tuple[str, int, FacilityEvent]],
    incidents: dict[str, dict[int, tuple[str | None, Any]]],
) -> None:
    kept = [s for s in f.status_history if s.report_id is None]  # registry baselines
    entries: list[StatusEntry] = []
    published: dict[str, str | None] = {}
    kinds: Counter[str] = Counter()
    for report_id, _idx, ev in events:
        inc_id: str | None = None
        date = ev.date
        if ev.incident_index is not None:
            if report_id not in incidents:
                incidents[report_id] = {
                    idx: (iid, inc) for _r, idx, iid, inc in store.report_incidents(report_id=report_id)
                }
            hit = incidents[report_id].get(ev.incident_index)
            if hit is not None:
                inc_id = hit[0]
                if not date and hit[1] is not None and hit[1].date.start:
                    date = hit[1].date.start
        if not date:
            # The report says this about the facility as of its publication: date it so.
            date = _published(store, report_id, published)
        entries.append(
            StatusEntry(
                date=date,
                status=_status_of(ev),
                incident_id=inc_id,
                report_id=report_id,
                quote=(ev.quote or "")[:MAX_QUOTE] or None,
            )
        )
        if ev.kind and ev.kind not in WILDCARD_KINDS:
            kinds[ev.kind] += 1
    # One report mentions a facility many times; per report and day keep one entry, with
    # the most telling status any mention states and the incident any of them points to.
    grouped: dict[tuple[str | None, str | None], StatusEntry] = {}
    for e in entries:
        key = (e.report_id, e.date)
        have = grouped.get(key)
        if have is None:
            grouped[key] = e
            continue
        if _STATUS_RANK.get(e.status, 9) < _STATUS_RANK.get(have.status, 9):
            e.incident_id = e.incident_id or have.incident_id
            grouped[key] = e
        else:
            have.incident_id = have.incident_id or e.incident_id
    f.status_history = sorted(
        kept + list(grouped.values()), key=lambda s: (date_key(s.date), s.report_id or "")
    )
    f.status = latest_status(f)
    if kinds and not f.external_ids:
        # a report saying "hospital" outweighs one saying "medical point" at equal counts
        order = {"hospital": 0, "field_hospital": 1, "clinic": 2}
        f.kind = sorted(kinds.items(), key=lambda kv: (-kv[1], order.get(kv[0], 9)))[0][0]


def update_registry(store: Any, *, registry: Path | None = None) -> RegistrySummary:
    """Resolve the unresolved facility events in ``store`` into facilities, and save them.

    Args:
        store: a ``harmwatch.store.Store``.
        registry: an optional user registry (CSV or GeoJSON) loaded first, so that
            reports are matched to the facilities and aliases it lists.

    Returns:
        What was done, for the CLI to print.
    """
    summary = RegistrySummary()
    cands = [
        _Candidate(facility=f, names=_facility_names(f), from_registry=bool(f.external_ids))
        for f in store.list_facilities()
    ]
    if registry is not None:
        _apply_registry(Path(registry), cands, summary)

    all_rows = store.facility_events()
    rows = [r for r in all_rows if r[2] is None]
    by_report: dict[str, list[tuple[int, str | None, FacilityEvent]]] = {}
    for report_id, idx, fid, ev in all_rows:
        by_report.setdefault(report_id, []).append((idx, fid, ev))
    assigned: dict[tuple[str, int], str] = {}
    deferred: list[tuple[str, int, FacilityEvent]] = []
    for report_id, idx, _fid, ev in sorted(rows, key=_order):
        if not _is_named(ev):
            deferred.append((report_id, idx, ev))
            continue
        if _is_plural(ev):
            assigned[(report_id, idx)] = NO_FACILITY
            summary.events_resolved += 1
            continue
        place = _place_with_hint(
            ev, [e.place for _j, _f, e in by_report[report_id] if level(e.place) == "town"]
        )
        names = _analyse_all(_event_names(ev), place)
        found, why = _same_report_match(names, ev, place, report_id, by_report[report_id], assigned, cands)
        if found is None:
            found, why = match_facility(names, ev.kind, place, cands)
        if level(place) == "unplaced":
            summary.unplaced += 1
        if why == "ambiguous":
            summary.ambiguous += 1
        if found is None:
            f = _new_facility(ev, report_id, idx)
            f.place = Place(**{k: getattr(place, k) for k in place.__dataclass_fields__})
            found = _Candidate(facility=f, names=_facility_names(f), touched=True, created=True)
            cands.append(found)
            summary.facilities_created += 1
        else:
            summary.events_merged += 1
            f = found.facility
            for n in _event_names(ev):
                _add_alias(f, n)
            if level(place) != "unplaced" and (
                same_town(place, f.place) or contains(f.place, place) or level(f.place) == "unplaced"
            ):
                _merge_place(f, place)
            found.names = _facility_names(f)
            found.touched = True
        assigned[(report_id, idx)] = f.id
        summary.events_resolved += 1

    # Unnamed mentions ("the hospital", "the medical point") are the facility the same
    # report last named; failing that, the only one of their town; failing that, nothing.
    by_id = {c.facility.id: c for c in cands}
    for report_id, idx, ev in deferred:
        anchor = _anchor(report_id, idx, ev, by_report[report_id], assigned)
        if anchor is None and level(ev.place) == "town" and _kind_family(ev.kind) == "health":
            found, _why = match_facility([], ev.kind, ev.place, cands)
            if found is None:
                f = _new_facility(ev, report_id, idx)
                found = _Candidate(facility=f, names=_facility_names(f), touched=True, created=True)
                cands.append(found)
                by_id[f.id] = found
                summary.facilities_created += 1
            anchor = found.facility.id
        if anchor is None or anchor not in by_id:
            assigned[(report_id, idx)] = NO_FACILITY
            summary.unplaced += level(ev.place) == "unplaced"
        else:
            assigned[(report_id, idx)] = anchor
            by_id[anchor].touched = True
            summary.events_merged += 1
        summary.events_resolved += 1

    touched = [c for c in cands if c.touched]
    if not touched:
        return summary
    touched_ids = {c.facility.id for c in touched}
    by_facility: dict[str, list[tuple[str, int, FacilityEvent]]] = {}
    for report_id, idx, fid, ev in store.facility_events():
        fid = assigned.get((report_id, idx), fid)
        if fid in touched_ids:
            by_facility.setdefault(fid, []).append((report_id, idx, ev))
    incidents: dict[str, dict[int, tuple[str | None, Any]]] = {}
    with store.transaction():
        for (report_id, idx), fid in assigned.items():
            store.set_facility_event_facility(report_id, idx, fid)
        for c in touched:
            f = c.facility
            _rebuild_timeline(store, f, by_facility.get(f.id, []), incidents)
            _choose_name(f, c.from_registry)
            store.save_facility(f)
            if not c.created:
                summary.facilities_updated += 1
    return summary
