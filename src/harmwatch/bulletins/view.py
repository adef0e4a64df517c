"""What ``harmwatch bulletins`` prints: stored bulletins, a day's tally, a reconciliation.

One call per command form, so the CLI and the API stay thin:

* no date: :func:`bulletins_text` / ``[b.to_dict() for b in store.list_bulletins()]``;
* ``--date D``: :func:`day_view` (the stored bulletins of D plus the tally written
  from the record), and with ``--reconcile`` the comparison as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harmwatch.bulletins.daily import DailyTally, write_daily
from harmwatch.bulletins.reconcile import Reconciliation, reconcile
from harmwatch.bulletins.record import check_date, safe
from harmwatch.models import Bulletin, Range
from harmwatch.store import Store


def _r(r: Range | None) -> str:
    if r is None:
        return "-"
    if r.best is not None and r.high is None and r.low == r.best:
        return f"at least {r.best}"
    return str(r.best if r.best is not None else f">={r.low}")


def bulletin_text(b: Bulletin) -> str:
    """One stored bulletin as a few readable lines."""
    t = b.totals
    out = [
        f"{b.date or 'day unknown'}  {safe(b.source or 'group unknown', 60)}  {b.id}"
        + (f"  (report {b.report_id})" if b.report_id else ""),
        f"  total: killed {_r(t.killed)}, children {_r(t.children)}, women {_r(t.women)}"
        + (f"; {safe(t.notes, 200)}" if t.notes else ""),
    ]
    for a in b.by_area:
        line = (
            f"  - {safe(a.area, 60)}"
            + (f" ({a.admin1_pcode})" if a.admin1_pcode else "")
            + f": killed {_r(a.killed)}, children {_r(a.children)}, women {_r(a.women)}"
        )
        if a.notes:
            line += f"; {safe(a.notes, 160)}"
        out.append(line)
    out.append("  consistent" if b.consistent else "  NOT consistent:")
    out.extend(f"    ! {safe(d, 300)}" for d in b.discrepancies)
    if not b.complete:
        out.append("  incomplete:")
        out.extend(f"    ? {safe(r, 300)}" for r in b.incomplete_reasons)
    return "\n".join(out) + "\n"


def bulletins_text(bulletins: list[Bulletin]) -> str:
    if not bulletins:
        return "No bulletins stored.\n"
    return "\n".join(bulletin_text(b) for b in bulletins)


@dataclass
class DayView:
    """A day: the bulletins stored for it, the tally from the record, perhaps a reconciliation."""

    date: str
    bulletins: list[Bulletin]
    tally: DailyTally
    reconciliation: Reconciliation | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "date": self.date,
            "bulletins": [b.to_dict() for b in self.bulletins],
            "tally": self.tally.to_dict(),
        }
        if self.reconciliation is not None:
            d["reconciliation"] = self.reconciliation.to_dict()
        return d

    def to_text(self) -> str:
        parts = [self.tally.to_text()]
        if self.bulletins:
            parts.append(f"Bulletins stored for {self.date}:\n" + bulletins_text(self.bulletins))
        if self.reconciliation is not None:
            parts.append(self.reconciliation.to_text())
        return "\n".join(parts)


def day_view(store: Store, date: str, *, reconcile_: bool = False, area: str | None = None) -> DayView:
    """Everything ``harmwatch bulletins --date D [--reconcile]`` shows."""
    day = check_date(date)
    view = DayView(day, store.list_bulletins(date=day), write_daily(store, day))
    if reconcile_:
        view.reconciliation = reconcile(store, day, area=area)
    return view
