"""From scored pairs to incidents: which edges count, and clusters that do not chain.

Three rules sit on top of the Splink score, for every engine and every path (the
pipeline's incremental batches, the evaluation, the benchmark):

1. **Crowded places** (:func:`density_adjusted`). The model's weights were
   learned where a town sees about one event in three days. Where the records
   show a place holding ``k`` events around a day (a big town in a heavy week),
   a pair's odds are divided by ``k``: a term-frequency adjustment, local in
   time and place.

2. **Specific agreement** (:func:`specific`). A pair above the threshold is an
   edge only if the two records agree on something that names *this* attack:
   the town (same name or spelling, or one point), a named facility, a weapon,
   the kind of building hit (a hospital, a school, a market, a mosque, a bakery, a camp), or a
   toll of 3 or more. Distinct events on one day in one governorate share
   the date, the governorate and often the event type; those alone never link
   two records. Two records naming two different towns disagree: only a named
   facility links them.

3. **No chaining** (:func:`link_clusters`). Connected components let a chain of
   pairwise-plausible links join events that no report would call one: a
   Saraqib clash with 88 dead, a Saraqib clash with 11 dead three days earlier,
   through reports in between. Edges are taken strongest first, and two
   clusters join only if the union stays one event by the records' own
   evidence: its day-precise dates within :data:`MAX_DAY_SPREAD` days, its
   points within :data:`MAX_KM_SPREAD` km, and its definite tolls (not "at
   least" counts) within a factor of :data:`TOLL_FACTOR` (plus
   :data:`TOLL_SLACK`): real tolls of one event differ (14, 27 and "50+" for one
   hospital; 7 then 25 as the missing are found) but not as 11 and 88 do. And
   only if the two are well knit: at least :data:`MIN_LINKAGE` of the record
   pairs across them are edges too (reports of one event mostly match each
   other; two events bridged by one ambiguous report do not).

Clustering happens here, in Python over the scored pairs, rather than in the
database, so DuckDB and Spark give the same clusters for the same pairs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_DAY_SPREAD = 2
MAX_KM_SPREAD = 20.0
TOLL_FACTOR = 4
TOLL_SLACK = 4
#: Points this close are one place; with two different names, only this close.
NEAR_KM = 2.0
SAME_POINT_KM = 1.0
#: A toll this large that two reports agree on is evidence; 1 or 2 dead agree by chance.
SPECIFIC_TOLL = 3
ROW_FIELDS = (
    "existing", "day", "day_end", "date_precision", "coarse", "lat", "lon", "place_norm", "place_skel",
    "admin1", "admin2", "weapons", "facilities", "target_kinds", "killed_lo", "killed_hi", "killed_best",
)  # fmt: skip
#: Reports per event the model was trained on (1-5 outlets, mean 2.3): a place with many
#: more records than that in three days holds several events.
REPORTS_PER_EVENT = 2.5
#: Share of the record pairs across two clusters that must be edges for them to join.
MIN_LINKAGE = 0.5
CELL_DEG = 0.02


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id becomes the root, so results do not depend on edge order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
        return ra


def connected_components(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each node to its component's id (the smallest node id in it)."""
    uf = _UnionFind(nodes)
    for a, b in edges:
        if a in uf.parent and b in uf.parent:
            uf.union(a, b)
    return {n: uf.find(n) for n in nodes}


@dataclass(slots=True)
class Profile:
    """What a cluster's members say, enough to decide whether another cluster may join it."""

    day_lo: int | None = None
    day_hi: int | None = None
    lat_lo: float | None = None
    lat_hi: float | None = None
    lon_lo: float | None = None
    lon_hi: float | None = None
    toll_lo: int | None = None
    toll_hi: int | None = None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Profile:
        p = cls()
        if row.get("date_precision") == "day" and row.get("day") is not None:
            p.day_lo = p.day_hi = int(row["day"])
        if row.get("lat") is not None and row.get("lon") is not None:
            p.lat_lo = p.lat_hi = float(row["lat"])
            p.lon_lo = p.lon_hi = float(row["lon"])
        best = row.get("killed_best")
        if best is not None and row.get("killed_hi") is not None:  # a definite count, not "at least"
            p.toll_lo = p.toll_hi = int(best)
        return p

    def union(self, other: Profile) -> Profile:
        return Profile(
            _lo(self.day_lo, other.day_lo), _hi(self.day_hi, other.day_hi),
            _lo(self.lat_lo, other.lat_lo), _hi(self.lat_hi, other.lat_hi),
            _lo(self.lon_lo, other.lon_lo), _hi(self.lon_hi, other.lon_hi),
            _lo(self.toll_lo, other.toll_lo), _hi(self.toll_hi, other.toll_hi),
        )  # fmt: skip

    def consistent(self) -> bool:
        """Whether one event could have all of these dates, places and tolls."""
        if self.day_lo is not None and self.day_hi is not None and self.day_hi - self.day_lo > MAX_DAY_SPREAD:
            return False
        if self.lat_lo is not None and self.lat_hi is not None and self.lon_lo is not None:
            assert self.lon_hi is not None
            mid = math.radians((self.lat_lo + self.lat_hi) / 2)
            dy = (self.lat_hi - self.lat_lo) * 111.2
            dx = (self.lon_hi - self.lon_lo) * 111.2 * math.cos(mid)
            if math.hypot(dx, dy) > MAX_KM_SPREAD:
                return False
        if self.toll_lo is not None and self.toll_hi is not None:
            return self.toll_hi <= TOLL_FACTOR * self.toll_lo + TOLL_SLACK
        return True


