"""The bundled Syrian gazetteer and name resolution.

The data file (``geo/data/gazetteer.json.gz``, built by ``scripts/build_gazetteer.py``)
holds every OCHA admin unit and city neighbourhood, the OSM/IOM communities and the
GeoNames places, named regions (Eastern Ghouta, eastern Aleppo, ...), compass sectors of
each governorate ("northern Hama") and foreign places that reports mention.

Resolution works in three tiers, best first: the exact normalised key (articles,
punctuation and diacritics folded), the consonant skeleton (vowels, doubled letters and
common transliteration alternations folded), then a fuzzy ratio over normalised names
with a cut-off measured on held-out spelling pairs (see ``harmwatch.evaluation.geo``).
Candidates are ranked by tier, by what the descriptor words say ("governorate",
"town", "countryside"), by the caller's admin1 hint and nearby point, and by importance.
When the evidence is weak or two far-apart places tie, the answer falls back to the
admin level they share, or to ``precision="unknown"`` with the raw name kept: a vague
answer is better than a wrong confident point.
"""

from __future__ import annotations

import copy
import gzip
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from harmwatch.errors import HarmwatchError
from harmwatch.geo.mentions import Mention, Spotter, find_mentions
from harmwatch.geo.normalise import (
    NORMALISER_VERSION,
    alias_keys,
    canon_key,
    fold,
    norm_key,
    query_keys,
)
from harmwatch.geo.query import MODIFIERS, Query, parse
from harmwatch.models import Place

# The fuzzy cut-off (rapidfuzz ``fuzz.ratio`` on normalised keys, 0-100) and the skeleton
# similarity floor. Both were chosen from a sweep on the *development* half of the IOM/OSM
# spelling pairs with IOM aliases held out; the sweep is recorded in eval/geo.json.
FUZZY_CUTOFF = 84.0
SKELETON_MIN_SIM = 85.0
SKELETON_MIN_SIM_CTX = 70.0
# Two far-apart namesakes whose scores differ by less than this are a tie: the answer is
# the admin unit they share (or unknown), not a coin toss.
TIE_MARGIN = 0.15

# Governorates that are one city, and the governorate around each: "the Damascus
# countryside" or "Damascus suburbs" is Rural Damascus (SY03), not Damascus (SY01).
CITY_GOVERNORATES: dict[str, str] = {"SY01": "SY03"}
_OUTSIDE_CITY = re.compile(
    r"\b(?:countryside|countrysides|rural|rif|reef|suburbs?|outskirts|environs|surroundings|province|"
    r"ghouta)\b",
    re.IGNORECASE,
)

POPULATED = frozenset({"city", "town", "village", "hamlet"})
SETTLEMENT_KINDS = POPULATED | {"neighbourhood", "foreign_city"}
_KIND_PREF: dict[str, float] = {
    "country": 1.0,
    "admin1": 0.95,
    "foreign_country": 0.9,
    "city": 0.85,
    "region": 0.7,
    "town": 0.7,
    "foreign_city": 0.65,
    "admin2": 0.55,
    "admin3": 0.5,
    "neighbourhood": 0.45,
    "village": 0.4,
    "hamlet": 0.3,
    "sector": 0.1,
}
_PRECISION: dict[str, str] = {
    "admin1": "admin1",
    "admin2": "admin2",
    "admin3": "admin3",
    "neighbourhood": "neighbourhood",
    "city": "town",
    "town": "town",
    "village": "town",
    "hamlet": "town",
    "country": "country",
    "foreign_city": "town",
    "foreign_country": "country",
    "sector": "admin1",
    "region": "admin2",
}
_NOT_A_VILLAGE = frozenset({"foreign_city", "foreign_country", "country", "admin1", "sector"})
# Which row kinds each descriptor class accepts, in order of preference.
_ACCEPT: dict[str, frozenset[str]] = {
    "admin1": frozenset({"admin1", "sector", "country", "foreign_country"}),
    "admin2": frozenset({"admin2"}),
    "admin3": frozenset({"admin3"}),
    "settlement": SETTLEMENT_KINDS | {"region"},
    # "Douma village", "Saida village": not the city of that name, nor one abroad
    "village": frozenset({"village", "hamlet", "town", "neighbourhood"}),
    "neighbourhood": frozenset({"neighbourhood"}) | SETTLEMENT_KINDS | {"region"},
    "area": frozenset({"region", "admin3", "admin2", "admin1", "sector"}) | SETTLEMENT_KINDS,
    "countryside": frozenset({"admin1", "admin2", "admin3", "region", "sector"}) | SETTLEMENT_KINDS,
}


