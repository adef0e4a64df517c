"""The day a bulletin counts, resolved against the day it was published.

Bulletins say "By the end of Friday, 12 February 2016", "on Friday",
"yesterday", "today", "12-2-2016" or nothing at all. Numeric dates are read
day-first (the Syrian groups' habit) unless a weekday named beside them, or a
value above 12, says otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)"
_Y = r"(?:19|20)\d\d"

_FULL = [
    ("iso", re.compile(rf"\b(?P<y>{_Y})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})\b")),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<mon>{_MON})[\s,-]+(?P<y>{_Y})\b", re.I
        ),
    ),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_Y})\b", re.I)),
    (
        "num",
        re.compile(
            rf"(?<![\d/.-])(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_Y}|\d\d)(?![\d/.-])"
        ),
    ),
    (
        "dm",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_MON})(?![\w])(?![\s,-]+{_Y})", re.I
        ),
    ),
    (
        "md",
        re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+{_Y})(?![\d:])", re.I),
    ),
]
_WEEKDAY_RE = re.compile(rf"\b(?P<wd>{_WD})\b\.?", re.I)
_RELATIVE_RE = re.compile(
    r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|this\s+morning|"
    r"this\s+evening|past\s+24\s+hours|last\s+24\s+hours)\b",
    re.I,
)
_REPORTING = re.compile(
    r"(?:posted|published|updated|issued|released|last\s+modified)\s+(?:on|at)?\s*[:\-]?\s*$", re.I
)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # full | partial | weekday | relative
    day: dt.date | None = None  # for full dates
    weekday: int | None = None  # 0 = Monday
    relative: int | None = None  # days before published
    month: int | None = None
    dom: int | None = None
    reporting: bool = False  # "published on ..." rather than the day counted

    def resolve(self, published: dt.date | None) -> dt.date | None:
        if self.kind == "full":
            return self.day
        if published is None:
            return None
        if self.kind == "relative" and self.relative is not None:
            return published - dt.timedelta(days=self.relative)
        if self.kind == "weekday" and self.weekday is not None:
            back = (published.weekday() - self.weekday) % 7
            return published - dt.timedelta(days=back)
        if self.kind == "partial" and self.month and self.dom:
            for year in (published.year, published.year - 1):
                d = _mk(year, self.month, self.dom)
                if d is not None and d <= published + dt.timedelta(days=1):
                    return d
        return None


def parse_iso(value: str | None) -> dt.date | None:
    """The date part of an ISO date or datetime string; None if unreadable."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month(s: str) -> int | None:
    return MONTHS.get(s.lower().rstrip("."))


def _weekday_near(text: str, start: int, end: int) -> int | None:
    """A weekday written right before or after a date ("Friday, 12-2-2016")."""
    before = text[max(0, start - 14) : start]
    after = text[end : end + 14]
    m = re.search(rf"\b({_WD})\b\.?,?\s*(?:the\s+)?$", before, re.I)
    if not m:
        m = re.match(rf"^\s*[,(]?\s*({_WD})\b", after, re.I)
    if not m:
        return None
    return _weekday_index(m.group(1))


def _weekday_index(s: str) -> int | None:
    s = s.lower()
    for i, name in enumerate(WEEKDAYS):
        if name.startswith(s[:3]):
            return i
    return None


def find_dates(text: str) -> list[DateMention]:
    """Every date-like expression in ``text``, left to right, without overlaps."""
    found: list[DateMention] = []
    taken = bytearray(len(text) + 1)  # 1 where a date already read sits

    def free(s: int, e: int) -> bool:
        return 1 not in taken[s:e]

    def take(s: int, e: int) -> None:
        taken[s:e] = b"\x01" * (e - s)

    for kind, rx in _FULL:
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            dm = _from_match(kind, m, text)
            if dm is None:
                continue
            dm.reporting = bool(_REPORTING.search(text[max(0, m.start() - 30) : m.start()]))
            found.append(dm)
            take(m.start(), m.end())
    for m in _RELATIVE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        rel = m.group("rel").lower()
        days = 2 if rel.startswith("the day before") else 1 if rel in ("yesterday", "last night") else 0
        if "24" in rel:
            days = 0
        found.append(DateMention(m.start(), m.end(), m.group(0), "relative", relative=days))
        take(m.start(), m.end())
    for m in _WEEKDAY_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        # A weekday glued to a full date was read with it.
        if 1 in taken[m.end() : m.end() + 4] or 1 in taken[max(0, m.start() - 4) : m.start()]:
            continue
        wd = _weekday_index(m.group("wd"))
        if wd is None:
            continue
        found.append(DateMention(m.start(), m.end(), m.group(0), "weekday", weekday=wd))
    found.sort(key=lambda d: d.start)
    return found


def _from_match(kind: str, m: re.Match[str], text: str) -> DateMention | None:
    wd = _weekday_near(text, m.start(), m.end())
    if kind == "iso":
        d = _mk(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return DateMention(m.start(), m.end(), m.group(0), "full", day=d, weekday=wd) if d else None
    if kind in ("dmy", "mdy"):
        mon = _month(m.group("mon"))
        if mon is None:
            return None
        d = _mk(int(m.group("y")), mon, int(m.group("d")))
        return DateMention(m.start(), m.end(), m.group(0), "full", day=d, weekday=wd) if d else None
    if kind == "num":
        a, b = int(m.group("a")), int(m.group("b"))
        y = int(m.group("y"))
        if y < 100:
            y += 2000
        dmy, mdy = _mk(y, b, a), _mk(y, a, b)
        day: dt.date | None
        if dmy and mdy and dmy != mdy:
            # Day-first unless the weekday beside it says month-first.
            day = mdy if (wd is not None and mdy.weekday() == wd and dmy.weekday() != wd) else dmy
        else:
            day = dmy or mdy
        if day is None:
            return None
        return DateMention(m.start(), m.end(), m.group(0), "full", day=day, weekday=wd)
    if kind in ("dm", "md"):
        mon = _month(m.group("mon"))
        dom = int(m.group("d"))
        if mon is None or not 1 <= dom <= 31:
            return None
        # "may" as a verb ("may 12 people") is not a month.
        if m.group("mon").lower() == "may" and kind == "md" and not m.group(0)[0].isupper():
            return None
        return DateMention(m.start(), m.end(), m.group(0), "partial", month=mon, dom=dom, weekday=wd)
    return None
