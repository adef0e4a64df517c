"""Synthetic reports and incidents with a known truth: for training, evaluation and benchmarks.

Two kinds of ground-truth events feed one noise model:

* :func:`ucdp_events` reads the real UCDP GED Syria 2020 events from the shared
  data (date, place string, coordinates, deaths, sides);
* :func:`synthetic_events` invents events anywhere in Syria in 2012-2024 from the
  packaged place list (``data/places.json.gz``: OSM/IOM communities and GeoNames
  towns with their spellings), for any number of records.

:func:`noisy_reports` then writes 1-5 per-report records for each event the way
different outlets would: the date a day late, another transliteration of the
place (from the gazetteer's spellings, or common transliteration swaps), a
toll of 12, 14 or "at least 15", the event called shelling instead of an
airstrike, a governorate instead of the town, a paraphrased opening, and now
and then a syndicated copy of another outlet's story.

:func:`synthetic_incidents` yields merged-looking incidents (with claims,
report ids and grades) for load tests of the store and API.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import os
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from harmwatch.models import (
    Claim,
    DateSpan,
    Incident,
    Perpetrator,
    Place,
    Range,
    Target,
    Victims,
    content_id,
)

PLACES_PATH = Path(__file__).with_name("data") / "places.json.gz"

ACTOR_OF_SIDE = {
    "Government of Syria": "syria_gov", "IS": "isis", "SNA": "turkey", "Government of Turkey": "turkey",
    "Government of Iran": "iran", "Syrian insurgents": "opposition", "SDF": "sdf_ypg", "HTS": "hts_nusra",
    "Government of Israel": "israel", "Government of Russia (Soviet Union)": "russia",
    "Government of United States of America": "coalition",
}  # fmt: skip
EVENT_WORDS = (
    ("barrel_bomb", ("barrel",)), ("chemical", ("chlorine", "chemical", "sarin")),
    ("missile", ("missile", "rocket")),
    ("airstrike", ("air strike", "airstrike", "warplane", "raid", "jets")),
    ("shelling", ("shell", "artillery", "mortar", "bombard")),
    ("explosion", ("explo", "ied", "car bomb", "mine", "blast", "suicide")),
    ("execution", ("execut",)), ("shooting", ("shot", "sniper", "gunmen", "gunfire")),
    ("clash", ("clash", "attack", "fight", "killed", "battle")),
)  # fmt: skip
FAMILY_SWAP = {
    "airstrike": ("shelling", "missile", "barrel_bomb"), "shelling": ("airstrike", "missile"),
    "missile": ("airstrike", "shelling"), "barrel_bomb": ("airstrike",), "chemical": ("airstrike",),
    "shooting": ("clash", "execution"), "execution": ("shooting",), "clash": ("shooting",),
    "explosion": ("explosion",), "other": ("other",), "unknown": ("unknown",),
}  # fmt: skip
WEAPONS = {
    "airstrike": ["guided missile", "thermobaric", "bunker buster", "cluster munition"],
    "barrel_bomb": ["barrel bomb"], "chemical": ["chlorine", "sarin"], "missile": ["ballistic missile"],
    "shelling": ["artillery", "mortar", "rocket launcher"], "explosion": ["car bomb", "IED"],
}  # fmt: skip
OPENINGS = (
    "{n} people were killed",
    "At least {n} people died",
    "A strike killed {n} people",
    "{n} civilians lost their lives",
    "Local sources said {n} were killed",
    "The death toll rose to {n}",
    "Rescue workers recovered {n} bodies",
    "Activists reported {n} dead",
)
FACILITY_KINDS = ("hospital", "school", "market", "mosque", "bakery", "clinic")


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    variants: tuple[str, ...]
    admin1_pcode: str
    admin1: str
    admin2_pcode: str
    admin2: str
    admin3_pcode: str
    admin3: str
    lat: float
    lon: float
    population: int


@dataclass
class Event:
    """A ground-truth event."""

    id: str
    day: date
    place: PlaceEntry
    name: str  # the place name the event is known by
    precision: str  # "town" or "admin1"
    lat: float
    lon: float
    event_type: str
    actor: str
    killed: tuple[int, int, int]  # best, low, high
    civilians: int | None = None
    combatants: int | None = None
    facility: tuple[str, str] | None = None  # kind, name
    weapons: list[str] = field(default_factory=list)
    headline: str = ""


@dataclass
class SyntheticReport:
    """One outlet's report of an event, as the extractor would have read it."""

    report_id: str
    event_id: str
    source: str
    published: str
    text: str
    incident: Incident
    copy_of: str | None = None


