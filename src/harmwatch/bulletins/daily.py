"""Write a day's tally from the incident record, the way a monitoring group would.

The result reads like a bulletin (total killed, how many children and women,
governorates by count, the main causes, the sources) but every number in it is
a sum over named incidents, and every incident names its reports: the text
prints each sum with its terms (``killed 23 = inc-1 12 + inc-2 11``) and the
JSON carries the same ``trace`` lists.

Only incidents dated to that one day are counted. Incidents whose date spans
several days, and incidents that rest only on bulletins (which would make the
tally a copy of someone else's), are listed apart, not added in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from harmwatch.bulletins.record import (
    day_record,
    figures,
    governorate_name,
    incident_brief,
    safe,
)
from harmwatch.errors import NotFound
from harmwatch.models import Incident, Range
from harmwatch.store import Store

ROLES = ("killed", "children", "women")

EVENT_WORDS = {
    "airstrike": "airstrikes",
    "shelling": "shelling",
    "missile": "missile strikes",
    "barrel_bomb": "barrel bombs",
    "chemical": "chemical attacks",
    "explosion": "explosions",
    "shooting": "shootings",
    "execution": "executions",
    "clash": "clashes",
    "other": "other causes",
    "unknown": "cause not stated",
}
ACTOR_WORDS = {
    "syria_gov": "Syrian government forces",
    "russia": "Russian forces",
    "coalition": "the US-led coalition",
    "turkey": "Turkish forces",
    "israel": "Israeli forces",
    "iran": "Iranian-backed forces",
    "isis": "ISIS",
    "hts_nusra": "HTS/Nusra",
    "opposition": "armed opposition groups",
    "sdf_ypg": "SDF/YPG",
    "unknown": "unidentified perpetrators",
}


@dataclass
class Trace:
    """One term of a sum: this incident contributed this figure, from these reports."""

    incident_id: str
    value: int
    report_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"incident_id": self.incident_id, "value": self.value, "report_ids": self.report_ids}


@dataclass
class Cause:
    """Deaths by one kind of attack, and who is said to be behind them."""

    event_type: str
    incidents: list[str]
    killed: int
    perpetrators: list[str]
    weapons: list[str]

    def describe(self) -> str:
        who = ", ".join(self.perpetrators)
        weapons = f" ({', '.join(self.weapons)})" if self.weapons else ""
        n = len(self.incidents)
        return (
            f"{EVENT_WORDS.get(self.event_type, self.event_type)}{weapons}: {self.killed} killed in "
            f"{n} incident{'s' if n != 1 else ''}" + (f", by {who}" if who else "")
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_type": self.event_type,
            "incidents": self.incidents,
            "killed": self.killed,
            "perpetrators": self.perpetrators,
            "weapons": self.weapons,
            "text": self.describe(),
        }


@dataclass
class Tally:
    """Killed, children and women as ranges, each with the incidents it sums."""

    killed: Range | None = None
    children: Range | None = None
    women: Range | None = None
    trace: dict[str, list[Trace]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {r: (getattr(self, r).to_dict() if getattr(self, r) else None) for r in ROLES}
        d["trace"] = {r: [t.to_dict() for t in self.trace.get(r, [])] for r in ROLES}
        return d


@dataclass
class DailyArea:
    area: str
    admin1_pcode: str | None
    tally: Tally
    causes: list[Cause]
    incidents: list[str]
    report_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "admin1_pcode": self.admin1_pcode,
            **self.tally.to_dict(),
            "causes": [c.to_dict() for c in self.causes],
            "incidents": self.incidents,
            "report_ids": self.report_ids,
        }


@dataclass
class DailyTally:
    """A day's tally written from the record, with its working shown."""

    date: str
    totals: Tally
    areas: list[DailyArea] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    not_counted: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "totals": self.totals.to_dict(),
            "areas": [a.to_dict() for a in self.areas],
            "causes": [c.to_dict() for c in self.causes],
            "sources": self.sources,
            "incidents": self.incidents,
            "not_counted": self.not_counted,
        }

    def to_text(self) -> str:
        day = dt.date.fromisoformat(self.date)
        out = [f"harmwatch daily tally for {day:%A} {day.day} {day:%B %Y}, written from the incident record"]
        n_inc, n_rep = len(self.incidents), len(self.sources)
        if self.totals.killed is None:
            out.append("No incident with a death toll is on record for this day.")
        else:
            incs = f"{n_inc} incident{'s' if n_inc != 1 else ''}"
            reps = f"{n_rep} report{'s' if n_rep != 1 else ''}"
            killed = _range_text(self.totals.killed)
            out.append(f"{killed} killed{_cw(self.totals)}, in {incs} documented in {reps}.")
        for role in ROLES:
            out.append(f"  {_sum_line(role, getattr(self.totals, role), self.totals.trace.get(role, []))}")
        if self.areas:
            out.append("")
            out.append("By governorate:")
            for a in self.areas:
                k = a.tally.killed
                head = f"- {safe(a.area)}" + (f" ({a.admin1_pcode})" if a.admin1_pcode else "")
                out.append(f"{head}: {_range_text(k) if k else 'toll not stated'} killed{_cw(a.tally)}.")
                if a.causes:
                    causes = "; ".join(safe(c.describe(), 200) for c in a.causes)
                    out.append(f"    Main causes: {causes}.")
                for role in ROLES:
                    if a.tally.trace.get(role):
                        out.append(f"    {_sum_line(role, getattr(a.tally, role), a.tally.trace[role])}")
        if self.causes:
            out.append("")
            out.append("Main causes: " + "; ".join(safe(c.describe(), 200) for c in self.causes) + ".")
        if self.sources:
            out.append("")
            out.append("Sources:")
            for s in self.sources:
                bits = [safe(s.get("source") or "source unknown", 80)]
                if s.get("published"):
                    bits.append(safe(s["published"], 30))
                if s.get("title"):
                    bits.append(f'"{safe(s["title"], 120)}"')
                if s.get("url"):
                    bits.append(safe(s["url"], 200))
                out.append(f"- {s['report_id']}: {', '.join(bits)} (incidents {', '.join(s['incidents'])})")
        if self.not_counted:
            out.append("")
            out.append("Not counted:")
            for nc in self.not_counted:
                out.append(f"- {nc['id']}: {safe(nc['reason'], 200)}")
        return "\n".join(out) + "\n"


