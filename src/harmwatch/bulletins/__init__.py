"""Monitoring groups' daily tallies: read them, check them, reconcile them, write them.

* :func:`parse_bulletins` reads a report into :class:`~harmwatch.models.Bulletin`
  records (none for an ordinary news story).
* :func:`check` does the arithmetic: do the governorates add up to the totals,
  are children plus women no more than killed?
* :func:`reconcile` compares the bulletins stored for a day with the incidents on
  record for the same day and governorate.
* :func:`write_daily` writes a day's tally from the incident record, in the
  style of a bulletin, with every number traced to incidents and reports.
* :func:`day_view` and :func:`bulletins_text` are what the CLI prints.
"""

from __future__ import annotations

from harmwatch.bulletins.areas import resolve_governorate
from harmwatch.bulletins.check import check
from harmwatch.bulletins.daily import DailyTally, write_daily
from harmwatch.bulletins.parse import parse_bulletins
from harmwatch.bulletins.reconcile import Reconciliation, reconcile
from harmwatch.bulletins.view import DayView, bulletin_text, bulletins_text, day_view

__all__ = [
    "DailyTally",
    "DayView",
    "Reconciliation",
    "bulletin_text",
    "bulletins_text",
    "check",
    "day_view",
    "parse_bulletins",
    "reconcile",
    "resolve_governorate",
    "write_daily",
]