# --- places --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_places() -> tuple[PlaceEntry, ...]:
    """The packaged place list (attribution in ``data/ATTRIBUTION.md``)."""
    with gzip.open(PLACES_PATH, "rt", encoding="utf-8") as fh:
        payload = json.load(fh)
    return tuple(
        PlaceEntry(
            p[0], tuple(p[1]), p[2], p[3], p[4], p[5], p[6], p[7], float(p[8]), float(p[9]), int(p[10])
        )
        for p in payload["places"]
    )


@lru_cache(maxsize=1)
def _admin1_centroids() -> dict[str, tuple[str, float, float]]:
    acc: dict[str, list[Any]] = {}
    for p in load_places():
        a = acc.setdefault(p.admin1_pcode, [p.admin1, 0.0, 0.0, 0])
        a[1] += p.lat
        a[2] += p.lon
        a[3] += 1
    return {k: (v[0], v[1] / v[3], v[2] / v[3]) for k, v in acc.items()}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def nearest_place(lat: float, lon: float) -> PlaceEntry:
    return min(load_places(), key=lambda p: (p.lat - lat) ** 2 + ((p.lon - lon) * 0.82) ** 2)


# --- spelling variants ---------------------------------------------------------------------

_SWAPS = (
    ("ou", "u"), ("u", "ou"), ("ee", "i"), ("i", "ee"), ("q", "k"), ("k", "q"), ("e", "a"), ("a", "e"),
    ("aa", "a"), ("rr", "r"), ("r", "rr"), ("ss", "s"), ("y", "i"), ("ah", "a"), ("eh", "e"),
    ("kh", "h"), ("sh", "ch"), ("j", "dj"), ("-", " "), (" ", "-"), ("'", ""),
)  # fmt: skip


def spelling_variant(name: str, rng: random.Random) -> str:
    """Another plausible transliteration: an article added or dropped, a vowel or consonant swapped."""
    out = name
    roll = rng.random()
    if roll < 0.25 and re.match(r"(?i)^(al|el|ar|as|ash|ad|az)[- ]", out):
        out = re.sub(r"(?i)^(al|el|ar|as|ash|ad|az)[- ]", "", out)
    elif roll < 0.35:
        out = ("Al-" if rng.random() < 0.5 else "al ") + out
    candidates = [(a, b) for a, b in _SWAPS if a in out.lower()]
    for a, b in rng.sample(candidates, k=min(len(candidates), rng.choice((1, 1, 2)))):
        idx = out.lower().find(a)
        out = out[:idx] + (b.capitalize() if idx == 0 and b else b) + out[idx + len(a) :]
    return out.strip(" -") or name


# --- ground-truth events ---------------------------------------------------------------------


def shared_data_dir() -> Path:
    root = Path(__file__).resolve().parents[3]
    return Path(os.environ.get("HARMWATCH_SHARED", root.parent / "shared")) / "data"


def _event_type_of(text: str) -> str:
    low = text.lower()
    for kind, words in EVENT_WORDS:
        if any(w in low for w in words):
            return kind
    return "unknown"


def ucdp_events(path: Path | None = None) -> list[Event]:
    """The UCDP GED Syria 2020 events as ground truth (needs the shared data)."""
    path = path or shared_data_dir() / "ucdp_ged_syria_2020" / "ucdp_ged_syria_2020.csv"
    events: list[Event] = []
    rng = random.Random(2020)
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["latitude"]), float(row["longitude"])
            where = row["where_coordinates"].strip()
            near = nearest_place(lat, lon)
            coarse = where.lower().endswith(("governorate", "province"))
            name = re.sub(r"(?i)\s+(town|village|city|camp|governorate|province|district|area)$", "", where)
            headline = row["source_article"].strip('"').split(",", 2)[-1]
            etype = _event_type_of(headline)
            facility = None
            for kind in FACILITY_KINDS:
                if kind in headline.lower():
                    facility = (kind, f"{name} {kind.title()}")
                    break
            best, low, high = int(row["best"]), int(row["low"]), int(row["high"])
            events.append(
                Event(
                    id=f"ucdp-{row[''] or row.get('id', len(events))}",
                    day=date.fromisoformat(row["date_start"]),
                    place=near,
                    name=near.admin1 if coarse else name,
                    precision="admin1" if coarse else "town",
                    lat=lat,
                    lon=lon,
                    event_type=etype,
                    actor=ACTOR_OF_SIDE.get(row["side_a"], "unknown"),
                    killed=(best, low, high),
                    civilians=int(row["deaths_civilians"] or 0),
                    combatants=int(row["deaths_a"] or 0) + int(row["deaths_b"] or 0),
                    facility=facility,
                    weapons=rng.sample(WEAPONS.get(etype, []), k=min(1, len(WEAPONS.get(etype, [])))),
                    headline=headline,
                )
            )
    return events


