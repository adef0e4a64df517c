"""Who said what: the facts about each report that merging and grading need.

Merging and grading are pure functions on :class:`~harmwatch.models.Incident`
records. What they cannot read from the records themselves (the publisher of
each report, when it was published, and which reports are copies of one wire
story) travels in a :class:`Provenance`. When it is absent, the publisher is
taken from the first claim that names one, which is what the extractor writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from harmwatch.models import Incident

#: Claim kinds a belligerent makes about its own (alleged) action.
BELLIGERENT_KINDS = frozenset({"denial", "admission", "responsibility"})


@dataclass(frozen=True)
class Provenance:
    """Per-report facts, keyed by report id.

    Attributes:
        source: the publisher or group behind each report.
        published: ISO date or datetime each report was published.
        copy_of: for a syndicated copy, the id of the report it copies
            (the earliest near-identical text). Originals are absent.
    """

    source: Mapping[str, str] = field(default_factory=dict)
    published: Mapping[str, str] = field(default_factory=dict)
    copy_of: Mapping[str, str] = field(default_factory=dict)


def member_report_id(member: Incident) -> str:
    """The report a per-report incident came from (its only report id)."""
    if member.report_ids:
        return member.report_ids[0]
    for claim in member.claims:
        if claim.report_id:
            return claim.report_id
    return member.id


def member_source(member: Incident, provenance: Provenance | None = None) -> str:
    """The publisher of a member: from provenance, else from its claims, else its report id."""
    rid = member_report_id(member)
    if provenance is not None and provenance.source.get(rid):
        return _norm_source(provenance.source[rid])
    for claim in member.claims:
        if claim.source:
            return _norm_source(claim.source)
    return f"report:{rid}"


def is_belligerent_statement(member: Incident) -> bool:
    """True when every claim of a member is a denial/admission/responsibility statement.

    Such a report tells us what a party to the conflict says about itself; it is
    evidence for ``confirmed`` (an admission) but never an independent credible
    source for ``fair``.
    """
    kinds = {c.kind for c in member.claims}
    return bool(kinds) and kinds <= BELLIGERENT_KINDS


def independent_sources(members: Sequence[Incident], provenance: Provenance | None = None) -> list[str]:
    """The distinct independent sources among members, in first-seen order.

    Several reports by one publisher are one source; a syndicated copy counts as
    the source of the report it copies; a belligerent's own statement is not a
    source here.
    """
    by_report = {member_report_id(m): m for m in members}
    seen: list[str] = []
    for m in members:
        if is_belligerent_statement(m):
            continue
        rid = member_report_id(m)
        root = _root(rid, provenance.copy_of if provenance else {})
        if root in by_report:
            src = member_source(by_report[root], provenance)
        elif provenance is not None and provenance.source.get(root):
            src = _norm_source(provenance.source[root])
        else:
            src = member_source(m, provenance)
        if src not in seen:
            seen.append(src)
    return seen


def _root(rid: str, copy_of: Mapping[str, str]) -> str:
    seen = {rid}
    while rid in copy_of and copy_of[rid] not in seen:
        rid = copy_of[rid]
        seen.add(rid)
    return rid


def _norm_source(s: str) -> str:
    return " ".join(s.casefold().split())
