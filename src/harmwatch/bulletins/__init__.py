"""Monitoring groups' daily tallies: read them, check them, reconcile them, write them.

* :func:`parse_bulletins` reads a report into :class:`~harmwatch.models.Bulletin`
  records (none for an ordinary news story).
* :func:`check` does the arithmetic: do the governorates add up to the totals,
  are children plus women no more than killed?
* :func:`reconcile` compares a stored bulletin with the incidents on record for
  the same day and governorate.
* :func:`write_daily` writes a day's tally from the incident record, in the
  style of a bulletin, with every number traced to incidents and reports.
"""

from __future__ import annotations

from harmwatch.bulletins.areas import resolve_governorate
from harmwatch.bulletins.check import check
from harmwatch.bulletins.parse import parse_bulletins

__all__ = ["check", "parse_bulletins", "resolve_governorate"]