class GazetteerError(HarmwatchError):
    """The bundled gazetteer file is missing or unreadable (a packaging fault)."""


@dataclass(frozen=True)
class Row:
    """One gazetteer entry. ``adm1/2/3`` are OCHA P-codes (empty when unknown)."""

    idx: int
    kind: str
    name: str
    lat: float
    lon: float
    adm1: str
    adm2: str
    adm3: str
    pcode: str
    country: str
    pop: int
    precision: str
    sector: str = ""

    @property
    def importance(self) -> float:
        return math.log10(self.pop + 10) / 7.0


@dataclass
class Resolution:
    """What ``Gazetteer.resolve_full`` found: the place, a 0-1 confidence, the row."""

    place: Place
    score: float
    row: Row | None = None
    tier: str = "none"  # exact|canon|skeleton|fuzzy|none


def distance_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _data_path() -> Path:
    return Path(str(resources.files("harmwatch.geo") / "data" / "gazetteer.json.gz"))


class Gazetteer:
    """Syrian places and the names reports give them.

    Args:
        data: the parsed gazetteer file (defaults to the bundled one).
        include_held: include the IOM DTM spellings. ``False`` gives the held-out build the
            evaluation uses, so that resolving an IOM spelling measures variant matching
            rather than looking up the very string that was stored.
    """

    def __init__(
        self,
        data: dict[str, Any] | None = None,
        *,
        include_held: bool = True,
        fuzzy_cutoff: float = FUZZY_CUTOFF,
        skeleton_min_sim: float = SKELETON_MIN_SIM,
        skeleton_min_sim_ctx: float = SKELETON_MIN_SIM_CTX,
        use_canon: bool = True,
    ) -> None:
        if data is None:
            data = load_data()
        self.include_held = include_held
        self.fuzzy_cutoff = fuzzy_cutoff
        self.skeleton_min_sim = skeleton_min_sim
        self.skeleton_min_sim_ctx = skeleton_min_sim_ctx
        self.use_canon = use_canon
        self.tie_margin = TIE_MARGIN
        self.attribution: list[str] = list(data.get("attribution", []))
        self.admins: dict[str, tuple[int, str, str, str, float, float]] = {
            pc: (int(v[0]), str(v[1]), str(v[2]), str(v[3]), float(v[4]), float(v[5]))
            for pc, v in data["admins"].items()
        }
        cols = {c: i for i, c in enumerate(data["columns"])}
        self.rows: list[Row] = []
        self.exact: dict[str, list[int]] = {}
        self.skel: dict[str, list[int]] = {}
        self.canon: dict[str, list[int]] = {}
        self._row_nk: list[list[str]] = []  # per row: its normalised keys
        self._row_ck: list[list[str]] = []  # per row: its canonical keys
        self.sectors: dict[tuple[str, str], int] = {}
        self.admin_rows: dict[str, int] = {}
        self.full: dict[str, list[int]] = {}
        precomputed = data.get("normaliser") == NORMALISER_VERSION and "keys" in cols
        for i, rec in enumerate(data["places"]):
            kind = rec[cols["kind"]]
            extra = rec[cols["extra"]] or {}
            adm1, adm2, adm3 = self._chain(rec[cols["adm"]])
            row = Row(
                idx=i,
                kind=kind,
                name=rec[cols["name"]],
                lat=float(rec[cols["lat"]]),
                lon=float(rec[cols["lon"]]),
                adm1=adm1,
                adm2=adm2,
                adm3=adm3,
                pcode=rec[cols["pcode"]],
                country=rec[cols["country"]],
                pop=int(rec[cols["pop"]] or 0),
                precision=extra.get("precision") or _PRECISION.get(kind, "town"),
                sector=extra.get("sector", ""),
            )
            self.rows.append(row)
            self._row_nk.append([])
            self._row_ck.append([])
            if kind == "sector":
                self.sectors[(adm1, row.sector)] = i
            if kind in ("admin1", "admin2", "admin3"):
                self.admin_rows[row.pcode] = i
            if precomputed:
                keys = list(rec[cols["keys"]])
                if include_held:
                    keys += rec[cols["held_keys"]]
                for nk, fk, sks, ck in keys:
                    self._add_keys(i, nk, fk or nk, sks, ck or nk)
            else:
                names = list(rec[cols["aliases"]])
                if include_held:
                    names += rec[cols["held"]]
                for name in names:
                    nk, fk, sks, ck = alias_keys(name)
                    if nk:
                        self._add_keys(i, nk, fk, sks, ck)
        self._fuzzy_keys: list[str] = []
        self._fuzzy_rows: list[list[int]] = []
        for k, ids in self.exact.items():
            if len(k) >= 4 and k[0] < "\u0600":
                self._fuzzy_keys.append(k)
                self._fuzzy_rows.append(ids)
        self._spotter: Spotter | None = None
        self._resolve_cached = lru_cache(maxsize=50000)(self._resolve_uncached)

    # --- building -------------------------------------------------------------------
    def _chain(self, pc: str) -> tuple[str, str, str]:
        a1 = a2 = a3 = ""
        while pc and pc in self.admins:
            level = self.admins[pc][0]
            if level == 1:
                a1 = pc
            elif level == 2:
                a2 = pc
            elif level == 3:
                a3 = pc
            pc = self.admins[pc][3]
        return a1, a2, a3

    def _add_keys(self, i: int, nk: str, fk: str, sks: list[str], ck: str) -> None:
        if nk not in self._row_nk[i]:
            self._row_nk[i].append(nk)
        if ck not in self._row_ck[i]:
            self._row_ck[i].append(ck)
        for index, key in ((self.exact, nk), (self.full, fk), (self.canon, ck)):
            lst = index.get(key)
            if lst is None:
                index[key] = [i]
            elif lst[-1] != i and i not in lst:
                lst.append(i)
        for sk in sks:
            lst = self.skel.get(sk)
            if lst is None:
                self.skel[sk] = [i]
            elif lst[-1] != i and i not in lst:
                lst.append(i)

    # --- places ---------------------------------------------------------------------
    def admin_name(self, pcode: str | None) -> str | None:
        if not pcode or pcode not in self.admins:
            return None
        return self.admins[pcode][1]

    def place_of(self, row: Row, *, precision: str | None = None, name: str | None = None) -> Place:
        """The SPEC ``Place`` for a row; admin names are OCHA English."""
        syrian = row.country == "SY"
        return Place(
            name=name or row.name,
            admin1=self.admin_name(row.adm1) if syrian else None,
            admin1_pcode=(row.adm1 or None) if syrian else None,
            admin2=self.admin_name(row.adm2) if syrian else None,
            admin2_pcode=(row.adm2 or None) if syrian else None,
            admin3=self.admin_name(row.adm3) if syrian else None,
            admin3_pcode=(row.adm3 or None) if syrian else None,
            lat=row.lat,
            lon=row.lon,
            precision=precision or row.precision,  # type: ignore[arg-type]
            country=row.country,
        )

    def admin_place(self, pcode: str) -> Place:
        """The ``Place`` of an OCHA admin unit by P-code."""
        i = self.admin_rows.get(pcode)
        if i is None:
            return Place(name=pcode, precision="unknown")
        return self.place_of(self.rows[i])

    def lift(self, row: Row, level: int) -> Row:
        """The admin unit of ``level`` containing ``row`` (or ``row`` itself)."""
        pc = {1: row.adm1, 2: row.adm2, 3: row.adm3}[level]
        i = self.admin_rows.get(pc) if pc else None
        return self.rows[i] if i is not None else row

    # --- lookup ---------------------------------------------------------------------
    def candidates(self, name: str, *, fuzzy: bool = True) -> list[tuple[int, float, str, float]]:
        """Rows that ``name`` could mean: ``(row index, 0-1 match score, tier, similarity 0-100)``.

        Tiers: ``exact`` (normalised key), ``skeleton`` (consonant skeleton, with the best
        ``fuzz.ratio`` against the row's names as similarity), ``fuzzy`` (ratio above the
        cut-off, only tried when nothing else matched). Callers decide which tiers to trust.
        """
        nk, fk, sks, ck = query_keys(name)
        if not nk:
            return []
        out: dict[int, tuple[float, str, float]] = {}
        # An exact key match that also agrees on articles ("Hama" vs "Al-Hama") scores 1.0.
        exact = self.exact.get(nk)
        if exact:
            full = self.full.get(fk, ())
            for i in exact:
                out[i] = (1.0 if i in full else 0.93, "exact", 100.0)
        if self.use_canon:
            for i in self.canon.get(ck, ()):
                if i not in out:
                    out[i] = (0.92, "canon", 95.0)
        for sk in sks:
            ids = self.skel.get(sk)
            if not ids:
                continue
            for i in ids:
                if i in out:
                    continue
                sim = self._best_alias_sim(nk, i)
                out[i] = (0.75 + 0.2 * sim / 100.0, "skeleton", sim)
        if not out and fuzzy and self.fuzzy_cutoff <= 100 and len(nk) >= 4 and nk[0] < "\u0600":
            for _key, score, j in process.extract(
                nk, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff, limit=8
            ):
                for i in self._fuzzy_rows[j]:
                    s = 0.45 + 0.3 * (score - self.fuzzy_cutoff) / max(1.0, 100 - self.fuzzy_cutoff)
                    if i not in out or out[i][0] < s:
                        out[i] = (s, "fuzzy", float(score))
        return [(i, s, t, sim) for i, (s, t, sim) in out.items()]

    def _best_alias_sim(self, nk: str, i: int) -> float:
        """Best ``fuzz.ratio`` between the query key and any normalised key of row ``i``.

        (Comparing canonical keys here as well was measured and rejected: it let more
        wrong villages past the floor than it rescued variants; see eval/geo.json.)"""
        best = 0.0
        for key in self._row_keys(i)[0]:
            r = fuzz.ratio(nk, key)
            if r > best:
                best = r
        return best

    def _canon_sim(self, ck: str, i: int) -> float:
        """Best ``fuzz.ratio`` between a canonical query key and the canonical keys of row ``i``."""
        best = 0.0
        for key in self._row_keys(i)[1]:
            r = fuzz.ratio(ck, key)
            if r > best:
                best = r
        return best

    def _row_keys(self, i: int) -> tuple[list[str], list[str]]:
        """The normalised and canonical keys of row ``i`` (collected while loading)."""
        if i >= len(self._row_nk):
            return [], []
        return self._row_nk[i], self._row_ck[i]

    # --- resolution -----------------------------------------------------------------
    def resolve(
        self,
        name: str,
        *,
        admin1_hint: str | None = None,
        near: tuple[float, float] | None = None,
        fallback: Place | None = None,
    ) -> Place:
        """The place a name means. Unknown names give ``Place(name=raw, precision="unknown")``.

        Args:
            name: a place string, possibly with descriptor words ("Idlib town",
                "northern Hama countryside", "#Rif_Dimashq", "near Saraqib",
                "Abu Juraif village, Idlib governorate", "between X and Y").
            admin1_hint: a governorate (any spelling, or a P-code) the place is known to lie in.
            near: (lat, lon) of places resolved nearby, to break ties between namesakes.
            fallback: where the surrounding text says the event was (e.g. the report's
                ``geoparse`` event place). An unknown name then gets that place, with the raw
                name kept and a precision no finer than admin3: the village is somewhere
                there, not at that town's point.
        """
        return self.resolve_full(name, admin1_hint=admin1_hint, near=near, fallback=fallback).place

    def resolve_full(
        self,
        name: str,
        *,
        admin1_hint: str | None = None,
        near: tuple[float, float] | None = None,
        fallback: Place | None = None,
    ) -> Resolution:
        """Like ``resolve`` with the 0-1 confidence, the gazetteer row and the match tier."""
        if not isinstance(name, str):
            return Resolution(Place(name=None, precision="unknown"), 0.0)
        raw = name.strip()
        if not raw or len(raw) > 200:
            return Resolution(Place(name=raw[:200] or None, precision="unknown"), 0.0)
        hint = self._hint_pcode(admin1_hint) if admin1_hint else ""
        near_key = (round(near[0], 2), round(near[1], 2)) if near else None
        res = self._resolve_cached(raw, hint, near_key)
        place = copy.copy(res.place)  # callers may set .span; the cached one stays clean
        if place.precision == "unknown" and fallback is not None:
            fb = _coarse(fallback, raw)
            if fb is not None:
                return Resolution(fb, 0.3, None, "fallback")
        return Resolution(place, res.score, res.row, res.tier)

    def _hint_pcode(self, hint: str) -> str:
        h = hint.strip()
        if h.upper() in self.admins and self.admins[h.upper()][0] == 1:
            return h.upper()
        a = self.admin1(h)
        return a[1] if a else ""

    def _resolve_uncached(self, raw: str, hint: str, near: tuple[float, float] | None) -> Resolution:
        q = parse(raw)
        if q.between:
            return self._resolve_between(q, hint, near)
        # Qualifiers ("(Tall Tamr area)", ", Idlib governorate", ", in rural Hama") say which
        # governorate the name lies in, and where to fall back to when the name is unknown.
        ctx: tuple[Resolution, str | None] | None = None
        for nm, kind in zip(q.context, q.context_kinds, strict=False):
            sq = parse(nm)
            if kind and not sq.kind:
                sq.kind = kind
            r = self._resolve_query(sq, nm, hint, near)
            if r is not None and r.row is not None and r.place.country == "SY" and r.place.admin1_pcode:
                ctx = (r, kind)
                break
        use_hint = hint or (ctx[0].place.admin1_pcode or "" if ctx else "")
        best = self._resolve_query(q, raw, use_hint, near)
        if best is not None:
            return best
        if ctx is not None:
            r, kind = ctx
            assert r.row is not None
            if kind in ("admin1", "admin2", "admin3", "countryside") or r.row.kind in (
                "admin1",
                "admin2",
                "admin3",
                "sector",
                "region",
            ):
                # "X village, Idlib governorate": somewhere in that unit, not a wrong point
                p = Place(**r.place.__dict__)
                p.name = raw
                if p.precision in ("point", "neighbourhood", "town"):
                    p.precision = "admin3"
                return Resolution(p, r.score * 0.6, r.row, r.tier)
            # "Tall Tawil (Tall Tamr area)": near that town, i.e. in its subdistrict
            lifted = self.lift(r.row, 3)
            if lifted is not r.row:
                return Resolution(self.place_of(lifted, name=raw), r.score * 0.6, lifted, r.tier)
            p3 = self.place_of(r.row, name=raw, precision="admin3")
            return Resolution(p3, r.score * 0.6, r.row, r.tier)
        return Resolution(Place(name=raw, precision="unknown"), 0.0)

    def _resolve_query(
        self, q: Query, raw: str, hint: str, near: tuple[float, float] | None
    ) -> Resolution | None:
        """The main look-up of one parsed string, or ``None``."""
        # 1. the whole string as given ("Damascus countryside", "Tiyas military Airbase")
        whole = raw.lstrip("#").replace("_", " ")
        best = None
        if [whole] != q.names:
            best = self._pick(self.candidates(whole, fuzzy=False), q, hint, near, exact_only=True)
        if best is None:
            # fuzzy candidates are only trusted with context, so only looked for with it
            context = bool(hint) or near is not None
            for nm in q.names:
                best = self._pick(self.candidates(nm, fuzzy=context), q, hint, near, name=nm)
                if best is not None:
                    break
        if best is None:
            # "Qastun al Gharbi", "Baghuz Fawqani": the bare name is the same locality.
            for nm in q.names:
                toks = norm_key(nm).split()
                core = [t for t in toks if t not in MODIFIERS]
                if core and len(core) < len(toks):
                    r = self._pick(self.candidates(" ".join(core), fuzzy=False), q, hint, near)
                    if r is not None and r.row is not None and r.row.kind in POPULATED:
                        return Resolution(self.place_of(r.row, name=raw), r.score * 0.8, r.row, r.tier)
        return best

    def _resolve_between(self, q: Query, hint: str, near: tuple[float, float] | None) -> Resolution:
        """ "Road between As Sukhnah and Tadmur": the midpoint, as vague as the ends are apart."""
        ends = []
        for nm in q.names[:2]:
            r = self._resolve_query(parse(nm), nm, hint, near)
            if r is not None and r.row is not None and r.place.lat is not None and r.place.lon is not None:
                ends.append(r)
        if not ends:
            return Resolution(Place(name=q.raw, precision="unknown"), 0.0)
        if len(ends) == 1:
            r = ends[0]
            assert r.row is not None
            p3 = self.place_of(r.row, name=q.raw, precision="admin3")
            return Resolution(p3, r.score * 0.5, r.row, r.tier)
        a, b = ends
        assert a.row is not None and b.row is not None
        assert a.place.lat is not None and a.place.lon is not None
        assert b.place.lat is not None and b.place.lon is not None
        d = distance_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)
        shared = self._shared_admin(a.row, b.row)
        base = self.place_of(shared, name=q.raw) if shared is not None else Place(name=q.raw, country="SY")
        base.lat = round((a.place.lat + b.place.lat) / 2, 5)
        base.lon = round((a.place.lon + b.place.lon) / 2, 5)
        by_distance = "admin3" if d <= 10 else "admin2" if d <= 60 else "admin1"
        by_unit = _PRECISION.get(shared.kind, by_distance) if shared is not None else by_distance
        order = ("admin3", "admin2", "admin1")
        base.precision = by_unit if order.index(by_unit) < order.index(by_distance) else by_distance  # type: ignore[assignment]
        return Resolution(base, min(a.score, b.score) * 0.6, shared, a.tier)

    def _pick(
        self,
        cands: list[tuple[int, float, str, float]],
        q: Query,
        hint: str,
        near: tuple[float, float] | None,
        exact_only: bool = False,
        name: str | None = None,
    ) -> Resolution | None:
        if not cands:
            return None
        ck = canon_key(name) if name and self.use_canon else None
        accept = _ACCEPT.get(q.kind) if q.kind else None
        if q.kind in ("admin1", "countryside") and any(
            t in ("exact", "canon") and self.rows[i].kind == "admin1" for i, _s, t, _sim in cands
        ):
            # "Hama province", "the Hama countryside": the governorate of that name, whatever
            # governorate the context leans to (a village called Al-Hama near Damascus is
            # not what "Hama province" means).
            cands = [c for c in cands if self.rows[c[0]].kind in ("admin1", "sector")]
        scored: list[tuple[float, Row, float, str]] = []
        context = bool(hint) or near is not None
        for i, s, tier, sim in cands:
            row = self.rows[i]
            if exact_only and tier != "exact":
                continue
            # Outside the closed world of known spellings a loose match is more often a
            # different village than a variant (see eval/geo.json): skeleton matches need
            # a close spelling, fuzzy ones need context that agrees.
            if tier == "skeleton":
                floor = self.skeleton_min_sim_ctx if context else self.skeleton_min_sim
                if sim < floor and not (
                    # with context that agrees, the canonical spellings may vouch for it
                    # ("Abadeen" ~ "Abdin": 67 as written, 91 canonically)
                    ck is not None and hint and row.adm1 == hint and self._canon_sim(ck, i) >= floor
                ):
                    continue

            elif tier == "fuzzy":
                if not context:
                    continue
                if hint and row.adm1 != hint:
                    continue
                if near is not None and distance_km(near[0], near[1], row.lat, row.lon) > 30:
                    continue
            if row.kind == "sector" and not q.direction:
                continue
            if q.kind == "village" and row.kind in _NOT_A_VILLAGE:
                continue  # "Saida village" is not Sidon, "Hama village" not the governorate
            score = 2.0 * s + 0.5 * _KIND_PREF.get(row.kind, 0.3) + 0.3 * row.importance
            if row.kind == "admin1" and q.kind is None:
                # A bare governorate name ("shelling in Idlib") is read as the governorate:
                # that reading is true whichever was meant, the city reading may not be.
                score += 0.35
            if accept is not None and row.kind not in accept:
                # A settlement asked for as a district ("Maarat al-Numaan district") is lifted
                # later; other mismatches only lose points, so a misworded descriptor
                # does not lose the place.
                score -= 0.6
            if hint:
                if row.country != "SY":
                    score -= 1.0
                elif row.adm1 == hint:
                    score += 1.5
                elif row.adm1:
                    # The text places it in another governorate: only an exact name may
                    # overrule that (the hint itself can be wrong); a loose match is
                    # more likely a different village.
                    if tier != "exact":
                        continue
                    score -= 0.8
            if near is not None:
                d = distance_km(near[0], near[1], row.lat, row.lon)
                score += max(0.0, 1.0 - d / 40.0)
            scored.append((score, row, s, tier))
        if not scored:
            return None
        scored.sort(key=lambda t: (-t[0], t[1].idx))
        top_score, row, s, tier = scored[0]
        # The seat rule: "Kafr Nabl" names both a subdistrict and its town; the town's
        # point is the better answer when it lies inside that unit.
        if row.kind in ("admin2", "admin3") and q.kind not in ("admin2", "admin3", "countryside", "area"):
            for sc, other, s2, _t in scored[1:]:
                if (
                    other.kind in POPULATED
                    and s2 >= s - 1e-9
                    and (
                        (row.kind == "admin3" and other.adm3 == row.pcode)
                        or (row.kind == "admin2" and other.adm2 == row.pcode)
                    )
                    and sc > top_score - 1.0
                ):
                    row = other
                    break
        confidence = min(1.0, s)
        # Ties between far-apart namesakes matched equally well: answer with what they share.
        if len(scored) > 1 and not hint and near is None:
            for sc2, row2, s2, _t2 in scored[1:]:
                if top_score - sc2 >= self.tie_margin:
                    break
                if row2.idx == row.idx or s2 < s - 0.02 or (accept is not None and row2.kind not in accept):
                    continue
                if distance_km(row.lat, row.lon, row2.lat, row2.lon) <= 15.0:
                    continue
                shared = self._shared_admin(row, row2)
                if shared is not None and shared.idx in (row.idx, row2.idx):
                    continue  # one contains the other (Hama city in Hama governorate)
                if shared is None:
                    return Resolution(Place(name=q.raw, precision="unknown"), confidence * 0.3, None, tier)
                return Resolution(self.place_of(shared, name=q.raw), confidence * 0.5, shared, tier)
        return Resolution(self._shape(row, q), confidence, row, tier)

    def _shared_admin(self, a: Row, b: Row) -> Row | None:
        if a.kind in ("admin1", "admin2", "admin3") and a.pcode in (b.adm1, b.adm2, b.adm3):
            return a
        if b.kind in ("admin1", "admin2", "admin3") and b.pcode in (a.adm1, a.adm2, a.adm3):
            return b
        for level, pa, pb in ((3, a.adm3, b.adm3), (2, a.adm2, b.adm2), (1, a.adm1, b.adm1)):
            if pa and pa == pb:
                return self.lift(a, level)
        return None

    def _shape(self, row: Row, q: Query) -> Place:
        """Apply descriptor words to the chosen row (lift to a district, a sector, ...)."""
        if row.country != "SY":
            return self.place_of(row)
        kind = q.kind
        if (
            row.adm1 in CITY_GOVERNORATES
            and row.kind in ("admin1", "admin2", "admin3", "city")
            and _OUTSIDE_CITY.search(q.raw)
        ):
            # "the Damascus countryside", "Damascus suburbs": the governorate around the city
            outer = self.admin_rows.get(CITY_GOVERNORATES[row.adm1])
            if outer is not None:
                row = self.rows[outer]
                kind = "admin1"
        if (
            q.direction
            and row.kind in ("admin1", "city", "town")
            and kind in ("admin1", "countryside", "area", None)
        ):
            adm1 = row.adm1
            if row.kind == "admin1" or kind in ("countryside", "admin1"):
                i = self.sectors.get((adm1, q.direction))
                if i is not None:
                    sec = self.rows[i]
                    return self.place_of(sec, name=f"{q.direction.capitalize()} {self.admin_name(adm1)}")
                return self.place_of(self.lift(row, 1))
        if kind == "admin1" and row.kind not in ("admin1", "sector", "country"):
            return self.place_of(self.lift(row, 1))
        if kind in ("admin2", "admin3") and row.kind == "neighbourhood":
            # "the Sukkari district of Aleppo": English reports call a city quarter a
            # district; no quarter names an administrative district.
            return self.place_of(row)
        if kind == "admin2" and row.kind not in ("admin2", "admin1"):
            return self.place_of(self.lift(row, 2))
        if kind == "admin3" and row.kind in SETTLEMENT_KINDS:
            return self.place_of(self.lift(row, 3))
        if kind == "countryside":
            if row.kind == "admin1" or (row.kind in POPULATED and row.adm1 and self._is_admin1_seat(row)):
                # "the Aleppo countryside": the governorate without its main city
                i = self.sectors.get((row.adm1, "countryside"))
                if i is not None:
                    return self.place_of(self.rows[i])
                return self.place_of(self.lift(row, 1))
            if row.kind in POPULATED or row.kind == "neighbourhood":
                # "Saraqib countryside": around the town, i.e. its subdistrict.
                return self.place_of(row, precision="admin3")
        return self.place_of(row)

    @lru_cache(maxsize=4096)  # noqa: B019
    def _is_admin1_seat(self, row: Row) -> bool:
        """Is this town the governorate's namesake capital (Hama in Hama)?"""
        i = self.admin_rows.get(row.adm1)
        if i is None or row.kind not in POPULATED:
            return False
        return any(c[0] == i and c[2] == "exact" for c in self.candidates(row.name, fuzzy=False))

    # --- governorates ---------------------------------------------------------------
    def admin1(self, name: str) -> tuple[str, str] | None:
        """``(OCHA English admin1 name, P-code)`` for any governorate spelling, hashtag or
        "countryside" form ("#Rif_Dimashq", "Reef Damascus", "Idlib's countryside");
        ``None`` when the name is not a governorate (or a region/district inside one)."""
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            return None
        return self._admin1_cached(name.strip())

    @lru_cache(maxsize=4096)  # noqa: B019
    def _admin1_cached(self, name: str) -> tuple[str, str] | None:
        q = parse(name)
        whole = name.lstrip("#").replace("_", " ")
        tries = [whole, *q.names]
        for nm in tries:
            cands = self.candidates(nm, fuzzy=False)
            best: tuple[float, Row] | None = None
            for i, s, tier, sim in cands:
                if tier == "skeleton" and sim < self.skeleton_min_sim:
                    continue
                row = self.rows[i]
                if row.country != "SY" or not row.adm1:
                    continue
                if row.kind == "admin1":
                    pref = 3.0
                elif row.kind in ("region", "sector", "admin2"):
                    pref = 2.0
                elif row.kind == "city" or (row.kind in POPULATED and self._is_admin1_seat(row)):
                    pref = 1.5
                else:
                    continue
                sc = pref + s
                if best is None or sc > best[0]:
                    best = (sc, row)
            if best is not None:
                a1 = best[1].adm1
                if a1 in CITY_GOVERNORATES and _OUTSIDE_CITY.search(name):
                    # "the Damascus countryside", "suburbs of Damascus", "Reef Damascus":
                    # the governorate around the city, not the city's own.
                    a1 = CITY_GOVERNORATES[a1]
                return (self.admins[a1][1], a1)
        return None

    # --- free text ------------------------------------------------------------------
    def spotter(self) -> Spotter:
        """The toponym index over this gazetteer (built on first use)."""
        if self._spotter is None:
            self._spotter = Spotter(self)
        return self._spotter

    def find_mentions(self, text: str, *, admin1_hint: str | None = None) -> list[Mention]:
        """Toponyms in free text, resolved in each other's context, each with a role
        (``event``, ``mentioned``, ``foreign``, ``origin``). See ``harmwatch.geo.mentions``."""
        return find_mentions(self, text, admin1_hint=admin1_hint)

    # --- iteration helpers used by mentions and evaluation ---------------------------
    def rows_of_kind(self, kinds: Iterable[str]) -> list[Row]:
        ks = set(kinds)
        return [r for r in self.rows if r.kind in ks]


