"""The incident record for one day, as reconciliation and the written tally see it.

Both need the same slice of the store: the incidents of one day, without the
ones that rest only on bulletins (else a bulletin would be compared with, or
re-published from, itself), with each incident's figures read the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from harmwatch.errors import BadQuery
from harmwatch.models import Incident, Range
from harmwatch.store import Store
from harmwatch.store.base import IncidentQuery

_PCODE_NAMES = {
    "SY01": "Damascus",
    "SY02": "Aleppo",
    "SY03": "Rural Damascus",
    "SY04": "Homs",
    "SY05": "Hama",
    "SY06": "Lattakia",
    "SY07": "Idleb",
    "SY08": "Al-Hasakeh",
    "SY09": "Deir-ez-Zor",
    "SY10": "Tartous",
    "SY11": "Ar-Raqqa",
    "SY12": "Dar'a",
    "SY13": "As-Sweida",
    "SY14": "Quneitra",
}


def governorate_name(pcode: str | None, fallback: str | None = None) -> str:
    """The OCHA English name of an admin1 P-code (facts from the OCHA COD, 2016)."""
    if pcode and pcode in _PCODE_NAMES:
        return _PCODE_NAMES[pcode]
    return fallback or "governorate unknown"


def check_date(date: str) -> str:
    """The ISO day, or :class:`BadQuery` for anything else."""
    try:
        return dt.date.fromisoformat(str(date).strip()).isoformat()
    except ValueError as exc:
        raise BadQuery(f"--date must be an ISO day such as 2016-02-12, not {date!r}") from exc


def value(r: Range | None) -> int | None:
    """The figure a count contributes to a sum: best, else the lower bound."""
    if r is None:
        return None
    return r.best if r.best is not None else r.low


@dataclass
class DayRecord:
    """One day's incidents, split into those that count and those that do not."""

    date: str
    counted: list[Incident] = field(default_factory=list)
    uncertain_day: list[Incident] = field(default_factory=list)  # spans several days
    bulletin_only: list[Incident] = field(default_factory=list)
    bulletin_reports: set[str] = field(default_factory=set)


def day_record(store: Store, date: str) -> DayRecord:
    """The incidents of ``date`` as reconciliation and the tally count them."""
    day = check_date(date)
    rec = DayRecord(day)
    rec.bulletin_reports = {b.report_id for b in store.list_bulletins() if b.report_id}
    for inc in store.query_incidents(IncidentQuery(since=day, until=day)):
        if inc.report_ids and set(inc.report_ids) <= rec.bulletin_reports:
            rec.bulletin_only.append(inc)
        elif (
            (inc.date.start or day) != day
            or (inc.date.end or day) != day
            or inc.date.precision not in ("day", "unknown")
        ):
            rec.uncertain_day.append(inc)
        else:
            rec.counted.append(inc)
    return rec


def figures(inc: Incident) -> dict[str, int | None]:
    """killed, children and women of one incident (killed falls back to civilians killed)."""
    v = inc.victims
    killed = value(v.killed)
    if killed is None:
        killed = value(v.killed_civilians)
    return {"killed": killed, "children": value(v.killed_children), "women": value(v.killed_women)}


def incident_brief(inc: Incident) -> dict[str, Any]:
    """What a reader needs to find an incident again: id, figures, place, what, who, reports."""
    return {
        "id": inc.id,
        **figures(inc),
        "place": inc.place.name,
        "admin1_pcode": inc.place.admin1_pcode,
        "event_type": inc.event_type,
        "weapons": list(inc.weapons),
        "perpetrators": [p.actor for p in inc.perpetrators],
        "grade": inc.grade,
        "report_ids": list(inc.report_ids),
        "date": inc.date.start
        if inc.date.start == inc.date.end or not inc.date.end
        else f"{inc.date.start}/{inc.date.end}",
    }


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: Any, limit: int = 200) -> str:
    """Report-derived text made safe for a terminal: no control or direction codes, bounded."""
    s = _CONTROL.sub(" ", str(text))
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"
