"""Where did the report's main event happen?

``geoparse`` weighs every Syrian mention by its role (``event`` counts most; ``origin``
and ``foreign`` places are left out: a statement from Moscow or a hospital in Reyhanli is
not where the bombs fell), by whether the title names it, by how early it comes, and by
the support of other mentions in the same governorate. Among supported places the most
specific wins, so "Khan Shaykhun" beats "Idlib province" when both are named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from harmwatch.geo.gazetteer import Gazetteer, get_gazetteer
from harmwatch.geo.mentions import Mention
from harmwatch.models import Place

_SPECIFIC = {
    "point": 0.45,
    "neighbourhood": 0.4,
    "town": 0.35,
    "admin3": 0.25,
    "admin2": 0.2,
    "admin1": 0.1,
    "country": 0.0,
}
_RANK = {"point": 7, "neighbourhood": 6, "town": 5, "admin3": 4, "admin2": 3, "admin1": 2, "country": 1}


@dataclass
class GeoResult:
    """The geoparse of one report."""

    event_place: Place
    mentions: list[Mention] = field(default_factory=list)
    title_mentions: list[Mention] = field(default_factory=list)
    admin1_pcodes: list[str] = field(default_factory=list)  # governorates named, most weight first


def _key(p: Place) -> tuple[str | None, float | None, float | None, str]:
    return (p.name, p.lat, p.lon, p.precision)


def geoparse(text: str, *, title: str | None = None, gazetteer: Gazetteer | None = None) -> GeoResult:
    """Mentions in ``text`` (and ``title``) and the best guess of the main event's place.

    With no Syrian place named the event place is ``Place(precision="unknown")``, or the
    country when the text names Syria.
    """
    gaz = gazetteer or get_gazetteer()
    text = text if isinstance(text, str) else ""
    title = title if isinstance(title, str) else None
    title_mentions = gaz.find_mentions(title) if title else []
    # the title's governorates guide namesakes in the body
    hint = next(
        (m.place.admin1_pcode for m in title_mentions if m.place.country == "SY" and m.place.admin1_pcode),
        None,
    )
    mentions = gaz.find_mentions(text, admin1_hint=hint)
    scores: dict[tuple[str | None, float | None, float | None, str], float] = defaultdict(float)
    places: dict[tuple[str | None, float | None, float | None, str], Place] = {}
    by_admin1: dict[str, float] = defaultdict(float)
    syria_named = False
    n = max(1, len(text))
    for src, ms in (("text", mentions), ("title", title_mentions)):
        for m in ms:
            p = m.place
            if p.precision == "country" and p.country == "SY":
                syria_named = True
                continue
            if p.country != "SY" or m.role in ("origin", "foreign"):
                continue
            w = 2.0 if m.role == "event" else 0.8
            if src == "title":
                w *= 2.0
            else:
                w *= 1.0 / (1.0 + 2.0 * m.start / n)
            w *= 0.5 + 0.5 * min(1.0, m.score)
            k = _key(p)
            scores[k] += w
            places.setdefault(k, p)
            if p.admin1_pcode:
                by_admin1[p.admin1_pcode] += w
    admin1_order = sorted(by_admin1, key=lambda a: -by_admin1[a])
    if not scores:
        if syria_named:
            return GeoResult(gaz.resolve("Syria"), mentions, title_mentions, admin1_order)
        return GeoResult(Place(precision="unknown"), mentions, title_mentions, admin1_order)
    # 1. the governorate the report is most about; 2. the best-supported, most specific
    # place inside it. Choosing the governorate first keeps a multi-event roundup from
    # drifting to whichever city it happens to name most often in passing.
    lead_admin1 = admin1_order[0] if admin1_order else None
    pool = [k for k in scores if places[k].admin1_pcode == lead_admin1] or list(scores)
    total = {k: scores[k] + _SPECIFIC.get(places[k].precision, 0.0) for k in pool}
    best = max(total, key=lambda k: (total[k], _RANK.get(places[k].precision, 0)))
    # a more specific place inside the winner, nearly as well supported, is the better answer
    bp = places[best]
    for k in sorted(total, key=lambda k: -total[k]):
        p = places[k]
        if k == best or _RANK.get(p.precision, 0) <= _RANK.get(bp.precision, 0):
            continue
        inside = (
            (bp.precision == "admin1" and p.admin1_pcode == bp.admin1_pcode)
            or (bp.precision == "admin2" and p.admin2_pcode == bp.admin2_pcode)
            or (bp.precision == "admin3" and p.admin3_pcode == bp.admin3_pcode)
        )
        if inside and scores[k] >= 0.25 * scores[best]:
            best, bp = k, p
            break
    return GeoResult(bp, mentions, title_mentions, admin1_order)