def _range_text(r: Range) -> str:
    if r.best is not None and r.low == r.best and r.high == r.best:
        return str(r.best)
    if r.best is not None and r.high is None and r.low is not None:
        return f"at least {r.low}" if r.low == r.best else f"{r.best} (at least {r.low})"
    if r.low is not None and r.high is not None:
        return f"{r.best if r.best is not None else r.low} ({r.low}-{r.high})"
    return str(r.best if r.best is not None else r.low)


def _cw(t: Tally) -> str:
    parts = []
    if t.children is not None:
        n = t.children.best
        parts.append(f"{_range_text(t.children)} {'child' if n == 1 else 'children'}")
    if t.women is not None:
        n = t.women.best
        parts.append(f"{_range_text(t.women)} {'woman' if n == 1 else 'women'}")
    return f", including {' and '.join(parts)}" if parts else ""


def _sum_line(role: str, total: Range | None, trace: list[Trace]) -> str:
    if total is None or not trace:
        return f"{role}: not stated in any incident"
    terms = " + ".join(f"{t.incident_id} ({t.value})" for t in trace)
    return f"{role} {total.best if total.best is not None else total.low} = {terms}"


def _tally(incidents: list[Incident]) -> Tally:
    t = Tally()
    for role, attr in (("killed", "killed"), ("children", "killed_children"), ("women", "killed_women")):
        best = low = high = 0
        high_known = True
        terms: list[Trace] = []
        for inc in incidents:
            r: Range | None = getattr(inc.victims, attr)
            if role == "killed" and (r is None or r.is_empty()):
                r = inc.victims.killed_civilians
            if r is None or r.is_empty():
                continue
            b = r.best if r.best is not None else r.low
            if b is None:
                continue
            best += b
            low += r.low if r.low is not None else b
            if r.high is None:
                high_known = False
            else:
                high += r.high
            terms.append(Trace(inc.id, b, list(inc.report_ids)))
        if terms:
            setattr(t, role, Range(best, low, high if high_known else None))
            t.trace[role] = terms
    return t


def _causes(incidents: list[Incident]) -> list[Cause]:
    groups: dict[str, Cause] = {}
    for inc in incidents:
        c = groups.setdefault(inc.event_type, Cause(inc.event_type, [], 0, [], []))
        c.incidents.append(inc.id)
        c.killed += figures(inc)["killed"] or 0
        for p in inc.perpetrators:
            who = ACTOR_WORDS.get(p.actor, p.actor)
            if p.attribution not in ("stated", "unknown", "admitted"):
                who += f" ({p.attribution})"
            if who not in c.perpetrators:
                c.perpetrators.append(who)
        for w in inc.weapons:
            if w not in c.weapons:
                c.weapons.append(w)
    return sorted(groups.values(), key=lambda c: (-c.killed, -len(c.incidents), c.event_type))


def write_daily(store: Store, date: str) -> DailyTally:
    """The tally of ``date`` (ISO day) from the incidents on record, with its working."""
    rec = day_record(store, date)
    counted = rec.counted
    tally = DailyTally(rec.date, _tally(counted))
    by_pcode: dict[str | None, list[Incident]] = {}
    for inc in counted:
        by_pcode.setdefault(inc.place.admin1_pcode, []).append(inc)
    for pcode, incs in by_pcode.items():
        name = governorate_name(pcode, next((i.place.admin1 for i in incs if i.place.admin1), None))
        reports = sorted({r for i in incs for r in i.report_ids})
        tally.areas.append(DailyArea(name, pcode, _tally(incs), _causes(incs), [i.id for i in incs], reports))
    tally.areas.sort(key=lambda a: (-(a.tally.killed.best or 0) if a.tally.killed else 1, a.area))
    tally.causes = _causes(counted)
    tally.incidents = [incident_brief(i) for i in counted]
    report_incidents: dict[str, list[str]] = {}
    for inc in counted:
        for rid in inc.report_ids:
            report_incidents.setdefault(rid, []).append(inc.id)
    for rid, inc_ids in sorted(report_incidents.items()):
        entry: dict[str, Any] = {"report_id": rid, "incidents": inc_ids}
        try:
            rep = store.get_report(rid)
        except NotFound:
            entry["missing"] = True
        else:
            entry.update(source=rep.source, title=rep.title, url=rep.url, published=rep.published)
        tally.sources.append(entry)
    for inc in rec.uncertain_day:
        span = f"{inc.date.start} to {inc.date.end}" if inc.date.end else f"{inc.date.start}"
        why = f"date not pinned to the day ({inc.date.precision}, {span})"
        tally.not_counted.append({"id": inc.id, "reason": why})
    for inc in rec.bulletin_only:
        tally.not_counted.append({"id": inc.id, "reason": "rests only on bulletin reports"})
    for inc in counted:
        if figures(inc)["killed"] is None:
            tally.not_counted.append({"id": inc.id, "reason": "no death toll given"})
    return tally
