"""Where a facility is, and whether two places are the same town.

Resolution is scoped by place: two "national hospitals" are one facility only
in one town, and a facility nobody could place is never merged with a
same-named one that was placed. The gazetteer (``harmwatch.geo``) resolves
names to places; if it is not installed this module still compares places by
their names, codes and coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from harmwatch.facilities.names import fold, skeleton, token_match
from harmwatch.models import Place

__all__ = [
    "PRECISION_RANK",
    "contains",
    "distance_km",
    "level",
    "more_precise",
    "place_names",
    "resolve_place",
    "same_town",
]

# Smaller is more precise.
PRECISION_RANK = {
    "point": 0,
    "neighbourhood": 1,
    "town": 2,
    "admin3": 3,
    "admin2": 4,
    "admin1": 5,
    "country": 6,
    "unknown": 7,
}
TOWN_LEVEL = {"point", "neighbourhood", "town"}
COARSE_LEVEL = {"admin3", "admin2", "admin1"}
SAME_TOWN_KM = 4.0
SAME_CITY_KM = 8.0  # a neighbourhood and the city it lies in
_ARTICLES = {"al", "el", "an", "ad", "as", "ash", "ar", "az", "at", "ul"}


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _geo_distance() -> Callable[..., float]:
    try:
        from harmwatch.geo import distance_km as geo_distance
    except Exception:  # geo not built yet, or broken: the formula is the same
        return _haversine
    return geo_distance


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(_geo_distance()(lat1, lon1, lat2, lon2))


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    try:
        from harmwatch.geo import get_gazetteer

        return get_gazetteer()
    except Exception:
        return None


def resolve_place(
    name: str | None, *, admin1_hint: str | None = None, near: tuple[float, float] | None = None
) -> Place:
    """A place for a name, through the gazetteer when there is one.

    Without a gazetteer the name is kept as a town-level place with no codes:
    names are still compared, but nothing is invented.
    """
    if not name or not name.strip():
        return Place(precision="unknown")
    gaz = _gazetteer()
    if gaz is not None:
        try:
            kwargs: dict[str, Any] = {"admin1_hint": admin1_hint}
            if near is not None:
                kwargs["near"] = near
            place = gaz.resolve(name, **kwargs)
        except Exception:
            place = None
        if isinstance(place, Place):
            return place
        if place is None:
            return Place(name=name.strip(), admin1=admin1_hint, precision="unknown")
    return Place(name=name.strip(), admin1=admin1_hint, precision="town")


def level(place: Place | None) -> str:
    """``"town"`` (point, neighbourhood or town), ``"coarse"`` (an admin unit) or ``"unplaced"``."""
    if place is None:
        return "unplaced"
    if place.precision in TOWN_LEVEL and (place.name or place.lat is not None):
        return "town"
    if place.precision in COARSE_LEVEL and (
        place.admin1_pcode or place.admin1 or place.admin2 or place.admin3 or place.name
    ):
        return "coarse"
    return "unplaced"


def place_names(place: Place | None) -> list[str]:
    """The names a place goes by in this record: its name and the words the report used."""
    if place is None:
        return []
    out = [n for n in (place.name,) if n]
    if place.span is not None and place.span.text and place.span.text not in out:
        out.append(place.span.text)
    return out


def _names_same(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    # "Maarat al-Numan" / "Marret Numan": the article is spelled or dropped at will.
    fa2 = " ".join(t for t in fa.split() if t not in _ARTICLES)
    fb2 = " ".join(t for t in fb.split() if t not in _ARTICLES)
    ta, tb = fa2.split(), fb2.split()
    if ta and len(ta) == len(tb) and all(token_match(x, y) for x, y in zip(ta, tb, strict=True)):
        return True
    sa = skeleton(fa2.replace(" ", ""))
    sb = skeleton(fb2.replace(" ", ""))
    return len(sa) >= 4 and sa == sb


def _code_conflict(a: Place, b: Place) -> bool:
    for attr in ("admin1_pcode", "admin2_pcode", "admin3_pcode"):
        x, y = getattr(a, attr), getattr(b, attr)
        if x and y and x != y:
            return True
    return bool(a.admin1 and b.admin1 and not _names_same(a.admin1, b.admin1))


def same_town(a: Place | None, b: Place | None) -> bool:
    """True when two town-level places are the same town (or a point inside it)."""
    if a is None or b is None or level(a) != "town" or level(b) != "town":
        return False
    if _code_conflict(a, b):
        return False
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        d = distance_km(a.lat, a.lon, b.lat, b.lon)
        limit = SAME_CITY_KM if "neighbourhood" in (a.precision, b.precision) else SAME_TOWN_KM
        if d <= limit:
            return True
        if d > 3 * limit:
            return False
    return any(_names_same(x, y) for x in place_names(a) for y in place_names(b))


def contains(coarse: Place | None, fine: Place | None) -> bool:
    """True when ``fine`` lies in the admin unit ``coarse`` names (without contradiction)."""
    if coarse is None or fine is None or level(coarse) != "coarse" or level(fine) == "unplaced":
        return False
    if _code_conflict(coarse, fine) and coarse.precision != "admin1":
        return False
    checks = {
        "admin1": ("admin1_pcode", "admin1"),
        "admin2": ("admin2_pcode", "admin2"),
        "admin3": ("admin3_pcode", "admin3"),
    }
    code_attr, name_attr = checks.get(coarse.precision, ("admin1_pcode", "admin1"))
    c_code, f_code = getattr(coarse, code_attr), getattr(fine, code_attr)
    if c_code and f_code:
        return bool(c_code == f_code)
    c_name = getattr(coarse, name_attr) or coarse.name
    f_name = getattr(fine, name_attr)
    if c_name and f_name:
        return _names_same(c_name, f_name)
    return False


def more_precise(a: Place, b: Place) -> bool:
    return PRECISION_RANK.get(a.precision, 7) < PRECISION_RANK.get(b.precision, 7)
