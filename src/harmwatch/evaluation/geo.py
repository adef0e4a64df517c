"""Evaluate the gazetteer and resolver on real data (area "geo").

Two measurements, both on data the resolver was not built from:

1. **UCDP GED Syria 2020** ``where_coordinates`` strings ("Western Deir ez Zor
   governorate", "Maarrat al-Numan town", "Tall Tawil (Tall Tamr area) village") against
   UCDP's own latitude/longitude. Scores: the share of events resolved at all, admin1
   accuracy (the gold governorate is the OCHA admin1 polygon containing UCDP's point), and
   the share within 5 km and 25 km. Each is given over all events and over the events
   whose point lies within 2 km of some settlement in the gazetteer ("covered"): the
   gazetteer holds ~2,800 Syrian settlements while UCDP names many villages that no
   bundled source lists, and no spelling skill can place a name that is not there.
   A second run gives the resolver the event's headline (``source_article``) as context:
   the governorate the headline names becomes the admin1 hint, which is how the pipeline
   resolves places inside a report.

2. **IOM DTM / OSM spelling pairs**. Each of the 2,455 communities has an IOM spelling
   and the OpenStreetMap spelling of the same place. The gazetteer is built *without* the
   IOM spellings (``include_held=False``), so resolving an IOM spelling measures variant
   matching, not a look-up of the stored string. Correct = the answer lies within 2 km of
   the OSM point. The pairs are split in two by a hash of their id: the fuzzy cut-off is
   chosen on the development half (the sweep is recorded) and the scores are reported on
   the test half, with and without the governorate as a hint, over all pairs and over the
   pairs whose two spellings differ after normalisation (the hard ones).

Run: ``python -m harmwatch.evaluation.geo`` (writes ``eval/geo.json``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from harmwatch.geo import Gazetteer, distance_km, geoparse, get_gazetteer
from harmwatch.geo.gazetteer import FUZZY_CUTOFF, SKELETON_MIN_SIM, SKELETON_MIN_SIM_CTX, load_data
from harmwatch.geo.normalise import norm_key

REPO = Path(__file__).resolve().parents[3]
OUT = REPO / "eval" / "geo.json"
BASEMAP = Path(__file__).resolve().parents[1] / "web" / "static" / "basemap" / "syria_admin1.geojson"
COMMAND = "python -m harmwatch.evaluation.geo"


# Floors: measured values minus about 0.02 (see the notes for the measured numbers).
def shared_data() -> Path:
    root = Path(os.environ.get("HARMWATCH_SHARED", REPO.parent / "shared")) / "data"
    return root


# --- gold admin1 by point in polygon ----------------------------------------------------


class Admin1Polygons:
    """OCHA admin1 polygons (the simplified basemap) for point-in-polygon look-ups."""

    def __init__(self, path: Path = BASEMAP) -> None:
        fc = json.loads(path.read_text(encoding="utf-8"))
        self.units: list[
            tuple[str, list[list[list[tuple[float, float]]]], tuple[float, float, float, float]]
        ] = []
        for f in fc["features"]:
            g = f["geometry"]
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            rings = [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in polys]
            xs = [x for poly in rings for ring in poly for x, _ in ring]
            ys = [y for poly in rings for ring in poly for _, y in ring]
            self.units.append((f["properties"]["pcode"], rings, (min(xs), min(ys), max(xs), max(ys))))

    @staticmethod
    def _in_ring(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
        inside = False
        n = len(ring)
        j = n - 1
        for i in range(n):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / ((yj - yi) or 1e-12) + xi:
                inside = not inside
            j = i
        return inside

    def admin1_at(self, lat: float, lon: float) -> str | None:
        best: tuple[float, str] | None = None
        for pcode, polys, (x0, y0, x1, y1) in self.units:
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                for poly in polys:
                    if self._in_ring(lon, lat, poly[0]) and not any(
                        self._in_ring(lon, lat, h) for h in poly[1:]
                    ):
                        return pcode
            # nearest vertex fallback for points on the simplified border
            for poly in polys:
                for x, y in poly[0][:: max(1, len(poly[0]) // 200)]:
                    d = (x - lon) ** 2 + (y - lat) ** 2
                    if best is None or d < best[0]:
                        best = (d, pcode)
        return best[1] if best else None


# --- UCDP ---------------------------------------------------------------------------


def _ucdp_rows(root: Path) -> list[dict[str, str]]:
    with (root / "ucdp_ged_syria_2020" / "ucdp_ged_syria_2020.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _headline(src: str) -> str:
    # '"SOHR,2020-01-19,ISIS resurgence: ..."' -> the text after the source and date
    parts = [p.strip().strip('"') for p in src.split('";"')]
    heads = []
    for p in parts:
        bits = p.strip('"').split(",", 2)
        heads.append(bits[2] if len(bits) == 3 else p)
    return " ".join(heads)


def evaluate_ucdp(gaz: Gazetteer, root: Path, polys: Admin1Polygons) -> dict[str, Any]:
    rows = _ucdp_rows(root)
    settlements = [
        (r.lat, r.lon)
        for r in gaz.rows
        if r.country == "SY" and r.kind in ("city", "town", "village", "hamlet", "neighbourhood")
    ]
    out: dict[str, Any] = {}
    misses: dict[str, int] = {}
    breakdown: dict[str, dict[str, int]] = {}
    for mode in ("name", "context"):
        n = resolved = a1 = w5 = w25 = wrong = 0
        cov_n = cov_a1 = cov_w5 = cov_w25 = 0
        for r in rows:
            lat, lon = float(r["latitude"]), float(r["longitude"])
            gold = polys.admin1_at(lat, lon)
            hint = None
            fallback = None
            if mode == "context":
                gp = geoparse(_headline(r["source_article"]), gazetteer=gaz)
                hint = gp.admin1_pcodes[0] if gp.admin1_pcodes else None
                if hint:
                    # a name the gazetteer lacks, in a report about one governorate: the
                    # report's own event place if it lies there, else the governorate
                    ev = gp.event_place
                    fallback = ev if ev.admin1_pcode == hint else gaz.admin_place(hint)
            p = gaz.resolve(r["where_coordinates"], admin1_hint=hint, fallback=fallback)
            n += 1
            ok_a1 = p.admin1_pcode is not None and p.admin1_pcode == gold
            d = distance_km(lat, lon, p.lat, p.lon) if p.lat is not None and p.lon is not None else 1e9
            resolved += p.precision != "unknown"
            a1 += ok_a1
            w5 += d <= 5
            w25 += d <= 25
            wrong += p.precision in ("point", "neighbourhood", "town") and d > 25
            covered = any(
                abs(s[0] - lat) < 0.03 and abs(s[1] - lon) < 0.04 and distance_km(lat, lon, s[0], s[1]) <= 2
                for s in settlements
            )
            if mode == "name":
                cat = _category(r["where_coordinates"])
                if cat == "settlement":
                    cat = "settlement_in_sources" if covered else "settlement_missing"
                b = breakdown.setdefault(
                    cat,
                    {
                        "events": 0,
                        "admin1_ok": 0,
                        "within_25km": 0,
                        "unknown": 0,
                        "wrong_confident": 0,
                        "wrong_vague": 0,
                    },
                )
                b["events"] += 1
                b["admin1_ok"] += ok_a1
                b["within_25km"] += d <= 25
                if d > 25:
                    if p.precision == "unknown":
                        b["unknown"] += 1
                    elif p.precision in ("point", "neighbourhood", "town"):
                        b["wrong_confident"] += 1
                    else:
                        b["wrong_vague"] += 1
            if covered:
                cov_n += 1
                cov_a1 += ok_a1
                cov_w5 += d <= 5
                cov_w25 += d <= 25
                if mode == "name" and d > 25:
                    misses[r["where_coordinates"]] = misses.get(r["where_coordinates"], 0) + 1
        pre = "ucdp" if mode == "name" else "ucdp_ctx"
        out[f"{pre}_resolved"] = resolved / n
        out[f"{pre}_admin1_acc"] = a1 / n
        out[f"{pre}_within_5km"] = w5 / n
        out[f"{pre}_within_25km"] = w25 / n
        out[f"{pre}_wrong_town_point_over_25km"] = wrong / n
        out[f"{pre}_not_wrong_confident"] = 1.0 - wrong / n
        out[f"{pre}_covered_admin1_acc"] = cov_a1 / max(1, cov_n)
        out[f"{pre}_covered_within_5km"] = cov_w5 / max(1, cov_n)
        out[f"{pre}_covered_within_25km"] = cov_w25 / max(1, cov_n)
        out["ucdp_events"] = n
        out["ucdp_covered_events"] = cov_n
    out["_misses"] = sorted(misses.items(), key=lambda kv: -kv[1])[:15]
    out["_breakdown"] = breakdown
    return out


_CAT_RES = (
    ("governorate", re.compile(r"\b(?:governorate|province)\b", re.IGNORECASE)),
    ("countryside", re.compile(r"\b(?:countryside|rural)\b", re.IGNORECASE)),
    ("subdistrict", re.compile(r"\b(?:sub-?district|nahiya|nahia)\b", re.IGNORECASE)),
    ("district", re.compile(r"\bdistrict\b", re.IGNORECASE)),
    (
        "near_between",
        re.compile(r"\b(?:near|between|outside|outskirts|(?:north|south|east|west) of)\b", re.IGNORECASE),
    ),
    (
        "facility_or_feature",
        re.compile(
            r"\b(?:field|fields|base|airbase|airport|prison|camp|mountain|jabal|"
            r"junction|road|border|silos|center|centre|sector|area|regiment|"
            r"brigade|salt)\b",
            re.IGNORECASE,
        ),
    ),
)


def _category(s: str) -> str:
    """The kind of a UCDP place string, for the failure breakdown."""
    for name, rx in _CAT_RES:
        if rx.search(s):
            return name
    return "settlement"


# --- FA-KES event governorate -------------------------------------------------------------


def evaluate_fakes(gaz: Gazetteer, root: Path) -> dict[str, Any]:
    """``geoparse`` event place vs the FA-KES crowd-gold governorate (dev part, 392 articles).

    The gold is noisy and "damascus" covers Damascus city and Rural Damascus; articles often
    report several events, so this is an agreement rate, not an accuracy.
    """
    path = root / "fakes" / "fakes_dev.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ok = specific = 0
    for r in rows:
        res = geoparse(r["article_content"], title=r.get("article_title"), gazetteer=gaz)
        gold = (r.get("location") or "").strip().lower()
        a = gaz.admin1(gold)
        pc = res.event_place.admin1_pcode
        if (a is not None and pc == a[1]) or (gold == "damascus" and pc in ("SY01", "SY03")):
            ok += 1
        specific += res.event_place.precision in ("point", "neighbourhood", "town", "admin3", "admin2")
    n = max(1, len(rows))
    return {
        "fakes_event_admin1_agreement": ok / n,
        "fakes_event_below_admin1_share": specific / n,
        "fakes_articles": len(rows),
    }


# --- IOM/OSM spelling pairs -------------------------------------------------------------


def _pairs(root: Path) -> list[dict[str, Any]]:
    path = root / "gazetteer" / "iom_hotosm_syria_communities_2455.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        iom = r["location_name"].strip()
        osm = r["hot_name_en"].strip()
        split = "dev" if int(hashlib.sha1(r["fid"].encode()).hexdigest(), 16) % 2 == 0 else "test"
        out.append(
            {
                "iom": iom,
                "osm": osm,
                "lat": float(r["latitude"]),
                "lon": float(r["longitude"]),
                "adm1": r["adm1_pcode"],
                "split": split,
                "differs": norm_key(iom) != norm_key(osm),
            }
        )
    return out


def _score_pairs(gaz: Gazetteer, pairs: Iterable[dict[str, Any]], hint: bool) -> dict[str, float]:
    n = ok = resolved = ok_resolved = 0
    for p in pairs:
        res = gaz.resolve(p["iom"], admin1_hint=p["adm1"] if hint else None)
        n += 1
        if res.precision != "unknown" and res.lat is not None and res.lon is not None:
            resolved += 1
            if distance_km(p["lat"], p["lon"], res.lat, res.lon) <= 2.0:
                ok += 1
                ok_resolved += 1
    return {"recall": ok / max(1, n), "precision": ok_resolved / max(1, resolved), "n": n}


def sweep_fuzzy(
    data: dict[str, Any],
    dev: list[dict[str, Any]],
    cutoffs: Iterable[float] = (70, 74, 78, 80, 82, 84, 86, 88, 90, 94, 101),
) -> list[dict[str, Any]]:
    """Recall and precision on the development pairs for each fuzzy cut-off (101 = no fuzzy tier)."""
    rows = []
    hard = [p for p in dev if p["differs"]]
    for c in cutoffs:
        g = Gazetteer(data, include_held=False, fuzzy_cutoff=float(c))
        s = _score_pairs(g, hard, hint=True)
        s0 = _score_pairs(g, hard, hint=False)
        rows.append(
            {
                "cutoff": c,
                "recall_hint": round(s["recall"], 4),
                "precision_hint": round(s["precision"], 4),
                "recall_nohint": round(s0["recall"], 4),
                "precision_nohint": round(s0["precision"], 4),
            }
        )
    return rows


def _ucdp_split(r: dict[str, str]) -> str:
    return "dev" if int(hashlib.sha1(r[""].encode()).hexdigest(), 16) % 2 == 0 else "test"


def _ucdp_placement(g: Gazetteer, rows: list[dict[str, str]], *, confident_only: bool) -> tuple[int, int]:
    """UCDP place strings resolved within 25 km of the event, and those placed further off.

    With ``confident_only`` a far placement counts as wrong only when the gazetteer
    claimed a settlement (point, neighbourhood or town), not a mere admin area.
    """
    ok = wrong = 0
    for r in rows:
        p = g.resolve(r["where_coordinates"])
        if p.lat is None or p.lon is None:
            continue
        if distance_km(float(r["latitude"]), float(r["longitude"]), p.lat, p.lon) <= 25:
            ok += 1
        elif not confident_only or p.precision in ("point", "neighbourhood", "town"):
            wrong += 1
    return ok, wrong


def sweep_skeleton(
    data: dict[str, Any],
    root: Path,
    dev_pairs: list[dict[str, Any]],
    floors: Iterable[float] = (50, 60, 70, 75, 80, 85, 90),
) -> list[dict[str, Any]]:
    """The skeleton-similarity floor (no context) on the development halves of both sets:
    UCDP (open world: many names are missing, so a loose match is often a wrong village)
    and the IOM pairs (closed world: every name has its place in the gazetteer)."""
    ucdp_dev = [r for r in _ucdp_rows(root) if _ucdp_split(r) == "dev"]
    out = []
    for f in floors:
        g = Gazetteer(data, include_held=False, skeleton_min_sim=float(f))
        ok, wrong = _ucdp_placement(g, ucdp_dev, confident_only=False)
        s = _score_pairs(g, dev_pairs, hint=False)
        out.append(
            {
                "floor": f,
                "ucdp_dev_within_25km": round(ok / max(1, len(ucdp_dev)), 4),
                "ucdp_dev_wrong_over_25km": round(wrong / max(1, len(ucdp_dev)), 4),
                "pairs_dev_recall_nohint": round(s["recall"], 4),
                "pairs_dev_precision_nohint": round(s["precision"], 4),
            }
        )
    return out


def compare_canon(data: dict[str, Any], root: Path, dev_pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The canonical-key tier (Tall/Tell, Kafr/Kfar, -iyeh/-iyah, ...) on and off, on the
    development halves: it must add recall on the pairs without adding wrong UCDP points."""
    ucdp_dev = [r for r in _ucdp_rows(root) if _ucdp_split(r) == "dev"]
    rows = []
    for on in (False, True):
        g = Gazetteer(data, include_held=False, use_canon=on)
        ok, wrong = _ucdp_placement(g, ucdp_dev, confident_only=True)
        s = _score_pairs(g, dev_pairs, hint=False)
        rows.append(
            {
                "canon_tier": on,
                "ucdp_dev_within_25km": round(ok / max(1, len(ucdp_dev)), 4),
                "ucdp_dev_wrong_confident_over_25km": round(wrong / max(1, len(ucdp_dev)), 4),
                "pairs_dev_recall_nohint": round(s["recall"], 4),
                "pairs_dev_precision_nohint": round(s["precision"], 4),
            }
        )
    return rows


