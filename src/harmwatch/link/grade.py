"""Grade a merged incident the way civilian-harm monitors do.

The first rule that applies wins:

1. ``confirmed`` — a belligerent admits the strike: any member carries an
   ``admission`` or ``responsibility`` claim, or names a perpetrator with
   attribution ``admitted``. An admission settles both whether it happened and
   who did it, so it outranks everything below (a denial followed a year later
   by the belligerent's own footage is confirmed).
2. ``discounted`` — the event is shown not to have happened as reported: a
   non-belligerent source (a publisher's correction or retraction, a monitoring
   group's finding) carries a claim with ``field="occurred"`` and
   ``value=False``. A belligerent's denial alone never discounts an incident.
3. ``contested`` — sources blame different parties: two sources blame disjoint
   sets of actors (see :func:`harmwatch.link.merge.blame_conflict`), or the
   merged record already lists a ``contested`` perpetrator.
4. ``fair`` — two or more independent credible sources and no serious
   contradiction (see :func:`harmwatch.link.merge.contradictions`). Independent
   means different publishers, counting syndicated copies of one wire story as
   their original's publisher; a belligerent's own statement is not a credible
   independent source.
5. ``weak`` — anything else: a single source, or several sources that
   contradict each other seriously (the reasons go in ``Incident.review``).
"""

from __future__ import annotations

from collections.abc import Sequence

from harmwatch.link.merge import blame_conflict, contradictions
from harmwatch.link.provenance import Provenance, independent_sources, is_belligerent_statement
from harmwatch.models import Incident

ADMITTING_KINDS = frozenset({"admission", "responsibility"})


def grade(incident: Incident, members: Sequence[Incident], *, provenance: Provenance | None = None) -> str:
    """The grade of a merged incident given the per-report records it was merged from."""
    if is_admitted(incident, members):
        return "confirmed"
    if is_discounted(members):
        return "discounted"
    if blame_conflict(members, provenance) or any(
        p.attribution == "contested" for p in incident.perpetrators
    ):
        return "contested"
    if len(independent_sources(members, provenance)) >= 2 and not contradictions(members, provenance):
        return "fair"
    return "weak"


def is_admitted(incident: Incident, members: Sequence[Incident]) -> bool:
    """A belligerent admits the strike (an admission/responsibility claim, or an ``admitted`` actor)."""
    records = [incident, *members]
    return any(c.kind in ADMITTING_KINDS for r in records for c in r.claims) or any(
        p.attribution == "admitted" for r in records for p in r.perpetrators
    )


def is_discounted(members: Sequence[Incident]) -> bool:
    """A non-belligerent source says the event did not happen as reported (``occurred`` is False)."""
    for m in members:
        if is_belligerent_statement(m):
            continue
        for c in m.claims:
            if c.kind == "report" and c.field == "occurred" and c.value is False:
                return True
    return False
