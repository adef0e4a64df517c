"""Find the publication date a report states at its top (its dateline).

Wire copy and monitoring bulletins open with a date: "Tue 05 Jul 2016 at 0914",
"28 April 2016 -", "April 28, 2016 ...", "2016-04-28". Only the first few
hundred characters are searched, so a date in the body is never mistaken for
the publication date.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
]
HEAD_CHARS = 200


def find_dateline(text: str, *, head_chars: int = HEAD_CHARS) -> str | None:
    """The ISO date in the opening of ``text``, or None."""
    head = text[:head_chars]
    best: tuple[int, str] | None = None
    for pattern in _PATTERNS:
        m = pattern.search(head)
        if not m:
            continue
        month = int(m["mnum"]) if "mnum" in m.groupdict() and m["mnum"] else MONTHS[m["month"].lower()]
        try:
            iso = date(int(m["year"]), month, int(m["day"])).isoformat()
        except ValueError:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), iso)
    return best[1] if best else None
