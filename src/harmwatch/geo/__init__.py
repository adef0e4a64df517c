"""The Syrian gazetteer and geoparser.

``get_gazetteer()`` loads the bundled gazetteer (OCHA COD-AB admin units and
neighbourhoods, GeoNames, OSM/IOM communities, curated regions and foreign places; see
``geo/data/ATTRIBUTION.md``). ``Gazetteer.resolve`` turns one place string into a SPEC
``Place``; ``Gazetteer.find_mentions`` spots toponyms in free text; ``geoparse`` picks
where a report's main event happened.
"""

from __future__ import annotations

from harmwatch.geo.gazetteer import (
    Gazetteer,
    GazetteerError,
    Resolution,
    distance_km,
    get_gazetteer,
)
from harmwatch.geo.geoparse import GeoResult, geoparse
from harmwatch.geo.mentions import ROLES, Mention

__all__ = [
    "ROLES",
    "Gazetteer",
    "GazetteerError",
    "GeoResult",
    "Mention",
    "Resolution",
    "distance_km",
    "geoparse",
    "get_gazetteer",
]
