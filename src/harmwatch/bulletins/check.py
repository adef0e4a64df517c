"""Does a bulletin add up? The arithmetic a careful reader does by hand.

The checks (the first three for killed, children and women each):

* the governorate lines add up to the national total;
* children plus women are no more than killed, nationally and on every line;
* a line's children or women are no more than its killed;
* no governorate is listed twice.

A total written "at least N" is met by any sum of N or more. A figure that is
not given is not checked (a line without children is not read as "0 children"
unless some other line gives children; then the missing ones count as zero for
the sum, which is how groups write them). Every problem becomes one readable
sentence in ``discrepancies``.
"""

from __future__ import annotations

import re

from harmwatch.models import Bulletin, Range

_ROLES = ("killed", "children", "women")


def _value(r: Range | None) -> int | None:
    if r is None:
        return None
    return r.best if r.best is not None else r.low


def _open_ended(r: Range) -> bool:
    return r.high is None and r.low is not None


def check(bulletin: Bulletin) -> Bulletin:
    """Set ``consistent`` and ``discrepancies`` (keeping any the parser found)."""
    # Keep what the parser found; drop this function's own earlier sentences so
    # that checking twice gives the same list.
    found = [d for d in bulletin.discrepancies if not _OWN_RE.match(d)]
    own: list[str] = []
    totals = bulletin.totals
    areas = bulletin.by_area
    for role in _ROLES:
        total = getattr(totals, role)
        parts = [_value(getattr(a, role)) for a in areas]
        given = [p for p in parts if p is not None]
        if total is None or not given:
            continue
        t = _value(total)
        if t is None:
            continue
        s = sum(given)
        if s == t or (_open_ended(total) and s >= t):
            continue
        if role == "killed" and len(given) < len(parts):
            missing = [a.area for a in areas if _value(a.killed) is None]
            own.append(
                f"killed: the governorates add up to {s} but the total is {t} "
                f"({t - s:+d}); no figure for {', '.join(missing)}"
            )
            continue
        word = "more" if s > t else "fewer"
        own.append(f"{role}: the governorates add up to {s}, {abs(s - t)} {word} than the total of {t}")
    seen: dict[tuple[str, str | None], list[int | None]] = {}
    for a in areas:
        seen.setdefault((a.area, a.admin1_pcode), []).append(_value(a.killed))
    for (name, _), values in seen.items():
        if len(values) > 1:
            figures = " and ".join("?" if v is None else str(v) for v in values)
            own.append(f"{name} is listed {len(values)} times ({figures} killed)")
    own.extend(_subtotal_checks("nationally", totals.killed, totals.children, totals.women))
    for a in areas:
        own.extend(_subtotal_checks(f"in {a.area}", a.killed, a.children, a.women))
    bulletin.discrepancies = found + own
    bulletin.consistent = not bulletin.discrepancies
    return bulletin


_OWN_RE = re.compile(
    r"^(?:(?:killed|children|women): the governorates add up to "
    r"|(?:nationally|in .+?): \d+ (?:children|women) (?:but only|and)"
    r"|.+ is listed \d+ times \()"
)


def _subtotal_checks(
    where: str, killed: Range | None, children: Range | None, women: Range | None
) -> list[str]:
    out: list[str] = []
    k, c, w = _value(killed), _value(children), _value(women)
    if k is None:
        return out
    if c is not None and c > k:
        out.append(f"{where}: {c} children but only {k} killed")
    if w is not None and w > k:
        out.append(f"{where}: {w} women but only {k} killed")
    if c is not None and w is not None and c <= k and w <= k and c + w > k:
        out.append(f"{where}: {c} children and {w} women make {c + w}, more than the {k} killed")
    return out