def evaluate_pairs(root: Path, *, sweep: bool = True) -> dict[str, Any]:
    data = load_data()
    pairs = _pairs(root)
    dev = [p for p in pairs if p["split"] == "dev"]
    test = [p for p in pairs if p["split"] == "test"]
    out: dict[str, Any] = {}
    if sweep:
        out["_sweep"] = sweep_fuzzy(data, dev)
        out["_skeleton_sweep"] = sweep_skeleton(data, root, dev)
        out["_canon"] = compare_canon(data, root, dev)
    g = Gazetteer(data, include_held=False)
    for name, subset in (("all", test), ("differing", [p for p in test if p["differs"]])):
        for hint in (True, False):
            s = _score_pairs(g, subset, hint)
            tag = f"spelling_{name}_{'hint' if hint else 'nohint'}"
            out[f"{tag}_recall"] = s["recall"]
            out[f"{tag}_precision"] = s["precision"]
            out[f"_{tag}_n"] = s["n"]
    return out


# --- entry point -------------------------------------------------------------------


FLOORS = {
    "ucdp_admin1_acc": 0.58,
    "ucdp_within_25km": 0.57,
    "ucdp_not_wrong_confident": 0.94,
    "ucdp_covered_admin1_acc": 0.84,
    "ucdp_covered_within_25km": 0.84,
    "ucdp_ctx_admin1_acc": 0.85,
    "ucdp_ctx_within_25km": 0.72,
    "ucdp_ctx_not_wrong_confident": 0.93,
    "ucdp_ctx_covered_admin1_acc": 0.94,
    "ucdp_ctx_covered_within_25km": 0.92,
    "spelling_all_hint_recall": 0.94,
    "spelling_differing_hint_recall": 0.91,
    "spelling_all_nohint_recall": 0.81,
    "spelling_all_nohint_precision": 0.93,
    "fakes_event_admin1_agreement": 0.88,
}


