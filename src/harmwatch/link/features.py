"""Turn incidents into the flat rows Splink compares.

Linking compares what was *extracted* (date, place, event, casualties,
facility), never the raw words of a report: one publisher's page template
repeats across unrelated stories, so word overlap says little about whether two
reports describe one event.

Every column below is derived from one :class:`~harmwatch.models.Incident`:

========================  ======================================================
``unique_id``             the caller's id for the record
``existing``              1 for an already merged incident, 0 for a new record
``day``, ``day_end``      first/last possible day, as days since 1970-01-01
``date_precision``        ``day``, ``week``, ``month`` ...
``wk0``, ``wk3``, ``mon``  date buckets for blocking (7-day buckets shifted by 0
                          and 3 days: any two days at most 3 apart share one;
                          and the calendar month)
``admin1..3``             OCHA P-codes (Damascus compared as Rural Damascus)
``lat``, ``lon``          only when the place is finer than a governorate
``place_norm``            place name without articles, punctuation or spaces
``place_skel``            its consonant skeleton ("Kafranbel", "Kafr Nabl" -> kfrnbl)
``event_type``, ``event_family``
``weapons``               normalised weapon names (array)
``killed_lo``, ``killed_hi``, ``killed_best``   the death toll range; without a
                          total, "at least" the dead counted by kind
``victims``               who the dead were: civilian, combatant or mixed
``coarse``                1 when the place is only an area (admin1/2/3), 0 for a
                          town or finer: a governorate-only report *contains* a
                          town in it, which is not the same as two different towns
``facility``              key of the first named target (for blocking)
``facilities``            keys of every named target (spelling skeletons of the
                          distinctive words: "Al-Quds hospital" -> kds)
``target_kinds``          what was hit, when specific: medical, school, market,
                          mosque, bakery, camp
========================  ======================================================

A record's targets include the named facilities its report's facility events tie
to it (:func:`with_facility_events`): extraction often finds "the building, known
as al-Quds hospital" as a facility mention while the incident's target stays a
nameless "hospital".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from harmwatch.link.merge import EVENT_FAMILY
from harmwatch.models import Incident, Target

EPOCH = date(1970, 1, 1)
#: Places that are areas, not points: they have no name or point to compare, only codes.
COARSE_PLACES = frozenset({"admin3", "admin2", "admin1", "country", "unknown"})
_ARTICLES = frozenset(
    {"al", "el", "il", "ul", "as", "ash", "ad", "adh", "ar", "az", "at", "an", "ath", "es", "er", "ed"}
)
# Words that say what kind of place a name is, not which. Directions stay: eastern
# and western Aleppo are different places.
_PLACE_WORDS = frozenset(
    {
        "town", "village", "city", "camp", "governorate", "province", "district", "subdistrict",
        "countryside", "neighbourhood", "neighborhood", "area", "region", "outskirts", "of", "the",
    }
)  # fmt: skip
_SKELETON_RULES = (
    ("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("ch", "s"),
    ("q", "k"), ("j", "g"), ("w", "u"), ("z", "s"), ("c", "k"), ("p", "b"), ("v", "f"),
)  # fmt: skip
_NON_ALNUM = re.compile(r"[^0-9a-z]+")

COLUMNS = (
    "unique_id", "existing", "day", "day_end", "date_precision", "wk0", "wk3", "mon",
    "admin1", "admin2", "admin3", "coarse", "lat", "lon", "place_norm", "place_skel", "event_type",
    "event_family", "weapons", "killed_lo", "killed_hi", "killed_best", "victims", "facility",
    "facilities", "target_kinds",
)  # fmt: skip
#: Target kinds specific enough to say two reports may be about one attack. Medical
#: kinds are one: the same building is a "hospital" to one source, a "medical point" to another.
SPECIFIC_KINDS = {
    "hospital": "medical", "field_hospital": "medical", "clinic": "medical", "ambulance": "medical",
    "school": "school", "market": "market", "mosque": "mosque", "bakery": "bakery", "camp": "camp",
}  # fmt: skip
# Words in a facility's name that say what it is or where, not which one it is.
_FACILITY_GENERIC = frozenset(
    {
        "hospital", "hospitals", "clinic", "clinics", "medical", "health", "healthcare", "point", "centre",
        "center", "facility", "school", "schools", "market", "marketplace", "mosque", "bakery", "camp",
        "ambulance", "field", "building", "complex", "the", "a", "an", "main", "only", "local", "small",
        "big", "largest", "in", "of", "at", "near", "on", "and", "for", "known", "as", "city", "town",
        "village", "its", "their", "this", "that", "new", "old", "s",
    }
)  # fmt: skip


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def normalise_place(name: str | None) -> str | None:
    """A spelling-tolerant key: "Al-Kafr Nabl town" -> "kafrnabl"."""
    if not name:
        return None
    tokens = [t for t in _NON_ALNUM.split(ascii_fold(name.replace("'", ""))) if t]
    tokens = [t for t in tokens if t not in _PLACE_WORDS] or tokens
    while len(tokens) > 1 and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    tokens = [t for i, t in enumerate(tokens) if not (i and t in _ARTICLES)]
    key = "".join(tokens)
    return key or None


def skeleton(key: str | None) -> str | None:
    """Consonant skeleton of a normalised name: transliteration variants usually share it."""
    if not key:
        return None
    s = key
    for a, b in _SKELETON_RULES:
        s = s.replace(a, b)
    head, tail = s[0], re.sub(r"[aeiouy]", "", s[1:])
    out: list[str] = []
    for ch in head + tail:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out) or None


def normalise_facility(name: str | None) -> str | None:
    if not name:
        return None
    tokens = [t for t in _NON_ALNUM.split(ascii_fold(name)) if t and t not in _ARTICLES]
    return " ".join(tokens) or None


def facility_key(name: str | None) -> str | None:
    """What tells one facility from another: "Al-Quds hospital", "al Kuds Hospital" -> kds.

    Kind words, descriptors and articles are dropped ("the main hospital of
    Afrin" -> the skeleton of "afrin"); a name with nothing left ("the hospital")
    has no key. The remaining words' consonant skeletons, in sorted order,
    absorb spelling variants and word order ("National Hospital of Maarat
    al-Numan" = "Maarrat an-Nu'man National hospital").
    """
    if not name:
        return None
    norm = normalise_facility(re.sub(r"[\'\u2019\u02bf\u02be`]", "", name))
    if not norm:
        return None
    skels = sorted(s for t in norm.split() if t not in _FACILITY_GENERIC and (s := skeleton(t)))
    return "".join(skels) or None


def _day(s: str | None) -> int | None:
    if not s:
        return None
    try:
        return (date.fromisoformat(s[:10]) - EPOCH).days
    except ValueError:
        return None


def incident_row(uid: str, inc: Incident, *, existing: bool = False) -> dict[str, Any]:
    """The comparison row for one incident."""
    day = _day(inc.date.start)
    day_end = _day(inc.date.end) if inc.date.end else day
    if day is not None and (day_end is None or day_end < day):
        day_end = day
    p = inc.place
    fine = p.precision not in COARSE_PLACES and p.lat is not None and p.lon is not None
    # An area (governorate, district) names no more than its code already says: giving it
    # a name and a centroid too would count the same weak evidence twice, and two
    # district-only reports are not "the same town".
    name = normalise_place(p.name) if p.precision not in COARSE_PLACES else None
    killed = inc.victims.killed
    lo = hi = best = None
    if killed is not None and not killed.is_empty():
        lo = killed.low if killed.low is not None else killed.best
        hi = killed.high if killed.high is not None else (killed.best if killed.low is None else None)
        best = killed.best
    elif (parts := _known_dead(inc)) > 0:
        lo = parts  # no total, but "14 patients and staff were killed": at least that many died
    keys = list(dict.fromkeys(k for t in inc.targets if (k := facility_key(t.name)) is not None))
    kinds = sorted({SPECIFIC_KINDS[t.kind] for t in inc.targets if t.kind in SPECIFIC_KINDS})
    weapons = sorted({" ".join(ascii_fold(w).split()) for w in inc.weapons if w.strip()})
    event = inc.event_type if inc.event_type not in ("unknown", "other", "") else None
    return {
        "unique_id": uid,
        "existing": int(existing),
        "day": day,
        "day_end": day_end,
        "date_precision": inc.date.precision if day is not None else None,
        "wk0": day // 7 if day is not None else None,
        "wk3": (day + 3) // 7 if day is not None else None,
        "mon": _month(inc.date.start) if day is not None else None,
        "admin1": linking_admin1(p.admin1_pcode),
        "admin2": p.admin2_pcode or None,
        "admin3": p.admin3_pcode or None,
        "coarse": int(p.precision in COARSE_PLACES),
        "lat": float(p.lat) if fine and p.lat is not None else None,
        "lon": float(p.lon) if fine and p.lon is not None else None,
        "place_norm": name,
        "place_skel": skeleton(name),
        "event_type": event,
        "event_family": EVENT_FAMILY.get(event or "", event),
        "weapons": weapons or None,
        "killed_lo": lo,
        "killed_hi": hi,
        "killed_best": best,
        "victims": victim_kind(inc),
        "facility": keys[0] if keys else None,
        "facilities": keys or None,
        "target_kinds": kinds or None,
    }


def _known_dead(inc: Incident) -> int:
    """The dead a report counts by kind when it gives no total (civilians + combatants; children + women)."""
    v = inc.victims

    def n(r: Any) -> int:
        return int((r.best if r.best is not None else r.low) or 0) if r is not None else 0

    civilians = max(n(v.killed_civilians), n(v.killed_children) + n(v.killed_women))
    return civilians + n(v.killed_combatants)


def victim_kind(inc: Incident) -> str | None:
    """Who the dead were, as far as the report says: civilian, combatant, mixed, or None."""
    v = inc.victims

    def some(r: Any) -> bool:
        return r is not None and ((r.best or 0) > 0 or (r.low or 0) > 0)

    civ = some(v.killed_civilians) or some(v.killed_children) or some(v.killed_women)
    mil = some(v.killed_combatants)
    if civ and mil:
        return "mixed"
    return "civilian" if civ else ("combatant" if mil else None)


def _month(s: str | None) -> int | None:
    if not s or len(s) < 7:
        return None
    try:
        return int(s[:4]) * 12 + int(s[5:7]) - 1
    except ValueError:
        return None


def feature_table(records: Iterable[tuple[str, Incident, bool]]) -> Any:
    """A pyarrow Table of :func:`incident_row` rows for ``(uid, incident, existing)`` triples."""
    import pyarrow as pa

    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for uid, inc, existing in records:
        row = incident_row(uid, inc, existing=existing)
        for c in COLUMNS:
            cols[c].append(row[c])
    return pa.table({c: pa.array(cols[c], type=SCHEMA[c]) for c in COLUMNS})


def _schema() -> dict[str, Any]:
    import pyarrow as pa

    ints = (
        "existing", "day", "day_end", "wk0", "wk3", "mon", "coarse", "killed_lo", "killed_hi", "killed_best",
    )  # fmt: skip
    out: dict[str, Any] = {c: pa.string() for c in COLUMNS}
    out.update({c: pa.int64() for c in ints})
    out.update({"lat": pa.float64(), "lon": pa.float64()})
    out.update({c: pa.list_(pa.string()) for c in ("weapons", "facilities", "target_kinds")})
    return out


class _LazySchema(dict[str, Any]):
    def __missing__(self, key: str) -> Any:
        self.update(_schema())
        return dict.__getitem__(self, key)


SCHEMA: dict[str, Any] = _LazySchema()


#: Governorates compared as one. Damascus city is an enclave of Rural Damascus, and
#: reports say "near Damascus" or "Damascus" for the Ghouta towns around it.
SAME_REGION = {"SY01": "SY03"}


def linking_admin1(pcode: str | None) -> str | None:
    """The governorate code a record is compared on (:data:`SAME_REGION` folded)."""
    if not pcode:
        return None
    return SAME_REGION.get(pcode, pcode)


def unlinkable_reasons(inc: Incident) -> list[str]:
    """Why a record must not be linked (empty when it can be).

    A record is linked only on evidence it has: one without a date or without
    a place would match anything on the missing field, so it stays its own
    incident and is marked for review.
    """
    reasons = []
    if _day(inc.date.start) is None:
        reasons.append("missing date: not linked to other reports")
    p = inc.place
    if not (p.admin1_pcode or p.name or (p.lat is not None and p.lon is not None)):
        reasons.append("missing place: not linked to other reports")
    return reasons


def with_facility_events(inc: Incident, events: Iterable[Any]) -> Incident:
    """``inc`` with the facilities its report's facility events tie to it added as targets.

    Only for comparison: the stored record is not changed. ``events`` are the
    :class:`~harmwatch.models.FacilityEvent` objects whose ``incident_index`` is
    this record's index in its report.
    """
    have = {(t.kind, facility_key(t.name)) for t in inc.targets}
    extra = []
    for ev in events:
        key = (ev.kind, facility_key(ev.name))
        if key in have or (key[1] is None and any(k == ev.kind for k, _ in have)):
            continue
        have.add(key)
        extra.append(Target(ev.kind, ev.name))
    if not extra:
        return inc
    return replace(inc, targets=[*inc.targets, *extra])
