"""A facility's status over time, and its status on a given day.

Each entry of a status timeline comes from one dated incident or statement,
with its quote. An attack that does not say what became of the facility is
kept with status ``unknown``: it is part of the record (and of the attack
patterns) but says nothing about whether the facility works.
"""

from __future__ import annotations

import re

from harmwatch.models import Facility, StatusEntry

__all__ = [
    "FUNCTIONING",
    "NOT_FUNCTIONING",
    "date_key",
    "infer_status",
    "latest_status",
    "status_on",
]

FUNCTIONING = {"functioning"}
# A damaged facility may or may not still work; reports rarely say. It counts as unknown.
NOT_FUNCTIONING = {"destroyed", "out_of_service", "evacuated", "relocated"}

_NEG = r"(?<!not )(?<!never )(?<!no longer )"
# Order matters: the first kind of phrase found wins, most telling first.
_STATUS_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "functioning",
        re.compile(
            r"\b(resumed (?:its )?(?:work|services|operations?)|re-?opened|back in service|"
            r"returned to (?:service|work)|(?:is|are|was|were|remains?|remained) (?:still |now )?"
            r"(?:functioning|operational|operating|working|open|in service)|functioning again|"
            r"operational again|continues? to (?:function|operate|work))\b",
            re.I,
        ),
    ),
    (
        "relocated",
        re.compile(r"\b(relocated|moved (?:its \w+ )?to|transferred its (?:services|staff))\b", re.I),
    ),
    (
        "out_of_service",
        re.compile(
            r"\b(out of (?:service|operation|action|commission)|stopped (?:working|functioning)|"
            r"ceased (?:to (?:function|operate|work)|(?:its )?operations?|functioning)|"
            r"(?:was|were|been|is|are) (?:shut down|closed|forced to close)|suspended (?:its |all )?"
            r"(?:services|operations|work)|non-?functional|(?:no longer|not) (?:functioning|working|"
            r"operational|operating)|inoperable|put out of use)\b",
            re.I,
        ),
    ),
    (
        "destroyed",
        re.compile(
            r"\b((?:hospital|clinic|facility|centre|center|point|building)\s+(?:was|were|has been|had been|"
            r"is)\s+(?:completely |totally |entirely |almost )?(?:destroyed|razed|flattened|levell?ed)|"
            r"(?:complete|total|full) destruction of the (?:hospital|clinic|facility|building|medical)|"
            r"destruction of the (?:only )?(?:hospital|clinic|facility|medical point|health cent(?:er|re))|"
            r"(?:completely|totally|entirely) destroyed)\b",
            re.I,
        ),
    ),
    ("evacuated", re.compile(r"\b(evacuat(?:ed|ion of|ing)) ", re.I)),
    (
        "damaged",
        re.compile(
            r"\b(damag(?:ed|es|e|ing)\b|structural damage|material damage|partially destroyed|"
            r"destruction (?:inside|in|of)|roofs? (?:was|were) damaged)\b",
            re.I,
        ),
    ),
]
_NEGATION = re.compile(r"\b(not|no|never|without|nor)\s+(?:\w+\s+){0,2}$", re.I)


def infer_status(text: str) -> tuple[str, str | None]:
    """The status a quote states, and the phrase that states it; ``("unknown", None)`` if none.

    >>> infer_status("The hospital is out of service as a result of the attack.")
    ('out_of_service', 'out of service')
    """
    text = (text or "")[:5000]
    for status, rx in _STATUS_RULES:
        for m in rx.finditer(text):
            before = text[max(0, m.start() - 25) : m.start()]
            if _NEGATION.search(before):
                continue
            return status, m.group(1)
    return "unknown", None


def date_key(date: str | None) -> str:
    """A sortable day for an ISO date or partial date ("2017-04" sorts as 2017-04-01)."""
    if not date:
        return ""
    d = date.strip()[:10]
    if re.fullmatch(r"\d{4}", d):
        return d + "-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", d):
        return d + "-01"
    return d


def _sorted(entries: list[StatusEntry]) -> list[StatusEntry]:
    return sorted(entries, key=lambda e: date_key(e.date))


def status_on(facility: Facility, on: str | None) -> tuple[str, StatusEntry | None]:
    """The last known status dated on or before ``on`` (every entry when ``on`` is None).

    Entries without a date (a registry's baseline) hold before every dated one.
    """
    limit = date_key(on) if on else None
    chosen: StatusEntry | None = None
    for e in _sorted(facility.status_history):
        if e.status == "unknown":
            continue
        if limit is not None and e.date and date_key(e.date) > limit:
            break
        chosen = e
    return (chosen.status if chosen else "unknown"), chosen


def latest_status(facility: Facility) -> str:
    return status_on(facility, None)[0]