def synthetic_events(
    n: int, seed: int = 0, *, start: date = date(2012, 1, 1), days: int = 4749
) -> Iterator[Event]:
    """``n`` invented events over 2012-2024, at places weighted by population."""
    rng = random.Random(seed)
    places = load_places()
    weights = [math.sqrt(max(p.population, 50)) for p in places]
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    types = ("airstrike", "shelling", "barrel_bomb", "missile", "explosion", "shooting", "clash", "chemical")
    type_w = (30, 30, 8, 8, 10, 6, 7, 1)
    actors = ("syria_gov", "russia", "turkey", "isis", "opposition", "sdf_ypg", "coalition", "unknown")
    actor_w = (40, 20, 8, 8, 8, 6, 4, 6)
    import bisect

    for i in range(n):
        place = places[min(bisect.bisect_left(cum, rng.random() * total), len(places) - 1)]
        etype = rng.choices(types, type_w)[0]
        best = max(1, int(rng.expovariate(1 / 5)))
        spread = rng.randint(0, max(1, best // 4))
        facility = None
        if rng.random() < 0.1:
            kind = rng.choice(FACILITY_KINDS)
            label = rng.choice(("Central", "National", "Al-Nour", "Surgical", "Al-Rahma", "Martyrs"))
            facility = (kind, f"{rng.choice(place.variants)} {label} {kind.title()}")
        weapons = WEAPONS.get(etype, [])
        yield Event(
            id=f"syn-{seed}-{i}",
            day=start + timedelta(days=rng.randrange(days)),
            place=place,
            name=place.name,
            precision="town",
            lat=place.lat,
            lon=place.lon,
            event_type=etype,
            actor=rng.choices(actors, actor_w)[0],
            killed=(best, max(0, best - spread), best + spread),
            civilians=best if rng.random() < 0.7 else 0,
            combatants=0,
            facility=facility,
            weapons=rng.sample(weapons, k=min(len(weapons), rng.choice((0, 1, 1, 2)))),
            headline=f"{etype.replace('_', ' ')} on {place.name}",
        )


# --- the noise model ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Noise:
    """How differently outlets (and the extractor) describe one event. Rates are per report."""

    date_late: float  # the date a day late ("yesterday" read on the next day's page)
    date_early: float
    month_precision: float  # "earlier this month"
    week_precision: float  # "last week"
    coarse_place: float  # only the governorate is given
    spelling: float  # another spelling of the place (the gazetteer's, or a transliteration swap)
    jitter_deg: float  # geocoding error (standard deviation, degrees; 0.01 is about 1 km)
    far_jitter: float  # share of reports geocoded about 5 km off (a homonym nearby)
    admin3_missing: float
    event_swap: float  # airstrike called shelling, ...
    event_unknown: float
    toll_exact: float  # the rest of the toll mass: off by 1-3, "at least", a range, or no toll
    toll_off: float
    toll_at_least: float
    toll_range: float
    copies: float  # a syndicated copy of an earlier outlet's story
    district_place: float = 0.0  # only the district (admin2) is given
    early_toll: float = 0.0  # an early, partial count (a third to two thirds of the final toll)
    target_unnamed: float = 0.15  # the facility described, not named ("the main hospital in X")
    target_kind_only: float = 0.0  # only the kind of target ("a hospital") is read
    target_other: float = 0.0  # another target read instead (the school next to the hospital)


#: The stress set of the issue: dates a day off, gazetteer spellings, toll variations,
#: paraphrased openings, syndicated copies. The place resolves to the same gazetteer entry
#: and the event type is kept: the issue lists no other noise (HARSH and REAL add it).
STRESS = Noise(
    date_late=0.15, date_early=0.05, month_precision=0.0, week_precision=0.0, coarse_place=0.0,
    spelling=0.5, jitter_deg=0.002, far_jitter=0.0, admin3_missing=0.0, event_swap=0.0,
    event_unknown=0.0, toll_exact=0.5, toll_off=0.2, toll_at_least=0.2, toll_range=0.05, copies=0.1,
)  # fmt: skip
#: Harsher: also extraction errors (a governorate instead of the town, month/week dates,
#: geocoding a few km off, missing admin3, the event type misread).
HARSH = Noise(
    date_late=0.25, date_early=0.05, month_precision=0.03, week_precision=0.02, coarse_place=0.04,
    spelling=0.5, jitter_deg=0.01, far_jitter=0.1, admin3_missing=0.1, event_swap=0.15,
    event_unknown=0.1, toll_exact=0.55, toll_off=0.15, toll_at_least=0.15, toll_range=0.05, copies=0.1,
)  # fmt: skip

#: Real-shaped: what real multi-source reporting and extraction do (a governorate or a
#: district instead of the town in a third of reports, a day off, an unknown event type,
#: early partial tolls, no toll, a hospital named in one report and only "a hospital" in
#: the next). Used to train the model, beside HARSH, so that its weights fit real reports.
REAL = Noise(
    date_late=0.2, date_early=0.05, month_precision=0.02, week_precision=0.01, coarse_place=0.2,
    spelling=0.5, jitter_deg=0.01, far_jitter=0.1, admin3_missing=0.2, event_swap=0.15,
    event_unknown=0.15, toll_exact=0.4, toll_off=0.15, toll_at_least=0.15, toll_range=0.05, copies=0.1,
    district_place=0.1, early_toll=0.08, target_unnamed=0.25, target_kind_only=0.3, target_other=0.05,
)  # fmt: skip

N_REPORTS = (1, 2, 3, 4, 5)
N_REPORTS_W = (35, 25, 20, 12, 8)  # mean 2.33 reports per event


def noisy_reports(
    events: Iterable[Event], seed: int = 0, *, n_sources: int = 40, noise: Noise = STRESS
) -> Iterator[SyntheticReport]:
    """1-5 noisy per-report records for each event; ``event_id`` is the truth."""
    rng = random.Random(seed)
    centroids = _admin1_centroids()
    for ev in events:
        k = rng.choices(N_REPORTS, N_REPORTS_W)[0]
        made: list[SyntheticReport] = []
        for j in range(k):
            rid = f"{ev.id}-r{j}"
            source = f"outlet-{rng.randrange(n_sources):02d}"
            if made and rng.random() < noise.copies:
                # a syndicated copy: another outlet republishes an earlier story, new opening
                orig = rng.choice(made)
                inc = Incident.from_dict(orig.incident.to_dict())
                inc.report_ids = [rid]
                for c in inc.claims:
                    c.report_id, c.source = rid, source
                text = _opening(rng, ev) + " " + orig.text.split(". ", 1)[-1]
                made.append(
                    SyntheticReport(rid, ev.id, source, orig.published, text, inc, copy_of=orig.report_id)
                )
                continue
            inc = _noisy_incident(ev, rid, source, rng, centroids, noise)
            published = (ev.day + timedelta(days=rng.choice((0, 0, 1, 1, 2)))).isoformat()
            text = f"{_opening(rng, ev)} in {inc.place.name} on {inc.date.start}. {ev.headline}."
            made.append(SyntheticReport(rid, ev.id, source, published, text, inc))
        yield from made


def _opening(rng: random.Random, ev: Event) -> str:
    return rng.choice(OPENINGS).format(n=ev.killed[0])


def _noisy_incident(
    ev: Event,
    rid: str,
    source: str,
    rng: random.Random,
    centroids: dict[str, tuple[str, float, float]],
    noise: Noise,
) -> Incident:
    r = rng.random()
    shift = 1 if r < noise.date_late else (-1 if r < noise.date_late + noise.date_early else 0)
    day = (ev.day + timedelta(days=shift)).isoformat()
    r = rng.random()
    if r < noise.month_precision:  # "earlier this month"
        first = ev.day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        when = DateSpan(first.isoformat(), last.isoformat(), "month")
    elif r < noise.month_precision + noise.week_precision:  # "last week"
        monday = ev.day - timedelta(days=ev.day.weekday())
        when = DateSpan(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week")
    else:
        when = DateSpan(day, day, "day")
    p = ev.place
    r_place = rng.random()
    if ev.precision != "admin1" and noise.coarse_place <= r_place < noise.coarse_place + noise.district_place:
        place = Place(
            name=p.admin2, admin1=p.admin1, admin1_pcode=p.admin1_pcode, admin2=p.admin2,
            admin2_pcode=p.admin2_pcode, precision="admin2", country="SY",
        )  # fmt: skip
    elif ev.precision == "admin1" or r_place < noise.coarse_place:
        a1name, a1lat, a1lon = centroids.get(p.admin1_pcode, (p.admin1, ev.lat, ev.lon))
        place = Place(
            name=a1name if rng.random() < 0.7 else f"{a1name} province",
            admin1=a1name,
            admin1_pcode=p.admin1_pcode,
            lat=a1lat,
            lon=a1lon,
            precision="admin1",
            country="SY",
        )
    else:
        if rng.random() >= noise.spelling:
            name = ev.name
        else:
            pool = [v for v in p.variants if v != ev.name] if _same_place(ev.name, p) else []
            name = rng.choice(pool) if pool and rng.random() < 0.6 else spelling_variant(ev.name, rng)
        jitter = 0.05 if rng.random() < noise.far_jitter else noise.jitter_deg
        place = Place(
            name=name, admin1=p.admin1, admin1_pcode=p.admin1_pcode, admin2=p.admin2,
            admin2_pcode=p.admin2_pcode,
            admin3=None if (no_admin3 := rng.random() < noise.admin3_missing) else p.admin3,
            admin3_pcode=None if no_admin3 else p.admin3_pcode,
            lat=ev.lat + rng.gauss(0, jitter), lon=ev.lon + rng.gauss(0, jitter),
            precision="town", country="SY",
        )  # fmt: skip
    r = rng.random()
    etype = ev.event_type
    if r < noise.event_swap:
        etype = rng.choice(FAMILY_SWAP.get(etype, (etype,)))
    elif r < noise.event_swap + noise.event_unknown:
        etype = "unknown"
    best, low, high = ev.killed
    r = rng.random()
    killed: Range | None
    cut = (noise.toll_exact, noise.toll_off, noise.toll_at_least, noise.toll_range, noise.early_toll)
    if r < cut[0]:
        killed = Range.exact(best)
    elif r < sum(cut[:2]):  # another outlet's count: off by a few, more for a larger toll
        step = max(1, round(best * rng.uniform(0.05, 0.3)))
        other = best + rng.choice((-1, 1)) * step
        killed = Range.exact(other if other >= 1 else best + step)
    elif r < sum(cut[:3]):
        at_least = max(0, best - rng.randint(0, 2))
        killed = Range(at_least, at_least, None)
    elif r < sum(cut[:4]):
        killed = Range(best, low, high)
    elif r < sum(cut) and best >= 3:  # an early count, before the bodies were all found
        killed = Range.exact(max(1, round(best * rng.uniform(0.33, 0.67))))
    else:
        killed = None
    civilians = combatants = None
    if killed is not None and rng.random() < 0.7:  # the report says who the dead were
        if ev.civilians:
            civilians = Range.exact(ev.civilians) if rng.random() < 0.7 else Range(None, 1, None)
        if ev.combatants:
            combatants = Range.exact(ev.combatants) if rng.random() < 0.7 else Range(None, 1, None)
    perps = []
    r = rng.random()
    if r < 0.7:
        perps = [Perpetrator(ev.actor, rng.choice(("stated", "alleged")))]
    elif r < 0.9:
        perps = [Perpetrator("unknown", "unknown")]
    targets = []
    if ev.facility and rng.random() < 0.7:
        kind, fname = ev.facility
        r = rng.random()
        label: str | None
        if r < noise.target_kind_only:  # "a hospital"
            label = None
        elif r < noise.target_kind_only + noise.target_unnamed:  # described, not named
            label = f"the {rng.choice(('main', 'only', 'local'))} {kind} in {place.name}"
        elif rng.random() < 0.65:
            label = fname
        else:
            label = spelling_variant(fname, rng)
        if rng.random() < noise.target_other:
            kind, label = rng.choice([k for k in FACILITY_KINDS if k != kind]), None
        targets = [Target(kind, label)]
    weapons = [w for w in ev.weapons if rng.random() < 0.5]
    quote = f"{killed.best if killed and killed.best is not None else 'several'} killed in {place.name}"
    claims = [Claim(rid, source, "report", "killed", killed.to_dict() if killed else None, quote)]
    return Incident(
        date=when,
        place=place,
        event_type=etype,
        weapons=weapons,
        perpetrators=perps,
        victims=Victims(killed=killed, killed_civilians=civilians, killed_combatants=combatants),
        targets=targets,
        claims=claims,
        report_ids=[rid],
    )


def _same_place(name: str, p: PlaceEntry) -> bool:
    from rapidfuzz.distance import JaroWinkler

    n = name.casefold()
    return any(JaroWinkler.similarity(n, v.casefold()) >= 0.85 for v in p.variants)


# --- evaluation sets ------------------------------------------------------------------------------


def ucdp_reports(seed: int = 0, *, limit: int | None = None, noise: Noise = STRESS) -> list[SyntheticReport]:
    """Noisy reports of the UCDP GED Syria 2020 events (the synthetic stress set)."""
    events = ucdp_events()
    if limit is not None:
        events = events[:limit]
    return list(noisy_reports(events, seed, noise=noise))


def synthetic_reports(n_records: int, seed: int = 0, *, noise: Noise = STRESS) -> Iterator[SyntheticReport]:
    """``n_records`` noisy per-report records of invented events (for benchmarks)."""
    for count, rep in enumerate(noisy_reports(synthetic_events(n_records, seed), seed, noise=noise)):
        if count >= n_records:
            return
        yield rep


# --- merged-looking incidents for load tests --------------------------------------------------------


def synthetic_incidents(n: int, seed: int = 0) -> Iterator[Incident]:
    """``n`` realistic merged incidents (places from the gazetteer, claims, grades) for load tests.

    Example:
        >>> inc = next(synthetic_incidents(1, seed=1))
        >>> inc.id.startswith("inc-") and inc.report_ids != []
        True
    """
    rng = random.Random(seed ^ 0x5EED)
    for ev in synthetic_events(n, seed):
        k = rng.choices(N_REPORTS, N_REPORTS_W)[0]
        rids = [content_id("rep", ev.id, str(j)) for j in range(k)]
        sources = [f"outlet-{rng.randrange(40):02d}" for _ in rids]
        best, low, high = ev.killed
        killed = Range(best, low, high)
        claims = [
            Claim(rid, src, "report", "killed", {"best": best, "low": low, "high": high},
                  f"{rng.choice(OPENINGS).format(n=best)} in {ev.name}")
            for rid, src in zip(rids, sources, strict=True)
        ]  # fmt: skip
        attribution = "alleged"
        grade = "weak" if len(set(sources)) < 2 else "fair"
        r = rng.random()
        if r < 0.05:
            grade, attribution = "confirmed", "admitted"
            claims.append(Claim(rids[-1], "ministry statement", "admission", "perpetrator", ev.actor,
                                "the ministry said its forces struck the position"))  # fmt: skip
        elif r < 0.12 and ev.actor != "unknown":
            grade, attribution = "contested", "contested"
        elif r < 0.14:
            grade = "discounted"
            claims.append(Claim(rids[0], sources[0], "report", "occurred", False,
                                "an earlier version of this report was wrong"))  # fmt: skip
        p = ev.place
        victims = Victims(
            killed=killed,
            killed_civilians=Range.exact(ev.civilians) if ev.civilians is not None else None,
            injured=Range(None, best, None) if rng.random() < 0.4 else None,
        )
        yield Incident(
            id=content_id("inc", rids[0], "0"),
            date=DateSpan(ev.day.isoformat(), ev.day.isoformat(), "day"),
            place=Place(
                name=ev.name,
                admin1=p.admin1,
                admin1_pcode=p.admin1_pcode,
                admin2=p.admin2,
                admin2_pcode=p.admin2_pcode,
                admin3=p.admin3,
                admin3_pcode=p.admin3_pcode,
                lat=ev.lat,
                lon=ev.lon,
                precision="town",
                country="SY",
            ),
            event_type=ev.event_type,
            weapons=list(ev.weapons),
            perpetrators=[Perpetrator(ev.actor, attribution)],
            victims=victims,
            targets=[Target(ev.facility[0], ev.facility[1])] if ev.facility else [],
            claims=claims,
            grade=grade,
            report_ids=rids,
            summary=f"{ev.event_type.replace('_', ' ')} in {ev.name}: {best} killed",
        )
