"""Link reports of one event into incidents; merge them with provenance; grade them.

link_pending(store)   the pipeline step: new per-report records -> merged incidents
merge(members)        one incident from per-report records (rules in link.merge)
grade(incident, ...)  confirmed | fair | weak | contested | discounted (rules in link.grade)
find_copies(reports)  syndicated copies of one wire story
"""

from __future__ import annotations

from harmwatch.link.grade import grade
from harmwatch.link.merge import merge
from harmwatch.link.provenance import Provenance
from harmwatch.link.syndication import find_copies

__all__ = ["Provenance", "find_copies", "grade", "merge"]
