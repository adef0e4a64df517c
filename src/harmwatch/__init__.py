"""harmwatch: from raw reports of attacks on civilians and health care to a verified, sourced record.

The pipeline, one module (or small package) per stage::

    ingest      preserve reports byte-exact, reject bad input with a reason
    extract     incidents from one report: date, place, victims, perpetrators, weapons, targets
    bulletins   a monitoring group's daily tallies: parse, check, reconcile, write
    geo         the Syrian gazetteer and geoparser
    link        reports of one event -> one incident (Splink), merged and graded
    facilities  the health-facility registry and its status timeline
    publish     exports (CSV, GeoJSON, HXL)
    web         the JSON API and the offline map

``models`` holds the records they pass to each other, ``store`` keeps them.
"""

from __future__ import annotations

from harmwatch.errors import HarmwatchError, InputRejected, NotFound, UserError
from harmwatch.models import Bulletin, Claim, Facility, Incident, Place, Range, Report
from harmwatch.store import open_store

__version__ = "0.1.0"

__all__ = [
    "Bulletin",
    "Claim",
    "Facility",
    "HarmwatchError",
    "Incident",
    "InputRejected",
    "NotFound",
    "Place",
    "Range",
    "Report",
    "UserError",
    "__version__",
    "open_store",
]