def _coarse(p: Place, raw: str) -> Place | None:
    """A fallback place for an unknown name: same unit, raw name, no finer than admin3."""
    if p.country not in (None, "SY") or p.lat is None or p.lon is None or p.precision == "unknown":
        return None
    out = Place(**p.__dict__)
    out.name = raw
    out.span = None
    if out.precision in ("point", "neighbourhood", "town"):
        out.precision = "admin3"
    return out


def load_data(path: Path | None = None) -> dict[str, Any]:
    p = path or _data_path()
    try:
        with gzip.open(p, "rb") as fh:
            data: dict[str, Any] = json.loads(fh.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read the bundled gazetteer at {p}: {exc}") from exc
    if data.get("format") != 1:
        raise GazetteerError(f"unsupported gazetteer format {data.get('format')!r} in {p}")
    return data


_DEFAULT: Gazetteer | None = None
_HELD_OUT: Gazetteer | None = None


def get_gazetteer(*, include_held: bool = True) -> Gazetteer:
    """The shared gazetteer (loaded once per process)."""
    global _DEFAULT, _HELD_OUT
    if include_held:
        if _DEFAULT is None:
            _DEFAULT = Gazetteer()
        return _DEFAULT
    if _HELD_OUT is None:
        _HELD_OUT = Gazetteer(include_held=False)
    return _HELD_OUT


__all__ = ["Gazetteer", "GazetteerError", "Resolution", "Row", "distance_km", "fold", "get_gazetteer"]
