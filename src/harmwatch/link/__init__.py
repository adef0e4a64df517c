"""Link reports of one event into incidents; merge them with provenance; grade them.

link_pending(store)   the pipeline step: new per-report records -> merged incidents
merge(members)        one incident from per-report records (rules in link.merge)
grade(incident, ...)  confirmed | fair | weak | contested | discounted (rules in link.grade)
find_copies(reports)  syndicated copies of one wire story
"""

from __future__ import annotations

from harmwatch.link.engines import DuckDBEngine, LinkEngine, SparkEngine, get_engine
from harmwatch.link.grade import grade
from harmwatch.link.merge import merge
from harmwatch.link.pending import LinkSummary, link_pending
from harmwatch.link.provenance import Provenance
from harmwatch.link.syndication import find_copies
from harmwatch.link.synthetic import synthetic_incidents

__all__ = [
    "DuckDBEngine",
    "LinkEngine",
    "LinkSummary",
    "Provenance",
    "SparkEngine",
    "find_copies",
    "get_engine",
    "grade",
    "link_pending",
    "merge",
    "synthetic_incidents",
]
