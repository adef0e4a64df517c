"""Health facilities: a registry with a status timeline, resolved from what reports say.

``update_registry`` turns the facility events the extractor found (and an
optional user registry) into facility records; ``as_of`` answers "which
facilities in this area worked on this day, and how many people are left
without one"; ``area_statements`` finds what reports say about whole areas;
``patterns`` counts attacks by facility, perpetrator, weapon and month.
"""

from __future__ import annotations

from harmwatch.facilities.asof import as_of, load_population
from harmwatch.facilities.export import facilities_to_csv, facilities_to_geojson
from harmwatch.facilities.patterns import Attack, attack_patterns, patterns
from harmwatch.facilities.registry import load_registry
from harmwatch.facilities.resolve import RegistrySummary, update_registry
from harmwatch.facilities.shcc import load_shcc
from harmwatch.facilities.statements import area_statements
from harmwatch.facilities.timeline import infer_status, status_on

__all__ = [
    "Attack",
    "RegistrySummary",
    "area_statements",
    "as_of",
    "attack_patterns",
    "facilities_to_csv",
    "facilities_to_geojson",
    "infer_status",
    "load_population",
    "load_registry",
    "load_shcc",
    "patterns",
    "status_on",
    "update_registry",
]