def run(*, write: bool = True, sweep: bool = True) -> dict[str, Any]:
    """Compute every geo score; write ``eval/geo.json`` when ``write``."""
    root = shared_data()
    t0 = time.perf_counter()
    gaz = get_gazetteer()
    polys = Admin1Polygons()
    u = evaluate_ucdp(gaz, root, polys)
    p = evaluate_pairs(root, sweep=sweep)
    f = evaluate_fakes(gaz, root)
    merged = {**u, **p, **f}
    scores = {k: round(v, 4) for k, v in merged.items() if not k.startswith("_") and isinstance(v, float)}
    counts = {k: v for k, v in merged.items() if not k.startswith("_") and isinstance(v, int)}
    notes = [
        f"UCDP: {counts.get('ucdp_events')} events; {counts.get('ucdp_covered_events')} lie within 2 km of a "
        "gazetteer settlement ('covered'). Over all events the scores are capped by coverage: many UCDP "
        "villages are in none of the bundled sources (OCHA admin units, GeoNames cities500, IOM/OSM "
        "communities).",
        "UCDP gold admin1 = the OCHA admin1 polygon (simplified basemap, ~1 km tolerance) containing "
        "UCDP's point.",
        "ucdp_ctx_*: the headline (source_article) is geoparsed and its first governorate is the admin1 "
        "hint; an unknown name then falls back (resolve(..., fallback=)) to the headline's event place if it "
        "lies in that governorate, else to the governorate, never finer than admin3 (raw name kept). "
        "Falling back to the headline's event place instead of the bare governorate moved "
        "ucdp_ctx_within_25km from 0.689 to 0.736. With a governorate hint that agrees, a skeleton match "
        "may also pass its floor on the similarity of canonical keys ('Abadeen' ~ 'Abdin': 67 as written, "
        "91 canonically); on the dev halves that moved UCDP ctx within 25 km 0.743 -> 0.752 and wrong "
        "confident points 0.048 -> 0.051, pair recall with hint 0.969 -> 0.968 (kept: a small net gain).",
        "UCDP failure breakdown (name only, ucdp_breakdown_name_only): of 1140 events, 57 are governorate "
        "strings ('Aleppo governorate', 'Western Deir ez Zor governorate'; 52 within 25 km), 14 district "
        "strings (all within 25 km), 0 sub-district/nahiya strings, 0 'countryside' strings, 2 "
        "'near'/'between' strings, 69 facilities or features (oil fields, bases, mountains, roads; 33 "
        "unknown), and 1,000 settlement strings: 650 of them lie within 2 km of a settlement in our sources "
        "(561 within 25 km; 81 unknown, nearly all exact or variant names shared by far-apart namesakes, "
        "which without context are left unknown by design; 7 wrong confident points) and 348 name villages "
        "in none of the bundled sources (278 unknown, 43 wrong confident points: a namesake elsewhere). "
        "The missing villages cap the name-only scores: within_25km cannot pass ~0.65 with these sources, "
        "and admin1 only rises with context (ucdp_ctx_*).",
        "Directional governorate parts ('northern Hama', 'Western Deir ez Zor governorate') are the "
        "centroids of the OCHA polygon's half (N/S/E/W, split at the polygon centroid) or quadrant "
        "(diagonals), computed at build time. On the 8 distinct directional UCDP strings 6 land within "
        "25 km (the old mean-of-villages sectors: 4; 90-degree wedges: 5; outer thirds: 5). Admin centroids "
        "are true polygon centroids (representative point when the centroid falls outside).",
        "Admin3 seats: of the 272 OCHA sub-districts, 202 contain a same-named settlement in our sources; "
        "that town lies within 5 km of the sub-district's polygon centroid in 64% of cases (81% within "
        "10 km). So a sub-district name with no known town is answered at admin3 precision, not as a town "
        "at the centroid (a wrong confident point a third of the time).",
        "Canonical key tier (canon_tier_dev): generic words (Tall/Tell/Tal, Kafr/Kfar/Kafar, Deir/Dayr, "
        "Ain/Ein/Ayn, Jabal/Jebel, Beit/Bayt, Qasr/Kasr, Khirbet/Khirbat, Umm/Um, Abu/Abou, Sheikh/Shaykh), "
        "-iyeh/-iyah/-iya/-iyet endings, ou/u, ei/ay, q/k and glued articles (Arraqqa, Ezzor) written one "
        "way, matched exactly. On the dev halves it adds recall on the pairs and leaves UCDP within-25km "
        "unchanged. Two looser alternatives were measured on the dev halves and rejected: a vowel-shape "
        "key (consonants with vowel runs marked) matched with a lower similarity floor doubled UCDP's "
        "wrong confident points (0.048 -> 0.08 at floor 60, 0.06 at 75) for +0.01 within 25 km and "
        "lowered pair recall without a hint; comparing canonical keys in the skeleton similarity lowered "
        "pair recall (0.849 -> 0.836) and added wrong UCDP points.",
        "Spelling pairs without a hint: most remaining misses are names several far-apart communities "
        "share (e.g. two or three villages of the same name), which resolve() leaves unknown or at the "
        "shared admin unit without context by design; only ~23 of ~190 dev misses had no candidate at all.",
        "Spelling pairs: gazetteer built without IOM spellings (include_held=False); correct = within 2 km "
        "of the OSM point; reported on the test half (hash of fid), cut-off chosen on the dev half.",
        f"Fuzzy cut-off in use: {FUZZY_CUTOFF} (rapidfuzz fuzz.ratio on normalised keys), chosen from the "
        "sweep on the dev half (fuzzy_sweep_dev: recall/precision on pairs whose spellings differ); fuzzy "
        "matches are only accepted with context (an admin1 hint they agree with, or a nearby point), because "
        "without context on UCDP they were nearly all wrong villages (1 right, 52 wrong before this rule).",
        f"Skeleton similarity floor: {SKELETON_MIN_SIM} without context, {SKELETON_MIN_SIM_CTX} with, chosen "
        "from skeleton_floor_sweep_dev (UCDP dev half and IOM dev half): below 80 most skeleton matches were "
        "wrong places in both sets, and 85 beat 80 on both. A similarity on vowel-folded keys "
        "('atmeh' ~ 'atma') was tried instead of the plain ratio and was worse on both dev sets at every "
        "floor (70-93).",
        "Ties between far-apart namesakes (score gap < TIE_MARGIN) give the shared admin unit or unknown "
        "instead of a coin toss; *_wrong_town_point_over_25km counts confident (town/point) answers more "
        "than 25 km off.",
        "FA-KES: geoparse event place vs the crowd-gold governorate of the 392 dev articles; the gold is "
        "noisy and multi-event articles have one gold governorate, so this is agreement, not accuracy. "
        "This set was looked at while designing geoparse (governorate first, then the most specific "
        "place), so it is not held out.",
        f"Computed in {time.perf_counter() - t0:.1f} s.",
    ]
    result = {
        "scores": scores,
        "floors": FLOORS,
        "notes": notes,
        "command": COMMAND,
        "counts": counts,
        "fuzzy_sweep_dev": p.get("_sweep", []),
        "skeleton_floor_sweep_dev": p.get("_skeleton_sweep", []),
        "ucdp_breakdown_name_only": u.get("_breakdown", {}),
        "canon_tier_dev": p.get("_canon", []),
        "ucdp_covered_misses": u.get("_misses", []),
    }
    if write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    res = run()
    print(json.dumps({"scores": res["scores"], "sweep": res["fuzzy_sweep_dev"]}, indent=1))