def _lo(a: Any, b: Any) -> Any:
    return b if a is None else (a if b is None else min(a, b))


def _hi(a: Any, b: Any) -> Any:
    return b if a is None else (a if b is None else max(a, b))


def _km(a: Mapping[str, Any], b: Mapping[str, Any]) -> float | None:
    if a.get("lat") is None or b.get("lat") is None or a.get("lon") is None or b.get("lon") is None:
        return None
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dlon = math.radians(b["lon"] - a["lon"])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _common(a: Any, b: Any) -> bool:
    return bool(a) and bool(b) and not set(a).isdisjoint(b)


def same_place(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool | None:
    """Whether two town-level rows name one place (a spelling, or one point); None if either is an area."""
    if a.get("coarse") or b.get("coarse") or not (a.get("place_norm") or a.get("lat") is not None):
        return None
    if not (b.get("place_norm") or b.get("lat") is not None):
        return None
    if a.get("place_skel") is not None and a.get("place_skel") == b.get("place_skel"):
        return True
    if a.get("place_norm") is not None and a.get("place_norm") == b.get("place_norm"):
        return True
    km = _km(a, b)
    if a.get("place_norm") and b.get("place_norm"):
        from rapidfuzz.distance import JaroWinkler

        if JaroWinkler.similarity(a["place_norm"], b["place_norm"]) >= 0.88:
            return km is None or km <= 10
        if _part_of(a["place_norm"], b["place_norm"]):
            return None  # "western Aleppo" and "Aleppo": neither the same place nor another
        # Two different names: one place only if the points all but coincide (two
        # gazetteers' points for one town); villages 2 km apart are two places.
        return km is not None and km <= SAME_POINT_KM
    return km is not None and km <= NEAR_KM


def _part_of(x: str, y: str) -> bool:
    """Whether one place name is the other with a qualifier in front ("easternghouta", "ghouta")."""
    short, long = sorted((x, y), key=len)
    return len(short) >= 4 and long.endswith(short)


def specific(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two feature rows agree on something that names one attack (see the module docstring).

    Two reports that name two different towns disagree on the place: only a
    named facility in common can bridge that (a hospital placed in the town
    next door by one geocoder), not a weapon or a toll.
    """
    place = same_place(a, b)
    if place:
        return True
    if _common(a.get("facilities"), b.get("facilities")):
        return True
    if place is False:
        return False
    if _common(a.get("weapons"), b.get("weapons")):
        return True
    if _common(a.get("target_kinds"), b.get("target_kinds")):
        return True  # a hospital, school, market, mosque ... hit: few are in one governorate on one day
    lo_a, lo_b = a.get("killed_lo"), b.get("killed_lo")
    if lo_a is None or lo_b is None or min(lo_a, lo_b) < SPECIFIC_TOLL:
        return False
    hi_a = a["killed_hi"] if a.get("killed_hi") is not None else 2 * lo_a + 3
    hi_b = b["killed_hi"] if b.get("killed_hi") is not None else 2 * lo_b + 3
    return bool(lo_a <= hi_b and lo_b <= hi_a)


class Rows:
    """Feature rows by id, read from a pyarrow feature table (only the columns the rules need)."""

    def __init__(self, table: Any) -> None:
        names = set(table.column_names)
        self.ids: list[str] = table.column("unique_id").to_pylist()
        self.index = {uid: i for i, uid in enumerate(self.ids)}
        self.cols = {c: table.column(c).to_pylist() for c in ROW_FIELDS if c in names}

    def __getitem__(self, uid: str) -> dict[str, Any]:
        i = self.index[uid]
        return {c: col[i] for c, col in self.cols.items()}

    def __contains__(self, uid: object) -> bool:
        return uid in self.index


def link_clusters(
    rows: Rows, pairs: Iterable[tuple[str, str, float]], *, nodes: Sequence[str] | None = None
) -> dict[str, str]:
    """Cluster ``nodes`` (default: every row) over the scored ``pairs`` by the rules above.

    Edges are taken strongest first. Two clusters join only if the union is
    consistent (:meth:`Profile.consistent`) and well knit: at least
    :data:`MIN_LINKAGE` of the record pairs across them are edges themselves.
    Reports of one event mostly match each other; two events bridged by one
    ambiguous report do not.

    Returns each node's cluster id: the smallest id in its cluster.
    """
    members_of = list(nodes) if nodes is not None else list(rows.ids)
    uf = _UnionFind(members_of)
    edges: list[tuple[str, str, float]] = []
    linked: set[tuple[str, str]] = set()
    for a, b, p in pairs:
        if a in uf.parent and b in uf.parent and a != b and specific(rows[a], rows[b]):
            edges.append((a, b, p))
            linked.add((a, b) if a < b else (b, a))
    profiles: dict[str, Profile] = {}
    members: dict[str, list[str]] = {}
    for a, b, _p in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        ma, mb = members.get(ra, [ra]), members.get(rb, [rb])
        if len(ma) * len(mb) > 1:
            across = sum(1 for x in ma for y in mb if ((x, y) if x < y else (y, x)) in linked)
            if across < MIN_LINKAGE * len(ma) * len(mb):
                continue
        pa = profiles.get(ra) or Profile.of(rows[ra])
        pb = profiles.get(rb) or Profile.of(rows[rb])
        joined = pa.union(pb)
        if not joined.consistent():
            continue
        root = uf.union(ra, rb)
        for r in (ra, rb):
            profiles.pop(r, None)
            members.pop(r, None)
        profiles[root] = joined
        members[root] = ma + mb
    return {n: uf.find(n) for n in members_of}


def crowding(rows: Rows) -> dict[tuple[str, int], float]:
    """How many events each place holds around each day, from the records themselves.

    Counted per place key (the town's spelling skeleton, else the district,
    else the governorate) over three days; a new record counts as one report,
    an incident already on record as a whole event's worth.
    """
    per_day: dict[tuple[str, int], float] = {}
    for i in range(len(rows.ids)):
        row = {c: col[i] for c, col in rows.cols.items()}
        key, day = place_key(row), row.get("day")
        if key is None or day is None:
            continue
        weight = REPORTS_PER_EVENT if row.get("existing") else 1.0
        per_day[(key, day)] = per_day.get((key, day), 0.0) + weight
    out: dict[tuple[str, int], float] = {}
    for key, day in per_day:
        n = sum(per_day.get((key, day + d), 0.0) for d in (-1, 0, 1))
        out[(key, day)] = n / REPORTS_PER_EVENT
    return out


def place_key(row: Mapping[str, Any]) -> str | None:
    """The place a row counts towards for crowding: a ~2 km grid cell (any spelling), a name, an area."""
    if row.get("lat") is not None and row.get("lon") is not None:
        return f"c:{round(row['lat'] / CELL_DEG)}:{round(row['lon'] / CELL_DEG)}"
    if row.get("place_skel"):
        return f"p:{row['place_skel']}"
    if row.get("admin2"):
        return f"d:{row['admin2']}"
    return f"g:{row['admin1']}" if row.get("admin1") else None


def density_adjusted(
    rows: Rows, pairs: Iterable[tuple[str, str, float]], threshold: float
) -> list[tuple[str, str, float]]:
    """The pairs whose score, discounted for a crowded place, still reaches ``threshold``.

    The model's weights were learned where a town sees about one event in
    three days. Where the records say a place holds ``k`` events around that
    day (a big town in a heavy week), two reports agreeing on town and day are
    ``k`` times weaker evidence: the odds are divided by ``k`` (Splink's term
    frequency adjustment, made local in time). A place with one event's worth
    of records is not touched.
    """
    crowd = crowding(rows)
    out = []
    for a, b, p in pairs:
        ra, rb = rows[a], rows[b]
        k = max(
            crowd.get((place_key(ra) or "", ra.get("day") or 0), 1.0),
            crowd.get((place_key(rb) or "", rb.get("day") or 0), 1.0),
        )
        if k > 1.0:
            p = min(p, 1 - 1e-12)
            odds = p / (1 - p) / k
            p = odds / (1 + odds)
        if p >= threshold:
            out.append((a, b, p))
    return out


def pairs_of(frame: Any) -> list[tuple[str, str, float]]:
    """``(id_l, id_r, probability)`` triples from a predict DataFrame."""
    return list(
        zip(
            frame["unique_id_l"].astype(str),
            frame["unique_id_r"].astype(str),
            frame["match_probability"].astype(float),
            strict=True,
        )
    )
