"""Health facilities: a registry with a status timeline, resolved from what reports say.

``update_registry`` turns the facility events the extractor found (and an
optional user registry) into facility records; ``as_of`` answers "which
facilities in this area worked on this day"; ``area_statements`` keeps what
reports say about whole areas; ``patterns`` counts attacks by facility,
perpetrator, weapon and month.
"""

from __future__ import annotations

from harmwatch.facilities.registry import load_registry
from harmwatch.facilities.resolve import RegistrySummary, update_registry
from harmwatch.facilities.timeline import infer_status, status_on

__all__ = [
    "RegistrySummary",
    "infer_status",
    "load_registry",
    "status_on",
    "update_registry",
]
